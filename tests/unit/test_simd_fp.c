/* Directed tests of the Advanced SIMD floating-point instructions, with
 * values worked out by hand from the Arm ARM pseudocode (DDI 0487, J1
 * shared/functions/float and vector, C6.2 pages): the estimate tables
 * (FRECPE, FRSQRTE, URECPE, URSQRTE), FCVTXN's round to odd, the lane
 * order of Reduce() in FMAXNMV with NaNs, FCVTL/FCVTN with and without
 * AHP, fixed-point shifts, by-element indexing and the pairwise operand
 * order. Each runs on both JIT backends. Encodings are from binutils (the
 * comment beside each). */
#include "tests/unit/test.h"

#include "tests/unit/arm_harness.h"

#define IOC 0x01u
#define DZC 0x02u
#define OFC 0x04u
#define IXC 0x10u
#define AHP (1u << 26)

static ArmHarness *h;

static void setv(unsigned r, uint64_t lo, uint64_t hi)
{
    h->cpu->vreg[r][0] = lo;
    h->cpu->vreg[r][1] = hi;
}

/* Run one instruction with FPCR = fpcr and FPSR clear. */
static void run1(uint32_t insn, uint32_t fpcr)
{
    harness_load(h, &insn, 1);
    h->cpu->sr.cpacr_el1 = 3u << 20;
    h->cpu->fpcr = fpcr;
    h->cpu->fpsr = 0;
    CHECK_EQ(harness_run(h, 10), HARNESS_DONE);
}

#define CHECK_V(r, lo, hi)                                                   \
    do {                                                                     \
        CHECK_EQ(h->cpu->vreg[r][0], (uint64_t)(lo));                        \
        CHECK_EQ(h->cpu->vreg[r][1], (uint64_t)(hi));                        \
    } while (0)

#define S2(hi, lo) ((uint64_t)(hi) << 32 | (uint32_t)(lo))

/* FPRecipEstimate (single): scaled = 1:fraction<22:15> = 256 for 1.0 and
 * 2.0; RecipEstimate(256) = ((2^19 / 513) + 1) / 2 = 511, whose low 8 bits
 * are the fraction; result_exp = 253 - exp (126 for 1.0, 125 for 2.0).
 * +0 gives +inf with DZC, -inf gives -0. FPRSqrtEstimate: 1.0 (exp 127,
 * odd) scales to '01':fraction<22:16> = 128, RecipSqrtEstimate(128): a =
 * 257, b + 1 = 1023 is the first with 257 * (b + 1)^2 >= 2^28, so 511;
 * result_exp = (380 - exp) DIV 2: 126 for 1.0, 125 for 4.0 (exp 129). */
static void estimates(void)
{
    /* frecpe v0.4s, v1.4s */
    setv(1, S2(0x40000000, 0x3f800000), S2(0xff800000, 0x00000000));
    run1(0x4ea1d820, 0);
    CHECK_V(0, S2(0x3eff8000, 0x3f7f8000), S2(0x80000000, 0x7f800000));
    CHECK_EQ(h->cpu->fpsr, DZC);
    /* frsqrte v0.4s, v1.4s: 1.0, 4.0, -1.0 (default NaN, IOC), +inf (+0) */
    setv(1, S2(0x40800000, 0x3f800000), S2(0x7f800000, 0xbf800000));
    run1(0x6ea1d820, 0);
    CHECK_V(0, S2(0x3eff8000, 0x3f7f8000), S2(0x00000000, 0x7fc00000));
    CHECK_EQ(h->cpu->fpsr, IOC);
    /* urecpe v0.4s, v1.4s (UnsignedRecipEstimate): bit 31 clear gives all
     * ones; 0x80000000 -> RecipEstimate(256) = 511 in bits 31:23;
     * 0xffffffff -> RecipEstimate(511): 2^19 / 1023 = 512, (512 + 1) / 2 =
     * 256 */
    setv(1, S2(0xffffffff, 0x80000000), S2(0x00000000, 0x7fffffff));
    run1(0x4ea1c820, 0);
    CHECK_V(0, S2(0x80000000, 0xff800000), S2(0xffffffff, 0xffffffff));
    CHECK_EQ(h->cpu->fpsr, 0);
    /* ursqrte v0.4s, v1.4s (UnsignedRSqrtEstimate): bits 31:30 clear give
     * all ones; 0x40000000 -> RecipSqrtEstimate(128) = 511; 0xffffffff ->
     * RecipSqrtEstimate(511): a = 510 -> 1022, b = 512 already fails the
     * loop test, (512 + 1) / 2 = 256 */
    setv(1, S2(0xffffffff, 0x40000000), S2(0x00000000, 0x3fffffff));
    run1(0x6ea1c820, 0);
    CHECK_V(0, S2(0x80000000, 0xff800000), S2(0xffffffff, 0xffffffff));
}

