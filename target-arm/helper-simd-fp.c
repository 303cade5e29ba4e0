/* Advanced SIMD floating point: the lane mover of helper_simd_fp
 * (helper-simd-fp.h). Each SimdFpOp is a row: a lane function from the
 * C6.2 pseudocode of the instruction, over the soft-float library, and the
 * shape (same-size lanes, narrowing or widening). The SFP_IMM_* flags pick
 * where the lanes' operands come from (by element, pairwise, Reduce). */
#include <string.h>

#include "target-arm/cpu.h"
#include "target-arm/helper-simd-fp.h"
#include "target-arm/simd-lane.h"
#include "target-arm/softfloat.h"

typedef struct FpLane {
    FpFmt f;            /* format of the lane */
    unsigned arg;       /* the row's argument */
    unsigned fbits;     /* fixed-point fraction bits */
    FpStatus *st;
} FpLane;

/* n, m: the lane of each source; d: the lane of Vd (FMLA/FMLS). */
typedef uint64_t FpLaneFn(const FpLane *c, uint64_t n, uint64_t m, uint64_t d);

typedef enum FpShape {
    FS_SAME,       /* result[e] = fn(...) at the element size */
    FS_NARROW,     /* result[e] (size) = FPConvert(Vn[e] of size + 1), into half Q */
    FS_WIDEN,      /* result[e] (size + 1) = FPConvert(Vn[e + Q * count] of size) */
} FpShape;

typedef struct FpRow {
    FpShape shape;
    FpLaneFn *fn;
    unsigned arg;
} FpRow;

/* Row arguments of the conversions: rounding mode, unsigned, FRINTX. */
#define ARG_RM(r)    ((unsigned)(r))
#define ARG_FPCR     8u               /* the FPCR rounding mode */
#define ARG_U        16u
#define ARG_EXACT    32u

static FpRounding lane_rounding(const FpLane *c)
{
    return (c->arg & ARG_FPCR) ? (FpRounding)c->st->rmode : (FpRounding)(c->arg & 7);
}

/* A lane function that is one expression over c, n, m and d. */
#define LANE_FN(name, expr)                                                        \
    static uint64_t l_##name(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)  \
    {                                                                              \
        return expr;                                                               \
    }

static uint64_t bool_lane(bool b)
{
    return b ? ~0ull : 0;
}

LANE_FN(add, fp_add(c->f, n, m, c->st))
LANE_FN(sub, fp_sub(c->f, n, m, c->st))
LANE_FN(mul, fp_mul(c->f, n, m, c->st))
LANE_FN(div, fp_div(c->f, n, m, c->st))
LANE_FN(max, fp_max(c->f, n, m, c->st))
LANE_FN(min, fp_min(c->f, n, m, c->st))
LANE_FN(maxnm, fp_maxnum(c->f, n, m, c->st))
LANE_FN(minnm, fp_minnum(c->f, n, m, c->st))
LANE_FN(mulx, fp_mulx(c->f, n, m, c->st))
LANE_FN(recps, fp_recip_step(c->f, n, m, c->st))
LANE_FN(rsqrts, fp_rsqrt_step(c->f, n, m, c->st))

/* C6.2 FABD: FPAbs(FPSub(op1, op2)), so a NaN result loses its sign. */
static uint64_t l_abd(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)
{
    return fp_abs(c->f, fp_sub(c->f, n, m, c->st));
}

LANE_FN(cmeq, bool_lane(fp_compare_eq(c->f, n, m, c->st)))
LANE_FN(cmge, bool_lane(fp_compare_ge(c->f, n, m, c->st)))
LANE_FN(cmgt, bool_lane(fp_compare_gt(c->f, n, m, c->st)))

/* C6.2 FACGE/FACGT: the compare of FPAbs(op1) and FPAbs(op2). */
static uint64_t l_acge(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)
{
    return bool_lane(fp_compare_ge(c->f, fp_abs(c->f, n), fp_abs(c->f, m), c->st));
}

static uint64_t l_acgt(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)
{
    return bool_lane(fp_compare_gt(c->f, fp_abs(c->f, n), fp_abs(c->f, m), c->st));
}

/* C6.2 FMLA: FPMulAdd(Vd, Vn, Vm); FMLS: FPMulAdd(Vd, FPNeg(Vn), Vm). */
LANE_FN(mla, fp_muladd(c->f, d, n, m, c->st))
LANE_FN(mls, fp_muladd(c->f, d, fp_neg(c->f, n), m, c->st))

