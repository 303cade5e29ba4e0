/* Random IR generator and differential runner (see ir-random.h). */
#include "tests/unit/ir-random.h"

#include <inttypes.h>
#include <stdio.h>

typedef struct Gen {
    uint64_t rng;
    const Fx *fx;
    IrBlock *b;
    IrTemp t64[6], t32[4];
    IrLabel pending[8];
    unsigned npending;
    int slot_used[2];
    uint64_t pc;
} Gen;

static uint64_t rnd(Gen *g)
{
    /* xorshift64* */
    g->rng ^= g->rng >> 12;
    g->rng ^= g->rng << 25;
    g->rng ^= g->rng >> 27;
    return g->rng * 0x2545f4914f6cdd1dull;
}

static unsigned rn(Gen *g, unsigned n)
{
    return (unsigned)(rnd(g) % n);
}

static uint64_t edge(Gen *g, IrType t)
{
    static const uint64_t e[] = {
        0, 1, 2, 7, 31, 32, 63, 64, 0x7f, 0x80, 0xff, 0x8000, 0x7fffffff, 0x80000000,
        0xffffffff, 0x7fffffffffffffffull, 0x8000000000000000ull, UINT64_MAX, UINT64_MAX - 1,
    };
    uint64_t v = rn(g, 3) ? e[rn(g, sizeof e / sizeof e[0])] : rnd(g);
    return t == IR_I32 ? (uint32_t)v : v;
}

static IrTemp pick(Gen *g, IrType t)
{
    if (t == IR_I32) {
        return rn(g, 2) ? g->fx->w[rn(g, FX_NW)] : g->t32[rn(g, 4)];
    }
    return rn(g, 2) ? g->fx->x[rn(g, FX_NX)] : g->t64[rn(g, 6)];
}

static uint64_t h_pure(JitCpu *env, uint64_t a, uint64_t b) { return a * 3 + b; }
static uint64_t h_reads(JitCpu *env, uint64_t a) { return ((FxCpu *)env)->x[0] ^ ((FxCpu *)env)->w[3] ^ a; }
static uint64_t h_writes(JitCpu *env, uint64_t a)
{
    FxCpu *s = (FxCpu *)env;
    s->x[5] += a;
    s->w[1] ^= (uint32_t)a;
    return s->x[2];
}
static const IrHelper hg_pure = { "g_pure", { .f2 = h_pure }, 2, IR_I64, { IR_I64, IR_I32 }, 0 };
static const IrHelper hg_reads = { "g_reads", { .f1 = h_reads }, 1, IR_I32, { IR_I64 }, IR_HF_READS };
static const IrHelper hg_writes = { "g_writes", { .f1 = h_writes }, 1, IR_I64, { IR_I64 },
                                    IR_HF_WRITES | IR_HF_READS };

static const IrOpc bin_ops[] = {
    IR_OP_add, IR_OP_sub, IR_OP_mul, IR_OP_and, IR_OP_or, IR_OP_xor, IR_OP_andc, IR_OP_orc,
    IR_OP_eqv, IR_OP_shl, IR_OP_shr, IR_OP_sar, IR_OP_rotl, IR_OP_rotr, IR_OP_div, IR_OP_divu,
    IR_OP_rem, IR_OP_remu,
};
static const IrOpc un_ops[] = {
    IR_OP_mov, IR_OP_neg, IR_OP_not, IR_OP_clz, IR_OP_ctz, IR_OP_ctpop, IR_OP_bswap16,
    IR_OP_bswap32, IR_OP_ext8s, IR_OP_ext8u, IR_OP_ext16s, IR_OP_ext16u,
};

/* An address: usually inside RAM, sometimes MMIO or unmapped. */
static IrTemp gen_addr(Gen *g)
{
    IrBlock *b = g->b;
    IrTemp a = ir_temp_new(b, IR_I64);
    unsigned k = rn(g, 40);

    if (k == 0) {
        ir_movi(b, IR_I64, a, 0x900000 + rn(g, 0x100));                   /* unmapped */
    } else if (k == 1) {
        ir_movi(b, IR_I64, a, FX_MMIO_BASE + 8 * rn(g, 0x200));  /* MMIO; upper half errs */
    } else if (k == 2) {
        ir_movi(b, IR_I64, a, FX_RAM_BASE + FX_RAM_SIZE - 1 - rn(g, 4));  /* crosses out */
    } else {
        ir_andc(b, IR_I64, a, pick(g, IR_I64), ir_const(b, IR_I64, ~(uint64_t)0x3fff));
        ir_add(b, IR_I64, a, a, ir_const(b, IR_I64, FX_RAM_BASE + 0x1000 * rn(g, 2)));
    }
    return a;
}

