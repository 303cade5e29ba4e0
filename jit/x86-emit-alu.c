/* Integer ops of the native backend. Semantics are jit/ir-eval.h's
 * exactly. Invariant: a host register holding an i32 value has bits 63..32
 * clear (32-bit x86 operations zero-extend their destination, SDM Vol. 1
 * 3.4.1.1), so i32 values pass to helpers and widen for free. */
#include "jit/ir-eval.h"
#include "jit/x86-backend.h"

#define A (&x->a)
#define ARG(i) ((IrTemp)op->args[i])

static const X86Cond cond_cc[IR_NB_CONDS] = {
    [IR_COND_EQ] = X86_CC_E, [IR_COND_NE] = X86_CC_NE,
    [IR_COND_LT] = X86_CC_L, [IR_COND_LE] = X86_CC_LE,
    [IR_COND_GT] = X86_CC_G, [IR_COND_GE] = X86_CC_GE,
    [IR_COND_LTU] = X86_CC_B, [IR_COND_LEU] = X86_CC_BE,
    [IR_COND_GTU] = X86_CC_A, [IR_COND_GEU] = X86_CC_AE,
    [IR_COND_TSTEQ] = X86_CC_E, [IR_COND_TSTNE] = X86_CC_NE,
};

static bool const_operand(Xb *x, IrTemp t, IrType ty, uint64_t *v)
{
    const XbTemp *xt = &x->t[t];
    if (xt->reg < 0 && xt->is_const && xb_fits_s32(xt->val, ty)) {
        *v = xt->val;
        return true;
    }
    return false;
}

X86Cond xb_emit_compare(Xb *x, IrType ty, IrCond c, IrTemp ta, IrTemp tb)
{
    X86Size sz = xb_size(ty);
    X86Reg ra = xb_in(x, ta);
    bool tst = c == IR_COND_TSTEQ || c == IR_COND_TSTNE;
    uint64_t v;

    if (const_operand(x, tb, ty, &v)) {
        if (tst) {
            x86_test_ri(A, sz, ra, (int32_t)v);
        } else {
            x86_alu_ri(A, X86_CMP, sz, ra, (int32_t)v);
        }
    } else {
        X86Reg rb = xb_in(x, tb);
        if (tst) {
            x86_test_rr(A, sz, ra, rb);
        } else {
            x86_alu_rr(A, X86_CMP, sz, ra, rb);
        }
    }
    return cond_cc[c];
}

static void binary_alu(Xb *x, const IrOp *op, X86Alu alu)
{
    IrType ty = (IrType)op->type;
    X86Reg ra = xb_in(x, ARG(1)), rd;
    uint64_t v;

    if (const_operand(x, ARG(2), ty, &v)) {
        rd = xb_out_reuse(x, op, 0, ra);
        x86_alu_ri(A, alu, xb_size(ty), rd, (int32_t)v);
    } else {
        X86Reg rb = xb_in(x, ARG(2));
        rd = xb_out_reuse(x, op, 0, ra);
        x86_alu_rr(A, alu, xb_size(ty), rd, rb);
    }
    xb_set_out(x, ARG(0), rd);
}

static void emit_mul(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Reg ra = xb_in(x, ARG(1)), rd;
    uint64_t v;

    if (const_operand(x, ARG(2), ty, &v)) {
        rd = xb_out_reg(x, op, 0, ra);
        x86_imul_rri(A, xb_size(ty), rd, ra, (int32_t)v);
    } else {
        X86Reg rb = xb_in(x, ARG(2));
        rd = xb_out_reuse(x, op, 0, ra);
        x86_imul_rr(A, xb_size(ty), rd, rb);
    }
    xb_set_out(x, ARG(0), rd);
}

/* andc, orc, eqv: a OP ~b */
static void emit_inverted(Xb *x, const IrOp *op)
{
    X86Size sz = xb_size((IrType)op->type);
    X86Reg ra = xb_in(x, ARG(1)), rb = xb_in(x, ARG(2)), rd;

    x86_mov_rr(A, X86_S64, XB_T1, rb);
    x86_unary(A, X86_NOT, sz, XB_T1);
    rd = xb_out_reuse(x, op, 0, ra);
    x86_alu_rr(A, op->opc == IR_OP_andc ? X86_AND : op->opc == IR_OP_orc ? X86_OR : X86_XOR,
               sz, rd, XB_T1);
    xb_set_out(x, ARG(0), rd);
}

