/* Advanced SIMD two-register miscellaneous (integer) and across-lanes
 * helpers (helper-simd-misc.h). Each op is a row: its shape (how elements
 * of Vn and Vd map to elements of the result) and, for the shapes that
 * compute per element, a function from the C6.2 pseudocode. */
#include <string.h>

#include "target-arm/cpu.h"
#include "target-arm/helper-simd-misc.h"
#include "target-arm/simd-lane.h"

typedef enum Shape {
    SH_MAP,       /* result[e] = fn(Vn[e], Vd[e]), same size */
    SH_REV,       /* element order reversed inside containers of arg bits */
    SH_PAIRL,     /* result[e] (2*esize) = Vn[2e] + Vn[2e+1] (+ Vd[e]) */
    SH_NARROW,    /* result[e] (esize) = fn(Vn[e] of 2*esize), into half Q */
    SH_SHLL,      /* result[e] (2*esize) = Vn[e + Q*n] << esize */
} Shape;

/* n, d: the element of Vn and Vd (raw bits); bits: the element size fn
 * produces. Sets *sat when the result saturated. */
typedef uint64_t ElemFn(uint64_t n, uint64_t d, unsigned bits, bool *sat);

typedef struct Op2Misc {
    Shape shape;
    ElemFn *fn;
    unsigned arg;     /* SH_REV: container bits; SH_PAIRL: 1 signed | 2 accumulate */
} Op2Misc;

static unsigned leading_zeros(uint64_t x, unsigned bits)
{
    unsigned n = 0;

    for (unsigned i = bits; i-- > 0 && !((x >> i) & 1);) {
        n++;
    }
    return n;
}

/* C6.2 CLS: CountLeadingSignBits(x) = CountLeadingZeroBits(x<N-1:1> EOR
 * x<N-2:0>). */
static uint64_t e_cls(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return leading_zeros((n ^ (n >> 1)) & lane_mask(bits - 1), bits - 1);
}

static uint64_t e_clz(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return leading_zeros(n, bits);
}

static uint64_t e_cnt(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return (uint64_t)__builtin_popcountll(n);
}

static uint64_t e_not(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return ~n;
}

static uint64_t e_rbit(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    uint64_t r = 0;

    for (unsigned i = 0; i < bits; i++) {
        r |= ((n >> i) & 1) << (bits - 1 - i);
    }
    return r;
}

static uint64_t e_sqabs(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    simd_i128 v = lane_int(n, bits, true);

    return lane_sat_s(v < 0 ? -v : v, bits, sat);
}

static uint64_t e_sqneg(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sat_s(-lane_int(n, bits, true), bits, sat);
}

static uint64_t e_abs(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sext(n, bits) < 0 ? 0 - n : n;
}

static uint64_t e_neg(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return 0 - n;
}

/* C6.2 SUQADD: SignedSatQ(SInt(Vd) + UInt(Vn)); USQADD: UnsignedSatQ(UInt(Vd)
 * + SInt(Vn)). */
static uint64_t e_suqadd(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sat_s(lane_int(d, bits, true) + lane_int(n, bits, false), bits, sat);
}

static uint64_t e_usqadd(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sat_u(lane_int(d, bits, false) + lane_int(n, bits, true), bits, sat);
}

/* Compares against zero: all ones when true (C6.2 CMGT (zero) etc.). */
static uint64_t e_cmgt0(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sext(n, bits) > 0 ? ~0ull : 0;
}

static uint64_t e_cmge0(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sext(n, bits) >= 0 ? ~0ull : 0;
}

static uint64_t e_cmeq0(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return n == 0 ? ~0ull : 0;
}

static uint64_t e_cmle0(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sext(n, bits) <= 0 ? ~0ull : 0;
}

static uint64_t e_cmlt0(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sext(n, bits) < 0 ? ~0ull : 0;
}

/* Narrowing: n has 2 * bits bits (C6.2 XTN, SQXTN, UQXTN, SQXTUN). */
static uint64_t e_xtn(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return n;
}

static uint64_t e_sqxtn(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sat_s(lane_int(n, 2 * bits, true), bits, sat);
}

static uint64_t e_uqxtn(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sat_u(lane_int(n, 2 * bits, false), bits, sat);
}

static uint64_t e_sqxtun(uint64_t n, uint64_t d, unsigned bits, bool *sat)
{
    return lane_sat_u(lane_int(n, 2 * bits, true), bits, sat);
}

