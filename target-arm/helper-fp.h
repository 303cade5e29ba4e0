/* Run-time helpers of the scalar FP translators (trans-fp-*.c). Operands
 * and results are raw bit patterns in i64 temps (the low 16/32/64 bits);
 * a constant descriptor (FPD_*) selects the format, the operation and any
 * explicit rounding mode. Each helper builds an FpStatus from cpu->fpcr,
 * runs the soft-float operation (target-arm/softfloat.h) and ORs the
 * exceptions raised into cpu->fpsr.
 *
 * Effects (jit/helper.h): FPCR and FPSR are not IR globals, so these
 * helpers touch no global, but reading FPCR and writing FPSR are side
 * effects the optimizer must keep: all are IR_HF_READS. Compares return
 * NZCV as a value and the translator writes the flag globals in IR. */
#ifndef TARGET_ARM_HELPER_FP_H
#define TARGET_ARM_HELPER_FP_H

#include "jit/helper.h"
#include "jit/ir.h"
#include "target-arm/softfloat.h"

/* Descriptor fields. */
#define FPD_FMT(f)      ((uint32_t)(f))             /* FpFmt of the operands */
#define FPD_FMT_OF(d)   ((FpFmt)((d) & 3))
#define FPD_RM(r)       ((uint32_t)(r) << 2)        /* FpRounding, or FPD_RM_FPCR */
#define FPD_RM_FPCR     7u
#define FPD_RM_OF(d)    (((d) >> 2) & 7)
#define FPD_OP(o)       ((uint32_t)(o) << 8)        /* FpOp */
#define FPD_OP_OF(d)    (((d) >> 8) & 0xff)
#define FPD_FBITS(n)    ((uint32_t)(n) << 16)       /* fixed-point fraction bits */
#define FPD_FBITS_OF(d) (((d) >> 16) & 0x7f)
#define FPD_UNSIGNED    (1u << 24)
#define FPD_I64         (1u << 25)                  /* 64-bit integer side */
#define FPD_EXACT       (1u << 26)                  /* FRINTX */
#define FPD_TO(f)       ((uint32_t)(f) << 28)       /* FCVT destination FpFmt */
#define FPD_TO_OF(d)    ((FpFmt)(((d) >> 28) & 3))
/* FCCMP: the immediate NZCV in bits 31:28 of the descriptor (no FPD_TO). */
#define FPD_NZCV(n)     ((uint32_t)(n) << 28)
#define FPD_NZCV_OF(d)  (((d) >> 28) & 0xf)
#define FPD_SIGNAL_NANS (1u << 27)                  /* FCMPE / FCCMPE */

/* Two-operand operations of helper_fp_binop. */
typedef enum FpOp {
    FPOP_ADD, FPOP_SUB, FPOP_MUL, FPOP_DIV, FPOP_MAX, FPOP_MIN, FPOP_MAXNUM, FPOP_MINNUM,
    FPOP_MULX, FPOP_RECPS, FPOP_RSQRTS,
    FPOP_COUNT
} FpOp;

/* (desc, a, b) -> op(a, b). */
extern const IrHelper helper_fp_binop;
/* (desc, addend, a, b) -> FPMulAdd(addend, a, b). */
extern const IrHelper helper_fp_muladd;
/* (desc, a) -> FPSqrt(a). */
extern const IrHelper helper_fp_sqrt;
/* (desc, a) -> FPRoundInt(a, rounding, exact). */
extern const IrHelper helper_fp_round_int;
/* (desc, a) -> FPConvert(a) from FPD_FMT to FPD_TO, FPCR rounding. */
extern const IrHelper helper_fp_convert;
/* (desc, a, b) -> FPCompare NZCV (bit 3 = N). */
extern const IrHelper helper_fp_compare;
/* (desc, a, b, cond_holds) -> FPCompare NZCV if cond_holds, else the
 * descriptor's NZCV (no exceptions). */
extern const IrHelper helper_fp_ccompare;
/* (desc, a) -> FPToFixed; (desc, v) -> FixedToFP. */
extern const IrHelper helper_fp_to_fixed;
extern const IrHelper helper_fp_from_fixed;

/* The FpStatus a helper starts from, and storing its flags back. */
FpStatus arm_fp_status(JitCpu *env);
void arm_fp_flags(JitCpu *env, const FpStatus *st);
/* The descriptor's rounding mode, FPD_RM_FPCR resolved through st. */
FpRounding arm_fp_rounding(uint64_t desc, const FpStatus *st);

#endif
