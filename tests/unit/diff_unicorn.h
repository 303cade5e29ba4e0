/* Differential testing of armlet's A64 core against Unicorn (2.0.x, the
 * reference semantics): the same code, registers, NZCV and memory go into
 * both; after a run every general register, SP, NZCV, the outcome (done,
 * UNDEF, memory fault) and the watched memory ranges must agree.
 *
 * Exception level: armlet runs at EL1h with the MMU off (the harness's
 * reset state), which is what Unicorn does too. With the MMU off, data
 * accesses are Device-nGnRnE (Arm ARM D5.2.9 "The effects of disabling a
 * stage of address translation"), so armlet faults on unaligned accesses
 * where Unicorn 2.0.1 (based on QEMU 5) does not: callers testing loads and
 * stores should align addresses (diff_random_pointer) or skip the outcome
 * comparison for unaligned ones.
 *
 * Typical use (one context per test process; the harness is process-wide):
 *
 *     DiffCtx *d = diff_new(JIT_INTERP);
 *     DiffClass cls;
 *     diff_class_init(&cls, "dp-imm", (const char *const[]){ "ADD_i", NULL });
 *     DiffRng r; diff_rng_seed(&r, 1);
 *     for (...) {
 *         DiffState st; uint32_t insn;
 *         CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
 *         diff_random_state(&r, &st);
 *         if (!diff_run(d, &insn, 1, &st)) failures++;
 *     }
 *
 * A mismatch prints the encoding(s) with their capstone disassembly, the
 * input state, both final states (differing registers marked) and the first
 * differing bytes of memory, to stderr. */
#ifndef TESTS_UNIT_DIFF_UNICORN_H
#define TESTS_UNIT_DIFF_UNICORN_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/options.h"

/* ---- random numbers ---- */

typedef struct DiffRng {
    uint64_t s;
} DiffRng;

void diff_rng_seed(DiffRng *r, uint64_t seed);
uint64_t diff_rng64(DiffRng *r);
/* Uniform in [0, n), n > 0. */
uint64_t diff_rng_below(DiffRng *r, uint64_t n);
/* A register value biased towards the edges arithmetic gets wrong: 0, 1,
 * -1, INT32_MIN/MAX, UINT32_MAX, INT64_MIN/MAX, powers of two and their
 * neighbours, small shift-like counts, 32-bit values sign- or zero-extended,
 * and plain random 64-bit values. */
uint64_t diff_rng_value(DiffRng *r);
/* An address in [base, base + size) aligned to align (a power of two). */
uint64_t diff_random_pointer(DiffRng *r, uint64_t base, uint64_t size, uint64_t align);
/* Iteration count: the environment variable env (e.g. "ARMLET_DIFF_ITERS")
 * scales def when set: a plain number replaces it. */
unsigned diff_iters(const char *env, unsigned def);

/* ---- CPU state compared ---- */

typedef struct DiffState {
    uint64_t x[31];
    uint64_t sp;
    uint32_t nzcv;     /* in PSTATE position: N bit 31, Z 30, C 29, V 28 */
    /* FP/SIMD: V<n> bits 63:0 in v[n][0], 127:64 in v[n][1]. Both machines
     * run with CPACR_EL1.FPEN = 0b11. fpcr holds AHP/DN/FZ/RMode; fpsr is
     * compared on QC and the cumulative exception flags. */
    uint64_t v[32][2];
    uint32_t fpcr, fpsr;
} DiffState;

/* Every register from diff_rng_value (sometimes equal to another register,
 * so equality edge cases occur), random NZCV; vector registers from
 * diff_rng_fp_lane, FPCR and FPSR 0. */
void diff_random_state(DiffRng *r, DiffState *st);
/* 64 bits for a vector lane: either one double or two floats (or four
 * halves) drawn from the values FP gets wrong (signed zeros, infinities,
 * quiet and signalling NaNs with payloads, subnormals, the extremes of
 * each format, one and its neighbours, values near integer and conversion
 * limits) or random bits. */
uint64_t diff_rng_fp_lane(DiffRng *r);

/* ---- instruction classes from the decode table ---- */

#define DIFF_CLASS_MAX_ENTRIES 96

/* A set of decode-table entries (by handler name). Random encodings take an
 * entry's fixed bits (a64_decode_entry_pattern) and random other bits, and
 * are kept only if the decoder maps them to an entry of the class. */
typedef struct DiffClass {
    const char *name;
    unsigned nentries;
    int entries[DIFF_CLASS_MAX_ENTRIES];
} DiffClass;

/* handlers: NULL-terminated list of handler names (e.g. "ADD_i"); every
 * entry with one of these names joins the class. Returns the number of
 * entries; a name with no entry aborts (a test bug, or a table change). */
unsigned diff_class_init(DiffClass *cls, const char *name, const char *const *handlers);
/* A random valid encoding of the class (entries equally likely), with the
 * bits in fix_mask forced to fix_value (e.g. to pick a base register).
 * False if none was found after many tries (fix_mask excludes the class). */
bool diff_class_random(const DiffClass *cls, DiffRng *r, uint32_t fix_mask, uint32_t fix_value,
                       uint32_t *insn);

/* ---- running ---- */

typedef enum DiffOutcome {
    DIFF_DONE,          /* reached the end of the code */
    DIFF_UNDEF,         /* undefined instruction */
    DIFF_MEM_FAULT,     /* data or instruction abort / unmapped access */
    DIFF_OTHER_EXC,     /* any other exception (SVC, alignment, ...) */
    DIFF_TIMEOUT,       /* armlet only: ran out of budget */
} DiffOutcome;

typedef struct DiffCtx DiffCtx;

/* The armlet harness (tests/unit/arm_harness.h) with the given backend and
 * a Unicorn AArch64 engine mapping the same RAM (HARNESS_RAM_BASE, size
 * HARNESS_RAM_SIZE). One per process. */
DiffCtx *diff_new(JitMode jit);
void diff_free(DiffCtx *d);

/* Where the code goes (default HARNESS_CODE); must leave room for the
 * code plus one stop instruction below HARNESS_VBAR. ADR/ADRP tests vary
 * it to exercise page offsets. */
void diff_set_code_addr(DiffCtx *d, uint64_t addr);
/* Memory in both machines. */
void diff_mem_write(DiffCtx *d, uint64_t addr, const void *buf, uint64_t len);
void diff_mem_fill_random(DiffCtx *d, DiffRng *r, uint64_t addr, uint64_t len);
/* Ranges compared after every run (at most 8); cleared by diff_unwatch_all. */
void diff_watch(DiffCtx *d, uint64_t addr, uint64_t len);
void diff_unwatch_all(DiffCtx *d);
/* Print at most n mismatches (default 5); later ones are only counted. */
void diff_set_max_reports(DiffCtx *d, unsigned n);

/* Run n instructions (straight-line code: Unicorn stops at the end
 * address) from state in in both machines and compare. Returns true when
 * they agree; otherwise prints the mismatch (within the report budget). */
bool diff_run(DiffCtx *d, const uint32_t *insns, unsigned n, const DiffState *in);

/* Results of the last diff_run, for callers that check more. */
typedef struct DiffResult {
    DiffOutcome armlet_outcome, unicorn_outcome;
    DiffState armlet, unicorn;
} DiffResult;
const DiffResult *diff_last(const DiffCtx *d);
/* Number of diff_run calls that mismatched so far. */
unsigned diff_mismatches(const DiffCtx *d);

/* "add x0, x1, #4" from capstone, or ".word 0x..." if it does not know it. */
void diff_disasm(uint32_t insn, uint64_t pc, char *buf, unsigned len);

#endif
