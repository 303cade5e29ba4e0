/* Differential tests of the Advanced SIMD non-arithmetic integer classes
 * (target-arm/a64-simd-misc.decode) against Unicorn: random valid
 * encodings of every entry, each run from a random state on both JIT
 * backends, compared on X, V0-V31 and FPSR.QC (tests/unit/diff_unicorn.h).
 *
 * The harness fills vector lanes with floating-point edge values; integer
 * lanes need other edges (0x7f/0x80 next to saturation, small table
 * indices for TBL), so half of the vector registers are refilled here with
 * lanes of a random size drawn from integer edges.
 *
 * make check runs DIFF_SIMD_ITERS instructions per class and backend, plus
 * mixed sequences. ARMLET_DIFF_ITERS=N runs N per class for a soak;
 * ARMLET_DIFF_SEED=S changes the seed. */
#include "tests/unit/test.h"

#include <stdlib.h>

#include "tests/unit/arm_harness.h"
#include "tests/unit/diff_unicorn.h"

/* 8 classes x 2 backends x 4000 = 64,000 single instructions, plus 2 x 500
 * sequences of 6. */
#define DIFF_SIMD_ITERS 4000
#define DIFF_SIMD_SEQS 500
#define DIFF_SIMD_SEQ_LEN 6

typedef struct ClassDef {
    const char *name;
    const char *const *handlers;
} ClassDef;

#define H(...) (const char *const[]){ __VA_ARGS__, NULL }

