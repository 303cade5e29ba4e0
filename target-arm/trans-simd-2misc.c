/* A64 translators: Advanced SIMD two-register miscellaneous, integer
 * opcodes, vector and scalar (Arm ARM DDI 0487, C4.1 "Advanced SIMD
 * two-register miscellaneous" and "Advanced SIMD scalar two-register
 * miscellaneous"). The work is one call of helper_simd_2misc with the op
 * named in the table below. NOT, CNT (the popcount idiom CNT + ADDV),
 * CMEQ #0 and XTN (the NUL search of string functions, the narrowing of
 * vectorized loops) are inline IR on 64-bit halves. */
#include "target-arm/trans-simd-misc.h"

static bool do_2misc(DisasContext *s, unsigned q, unsigned size, unsigned rn, unsigned rd,
                     bool scalar, Simd2MiscOp op)
{
    SimdDesc d = { .rd = rd, .rn = rn, .size = size, .q = q, .scalar = scalar, .op = op };

    return trans_simd_helper(s, &helper_simd_2misc, d);
}

#define TRANS_2MISC_V(name, op)                                                  \
    bool trans_##name(DisasContext *s, arg_simd_2misc *a)                        \
    {                                                                            \
        return do_2misc(s, a->q, a->size, a->rn, a->rd, false, op);              \
    }
#define TRANS_2MISC_S(name, op)                                                  \
    bool trans_##name(DisasContext *s, arg_simd_2misc_s *a)                      \
    {                                                                            \
        return do_2misc(s, 0, a->size, a->rn, a->rd, true, op);                  \
    }

TRANS_2MISC_V(REV64_v, S2M_REV64)
TRANS_2MISC_V(REV32_v, S2M_REV32)
TRANS_2MISC_V(REV16_v, S2M_REV16)
TRANS_2MISC_V(SADDLP, S2M_SADDLP)
TRANS_2MISC_V(UADDLP, S2M_UADDLP)
TRANS_2MISC_V(SADALP, S2M_SADALP)
TRANS_2MISC_V(UADALP, S2M_UADALP)
TRANS_2MISC_V(SUQADD_v, S2M_SUQADD)
TRANS_2MISC_V(USQADD_v, S2M_USQADD)
TRANS_2MISC_V(CLS_v, S2M_CLS)
TRANS_2MISC_V(CLZ_v, S2M_CLZ)
TRANS_2MISC_V(SQABS_v, S2M_SQABS)
TRANS_2MISC_V(SQNEG_v, S2M_SQNEG)
TRANS_2MISC_V(ABS_v, S2M_ABS)
TRANS_2MISC_V(NEG_v, S2M_NEG)
TRANS_2MISC_V(CMGT_zv, S2M_CMGT0)
TRANS_2MISC_V(CMGE_zv, S2M_CMGE0)
TRANS_2MISC_V(CMLE_zv, S2M_CMLE0)
TRANS_2MISC_V(CMLT_zv, S2M_CMLT0)
TRANS_2MISC_V(SQXTN_v, S2M_SQXTN)
TRANS_2MISC_V(UQXTN_v, S2M_UQXTN)
TRANS_2MISC_V(SQXTUN_v, S2M_SQXTUN)
TRANS_2MISC_V(SHLL, S2M_SHLL)

TRANS_2MISC_S(SUQADD_s, S2M_SUQADD)
TRANS_2MISC_S(USQADD_s, S2M_USQADD)
TRANS_2MISC_S(SQABS_s, S2M_SQABS)
TRANS_2MISC_S(SQNEG_s, S2M_SQNEG)
TRANS_2MISC_S(ABS_s, S2M_ABS)
TRANS_2MISC_S(NEG_s, S2M_NEG)
TRANS_2MISC_S(CMGT_zs, S2M_CMGT0)
TRANS_2MISC_S(CMGE_zs, S2M_CMGE0)
TRANS_2MISC_S(CMEQ_zs, S2M_CMEQ0)
TRANS_2MISC_S(CMLE_zs, S2M_CMLE0)
TRANS_2MISC_S(CMLT_zs, S2M_CMLT0)
TRANS_2MISC_S(SQXTN_s, S2M_SQXTN)
TRANS_2MISC_S(UQXTN_s, S2M_UQXTN)
TRANS_2MISC_S(SQXTUN_s, S2M_SQXTUN)

/* C6.2 RBIT (vector): the size field is 01 but the elements are bytes. */
bool trans_RBIT_v(DisasContext *s, arg_simd_2misc *a)
{
    return do_2misc(s, a->q, 0, a->rn, a->rd, false, S2M_RBIT);
}

/* C6.2 NOT (alias MVN): bitwise, so one op per half. */
bool trans_NOT_v(DisasContext *s, arg_simd_2misc *a)
{
    IrTemp r[2];

    if (!fp_access_check(s)) {
        return true;
    }
    for (unsigned h = 0; h <= a->q; h++) {
        r[h] = new_tmp(s);
        ir_not(s->b, IR_I64, r[h], read_vreg64(s, a->rn, h));
    }
    gen_write_vec(s, a->rd, a->q, r[0], a->q ? r[1] : r[0]);
    return true;
}

