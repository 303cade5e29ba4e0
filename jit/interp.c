/* The IR interpreter. interp_prepare turns a block into an array of
 * InterpInsn: a handler pointer from a table generated from ir-ops.h
 * (indexed by op and type), operands pre-resolved to byte offsets from one
 * of two bases (env for globals, the frame for temps) and branch labels
 * resolved to instruction indexes. Markers (insn_start, set_label, nop,
 * goto_tb) cost nothing at run time: their information is folded into the
 * instructions that need it (the guest PC of memory ops and may-raise
 * calls). Integer semantics come from jit/ir-eval.h, shared with the
 * constant folder. */
#include "jit/interp.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "jit/ir-eval.h"

#define OPND_FRAME 0x80000000u
#define INTERP_MAX_OPNDS 6

/* Shadow-globals mode only: where each global lives in env, and the
 * write-back sets copied from the block. */
typedef struct InterpShadow {
    unsigned nb_globals;
    uint32_t offset[IR_MAX_GLOBALS];
    uint8_t size[IR_MAX_GLOBALS];
    IrGlobalSet *syncs;
} InterpShadow;

typedef struct InterpFrame InterpFrame;
typedef struct InterpInsn InterpInsn;
typedef const InterpInsn *(*InterpFn)(InterpFrame *f, const InterpInsn *in);

struct InterpInsn {
    InterpFn fn;
    uint32_t o[INTERP_MAX_OPNDS];   /* outputs then inputs */
    uint64_t c[3];
};

struct InterpFrame {
    uint8_t *base[2];               /* [0] env, [1] temps */
    JitCpu *env;
    const InterpInsn *prog;
    const InterpShadow *shadow;
    uint64_t exit;
};

struct InterpProg {
    unsigned n, frame_size;
    InterpShadow *shadow;
    InterpInsn insns[];
};

#define P(i) (f->base[in->o[i] >> 31] + (in->o[i] & ~OPND_FRAME))

static inline uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t rd64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline void wr32(uint8_t *p, uint64_t v) { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); }
static inline void wr64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
#define RD(bits, i) ((bits) == 32 ? (uint64_t)rd32(P(i)) : rd64(P(i)))
#define WR(bits, i, v) ((bits) == 32 ? wr32(P(i), (v)) : wr64(P(i), (v)))

#define HANDLER(name) static const InterpInsn *h_##name(InterpFrame *f, const InterpInsn *in)

