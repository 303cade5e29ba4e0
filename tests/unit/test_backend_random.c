/* Differential fuzzing of the native backend: random IR blocks from the
 * generator in ir-random.c run in the interpreter and natively (as built
 * and after the optimizer) must agree on the exit, the state, memory and
 * faults. JIT_FUZZ_SEED / JIT_FUZZ_BLOCKS select a longer soak
 * (`make soak` runs this file's tests with a large count). */
#include "tests/unit/test.h"
#include "tests/unit/ir-random.h"
#include "tests/unit/native-fixture.h"

#include <stdlib.h>

static Nx nx;

static void params(uint64_t *s, unsigned *n)
{
    const char *seed = getenv("JIT_FUZZ_SEED"), *count = getenv("JIT_FUZZ_BLOCKS");
    *s = seed ? strtoull(seed, NULL, 0) : 20261123;
    *n = count ? (unsigned)strtoul(count, NULL, 0) : 2000;
}

static void *native_prep(void *opaque, IrBlock *b)
{
    TB *tb;
    if (opaque) {
        ir_optimize(b, IR_PASS_ALL, true);
    }
    tb = jit_backend_translate(nx.be, b, b->guest_pc, b->guest_pc, 0, 1, 4);
    ir_block_free(b);
    return tb;
}

static uint64_t native_ex(void *h, JitCpu *cpu)
{
    cpu->insn_budget = 100;
    return jit_backend_exec(nx.be, h, cpu, NULL);
}

/* TBs live in the arena until the next flush */
static void native_rel(void *h) { (void)h; }

static const IrExecutor exec_native = { "native", native_prep, native_ex, native_rel, NULL };
static const IrExecutor exec_native_opt = { "native+opt", native_prep, native_ex, native_rel,
                                            (void *)1 };

TEST(native_equals_interpreter)
{
    uint64_t s;
    unsigned n;

    params(&s, &n);
    nx_init(&nx, 8 << 20);
    CHECK_EQ(ir_random_compare(s, n, &ir_exec_interp, &exec_native), 0);
    nx_fini(&nx);
}

TEST(optimized_native_equals_interpreter)
{
    uint64_t s;
    unsigned n;

    params(&s, &n);
    nx_init(&nx, 8 << 20);
    CHECK_EQ(ir_random_compare(s ^ 0xabcdef, n, &ir_exec_interp, &exec_native_opt), 0);
    nx_fini(&nx);
}

/* Without the optional host instructions (LZCNT, TZCNT, POPCNT, BMI2). */
TEST(native_without_host_features_equals_interpreter)
{
    uint64_t s;
    unsigned n;

    params(&s, &n);
    x86_host_detect();
    x86_host.lzcnt = x86_host.bmi1 = x86_host.bmi2 = x86_host.popcnt = false;
    nx_init(&nx, 8 << 20);
    CHECK_EQ(ir_random_compare(s ^ 0x1234, n / 2, &ir_exec_interp_opt, &exec_native_opt), 0);
    nx_fini(&nx);
}
