/* A64 translators: data processing -- immediate (Arm ARM DDI 0487, C4.1.2
 * "Data Processing -- Immediate"; per-instruction pseudocode in C6.2).
 * One trans_* per encoding in target-arm/a64-dp-imm.decode. Every encoding
 * the table accepts is valid (the reserved ones are refused by its
 * conditions), so each translator returns true.
 *
 * 32-bit forms compute in 64-bit temps and rely on write_x() zero-extending
 * the result (C1.2.5 "Register names": writes to Wn clear bits 63:32), so
 * only operations whose low 32 bits depend on upper input bits (right
 * shifts, rotates, sign tests) extend their inputs first. */
#include "target-arm/translate.h"

typedef void IrBinFn(IrBlock *b, IrType t, IrTemp d, IrTemp x, IrTemp y);

/* ---- PC-relative addressing (C6.2 ADR, ADRP) ---- */

bool trans_ADR(DisasContext *s, arg_adr *a)
{
    write_x(s, a->rd, tmp_const(s, s->pc + (uint64_t)a->imm), true);
    return true;
}

bool trans_ADRP(DisasContext *s, arg_adr *a)
{
    /* base = PC with bits 11:0 cleared; the table already scaled imm by 4 KB */
    write_x(s, a->rd, tmp_const(s, (s->pc & ~0xfffull) + (uint64_t)a->imm), true);
    return true;
}

/* ---- add/subtract (immediate), C6.2 ADD (immediate) ----
 * Rn may be SP; Rd is SP for ADD/SUB and XZR for ADDS/SUBS (CMN/CMP). */

static bool do_addsub_i(DisasContext *s, arg_addsub_i *a, bool sub, bool setflags)
{
    IrTemp n = read_x_sp(s, a->rn);
    IrTemp imm = tmp_const(s, (uint64_t)a->imm << (a->sh ? 12 : 0));
    IrTemp res;

    if (setflags) {
        res = sub ? gen_sub_flags(s, n, imm, a->sf) : gen_add_flags(s, n, imm, IR_NO_TEMP, a->sf);
        write_x(s, a->rd, res, a->sf);
        return true;
    }
    res = new_tmp(s);
    if (sub) {
        ir_sub(s->b, IR_I64, res, n, imm);
    } else {
        ir_add(s->b, IR_I64, res, n, imm);
    }
    write_x_sp(s, a->rd, res, a->sf);
    return true;
}

bool trans_ADD_i(DisasContext *s, arg_addsub_i *a)
{
    return do_addsub_i(s, a, false, false);
}

bool trans_ADDS_i(DisasContext *s, arg_addsub_i *a)
{
    return do_addsub_i(s, a, false, true);
}

bool trans_SUB_i(DisasContext *s, arg_addsub_i *a)
{
    return do_addsub_i(s, a, true, false);
}

bool trans_SUBS_i(DisasContext *s, arg_addsub_i *a)
{
    return do_addsub_i(s, a, true, true);
}

/* ---- logical (immediate), C6.2 AND (immediate) ----
 * The decoder expanded DecodeBitMasks() into a->imm (zero-extended for
 * 32 bits). Rn is XZR; Rd is SP except for ANDS (TST). */

static bool do_logic_i(DisasContext *s, arg_logic_i *a, IrBinFn *op, bool setflags)
{
    IrTemp n = read_x(s, a->rn);
    IrTemp res = new_tmp(s);

    if (op == ir_or && a->rn == 31) {
        ir_movi(s->b, IR_I64, res, a->imm);      /* MOV (bitmask immediate) */
    } else {
        op(s->b, IR_I64, res, n, tmp_const(s, a->imm));
    }
    if (setflags) {
        gen_logic_flags(s, res, a->sf);
        write_x(s, a->rd, res, a->sf);
    } else {
        write_x_sp(s, a->rd, res, a->sf);
    }
    return true;
}

bool trans_AND_i(DisasContext *s, arg_logic_i *a)
{
    return do_logic_i(s, a, ir_and, false);
}

bool trans_ORR_i(DisasContext *s, arg_logic_i *a)
{
    return do_logic_i(s, a, ir_or, false);
}

bool trans_EOR_i(DisasContext *s, arg_logic_i *a)
{
    return do_logic_i(s, a, ir_xor, false);
}

bool trans_ANDS_i(DisasContext *s, arg_logic_i *a)
{
    return do_logic_i(s, a, ir_and, true);
}

