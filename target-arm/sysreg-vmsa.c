/* Registers of the EL1&0 translation regime and the EL1 control registers
 * (Arm ARM D13.2: SCTLR_EL1, TCR_EL1, TTBR0/1_EL1, MAIR_EL1, CPACR_EL1...).
 *
 * The softmmu TLB caches the result of walks made with these registers, so
 * a write that changes SCTLR_EL1, TCR_EL1, TTBR0/1_EL1 or MAIR_EL1 flushes
 * this vCPU's TLB and jump cache. That includes an ASID change through
 * TTBRx: the TLB is not tagged with ASIDs, so a flush is the simplest
 * correct choice (the architecture only requires that entries of other
 * ASIDs are not used; dropping them is allowed). These rows are SR_IO: the
 * translation block ends after the write, so the next instruction is
 * fetched and translated under the new regime and TB flags. */
#include "target-arm/sysreg-internal.h"

#include "target-arm/arm-jit.h"

#define HI32 0xffffffff00000000ull

void arm_sysreg_flush_tlb(ArmCpu *cpu)
{
    arm_cpu_flush_tlb(cpu);
}

/* Storage write that flushes the TLB when the value changes. */
static void regime_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    uint64_t *p = (uint64_t *)((char *)cpu + ri->offset);

    if (*p != v) {
        *p = v;
        arm_sysreg_flush_tlb(cpu);
    }
}

#define SR_REGIME(nm, o0, o1, n, m, o2, field, rst, r0, r1)                       \
    { .name = nm, .key = ARM_SYSREG(o0, o1, n, m, o2), .access = SR_RW1 | SR_IO,  \
      .offset = (int32_t)offsetof(ArmCpu, sr.field), .reset = (rst), .res0 = (r0), \
      .res1 = (r1), .write = regime_write }

/* TCR_EL1: fields up to TBI1 (bit 38) exist in ARMv8.0; bit 6 and bit 35
 * are RES0, as is everything from HA (bit 39, FEAT_HAFDBS) up. */
#define TCR_RES0 (~((1ull << 39) - 1) | 1ull << 6 | 1ull << 35)

/* CPACR_EL1: only FPEN (bits 21:20) exists without trace and SVE. The TB
 * flags include FPEN, so writes end the block. */
#define CPACR_RES0 (~(3ull << 20))

static const ArmSysregInfo vmsa_rows[] = {
    SR_REGIME("SCTLR_EL1", 3, 0, 1, 0, 0, sctlr_el1, SCTLR_EL1_RES1, HI32, SCTLR_EL1_RES1),
    SR_STORE("ACTLR_EL1", 3, 0, 1, 0, 1, SR_RW1, actlr_el1, 0, 0),
    SR_STORE("CPACR_EL1", 3, 0, 1, 0, 2, SR_RW1 | SR_IO, cpacr_el1, 0, CPACR_RES0),
    SR_REGIME("TTBR0_EL1", 3, 0, 2, 0, 0, ttbr0_el1, 0, 0, 0),
    SR_REGIME("TTBR1_EL1", 3, 0, 2, 0, 1, ttbr1_el1, 0, 0, 0),
    SR_REGIME("TCR_EL1", 3, 0, 2, 0, 2, tcr_el1, 0, TCR_RES0, 0),
    SR_STORE("PAR_EL1", 3, 0, 7, 4, 0, SR_RW1, par_el1, 0, 0),
    SR_REGIME("MAIR_EL1", 3, 0, 10, 2, 0, mair_el1, 0, 0, 0),
    SR_STORE("AMAIR_EL1", 3, 0, 10, 3, 0, SR_RW1, amair_el1, 0, 0),
    SR_STORE("VBAR_EL1", 3, 0, 12, 0, 0, SR_RW1, vbar_el1, 0, 0x7ffull),
    SR_STORE("CONTEXTIDR_EL1", 3, 0, 13, 0, 1, SR_RW1, contextidr_el1, 0, HI32),
};
SR_GROUP(arm_sysregs_vmsa, vmsa_rows);
