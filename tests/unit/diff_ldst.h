/* Pieces shared by the load/store differential tests (test_diff_ldst.c
 * for general registers, test_diff_ldst_simd.c for SIMD&FP registers). */
#ifndef TESTS_UNIT_DIFF_LDST_H
#define TESTS_UNIT_DIFF_LDST_H

#include <stdbool.h>
#include <stdint.h>

#include "tests/unit/diff_unicorn.h"

/* A NULL-terminated list of handler names. */
#define H(...) (const char *const[]){ __VA_ARGS__, NULL }

/* Literal targets: a pool of random bytes, and the code span below it
 * where literal loads run (both within imm19's +-1 MiB). */
#define LIT_POOL      (HARNESS_CODE + 0x80000)
#define LIT_SIZE      0x1000ull
#define LIT_CODE_SPAN 0x40000ull

/* The low bits of v, sign-extended. */
int64_t diff_sext(uint64_t v, unsigned bits);
/* Is name one of list? */
bool diff_name_in(const char *name, const char *const *list);
/* 1 (and a note naming the class and first word) if the last run did not
 * reach the end of the code, else 0. */
unsigned diff_check_done(DiffCtx *d, const char *cls, const uint32_t *insns, unsigned n);
/* A class of the table: a name for messages and its handlers. */
typedef struct DiffLdstClass {
    const char *name;
    const char *const *handlers;
} DiffLdstClass;

/* Single instructions of class def, each from state() and then aimed by
 * aim() (which returns false to skip the encoding, e.g. when the base
 * cannot be chosen): both machines must complete and agree. Returns the
 * number of mismatches and incomplete runs. */
unsigned diff_run_plain(DiffCtx *d, const DiffLdstClass *def,
                        void (*state)(DiffRng *r, DiffState *st),
                        bool (*aim)(DiffCtx *d, DiffRng *r, uint32_t insn, DiffState *st),
                        unsigned iters, uint64_t seed);
/* Literal loads of class cls (handlers): the code moves around below the
 * pool, imm19 is set so the target is a pool address aligned to
 * align(insn), and the state comes from state(). Returns the number of
 * mismatches and incomplete runs. */
unsigned diff_run_literal(DiffCtx *d, const char *cls, const char *const *handlers,
                          unsigned (*align)(uint32_t insn),
                          void (*state)(DiffRng *r, DiffState *st), unsigned iters,
                          uint64_t seed);

#endif