/* FCVTXN: FPConvert(..., FPRounding_ODD): an inexact result has its
 * lowest bit forced to 1 (the value rounded toward zero, then ORed with
 * the inexact bit), and overflow gives the largest normal (FPRound: no
 * overflow to infinity when rounding to odd or to zero), with OFC and IXC.
 * FCVTN rounds the same inputs to nearest. */
static void round_to_odd(void)
{
    /* 1 + 2^-30 -> 0x3f800001; 1 + 2^-22 + 2^-30 -> 0x3f800002 | 1 */
    setv(1, 0x3ff0000000400000ull, 0x3ff0000040400000ull);
    setv(0, 0x1111111122222222ull, 0x3333333344444444ull);
    run1(0x2e616820, 0);                      /* fcvtxn v0.2s, v1.2d */
    CHECK_V(0, S2(0x3f800003, 0x3f800001), 0);
    CHECK_EQ(h->cpu->fpsr, IXC);
    /* fcvtn v0.2s, v1.2d: to nearest, 1 + 2^-22 + 2^-30 -> 1 + 2^-22 */
    run1(0x0e616820, 0);
    CHECK_V(0, S2(0x3f800002, 0x3f800000), 0);
    /* fcvtxn2 v0.4s, v1.2d: exact 1.0, and 2^200 overflows to the largest
     * normal; the lower half is kept */
    setv(1, 0x3ff0000000000000ull, 0x4c70000000000000ull);
    setv(0, 0x1111111122222222ull, 0x3333333344444444ull);
    run1(0x6e616820, 0);
    CHECK_V(0, 0x1111111122222222ull, S2(0x7f7fffff, 0x3f800000));
    CHECK_EQ(h->cpu->fpsr, OFC | IXC);
    /* fcvtxn s0, d1 (scalar): -(1 + 2^-30) -> 0xbf800001, upper bits
     * cleared */
    setv(1, 0xbff0000000400000ull, 0x5555555555555555ull);
    run1(0x7e616820, 0);
    CHECK_V(0, 0xbf800001ull, 0);
}

/* Reduce() halves the vector recursively: FMAXNMV of lanes {a, b, c, d}
 * is FPMaxNum(FPMaxNum(a, b), FPMaxNum(c, d)). With a signalling NaN in
 * lane 2, FPMaxNum(sNaN, 2.0) is the quietened NaN with IOC, and the
 * final FPMaxNum(3.0, qNaN) is 3.0 (a quiet NaN against a number gives
 * the number). A left-to-right reduction would end with FPMaxNum(qNaN,
 * 2.0) = 2.0. */
static void reductions(void)
{
    /* fmaxnmv s0, v1.4s: lanes 1.0, 3.0, sNaN 0x7fa00000, 2.0 */
    setv(1, S2(0x40400000, 0x3f800000), S2(0x40000000, 0x7fa00000));
    setv(0, ~0ull, ~0ull);
    run1(0x6e30c820, 0);
    CHECK_V(0, 0x40400000ull, 0);
    CHECK_EQ(h->cpu->fpsr, IOC);
    /* fmaxv s0, v1.4s: lanes qNaN 0x7fc00001, 1.0, 3.0, 2.0: FPMax
     * propagates the NaN, no exception */
    setv(1, S2(0x3f800000, 0x7fc00001), S2(0x40000000, 0x40400000));
    run1(0x6e30f820, 0);
    CHECK_V(0, 0x7fc00001ull, 0);
    CHECK_EQ(h->cpu->fpsr, 0);
    /* the same with DN: the default NaN */
    run1(0x6e30f820, 1u << 25);
    CHECK_V(0, 0x7fc00000ull, 0);
    /* fminnmv s0, v1.4s: 1.0, qNaN, qNaN, -2.0 -> -2.0 */
    setv(1, S2(0x7fc00000, 0x3f800000), S2(0xc0000000, 0xffc00000));
    run1(0x6eb0c820, 0);
    CHECK_V(0, 0xc0000000ull, 0);
    CHECK_EQ(h->cpu->fpsr, 0);
}

