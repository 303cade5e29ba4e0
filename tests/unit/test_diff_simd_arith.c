/* Differential tests of the Advanced SIMD integer arithmetic classes
 * (target-arm/a64-simd-arith.decode) against Unicorn: random valid
 * encodings of every entry, each run from a random state whose vector lanes
 * are biased towards the integer edges (0, +-1, the signed and unsigned
 * extremes of a random lane size and their neighbours, small signed shift
 * counts) with FP edge values and random bits mixed in, compared register
 * by register including V0-V31 and FPSR.QC (tests/unit/diff_unicorn.h).
 * Half of the runs start with QC already set (it is sticky); the test also
 * insists that saturation really happened in some runs, so a QC that is
 * never set would not pass unnoticed.
 *
 * make check runs DIFF_SIMD_PER_ENTRY instructions per decode entry and
 * backend, plus mixed sequences. ARMLET_DIFF_ITERS=N runs N per entry (and
 * N sequences; soak); ARMLET_DIFF_SEED=S changes the seed. */
#include "tests/unit/test.h"

#include <stdlib.h>

#include "target-arm/a64-decode.h"
#include "tests/unit/arm_harness.h"
#include "tests/unit/diff_unicorn.h"

/* 121 entries x 250 x 2 backends = 60,500 single instructions, plus
 * 2 x 300 sequences of 6 (about 3 s in the plain build). */
#define DIFF_SIMD_PER_ENTRY 250
#define DIFF_SIMD_SEQS 300
#define DIFF_SIMD_SEQ_LEN 6
#define FPSR_QC (1u << 27)

#define H(...) (const char *const[]){ __VA_ARGS__, NULL }
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef struct ClassDef {
    const char *name;
    const char *const *handlers;
    bool rm5;              /* Rm is bits 20:16 (not a by-element form) */
} ClassDef;

static const ClassDef classes[] = {
    { "3same", H("SHADD_v", "UHADD_v", "SQADD_v", "UQADD_v", "SRHADD_v", "URHADD_v",
                 "AND_v", "BIC_v", "ORR_v", "ORN_v", "EOR_v", "BSL_v", "BIT_v", "BIF_v",
                 "SHSUB_v", "UHSUB_v", "SQSUB_v", "UQSUB_v", "CMGT_v", "CMHI_v", "CMGE_v",
                 "CMHS_v", "SSHL_v", "USHL_v", "SQSHL_v", "UQSHL_v", "SRSHL_v", "URSHL_v",
                 "SQRSHL_v", "UQRSHL_v", "SMAX_v", "UMAX_v", "SMIN_v", "UMIN_v", "SABD_v",
                 "UABD_v", "SABA_v", "UABA_v", "ADD_v", "SUB_v", "CMTST_v", "CMEQ_v",
                 "MLA_v", "MLS_v", "MUL_v", "PMUL_v", "SMAXP_v", "UMAXP_v", "SMINP_v",
                 "UMINP_v", "SQDMULH_v", "SQRDMULH_v", "ADDP_v"), true },
    { "3same_scalar", H("SQADD_s", "UQADD_s", "SQSUB_s", "UQSUB_s", "CMGT_s", "CMHI_s",
                        "CMGE_s", "CMHS_s", "SSHL_s", "USHL_s", "SQSHL_s", "UQSHL_s",
                        "SRSHL_s", "URSHL_s", "SQRSHL_s", "UQRSHL_s", "ADD_s", "SUB_s",
                        "CMTST_s", "CMEQ_s", "SQDMULH_s", "SQRDMULH_s"), true },
    { "3diff", H("SADDL_v", "UADDL_v", "SADDW_v", "UADDW_v", "SSUBL_v", "USUBL_v",
                 "SSUBW_v", "USUBW_v", "ADDHN_v", "RADDHN_v", "SABAL_v", "UABAL_v",
                 "SUBHN_v", "RSUBHN_v", "SABDL_v", "UABDL_v", "SMLAL_v", "UMLAL_v",
                 "SQDMLAL_v", "SMLSL_v", "UMLSL_v", "SQDMLSL_v", "SMULL_v", "UMULL_v",
                 "SQDMULL_v", "PMULL_v"), true },
    { "3diff_scalar", H("SQDMLAL_s", "SQDMLSL_s", "SQDMULL_s"), true },
    { "elem", H("MLA_ve", "SMLAL_ve", "UMLAL_ve", "SQDMLAL_ve", "MLS_ve", "SMLSL_ve",
                "UMLSL_ve", "SQDMLSL_ve", "MUL_ve", "SMULL_ve", "UMULL_ve", "SQDMULL_ve",
                "SQDMULH_ve", "SQRDMULH_ve"), false },
    { "elem_scalar", H("SQDMLAL_se", "SQDMLSL_se", "SQDMULL_se", "SQDMULH_se",
                       "SQRDMULH_se"), false },
};

static uint64_t seed_base(void)
{
    const char *e = getenv("ARMLET_DIFF_SEED");
    return e ? strtoull(e, NULL, 0) : 0x51fdull;
}

/* One lane of 'bits' bits from the values integer SIMD gets wrong. */
static uint64_t edge_elem(DiffRng *r, unsigned bits)
{
    uint64_t min = 1ull << (bits - 1);

    switch (diff_rng_below(r, 10)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return ~0ull;                                   /* -1, all ones */
    case 3: return min;                                     /* signed minimum */
    case 4: return min - 1;                                 /* signed maximum */
    case 5: return min + 1;
    case 6: return min - 2;
    case 7: return diff_rng_below(r, 2 * bits + 20) - (bits + 10);   /* shift counts */
    default: return diff_rng64(r);
    }
}

