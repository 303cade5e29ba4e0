/* Differential tests of the A64 branches and the EL0-visible system
 * register moves against Unicorn (tests/unit/diff_unicorn.h). Branch
 * encodings are random except for the offset, forced to +8 so that a taken
 * branch skips the marker instruction after it: the code is
 *     <branch> ; add x0, x0, #1 ; add x1, x1, #2
 * and x0 tells whether it was taken (BL/BLR also leave X30). BR/BLR/RET
 * get their target (the third instruction) in Rn. The system class runs
 * msr nzcv, Xa ; mrs Xb, nzcv and the TPIDR_EL0 pair with random Xa/Xb.
 *
 * make check: DIFF_BR_ITERS runs per class and backend (6 classes x 2
 * backends x 2000 runs of 2 or 3 instructions: about 60,000 instructions);
 * ARMLET_DIFF_ITERS=N sets the runs per class (soak), ARMLET_DIFF_SEED=S
 * the seed. */
#include "tests/unit/test.h"

#include <stdlib.h>

#include "tests/unit/arm_harness.h"
#include "tests/unit/diff_unicorn.h"

#define DIFF_BR_ITERS 2000

#define ADD_X0_1 0x91000400u    /* add x0, x0, #1 */
#define ADD_X1_2 0x91000821u    /* add x1, x1, #2 */

typedef struct BranchClass {
    const char *name;
    const char *const *handlers;
    uint32_t fix_mask, fix_value;   /* the offset field = +8 */
    bool reg_target;                /* Rn (bits 9:5) holds the target */
} BranchClass;

#define H(...) (const char *const[]){ __VA_ARGS__, NULL }

static const BranchClass classes[] = {
    { "b", H("B", "BL"), 0x03ffffffu, 2, false },
    { "bcond", H("B_cond"), 0x7ffffu << 5, 2u << 5, false },
    { "cbz", H("CBZ", "CBNZ"), 0x7ffffu << 5, 2u << 5, false },
    { "tbz", H("TBZ", "TBNZ"), 0x3fffu << 5, 2u << 5, false },
    { "br", H("BR", "BLR", "RET"), 0, 0, true },
};

/* Unicorn 2.0.1 does not drop its translations when code is rewritten
 * with uc_mem_write (it would run the previous test's branch), so every
 * run gets fresh code addresses: 16-byte slots below the vectors, used in
 * turn (a soak long enough to wrap around may see stale Unicorn code
 * unless the harness removes Unicorn's cache, uc_ctl_remove_cache). */
static uint64_t next_code_addr(void)
{
    static uint64_t slot;
    uint64_t nslots = (HARNESS_VBAR - HARNESS_CODE) / 16 - 1;

    return HARNESS_CODE + 16 * (slot++ % nslots);
}

static uint64_t seed_base(void)
{
    const char *e = getenv("ARMLET_DIFF_SEED");
    return e ? strtoull(e, NULL, 0) : 0xb4a9c4ull;
}

static void run_branches(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned iters = diff_iters("ARMLET_DIFF_ITERS", DIFF_BR_ITERS), bad = 0;

    for (unsigned c = 0; c < sizeof classes / sizeof classes[0]; c++) {
        const BranchClass *bc = &classes[c];
        DiffClass cls;
        DiffRng r;

        diff_class_init(&cls, bc->name, bc->handlers);
        diff_rng_seed(&r, seed_base() ^ (salt << 32) ^ ((uint64_t)c << 16));
        for (unsigned i = 0; i < iters; i++) {
            uint32_t code[3] = { 0, ADD_X0_1, ADD_X1_2 };
            DiffState st;

            CHECK(diff_class_random(&cls, &r, bc->fix_mask, bc->fix_value, &code[0]));
            diff_random_state(&r, &st);
            uint64_t addr = next_code_addr();
            if (bc->reg_target) {
                unsigned rn = (code[0] >> 5) & 31;
                if (rn == 31) {
                    continue;            /* XZR: a jump to 0 */
                }
                st.x[rn] = addr + 8;
            }
            diff_set_code_addr(d, addr);
            if (!diff_run(d, code, 3, &st)) {
                bad++;
            }
            if (diff_last(d)->armlet_outcome != DIFF_DONE) {
                bad++;
            }
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

/* msr nzcv, Xa ; mrs Xb, nzcv  and  msr tpidr_el0, Xa ; mrs Xb, tpidr_el0 */
static void run_sysreg_moves(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned iters = diff_iters("ARMLET_DIFF_ITERS", DIFF_BR_ITERS), bad = 0;
    DiffRng r;

    diff_rng_seed(&r, seed_base() ^ (salt << 32) ^ 0x5e5);
    for (unsigned i = 0; i < iters; i++) {
        unsigned ra = (unsigned)diff_rng_below(&r, 32), rb = (unsigned)diff_rng_below(&r, 32);
        bool tpidr = diff_rng_below(&r, 2);
        uint32_t code[2] = {
            (tpidr ? 0xd51bd040u : 0xd51b4200u) | ra,    /* msr nzcv|tpidr_el0, Xa */
            (tpidr ? 0xd53bd040u : 0xd53b4200u) | rb,    /* mrs Xb, nzcv|tpidr_el0 */
        };
        DiffState st;

        diff_random_state(&r, &st);
        diff_set_code_addr(d, next_code_addr());
        if (!diff_run(d, code, 2, &st) || diff_last(d)->armlet_outcome != DIFF_DONE) {
            bad++;
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(branches_interp)
{
    run_branches(JIT_INTERP, 1);
}

TEST(branches_native)
{
    run_branches(JIT_NATIVE, 2);
}

TEST(sysreg_moves_interp)
{
    run_sysreg_moves(JIT_INTERP, 3);
}

TEST(sysreg_moves_native)
{
    run_sysreg_moves(JIT_NATIVE, 4);
}