/* C6.2 FCMGT (zero) etc.: the lane against +0.0; LT and LE swap the
 * operands of GT and GE ("FPCompareGT(zero, element)"). */
LANE_FN(cmgt0, bool_lane(fp_compare_gt(c->f, n, 0, c->st)))
LANE_FN(cmge0, bool_lane(fp_compare_ge(c->f, n, 0, c->st)))
LANE_FN(cmeq0, bool_lane(fp_compare_eq(c->f, n, 0, c->st)))
LANE_FN(cmlt0, bool_lane(fp_compare_gt(c->f, 0, n, c->st)))
LANE_FN(cmle0, bool_lane(fp_compare_ge(c->f, 0, n, c->st)))

LANE_FN(abs, fp_abs(c->f, n))
LANE_FN(neg, fp_neg(c->f, n))
LANE_FN(sqrt, fp_sqrt(c->f, n, c->st))
LANE_FN(recpe, fp_recip_estimate(c->f, n, c->st))
LANE_FN(rsqrte, fp_rsqrt_estimate(c->f, n, c->st))
LANE_FN(recpx, fp_recpx(c->f, n, c->st))

/* C6.2 URECPE, UnsignedRecipEstimate: a 32-bit fixed-point fraction
 * 0.x; below one half the result is all ones, else RecipEstimate of its
 * top 9 bits, placed in bits 31:23. */
static uint64_t l_urecpe(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)
{
    if (!(n & 0x80000000u)) {
        return 0xffffffffu;
    }
    return (uint64_t)(fp_recip_estimate_int((unsigned)(n >> 23) & 0x1ff) & 0x1ff) << 23;
}

/* C6.2 URSQRTE, UnsignedRSqrtEstimate: below one quarter all ones, else
 * RecipSqrtEstimate of the top 9 bits. */
static uint64_t l_ursqrte(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)
{
    if (!(n & 0xc0000000u)) {
        return 0xffffffffu;
    }
    return (uint64_t)(fp_rsqrt_estimate_int((unsigned)(n >> 23) & 0x1ff) & 0x1ff) << 23;
}

/* C6.2 FRINT<r> (vector): FPRoundInt with the row's rounding. */
static uint64_t l_rint(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)
{
    return fp_round_int(c->f, n, lane_rounding(c), (c->arg & ARG_EXACT) != 0, c->st);
}

/* C6.2 FCVT<r>S/U (vector), FCVTZS/U (fixed-point): FPToFixed at the
 * element size; SCVTF/UCVTF: FixedToFP. */
static uint64_t l_to_fixed(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)
{
    return fp_to_fixed(c->f, n, c->fbits, (c->arg & ARG_U) != 0, 8u << c->f, lane_rounding(c),
                       c->st);
}

static uint64_t l_from_fixed(const FpLane *c, uint64_t n, uint64_t m, uint64_t d)
{
    return fp_from_fixed(c->f, n, c->fbits, (c->arg & ARG_U) != 0, 8u << c->f, lane_rounding(c),
                         c->st);
}

