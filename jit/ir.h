/* The JIT's guest-neutral IR: typed temps, globals (CPU-state fields used
 * directly as operands), labels, and a linear list of ops per block. Op set:
 * jit/ir-ops.h; semantics and conventions: docs/jit.md. */
#ifndef JIT_IR_H
#define JIT_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "jit/helper.h"
#include "jit/jit-cpu.h"

typedef enum IrType { IR_I32 = 0, IR_I64 = 1, IR_V128 = 2, IR_VOID = 3 } IrType;
#define IR_NB_TYPES 3

typedef enum IrCond {
    IR_COND_EQ, IR_COND_NE,
    IR_COND_LT, IR_COND_LE, IR_COND_GT, IR_COND_GE,         /* signed */
    IR_COND_LTU, IR_COND_LEU, IR_COND_GTU, IR_COND_GEU,     /* unsigned */
    IR_COND_TSTEQ, IR_COND_TSTNE,                           /* (a & b) ==/!= 0 */
    IR_NB_CONDS
} IrCond;

typedef enum IrOpc {
#define IR_OP(name, nout, nin, nconst, kind, flags) IR_OP_##name,
#include "jit/ir-ops.h"
#undef IR_OP
    IR_NB_OPS
} IrOpc;

/* op flags (ir-ops.h) */
enum {
    IR_F_SIDE = 1 << 0,    /* never removed even if its outputs are unused */
    IR_F_BRANCH = 1 << 1,  /* last constant is a label */
    IR_F_NOFALL = 1 << 2,  /* control never reaches the next op */
    IR_F_EXIT = 1 << 3,    /* leaves the block: every global is observable */
    IR_F_LABEL = 1 << 4,
    IR_F_CALL = 1 << 5,    /* effects from the helper descriptor */
    IR_F_GMEM = 1 << 6,    /* guest memory access through the TLB */
    IR_F_RAISES = 1 << 7,  /* may raise a guest exception */
    IR_F_ENV = 1 << 8,     /* accesses the CPU state at a constant offset */
};

typedef enum IrKind { IR_KIND_INT, IR_KIND_ANY, IR_KIND_I64, IR_KIND_MONO } IrKind;

typedef struct IrOpDef {
    const char *name;
    uint8_t nout, nin, nconst;
    uint8_t kind;          /* IrKind */
    uint16_t flags;
} IrOpDef;

extern const IrOpDef ir_op_defs[IR_NB_OPS];

/* A temp index: [0, nb_globals) are the context's globals, the rest are
 * block-local temps. Labels are small integers per block. */
typedef uint32_t IrTemp;
typedef uint32_t IrLabel;

#define IR_MAX_GLOBALS 128
#define IR_MAX_ARGS 8

typedef struct IrGlobal {
    const char *name;
    uint32_t offset;       /* byte offset in the CPU state (env) */
    uint8_t type;          /* IrType */
} IrGlobal;

/* Globals are registered once per translation context (e.g. the front end
 * registers x0..x30, sp, pc, N, Z, C, V at start-up) and shared by every
 * block built from it. */
typedef struct IrContext {
    IrGlobal globals[IR_MAX_GLOBALS];
    unsigned nb_globals;
    /* The global holding the guest PC (set by the front end), or -1: the
     * native backend's inline jump-cache lookup reads it. */
    int pc_global;
} IrContext;

typedef struct IrGlobalSet {
    uint64_t w[IR_MAX_GLOBALS / 64];
} IrGlobalSet;

static inline void ir_gset_add(IrGlobalSet *s, unsigned g) { s->w[g / 64] |= 1ull << (g % 64); }
static inline bool ir_gset_has(const IrGlobalSet *s, unsigned g)
{
    return (s->w[g / 64] >> (g % 64)) & 1;
}

typedef struct IrOp {
    uint16_t opc;          /* IrOpc */
    uint8_t type;          /* operating type (IrType) for INT/ANY/I64 ops */
    uint8_t nout, nin, nconst;
    /* Liveness results (ir_liveness): bit i set = argument i (outputs
     * first, then inputs) is dead after this op: an output nobody reads,
     * or the last read of an input. Globals are included: a dead global's
     * register copy need not be written back. */
    uint16_t dead;
    /* opt-globals result: 1 + index into IrBlock.syncs of the globals that
     * must be written back to env before this op (for qemu_ld/st: on the
     * slow path only), or 0. */
    uint32_t sync;
    uint64_t args[IR_MAX_ARGS];
} IrOp;

