/* Differential tests of the Cryptographic Extension (a64-crypto.decode:
 * AES, SHA-1, SHA-256) against Unicorn (whose "max" CPU implements them),
 * on both backends: random encodings of every entry from random vector
 * registers, single instructions and short chains (AESE+AESMC rounds,
 * SHA update/hash pairs) where each result feeds the next instruction. */
#include "tests/unit/test.h"

#include <stdlib.h>

#include "tests/unit/arm_harness.h"
#include "tests/unit/diff_unicorn.h"

/* 2 x (1500 singles + 500 chains of 2-6) x 2 backends. */
#define DIFF_CRYPTO_ITERS 1500

static const char *const crypto_handlers[] = {
    "AESE", "AESD", "AESMC", "AESIMC", "SHA1C", "SHA1P", "SHA1M", "SHA1SU0",
    "SHA256H", "SHA256H2", "SHA256SU1", "SHA1H", "SHA1SU1", "SHA256SU0", NULL,
};

static uint64_t seed_base(void)
{
    const char *e = getenv("ARMLET_DIFF_SEED");
    return e ? strtoull(e, NULL, 0) : 0xc7f0ull;
}

static void random_vectors(DiffRng *r, DiffState *st)
{
    diff_random_state(r, st);
    for (int i = 0; i < 32; i++) {
        if (diff_rng_below(r, 8)) {
            st->v[i][0] = diff_rng64(r);
            st->v[i][1] = diff_rng64(r);
        }
    }
}

static void run_all(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned iters = diff_iters("ARMLET_DIFF_ITERS", DIFF_CRYPTO_ITERS), bad = 0;
    DiffClass cls;
    DiffRng r;

    diff_class_init(&cls, "crypto", crypto_handlers);
    diff_rng_seed(&r, seed_base() ^ (salt << 32));
    for (unsigned i = 0; i < iters + iters / 3; i++) {
        uint32_t code[6];
        unsigned n = i < iters ? 1 : 2 + (unsigned)diff_rng_below(&r, 5);
        DiffState st;

        /* chains: registers from v0-v3 so results are reused */
        for (unsigned k = 0; k < n; k++) {
            CHECK(diff_class_random(&cls, &r, 0, 0, &code[k]));
            if (n > 1) {
                /* Rn, Rd, and Rm of the three-register forms (bit 21 = 0;
                 * the others have opcode bits there) */
                code[k] &= ~((0x1cu << 5) | 0x1cu);
                if (!(code[k] & (1u << 21))) {
                    code[k] &= ~(0x1cu << 16);
                }
            }
        }
        random_vectors(&r, &st);
        bad += !diff_run(d, code, n, &st);
        if (diff_last(d)->armlet_outcome != DIFF_DONE) {
            fprintf(stderr, "  crypto: %08x did not complete\n", code[0]);
            bad++;
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(crypto_interp)
{
    run_all(JIT_INTERP, 1);
}

TEST(crypto_native)
{
    run_all(JIT_NATIVE, 2);
}
