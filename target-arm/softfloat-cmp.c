/* Soft-float comparisons, minimum and maximum: FPCompare,
 * FPCompareEQ/GE/GT, FPMax, FPMin, FPMaxNum, FPMinNum (Arm ARM DDI 0487,
 * J1 shared/functions/float). */
#include "target-arm/softfloat-internal.h"

/* Compare the values of two non-NaN operands: -1, 0, 1. Zeros of either
 * sign are equal. */
static int value_cmp(const FpUnp *a, const FpUnp *b)
{
    int rank_a, rank_b, c;
    FpReal x, y;

    /* -inf < negative < zero < positive < +inf */
    rank_a = a->type == FPT_ZERO ? 0 : (a->type == FPT_INF ? 2 : 1);
    rank_b = b->type == FPT_ZERO ? 0 : (b->type == FPT_INF ? 2 : 1);
    rank_a = a->v.sign ? -rank_a : rank_a;
    rank_b = b->v.sign ? -rank_b : rank_b;
    if (rank_a != rank_b) {
        return rank_a < rank_b ? -1 : 1;
    }
    if (a->type != FPT_NONZERO) {
        return 0;
    }
    x = fp_real_normalize(a->v, 63);
    y = fp_real_normalize(b->v, 63);
    c = x.exp != y.exp ? (x.exp < y.exp ? -1 : 1) : (x.sig != y.sig ? (x.sig < y.sig ? -1 : 1) : 0);
    return a->v.sign ? -c : c;
}

unsigned fp_compare(FpFmt f, uint64_t a, uint64_t b, bool signal_nans, FpStatus *st)
{
    FpUnp u1 = fp_unpack(f, a, st), u2 = fp_unpack(f, b, st);
    int c;

    if (fpt_is_nan(u1.type) || fpt_is_nan(u2.type)) {
        if (u1.type == FPT_SNAN || u2.type == FPT_SNAN || signal_nans) {
            st->flags |= FPSR_IOC;
        }
        return 0x3;
    }
    c = value_cmp(&u1, &u2);
    return c == 0 ? 0x6 : (c < 0 ? 0x8 : 0x2);
}

/* FPCompareEQ signals only for signalling NaNs; GE and GT for any NaN.
 * Returns -2 for unordered, else the comparison. */
static int ordered_cmp(FpFmt f, uint64_t a, uint64_t b, bool signal_qnan, FpStatus *st)
{
    FpUnp u1 = fp_unpack(f, a, st), u2 = fp_unpack(f, b, st);

    if (fpt_is_nan(u1.type) || fpt_is_nan(u2.type)) {
        if (u1.type == FPT_SNAN || u2.type == FPT_SNAN || signal_qnan) {
            st->flags |= FPSR_IOC;
        }
        return -2;
    }
    return value_cmp(&u1, &u2);
}

bool fp_compare_eq(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return ordered_cmp(f, a, b, false, st) == 0;
}

bool fp_compare_ge(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    int c = ordered_cmp(f, a, b, true, st);
    return c == 0 || c == 1;
}

bool fp_compare_gt(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return ordered_cmp(f, a, b, true, st) == 1;
}

/* FPMax / FPMin: NaNs propagate; otherwise the larger (smaller) value,
 * taking the second operand when equal; a zero result gets the sign
 * sign1 AND sign2 (max) or sign1 OR sign2 (min); a number result goes
 * through FPRound, which for an operand's own value is exact, and so
 * only re-encodes it. */
static uint64_t max_min(FpFmt f, uint64_t a, uint64_t b, bool is_max, FpStatus *st)
{
    FpUnp u[2] = { fp_unpack(f, a, st), fp_unpack(f, b, st) };
    uint64_t ops[2] = { a, b }, res;
    const FpUnp *pick;
    int c;

    if (fp_process_nans(f, u, ops, 2, &res, st)) {
        return res;
    }
    c = value_cmp(&u[0], &u[1]);
    pick = (is_max ? c > 0 : c < 0) ? &u[0] : &u[1];
    switch (pick->type) {
    case FPT_INF:
        return fp_infinity(f, pick->v.sign);
    case FPT_ZERO:
        return fp_zero(f, is_max ? (u[0].v.sign && u[1].v.sign) : (u[0].v.sign || u[1].v.sign));
    default:
        return fp_round(f, pick->v, st->rmode, st);
    }
}

uint64_t fp_max(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return max_min(f, a, b, true, st);
}

uint64_t fp_min(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return max_min(f, a, b, false, st);
}

/* FPMaxNum / FPMinNum: a single quiet NaN is replaced by the infinity that
 * loses (-inf for max, +inf for min); then FPMax / FPMin. */
static uint64_t max_min_num(FpFmt f, uint64_t a, uint64_t b, bool is_max, FpStatus *st)
{
    FpType t1 = fp_unpack(f, a, st).type, t2 = fp_unpack(f, b, st).type;

    if (t1 == FPT_QNAN && t2 != FPT_QNAN) {
        a = fp_infinity(f, is_max);
    } else if (t1 != FPT_QNAN && t2 == FPT_QNAN) {
        b = fp_infinity(f, is_max);
    }
    return max_min(f, a, b, is_max, st);
}

uint64_t fp_maxnum(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return max_min_num(f, a, b, true, st);
}

uint64_t fp_minnum(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return max_min_num(f, a, b, false, st);
}
