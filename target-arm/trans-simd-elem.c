/* A64 translators: "Advanced SIMD vector x indexed element" and "scalar x
 * indexed element", integer forms (Arm ARM DDI 0487, C4.1; C6.2 MUL (by
 * element) and the rest). Every lane takes Vm[index] as its second operand;
 * the same-width forms run on helper_simd_3same, the long ones on
 * helper_simd_3diff.
 *
 * C6.2 MUL (by element): size 01 has index = H:L:M and Rm = '0':Rm (V0-V15);
 * size 10 has index = H:L and Rm = M:Rm. */
#include "target-arm/trans-simd-arith.h"

static unsigned elem_index(unsigned size, unsigned h, unsigned l, unsigned m)
{
    return size == 1 ? (h << 2) | (l << 1) | m : (h << 1) | l;
}

static unsigned elem_reg(unsigned size, unsigned m, unsigned rm)
{
    return size == 1 ? rm : (m << 4) | rm;
}

static bool do_elem(DisasContext *s, const IrHelper *fn, unsigned size, unsigned h, unsigned l,
                    unsigned m, unsigned rm, unsigned rn, unsigned rd, uint64_t flags)
{
    return gen_simd_arith(s, fn, rd, rn, elem_reg(size, m, rm),
                          SIMD_D_SIZE(size) | SIMD_D_INDEXED |
                          SIMD_D_INDEX(elem_index(size, h, l, m)) | flags);
}

#define TRANS_ELEM(name, fn, op, flags)                                         \
    bool trans_##name##_ve(DisasContext *s, arg_simdel *a)                      \
    {                                                                           \
        return do_elem(s, fn, a->size, a->h, a->l, a->m, a->rm, a->rn, a->rd,   \
                       SIMD_D_OP(op) | (a->q ? SIMD_D_Q : 0) | (flags));        \
    }
#define TRANS_ELEM_S(name, fn, op, flags)                                       \
    bool trans_##name##_se(DisasContext *s, arg_simdels *a)                     \
    {                                                                           \
        return do_elem(s, fn, a->size, a->h, a->l, a->m, a->rm, a->rn, a->rd,   \
                       SIMD_D_OP(op) | SIMD_D_SCALAR | (flags));                \
    }

#define SAME (&helper_simd_3same)
#define LONG (&helper_simd_3diff)
#define S SIMD_D_SIGNED
TRANS_ELEM(MUL, SAME, SOP_MUL, 0)
TRANS_ELEM(MLA, SAME, SOP_MLA, 0)
TRANS_ELEM(MLS, SAME, SOP_MLS, 0)
TRANS_ELEM(SQDMULH, SAME, SOP_SQDMULH, 0)
TRANS_ELEM(SQRDMULH, SAME, SOP_SQRDMULH, 0)
TRANS_ELEM(SMULL, LONG, SOP_MUL, S)
TRANS_ELEM(UMULL, LONG, SOP_MUL, 0)
TRANS_ELEM(SMLAL, LONG, SOP_MLA, S)
TRANS_ELEM(UMLAL, LONG, SOP_MLA, 0)
TRANS_ELEM(SMLSL, LONG, SOP_MLS, S)
TRANS_ELEM(UMLSL, LONG, SOP_MLS, 0)
TRANS_ELEM(SQDMULL, LONG, SOP_SQDMULL, S)
TRANS_ELEM(SQDMLAL, LONG, SOP_SQDMLAL, S)
TRANS_ELEM(SQDMLSL, LONG, SOP_SQDMLSL, S)

TRANS_ELEM_S(SQDMULH, SAME, SOP_SQDMULH, 0)
TRANS_ELEM_S(SQRDMULH, SAME, SOP_SQRDMULH, 0)
TRANS_ELEM_S(SQDMULL, LONG, SOP_SQDMULL, S)
TRANS_ELEM_S(SQDMLAL, LONG, SOP_SQDMLAL, S)
TRANS_ELEM_S(SQDMLSL, LONG, SOP_SQDMLSL, S)
