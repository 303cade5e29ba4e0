/* The native x86-64 backend on hand-built IR blocks. Every block runs in the
 * interpreter (the reference) and natively on copies of one state: exit
 * word, globals, env fields, RAM and the fake machine's fault/MMIO records
 * must agree. Explicit expected values pin down the edge cases (division,
 * faults, exits, chaining) independently of either executor. */
#include "tests/unit/test.h"
#include "tests/unit/native-fixture.h"

#include <stdlib.h>

#include "jit/ir-eval.h"
#include "jit/x86-enc.h"

static Nx nx;
static Fx fx;
static FxCpu *sa, *sb;

static void setup(size_t cb_size)
{
    fx_init(&fx);
    fx.ctx.pc_global = (int)fx.pc;
    nx_init(&nx, cb_size);
    sa = fx_cpu_new();
    sb = fx_cpu_new();
}

static const uint64_t edges[] = {
    0, 1, 2, 31, 32, 63, 64, 0x7f, 0x80, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, UINT64_MAX - 1, UINT64_MAX,
    0x123456789abcdef0ull,
};
#define NEDGE (sizeof edges / sizeof edges[0])

/* Run b through both executors from sa's state; fail on any difference.
 * Afterwards sa holds the interpreter's result, sb the native one. */
static uint64_t both_tb(IrBlock *b, uint64_t flags, TB **tbp)
{
    TB *tb;
    uint64_t wi, wn;

    FX_VERIFY(b);
    sa->faults = sa->unaligned = sa->bus_errors = 0;
    sa->mmio_reads = sa->mmio_writes = sa->invalidations = 0;
    nx_copy_state(sb, sa);
    jit_tlb_flush_all(&sa->jit);
    tb = nx_compile(&nx, b, b->guest_pc, flags);
    wi = nx_interp(b, sa);
    wn = nx_exec(&nx, tb, sb, NULL);
    if (wi != wn || !nx_same(sa, sb)) {
        ir_dump(b, stderr);
        for (int r = 0; r < FX_NX; r++) {
            fprintf(stderr, "x%d interp %" PRIx64 " native %" PRIx64 "\n", r, sa->x[r], sb->x[r]);
        }
        for (int r = 0; r < FX_NW; r++) {
            fprintf(stderr, "w%d interp %x native %x\n", r, sa->w[r], sb->w[r]);
        }
        fprintf(stderr, "pc %" PRIx64 "/%" PRIx64 " faults %d/%d unaligned %d/%d bus %d/%d "
                "fault_pc %" PRIx64 "/%" PRIx64 " restore_pc %" PRIx64 "/%" PRIx64
                " mmio r %d/%d w %d/%d inval %d/%d ram %d\n", sa->pc, sb->pc, sa->faults,
                sb->faults, sa->unaligned, sb->unaligned, sa->bus_errors, sb->bus_errors,
                sa->fault_pc, sb->fault_pc, sa->jit.restore_pc, sb->jit.restore_pc,
                sa->mmio_reads, sb->mmio_reads, sa->mmio_writes, sb->mmio_writes,
                sa->invalidations, sb->invalidations, memcmp(sa->ram, sb->ram, FX_RAM_SIZE));
        test_failed(__FILE__, __LINE__, "interpreter and native differ (exit %" PRIx64
                    " vs %" PRIx64 ")", wi, wn);
    }
    if (tbp) {
        *tbp = tb;
    }
    return wn;
}

static uint64_t both(IrBlock *b)
{
    return both_tb(b, 0, NULL);
}

static IrBlock *blk(void)
{
    IrBlock *b = ir_block_new(&fx.ctx);
    b->guest_pc = 0x1000;
    ir_insn_start(b, 0x1000);
    return b;
}

static IrTemp G(IrType t, int i)
{
    return t == IR_I32 ? fx.w[i] : fx.x[i];
}

static void set_in(IrType t, uint64_t a, uint64_t c)
{
    if (t == IR_I32) {
        sa->w[0] = (uint32_t)a;
        sa->w[1] = (uint32_t)c;
    } else {
        sa->x[0] = a;
        sa->x[1] = c;
    }
}

static const IrOpc bin_ops[] = {
    IR_OP_add, IR_OP_sub, IR_OP_mul, IR_OP_and, IR_OP_or, IR_OP_xor, IR_OP_andc, IR_OP_orc,
    IR_OP_eqv, IR_OP_shl, IR_OP_shr, IR_OP_sar, IR_OP_rotl, IR_OP_rotr, IR_OP_div, IR_OP_divu,
    IR_OP_rem, IR_OP_remu,
};

TEST(binary_ops_edge_values)
{
    setup(4 << 20);
    for (int ty = IR_I32; ty <= IR_I64; ty++) {
        IrType t = (IrType)ty;
        for (unsigned o = 0; o < sizeof bin_ops / sizeof bin_ops[0]; o++) {
            for (unsigned i = 0; i < NEDGE; i += 2) {
                for (unsigned j = 0; j < NEDGE; j++) {
                    IrBlock *b = blk();
                    uint64_t ci = t == IR_I32 ? (uint32_t)edges[j] : edges[j];
                    /* register-register, register-constant, constant-register */
                    IR_EMIT(b, bin_ops[o], t, G(t, 2), G(t, 0), G(t, 1));
                    IR_EMIT(b, bin_ops[o], t, G(t, 3), G(t, 0), ir_const(b, t, ci));
                    IR_EMIT(b, bin_ops[o], t, G(t, 0), ir_const(b, t, ci), G(t, 0));
                    ir_exit_tb(b, 1);
                    set_in(t, edges[i], edges[j]);
                    both(b);
                    ir_block_free(b);
                }
            }
        }
    }
}