/* FCVTL/FCVTN with half precision: with AHP = 0, 0x7c00 is +inf; with
 * AHP = 1 exponent 31 is normal, so 0x7c00 is 2^16 = 65536.0
 * (0x47800000). Converting 2^40 to half overflows: +inf with OFC and IXC
 * in IEEE half, 0x7fff with IOC only in the alternative format. */
static void half_precision(void)
{
    /* fcvtl v0.4s, v1.4h: 0x7c00, 0x3c00 (1.0), 0xc000 (-2.0), 0x0001 (2^-24) */
    setv(1, 0x0001c0003c007c00ull, 0x5555555555555555ull);
    run1(0x0e217820, 0);
    CHECK_V(0, S2(0x3f800000, 0x7f800000), S2(0x33800000, 0xc0000000));
    run1(0x0e217820, AHP);
    CHECK_V(0, S2(0x3f800000, 0x47800000), S2(0x33800000, 0xc0000000));
    /* fcvtn v0.4h, v1.4s: 2^40, 1.0, -2.0, 65504.0 (largest half) */
    setv(1, S2(0x3f800000, 0x53800000), S2(0x477fe000, 0xc0000000));
    run1(0x0e216820, 0);
    CHECK_V(0, 0x7bffc0003c007c00ull, 0);
    CHECK_EQ(h->cpu->fpsr, OFC | IXC);
    run1(0x0e216820, AHP);
    CHECK_V(0, 0x7bffc0003c007fffull, 0);
    CHECK_EQ(h->cpu->fpsr, IOC);
}

