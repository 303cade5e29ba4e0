/* A64 translators: "Advanced SIMD three same" and "Advanced SIMD scalar
 * three same", integer forms (Arm ARM DDI 0487, C4.1; pseudocode in C6.2).
 *
 * The bitwise operations and ADD/SUB are plain i64 IR on the two 64-bit
 * halves (ADD/SUB of 8/16/32-bit lanes with the carries between lanes
 * masked off); everything else calls helper_simd_3same with the operation
 * and shape in its descriptor. A 64-bit (Q = 0) result clears bits 127:64
 * of Vd. */
#include "target-arm/trans-simd-arith.h"

static bool do_3same(DisasContext *s, arg_simd3 *a, SimdOp op, uint64_t flags)
{
    return gen_simd_arith(s, &helper_simd_3same, a->rd, a->rn, a->rm,
                          SIMD_D_OP(op) | SIMD_D_SIZE(a->size) | (a->q ? SIMD_D_Q : 0) | flags);
}

static bool do_3same_scalar(DisasContext *s, arg_simd3s *a, SimdOp op)
{
    return gen_simd_arith(s, &helper_simd_3same, a->rd, a->rn, a->rm,
                          SIMD_D_OP(op) | SIMD_D_SIZE(a->size) | SIMD_D_SCALAR);
}

#define TRANS_3SAME(name, op, flags)                                \
    bool trans_##name##_v(DisasContext *s, arg_simd3 *a)            \
    {                                                               \
        return do_3same(s, a, op, flags);                           \
    }
#define TRANS_3SAME_S(name, op)                                     \
    bool trans_##name##_s(DisasContext *s, arg_simd3s *a)           \
    {                                                               \
        return do_3same_scalar(s, a, op);                           \
    }

TRANS_3SAME(SHADD, SOP_SHADD, 0)
TRANS_3SAME(UHADD, SOP_UHADD, 0)
TRANS_3SAME(SRHADD, SOP_SRHADD, 0)
TRANS_3SAME(URHADD, SOP_URHADD, 0)
TRANS_3SAME(SHSUB, SOP_SHSUB, 0)
TRANS_3SAME(UHSUB, SOP_UHSUB, 0)
TRANS_3SAME(SQADD, SOP_SQADD, 0)
TRANS_3SAME(UQADD, SOP_UQADD, 0)
TRANS_3SAME(SQSUB, SOP_SQSUB, 0)
TRANS_3SAME(UQSUB, SOP_UQSUB, 0)
TRANS_3SAME(CMGT, SOP_CMGT, 0)
TRANS_3SAME(CMHI, SOP_CMHI, 0)
TRANS_3SAME(CMGE, SOP_CMGE, 0)
TRANS_3SAME(CMHS, SOP_CMHS, 0)
TRANS_3SAME(CMTST, SOP_CMTST, 0)
TRANS_3SAME(CMEQ, SOP_CMEQ, 0)
TRANS_3SAME(SSHL, SOP_SSHL, 0)
TRANS_3SAME(USHL, SOP_USHL, 0)
TRANS_3SAME(SQSHL, SOP_SQSHL, 0)
TRANS_3SAME(UQSHL, SOP_UQSHL, 0)
TRANS_3SAME(SRSHL, SOP_SRSHL, 0)
TRANS_3SAME(URSHL, SOP_URSHL, 0)
TRANS_3SAME(SQRSHL, SOP_SQRSHL, 0)
TRANS_3SAME(UQRSHL, SOP_UQRSHL, 0)
TRANS_3SAME(SMAX, SOP_SMAX, 0)
TRANS_3SAME(UMAX, SOP_UMAX, 0)
TRANS_3SAME(SMIN, SOP_SMIN, 0)
TRANS_3SAME(UMIN, SOP_UMIN, 0)
TRANS_3SAME(SABD, SOP_SABD, 0)
TRANS_3SAME(UABD, SOP_UABD, 0)
TRANS_3SAME(SABA, SOP_SABA, 0)
TRANS_3SAME(UABA, SOP_UABA, 0)
TRANS_3SAME(MLA, SOP_MLA, 0)
TRANS_3SAME(MLS, SOP_MLS, 0)
TRANS_3SAME(MUL, SOP_MUL, 0)
TRANS_3SAME(PMUL, SOP_PMUL, 0)
TRANS_3SAME(SQDMULH, SOP_SQDMULH, 0)
TRANS_3SAME(SQRDMULH, SOP_SQRDMULH, 0)
TRANS_3SAME(SMAXP, SOP_SMAX, SIMD_D_PAIRWISE)
TRANS_3SAME(UMAXP, SOP_UMAX, SIMD_D_PAIRWISE)
TRANS_3SAME(SMINP, SOP_SMIN, SIMD_D_PAIRWISE)
TRANS_3SAME(UMINP, SOP_UMIN, SIMD_D_PAIRWISE)
TRANS_3SAME(ADDP, SOP_ADD, SIMD_D_PAIRWISE)

