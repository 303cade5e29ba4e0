/* The soft-float core: FPUnpack, FPRound, NaN processing and exact
 * addition of reals (Arm ARM DDI 0487, J1 shared/functions/float). */
#include "target-arm/softfloat-internal.h"

const FpFmtInfo fp_fmt_info[4] = {
    [FP_H] = { 16, 5, 10, -14 },
    [FP_S] = { 32, 8, 23, -126 },
    [FP_D] = { 64, 11, 52, -1022 },
};

/* FPDefaultNaN: sign 0, exponent all ones, top fraction bit set. */
uint64_t fp_default_nan(FpFmt f)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];

    return (((1ull << fi->e) - 1) << fi->f) | (1ull << (fi->f - 1));
}

uint64_t fp_infinity(FpFmt f, bool sign)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];

    return (sign ? fp_sign_bit(f) : 0) | (((1ull << fi->e) - 1) << fi->f);
}

uint64_t fp_zero(FpFmt f, bool sign)
{
    return sign ? fp_sign_bit(f) : 0;
}

/* FPMaxNormal: exponent Ones(E-1):'0', fraction all ones. */
uint64_t fp_max_normal(FpFmt f, bool sign)
{
    return fp_infinity(f, sign) - 1;
}

bool fp_is_nan(FpFmt f, uint64_t a)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];
    uint64_t exp = (a >> fi->f) & ((1ull << fi->e) - 1);

    return exp == (1ull << fi->e) - 1 && (a & ((1ull << fi->f) - 1)) != 0;
}

/* FPUnpack. The exponent field all ones is infinity or NaN, except in the
 * alternative half-precision format (AHP), where it is an ordinary
 * exponent. A denormal input is flushed to zero with IDC when FPCR.FZ is
 * set, except half precision (FZ16 does not exist in ARMv8.0). */
FpUnp fp_unpack(FpFmt f, uint64_t a, FpStatus *st)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];
    uint64_t frac = a & ((1ull << fi->f) - 1);
    unsigned exp = (unsigned)(a >> fi->f) & ((1u << fi->e) - 1);
    FpUnp u = { .type = FPT_ZERO };

    u.v.sign = (a >> (fi->n - 1)) & 1;
    if (exp == 0) {
        if (frac == 0) {
            return u;
        }
        if (st->fz && f != FP_H) {
            st->flags |= FPSR_IDC;
            return u;
        }
        u.type = FPT_NONZERO;
        u.v.sig = frac;
        u.v.exp = fi->emin - (int)fi->f;
        return u;
    }
    if (exp == (1u << fi->e) - 1 && !(f == FP_H && st->ahp)) {
        if (frac == 0) {
            u.type = FPT_INF;
        } else {
            u.type = (frac >> (fi->f - 1)) ? FPT_QNAN : FPT_SNAN;
        }
        return u;
    }
    u.type = FPT_NONZERO;
    u.v.sig = frac | (1ull << fi->f);
    u.v.exp = (int)exp - ((1 << (fi->e - 1)) - 1) - (int)fi->f;
    return u;
}

/* Does rounding mode rm round a magnitude up, given its lowest kept bit
 * and rbits, the dropped part: 0 none, 1 below half, 2 half, 3 above. */
static bool round_up(FpRounding rm, bool sign, unsigned rbits, bool odd)
{
    switch (rm) {
    case FPR_TIEEVEN:
        return rbits == 3 || (rbits == 2 && odd);
    case FPR_POSINF:
        return rbits && !sign;
    case FPR_NEGINF:
        return rbits && sign;
    case FPR_TIEAWAY:
        return rbits >= 2;
    default:
        return false;            /* ZERO, ODD */
    }
}

/* sig >> shift (shift may be <= 0: a left shift) and the dropped bits
 * classified as in round_up(). */
static u128 shift_round_bits(u128 sig, int shift, unsigned *rbits)
{
    u128 t;

    if (shift <= 0) {
        *rbits = 0;
        return sig << -shift;
    }
    if (shift == 1) {
        *rbits = (unsigned)(sig & 1) << 1;
        return sig >> 1;
    }
    t = shr_jam128(sig, shift - 2);
    *rbits = (unsigned)(t & 3);
    return t >> 2;
}

/* FPRound: normalise to 1.0 <= mantissa < 2.0 with exponent e, flush to
 * zero (FZ, UFC, no IXC) when e < minimum_exp, else round at the
 * precision the biased exponent allows. Underflow is signalled when the
 * value is tiny BEFORE rounding and inexact; overflow gives infinity or
 * the largest normal by rounding mode, or in the alternative
 * half-precision format the largest value with IOC and no IXC. */
