/* Reciprocal and reciprocal-square-root estimates and Newton-Raphson
 * steps: FPRecipEstimate, FPRSqrtEstimate (with the RecipEstimate and
 * RecipSqrtEstimate table algorithms), FPRecpX, FPRecipStepFused and
 * FPRSqrtStepFused (Arm ARM DDI 0487, J1 shared/functions/float, ARMv8.0
 * forms: no FEAT_RPRES, no FPCR.AH). */
#include "target-arm/softfloat-internal.h"

/* RecipEstimate: a in [256, 512) is 0.a (units of 1/512); the result in
 * [256, 512) is 1/x in units of 1/256, from 2^19 / (2a + 1) rounded. */
unsigned fp_recip_estimate_int(unsigned a)
{
    unsigned b;

    a = a * 2 + 1;
    b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* RecipSqrtEstimate: a in [128, 512) is x in units of 1/512 ([0.25, 1));
 * b is the largest integer with a * (b + 1)^2 < 2^28 from 512 up, i.e.
 * b < 2^14 / sqrt(a), then halved with rounding. */
unsigned fp_rsqrt_estimate_int(unsigned a)
{
    uint64_t b = 512;

    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = ((a >> 1) << 1);
        a = (a + 1) * 2;
    }
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28)) {
        b++;
    }
    return (unsigned)((b + 1) / 2);
}

/* The operand's raw exponent field and its fraction left-aligned in 52
 * bits, as both estimate pseudocode functions start. */
static void raw_fields(FpFmt f, uint64_t a, int *exp, uint64_t *frac52)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];

    *exp = (int)((a >> fi->f) & ((1u << fi->e) - 1));
    *frac52 = (a & ((1ull << fi->f) - 1)) << (52 - fi->f);
}

static uint64_t pack_fields(FpFmt f, bool sign, int exp, uint64_t frac52)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];

    return (sign ? fp_sign_bit(f) : 0) | ((uint64_t)exp << fi->f) | (frac52 >> (52 - fi->f));
}

#define FRAC52_TOP (1ull << 51)
#define FRAC52_MASK ((1ull << 52) - 1)

uint64_t fp_recip_estimate(FpFmt f, uint64_t a, FpStatus *st)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];
    FpUnp u = fp_unpack(f, a, st);
    bool sign = u.v.sign;
    int exp, result_exp, e;
    uint64_t frac;

    if (fpt_is_nan(u.type)) {
        return fp_process_nan(f, u.type, a, st);
    }
    if (u.type == FPT_INF) {
        return fp_zero(f, sign);
    }
    if (u.type == FPT_ZERO) {
        st->flags |= FPSR_DZC;
        return fp_infinity(f, sign);
    }
    e = u.v.exp + msb128(u.v.sig);       /* 2^e <= |value| < 2^(e+1) */
    /* |value| < 2^-16, 2^-128, 2^-1024: the reciprocal overflows */
    if (e < -(1 << (fi->e - 1))) {
        FpRounding rm = st->rmode;
        bool to_inf = rm == FPR_TIEEVEN || (rm == FPR_POSINF && !sign) ||
                      (rm == FPR_NEGINF && sign);
        st->flags |= FPSR_OFC | FPSR_IXC;
        return to_inf ? fp_infinity(f, sign) : fp_max_normal(f, sign);
    }
    /* |value| >= 2^126, 2^1022 with FZ: the result would be denormal */
    if (st->fz && f != FP_H && e >= -fi->emin) {
        st->flags |= FPSR_UFC;
        return fp_zero(f, sign);
    }
    raw_fields(f, a, &exp, &frac);
    if (exp == 0) {
        if (!(frac & FRAC52_TOP)) {
            exp = -1;
            frac = (frac << 2) & FRAC52_MASK;
        } else {
            frac = (frac << 1) & FRAC52_MASK;
        }
    }
    /* 253 - exp for single: 2 * bias - 1 - exp */
    result_exp = 2 * ((1 << (fi->e - 1)) - 1) - 1 - exp;
    frac = (uint64_t)(fp_recip_estimate_int(256 + (unsigned)(frac >> 44)) & 0xff) << 44;
    if (result_exp == 0) {
        frac = FRAC52_TOP | (frac >> 1);
    } else if (result_exp == -1) {
        frac = (FRAC52_TOP >> 1) | (frac >> 2);
        result_exp = 0;
    }
    return pack_fields(f, sign, result_exp, frac);
}

