/* Soft-float arithmetic: FPAdd, FPSub, FPMul, FPMulX, FPDiv, FPSqrt and
 * FPMulAdd (Arm ARM DDI 0487, J1 shared/functions/float). Each follows its
 * pseudocode: unpack (flushing inputs), NaN propagation, the special cases
 * in pseudocode order, then the exact result rounded once by fp_round. */
#include "target-arm/softfloat-internal.h"

/* FPAdd, and FPSub with negate_b: the second operand's value is negated
 * but a NaN operand propagates unchanged. */
static uint64_t add_sub(FpFmt f, uint64_t a, uint64_t b, bool negate_b, FpStatus *st)
{
    FpUnp u[2] = { fp_unpack(f, a, st), fp_unpack(f, b, st) };
    uint64_t ops[2] = { a, b }, res;
    bool s1 = u[0].v.sign, s2 = u[1].v.sign ^ negate_b;
    bool inf1 = u[0].type == FPT_INF, inf2 = u[1].type == FPT_INF;

    if (fp_process_nans(f, u, ops, 2, &res, st)) {
        return res;
    }
    if (inf1 && inf2 && s1 != s2) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (inf1 || inf2) {
        return fp_infinity(f, inf1 ? s1 : s2);
    }
    if (u[0].type == FPT_ZERO && u[1].type == FPT_ZERO && s1 == s2) {
        return fp_zero(f, s1);
    }
    u[1].v.sign = s2;
    return fp_round_or_zero(f, fp_real_add(u[0].v, u[1].v), st->rmode, st);
}

uint64_t fp_add(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return add_sub(f, a, b, false, st);
}

uint64_t fp_sub(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return add_sub(f, a, b, true, st);
}

/* FPMul and FPMulX: they differ only in 0 * inf, the default NaN with IOC
 * for FMUL, 2.0 with the product's sign for FMULX. */
