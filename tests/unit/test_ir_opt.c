/* Optimizer passes on small blocks: what each removes or folds, and that
 * the interpreter gives the same state and memory before and after. */
#include "tests/unit/test.h"
#include "tests/unit/ir-fixture.h"

static void seed_state(FxCpu *s)
{
    for (int i = 0; i < FX_NX; i++) {
        s->x[i] = 0x0123456789abcdefull * (uint64_t)(i + 1);
    }
    for (int i = 0; i < FX_NW; i++) {
        s->w[i] = 0x89abcdefu + (uint32_t)i;
    }
    for (unsigned i = 0; i < FX_RAM_SIZE; i++) {
        s->ram[i] = (uint8_t)(i * 7);
    }
}

/* Interpret b as built and after the full pipeline; state and RAM must match. */
static void check_equiv(const IrBlock *b)
{
    IrBlock *o = ir_block_clone(b);
    FxCpu *s1 = fx_cpu_new(), *s2 = fx_cpu_new();
    uint64_t w1, w2;

    ir_optimize(o, IR_PASS_ALL, true);
    seed_state(s1);
    seed_state(s2);
    w1 = interp_run(b, &s1->jit);
    w2 = interp_run(o, &s2->jit);
    CHECK_EQ(w1, w2);
    CHECK(memcmp(s1->x, s2->x, offsetof(FxCpu, ram) - offsetof(FxCpu, x)) == 0);
    CHECK(memcmp(s1->ram, s2->ram, FX_RAM_SIZE) == 0);
    ir_block_free(o);
    fx_cpu_free(s1);
    fx_cpu_free(s2);
}

static unsigned live_ops(const IrBlock *b)
{
    return b->nb_ops - fx_count(b, IR_OP_nop);
}

TEST(constant_chain_folds)
{
    Fx fx;
    IrBlock *b;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    IrTemp t1 = ir_const(b, IR_I64, 3), t2 = ir_const(b, IR_I64, 4);
    IrTemp t3 = ir_temp_new(b, IR_I64), t4 = ir_temp_new(b, IR_I64);
    IrTemp t5 = ir_temp_new(b, IR_I32);
    ir_add(b, IR_I64, t3, t1, t2);
    ir_mul(b, IR_I64, t4, t3, t3);
    ir_shl(b, IR_I64, fx.x[0], t4, t1);
    IR_EMIT(b, IR_OP_extrl_i64_i32, IR_I32, t5, t4);
    ir_clz(b, IR_I32, fx.w[0], t5);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    check_equiv(b);
    ir_optimize(b, IR_PASS_ALL, true);
    CHECK_EQ(fx_count(b, IR_OP_add) + fx_count(b, IR_OP_mul) + fx_count(b, IR_OP_shl), 0);
    CHECK_EQ(fx_count(b, IR_OP_clz), 0);
    CHECK_EQ(live_ops(b), 3);          /* movi x0, movi w0, exit */
    CHECK_EQ(b->ops[0].opc, IR_OP_movi);
    CHECK_EQ(b->ops[0].args[0], fx.x[0]);
    CHECK_EQ(b->ops[0].args[1], 49 << 3);
    CHECK_EQ(b->ops[1].args[1], 26);   /* clz32(49) */
    ir_block_free(b);
}

TEST(known_branch_folds_and_dead_path_goes)
{
    Fx fx;
    IrBlock *b;
    IrLabel l;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    l = ir_label_new(b);
    ir_brcond(b, IR_I64, IR_COND_LTU, ir_const(b, IR_I64, 1), ir_const(b, IR_I64, 2), l);
    ir_movi(b, IR_I64, fx.x[0], 5);    /* skipped: the branch is always taken */
    ir_set_label(b, l);
    ir_movi(b, IR_I64, fx.x[1], 6);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    check_equiv(b);
    ir_optimize(b, IR_PASS_ALL, true);
    CHECK_EQ(fx_count(b, IR_OP_brcond) + fx_count(b, IR_OP_br) + fx_count(b, IR_OP_set_label), 0);
    CHECK_EQ(live_ops(b), 2);
    CHECK_EQ(b->ops[0].args[0], fx.x[1]);
    ir_block_free(b);
}