/* x86 DIV/IDIV trap on these; the IR defines them (docs/jit.md). */
TEST(division_edge_cases)
{
    static const struct { IrOpc op; IrType t; uint64_t a, b, r; } cases[] = {
        { IR_OP_div, IR_I64, 0x8000000000000000ull, UINT64_MAX, 0x8000000000000000ull },
        { IR_OP_rem, IR_I64, 0x8000000000000000ull, UINT64_MAX, 0 },
        { IR_OP_div, IR_I64, 12345, 0, 0 },
        { IR_OP_rem, IR_I64, 12345, 0, 12345 },
        { IR_OP_divu, IR_I64, 12345, 0, 0 },
        { IR_OP_remu, IR_I64, 12345, 0, 12345 },
        { IR_OP_div, IR_I64, (uint64_t)-7, 2, (uint64_t)-3 },
        { IR_OP_rem, IR_I64, (uint64_t)-7, 2, (uint64_t)-1 },
        { IR_OP_divu, IR_I64, UINT64_MAX, 2, 0x7fffffffffffffffull },
        { IR_OP_div, IR_I32, 0x80000000, 0xffffffff, 0x80000000 },
        { IR_OP_rem, IR_I32, 0x80000000, 0xffffffff, 0 },
        { IR_OP_div, IR_I32, 5, 0, 0 },
        { IR_OP_remu, IR_I32, 5, 0, 5 },
        { IR_OP_div, IR_I32, 0xfffffff9, 2, 0xfffffffd },
        { IR_OP_divu, IR_I32, 0xfffffff9, 2, 0x7ffffffc },
        { IR_OP_rem, IR_I32, 0xfffffff9, 0xffffffff, 0 },
    };

    setup(1 << 20);
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        IrBlock *b = blk();
        IrType t = cases[i].t;
        IR_EMIT(b, cases[i].op, t, G(t, 2), G(t, 0), G(t, 1));
        ir_exit_tb(b, 1);
        set_in(t, cases[i].a, cases[i].b);
        both(b);
        CHECK_EQ(t == IR_I32 ? sb->w[2] : sb->x[2], cases[i].r);
        ir_block_free(b);
    }
}

static const IrOpc un_ops[] = {
    IR_OP_mov, IR_OP_neg, IR_OP_not, IR_OP_clz, IR_OP_ctz, IR_OP_ctpop, IR_OP_bswap16,
    IR_OP_bswap32, IR_OP_ext8s, IR_OP_ext8u, IR_OP_ext16s, IR_OP_ext16u,
};

static void unary_all(void)
{
    for (int ty = IR_I32; ty <= IR_I64; ty++) {
        IrType t = (IrType)ty;
        for (unsigned i = 0; i < NEDGE; i++) {
            IrBlock *b = blk();
            for (unsigned o = 0; o < sizeof un_ops / sizeof un_ops[0]; o++) {
                IR_EMIT(b, un_ops[o], t, G(t, 2 + o % 2), G(t, 0));
                ir_add(b, t, G(t, 1), G(t, 1), G(t, 2 + o % 2));
                ir_rotl(b, t, G(t, 1), G(t, 1), ir_const(b, t, 5));
            }
            if (t == IR_I64) {
                ir_bswap64(b, t, fx.x[4], fx.x[0]);
                ir_ext32s(b, t, fx.x[5], fx.x[0]);
                ir_ext32u(b, t, fx.x[6], fx.x[0]);
                IR_EMIT(b, IR_OP_extrl_i64_i32, IR_I32, fx.w[2], fx.x[0]);
                IR_EMIT(b, IR_OP_extrh_i64_i32, IR_I32, fx.w[3], fx.x[0]);
            } else {
                IR_EMIT(b, IR_OP_ext_i32_i64, IR_I64, fx.x[4], fx.w[0]);
                IR_EMIT(b, IR_OP_extu_i32_i64, IR_I64, fx.x[5], fx.w[0]);
            }
            ir_exit_tb(b, 2);
            set_in(t, edges[i], 0);
            both(b);
            ir_block_free(b);
        }
    }
}

TEST(unary_ops_and_conversions)
{
    setup(1 << 20);
    unary_all();
    /* zero in, width out (docs/jit.md) */
    sa->x[0] = 0;
    {
        IrBlock *b = blk();
        ir_clz(b, IR_I64, fx.x[2], fx.x[0]);
        ir_ctz(b, IR_I32, fx.w[2], fx.w[0]);
        ir_exit_tb(b, 1);
        sa->w[0] = 0;
        both(b);
        CHECK_EQ(sb->x[2], 64);
        CHECK_EQ(sb->w[2], 32);
        ir_block_free(b);
    }
}