TRANS_3SAME_S(SQADD, SOP_SQADD)
TRANS_3SAME_S(UQADD, SOP_UQADD)
TRANS_3SAME_S(SQSUB, SOP_SQSUB)
TRANS_3SAME_S(UQSUB, SOP_UQSUB)
TRANS_3SAME_S(CMGT, SOP_CMGT)
TRANS_3SAME_S(CMHI, SOP_CMHI)
TRANS_3SAME_S(CMGE, SOP_CMGE)
TRANS_3SAME_S(CMHS, SOP_CMHS)
TRANS_3SAME_S(CMTST, SOP_CMTST)
TRANS_3SAME_S(CMEQ, SOP_CMEQ)
TRANS_3SAME_S(SSHL, SOP_SSHL)
TRANS_3SAME_S(USHL, SOP_USHL)
TRANS_3SAME_S(SQSHL, SOP_SQSHL)
TRANS_3SAME_S(UQSHL, SOP_UQSHL)
TRANS_3SAME_S(SRSHL, SOP_SRSHL)
TRANS_3SAME_S(URSHL, SOP_URSHL)
TRANS_3SAME_S(SQRSHL, SOP_SQRSHL)
TRANS_3SAME_S(UQRSHL, SOP_UQRSHL)
TRANS_3SAME_S(SQDMULH, SOP_SQDMULH)
TRANS_3SAME_S(SQRDMULH, SOP_SQRDMULH)

/* ---- bitwise: C6.2 AND/BIC/ORR/ORN/EOR (vector) and BSL/BIT/BIF, on each
 * 64-bit half; d is the old Vd half (read only by the three inserts) ---- */

typedef void LogicGen(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d);

static void gen_and(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d)
{
    ir_and(b, IR_I64, r, n, m);
}

static void gen_bic(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d)
{
    ir_andc(b, IR_I64, r, n, m);
}

static void gen_orr(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d)
{
    ir_or(b, IR_I64, r, n, m);
}

static void gen_orn(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d)
{
    ir_orc(b, IR_I64, r, n, m);
}

static void gen_eor(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d)
{
    ir_xor(b, IR_I64, r, n, m);
}

/* r = x ^ ((x ^ y) & sel): y where sel is one, x where it is zero. */
static void gen_select(IrBlock *b, IrTemp r, IrTemp x, IrTemp y, IrTemp sel)
{
    ir_xor(b, IR_I64, r, x, y);
    ir_and(b, IR_I64, r, r, sel);
    ir_xor(b, IR_I64, r, r, x);
}

/* BSL: Vd selects Vn (one) or Vm (zero). */
static void gen_bsl(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d)
{
    gen_select(b, r, m, n, d);
}

/* BIT: insert Vn into Vd where Vm is one. */
static void gen_bit(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d)
{
    gen_select(b, r, d, n, m);
}

/* BIF: insert Vn into Vd where Vm is zero, i.e. keep Vd where it is one. */
static void gen_bif(IrBlock *b, IrTemp r, IrTemp n, IrTemp m, IrTemp d)
{
    gen_select(b, r, n, d, m);
}

static bool do_logic(DisasContext *s, arg_simd3 *a, LogicGen *gen, bool reads_d)
{
    if (!fp_access_check(s)) {
        return true;
    }
    for (unsigned h = 0; h <= a->q; h++) {
        IrTemp r = new_tmp(s);
        IrTemp d = reads_d ? read_vreg64(s, a->rd, h) : IR_NO_TEMP;

        gen(s->b, r, read_vreg64(s, a->rn, h), read_vreg64(s, a->rm, h), d);
        write_vreg64(s, a->rd, h, r);
    }
    if (!a->q) {
        clear_vreg_high(s, a->rd);
    }
    return true;
}

