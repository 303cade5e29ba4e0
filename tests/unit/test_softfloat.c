/* Directed tests of the soft-float core (target-arm/softfloat.h). Every
 * expected value is worked out by hand from the Arm ARM pseudocode (DDI
 * 0487, J1 shared/functions/float) or is a well-known constant (1/3,
 * sqrt(2) correctly rounded); the comment next to each case says why. The
 * Unicorn differential test (test_diff_fp.c) covers the instructions at
 * random; these pin the corners: ties, tininess before rounding, flush to
 * zero, NaN order, saturation, the alternative half-precision format and
 * the estimate tables, which no scalar FP instruction reaches. */
#include "tests/unit/test.h"

#include "target-arm/softfloat.h"

#define RN 0u
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)

/* Run one operation with a fresh FpStatus from fpcr and check its result
 * and exactly the flags raised. */
#define CHECK_FP(fpcr, call, want, want_flags)                                 \
    do {                                                                        \
        FpStatus st_ = fp_status(fpcr), *st = &st_;                             \
        uint64_t got_ = (call);                                                 \
        (void)st;                                                               \
        CHECK_EQ(got_, (want));                                                 \
        CHECK_EQ(st_.flags, (want_flags));                                      \
    } while (0)

#define ONE_S 0x3f800000u
#define TWO_S 0x40000000u
#define INF_S 0x7f800000u
#define DNAN_S 0x7fc00000u

/* 1 + 2^-24 lies exactly between 1.0 and its successor 1 + 2^-23: ties
 * to even keep 1.0; 1 + 2^-23 + 2^-24 goes up to the even 1 + 2^-22;
 * directed modes go by sign. */
TEST(softfloat_round_ties_and_directed)
{
    CHECK_FP(RN, f32_add(ONE_S, 0x33800000, st), ONE_S, FPSR_IXC);
    CHECK_FP(RN, f32_add(0x3f800001, 0x33800000, st), 0x3f800002, FPSR_IXC);
    CHECK_FP(RP, f32_add(ONE_S, 0x33800000, st), 0x3f800001, FPSR_IXC);
    CHECK_FP(RZ, f32_add(ONE_S, 0x33800000, st), ONE_S, FPSR_IXC);
    CHECK_FP(RM, f32_add(0xbf800000, 0xb3800000, st), 0xbf800001, FPSR_IXC);
    CHECK_FP(RP, f32_add(0xbf800000, 0xb3800000, st), 0xbf800000, FPSR_IXC);
    /* 1/3 correctly rounded */
    CHECK_FP(RN, f32_div(ONE_S, 0x40400000, st), 0x3eaaaaab, FPSR_IXC);
    CHECK_FP(RN, f64_div(0x3ff0000000000000ull, 0x4008000000000000ull, st),
             0x3fd5555555555555ull, FPSR_IXC);
    CHECK_FP(RZ, f32_div(ONE_S, 0x40400000, st), 0x3eaaaaaa, FPSR_IXC);
    /* sqrt(2) correctly rounded; sqrt(4) exact */
    CHECK_FP(RN, f64_sqrt(0x4000000000000000ull, st), 0x3ff6a09e667f3bcdull, FPSR_IXC);
    CHECK_FP(RN, f32_sqrt(TWO_S, st), 0x3fb504f3, FPSR_IXC);
    CHECK_FP(RN, f32_sqrt(0x40800000, st), TWO_S, 0);
}

/* FPAdd: an exact zero sum is +0, or -0 when rounding to minus infinity;
 * zeros of the same sign keep it. */
