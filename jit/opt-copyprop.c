/* Copy propagation (docs/jit.md "Optimizer"). After `mov d, s`, later reads
 * of d read s instead, until either is written again, a helper that writes
 * the state runs (if either is a global), or a label merges paths. The
 * movs themselves are left for DCE, which removes those that became dead.
 * A global copied onto itself (mov G, G) is turned into a nop. */
#include <stdlib.h>

#include "emu/error.h"
#include "jit/opt.h"

#define NONE UINT32_MAX

static void forget(uint32_t *src, unsigned nt, IrTemp d)
{
    src[d] = NONE;
    for (unsigned t = 0; t < nt; t++) {
        if (src[t] == d) {
            src[t] = NONE;
        }
    }
}

static void forget_all(uint32_t *src, unsigned nt)
{
    for (unsigned t = 0; t < nt; t++) {
        src[t] = NONE;
    }
}

bool ir_opt_copyprop(IrBlock *b)
{
    unsigned nt = b->nb_temps, ng = b->ctx->nb_globals;
    uint32_t *src = malloc((nt + 1) * sizeof(uint32_t));
    bool changed = false;

    if (!src) {
        fatal("out of memory");
    }
    forget_all(src, nt);
    for (unsigned i = 0; i < b->nb_ops; i++) {
        IrOp *op = &b->ops[i];

        if (op->opc == IR_OP_set_label) {
            forget_all(src, nt);
            continue;
        }
        for (unsigned a = op->nout; a < op->nout + op->nin; a++) {
            uint32_t s = src[op->args[a]];
            if (s != NONE) {
                op->args[a] = s;
                changed = true;
            }
        }
        if (op->opc == IR_OP_mov && op->args[0] == op->args[1]) {
            op->opc = IR_OP_nop;
            op->nout = op->nin = 0;
            changed = true;
            continue;
        }
        if (op->opc == IR_OP_call && (ir_op_helper(op)->flags & IR_HF_WRITES)) {
            for (unsigned t = 0; t < nt; t++) {
                if (t < ng || (src[t] != NONE && src[t] < ng)) {
                    src[t] = NONE;
                }
            }
        }
        for (unsigned a = 0; a < op->nout; a++) {
            forget(src, nt, (IrTemp)op->args[a]);
        }
        if (op->opc == IR_OP_mov) {
            src[op->args[0]] = (uint32_t)op->args[1];
        }
    }
    free(src);
    return changed;
}