/* The fallbacks for hosts without LZCNT/TZCNT/POPCNT/BMI2. */
TEST(unary_ops_without_host_features)
{
    setup(1 << 20);
    x86_host_detect();
    x86_host.lzcnt = x86_host.bmi1 = x86_host.bmi2 = x86_host.popcnt = false;
    unary_all();
    for (int ty = IR_I32; ty <= IR_I64; ty++) {
        IrType t = (IrType)ty;
        for (unsigned i = 0; i < NEDGE; i += 3) {
            IrBlock *b = blk();
            ir_shl(b, t, G(t, 2), G(t, 0), G(t, 1));
            ir_sar(b, t, G(t, 3), G(t, 0), G(t, 1));
            ir_shr(b, t, G(t, 0), G(t, 1), G(t, 0));
            ir_exit_tb(b, 1);
            set_in(t, edges[i], edges[NEDGE - 1 - i] + 7 * i);
            both(b);
            ir_block_free(b);
        }
    }
}

TEST(bitfield_ops)
{
    static const unsigned lens[] = { 1, 7, 8, 12, 16, 31, 32, 33, 48, 63, 64 };

    setup(4 << 20);
    for (int ty = IR_I32; ty <= IR_I64; ty++) {
        IrType t = (IrType)ty;
        unsigned w = t == IR_I32 ? 32 : 64;
        for (unsigned li = 0; li < sizeof lens / sizeof lens[0]; li++) {
            unsigned len = lens[li];
            for (unsigned pos = 0; len <= w && pos + len <= w; pos += 5) {
                IrBlock *b = blk();
                ir_extract(b, t, G(t, 2), G(t, 0), pos, len);
                ir_sextract(b, t, G(t, 3), G(t, 0), pos, len);
                ir_deposit(b, t, G(t, 1), G(t, 0), G(t, 1), pos, len);
                ir_extract2(b, t, G(t, 1), G(t, 0), G(t, 1), pos % w);
                ir_exit_tb(b, 1);
                set_in(t, 0x8badf00d5eed1234ull * (pos + 1), 0xf0e1d2c3b4a59687ull ^ len);
                both(b);
                ir_block_free(b);
            }
        }
    }
    /* explicit: deposit 8 bits at 4 */
    sa->x[0] = 0xffffffffffffffffull;
    sa->x[1] = 0x00;
    {
        IrBlock *b = blk();
        ir_deposit(b, IR_I64, fx.x[2], fx.x[0], fx.x[1], 4, 8);
        ir_sextract(b, IR_I64, fx.x[3], fx.x[2], 8, 8);
        ir_exit_tb(b, 1);
        both(b);
        CHECK_EQ(sb->x[2], 0xfffffffffffff00full);
        CHECK_EQ(sb->x[3], 0xfffffffffffffff0ull);
        ir_block_free(b);
    }
}

TEST(conditions_setcond_movcond_brcond)
{
    setup(4 << 20);
    for (int ty = IR_I32; ty <= IR_I64; ty++) {
        IrType t = (IrType)ty;
        for (int c = 0; c < IR_NB_CONDS; c++) {
            for (unsigned i = 0; i < NEDGE; i += 2) {
                for (unsigned j = 0; j < NEDGE; j += 3) {
                    IrBlock *b = blk();
                    IrLabel l = ir_label_new(b);
                    ir_setcond(b, t, (IrCond)c, G(t, 2), G(t, 0), G(t, 1));
                    ir_movcond(b, t, (IrCond)c, G(t, 3), G(t, 0), G(t, 1), G(t, 1), G(t, 0));
                    IrTemp tt = ir_temp_new(b, t);
                    ir_setcond(b, t, (IrCond)c, tt, G(t, 0),
                               ir_const(b, t, t == IR_I32 ? (uint32_t)edges[j] : edges[j]));
                    IR_EMIT(b, t == IR_I32 ? IR_OP_extu_i32_i64 : IR_OP_mov, IR_I64, fx.x[4], tt);
                    ir_brcond(b, t, (IrCond)c, G(t, 0), G(t, 1), l);
                    ir_movi(b, IR_I64, fx.x[5], 0x55);
                    ir_set_label(b, l);
                    ir_exit_tb(b, 1);
                    set_in(t, edges[i], edges[j]);
                    sa->x[5] = 0;
                    both(b);
                    CHECK_EQ(sb->x[5] == 0x55,
                             !ir_eval_cond((IrCond)c, t == IR_I32 ? 32 : 64,
                                           t == IR_I32 ? (uint32_t)edges[i] : edges[i],
                                           t == IR_I32 ? (uint32_t)edges[j] : edges[j]));
                    ir_block_free(b);
                }
            }
        }
    }
}

