/* Shared internals of the soft-float files (softfloat-*.c): format
 * parameters, the unpacked form of an operand (FPUnpack), exact real
 * values as sign * sig * 2^exp with a 128-bit integer significand, and
 * the one rounding function (FPRound) every result goes through. */
#ifndef TARGET_ARM_SOFTFLOAT_INTERNAL_H
#define TARGET_ARM_SOFTFLOAT_INTERNAL_H

#include "target-arm/softfloat.h"

typedef unsigned __int128 u128;

/* Format parameters as in the FPRound pseudocode: E exponent bits, F
 * fraction bits, minimum_exp the exponent of the smallest normal. */
typedef struct FpFmtInfo {
    unsigned n, e, f;
    int emin;
} FpFmtInfo;

extern const FpFmtInfo fp_fmt_info[4];

/* FPType */
typedef enum FpType {
    FPT_ZERO,
    FPT_NONZERO,         /* normal or (unflushed) denormal */
    FPT_INF,
    FPT_QNAN,
    FPT_SNAN,
} FpType;

/* A real number sign * sig * 2^exp; sig == 0 means exactly zero. Results
 * of operations that cannot be held exactly have a "sticky" 1 jammed into
 * bit 0, far below the bits rounding looks at. */
typedef struct FpReal {
    bool sign;
    int exp;
    u128 sig;
} FpReal;

/* FPUnpack: an operand's type, sign and value. */
typedef struct FpUnp {
    FpType type;
    FpReal v;            /* value for FPT_NONZERO; sign is valid for all */
} FpUnp;

static inline bool fpt_is_nan(FpType t)
{
    return t == FPT_QNAN || t == FPT_SNAN;
}

static inline uint64_t fp_mask(FpFmt f)
{
    return f == FP_D ? UINT64_MAX : (1ull << (8u << f)) - 1;
}

/* FPTwo(sign): biased exponent 2^(E-1), fraction 0. */
static inline uint64_t fp_two(FpFmt f, bool sign)
{
    return (sign ? fp_sign_bit(f) : 0) | (1ull << (fp_fmt_info[f].e - 1 + fp_fmt_info[f].f));
}

/* Index of the most significant set bit (x != 0). */
static inline int msb128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)x);
}

/* x >> n with every bit shifted out ORed into bit 0. */
static inline u128 shr_jam128(u128 x, int n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 128) {
        return x != 0;
    }
    return (x >> n) | ((x & (((u128)1 << n) - 1)) != 0);
}

/* Shift sig so that its top bit is bit `top`, keeping the value. */
static inline FpReal fp_real_normalize(FpReal r, int top)
{
    int sh = top - msb128(r.sig);

    if (sh >= 0) {
        r.sig <<= sh;
    } else {
        r.sig = shr_jam128(r.sig, -sh);
    }
    r.exp -= sh;
    return r;
}

/* FPUnpack (with FPCR.FZ/AHP from st; IDC for a flushed input). */
FpUnp fp_unpack(FpFmt f, uint64_t a, FpStatus *st);
/* FPRound(value, fpcr, rounding) for nonzero r. */
uint64_t fp_round(FpFmt f, FpReal r, FpRounding rm, FpStatus *st);
/* FPRound, or the exact zero of FPAdd/FPMulAdd ("sign of exact zero result
 * depends on rounding mode") when r is zero. */
uint64_t fp_round_or_zero(FpFmt f, FpReal r, FpRounding rm, FpStatus *st);
/* FPProcessNaN: quiet a signalling NaN (IOC), or the default NaN when DN. */
uint64_t fp_process_nan(FpFmt f, FpType t, uint64_t a, FpStatus *st);
/* FPProcessNaNs / FPProcessNaNs3: true and *res set when an operand is a
 * NaN: signalling NaNs first, then quiet, in operand order. */
bool fp_process_nans(FpFmt f, const FpUnp *u, const uint64_t *ops, unsigned n, uint64_t *res,
                     FpStatus *st);
/* a + b exactly (up to the sticky bit): FPAdd's and FPMulAdd's sum. */
FpReal fp_real_add(FpReal a, FpReal b);
/* Rounding a real to an integer magnitude: bits below 2^0 dropped, and
 * whether to round the magnitude up (RoundDown and the rounding-mode
 * cases of FPRoundInt/FPToFixed, done on sign and magnitude). *inexact is
 * set when bits were dropped. *huge when the magnitude is >= 2^126. */
u128 fp_real_to_int(FpReal r, FpRounding rm, bool *inexact, bool *huge);

#endif