static void emit_shift(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Size sz = xb_size(ty);
    unsigned bits = ty == IR_I32 ? 32 : 64;
    X86Shift sh = op->opc == IR_OP_shl ? X86_SHL : op->opc == IR_OP_shr ? X86_SHR
                : op->opc == IR_OP_sar ? X86_SAR : op->opc == IR_OP_rotl ? X86_ROL : X86_ROR;
    X86Reg ra = xb_in(x, ARG(1)), rd;
    uint64_t v;

    if (const_operand(x, ARG(2), ty, &v)) {
        rd = xb_out_reuse(x, op, 0, ra);
        if (v & (bits - 1)) {
            x86_shift_ri(A, sh, sz, rd, (uint8_t)(v & (bits - 1)));
        }
    } else if (x86_host.bmi2 && (sh == X86_SHL || sh == X86_SHR || sh == X86_SAR)) {
        /* SHLX/SHRX/SARX mask the count to the operand width like the IR */
        X86Reg rb = xb_in(x, ARG(2));
        rd = xb_out_reg(x, op, 0, ra);
        (sh == X86_SHL ? x86_shlx : sh == X86_SHR ? x86_shrx : x86_sarx)(A, sz, rd, ra, rb);
    } else {
        /* count in CL; the hardware masks it to 5 or 6 bits (SDM "SAL/SAR/
         * SHL/SHR", "RCL/RCR/ROL/ROR"), i.e. modulo the width */
        X86Reg rb = xb_in(x, ARG(2));
        x86_mov_rr(A, X86_S64, XB_T0, ra);
        x86_mov_rr(A, X86_S64, XB_T1, rb);
        xb_evict(x, X86_RCX);
        x86_mov_rr(A, X86_S32, X86_RCX, XB_T1);
        x86_shift_cl(A, sh, sz, XB_T0);
        rd = xb_alloc(x, 0);
        x86_mov_rr(A, X86_S64, rd, XB_T0);
    }
    xb_set_out(x, ARG(0), rd);
}

/* Population count without POPCNT: the SWAR reduction (pairs, nibbles,
 * bytes, then a multiply sums the bytes into the top one). */
static void popcount_swar(Xb *x, X86Reg rd, X86Reg ra)
{
    x86_mov_rr(A, X86_S64, XB_T0, ra);
    x86_mov_rr(A, X86_S64, XB_T1, XB_T0);
    x86_shift_ri(A, X86_SHR, X86_S64, XB_T1, 1);
    x86_movi(A, rd, 0x5555555555555555ull);
    x86_alu_rr(A, X86_AND, X86_S64, XB_T1, rd);
    x86_alu_rr(A, X86_SUB, X86_S64, XB_T0, XB_T1);
    x86_movi(A, rd, 0x3333333333333333ull);
    x86_mov_rr(A, X86_S64, XB_T1, XB_T0);
    x86_shift_ri(A, X86_SHR, X86_S64, XB_T1, 2);
    x86_alu_rr(A, X86_AND, X86_S64, XB_T1, rd);
    x86_alu_rr(A, X86_AND, X86_S64, XB_T0, rd);
    x86_alu_rr(A, X86_ADD, X86_S64, XB_T0, XB_T1);
    x86_mov_rr(A, X86_S64, XB_T1, XB_T0);
    x86_shift_ri(A, X86_SHR, X86_S64, XB_T1, 4);
    x86_alu_rr(A, X86_ADD, X86_S64, XB_T0, XB_T1);
    x86_movi(A, rd, 0x0f0f0f0f0f0f0f0full);
    x86_alu_rr(A, X86_AND, X86_S64, XB_T0, rd);
    x86_movi(A, rd, 0x0101010101010101ull);
    x86_imul_rr(A, X86_S64, XB_T0, rd);
    x86_shift_ri(A, X86_SHR, X86_S64, XB_T0, 56);
    x86_mov_rr(A, X86_S64, rd, XB_T0);
}

