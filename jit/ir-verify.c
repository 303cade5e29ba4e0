/* The IR verifier: every structural rule that passes and backends rely on
 * (docs/jit.md "Verifier rules"). Run after building a block and after
 * every optimizer pass in debug builds and tests. */
#include "jit/ir.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct Verr {
    char *buf;
    size_t len;
} Verr;

static bool bad(Verr *e, unsigned i, const char *fmt, ...)
{
    if (e->buf && e->len) {
        va_list ap;
        int n = snprintf(e->buf, e->len, "op %u: ", i);
        va_start(ap, fmt);
        if (n >= 0 && (size_t)n < e->len) {
            vsnprintf(e->buf + n, e->len - n, fmt, ap);
        }
        va_end(ap);
    }
    return false;
}

static unsigned type_bytes(IrType t)
{
    return t == IR_I32 ? 4 : t == IR_I64 ? 8 : 16;
}

static bool kind_accepts(IrKind k, unsigned t)
{
    switch (k) {
    case IR_KIND_INT: return t == IR_I32 || t == IR_I64;
    case IR_KIND_ANY: return t <= IR_V128;
    case IR_KIND_I64: return t == IR_I64;
    default: return true;
    }
}

/* JitMemOp rules shared by env and guest accesses. */
static bool memop_ok(const IrOp *op, JitMemOp mo, bool load, Verr *e, unsigned i)
{
    unsigned size = jit_mo_size(mo), tb = type_bytes((IrType)op->type);

    if ((mo & JIT_MO_SIZE) > JIT_MO_128 || (mo & ~0x7fu)) {
        return bad(e, i, "bad memop 0x%x", mo);
    }
    if (size > tb || ((IrType)op->type == IR_V128) != (size == 16)) {
        return bad(e, i, "access size %u does not fit type %s", size, ir_type_names[op->type]);
    }
    if ((mo & JIT_MO_SIGN) && (!load || size == tb)) {
        return bad(e, i, "sign extension on a store or full-width access");
    }
    return true;
}

static bool env_range_ok(const IrBlock *b, const IrOp *op, Verr *e, unsigned i)
{
    uint64_t off = op->args[op->nout + op->nin];
    unsigned size = jit_mo_size((JitMemOp)op->args[op->nout + op->nin + 1]);

    if (off % size || off > UINT32_MAX) {
        return bad(e, i, "misaligned env offset %" PRIu64, off);
    }
    /* Globals may live in host registers: env ops must not alias them. */
    for (unsigned g = 0; g < b->ctx->nb_globals; g++) {
        const IrGlobal *gl = &b->ctx->globals[g];
        if (off < gl->offset + type_bytes((IrType)gl->type) && gl->offset < off + size) {
            return bad(e, i, "env access at %" PRIu64 " overlaps global %s", off, gl->name);
        }
    }
    return true;
}

static bool consts_ok(const IrBlock *b, const IrOp *op, Verr *e, unsigned i)
{
    const uint64_t *c = op->args + op->nout + op->nin;
    unsigned bits = op->type == IR_I32 ? 32 : 64;

    switch (op->opc) {
    case IR_OP_movi:
        if (op->type == IR_I32 && c[0] > UINT32_MAX) {
            return bad(e, i, "i32 constant out of range");
        }
        return true;
    case IR_OP_extract:
    case IR_OP_sextract:
    case IR_OP_deposit:
        if (c[1] < 1 || c[0] >= bits || c[1] > bits - c[0]) {
            return bad(e, i, "bitfield pos %" PRIu64 " len %" PRIu64, c[0], c[1]);
        }
        return true;
    case IR_OP_extract2:
        return c[0] < bits ? true : bad(e, i, "extract2 pos out of range");
    case IR_OP_setcond:
    case IR_OP_movcond:
    case IR_OP_brcond:
        return c[0] < IR_NB_CONDS ? true : bad(e, i, "bad condition");
    case IR_OP_ld_env:
    case IR_OP_st_env:
        return memop_ok(op, (JitMemOp)c[1], op->opc == IR_OP_ld_env, e, i) &&
               env_range_ok(b, op, e, i);
    case IR_OP_qemu_ld:
    case IR_OP_qemu_st:
        if (c[1] >= JIT_NB_MMU_MODES) {
            return bad(e, i, "mmu index %" PRIu64, c[1]);
        }
        return memop_ok(op, (JitMemOp)c[0], op->opc == IR_OP_qemu_ld, e, i);
    case IR_OP_goto_tb:
        return c[0] <= 1 ? true : bad(e, i, "goto_tb slot %" PRIu64, c[0]);
    case IR_OP_mb:
        return c[0] <= IR_MB_ALL ? true : bad(e, i, "bad mb kind");
    default:
        return true;
    }
}

