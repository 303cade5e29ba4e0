/* A64 translators: Advanced SIMD shift by immediate, vector and scalar,
 * integer opcodes (Arm ARM DDI 0487, C4.1 "Advanced SIMD shift by
 * immediate" and "Advanced SIMD scalar shift by immediate"; C6.2 SSHR and
 * the following pages). immh gives the element size (its highest set bit)
 * and immh:immb the shift: 2 * esize - immh:immb for right shifts (1 ..
 * esize), immh:immb - esize for left shifts (0 .. esize - 1). SHL, USHR
 * and the 64-bit SSHR are inline IR per 64-bit half; the rest call
 * helper_simd_shift. */
#include "target-arm/trans-simd-misc.h"

static bool shift_is_left(SimdShiftOp op)
{
    return op == SSH_SHL || op == SSH_SLI || op == SSH_SQSHL || op == SSH_UQSHL ||
           op == SSH_SQSHLU || op == SSH_SSHLL || op == SSH_USHLL;
}

/* The shifts that are a couple of IR ops on a 64-bit half; IR_NO_TEMP for
 * the others. */
static IrTemp gen_shift_half(DisasContext *s, SimdShiftOp op, IrTemp x, unsigned size,
                             unsigned shift)
{
    unsigned bits = 8u << size;
    uint64_t lane = bits == 64 ? ~0ull : (1ull << bits) - 1;
    IrTemp r;

    if (op == SSH_SSHR && bits == 64) {
        r = new_tmp(s);
        /* shifting by 64 gives the sign in every bit, as by 63 */
        ir_sar(s->b, IR_I64, r, x, tmp_const(s, shift > 63 ? 63 : shift));
        return r;
    }
    if (op == SSH_USHR) {
        if (shift >= bits) {
            return tmp_const(s, 0);
        }
        r = new_tmp(s);
        ir_shr(s->b, IR_I64, r, x, tmp_const(s, shift));
        if (bits < 64) {
            ir_and(s->b, IR_I64, r, r, tmp_const(s, (lane >> shift) * simd_rep64(size)));
        }
        return r;
    }
    if (op == SSH_SHL) {
        r = new_tmp(s);
        ir_shl(s->b, IR_I64, r, x, tmp_const(s, shift));
        if (bits < 64) {
            ir_and(s->b, IR_I64, r, r, tmp_const(s, ((lane << shift) & lane) * simd_rep64(size)));
        }
        return r;
    }
    return IR_NO_TEMP;
}

static bool do_shift(DisasContext *s, unsigned q, unsigned immh, unsigned immb, unsigned rn,
                     unsigned rd, bool scalar, SimdShiftOp op)
{
    unsigned size = 31u - (unsigned)__builtin_clz(immh), esize = 8u << size;
    unsigned immhb = immh << 3 | immb;
    unsigned shift = shift_is_left(op) ? immhb - esize : 2 * esize - immhb;
    IrTemp r[2];

    if (!fp_access_check(s)) {
        return true;
    }
    if (op == SSH_SHRN) {
        gen_narrow_shift(s, rd, rn, size, shift, q);
        return true;
    }
    r[0] = gen_shift_half(s, op, read_vreg64(s, rn, 0), size, shift);
    if (r[0] != IR_NO_TEMP) {
        if (scalar) {
            write_fp_scalar(s, rd, 3, r[0]);
        } else {
            r[1] = q ? gen_shift_half(s, op, read_vreg64(s, rn, 1), size, shift) : r[0];
            gen_write_vec(s, rd, q, r[0], r[1]);
        }
        return true;
    }
    gen_simd_desc_helper(s, &helper_simd_shift,
                         (SimdDesc){ .rd = rd, .rn = rn, .size = size, .q = q, .scalar = scalar,
                                     .op = op, .imm = shift });
    return true;
}

