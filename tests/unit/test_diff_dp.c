/* Differential tests of the A64 data-processing classes (immediate and
 * register) against Unicorn: random valid encodings of every entry in
 * target-arm/a64-dp-imm.decode and a64-dp-reg.decode, each run from a fresh
 * random register state (edge values included) with random NZCV, compared
 * register by register (tests/unit/diff_unicorn.h).
 *
 * make check runs DIFF_DP_ITERS instructions per class and backend (the
 * total is worked out next to it), plus mixed sequences. For a soak,
 * ARMLET_DIFF_ITERS=N runs N instructions per class (and N instructions of
 * sequences); ARMLET_DIFF_SEED=S changes the seed. */
#include "tests/unit/test.h"

#include <stdlib.h>

#include "tests/unit/arm_harness.h"
#include "tests/unit/diff_unicorn.h"

/* Per class and per backend: 21 classes x 2 backends x 2000 = 84,000
 * single instructions, plus 2 x 400 sequences of 8. */
#define DIFF_DP_ITERS 2000
#define DIFF_DP_SEQS 400
#define DIFF_DP_SEQ_LEN 8

typedef struct ClassDef {
    const char *name;
    const char *const *handlers;
    bool vary_pc;          /* PC-relative: move the code around */
} ClassDef;

#define H(...) (const char *const[]){ __VA_ARGS__, NULL }

static const ClassDef dp_imm_classes[] = {
    { "adr", H("ADR", "ADRP"), true },
    { "addsub_i", H("ADD_i", "ADDS_i", "SUB_i", "SUBS_i"), false },
    { "logic_i", H("AND_i", "ORR_i", "EOR_i", "ANDS_i"), false },
    { "movw", H("MOVN", "MOVZ", "MOVK"), false },
    { "sbfm", H("SBFM"), false },
    { "ubfm", H("UBFM"), false },
    { "bfm", H("BFM"), false },
    { "extr", H("EXTR"), false },
};