static void emit_unary(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Size sz = xb_size(ty);
    X86Reg ra = xb_in(x, ARG(1)), rd;

    switch (op->opc) {
    case IR_OP_neg:
    case IR_OP_not:
        rd = xb_out_reuse(x, op, 0, ra);
        x86_unary(A, op->opc == IR_OP_neg ? X86_NEG : X86_NOT, sz, rd);
        break;
    case IR_OP_clz:
    case IR_OP_ctz:
        rd = xb_out_reg(x, op, 0, ra);
        (op->opc == IR_OP_clz ? x86_clz : x86_ctz)(A, sz, rd, ra);
        break;
    case IR_OP_ctpop:
        rd = xb_out_reg(x, op, 0, ra);
        if (x86_host.popcnt) {
            x86_popcnt(A, sz, rd, ra);
        } else {
            popcount_swar(x, rd, ra);
        }
        break;
    case IR_OP_bswap16:
        rd = xb_out_reuse(x, op, 0, ra);
        x86_bswap(A, X86_S32, rd);
        x86_shift_ri(A, X86_SHR, X86_S32, rd, 16);
        break;
    case IR_OP_bswap32:
        rd = xb_out_reuse(x, op, 0, ra);
        x86_bswap(A, X86_S32, rd);
        break;
    case IR_OP_bswap64:
        rd = xb_out_reuse(x, op, 0, ra);
        x86_bswap(A, X86_S64, rd);
        break;
    case IR_OP_ext8s:
    case IR_OP_ext16s:
        rd = xb_out_reg(x, op, 0, ra);
        x86_movsx(A, op->opc == IR_OP_ext8s ? X86_S8 : X86_S16, sz, rd, ra);
        break;
    case IR_OP_ext8u:
    case IR_OP_ext16u:
        rd = xb_out_reg(x, op, 0, ra);
        x86_movzx(A, op->opc == IR_OP_ext8u ? X86_S8 : X86_S16, rd, ra);
        break;
    case IR_OP_ext32s:
    case IR_OP_ext_i32_i64:
        rd = xb_out_reg(x, op, 0, ra);
        x86_movsx(A, X86_S32, X86_S64, rd, ra);
        break;
    case IR_OP_ext32u:
    case IR_OP_extu_i32_i64:
    case IR_OP_extrl_i64_i32:
        rd = xb_out_reg(x, op, 0, ra);
        x86_mov_rr(A, X86_S32, rd, ra);
        break;
    default: /* extrh_i64_i32 */
        rd = xb_out_reuse(x, op, 0, ra);
        x86_shift_ri(A, X86_SHR, X86_S64, rd, 32);
        break;
    }
    xb_set_out(x, ARG(0), rd);
}

static void emit_bitfield(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Size sz = xb_size(ty);
    unsigned w = ty == IR_I32 ? 32 : 64;
    unsigned nin = op->nin;
    unsigned pos = (unsigned)op->args[1 + nin], len = (unsigned)op->args[2 + nin];
    X86Reg ra = xb_in(x, ARG(1)), rd;

    if (op->opc == IR_OP_deposit) {
        X86Reg rb = xb_in(x, ARG(2));
        uint64_t keep = ir_trunc(w, ~(ir_mask(len) << pos));
        if (len == w) {
            rd = xb_out_reg(x, op, 1, rb);
            if (rd != rb) {
                x86_mov_rr(A, X86_S64, rd, rb);
            }
            xb_set_out(x, ARG(0), rd);
            return;
        }
        /* T1 = (b & mask(len)) << pos, by shifting the field to the top and
         * back down logically */
        x86_mov_rr(A, X86_S64, XB_T1, rb);
        x86_shift_ri(A, X86_SHL, sz, XB_T1, (uint8_t)(w - len));
        if (w - len - pos) {
            x86_shift_ri(A, X86_SHR, sz, XB_T1, (uint8_t)(w - len - pos));
        }
        rd = xb_out_reuse(x, op, 0, ra);
        if (xb_fits_s32(keep, ty)) {
            x86_alu_ri(A, X86_AND, sz, rd, (int32_t)keep);
        } else {
            x86_movi(A, XB_T0, keep);
            x86_alu_rr(A, X86_AND, sz, rd, XB_T0);
        }
        x86_alu_rr(A, X86_OR, sz, rd, XB_T1);
    } else if (op->opc == IR_OP_extract2) {
        X86Reg rb = xb_in(x, ARG(2));
        pos = len = (unsigned)op->args[3];
        x86_mov_rr(A, X86_S64, XB_T1, rb);
        rd = xb_out_reuse(x, op, 0, ra);
        if (pos) {
            x86_shift_ri(A, X86_SHL, sz, XB_T1, (uint8_t)(w - pos));
            x86_shift_ri(A, X86_SHR, sz, rd, (uint8_t)pos);
            x86_alu_rr(A, X86_OR, sz, rd, XB_T1);
        }
    } else {
        bool sign = op->opc == IR_OP_sextract;
        unsigned left = w - pos - len;
        rd = xb_out_reg(x, op, 0, ra);
        if (pos == 0 && (len == 8 || len == 16 || (len == 32 && w == 64))) {
            X86Size fs = len == 8 ? X86_S8 : len == 16 ? X86_S16 : X86_S32;
            if (sign) {
                x86_movsx(A, fs, sz, rd, ra);
            } else if (fs == X86_S32) {
                x86_mov_rr(A, X86_S32, rd, ra);
            } else {
                x86_movzx(A, fs, rd, ra);
            }
        } else {
            if (rd != ra) {
                x86_mov_rr(A, X86_S64, rd, ra);
            }
            if (left) {
                x86_shift_ri(A, X86_SHL, sz, rd, (uint8_t)left);
            }
            if (w - len) {
                x86_shift_ri(A, sign ? X86_SAR : X86_SHR, sz, rd, (uint8_t)(w - len));
            }
        }
    }
    xb_set_out(x, ARG(0), rd);
}

