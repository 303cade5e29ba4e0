/* The AArch64 vCPU: architectural state, with the JIT's guest-neutral header
 * at offset 0 so that the env pointer of generated code is an ArmCpu *.
 *
 * Condition flags are kept in four 64-bit words, each cheap to produce from
 * a result and cheap to test, so that liveness can drop the ones nobody reads:
 *   N is bit 63 of nf, Z is (zf == 0), C is (cf != 0), V is bit 63 of vf.
 * 32-bit operations sign-extend their results into nf/zf/vf. */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/trace.h"
#include "jit/jit-cpu.h"
#include "target-arm/sysregs.h"
#include "target-arm/timer.h"

struct AddressSpace;
struct ArmMachineOps;
struct Gic;

/* PSTATE bits as they appear in SPSR_ELx (Arm ARM C5.2.19). */
#define PSTATE_N     (1u << 31)
#define PSTATE_Z     (1u << 30)
#define PSTATE_C     (1u << 29)
#define PSTATE_V     (1u << 28)
#define PSTATE_SS    (1u << 21)
#define PSTATE_IL    (1u << 20)
#define PSTATE_D     (1u << 9)
#define PSTATE_A     (1u << 8)
#define PSTATE_I     (1u << 7)
#define PSTATE_F     (1u << 6)
#define PSTATE_DAIF  (PSTATE_D | PSTATE_A | PSTATE_I | PSTATE_F)
#define PSTATE_nRW   (1u << 4)          /* 1 = AArch32: never set by armlet */
#define PSTATE_M     0xfu               /* M[3:0]: EL and SP selection */

/* MMU indexes into the softmmu TLB. */
enum { ARM_MMU_EL0 = 0, ARM_MMU_EL1 = 1, ARM_MMU_COUNT };

/* vCPU power state (PSCI's view, docs/psci.md): ON_PENDING is a CPU that
 * CPU_ON started and that has not run yet; the scheduler runs it like ON. */
typedef enum ArmPowerState {
    ARM_POWER_OFF,
    ARM_POWER_ON,
    ARM_POWER_ON_PENDING,
} ArmPowerState;

/* System-wide power events a CPU can request (PSCI). */
typedef enum ArmSystemEvent {
    ARM_SYSTEM_OFF,
    ARM_SYSTEM_RESET,
} ArmSystemEvent;

typedef struct ArmCpu {
    JitCpu jit;                     /* must be first: env == JitCpu * */

    /* ---- IR globals (registered in target-arm/translate.c) ---- */
    uint64_t x[31];                 /* X0..X30 */
    uint64_t sp;                    /* the current SP (SP_EL0 or SP_EL1 per PSTATE.SP) */
    uint64_t pc;
    uint64_t nf, zf, cf, vf;        /* NZCV, see above */

    /* ---- the rest of PSTATE ---- */
    uint32_t daif;                  /* PSTATE_D|A|I|F bits, in SPSR positions */
    uint32_t el;                    /* current exception level, 0 or 1 */
    uint32_t spsel;                 /* PSTATE.SP: 1 = SP_ELx at EL1 */
    uint32_t pstate_ss_il;          /* SS and IL bits, kept for SPSR round trips */

    /* the stack pointer not currently in use: sp_el[0] = SP_EL0, [1] = SP_EL1 */
    uint64_t sp_el[2];

    ArmSysregs sr;                  /* system registers (sysregs.h) */

    /* ---- exclusive monitor (Arm ARM B2.9) ---- */
    uint64_t excl_addr;             /* virtual address; UINT64_MAX when open */
    uint64_t excl_val, excl_val2;
    uint32_t excl_size;
    uint64_t excl_gen;              /* exclusive-store clock at the load (helper-ldst.c) */

    /* ---- FP/SIMD (the FP/SIMD issue uses these) ---- */
    uint64_t vreg[32][2] __attribute__((aligned(16)));
    uint32_t fpcr, fpsr;

    /* ---- outside the architecture ---- */
    ArmPowerState power;
    bool halted;                    /* in WFI, waiting for an interrupt */
    bool event;                     /* the event register (D1.16.1): SEV/SEVL set it,
                                       WFE consumes it */
    bool halted_wfe;                /* the halt is a WFE: an event also ends it */
    /* PSCI power-down suspend: when the halt ends, the CPU restarts at
     * resume_entry with x0 = resume_ctx (DEN0022 5.1.2) */
    bool resume_pending;
    uint64_t resume_entry, resume_ctx;
    ArmTimers timers;               /* generic timer outputs and deadlines (timer.h) */
    struct Gic *gicv3;              /* GICv3 whose CPU interface (ICC_*) this vCPU
                                       has; NULL: ICC_* are UNDEFINED */
    uint64_t mpidr;
    int index;
    struct AddressSpace *as;
    const struct ArmMachineOps *mops;
    void *machine;                  /* the board, for mops */
    /* exception being taken by the run loop after a longjmp, if any */
    uint64_t insns_executed;
    /* insn_budget when insns_executed was last brought up to date: blocks
     * entered since (native chains run without returning) are
     * budget_sync - jit.insn_budget more (arm_cpu_icount) */
    int64_t budget_sync;
    /* ---- debugger (target-arm/gdb-target.c, cpu-exec.c) ---- */
    bool debug_stop;                /* a gdb watchpoint abandoned the instruction
                                       at PC: the run loop returns ARM_RUN_DEBUG */
    bool debug_watch_skip;          /* the next instruction executed ignores gdb
                                       watchpoints (resuming from one) */
} ArmCpu;