uint64_t fp_round(FpFmt f, FpReal r, FpRounding rm, FpStatus *st)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];
    int e = r.exp + msb128(r.sig);
    uint64_t sign = r.sign ? fp_sign_bit(f) : 0;
    int biased = e - fi->emin + 1;
    unsigned rbits;
    uint64_t mant;
    bool ahp = f == FP_H && st->ahp;

    if (st->fz && f != FP_H && e < fi->emin) {
        st->flags |= FPSR_UFC;
        return sign;
    }
    if (biased < 0) {
        biased = 0;
    }
    mant = (uint64_t)shift_round_bits(r.sig, (biased ? e : fi->emin) - (int)fi->f - r.exp,
                                      &rbits);
    if (biased == 0 && rbits) {
        st->flags |= FPSR_UFC;
    }
    if (round_up(rm, r.sign, rbits, mant & 1)) {
        mant++;
        if (mant == 1ull << fi->f) {
            biased = 1;          /* a denormal rounded up to the smallest normal */
        }
        if (mant == 1ull << (fi->f + 1)) {
            biased++;
            mant >>= 1;
        }
    }
    if (rbits && rm == FPR_ODD) {
        mant |= 1;
    }
    if (!ahp && biased >= (1 << fi->e) - 1) {
        bool to_inf = rm == FPR_TIEEVEN || rm == FPR_TIEAWAY ||
                      (rm == FPR_POSINF && !r.sign) || (rm == FPR_NEGINF && r.sign);
        st->flags |= FPSR_OFC | FPSR_IXC;
        return to_inf ? fp_infinity(f, r.sign) : fp_max_normal(f, r.sign);
    }
    if (ahp && biased >= (1 << fi->e)) {
        st->flags |= FPSR_IOC;
        return sign | (fp_sign_bit(f) - 1);
    }
    if (rbits) {
        st->flags |= FPSR_IXC;
    }
    return sign | ((uint64_t)biased << fi->f) | (mant & ((1ull << fi->f) - 1));
}

uint64_t fp_round_or_zero(FpFmt f, FpReal r, FpRounding rm, FpStatus *st)
{
    if (r.sig == 0) {
        return fp_zero(f, rm == FPR_NEGINF);
    }
    return fp_round(f, r, rm, st);
}

/* FPProcessNaN: a signalling NaN gets its top fraction bit set and raises
 * IOC; DN replaces any NaN result by the default NaN. */
uint64_t fp_process_nan(FpFmt f, FpType t, uint64_t a, FpStatus *st)
{
    if (t == FPT_SNAN) {
        a |= 1ull << (fp_fmt_info[f].f - 1);
        st->flags |= FPSR_IOC;
    }
    return st->dn ? fp_default_nan(f) : a & fp_mask(f);
}

bool fp_process_nans(FpFmt f, const FpUnp *u, const uint64_t *ops, unsigned n, uint64_t *res,
                     FpStatus *st)
{
    for (FpType t = FPT_SNAN; t >= FPT_QNAN; t--) {
        for (unsigned i = 0; i < n; i++) {
            if (u[i].type == t) {
                *res = fp_process_nan(f, t, ops[i], st);
                return true;
            }
        }
    }
    return false;
}

/* Both operands are brought to a 126-bit significand; the one with the
 * smaller exponent is shifted right with a sticky bit. Inputs have at most
 * 106 significant bits (a double product), so when the exponents are
 * within 20 of each other nothing is lost, and otherwise the sum keeps at
 * least 124 significant bits, so the sticky bit stays far below any
 * rounding position and cannot turn into an exact tie. */
FpReal fp_real_add(FpReal a, FpReal b)
{
    FpReal r;

    if (a.sig == 0) {
        return b;
    }
    if (b.sig == 0) {
        return a;
    }
    a = fp_real_normalize(a, 125);
    b = fp_real_normalize(b, 125);
    if (a.exp < b.exp) {
        FpReal t = a;
        a = b;
        b = t;
    }
    b.sig = shr_jam128(b.sig, a.exp - b.exp);
    r.exp = a.exp;
    if (a.sign == b.sign) {
        r.sign = a.sign;
        r.sig = a.sig + b.sig;
    } else if (a.sig >= b.sig) {
        r.sign = a.sign;
        r.sig = a.sig - b.sig;
    } else {
        r.sign = b.sign;
        r.sig = b.sig - a.sig;
    }
    return r;
}

u128 fp_real_to_int(FpReal r, FpRounding rm, bool *inexact, bool *huge)
{
    unsigned rbits;
    u128 mag;

    *huge = false;
    *inexact = false;
    if (r.sig == 0) {
        return 0;
    }
    if (r.exp >= 0 && msb128(r.sig) + r.exp >= 126) {
        *huge = true;
        return 0;
    }
    mag = shift_round_bits(r.sig, -r.exp, &rbits);
    *inexact = rbits != 0;
    if (round_up(rm, r.sign, rbits, mag & 1)) {
        mag++;
    }
    return mag;
}
