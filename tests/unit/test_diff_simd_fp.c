/* Differential tests of the Advanced SIMD floating-point instructions
 * (target-arm/a64-simd-fp.decode) against Unicorn, whose soft-float is the
 * reference: random valid encodings of every entry, each run on both JIT
 * backends from a random state, compared on X, V0-V31, NZCV, FPCR and FPSR
 * (tests/unit/diff_unicorn.h).
 *
 * Vector lanes come from diff_rng_fp_lane (FP edge values of every
 * format); a quarter of the registers are refilled with binary16 edges
 * (for FCVTL and FCVTN's half side, where AHP matters) and another quarter
 * with integer edges of 32 or 64 bits (SCVTF/UCVTF, URECPE/URSQRTE). FPCR
 * is random over RMode, FZ, DN and AHP; FPSR starts with random cumulative
 * flags half the time, so accumulation is checked too.
 *
 * make check runs DIFF_FP_PER_ENTRY instructions per decode entry and
 * backend, plus mixed sequences. ARMLET_DIFF_ITERS=N runs N per entry for
 * a soak; ARMLET_DIFF_SEED=S changes the seed. */
#include "tests/unit/test.h"

#include <stdlib.h>

#include "tests/unit/arm_harness.h"
#include "tests/unit/diff_unicorn.h"

/* 121 entries x 2 backends x 200 = 48,400 single instructions, plus 2 x 600
 * sequences of 6. */
#define DIFF_FP_PER_ENTRY 200
#define DIFF_FP_SEQS 600
#define DIFF_FP_SEQ_LEN 6

typedef struct ClassDef {
    const char *name;
    const char *const *handlers;
    bool no_rm;        /* bits 20:19 are opcode, not a register */
} ClassDef;

#define H(...) (const char *const[]){ __VA_ARGS__, NULL }