TEST(full_products)
{
    setup(1 << 20);
    for (int ty = IR_I32; ty <= IR_I64; ty++) {
        IrType t = (IrType)ty;
        for (unsigned i = 0; i < NEDGE; i++) {
            for (unsigned j = 0; j < NEDGE; j += 2) {
                IrBlock *b = blk();
                ir_mulu2(b, t, G(t, 2), G(t, 3), G(t, 0), G(t, 1));
                ir_muls2(b, t, G(t, 1), G(t, 0), G(t, 0), G(t, 1));
                ir_exit_tb(b, 1);
                set_in(t, edges[i], edges[j]);
                both(b);
                ir_block_free(b);
            }
        }
    }
    sa->x[0] = UINT64_MAX;
    sa->x[1] = UINT64_MAX;
    {
        IrBlock *b = blk();
        ir_mulu2(b, IR_I64, fx.x[2], fx.x[3], fx.x[0], fx.x[1]);
        ir_muls2(b, IR_I64, fx.x[4], fx.x[5], fx.x[0], fx.x[1]);
        ir_exit_tb(b, 1);
        both(b);
        CHECK_EQ(sb->x[2], 1);
        CHECK_EQ(sb->x[3], UINT64_MAX - 1);
        CHECK_EQ(sb->x[4], 1);
        CHECK_EQ(sb->x[5], 0);
        ir_block_free(b);
    }
}

/* More values live than host registers: spills, reloads, constants. */
TEST(register_pressure)
{
    setup(1 << 20);
    for (unsigned n = 4; n <= 40; n += 9) {
        IrBlock *b = blk();
        IrTemp t[40];
        for (unsigned i = 0; i < n; i++) {
            t[i] = ir_temp_new(b, IR_I64);
            ir_mul(b, IR_I64, t[i], fx.x[i % FX_NX], ir_const(b, IR_I64, 3 + i));
        }
        for (unsigned i = 0; i < n; i++) {
            ir_xor(b, IR_I64, fx.x[i % FX_NX], fx.x[i % FX_NX], t[n - 1 - i]);
        }
        ir_exit_tb(b, 1);
        for (int r = 0; r < FX_NX; r++) {
            sa->x[r] = edges[r + 5] * 0x9e3779b97f4a7c15ull;
        }
        both(b);
        ir_block_free(b);
    }
}

/* ---- helpers of each effect kind ---- */
static uint64_t spy_x0;
static uint64_t h_pure_spy(JitCpu *env, uint64_t a) { spy_x0 = ((FxCpu *)env)->x[0]; return a * 2 + 1; }
static uint64_t h_reads(JitCpu *env, uint64_t a) { return ((FxCpu *)env)->x[0] + a; }
static uint64_t h_writes(JitCpu *env, uint64_t a) { ((FxCpu *)env)->x[5] = 1234 + a; return 7; }
static uint64_t h_raise(JitCpu *env)
{
    FxCpu *s = (FxCpu *)env;
    s->fault_pc = env->restore_pc;
    s->fault_vaddr = s->x[0];
    s->faults++;
    jit_cpu_exit_longjmp(env);
}
static const IrHelper hp = { "pure", { .f1 = h_pure_spy }, 1, IR_I64, { IR_I64 }, IR_HF_PURE };
static const IrHelper hr = { "reads", { .f1 = h_reads }, 1, IR_I32, { IR_I32 }, IR_HF_READS };
static const IrHelper hw = { "writes", { .f1 = h_writes }, 1, IR_I64, { IR_I64 },
                             IR_HF_WRITES };
static const IrHelper hx = { "raise", { .f0 = h_raise }, 0, IR_VOID, { 0 }, IR_HF_RAISES };

TEST(helper_effects_and_writeback)
{
    IrBlock *b;

    setup(1 << 20);
    /* pure: the dirty x0 stays in its host register (the spy sees the old
     * value natively), the result is still right */
    sa->x[0] = 5;
    sa->x[1] = 20;
    b = blk();
    ir_movi(b, IR_I64, fx.x[0], 99);
    ir_call(b, &hp, fx.x[2], (IrTemp[]){ fx.x[1] });
    ir_add(b, IR_I64, fx.x[3], fx.x[0], fx.x[2]);
    ir_exit_tb(b, 1);
    nx_copy_state(sb, sa);
    CHECK_EQ(nx_exec(&nx, nx_compile(&nx, b, 0x1000, 0), sb, NULL),
             JIT_EXIT_WORD(JIT_EXIT_CODE, 1));
    CHECK_EQ(spy_x0, 5);
    CHECK_EQ(sb->x[0], 99);
    CHECK_EQ(sb->x[2], 41);
    CHECK_EQ(sb->x[3], 140);
    both(b);
    ir_block_free(b);

    /* reads: dirty globals are written back first; i32 argument and result */
    b = blk();
    ir_movi(b, IR_I64, fx.x[0], 1000);
    ir_call(b, &hr, fx.w[1], (IrTemp[]){ fx.w[0] });
    ir_exit_tb(b, 1);
    sa->w[0] = 0xffffffff;
    both(b);
    CHECK_EQ(sb->w[1], (uint32_t)(1000 + 0xffffffffull));
    ir_block_free(b);

    /* writes: globals are reloaded after the call */
    b = blk();
    ir_add(b, IR_I64, fx.x[6], fx.x[5], fx.x[1]);    /* x5 now cached */
    ir_call(b, &hw, fx.x[2], (IrTemp[]){ fx.x[1] });
    ir_add(b, IR_I64, fx.x[7], fx.x[5], ir_const(b, IR_I64, 1));
    ir_exit_tb(b, 1);
    sa->x[1] = 6;
    both(b);
    CHECK_EQ(sb->x[7], 1241);
    CHECK_EQ(sb->x[2], 7);
    ir_block_free(b);

    /* raises: restore_pc is the instruction's PC, globals are written back */
    b = blk();
    ir_movi(b, IR_I64, fx.x[0], 0xabc);
    ir_insn_start(b, 0x1004);
    ir_call(b, &hx, UINT32_MAX, NULL);
    ir_exit_tb(b, 1);
    CHECK_EQ(both(b), UINT64_MAX);
    CHECK_EQ(sb->faults, 1);
    CHECK_EQ(sb->fault_pc, 0x1004);
    CHECK_EQ(sb->fault_vaddr, 0xabc);
    ir_block_free(b);

    /* temps in caller-saved registers survive calls */
    b = blk();
    {
        IrTemp t[12];
        for (int i = 0; i < 12; i++) {
            t[i] = ir_temp_new(b, IR_I64);
            ir_add(b, IR_I64, t[i], fx.x[i % 8], ir_const(b, IR_I64, (uint64_t)i * 0x1111));
        }
        ir_call(b, &hp, fx.x[2], (IrTemp[]){ t[3] });
        ir_call(b, &hw, fx.x[3], (IrTemp[]){ t[4] });
        for (int i = 0; i < 12; i++) {
            ir_add(b, IR_I64, fx.x[i % 8], fx.x[i % 8], t[i]);
        }
    }
    ir_exit_tb(b, 1);
    both(b);
    ir_block_free(b);
}