TEST(softfloat_zero_signs)
{
    CHECK_FP(RN, f32_sub(ONE_S, ONE_S, st), 0, 0);
    CHECK_FP(RM, f32_sub(ONE_S, ONE_S, st), 0x80000000, 0);
    CHECK_FP(RN, f32_add(0, 0x80000000, st), 0, 0);
    CHECK_FP(RM, f32_add(0, 0x80000000, st), 0x80000000, 0);
    CHECK_FP(RP, f32_add(0x80000000, 0x80000000, st), 0x80000000, 0);
    CHECK_FP(RN, f32_sqrt(0x80000000, st), 0x80000000, 0);
    CHECK_FP(RN, f32_sqrt(0xbf800000, st), DNAN_S, FPSR_IOC);
}

/* Overflow: infinity when rounding toward it, else the largest normal. */
TEST(softfloat_overflow)
{
    CHECK_FP(RN, f32_mul(0x7f7fffff, TWO_S, st), INF_S, FPSR_OFC | FPSR_IXC);
    CHECK_FP(RZ, f32_mul(0x7f7fffff, TWO_S, st), 0x7f7fffff, FPSR_OFC | FPSR_IXC);
    CHECK_FP(RM, f32_mul(0x7f7fffff, TWO_S, st), 0x7f7fffff, FPSR_OFC | FPSR_IXC);
    CHECK_FP(RM, f32_mul(0xff7fffff, TWO_S, st), 0xff800000, FPSR_OFC | FPSR_IXC);
    CHECK_FP(RP, f32_mul(0xff7fffff, TWO_S, st), 0xff7fffff, FPSR_OFC | FPSR_IXC);
}

/* Underflow is detected before rounding (FPRound: biased_exp == 0 and
 * inexact). (1 - 2^-24) * 2^-126 = (2^23 - 1/2) * 2^-149 is a tie between
 * the largest denormal and the smallest normal; it rounds to even, the
 * smallest normal 0x00800000, and still raises UFC. With FZ its unrounded
 * exponent -127 is below -126, so it is flushed to +0 with UFC and no IXC.
 * An exact denormal result raises nothing without FZ. */
TEST(softfloat_underflow_before_rounding)
{
    CHECK_FP(RN, f32_mul(0x3f7fffff, 0x00800000, st), 0x00800000, FPSR_UFC | FPSR_IXC);
    CHECK_FP(RN | FPCR_FZ, f32_mul(0x3f7fffff, 0x00800000, st), 0, FPSR_UFC);
    CHECK_FP(RN, f32_sub(0x00800001, 0x00800000, st), 0x00000001, 0);
    CHECK_FP(RN | FPCR_FZ, f32_sub(0x00800001, 0x00800000, st), 0, FPSR_UFC);
    /* a negative result flushes to -0 */
    CHECK_FP(RN | FPCR_FZ, f32_sub(0x00800000, 0x00800001, st), 0x80000000, FPSR_UFC);
    /* 2^-150 rounds to even (0) in RN, up to 2^-149 in RP */
    CHECK_FP(RN, f32_mul(0x00000001, 0x3f000000, st), 0, FPSR_UFC | FPSR_IXC);
    CHECK_FP(RP, f32_mul(0x00000001, 0x3f000000, st), 1, FPSR_UFC | FPSR_IXC);
}

/* FZ flushes denormal inputs (IDC) before anything else. */
TEST(softfloat_flush_inputs)
{
    CHECK_FP(RN, f32_add(0x00000001, ONE_S, st), ONE_S, FPSR_IXC);
    CHECK_FP(RN | FPCR_FZ, f32_add(0x00000001, ONE_S, st), ONE_S, FPSR_IDC);
    /* both flushed: zeros of the same sign, exactly */
    CHECK_FP(RN | FPCR_FZ, f32_add(0x80000001, 0x80000002, st), 0x80000000, FPSR_IDC);
    /* a flushed divisor divides by zero */
    CHECK_FP(RN | FPCR_FZ, fp_div(FP_D, 0x3ff0000000000000ull, 1, st), 0x7ff0000000000000ull,
             FPSR_IDC | FPSR_DZC);
    /* compares flush too: -denormal == +0 */
    CHECK_FP(RN | FPCR_FZ, fp_compare(FP_S, 0x80000005, 0, false, st), 0x6, FPSR_IDC);
    CHECK_FP(RN, fp_compare(FP_S, 0x80000005, 0, false, st), 0x8, 0);
}