/* What the board provides to the CPU: hooks for the calls the architecture
 * leaves to the platform. */
typedef struct ArmMachineOps {
    /* HVC/SMC on the PSCI conduit: handle the call, writing results into
     * x0..x3. Return false to let the instruction behave architecturally. */
    bool (*hvc_call)(ArmCpu *cpu, bool is_smc);
    /* The guest asked for power-off or reset (PSCI SYSTEM_OFF/RESET). */
    void (*system_event)(ArmCpu *cpu, ArmSystemEvent ev);
    /* cpu's power or halt state changed (PSCI CPU_ON/CPU_OFF, an SEV
     * ending its WFE): the scheduler should look at it again. */
    void (*power_changed)(ArmCpu *cpu);
    /* The guest asked to end the run with this exit status (semihosting
     * SYS_EXIT). */
    void (*guest_exit)(ArmCpu *cpu, int status);
    /* Is an IRQ / FIQ line asserted for this CPU (the GIC's output)? */
    bool (*irq_pending)(ArmCpu *cpu, bool fiq);
} ArmMachineOps;

static inline ArmCpu *arm_cpu(JitCpu *j)
{
    return (ArmCpu *)j;
}

/* MMU index for an exception level. */
static inline int arm_mmu_idx(int el)
{
    return el == 0 ? ARM_MMU_EL0 : ARM_MMU_EL1;
}

/* NZCV as the 4-bit value of PSTATE[31:28]. */
uint32_t arm_get_nzcv(const ArmCpu *cpu);
void arm_set_nzcv(ArmCpu *cpu, uint32_t nzcv);   /* nzcv in bits 31:28 */
/* The whole PSTATE in SPSR format, and writing one back (ERET). */
uint32_t arm_get_pstate(const ArmCpu *cpu);
void arm_set_pstate(ArmCpu *cpu, uint32_t spsr);
/* Switch the current SP to the one PSTATE now selects (after el/spsel change). */
void arm_swap_sp(ArmCpu *cpu, int old_el, int old_spsel);

void arm_cpu_init(ArmCpu *cpu, int index, uint64_t mpidr, struct AddressSpace *as,
                  const ArmMachineOps *mops, void *machine);
/* Architectural reset into EL1h with the MMU off, then the arm64 boot
 * protocol's entry state (x0 = dtb, PC = entry). */
void arm_cpu_reset(ArmCpu *cpu, uint64_t entry, uint64_t x0);
/* Power a CPU on at entry with x0 (PSCI CPU_ON and power-down resume):
 * arm_cpu_reset plus the timer outputs recomputed. */
void arm_cpu_power_on(ArmCpu *cpu, uint64_t entry, uint64_t x0);
/* A halted vCPU's halt ends (a wake-up event is pending): resumes a
 * power-down suspend at its entry point. */
void arm_cpu_end_halt(ArmCpu *cpu);

/* Instructions this vCPU has executed, including the blocks it has
 * entered in the current run (deterministic time reads it mid-block). */
static inline uint64_t arm_cpu_icount(const ArmCpu *cpu)
{
    return cpu->insns_executed + (uint64_t)(cpu->budget_sync - cpu->jit.insn_budget);
}

static inline bool arm_cpu_is_on(const ArmCpu *cpu)
{
    return cpu->power != ARM_POWER_OFF;
}

/* The vCPU's state as the boot-flow trace draws it (emu/trace.h); a CPU
 * that may execute is RUNNABLE (the trace knows when it runs). */
static inline TraceCpuState arm_cpu_trace_state(const ArmCpu *cpu)
{
    if (cpu->power == ARM_POWER_OFF) {
        return TRACE_OFF;
    }
    if (cpu->halted) {
        return cpu->resume_pending ? TRACE_SUSPENDED : TRACE_HALTED;
    }
    return TRACE_RUNNABLE;
}

#endif