static const FpRow rows[SFP_NUM_OPS] = {
    [SFP_ADD] = { FS_SAME, l_add, 0 },
    [SFP_SUB] = { FS_SAME, l_sub, 0 },
    [SFP_MUL] = { FS_SAME, l_mul, 0 },
    [SFP_DIV] = { FS_SAME, l_div, 0 },
    [SFP_MAX] = { FS_SAME, l_max, 0 },
    [SFP_MIN] = { FS_SAME, l_min, 0 },
    [SFP_MAXNM] = { FS_SAME, l_maxnm, 0 },
    [SFP_MINNM] = { FS_SAME, l_minnm, 0 },
    [SFP_MULX] = { FS_SAME, l_mulx, 0 },
    [SFP_RECPS] = { FS_SAME, l_recps, 0 },
    [SFP_RSQRTS] = { FS_SAME, l_rsqrts, 0 },
    [SFP_ABD] = { FS_SAME, l_abd, 0 },
    [SFP_CMEQ] = { FS_SAME, l_cmeq, 0 },
    [SFP_CMGE] = { FS_SAME, l_cmge, 0 },
    [SFP_CMGT] = { FS_SAME, l_cmgt, 0 },
    [SFP_ACGE] = { FS_SAME, l_acge, 0 },
    [SFP_ACGT] = { FS_SAME, l_acgt, 0 },
    [SFP_MLA] = { FS_SAME, l_mla, 0 },
    [SFP_MLS] = { FS_SAME, l_mls, 0 },
    [SFP_CMGT0] = { FS_SAME, l_cmgt0, 0 },
    [SFP_CMEQ0] = { FS_SAME, l_cmeq0, 0 },
    [SFP_CMLT0] = { FS_SAME, l_cmlt0, 0 },
    [SFP_CMGE0] = { FS_SAME, l_cmge0, 0 },
    [SFP_CMLE0] = { FS_SAME, l_cmle0, 0 },
    [SFP_ABS] = { FS_SAME, l_abs, 0 },
    [SFP_NEG] = { FS_SAME, l_neg, 0 },
    [SFP_SQRT] = { FS_SAME, l_sqrt, 0 },
    [SFP_RECPE] = { FS_SAME, l_recpe, 0 },
    [SFP_RSQRTE] = { FS_SAME, l_rsqrte, 0 },
    [SFP_RECPX] = { FS_SAME, l_recpx, 0 },
    [SFP_URECPE] = { FS_SAME, l_urecpe, 0 },
    [SFP_URSQRTE] = { FS_SAME, l_ursqrte, 0 },
    [SFP_RINTN] = { FS_SAME, l_rint, ARG_RM(FPR_TIEEVEN) },
    [SFP_RINTP] = { FS_SAME, l_rint, ARG_RM(FPR_POSINF) },
    [SFP_RINTM] = { FS_SAME, l_rint, ARG_RM(FPR_NEGINF) },
    [SFP_RINTZ] = { FS_SAME, l_rint, ARG_RM(FPR_ZERO) },
    [SFP_RINTA] = { FS_SAME, l_rint, ARG_RM(FPR_TIEAWAY) },
    [SFP_RINTX] = { FS_SAME, l_rint, ARG_FPCR | ARG_EXACT },
    [SFP_RINTI] = { FS_SAME, l_rint, ARG_FPCR },
    [SFP_CVTNS] = { FS_SAME, l_to_fixed, ARG_RM(FPR_TIEEVEN) },
    [SFP_CVTPS] = { FS_SAME, l_to_fixed, ARG_RM(FPR_POSINF) },
    [SFP_CVTMS] = { FS_SAME, l_to_fixed, ARG_RM(FPR_NEGINF) },
    [SFP_CVTZS] = { FS_SAME, l_to_fixed, ARG_RM(FPR_ZERO) },
    [SFP_CVTAS] = { FS_SAME, l_to_fixed, ARG_RM(FPR_TIEAWAY) },
    [SFP_CVTNU] = { FS_SAME, l_to_fixed, ARG_RM(FPR_TIEEVEN) | ARG_U },
    [SFP_CVTPU] = { FS_SAME, l_to_fixed, ARG_RM(FPR_POSINF) | ARG_U },
    [SFP_CVTMU] = { FS_SAME, l_to_fixed, ARG_RM(FPR_NEGINF) | ARG_U },
    [SFP_CVTZU] = { FS_SAME, l_to_fixed, ARG_RM(FPR_ZERO) | ARG_U },
    [SFP_CVTAU] = { FS_SAME, l_to_fixed, ARG_RM(FPR_TIEAWAY) | ARG_U },
    [SFP_SCVTF] = { FS_SAME, l_from_fixed, ARG_FPCR },
    [SFP_UCVTF] = { FS_SAME, l_from_fixed, ARG_FPCR | ARG_U },
    /* C6.2 FCVTN/FCVTL: FPCR rounding (exact for FCVTL); FCVTXN: "FPConvert
     * (..., FPRounding_ODD)" */
    [SFP_CVTN] = { FS_NARROW, NULL, ARG_FPCR },
    [SFP_CVTXN] = { FS_NARROW, NULL, ARG_RM(FPR_ODD) },
    [SFP_CVTL] = { FS_WIDEN, NULL, ARG_FPCR },
};

/* Reduce() of the Arm ARM (shared/functions/vector): the lanes [lo, lo +
 * count) halved recursively, op(Reduce(low half), Reduce(high half)). */
