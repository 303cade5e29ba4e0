/* Constant folding and propagation (docs/jit.md "Optimizer"). A forward
 * pass tracks which temps and globals hold a known constant; an op whose
 * inputs are all known becomes a movi computed with the interpreter's own
 * semantics (jit/ir-eval.h), a brcond with known inputs becomes br or
 * disappears, and a few identities with one known input reduce to mov or
 * movi. Knowledge is dropped at labels (several paths merge there; temps
 * are mutable) and for globals across helpers that write the state. */
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "jit/ir-eval.h"
#include "jit/opt.h"

typedef struct Known {
    uint8_t *is;
    uint64_t *val;
} Known;

static void to_movi(IrOp *op, uint64_t v)
{
    IrTemp d = (IrTemp)op->args[0];
    op->opc = IR_OP_movi;
    op->nout = 1;
    op->nin = 0;
    op->nconst = 1;
    op->args[0] = d;
    op->args[1] = ir_trunc(op->type == IR_I32 ? 32 : 64, v);
}

static void to_mov(IrOp *op, IrTemp src)
{
    IrTemp d = (IrTemp)op->args[0];
    op->opc = IR_OP_mov;
    op->nout = 1;
    op->nin = 1;
    op->nconst = 0;
    op->args[0] = d;
    op->args[1] = src;
}

static void to_nop(IrOp *op)
{
    op->opc = IR_OP_nop;
    op->nout = op->nin = op->nconst = 0;
}

/* Ops that ir_eval_int computes: one output, inputs of the op's type. */
static bool evaluable(IrOpc opc)
{
    switch (opc) {
    case IR_OP_mov: case IR_OP_add: case IR_OP_sub: case IR_OP_mul: case IR_OP_neg:
    case IR_OP_and: case IR_OP_or: case IR_OP_xor: case IR_OP_not: case IR_OP_andc:
    case IR_OP_orc: case IR_OP_eqv: case IR_OP_shl: case IR_OP_shr: case IR_OP_sar:
    case IR_OP_rotl: case IR_OP_rotr: case IR_OP_clz: case IR_OP_ctz: case IR_OP_ctpop:
    case IR_OP_bswap16: case IR_OP_bswap32: case IR_OP_bswap64: case IR_OP_ext8s:
    case IR_OP_ext8u: case IR_OP_ext16s: case IR_OP_ext16u: case IR_OP_ext32s:
    case IR_OP_ext32u: case IR_OP_extract: case IR_OP_sextract: case IR_OP_deposit:
    case IR_OP_extract2: case IR_OP_div: case IR_OP_divu: case IR_OP_rem: case IR_OP_remu:
    case IR_OP_setcond:
        return true;
    default:
        return false;
    }
}

/* x op c where one input is a known constant. */
static bool simplify(IrOp *op, const Known *k)
{
    uint64_t ones = op->type == IR_I32 ? UINT32_MAX : UINT64_MAX;

    if (op->nin != 2 || op->nout != 1 || op->nconst != 0) {
        return false;
    }
    IrTemp x = (IrTemp)op->args[1], y = (IrTemp)op->args[2];
    bool kx = k->is[x], ky = k->is[y];
    uint64_t cx = k->val[x], cy = k->val[y];
    switch (op->opc) {
    case IR_OP_add: case IR_OP_or: case IR_OP_xor:
        if (ky && cy == 0) { to_mov(op, x); return true; }
        if (kx && cx == 0) { to_mov(op, y); return true; }
        if (op->opc == IR_OP_or && ((ky && cy == ones) || (kx && cx == ones))) {
            to_movi(op, ones);
            return true;
        }
        if (op->opc == IR_OP_xor && x == y) { to_movi(op, 0); return true; }
        if (op->opc == IR_OP_or && x == y) { to_mov(op, x); return true; }
        return false;
    case IR_OP_sub:
        if (ky && cy == 0) { to_mov(op, x); return true; }
        if (x == y) { to_movi(op, 0); return true; }
        return false;
    case IR_OP_shl: case IR_OP_shr: case IR_OP_sar: case IR_OP_rotl: case IR_OP_rotr:
        if (ky && (cy & (op->type == IR_I32 ? 31 : 63)) == 0) { to_mov(op, x); return true; }
        return false;
    case IR_OP_and:
        if ((ky && cy == 0) || (kx && cx == 0)) { to_movi(op, 0); return true; }
        if (ky && cy == ones) { to_mov(op, x); return true; }
        if (kx && cx == ones) { to_mov(op, y); return true; }
        if (x == y) { to_mov(op, x); return true; }
        return false;
    case IR_OP_mul:
        if ((ky && cy == 0) || (kx && cx == 0)) { to_movi(op, 0); return true; }
        if (ky && cy == 1) { to_mov(op, x); return true; }
        if (kx && cx == 1) { to_mov(op, y); return true; }
        return false;
    default:
        return false;
    }
}