/* FPProcessNaNs: signalling NaNs first (quietened, IOC), then quiet ones,
 * in operand order; DN gives the default NaN. */
TEST(softfloat_nan_propagation)
{
    CHECK_FP(RN, f32_add(0x7fc00001, 0x7f800002, st), 0x7fc00002, FPSR_IOC);
    CHECK_FP(RN, f32_add(0x7fc00001, 0xffc00002, st), 0x7fc00001, 0);
    CHECK_FP(RN, f32_add(ONE_S, 0xffc00002, st), 0xffc00002, 0);
    CHECK_FP(RN | FPCR_DN, f32_add(0x7fc00001, ONE_S, st), DNAN_S, 0);
    CHECK_FP(RN | FPCR_DN, f32_mul(0xff800001, ONE_S, st), DNAN_S, FPSR_IOC);
    /* FPSub does not negate a NaN operand */
    CHECK_FP(RN, f32_sub(ONE_S, 0x7fc00003, st), 0x7fc00003, 0);
    /* invalid operations produce the default NaN */
    CHECK_FP(RN, f32_add(INF_S, 0xff800000, st), DNAN_S, FPSR_IOC);
    CHECK_FP(RN, f32_mul(INF_S, 0, st), DNAN_S, FPSR_IOC);
    CHECK_FP(RN, f32_div(0, 0x80000000, st), DNAN_S, FPSR_IOC);
    CHECK_FP(RN, f32_div(0xbf800000, 0, st), 0xff800000, FPSR_DZC);
    CHECK_FP(RN, f32_div(INF_S, 0, st), INF_S, 0);
    /* FMULX: 0 * inf is 2.0 with the product's sign */
    CHECK_FP(RN, f32_mulx(0x80000000, INF_S, st), 0xc0000000, 0);
    CHECK_FP(RN, f64_mulx(0x7ff0000000000000ull, 0, st), 0x4000000000000000ull, 0);
}

/* FPMulAdd(addend, op1, op2): FPProcessNaNs3 order addend, op1, op2 (for
 * signalling, then quiet); a quiet-NaN addend with inf * 0 is the default
 * NaN with IOC; one rounding: (1 + 2^-23)^2 - (1 + 2^-22) = 2^-46 exactly,
 * which a separate multiply would have rounded away. */
TEST(softfloat_fma)
{
    CHECK_FP(RN, f32_muladd(0x7fc0000a, 0x7f80000b, ONE_S, st), 0x7fc0000b, FPSR_IOC);
    CHECK_FP(RN, f32_muladd(0x7fc0000a, 0x7fc0000b, ONE_S, st), 0x7fc0000a, 0);
    CHECK_FP(RN, f32_muladd(ONE_S, 0x7fc0000b, 0x7f80000c, st), 0x7fc0000c, FPSR_IOC);
    CHECK_FP(RN, f32_muladd(0x7fc0000a, INF_S, 0, st), DNAN_S, FPSR_IOC);
    CHECK_FP(RN, f32_muladd(ONE_S, INF_S, 0, st), DNAN_S, FPSR_IOC);
    CHECK_FP(RN, f32_muladd(0xbf800002, 0x3f800001, 0x3f800001, st), 0x28800000, 0);
    CHECK_FP(RN, f32_mul(0x3f800001, 0x3f800001, st), 0x3f800002, FPSR_IXC);
    /* inf + (-inf) from the product */
    CHECK_FP(RN, f32_muladd(INF_S, 0xbf800000, INF_S, st), DNAN_S, FPSR_IOC);
    /* -0 + (+0 * -1) = -0 + -0 = -0; +0 + (-0) = +0 (RN) */
    CHECK_FP(RN, f32_muladd(0x80000000, 0, 0xbf800000, st), 0x80000000, 0);
    CHECK_FP(RN, f32_muladd(0, 0, 0xbf800000, st), 0, 0);
    CHECK_FP(RM, f32_muladd(0, 0, 0xbf800000, st), 0x80000000, 0);
}