typedef struct IrBlock {
    const IrContext *ctx;
    IrOp *ops;
    unsigned nb_ops, cap_ops;
    uint8_t *temp_type;    /* IrType per temp, globals first */
    unsigned nb_temps, cap_temps;
    unsigned nb_labels;
    IrGlobalSet *syncs;    /* opt-globals' write-back sets */
    unsigned nb_syncs;
    uint64_t guest_pc;     /* the block's first guest PC (informational) */
} IrBlock;

/* ---- contexts and globals ---- */
void ir_context_init(IrContext *ctx);
/* Register a CPU-state field as a global; offset must be aligned to the
 * type's size. Returns its temp index. */
IrTemp ir_global_new(IrContext *ctx, IrType type, uint32_t offset, const char *name);

/* ---- blocks ---- */
IrBlock *ir_block_new(const IrContext *ctx);
void ir_block_free(IrBlock *b);
IrBlock *ir_block_clone(const IrBlock *b);
IrTemp ir_temp_new(IrBlock *b, IrType type);
IrLabel ir_label_new(IrBlock *b);
static inline bool ir_is_global(const IrBlock *b, IrTemp t) { return t < b->ctx->nb_globals; }
static inline IrType ir_temp_type(const IrBlock *b, IrTemp t) { return (IrType)b->temp_type[t]; }
/* Drop nop ops (passes turn deleted ops into nops). */
void ir_block_compact(IrBlock *b);

/* Append an op with the table's arity; args = outputs, inputs, constants. */
IrOp *ir_emit(IrBlock *b, IrOpc opc, IrType type, const uint64_t *args);
#define IR_EMIT(b, opc, type, ...) ir_emit((b), (opc), (type), (const uint64_t[]){ __VA_ARGS__ })

/* Type of argument i of op (temp arguments only). */
IrType ir_arg_type(const IrBlock *b, const IrOp *op, unsigned i);
/* Effective flags: for calls, IR_F_SIDE / IR_F_RAISES from the helper. */
unsigned ir_op_flags(const IrOp *op);
static inline const IrHelper *ir_op_helper(const IrOp *op)
{
    return (const IrHelper *)(uintptr_t)op->args[op->nout + op->nin];
}
/* The label a branch or set_label refers to. */
static inline IrLabel ir_op_label(const IrOp *op)
{
    return (IrLabel)op->args[op->nout + op->nin + op->nconst - 1];
}

/* ---- builder shorthands ---- */
#define IR_UNARY_OPS(X) X(mov) X(neg) X(not) X(clz) X(ctz) X(ctpop) X(bswap16) \
    X(bswap32) X(bswap64) X(ext8s) X(ext8u) X(ext16s) X(ext16u) X(ext32s) X(ext32u)
#define IR_BINARY_OPS(X) X(add) X(sub) X(mul) X(and) X(or) X(xor) X(andc) X(orc) \
    X(eqv) X(shl) X(shr) X(sar) X(rotl) X(rotr) X(div) X(divu) X(rem) X(remu)

