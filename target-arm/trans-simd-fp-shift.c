/* A64 translators: the fixed-point conversions of "Advanced SIMD shift by
 * immediate" and "Advanced SIMD scalar shift by immediate" (Arm ARM DDI
 * 0487, C4.1; C6.2 SCVTF (vector, fixed-point), UCVTF, FCVTZS (vector,
 * fixed-point), FCVTZU). The decode table only takes immh = 1xxx (double)
 * and 01xx (single); fracbits = (esize * 2) - UInt(immh:immb). */
#include "target-arm/trans-simd-fp.h"

static bool do_fixed(DisasContext *s, SimdFpOp op, unsigned q, bool scalar, unsigned immh,
                     unsigned immb, unsigned rn, unsigned rd)
{
    unsigned esize = (immh & 8) ? 64 : 32;
    unsigned fbits = 2 * esize - ((immh << 3) | immb);

    return trans_simd_fp(s, op, esize == 64 ? FP_D : FP_S, q, scalar, rd, rn, 0,
                         SFP_IMM_FBITS(fbits));
}

#define TRANS_FIXED(name, op)                                                    \
    bool trans_##name##_fv(DisasContext *s, arg_fpsh *a)                         \
    {                                                                            \
        return do_fixed(s, op, a->q, false, a->immh, a->immb, a->rn, a->rd);     \
    }                                                                            \
    bool trans_##name##_fs(DisasContext *s, arg_fpshs *a)                        \
    {                                                                            \
        return do_fixed(s, op, 0, true, a->immh, a->immb, a->rn, a->rd);         \
    }

TRANS_FIXED(SCVTF, SFP_SCVTF)
TRANS_FIXED(UCVTF, SFP_UCVTF)
TRANS_FIXED(FCVTZS, SFP_CVTZS)
TRANS_FIXED(FCVTZU, SFP_CVTZU)
