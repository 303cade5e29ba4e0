/* armlet's soft-float: the floating-point operations of the A64
 * instruction set, written from the Arm ARM pseudocode (DDI 0487, chapter
 * J1 "shared/functions/float": FPUnpack, FPRound, FPProcessNaN(s), FPAdd,
 * FPMulAdd, FPCompare, FPToFixed, FPConvert, FPRecipEstimate, ...), so
 * that every result, NaN and exception flag is the one an ARMv8.0 CPU
 * produces. Integer arithmetic only (64- and 128-bit), so it is exact and
 * does not depend on the host FPU. See docs/fp.md.
 *
 * Values are raw bit patterns in a uint64_t (the low 16/32/64 bits). Every
 * operation takes the format first (FP_H, FP_S, FP_D: log2 of the size in
 * bytes, as the size/ptype fields decode) and an FpStatus: the FPCR
 * controls it applies and the exceptions it raised, which the caller ORs
 * into FPSR (st->flags). Rounding mode arguments take the FPCR's
 * mode (st->rmode) or an instruction's explicit one (FCVTA*, FRINTA, ...).
 *
 * Half precision: ARMv8.0 has only conversions to and from it (FPCR.AHP
 * selects the alternative format); arithmetic functions accept FP_H too but
 * apply the v8.0 rules (half-precision inputs and outputs are never
 * flushed: there is no FZ16 in v8.0). */
#ifndef TARGET_ARM_SOFTFLOAT_H
#define TARGET_ARM_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

typedef enum FpFmt {
    FP_H = 1,        /* binary16 (or the alternative format when AHP = 1) */
    FP_S = 2,        /* binary32 */
    FP_D = 3,        /* binary64 */
} FpFmt;

/* FPRounding (Arm ARM J1 FPDecodeRounding): the first four are FPCR.RMode
 * values. */
typedef enum FpRounding {
    FPR_TIEEVEN = 0,     /* RN */
    FPR_POSINF = 1,      /* RP */
    FPR_NEGINF = 2,      /* RM */
    FPR_ZERO = 3,        /* RZ */
    FPR_TIEAWAY = 4,     /* FCVTA*, FRINTA */
    FPR_ODD = 5,         /* FCVTXN */
} FpRounding;

/* FPCR fields (Arm ARM D13.2 FPCR) and FPSR cumulative flags (FPSR). */
#define FPCR_AHP        (1u << 26)
#define FPCR_DN         (1u << 25)
#define FPCR_FZ         (1u << 24)
#define FPCR_RMODE_SHIFT 22
#define FPSR_IOC        0x01u     /* invalid operation */
#define FPSR_DZC        0x02u     /* divide by zero */
#define FPSR_OFC        0x04u     /* overflow */
#define FPSR_UFC        0x08u     /* underflow */
#define FPSR_IXC        0x10u     /* inexact */
#define FPSR_IDC        0x80u     /* input denormal (flushed by FZ) */

typedef struct FpStatus {
    uint8_t rmode;       /* FpRounding from FPCR.RMode */
    bool fz, dn, ahp;    /* FPCR.FZ, FPCR.DN, FPCR.AHP */
    uint32_t flags;      /* FPSR_* raised so far (never cleared here) */
} FpStatus;

static inline FpStatus fp_status(uint32_t fpcr)
{
    FpStatus st = {
        .rmode = (uint8_t)((fpcr >> FPCR_RMODE_SHIFT) & 3),
        .fz = (fpcr & FPCR_FZ) != 0,
        .dn = (fpcr & FPCR_DN) != 0,
        .ahp = (fpcr & FPCR_AHP) != 0,
        .flags = 0,
    };
    return st;
}

/* ---- constants and bit operations (no exceptions, no flushing) ---- */
uint64_t fp_default_nan(FpFmt f);                 /* FPDefaultNaN */
uint64_t fp_infinity(FpFmt f, bool sign);         /* FPInfinity */
uint64_t fp_zero(FpFmt f, bool sign);             /* FPZero */
uint64_t fp_max_normal(FpFmt f, bool sign);       /* FPMaxNormal */
static inline uint64_t fp_sign_bit(FpFmt f) { return 1ull << ((8u << f) - 1); }
/* FPNeg / FPAbs: flip or clear the sign bit, NaNs included. */
static inline uint64_t fp_neg(FpFmt f, uint64_t a) { return a ^ fp_sign_bit(f); }
static inline uint64_t fp_abs(FpFmt f, uint64_t a) { return a & (fp_sign_bit(f) - 1); }
bool fp_is_nan(FpFmt f, uint64_t a);              /* IEEE NaN (ignores AHP) */