/* ---- guest memory ---- */
TEST(guest_memory_fast_and_slow_paths)
{
    IrBlock *b;
    TB *tb;
    uint64_t slow0;

    setup(1 << 20);
    for (int i = 0; i < FX_NX; i++) {
        sa->x[i] = FX_RAM_BASE + 0x100 * (uint64_t)i;
    }
    for (unsigned i = 0; i < FX_RAM_SIZE; i++) {
        sa->ram[i] = (uint8_t)(i * 7 + 3);
    }
    /* every size, sign and type; store then load back */
    b = blk();
    for (unsigned l = 0; l < 4; l++) {
        for (int sgn = 0; sgn < 2; sgn++) {
            ir_qemu_ld(b, IR_I64, fx.x[7], fx.x[l], l | (sgn && l < 3 ? JIT_MO_SIGN : 0), 0);
            ir_add(b, IR_I64, fx.x[6], fx.x[6], fx.x[7]);
            if (l < 3) {
                ir_qemu_ld(b, IR_I32, fx.w[2], fx.x[l + 1], l | (sgn && l < 2 ? JIT_MO_SIGN : 0), 1);
                IR_EMIT(b, IR_OP_extu_i32_i64, IR_I64, fx.x[7], fx.w[2]);
                ir_xor(b, IR_I64, fx.x[6], fx.x[6], fx.x[7]);
            }
        }
        ir_qemu_st(b, IR_I64, fx.x[6], fx.x[4], l, 0);
        ir_qemu_st(b, IR_I32, fx.w[0], fx.x[5], l < 3 ? l : 2, 1);
    }
    ir_exit_tb(b, 1);
    both_tb(b, 0, &tb);
    /* the second run hits in the TLB: no slow-path entry at all */
    slow0 = sb->jit.stats.tlb_slow;
    CHECK(slow0 > 0);
    nx_exec(&nx, tb, sb, NULL);
    CHECK_EQ(sb->jit.stats.tlb_slow, slow0);
    ir_block_free(b);

    /* MMIO through the phys callbacks */
    b = blk();
    ir_qemu_ld(b, IR_I64, fx.x[1], fx.x[0], JIT_MO_32, 0);
    ir_qemu_st(b, IR_I64, fx.x[2], fx.x[0], JIT_MO_16, 0);
    ir_exit_tb(b, 1);
    sa->x[0] = FX_MMIO_BASE + 8;
    sa->x[2] = 0x12345;
    both(b);
    CHECK_EQ(sb->x[1], 0xa8);
    CHECK_EQ(sb->mmio_reads, 1);
    CHECK_EQ(sb->mmio_writes, 1);
    CHECK_EQ(sb->mmio_last_val, 0x2345);
    ir_block_free(b);

    /* a store to a CODE page goes through invalidate_code */
    b = blk();
    ir_qemu_st(b, IR_I64, fx.x[2], fx.x[0], JIT_MO_32, 0);
    ir_exit_tb(b, 1);
    sa->x[0] = FX_CODE_PAGE + 0x40;
    sa->x[2] = 0xdeadbeef;
    both(b);
    CHECK_EQ(sb->invalidations, 1);
    CHECK_EQ(sb->inval_pa, FX_CODE_PAGE + 0x40);
    CHECK_EQ(sb->ram[FX_CODE_PAGE + 0x40 - FX_RAM_BASE], 0xef);
    ir_block_free(b);

    /* page-crossing accesses are split by the slow path */
    b = blk();
    ir_qemu_st(b, IR_I64, fx.x[2], fx.x[0], JIT_MO_64, 0);
    ir_qemu_ld(b, IR_I64, fx.x[3], fx.x[1], JIT_MO_64, 0);
    ir_exit_tb(b, 1);
    sa->x[0] = FX_RAM_BASE + 0xffd;
    sa->x[1] = FX_RAM_BASE + 0xffb;
    sa->x[2] = 0x0807060504030201ull;
    both(b);
    CHECK_EQ(sb->ram[0xffd], 1);
    CHECK_EQ(sb->ram[0x1004], 8);
    CHECK_EQ((sb->x[3] >> 16) & 0xffff, 0x0201);
    ir_block_free(b);

    /* alignment fault: longjmp with the faulting PC, globals written back */
    b = blk();
    ir_movi(b, IR_I64, fx.x[3], 42);
    ir_add(b, IR_I64, fx.x[4], fx.x[4], fx.x[3]);
    ir_insn_start(b, 0x1004);
    ir_qemu_ld(b, IR_I64, fx.x[5], fx.x[0], JIT_MO_64 | JIT_MO_ALIGN, 0);
    ir_movi(b, IR_I64, fx.x[3], 43);
    ir_exit_tb(b, 1);
    sa->x[0] = FX_RAM_BASE + 0x104;
    sa->x[4] = 1;
    CHECK_EQ(both(b), UINT64_MAX);
    CHECK_EQ(sb->unaligned, 1);
    CHECK_EQ(sb->jit.restore_pc, 0x1004);
    CHECK_EQ(sb->fault_pc, 0x1004);
    CHECK_EQ(sb->x[3], 42);
    CHECK_EQ(sb->x[4], 43);
    ir_block_free(b);

    /* unmapped: tlb_fill raises */
    b = blk();
    ir_movi(b, IR_I64, fx.x[6], 7);
    ir_insn_start(b, 0x1008);
    ir_qemu_st(b, IR_I64, fx.x[6], fx.x[0], JIT_MO_8, 0);
    ir_exit_tb(b, 1);
    sa->x[0] = 0x900000;
    CHECK_EQ(both(b), UINT64_MAX);
    CHECK_EQ(sb->faults, 1);
    CHECK_EQ(sb->fault_pc, 0x1008);
    CHECK_EQ(sb->x[6], 7);
    ir_block_free(b);
}

