/* IR semantics through the interpreter: every ALU op kind on i32 and i64
 * with edge values, bitfields, division edge cases, wide products,
 * conditions, branches, env access, helpers of each effect kind, exits. */
#include "tests/unit/test.h"
#include "tests/unit/ir-fixture.h"

/* Run `opc d, a, b` with inputs in globals (x1, x2 or w1, w2), result in x0/w0. */
static uint64_t run_op(IrOpc opc, IrType t, uint64_t a, uint64_t b, uint64_t c0, uint64_t c1)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *blk;
    const IrOpDef *d = &ir_op_defs[opc];
    uint64_t args[8] = { 0 }, r;
    unsigned n = 0;

    fx_init(&fx);
    blk = ir_block_new(&fx.ctx);
    IrTemp in0 = t == IR_I32 ? fx.w[1] : fx.x[1], in1 = t == IR_I32 ? fx.w[2] : fx.x[2];
    IrTemp out = t == IR_I32 ? fx.w[0] : fx.x[0];
    args[n++] = out;
    if (d->nin > 0) {
        args[n++] = in0;
    }
    if (d->nin > 1) {
        args[n++] = in1;
    }
    args[n++] = c0;
    args[n++] = c1;
    ir_emit(blk, opc, t, args);
    ir_exit_tb(blk, 0);
    FX_VERIFY(blk);
    if (t == IR_I32) {
        s->w[1] = (uint32_t)a;
        s->w[2] = (uint32_t)b;
    } else {
        s->x[1] = a;
        s->x[2] = b;
    }
    interp_run(blk, &s->jit);
    r = t == IR_I32 ? s->w[0] : s->x[0];
    ir_block_free(blk);
    fx_cpu_free(s);
    return r;
}

#define B64(op, a, b) run_op(IR_OP_##op, IR_I64, (a), (b), 0, 0)
#define B32(op, a, b) run_op(IR_OP_##op, IR_I32, (a), (b), 0, 0)

TEST(arith_edges)
{
    CHECK_EQ(B64(add, UINT64_MAX, 1), 0);
    CHECK_EQ(B32(add, 0xffffffff, 2), 1);
    CHECK_EQ(B32(sub, 0, 1), 0xffffffff);
    CHECK_EQ(B64(sub, 0, 1), UINT64_MAX);
    CHECK_EQ(B64(mul, 0x100000000ull, 0x100000000ull), 0);
    CHECK_EQ(B32(mul, 0x10000, 0x10001), 0x10000);
    CHECK_EQ(B32(neg, 1, 0), 0xffffffff);
    CHECK_EQ(B64(neg, 0x8000000000000000ull, 0), 0x8000000000000000ull);
}