/* Generic integer handlers: one output, nin inputs, constants c[0], c[1]. */
#define EVAL_HANDLER(name, bits, nin)                                          \
    HANDLER(name##_##bits)                                                     \
    {                                                                          \
        uint64_t a = (nin) > 0 ? RD(bits, 1) : 0;                              \
        uint64_t b = (nin) > 1 ? RD(bits, 2) : 0;                              \
        WR(bits, 0, ir_eval_int(IR_OP_##name, bits, a, b, in->c[0], in->c[1])); \
        return in + 1;                                                         \
    }
#define EVAL_INT(name, nin) EVAL_HANDLER(name, 32, nin) EVAL_HANDLER(name, 64, nin)

EVAL_INT(movi, 0)
EVAL_INT(add, 2) EVAL_INT(sub, 2) EVAL_INT(mul, 2) EVAL_INT(neg, 1)
EVAL_INT(and, 2) EVAL_INT(or, 2) EVAL_INT(xor, 2) EVAL_INT(not, 1)
EVAL_INT(andc, 2) EVAL_INT(orc, 2) EVAL_INT(eqv, 2)
EVAL_INT(shl, 2) EVAL_INT(shr, 2) EVAL_INT(sar, 2) EVAL_INT(rotl, 2) EVAL_INT(rotr, 2)
EVAL_INT(clz, 1) EVAL_INT(ctz, 1) EVAL_INT(ctpop, 1)
EVAL_INT(bswap16, 1) EVAL_INT(bswap32, 1) EVAL_HANDLER(bswap64, 64, 1)
EVAL_INT(ext8s, 1) EVAL_INT(ext8u, 1) EVAL_INT(ext16s, 1) EVAL_INT(ext16u, 1)
EVAL_HANDLER(ext32s, 64, 1) EVAL_HANDLER(ext32u, 64, 1)
EVAL_INT(extract, 1) EVAL_INT(sextract, 1) EVAL_INT(deposit, 2) EVAL_INT(extract2, 2)
EVAL_INT(div, 2) EVAL_INT(divu, 2) EVAL_INT(rem, 2) EVAL_INT(remu, 2)
EVAL_INT(setcond, 2)

#define MUL2_HANDLER(name, sgn, bits)                                          \
    HANDLER(name##_##bits)                                                     \
    {                                                                          \
        uint64_t lo, hi;                                                       \
        ir_eval_mul2(sgn, bits, RD(bits, 2), RD(bits, 3), &lo, &hi);           \
        WR(bits, 0, lo);                                                       \
        WR(bits, 1, hi);                                                       \
        return in + 1;                                                         \
    }
MUL2_HANDLER(mulu2, 0, 32) MUL2_HANDLER(mulu2, 0, 64)
MUL2_HANDLER(muls2, 1, 32) MUL2_HANDLER(muls2, 1, 64)

#define MOVCOND_HANDLER(bits)                                                  \
    HANDLER(movcond_##bits)                                                    \
    {                                                                          \
        int c = ir_eval_cond((IrCond)in->c[0], bits, RD(bits, 1), RD(bits, 2)); \
        WR(bits, 0, RD(bits, c ? 3 : 4));                                      \
        return in + 1;                                                         \
    }
MOVCOND_HANDLER(32) MOVCOND_HANDLER(64)

#define BRCOND_HANDLER(bits)                                                   \
    HANDLER(brcond_##bits)                                                     \
    {                                                                          \
        if (ir_eval_cond((IrCond)in->c[0], bits, RD(bits, 0), RD(bits, 1))) {   \
            return f->prog + in->c[1];                                         \
        }                                                                      \
        return in + 1;                                                         \
    }
BRCOND_HANDLER(32) BRCOND_HANDLER(64)

HANDLER(br) { return f->prog + in->c[0]; }

/* mov, env and guest accesses of every width */
HANDLER(mov_32) { memcpy(P(0), P(1), 4); return in + 1; }
HANDLER(mov_64) { memcpy(P(0), P(1), 8); return in + 1; }
HANDLER(mov_128) { memcpy(P(0), P(1), 16); return in + 1; }

static uint64_t env_load(const uint8_t *p, JitMemOp mo)
{
    unsigned size = jit_mo_size(mo);
    uint64_t v = 0;

    memcpy(&v, p, size);
    return (mo & JIT_MO_SIGN) ? (uint64_t)ir_sext(v, 8 * size) : v;
}

HANDLER(ld_env_32) { wr32(P(0), env_load(f->base[0] + in->c[0], (JitMemOp)in->c[1])); return in + 1; }
HANDLER(ld_env_64) { wr64(P(0), env_load(f->base[0] + in->c[0], (JitMemOp)in->c[1])); return in + 1; }
HANDLER(ld_env_128) { memcpy(P(0), f->base[0] + in->c[0], 16); return in + 1; }
HANDLER(st_env_32) { memcpy(f->base[0] + in->c[0], P(0), jit_mo_size((JitMemOp)in->c[1])); return in + 1; }
#define h_st_env_64 h_st_env_32   /* little-endian host: low bytes first */
HANDLER(st_env_128) { memcpy(f->base[0] + in->c[0], P(0), 16); return in + 1; }

HANDLER(qemu_ld_32)
{
    wr32(P(0), jit_ld(f->env, rd64(P(1)), (JitMemOp)in->c[0], (int)in->c[1], in->c[2]));
    return in + 1;
}
HANDLER(qemu_ld_64)
{
    wr64(P(0), jit_ld(f->env, rd64(P(1)), (JitMemOp)in->c[0], (int)in->c[1], in->c[2]));
    return in + 1;
}
HANDLER(qemu_ld_128)
{
    jit_ld128_slow(f->env, rd64(P(1)), P(0), (JitMemOp)in->c[0], (int)in->c[1], in->c[2]);
    return in + 1;
}
HANDLER(qemu_st_32)
{
    jit_st(f->env, rd64(P(0)), rd32(P(1)), (JitMemOp)in->c[0], (int)in->c[1], in->c[2]);
    return in + 1;
}
HANDLER(qemu_st_64)
{
    jit_st(f->env, rd64(P(0)), rd64(P(1)), (JitMemOp)in->c[0], (int)in->c[1], in->c[2]);
    return in + 1;
}
HANDLER(qemu_st_128)
{
    jit_st128_slow(f->env, rd64(P(0)), P(1), (JitMemOp)in->c[0], (int)in->c[1], in->c[2]);
    return in + 1;
}

HANDLER(ext_i32_i64) { wr64(P(0), (uint64_t)(int64_t)(int32_t)rd32(P(1))); return in + 1; }
HANDLER(extu_i32_i64) { wr64(P(0), rd32(P(1))); return in + 1; }
HANDLER(extrl_i64_i32) { wr32(P(0), rd64(P(1))); return in + 1; }
HANDLER(extrh_i64_i32) { wr32(P(0), rd64(P(1)) >> 32); return in + 1; }

/* c[0] = helper, c[1] = guest PC of the instruction */
HANDLER(call)
{
    const IrHelper *h = (const IrHelper *)(uintptr_t)in->c[0];
    unsigned nout = h->ret != IR_VOID;
    uint64_t a[IR_HELPER_MAX_ARGS] = { 0 };
    uint64_t r;

    for (unsigned i = 0; i < h->nargs; i++) {
        a[i] = h->args[i] == IR_I32 ? rd32(P(nout + i)) : rd64(P(nout + i));
    }
    if (h->flags & IR_HF_RAISES) {
        f->env->restore_pc = in->c[1];
    }
    r = ir_helper_invoke(h, f->env, a);
    if (nout) {
        if (h->ret == IR_I32) {
            wr32(P(0), r);
        } else {
            wr64(P(0), r);
        }
    }
    return in + 1;
}

HANDLER(mb)
{
    (void)f;
    atomic_thread_fence(memory_order_seq_cst);
    return in + 1;
}

HANDLER(exit_tb) { f->exit = in->c[0]; return NULL; }
HANDLER(lookup_and_goto_ptr)
{
    (void)in;
    f->exit = JIT_EXIT_WORD(JIT_EXIT_LOOKUP, 0);
    return NULL;
}

/* Shadow-globals mode: globals live in frame slots 0..nb_globals-1, as a
 * backend keeps them in host registers. These pseudo-instructions do what
 * the backend does at the points opt-globals chose. */
/* c[0] = 1 + a global not to reload (the result of the helper call just
 * made, which a backend writes after reloading), or 0. */
HANDLER(shadow_load_all)
{
    const InterpShadow *sh = f->shadow;
    for (unsigned g = 0; g < sh->nb_globals; g++) {
        if (g + 1 == in->c[0]) {
            continue;
        }
        memcpy(f->base[1] + 16 * g, f->base[0] + sh->offset[g], sh->size[g]);
    }
    return in + 1;
}

HANDLER(shadow_sync)
{
    const InterpShadow *sh = f->shadow;
    const IrGlobalSet *set = &sh->syncs[in->c[0]];
    for (unsigned g = 0; g < sh->nb_globals; g++) {
        if (ir_gset_has(set, g)) {
            memcpy(f->base[0] + sh->offset[g], f->base[1] + 16 * g, sh->size[g]);
        }
    }
    return in + 1;
}

/* Markers are dropped by interp_prepare; these entries only complete the
 * table. */
HANDLER(skip) { (void)f; return in + 1; }
#define h_set_label h_skip
#define h_insn_start h_skip
#define h_goto_tb h_skip
#define h_nop h_skip

#define TBL_INT(n) { h_##n##_32, h_##n##_64, NULL }
#define TBL_ANY(n) { h_##n##_32, h_##n##_64, h_##n##_128 }
#define TBL_I64(n) { NULL, h_##n##_64, NULL }
#define TBL_MONO(n) { h_##n, h_##n, h_##n }

static const InterpFn interp_table[IR_NB_OPS][IR_NB_TYPES] = {
#define IR_OP(n, o, i, c, k, fl) [IR_OP_##n] = TBL_##k(n),
#include "jit/ir-ops.h"
#undef IR_OP
};

static uint32_t operand(const IrBlock *b, IrTemp t, bool shadow)
{
    if (shadow) {
        return OPND_FRAME | (16u * t);
    }
    if (ir_is_global(b, t)) {
        return b->ctx->globals[t].offset;
    }
    return OPND_FRAME | (16u * (t - b->ctx->nb_globals));
}

static InterpShadow *shadow_new(const IrBlock *b)
{
    InterpShadow *sh = calloc(1, sizeof *sh);

    if (!sh) {
        fatal("out of memory");
    }
    sh->nb_globals = b->ctx->nb_globals;
    for (unsigned g = 0; g < sh->nb_globals; g++) {
        IrType t = (IrType)b->ctx->globals[g].type;
        sh->offset[g] = b->ctx->globals[g].offset;
        sh->size[g] = t == IR_I32 ? 4 : t == IR_I64 ? 8 : 16;
    }
    if (b->nb_syncs) {
        sh->syncs = malloc(b->nb_syncs * sizeof(IrGlobalSet));
        if (!sh->syncs) {
            fatal("out of memory");
        }
        memcpy(sh->syncs, b->syncs, b->nb_syncs * sizeof(IrGlobalSet));
    }
    return sh;
}

static InterpInsn *next_insn(InterpProg *p, InterpFn fn)
{
    InterpInsn *in = &p->insns[p->n++];
    memset(in, 0, sizeof *in);
    in->fn = fn;
    return in;
}

static InterpProg *prepare(const IrBlock *b, bool shadow)
{
    /* at most: entry load + per op (sync, op, reload) */
    size_t cap = 3 * (size_t)b->nb_ops + 2;
    InterpProg *p = malloc(sizeof *p + cap * sizeof(InterpInsn));
    unsigned *label_at = calloc(b->nb_labels + 1, sizeof(unsigned));
    uint32_t *branch_label = malloc(cap * sizeof(uint32_t));
    uint64_t pc = b->guest_pc;

    if (!p || !label_at || !branch_label) {
        fatal("out of memory");
    }
    p->n = 0;
    p->shadow = NULL;
    p->frame_size = 16 * (b->nb_temps - b->ctx->nb_globals);
    if (shadow) {
        p->shadow = shadow_new(b);
        p->frame_size = 16 * b->nb_temps;
        next_insn(p, h_shadow_load_all);
    }
    for (unsigned i = 0; i < b->nb_ops; i++) {
        const IrOp *op = &b->ops[i];
        unsigned nt = op->nout + op->nin;
        InterpInsn *in;

        if (shadow && op->sync) {
            branch_label[p->n] = UINT32_MAX;
            next_insn(p, h_shadow_sync)->c[0] = op->sync - 1;
        }
        switch (op->opc) {
        case IR_OP_insn_start:
            pc = op->args[0];
            continue;
        case IR_OP_set_label:
            label_at[ir_op_label(op)] = p->n;
            continue;
        case IR_OP_nop:
        case IR_OP_goto_tb:
            continue;
        default:
            break;
        }
        branch_label[p->n] = UINT32_MAX;
        in = next_insn(p, interp_table[op->opc][op->type < IR_NB_TYPES ? op->type : IR_I64]);
        for (unsigned a = 0; a < nt && a < INTERP_MAX_OPNDS; a++) {
            in->o[a] = operand(b, (IrTemp)op->args[a], shadow);
        }
        for (unsigned c = 0; c < op->nconst && c < 3; c++) {
            in->c[c] = op->args[nt + c];
        }
        if (ir_op_defs[op->opc].flags & IR_F_BRANCH) {
            branch_label[p->n - 1] = ir_op_label(op);
        }
        if (op->opc == IR_OP_qemu_ld || op->opc == IR_OP_qemu_st) {
            in->c[2] = pc;
        } else if (op->opc == IR_OP_call) {
            in->c[1] = pc;
            if (shadow && (ir_op_helper(op)->flags & IR_HF_WRITES)) {
                IrTemp r = op->nout ? (IrTemp)op->args[0] : UINT32_MAX;
                branch_label[p->n] = UINT32_MAX;
                next_insn(p, h_shadow_load_all)->c[0] = ir_is_global(b, r) ? r + 1 : 0;
            }
        }
    }
    /* Resolve branch targets now that every label's position is known. */
    for (unsigned i = 0; i < p->n; i++) {
        if (p->insns[i].fn == h_br) {
            p->insns[i].c[0] = label_at[branch_label[i]];
        } else if (p->insns[i].fn == h_brcond_32 || p->insns[i].fn == h_brcond_64) {
            p->insns[i].c[1] = label_at[branch_label[i]];
        }
    }
    free(label_at);
    free(branch_label);
    return p;
}

InterpProg *interp_prepare(const IrBlock *b)
{
    return prepare(b, false);
}

InterpProg *interp_prepare_shadow(const IrBlock *b)
{
    return prepare(b, true);
}

void interp_free(InterpProg *p)
{
    if (p && p->shadow) {
        free(p->shadow->syncs);
        free(p->shadow);
    }
    free(p);
}

uint64_t interp_exec(const InterpProg *p, JitCpu *cpu)
{
    /* 16-byte slots; +16 keeps the VLA non-empty. */
    uint64_t frame[p->frame_size / 8 + 2];
    InterpFrame f;

    if (cpu->exit_request) {
        return JIT_EXIT_WORD(JIT_EXIT_REQUEST, 0);
    }
    /* Deterministic contents for temps a skipped path left unwritten. */
    memset(frame, 0, p->frame_size);
    f.base[0] = (uint8_t *)cpu;
    f.base[1] = (uint8_t *)frame;
    f.env = cpu;
    f.prog = p->insns;
    f.shadow = p->shadow;
    f.exit = JIT_EXIT_WORD(JIT_EXIT_CODE, 0);
    cpu->stats.blocks++;
    for (const InterpInsn *in = p->insns; in; in = in->fn(&f, in)) {
    }
    return f.exit;
}

uint64_t interp_run(const IrBlock *b, JitCpu *cpu)
{
    InterpProg *p = interp_prepare(b);
    /* A raise longjmps past the free below; tests that raise use
     * interp_prepare/interp_exec and free afterwards. */
    uint64_t r = interp_exec(p, cpu);
    interp_free(p);
    return r;
}
