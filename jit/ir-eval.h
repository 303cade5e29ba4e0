/* The exact semantics of the integer ops, shared by the interpreter and the
 * constant folder so folding can never disagree with execution. Values are
 * carried in uint64_t; for 32-bit ops inputs have bits 63..32 clear and
 * results are truncated the same way. docs/jit.md states the same rules. */
#ifndef JIT_IR_EVAL_H
#define JIT_IR_EVAL_H

#include <stdint.h>

#include "jit/ir.h"

static inline uint64_t ir_trunc(unsigned bits, uint64_t v)
{
    return bits == 32 ? (uint32_t)v : v;
}

/* Sign-extend the low `bits` bits (1..64) of v to 64 bits. */
static inline int64_t ir_sext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? (int64_t)v : (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static inline uint64_t ir_mask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

static inline int ir_eval_cond(IrCond c, unsigned bits, uint64_t a, uint64_t b)
{
    int64_t sa = ir_sext(a, bits), sb = ir_sext(b, bits);

    switch (c) {
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return sa < sb;
    case IR_COND_LE: return sa <= sb;
    case IR_COND_GT: return sa > sb;
    case IR_COND_GE: return sa >= sb;
    case IR_COND_LTU: return a < b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_TSTEQ: return (a & b) == 0;
    case IR_COND_TSTNE: return (a & b) != 0;
    default: return 0;
    }
}

static inline uint64_t ir_bswap(uint64_t v, unsigned bytes)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < bytes; i++) {
        r = (r << 8) | ((v >> (8 * i)) & 0xff);
    }
    return r;
}

/* One-output integer ops with up to two inputs (a, b) and two constants
 * (c0, c1). bits is 32 or 64. Ops outside that shape return 0. */
static inline uint64_t ir_eval_int(IrOpc opc, unsigned bits, uint64_t a, uint64_t b,
                                   uint64_t c0, uint64_t c1)
{
    unsigned sh = (unsigned)(b & (bits - 1));
    int64_t sa = ir_sext(a, bits), sb = ir_sext(b, bits);
    uint64_t r;

    switch (opc) {
    case IR_OP_mov: r = a; break;
    case IR_OP_movi: r = c0; break;
    case IR_OP_add: r = a + b; break;
    case IR_OP_sub: r = a - b; break;
    case IR_OP_mul: r = a * b; break;
    case IR_OP_neg: r = -a; break;
    case IR_OP_and: r = a & b; break;
    case IR_OP_or: r = a | b; break;
    case IR_OP_xor: r = a ^ b; break;
    case IR_OP_not: r = ~a; break;
    case IR_OP_andc: r = a & ~b; break;
    case IR_OP_orc: r = a | ~b; break;
    case IR_OP_eqv: r = ~(a ^ b); break;
    case IR_OP_shl: r = a << sh; break;
    case IR_OP_shr: r = a >> sh; break;
    case IR_OP_sar: r = (uint64_t)(sa >> sh); break;
    case IR_OP_rotl: r = sh ? (a << sh) | (a >> (bits - sh)) : a; break;
    case IR_OP_rotr: r = sh ? (a >> sh) | (a << (bits - sh)) : a; break;
    case IR_OP_clz:
        r = a ? (unsigned)__builtin_clzll(a) - (64 - bits) : bits;
        break;
    case IR_OP_ctz: r = a ? (unsigned)__builtin_ctzll(a) : bits; break;
    case IR_OP_ctpop: r = (unsigned)__builtin_popcountll(a); break;
    case IR_OP_bswap16: r = ir_bswap(a, 2); break;
    case IR_OP_bswap32: r = ir_bswap(a, 4); break;
    case IR_OP_bswap64: r = ir_bswap(a, 8); break;
    case IR_OP_ext8s: r = (uint64_t)ir_sext(a, 8); break;
    case IR_OP_ext8u: r = (uint8_t)a; break;
    case IR_OP_ext16s: r = (uint64_t)ir_sext(a, 16); break;
    case IR_OP_ext16u: r = (uint16_t)a; break;
    case IR_OP_ext32s: r = (uint64_t)ir_sext(a, 32); break;
    case IR_OP_ext32u: r = (uint32_t)a; break;
    case IR_OP_extract: r = (a >> c0) & ir_mask((unsigned)c1); break;
    case IR_OP_sextract: r = (uint64_t)ir_sext(a >> c0, (unsigned)c1); break;
    case IR_OP_deposit: {
        uint64_t m = ir_mask((unsigned)c1) << c0;
        r = (a & ~m) | ((b << c0) & m);
        break;
    }
    case IR_OP_extract2: r = c0 ? (a >> c0) | (b << (bits - c0)) : a; break;
    case IR_OP_div:
        if (sb == 0) {
            r = 0;
        } else if (sb == -1) {
            r = -(uint64_t)sa;   /* MIN / -1 = MIN, without overflow */
        } else {
            r = (uint64_t)(sa / sb);
        }
        break;
    case IR_OP_divu: r = b ? a / b : 0; break;
    case IR_OP_rem:
        if (sb == 0) {
            r = a;
        } else if (sb == -1) {
            r = 0;
        } else {
            r = (uint64_t)(sa % sb);
        }
        break;
    case IR_OP_remu: r = b ? a % b : a; break;
    case IR_OP_setcond: r = (uint64_t)ir_eval_cond((IrCond)c0, bits, a, b); break;
    default: r = 0; break;
    }
    return ir_trunc(bits, r);
}

/* Full products for mulu2/muls2: *lo, *hi halves of a * b at width bits. */
static inline void ir_eval_mul2(int is_signed, unsigned bits, uint64_t a, uint64_t b,
                                uint64_t *lo, uint64_t *hi)
{
    if (bits == 32) {
        uint64_t p = is_signed ? (uint64_t)(ir_sext(a, 32) * ir_sext(b, 32)) : a * b;
        *lo = (uint32_t)p;
        *hi = (uint32_t)(p >> 32);
    } else if (is_signed) {
        __int128 p = (__int128)(int64_t)a * (int64_t)b;
        *lo = (uint64_t)p;
        *hi = (uint64_t)((unsigned __int128)p >> 64);
    } else {
        unsigned __int128 p = (unsigned __int128)a * b;
        *lo = (uint64_t)p;
        *hi = (uint64_t)(p >> 64);
    }
}

#endif
