/* A64 translators: scalar floating-point arithmetic (Arm ARM DDI 0487,
 * C4.1 "Floating-point data-processing (1 source / 2 source / 3 source)";
 * pseudocode in C6.2): FSQRT, FCVT between precisions, FRINT<r>,
 * FADD/FSUB/FMUL/FDIV/FMAX/FMIN/FMAXNM/FMINNM/FNMUL and
 * FMADD/FMSUB/FNMADD/FNMSUB. The arithmetic runs in the soft-float
 * helpers (helper-fp.h); operand negations are IR xors of the sign bit,
 * placed where the pseudocode puts FPNeg(). The pure bit operations
 * (FMOV, FABS, FNEG) are in trans-fp-move.c. */
#include "target-arm/trans-fp.h"

#include <stdarg.h>

IrTemp gen_fp_call(DisasContext *s, const IrHelper *h, uint32_t desc, unsigned nargs, ...)
{
    IrTemp args[IR_HELPER_MAX_ARGS], ret = new_tmp(s);
    va_list ap;

    args[0] = tmp_const(s, desc);
    va_start(ap, nargs);
    for (unsigned i = 0; i < nargs && i + 1 < IR_HELPER_MAX_ARGS; i++) {
        args[i + 1] = va_arg(ap, IrTemp);
    }
    va_end(ap);
    ir_call(s->b, h, ret, args);
    return ret;
}

/* FPNeg: flip the sign bit (NaNs included). */
static IrTemp gen_fp_neg(DisasContext *s, FpFmt f, IrTemp v)
{
    IrTemp r = new_tmp(s);

    ir_xor(s->b, IR_I64, r, v, tmp_const(s, fp_sign_bit(f)));
    return r;
}

/* ---- 1 source ---- */

bool trans_FSQRT(DisasContext *s, arg_fp1 *a)
{
    FpFmt f = fp_fmt_of_type(a->ptype);

    if (fp_access_check(s)) {
        write_fp_scalar(s, a->rd, f,
                        gen_fp_call(s, &helper_fp_sqrt, FPD_FMT(f), 1, read_fp(s, a->rn)));
    }
    return true;
}

/* C6.2 FCVT: FPConvert with the FPCR rounding mode. */
bool trans_FCVT(DisasContext *s, arg_FCVT *a)
{
    FpFmt from = fp_fmt_of_type(a->ptype), to = fp_fmt_of_type(a->opc);

    if (fp_access_check(s)) {
        uint32_t desc = FPD_FMT(from) | FPD_TO(to) | FPD_RM(FPD_RM_FPCR);
        write_fp_scalar(s, a->rd, to, gen_fp_call(s, &helper_fp_convert, desc, 1, read_fp(s, a->rn)));
    }
    return true;
}

/* C6.2 FRINTN/P/M/Z/A use their own rounding (rm 0..4 are FPR_TIEEVEN,
 * POSINF, NEGINF, ZERO, TIEAWAY); FRINTX and FRINTI use FPCR's, FRINTX
 * raising Inexact. */
bool trans_FRINT(DisasContext *s, arg_FRINT *a)
{
    FpFmt f = fp_fmt_of_type(a->ptype);
    uint32_t desc = FPD_FMT(f);

    if (!fp_access_check(s)) {
        return true;
    }
    if (a->rm < 5) {
        desc |= FPD_RM(a->rm);
    } else {
        desc |= FPD_RM(FPD_RM_FPCR) | (a->rm == 6 ? FPD_EXACT : 0);
    }
    write_fp_scalar(s, a->rd, f, gen_fp_call(s, &helper_fp_round_int, desc, 1, read_fp(s, a->rn)));
    return true;
}

/* ---- 2 source ---- */

static bool do_fp2(DisasContext *s, arg_fp2 *a, FpOp op, bool negate)
{
    FpFmt f = fp_fmt_of_type(a->ptype);
    IrTemp r;

    if (!fp_access_check(s)) {
        return true;
    }
    r = gen_fp_call(s, &helper_fp_binop, FPD_FMT(f) | FPD_OP(op), 2, read_fp(s, a->rn),
                    read_fp(s, a->rm));
    write_fp_scalar(s, a->rd, f, negate ? gen_fp_neg(s, f, r) : r);
    return true;
}

bool trans_FMUL(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_MUL, false); }
bool trans_FDIV(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_DIV, false); }
bool trans_FADD(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_ADD, false); }
bool trans_FSUB(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_SUB, false); }
bool trans_FMAX(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_MAX, false); }
bool trans_FMIN(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_MIN, false); }
bool trans_FMAXNM(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_MAXNUM, false); }
bool trans_FMINNM(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_MINNUM, false); }
/* C6.2 FNMUL: "result = FPNeg(FPMul(...))", so a NaN result (even the
 * default NaN) comes out with its sign flipped. */
bool trans_FNMUL(DisasContext *s, arg_fp2 *a) { return do_fp2(s, a, FPOP_MUL, true); }

/* ---- 3 source: C6.2 FMADD/FMSUB/FNMADD/FNMSUB negate operand 1 (Rn)
 * and/or the addend (Ra) with FPNeg before FPMulAdd(Ra, Rn, Rm). ---- */

static bool do_fp3(DisasContext *s, arg_fp3 *a, bool neg_n, bool neg_a)
{
    FpFmt f = fp_fmt_of_type(a->ptype);
    IrTemp n, addend;

    if (!fp_access_check(s)) {
        return true;
    }
    n = read_fp(s, a->rn);
    addend = read_fp(s, a->ra);
    if (neg_n) {
        n = gen_fp_neg(s, f, n);
    }
    if (neg_a) {
        addend = gen_fp_neg(s, f, addend);
    }
    write_fp_scalar(s, a->rd, f,
                    gen_fp_call(s, &helper_fp_muladd, FPD_FMT(f), 3, addend, n, read_fp(s, a->rm)));
    return true;
}

bool trans_FMADD(DisasContext *s, arg_fp3 *a) { return do_fp3(s, a, false, false); }
bool trans_FMSUB(DisasContext *s, arg_fp3 *a) { return do_fp3(s, a, true, false); }
bool trans_FNMADD(DisasContext *s, arg_fp3 *a) { return do_fp3(s, a, true, true); }
bool trans_FNMSUB(DisasContext *s, arg_fp3 *a) { return do_fp3(s, a, false, true); }
