/* A64 translators: conversions between floating point and integers
 * (Arm ARM DDI 0487, C4.1 "Conversion between floating-point and integer"
 * and "... and fixed-point"; C6.2 FCVT{N,P,M,Z,A}{S,U} (scalar, integer),
 * FCVTZS/FCVTZU (scalar, fixed-point), SCVTF/UCVTF (scalar, integer and
 * fixed-point)). FPToFixed / FixedToFP run in helpers (helper-fp.h); W
 * results are zero-extended by write_x, and the helper reads only the low
 * 32 bits of a W source. */
#include "target-arm/trans-fp.h"

/* FP register -> general register, with an explicit rounding mode. */
static void gen_fp_to_int(DisasContext *s, unsigned sf, unsigned ptype, bool is_unsigned,
                          unsigned fbits, FpRounding rm, unsigned rn, unsigned rd)
{
    uint32_t desc = FPD_FMT(fp_fmt_of_type(ptype)) | FPD_RM(rm) | FPD_FBITS(fbits) |
                    (is_unsigned ? FPD_UNSIGNED : 0) | (sf ? FPD_I64 : 0);

    write_x(s, rd, gen_fp_call(s, &helper_fp_to_fixed, desc, 1, read_fp(s, rn)), sf);
}

/* General register -> FP register, rounding by FPCR. */
static void gen_int_to_fp(DisasContext *s, unsigned sf, unsigned ptype, bool is_unsigned,
                          unsigned fbits, unsigned rn, unsigned rd)
{
    FpFmt f = fp_fmt_of_type(ptype);
    uint32_t desc = FPD_FMT(f) | FPD_RM(FPD_RM_FPCR) | FPD_FBITS(fbits) |
                    (is_unsigned ? FPD_UNSIGNED : 0) | (sf ? FPD_I64 : 0);

    write_fp_scalar(s, rd, f, gen_fp_call(s, &helper_fp_from_fixed, desc, 1, read_x(s, rn)));
}

/* FCVTNS/NU/PS/PU/MS/MU/ZS/ZU: rmode 00..11 is FPDecodeRounding(rmode),
 * which FpRounding numbers the same way. */
bool trans_FCVT_int(DisasContext *s, arg_FCVT_int *a)
{
    if (fp_access_check(s)) {
        gen_fp_to_int(s, a->sf, a->ptype, a->u, 0, (FpRounding)a->rmode, a->rn, a->rd);
    }
    return true;
}

bool trans_FCVTA_int(DisasContext *s, arg_fp_cvt_a *a)
{
    if (fp_access_check(s)) {
        gen_fp_to_int(s, a->sf, a->ptype, a->u, 0, FPR_TIEAWAY, a->rn, a->rd);
    }
    return true;
}

bool trans_CVTF_int(DisasContext *s, arg_fp_cvt_a *a)
{
    if (fp_access_check(s)) {
        gen_int_to_fp(s, a->sf, a->ptype, a->u, 0, a->rn, a->rd);
    }
    return true;
}

/* Fixed point: fracbits = 64 - UInt(scale); FCVTZS/FCVTZU round toward
 * zero, SCVTF/UCVTF by FPCR. */
bool trans_FCVTZ_fix(DisasContext *s, arg_fp_fix *a)
{
    if (fp_access_check(s)) {
        gen_fp_to_int(s, a->sf, a->ptype, a->u, 64 - a->scale, FPR_ZERO, a->rn, a->rd);
    }
    return true;
}

bool trans_CVTF_fix(DisasContext *s, arg_fp_fix *a)
{
    if (fp_access_check(s)) {
        gen_int_to_fp(s, a->sf, a->ptype, a->u, 64 - a->scale, a->rn, a->rd);
    }
    return true;
}
