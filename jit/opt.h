/* IR optimizer passes, one file each. Each takes a verified block and
 * leaves it verified (deleted ops become nops until ir_block_compact).
 * Ordering and rationale: docs/jit.md "Optimizer". */
#ifndef JIT_OPT_H
#define JIT_OPT_H

#include <stdbool.h>

#include "jit/ir.h"

/* Constant folding and propagation, branch folding, algebraic identities.
 * Returns true if anything changed. */
bool ir_opt_constfold(IrBlock *b);
/* Copy propagation: uses of a mov's destination read its source instead. */
bool ir_opt_copyprop(IrBlock *b);
/* Liveness-driven dead-code elimination; also drops unreferenced labels
 * and unreachable ops. */
bool ir_opt_dce(IrBlock *b);
/* Global sync placement: which dirty globals each observation point must
 * write back (IrOp.sync); drops self-moves of globals. */
bool ir_opt_globals(IrBlock *b);

/* Backward liveness over temps and globals: fills IrOp.dead. With
 * remove_dead, side-effect-free ops whose outputs are all dead become nops
 * (one pass removes whole dead chains). Returns the number removed. */
unsigned ir_liveness(IrBlock *b, bool remove_dead);

enum {
    IR_PASS_CONSTFOLD = 1,
    IR_PASS_COPYPROP = 2,
    IR_PASS_DCE = 4,
    IR_PASS_GLOBALS = 8,
    IR_PASS_ALL = 15,
};

/* The standard pipeline over the selected passes; ends with compaction
 * and liveness annotation. With verify, runs ir_verify after every pass
 * and calls fatal() naming the pass that broke the block. */
void ir_optimize(IrBlock *b, unsigned passes, bool verify);

#endif
