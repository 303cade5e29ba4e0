/* Shared by the Advanced SIMD floating-point translators
 * (trans-simd-fp-3same.c, -2misc.c, -shift.c; docs/simd-fp.md): one call
 * of helper_simd_fp per instruction. */
#ifndef TARGET_ARM_TRANS_SIMD_FP_H
#define TARGET_ARM_TRANS_SIMD_FP_H

#include "target-arm/helper-simd-fp.h"
#include "target-arm/trans-simd-misc.h"

/* The FPEN check, then helper_simd_fp on lanes of format fmt (FpFmt). */
static inline bool trans_simd_fp(DisasContext *s, SimdFpOp op, unsigned fmt, unsigned q,
                                 bool scalar, unsigned rd, unsigned rn, unsigned rm, unsigned imm)
{
    SimdDesc d = { .rd = rd, .rn = rn, .rm = rm, .size = fmt, .q = q, .scalar = scalar,
                   .op = op, .imm = imm };

    return trans_simd_helper(s, &helper_simd_fp, d);
}

/* The sz field (bit 22) of the FP rows: 0 single, 1 double. */
static inline unsigned fp_fmt_of_sz(unsigned sz)
{
    return sz ? FP_D : FP_S;
}

#endif
