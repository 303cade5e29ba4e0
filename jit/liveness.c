/* Backward liveness over temps and globals (docs/jit.md "Liveness").
 * Branches are forward-only (verifier), so one reverse pass is exact: when
 * the pass meets a branch, the live set at its label is already known.
 * Observation points make every global live: block exits (the next block
 * or the dispatcher reads the state), helpers that read state, and ops
 * that may raise (the exception handler sees the state). Temps never
 * outlive the block. */
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "jit/opt.h"

static bool observes_globals(const IrOp *op, unsigned flags)
{
    if (flags & (IR_F_EXIT | IR_F_RAISES)) {
        return true;
    }
    return op->opc == IR_OP_call && (ir_op_helper(op)->flags & IR_HF_READS);
}

unsigned ir_liveness(IrBlock *b, bool remove_dead)
{
    unsigned nt = b->nb_temps, ng = b->ctx->nb_globals, removed = 0;
    uint8_t *live = calloc(nt + 1, 1);
    uint8_t *label_live = calloc((size_t)(b->nb_labels + 1) * (nt + 1), 1);

    if (!live || !label_live) {
        fatal("out of memory");
    }
    for (unsigned i = b->nb_ops; i-- > 0;) {
        IrOp *op = &b->ops[i];
        unsigned flags = ir_op_flags(op), nio = op->nout + op->nin;
        bool all_dead = op->nout > 0;

        op->dead = 0;
        if (op->opc == IR_OP_nop) {
            continue;
        }
        if (op->opc == IR_OP_set_label) {
            memcpy(label_live + (size_t)ir_op_label(op) * nt, live, nt);
            continue;
        }
        if (op->opc == IR_OP_br) {
            memcpy(live, label_live + (size_t)ir_op_label(op) * nt, nt);
            continue;
        }
        if (flags & IR_F_EXIT) {
            memset(live, 0, nt);
        }
        if (op->opc == IR_OP_brcond) {
            const uint8_t *l = label_live + (size_t)ir_op_label(op) * nt;
            for (unsigned t = 0; t < nt; t++) {
                live[t] |= l[t];
            }
        }
        for (unsigned a = 0; a < op->nout; a++) {
            if (live[op->args[a]]) {
                all_dead = false;
            }
        }
        if (all_dead && !(flags & IR_F_SIDE) && remove_dead) {
            op->opc = IR_OP_nop;
            op->nout = op->nin = op->nconst = 0;
            op->sync = 0;
            removed++;
            continue;
        }
        for (unsigned a = 0; a < op->nout; a++) {
            if (!live[op->args[a]]) {
                op->dead |= 1u << a;
            }
            live[op->args[a]] = 0;
        }
        if (observes_globals(op, flags)) {
            memset(live, 1, ng);
        }
        for (unsigned a = op->nout; a < nio; a++) {
            if (!live[op->args[a]]) {
                op->dead |= 1u << a;
            }
        }
        for (unsigned a = op->nout; a < nio; a++) {
            live[op->args[a]] = 1;
        }
    }
    free(live);
    free(label_live);
    return removed;
}