static uint64_t mul(FpFmt f, uint64_t a, uint64_t b, bool mulx, FpStatus *st)
{
    FpUnp u[2] = { fp_unpack(f, a, st), fp_unpack(f, b, st) };
    uint64_t ops[2] = { a, b }, res;
    bool sign = u[0].v.sign ^ u[1].v.sign;
    bool inf1 = u[0].type == FPT_INF, inf2 = u[1].type == FPT_INF;
    bool zero1 = u[0].type == FPT_ZERO, zero2 = u[1].type == FPT_ZERO;
    FpReal p;

    if (fp_process_nans(f, u, ops, 2, &res, st)) {
        return res;
    }
    if ((inf1 && zero2) || (zero1 && inf2)) {
        if (mulx) {
            return fp_two(f, sign);
        }
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (inf1 || inf2) {
        return fp_infinity(f, sign);
    }
    if (zero1 || zero2) {
        return fp_zero(f, sign);
    }
    p.sign = sign;
    p.exp = u[0].v.exp + u[1].v.exp;
    p.sig = u[0].v.sig * u[1].v.sig;
    return fp_round(f, p, st->rmode, st);
}

uint64_t fp_mul(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return mul(f, a, b, false, st);
}

uint64_t fp_mulx(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    return mul(f, a, b, true, st);
}

/* FPDiv. The significands are normalised to 64 bits so the 128/64-bit
 * quotient has at least 64 significant bits; a non-zero remainder becomes
 * the sticky bit. */
uint64_t fp_div(FpFmt f, uint64_t a, uint64_t b, FpStatus *st)
{
    FpUnp u[2] = { fp_unpack(f, a, st), fp_unpack(f, b, st) };
    uint64_t ops[2] = { a, b }, res, den;
    bool sign = u[0].v.sign ^ u[1].v.sign;
    bool inf1 = u[0].type == FPT_INF, inf2 = u[1].type == FPT_INF;
    bool zero1 = u[0].type == FPT_ZERO, zero2 = u[1].type == FPT_ZERO;
    FpReal n, d, q;

    if (fp_process_nans(f, u, ops, 2, &res, st)) {
        return res;
    }
    if ((inf1 && inf2) || (zero1 && zero2)) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (inf1 || zero2) {
        if (!inf1) {
            st->flags |= FPSR_DZC;
        }
        return fp_infinity(f, sign);
    }
    if (zero1 || inf2) {
        return fp_zero(f, sign);
    }
    n = fp_real_normalize(u[0].v, 63);
    d = fp_real_normalize(u[1].v, 63);
    den = (uint64_t)d.sig;
    q.sign = sign;
    q.sig = (n.sig << 64) / den;
    q.sig |= ((n.sig << 64) % den) != 0;
    q.exp = n.exp - 64 - d.exp;
    return fp_round(f, q, st->rmode, st);
}

/* Integer square root of x (floor), and whether it was exact. */
static u128 isqrt128(u128 x, bool *exact)
{
    u128 res = 0, bit = (u128)1 << 126;

    while (bit > x) {
        bit >>= 2;
    }
    while (bit) {
        if (x >= res + bit) {
            x -= res + bit;
            res = (res >> 1) + bit;
        } else {
            res >>= 1;
        }
        bit >>= 2;
    }
    *exact = x == 0;
    return res;
}

/* FPSqrt. The significand is normalised to 125 or 126 bits with an even
 * exponent, so the root has 63 bits; an inexact root gets a sticky bit. */
uint64_t fp_sqrt(FpFmt f, uint64_t a, FpStatus *st)
{
    FpUnp u = fp_unpack(f, a, st);
    FpReal r;
    bool exact;

    if (fpt_is_nan(u.type)) {
        return fp_process_nan(f, u.type, a, st);
    }
    if (u.type == FPT_ZERO) {
        return fp_zero(f, u.v.sign);
    }
    if (u.type == FPT_INF && !u.v.sign) {
        return fp_infinity(f, false);
    }
    if (u.v.sign) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    r = fp_real_normalize(u.v, 125);
    if (r.exp & 1) {
        r.sig <<= 1;
        r.exp--;
    }
    r.sig = isqrt128(r.sig, &exact);
    r.sig |= !exact;
    r.exp /= 2;
    return fp_round(f, r, st->rmode, st);
}

/* FPMulAdd(addend, op1, op2). NaNs: FPProcessNaNs3 in the order addend,
 * op1, op2; but a quiet-NaN addend with 0 * inf gives the default NaN and
 * IOC. The product is exact (at most 106 bits) and the sum is rounded
 * once. */
uint64_t fp_muladd(FpFmt f, uint64_t addend, uint64_t a, uint64_t b, FpStatus *st)
{
    FpUnp u[3] = { fp_unpack(f, addend, st), fp_unpack(f, a, st), fp_unpack(f, b, st) };
    uint64_t ops[3] = { addend, a, b }, res;
    bool inf1 = u[1].type == FPT_INF, inf2 = u[2].type == FPT_INF;
    bool zero1 = u[1].type == FPT_ZERO, zero2 = u[2].type == FPT_ZERO;
    bool infa = u[0].type == FPT_INF, zeroa = u[0].type == FPT_ZERO;
    bool signa = u[0].v.sign, signp = u[1].v.sign ^ u[2].v.sign;
    bool infp = inf1 || inf2, zerop = zero1 || zero2;
    bool inf_times_zero = (inf1 && zero2) || (zero1 && inf2);
    FpReal p;

    if (u[0].type == FPT_QNAN && inf_times_zero) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (fp_process_nans(f, u, ops, 3, &res, st)) {
        return res;
    }
    if (inf_times_zero || (infa && infp && signa != signp)) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if ((infa && !signa) || (infp && !signp)) {
        return fp_infinity(f, false);
    }
    if (infa || infp) {
        return fp_infinity(f, true);
    }
    if (zeroa && zerop && signa == signp) {
        return fp_zero(f, signa);
    }
    p.sign = signp;
    p.exp = u[1].v.exp + u[2].v.exp;
    p.sig = zerop ? 0 : u[1].v.sig * u[2].v.sig;
    return fp_round_or_zero(f, fp_real_add(u[0].v, p), st->rmode, st);
}