TEST(logic_ops)
{
    CHECK_EQ(B64(and, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0x0f000f000f000f00ull);
    CHECK_EQ(B32(or, 0xf0f0f0f0, 0x0f0f0f0f), 0xffffffff);
    CHECK_EQ(B32(xor, 0xffff0000, 0xff00ff00), 0x00ffff00);
    CHECK_EQ(B32(not, 0x12345678, 0), 0xedcba987);
    CHECK_EQ(B64(andc, 0xff, 0x0f), 0xf0);
    CHECK_EQ(B32(orc, 0, 0xfffffffe), 1);
    CHECK_EQ(B64(orc, 0, 0), UINT64_MAX);
    CHECK_EQ(B32(eqv, 0xf0f0f0f0, 0xf0f0f0f0), 0xffffffff);
}

TEST(shifts_take_count_modulo_width)
{
    CHECK_EQ(B32(shl, 1, 33), 2);
    CHECK_EQ(B64(shl, 1, 65), 2);
    CHECK_EQ(B64(shl, 1, 63), 0x8000000000000000ull);
    CHECK_EQ(B32(shr, 0x80000000, 31), 1);
    CHECK_EQ(B32(shr, 0x80000000, 32), 0x80000000);
    CHECK_EQ(B32(sar, 0x80000000, 31), 0xffffffff);
    CHECK_EQ(B64(sar, 0x8000000000000000ull, 63), UINT64_MAX);
    CHECK_EQ(B64(sar, 0x4000000000000000ull, 62), 1);
    CHECK_EQ(B32(rotl, 0x80000001, 1), 3);
    CHECK_EQ(B32(rotr, 0x80000001, 1), 0xc0000000);
    CHECK_EQ(B64(rotr, 1, 0), 1);
    CHECK_EQ(B64(rotl, 0x8000000000000000ull, 64), 0x8000000000000000ull);
    CHECK_EQ(B64(rotr, 0x10, 4 + 64), 1);
}

TEST(bit_counts_and_swaps)
{
    CHECK_EQ(B32(clz, 0, 0), 32);
    CHECK_EQ(B64(clz, 0, 0), 64);
    CHECK_EQ(B32(clz, 1, 0), 31);
    CHECK_EQ(B64(clz, 0x8000000000000000ull, 0), 0);
    CHECK_EQ(B32(ctz, 0, 0), 32);
    CHECK_EQ(B64(ctz, 0, 0), 64);
    CHECK_EQ(B64(ctz, 0x100, 0), 8);
    CHECK_EQ(B64(ctpop, UINT64_MAX, 0), 64);
    CHECK_EQ(B32(ctpop, 0x11111111, 0), 8);
    CHECK_EQ(B32(bswap16, 0xaabb1234, 0), 0x3412);
    CHECK_EQ(B32(bswap32, 0x11223344, 0), 0x44332211);
    CHECK_EQ(B64(bswap32, 0xffffffff11223344ull, 0), 0x44332211);
    CHECK_EQ(B64(bswap64, 0x0102030405060708ull, 0), 0x0807060504030201ull);
}

TEST(extensions)
{
    CHECK_EQ(B32(ext8s, 0x80, 0), 0xffffff80);
    CHECK_EQ(B64(ext8s, 0x17f, 0), 0x7f);
    CHECK_EQ(B64(ext8u, 0xfff, 0), 0xff);
    CHECK_EQ(B32(ext16s, 0x8000, 0), 0xffff8000);
    CHECK_EQ(B64(ext16u, 0x12345678, 0), 0x5678);
    CHECK_EQ(B64(ext32s, 0x80000000, 0), 0xffffffff80000000ull);
    CHECK_EQ(B64(ext32u, 0xffffffff80000000ull, 0), 0x80000000);
}

TEST(bitfields)
{
    CHECK_EQ(run_op(IR_OP_extract, IR_I64, 0xabcd0000, 0, 16, 8), 0xcd);
    CHECK_EQ(run_op(IR_OP_extract, IR_I64, UINT64_MAX, 0, 0, 64), UINT64_MAX);
    CHECK_EQ(run_op(IR_OP_sextract, IR_I32, 0x00f00000, 0, 20, 4), 0xffffffff);
    CHECK_EQ(run_op(IR_OP_sextract, IR_I64, 0x00700000, 0, 20, 4), 7);
    CHECK_EQ(run_op(IR_OP_deposit, IR_I32, 0xffffffff, 0x0, 4, 8), 0xfffff00f);
    CHECK_EQ(run_op(IR_OP_deposit, IR_I64, 0, 0x1ff, 60, 4), 0xf000000000000000ull);
    CHECK_EQ(run_op(IR_OP_extract2, IR_I64, 0x00000000000000ffull, 0x1ull, 8, 0),
             0x0100000000000000ull);
    CHECK_EQ(run_op(IR_OP_extract2, IR_I32, 0x12345678, 0x9abcdef0, 0, 0), 0x12345678);
    CHECK_EQ(run_op(IR_OP_extract2, IR_I32, 0x12345678, 0x9abcdef0, 16, 0), 0xdef01234);
}

TEST(division_is_total)
{
    CHECK_EQ(B64(div, 7, 0), 0);
    CHECK_EQ(B64(divu, 7, 0), 0);
    CHECK_EQ(B64(rem, 7, 0), 7);
    CHECK_EQ(B32(remu, 7, 0), 7);
    CHECK_EQ(B64(div, 0x8000000000000000ull, UINT64_MAX), 0x8000000000000000ull);
    CHECK_EQ(B32(div, 0x80000000, 0xffffffff), 0x80000000);
    CHECK_EQ(B64(rem, 0x8000000000000000ull, UINT64_MAX), 0);
    CHECK_EQ(B32(rem, 0x80000000, 0xffffffff), 0);
    CHECK_EQ(B32(div, (uint32_t)-7, 2), (uint32_t)-3);       /* truncates toward zero */
    CHECK_EQ(B32(rem, (uint32_t)-7, 2), (uint32_t)-1);
    CHECK_EQ(B32(divu, 0xfffffffe, 2), 0x7fffffff);
    CHECK_EQ(B64(remu, UINT64_MAX, 10), 5);
}

static void mul2(IrType t, bool sgn, uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *blk;

    fx_init(&fx);
    blk = ir_block_new(&fx.ctx);
    IrTemp x = t == IR_I32 ? fx.w[2] : fx.x[2], y = t == IR_I32 ? fx.w[3] : fx.x[3];
    IrTemp l = t == IR_I32 ? fx.w[0] : fx.x[0], h = t == IR_I32 ? fx.w[1] : fx.x[1];
    (sgn ? ir_muls2 : ir_mulu2)(blk, t, l, h, x, y);
    ir_exit_tb(blk, 0);
    FX_VERIFY(blk);
    s->x[2] = s->w[2] = 0;
    if (t == IR_I32) {
        s->w[2] = (uint32_t)a;
        s->w[3] = (uint32_t)b;
    } else {
        s->x[2] = a;
        s->x[3] = b;
    }
    interp_run(blk, &s->jit);
    *lo = t == IR_I32 ? s->w[0] : s->x[0];
    *hi = t == IR_I32 ? s->w[1] : s->x[1];
    ir_block_free(blk);
    fx_cpu_free(s);
}

TEST(wide_products)
{
    uint64_t lo, hi;

    mul2(IR_I64, false, UINT64_MAX, UINT64_MAX, &lo, &hi);
    CHECK_EQ(lo, 1);
    CHECK_EQ(hi, 0xfffffffffffffffeull);
    mul2(IR_I64, true, UINT64_MAX, UINT64_MAX, &lo, &hi);   /* -1 * -1 */
    CHECK_EQ(lo, 1);
    CHECK_EQ(hi, 0);
    mul2(IR_I64, true, 0x8000000000000000ull, 2, &lo, &hi);
    CHECK_EQ(lo, 0);
    CHECK_EQ(hi, UINT64_MAX);
    mul2(IR_I32, false, 0xffffffff, 0xffffffff, &lo, &hi);
    CHECK_EQ(lo, 1);
    CHECK_EQ(hi, 0xfffffffe);
    mul2(IR_I32, true, 0xffffffff, 3, &lo, &hi);
    CHECK_EQ(lo, 0xfffffffd);
    CHECK_EQ(hi, 0xffffffff);
}

TEST(setcond_all_conditions)
{
    /* a = -1 (all ones), b = 1: signed a < b, unsigned a > b */
    static const int want[IR_NB_CONDS] = { 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1 };
    for (int c = 0; c < IR_NB_CONDS; c++) {
        CHECK_EQ(run_op(IR_OP_setcond, IR_I64, UINT64_MAX, 1, c, 0), want[c]);
        CHECK_EQ(run_op(IR_OP_setcond, IR_I32, 0xffffffff, 1, c, 0), want[c]);
    }
    CHECK_EQ(run_op(IR_OP_setcond, IR_I32, 0xf0, 0x0f, IR_COND_TSTEQ, 0), 1);
    CHECK_EQ(run_op(IR_OP_setcond, IR_I64, 5, 5, IR_COND_LE, 0), 1);
    CHECK_EQ(run_op(IR_OP_setcond, IR_I64, 5, 5, IR_COND_GEU, 0), 1);
    CHECK_EQ(run_op(IR_OP_setcond, IR_I64, 5, 5, IR_COND_GT, 0), 0);
}

TEST(movcond_and_conversions)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *b;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    ir_movcond(b, IR_I64, IR_COND_LTU, fx.x[0], fx.x[1], fx.x[2], fx.x[3], fx.x[4]);
    ir_movcond(b, IR_I64, IR_COND_GTU, fx.x[5], fx.x[1], fx.x[2], fx.x[3], fx.x[4]);
    IR_EMIT(b, IR_OP_ext_i32_i64, IR_I64, fx.x[6], fx.w[0]);
    IR_EMIT(b, IR_OP_extu_i32_i64, IR_I64, fx.x[7], fx.w[0]);
    IR_EMIT(b, IR_OP_extrh_i64_i32, IR_I32, fx.w[1], fx.x[3]);
    IR_EMIT(b, IR_OP_extrl_i64_i32, IR_I32, fx.w[2], fx.x[3]);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    s->x[1] = 1;
    s->x[2] = 2;
    s->x[3] = 0x1111111122222222ull;
    s->x[4] = 44;
    s->w[0] = 0x80000000;
    interp_run(b, &s->jit);
    CHECK_EQ(s->x[0], 0x1111111122222222ull);
    CHECK_EQ(s->x[5], 44);
    CHECK_EQ(s->x[6], 0xffffffff80000000ull);
    CHECK_EQ(s->x[7], 0x80000000);
    CHECK_EQ(s->w[1], 0x11111111);
    CHECK_EQ(s->w[2], 0x22222222);
    ir_block_free(b);
    fx_cpu_free(s);
}