static const ClassDef dp_reg_classes[] = {
    { "logic_r", H("AND_r", "BIC_r", "ORR_r", "ORN_r", "EOR_r", "EON_r", "ANDS_r", "BICS_r"),
      false },
    { "addsub_r", H("ADD_r", "ADDS_r", "SUB_r", "SUBS_r"), false },
    { "addsub_x", H("ADD_x", "ADDS_x", "SUB_x", "SUBS_x"), false },
    { "adc", H("ADC", "ADCS", "SBC", "SBCS"), false },
    { "ccmp", H("CCMN_r", "CCMP_r", "CCMN_i", "CCMP_i"), false },
    { "csel", H("CSEL", "CSINC", "CSINV", "CSNEG"), false },
    { "madd", H("MADD", "MSUB"), false },
    { "maddl", H("SMADDL", "SMSUBL", "UMADDL", "UMSUBL", "SMULH", "UMULH"), false },
    { "div", H("UDIV", "SDIV"), false },
    { "shiftv", H("LSLV", "LSRV", "ASRV", "RORV"), false },
    { "crc", H("CRC32", "CRC32C"), false },
    { "rev", H("RBIT", "REV16", "REV", "REV32"), false },
    { "clz", H("CLZ", "CLS"), false },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t seed_base(void)
{
    const char *e = getenv("ARMLET_DIFF_SEED");
    return e ? strtoull(e, NULL, 0) : 0x5eed0dbull;
}

/* Code addresses below the vectors, 4-byte aligned, room for a sequence. */
static uint64_t random_code_addr(DiffRng *r)
{
    return diff_random_pointer(r, HARNESS_CODE, HARNESS_VBAR - HARNESS_CODE - 0x100, 4);
}

static void run_classes(JitMode jit, const ClassDef *defs, unsigned ndefs, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned iters = diff_iters("ARMLET_DIFF_ITERS", DIFF_DP_ITERS), bad = 0, incomplete = 0;

    for (unsigned c = 0; c < ndefs; c++) {
        DiffClass cls;
        DiffRng r;

        diff_class_init(&cls, defs[c].name, defs[c].handlers);
        diff_rng_seed(&r, seed_base() ^ (salt << 32) ^ ((uint64_t)c << 16) ^ (uint64_t)jit);
        for (unsigned i = 0; i < iters; i++) {
            DiffState st;
            uint32_t insn;

            CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
            diff_random_state(&r, &st);
            diff_set_code_addr(d, defs[c].vary_pc ? random_code_addr(&r) : HARNESS_CODE);
            if (!diff_run(d, &insn, 1, &st)) {
                bad++;
            }
            /* every encoding of these classes is defined: an exception on
             * both sides would also "agree", so insist on completion */
            if (diff_last(d)->armlet_outcome != DIFF_DONE) {
                if (incomplete++ < 5) {
                    fprintf(stderr, "  %s: insn %08x did not complete\n", defs[c].name, insn);
                }
                bad++;
            }
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(dp_imm_interp)
{
    run_classes(JIT_INTERP, dp_imm_classes, NELEM(dp_imm_classes), 1);
}

TEST(dp_imm_native)
{
    run_classes(JIT_NATIVE, dp_imm_classes, NELEM(dp_imm_classes), 2);
}

TEST(dp_reg_interp)
{
    run_classes(JIT_INTERP, dp_reg_classes, NELEM(dp_reg_classes), 3);
}

TEST(dp_reg_native)
{
    run_classes(JIT_NATIVE, dp_reg_classes, NELEM(dp_reg_classes), 4);
}

/* Straight-line blocks mixing every class: flags produced by one
 * instruction and consumed by the next (ADDS then ADC, CMP then CSEL or
 * CCMP), registers overwritten within a block, and the optimizer removing
 * dead flag computations must all still agree. */
static void run_sequences(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    DiffClass all[NELEM(dp_imm_classes) + NELEM(dp_reg_classes)];
    unsigned nall = 0, bad = 0;
    unsigned seqs = diff_iters("ARMLET_DIFF_ITERS", DIFF_DP_SEQS * DIFF_DP_SEQ_LEN) /
                    DIFF_DP_SEQ_LEN;
    DiffRng r;

    for (unsigned c = 0; c < NELEM(dp_imm_classes); c++) {
        diff_class_init(&all[nall++], dp_imm_classes[c].name, dp_imm_classes[c].handlers);
    }
    for (unsigned c = 0; c < NELEM(dp_reg_classes); c++) {
        diff_class_init(&all[nall++], dp_reg_classes[c].name, dp_reg_classes[c].handlers);
    }
    diff_rng_seed(&r, seed_base() ^ salt);
    for (unsigned i = 0; i < seqs; i++) {
        uint32_t code[DIFF_DP_SEQ_LEN];
        DiffState st;

        for (unsigned k = 0; k < DIFF_DP_SEQ_LEN; k++) {
            /* the top two bits of Rd (4:3), Rn (9:8) and Rm (20:19) clear:
             * registers x0..x7, so instructions feed each other */
            const uint32_t fix = (3u << 3) | (3u << 8) | (3u << 19);
            const DiffClass *cls = &all[diff_rng_below(&r, nall)];
            CHECK(diff_class_random(cls, &r, fix, 0, &code[k]));
        }
        diff_random_state(&r, &st);
        diff_set_code_addr(d, random_code_addr(&r));
        if (!diff_run(d, code, DIFF_DP_SEQ_LEN, &st)) {
            bad++;
        }
        if (diff_last(d)->armlet_outcome != DIFF_DONE) {
            bad++;
        }
    }
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(dp_sequences_interp)
{
    run_sequences(JIT_INTERP, 5);
}

TEST(dp_sequences_native)
{
    run_sequences(JIT_NATIVE, 6);
}

/* ---- the infrastructure itself ---- */

/* Outcomes are classified the same way on both sides, code rewritten at
 * the same address is retranslated by both, and a memory difference in a
 * watched range is reported. */
TEST(diff_infrastructure)
{
    DiffCtx *d = diff_new(JIT_INTERP);
    DiffState st;
    DiffRng r;
    uint32_t insn;
    uint8_t byte = 0x5a;

    diff_rng_seed(&r, 7);
    diff_random_state(&r, &st);

    /* an unallocated word: UNDEF in both, registers untouched */
    insn = 0x00000000;
    CHECK(diff_run(d, &insn, 1, &st));
    CHECK_EQ(diff_last(d)->armlet_outcome, DIFF_UNDEF);
    CHECK_EQ(diff_last(d)->unicorn_outcome, DIFF_UNDEF);
    CHECK_EQ(diff_last(d)->unicorn.x[5], st.x[5]);

    /* movz x0, #1 then movz x0, #2 at the same address */
    insn = 0xd2800020;
    CHECK(diff_run(d, &insn, 1, &st));
    CHECK_EQ(diff_last(d)->unicorn.x[0], 1);
    insn = 0xd2800040;
    CHECK(diff_run(d, &insn, 1, &st));
    CHECK_EQ(diff_last(d)->unicorn.x[0], 2);
    CHECK_EQ(diff_last(d)->armlet.x[0], 2);
    CHECK_EQ(diff_mismatches(d), 0);

    /* watched memory: equal after a fill, different after a write to
     * armlet's RAM alone (the harness is the process-wide one) */
    diff_mem_fill_random(d, &r, HARNESS_DATA, 256);
    diff_watch(d, HARNESS_DATA, 256);
    CHECK(diff_run(d, &insn, 1, &st));
    diff_mem_write(d, HARNESS_DATA + 101, &byte, 1);
    CHECK(diff_run(d, &insn, 1, &st));
    byte ^= 0xff;
    as_load(harness_new(JIT_INTERP)->as, HARNESS_DATA + 101, &byte, 1);
    diff_set_max_reports(d, 0);
    CHECK(!diff_run(d, &insn, 1, &st));
    CHECK_EQ(diff_mismatches(d), 1);
    diff_unwatch_all(d);
    CHECK(diff_run(d, &insn, 1, &st));
    diff_free(d);
}
