/* Global sync placement (docs/jit.md "Globals and sync points").
 *
 * Globals are used directly as operands (as in TCG), so there are no IR
 * loads/stores of globals to forward: a backend keeps each global in a host
 * register from its first use and writes it back only where the state must
 * be precise. This pass decides those points. A forward pass tracks which
 * globals may be dirty (written since their last write-back, on any path)
 * and records that set on:
 *   - goto_tb / exit_tb / lookup_and_goto_ptr (the state leaves the block),
 *   - helper calls that read, write or may raise (all dirty globals are
 *     written back before; after a writing helper, globals are reloaded),
 *   - qemu_ld/qemu_st: written back on the slow path only; the fast path
 *     keeps them dirty, so the set stays dirty afterwards.
 * Removing redundant writes of a global (one overwritten before any
 * observation point) is liveness' job (opt-dce.c); this pass also drops
 * self-moves of globals left by copy propagation. */
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "jit/opt.h"

static void gset_or(IrGlobalSet *d, const IrGlobalSet *s)
{
    for (unsigned w = 0; w < IR_MAX_GLOBALS / 64; w++) {
        d->w[w] |= s->w[w];
    }
}

static bool gset_empty(const IrGlobalSet *s)
{
    for (unsigned w = 0; w < IR_MAX_GLOBALS / 64; w++) {
        if (s->w[w]) {
            return false;
        }
    }
    return true;
}

static void record(IrBlock *b, IrOp *op, const IrGlobalSet *s)
{
    op->sync = 0;
    if (gset_empty(s)) {
        return;
    }
    b->syncs = realloc(b->syncs, (b->nb_syncs + 1) * sizeof(IrGlobalSet));
    if (!b->syncs) {
        fatal("out of memory");
    }
    b->syncs[b->nb_syncs++] = *s;
    op->sync = b->nb_syncs;
}

bool ir_opt_globals(IrBlock *b)
{
    IrGlobalSet dirty = { { 0 } };
    IrGlobalSet *at_label = calloc(b->nb_labels + 1, sizeof(IrGlobalSet));
    unsigned ng = b->ctx->nb_globals;
    bool changed = false;

    if (!at_label) {
        fatal("out of memory");
    }
    free(b->syncs);
    b->syncs = NULL;
    b->nb_syncs = 0;
    for (unsigned i = 0; i < b->nb_ops; i++) {
        IrOp *op = &b->ops[i];
        unsigned flags = ir_op_flags(op);

        op->sync = 0;
        if (op->opc == IR_OP_mov && op->args[0] == op->args[1]) {
            op->opc = IR_OP_nop;
            op->nout = op->nin = 0;
            changed = true;
            continue;
        }
        if (op->opc == IR_OP_set_label) {
            gset_or(&dirty, &at_label[ir_op_label(op)]);
            continue;
        }
        if (flags & IR_F_BRANCH) {
            gset_or(&at_label[ir_op_label(op)], &dirty);
        }
        if (op->opc == IR_OP_goto_tb || (flags & IR_F_EXIT) ||
            (op->opc == IR_OP_call && ir_op_helper(op)->flags != IR_HF_PURE)) {
            record(b, op, &dirty);
            memset(&dirty, 0, sizeof dirty);
        } else if (flags & IR_F_GMEM) {
            record(b, op, &dirty);
        }
        for (unsigned a = 0; a < op->nout; a++) {
            if (op->args[a] < ng) {
                ir_gset_add(&dirty, (unsigned)op->args[a]);
            }
        }
        if (flags & IR_F_NOFALL) {
            memset(&dirty, 0, sizeof dirty);   /* the next op is reached only by a label */
        }
    }
    free(at_label);
    return changed;
}
