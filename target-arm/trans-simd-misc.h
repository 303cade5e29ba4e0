/* Shared by the translators of the Advanced SIMD non-arithmetic integer
 * classes (trans-simd-2misc.c, -across.c, -shift.c, -permute.c, -copy.c,
 * -modimm.c; docs/simd-misc.md). */
#ifndef TARGET_ARM_TRANS_SIMD_MISC_H
#define TARGET_ARM_TRANS_SIMD_MISC_H

#include "target-arm/helper-simd-misc.h"
#include "target-arm/translate-vfp.h"

/* Call a helper of helper-simd-misc.h with its packed descriptor. */
static inline void gen_simd_desc_helper(DisasContext *s, const IrHelper *h, SimdDesc d)
{
    gen_vec_helper(s, h, 1, tmp_const(s, simd_desc_pack(d)));
}

/* A whole instruction that is one such call: the FPEN check, then the
 * call. Returns true (the trans_* result). */
static inline bool trans_simd_helper(DisasContext *s, const IrHelper *h, SimdDesc d)
{
    if (fp_access_check(s)) {
        gen_simd_desc_helper(s, h, d);
    }
    return true;
}

/* The multiplier that repeats a (1 << size)-byte lane across 64 bits. */
static inline uint64_t simd_rep64(unsigned size)
{
    static const uint64_t rep[4] = {
        0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
    };
    return rep[size & 3];
}

/* x * the constant that repeats a (1 << size)-byte element across 64 bits:
 * the element replicated, for x already zero-extended from the element. */
IrTemp gen_dup_elem64(DisasContext *s, IrTemp x, unsigned size);

/* XTN / SHRN without a helper: the 128-bit Vn as 2 * esize lanes, each
 * shifted right by shift and truncated to esize (size = log2 of the
 * esize bytes, 0..2), packed into 64 bits and written to half Q of Vd
 * (Vpart[d, Q]: Q = 0 clears bits 127:64, Q = 1 keeps bits 63:0). */
void gen_narrow_shift(DisasContext *s, unsigned rd, unsigned rn, unsigned size, unsigned shift,
                      bool q);

/* Write lo (and hi when q, else zero) to Vd bits 63:0 and 127:64. */
void gen_write_vec(DisasContext *s, unsigned rd, bool q, IrTemp lo, IrTemp hi);

#endif
