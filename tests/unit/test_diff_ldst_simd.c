/* Differential tests of the SIMD&FP loads and stores against Unicorn:
 * random valid encodings of every entry in target-arm/a64-ldst-simd.decode
 * (single registers, pairs, literal, and the structure forms), run from a
 * random state whose base register is chosen so that the access lands in
 * a data window, compared over every register (V0-V31 included) and the
 * bytes around the access (tests/unit/diff_unicorn.h).
 *
 * As in test_diff_ldst.c both machines run at EL1 with the MMU off, where
 * armlet checks alignment (Device memory) and Unicorn does not, so each
 * access is aligned to what the Arm ARM requires of it: the register size
 * for single registers and pairs (16 for Q), the element size for the
 * structure forms. Register-offset forms with Rm == Rn are skipped (the
 * base then cannot be chosen freely). Vector registers hold random bits
 * half of the time (the FP edge values of diff_random_state otherwise).
 *
 * make check runs DIFF_LDST_SIMD_ITERS instructions per class and backend;
 * ARMLET_DIFF_ITERS=N runs N per class; ARMLET_DIFF_SEED=S changes the
 * seed. */
#include "tests/unit/test.h"

#include <stdlib.h>

#include "target-arm/a64-decode.h"
#include "tests/unit/arm_harness.h"
#include "tests/unit/diff_ldst.h"
#include "tests/unit/diff_unicorn.h"

/* 8 classes x 2000 x 2 backends = 32,000 runs. */
#define DIFF_LDST_SIMD_ITERS 2000

#define WINDOW      (HARNESS_DATA + 0x10000)
#define WINDOW_SIZE 0x10000ull
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t seed_base(void)
{
    const char *e = getenv("ARMLET_DIFF_SEED");
    return e ? strtoull(e, NULL, 0) : 0x51d0ull;
}

/* Log2 of the element size of a single-structure lane form, worked from
 * the encoding as in C7.2 LD1 (single structure): opcode<2:1> is the
 * scale, and scale 2 with size = 01 is a doubleword. */
static unsigned single_esize(uint32_t insn)
{
    unsigned sc = (insn >> 14) & 3, size = (insn >> 10) & 3;

    return sc == 2 && (size & 1) ? 3 : sc;
}

/* Where insn accesses relative to its base (offset before the access, 0
 * for post-index), the alignment it needs, and how many bytes it spans. */
typedef struct Plan {
    int64_t off;
    unsigned align, span;
} Plan;

static void plan_access(uint32_t insn, const DiffState *st, Plan *p)
{
    const char *name = a64_decode_name(insn);
    unsigned size = insn >> 30, q = (insn >> 23) & 1;
    unsigned rsize = q ? 4 : size;             /* single-register forms */

    p->off = 0;
    p->align = 1u << rsize;
    p->span = 1u << rsize;
    if (diff_name_in(name, H("STUR_v", "LDUR_v"))) {
        p->off = diff_sext(insn >> 12, 9);
    } else if (diff_name_in(name, H("STR_v_i", "LDR_v_i"))) {
        p->off = ((insn >> 10) & 3) == 1 ? 0 : diff_sext(insn >> 12, 9);
    } else if (diff_name_in(name, H("STR_v_ui", "LDR_v_ui"))) {
        p->off = (int64_t)(((insn >> 10) & 0xfff) << rsize);
    } else if (diff_name_in(name, H("STR_v_r", "LDR_v_r"))) {
        unsigned rm = (insn >> 16) & 31, option = (insn >> 13) & 7;
        uint64_t v = rm == 31 ? 0 : st->x[rm];
        if (!(option & 1)) {
            v = option & 4 ? (uint64_t)(int64_t)(int32_t)v : (uint32_t)v;
        }
        p->off = (int64_t)(v << ((insn >> 12) & 1 ? rsize : 0));
    } else if (diff_name_in(name, H("STNP_v", "LDNP_v", "STP_v", "LDP_v"))) {
        unsigned esize = 2 + size;
        p->align = 1u << esize;
        p->span = 2u << esize;
        p->off = ((insn >> 23) & 3) == 1 ? 0 : diff_sext(insn >> 15, 7) * (1 << esize);
    } else if (name[4] == 'm') {               /* LDn_m / STn_m: up to 64 bytes */
        p->align = 1u << ((insn >> 10) & 3);
        p->span = 64;
    } else if (name[4] == 's') {               /* LDn_s / STn_s */
        p->align = 1u << single_esize(insn);
        p->span = 32;
    } else {                                   /* LDnR */
        p->align = 1u << ((insn >> 10) & 3);
        p->span = 32;
    }
}