static void gen_mem(Gen *g)
{
    IrType t = rn(g, 2) ? IR_I64 : IR_I32;
    unsigned size = rn(g, t == IR_I64 ? 4 : 3);
    JitMemOp mo = size | (rn(g, 8) == 0 ? JIT_MO_ALIGN : 0);
    bool load = rn(g, 2);

    if (load && size < (t == IR_I64 ? 3u : 2u) && rn(g, 2)) {
        mo |= JIT_MO_SIGN;
    }
    if (load) {
        ir_qemu_ld(g->b, t, pick(g, t), gen_addr(g), mo, (int)rn(g, 2));
    } else {
        ir_qemu_st(g->b, t, pick(g, t), gen_addr(g), mo, (int)rn(g, 2));
    }
}

static void gen_op(Gen *g)
{
    IrBlock *b = g->b;
    IrType t = rn(g, 3) ? IR_I64 : IR_I32;
    unsigned bits = t == IR_I32 ? 32 : 64;
    unsigned k = rn(g, 100);

    if (k < 30) {
        IrOpc o = bin_ops[rn(g, sizeof bin_ops / sizeof bin_ops[0])];
        IrTemp y = rn(g, 3) ? pick(g, t) : ir_const(b, t, edge(g, t));
        IR_EMIT(b, o, t, pick(g, t), pick(g, t), y);
    } else if (k < 42) {
        IR_EMIT(b, un_ops[rn(g, sizeof un_ops / sizeof un_ops[0])], t, pick(g, t), pick(g, t));
    } else if (k < 47) {
        ir_movi(b, t, pick(g, t), edge(g, t));
    } else if (k < 52) {
        ir_setcond(b, t, (IrCond)rn(g, IR_NB_CONDS), pick(g, t), pick(g, t), pick(g, t));
    } else if (k < 55) {
        ir_movcond(b, t, (IrCond)rn(g, IR_NB_CONDS), pick(g, t), pick(g, t), pick(g, t),
                   pick(g, t), pick(g, t));
    } else if (k < 60) {
        unsigned pos = rn(g, bits), len = 1 + rn(g, bits - pos);
        switch (rn(g, 4)) {
        case 0: ir_extract(b, t, pick(g, t), pick(g, t), pos, len); break;
        case 1: ir_sextract(b, t, pick(g, t), pick(g, t), pos, len); break;
        case 2: ir_deposit(b, t, pick(g, t), pick(g, t), pick(g, t), pos, len); break;
        default: ir_extract2(b, t, pick(g, t), pick(g, t), pick(g, t), pos); break;
        }
    } else if (k < 63) {
        IrTemp lo = pick(g, t), hi;
        do {
            hi = pick(g, t);
        } while (hi == lo);
        (rn(g, 2) ? ir_mulu2 : ir_muls2)(b, t, lo, hi, pick(g, t), pick(g, t));
    } else if (k < 67) {
        switch (rn(g, 6)) {
        case 0: IR_EMIT(b, IR_OP_ext_i32_i64, IR_I64, pick(g, IR_I64), pick(g, IR_I32)); break;
        case 1: IR_EMIT(b, IR_OP_extu_i32_i64, IR_I64, pick(g, IR_I64), pick(g, IR_I32)); break;
        case 2: IR_EMIT(b, IR_OP_extrl_i64_i32, IR_I32, pick(g, IR_I32), pick(g, IR_I64)); break;
        case 3: IR_EMIT(b, IR_OP_extrh_i64_i32, IR_I32, pick(g, IR_I32), pick(g, IR_I64)); break;
        case 4: ir_bswap64(b, IR_I64, pick(g, IR_I64), pick(g, IR_I64)); break;
        default: ir_ext32s(b, IR_I64, pick(g, IR_I64), pick(g, IR_I64)); break;
        }
    } else if (k < 77) {
        gen_mem(g);
    } else if (k < 80) {
        uint32_t off = (uint32_t)offsetof(FxCpu, scratch[rn(g, 4)]);
        if (rn(g, 2)) {
            ir_ld_env(b, IR_I64, pick(g, IR_I64), off, rn(g, 4) | (rn(g, 2) ? JIT_MO_SIGN : 0));
        } else {
            ir_st_env(b, IR_I64, pick(g, IR_I64), off, rn(g, 4));
        }
        if (b->ops[b->nb_ops - 1].args[2] == (JIT_MO_64 | JIT_MO_SIGN)) {
            b->ops[b->nb_ops - 1].args[2] = JIT_MO_64;
        }
    } else if (k < 84) {
        switch (rn(g, 3)) {
        case 0: ir_call(b, &hg_pure, pick(g, IR_I64), (IrTemp[]){ pick(g, IR_I64), pick(g, IR_I32) }); break;
        case 1: ir_call(b, &hg_reads, pick(g, IR_I32), (IrTemp[]){ pick(g, IR_I64) }); break;
        default: ir_call(b, &hg_writes, pick(g, IR_I64), (IrTemp[]){ pick(g, IR_I64) }); break;
        }
    } else if (k < 90 && g->npending < 8) {
        IrLabel l = ir_label_new(b);
        ir_brcond(b, t, (IrCond)rn(g, IR_NB_CONDS), pick(g, t), pick(g, t), l);
        g->pending[g->npending++] = l;
    } else if (k < 94 && g->npending) {
        unsigned i = rn(g, g->npending);
        ir_set_label(b, g->pending[i]);
        g->pending[i] = g->pending[--g->npending];
    } else if (k < 96) {
        /* if (cond) leave */
        IrLabel l = ir_label_new(b);
        ir_brcond(b, t, (IrCond)rn(g, IR_NB_CONDS), pick(g, t), pick(g, t), l);
        unsigned s = rn(g, 2);
        if (!g->slot_used[s] && rn(g, 2)) {
            g->slot_used[s] = 1;
            ir_movi(b, IR_I64, g->fx->pc, g->pc + 0x40);
            ir_goto_tb(b, s);
        } else if (rn(g, 2)) {
            ir_lookup_and_goto_ptr(b);
        } else {
            ir_exit_tb(b, rn(g, 1000));
        }
        ir_set_label(b, l);
    } else {
        g->pc += 4;
        ir_insn_start(b, g->pc);
    }
}

