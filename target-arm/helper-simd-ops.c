/* Per-element integer operations of Advanced SIMD (helper-simd-arith.h),
 * one small function each, after the C6.2 pseudocode of the instruction of
 * the same name. Intermediate values are exact: the pseudocode's unbounded
 * integers become __int128 (every operand fits in 64 bits and no operation
 * here needs more than 2 x 64 + 2 bits), and only the final value is
 * truncated (the Elem[] assignment) or saturated (SignedSatQ /
 * UnsignedSatQ). Unsigned types carry everything that may wrap. */
#include "target-arm/helper-simd-arith.h"

typedef __int128 i128;

static uint64_t mask_of(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

static int64_t sext(uint64_t x, unsigned bits)
{
    return (int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* Int(x, unsigned) of the pseudocode. */
static i128 ival(uint64_t x, unsigned bits, bool sign)
{
    return sign ? (i128)sext(x, bits) : (i128)(x & mask_of(bits));
}

/* SatQ(v, bits, unsigned): clip to the element's range, noting it. */
static uint64_t satq(i128 v, unsigned bits, bool sign, bool *sat)
{
    i128 hi = sign ? ((i128)1 << (bits - 1)) - 1 : ((i128)1 << bits) - 1;
    i128 lo = sign ? -((i128)1 << (bits - 1)) : 0;

    if (v > hi) {
        v = hi;
        *sat = true;
    } else if (v < lo) {
        v = lo;
        *sat = true;
    }
    return (uint64_t)v;
}

/* One element function of the table: uint64_t op_NAME(n, m, d, bits, sat). */
#define ELEM_OP(name, expr)                                                       \
    static uint64_t op_##name(uint64_t n, uint64_t m, uint64_t d, unsigned bits, \
                              bool *sat)                                          \
    {                                                                             \
        return expr;                                                              \
    }

static uint64_t ones_if(bool c)
{
    return c ? ~0ull : 0;
}

ELEM_OP(add, n + m)
ELEM_OP(sub, n - m)
ELEM_OP(mul, n * m)
ELEM_OP(mla, d + n * m)
ELEM_OP(mls, d - n * m)

/* C6.2 PMUL / PMULL, PolynomialMult(): carry-less product, truncated to the
 * element (PMULL's operands arrive zero-extended to the double width, so
 * the product there is whole). */
static uint64_t op_pmul(uint64_t n, uint64_t m, uint64_t d, unsigned bits, bool *sat)
{
    uint64_t r = 0;

    n &= mask_of(bits);
    for (unsigned i = 0; i < bits; i++) {
        if ((m >> i) & 1) {
            r ^= n << i;
        }
    }
    return r;
}

/* C6.2 SHADD/SRHADD/SHSUB: (a op b [+ 1]) >> 1 without losing the carry. */
static uint64_t halving(uint64_t n, uint64_t m, unsigned bits, bool sign, int dir, int round)
{
    i128 a = ival(n, bits, sign), b = ival(m, bits, sign);

    return (uint64_t)((a + dir * b + round) >> 1);
}

ELEM_OP(shadd, halving(n, m, bits, true, 1, 0))
ELEM_OP(uhadd, halving(n, m, bits, false, 1, 0))
ELEM_OP(srhadd, halving(n, m, bits, true, 1, 1))
ELEM_OP(urhadd, halving(n, m, bits, false, 1, 1))
ELEM_OP(shsub, halving(n, m, bits, true, -1, 0))
ELEM_OP(uhsub, halving(n, m, bits, false, -1, 0))

/* C6.2 SQADD/UQADD/SQSUB/UQSUB. */
ELEM_OP(sqadd, satq(ival(n, bits, true) + ival(m, bits, true), bits, true, sat))
ELEM_OP(uqadd, satq(ival(n, bits, false) + ival(m, bits, false), bits, false, sat))
ELEM_OP(sqsub, satq(ival(n, bits, true) - ival(m, bits, true), bits, true, sat))
ELEM_OP(uqsub, satq(ival(n, bits, false) - ival(m, bits, false), bits, false, sat))

/* C6.2 CMGT/CMHI/CMGE/CMHS/CMEQ/CMTST: all ones when the test holds. */
ELEM_OP(cmgt, ones_if(ival(n, bits, true) > ival(m, bits, true)))
ELEM_OP(cmhi, ones_if(ival(n, bits, false) > ival(m, bits, false)))
ELEM_OP(cmge, ones_if(ival(n, bits, true) >= ival(m, bits, true)))
ELEM_OP(cmhs, ones_if(ival(n, bits, false) >= ival(m, bits, false)))
ELEM_OP(cmeq, ones_if(((n ^ m) & mask_of(bits)) == 0))
ELEM_OP(cmtst, ones_if((n & m & mask_of(bits)) != 0))

/* C6.2 SSHL/SRSHL/SQSHL/SQRSHL and the unsigned forms: shift by the signed
 * low byte of the Vm element, left when positive, right (rounding:
 * adding 1 << (-shift - 1) first) when negative:
 *   element = (Int(op1, unsigned) + round_const) << shift
 * then SatQ for the saturating forms, truncation otherwise. */
static uint64_t shift_reg(uint64_t n, uint64_t m, unsigned bits, bool sign, bool round,
                          bool saturate, bool *sat)
{
    int sh = (int8_t)(m & 0xff);
    i128 x = ival(n, bits, sign), r;

    if (sh >= 0) {
        if (x == 0) {
            r = 0;
        } else if (sh >= 64) {
            /* past every element width: zero when truncated, out of range
             * (with x's sign) when saturated */
            r = saturate ? (x < 0 ? -((i128)1 << 100) : (i128)1 << 100) : 0;
        } else {
            r = x * ((i128)1 << sh);      /* |x| < 2^64, so |r| < 2^127 */
        }
    } else if (-sh > 64) {
        /* floor(x / 2^-sh) for |x| < 2^64; rounding adds half of 2^-sh,
         * which brings every such x to 0 */
        r = (!round && x < 0) ? -1 : 0;
    } else {
        if (round) {
            x += (i128)1 << (-sh - 1);
        }
        r = x >> -sh;
    }
    return saturate ? satq(r, bits, sign, sat) : (uint64_t)r;
}

ELEM_OP(sshl, shift_reg(n, m, bits, true, false, false, sat))
ELEM_OP(ushl, shift_reg(n, m, bits, false, false, false, sat))
ELEM_OP(sqshl, shift_reg(n, m, bits, true, false, true, sat))
ELEM_OP(uqshl, shift_reg(n, m, bits, false, false, true, sat))
ELEM_OP(srshl, shift_reg(n, m, bits, true, true, false, sat))
ELEM_OP(urshl, shift_reg(n, m, bits, false, true, false, sat))
ELEM_OP(sqrshl, shift_reg(n, m, bits, true, true, true, sat))
ELEM_OP(uqrshl, shift_reg(n, m, bits, false, true, true, sat))

/* C6.2 SMAX/UMAX/SMIN/UMIN (and the pairwise forms). */
ELEM_OP(smax, ival(n, bits, true) >= ival(m, bits, true) ? n : m)
ELEM_OP(umax, ival(n, bits, false) >= ival(m, bits, false) ? n : m)
ELEM_OP(smin, ival(n, bits, true) <= ival(m, bits, true) ? n : m)
ELEM_OP(umin, ival(n, bits, false) <= ival(m, bits, false) ? n : m)

/* C6.2 SABD/SABA: Abs(Int(n) - Int(m)) [+ d]. */
static uint64_t absdiff(uint64_t n, uint64_t m, unsigned bits, bool sign)
{
    i128 v = ival(n, bits, sign) - ival(m, bits, sign);

    return (uint64_t)(v < 0 ? -v : v);
}

ELEM_OP(sabd, absdiff(n, m, bits, true))
ELEM_OP(uabd, absdiff(n, m, bits, false))
ELEM_OP(saba, d + absdiff(n, m, bits, true))
ELEM_OP(uaba, d + absdiff(n, m, bits, false))

/* C6.2 SQDMULH/SQRDMULH: SignedSatQ((2 * n * m [+ 1 << (esize - 1)]) >>
 * esize); only -2^(esize-1) squared saturates. */
static uint64_t doubling_high(uint64_t n, uint64_t m, unsigned bits, bool round, bool *sat)
{
    i128 p = 2 * ival(n, bits, true) * ival(m, bits, true);

    if (round) {
        p += (i128)1 << (bits - 1);
    }
    return satq(p >> bits, bits, true, sat);
}

ELEM_OP(sqdmulh, doubling_high(n, m, bits, false, sat))
ELEM_OP(sqrdmulh, doubling_high(n, m, bits, true, sat))

/* C6.2 ADDHN/RADDHN/SUBHN/RSUBHN, at the wide width: the high half of the
 * wrapped sum, rounded by 1 << (esize - 1) in the R forms. */
static uint64_t high_narrow(uint64_t v, unsigned bits, bool round)
{
    unsigned half = bits / 2;

    if (round) {
        v += 1ull << (half - 1);
    }
    return (v & mask_of(bits)) >> half;
}

ELEM_OP(addhn, high_narrow(n + m, bits, false))
ELEM_OP(raddhn, high_narrow(n + m, bits, true))
ELEM_OP(subhn, high_narrow(n - m, bits, false))
ELEM_OP(rsubhn, high_narrow(n - m, bits, true))

/* C6.2 SQDMULL/SQDMLAL/SQDMLSL at the wide width: product =
 * SignedSatQ(2 * n * m), then SignedSatQ(d +/- product); either
 * saturation sets QC. */
static uint64_t doubling_long(uint64_t n, uint64_t m, uint64_t d, unsigned bits, int dir,
                              bool *sat)
{
    i128 p = satq(2 * ival(n, bits, true) * ival(m, bits, true), bits, true, sat);

    if (dir == 0) {
        return (uint64_t)p;
    }
    return satq(ival(d, bits, true) + dir * ival((uint64_t)p, bits, true), bits, true, sat);
}

ELEM_OP(sqdmull, doubling_long(n, m, d, bits, 0, sat))
ELEM_OP(sqdmlal, doubling_long(n, m, d, bits, 1, sat))
ELEM_OP(sqdmlsl, doubling_long(n, m, d, bits, -1, sat))

SimdElemFn *const simd_elem_ops[SOP_COUNT] = {
    [SOP_ADD] = op_add,         [SOP_SUB] = op_sub,
    [SOP_MUL] = op_mul,         [SOP_MLA] = op_mla,
    [SOP_MLS] = op_mls,         [SOP_PMUL] = op_pmul,
    [SOP_SHADD] = op_shadd,     [SOP_UHADD] = op_uhadd,
    [SOP_SRHADD] = op_srhadd,   [SOP_URHADD] = op_urhadd,
    [SOP_SHSUB] = op_shsub,     [SOP_UHSUB] = op_uhsub,
    [SOP_SQADD] = op_sqadd,     [SOP_UQADD] = op_uqadd,
    [SOP_SQSUB] = op_sqsub,     [SOP_UQSUB] = op_uqsub,
    [SOP_CMGT] = op_cmgt,       [SOP_CMHI] = op_cmhi,
    [SOP_CMGE] = op_cmge,       [SOP_CMHS] = op_cmhs,
    [SOP_CMEQ] = op_cmeq,       [SOP_CMTST] = op_cmtst,
    [SOP_SSHL] = op_sshl,       [SOP_USHL] = op_ushl,
    [SOP_SQSHL] = op_sqshl,     [SOP_UQSHL] = op_uqshl,
    [SOP_SRSHL] = op_srshl,     [SOP_URSHL] = op_urshl,
    [SOP_SQRSHL] = op_sqrshl,   [SOP_UQRSHL] = op_uqrshl,
    [SOP_SMAX] = op_smax,       [SOP_UMAX] = op_umax,
    [SOP_SMIN] = op_smin,       [SOP_UMIN] = op_umin,
    [SOP_SABD] = op_sabd,       [SOP_UABD] = op_uabd,
    [SOP_SABA] = op_saba,       [SOP_UABA] = op_uaba,
    [SOP_SQDMULH] = op_sqdmulh, [SOP_SQRDMULH] = op_sqrdmulh,
    [SOP_ADDHN] = op_addhn,     [SOP_RADDHN] = op_raddhn,
    [SOP_SUBHN] = op_subhn,     [SOP_RSUBHN] = op_rsubhn,
    [SOP_SQDMULL] = op_sqdmull, [SOP_SQDMLAL] = op_sqdmlal,
    [SOP_SQDMLSL] = op_sqdmlsl,
};