TEST(v128_moves_env_and_memory)
{
    IrBlock *b;
    IrTemp v;
    uint32_t scr = (uint32_t)(offsetof(FxCpu, scratch) + 15) & ~15u;

    setup(1 << 20);
    for (int i = 0; i < 16; i++) {
        sa->v[0][i] = (uint8_t)(0xa0 + i);
        sa->ram[0x200 + i] = (uint8_t)i;
    }
    b = blk();
    v = ir_temp_new(b, IR_V128);
    ir_qemu_ld(b, IR_V128, v, fx.x[0], JIT_MO_128, 0);
    ir_qemu_st(b, IR_V128, fx.v[0], fx.x[1], JIT_MO_128, 0);
    ir_mov(b, IR_V128, fx.v[1], v);
    ir_st_env(b, IR_V128, v, scr, JIT_MO_128);
    ir_ld_env(b, IR_V128, fx.v[0], scr, JIT_MO_128);
    ir_exit_tb(b, 1);
    sa->x[0] = FX_RAM_BASE + 0x200;
    sa->x[1] = FX_RAM_BASE + 0x400;
    both(b);
    CHECK_EQ(sb->v[1][15], 15);
    CHECK_EQ(sb->ram[0x400], 0xa0);
    CHECK_EQ(sb->v[0][3], 3);
    ir_block_free(b);
}

/* ---- exits ---- */
TEST(exits_and_exit_request)
{
    IrBlock *b;
    TB *tb, *exited = NULL;
    uint64_t w;

    setup(1 << 20);
    b = blk();
    ir_movi(b, IR_I64, fx.x[0], 1);
    ir_movi(b, IR_I64, fx.pc, 0x2000);
    ir_goto_tb(b, 0);
    sa->x[0] = 9;
    w = both_tb(b, 0, &tb);
    CHECK_EQ(w, JIT_EXIT_WORD(JIT_EXIT_CHAIN, 0));
    CHECK_EQ(sb->pc, 0x2000);
    nx_copy_state(sb, sa);
    sb->x[0] = 9;
    nx_exec(&nx, tb, sb, &exited);
    CHECK(exited == tb);
    CHECK(tb->jmp_site[0] != 0 && tb->jmp_reset[0] != 0);
    /* exit request on entry: nothing runs */
    sb->x[0] = 9;
    sb->jit.exit_request = 1;
    CHECK_EQ(nx_exec(&nx, tb, sb, NULL), JIT_EXIT_WORD(JIT_EXIT_REQUEST, 0));
    CHECK_EQ(sb->x[0], 9);
    sb->jit.exit_request = 0;
    ir_block_free(b);

    b = blk();
    ir_movi(b, IR_I64, fx.x[1], 5);
    ir_exit_tb(b, 77);
    CHECK_EQ(both(b), JIT_EXIT_WORD(JIT_EXIT_CODE, 77));
    ir_block_free(b);

    b = blk();
    ir_add(b, IR_I64, fx.pc, fx.x[0], fx.x[1]);
    ir_lookup_and_goto_ptr(b);
    CHECK_EQ(both(b), JIT_EXIT_WORD(JIT_EXIT_LOOKUP, 0));
    ir_block_free(b);
}

