/* A64 translators: Advanced SIMD permute (ZIP1/2, UZP1/2, TRN1/2), extract
 * (EXT) and table lookup (TBL, TBX) (Arm ARM DDI 0487, C4.1 "Advanced SIMD
 * permute", "Advanced SIMD extract", "Advanced SIMD table lookup"). EXT is
 * a funnel shift of 64-bit words in IR; the others call helpers. */
#include "target-arm/trans-simd-misc.h"

static bool do_permute(DisasContext *s, arg_simd_3r *a, SimdPermuteOp op)
{
    SimdDesc d = { .rd = a->rd, .rn = a->rn, .rm = a->rm, .size = a->size, .q = a->q, .op = op };

    return trans_simd_helper(s, &helper_simd_permute, d);
}

#define TRANS_PERMUTE(name, op)                                                  \
    bool trans_##name(DisasContext *s, arg_simd_3r *a)                           \
    {                                                                            \
        return do_permute(s, a, op);                                             \
    }

TRANS_PERMUTE(UZP1, SPM_UZP1)
TRANS_PERMUTE(UZP2, SPM_UZP2)
TRANS_PERMUTE(TRN1, SPM_TRN1)
TRANS_PERMUTE(TRN2, SPM_TRN2)
TRANS_PERMUTE(ZIP1, SPM_ZIP1)
TRANS_PERMUTE(ZIP2, SPM_ZIP2)

/* C6.2 EXT: the low datasize bits of (Vm:Vn) >> (8 * imm4). With Vn's and
 * Vm's halves as words w[0..3] (datasize 64: w[0] = Vn, w[1] = Vm), result
 * half h is bits [b + 63 : b] of w[k + 1]:w[k], with k = 8 * imm4 / 64 + h
 * and b = 8 * imm4 % 64. */
bool trans_EXT_v(DisasContext *s, arg_EXT_v *a)
{
    unsigned pos = a->imm4 * 8, first = pos / 64, bit = pos % 64;
    IrTemp w[4], r[2];

    if (!fp_access_check(s)) {
        return true;
    }
    if (a->q) {
        w[0] = read_vreg64(s, a->rn, 0);
        w[1] = read_vreg64(s, a->rn, 1);
        w[2] = read_vreg64(s, a->rm, 0);
        w[3] = read_vreg64(s, a->rm, 1);
    } else {
        w[0] = read_vreg64(s, a->rn, 0);
        w[1] = read_vreg64(s, a->rm, 0);
    }
    for (unsigned h = 0; h <= a->q; h++) {
        if (bit == 0) {
            r[h] = w[first + h];
        } else {
            r[h] = new_tmp(s);
            ir_extract2(s->b, IR_I64, r[h], w[first + h], w[first + h + 1], bit);
        }
    }
    gen_write_vec(s, a->rd, a->q, r[0], a->q ? r[1] : r[0]);
    return true;
}

static bool do_tbl(DisasContext *s, arg_simd_tbl *a, bool tbx)
{
    SimdDesc d = {
        .rd = a->rd, .rn = a->rn, .rm = a->rm, .q = a->q, .op = tbx, .imm = a->len + 1,
    };

    return trans_simd_helper(s, &helper_simd_tbl, d);
}

bool trans_TBL(DisasContext *s, arg_simd_tbl *a)
{
    return do_tbl(s, a, false);
}

bool trans_TBX(DisasContext *s, arg_simd_tbl *a)
{
    return do_tbl(s, a, true);
}