/* FPCompare NZCV and which NaNs signal. */
TEST(softfloat_compare)
{
    CHECK_FP(RN, fp_compare(FP_S, ONE_S, TWO_S, false, st), 0x8, 0);
    CHECK_FP(RN, fp_compare(FP_S, TWO_S, ONE_S, false, st), 0x2, 0);
    CHECK_FP(RN, fp_compare(FP_S, 0, 0x80000000, false, st), 0x6, 0);
    CHECK_FP(RN, fp_compare(FP_D, 0xfff0000000000000ull, 0x8010000000000000ull, false, st), 0x8, 0);
    CHECK_FP(RN, fp_compare(FP_S, 0x7fc00000, ONE_S, false, st), 0x3, 0);
    CHECK_FP(RN, fp_compare(FP_S, 0x7fc00000, ONE_S, true, st), 0x3, FPSR_IOC);
    CHECK_FP(RN, fp_compare(FP_S, ONE_S, 0x7f800001, false, st), 0x3, FPSR_IOC);
    CHECK_FP(RN, fp_compare_eq(FP_S, 0x7fc00000, 0x7fc00000, st), 0, 0);
    CHECK_FP(RN, fp_compare_ge(FP_S, 0x7fc00000, ONE_S, st), 0, FPSR_IOC);
    CHECK_FP(RN, fp_compare_ge(FP_S, ONE_S, ONE_S, st), 1, 0);
    CHECK_FP(RN, fp_compare_gt(FP_S, ONE_S, ONE_S, st), 0, 0);
}

/* FPMax/FPMin: zero signs by AND/OR; NaNs propagate. FPMaxNum/FPMinNum: a
 * lone quiet NaN loses, a signalling NaN still propagates. */
TEST(softfloat_min_max)
{
    CHECK_FP(RN, f32_max(0, 0x80000000, st), 0, 0);
    CHECK_FP(RN, f32_max(0x80000000, 0, st), 0, 0);
    CHECK_FP(RN, f32_min(0, 0x80000000, st), 0x80000000, 0);
    CHECK_FP(RN, f32_max(0x7fc00001, ONE_S, st), 0x7fc00001, 0);
    CHECK_FP(RN, f32_maxnum(0x7fc00001, ONE_S, st), ONE_S, 0);
    CHECK_FP(RN, f32_minnum(ONE_S, 0xffc00001, st), ONE_S, 0);
    CHECK_FP(RN, f32_maxnum(0x7fc00001, 0xff800000, st), 0xff800000, 0);
    CHECK_FP(RN, f32_maxnum(0x7f800001, ONE_S, st), 0x7fc00001, FPSR_IOC);
    CHECK_FP(RN, f32_maxnum(0x7fc00001, 0x7fc00002, st), 0x7fc00001, 0);
    CHECK_FP(RN, f32_min(0xff800000, ONE_S, st), 0xff800000, 0);
    /* an FZ-flushed denormal is a zero: max(+denormal, -1) = +0 */
    CHECK_FP(RN | FPCR_FZ, f32_max(0x00000001, 0xbf800000, st), 0, FPSR_IDC);
    CHECK_FP(RN, f32_max(0x00000001, 0xbf800000, st), 1, 0);
}

/* FPRoundInt with each rounding mode; a zero result keeps the sign;
 * FRINTX (exact) raises IXC, the others do not. */
