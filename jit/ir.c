/* IR containers and the builder: the op table generated from ir-ops.h,
 * contexts with their globals, blocks with temps, labels and ops. */
#include "jit/ir.h"

#include <stdlib.h>
#include <string.h>

#include "emu/error.h"

const IrOpDef ir_op_defs[IR_NB_OPS] = {
#define IR_OP(n, o, i, c, k, f) [IR_OP_##n] = { #n, o, i, c, IR_KIND_##k, f },
#include "jit/ir-ops.h"
#undef IR_OP
};

const char *const ir_cond_names[IR_NB_CONDS] = {
    "eq", "ne", "lt", "le", "gt", "ge", "ltu", "leu", "gtu", "geu", "tsteq", "tstne",
};

const char *const ir_type_names[IR_NB_TYPES + 1] = { "i32", "i64", "v128", "void" };

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fatal("out of memory");
    }
    return p;
}

void ir_context_init(IrContext *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->pc_global = -1;
}

IrTemp ir_global_new(IrContext *ctx, IrType type, uint32_t offset, const char *name)
{
    unsigned size = type == IR_I32 ? 4 : type == IR_I64 ? 8 : 16;

    /* Programming errors in the front end's set-up, not guest behaviour. */
    if (ctx->nb_globals >= IR_MAX_GLOBALS) {
        fatal("jit: too many IR globals (max %d)", IR_MAX_GLOBALS);
    }
    if (type > IR_V128 || offset % size) {
        fatal("jit: global %s: bad type or misaligned offset %u", name, offset);
    }
    ctx->globals[ctx->nb_globals] = (IrGlobal){ name, offset, (uint8_t)type };
    return ctx->nb_globals++;
}

IrBlock *ir_block_new(const IrContext *ctx)
{
    IrBlock *b = xrealloc(NULL, sizeof *b);

    memset(b, 0, sizeof *b);
    b->ctx = ctx;
    b->cap_temps = ctx->nb_globals + 64;
    b->temp_type = xrealloc(NULL, b->cap_temps);
    for (unsigned i = 0; i < ctx->nb_globals; i++) {
        b->temp_type[i] = ctx->globals[i].type;
    }
    b->nb_temps = ctx->nb_globals;
    b->cap_ops = 64;
    b->ops = xrealloc(NULL, b->cap_ops * sizeof(IrOp));
    return b;
}

void ir_block_free(IrBlock *b)
{
    if (b) {
        free(b->ops);
        free(b->temp_type);
        free(b->syncs);
        free(b);
    }
}

IrBlock *ir_block_clone(const IrBlock *b)
{
    IrBlock *c = xrealloc(NULL, sizeof *c);

    *c = *b;
    c->ops = xrealloc(NULL, b->cap_ops * sizeof(IrOp));
    memcpy(c->ops, b->ops, b->nb_ops * sizeof(IrOp));
    c->temp_type = xrealloc(NULL, b->cap_temps);
    memcpy(c->temp_type, b->temp_type, b->nb_temps);
    c->syncs = NULL;
    if (b->nb_syncs) {
        c->syncs = xrealloc(NULL, b->nb_syncs * sizeof(IrGlobalSet));
        memcpy(c->syncs, b->syncs, b->nb_syncs * sizeof(IrGlobalSet));
    }
    return c;
}

IrTemp ir_temp_new(IrBlock *b, IrType type)
{
    if (b->nb_temps == b->cap_temps) {
        b->cap_temps *= 2;
        b->temp_type = xrealloc(b->temp_type, b->cap_temps);
    }
    b->temp_type[b->nb_temps] = (uint8_t)type;
    return b->nb_temps++;
}

IrLabel ir_label_new(IrBlock *b)
{
    return b->nb_labels++;
}

IrTemp ir_const(IrBlock *b, IrType t, uint64_t v)
{
    IrTemp d = ir_temp_new(b, t);
    ir_movi(b, t, d, v);
    return d;
}

static IrOp *ir_alloc_op(IrBlock *b)
{
    if (b->nb_ops == b->cap_ops) {
        b->cap_ops *= 2;
        b->ops = xrealloc(b->ops, b->cap_ops * sizeof(IrOp));
    }
    IrOp *op = &b->ops[b->nb_ops++];
    memset(op, 0, sizeof *op);
    return op;
}

IrOp *ir_emit(IrBlock *b, IrOpc opc, IrType type, const uint64_t *args)
{
    const IrOpDef *d = &ir_op_defs[opc];
    IrOp *op = ir_alloc_op(b);
    unsigned n = d->nout + d->nin + d->nconst;

    op->opc = opc;
    op->type = type;
    op->nout = d->nout;
    op->nin = d->nin;
    op->nconst = d->nconst;
    memcpy(op->args, args, n * sizeof(uint64_t));
    return op;
}

void ir_goto_tb(IrBlock *b, unsigned slot)
{
    IR_EMIT(b, IR_OP_goto_tb, IR_I64, slot);
    IR_EMIT(b, IR_OP_exit_tb, IR_I64, JIT_EXIT_WORD(JIT_EXIT_CHAIN, slot));
}

void ir_call(IrBlock *b, const IrHelper *h, IrTemp ret, const IrTemp *args)
{
    IrOp *op = ir_alloc_op(b);
    unsigned n = 0;

    op->opc = IR_OP_call;
    op->type = IR_I64;
    op->nout = h->ret != IR_VOID;
    op->nin = h->nargs;
    op->nconst = 1;
    if (op->nout) {
        op->args[n++] = ret;
    }
    for (unsigned i = 0; i < h->nargs && i < IR_HELPER_MAX_ARGS; i++) {
        op->args[n++] = args[i];
    }
    op->args[n] = (uintptr_t)h;
}

IrType ir_arg_type(const IrBlock *b, const IrOp *op, unsigned i)
{
    switch (op->opc) {
    case IR_OP_qemu_ld:
        return i == 1 ? IR_I64 : (IrType)op->type;
    case IR_OP_qemu_st:
        return i == 0 ? IR_I64 : (IrType)op->type;
    case IR_OP_ext_i32_i64:
    case IR_OP_extu_i32_i64:
        return i == 0 ? IR_I64 : IR_I32;
    case IR_OP_extrl_i64_i32:
    case IR_OP_extrh_i64_i32:
        return i == 0 ? IR_I32 : IR_I64;
    case IR_OP_call: {
        const IrHelper *h = ir_op_helper(op);
        if (i < op->nout) {
            return (IrType)h->ret;
        }
        return (IrType)h->args[i - op->nout];
    }
    default:
        return (IrType)op->type;
    }
}

unsigned ir_op_flags(const IrOp *op)
{
    unsigned f = ir_op_defs[op->opc].flags;

    if (op->opc == IR_OP_call) {
        const IrHelper *h = ir_op_helper(op);
        if (h->flags != IR_HF_PURE) {
            f |= IR_F_SIDE;
        }
        if (h->flags & IR_HF_RAISES) {
            f |= IR_F_RAISES;
        }
    }
    return f;
}

void ir_block_compact(IrBlock *b)
{
    unsigned j = 0;

    for (unsigned i = 0; i < b->nb_ops; i++) {
        if (b->ops[i].opc != IR_OP_nop) {
            b->ops[j++] = b->ops[i];
        }
    }
    b->nb_ops = j;
}