uint64_t fp_rsqrt_estimate(FpFmt f, uint64_t a, FpStatus *st)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];
    FpUnp u = fp_unpack(f, a, st);
    int exp, result_exp;
    uint64_t frac;
    unsigned scaled;

    if (fpt_is_nan(u.type)) {
        return fp_process_nan(f, u.type, a, st);
    }
    if (u.type == FPT_ZERO) {
        st->flags |= FPSR_DZC;
        return fp_infinity(f, u.v.sign);
    }
    if (u.v.sign) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (u.type == FPT_INF) {
        return fp_zero(f, false);
    }
    raw_fields(f, a, &exp, &frac);
    if (exp == 0) {
        while (!(frac & FRAC52_TOP)) {
            frac <<= 1;
            exp--;
        }
        frac = (frac << 1) & FRAC52_MASK;
    }
    /* an even biased exponent is a value in [0.5, 1), odd in [0.25, 0.5) */
    if ((exp & 1) == 0) {
        scaled = 256 + (unsigned)(frac >> 44);
    } else {
        scaled = 128 + (unsigned)(frac >> 45);
    }
    /* (380 - exp) / 2 for single: (3 * bias - 1 - exp) / 2 */
    result_exp = (3 * ((1 << (fi->e - 1)) - 1) - 1 - exp) / 2;
    return pack_fields(f, false, result_exp, (uint64_t)(fp_rsqrt_estimate_int(scaled) & 0xff) << 44);
}

/* FPRecpX: the exponent field inverted (zeros and denormals get the
 * largest finite exponent), fraction cleared, sign kept. */
uint64_t fp_recpx(FpFmt f, uint64_t a, FpStatus *st)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];
    FpUnp u = fp_unpack(f, a, st);
    uint64_t emask = (1ull << fi->e) - 1;
    uint64_t exp = (a >> fi->f) & emask;

    if (fpt_is_nan(u.type)) {
        return fp_process_nan(f, u.type, a, st);
    }
    exp = exp == 0 ? emask - 1 : (~exp & emask);
    return fp_zero(f, u.v.sign) | (exp << fi->f);
}

/* FPRecipStepFused (2 - a*b) and FPRSqrtStepFused ((3 - a*b) / 2): the
 * first operand is negated before anything else (so a NaN in it comes out
 * negated), inf * 0 gives 2.0 or 1.5, and the fused result is rounded
 * once. */
static uint64_t step_fused(FpFmt f, uint64_t a, uint64_t b, bool rsqrt, FpStatus *st)
{
    const FpFmtInfo *fi = &fp_fmt_info[f];
    uint64_t ops[2] = { fp_neg(f, a), b }, res;
    FpUnp u[2] = { fp_unpack(f, ops[0], st), fp_unpack(f, b, st) };
    bool inf1 = u[0].type == FPT_INF, inf2 = u[1].type == FPT_INF;
    bool zero1 = u[0].type == FPT_ZERO, zero2 = u[1].type == FPT_ZERO;
    FpReal p, c = { .sign = false, .exp = rsqrt ? 0 : 1, .sig = rsqrt ? 3 : 1 };

    if (fp_process_nans(f, u, ops, 2, &res, st)) {
        return res;
    }
    if ((inf1 && zero2) || (zero1 && inf2)) {
        /* FPOnePointFive: exponent = bias, top fraction bit set */
        return rsqrt ? (((1ull << (fi->e - 1)) - 1) << fi->f) | (1ull << (fi->f - 1))
                     : fp_two(f, false);
    }
    if (inf1 || inf2) {
        return fp_infinity(f, u[0].v.sign ^ u[1].v.sign);
    }
    p.sign = u[0].v.sign ^ u[1].v.sign;
    p.exp = u[0].v.exp + u[1].v.exp;
    p.sig = (zero1 || zero2) ? 0 : u[0].v.sig * u[1].v.sig;
    p = fp_real_add(c, p);
    p.exp -= rsqrt;
    return fp_round_or_zero(f, p, st->rmode, st);
}

uint64_t fp_recip_step(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return step_fused(f, a, b, false, st);
}

uint64_t fp_rsqrt_step(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return step_fused(f, a, b, true, st);
}
