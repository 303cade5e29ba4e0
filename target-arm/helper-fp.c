/* Scalar FP helpers: arithmetic and compares (helper-fp.h). */
#include "target-arm/helper-fp.h"

#include "target-arm/cpu.h"

FpStatus arm_fp_status(JitCpu *env)
{
    return fp_status(arm_cpu(env)->fpcr);
}

void arm_fp_flags(JitCpu *env, const FpStatus *st)
{
    arm_cpu(env)->fpsr |= st->flags;
}

FpRounding arm_fp_rounding(uint64_t desc, const FpStatus *st)
{
    unsigned rm = FPD_RM_OF(desc);
    return rm == FPD_RM_FPCR ? (FpRounding)st->rmode : (FpRounding)rm;
}

static inline uint64_t operand(uint64_t desc, uint64_t v)
{
    FpFmt f = FPD_FMT_OF(desc);
    return f == FP_D ? v : v & ((1ull << (8u << f)) - 1);
}

typedef uint64_t FpBinFn(FpFmt f, uint64_t a, uint64_t b, FpStatus *st);

static FpBinFn *const binop_fns[FPOP_COUNT] = {
    [FPOP_ADD] = fp_add,
    [FPOP_SUB] = fp_sub,
    [FPOP_MUL] = fp_mul,
    [FPOP_DIV] = fp_div,
    [FPOP_MAX] = fp_max,
    [FPOP_MIN] = fp_min,
    [FPOP_MAXNUM] = fp_maxnum,
    [FPOP_MINNUM] = fp_minnum,
    [FPOP_MULX] = fp_mulx,
    [FPOP_RECPS] = fp_recip_step,
    [FPOP_RSQRTS] = fp_rsqrt_step,
};

static uint64_t do_binop(JitCpu *env, uint64_t desc, uint64_t a, uint64_t b)
{
    FpStatus st = arm_fp_status(env);
    uint64_t r = binop_fns[FPD_OP_OF(desc)](FPD_FMT_OF(desc), operand(desc, a),
                                            operand(desc, b), &st);
    arm_fp_flags(env, &st);
    return r;
}

static uint64_t do_muladd(JitCpu *env, uint64_t desc, uint64_t c, uint64_t a, uint64_t b)
{
    FpStatus st = arm_fp_status(env);
    uint64_t r = fp_muladd(FPD_FMT_OF(desc), operand(desc, c), operand(desc, a),
                           operand(desc, b), &st);
    arm_fp_flags(env, &st);
    return r;
}

static uint64_t do_sqrt(JitCpu *env, uint64_t desc, uint64_t a)
{
    FpStatus st = arm_fp_status(env);
    uint64_t r = fp_sqrt(FPD_FMT_OF(desc), operand(desc, a), &st);
    arm_fp_flags(env, &st);
    return r;
}

static uint64_t do_round_int(JitCpu *env, uint64_t desc, uint64_t a)
{
    FpStatus st = arm_fp_status(env);
    uint64_t r = fp_round_int(FPD_FMT_OF(desc), operand(desc, a), arm_fp_rounding(desc, &st),
                              (desc & FPD_EXACT) != 0, &st);
    arm_fp_flags(env, &st);
    return r;
}

static uint64_t do_convert(JitCpu *env, uint64_t desc, uint64_t a)
{
    FpStatus st = arm_fp_status(env);
    uint64_t r = fp_convert(FPD_TO_OF(desc), FPD_FMT_OF(desc), operand(desc, a),
                            arm_fp_rounding(desc, &st), &st);
    arm_fp_flags(env, &st);
    return r;
}

static uint64_t do_compare(JitCpu *env, uint64_t desc, uint64_t a, uint64_t b)
{
    FpStatus st = arm_fp_status(env);
    unsigned nzcv = fp_compare(FPD_FMT_OF(desc), operand(desc, a), operand(desc, b),
                               (desc & FPD_SIGNAL_NANS) != 0, &st);
    arm_fp_flags(env, &st);
    return nzcv;
}

/* C6.2 FCCMP: "if ConditionHolds(cond) then flags = FPCompare(...) else
 * flags = nzcv": no exception unless the comparison happens. */
static uint64_t do_ccompare(JitCpu *env, uint64_t desc, uint64_t a, uint64_t b, uint64_t cond)
{
    return cond ? do_compare(env, desc, a, b) : FPD_NZCV_OF(desc);
}

#define FP_HELPER(nm, fn_, n, ...)                        \
    const IrHelper helper_fp_##nm = {                     \
        .name = "fp_" #nm,                                \
        .fn.f##n = fn_,                                   \
        .nargs = n,                                       \
        .ret = IR_I64,                                    \
        .args = { __VA_ARGS__ },                          \
        .flags = IR_HF_READS,                             \
    }

FP_HELPER(binop, do_binop, 3, IR_I64, IR_I64, IR_I64);
FP_HELPER(muladd, do_muladd, 4, IR_I64, IR_I64, IR_I64, IR_I64);
FP_HELPER(sqrt, do_sqrt, 2, IR_I64, IR_I64);
FP_HELPER(round_int, do_round_int, 2, IR_I64, IR_I64);
FP_HELPER(convert, do_convert, 2, IR_I64, IR_I64);
FP_HELPER(compare, do_compare, 3, IR_I64, IR_I64, IR_I64);
FP_HELPER(ccompare, do_ccompare, 4, IR_I64, IR_I64, IR_I64, IR_I64);

/* FPToFixed / FixedToFP: the integer side is 32 or 64 bits (FPD_I64). */
static uint64_t do_to_fixed(JitCpu *env, uint64_t desc, uint64_t a)
{
    FpStatus st = arm_fp_status(env);
    uint64_t r = fp_to_fixed(FPD_FMT_OF(desc), operand(desc, a), FPD_FBITS_OF(desc),
                             (desc & FPD_UNSIGNED) != 0, (desc & FPD_I64) ? 64 : 32,
                             arm_fp_rounding(desc, &st), &st);
    arm_fp_flags(env, &st);
    return r;
}

static uint64_t do_from_fixed(JitCpu *env, uint64_t desc, uint64_t v)
{
    FpStatus st = arm_fp_status(env);
    uint64_t r = fp_from_fixed(FPD_FMT_OF(desc), v, FPD_FBITS_OF(desc),
                               (desc & FPD_UNSIGNED) != 0, (desc & FPD_I64) ? 64 : 32,
                               arm_fp_rounding(desc, &st), &st);
    arm_fp_flags(env, &st);
    return r;
}

FP_HELPER(to_fixed, do_to_fixed, 2, IR_I64, IR_I64);
FP_HELPER(from_fixed, do_from_fixed, 2, IR_I64, IR_I64);