static const ClassDef classes[] = {
    { "2misc_v", H("REV64_v", "REV16_v", "SADDLP", "SUQADD_v", "CLS_v", "CNT_v", "SADALP",
                   "SQABS_v", "CMGT_zv", "CMEQ_zv", "CMLT_zv", "ABS_v", "XTN", "SQXTN_v",
                   "REV32_v", "UADDLP", "USQADD_v", "CLZ_v", "NOT_v", "RBIT_v", "UADALP",
                   "SQNEG_v", "CMGE_zv", "CMLE_zv", "NEG_v", "SQXTUN_v", "SHLL", "UQXTN_v") },
    { "2misc_s", H("SUQADD_s", "SQABS_s", "CMGT_zs", "CMEQ_zs", "CMLT_zs", "ABS_s", "SQXTN_s",
                   "USQADD_s", "SQNEG_s", "CMGE_zs", "CMLE_zs", "NEG_s", "SQXTUN_s",
                   "UQXTN_s") },
    { "across", H("SADDLV", "SMAXV", "SMINV", "ADDV", "UADDLV", "UMAXV", "UMINV", "ADDP_s") },
    { "shift_v", H("SSHR_v", "SSRA_v", "SRSHR_v", "SRSRA_v", "SHL_v", "SQSHL_iv", "SHRN",
                   "RSHRN", "SQSHRN_v", "SQRSHRN_v", "SSHLL", "USHR_v", "USRA_v", "URSHR_v",
                   "URSRA_v", "SRI_v", "SLI_v", "SQSHLU_v", "UQSHL_iv", "SQSHRUN_v",
                   "SQRSHRUN_v", "UQSHRN_v", "UQRSHRN_v", "USHLL") },
    { "shift_s", H("SSHR_s", "SSRA_s", "SRSHR_s", "SRSRA_s", "SHL_s", "SQSHL_is", "SQSHRN_s",
                   "SQRSHRN_s", "USHR_s", "USRA_s", "URSHR_s", "URSRA_s", "SRI_s", "SLI_s",
                   "SQSHLU_s", "UQSHL_is", "SQSHRUN_s", "SQRSHRUN_s", "UQSHRN_s",
                   "UQRSHRN_s") },
    { "modimm", H("MOVI_v", "MVNI_v", "ORR_vi", "BIC_vi", "FMOV_vi") },
    { "copy", H("DUP_elem", "DUP_gen", "INS_gen", "INS_elem", "UMOV", "SMOV", "DUP_elem_s") },
    { "permute", H("UZP1", "UZP2", "TRN1", "TRN2", "ZIP1", "ZIP2", "EXT_v", "TBL", "TBX") },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t seed_base(void)
{
    const char *e = getenv("ARMLET_DIFF_SEED");
    return e ? strtoull(e, NULL, 0) : 0x51dd0115ull;
}

/* An integer lane of bits bits near a saturation or sign boundary, or
 * small (table indices, shift-like counts), or random. */
static uint64_t int_lane(DiffRng *r, unsigned bits)
{
    uint64_t top = 1ull << (bits - 1), v;

    switch (diff_rng_below(r, 8)) {
    case 0: v = top; break;                      /* most negative */
    case 1: v = top - 1; break;                  /* most positive */
    case 2: v = top + 1; break;
    case 3: v = ~0ull; break;                    /* -1 / all ones */
    case 4: v = diff_rng_below(r, 3); break;     /* 0, 1, 2 */
    case 5: v = diff_rng_below(r, 72); break;    /* in or just past a 4-register table */
    case 6: v = (top >> diff_rng_below(r, bits)) ^ (diff_rng_below(r, 2) ? ~0ull : 0); break;
    default: v = diff_rng64(r); break;
    }
    return v & (bits == 64 ? ~0ull : (1ull << bits) - 1);
}

static void random_state(DiffRng *r, DiffState *st)
{
    diff_random_state(r, st);
    for (unsigned i = 0; i < 32; i++) {
        if (diff_rng_below(r, 2)) {
            unsigned bits = 8u << diff_rng_below(r, 4);
            for (unsigned h = 0; h < 2; h++) {
                uint64_t w = 0;
                for (unsigned pos = 0; pos < 64; pos += bits) {
                    w |= int_lane(r, bits) << pos;
                }
                st->v[i][h] = w;
            }
        }
    }
    /* sometimes QC already set: saturating ops must leave it set */
    if (diff_rng_below(r, 8) == 0) {
        st->fpsr = 1u << 27;
    }
}

static void run_classes(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned iters = diff_iters("ARMLET_DIFF_ITERS", DIFF_SIMD_ITERS), bad = 0, incomplete = 0;

    for (unsigned c = 0; c < NELEM(classes); c++) {
        DiffClass cls;
        DiffRng r;

        diff_class_init(&cls, classes[c].name, classes[c].handlers);
        diff_rng_seed(&r, seed_base() ^ (salt << 32) ^ ((uint64_t)c << 16) ^ (uint64_t)jit);
        for (unsigned i = 0; i < iters; i++) {
            DiffState st;
            uint32_t insn;

            CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
            random_state(&r, &st);
            if (!diff_run(d, &insn, 1, &st)) {
                bad++;
            }
            /* every encoding of these classes is defined */
            if (diff_last(d)->armlet_outcome != DIFF_DONE) {
                if (incomplete++ < 5) {
                    fprintf(stderr, "  %s: insn %08x did not complete\n", classes[c].name, insn);
                }
                bad++;
            }
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(simd_misc_interp)
{
    run_classes(JIT_INTERP, 1);
}

TEST(simd_misc_native)
{
    run_classes(JIT_NATIVE, 2);
}

/* Blocks mixing the classes, so values flow between instructions in
 * translated code (IR fast paths next to helper calls, registers written
 * in one instruction and read in the next). */
static void run_sequences(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    DiffClass all[NELEM(classes)];
    unsigned bad = 0;
    unsigned seqs = diff_iters("ARMLET_DIFF_ITERS", DIFF_SIMD_SEQS * DIFF_SIMD_SEQ_LEN) /
                    DIFF_SIMD_SEQ_LEN;
    DiffRng r;

    for (unsigned c = 0; c < NELEM(classes); c++) {
        diff_class_init(&all[c], classes[c].name, classes[c].handlers);
    }
    diff_rng_seed(&r, seed_base() ^ salt);
    for (unsigned i = 0; i < seqs; i++) {
        uint32_t code[DIFF_SIMD_SEQ_LEN];
        DiffState st;

        for (unsigned k = 0; k < DIFF_SIMD_SEQ_LEN; k++) {
            /* registers 0..7 only, so the instructions share operands */
            const DiffClass *cls = &all[diff_rng_below(&r, NELEM(classes))];
            CHECK(diff_class_random(cls, &r, 0x0318, 0, &code[k]));
        }
        random_state(&r, &st);
        if (!diff_run(d, code, DIFF_SIMD_SEQ_LEN, &st) ||
            diff_last(d)->armlet_outcome != DIFF_DONE) {
            bad++;
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(simd_misc_seq_interp)
{
    run_sequences(JIT_INTERP, 3);
}

TEST(simd_misc_seq_native)
{
    run_sequences(JIT_NATIVE, 4);
}