/* ---- move wide (immediate), C6.2 MOVN / MOVZ / MOVK; pos = hw * 16 ---- */

bool trans_MOVN(DisasContext *s, arg_movw *a)
{
    write_x(s, a->rd, tmp_const(s, ~((uint64_t)a->imm << (a->hw * 16))), a->sf);
    return true;
}

bool trans_MOVZ(DisasContext *s, arg_movw *a)
{
    write_x(s, a->rd, tmp_const(s, (uint64_t)a->imm << (a->hw * 16)), a->sf);
    return true;
}

bool trans_MOVK(DisasContext *s, arg_movw *a)
{
    IrTemp res = new_tmp(s);

    /* Rd = 31 reads and writes XZR: no effect, and read_x gives 0 */
    ir_deposit(s->b, IR_I64, res, read_x(s, a->rd), tmp_const(s, a->imm), a->hw * 16, 16);
    write_x(s, a->rd, res, a->sf);
    return true;
}

/* ---- bitfield, C6.2 SBFM / BFM / UBFM ----
 * With R = immr and S = imms, DecodeBitMasks(immediate = FALSE) gives two
 * shapes: S >= R moves the field src<S:R> to bit 0 (SBFX, UBFX, LSR, ASR,
 * SXTB.., BFXIL), S < R moves src<S:0> up to bit datasize - R (LSL, SBFIZ,
 * UBFIZ, BFI). Bits above the field are the sign of the field (SBFM),
 * zero (UBFM) or the old destination (BFM); bits below are zero or the old
 * destination. Each shape is one extract/sextract/deposit. */

static void gen_extract_any(DisasContext *s, IrTemp d, IrTemp v, unsigned pos, unsigned len,
                            bool sign)
{
    if (pos == 0 && len == 64) {
        ir_mov(s->b, IR_I64, d, v);
    } else if (sign) {
        ir_sextract(s->b, IR_I64, d, v, pos, len);
    } else {
        ir_extract(s->b, IR_I64, d, v, pos, len);
    }
}

bool trans_SBFM(DisasContext *s, arg_bitfield *a)
{
    unsigned width = a->sf ? 64 : 32, r = a->immr, sbit = a->imms;
    IrTemp n = read_x(s, a->rn), res = new_tmp(s);

    if (sbit >= r) {
        gen_extract_any(s, res, n, r, sbit - r + 1, true);
    } else {
        IrTemp field = new_tmp(s);
        gen_extract_any(s, field, n, 0, sbit + 1, true);
        ir_shl(s->b, IR_I64, res, field, tmp_const(s, width - r));
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

bool trans_UBFM(DisasContext *s, arg_bitfield *a)
{
    unsigned width = a->sf ? 64 : 32, r = a->immr, sbit = a->imms;
    IrTemp n = read_x(s, a->rn), res = new_tmp(s);

    if (sbit >= r) {
        gen_extract_any(s, res, n, r, sbit - r + 1, false);
    } else {
        ir_deposit(s->b, IR_I64, res, tmp_const(s, 0), n, width - r, sbit + 1);
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

bool trans_BFM(DisasContext *s, arg_bitfield *a)
{
    unsigned width = a->sf ? 64 : 32, r = a->immr, sbit = a->imms;
    IrTemp n = read_x(s, a->rn), d = read_x(s, a->rd), res = new_tmp(s);

    if (sbit >= r) {
        IrTemp field = new_tmp(s);
        unsigned len = sbit - r + 1;
        gen_extract_any(s, field, n, r, len, false);
        if (len == 64) {
            ir_mov(s->b, IR_I64, res, field);
        } else {
            ir_deposit(s->b, IR_I64, res, d, field, 0, len);
        }
    } else {
        ir_deposit(s->b, IR_I64, res, d, n, width - r, sbit + 1);
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

/* ---- extract, C6.2 EXTR: (Rn:Rm) >> lsb, datasize bits; ROR (immediate)
 * when Rn == Rm ---- */

bool trans_EXTR(DisasContext *s, arg_EXTR *a)
{
    IrTemp n = read_x(s, a->rn), m = read_x(s, a->rm), res = new_tmp(s);

    if (a->sf) {
        ir_extract2(s->b, IR_I64, res, m, n, a->imms);
    } else {
        IrTemp cat = new_tmp(s);
        ir_deposit(s->b, IR_I64, cat, m, n, 32, 32);      /* Wn:Wm */
        ir_extract(s->b, IR_I64, res, cat, a->imms, 32);
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}