#define IR_DEF_UNARY(n)                                                        \
    static inline void ir_##n(IrBlock *b, IrType t, IrTemp d, IrTemp a)       \
    {                                                                          \
        IR_EMIT(b, IR_OP_##n, t, d, a);                                        \
    }
#define IR_DEF_BINARY(n)                                                       \
    static inline void ir_##n(IrBlock *b, IrType t, IrTemp d, IrTemp a, IrTemp c) \
    {                                                                          \
        IR_EMIT(b, IR_OP_##n, t, d, a, c);                                     \
    }
IR_UNARY_OPS(IR_DEF_UNARY)
IR_BINARY_OPS(IR_DEF_BINARY)
#undef IR_DEF_UNARY
#undef IR_DEF_BINARY

static inline void ir_movi(IrBlock *b, IrType t, IrTemp d, uint64_t v)
{
    IR_EMIT(b, IR_OP_movi, t, d, v);
}
/* A fresh temp holding a constant. */
IrTemp ir_const(IrBlock *b, IrType t, uint64_t v);
static inline void ir_setcond(IrBlock *b, IrType t, IrCond c, IrTemp d, IrTemp x, IrTemp y)
{
    IR_EMIT(b, IR_OP_setcond, t, d, x, y, c);
}
/* d = cond(c1, c2) ? v1 : v2 */
static inline void ir_movcond(IrBlock *b, IrType t, IrCond c, IrTemp d, IrTemp c1, IrTemp c2,
                              IrTemp v1, IrTemp v2)
{
    IR_EMIT(b, IR_OP_movcond, t, d, c1, c2, v1, v2, c);
}
static inline void ir_brcond(IrBlock *b, IrType t, IrCond c, IrTemp x, IrTemp y, IrLabel l)
{
    IR_EMIT(b, IR_OP_brcond, t, x, y, c, l);
}
static inline void ir_br(IrBlock *b, IrLabel l) { IR_EMIT(b, IR_OP_br, IR_I64, l); }
static inline void ir_set_label(IrBlock *b, IrLabel l) { IR_EMIT(b, IR_OP_set_label, IR_I64, l); }
static inline void ir_extract(IrBlock *b, IrType t, IrTemp d, IrTemp a, unsigned pos, unsigned len)
{
    IR_EMIT(b, IR_OP_extract, t, d, a, pos, len);
}
static inline void ir_sextract(IrBlock *b, IrType t, IrTemp d, IrTemp a, unsigned pos, unsigned len)
{
    IR_EMIT(b, IR_OP_sextract, t, d, a, pos, len);
}
static inline void ir_deposit(IrBlock *b, IrType t, IrTemp d, IrTemp a, IrTemp v, unsigned pos,
                              unsigned len)
{
    IR_EMIT(b, IR_OP_deposit, t, d, a, v, pos, len);
}
static inline void ir_extract2(IrBlock *b, IrType t, IrTemp d, IrTemp lo, IrTemp hi, unsigned pos)
{
    IR_EMIT(b, IR_OP_extract2, t, d, lo, hi, pos);
}
static inline void ir_mulu2(IrBlock *b, IrType t, IrTemp lo, IrTemp hi, IrTemp x, IrTemp y)
{
    IR_EMIT(b, IR_OP_mulu2, t, lo, hi, x, y);
}
static inline void ir_muls2(IrBlock *b, IrType t, IrTemp lo, IrTemp hi, IrTemp x, IrTemp y)
{
    IR_EMIT(b, IR_OP_muls2, t, lo, hi, x, y);
}
static inline void ir_ld_env(IrBlock *b, IrType t, IrTemp d, uint32_t off, JitMemOp mo)
{
    IR_EMIT(b, IR_OP_ld_env, t, d, off, mo);
}
static inline void ir_st_env(IrBlock *b, IrType t, IrTemp v, uint32_t off, JitMemOp mo)
{
    IR_EMIT(b, IR_OP_st_env, t, v, off, mo);
}
static inline void ir_qemu_ld(IrBlock *b, IrType t, IrTemp d, IrTemp addr, JitMemOp mo, int mmu)
{
    IR_EMIT(b, IR_OP_qemu_ld, t, d, addr, mo, (uint64_t)mmu);
}
static inline void ir_qemu_st(IrBlock *b, IrType t, IrTemp v, IrTemp addr, JitMemOp mo, int mmu)
{
    IR_EMIT(b, IR_OP_qemu_st, t, addr, v, mo, (uint64_t)mmu);
}
static inline void ir_insn_start(IrBlock *b, uint64_t pc) { IR_EMIT(b, IR_OP_insn_start, IR_I64, pc); }
static inline void ir_mb(IrBlock *b, unsigned kind) { IR_EMIT(b, IR_OP_mb, IR_I64, kind); }
/* Chained exit through slot n (0 or 1): goto_tb n; exit_tb CHAIN(n). */
void ir_goto_tb(IrBlock *b, unsigned slot);
static inline void ir_exit_tb(IrBlock *b, uint64_t code)
{
    IR_EMIT(b, IR_OP_exit_tb, IR_I64, JIT_EXIT_WORD(JIT_EXIT_CODE, code));
}
static inline void ir_lookup_and_goto_ptr(IrBlock *b) { IR_EMIT(b, IR_OP_lookup_and_goto_ptr, IR_I64, 0); }
/* Call h; ret is the result temp (ignored if h returns IR_VOID). */
void ir_call(IrBlock *b, const IrHelper *h, IrTemp ret, const IrTemp *args);

/* mb kinds (bit set: which earlier accesses are ordered before which later
 * ones), a superset of what A64 DMB/DSB need. */
enum { IR_MB_LD_LD = 1, IR_MB_LD_ST = 2, IR_MB_ST_LD = 4, IR_MB_ST_ST = 8, IR_MB_ALL = 15 };

/* ---- verifier and dump ---- */
/* Checks the block (docs/jit.md "Verifier rules"). Returns true if valid;
 * otherwise writes a one-line reason into err (if not NULL). */
bool ir_verify(const IrBlock *b, char *err, size_t errlen);
/* Human-readable listing for -d op / -d op_opt. */
void ir_dump(const IrBlock *b, FILE *f);
void ir_dump_op(const IrBlock *b, const IrOp *op, FILE *f);
extern const char *const ir_cond_names[IR_NB_CONDS];
extern const char *const ir_type_names[IR_NB_TYPES + 1];

#endif
