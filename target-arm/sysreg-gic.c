/* The GICv3 CPU interface system registers ICC_*_EL1 (IHI 0069 12.2), one
 * row per entry of hw/gic.h's GIC_CPUIF_REGS, forwarded to the GIC the
 * vCPU is attached to (cpu->gicv3). With a GICv2, or no GIC, the vCPU has
 * no system-register interface: every ICC_* access is UNDEFINED (ID
 * registers do not advertise FEAT_GICv3 then either).
 *
 * Access rules (IHI 0069 12.2 "Configurations"): EL1 only; the
 * acknowledge/status registers (IAR, HPPIR, RPR) are read-only and the
 * EOI, deactivate and SGI generation registers write-only, the other
 * direction being UNDEFINED. ICC_SRE_EL1.SRE reads 1 (the GIC answers 0x7),
 * so EL1 accesses are always enabled. Writes are not SR_IO: when one
 * changes the vCPU's IRQ/FIQ output, the board's GIC output callback asks
 * the running vCPU to leave its block, and the interrupt is taken there. */
#include "target-arm/sysreg-internal.h"

#include "hw/gic.h"

#define ICC_BIT(r) (1u << GIC_ICC_##r)
#define ICC_READ_ONLY                                                                \
    (ICC_BIT(IAR0) | ICC_BIT(IAR1) | ICC_BIT(HPPIR0) | ICC_BIT(HPPIR1) | ICC_BIT(RPR))
#define ICC_WRITE_ONLY                                                               \
    (ICC_BIT(EOIR0) | ICC_BIT(EOIR1) | ICC_BIT(DIR) | ICC_BIT(SGI0R) | ICC_BIT(SGI1R) | \
     ICC_BIT(ASGI1R))
#define ICC_ACCESS(r)                                                                \
    ((ICC_READ_ONLY & ICC_BIT(r)) ? SR_R1 : (ICC_WRITE_ONLY & ICC_BIT(r)) ? SR_W1 : SR_RW1)

static ArmSysregAccess icc_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    return cpu->gicv3 ? SR_OK : SR_UNDEF;
}

static uint64_t icc_read(ArmCpu *cpu, const ArmSysregInfo *ri);
static void icc_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v);

#define ICC_ROW(r, o0, o1, n, m, o2)                                                 \
    { .name = "ICC_" #r "_EL1", .key = ARM_SYSREG(o0, o1, n, m, o2),                 \
      .access = ICC_ACCESS(r), .offset = -1, .check = icc_check, .read = icc_read,    \
      .write = icc_write },

/* In GicCpuifReg order, so a row's index is its register. */
static const ArmSysregInfo icc_rows[] = {
    GIC_CPUIF_REGS(ICC_ROW)
};
SR_GROUP(arm_sysregs_gic, icc_rows);

_Static_assert(sizeof icc_rows / sizeof icc_rows[0] == GIC_ICC_NUM, "one row per ICC register");

static GicCpuifReg icc_reg(const ArmSysregInfo *ri)
{
    return (GicCpuifReg)(ri - icc_rows);
}

static uint64_t icc_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return gicv3_cpuif_read(cpu->gicv3, cpu->index, icc_reg(ri));
}

static void icc_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    gicv3_cpuif_write(cpu->gicv3, cpu->index, icc_reg(ri), v);
}