/* Fixed point, by element, pairwise. */
static void shapes(void)
{
    /* scvtf v0.4s, v1.4s, #16: 0x00010000 = 1.0, 0xffff8000 = -0.5 */
    setv(1, S2(0xffff8000, 0x00010000), S2(0x00000000, 0x00030000));
    run1(0x4f30e420, 0);
    CHECK_V(0, S2(0xbf000000, 0x3f800000), S2(0x00000000, 0x40400000));
    /* fcvtzs v0.2d, v1.2d, #1: 1.75 * 2 = 3.5 -> 3; -1.25 * 2 = -2.5 -> -2;
     * inexact */
    setv(1, 0x3ffc000000000000ull, 0xbff4000000000000ull);
    run1(0x4f7ffc20, 0);
    CHECK_V(0, 3, (uint64_t)-2);
    CHECK_EQ(h->cpu->fpsr, IXC);
    /* fmla v0.4s, v1.4s, v2.s[3]: every lane += v1[e] * 2.0 */
    setv(0, S2(0x3f800000, 0x3f800000), S2(0x3f800000, 0x3f800000));
    setv(1, S2(0x40000000, 0x3f800000), S2(0xbf800000, 0x00000000));
    setv(2, S2(0x7fc00000, 0x7fc00000), S2(0x40000000, 0x7fc00000));
    run1(0x4fa21820, 0);
    CHECK_V(0, S2(0x40a00000, 0x40400000), S2(0xbf800000, 0x3f800000));
    /* fmul d0, d1, v2.d[1]: 3.0 * -0.5 */
    setv(1, 0x4008000000000000ull, 0);
    setv(2, 0x7ff8000000000000ull, 0xbfe0000000000000ull);
    run1(0x5fc29820, 0);
    CHECK_V(0, 0xbff8000000000000ull, 0);
    /* faddp v0.4s, v1.4s, v2.4s: pairs of the concatenation v2:v1 */
    setv(1, S2(0x40000000, 0x3f800000), S2(0x40800000, 0x40400000));
    setv(2, S2(0x41000000, 0x40e00000), S2(0x41200000, 0x41100000));
    run1(0x6e22d420, 0);
    CHECK_V(0, S2(0x40e00000, 0x40400000), S2(0x41980000, 0x41700000));
    /* faddp d0, v1.2d: 1.0 + 2.0 */
    setv(1, 0x3ff0000000000000ull, 0x4000000000000000ull);
    run1(0x7e70d820, 0);
    CHECK_V(0, 0x4008000000000000ull, 0);
    /* fabd v0.2d, v1.2d, v2.2d: |1 - 3| = 2; a NaN result loses its sign
     * (FPAbs of the propagated -qNaN) */
    setv(1, 0x3ff0000000000000ull, 0xfff8000000000001ull);
    setv(2, 0x4008000000000000ull, 0x3ff0000000000000ull);
    run1(0x6ee2d420, 0);
    CHECK_V(0, 0x4000000000000000ull, 0x7ff8000000000001ull);
    /* fcmlt v0.4s, v1.4s, #0.0 is FPCompareGT(+0, lane): true for -1 only
     * (+0 and -0 are equal); FPCompareGT signals IOC for any NaN, quiet
     * ones included */
    setv(1, S2(0x00000000, 0xbf800000), S2(0x7fc00000, 0x80000000));
    run1(0x4ea0e820, 0);
    CHECK_V(0, S2(0, 0xffffffff), S2(0, 0));
    CHECK_EQ(h->cpu->fpsr, IOC);
    /* fneg v0.2d / fabs v0.4s flip / clear sign bits, NaNs included, no
     * exceptions */
    setv(1, 0x7ff0000000000001ull, 0x8000000000000000ull);
    run1(0x6ee0f820, 0);
    CHECK_V(0, 0xfff0000000000001ull, 0);
    CHECK_EQ(h->cpu->fpsr, 0);
    setv(1, S2(0xff800001, 0x80000000), S2(0xbf800000, 0x3f800000));
    run1(0x4ea0f820, 0);
    CHECK_V(0, S2(0x7f800001, 0x00000000), S2(0x3f800000, 0x3f800000));
    /* fmulx v0.2s, v1.2s, v2.2s: 0 * inf = +2.0, -0 * inf = -2.0 */
    setv(1, S2(0x80000000, 0x00000000), 0x1234);
    setv(2, S2(0x7f800000, 0x7f800000), 0x5678);
    run1(0x0e22dc20, 0);
    CHECK_V(0, S2(0xc0000000, 0x40000000), 0);
    /* facgt s0, s1, s2: |-3| > |2| */
    setv(1, 0xc0400000, 0);
    setv(2, 0x40000000, 0);
    run1(0x7ea2ec20, 0);
    CHECK_V(0, 0xffffffffull, 0);
}

static void all(JitMode jit)
{
    h = harness_new(jit);
    estimates();
    round_to_odd();
    reductions();
    half_precision();
    shapes();
}

TEST(simd_fp_directed_interp)
{
    all(JIT_INTERP);
}

TEST(simd_fp_directed_native)
{
    all(JIT_NATIVE);
}

/* CPACR_EL1.FPEN = 00 traps the vector FP instructions at EL1 (EC 0x07)
 * before they change anything. */
TEST(simd_fp_fpen_trap)
{
    static const uint32_t insns[] = { 0x4ea1d820, 0x6ee0f820, 0x4fa21820, 0x4f30e420 };

    h = harness_new(JIT_INTERP);
    for (unsigned i = 0; i < sizeof insns / sizeof insns[0]; i++) {
        harness_load(h, &insns[i], 1);
        h->cpu->sr.cpacr_el1 = 0;
        setv(0, 0x1234, 0x5678);
        setv(1, 0x3f800000, 0x3f800000);
        h->cpu->fpsr = 0;
        CHECK_EQ(harness_run(h, 10), HARNESS_EXCEPTION);
        CHECK_EQ(h->cpu->sr.esr_el1 >> 26, 0x07);
        CHECK_V(0, 0x1234, 0x5678);
    }
}
