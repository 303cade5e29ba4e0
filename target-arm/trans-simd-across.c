/* A64 translators: Advanced SIMD across lanes, integer opcodes (Arm ARM DDI
 * 0487, C4.1 "Advanced SIMD across lanes"; C6.2 ADDV, SADDLV, UADDLV,
 * SMAXV, UMAXV, SMINV, UMINV), and the integer scalar pairwise ADDP (C4.1
 * "Advanced SIMD scalar pairwise"). */
#include "target-arm/trans-simd-misc.h"

static bool do_across(DisasContext *s, arg_simd_2misc *a, SimdAcrossOp op)
{
    SimdDesc d = { .rd = a->rd, .rn = a->rn, .size = a->size, .q = a->q, .op = op };

    return trans_simd_helper(s, &helper_simd_across, d);
}

#define TRANS_ACROSS(name, op)                                                   \
    bool trans_##name(DisasContext *s, arg_simd_2misc *a)                        \
    {                                                                            \
        return do_across(s, a, op);                                              \
    }

TRANS_ACROSS(ADDV, SAC_ADDV)
TRANS_ACROSS(SADDLV, SAC_SADDLV)
TRANS_ACROSS(UADDLV, SAC_UADDLV)
TRANS_ACROSS(SMAXV, SAC_SMAXV)
TRANS_ACROSS(UMAXV, SAC_UMAXV)
TRANS_ACROSS(SMINV, SAC_SMINV)
TRANS_ACROSS(UMINV, SAC_UMINV)

/* C6.2 ADDP (scalar): Dd = Vn.D[0] + Vn.D[1]. */
bool trans_ADDP_s(DisasContext *s, arg_ADDP_s *a)
{
    IrTemp sum;

    if (!fp_access_check(s)) {
        return true;
    }
    sum = new_tmp(s);
    ir_add(s->b, IR_I64, sum, read_vreg64(s, a->rn, 0), read_vreg64(s, a->rn, 1));
    write_fp_scalar(s, a->rd, 3, sum);
    return true;
}
