/* A64 translators: scalar floating-point compares (Arm ARM DDI 0487, C4.1
 * "Floating-point compare" and "Floating-point conditional compare"; C6.2
 * FCMP, FCMPE, FCCMP, FCCMPE). FPCompare runs in a helper that returns
 * NZCV as a 4-bit value; the flag globals are then written in IR, so the
 * helper itself touches no global (helper-fp.h). */
#include "target-arm/trans-fp.h"

/* Load the flag globals from a 4-bit NZCV value (N = bit 3), in the
 * representation of target-arm/cpu.h: N is bit 63 of nf, Z is zf == 0,
 * C is cf != 0, V is bit 63 of vf. */
static void gen_set_nzcv4(DisasContext *s, IrTemp nzcv)
{
    IrTemp z = new_tmp(s);

    ir_shl(s->b, IR_I64, cpu_NF, nzcv, tmp_const(s, 60));
    ir_and(s->b, IR_I64, z, nzcv, tmp_const(s, 4));
    ir_xor(s->b, IR_I64, cpu_ZF, z, tmp_const(s, 4));
    ir_and(s->b, IR_I64, cpu_CF, nzcv, tmp_const(s, 2));
    ir_shl(s->b, IR_I64, cpu_VF, nzcv, tmp_const(s, 63));
}

/* C6.2 FCMP: "if cmp_with_zero then operand2 = FPZero('0')"; FCMPE
 * signals Invalid Operation for quiet NaNs too. */
bool trans_FCMP(DisasContext *s, arg_FCMP *a)
{
    FpFmt f = fp_fmt_of_type(a->ptype);
    IrTemp m;

    if (!fp_access_check(s)) {
        return true;
    }
    m = a->z ? tmp_const(s, 0) : read_fp(s, a->rm);
    gen_set_nzcv4(s, gen_fp_call(s, &helper_fp_compare,
                                 FPD_FMT(f) | (a->e ? FPD_SIGNAL_NANS : 0), 2,
                                 read_fp(s, a->rn), m));
    return true;
}

/* C6.2 FCCMP: the condition is evaluated on the old flags and passed to
 * the helper, which compares (raising exceptions) only when it holds. */
bool trans_FCCMP(DisasContext *s, arg_FCCMP *a)
{
    FpFmt f = fp_fmt_of_type(a->ptype);
    uint32_t desc = FPD_FMT(f) | FPD_NZCV(a->nzcv) | (a->e ? FPD_SIGNAL_NANS : 0);
    IrTemp cond;

    if (!fp_access_check(s)) {
        return true;
    }
    cond = gen_test_cond(s, a->cond);
    gen_set_nzcv4(s, gen_fp_call(s, &helper_fp_ccompare, desc, 3, read_fp(s, a->rn),
                                 read_fp(s, a->rm), cond));
    return true;
}
