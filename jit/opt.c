/* The optimizer pipeline. Order: copy propagation exposes constants and
 * same-operand identities, constant folding turns them into movi / folded
 * branches, a second copy propagation + fold round catches what folding
 * exposed, DCE removes what became dead (including dead global writes),
 * then sync placement and the final liveness annotation the register
 * allocator consumes. */
#include "jit/opt.h"

#include "emu/error.h"

static void check(IrBlock *b, bool verify, const char *pass)
{
    char err[256];

    if (verify && !ir_verify(b, err, sizeof err)) {
        ir_dump(b, stderr);
        fatal("jit: IR invalid after %s: %s", pass, err);
    }
}

void ir_optimize(IrBlock *b, unsigned passes, bool verify)
{
    for (int round = 0; round < 2; round++) {
        if (passes & IR_PASS_COPYPROP) {
            ir_opt_copyprop(b);
            check(b, verify, "copyprop");
        }
        if (passes & IR_PASS_CONSTFOLD) {
            ir_opt_constfold(b);
            check(b, verify, "constfold");
        }
    }
    if (passes & IR_PASS_DCE) {
        ir_opt_dce(b);
        check(b, verify, "dce");
    }
    ir_block_compact(b);
    if (passes & IR_PASS_GLOBALS) {
        ir_opt_globals(b);
        check(b, verify, "globals");
        ir_block_compact(b);
    }
    ir_liveness(b, false);
    check(b, verify, "liveness");
}