static void emit_mul2(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    bool sgn = op->opc == IR_OP_muls2;
    X86Reg ra = xb_in(x, ARG(2)), rb = xb_in(x, ARG(3));

    if (ty == IR_I32) {
        X86Reg lo, hi;
        if (sgn) {
            x86_movsx(A, X86_S32, X86_S64, XB_T0, ra);
            x86_movsx(A, X86_S32, X86_S64, XB_T1, rb);
        } else {
            x86_mov_rr(A, X86_S32, XB_T0, ra);
            x86_mov_rr(A, X86_S32, XB_T1, rb);
        }
        x86_imul_rr(A, X86_S64, XB_T0, XB_T1);     /* exact 64-bit product */
        lo = xb_alloc(x, 0);
        x86_mov_rr(A, X86_S32, lo, XB_T0);
        x86_shift_ri(A, X86_SHR, X86_S64, XB_T0, 32);
        hi = xb_alloc(x, 0);
        x86_mov_rr(A, X86_S32, hi, XB_T0);
        xb_set_out(x, ARG(0), lo);
        xb_set_out(x, ARG(1), hi);
        return;
    }
    /* MUL/IMUL r/m64: RDX:RAX = RAX * r/m64 (SDM "MUL", "IMUL" one-operand) */
    x86_mov_rr(A, X86_S64, XB_T0, ra);
    x86_mov_rr(A, X86_S64, XB_T1, rb);
    xb_evict(x, X86_RAX);
    xb_evict(x, X86_RDX);
    x86_mov_rr(A, X86_S64, X86_RAX, XB_T0);
    x86_unary(A, sgn ? X86_IMUL1 : X86_MUL, X86_S64, XB_T1);
    xb_set_out(x, ARG(0), X86_RAX);
    xb_set_out(x, ARG(1), X86_RDX);
}

/* DIV/IDIV fault on a zero divisor and on MIN / -1 (#DE, SDM "IDIV"); the
 * IR's division is total, so those cases are tested first. */
static void emit_div(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Size sz = xb_size(ty);
    bool sgn = op->opc == IR_OP_div || op->opc == IR_OP_rem;
    bool rem = op->opc == IR_OP_rem || op->opc == IR_OP_remu;
    X86Reg ra = xb_in(x, ARG(1)), rb = xb_in(x, ARG(2));
    X86Label zero, m1, done;

    x86_label_init(&zero);
    x86_label_init(&m1);
    x86_label_init(&done);
    x86_mov_rr(A, X86_S64, XB_T0, ra);
    x86_mov_rr(A, X86_S64, XB_T1, rb);
    xb_evict(x, X86_RAX);
    xb_evict(x, X86_RDX);
    x86_test_rr(A, sz, XB_T1, XB_T1);
    x86_jcc_short(A, X86_CC_Z, &zero);
    if (sgn) {
        x86_alu_ri(A, X86_CMP, sz, XB_T1, -1);
        x86_jcc_short(A, X86_CC_E, &m1);
    }
    x86_mov_rr(A, X86_S64, X86_RAX, XB_T0);
    if (sgn) {
        x86_cqo(A, sz);
    } else {
        x86_zero(A, X86_RDX);
    }
    x86_unary(A, sgn ? X86_IDIV : X86_DIV, sz, XB_T1);
    if (rem) {
        x86_mov_rr(A, X86_S64, X86_RAX, X86_RDX);
    }
    x86_jmp_short(A, &done);
    if (sgn) {
        /* x / -1 = -x (MIN stays MIN), x % -1 = 0 */
        x86_bind(A, &m1);
        if (rem) {
            x86_zero(A, X86_RAX);
        } else {
            x86_mov_rr(A, X86_S64, X86_RAX, XB_T0);
            x86_unary(A, X86_NEG, sz, X86_RAX);
        }
        x86_jmp_short(A, &done);
    }
    /* x / 0 = 0, x % 0 = x */
    x86_bind(A, &zero);
    if (rem) {
        x86_mov_rr(A, X86_S64, X86_RAX, XB_T0);
    } else {
        x86_zero(A, X86_RAX);
    }
    x86_bind(A, &done);
    xb_set_out(x, ARG(0), X86_RAX);
}