TEST(softfloat_round_int)
{
    const uint32_t p25 = 0x40200000, m25 = 0xc0200000;   /* +-2.5 */

    CHECK_FP(RN, fp_round_int(FP_S, p25, FPR_TIEEVEN, false, st), TWO_S, 0);
    CHECK_FP(RN, fp_round_int(FP_S, 0x40600000, FPR_TIEEVEN, false, st), 0x40800000, 0); /* 3.5 */
    CHECK_FP(RN, fp_round_int(FP_S, p25, FPR_TIEAWAY, false, st), 0x40400000, 0);
    CHECK_FP(RN, fp_round_int(FP_S, m25, FPR_TIEAWAY, false, st), 0xc0400000, 0);
    CHECK_FP(RN, fp_round_int(FP_S, p25, FPR_POSINF, false, st), 0x40400000, 0);
    CHECK_FP(RN, fp_round_int(FP_S, m25, FPR_NEGINF, false, st), 0xc0400000, 0);
    CHECK_FP(RN, fp_round_int(FP_S, m25, FPR_ZERO, false, st), 0xc0000000, 0);
    CHECK_FP(RN, fp_round_int(FP_S, 0xbecccccd, FPR_TIEEVEN, false, st), 0x80000000, 0);
    CHECK_FP(RN, fp_round_int(FP_S, 0xbecccccd, FPR_POSINF, false, st), 0x80000000, 0);
    CHECK_FP(RN, fp_round_int(FP_S, p25, FPR_TIEEVEN, true, st), TWO_S, FPSR_IXC);
    CHECK_FP(RN, fp_round_int(FP_S, 0x4b800001, FPR_TIEEVEN, true, st), 0x4b800001, 0);
    CHECK_FP(RN, fp_round_int(FP_S, 0x7f800001, FPR_TIEEVEN, true, st), 0x7fc00001, FPSR_IOC);
    CHECK_FP(RN, fp_round_int(FP_D, 0xc00c000000000000ull, FPR_TIEEVEN, false, st),
             0xc010000000000000ull, 0);                  /* -3.5 -> -4 */
}

/* FPToFixed: rounding by mode, saturation with IOC (and no IXC), NaN ->
 * 0 with IOC, unsigned negative values that round to zero are only
 * inexact. */
TEST(softfloat_to_int)
{
    CHECK_FP(RN, fp_to_fixed(FP_S, 0x4079999a, 0, false, 32, FPR_ZERO, st), 3, FPSR_IXC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0xc079999a, 0, false, 32, FPR_ZERO, st), 0xfffffffd,
             FPSR_IXC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0x40200000, 0, false, 64, FPR_TIEEVEN, st), 2, FPSR_IXC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0x40200000, 0, false, 64, FPR_TIEAWAY, st), 3, FPSR_IXC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0xc0200000, 0, false, 64, FPR_TIEAWAY, st),
             0xfffffffffffffffdull, FPSR_IXC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0xbf000000, 0, false, 32, FPR_NEGINF, st), 0xffffffff,
             FPSR_IXC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0xbf000000, 0, true, 32, FPR_POSINF, st), 0, FPSR_IXC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0xbf000000, 0, true, 32, FPR_NEGINF, st), 0, FPSR_IOC);
    /* 3e9 fits unsigned 32-bit exactly but saturates signed */
    CHECK_FP(RN, fp_to_fixed(FP_S, 0x4f32d05e, 0, false, 32, FPR_ZERO, st), 0x7fffffff,
             FPSR_IOC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0x4f32d05e, 0, true, 32, FPR_ZERO, st), 3000000000u, 0);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0xcf000000, 0, false, 32, FPR_ZERO, st), 0x80000000, 0);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0x4f000000, 0, false, 32, FPR_ZERO, st), 0x7fffffff,
             FPSR_IOC);
    CHECK_FP(RN, fp_to_fixed(FP_D, 0xfff0000000000000ull, 0, false, 32, FPR_ZERO, st),
             0x80000000, FPSR_IOC);
    CHECK_FP(RN, fp_to_fixed(FP_D, 0x7ff0000000000000ull, 0, false, 64, FPR_ZERO, st),
             0x7fffffffffffffffull, FPSR_IOC);
    CHECK_FP(RN, fp_to_fixed(FP_D, 0x7ff8000000000000ull, 0, true, 64, FPR_ZERO, st), 0,
             FPSR_IOC);
    /* fixed point: 1.5 * 2^4 */
    CHECK_FP(RN, fp_to_fixed(FP_S, 0x3fc00000, 4, false, 32, FPR_ZERO, st), 24, 0);
    /* FZ: a denormal input is zero (IDC), not inexact */
    CHECK_FP(RN | FPCR_FZ, fp_to_fixed(FP_S, 0x00000001, 0, false, 32, FPR_POSINF, st), 0,
             FPSR_IDC);
    CHECK_FP(RN, fp_to_fixed(FP_S, 0x00000001, 0, false, 32, FPR_POSINF, st), 1, FPSR_IXC);
}

