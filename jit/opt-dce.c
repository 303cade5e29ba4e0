/* Dead-code elimination (docs/jit.md "Optimizer"): labels nobody branches
 * to are dropped, ops after an unconditional control transfer up to the
 * next label are unreachable, and every side-effect-free op whose results
 * are dead by liveness goes. Because globals are dead when overwritten
 * before any observation point (exit, state-reading helper, may-raise op),
 * flag computations nobody reads cost nothing. */
#include <stdlib.h>

#include "emu/error.h"
#include "jit/opt.h"

static void kill(IrOp *op)
{
    op->opc = IR_OP_nop;
    op->nout = op->nin = op->nconst = 0;
    op->sync = 0;
}

/* One structural sweep; returns true if it changed anything. */
static bool sweep(IrBlock *b)
{
    unsigned *refs = calloc(b->nb_labels + 1, sizeof(unsigned));
    bool changed = false, reachable = true;

    if (!refs) {
        fatal("out of memory");
    }
    for (unsigned i = 0; i < b->nb_ops; i++) {
        if (ir_op_defs[b->ops[i].opc].flags & IR_F_BRANCH) {
            refs[ir_op_label(&b->ops[i])]++;
        }
    }
    for (unsigned i = 0; i < b->nb_ops; i++) {
        IrOp *op = &b->ops[i];
        unsigned flags = ir_op_defs[op->opc].flags;

        if (op->opc == IR_OP_nop) {
            continue;
        }
        if (flags & IR_F_LABEL) {
            if (refs[ir_op_label(op)] == 0) {
                kill(op);
                changed = true;
                continue;
            }
            reachable = true;
            continue;
        }
        /* insn_start defines the guest PC of the ops after it in op order
         * (docs/jit.md), reachable or not: markers stay. */
        if (!reachable && op->opc != IR_OP_insn_start) {
            if (flags & IR_F_BRANCH) {
                refs[ir_op_label(op)]--;
            }
            kill(op);
            changed = true;
            continue;
        }
        /* A jump to the very next live op is a fall-through. */
        if (op->opc == IR_OP_br) {
            unsigned j = i + 1;
            while (j < b->nb_ops && b->ops[j].opc == IR_OP_nop) {
                j++;
            }
            if (j < b->nb_ops && b->ops[j].opc == IR_OP_set_label &&
                ir_op_label(&b->ops[j]) == ir_op_label(op)) {
                refs[ir_op_label(op)]--;
                kill(op);
                changed = true;
                continue;
            }
        }
        if (flags & IR_F_NOFALL) {
            reachable = false;
        }
    }
    /* Labels whose last reference was just removed. */
    for (unsigned i = 0; i < b->nb_ops; i++) {
        if (b->ops[i].opc == IR_OP_set_label && refs[ir_op_label(&b->ops[i])] == 0) {
            kill(&b->ops[i]);
            changed = true;
        }
    }
    free(refs);
    return changed;
}

bool ir_opt_dce(IrBlock *b)
{
    bool changed = false;

    /* Removing unreachable ops can turn a br into a jump to the next
     * label, which frees that label: repeat until stable. */
    while (sweep(b)) {
        changed = true;
    }
    if (ir_liveness(b, true)) {
        changed = true;
    }
    return changed;
}