TEST(lookup_and_goto_ptr_uses_jump_cache)
{
    IrBlock *bt, *bl;
    TB *t, *l, *exited = NULL;
    TbJmpCache *jc;

    setup(1 << 20);
    jc = tb_jmp_cache_new();
    sb->jit.jmp_cache = jc;
    bt = blk();
    bt->guest_pc = 0x4000;
    ir_add(bt, IR_I64, fx.x[1], fx.x[1], ir_const(bt, IR_I64, 5));
    ir_exit_tb(bt, 9);
    t = nx_compile(&nx, bt, 0x4000, 3);
    tb_insert(t);
    tb_jmp_cache_set(jc, t);
    bl = blk();
    ir_movi(bl, IR_I64, fx.x[2], 0x3000);
    ir_add(bl, IR_I64, fx.pc, fx.x[2], ir_const(bl, IR_I64, 0x1000));
    ir_lookup_and_goto_ptr(bl);
    l = nx_compile(&nx, bl, 0x1000, 3);
    sb->x[1] = 1;
    CHECK_EQ(nx_exec(&nx, l, sb, &exited), JIT_EXIT_WORD(JIT_EXIT_CODE, 9));
    CHECK(exited == t);
    CHECK_EQ(sb->x[1], 6);
    CHECK_EQ(sb->pc, 0x4000);
    /* other flags: miss */
    l = nx_compile(&nx, bl, 0x1000, 4);
    CHECK_EQ(nx_exec(&nx, l, sb, &exited), JIT_EXIT_WORD(JIT_EXIT_LOOKUP, 0));
    CHECK(exited == l);
    CHECK_EQ(sb->x[1], 6);
    /* no budget left: back to the dispatcher */
    l = nx_compile(&nx, bl, 0x1000, 3);
    sb->jit.insn_budget = 1;
    CHECK_EQ(jit_backend_exec(nx.be, l, &sb->jit, &exited), JIT_EXIT_WORD(JIT_EXIT_LOOKUP, 0));
    CHECK_EQ(sb->x[1], 6);
    sb->jit.jmp_cache = NULL;
    tb_jmp_cache_free(jc);
    ir_block_free(bt);
    ir_block_free(bl);
}

/* ---- chaining ---- */
TEST(chaining_and_unchaining_real_blocks)
{
    IrBlock *ba, *bb, *bc;
    TB *a, *b, *c, *exited = NULL;

    setup(1 << 20);
    ba = blk();
    ba->guest_pc = 0x5000;
    ir_add(ba, IR_I64, fx.x[0], fx.x[0], ir_const(ba, IR_I64, 1));
    ir_movi(ba, IR_I64, fx.pc, 0x5040);
    ir_goto_tb(ba, 0);
    bb = blk();
    bb->guest_pc = 0x5040;
    ir_add(bb, IR_I64, fx.x[1], fx.x[1], ir_const(bb, IR_I64, 1));
    ir_exit_tb(bb, 3);
    a = nx_compile(&nx, ba, 0x5000, 0);
    b = nx_compile(&nx, bb, 0x5040, 0);
    tb_insert(a);
    tb_insert(b);
    CHECK(tb_add_jump(a, 0, b));
    CHECK_EQ(nx_exec(&nx, a, sb, &exited), JIT_EXIT_WORD(JIT_EXIT_CODE, 3));
    CHECK(exited == b);
    CHECK_EQ(sb->x[0], 1);
    CHECK_EQ(sb->x[1], 1);
    tb_invalidate(b);
    CHECK_EQ(nx_exec(&nx, a, sb, &exited), JIT_EXIT_WORD(JIT_EXIT_CHAIN, 0));
    CHECK(exited == a);
    CHECK_EQ(sb->x[0], 2);
    CHECK_EQ(sb->x[1], 1);

    /* a self-loop runs until the budget is spent, then exits unchained */
    bc = blk();
    bc->guest_pc = 0x6000;
    ir_add(bc, IR_I64, fx.x[2], fx.x[2], ir_const(bc, IR_I64, 1));
    ir_movi(bc, IR_I64, fx.pc, 0x6000);
    ir_goto_tb(bc, 0);
    c = nx_compile(&nx, bc, 0x6000, 0);
    tb_insert(c);
    CHECK(tb_add_jump(c, 0, c));
    sb->x[2] = 0;
    sb->jit.insn_budget = 10;
    CHECK_EQ(jit_backend_exec(nx.be, c, &sb->jit, &exited), JIT_EXIT_WORD(JIT_EXIT_CHAIN, 0));
    CHECK_EQ(sb->x[2], 10);
    CHECK_EQ(sb->jit.insn_budget, 0);
    ir_block_free(ba);
    ir_block_free(bb);
    ir_block_free(bc);
}

