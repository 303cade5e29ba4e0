/* A64 translators: Advanced SIMD floating point with two source vectors
 * (Arm ARM DDI 0487, C4.1 "Advanced SIMD three same", "scalar three same",
 * "vector x indexed element" and "scalar x indexed element", the FP rows;
 * C6.2 FADD (vector) and the rest). Every instruction is one call of
 * helper_simd_fp: lanes pair up element by element, pairwise over the
 * concatenation Vm:Vn (FADDP, FMAXP...), or with Vm[index] (by element). */
#include "target-arm/trans-simd-fp.h"

#define TRANS_FP3V(name, op, imm)                                                \
    bool trans_##name##_v(DisasContext *s, arg_fp3v *a)                          \
    {                                                                            \
        return trans_simd_fp(s, op, fp_fmt_of_sz(a->sz), a->q, false, a->rd, a->rn, \
                             a->rm, imm);                                        \
    }
#define TRANS_FP3S(name, op)                                                     \
    bool trans_##name##_s(DisasContext *s, arg_fp3s *a)                          \
    {                                                                            \
        return trans_simd_fp(s, op, fp_fmt_of_sz(a->sz), 0, true, a->rd, a->rn, a->rm, 0); \
    }

TRANS_FP3V(FMAXNM, SFP_MAXNM, 0)
TRANS_FP3V(FMLA, SFP_MLA, 0)
TRANS_FP3V(FADD, SFP_ADD, 0)
TRANS_FP3V(FMULX, SFP_MULX, 0)
TRANS_FP3V(FCMEQ, SFP_CMEQ, 0)
TRANS_FP3V(FMAX, SFP_MAX, 0)
TRANS_FP3V(FRECPS, SFP_RECPS, 0)
TRANS_FP3V(FMINNM, SFP_MINNM, 0)
TRANS_FP3V(FMLS, SFP_MLS, 0)
TRANS_FP3V(FSUB, SFP_SUB, 0)
TRANS_FP3V(FMIN, SFP_MIN, 0)
TRANS_FP3V(FRSQRTS, SFP_RSQRTS, 0)
TRANS_FP3V(FMAXNMP, SFP_MAXNM, SFP_IMM_PAIR)
TRANS_FP3V(FADDP, SFP_ADD, SFP_IMM_PAIR)
TRANS_FP3V(FMUL, SFP_MUL, 0)
TRANS_FP3V(FCMGE, SFP_CMGE, 0)
TRANS_FP3V(FACGE, SFP_ACGE, 0)
TRANS_FP3V(FMAXP, SFP_MAX, SFP_IMM_PAIR)
TRANS_FP3V(FDIV, SFP_DIV, 0)
TRANS_FP3V(FMINNMP, SFP_MINNM, SFP_IMM_PAIR)
TRANS_FP3V(FABD, SFP_ABD, 0)
TRANS_FP3V(FCMGT, SFP_CMGT, 0)
TRANS_FP3V(FACGT, SFP_ACGT, 0)
TRANS_FP3V(FMINP, SFP_MIN, SFP_IMM_PAIR)

TRANS_FP3S(FMULX, SFP_MULX)
TRANS_FP3S(FCMEQ, SFP_CMEQ)
TRANS_FP3S(FRECPS, SFP_RECPS)
TRANS_FP3S(FRSQRTS, SFP_RSQRTS)
TRANS_FP3S(FCMGE, SFP_CMGE)
TRANS_FP3S(FACGE, SFP_ACGE)
TRANS_FP3S(FABD, SFP_ABD)
TRANS_FP3S(FCMGT, SFP_CMGT)
TRANS_FP3S(FACGT, SFP_ACGT)

/* C6.2 FMLA (by element): single lanes take index H:L, double lanes index
 * H (L = 1 is unallocated); the register is M:Rm (V0-V31) for both. */
static unsigned fp_elem_imm(unsigned sz, unsigned h, unsigned l)
{
    return SFP_IMM_INDEXED | SFP_IMM_INDEX(sz ? h : (h << 1) | l);
}

#define TRANS_FPEL(name, op)                                                     \
    bool trans_##name##_ve(DisasContext *s, arg_fpel *a)                         \
    {                                                                            \
        return trans_simd_fp(s, op, fp_fmt_of_sz(a->sz), a->q, false, a->rd, a->rn, \
                             (a->m << 4) | a->rm, fp_elem_imm(a->sz, a->h, a->l)); \
    }                                                                            \
    bool trans_##name##_se(DisasContext *s, arg_fpels *a)                        \
    {                                                                            \
        return trans_simd_fp(s, op, fp_fmt_of_sz(a->sz), 0, true, a->rd, a->rn,  \
                             (a->m << 4) | a->rm, fp_elem_imm(a->sz, a->h, a->l)); \
    }

TRANS_FPEL(FMLA, SFP_MLA)
TRANS_FPEL(FMLS, SFP_MLS)
TRANS_FPEL(FMUL, SFP_MUL)
TRANS_FPEL(FMULX, SFP_MULX)
