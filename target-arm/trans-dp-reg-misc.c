/* A64 translators: data processing -- register, the flag-free arithmetic
 * (Arm ARM DDI 0487, C4.1.6; pseudocode in C6.2): 3-source multiplies,
 * 2-source divides, shifts by register and CRC32, 1-source bit and byte
 * reversal and counting. None of these reads or writes NZCV.
 *
 * 32-bit forms compute in 64-bit temps and let write_x() zero-extend; the
 * inputs are extended first only where upper bits would leak into the low
 * 32 bits of the result (right shifts, rotates, division, counts). */
#include "target-arm/translate.h"

#include "target-arm/helper-dp.h"

static IrTemp gen_ext32(DisasContext *s, IrTemp v, bool sign)
{
    IrTemp d = new_tmp(s);

    if (sign) {
        ir_ext32s(s->b, IR_I64, d, v);
    } else {
        ir_ext32u(s->b, IR_I64, d, v);
    }
    return d;
}

/* ---- 3 source, C6.2 MADD / MSUB: Ra +/- Rn * Rm (MUL, MNEG when Ra is
 * XZR); the low datasize bits of the product do not depend on signedness */

static bool do_madd(DisasContext *s, arg_rrrr *a, bool sub)
{
    IrTemp prod = new_tmp(s), res = new_tmp(s);

    ir_mul(s->b, IR_I64, prod, read_x(s, a->rn), read_x(s, a->rm));
    if (a->ra == 31) {
        if (sub) {
            ir_neg(s->b, IR_I64, res, prod);
        } else {
            res = prod;
        }
    } else if (sub) {
        ir_sub(s->b, IR_I64, res, read_x(s, a->ra), prod);
    } else {
        ir_add(s->b, IR_I64, res, read_x(s, a->ra), prod);
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

bool trans_MADD(DisasContext *s, arg_rrrr *a)
{
    return do_madd(s, a, false);
}

bool trans_MSUB(DisasContext *s, arg_rrrr *a)
{
    return do_madd(s, a, true);
}

/* C6.2 SMADDL / UMADDL and the SUBL forms: Xa +/- Wn * Wm with the 32-bit
 * operands sign- or zero-extended; the 64-bit product is exact. */
static bool do_maddl(DisasContext *s, arg_rrrr_l *a, bool sign, bool sub)
{
    IrTemp n = gen_ext32(s, read_x(s, a->rn), sign), m = gen_ext32(s, read_x(s, a->rm), sign);
    IrTemp prod = new_tmp(s), res = new_tmp(s);

    ir_mul(s->b, IR_I64, prod, n, m);
    if (sub) {
        ir_sub(s->b, IR_I64, res, read_x(s, a->ra), prod);
    } else {
        ir_add(s->b, IR_I64, res, read_x(s, a->ra), prod);
    }
    write_x(s, a->rd, res, true);
    return true;
}

bool trans_SMADDL(DisasContext *s, arg_rrrr_l *a)
{
    return do_maddl(s, a, true, false);
}

bool trans_SMSUBL(DisasContext *s, arg_rrrr_l *a)
{
    return do_maddl(s, a, true, true);
}

bool trans_UMADDL(DisasContext *s, arg_rrrr_l *a)
{
    return do_maddl(s, a, false, false);
}

bool trans_UMSUBL(DisasContext *s, arg_rrrr_l *a)
{
    return do_maddl(s, a, false, true);
}

/* C6.2 SMULH / UMULH: bits 127:64 of the 128-bit product. */
static bool do_mulh(DisasContext *s, arg_rrr_h *a, bool sign)
{
    IrTemp lo = new_tmp(s), hi = new_tmp(s);
    IrTemp n = read_x(s, a->rn), m = read_x(s, a->rm);

    if (sign) {
        ir_muls2(s->b, IR_I64, lo, hi, n, m);
    } else {
        ir_mulu2(s->b, IR_I64, lo, hi, n, m);
    }
    write_x(s, a->rd, hi, true);
    return true;
}

bool trans_SMULH(DisasContext *s, arg_rrr_h *a)
{
    return do_mulh(s, a, true);
}

bool trans_UMULH(DisasContext *s, arg_rrr_h *a)
{
    return do_mulh(s, a, false);
}

/* ---- 2 source ---- */

/* C6.2 UDIV / SDIV: round towards zero; a zero divisor gives 0 (no trap in
 * AArch64), and INT_MIN / -1 gives INT_MIN (the true quotient truncated to
 * datasize). The IR's div/divu define exactly these cases; for 32 bits the
 * extended 64-bit quotient truncates to the same value. */
static bool do_div(DisasContext *s, arg_rrr *a, bool sign)
{
    IrTemp n = read_x(s, a->rn), m = read_x(s, a->rm), res = new_tmp(s);

    if (!a->sf) {
        n = gen_ext32(s, n, sign);
        m = gen_ext32(s, m, sign);
    }
    if (sign) {
        ir_div(s->b, IR_I64, res, n, m);
    } else {
        ir_divu(s->b, IR_I64, res, n, m);
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

bool trans_UDIV(DisasContext *s, arg_rrr *a)
{
    return do_div(s, a, false);
}

bool trans_SDIV(DisasContext *s, arg_rrr *a)
{
    return do_div(s, a, true);
}

/* C6.2 LSLV / LSRV / ASRV / RORV: the count is Rm modulo datasize. The
 * IR's shifts take their count modulo 64, which is the 64-bit rule; 32-bit
 * counts are masked to 5 bits. */
typedef enum ShiftKind { SH_LSL, SH_LSR, SH_ASR, SH_ROR } ShiftKind;

static bool do_shiftv(DisasContext *s, arg_rrr *a, ShiftKind k)
{
    IrTemp n = read_x(s, a->rn), m = read_x(s, a->rm), res = new_tmp(s);

    if (!a->sf) {
        IrTemp cnt = new_tmp(s);
        ir_and(s->b, IR_I64, cnt, m, tmp_const(s, 31));
        m = cnt;
        if (k == SH_LSR) {
            n = gen_ext32(s, n, false);
        } else if (k == SH_ASR) {
            n = gen_ext32(s, n, true);
        } else if (k == SH_ROR) {
            /* the low half of (Wn:Wn) >> count is the 32-bit rotate */
            IrTemp cat = new_tmp(s);
            ir_deposit(s->b, IR_I64, cat, n, n, 32, 32);
            n = cat;
            k = SH_LSR;
        }
    }
    switch (k) {
    case SH_LSL:
        ir_shl(s->b, IR_I64, res, n, m);
        break;
    case SH_LSR:
        ir_shr(s->b, IR_I64, res, n, m);
        break;
    case SH_ASR:
        ir_sar(s->b, IR_I64, res, n, m);
        break;
    default:
        ir_rotr(s->b, IR_I64, res, n, m);
        break;
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

bool trans_LSLV(DisasContext *s, arg_rrr *a)
{
    return do_shiftv(s, a, SH_LSL);
}

bool trans_LSRV(DisasContext *s, arg_rrr *a)
{
    return do_shiftv(s, a, SH_LSR);
}

bool trans_ASRV(DisasContext *s, arg_rrr *a)
{
    return do_shiftv(s, a, SH_ASR);
}

bool trans_RORV(DisasContext *s, arg_rrr *a)
{
    return do_shiftv(s, a, SH_ROR);
}

/* C6.2 CRC32B..CRC32X / CRC32CB..CRC32CX: Wd = CRC of the low 8 << sz
 * bits of Rm into the accumulator Wn (no pre/post inversion). A pure
 * helper: a table lookup per byte beats open-coded IR. */
static bool do_crc(DisasContext *s, arg_crc *a, bool castagnoli)
{
    IrTemp res = new_tmp(s);

    gen_helper(s, castagnoli ? &helper_crc32c : &helper_crc32, res, 3, read_x(s, a->rn),
               read_x(s, a->rm), tmp_const(s, 1u << a->sz));
    write_x(s, a->rd, res, false);
    return true;
}

bool trans_CRC32(DisasContext *s, arg_crc *a)
{
    return do_crc(s, a, false);
}

bool trans_CRC32C(DisasContext *s, arg_crc *a)
{
    return do_crc(s, a, true);
}

/* ---- 1 source ---- */

/* C6.2 RBIT: no IR op reverses bits; a pure helper does the 64-bit
 * reversal, and the 32-bit form is its top half applied to Wn. */
bool trans_RBIT(DisasContext *s, arg_rr *a)
{
    IrTemp n = read_x(s, a->rn), res = new_tmp(s);

    if (!a->sf) {
        n = gen_ext32(s, n, false);
    }
    gen_helper(s, &helper_rbit64, res, 1, n);
    if (!a->sf) {
        ir_shr(s->b, IR_I64, res, res, tmp_const(s, 32));
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

/* C6.2 REV16: swap the bytes of every halfword. */
bool trans_REV16(DisasContext *s, arg_rr *a)
{
    IrTemp n = read_x(s, a->rn), mask = tmp_const(s, 0x00ff00ff00ff00ffull);
    IrTemp hi = new_tmp(s), lo = new_tmp(s), res = new_tmp(s);

    ir_shr(s->b, IR_I64, hi, n, tmp_const(s, 8));
    ir_and(s->b, IR_I64, hi, hi, mask);
    ir_and(s->b, IR_I64, lo, n, mask);
    ir_shl(s->b, IR_I64, lo, lo, tmp_const(s, 8));
    ir_or(s->b, IR_I64, res, hi, lo);
    write_x(s, a->rd, res, a->sf);
    return true;
}

/* C6.2 REV: reverse the bytes of the whole register (REV32 for sf = 0 is
 * the same operation on a W register). */
bool trans_REV(DisasContext *s, arg_rr *a)
{
    IrTemp res = new_tmp(s);

    if (a->sf) {
        ir_bswap64(s->b, IR_I64, res, read_x(s, a->rn));
    } else {
        ir_bswap32(s->b, IR_I64, res, read_x(s, a->rn));
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

/* C6.2 REV32 (64-bit): reverse the bytes of each word, i.e. the 64-bit
 * byte reversal with its two halves swapped back. */
bool trans_REV32(DisasContext *s, arg_rr_x *a)
{
    IrTemp res = new_tmp(s);

    ir_bswap64(s->b, IR_I64, res, read_x(s, a->rn));
    ir_rotr(s->b, IR_I64, res, res, tmp_const(s, 32));
    write_x(s, a->rd, res, true);
    return true;
}

/* C6.2 CLZ: the IR's clz gives 64 for 0, as CountLeadingZeroBits does; a
 * zero-extended W register has 32 extra leading zeros. */
bool trans_CLZ(DisasContext *s, arg_rr *a)
{
    IrTemp n = read_x(s, a->rn), res = new_tmp(s);

    if (a->sf) {
        ir_clz(s->b, IR_I64, res, n);
    } else {
        ir_clz(s->b, IR_I64, res, gen_ext32(s, n, false));
        ir_sub(s->b, IR_I64, res, res, tmp_const(s, 32));
    }
    write_x(s, a->rd, res, a->sf);
    return true;
}

/* C6.2 CLS: CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>). With x
 * sign-extended to 64 bits, x EOR (x >> 1 arithmetic) has bit 63 clear and
 * those N-1 bits below it; its leading-zero count is one more than the
 * answer for 64 bits, and 33 more for a sign-extended W register. */
bool trans_CLS(DisasContext *s, arg_rr *a)
{
    IrTemp n = read_x(s, a->rn), t = new_tmp(s), res = new_tmp(s);

    if (!a->sf) {
        n = gen_ext32(s, n, true);
    }
    ir_sar(s->b, IR_I64, t, n, tmp_const(s, 1));
    ir_xor(s->b, IR_I64, t, t, n);
    ir_clz(s->b, IR_I64, res, t);
    ir_sub(s->b, IR_I64, res, res, tmp_const(s, a->sf ? 1 : 33));
    write_x(s, a->rd, res, a->sf);
    return true;
}