static bool arity_ok(const IrOp *op, Verr *e, unsigned i)
{
    const IrOpDef *d = &ir_op_defs[op->opc];

    if (op->opc == IR_OP_call) {
        const IrHelper *h = ir_op_helper(op);
        if (op->nconst != 1 || op->nout + op->nin + 1 > IR_MAX_ARGS || !h) {
            return bad(e, i, "malformed call");
        }
        if (h->nargs > IR_HELPER_MAX_ARGS || op->nin != h->nargs ||
            op->nout != (h->ret != IR_VOID) || h->ret == IR_V128 || h->ret > IR_VOID) {
            return bad(e, i, "call to %s does not match its descriptor", h->name);
        }
        for (unsigned a = 0; a < h->nargs; a++) {
            if (h->args[a] > IR_I64) {
                return bad(e, i, "helper %s: argument %u type", h->name, a);
            }
        }
        return true;
    }
    if (op->nout != d->nout || op->nin != d->nin || op->nconst != d->nconst) {
        return bad(e, i, "%s: wrong argument counts", d->name);
    }
    if (!kind_accepts((IrKind)d->kind, op->type)) {
        return bad(e, i, "%s: type %u not accepted", d->name, op->type);
    }
    return true;
}

bool ir_verify(const IrBlock *b, char *err, size_t errlen)
{
    Verr e = { err, errlen };
    uint8_t *defined = calloc(b->nb_temps ? b->nb_temps : 1, 1);
    int8_t *label_state = calloc(b->nb_labels ? b->nb_labels : 1, 1); /* 1 used, 2 set */
    bool ok = false;
    int slots_used = 0;

    if (!defined || !label_state) {
        goto out;
    }
    memset(defined, 1, b->ctx->nb_globals);
    if (b->nb_ops == 0) {
        bad(&e, 0, "empty block");
        goto out;
    }
    for (unsigned i = 0; i < b->nb_ops; i++) {
        const IrOp *op = &b->ops[i];
        unsigned f;

        if (op->opc >= IR_NB_OPS) {
            bad(&e, i, "bad opcode %u", op->opc);
            goto out;
        }
        f = ir_op_defs[op->opc].flags;
        if (!arity_ok(op, &e, i) || !consts_ok(b, op, &e, i)) {
            goto out;
        }
        if (op->sync > b->nb_syncs) {
            bad(&e, i, "bad sync index");
            goto out;
        }
        for (unsigned a = 0; a < op->nout + op->nin; a++) {
            uint64_t t = op->args[a];
            if (t >= b->nb_temps) {
                bad(&e, i, "%s: argument %u is not a temp", ir_op_defs[op->opc].name, a);
                goto out;
            }
            if (b->temp_type[t] != ir_arg_type(b, op, a)) {
                bad(&e, i, "%s: argument %u (t%" PRIu64 ") has type %s, wants %s",
                    ir_op_defs[op->opc].name, a, t, ir_type_names[b->temp_type[t]],
                    ir_type_names[ir_arg_type(b, op, a)]);
                goto out;
            }
            if (a >= op->nout && !defined[t]) {
                bad(&e, i, "t%" PRIu64 " read before any write", t);
                goto out;
            }
        }
        if (op->nout == 2 && op->args[0] == op->args[1]) {
            bad(&e, i, "both outputs are t%" PRIu64, op->args[0]);
            goto out;
        }
        for (unsigned a = 0; a < op->nout; a++) {
            defined[op->args[a]] = 1;
        }
        if (f & (IR_F_BRANCH | IR_F_LABEL)) {
            IrLabel l = ir_op_label(op);
            if (l >= b->nb_labels) {
                bad(&e, i, "bad label L%u", l);
                goto out;
            }
            if (label_state[l] == 2) {
                bad(&e, i, (f & IR_F_LABEL) ? "L%u set twice" : "backward branch to L%u", l);
                goto out;
            }
            label_state[l] = (f & IR_F_LABEL) ? 2 : 1;
        }
        if (op->opc == IR_OP_goto_tb) {
            unsigned slot = (unsigned)op->args[0];
            if (slots_used & (1 << slot)) {
                bad(&e, i, "goto_tb slot %u used twice", slot);
                goto out;
            }
            slots_used |= 1 << slot;
            if (i + 1 >= b->nb_ops || b->ops[i + 1].opc != IR_OP_exit_tb ||
                b->ops[i + 1].args[0] != JIT_EXIT_WORD(JIT_EXIT_CHAIN, slot)) {
                bad(&e, i, "goto_tb not followed by its exit_tb");
                goto out;
            }
        }
        if (op->opc == IR_OP_exit_tb) {
            uint64_t w = op->args[0];
            bool chain_ok = JIT_EXIT_KIND(w) == JIT_EXIT_CHAIN && i > 0 &&
                            b->ops[i - 1].opc == IR_OP_goto_tb &&
                            b->ops[i - 1].args[0] == JIT_EXIT_VALUE(w);
            if (!chain_ok && JIT_EXIT_KIND(w) != JIT_EXIT_CODE) {
                bad(&e, i, "exit_tb word 0x%" PRIx64 " is not CODE nor a goto_tb's CHAIN", w);
                goto out;
            }
        }
    }
    {
        unsigned last = b->nb_ops - 1;
        while (last > 0 && (b->ops[last].opc == IR_OP_nop ||
                            b->ops[last].opc == IR_OP_insn_start)) {
            last--;
        }
        if (!(ir_op_defs[b->ops[last].opc].flags & IR_F_EXIT)) {
            bad(&e, last, "block does not end in an exit");
            goto out;
        }
    }
    for (unsigned l = 0; l < b->nb_labels; l++) {
        if (label_state[l] == 1) {
            bad(&e, b->nb_ops, "branch to L%u which is never set", l);
            goto out;
        }
    }
    ok = true;
out:
    free(defined);
    free(label_state);
    return ok;
}
