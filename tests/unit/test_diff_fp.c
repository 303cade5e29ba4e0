/* Differential tests of the scalar floating-point classes
 * (target-arm/a64-fp.decode) against Unicorn, whose soft-float is the
 * reference: random valid encodings of every entry, each run from a random
 * register state whose V registers hold FP edge values (signed zeros,
 * infinities, quiet and signalling NaNs with payloads, denormals, format
 * extremes, values near integer limits), with FPCR drawn over every
 * rounding mode and FZ, DN and AHP, and FPSR starting with random flags
 * (so accumulation is checked too). V registers, X registers, NZCV, FPCR
 * and FPSR are compared (tests/unit/diff_unicorn.h).
 *
 * make check runs DIFF_FP_ITERS instructions per class and backend. For a
 * soak, ARMLET_DIFF_ITERS=N runs N per class; ARMLET_DIFF_SEED=S changes
 * the seed. */
#include "tests/unit/test.h"

#include <stdlib.h>

#include "tests/unit/arm_harness.h"
#include "tests/unit/diff_unicorn.h"

/* 15 classes x 2 backends x 4000 = 120,000 instructions (about 2 s per
 * backend). */
#define DIFF_FP_ITERS 4000

typedef struct ClassDef {
    const char *name;
    const char *const *handlers;
    uint32_t seq_fix;      /* register-number bits kept clear in sequences */
} ClassDef;

/* The top two bits of Rd (4:3), Rn (9:8) and Rm (20:19); Ra (14:13) for
 * the 3-source forms; compares have no Rd (bits 4:3 are opcode/NZCV). */
#define RD_RN_RM ((3u << 3) | (3u << 8) | (3u << 19))
#define RN_RM ((3u << 8) | (3u << 19))

#define H(...) (const char *const[]){ __VA_ARGS__, NULL }

static const ClassDef fp_classes[] = {
    { "fp_bitops", H("FMOV_r", "FABS", "FNEG"), RD_RN_RM },
    { "fsqrt", H("FSQRT"), RD_RN_RM },
    { "fcvt", H("FCVT"), RD_RN_RM },
    { "frint", H("FRINT"), RD_RN_RM },
    { "fp_arith", H("FADD", "FSUB", "FMUL", "FDIV", "FNMUL"), RD_RN_RM },
    { "fp_maxmin", H("FMAX", "FMIN", "FMAXNM", "FMINNM"), RD_RN_RM },
    { "fp_fma", H("FMADD", "FMSUB", "FNMADD", "FNMSUB"), RD_RN_RM | (3u << 13) },
    { "fcmp", H("FCMP"), RN_RM },
    { "fccmp", H("FCCMP"), RN_RM },
    { "fcsel", H("FCSEL"), RD_RN_RM },
    { "fmov_i", H("FMOV_i"), RD_RN_RM },
    { "fmov_g", H("FMOV_g"), RD_RN_RM },
    { "fcvt_int", H("FCVT_int", "FCVTA_int"), RD_RN_RM },
    { "cvtf_int", H("CVTF_int"), RD_RN_RM },
    { "fp_fixed", H("FCVTZ_fix", "CVTF_fix"), RD_RN_RM },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t seed_base(void)
{
    const char *e = getenv("ARMLET_DIFF_SEED");
    return e ? strtoull(e, NULL, 0) : 0xf10a7ull;
}

/* FPCR: RMode, FZ, DN, AHP each uniformly random; FPSR: clear half the
 * time, else random cumulative flags. */
static void random_fp_controls(DiffRng *r, DiffState *st)
{
    st->fpcr = (uint32_t)diff_rng64(r) & 0x07c00000u;
    st->fpsr = diff_rng_below(r, 2) ? 0 : ((uint32_t)diff_rng64(r) & 0x9fu);
}

static void run_classes(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned iters = diff_iters("ARMLET_DIFF_ITERS", DIFF_FP_ITERS), bad = 0, incomplete = 0;

    for (unsigned c = 0; c < NELEM(fp_classes); c++) {
        DiffClass cls;
        DiffRng r;

        diff_class_init(&cls, fp_classes[c].name, fp_classes[c].handlers);
        diff_rng_seed(&r, seed_base() ^ (salt << 32) ^ ((uint64_t)c << 16));
        for (unsigned i = 0; i < iters; i++) {
            DiffState st;
            uint32_t insn;

            CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
            diff_random_state(&r, &st);
            random_fp_controls(&r, &st);
            if (!diff_run(d, &insn, 1, &st)) {
                bad++;
            }
            if (diff_last(d)->armlet_outcome != DIFF_DONE) {
                if (incomplete++ < 5) {
                    fprintf(stderr, "  %s: insn %08x did not complete\n", fp_classes[c].name,
                            insn);
                }
                bad++;
            }
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

/* Straight-line blocks of 6 instructions from every class, registers
 * limited to 0..7 so they feed each other: FCMP/FCCMP flags consumed by
 * FCSEL/FCCMP, FPSR flags accumulating over several operations, results
 * converted and moved between the register files. */
#define DIFF_FP_SEQS 600
#define DIFF_FP_SEQ_LEN 6

static void run_sequences(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    DiffClass all[NELEM(fp_classes)];
    unsigned seqs = diff_iters("ARMLET_DIFF_ITERS", DIFF_FP_SEQS * DIFF_FP_SEQ_LEN) /
                    DIFF_FP_SEQ_LEN;
    unsigned bad = 0;
    DiffRng r;

    for (unsigned c = 0; c < NELEM(fp_classes); c++) {
        diff_class_init(&all[c], fp_classes[c].name, fp_classes[c].handlers);
    }
    diff_rng_seed(&r, seed_base() ^ salt);
    for (unsigned i = 0; i < seqs; i++) {
        uint32_t code[DIFF_FP_SEQ_LEN];
        DiffState st;

        for (unsigned k = 0; k < DIFF_FP_SEQ_LEN; k++) {
            unsigned c = (unsigned)diff_rng_below(&r, NELEM(fp_classes));
            CHECK(diff_class_random(&all[c], &r, fp_classes[c].seq_fix, 0, &code[k]));
        }
        diff_random_state(&r, &st);
        random_fp_controls(&r, &st);
        if (!diff_run(d, code, DIFF_FP_SEQ_LEN, &st) ||
            diff_last(d)->armlet_outcome != DIFF_DONE) {
            bad++;
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(diff_fp_sequences_interp)
{
    run_sequences(JIT_INTERP, 3);
}

TEST(diff_fp_sequences_native)
{
    run_sequences(JIT_NATIVE, 4);
}

TEST(diff_fp_scalar_interp)
{
    run_classes(JIT_INTERP, 1);
}

TEST(diff_fp_scalar_native)
{
    run_classes(JIT_NATIVE, 2);
}