static uint64_t int_lane(DiffRng *r)
{
    switch (diff_rng_below(r, 6)) {
    case 0:
        return diff_rng_fp_lane(r);
    case 1:
        return diff_rng_value(r);
    default: {
        unsigned bits = 8u << diff_rng_below(r, 4);
        uint64_t v = 0, mask = bits == 64 ? ~0ull : (1ull << bits) - 1;

        for (unsigned i = 0; i < 64; i += bits) {
            v |= (edge_elem(r, bits) & mask) << i;
        }
        return v;
    }
    }
}

static void random_state(DiffRng *r, DiffState *st)
{
    diff_random_state(r, st);
    for (unsigned i = 0; i < 32; i++) {
        st->v[i][0] = int_lane(r);
        st->v[i][1] = int_lane(r);
    }
    /* equal lanes and registers: CMEQ, SQSUB to zero, ... */
    for (int k = (int)diff_rng_below(r, 4); k > 0; k--) {
        unsigned a = (unsigned)diff_rng_below(r, 32), b = (unsigned)diff_rng_below(r, 32);
        st->v[a][0] = st->v[b][0];
        st->v[a][1] = st->v[b][1];
    }
    st->fpsr = diff_rng_below(r, 2) ? FPSR_QC : 0;
}

/* Sometimes make Vd a source too (the helpers must read before writing):
 * Rn := Rd, or Rm := Rd where Rm is a 5-bit field; kept only if the word
 * still decodes to the same entry. */
static uint32_t maybe_alias(DiffRng *r, uint32_t insn, bool rm5)
{
    uint32_t rd = insn & 31, w = insn;

    switch (diff_rng_below(r, 8)) {
    case 0:
        w = (insn & ~(31u << 5)) | rd << 5;
        break;
    case 1:
        if (rm5) {
            w = (insn & ~(31u << 16)) | rd << 16;
        }
        break;
    default:
        break;
    }
    return a64_decode_index(w) == a64_decode_index(insn) ? w : insn;
}

/* Runs where Unicorn set QC from clear, over the whole process. */
static unsigned qc_raised;

static void check_run(DiffCtx *d, const DiffState *st, const char *cls, uint32_t insn,
                      unsigned *bad)
{
    const DiffResult *res = diff_last(d);

    /* every encoding of these classes is defined: an exception on both
     * sides would also "agree", so insist on completion */
    if (res->armlet_outcome != DIFF_DONE || res->unicorn_outcome != DIFF_DONE) {
        if (*bad < 5) {
            fprintf(stderr, "  %s: insn %08x did not complete (armlet %d, unicorn %d)\n",
                    cls, insn, res->armlet_outcome, res->unicorn_outcome);
        }
        (*bad)++;
    }
    if (!(st->fpsr & FPSR_QC) && (res->unicorn.fpsr & FPSR_QC)) {
        qc_raised++;
    }
}

static void run_classes(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned per_entry = diff_iters("ARMLET_DIFF_ITERS", DIFF_SIMD_PER_ENTRY), bad = 0;
    unsigned total = 0;

    for (unsigned c = 0; c < NELEM(classes); c++) {
        DiffClass cls;
        DiffRng r;
        unsigned iters = per_entry * diff_class_init(&cls, classes[c].name, classes[c].handlers);

        total += iters;
        diff_rng_seed(&r, seed_base() ^ (salt << 32) ^ ((uint64_t)c << 16) ^ (uint64_t)jit);
        for (unsigned i = 0; i < iters; i++) {
            DiffState st;
            uint32_t insn;

            CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
            insn = maybe_alias(&r, insn, classes[c].rm5);
            random_state(&r, &st);
            if (!diff_run(d, &insn, 1, &st)) {
                bad++;
            }
            check_run(d, &st, classes[c].name, insn, &bad);
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
    /* a third of the entries saturate, half the runs start with QC clear,
     * and edge lanes make them clip often: about 3.7% of all runs raise QC
     * with the default seed */
    CHECK(qc_raised > total / 50);
}

TEST(simd_arith_interp)
{
    run_classes(JIT_INTERP, 1);
}

TEST(simd_arith_native)
{
    run_classes(JIT_NATIVE, 2);
}

/* Blocks mixing the classes over V0-V7, so results feed later
 * instructions: IR-inlined forms (logical, ADD/SUB) next to helper calls
 * must see each other's register writes. */
static void run_sequences(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    DiffClass all[NELEM(classes)];
    unsigned seqs = diff_iters("ARMLET_DIFF_ITERS", DIFF_SIMD_SEQS);
    unsigned bad = 0;
    DiffRng r;

    for (unsigned c = 0; c < NELEM(classes); c++) {
        diff_class_init(&all[c], classes[c].name, classes[c].handlers);
    }
    diff_rng_seed(&r, seed_base() ^ salt);
    for (unsigned i = 0; i < seqs; i++) {
        uint32_t code[DIFF_SIMD_SEQ_LEN];
        DiffState st;

        for (unsigned k = 0; k < DIFF_SIMD_SEQ_LEN; k++) {
            /* Rd, Rn and Rm (bits 4:3, 9:8, 20:19) within V0-V7 */
            const uint32_t fix = (3u << 3) | (3u << 8) | (3u << 19);
            CHECK(diff_class_random(&all[diff_rng_below(&r, NELEM(classes))], &r, fix, 0,
                                    &code[k]));
        }
        random_state(&r, &st);
        if (!diff_run(d, code, DIFF_SIMD_SEQ_LEN, &st)) {
            bad++;
        }
        check_run(d, &st, "sequence", code[0], &bad);
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(simd_arith_sequences_interp)
{
    run_sequences(JIT_INTERP, 3);
}

TEST(simd_arith_sequences_native)
{
    run_sequences(JIT_NATIVE, 4);
}