/* FixedToFP: one rounding by mode; zero is +0. */
TEST(softfloat_from_int)
{
    CHECK_FP(RN, fp_from_fixed(FP_S, 0x7fffffff, 0, false, 32, FPR_TIEEVEN, st), 0x4f000000,
             FPSR_IXC);
    CHECK_FP(RZ, fp_from_fixed(FP_S, 0x7fffffff, 0, false, 32, FPR_ZERO, st), 0x4effffff,
             FPSR_IXC);
    CHECK_FP(RN, fp_from_fixed(FP_S, 0xffffffff, 0, true, 32, FPR_TIEEVEN, st), 0x4f800000,
             FPSR_IXC);
    CHECK_FP(RN, fp_from_fixed(FP_S, 0xffffffff, 0, false, 32, FPR_TIEEVEN, st), 0xbf800000, 0);
    CHECK_FP(RN, fp_from_fixed(FP_S, 0x1234ffffffff, 0, false, 32, FPR_TIEEVEN, st), 0xbf800000,
             0);                                      /* only the low 32 bits count */
    CHECK_FP(RN, fp_from_fixed(FP_D, 0x8000000000000000ull, 0, false, 64, FPR_TIEEVEN, st),
             0xc3e0000000000000ull, 0);               /* -2^63 */
    CHECK_FP(RN, fp_from_fixed(FP_S, 1, 1, false, 32, FPR_TIEEVEN, st), 0x3f000000, 0);
    CHECK_FP(RN, fp_from_fixed(FP_S, 0, 0, false, 32, FPR_TIEEVEN, st), 0, 0);
    CHECK_FP(RM, fp_from_fixed(FP_S, 0, 0, false, 32, FPR_NEGINF, st), 0, 0);
}

/* FPConvert: rounding, NaN payloads (FPConvertNaN keeps the top fraction
 * bits), and half precision with and without AHP. */