TEST(branches_and_labels)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *b;
    IrLabel skip, end;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    skip = ir_label_new(b);
    end = ir_label_new(b);
    /* if (x1 < x2 signed) x0 = 100 else x0 = 200; x3 += 1 always */
    ir_brcond(b, IR_I64, IR_COND_GE, fx.x[1], fx.x[2], skip);
    ir_movi(b, IR_I64, fx.x[0], 100);
    ir_br(b, end);
    ir_set_label(b, skip);
    ir_movi(b, IR_I64, fx.x[0], 200);
    ir_set_label(b, end);
    ir_add(b, IR_I64, fx.x[3], fx.x[3], ir_const(b, IR_I64, 1));
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    s->x[1] = (uint64_t)-5;
    s->x[2] = 3;
    interp_run(b, &s->jit);
    CHECK_EQ(s->x[0], 100);
    CHECK_EQ(s->x[3], 1);
    s->x[1] = 3;
    interp_run(b, &s->jit);
    CHECK_EQ(s->x[0], 200);
    CHECK_EQ(s->x[3], 2);
    ir_block_free(b);
    fx_cpu_free(s);
}

TEST(env_access_and_v128)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *b;
    IrTemp t = 0, v;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    t = ir_temp_new(b, IR_I64);
    v = ir_temp_new(b, IR_V128);
    ir_ld_env(b, IR_I64, t, offsetof(FxCpu, scratch[0]), JIT_MO_8 | JIT_MO_SIGN);
    ir_mov(b, IR_I64, fx.x[0], t);
    ir_ld_env(b, IR_I64, fx.x[1], offsetof(FxCpu, scratch[1]), JIT_MO_64);
    ir_st_env(b, IR_I64, fx.x[1], offsetof(FxCpu, scratch[2]), JIT_MO_16);
    ir_mov(b, IR_V128, v, fx.v[0]);
    ir_mov(b, IR_V128, fx.v[1], v);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    s->scratch[0] = 0x80;
    s->scratch[1] = 0x1122334455667788ull;
    s->scratch[2] = 0xaaaaaaaaaaaaaaaaull;
    for (int i = 0; i < 16; i++) {
        s->v[0][i] = (uint8_t)(i + 1);
    }
    interp_run(b, &s->jit);
    CHECK_EQ(s->x[0], 0xffffffffffffff80ull);
    CHECK_EQ(s->x[1], 0x1122334455667788ull);
    CHECK_EQ(s->scratch[2], 0xaaaaaaaaaaaa7788ull);
    CHECK(memcmp(s->v[0], s->v[1], 16) == 0);
    ir_block_free(b);
    fx_cpu_free(s);
}

