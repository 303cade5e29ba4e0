/* A64 translators: data processing -- register, the flag-related half
 * (Arm ARM DDI 0487, C4.1.6 "Data Processing -- Register"; pseudocode in
 * C6.2): logical and add/subtract with shifted or extended operands,
 * add/subtract with carry, conditional compare and conditional select. The
 * multiply, divide, shift-by-register and one-source forms are in
 * trans-dp-reg-misc.c.
 *
 * As in trans-dp-imm.c, 32-bit forms compute in 64-bit temps and let
 * write_x() zero-extend; flags come from gen_*_flags(), which handle the
 * 32-bit sign and carry positions. */
#include "target-arm/translate.h"

typedef void IrBinFn(IrBlock *b, IrType t, IrTemp d, IrTemp x, IrTemp y);

/* ShiftReg() (C6.2 AND (shifted register)): shift 0..3 = LSL, LSR, ASR,
 * ROR by a constant amount < datasize, within datasize bits. */
static IrTemp gen_shift_const(DisasContext *s, IrTemp v, unsigned shift, unsigned amount, bool sf)
{
    unsigned width = sf ? 64 : 32;
    IrTemp d;

    if (amount == 0) {
        return v;
    }
    d = new_tmp(s);
    switch (shift) {
    case 0:
        ir_shl(s->b, IR_I64, d, v, tmp_const(s, amount));
        break;
    case 1:
        ir_extract(s->b, IR_I64, d, v, amount, width - amount);
        break;
    case 2:
        ir_sextract(s->b, IR_I64, d, v, amount, width - amount);
        break;
    default:
        if (sf) {
            ir_rotr(s->b, IR_I64, d, v, tmp_const(s, amount));
        } else {
            /* a 32-bit rotate is the low half of (Wv:Wv) >> amount */
            IrTemp cat = new_tmp(s);
            ir_deposit(s->b, IR_I64, cat, v, v, 32, 32);
            ir_extract(s->b, IR_I64, d, cat, amount, 32);
        }
        break;
    }
    return d;
}

/* ---- logical (shifted register), C6.2 AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS
 * (shifted register): Rd and Rn are XZR ---- */