TEST(softfloat_convert)
{
    CHECK_FP(RN, fp_convert(FP_S, FP_D, 0x3ff0000010000000ull, FPR_TIEEVEN, st), ONE_S,
             FPSR_IXC);
    CHECK_FP(RN, fp_convert(FP_S, FP_D, 0x7ff0000000000001ull, FPR_TIEEVEN, st), DNAN_S,
             FPSR_IOC);
    CHECK_FP(RN, fp_convert(FP_S, FP_D, 0x7ff8000020000000ull, FPR_TIEEVEN, st), 0x7fc00001, 0);
    CHECK_FP(RN, fp_convert(FP_D, FP_S, 0xffc00001, FPR_TIEEVEN, st), 0xfff8000020000000ull, 0);
    CHECK_FP(RN, fp_convert(FP_D, FP_H, 0x7c01, FPR_TIEEVEN, st), 0x7ff8040000000000ull,
             FPSR_IOC);
    CHECK_FP(RN | FPCR_FZ, fp_convert(FP_D, FP_S, 0x00000001, FPR_TIEEVEN, st), 0, FPSR_IDC);
    /* f32 -> f16: 1.0; 65520 is the tie between 65504 (odd) and 65536, so
     * it overflows to infinity; with AHP 65536 exists (exponent 31) */
    CHECK_FP(RN, fp_convert(FP_H, FP_S, ONE_S, FPR_TIEEVEN, st), 0x3c00, 0);
    CHECK_FP(RN, fp_convert(FP_H, FP_S, 0x477ff000, FPR_TIEEVEN, st), 0x7c00,
             FPSR_OFC | FPSR_IXC);
    CHECK_FP(RN | FPCR_AHP, fp_convert(FP_H, FP_S, 0x477ff000, FPR_TIEEVEN, st), 0x7c00,
             FPSR_IXC);
    CHECK_FP(RZ, fp_convert(FP_H, FP_S, 0x477ff000, FPR_ZERO, st), 0x7bff, FPSR_IXC);
    /* AHP: 2^17 is out of range -> largest value with IOC, no IXC;
     * infinity -> largest value, NaN -> zero, both IOC */
    CHECK_FP(RN | FPCR_AHP, fp_convert(FP_H, FP_S, 0x48000000, FPR_TIEEVEN, st), 0x7fff,
             FPSR_IOC);
    CHECK_FP(RN | FPCR_AHP, fp_convert(FP_H, FP_S, 0xff800000, FPR_TIEEVEN, st), 0xffff,
             FPSR_IOC);
    CHECK_FP(RN | FPCR_AHP, fp_convert(FP_H, FP_S, 0xffc00000, FPR_TIEEVEN, st), 0x8000,
             FPSR_IOC);
    CHECK_FP(RN, fp_convert(FP_H, FP_S, INF_S, FPR_TIEEVEN, st), 0x7c00, 0);
    CHECK_FP(RN, fp_convert(FP_H, FP_S, 0x7f800001, FPR_TIEEVEN, st), 0x7e00, FPSR_IOC);
    CHECK_FP(RN | FPCR_DN, fp_convert(FP_H, FP_S, 0xffc00000, FPR_TIEEVEN, st), 0x7e00, 0);
    /* f16 with AHP: exponent 31 is a number (2^16) */
    CHECK_FP(RN | FPCR_AHP, fp_convert(FP_S, FP_H, 0x7c00, FPR_TIEEVEN, st), 0x47800000, 0);
    CHECK_FP(RN, fp_convert(FP_S, FP_H, 0x7c00, FPR_TIEEVEN, st), INF_S, 0);
    /* half denormals are never flushed in ARMv8.0 (no FZ16) */
    CHECK_FP(RN | FPCR_FZ, fp_convert(FP_S, FP_H, 0x0001, FPR_TIEEVEN, st), 0x33800000, 0);
    /* 2^-25 is half the smallest half denormal: ties to even give 0 */
    CHECK_FP(RN | FPCR_FZ, fp_convert(FP_H, FP_S, 0x33000000, FPR_TIEEVEN, st), 0,
             FPSR_UFC | FPSR_IXC);
    /* round to odd (FCVTXN): 1 + 2^-28 keeps a set lsb */
    CHECK_FP(RN, fp_convert(FP_S, FP_D, 0x3ff0000010000000ull, FPR_ODD, st), 0x3f800001,
             FPSR_IXC);
}

/* FRECPE: RecipEstimate(256) = (2^19 / 513 + 1) / 2 = 511, so 1.0 gives
 * 0x3f7f8000 (0.998046875) and 2.0 the same fraction one exponent down.
 * FRSQRTE: 1.0 has an odd biased exponent, scaled = 128, b = 1022 (the
 * largest with 257 * (b + 1)^2 < 2^28), estimate 511: 0x3f7f8000 again;
 * 2.0 has an even exponent, scaled 256 -> 514 * (b + 1)^2 < 2^28 gives b =
 * 722, estimate 361 = 0x169: 0x3f348000 (about 1/sqrt(2)). */
