/* A64 translators: Advanced SIMD two-register miscellaneous, integer
 * opcodes, vector and scalar (Arm ARM DDI 0487, C4.1 "Advanced SIMD
 * two-register miscellaneous" and "Advanced SIMD scalar two-register
 * miscellaneous"). The work is one call of helper_simd_2misc with the op
 * named in the table below; NOT and the compares against zero that string
 * functions use are inline IR on 64-bit halves. */
#include "target-arm/trans-simd-misc.h"

static bool do_2misc(DisasContext *s, unsigned q, unsigned size, unsigned rn, unsigned rd,
                     bool scalar, Simd2MiscOp op)
{
    if (!fp_access_check(s)) {
        return true;
    }
    gen_simd_desc_helper(s, &helper_simd_2misc,
                         (SimdDesc){ .rd = rd, .rn = rn, .size = size, .q = q,
                                     .scalar = scalar, .op = op });
    return true;
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
TRANS_2MISC_V(CNT_v, S2M_CNT)
TRANS_2MISC_V(SQABS_v, S2M_SQABS)
TRANS_2MISC_V(SQNEG_v, S2M_SQNEG)
TRANS_2MISC_V(ABS_v, S2M_ABS)
TRANS_2MISC_V(NEG_v, S2M_NEG)
TRANS_2MISC_V(CMGT_zv, S2M_CMGT0)
TRANS_2MISC_V(CMGE_zv, S2M_CMGE0)
TRANS_2MISC_V(CMLE_zv, S2M_CMLE0)
TRANS_2MISC_V(CMLT_zv, S2M_CMLT0)
TRANS_2MISC_V(XTN, S2M_XTN)
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