static uint64_t reduce(const FpRow *row, const FpLane *c, const uint64_t n[2], unsigned lo,
                       unsigned count)
{
    unsigned half = count / 2, bits = 8u << c->f;
    uint64_t a, b;

    if (count == 1) {
        return lane_get(n, lo, bits);
    }
    b = reduce(row, c, n, lo + half, half);
    a = reduce(row, c, n, lo, half);
    return row->fn(c, a, b, 0);
}

/* Lane i of the concatenation Vm:Vn of elems-lane vectors (C6.2 FADDP). */
static uint64_t concat_lane(const uint64_t n[2], const uint64_t m[2], unsigned i, unsigned elems,
                            unsigned bits)
{
    return i < elems ? lane_get(n, i, bits) : lane_get(m, i - elems, bits);
}

static void same_shape(const FpRow *row, const FpLane *c, SimdDesc d, const uint64_t n[2],
                       const uint64_t m[2], const uint64_t vd[2], uint64_t r[2])
{
    unsigned bits = 8u << c->f, elems = d.scalar ? 1 : (d.q ? 128 : 64) / bits;
    /* by element: the index is below 128 / bits (the decode table rejects
     * double lanes with L = 1); the modulo keeps lane_get in bounds anyway */
    unsigned idx = ((d.imm >> 8) & 3) % (128 / bits);
    uint64_t melem = (d.imm & SFP_IMM_INDEXED) ? lane_get(m, idx, bits) : 0;

    if (d.imm & SFP_IMM_REDUCE) {
        lane_set(r, 0, bits, reduce(row, c, n, 0, elems));
        return;
    }
    for (unsigned e = 0; e < elems; e++) {
        uint64_t a, b;
        if ((d.imm & SFP_IMM_PAIR) && d.scalar) {
            a = lane_get(n, 0, bits);
            b = lane_get(n, 1, bits);
        } else if (d.imm & SFP_IMM_PAIR) {
            a = concat_lane(n, m, 2 * e, elems, bits);
            b = concat_lane(n, m, 2 * e + 1, elems, bits);
        } else {
            a = lane_get(n, e, bits);
            b = (d.imm & SFP_IMM_INDEXED) ? melem : lane_get(m, e, bits);
        }
        lane_set(r, e, bits, row->fn(c, a, b, lane_get(vd, e, bits)));
    }
}

void simd_fp(ArmCpu *cpu, SimdDesc d)
{
    const FpRow *row = &rows[d.op < SFP_NUM_OPS ? d.op : SFP_ABS];
    FpStatus st = fp_status(cpu->fpcr);
    FpLane c = { .f = (FpFmt)d.size, .arg = row->arg, .fbits = SFP_IMM_FBITS(d.imm), .st = &st };
    unsigned bits = 8u << d.size;
    uint64_t n[2], m[2], vd[2], r[2] = { 0, 0 };

    memcpy(n, cpu->vreg[d.rn], sizeof n);
    memcpy(m, cpu->vreg[d.rm], sizeof m);
    memcpy(vd, cpu->vreg[d.rd], sizeof vd);
    switch (row->shape) {
    case FS_SAME:
        same_shape(row, &c, d, n, m, vd, r);
        break;
    case FS_NARROW: {
        /* Vpart[d, Q] = result: the upper half keeps the lower one */
        unsigned count = d.scalar ? 1 : 64 / bits, base = d.scalar ? 0 : d.q * count;
        if (!d.scalar && d.q) {
            r[0] = vd[0];
        }
        for (unsigned e = 0; e < count; e++) {
            lane_set(r, base + e, bits,
                     fp_convert(c.f, (FpFmt)(d.size + 1), lane_get(n, e, 2 * bits),
                                lane_rounding(&c), &st));
        }
        break;
    }
    case FS_WIDEN: {
        unsigned count = 64 / bits;
        for (unsigned e = 0; e < count; e++) {
            lane_set(r, e, 2 * bits,
                     fp_convert((FpFmt)(d.size + 1), c.f, lane_get(n, d.q * count + e, bits),
                                lane_rounding(&c), &st));
        }
        break;
    }
    }
    memcpy(cpu->vreg[d.rd], r, sizeof r);
    cpu->fpsr |= st.flags;
}

DEFINE_SIMD_DESC_HELPER(simd_fp, simd_fp);