#define TRANS_LOGIC(name, gen, reads_d)                             \
    bool trans_##name##_v(DisasContext *s, arg_simd3 *a)            \
    {                                                               \
        return do_logic(s, a, gen, reads_d);                        \
    }

TRANS_LOGIC(AND, gen_and, false)
TRANS_LOGIC(BIC, gen_bic, false)
TRANS_LOGIC(ORR, gen_orr, false)
TRANS_LOGIC(ORN, gen_orn, false)
TRANS_LOGIC(EOR, gen_eor, false)
TRANS_LOGIC(BSL, gen_bsl, true)
TRANS_LOGIC(BIT, gen_bit, true)
TRANS_LOGIC(BIF, gen_bif, true)

/* ---- C6.2 ADD/SUB (vector) on a 64-bit half: lanes of 8 << size bits.
 * Below 64 bits the lanes' top bits are taken out of the add so no carry
 * or borrow crosses into the next lane, and put back with an xor:
 *   add: ((n & ~H) + (m & ~H)) ^ ((n ^ m) & H)
 *   sub: ((n | H) - (m & ~H)) ^ ((n ^ ~m) & H)
 * with H the top bit of every lane. ---- */

static const uint64_t lane_top[3] = {
    0x8080808080808080ull, 0x8000800080008000ull, 0x8000000080000000ull,
};

static IrTemp gen_lane_addsub(DisasContext *s, IrTemp n, IrTemp m, unsigned size, bool sub)
{
    IrBlock *b = s->b;
    IrTemp r = new_tmp(s);

    if (size == 3) {
        if (sub) {
            ir_sub(b, IR_I64, r, n, m);
        } else {
            ir_add(b, IR_I64, r, n, m);
        }
    } else {
        IrTemp h = tmp_const(s, lane_top[size]);
        IrTemp x = new_tmp(s), y = new_tmp(s), t = new_tmp(s);

        ir_andc(b, IR_I64, y, m, h);
        if (sub) {
            ir_or(b, IR_I64, x, n, h);
            ir_sub(b, IR_I64, r, x, y);
            ir_eqv(b, IR_I64, t, n, m);            /* n ^ ~m */
        } else {
            ir_andc(b, IR_I64, x, n, h);
            ir_add(b, IR_I64, r, x, y);
            ir_xor(b, IR_I64, t, n, m);
        }
        ir_and(b, IR_I64, t, t, h);
        ir_xor(b, IR_I64, r, r, t);
    }
    return r;
}

static bool do_addsub(DisasContext *s, arg_simd3 *a, bool sub)
{
    if (!fp_access_check(s)) {
        return true;
    }
    for (unsigned h = 0; h <= a->q; h++) {
        IrTemp r = gen_lane_addsub(s, read_vreg64(s, a->rn, h), read_vreg64(s, a->rm, h),
                                   a->size, sub);
        write_vreg64(s, a->rd, h, r);
    }
    if (!a->q) {
        clear_vreg_high(s, a->rd);
    }
    return true;
}

bool trans_ADD_v(DisasContext *s, arg_simd3 *a)
{
    return do_addsub(s, a, false);
}

bool trans_SUB_v(DisasContext *s, arg_simd3 *a)
{
    return do_addsub(s, a, true);
}

/* C6.2 ADD/SUB (scalar): D registers only. */
static bool do_addsub_scalar(DisasContext *s, arg_simd3s *a, bool sub)
{
    if (fp_access_check(s)) {
        write_fp_scalar(s, a->rd, 3, gen_lane_addsub(s, read_vreg64(s, a->rn, 0),
                                                     read_vreg64(s, a->rm, 0), 3, sub));
    }
    return true;
}

bool trans_ADD_s(DisasContext *s, arg_simd3s *a)
{
    return do_addsub_scalar(s, a, false);
}

bool trans_SUB_s(DisasContext *s, arg_simd3s *a)
{
    return do_addsub_scalar(s, a, true);
}
