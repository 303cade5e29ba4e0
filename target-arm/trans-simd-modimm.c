/* A64 translators: Advanced SIMD modified immediate (Arm ARM DDI 0487,
 * C4.1 "Advanced SIMD modified immediate"; C6.2 MOVI, MVNI, ORR (vector,
 * immediate), BIC (vector, immediate), FMOV (vector, immediate)). The
 * immediate is expanded at translate time, so each instruction is a
 * constant store or one logical op per 64-bit half. */
#include "target-arm/trans-simd-misc.h"

/* AdvSIMDExpandImm (shared/functions/vector): cmode<3:1> 0..5 put imm8 at a
 * byte position of a 32- or 16-bit element; 6 (MSL) shifts ones in below
 * it; 7 is the byte, bit-mask and floating-point forms. */
uint64_t arm_simd_expand_imm(unsigned op, unsigned cmode, unsigned imm8)
{
    static const struct {
        uint8_t shift;         /* imm8 << shift within the element */
        uint8_t ones;          /* MSL: ones shifted in below */
        uint64_t rep;          /* element repeated by multiplying */
    } shapes[7] = {
        { 0, 0, 0x0000000100000001ull },  { 8, 0, 0x0000000100000001ull },
        { 16, 0, 0x0000000100000001ull }, { 24, 0, 0x0000000100000001ull },
        { 0, 0, 0x0001000100010001ull },  { 8, 0, 0x0001000100010001ull },
        { 8, 8, 0x0000000100000001ull },
    };
    uint64_t imm = imm8 & 0xff, b6 = (imm >> 6) & 1, r = 0;
    unsigned c = (cmode >> 1) & 7;

    if (c < 6 || (c == 6 && !(cmode & 1))) {
        return ((imm << shapes[c].shift) | ((1ull << shapes[c].ones) - 1)) * shapes[c].rep;
    }
    if (c == 6) {
        /* cmode 1101: imm8:Ones(16) */
        return ((imm << 16) | 0xffff) * 0x0000000100000001ull;
    }
    if (!(cmode & 1) && !op) {
        return imm * 0x0101010101010101ull;
    }
    if (!(cmode & 1)) {
        /* each bit of imm8 becomes a byte of ones or zeros */
        for (unsigned i = 0; i < 8; i++) {
            r |= ((imm >> i) & 1) ? 0xffull << (8 * i) : 0;
        }
        return r;
    }
    if (!op) {
        /* single: imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,5):imm8<5:0>:Zeros(19) */
        uint64_t f = (imm >> 7) << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1full : 0) << 25 |
                     (imm & 0x3f) << 19;
        return f * 0x0000000100000001ull;
    }
    /* double: imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,8):imm8<5:0>:Zeros(48) */
    return (imm >> 7) << 63 | (b6 ^ 1) << 62 | (b6 ? 0xffull : 0) << 54 | (imm & 0x3f) << 48;
}

typedef enum ModImmOp { MI_MOV, MI_MVN, MI_ORR, MI_BIC } ModImmOp;

static bool do_modimm(DisasContext *s, arg_simd_modimm *a, ModImmOp op)
{
    uint64_t imm = arm_simd_expand_imm(a->op, a->cmode, a->imm);
    IrTemp half[2];

    if (!fp_access_check(s)) {
        return true;
    }
    if (op == MI_MVN) {
        imm = ~imm;
    }
    for (unsigned h = 0; h <= a->q; h++) {
        if (op == MI_MOV || op == MI_MVN) {
            half[h] = tmp_const(s, imm);
        } else {
            half[h] = new_tmp(s);
            if (op == MI_ORR) {
                ir_or(s->b, IR_I64, half[h], read_vreg64(s, a->rd, h), tmp_const(s, imm));
            } else {
                ir_andc(s->b, IR_I64, half[h], read_vreg64(s, a->rd, h), tmp_const(s, imm));
            }
        }
    }
    gen_write_vec(s, a->rd, a->q, half[0], a->q ? half[1] : half[0]);
    return true;
}

bool trans_MOVI_v(DisasContext *s, arg_simd_modimm *a)
{
    return do_modimm(s, a, MI_MOV);
}

/* FMOV (vector, immediate) is MOVI with the floating-point expansion. */
bool trans_FMOV_vi(DisasContext *s, arg_simd_modimm *a)
{
    return do_modimm(s, a, MI_MOV);
}

bool trans_MVNI_v(DisasContext *s, arg_simd_modimm *a)
{
    return do_modimm(s, a, MI_MVN);
}

bool trans_ORR_vi(DisasContext *s, arg_simd_modimm *a)
{
    return do_modimm(s, a, MI_ORR);
}

bool trans_BIC_vi(DisasContext *s, arg_simd_modimm *a)
{
    return do_modimm(s, a, MI_BIC);
}
