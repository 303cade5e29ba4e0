/* Run-time helper of the Advanced SIMD floating-point instructions
 * (trans-simd-fp-*.c; docs/simd-fp.md).
 *
 * One whole-register helper, void fn(env, desc), with the packed SimdDesc
 * of helper-simd-misc.h: rd, rn, rm; size = the FpFmt of the elements the
 * operation is named by (FP_S or FP_D; the narrow side, FP_H or FP_S, for
 * FCVTN/FCVTXN/FCVTL); q; scalar; op = a SimdFpOp row; imm = the SFP_IMM_*
 * fields below. It builds one FpStatus from FPCR for the whole instruction,
 * runs the soft-float operation on every lane (target-arm/softfloat.h),
 * writes Vd (sources are read first, so any register may alias any other)
 * and ORs the exceptions of all lanes into FPSR. IR_HF_READS, like the
 * integer SIMD helpers: it touches vreg, FPCR and FPSR, no IR global. */
#ifndef TARGET_ARM_HELPER_SIMD_FP_H
#define TARGET_ARM_HELPER_SIMD_FP_H

#include "target-arm/helper-simd-misc.h"
#include "target-arm/softfloat.h"

typedef enum SimdFpOp {
    /* two operands, r = op(Vn[e], Vm[e]) (Vd[e] for FMLA/FMLS) */
    SFP_ADD, SFP_SUB, SFP_MUL, SFP_DIV, SFP_MAX, SFP_MIN, SFP_MAXNM, SFP_MINNM,
    SFP_MULX, SFP_RECPS, SFP_RSQRTS, SFP_ABD,
    SFP_CMEQ, SFP_CMGE, SFP_CMGT, SFP_ACGE, SFP_ACGT,
    SFP_MLA, SFP_MLS,
    /* one operand */
    SFP_CMGT0, SFP_CMEQ0, SFP_CMLT0, SFP_CMGE0, SFP_CMLE0,
    SFP_ABS, SFP_NEG, SFP_SQRT, SFP_RECPE, SFP_RSQRTE, SFP_RECPX, SFP_URECPE, SFP_URSQRTE,
    SFP_RINTN, SFP_RINTP, SFP_RINTM, SFP_RINTZ, SFP_RINTA, SFP_RINTX, SFP_RINTI,
    SFP_CVTNS, SFP_CVTPS, SFP_CVTMS, SFP_CVTZS, SFP_CVTAS,
    SFP_CVTNU, SFP_CVTPU, SFP_CVTMU, SFP_CVTZU, SFP_CVTAU,
    SFP_SCVTF, SFP_UCVTF,
    /* precision changes: size is the narrow format */
    SFP_CVTN, SFP_CVTXN, SFP_CVTL,
    SFP_NUM_OPS
} SimdFpOp;

/* SimdDesc.imm of helper_simd_fp. */
#define SFP_IMM_FBITS(n)   ((unsigned)(n) & 0x7f)   /* fixed-point fraction bits */
#define SFP_IMM_INDEX(i)   (((unsigned)(i) & 3) << 8)
#define SFP_IMM_INDEXED    (1u << 10)     /* every lane's Vm operand is Vm[index] */
#define SFP_IMM_PAIR       (1u << 11)     /* pairwise over Vm:Vn (scalar: Vn[0], Vn[1]) */
#define SFP_IMM_REDUCE     (1u << 12)     /* across lanes: Reduce() to one scalar */

extern const IrHelper helper_simd_fp;

/* The helper's work on an ArmCpu, for direct tests. */
void simd_fp(struct ArmCpu *cpu, SimdDesc d);

#endif