static const ClassDef classes[] = {
    { "3same_v", H("FMAXNM_v", "FMLA_v", "FADD_v", "FMULX_v", "FCMEQ_v", "FMAX_v", "FRECPS_v",
                   "FMINNM_v", "FMLS_v", "FSUB_v", "FMIN_v", "FRSQRTS_v", "FMAXNMP_v",
                   "FADDP_v", "FMUL_v", "FCMGE_v", "FACGE_v", "FMAXP_v", "FDIV_v",
                   "FMINNMP_v", "FABD_v", "FCMGT_v", "FACGT_v", "FMINP_v"), false },
    { "3same_s", H("FMULX_s", "FCMEQ_s", "FRECPS_s", "FRSQRTS_s", "FCMGE_s", "FACGE_s",
                   "FABD_s", "FCMGT_s", "FACGT_s"), false },
    { "2misc_v", H("FCVTN", "FCVTL", "FRINTN_v", "FRINTM_v", "FCVTNS_v", "FCVTMS_v",
                   "FCVTAS_v", "SCVTF_v", "FCMGT_zv", "FCMEQ_zv", "FCMLT_zv", "FABS_v",
                   "FRINTP_v", "FRINTZ_v", "FCVTPS_v", "FCVTZS_v", "URECPE", "FRECPE_v",
                   "FCVTXN_v", "FRINTA_v", "FRINTX_v", "FCVTNU_v", "FCVTMU_v", "FCVTAU_v",
                   "UCVTF_v", "FCMGE_zv", "FCMLE_zv", "FNEG_v", "FRINTI_v", "FCVTPU_v",
                   "FCVTZU_v", "URSQRTE", "FRSQRTE_v", "FSQRT_v"), false },
    { "2misc_s", H("FCVTNS_s", "FCVTMS_s", "FCVTAS_s", "SCVTF_s", "FCMGT_zs", "FCMEQ_zs",
                   "FCMLT_zs", "FCVTPS_s", "FCVTZS_s", "FRECPE_s", "FRECPX", "FCVTXN_s",
                   "FCVTNU_s", "FCVTMU_s", "FCVTAU_s", "UCVTF_s", "FCMGE_zs", "FCMLE_zs",
                   "FCVTPU_s", "FCVTZU_s", "FRSQRTE_s"), false },
    { "across_pairwise", H("FMAXNMV", "FMAXV", "FMINNMV", "FMINV", "FMAXNMP_s", "FADDP_s",
                           "FMAXP_s", "FMINNMP_s", "FMINP_s"), true },
    { "by_element", H("FMLA_ve", "FMLS_ve", "FMUL_ve", "FMULX_ve", "FMLA_se", "FMLS_se",
                      "FMUL_se", "FMULX_se"), false },
    { "fixed_point", H("SCVTF_fv", "UCVTF_fv", "FCVTZS_fv", "FCVTZU_fv", "SCVTF_fs",
                       "UCVTF_fs", "FCVTZS_fs", "FCVTZU_fs"), false },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t seed_base(void)
{
    const char *e = getenv("ARMLET_DIFF_SEED");
    return e ? strtoull(e, NULL, 0) : 0x5f0f9ull;
}

/* A binary16 value: zeros, infinities, quiet and signalling NaNs with
 * payloads, subnormals, the extremes, one and its neighbours, or random
 * bits (with AHP = 1 exponent 31 is an ordinary exponent). */
static uint64_t rng_f16(DiffRng *r)
{
    static const uint16_t special[] = {
        0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7c01, 0xfd23,
        0x0001, 0x83ff, 0x0200, 0x0400, 0x8400, 0x7bff, 0xfbff, 0x3c00,
        0xbc00, 0x3bff, 0x3c01, 0x7fff, 0xffff,
    };
    if (diff_rng_below(r, 2)) {
        return special[diff_rng_below(r, NELEM(special))];
    }
    return diff_rng64(r) & 0xffff;
}

/* An integer lane of bits bits near a sign or magnitude boundary (the
 * conversions' rounding starts at 2^24 / 2^53), or random. */
static uint64_t int_lane(DiffRng *r, unsigned bits)
{
    uint64_t top = 1ull << (bits - 1), v;

    switch (diff_rng_below(r, 6)) {
    case 0: v = top ^ diff_rng_below(r, 3); break;            /* most negative, 0x80..01 */
    case 1: v = top - 1 - diff_rng_below(r, 2); break;        /* most positive */
    case 2: v = diff_rng_below(r, 3) - 1; break;             /* -1, 0, 1 */
    case 3: v = (1ull << (24 + diff_rng_below(r, bits - 24))) + diff_rng_below(r, 3) - 1; break;
    case 4: v = diff_rng64(r) >> diff_rng_below(r, 64); break;
    default: v = diff_rng64(r); break;
    }
    return bits == 64 ? v : v & 0xffffffffu;
}

static void random_state(DiffRng *r, DiffState *st)
{
    diff_random_state(r, st);
    for (unsigned i = 0; i < 32; i++) {
        unsigned k = (unsigned)diff_rng_below(r, 4);
        for (unsigned h = 0; h < 2 && k < 2; h++) {
            uint64_t w = 0;
            if (k == 0) {
                for (unsigned pos = 0; pos < 64; pos += 16) {
                    w |= rng_f16(r) << pos;
                }
            } else if (diff_rng_below(r, 2)) {
                w = int_lane(r, 64);
            } else {
                w = int_lane(r, 32) | int_lane(r, 32) << 32;
            }
            st->v[i][h] = w;
        }
    }
    st->fpcr = (uint32_t)diff_rng64(r) & 0x07c00000u;      /* AHP, DN, FZ, RMode */
    st->fpsr = diff_rng_below(r, 2) ? 0 : ((uint32_t)diff_rng64(r) & 0x0800009fu);
}

static void check_done(DiffCtx *d, const char *cls, uint32_t insn, unsigned *bad)
{
    const DiffResult *res = diff_last(d);

    /* every encoding of these classes is defined: an exception on both
     * sides would also "agree", so insist on completion */
    if (res->armlet_outcome != DIFF_DONE || res->unicorn_outcome != DIFF_DONE) {
        if (*bad < 5) {
            fprintf(stderr, "  %s: insn %08x did not complete (armlet %d, unicorn %d)\n", cls,
                    insn, res->armlet_outcome, res->unicorn_outcome);
        }
        (*bad)++;
    }
}

static void run_classes(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned per_entry = diff_iters("ARMLET_DIFF_ITERS", DIFF_FP_PER_ENTRY), bad = 0;
    unsigned flagged = 0, total = 0;

    for (unsigned c = 0; c < NELEM(classes); c++) {
        DiffClass cls;
        DiffRng r;
        unsigned iters = per_entry * diff_class_init(&cls, classes[c].name, classes[c].handlers);

        diff_rng_seed(&r, seed_base() ^ (salt << 32) ^ ((uint64_t)c << 16) ^ (uint64_t)jit);
        for (unsigned i = 0; i < iters; i++) {
            DiffState st;
            uint32_t insn;

            CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
            random_state(&r, &st);
            if (!diff_run(d, &insn, 1, &st)) {
                bad++;
            }
            check_done(d, classes[c].name, insn, &bad);
            flagged += st.fpsr == 0 && diff_last(d)->unicorn.fpsr != 0;
            total += st.fpsr == 0;
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
    /* the edge values make many lanes raise something: guard against a
     * state generator that stopped reaching the exceptional paths */
    CHECK(flagged > total / 5);
}

TEST(simd_fp_interp)
{
    run_classes(JIT_INTERP, 1);
}

TEST(simd_fp_native)
{
    run_classes(JIT_NATIVE, 2);
}

/* Blocks mixing the classes over V0-V7, so results feed later
 * instructions (and FPSR flags accumulate over several helpers and the
 * inline FABS/FNEG). */
static void run_sequences(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    DiffClass all[NELEM(classes)];
    unsigned seqs = diff_iters("ARMLET_DIFF_ITERS", DIFF_FP_SEQS), bad = 0;
    DiffRng r;

    for (unsigned c = 0; c < NELEM(classes); c++) {
        diff_class_init(&all[c], classes[c].name, classes[c].handlers);
    }
    diff_rng_seed(&r, seed_base() ^ salt);
    for (unsigned i = 0; i < seqs; i++) {
        uint32_t code[DIFF_FP_SEQ_LEN];
        DiffState st;

        for (unsigned k = 0; k < DIFF_FP_SEQ_LEN; k++) {
            /* Rd, Rn and Rm (bits 4:3, 9:8, 20:19) within V0-V7 */
            unsigned c = (unsigned)diff_rng_below(&r, NELEM(classes));
            uint32_t fix = (3u << 3) | (3u << 8) | (classes[c].no_rm ? 0 : 3u << 19);
            CHECK(diff_class_random(&all[c], &r, fix, 0, &code[k]));
        }
        random_state(&r, &st);
        if (!diff_run(d, code, DIFF_FP_SEQ_LEN, &st)) {
            bad++;
        }
        check_done(d, "sequence", code[0], &bad);
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(simd_fp_sequences_interp)
{
    run_sequences(JIT_INTERP, 3);
}

TEST(simd_fp_sequences_native)
{
    run_sequences(JIT_NATIVE, 4);
}
