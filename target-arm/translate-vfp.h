/* Shared code generation for FP and Advanced SIMD instructions (the
 * trans-fp*.c, trans-simd*.c and trans-ldst-simd.c files).
 *
 * The 32 vector registers live in ArmCpu.vreg[32][2] (V<n> bits 63:0 in
 * vreg[n][0], bits 127:64 in vreg[n][1]; element 0 in the low bytes, as on a
 * little-endian host). They are not IR globals: code reads and writes them
 * with ld_env/st_env at the offsets below, and helpers access them through
 * the ArmCpu pointer (a register number as a constant argument).
 *
 * Helper flags for vector helpers (jit/helper.h): a helper that only reads
 * and writes vreg/fpcr/fpsr never touches an IR global, but it has side
 * effects the optimizer must keep, so it is declared IR_HF_READS (never
 * removed; dirty globals are written back first, none reloaded after).
 * A helper that returns its result in a temp and reads only its arguments
 * and FPCR is also IR_HF_READS; one that reads nothing but its arguments is
 * IR_HF_PURE. Nothing here raises except through fp_access_check.
 *
 * Writes of a scalar or 64-bit vector result clear the bits above it
 * (Arm ARM C1.2.5 "Register names", and the pseudocode V[] setter with
 * a narrower width: "the upper bits are set to zero"). */
#ifndef TARGET_ARM_TRANSLATE_VFP_H
#define TARGET_ARM_TRANSLATE_VFP_H

#include <stddef.h>

#include "target-arm/translate.h"

/* Byte offset of V<reg> bits [64*half + 63 : 64*half] in ArmCpu. */
static inline uint32_t vreg_off(unsigned reg, unsigned half)
{
    return (uint32_t)(offsetof(ArmCpu, vreg) + reg * 16 + half * 8);
}

/* Byte offset of element idx of size 1 << size bytes (size 0..3). */
static inline uint32_t vreg_elem_off(unsigned reg, unsigned idx, unsigned size)
{
    return (uint32_t)(offsetof(ArmCpu, vreg) + reg * 16 + (idx << size));
}

/* FP/SIMD instructions and the FP system registers trap to EL1 with EC 0x07
 * while CPACR_EL1.FPEN disables them at the current EL (D13.2.30; the TB
 * flag ARM_TBFLAG_FPEN caches the check). Call before generating any code
 * for the instruction; returns false (with the trap generated) when the
 * access traps, and the trans_* function then returns true. */
bool fp_access_check(DisasContext *s);

/* 64-bit halves and elements as i64 temps. */
IrTemp read_vreg64(DisasContext *s, unsigned reg, unsigned half);
void write_vreg64(DisasContext *s, unsigned reg, unsigned half, IrTemp v);
/* Element idx of size 1 << size bytes, zero- or sign-extended to 64 bits. */
IrTemp read_vreg_elem(DisasContext *s, unsigned reg, unsigned idx, unsigned size, bool sign);
/* Store the low 1 << size bytes of v to element idx; other bits unchanged. */
void write_vreg_elem(DisasContext *s, unsigned reg, unsigned idx, unsigned size, IrTemp v);
/* Zero bits 127:64 (after a 64-bit or scalar result). */
void clear_vreg_high(DisasContext *s, unsigned reg);
/* Scalar FP/SIMD register write: the low 1 << size bytes of v, with every
 * bit above cleared (B/H/S/D forms; size 0..3). */
void write_fp_scalar(DisasContext *s, unsigned reg, unsigned size, IrTemp v);

/* A vector helper: void fn(env, a0..a4) whose arguments are usually
 * register numbers and a packed descriptor (see each helper). */
void gen_vec_helper(DisasContext *s, const IrHelper *h, unsigned nargs, ...);

#endif
