/* A64 load/store encoders for tests (Arm ARM C4.1.4 field layouts), shared
 * by the directed tests (test_arm_ldst.c) and the differential tests
 * (test_diff_ldst.c). Each returns one instruction word. */
#ifndef TESTS_UNIT_LDST_ENC_H
#define TESTS_UNIT_LDST_ENC_H

#include <stdint.h>

/* opc of the single-register forms: 0 STR, 1 LDR, 2 LDRS to X, 3 LDRS to W */
enum { OPC_ST = 0, OPC_LD = 1, OPC_LDSX = 2, OPC_LDSW = 3 };
/* idx of the 9-bit immediate forms */
enum { IDX_UNSCALED = 0, IDX_POST = 1, IDX_UNPRIV = 2, IDX_PRE = 3 };
/* register-offset extend options */
enum { EXT_UXTW = 2, EXT_LSL = 3, EXT_SXTW = 6, EXT_SXTX = 7 };
/* pair idx */
enum { PIDX_NT = 0, PIDX_POST = 1, PIDX_OFF = 2, PIDX_PRE = 3 };

static inline uint32_t enc_ldst_imm9(unsigned size, unsigned opc, int imm9, unsigned idx,
                                     unsigned rn, unsigned rt)
{
    return size << 30 | 0x38000000u | opc << 22 | ((uint32_t)imm9 & 0x1ff) << 12 | idx << 10 |
           rn << 5 | rt;
}

/* off is the byte offset (a multiple of 1 << size) */
static inline uint32_t enc_ldst_ui(unsigned size, unsigned opc, unsigned off, unsigned rn,
                                   unsigned rt)
{
    return size << 30 | 0x39000000u | opc << 22 | ((off >> size) & 0xfff) << 10 | rn << 5 | rt;
}

static inline uint32_t enc_ldst_reg(unsigned size, unsigned opc, unsigned rm, unsigned option,
                                    unsigned s, unsigned rn, unsigned rt)
{
    return size << 30 | 0x38200800u | opc << 22 | rm << 16 | option << 13 | s << 12 | rn << 5 |
           rt;
}

/* opc: 0 LDR W, 1 LDR X, 2 LDRSW, 3 PRFM; off in bytes from the insn */
static inline uint32_t enc_ldr_lit(unsigned opc, int off, unsigned rt)
{
    return opc << 30 | 0x18000000u | (((uint32_t)off >> 2) & 0x7ffff) << 5 | rt;
}

/* opc: 0 W, 1 LDPSW, 2 X; off in bytes */
static inline uint32_t enc_pair(unsigned opc, unsigned idx, unsigned load, int off, unsigned rt2,
                                unsigned rn, unsigned rt)
{
    unsigned scale = opc == 2 ? 3 : 2;
    return opc << 30 | 0x28000000u | idx << 23 | load << 22 |
           (((uint32_t)off >> scale) & 0x7f) << 15 | rt2 << 10 | rn << 5 | rt;
}

/* the exclusive/ordered group: o2 L o1 o0 as in C4.1.4 */
static inline uint32_t enc_excl(unsigned size, unsigned o2, unsigned l, unsigned o1, unsigned rs,
                                unsigned o0, unsigned rt2, unsigned rn, unsigned rt)
{
    return size << 30 | 0x08000000u | o2 << 23 | l << 22 | o1 << 21 | rs << 16 | o0 << 15 |
           rt2 << 10 | rn << 5 | rt;
}
#define ENC_LDXR(size, rn, rt)       enc_excl(size, 0, 1, 0, 31, 0, 31, rn, rt)
#define ENC_LDAXR(size, rn, rt)      enc_excl(size, 0, 1, 0, 31, 1, 31, rn, rt)
#define ENC_STXR(size, rs, rn, rt)   enc_excl(size, 0, 0, 0, rs, 0, 31, rn, rt)
#define ENC_STLXR(size, rs, rn, rt)  enc_excl(size, 0, 0, 0, rs, 1, 31, rn, rt)
#define ENC_LDAR(size, rn, rt)       enc_excl(size, 1, 1, 0, 31, 1, 31, rn, rt)
#define ENC_STLR(size, rn, rt)       enc_excl(size, 1, 0, 0, 31, 1, 31, rn, rt)
/* sz: 0 = W pair, 1 = X pair */
#define ENC_LDXP(sz, rt2, rn, rt)      enc_excl(2 + (sz), 0, 1, 1, 31, 0, rt2, rn, rt)
#define ENC_LDAXP(sz, rt2, rn, rt)     enc_excl(2 + (sz), 0, 1, 1, 31, 1, rt2, rn, rt)
#define ENC_STXP(sz, rs, rt2, rn, rt)  enc_excl(2 + (sz), 0, 0, 1, rs, 0, rt2, rn, rt)
#define ENC_STLXP(sz, rs, rt2, rn, rt) enc_excl(2 + (sz), 0, 0, 1, rs, 1, rt2, rn, rt)

/* CAS: a = acquire, l = release */
static inline uint32_t enc_cas(unsigned size, unsigned a, unsigned l, unsigned rs, unsigned rn,
                               unsigned rt)
{
    return size << 30 | 0x08a07c00u | a << 22 | rs << 16 | l << 15 | rn << 5 | rt;
}

/* CASP: sz 0 = W pairs, 1 = X pairs */
static inline uint32_t enc_casp(unsigned sz, unsigned a, unsigned l, unsigned rs, unsigned rn,
                                unsigned rt)
{
    return sz << 30 | 0x08207c00u | a << 22 | rs << 16 | l << 15 | rn << 5 | rt;
}

/* LSE atomic memory operations: o3:opc 0..7 = ADD CLR EOR SET SMAX SMIN
 * UMAX UMIN, 8 = SWP */
enum { AT_ADD, AT_CLR, AT_EOR, AT_SET, AT_SMAX, AT_SMIN, AT_UMAX, AT_UMIN, AT_SWP };
static inline uint32_t enc_atomic(unsigned size, unsigned a, unsigned r, unsigned op,
                                  unsigned rs, unsigned rn, unsigned rt)
{
    return size << 30 | 0x38200000u | a << 23 | r << 22 | rs << 16 | (op >> 3) << 15 |
           (op & 7) << 12 | rn << 5 | rt;
}

#endif