TEST(identities_simplify)
{
    Fx fx;
    IrBlock *b;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    IrTemp z = ir_const(b, IR_I64, 0), ones = ir_const(b, IR_I64, UINT64_MAX);
    ir_add(b, IR_I64, fx.x[0], fx.x[1], z);     /* mov */
    ir_and(b, IR_I64, fx.x[2], fx.x[3], z);     /* movi 0 */
    ir_and(b, IR_I64, fx.x[4], ones, fx.x[4]);  /* no-op */
    ir_xor(b, IR_I64, fx.x[5], fx.x[6], fx.x[6]);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    check_equiv(b);
    ir_optimize(b, IR_PASS_ALL, true);
    CHECK_EQ(fx_count(b, IR_OP_add) + fx_count(b, IR_OP_and) + fx_count(b, IR_OP_xor), 0);
    CHECK_EQ(live_ops(b), 4);   /* mov x0, movi x2, movi x5, exit */
    ir_block_free(b);
}

TEST(copies_propagate)
{
    Fx fx;
    IrBlock *b;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    IrTemp t = ir_temp_new(b, IR_I64), u = ir_temp_new(b, IR_I64);
    ir_mov(b, IR_I64, t, fx.x[1]);
    ir_mov(b, IR_I64, u, t);
    ir_add(b, IR_I64, fx.x[0], u, t);
    ir_mov(b, IR_I64, fx.x[1], fx.x[2]);        /* x1 changes: t still holds the old x1 */
    ir_sub(b, IR_I64, fx.x[3], t, fx.x[1]);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    CHECK(ir_opt_copyprop(b));
    FX_VERIFY(b);
    CHECK_EQ(b->ops[2].args[1], fx.x[1]);
    CHECK_EQ(b->ops[2].args[2], fx.x[1]);
    CHECK_EQ(b->ops[4].args[1], t);             /* not x1: x1 was overwritten */
    CHECK_EQ(b->ops[4].args[2], fx.x[2]);
    ir_block_free(b);

    b = ir_block_new(&fx.ctx);
    t = ir_temp_new(b, IR_I64);
    u = ir_temp_new(b, IR_I64);
    ir_mov(b, IR_I64, t, fx.x[1]);
    ir_mov(b, IR_I64, u, t);
    ir_add(b, IR_I64, fx.x[0], u, t);
    ir_exit_tb(b, 0);
    check_equiv(b);
    ir_optimize(b, IR_PASS_ALL, true);
    CHECK_EQ(fx_count(b, IR_OP_mov), 0);
    CHECK_EQ(live_ops(b), 2);
    ir_block_free(b);
}

static uint64_t h_reads(JitCpu *env) { return 0; }
static uint64_t h_pure(JitCpu *env, uint64_t a) { return a + 1; }
static const IrHelper hd_reads = { "reads", { .f0 = h_reads }, 0, IR_VOID, { 0 }, IR_HF_READS };
static const IrHelper hd_writes = { "writes", { .f0 = h_reads }, 0, IR_VOID, { 0 }, IR_HF_WRITES };
static const IrHelper hd_pure = { "pure", { .f1 = h_pure }, 1, IR_I64, { IR_I64 }, IR_HF_PURE };

/* w0 = N flag of x1 - x2, then something, then w0 recomputed: the first
 * computation lives only if "something" observes the state. */
static IrBlock *flags_block(Fx *fx, int between)
{
    IrBlock *b = ir_block_new(&fx->ctx);
    IrTemp d = ir_temp_new(b, IR_I64), z = ir_const(b, IR_I64, 0);

    ir_sub(b, IR_I64, d, fx->x[1], fx->x[2]);
    ir_setcond(b, IR_I64, IR_COND_LT, fx->x[7], d, z);
    switch (between) {
    case 1:
        ir_qemu_ld(b, IR_I64, fx->x[3], ir_const(b, IR_I64, FX_RAM_BASE), JIT_MO_64, 0);
        break;
    case 2:
        ir_call(b, &hd_reads, 0, NULL);
        break;
    case 3:
        ir_call(b, &hd_pure, fx->x[4], (IrTemp[]){ fx->x[5] });
        break;
    case 4:
        ir_call(b, &hd_writes, 0, NULL);
        break;
    }
    ir_add(b, IR_I64, d, fx->x[1], fx->x[2]);
    ir_setcond(b, IR_I64, IR_COND_LT, fx->x[7], d, z);
    ir_exit_tb(b, 0);
    return b;
}

TEST(overwritten_flag_computation_disappears)
{
    Fx fx;

    fx_init(&fx);
    for (int between = 0; between <= 4; between++) {
        IrBlock *b = flags_block(&fx, between);
        bool observed = between == 1 || between == 2;
        FX_VERIFY(b);
        check_equiv(b);
        ir_optimize(b, IR_PASS_ALL, true);
        CHECK_EQ(fx_count(b, IR_OP_setcond), observed ? 2 : 1);
        CHECK_EQ(fx_count(b, IR_OP_sub), observed ? 1 : 0);
        ir_block_free(b);
    }
}