/* ---- arithmetic (softfloat-arith.c) ---- */
uint64_t fp_add(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);     /* FPAdd */
uint64_t fp_sub(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);     /* FPSub */
uint64_t fp_mul(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);     /* FPMul */
uint64_t fp_mulx(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);    /* FPMulX: 0*inf = +-2 */
uint64_t fp_div(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);     /* FPDiv */
uint64_t fp_sqrt(FpFmt f, uint64_t a, FpStatus *st);                /* FPSqrt */
/* FPMulAdd(addend, op1, op2): addend + op1 * op2 with one rounding. The
 * negating forms negate operands before the call (fp_neg), as the
 * FMSUB/FNMADD/FNMSUB/FMLS pseudocode does, so NaNs come out with their
 * sign flipped. */
uint64_t fp_muladd(FpFmt f, uint64_t addend, uint64_t a, uint64_t b, FpStatus *st);

/* ---- comparisons, minimum and maximum (softfloat-cmp.c) ---- */
/* FPCompare: NZCV as a 4-bit value (N = bit 3): 0110 equal, 1000 less,
 * 0010 greater, 0011 unordered. signal_nans: FCMPE (IOC for quiet NaNs). */
unsigned fp_compare(FpFmt f, uint64_t a, uint64_t b, bool signal_nans, FpStatus *st);
bool fp_compare_eq(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);  /* FPCompareEQ */
bool fp_compare_ge(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);  /* FPCompareGE */
bool fp_compare_gt(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);  /* FPCompareGT */
uint64_t fp_max(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);     /* FPMax */
uint64_t fp_min(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);     /* FPMin */
uint64_t fp_maxnum(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);  /* FPMaxNum */
uint64_t fp_minnum(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);  /* FPMinNum */

/* ---- rounding to integral and conversions (softfloat-conv.c) ---- */
/* FPRoundInt: exact = FRINTX (IXC when the value changes). */
uint64_t fp_round_int(FpFmt f, uint64_t a, FpRounding rm, bool exact, FpStatus *st);
/* FPConvert between formats (FCVT; FCVTXN with FPR_ODD). */
uint64_t fp_convert(FpFmt to, FpFmt from, uint64_t a, FpRounding rm, FpStatus *st);
/* FPToFixed: a * 2^fbits rounded to an ibits-bit (32 or 64) integer,
 * saturated (IOC) and returned as ibits raw bits, zero-extended. */
uint64_t fp_to_fixed(FpFmt f, uint64_t a, unsigned fbits, bool is_unsigned, unsigned ibits,
                     FpRounding rm, FpStatus *st);
/* FixedToFP: the low ibits bits of v as a (un)signed fixed-point number
 * with fbits fraction bits. */
uint64_t fp_from_fixed(FpFmt f, uint64_t v, unsigned fbits, bool is_unsigned, unsigned ibits,
                       FpRounding rm, FpStatus *st);

/* ---- estimates and Newton-Raphson steps (softfloat-recip.c) ---- */
uint64_t fp_recip_estimate(FpFmt f, uint64_t a, FpStatus *st);  /* FPRecipEstimate (FRECPE) */
uint64_t fp_rsqrt_estimate(FpFmt f, uint64_t a, FpStatus *st);  /* FPRSqrtEstimate (FRSQRTE) */
uint64_t fp_recpx(FpFmt f, uint64_t a, FpStatus *st);           /* FPRecpX (FRECPX) */
uint64_t fp_recip_step(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);  /* FPRecipStepFused */
uint64_t fp_rsqrt_step(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);  /* FPRSqrtStepFused */
/* RecipEstimate / RecipSqrtEstimate on the 9-bit fixed-point inputs, for
 * URECPE / URSQRTE: a in [256, 512) (recip) or [128, 512) (rsqrt);
 * result in [256, 512). */
unsigned fp_recip_estimate_int(unsigned a);
unsigned fp_rsqrt_estimate_int(unsigned a);

/* ---- typed shorthands ---- */
#define FP_TYPED2(name)                                                               \
    static inline uint32_t f32_##name(uint32_t a, uint32_t b, FpStatus *st)           \
    { return (uint32_t)fp_##name(FP_S, a, b, st); }                                   \
    static inline uint64_t f64_##name(uint64_t a, uint64_t b, FpStatus *st)           \
    { return fp_##name(FP_D, a, b, st); }
FP_TYPED2(add)
FP_TYPED2(sub)
FP_TYPED2(mul)
FP_TYPED2(mulx)
FP_TYPED2(div)
FP_TYPED2(max)
FP_TYPED2(min)
FP_TYPED2(maxnum)
FP_TYPED2(minnum)
#undef FP_TYPED2

static inline uint32_t f32_sqrt(uint32_t a, FpStatus *st) { return (uint32_t)fp_sqrt(FP_S, a, st); }
static inline uint64_t f64_sqrt(uint64_t a, FpStatus *st) { return fp_sqrt(FP_D, a, st); }
static inline uint32_t f32_muladd(uint32_t c, uint32_t a, uint32_t b, FpStatus *st)
{
    return (uint32_t)fp_muladd(FP_S, c, a, b, st);
}
static inline uint64_t f64_muladd(uint64_t c, uint64_t a, uint64_t b, FpStatus *st)
{
    return fp_muladd(FP_D, c, a, b, st);
}

#endif
