/* System registers: the storage, and the table that describes each register
 * (encoding, name, access rules per EL, reset value, hooks). The rows are
 * split by group (sysreg-table.c: PSTATE and exception registers and the
 * lookup; sysreg-id.c: identification; sysreg-vmsa.c: the translation
 * regime; sysreg-debug.c: debug and PMU; sysreg-timer.c: the counter and
 * timers; sysreg-gic.c: the GICv3 CPU interface; sysinsn-table.c: the SYS
 * instructions DC, IC, AT, TLBI, which use the
 * same rows with op0 = 1). MRS/MSR/SYS go through arm_sysreg_find(). */
#ifndef TARGET_ARM_SYSREGS_H
#define TARGET_ARM_SYSREGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Storage for every register that is plain state. Registers computed on
 * access (ID registers, counters, NZCV, DAIF, CurrentEL...) have hooks and
 * no field here. */
typedef struct ArmSysregs {
    uint64_t sctlr_el1, actlr_el1, cpacr_el1;
    uint64_t ttbr0_el1, ttbr1_el1, tcr_el1;
    uint64_t mair_el1, amair_el1;
    uint64_t esr_el1, far_el1, elr_el1, spsr_el1, par_el1;
    uint64_t afsr0_el1, afsr1_el1;
    uint64_t vbar_el1, contextidr_el1;
    uint64_t tpidr_el0, tpidr_el1, tpidrro_el0;
    uint64_t csselr_el1;
    uint64_t mdscr_el1, oslsr_el1, osdlr_el1, mdccint_el1;
    uint64_t cntkctl_el1, cntfrq_el0;
    uint64_t cntv_ctl_el0, cntv_cval_el0, cntp_ctl_el0, cntp_cval_el0, cntvoff_el2;
    uint64_t spsr_abt, spsr_und, spsr_irq, spsr_fiq;
    uint64_t dbg_bvr[16], dbg_bcr[16], dbg_wvr[16], dbg_wcr[16];
    uint64_t dbgclaim;
    uint64_t pmcr_el0, pmuserenr_el0, pmselr_el0, pmintenset_el1, pmcntenset_el0,
             pmovsset_el0, pmccfiltr_el0;
} ArmSysregs;

/* Encoding of MRS/MSR/SYS: op0:op1:CRn:CRm:op2 as in the instruction (bits
 * 20:5 of MRS), so table keys are the numbers the Arm ARM lists. */
#define ARM_SYSREG(op0, op1, crn, crm, op2) \
    (((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
#define ARM_SYSREG_OP0(key) (((key) >> 14) & 3)
#define ARM_SYSREG_OP1(key) (((key) >> 11) & 7)
#define ARM_SYSREG_CRN(key) (((key) >> 7) & 15)
#define ARM_SYSREG_CRM(key) (((key) >> 3) & 15)
#define ARM_SYSREG_OP2(key) ((key) & 7)

/* FP/AdvSIMD: ID_AA64PFR0_EL1 reports them and FPCR/FPSR exist. While the
 * FP/SIMD issue is in progress, encodings not yet translated UNDEF and are
 * named under -d unimp; 0 would hide FP from the guest again. */
#define ARM_FP_IMPLEMENTED 1

/* The generic counter's frequency: QEMU virt's 62.5 MHz, so guests and
 * device trees made for it time correctly. */
#define ARM_CNTFRQ_HZ 62500000ull

struct ArmCpu;

/* Access rules: which ELs may read/write (for SYS instructions: "write" =
 * execute), and whether the access ends the translation block. */
enum {
    SR_R0 = 1, SR_W0 = 2,              /* EL0 read / write */
    SR_R1 = 4, SR_W1 = 8,              /* EL1 read / write */
    SR_RW1 = SR_R1 | SR_W1,
    SR_RW01 = SR_R0 | SR_W0 | SR_R1 | SR_W1,
    SR_IO = 16,                        /* writes change translation state, TB flags
                                          or interrupt masking: end the block */
};

typedef enum ArmSysregAccess {
    SR_OK,
    SR_UNDEF,          /* UNDEFINED at this EL: an Unknown-reason exception */
    SR_TRAP,           /* trapped by a control bit: EC 0x18 to EL1 */
    SR_TRAP_FP,        /* FP access trapped by CPACR_EL1.FPEN: EC 0x07 */
} ArmSysregAccess;

typedef struct ArmSysregInfo {
    const char *name;
    uint32_t key;                      /* ARM_SYSREG(...) */
    uint32_t access;                   /* SR_* */
    int32_t offset;                    /* offsetof(ArmCpu, ...), or -1: then reads
                                          give `reset` (a constant) unless read is set,
                                          and writes are ignored unless write is set */
    uint64_t reset;
    uint64_t res0;                     /* bits that read as zero and ignore writes */
    uint64_t res1;                     /* bits that read as one and ignore writes */
    /* Optional: run-time access checks (control bits gating EL0 access...). */
    ArmSysregAccess (*check)(struct ArmCpu *cpu, const struct ArmSysregInfo *ri, bool write);
    uint64_t (*read)(struct ArmCpu *cpu, const struct ArmSysregInfo *ri);
    void (*write)(struct ArmCpu *cpu, const struct ArmSysregInfo *ri, uint64_t value);
} ArmSysregInfo;

/* The row for an encoding, or NULL if armlet does not implement it (the
 * access is then UNDEFINED). Reserved encodings of the ID space (op0 = 3,
 * op1 = 0, CRn = 0, CRm = 1..7) answer with a read-as-zero row. */
const ArmSysregInfo *arm_sysreg_find(uint32_t key);
/* Does the row allow this access at this EL (the static rule)? */
bool arm_sysreg_el_allows(const ArmSysregInfo *ri, int el, bool write);
/* Read / write through the row: hooks, else storage (with RES0/RES1
 * applied on writes), else the constant / write-ignored. No access checks. */
uint64_t arm_sysreg_read(struct ArmCpu *cpu, const ArmSysregInfo *ri);
void arm_sysreg_write(struct ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t value);
/* Reset every table register with storage. */
void arm_sysregs_reset(struct ArmCpu *cpu);

/* The physical count (CNTPCT_EL0): host monotonic time at ARM_CNTFRQ_HZ,
 * counting from the first call. */
uint64_t arm_counter_now(void);

#endif
