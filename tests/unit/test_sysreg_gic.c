/* The GICv3 CPU interface as system registers (target-arm/sysreg-gic.c):
 * UNDEFINED without a GICv3, EL1-only, read-only and write-only registers
 * UNDEFINED in the other direction (IHI 0069 12.2), and MRS/MSR reaching
 * the right GIC register (an SGI to self acknowledged through ICC_IAR1).
 * Encodings are the op0/op1/CRn/CRm/op2 of IHI 0069 12.2, written out. */
#include "tests/unit/test.h"

#include "hw/gic.h"
#include "target-arm/sysreg-internal.h"
#include "tests/unit/arm_harness.h"

#define BOTH(name)                                                          \
    static void name(JitMode jit);                                          \
    TEST(name##_interp) { name(JIT_INTERP); }                               \
    TEST(name##_native) { name(JIT_NATIVE); }

#define IL (1ull << 25)
#define MRS(op1, crn, crm, op2, rt)                                         \
    (0xd5380000u | (op1) << 16 | (crn) << 12 | (crm) << 8 | (op2) << 5 | (rt))
#define MSR(op1, crn, crm, op2, rt)                                         \
    (0xd5180000u | (op1) << 16 | (crn) << 12 | (crm) << 8 | (op2) << 5 | (rt))

#define SRE_RD(rt)     MRS(0, 12, 12, 5, rt)
#define PMR_RD(rt)     MRS(0, 4, 6, 0, rt)
#define PMR_WR(rt)     MSR(0, 4, 6, 0, rt)
#define IAR1_RD(rt)    MRS(0, 12, 12, 0, rt)
#define IAR1_WR(rt)    MSR(0, 12, 12, 0, rt)
#define EOIR1_RD(rt)   MRS(0, 12, 12, 1, rt)
#define EOIR1_WR(rt)   MSR(0, 12, 12, 1, rt)
#define SGI1R_WR(rt)   MSR(0, 12, 11, 5, rt)
#define IGRPEN1_WR(rt) MSR(0, 12, 12, 7, rt)
#define HPPIR1_RD(rt)  MRS(0, 12, 12, 2, rt)

#define GICD_CTLR 0x08000000ull
#define GICR_SGI 0x080b0000ull         /* CPU 0's SGI_base */

static Gic *gic;   /* kept reachable: the harness's address space maps it */

static ArmHarness *setup(JitMode jit, int gic_version)
{
    ArmHarness *h = harness_new(jit);

    if (gic_version) {
        gic = gic_create(h->as, gic_version, 1, NULL);
        h->cpu->gicv3 = gic_version == 3 ? gic : NULL;
    }
    return h;
}

/* Run insns; HARNESS_DONE or the exception's ESR is checked by callers. */
static HarnessStop run(ArmHarness *h, const uint32_t *insns, unsigned n, bool el0)
{
    harness_load(h, insns, n);
    if (el0) {
        harness_set_el0(h);
    }
    return harness_run(h, 100);
}

static void expect_undef(ArmHarness *h, uint32_t insn, bool el0)
{
    CHECK_EQ(run(h, &insn, 1, el0), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, IL);
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE);
}

BOTH(icc_undefined_without_gicv3)
static void icc_undefined_without_gicv3(JitMode jit)
{
    ArmHarness *h = setup(jit, 0);

    expect_undef(h, SRE_RD(1), false);
    expect_undef(h, PMR_WR(1), false);
    /* a GICv2 has no system-register interface either */
    h = setup(jit, 2);
    expect_undef(h, SRE_RD(1), false);
    expect_undef(h, IAR1_RD(1), false);
}

BOTH(icc_access_rules)
static void icc_access_rules(JitMode jit)
{
    ArmHarness *h = setup(jit, 3);
    const uint32_t code[] = { SRE_RD(1), PMR_WR(2), PMR_RD(3) };

    h->cpu->x[2] = 0xff;
    CHECK_EQ(run(h, code, 3, false), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[1] & 1, 1);           /* SRE */
    CHECK_EQ(h->cpu->x[3], 0xf8);            /* 5 priority bits implemented */
    expect_undef(h, EOIR1_RD(1), false);     /* write-only */
    expect_undef(h, IAR1_WR(1), false);      /* read-only */
    expect_undef(h, PMR_RD(1), true);        /* EL1 only */
}

BOTH(icc_sgi_to_self)
static void icc_sgi_to_self(JitMode jit)
{
    ArmHarness *h = setup(jit, 3);
    Gic *g = h->cpu->gicv3;
    /* msr icc_pmr, x1 ; msr icc_igrpen1, x2 ; msr icc_sgi1r, x3 ;
     * mrs x4, icc_hppir1 ; mrs x5, icc_iar1 ; msr icc_eoir1, x5 ;
     * mrs x6, icc_hppir1 */
    const uint32_t code[] = { PMR_WR(1), IGRPEN1_WR(2), SGI1R_WR(3), HPPIR1_RD(4), IAR1_RD(5),
                              EOIR1_WR(5), HPPIR1_RD(6) };

    CHECK_EQ(as_write(h->as, GICD_CTLR, 4, 2), MEMTX_OK);              /* EnableGrp1 */
    CHECK_EQ(as_write(h->as, GICR_SGI + 0x80, 4, ~0u), MEMTX_OK);      /* IGROUPR0 */
    CHECK_EQ(as_write(h->as, GICR_SGI + 0x100, 4, 1u << 7), MEMTX_OK); /* ISENABLER0 */
    h->cpu->x[1] = 0xff;
    h->cpu->x[2] = 1;
    h->cpu->x[3] = 7ull << 24 | 1;      /* INTID 7, Aff3.2.1 = 0, TargetList = Aff0 0 */
    CHECK_EQ(run(h, code, 7, false), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[4], 7);
    CHECK_EQ(h->cpu->x[5], 7);
    CHECK_EQ(h->cpu->x[6], 1023);
    CHECK(!gic_irq_pending(g, 0, false));
}

TEST(icc_rows_follow_the_gic_list)
{
    for (size_t i = 0; i < arm_sysregs_gic.n; i++) {
        const ArmSysregInfo *ri = &arm_sysregs_gic.rows[i];

        CHECK(arm_sysreg_find(ri->key) == ri);
        CHECK_STREQ(ri->name, gicv3_cpuif_name((GicCpuifReg)i));
        CHECK_EQ(ri->access & (SR_R0 | SR_W0), 0);
    }
    CHECK_EQ(arm_sysregs_gic.n, GIC_ICC_NUM);
}