static bool do_logic_r(DisasContext *s, arg_logic_r *a, IrBinFn *op, bool setflags)
{
    IrTemp m = gen_shift_const(s, read_x(s, a->rm), a->shift, a->imm, a->sf);
    IrTemp res;

    if (op == ir_or && a->rn == 31) {
        res = m;                                 /* MOV (register) */
    } else {
        res = new_tmp(s);
        op(s->b, IR_I64, res, read_x(s, a->rn), m);
    }
    if (setflags) {
        gen_logic_flags(s, res, a->sf);
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

bool trans_AND_r(DisasContext *s, arg_logic_r *a)
{
    return do_logic_r(s, a, ir_and, false);
}

bool trans_BIC_r(DisasContext *s, arg_logic_r *a)
{
    return do_logic_r(s, a, ir_andc, false);
}

bool trans_ORR_r(DisasContext *s, arg_logic_r *a)
{
    return do_logic_r(s, a, ir_or, false);
}

bool trans_ORN_r(DisasContext *s, arg_logic_r *a)
{
    return do_logic_r(s, a, ir_orc, false);
}

bool trans_EOR_r(DisasContext *s, arg_logic_r *a)
{
    return do_logic_r(s, a, ir_xor, false);
}

bool trans_EON_r(DisasContext *s, arg_logic_r *a)
{
    return do_logic_r(s, a, ir_eqv, false);
}

bool trans_ANDS_r(DisasContext *s, arg_logic_r *a)
{
    return do_logic_r(s, a, ir_and, true);
}

bool trans_BICS_r(DisasContext *s, arg_logic_r *a)
{
    return do_logic_r(s, a, ir_andc, true);
}

/* ---- add/subtract: shared tail ---- */

static void gen_addsub(DisasContext *s, unsigned rd, IrTemp n, IrTemp m, bool sub, bool setflags,
                       bool sf, bool rd_is_sp)
{
    IrTemp res;

    if (setflags) {
        res = sub ? gen_sub_flags(s, n, m, sf) : gen_add_flags(s, n, m, IR_NO_TEMP, sf);
        write_x(s, rd, res, sf);
        return;
    }
    res = new_tmp(s);
    if (sub) {
        ir_sub(s->b, IR_I64, res, n, m);
    } else {
        ir_add(s->b, IR_I64, res, n, m);
    }
    if (rd_is_sp) {
        write_x_sp(s, rd, res, sf);
    } else {
        write_x(s, rd, res, sf);
    }
}

/* ---- add/subtract (shifted register), C6.2 ADD (shifted register):
 * LSL/LSR/ASR only (ROR is refused by the table), Rd and Rn are XZR ---- */

static bool do_addsub_r(DisasContext *s, arg_addsub_r *a, bool sub, bool setflags)
{
    IrTemp m = gen_shift_const(s, read_x(s, a->rm), a->shift, a->imm, a->sf);

    gen_addsub(s, a->rd, read_x(s, a->rn), m, sub, setflags, a->sf, false);
    return true;
}

bool trans_ADD_r(DisasContext *s, arg_addsub_r *a)
{
    return do_addsub_r(s, a, false, false);
}

bool trans_ADDS_r(DisasContext *s, arg_addsub_r *a)
{
    return do_addsub_r(s, a, false, true);
}

bool trans_SUB_r(DisasContext *s, arg_addsub_r *a)
{
    return do_addsub_r(s, a, true, false);
}

bool trans_SUBS_r(DisasContext *s, arg_addsub_r *a)
{
    return do_addsub_r(s, a, true, true);
}

/* ---- add/subtract (extended register), C6.2 ADD (extended register):
 * ExtendReg(Rm, option, shift) with option = UXTB, UXTH, UXTW, UXTX, SXTB,
 * SXTH, SXTW, SXTX and shift 0..4. Rn is SP; Rd is SP unless flags are
 * set. ---- */

static bool do_addsub_x(DisasContext *s, arg_addsub_x *a, bool sub, bool setflags)
{
    static void (*const ext[8])(IrBlock *, IrType, IrTemp, IrTemp) = {
        ir_ext8u, ir_ext16u, ir_ext32u, ir_mov, ir_ext8s, ir_ext16s, ir_ext32s, ir_mov,
    };
    IrTemp m = new_tmp(s);

    ext[a->option](s->b, IR_I64, m, read_x(s, a->rm));
    if (a->imm) {
        ir_shl(s->b, IR_I64, m, m, tmp_const(s, a->imm));
    }
    gen_addsub(s, a->rd, read_x_sp(s, a->rn), m, sub, setflags, a->sf, !setflags);
    return true;
}

bool trans_ADD_x(DisasContext *s, arg_addsub_x *a)
{
    return do_addsub_x(s, a, false, false);
}

bool trans_ADDS_x(DisasContext *s, arg_addsub_x *a)
{
    return do_addsub_x(s, a, false, true);
}

bool trans_SUB_x(DisasContext *s, arg_addsub_x *a)
{
    return do_addsub_x(s, a, true, false);
}

bool trans_SUBS_x(DisasContext *s, arg_addsub_x *a)
{
    return do_addsub_x(s, a, true, true);
}

/* ---- add/subtract with carry, C6.2 ADC / SBC: Rn + Rm + C and
 * Rn + NOT(Rm) + C through AddWithCarry() ---- */

/* PSTATE.C as 0 or 1 (cf holds any nonzero value for C = 1). */
static IrTemp gen_carry_in(DisasContext *s)
{
    IrTemp c = new_tmp(s);

    ir_setcond(s->b, IR_I64, IR_COND_NE, c, cpu_CF, tmp_const(s, 0));
    return c;
}

static bool do_adc(DisasContext *s, arg_adc *a, bool sub, bool setflags)
{
    IrTemp n = read_x(s, a->rn), m = read_x(s, a->rm), c = gen_carry_in(s), res;

    if (sub) {
        IrTemp nm = new_tmp(s);
        ir_not(s->b, IR_I64, nm, m);
        m = nm;
    }
    if (setflags) {
        res = gen_add_flags(s, n, m, c, a->sf);
    } else {
        res = new_tmp(s);
        ir_add(s->b, IR_I64, res, n, m);
        ir_add(s->b, IR_I64, res, res, c);
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

bool trans_ADC(DisasContext *s, arg_adc *a)
{
    return do_adc(s, a, false, false);
}

bool trans_ADCS(DisasContext *s, arg_adc *a)
{
    return do_adc(s, a, false, true);
}

bool trans_SBC(DisasContext *s, arg_adc *a)
{
    return do_adc(s, a, true, false);
}

bool trans_SBCS(DisasContext *s, arg_adc *a)
{
    return do_adc(s, a, true, true);
}

/* ---- conditional compare, C6.2 CCMN / CCMP: if ConditionHolds(cond)
 * then NZCV = flags of Rn + op2 (CCMN) or Rn - op2 (CCMP), else NZCV =
 * the immediate nzcv. Branch-free: the condition is evaluated on the old
 * flags, the comparison writes the flag globals, and each flag then picks
 * the comparison's value or the constant. ---- */

/* An odd condition below 15 is the inverse of cond - 1 (ConditionHolds):
 * test the even one and swap the two outcomes, which saves gen_test_cond
 * its inverting xor. */
static IrTemp gen_test_cond_even(DisasContext *s, unsigned cond, bool *inverted)
{
    *inverted = (cond & 1) && cond != 15;
    return gen_test_cond(s, *inverted ? cond - 1 : cond);
}

static void gen_ccmp(DisasContext *s, unsigned cond, unsigned nzcv, IrTemp n, IrTemp m, bool sub,
                     bool sf)
{
    bool inv;
    IrTemp t = gen_test_cond_even(s, cond, &inv), zero = tmp_const(s, 0);
    /* the representation of each flag bit when taken from the immediate */
    const uint64_t konst[4] = {
        (nzcv & 8) ? UINT64_MAX : 0,     /* nf: N is bit 63 */
        (nzcv & 4) ? 0 : 1,              /* zf: Z is zf == 0 */
        (nzcv & 2) ? 1 : 0,              /* cf */
        (nzcv & 1) ? UINT64_MAX : 0,     /* vf: V is bit 63 */
    };
    const IrTemp flag[4] = { cpu_NF, cpu_ZF, cpu_CF, cpu_VF };

    if (sub) {
        gen_sub_flags(s, n, m, sf);
    } else {
        gen_add_flags(s, n, m, IR_NO_TEMP, sf);
    }
    for (int i = 0; i < 4; i++) {
        ir_movcond(s->b, IR_I64, inv ? IR_COND_EQ : IR_COND_NE, flag[i], t, zero, flag[i],
                   tmp_const(s, konst[i]));
    }
}

bool trans_CCMN_r(DisasContext *s, arg_ccmp_r *a)
{
    gen_ccmp(s, a->cond, a->nzcv, read_x(s, a->rn), read_x(s, a->rm), false, a->sf);
    return true;
}

bool trans_CCMP_r(DisasContext *s, arg_ccmp_r *a)
{
    gen_ccmp(s, a->cond, a->nzcv, read_x(s, a->rn), read_x(s, a->rm), true, a->sf);
    return true;
}

bool trans_CCMN_i(DisasContext *s, arg_ccmp_i *a)
{
    gen_ccmp(s, a->cond, a->nzcv, read_x(s, a->rn), tmp_const(s, a->imm), false, a->sf);
    return true;
}

bool trans_CCMP_i(DisasContext *s, arg_ccmp_i *a)
{
    gen_ccmp(s, a->cond, a->nzcv, read_x(s, a->rn), tmp_const(s, a->imm), true, a->sf);
    return true;
}

/* ---- conditional select, C6.2 CSEL / CSINC / CSINV / CSNEG: Rd = cond ?
 * Rn : f(Rm) with f = identity, +1, NOT, negate (aliases CSET, CSETM,
 * CINC, CINV, CNEG) ---- */

typedef enum CselOp { CSEL_ID, CSEL_INC, CSEL_INV, CSEL_NEG } CselOp;

static bool do_csel(DisasContext *s, arg_csel *a, CselOp op)
{
    bool inv;
    IrTemp t = gen_test_cond_even(s, a->cond, &inv);
    IrTemp n = read_x(s, a->rn), m = read_x(s, a->rm), res = new_tmp(s), alt;

    switch (op) {
    case CSEL_ID:
        alt = m;
        break;
    case CSEL_INC:
        alt = new_tmp(s);
        ir_add(s->b, IR_I64, alt, m, tmp_const(s, 1));
        break;
    case CSEL_INV:
        alt = new_tmp(s);
        ir_not(s->b, IR_I64, alt, m);
        break;
    default:
        alt = new_tmp(s);
        ir_neg(s->b, IR_I64, alt, m);
        break;
    }
    ir_movcond(s->b, IR_I64, inv ? IR_COND_EQ : IR_COND_NE, res, t, tmp_const(s, 0), n, alt);
    write_x(s, a->rd, res, a->sf);
    return true;
}

bool trans_CSEL(DisasContext *s, arg_csel *a)
{
    return do_csel(s, a, CSEL_ID);
}

bool trans_CSINC(DisasContext *s, arg_csel *a)
{
    return do_csel(s, a, CSEL_INC);
}

bool trans_CSINV(DisasContext *s, arg_csel *a)
{
    return do_csel(s, a, CSEL_INV);
}

bool trans_CSNEG(DisasContext *s, arg_csel *a)
{
    return do_csel(s, a, CSEL_NEG);
}
