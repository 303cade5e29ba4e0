/* A64 translators: Advanced SIMD floating point with one source vector
 * (Arm ARM DDI 0487, C4.1 "Advanced SIMD two-register miscellaneous" and
 * its scalar form, the FP rows; "Advanced SIMD across lanes" FMAXV,
 * FMINV, FMAXNMV, FMINNMV; "Advanced SIMD scalar pairwise" FADDP, FMAXP,
 * FMINP, FMAXNMP, FMINNMP). All but FABS and FNEG are one call of
 * helper_simd_fp; those two only clear or flip sign bits (C6.2 FABS
 * (vector): FPAbs, no exception, NaNs included), an IR op per half. */
#include "target-arm/trans-simd-fp.h"

#define TRANS_FP2V(name, op)                                                     \
    bool trans_##name##_v(DisasContext *s, arg_fp2v *a)                          \
    {                                                                            \
        return trans_simd_fp(s, op, fp_fmt_of_sz(a->sz), a->q, false, a->rd, a->rn, 0, 0); \
    }
#define TRANS_FP2S(name, op, imm)                                                \
    bool trans_##name##_s(DisasContext *s, arg_fp2s *a)                          \
    {                                                                            \
        return trans_simd_fp(s, op, fp_fmt_of_sz(a->sz), 0, true, a->rd, a->rn, 0, imm); \
    }
#define TRANS_FP2VS(name, op) TRANS_FP2V(name, op) TRANS_FP2S(name, op, 0)

TRANS_FP2V(FRINTN, SFP_RINTN)
TRANS_FP2V(FRINTM, SFP_RINTM)
TRANS_FP2V(FRINTP, SFP_RINTP)
TRANS_FP2V(FRINTZ, SFP_RINTZ)
TRANS_FP2V(FRINTA, SFP_RINTA)
TRANS_FP2V(FRINTX, SFP_RINTX)
TRANS_FP2V(FRINTI, SFP_RINTI)
TRANS_FP2V(FSQRT, SFP_SQRT)
TRANS_FP2VS(FCVTNS, SFP_CVTNS)
TRANS_FP2VS(FCVTMS, SFP_CVTMS)
TRANS_FP2VS(FCVTAS, SFP_CVTAS)
TRANS_FP2VS(FCVTPS, SFP_CVTPS)
TRANS_FP2VS(FCVTZS, SFP_CVTZS)
TRANS_FP2VS(FCVTNU, SFP_CVTNU)
TRANS_FP2VS(FCVTMU, SFP_CVTMU)
TRANS_FP2VS(FCVTAU, SFP_CVTAU)
TRANS_FP2VS(FCVTPU, SFP_CVTPU)
TRANS_FP2VS(FCVTZU, SFP_CVTZU)
TRANS_FP2VS(SCVTF, SFP_SCVTF)
TRANS_FP2VS(UCVTF, SFP_UCVTF)
TRANS_FP2VS(FRECPE, SFP_RECPE)
TRANS_FP2VS(FRSQRTE, SFP_RSQRTE)

/* Compares against zero: FCMGT_zv / FCMGT_zs ... */
#define TRANS_FPZ(name, op)                                                      \
    bool trans_##name##_zv(DisasContext *s, arg_fp2v *a)                         \
    {                                                                            \
        return trans_simd_fp(s, op, fp_fmt_of_sz(a->sz), a->q, false, a->rd, a->rn, 0, 0); \
    }                                                                            \
    bool trans_##name##_zs(DisasContext *s, arg_fp2s *a)                         \
    {                                                                            \
        return trans_simd_fp(s, op, fp_fmt_of_sz(a->sz), 0, true, a->rd, a->rn, 0, 0); \
    }

TRANS_FPZ(FCMGT, SFP_CMGT0)
TRANS_FPZ(FCMEQ, SFP_CMEQ0)
TRANS_FPZ(FCMLT, SFP_CMLT0)
TRANS_FPZ(FCMGE, SFP_CMGE0)
TRANS_FPZ(FCMLE, SFP_CMLE0)

/* C6.2 FRECPX exists only as a scalar. */
bool trans_FRECPX(DisasContext *s, arg_fp2s *a)
{
    return trans_simd_fp(s, SFP_RECPX, fp_fmt_of_sz(a->sz), 0, true, a->rd, a->rn, 0, 0);
}