TEST(softfloat_estimates)
{
    CHECK_EQ(fp_recip_estimate_int(256), 511);
    CHECK_EQ(fp_rsqrt_estimate_int(128), 511);
    CHECK_EQ(fp_rsqrt_estimate_int(256), 361);
    CHECK_FP(RN, fp_recip_estimate(FP_S, ONE_S, st), 0x3f7f8000, 0);
    CHECK_FP(RN, fp_recip_estimate(FP_S, TWO_S, st), 0x3eff8000, 0);
    CHECK_FP(RN, fp_recip_estimate(FP_D, 0xbff0000000000000ull, st), 0xbfeff00000000000ull, 0);
    CHECK_FP(RN, fp_recip_estimate(FP_S, 0x80000000, st), 0xff800000, FPSR_DZC);
    CHECK_FP(RN, fp_recip_estimate(FP_S, INF_S, st), 0, 0);
    /* 2^-130 < 2^-128: the reciprocal overflows */
    CHECK_FP(RN, fp_recip_estimate(FP_S, 0x00080000, st), INF_S, FPSR_OFC | FPSR_IXC);
    CHECK_FP(RZ, fp_recip_estimate(FP_S, 0x00080000, st), 0x7f7fffff, FPSR_OFC | FPSR_IXC);
    /* FZ: 2^127 >= 2^126 gives +0 with UFC */
    CHECK_FP(RN | FPCR_FZ, fp_recip_estimate(FP_S, 0x7f000000, st), 0, FPSR_UFC);
    CHECK_FP(RN, fp_rsqrt_estimate(FP_S, ONE_S, st), 0x3f7f8000, 0);
    CHECK_FP(RN, fp_rsqrt_estimate(FP_S, TWO_S, st), 0x3f348000, 0);
    CHECK_FP(RN, fp_rsqrt_estimate(FP_S, 0x40800000, st), 0x3eff8000, 0);
    CHECK_FP(RN, fp_rsqrt_estimate(FP_S, 0xbf800000, st), DNAN_S, FPSR_IOC);
    CHECK_FP(RN, fp_rsqrt_estimate(FP_S, 0x80000000, st), 0xff800000, FPSR_DZC);
    /* FRECPX: exponent inverted, fraction cleared; zero -> max exponent */
    CHECK_FP(RN, fp_recpx(FP_S, ONE_S, st), TWO_S, 0);
    CHECK_FP(RN, fp_recpx(FP_S, 0x3fc00000, st), TWO_S, 0);
    CHECK_FP(RN, fp_recpx(FP_S, 0x80000001, st), 0xff000000, 0);
    CHECK_FP(RN, fp_recpx(FP_D, 0, st), 0x7fe0000000000000ull, 0);
}

/* FRECPS = 2 - a*b, FRSQRTS = (3 - a*b) / 2, fused; inf * 0 gives 2.0 and
 * 1.5; the first operand is negated before NaN propagation. */
TEST(softfloat_steps)
{
    CHECK_FP(RN, fp_recip_step(FP_S, TWO_S, 0x3f000000, st), ONE_S, 0);
    CHECK_FP(RN, fp_recip_step(FP_S, INF_S, 0, st), TWO_S, 0);
    CHECK_FP(RN, fp_rsqrt_step(FP_S, ONE_S, ONE_S, st), ONE_S, 0);
    CHECK_FP(RN, fp_rsqrt_step(FP_S, 0, 0xff800000, st), 0x3fc00000, 0);
    CHECK_FP(RN, fp_recip_step(FP_S, 0x7fc00001, ONE_S, st), 0xffc00001, 0);
    CHECK_FP(RN, fp_rsqrt_step(FP_D, 0x7ff0000000000000ull, 0x3ff0000000000000ull, st),
             0xfff0000000000000ull, 0);
}
