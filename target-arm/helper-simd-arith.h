/* Run-time helpers of the Advanced SIMD integer arithmetic translators
 * (trans-simd-3same.c, trans-simd-3diff.c, trans-simd-elem.c); design in
 * docs/simd-arith.md.
 *
 * The vector helpers work on whole registers named by number: void fn(env,
 * rd, rn, rm, desc). They read every source element before writing any, so
 * Vd may equal Vn or Vm. A saturating operation that clips sets FPSR.QC
 * (Arm ARM C5.2.8 FPSR, "QC, bit [27]"). They read and write only vreg and
 * fpsr, so they are IR_HF_READS (translate-vfp.h).
 *
 * Each lane is computed by one element function from a table indexed by
 * SimdOp; the helpers only move elements. */
#ifndef TARGET_ARM_HELPER_SIMD_ARITH_H
#define TARGET_ARM_HELPER_SIMD_ARITH_H

#include <stdbool.h>
#include <stdint.h>

#include <string.h>

#include "jit/helper.h"
#include "jit/ir.h"
#include "target-arm/cpu.h"

#define SIMD_FPSR_QC (1u << 27)

/* Element operations. Operands are element values zero-extended to 64 bits;
 * the result's bits above the element are ignored. "bits" is the element
 * width the operation works at (for the long forms of "three different" the
 * double width: the narrow operands arrive already extended to it). */
typedef enum SimdOp {
    SOP_ADD, SOP_SUB, SOP_MUL, SOP_MLA, SOP_MLS, SOP_PMUL,
    SOP_SHADD, SOP_UHADD, SOP_SRHADD, SOP_URHADD, SOP_SHSUB, SOP_UHSUB,
    SOP_SQADD, SOP_UQADD, SOP_SQSUB, SOP_UQSUB,
    SOP_CMGT, SOP_CMHI, SOP_CMGE, SOP_CMHS, SOP_CMEQ, SOP_CMTST,
    SOP_SSHL, SOP_USHL, SOP_SQSHL, SOP_UQSHL,
    SOP_SRSHL, SOP_URSHL, SOP_SQRSHL, SOP_UQRSHL,
    SOP_SMAX, SOP_UMAX, SOP_SMIN, SOP_UMIN,
    SOP_SABD, SOP_UABD, SOP_SABA, SOP_UABA,
    SOP_SQDMULH, SOP_SQRDMULH,
    /* at the wide width: the high half of the wide sum/difference */
    SOP_ADDHN, SOP_RADDHN, SOP_SUBHN, SOP_RSUBHN,
    /* at the wide width, operands sign-extended from the narrow one */
    SOP_SQDMULL, SOP_SQDMLAL, SOP_SQDMLSL,
    SOP_COUNT
} SimdOp;

typedef uint64_t SimdElemFn(uint64_t n, uint64_t m, uint64_t d, unsigned bits, bool *sat);
extern SimdElemFn *const simd_elem_ops[SOP_COUNT];

/* The desc argument: which operation on which shape. */
#define SIMD_D_OP(op)        ((uint64_t)(op))          /* bits 7:0, SimdOp */
#define SIMD_D_SIZE(sz)      ((uint64_t)(sz) << 8)     /* log2 element bytes */
#define SIMD_D_Q             (1u << 10)                /* 128-bit / upper half */
#define SIMD_D_SCALAR        (1u << 11)                /* one element */
#define SIMD_D_INDEXED       (1u << 12)                /* Vm[index] for every lane */
#define SIMD_D_INDEX(i)      ((uint64_t)(i) << 13)     /* bits 16:13 */
#define SIMD_D_PAIRWISE      (1u << 17)                /* 3same: pairs of Vn:Vm */
#define SIMD_D_SIGNED        (1u << 18)                /* 3diff: sign-extend narrow */
#define SIMD_D_WIDE_N        (1u << 19)                /* 3diff: Vn already wide */
#define SIMD_D_NARROW        (1u << 20)                /* 3diff: keep the high half */

/* (rd, rn, rm, desc): same-width lanes, "three same", the same-width by
 * element forms and their scalars. */
extern const IrHelper helper_simd_3same;
/* (rd, rn, rm, desc): "three different" long, wide and narrowing forms and
 * the long by-element forms; size is the narrow element size. */
extern const IrHelper helper_simd_3diff;
/* (rd, rn, rm, q): PMULL/PMULL2 .1Q: 64x64 -> 128 carry-less product of
 * Vn<64q+63:64q> and Vm<64q+63:64q>. */
extern const IrHelper helper_simd_pmull64;

/* Element idx of 1 << size bytes of V<reg> (little-endian host: element 0
 * in the low bytes), zero-extended; and storing one. */
static inline uint64_t simd_elem(const ArmCpu *cpu, unsigned reg, unsigned idx, unsigned size)
{
    uint64_t v = 0;

    memcpy(&v, (const uint8_t *)cpu->vreg[reg] + (idx << size), 1u << size);
    return v;
}

static inline void simd_set_elem(ArmCpu *cpu, unsigned reg, unsigned idx, unsigned size,
                                 uint64_t v)
{
    memcpy((uint8_t *)cpu->vreg[reg] + (idx << size), &v, 1u << size);
}

/* Zero V<reg> from byte 'from' up (the V[] setter's "upper bits set to
 * zero" after a 64-bit or scalar result). */
static inline void simd_clear_from(ArmCpu *cpu, unsigned reg, unsigned from)
{
    memset((uint8_t *)cpu->vreg[reg] + from, 0, 16 - from);
}

/* Carry-less products for direct use (tests, other helpers). */
uint64_t simd_clmul64(uint64_t a, uint64_t b, uint64_t *hi);

#endif