IrBlock *ir_random_block(const Fx *fx, uint64_t seed)
{
    Gen g = { .rng = seed * 2 + 1, .fx = fx, .pc = 0x80000 };
    unsigned n;

    for (int i = 0; i < 8; i++) {
        rnd(&g);
    }
    g.b = ir_block_new(&fx->ctx);
    g.b->guest_pc = g.pc;
    ir_insn_start(g.b, g.pc);
    for (int i = 0; i < 6; i++) {
        g.t64[i] = ir_const(g.b, IR_I64, edge(&g, IR_I64));
    }
    for (int i = 0; i < 4; i++) {
        g.t32[i] = ir_const(g.b, IR_I32, edge(&g, IR_I32));
    }
    n = 5 + rn(&g, 60);
    for (unsigned i = 0; i < n; i++) {
        gen_op(&g);
    }
    while (g.npending) {
        ir_set_label(g.b, g.pending[--g.npending]);
    }
    switch (rn(&g, 3)) {
    case 0: ir_lookup_and_goto_ptr(g.b); break;
    case 1: ir_exit_tb(g.b, 1); break;
    default:
        if (!g.slot_used[0]) {
            ir_goto_tb(g.b, 0);
        } else {
            ir_exit_tb(g.b, 2);
        }
        break;
    }
    return g.b;
}

/* ---- executors ---- */
static void *interp_prep(void *opaque, IrBlock *b)
{
    InterpProg *p;
    if (opaque) {
        ir_optimize(b, IR_PASS_ALL, true);
    }
    p = interp_prepare(b);
    ir_block_free(b);
    return p;
}
static void *shadow_prep(void *opaque, IrBlock *b)
{
    InterpProg *p;
    ir_optimize(b, IR_PASS_ALL, true);
    p = interp_prepare_shadow(b);
    ir_block_free(b);
    return p;
}
static uint64_t interp_ex(void *h, JitCpu *cpu) { return interp_exec(h, cpu); }
static void interp_rel(void *h) { interp_free(h); }

const IrExecutor ir_exec_interp = { "interp", interp_prep, interp_ex, interp_rel, NULL };
const IrExecutor ir_exec_interp_opt = { "interp+opt", interp_prep, interp_ex, interp_rel,
                                        (void *)1 };
const IrExecutor ir_exec_interp_shadow = { "interp+opt+shadow-globals", shadow_prep, interp_ex,
                                           interp_rel, NULL };

/* ---- differential runner ---- */
static void reset(FxCpu *s, uint64_t seed)
{
    Gen g = { .rng = seed ^ 0x9e3779b97f4a7c15ull };
    memset((uint8_t *)s + sizeof(JitCpu), 0, offsetof(FxCpu, ram) - sizeof(JitCpu));
    for (int i = 0; i < FX_NX; i++) {
        s->x[i] = edge(&g, IR_I64);
    }
    for (int i = 0; i < FX_NW; i++) {
        s->w[i] = (uint32_t)edge(&g, IR_I32);
    }
    for (unsigned i = 0; i < FX_RAM_SIZE; i += 8) {
        uint64_t v = rnd(&g);
        memcpy(s->ram + i, &v, 8);
    }
    s->faults = s->unaligned = s->bus_errors = 0;
    s->mmio_reads = s->mmio_writes = s->invalidations = 0;
    jit_tlb_flush_all(&s->jit);
}