#define TRANS_SHIFT_V(name, op)                                                  \
    bool trans_##name(DisasContext *s, arg_simd_shift *a)                        \
    {                                                                            \
        return do_shift(s, a->q, a->immh, a->immb, a->rn, a->rd, false, op);     \
    }
#define TRANS_SHIFT_S(name, op)                                                  \
    bool trans_##name(DisasContext *s, arg_simd_shift_s *a)                      \
    {                                                                            \
        return do_shift(s, 0, a->immh, a->immb, a->rn, a->rd, true, op);         \
    }

TRANS_SHIFT_V(SSHR_v, SSH_SSHR)
TRANS_SHIFT_V(USHR_v, SSH_USHR)
TRANS_SHIFT_V(SSRA_v, SSH_SSRA)
TRANS_SHIFT_V(USRA_v, SSH_USRA)
TRANS_SHIFT_V(SRSHR_v, SSH_SRSHR)
TRANS_SHIFT_V(URSHR_v, SSH_URSHR)
TRANS_SHIFT_V(SRSRA_v, SSH_SRSRA)
TRANS_SHIFT_V(URSRA_v, SSH_URSRA)
TRANS_SHIFT_V(SRI_v, SSH_SRI)
TRANS_SHIFT_V(SHL_v, SSH_SHL)
TRANS_SHIFT_V(SLI_v, SSH_SLI)
TRANS_SHIFT_V(SQSHL_iv, SSH_SQSHL)
TRANS_SHIFT_V(UQSHL_iv, SSH_UQSHL)
TRANS_SHIFT_V(SQSHLU_v, SSH_SQSHLU)
TRANS_SHIFT_V(SHRN, SSH_SHRN)
TRANS_SHIFT_V(RSHRN, SSH_RSHRN)
TRANS_SHIFT_V(SQSHRN_v, SSH_SQSHRN)
TRANS_SHIFT_V(UQSHRN_v, SSH_UQSHRN)
TRANS_SHIFT_V(SQRSHRN_v, SSH_SQRSHRN)
TRANS_SHIFT_V(UQRSHRN_v, SSH_UQRSHRN)
TRANS_SHIFT_V(SQSHRUN_v, SSH_SQSHRUN)
TRANS_SHIFT_V(SQRSHRUN_v, SSH_SQRSHRUN)
TRANS_SHIFT_V(SSHLL, SSH_SSHLL)
TRANS_SHIFT_V(USHLL, SSH_USHLL)

TRANS_SHIFT_S(SSHR_s, SSH_SSHR)
TRANS_SHIFT_S(USHR_s, SSH_USHR)
TRANS_SHIFT_S(SSRA_s, SSH_SSRA)
TRANS_SHIFT_S(USRA_s, SSH_USRA)
TRANS_SHIFT_S(SRSHR_s, SSH_SRSHR)
TRANS_SHIFT_S(URSHR_s, SSH_URSHR)
TRANS_SHIFT_S(SRSRA_s, SSH_SRSRA)
TRANS_SHIFT_S(URSRA_s, SSH_URSRA)
TRANS_SHIFT_S(SRI_s, SSH_SRI)
TRANS_SHIFT_S(SHL_s, SSH_SHL)
TRANS_SHIFT_S(SLI_s, SSH_SLI)
TRANS_SHIFT_S(SQSHL_is, SSH_SQSHL)
TRANS_SHIFT_S(UQSHL_is, SSH_UQSHL)
TRANS_SHIFT_S(SQSHLU_s, SSH_SQSHLU)
TRANS_SHIFT_S(SQSHRN_s, SSH_SQSHRN)
TRANS_SHIFT_S(UQSHRN_s, SSH_UQSHRN)
TRANS_SHIFT_S(SQRSHRN_s, SSH_SQRSHRN)
TRANS_SHIFT_S(UQRSHRN_s, SSH_UQRSHRN)
TRANS_SHIFT_S(SQSHRUN_s, SSH_SQSHRUN)
TRANS_SHIFT_S(SQRSHRUN_s, SSH_SQRSHRUN)
