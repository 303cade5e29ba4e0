/* Scalar FP instructions on the harness CPU: the CPACR_EL1.FPEN trap
 * (Arm ARM D13.2.30: FPEN 00 traps EL0 and EL1, 01 traps EL0 only, 11
 * traps nothing; EC 0x07 with ISS CV = 1, COND = 0xe), and a few results
 * with their FPSR effects that need more than one instruction to observe:
 * flags accumulate across instructions, and FCCMP with a false condition
 * raises nothing. Values come from the Arm ARM pseudocode, not from
 * armlet. */
#include "tests/unit/test.h"

#include "tests/unit/arm_harness.h"

#define BOTH(name)                                                          \
    static void name(JitMode jit);                                          \
    TEST(name##_interp) { name(JIT_INTERP); }                               \
    TEST(name##_native) { name(JIT_NATIVE); }

#define IL (1ull << 25)
#define ESR_FP_TRAP ((0x07ull << 26) | IL | 1ull << 24 | 0xeull << 20)
#define FPEN_ALL (3u << 20)
#define FPEN_EL1 (1u << 20)

static ArmHarness *load(JitMode jit, const uint32_t *code, unsigned n, uint32_t cpacr)
{
    ArmHarness *h = harness_new(jit);

    harness_load(h, code, n);
    h->cpu->sr.cpacr_el1 = cpacr;
    return h;
}

/* One instruction of each translator file, each trapping with FPEN = 00
 * at EL1 before changing anything. */
BOTH(fp_trap_fpen_el1)
static void fp_trap_fpen_el1(JitMode jit)
{
    static const uint32_t insns[] = {
        0x1e222820,   /* fadd s0, s1, s2 */
        0x1e270020,   /* fmov s0, w1 */
        0x1e222020,   /* fcmp s1, s2 */
        0x9e620020,   /* scvtf d0, x1 */
        0x1f420c20,   /* fmadd d0, d1, d2, d3 */
        0x9eae0022,   /* fmov x2, v1.d[1] */
        0x1e2e1005,   /* fmov s5, #1.0 */
        0x1e61c0e6,   /* fsqrt d6, d7 */
    };

    for (unsigned i = 0; i < sizeof insns / sizeof insns[0]; i++) {
        ArmHarness *h = load(jit, &insns[i], 1, 0);
        h->cpu->vreg[0][0] = h->cpu->vreg[5][0] = h->cpu->vreg[6][0] = 0x1234;
        h->cpu->x[2] = 77;
        h->cpu->nf = 0;
        CHECK_EQ(harness_run(h, 10), HARNESS_EXCEPTION);
        CHECK_EQ(h->cpu->sr.esr_el1, ESR_FP_TRAP);
        CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE);
        CHECK_EQ(h->cpu->vreg[0][0], 0x1234);
        CHECK_EQ(h->cpu->vreg[5][0], 0x1234);
        CHECK_EQ(h->cpu->vreg[6][0], 0x1234);
        CHECK_EQ(h->cpu->x[2], 77);
        CHECK_EQ(h->cpu->nf, 0);
    }
}

/* FPEN = 01: EL1 may use FP, EL0 traps to EL1. */
BOTH(fp_trap_fpen_el0)
static void fp_trap_fpen_el0(JitMode jit)
{
    const uint32_t fmov = 0x1e2e1005;    /* fmov s5, #1.0 */
    ArmHarness *h = load(jit, &fmov, 1, FPEN_EL1);

    CHECK_EQ(harness_run(h, 10), HARNESS_DONE);
    CHECK_EQ(h->cpu->vreg[5][0], 0x3f800000);
    h = load(jit, &fmov, 1, FPEN_EL1);
    harness_set_el0(h);
    h->cpu->vreg[5][0] = 0;
    CHECK_EQ(harness_run(h, 10), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, ESR_FP_TRAP);
    CHECK_EQ(h->cpu->vreg[5][0], 0);
    /* FPEN = 11: EL0 runs it; the harness's closing HVC is then UNDEFINED
     * at EL0 (EC 0), one instruction further on */
    h = load(jit, &fmov, 1, FPEN_ALL);
    harness_set_el0(h);
    CHECK_EQ(harness_run(h, 10), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, IL);
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE + 4);
    CHECK_EQ(h->cpu->vreg[5][0], 0x3f800000);
}