static bool fold_op(IrOp *op, const Known *k)
{
    unsigned bits = op->type == IR_I32 ? 32 : 64;
    const uint64_t *in = op->args + op->nout;
    const uint64_t *c = in + op->nin;

    if (op->type > IR_I64 && op->opc != IR_OP_brcond) {
        return false;
    }
    for (unsigned a = 0; a < op->nin; a++) {
        if (!k->is[in[a]]) {
            if (op->opc == IR_OP_movcond && k->is[in[0]] && k->is[in[1]]) {
                break;   /* the condition alone decides */
            }
            return evaluable((IrOpc)op->opc) ? simplify(op, k) : false;
        }
    }
    if (op->opc == IR_OP_brcond) {
        if (ir_eval_cond((IrCond)c[0], bits, k->val[in[0]], k->val[in[1]])) {
            IrLabel l = (IrLabel)c[1];
            op->opc = IR_OP_br;
            op->nin = 0;
            op->nconst = 1;
            op->args[0] = l;
        } else {
            to_nop(op);
        }
        return true;
    }
    if (op->opc == IR_OP_movcond) {
        int t = ir_eval_cond((IrCond)c[0], bits, k->val[in[0]], k->val[in[1]]);
        to_mov(op, (IrTemp)in[t ? 2 : 3]);
        return true;
    }
    if (evaluable((IrOpc)op->opc) && op->opc != IR_OP_movi) {
        to_movi(op, ir_eval_int((IrOpc)op->opc, bits, k->val[in[0]],
                                op->nin > 1 ? k->val[in[1]] : 0,
                                op->nconst > 0 ? c[0] : 0, op->nconst > 1 ? c[1] : 0));
        return true;
    }
    switch (op->opc) {
    case IR_OP_ext_i32_i64:
        op->type = IR_I64;
        to_movi(op, (uint64_t)ir_sext(k->val[in[0]], 32));
        return true;
    case IR_OP_extu_i32_i64:
        op->type = IR_I64;
        to_movi(op, k->val[in[0]]);
        return true;
    case IR_OP_extrl_i64_i32:
    case IR_OP_extrh_i64_i32: {
        uint64_t v = k->val[in[0]] >> (op->opc == IR_OP_extrh_i64_i32 ? 32 : 0);
        op->type = IR_I32;
        to_movi(op, v);
        return true;
    }
    default:
        return false;
    }
}

bool ir_opt_constfold(IrBlock *b)
{
    unsigned nt = b->nb_temps, ng = b->ctx->nb_globals;
    Known k = { calloc(nt + 1, 1), calloc(nt + 1, sizeof(uint64_t)) };
    bool changed = false;

    if (!k.is || !k.val) {
        fatal("out of memory");
    }
    for (unsigned i = 0; i < b->nb_ops; i++) {
        IrOp *op = &b->ops[i];

        if (op->opc == IR_OP_set_label) {
            memset(k.is, 0, nt);
            continue;
        }
        if (op->opc != IR_OP_movi && fold_op(op, &k)) {
            changed = true;
        }
        if (op->opc == IR_OP_call && (ir_op_helper(op)->flags & IR_HF_WRITES)) {
            memset(k.is, 0, ng);
        }
        for (unsigned a = 0; a < op->nout; a++) {
            k.is[op->args[a]] = 0;
        }
        if (op->opc == IR_OP_movi) {
            k.is[op->args[0]] = 1;
            k.val[op->args[0]] = op->args[1];
        } else if (op->opc == IR_OP_mov && op->type <= IR_I64 && k.is[op->args[1]]) {
            uint64_t v = k.val[op->args[1]];
            to_movi(op, v);
            k.is[op->args[0]] = 1;
            k.val[op->args[0]] = v;
            changed = true;
        }
    }
    free(k.is);
    free(k.val);
    return changed;
}