/* C6.2 CMEQ (zero), the test at the heart of strlen/memchr: per 64-bit
 * half, without a loop over lanes. With H = the top bit of each lane and
 * L = the other bits, ((x & L) + L) | x has H set exactly in the nonzero
 * lanes (the add carries into H iff a low bit is set, and cannot carry out
 * of the lane); the zero lanes' H bits, moved to bit 0 and multiplied by
 * the lane mask, give the all-ones lanes. */
bool trans_CMEQ_zv(DisasContext *s, arg_simd_2misc *a)
{
    unsigned bits = 8u << a->size;
    uint64_t lane = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t high = (1ull << (bits - 1)) * simd_rep64(a->size);
    IrTemp r[2];

    if (!fp_access_check(s)) {
        return true;
    }
    for (unsigned h = 0; h <= a->q; h++) {
        IrTemp x = read_vreg64(s, a->rn, h), t = new_tmp(s);
        IrTemp low = tmp_const(s, ~high);

        ir_and(s->b, IR_I64, t, x, low);
        ir_add(s->b, IR_I64, t, t, low);
        ir_or(s->b, IR_I64, t, t, x);
        ir_andc(s->b, IR_I64, t, tmp_const(s, high), t);
        ir_shr(s->b, IR_I64, t, t, tmp_const(s, bits - 1));
        ir_mul(s->b, IR_I64, t, t, tmp_const(s, lane));
        r[h] = t;
    }
    gen_write_vec(s, a->rd, a->q, r[0], a->q ? r[1] : r[0]);
    return true;
}

/* C6.2 CNT: per-byte population count, by the usual SWAR steps (pairs,
 * nibbles, bytes); no step carries across a byte. */
bool trans_CNT_v(DisasContext *s, arg_simd_2misc *a)
{
    IrTemp r[2];

    if (!fp_access_check(s)) {
        return true;
    }
    for (unsigned h = 0; h <= a->q; h++) {
        IrTemp x = read_vreg64(s, a->rn, h), t = new_tmp(s), u = new_tmp(s);

        /* x - ((x >> 1) & 0x55..): 2-bit counts */
        ir_shr(s->b, IR_I64, t, x, tmp_const(s, 1));
        ir_and(s->b, IR_I64, t, t, tmp_const(s, 0x5555555555555555ull));
        ir_sub(s->b, IR_I64, t, x, t);
        /* 4-bit counts */
        ir_shr(s->b, IR_I64, u, t, tmp_const(s, 2));
        ir_and(s->b, IR_I64, u, u, tmp_const(s, 0x3333333333333333ull));
        ir_and(s->b, IR_I64, t, t, tmp_const(s, 0x3333333333333333ull));
        ir_add(s->b, IR_I64, t, t, u);
        /* 8-bit counts */
        ir_shr(s->b, IR_I64, u, t, tmp_const(s, 4));
        ir_add(s->b, IR_I64, t, t, u);
        ir_and(s->b, IR_I64, t, t, tmp_const(s, 0x0f0f0f0f0f0f0f0full));
        r[h] = t;
    }
    gen_write_vec(s, a->rd, a->q, r[0], a->q ? r[1] : r[0]);
    return true;
}

/* Mask m repeated every period bits (a power of two, 8..64). */
static uint64_t rep_period(uint64_t m, unsigned period)
{
    uint64_t r = 0;

    for (unsigned pos = 0; pos < 64; pos += period) {
        r |= m << pos;
    }
    return r;
}

/* Each source half gives 32 bits: the lanes, masked to esize, are packed
 * by merging neighbouring groups (g bits each, one per 2g-bit slot) until
 * one group of 32 bits is left. */
static IrTemp gen_narrow_half(DisasContext *s, IrTemp x, unsigned size, unsigned shift)
{
    unsigned e = 8u << size;
    IrTemp t = new_tmp(s), u = new_tmp(s);

    if (shift) {
        ir_shr(s->b, IR_I64, t, x, tmp_const(s, shift));
        x = t;
    }
    ir_and(s->b, IR_I64, t, x, tmp_const(s, rep_period((1ull << e) - 1, 2 * e)));
    for (unsigned g = e; g < 32; g *= 2) {
        ir_shr(s->b, IR_I64, u, t, tmp_const(s, g));
        ir_or(s->b, IR_I64, t, t, u);
        ir_and(s->b, IR_I64, t, t, tmp_const(s, rep_period((1ull << (2 * g)) - 1, 4 * g)));
    }
    return t;
}

void gen_narrow_shift(DisasContext *s, unsigned rd, unsigned rn, unsigned size, unsigned shift,
                      bool q)
{
    IrTemp lo = gen_narrow_half(s, read_vreg64(s, rn, 0), size, shift);
    IrTemp hi = gen_narrow_half(s, read_vreg64(s, rn, 1), size, shift);
    IrTemp r = new_tmp(s);

    ir_deposit(s->b, IR_I64, r, lo, hi, 32, 32);
    if (q) {
        write_vreg64(s, rd, 1, r);
    } else {
        gen_write_vec(s, rd, false, r, r);
    }
}

/* C6.2 XTN, XTN2. */
bool trans_XTN(DisasContext *s, arg_simd_2misc *a)
{
    if (!fp_access_check(s)) {
        return true;
    }
    gen_narrow_shift(s, a->rd, a->rn, a->size, 0, a->q);
    return true;
}