TEST(flag_read_by_exit_survives_and_dead_bits)
{
    Fx fx;
    IrBlock *b;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    IrTemp d = ir_temp_new(b, IR_I64), unused = ir_temp_new(b, IR_I64);
    ir_sub(b, IR_I64, d, fx.x[1], fx.x[2]);
    ir_setcond(b, IR_I64, IR_COND_EQ, fx.x[7], d, fx.x[1]);
    ir_mul(b, IR_I64, unused, d, d);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    check_equiv(b);
    ir_optimize(b, IR_PASS_ALL, true);
    CHECK_EQ(fx_count(b, IR_OP_setcond), 1);
    CHECK_EQ(fx_count(b, IR_OP_mul), 0);
    /* liveness: d dies at the setcond (input 1 = arg index 1) */
    CHECK_EQ(b->ops[1].opc, IR_OP_setcond);
    CHECK(b->ops[1].dead & (1u << 1));
    CHECK(!(b->ops[1].dead & (1u << 2)));   /* x1 is a global: live at the exit */
    CHECK(!(b->ops[0].dead & 1));           /* d is read later */
    ir_block_free(b);
}

TEST(global_stored_twice_keeps_last)
{
    Fx fx;
    IrBlock *b;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    ir_add(b, IR_I64, fx.x[0], fx.x[1], fx.x[2]);
    ir_mov(b, IR_I64, fx.x[0], fx.x[3]);
    ir_exit_tb(b, 0);
    check_equiv(b);
    ir_optimize(b, IR_PASS_ALL, true);
    CHECK_EQ(fx_count(b, IR_OP_add), 0);
    CHECK_EQ(live_ops(b), 2);
    CHECK_EQ(b->ops[0].opc, IR_OP_mov);
    ir_block_free(b);
}

static bool sync_has(const IrBlock *b, const IrOp *op, IrTemp g)
{
    return op->sync && ir_gset_has(&b->syncs[op->sync - 1], g);
}

TEST(globals_sync_points)
{
    Fx fx;
    IrBlock *b;
    IrLabel l;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    l = ir_label_new(b);
    IrTemp a = ir_const(b, IR_I64, FX_RAM_BASE);
    ir_add(b, IR_I64, fx.x[0], fx.x[0], a);
    ir_qemu_ld(b, IR_I64, fx.x[1], a, JIT_MO_64, 0);            /* op 2 */
    ir_call(b, &hd_reads, 0, NULL);                             /* op 3 */
    ir_brcond(b, IR_I64, IR_COND_EQ, fx.x[1], a, l);            /* op 4 */
    ir_movi(b, IR_I64, fx.x[2], 1);                             /* op 5 */
    ir_set_label(b, l);                                         /* op 6 */
    ir_movi(b, IR_I64, fx.x[3], 1);                             /* op 7 */
    ir_goto_tb(b, 0);                                           /* op 8 */
    FX_VERIFY(b);
    ir_opt_globals(b);
    FX_VERIFY(b);
    CHECK(sync_has(b, &b->ops[2], fx.x[0]));     /* slow path writes x0 back */
    CHECK(!sync_has(b, &b->ops[2], fx.x[1]));
    CHECK(sync_has(b, &b->ops[3], fx.x[0]));     /* still dirty on the fast path */
    CHECK(sync_has(b, &b->ops[3], fx.x[1]));
    CHECK(!sync_has(b, &b->ops[8], fx.x[0]));    /* written back at the helper */
    CHECK(sync_has(b, &b->ops[8], fx.x[2]));     /* dirty on one path: merged */
    CHECK(sync_has(b, &b->ops[8], fx.x[3]));
    CHECK_EQ(b->ops[9].sync, 0);                 /* the exit_tb after goto_tb */
    check_equiv(b);
    ir_block_free(b);
}