/* ---- helpers ---- */
static uint64_t h_pure_add3(JitCpu *env, uint64_t a, uint64_t b, uint64_t c)
{
    return a + b + c;
}
static uint64_t h_read_x0(JitCpu *env)
{
    return ((FxCpu *)env)->x[0] * 2;
}
static uint64_t h_write_x1(JitCpu *env, uint64_t v)
{
    ((FxCpu *)env)->x[1] = v;
    return 0;
}
static uint64_t h_raise(JitCpu *env, uint64_t v)
{
    FxCpu *s = (FxCpu *)env;
    if (v) {
        s->fault_pc = env->restore_pc;
        s->faults++;
        jit_cpu_exit_longjmp(env);
    }
    return 0;
}
static uint64_t h_w(JitCpu *env, uint64_t v)
{
    return v + 0x100000001ull;   /* i32 result: only the low half counts */
}

static const IrHelper hd_pure = { "pure_add3", { .f3 = h_pure_add3 }, 3, IR_I64,
                                  { IR_I64, IR_I64, IR_I32 }, IR_HF_PURE };
static const IrHelper hd_read = { "read_x0", { .f0 = h_read_x0 }, 0, IR_I64, { 0 }, IR_HF_READS };
static const IrHelper hd_write = { "write_x1", { .f1 = h_write_x1 }, 1, IR_VOID, { IR_I64 },
                                   IR_HF_WRITES };