/* FPSR flags are cumulative: FDIV by zero (DZC) then an inexact FADD
 * (IXC) leave both, plus whatever was set before (UFC). FCCMP with a
 * failing condition takes the immediate NZCV and does not signal even for
 * a signalling NaN; with a holding one it compares (unordered, IOC). */
BOTH(fp_fpsr_accumulates)
static void fp_fpsr_accumulates(JitMode jit)
{
    static const uint32_t code[] = {
        0x1e221820,   /* fdiv s0, s1, s2   1.0 / +0 = +inf, DZC */
        0x1e232824,   /* fadd s4, s1, s3   1.0 + 2^-24 = 1.0, IXC */
        0x1e251424,   /* fccmp s1, s5, #4, ne   Z is set: NE fails -> nzcv = 0100 */
    };
    ArmHarness *h = load(jit, code, 3, FPEN_ALL);

    h->cpu->vreg[1][0] = 0x3f800000;
    h->cpu->vreg[2][0] = 0;
    h->cpu->vreg[3][0] = 0x33800000;
    h->cpu->vreg[5][0] = 0x7f800001;       /* signalling NaN */
    h->cpu->vreg[4][1] = 0xdead;           /* cleared by the scalar write */
    h->cpu->fpsr = 0x08;
    h->cpu->zf = 0;                        /* Z = 1 */
    CHECK_EQ(harness_run(h, 10), HARNESS_DONE);
    CHECK_EQ(h->cpu->vreg[0][0], 0x7f800000);
    CHECK_EQ(h->cpu->vreg[4][0], 0x3f800000);
    CHECK_EQ(h->cpu->vreg[4][1], 0);
    CHECK_EQ(h->cpu->fpsr, 0x08 | 0x02 | 0x10);
    CHECK_EQ(arm_get_nzcv(h->cpu), 0x4u << 28);

    /* the same FCCMP with Z clear: NE holds, unordered 0011 and IOC */
    h = load(jit, &code[2], 1, FPEN_ALL);
    h->cpu->vreg[1][0] = 0x3f800000;
    h->cpu->vreg[5][0] = 0x7f800001;
    h->cpu->fpsr = 0;
    h->cpu->zf = 1;
    CHECK_EQ(harness_run(h, 10), HARNESS_DONE);
    CHECK_EQ(arm_get_nzcv(h->cpu), 0x3u << 28);
    CHECK_EQ(h->cpu->fpsr, 0x01);
}

/* FMOV (general) to V.D[1] writes only the top half; from V.D[1] reads
 * it. */
BOTH(fp_fmov_top_half)
static void fp_fmov_top_half(JitMode jit)
{
    static const uint32_t code[] = {
        0x9eaf0083,   /* fmov v3.d[1], x4 */
        0x9eae0022,   /* fmov x2, v1.d[1] */
    };
    ArmHarness *h = load(jit, code, 2, FPEN_ALL);

    h->cpu->vreg[3][0] = 0x1111;
    h->cpu->vreg[3][1] = 0x2222;
    h->cpu->x[4] = 0xfeedfacecafebeefull;
    h->cpu->vreg[1][1] = 0x0123456789abcdefull;
    CHECK_EQ(harness_run(h, 10), HARNESS_DONE);
    CHECK_EQ(h->cpu->vreg[3][0], 0x1111);
    CHECK_EQ(h->cpu->vreg[3][1], 0xfeedfacecafebeefull);
    CHECK_EQ(h->cpu->x[2], 0x0123456789abcdefull);
}