TEST(dump_is_readable)
{
    Fx fx;
    IrBlock *b;
    char buf[4096] = { 0 };
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    ir_insn_start(b, 0x1234);
    ir_brcond(b, IR_I32, IR_COND_LTU, fx.w[0], fx.w[1], ir_label_new(b));
    ir_set_label(b, 0);
    ir_qemu_ld(b, IR_I64, fx.x[0], fx.x[1], JIT_MO_32 | JIT_MO_SIGN | JIT_MO_ALIGN, 2);
    ir_call(b, &hd_pure, fx.x[2], (IrTemp[]){ fx.x[0] });
    ir_exit_tb(b, 3);
    ir_dump(b, f);
    fclose(f);
    CHECK(strstr(buf, "---- 0x1234"));
    CHECK(strstr(buf, "brcond_i32 w0, w1, ltu, L0"));
    CHECK(strstr(buf, "qemu_ld_i64 x0, x1, s32+al4, mmu2"));
    CHECK(strstr(buf, "call x2, x0, pure"));
    CHECK(strstr(buf, "exit_tb code:3"));
    ir_block_free(b);
}

TEST(verifier_rejects_malformed_blocks)
{
    Fx fx;
    IrBlock *b;
    char err[256];

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    ir_movi(b, IR_I64, fx.x[0], 1);
    CHECK(!ir_verify(b, err, sizeof err));            /* no exit */
    CHECK(strstr(err, "exit"));
    ir_block_free(b);

    b = ir_block_new(&fx.ctx);
    ir_add(b, IR_I64, fx.x[0], fx.w[0], fx.x[1]);      /* type mismatch */
    ir_exit_tb(b, 0);
    CHECK(!ir_verify(b, err, sizeof err));
    ir_block_free(b);

    b = ir_block_new(&fx.ctx);
    IrLabel l = ir_label_new(b);
    ir_set_label(b, l);
    ir_br(b, l);                                        /* backward branch */
    ir_exit_tb(b, 0);
    CHECK(!ir_verify(b, err, sizeof err));
    CHECK(strstr(err, "backward"));
    ir_block_free(b);

    b = ir_block_new(&fx.ctx);
    ir_add(b, IR_I64, fx.x[0], ir_temp_new(b, IR_I64), fx.x[1]);   /* undefined temp */
    ir_exit_tb(b, 0);
    CHECK(!ir_verify(b, err, sizeof err));
    ir_block_free(b);

    b = ir_block_new(&fx.ctx);
    ir_extract(b, IR_I32, fx.w[0], fx.w[1], 30, 4);     /* field past the width */
    ir_exit_tb(b, 0);
    CHECK(!ir_verify(b, err, sizeof err));
    ir_block_free(b);

    b = ir_block_new(&fx.ctx);
    IR_EMIT(b, IR_OP_goto_tb, IR_I64, 0);               /* goto_tb without exit_tb */
    ir_lookup_and_goto_ptr(b);
    CHECK(!ir_verify(b, err, sizeof err));
    ir_block_free(b);

    b = ir_block_new(&fx.ctx);
    ir_ld_env(b, IR_I64, fx.x[0], offsetof(FxCpu, x[3]), JIT_MO_64);   /* aliases x3 */
    ir_exit_tb(b, 0);
    CHECK(!ir_verify(b, err, sizeof err));
    CHECK(strstr(err, "overlaps"));
    ir_block_free(b);

    b = ir_block_new(&fx.ctx);
    ir_qemu_ld(b, IR_I32, fx.w[0], fx.x[0], JIT_MO_64, 0);  /* 8 bytes into i32 */
    ir_exit_tb(b, 0);
    CHECK(!ir_verify(b, err, sizeof err));
    ir_block_free(b);
}

/* Shadow-globals execution honours sync sets, and a missing one is caught:
 * this is what makes the random sync test able to fail. */
TEST(shadow_mode_needs_sync_sets)
{
    Fx fx;
    IrBlock *b;
    FxCpu *s = fx_cpu_new();
    InterpProg *p;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    ir_add(b, IR_I64, fx.x[0], fx.x[1], fx.x[2]);
    ir_call(b, &hd_reads, 0, NULL);
    ir_movi(b, IR_I64, fx.x[3], 9);
    ir_exit_tb(b, 0);
    ir_optimize(b, IR_PASS_ALL, true);
    CHECK(b->ops[1].sync != 0);
    s->x[1] = 40;
    s->x[2] = 2;
    p = interp_prepare_shadow(b);
    interp_exec(p, &s->jit);
    interp_free(p);
    CHECK_EQ(s->x[0], 42);
    CHECK_EQ(s->x[3], 9);
    /* drop the exit's write-back: x3 never reaches the state */
    b->ops[b->nb_ops - 1].sync = 0;
    s->x[3] = 0;
    p = interp_prepare_shadow(b);
    interp_exec(p, &s->jit);
    interp_free(p);
    CHECK_EQ(s->x[3], 0);
    ir_block_free(b);
    fx_cpu_free(s);
}
