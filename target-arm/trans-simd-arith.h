/* Shared by the Advanced SIMD integer arithmetic translators
 * (trans-simd-3same.c, trans-simd-3diff.c, trans-simd-elem.c): the call of
 * a whole-register helper (helper-simd-arith.h) after the FPEN check. */
#ifndef TARGET_ARM_TRANS_SIMD_ARITH_H
#define TARGET_ARM_TRANS_SIMD_ARITH_H

#include "target-arm/helper-simd-arith.h"
#include "target-arm/translate-vfp.h"

/* fn(rd, rn, rm, desc); always returns true, as a trans_* function does
 * for an allocated encoding (the FPEN trap included). */
static inline bool gen_simd_arith(DisasContext *s, const IrHelper *fn, unsigned rd,
                                  unsigned rn, unsigned rm, uint64_t desc)
{
    if (fp_access_check(s)) {
        gen_vec_helper(s, fn, 4, tmp_const(s, rd), tmp_const(s, rn), tmp_const(s, rm),
                       tmp_const(s, desc));
    }
    return true;
}

#endif
