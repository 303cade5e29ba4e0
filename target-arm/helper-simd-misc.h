/* Run-time helpers of the Advanced SIMD non-arithmetic integer classes
 * (trans-simd-2misc.c, -across.c, -shift.c, -permute.c; docs/simd-misc.md).
 *
 * Every helper is void fn(env, desc): it reads and writes whole vector
 * registers by number and may set FPSR.QC, so it is IR_HF_READS (see
 * translate-vfp.h). desc packs the operands (SimdDesc below); the op field
 * selects a row of the helper's table. Sources are copied before the
 * destination is written, so any register may alias any other. */
#ifndef TARGET_ARM_HELPER_SIMD_MISC_H
#define TARGET_ARM_HELPER_SIMD_MISC_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/helper.h"
#include "jit/ir.h"

typedef struct SimdDesc {
    unsigned rd, rn, rm;
    unsigned size;       /* log2 of the element bytes the op is named by */
    unsigned q;          /* 128-bit vector; for narrowing/widening ops: the upper half */
    unsigned scalar;     /* scalar form: one element, the rest of Vd cleared */
    unsigned op;         /* the helper's op enum */
    unsigned imm;        /* shift amount, table length */
} SimdDesc;

static inline uint64_t simd_desc_pack(SimdDesc d)
{
    return (uint64_t)(d.rd & 31) | (uint64_t)(d.rn & 31) << 5 | (uint64_t)(d.rm & 31) << 10 |
           (uint64_t)(d.size & 3) << 15 | (uint64_t)(d.q & 1) << 17 |
           (uint64_t)(d.scalar & 1) << 18 | (uint64_t)(d.op & 0xff) << 19 |
           (uint64_t)(d.imm & 0xffff) << 32;
}

static inline SimdDesc simd_desc_unpack(uint64_t v)
{
    return (SimdDesc){
        .rd = v & 31, .rn = (v >> 5) & 31, .rm = (v >> 10) & 31, .size = (v >> 15) & 3,
        .q = (v >> 17) & 1, .scalar = (v >> 18) & 1, .op = (v >> 19) & 0xff,
        .imm = (v >> 32) & 0xffff,
    };
}

/* Two-register miscellaneous (vector and scalar), C6.2 pages of each. */
typedef enum Simd2MiscOp {
    S2M_REV64, S2M_REV32, S2M_REV16,
    S2M_SADDLP, S2M_UADDLP, S2M_SADALP, S2M_UADALP,
    S2M_SUQADD, S2M_USQADD,
    S2M_CLS, S2M_CLZ, S2M_CNT, S2M_NOT, S2M_RBIT,
    S2M_SQABS, S2M_SQNEG, S2M_ABS, S2M_NEG,
    S2M_CMGT0, S2M_CMGE0, S2M_CMEQ0, S2M_CMLE0, S2M_CMLT0,
    S2M_XTN, S2M_SQXTN, S2M_UQXTN, S2M_SQXTUN,
    S2M_SHLL,
    S2M_NUM_OPS
} Simd2MiscOp;
extern const IrHelper helper_simd_2misc;

/* Across lanes: the result is a scalar in Vd. */
typedef enum SimdAcrossOp {
    SAC_ADDV, SAC_SADDLV, SAC_UADDLV, SAC_SMAXV, SAC_UMAXV, SAC_SMINV, SAC_UMINV,
    SAC_NUM_OPS
} SimdAcrossOp;
extern const IrHelper helper_simd_across;

/* Shift by immediate: size is the pseudocode's esize (the narrow side of
 * SHRN and SSHLL), imm the shift amount already decoded from immh:immb. */
typedef enum SimdShiftOp {
    SSH_SSHR, SSH_USHR, SSH_SSRA, SSH_USRA, SSH_SRSHR, SSH_URSHR, SSH_SRSRA, SSH_URSRA,
    SSH_SRI, SSH_SHL, SSH_SLI, SSH_SQSHL, SSH_UQSHL, SSH_SQSHLU,
    SSH_SHRN, SSH_RSHRN, SSH_SQSHRN, SSH_UQSHRN, SSH_SQRSHRN, SSH_UQRSHRN,
    SSH_SQSHRUN, SSH_SQRSHRUN,
    SSH_SSHLL, SSH_USHLL,
    SSH_NUM_OPS
} SimdShiftOp;
extern const IrHelper helper_simd_shift;

/* ZIP/UZP/TRN (op), and TBL/TBX (imm = number of table registers, op = 1
 * for TBX). */
typedef enum SimdPermuteOp {
    SPM_UZP1, SPM_UZP2, SPM_TRN1, SPM_TRN2, SPM_ZIP1, SPM_ZIP2,
    SPM_NUM_OPS
} SimdPermuteOp;
extern const IrHelper helper_simd_permute;
extern const IrHelper helper_simd_tbl;

/* The helpers' work on an ArmCpu, for direct tests. */
struct ArmCpu;
void simd_2misc(struct ArmCpu *cpu, SimdDesc d);
void simd_across(struct ArmCpu *cpu, SimdDesc d);
void simd_shift(struct ArmCpu *cpu, SimdDesc d);
void simd_permute(struct ArmCpu *cpu, SimdDesc d);
void simd_tbl(struct ArmCpu *cpu, SimdDesc d);

/* Defines the IrHelper helper_<hname> around void func(ArmCpu *, SimdDesc):
 * one i64 argument (the packed SimdDesc), no result, IR_HF_READS. */
#define DEFINE_SIMD_DESC_HELPER(hname, func)                                       \
    static uint64_t do_##hname(JitCpu *env, uint64_t desc)                       \
    {                                                                           \
        func(arm_cpu(env), simd_desc_unpack(desc));                               \
        return 0;                                                               \
    }                                                                           \
    const IrHelper helper_##hname = {                                            \
        .name = #hname, .fn.f1 = do_##hname, .nargs = 1, .ret = IR_VOID,          \
        .args = { IR_I64 }, .flags = IR_HF_READS,                               \
    }

/* C6.2 MOVI, pseudocode AdvSIMDExpandImm(op, cmode, imm8): the 64-bit
 * pattern (replicated to 128 bits) a modified immediate stands for. Used at
 * translate time (trans-simd-modimm.c). */
uint64_t arm_simd_expand_imm(unsigned op, unsigned cmode, unsigned imm8);

#endif