TEST(code_buffer_flush_under_pressure)
{
    uint64_t sum = 0;

    setup(64 << 10);
    sb->x[0] = 0;
    for (unsigned i = 0; i < 3000; i++) {
        IrBlock *b = blk();
        TB *tb;
        b->guest_pc = 0x8000 + 4 * (uint64_t)i;
        for (int k = 0; k < 4; k++) {
            ir_add(b, IR_I64, fx.x[k + 1], fx.x[k], ir_const(b, IR_I64, i + 1));
        }
        ir_add(b, IR_I64, fx.x[0], fx.x[0], ir_const(b, IR_I64, i + 1));
        ir_exit_tb(b, 1);
        tb = nx_compile(&nx, b, b->guest_pc, 0);
        tb_insert(tb);
        CHECK(tb->code != NULL);
        CHECK_EQ(nx_exec(&nx, tb, sb, NULL), JIT_EXIT_WORD(JIT_EXIT_CODE, 1));
        sum += i + 1;
        CHECK_EQ(sb->x[0], sum);
        CHECK_EQ(sb->x[4], sum + 3 * (uint64_t)(i + 1));   /* from the old x0 */
        ir_block_free(b);
    }
    CHECK(nx.cb->flushes > 0);
}

/* A store into a page holding a translated block invalidates it (TLB
 * CODE flag -> slow path -> invalidate_code -> the TB cache). */
static int inval_calls;
static void inval_tb(JitCpu *c, uint64_t pa, unsigned size)
{
    inval_calls++;
    tb_invalidate_phys_range(pa, size);
}

TEST(store_to_code_page_invalidates_block)
{
    JitGuestOps ops = fx_ops;
    IrBlock *ba, *bb, *bs;
    TB *a, *b, *s, *exited = NULL;

    setup(1 << 20);
    ops.invalidate_code = inval_tb;
    sb->jit.ops = &ops;
    ba = blk();
    ba->guest_pc = FX_CODE_PAGE + 0x100;
    ir_movi(ba, IR_I64, fx.pc, FX_CODE_PAGE + 0x40);
    ir_goto_tb(ba, 0);
    bb = blk();
    bb->guest_pc = FX_CODE_PAGE + 0x40;
    ir_add(bb, IR_I64, fx.x[1], fx.x[1], ir_const(bb, IR_I64, 1));
    ir_exit_tb(bb, 3);
    a = nx_compile(&nx, ba, ba->guest_pc, 0);
    b = nx_compile(&nx, bb, bb->guest_pc, 0);
    tb_insert(a);
    tb_insert(b);
    CHECK(tb_add_jump(a, 0, b));
    CHECK_EQ(nx_exec(&nx, a, sb, &exited), JIT_EXIT_WORD(JIT_EXIT_CODE, 3));

    bs = blk();
    ir_qemu_st(bs, IR_I64, fx.x[2], fx.x[0], JIT_MO_32, 0);
    ir_exit_tb(bs, 1);
    s = nx_compile(&nx, bs, 0x1000, 0);
    sb->x[0] = FX_CODE_PAGE + 0x40;
    CHECK_EQ(nx_exec(&nx, s, sb, NULL), JIT_EXIT_WORD(JIT_EXIT_CODE, 1));
    CHECK_EQ(inval_calls, 1);
    CHECK(b->invalid);
    CHECK(!a->invalid);
    CHECK_EQ(nx_exec(&nx, a, sb, &exited), JIT_EXIT_WORD(JIT_EXIT_CHAIN, 0));
    CHECK(exited == a);
    ir_block_free(ba);
    ir_block_free(bb);
    ir_block_free(bs);
}

TEST(out_asm_listing)
{
    IrBlock *b;
    FILE *f = tmpfile();
    char buf[8192];
    size_t n;

    setup(1 << 20);
    jit_backend_set_out_asm(nx.be, f);
    b = blk();
    ir_add(b, IR_I64, fx.x[0], fx.x[0], fx.x[1]);
    ir_exit_tb(b, 1);
    nx_compile(&nx, b, 0x1000, 0);
    rewind(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    CHECK(strstr(buf, "OUT: [guest 0x1000") != NULL);
    CHECK(strstr(buf, "cmp") != NULL);
    CHECK(strstr(buf, "add") != NULL);
    fclose(f);
    ir_block_free(b);
}

/* More simultaneously live values than the frame has slots: the backend
 * declines and the interpreter runs the block, with the same result. */
TEST(oversized_block_falls_back_to_interpreter)
{
    IrBlock *b;
    IrTemp t[300];
    TB *tb;

    setup(1 << 20);
    b = blk();
    for (int i = 0; i < 300; i++) {
        t[i] = ir_temp_new(b, IR_I64);
        ir_add(b, IR_I64, t[i], fx.x[i % 8], ir_const(b, IR_I64, (uint64_t)i));
    }
    for (int i = 0; i < 300; i++) {
        ir_xor(b, IR_I64, fx.x[i % 8], fx.x[i % 8], t[i]);
    }
    ir_exit_tb(b, 1);
    both_tb(b, 0, &tb);
    CHECK(tb->code == NULL);
    CHECK(tb->ir != NULL);
    ir_block_free(b);
}
