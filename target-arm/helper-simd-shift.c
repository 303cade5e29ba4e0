/* Advanced SIMD shift by immediate helper (helper-simd-misc.h). One row
 * per op says what the C6.2 pseudocode does: the shape, whether the source
 * is signed, whether the shift rounds (adds 1 << (shift - 1) first),
 * accumulates into Vd, and how the result saturates. Shift amounts come
 * decoded: right shifts 1..esize, left shifts 0..esize-1. */
#include <string.h>

#include "target-arm/cpu.h"
#include "target-arm/helper-simd-misc.h"
#include "target-arm/simd-lane.h"

typedef enum ShiftShape {
    SS_RIGHT,        /* SSHR..URSRA: same size */
    SS_INSERT_R,     /* SRI */
    SS_LEFT,         /* SHL */
    SS_INSERT_L,     /* SLI */
    SS_QSHL,         /* SQSHL, UQSHL, SQSHLU: saturating left shift */
    SS_NARROW,       /* SHRN..SQRSHRUN: 2*esize source, esize result in half Q */
    SS_LONG,         /* SSHLL/USHLL: esize source from half Q, 2*esize result */
} ShiftShape;

typedef enum SatKind { SAT_NONE, SAT_S, SAT_U } SatKind;

typedef struct OpShift {
    uint8_t shape;
    bool sign, round, acc;
    uint8_t sat;
} OpShift;

static const OpShift ops_shift[SSH_NUM_OPS] = {
    [SSH_SSHR] = { SS_RIGHT, true, false, false, SAT_NONE },
    [SSH_USHR] = { SS_RIGHT, false, false, false, SAT_NONE },
    [SSH_SSRA] = { SS_RIGHT, true, false, true, SAT_NONE },
    [SSH_USRA] = { SS_RIGHT, false, false, true, SAT_NONE },
    [SSH_SRSHR] = { SS_RIGHT, true, true, false, SAT_NONE },
    [SSH_URSHR] = { SS_RIGHT, false, true, false, SAT_NONE },
    [SSH_SRSRA] = { SS_RIGHT, true, true, true, SAT_NONE },
    [SSH_URSRA] = { SS_RIGHT, false, true, true, SAT_NONE },
    [SSH_SRI] = { SS_INSERT_R, false, false, false, SAT_NONE },
    [SSH_SHL] = { SS_LEFT, false, false, false, SAT_NONE },
    [SSH_SLI] = { SS_INSERT_L, false, false, false, SAT_NONE },
    [SSH_SQSHL] = { SS_QSHL, true, false, false, SAT_S },
    [SSH_UQSHL] = { SS_QSHL, false, false, false, SAT_U },
    [SSH_SQSHLU] = { SS_QSHL, true, false, false, SAT_U },
    [SSH_SHRN] = { SS_NARROW, false, false, false, SAT_NONE },
    [SSH_RSHRN] = { SS_NARROW, false, true, false, SAT_NONE },
    [SSH_SQSHRN] = { SS_NARROW, true, false, false, SAT_S },
    [SSH_UQSHRN] = { SS_NARROW, false, false, false, SAT_U },
    [SSH_SQRSHRN] = { SS_NARROW, true, true, false, SAT_S },
    [SSH_UQRSHRN] = { SS_NARROW, false, true, false, SAT_U },
    [SSH_SQSHRUN] = { SS_NARROW, true, false, false, SAT_U },
    [SSH_SQRSHRUN] = { SS_NARROW, true, true, false, SAT_U },
    [SSH_SSHLL] = { SS_LONG, true, false, false, SAT_NONE },
    [SSH_USHLL] = { SS_LONG, false, false, false, SAT_NONE },
};

/* (Int(x) + round_const) >> shift, exact in 128 bits (C6.2 SRSHR:
 * "round_const = 1 << (shift - 1)"); shift >= 1. */
static simd_i128 shift_right(uint64_t x, unsigned bits, const OpShift *op, unsigned shift)
{
    simd_i128 v = lane_int(x, bits, op->sign);

    if (op->round) {
        v += (simd_i128)1 << (shift - 1);
    }
    return v >> shift;
}

static uint64_t saturate(simd_i128 v, unsigned bits, const OpShift *op, bool *sat)
{
    switch (op->sat) {
    case SAT_S:
        return lane_sat_s(v, bits, sat);
    case SAT_U:
        return lane_sat_u(v, bits, sat);
    default:
        return (uint64_t)v;
    }
}

static uint64_t shift_same(const OpShift *op, uint64_t n, uint64_t d, unsigned bits,
                           unsigned shift, bool *sat)
{
    uint64_t mask;

    switch (op->shape) {
    case SS_RIGHT: {
        uint64_t r = (uint64_t)shift_right(n, bits, op, shift);
        return op->acc ? d + r : r;
    }
    case SS_INSERT_R:
        /* C6.2 SRI: bits shifted in from the left keep Vd's value */
        if (shift >= bits) {
            return d;
        }
        mask = lane_mask(bits) >> shift;
        return (d & ~mask) | (n >> shift);
    case SS_LEFT:
        return n << shift;
    case SS_INSERT_L:
        mask = lane_mask(bits) << shift;
        return (d & ~mask) | (n << shift);
    default: /* SS_QSHL */
        return saturate((simd_i128)((simd_u128)lane_int(n, bits, op->sign) << shift), bits, op,
                        sat);
    }
}

void simd_shift(ArmCpu *cpu, SimdDesc d)
{
    const OpShift *op = &ops_shift[d.op < SSH_NUM_OPS ? d.op : SSH_SHL];
    unsigned bits = 8u << d.size, shift = d.imm;
    uint64_t n[2], vd[2], r[2] = { 0, 0 };
    bool sat = false;

    memcpy(n, cpu->vreg[d.rn], sizeof n);
    memcpy(vd, cpu->vreg[d.rd], sizeof vd);
    if (op->shape == SS_NARROW) {
        /* Vpart[d, Q] = result: writing the upper half keeps the lower */
        unsigned count = d.scalar ? 1 : 64 / bits, base = d.scalar ? 0 : d.q * count;
        if (!d.scalar && d.q) {
            r[0] = vd[0];
        }
        for (unsigned e = 0; e < count; e++) {
            simd_i128 v = shift_right(lane_get(n, e, 2 * bits), 2 * bits, op, shift);
            lane_set(r, base + e, bits, saturate(v, bits, op, &sat));
        }
    } else if (op->shape == SS_LONG) {
        unsigned count = 64 / bits;
        for (unsigned e = 0; e < count; e++) {
            uint64_t x = (uint64_t)lane_int(lane_get(n, d.q * count + e, bits), bits, op->sign);
            lane_set(r, e, 2 * bits, x << shift);
        }
    } else {
        unsigned elems = d.scalar ? 1 : (d.q ? 128 : 64) / bits;
        for (unsigned e = 0; e < elems; e++) {
            lane_set(r, e, bits,
                     shift_same(op, lane_get(n, e, bits), lane_get(vd, e, bits), bits, shift,
                                &sat));
        }
    }
    memcpy(cpu->vreg[d.rd], r, sizeof r);
    if (sat) {
        cpu->fpsr |= ARM_FPSR_QC;
    }
}

DEFINE_SIMD_DESC_HELPER(simd_shift, simd_shift);