static void emit_setcond(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Reg rd = xb_alloc(x, 0);
    X86Cond cc = xb_emit_compare(x, ty, (IrCond)op->args[3], ARG(1), ARG(2));

    x86_setcc(A, cc, rd);
    x86_movzx(A, X86_S8, rd, rd);
    xb_set_out(x, ARG(0), rd);
}

static void emit_movcond(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Reg rv1 = xb_in(x, ARG(3)), rv2 = xb_in(x, ARG(4)), rd;
    X86Cond cc;

    xb_in(x, ARG(1));
    xb_in(x, ARG(2));
    rd = xb_out_reuse(x, op, 3, rv2);
    cc = xb_emit_compare(x, ty, (IrCond)op->args[5], ARG(1), ARG(2));
    x86_cmov(A, cc, xb_size(ty), rd, rv1);
    xb_set_out(x, ARG(0), rd);
}

void xb_emit_mov(Xb *x, const IrOp *op)
{
    IrTemp d = ARG(0);
    bool dglobal = d < x->ng;

    if (op->opc == IR_OP_movi) {
        uint64_t v = op->args[1];
        if (dglobal) {
            X86Reg rd = xb_alloc(x, 0);
            x86_movi(A, rd, v);
            xb_set_out(x, d, rd);
        } else {
            xb_set_const(x, d, v);
        }
        return;
    }
    if (op->type == IR_V128) {
        x86_movdqu_load(A, X86_XMM15, xb_home(x, ARG(1)));
        x86_movdqu_store(A, xb_home(x, d), X86_XMM15);
        return;
    }
    {
        IrTemp s = ARG(1);
        const XbTemp *st = &x->t[s];
        X86Reg rs, rd;
        if (st->reg < 0 && st->is_const) {
            if (dglobal) {
                rd = xb_alloc(x, 0);
                x86_movi(A, rd, st->val);
                xb_set_out(x, d, rd);
            } else {
                xb_set_const(x, d, st->val);
            }
            return;
        }
        rs = xb_in(x, s);
        rd = xb_out_reg(x, op, 0, rs);
        if (rd != rs) {
            x86_mov_rr(A, X86_S64, rd, rs);
        }
        xb_set_out(x, d, rd);
    }
}

void xb_emit_alu(Xb *x, const IrOp *op)
{
    switch (op->opc) {
    case IR_OP_add: binary_alu(x, op, X86_ADD); break;
    case IR_OP_sub: binary_alu(x, op, X86_SUB); break;
    case IR_OP_and: binary_alu(x, op, X86_AND); break;
    case IR_OP_or: binary_alu(x, op, X86_OR); break;
    case IR_OP_xor: binary_alu(x, op, X86_XOR); break;
    case IR_OP_mul: emit_mul(x, op); break;
    case IR_OP_andc:
    case IR_OP_orc: emit_inverted(x, op); break;
    case IR_OP_eqv: {
        binary_alu(x, op, X86_XOR);
        x86_unary(A, X86_NOT, xb_size((IrType)op->type), (X86Reg)x->t[ARG(0)].reg);
        break;
    }
    case IR_OP_shl: case IR_OP_shr: case IR_OP_sar:
    case IR_OP_rotl: case IR_OP_rotr:
        emit_shift(x, op);
        break;
    case IR_OP_extract: case IR_OP_sextract:
    case IR_OP_deposit: case IR_OP_extract2:
        emit_bitfield(x, op);
        break;
    case IR_OP_mulu2: case IR_OP_muls2: emit_mul2(x, op); break;
    case IR_OP_div: case IR_OP_divu: case IR_OP_rem: case IR_OP_remu:
        emit_div(x, op);
        break;
    case IR_OP_setcond: emit_setcond(x, op); break;
    case IR_OP_movcond: emit_movcond(x, op); break;
    default: emit_unary(x, op); break;
    }
}
