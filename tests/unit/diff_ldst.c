/* Shared pieces of the load/store differential tests (diff_ldst.h). */
#include "tests/unit/diff_ldst.h"

#include <stdio.h>
#include <string.h>

#include "tests/unit/arm_harness.h"
#include "tests/unit/test.h"

int64_t diff_sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

bool diff_name_in(const char *name, const char *const *list)
{
    for (; *list; list++) {
        if (strcmp(name, *list) == 0) {
            return true;
        }
    }
    return false;
}

unsigned diff_check_done(DiffCtx *d, const char *cls, const uint32_t *insns, unsigned n)
{
    if (diff_last(d)->armlet_outcome != DIFF_DONE) {
        fprintf(stderr, "  %s: %08x%s did not complete\n", cls, insns[0], n > 1 ? "..." : "");
        return 1;
    }
    return 0;
}

unsigned diff_run_plain(DiffCtx *d, const DiffLdstClass *def,
                        void (*state)(DiffRng *r, DiffState *st),
                        bool (*aim)(DiffCtx *d, DiffRng *r, uint32_t insn, DiffState *st),
                        unsigned iters, uint64_t seed)
{
    DiffClass cls;
    DiffRng r;
    unsigned bad = 0;

    diff_class_init(&cls, def->name, def->handlers);
    diff_rng_seed(&r, seed);
    diff_set_code_addr(d, HARNESS_CODE);
    for (unsigned i = 0; i < iters; i++) {
        DiffState st;
        uint32_t insn;

        CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
        state(&r, &st);
        if (!aim(d, &r, insn, &st)) {
            i--;
            continue;
        }
        bad += !diff_run(d, &insn, 1, &st);
        bad += diff_check_done(d, def->name, &insn, 1);
    }
    return bad;
}

unsigned diff_run_literal(DiffCtx *d, const char *name, const char *const *handlers,
                          unsigned (*align)(uint32_t insn),
                          void (*state)(DiffRng *r, DiffState *st), unsigned iters,
                          uint64_t seed)
{
    DiffClass cls;
    DiffRng r;
    unsigned bad = 0;

    diff_class_init(&cls, name, handlers);
    diff_rng_seed(&r, seed);
    diff_mem_fill_random(d, &r, LIT_POOL, LIT_SIZE);
    diff_unwatch_all(d);
    for (unsigned i = 0; i < iters; i++) {
        DiffState st;
        uint32_t insn;
        uint64_t code = diff_random_pointer(&r, HARNESS_CODE, LIT_CODE_SPAN, 4);
        uint64_t target;

        CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
        target = diff_random_pointer(&r, LIT_POOL, LIT_SIZE - 16, align(insn));
        insn = (insn & ~(0x7ffffu << 5)) | (uint32_t)(((target - code) >> 2) & 0x7ffff) << 5;
        state(&r, &st);
        diff_set_code_addr(d, code);
        bad += !diff_run(d, &insn, 1, &st);
        bad += diff_check_done(d, name, &insn, 1);
    }
    diff_set_code_addr(d, HARNESS_CODE);
    return bad;
}