static uint64_t run_one(const IrExecutor *e, void *h, FxCpu *s)
{
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        return e->exec(h, &s->jit);
    }
    return UINT64_MAX;   /* faulted: records are compared separately */
}

static bool same(const FxCpu *a, const FxCpu *b)
{
    return memcmp(&a->x, &b->x, offsetof(FxCpu, ram) - offsetof(FxCpu, x)) == 0 &&
           memcmp(&a->faults, &b->faults, sizeof(FxCpu) - offsetof(FxCpu, faults)) == 0 &&
           memcmp(a->ram, b->ram, FX_RAM_SIZE) == 0 &&
           (!(a->faults || a->unaligned || a->bus_errors) ||
            a->jit.restore_pc == b->jit.restore_pc);
}

unsigned ir_random_compare(uint64_t seed, unsigned count, const IrExecutor *a,
                           const IrExecutor *b)
{
    Fx fx;
    FxCpu *sa = fx_cpu_new(), *sb = fx_cpu_new();
    unsigned bad = 0;

    fx_init(&fx);
    for (unsigned i = 0; i < count; i++) {
        uint64_t s = seed + i;
        IrBlock *blk = ir_random_block(&fx, s);
        char err[256];
        void *ha, *hb;
        uint64_t wa, wb;

        if (!ir_verify(blk, err, sizeof err)) {
            fprintf(stderr, "  seed %" PRIu64 ": generator made an invalid block: %s\n", s, err);
            ir_dump(blk, stderr);
            bad++;
            ir_block_free(blk);
            break;
        }
        ha = a->prepare(a->opaque, ir_block_clone(blk));
        hb = b->prepare(b->opaque, ir_block_clone(blk));
        reset(sa, s);
        reset(sb, s);
        wa = run_one(a, ha, sa);
        wb = run_one(b, hb, sb);
        if (wa != wb || !same(sa, sb)) {
            if (!bad) {
                fprintf(stderr, "  seed %" PRIu64 ": %s and %s differ (exit %" PRIx64 " vs %" PRIx64
                        ", faults %d/%d)\n", s, a->name, b->name, wa, wb, sa->faults, sb->faults);
                for (int r = 0; r < FX_NX; r++) {
                    if (sa->x[r] != sb->x[r]) {
                        fprintf(stderr, "  x%d: %" PRIx64 " vs %" PRIx64 "\n", r, sa->x[r], sb->x[r]);
                    }
                }
                for (int r = 0; r < FX_NW; r++) {
                    if (sa->w[r] != sb->w[r]) {
                        fprintf(stderr, "  w%d: %x vs %x\n", r, sa->w[r], sb->w[r]);
                    }
                }
                for (int r = 0; r < 4; r++) {
                    if (sa->scratch[r] != sb->scratch[r]) {
                        fprintf(stderr, "  scratch%d: %" PRIx64 " vs %" PRIx64 "\n", r,
                                sa->scratch[r], sb->scratch[r]);
                    }
                }
                if (sa->pc != sb->pc || sa->fault_pc != sb->fault_pc ||
                    sa->fault_vaddr != sb->fault_vaddr || sa->jit.restore_pc != sb->jit.restore_pc) {
                    fprintf(stderr, "  pc %" PRIx64 "/%" PRIx64 " fault pc %" PRIx64 "/%" PRIx64
                            " va %" PRIx64 "/%" PRIx64 "\n", sa->pc, sb->pc, sa->fault_pc,
                            sb->fault_pc, sa->fault_vaddr, sb->fault_vaddr);
                }
                for (unsigned r = 0; r < FX_RAM_SIZE; r++) {
                    if (sa->ram[r] != sb->ram[r]) {
                        fprintf(stderr, "  ram[%#x]: %02x vs %02x\n", r, sa->ram[r], sb->ram[r]);
                        break;
                    }
                }
                ir_dump(blk, stderr);
                IrBlock *o = ir_block_clone(blk);
                ir_optimize(o, IR_PASS_ALL, true);
                fprintf(stderr, "optimized:\n");
                ir_dump(o, stderr);
                ir_block_free(o);
            }
            bad++;
        }
        a->release(ha);
        b->release(hb);
        ir_block_free(blk);
    }
    fx_cpu_free(sa);
    fx_cpu_free(sb);
    return bad;
}