/* Point Rn of insn at a fresh aligned target in the window; fill and watch
 * the bytes around it. False if the base cannot be set (Rm == Rn). */
static bool aim(DiffCtx *d, DiffRng *r, uint32_t insn, DiffState *st)
{
    unsigned rn = (insn >> 5) & 31;
    const char *name = a64_decode_name(insn);
    uint64_t target, base;
    Plan p;

    if (strstr(name, "_v_r") && rn != 31 && ((insn >> 16) & 31) == rn) {
        return false;
    }
    plan_access(insn, st, &p);
    target = diff_random_pointer(r, WINDOW + 128, WINDOW_SIZE - 256, p.align);
    base = target - (uint64_t)p.off;
    if (rn == 31) {
        st->sp = base;
    } else {
        st->x[rn] = base;
    }
    diff_unwatch_all(d);
    diff_mem_fill_random(d, r, target - 32, p.span + 64);
    diff_watch(d, target - 32, p.span + 64);
    return true;
}

/* Random bits in the vector registers half of the time: loads and stores
 * move bits, and FP edge values alone repeat too many byte patterns. */
static void random_state(DiffRng *r, DiffState *st)
{
    diff_random_state(r, st);
    if (diff_rng_below(r, 2)) {
        for (int i = 0; i < 32; i++) {
            st->v[i][0] = diff_rng64(r);
            st->v[i][1] = diff_rng64(r);
        }
    }
}

static const DiffLdstClass plain_classes[] = {
    { "v-imm9", H("STUR_v", "LDUR_v", "STR_v_i", "LDR_v_i") },
    { "v-uimm", H("STR_v_ui", "LDR_v_ui") },
    { "v-regoff", H("STR_v_r", "LDR_v_r") },
    { "v-pair", H("STNP_v", "LDNP_v", "STP_v", "LDP_v") },
    { "multiple", H("ST1_m", "ST2_m", "ST3_m", "ST4_m", "LD1_m", "LD2_m", "LD3_m", "LD4_m") },
    { "single", H("ST1_s", "ST2_s", "ST3_s", "ST4_s", "LD1_s", "LD2_s", "LD3_s", "LD4_s") },
    { "replicate", H("LD1R", "LD2R", "LD3R", "LD4R") },
};

/* LDR (literal, SIMD&FP): targets aligned to the register size (opc 0
 * = S, 1 = D, 2 = Q). */
static unsigned literal_align(uint32_t insn)
{
    return 4u << (insn >> 30);
}

static void run_all(JitMode jit, uint64_t salt)
{
    DiffCtx *d = diff_new(jit);
    unsigned iters = diff_iters("ARMLET_DIFF_ITERS", DIFF_LDST_SIMD_ITERS), bad = 0;
    uint64_t seed = seed_base() ^ (salt << 32);

    for (unsigned c = 0; c < NELEM(plain_classes); c++) {
        bad += diff_run_plain(d, &plain_classes[c], random_state, aim, iters,
                              seed ^ ((uint64_t)c << 16));
    }
    bad += diff_run_literal(d, "v-literal", H("LDR_v_lit"), literal_align, random_state, iters,
                            seed ^ 0x100000);
    diff_free(d);
    CHECK_EQ(bad, 0);
}

TEST(ldst_simd_interp)
{
    run_all(JIT_INTERP, 1);
}

TEST(ldst_simd_native)
{
    run_all(JIT_NATIVE, 2);
}
