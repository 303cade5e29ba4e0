/* A64 translators: scalar floating-point moves and bit operations, all
 * plain IR (Arm ARM DDI 0487, C6.2 FMOV (register), FMOV (general), FMOV
 * (scalar, immediate), FABS (scalar), FNEG (scalar), FCSEL). None of these
 * applies FPCR: FABS and FNEG change only the sign bit, NaNs and denormals
 * included (FPAbs, FPNeg), and raise no exceptions. */
#include "target-arm/trans-fp.h"

typedef void FpBitFn(IrBlock *b, IrType t, IrTemp d, IrTemp x, IrTemp y);

/* Rd = op(Rn, k), or a plain copy without op. */
static bool do_fp_bitop(DisasContext *s, arg_fp1 *a, FpBitFn *op, uint64_t k)
{
    FpFmt f = fp_fmt_of_type(a->ptype);
    IrTemp v;

    if (!fp_access_check(s)) {
        return true;
    }
    v = read_fp(s, a->rn);
    if (op) {
        IrTemp r = new_tmp(s);
        op(s->b, IR_I64, r, v, tmp_const(s, k));
        v = r;
    }
    write_fp_scalar(s, a->rd, f, v);
    return true;
}

bool trans_FMOV_r(DisasContext *s, arg_fp1 *a)
{
    return do_fp_bitop(s, a, NULL, 0);
}

bool trans_FABS(DisasContext *s, arg_fp1 *a)
{
    return do_fp_bitop(s, a, ir_and, fp_sign_bit(fp_fmt_of_type(a->ptype)) - 1);
}

bool trans_FNEG(DisasContext *s, arg_fp1 *a)
{
    return do_fp_bitop(s, a, ir_xor, fp_sign_bit(fp_fmt_of_type(a->ptype)));
}

/* VFPExpandImm (C2.2 / J1 shared pseudocode): imm8 = a:b:cdefgh becomes
 * sign a, exponent NOT(b):Replicate(b, E-3):cd, fraction efgh:Zeros. */
static uint64_t vfp_expand_imm(FpFmt f, unsigned imm8)
{
    unsigned e = f == FP_D ? 11 : 8, fbits = f == FP_D ? 52 : 23;
    uint64_t b = (imm8 >> 6) & 1;
    uint64_t exp = ((b ^ 1) << (e - 1)) | ((b ? (1ull << (e - 3)) - 1 : 0) << 2) |
                   ((imm8 >> 4) & 3);

    return ((uint64_t)(imm8 >> 7) << (e + fbits)) | (exp << fbits) |
           ((uint64_t)(imm8 & 0xf) << (fbits - 4));
}

bool trans_FMOV_i(DisasContext *s, arg_FMOV_i *a)
{
    FpFmt f = fp_fmt_of_type(a->ptype);

    if (fp_access_check(s)) {
        write_fp_scalar(s, a->rd, f, tmp_const(s, vfp_expand_imm(f, a->imm)));
    }
    return true;
}

/* C6.2 FMOV (general): W <-> S and X <-> D move the low bits (a write to
 * the FP register clears the rest); rmode 01 moves X <-> V.D[1], and a
 * write of the top half leaves the low 64 bits unchanged. */
bool trans_FMOV_g(DisasContext *s, arg_FMOV_g *a)
{
    unsigned half = a->rmode;

    if (!fp_access_check(s)) {
        return true;
    }
    if (a->tov) {
        IrTemp x = read_x(s, a->rn);
        if (half) {
            write_vreg64(s, a->rd, 1, x);
        } else {
            write_fp_scalar(s, a->rd, a->sf ? 3 : 2, x);
        }
    } else {
        write_x(s, a->rd, read_vreg64(s, a->rn, half), a->sf);
    }
    return true;
}

/* C6.2 FCSEL: Rd = ConditionHolds(cond) ? Rn : Rm. */
bool trans_FCSEL(DisasContext *s, arg_FCSEL *a)
{
    FpFmt f = fp_fmt_of_type(a->ptype);
    IrTemp r;

    if (!fp_access_check(s)) {
        return true;
    }
    r = new_tmp(s);
    ir_movcond(s->b, IR_I64, IR_COND_NE, r, gen_test_cond(s, a->cond), tmp_const(s, 0),
               read_fp(s, a->rn), read_fp(s, a->rm));
    write_fp_scalar(s, a->rd, f, r);
    return true;
}
