/* A64 translators: "Advanced SIMD three different" and "Advanced SIMD
 * scalar three different" (Arm ARM DDI 0487, C4.1; pseudocode in C6.2).
 * Each instruction is a row: the element operation at the wide width and
 * how the operands are shaped (helper_simd_3diff, helper-simd-3diff.c). */
#include "target-arm/trans-simd-arith.h"

static bool do_3diff(DisasContext *s, arg_simd3 *a, SimdOp op, uint64_t flags)
{
    return gen_simd_arith(s, &helper_simd_3diff, a->rd, a->rn, a->rm,
                          SIMD_D_OP(op) | SIMD_D_SIZE(a->size) | (a->q ? SIMD_D_Q : 0) | flags);
}

#define TRANS_3DIFF(name, op, flags)                                \
    bool trans_##name##_v(DisasContext *s, arg_simd3 *a)            \
    {                                                               \
        return do_3diff(s, a, op, flags);                           \
    }

#define S SIMD_D_SIGNED
TRANS_3DIFF(SADDL, SOP_ADD, S)
TRANS_3DIFF(UADDL, SOP_ADD, 0)
TRANS_3DIFF(SADDW, SOP_ADD, S | SIMD_D_WIDE_N)
TRANS_3DIFF(UADDW, SOP_ADD, SIMD_D_WIDE_N)
TRANS_3DIFF(SSUBL, SOP_SUB, S)
TRANS_3DIFF(USUBL, SOP_SUB, 0)
TRANS_3DIFF(SSUBW, SOP_SUB, S | SIMD_D_WIDE_N)
TRANS_3DIFF(USUBW, SOP_SUB, SIMD_D_WIDE_N)
TRANS_3DIFF(ADDHN, SOP_ADDHN, SIMD_D_NARROW)
TRANS_3DIFF(RADDHN, SOP_RADDHN, SIMD_D_NARROW)
TRANS_3DIFF(SUBHN, SOP_SUBHN, SIMD_D_NARROW)
TRANS_3DIFF(RSUBHN, SOP_RSUBHN, SIMD_D_NARROW)
TRANS_3DIFF(SABAL, SOP_SABA, S)
TRANS_3DIFF(UABAL, SOP_UABA, 0)
TRANS_3DIFF(SABDL, SOP_SABD, S)
TRANS_3DIFF(UABDL, SOP_UABD, 0)
TRANS_3DIFF(SMLAL, SOP_MLA, S)
TRANS_3DIFF(UMLAL, SOP_MLA, 0)
TRANS_3DIFF(SMLSL, SOP_MLS, S)
TRANS_3DIFF(UMLSL, SOP_MLS, 0)
TRANS_3DIFF(SMULL, SOP_MUL, S)
TRANS_3DIFF(UMULL, SOP_MUL, 0)
TRANS_3DIFF(SQDMLAL, SOP_SQDMLAL, S)
TRANS_3DIFF(SQDMLSL, SOP_SQDMLSL, S)
TRANS_3DIFF(SQDMULL, SOP_SQDMULL, S)

/* C6.2 PMULL/PMULL2: size 00 multiplies bytes into halfwords (PMUL at the
 * wide width of zero-extended operands: a product of two polynomials of
 * degree < 8 has degree < 15, so nothing is truncated); size 11 is the
 * 64 x 64 -> 128 form of the Cryptographic Extension (FEAT_PMULL). */
bool trans_PMULL_v(DisasContext *s, arg_simd3 *a)
{
    if (a->size == 3) {
        return gen_simd_arith(s, &helper_simd_pmull64, a->rd, a->rn, a->rm, a->q);
    }
    return do_3diff(s, a, SOP_PMUL, 0);
}

static bool do_3diff_scalar(DisasContext *s, arg_simd3s *a, SimdOp op)
{
    return gen_simd_arith(s, &helper_simd_3diff, a->rd, a->rn, a->rm,
                          SIMD_D_OP(op) | SIMD_D_SIZE(a->size) | SIMD_D_SCALAR | S);
}

bool trans_SQDMLAL_s(DisasContext *s, arg_simd3s *a)
{
    return do_3diff_scalar(s, a, SOP_SQDMLAL);
}

bool trans_SQDMLSL_s(DisasContext *s, arg_simd3s *a)
{
    return do_3diff_scalar(s, a, SOP_SQDMLSL);
}

bool trans_SQDMULL_s(DisasContext *s, arg_simd3s *a)
{
    return do_3diff_scalar(s, a, SOP_SQDMULL);
}