static const IrHelper hd_raise = { "raise", { .f1 = h_raise }, 1, IR_VOID, { IR_I64 },
                                   IR_HF_RAISES | IR_HF_READS };
static const IrHelper hd_w = { "w", { .f1 = h_w }, 1, IR_I32, { IR_I32 }, IR_HF_PURE };

TEST(helper_effects)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *b;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    ir_call(b, &hd_pure, fx.x[2], (IrTemp[]){ fx.x[3], fx.x[4], fx.w[0] });
    ir_movi(b, IR_I64, fx.x[0], 21);                      /* written in the block ... */
    ir_call(b, &hd_read, fx.x[5], NULL);                  /* ... and seen by the helper */
    ir_call(b, &hd_write, 0, (IrTemp[]){ fx.x[2] });
    ir_add(b, IR_I64, fx.x[6], fx.x[1], fx.x[1]);          /* reads the helper's write */
    ir_call(b, &hd_w, fx.w[1], (IrTemp[]){ fx.w[0] });
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    s->x[3] = 10;
    s->x[4] = 20;
    s->w[0] = 5;
    ir_optimize(b, IR_PASS_ALL, true);   /* effects must survive optimization */
    interp_run(b, &s->jit);
    CHECK_EQ(s->x[2], 35);
    CHECK_EQ(s->x[5], 42);
    CHECK_EQ(s->x[1], 35);
    CHECK_EQ(s->x[6], 70);
    CHECK_EQ(s->w[1], 6);
    ir_block_free(b);
    fx_cpu_free(s);
}

TEST(raising_helper_records_pc)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *b;
    InterpProg *p;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    ir_insn_start(b, 0x1000);
    ir_movi(b, IR_I64, fx.x[0], 1);
    ir_insn_start(b, 0x1004);
    ir_call(b, &hd_raise, 0, (IrTemp[]){ fx.x[0] });
    ir_insn_start(b, 0x1008);
    ir_movi(b, IR_I64, fx.x[1], 1);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    ir_optimize(b, IR_PASS_ALL, true);
    p = interp_prepare(b);
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        interp_exec(p, &s->jit);
        CHECK(!"helper did not raise");
    }
    CHECK_EQ(s->faults, 1);
    CHECK_EQ(s->fault_pc, 0x1004);
    CHECK_EQ(s->x[0], 1);   /* written before the raise: visible */
    CHECK_EQ(s->x[1], 0);   /* after: not executed */
    interp_free(p);
    ir_block_free(b);
    fx_cpu_free(s);
}

TEST(exit_words)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *b;
    IrLabel l1, l2;
    uint64_t w;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    l1 = ir_label_new(b);
    l2 = ir_label_new(b);
    ir_brcond(b, IR_I64, IR_COND_EQ, fx.x[0], ir_const(b, IR_I64, 1), l1);
    ir_brcond(b, IR_I64, IR_COND_EQ, fx.x[0], ir_const(b, IR_I64, 2), l2);
    ir_movi(b, IR_I64, fx.pc, 0x2000);
    ir_goto_tb(b, 1);
    ir_set_label(b, l1);
    ir_lookup_and_goto_ptr(b);
    ir_set_label(b, l2);
    ir_exit_tb(b, 77);
    FX_VERIFY(b);
    w = interp_run(b, &s->jit);
    CHECK_EQ(JIT_EXIT_KIND(w), JIT_EXIT_CHAIN);
    CHECK_EQ(JIT_EXIT_VALUE(w), 1);
    CHECK_EQ(s->pc, 0x2000);
    s->x[0] = 1;
    CHECK_EQ(JIT_EXIT_KIND(interp_run(b, &s->jit)), JIT_EXIT_LOOKUP);
    s->x[0] = 2;
    w = interp_run(b, &s->jit);
    CHECK_EQ(JIT_EXIT_KIND(w), JIT_EXIT_CODE);
    CHECK_EQ(JIT_EXIT_VALUE(w), 77);
    s->jit.exit_request = 1;
    s->pc = 0;
    s->x[0] = 0;
    CHECK_EQ(JIT_EXIT_KIND(interp_run(b, &s->jit)), JIT_EXIT_REQUEST);
    CHECK_EQ(s->pc, 0);   /* nothing executed */
    ir_block_free(b);
    fx_cpu_free(s);
}
