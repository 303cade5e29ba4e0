/* Differential fuzzing of the optimizer: thousands of random blocks run
 * unoptimized and optimized in the interpreter must agree on the exit,
 * the state, memory and faults. JIT_FUZZ_SEED / JIT_FUZZ_BLOCKS override
 * the seed and the count for longer soaks. */
#include "tests/unit/test.h"
#include "tests/unit/ir-random.h"

#include <stdlib.h>

static void fuzz_params(uint64_t *s, unsigned *n)
{
    const char *seed = getenv("JIT_FUZZ_SEED"), *count = getenv("JIT_FUZZ_BLOCKS");
    *s = seed ? strtoull(seed, NULL, 0) : 20261122;
    *n = count ? (unsigned)strtoul(count, NULL, 0) : 1500;
}

TEST(optimized_equals_unoptimized)
{
    uint64_t s;
    unsigned n;

    fuzz_params(&s, &n);
    CHECK_EQ(ir_random_compare(s, n, &ir_exec_interp, &ir_exec_interp_opt), 0);
}

/* The sync points opt-globals chose are enough: with globals cached like
 * host registers, exits, helpers and faults still see the precise state. */
TEST(sync_points_keep_state_precise)
{
    uint64_t s;
    unsigned n;

    fuzz_params(&s, &n);
    CHECK_EQ(ir_random_compare(s ^ 0x5555, n, &ir_exec_interp, &ir_exec_interp_shadow), 0);
}

TEST(generator_is_deterministic_and_varied)
{
    Fx fx;
    IrBlock *a, *b, *c;

    fx_init(&fx);
    a = ir_random_block(&fx, 5);
    b = ir_random_block(&fx, 5);
    c = ir_random_block(&fx, 6);
    CHECK_EQ(a->nb_ops, b->nb_ops);
    CHECK(memcmp(a->ops, b->ops, a->nb_ops * sizeof(IrOp)) == 0);
    CHECK(c->nb_ops != a->nb_ops || memcmp(a->ops, c->ops, a->nb_ops * sizeof(IrOp)) != 0);
    ir_block_free(a);
    ir_block_free(b);
    ir_block_free(c);
}
