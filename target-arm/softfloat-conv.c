/* Soft-float conversions: FPRoundInt, FPConvert (with FPConvertNaN and
 * the alternative half-precision format), FPToFixed and FixedToFP (Arm ARM
 * DDI 0487, J1 shared/functions/float). */
#include "target-arm/softfloat-internal.h"

/* FPRoundInt: an operand that is already integral (its lowest significand
 * bit weighs at least 1) is re-encoded unchanged; otherwise the integer
 * is rounded by rm and re-encoded exactly, a zero keeping the operand's
 * sign. FRINTX (exact) raises IXC when the value changed. */
uint64_t fp_round_int(FpFmt f, uint64_t a, FpRounding rm, bool exact, FpStatus *st)
{
    FpUnp u = fp_unpack(f, a, st);
    FpReal r = { .sign = u.v.sign, .exp = 0 };
    bool inexact, huge;

    if (fpt_is_nan(u.type)) {
        return fp_process_nan(f, u.type, a, st);
    }
    if (u.type == FPT_INF) {
        return fp_infinity(f, u.v.sign);
    }
    if (u.type == FPT_ZERO) {
        return fp_zero(f, u.v.sign);
    }
    if (u.v.exp >= 0) {
        return fp_round(f, u.v, FPR_ZERO, st);
    }
    r.sig = fp_real_to_int(u.v, rm, &inexact, &huge);
    if (inexact && exact) {
        st->flags |= FPSR_IXC;
    }
    if (r.sig == 0) {
        return fp_zero(f, u.v.sign);
    }
    return fp_round(f, r, FPR_ZERO, st);
}

/* FPConvertNaN: sign and the fraction, left-aligned (so the quiet bit stays
 * the top fraction bit), made quiet. */
static uint64_t convert_nan(FpFmt to, FpFmt from, uint64_t a)
{
    const FpFmtInfo *ft = &fp_fmt_info[to], *ff = &fp_fmt_info[from];
    uint64_t frac = a & ((1ull << ff->f) - 1);
    bool sign = (a >> (ff->n - 1)) & 1;

    frac = ft->f >= ff->f ? frac << (ft->f - ff->f) : frac >> (ff->f - ft->f);
    return fp_infinity(to, sign) | frac | (1ull << (ft->f - 1));
}

/* FPConvert. To the alternative half-precision format (AHP), which has
 * neither NaNs nor infinities: a NaN becomes a zero and infinity the
 * largest value, both with IOC. */
uint64_t fp_convert(FpFmt to, FpFmt from, uint64_t a, FpRounding rm, FpStatus *st)
{
    FpUnp u = fp_unpack(from, a, st);
    bool alt_hp = to == FP_H && st->ahp;

    if (fpt_is_nan(u.type)) {
        uint64_t res;
        if (alt_hp) {
            res = fp_zero(to, u.v.sign);
        } else if (st->dn) {
            res = fp_default_nan(to);
        } else {
            res = convert_nan(to, from, a);
        }
        if (u.type == FPT_SNAN || alt_hp) {
            st->flags |= FPSR_IOC;
        }
        return res;
    }
    if (u.type == FPT_INF) {
        if (alt_hp) {
            st->flags |= FPSR_IOC;
            return fp_zero(to, u.v.sign) | (fp_sign_bit(to) - 1);
        }
        return fp_infinity(to, u.v.sign);
    }
    if (u.type == FPT_ZERO) {
        return fp_zero(to, u.v.sign);
    }
    return fp_round(to, u.v, rm, st);
}

/* FPToFixed: NaNs give 0 and IOC; infinities and out-of-range values
 * saturate with IOC (and no IXC); otherwise IXC when rounding dropped
 * bits. */
uint64_t fp_to_fixed(FpFmt f, uint64_t a, unsigned fbits, bool is_unsigned, unsigned ibits,
                     FpRounding rm, FpStatus *st)
{
    FpUnp u = fp_unpack(f, a, st);
    uint64_t mask = ibits == 64 ? UINT64_MAX : (1ull << ibits) - 1;
    u128 max_pos = is_unsigned ? mask : mask >> 1;      /* largest result magnitude */
    u128 max_neg = is_unsigned ? 0 : (mask >> 1) + 1;   /* largest negative magnitude */
    bool inexact = false, huge = u.type == FPT_INF;
    u128 mag = 0;

    if (fpt_is_nan(u.type)) {
        st->flags |= FPSR_IOC;
        return 0;
    }
    if (u.type == FPT_NONZERO) {
        u.v.exp += (int)fbits;
        mag = fp_real_to_int(u.v, rm, &inexact, &huge);
    }
    if (huge || mag > (u.v.sign ? max_neg : max_pos)) {
        st->flags |= FPSR_IOC;
        return u.v.sign ? (uint64_t)(0 - max_neg) & mask : (uint64_t)max_pos;
    }
    if (inexact) {
        st->flags |= FPSR_IXC;
    }
    return (u.v.sign ? 0 - (uint64_t)mag : (uint64_t)mag) & mask;
}

/* FixedToFP: zero is +0; anything else is rounded once. */
uint64_t fp_from_fixed(FpFmt f, uint64_t v, unsigned fbits, bool is_unsigned, unsigned ibits,
                       FpRounding rm, FpStatus *st)
{
    uint64_t mask = ibits == 64 ? UINT64_MAX : (1ull << ibits) - 1;
    FpReal r = { .sign = false, .exp = -(int)fbits };

    v &= mask;
    if (!is_unsigned && (v >> (ibits - 1))) {
        r.sign = true;
        v = (0 - v) & mask;               /* the most negative stays itself */
    }
    r.sig = v;
    if (v == 0) {
        return fp_zero(f, false);
    }
    return fp_round(f, r, rm, st);
}