/* C6.2 URECPE/URSQRTE: 32-bit unsigned fixed-point lanes (sz = 0). */
bool trans_URECPE(DisasContext *s, arg_fp2v *a)
{
    return trans_simd_fp(s, SFP_URECPE, FP_S, a->q, false, a->rd, a->rn, 0, 0);
}

bool trans_URSQRTE(DisasContext *s, arg_fp2v *a)
{
    return trans_simd_fp(s, SFP_URSQRTE, FP_S, a->q, false, a->rd, a->rn, 0, 0);
}

/* C6.2 FCVTN/FCVTN2, FCVTL/FCVTL2: sz = 0 converts between half and
 * single, 1 between single and double; the helper's size is the narrow
 * format and Q selects the upper half (Vpart[*, 1]). FCVTXN: double to
 * single, rounding to odd. */
bool trans_FCVTN(DisasContext *s, arg_fp2v *a)
{
    return trans_simd_fp(s, SFP_CVTN, a->sz ? FP_S : FP_H, a->q, false, a->rd, a->rn, 0, 0);
}

bool trans_FCVTL(DisasContext *s, arg_fp2v *a)
{
    return trans_simd_fp(s, SFP_CVTL, a->sz ? FP_S : FP_H, a->q, false, a->rd, a->rn, 0, 0);
}

bool trans_FCVTXN_v(DisasContext *s, arg_fp2v *a)
{
    return trans_simd_fp(s, SFP_CVTXN, FP_S, a->q, false, a->rd, a->rn, 0, 0);
}

bool trans_FCVTXN_s(DisasContext *s, arg_fp2s *a)
{
    return trans_simd_fp(s, SFP_CVTXN, FP_S, 0, true, a->rd, a->rn, 0, 0);
}

/* C6.2 FMAXV and the rest (.4S only): Reduce over the four lanes. */
#define TRANS_ACROSS_FP(name, op)                                                \
    bool trans_##name(DisasContext *s, arg_fp2v *a)                              \
    {                                                                            \
        return trans_simd_fp(s, op, FP_S, 1, false, a->rd, a->rn, 0, SFP_IMM_REDUCE); \
    }

TRANS_ACROSS_FP(FMAXNMV, SFP_MAXNM)
TRANS_ACROSS_FP(FMAXV, SFP_MAX)
TRANS_ACROSS_FP(FMINNMV, SFP_MINNM)
TRANS_ACROSS_FP(FMINV, SFP_MIN)

/* C6.2 FADDP (scalar) and the rest: op(Vn[0], Vn[1]). */
TRANS_FP2S(FMAXNMP, SFP_MAXNM, SFP_IMM_PAIR)
TRANS_FP2S(FADDP, SFP_ADD, SFP_IMM_PAIR)
TRANS_FP2S(FMAXP, SFP_MAX, SFP_IMM_PAIR)
TRANS_FP2S(FMINNMP, SFP_MINNM, SFP_IMM_PAIR)
TRANS_FP2S(FMINP, SFP_MIN, SFP_IMM_PAIR)

/* FABS clears and FNEG flips the sign bit of every lane. */
static bool do_sign_op(DisasContext *s, arg_fp2v *a, bool neg)
{
    uint64_t sign = a->sz ? 0x8000000000000000ull : 0x8000000080000000ull;
    IrTemp r[2];

    if (!fp_access_check(s)) {
        return true;
    }
    for (unsigned h = 0; h <= a->q; h++) {
        r[h] = new_tmp(s);
        if (neg) {
            ir_xor(s->b, IR_I64, r[h], read_vreg64(s, a->rn, h), tmp_const(s, sign));
        } else {
            ir_and(s->b, IR_I64, r[h], read_vreg64(s, a->rn, h), tmp_const(s, ~sign));
        }
    }
    gen_write_vec(s, a->rd, a->q, r[0], a->q ? r[1] : r[0]);
    return true;
}

bool trans_FABS_v(DisasContext *s, arg_fp2v *a)
{
    return do_sign_op(s, a, false);
}

bool trans_FNEG_v(DisasContext *s, arg_fp2v *a)
{
    return do_sign_op(s, a, true);
}
