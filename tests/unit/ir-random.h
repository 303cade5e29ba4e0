/* Random IR generator and differential runner. A block is generated from a
 * seed over the ir-fixture context (globals, RAM, MMIO, unmapped space),
 * then run by two executors on identical initial states; exit word, guest
 * state, RAM and fault/MMIO records must match. Today the executors are
 * "interpreter, unoptimized" vs "interpreter, optimized"; a native backend
 * plugs in as one more IrExecutor. */
#ifndef TESTS_UNIT_IR_RANDOM_H
#define TESTS_UNIT_IR_RANDOM_H

#include <stdint.h>

#include "tests/unit/ir-fixture.h"

typedef struct IrExecutor {
    const char *name;
    /* Take ownership of a fresh clone of the block (may optimize it) and
     * return a runnable handle. */
    void *(*prepare)(void *opaque, IrBlock *b);
    /* Run once; may longjmp out through cpu->jmpbuf on a guest fault. */
    uint64_t (*exec)(void *handle, JitCpu *cpu);
    void (*release)(void *handle);
    void *opaque;
} IrExecutor;

extern const IrExecutor ir_exec_interp;       /* as built */
extern const IrExecutor ir_exec_interp_opt;   /* after ir_optimize(IR_PASS_ALL) */
/* optimized, globals cached in frame slots and written back only at the
 * sync points opt-globals chose (what a native backend will do) */
extern const IrExecutor ir_exec_interp_shadow;

/* Build one random valid block over the fixture context. */
IrBlock *ir_random_block(const Fx *fx, uint64_t seed);

/* Run count blocks (seeds derived from seed) through a and b. Returns the
 * number of mismatching blocks; the first is reported on stderr with its
 * seed and dump. */
unsigned ir_random_compare(uint64_t seed, unsigned count, const IrExecutor *a,
                           const IrExecutor *b);

#endif