static const Op2Misc ops_2misc[S2M_NUM_OPS] = {
    [S2M_REV64] = { SH_REV, NULL, 64 },
    [S2M_REV32] = { SH_REV, NULL, 32 },
    [S2M_REV16] = { SH_REV, NULL, 16 },
    [S2M_SADDLP] = { SH_PAIRL, NULL, 1 },
    [S2M_UADDLP] = { SH_PAIRL, NULL, 0 },
    [S2M_SADALP] = { SH_PAIRL, NULL, 3 },
    [S2M_UADALP] = { SH_PAIRL, NULL, 2 },
    [S2M_SUQADD] = { SH_MAP, e_suqadd, 0 },
    [S2M_USQADD] = { SH_MAP, e_usqadd, 0 },
    [S2M_CLS] = { SH_MAP, e_cls, 0 },
    [S2M_CLZ] = { SH_MAP, e_clz, 0 },
    [S2M_CNT] = { SH_MAP, e_cnt, 0 },
    [S2M_NOT] = { SH_MAP, e_not, 0 },
    [S2M_RBIT] = { SH_MAP, e_rbit, 0 },
    [S2M_SQABS] = { SH_MAP, e_sqabs, 0 },
    [S2M_SQNEG] = { SH_MAP, e_sqneg, 0 },
    [S2M_ABS] = { SH_MAP, e_abs, 0 },
    [S2M_NEG] = { SH_MAP, e_neg, 0 },
    [S2M_CMGT0] = { SH_MAP, e_cmgt0, 0 },
    [S2M_CMGE0] = { SH_MAP, e_cmge0, 0 },
    [S2M_CMEQ0] = { SH_MAP, e_cmeq0, 0 },
    [S2M_CMLE0] = { SH_MAP, e_cmle0, 0 },
    [S2M_CMLT0] = { SH_MAP, e_cmlt0, 0 },
    [S2M_XTN] = { SH_NARROW, e_xtn, 0 },
    [S2M_SQXTN] = { SH_NARROW, e_sqxtn, 0 },
    [S2M_UQXTN] = { SH_NARROW, e_uqxtn, 0 },
    [S2M_SQXTUN] = { SH_NARROW, e_sqxtun, 0 },
    [S2M_SHLL] = { SH_SHLL, NULL, 0 },
};

static void set_qc(ArmCpu *cpu, bool sat)
{
    if (sat) {
        cpu->fpsr |= ARM_FPSR_QC;
    }
}

void simd_2misc(ArmCpu *cpu, SimdDesc d)
{
    const Op2Misc *op = &ops_2misc[d.op < S2M_NUM_OPS ? d.op : S2M_NOT];
    unsigned bits = 8u << d.size;
    unsigned elems = d.scalar ? 1 : (d.q ? 128 : 64) / bits;
    uint64_t n[2], vd[2], r[2] = { 0, 0 };
    bool sat = false;

    memcpy(n, cpu->vreg[d.rn], sizeof n);
    memcpy(vd, cpu->vreg[d.rd], sizeof vd);
    switch (op->shape) {
    case SH_MAP:
        for (unsigned e = 0; e < elems; e++) {
            lane_set(r, e, bits, op->fn(lane_get(n, e, bits), lane_get(vd, e, bits), bits, &sat));
        }
        break;
    case SH_REV: {
        /* C6.2 REV64: element e of a container comes from element
         * (containersize/esize - 1 - e) of the same container */
        unsigned flip = op->arg / bits - 1;
        for (unsigned e = 0; e < elems; e++) {
            lane_set(r, e, bits, lane_get(n, e ^ flip, bits));
        }
        break;
    }
    case SH_PAIRL: {
        bool sign = op->arg & 1, acc = op->arg & 2;
        for (unsigned e = 0; e < elems / 2; e++) {
            simd_i128 sum = lane_int(lane_get(n, 2 * e, bits), bits, sign) +
                            lane_int(lane_get(n, 2 * e + 1, bits), bits, sign);
            if (acc) {
                sum += lane_get(vd, e, 2 * bits);
            }
            lane_set(r, e, 2 * bits, (uint64_t)sum);
        }
        break;
    }
    case SH_NARROW: {
        /* Vpart[d, Q] = result: the upper half keeps the lower one */
        unsigned count = d.scalar ? 1 : 64 / bits, base = d.scalar ? 0 : d.q * count;
        if (!d.scalar && d.q) {
            r[0] = vd[0];
        }
        for (unsigned e = 0; e < count; e++) {
            lane_set(r, base + e, bits, op->fn(lane_get(n, e, 2 * bits), 0, bits, &sat));
        }
        break;
    }
    case SH_SHLL: {
        unsigned count = 64 / bits;
        for (unsigned e = 0; e < count; e++) {
            lane_set(r, e, 2 * bits, lane_get(n, d.q * count + e, bits) << bits);
        }
        break;
    }
    }
    memcpy(cpu->vreg[d.rd], r, sizeof r);
    set_qc(cpu, sat);
}

/* C6.2 ADDV, SADDLV, SMAXV...: one result from every element of Vn, in a
 * scalar register (the rest of Vd cleared). The long sums cannot overflow
 * 2 * esize bits (at most 16 elements). */
void simd_across(ArmCpu *cpu, SimdDesc d)
{
    unsigned bits = 8u << d.size, elems = (d.q ? 128 : 64) / bits, rbits = bits;
    bool sign = d.op == SAC_SADDLV || d.op == SAC_SMAXV || d.op == SAC_SMINV;
    const uint64_t *n = cpu->vreg[d.rn];
    simd_i128 acc = lane_int(lane_get(n, 0, bits), bits, sign);

    for (unsigned e = 1; e < elems; e++) {
        simd_i128 v = lane_int(lane_get(n, e, bits), bits, sign);
        switch (d.op) {
        case SAC_SMAXV:
        case SAC_UMAXV:
            acc = v > acc ? v : acc;
            break;
        case SAC_SMINV:
        case SAC_UMINV:
            acc = v < acc ? v : acc;
            break;
        default:
            acc += v;
            break;
        }
    }
    if (d.op == SAC_SADDLV || d.op == SAC_UADDLV) {
        rbits = 2 * bits;
    }
    cpu->vreg[d.rd][0] = (uint64_t)acc & lane_mask(rbits);
    cpu->vreg[d.rd][1] = 0;
}

DEFINE_SIMD_DESC_HELPER(simd_2misc, simd_2misc);
DEFINE_SIMD_DESC_HELPER(simd_across, simd_across);
