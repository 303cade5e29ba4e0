/* Internal to the native x86-64 backend (jit/x86-*.c): the compile state,
 * the register allocator's interface and the per-op emitters. Conventions
 * (registers, frame, exits, fast path) are in docs/jit-backend.md. */
#ifndef JIT_X86_BACKEND_H
#define JIT_X86_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/ir.h"
#include "jit/tb.h"
#include "jit/x86-enc.h"

/* env (the JitCpu / target state) lives in RBP for the whole run: callee-
 * saved, so helpers preserve it, and [rbp+disp] needs no SIB byte. */
#define XB_ENV X86_RBP
/* Two scratch registers the allocator never hands out: address and tag
 * computation of the TLB fast path, constants, shuffles. */
#define XB_T0 X86_R10
#define XB_T1 X86_R11

/* The frame the trampoline reserves below the six callee-saved pushes:
 * [rsp + 0, 128)  save area for caller-saved registers around slow paths
 * [rsp + 128, ..) XB_NB_SLOTS 16-byte slots for spilled temps and v128
 * The size is 8 mod 16 so that rsp is 16-byte aligned inside blocks (the
 * call into the trampoline pushed 8, the pushes 48). */
#define XB_SAVE_OFF 0
#define XB_SLOT_OFF 128
#define XB_NB_SLOTS 256
#define XB_FRAME_SIZE (XB_SLOT_OFF + 16 * XB_NB_SLOTS + 8)

/* Allocator view of one IR temp (globals first). The value is wherever
 * `reg` says, else `is_const`, else memory (env field for a global, frame
 * slot for a temp) if mem_valid. A global with a register and !mem_valid
 * is dirty. */
typedef struct XbTemp {
    int8_t reg;            /* host register, or -1 */
    bool mem_valid;
    bool is_const;
    bool crossing;         /* temp live across a branch or label: fixed slot */
    bool zero_init;        /* crossing temp that may be read unwritten */
    int16_t slot;          /* frame slot, or -1 */
    uint64_t val;          /* the constant if is_const */
} XbTemp;

/* A guest access's out-of-line slow path (or a v128 access, which always
 * takes it), emitted after the block body. */
typedef struct XbSlow {
    X86Label entry;
    uint8_t *back;         /* where to continue (writable address) */
    uint16_t opc;          /* IR_OP_qemu_ld / qemu_st */
    uint8_t type;          /* IrType */
    int8_t addr;           /* register holding the address */
    int8_t val;            /* store: value register; load: destination */
    bool v128_env;         /* v128 buffer in env (global) or frame (temp) */
    int32_t v128_off;
    uint16_t save;         /* caller-saved registers to preserve */
    unsigned mo, mmu;
    uint64_t pc;
    unsigned wb_first, wb_count;   /* dirty globals to write back */
} XbSlow;

typedef struct XbWb {
    int8_t reg;
    uint8_t size;
    uint32_t off;
} XbWb;

typedef struct Xb {
    X86Asm a;
    IrBlock *b;
    TB *tb;
    unsigned ng, nt;
    XbTemp *t;
    int32_t owner[16];     /* temp in each host register, -1 if free */
    uint16_t pinned;       /* registers the current op holds */
    uint64_t slot_used[XB_NB_SLOTS / 64];
    uint64_t fixed_slots[XB_NB_SLOTS / 64];   /* crossing temps' slots */
    uint64_t cur_pc;
    X86Label *labels;
    X86Label exit_req;
    bool reachable;        /* the current point is reachable by fallthrough */
    bool fail;             /* declined (UNSUPPORTED) */
    unsigned page_bits;
    uintptr_t epilogue;    /* executable address of the shared epilogue */
    XbSlow *slow;
    unsigned nslow, cap_slow;
    XbWb *wb;
    unsigned nwb, cap_wb;
} Xb;

/* Register classes. */
#define XB_CALLER_SAVED ((1u << X86_RAX) | (1u << X86_RCX) | (1u << X86_RDX) | (1u << X86_RSI) | \
                         (1u << X86_RDI) | (1u << X86_R8) | (1u << X86_R9))
#define XB_CALLEE_SAVED ((1u << X86_RBX) | (1u << X86_R12) | (1u << X86_R13) | \
                         (1u << X86_R14) | (1u << X86_R15))
#define XB_ALLOCATABLE (XB_CALLER_SAVED | XB_CALLEE_SAVED)

static inline X86Size xb_size(IrType t)
{
    return t == IR_I32 ? X86_S32 : X86_S64;
}

/* Usable as an imm32 operand at this type (32-bit ops take any value). */
static inline bool xb_fits_s32(uint64_t v, IrType t)
{
    return t == IR_I32 || (int64_t)v == (int64_t)(int32_t)v;
}

/* ---- register allocator (x86-regalloc.c) ---- */
void xb_ra_init(Xb *x);
/* Value of temp t in a register, pinned for the current op. */
X86Reg xb_in(Xb *x, IrTemp t);
/* A free register (evicting if needed), pinned. avoid: extra exclusions. */
X86Reg xb_alloc(Xb *x, uint16_t avoid);
/* Make r free (its value moves to another register or memory) and pin it
 * for the current op's own use. */
void xb_evict(Xb *x, X86Reg r);
/* Output register for op (two-address ops): input `in_idx`'s register if
 * that input dies here, else a fresh one holding a copy of that input. */
X86Reg xb_out_reuse(Xb *x, const IrOp *op, unsigned in_idx, X86Reg in_reg);
/* Same choice without the copy (three-operand forms). */
X86Reg xb_out_reg(Xb *x, const IrOp *op, unsigned in_idx, X86Reg in_reg);
/* Temp t now lives (only) in register r. */
void xb_set_out(Xb *x, IrTemp t, X86Reg r);
/* Temp t is now the constant v (temps only; globals get a register). */
void xb_set_const(Xb *x, IrTemp t, uint64_t v);
/* After an op: release dead inputs and dead outputs, unpin. */
void xb_op_done(Xb *x, const IrOp *op);
/* Memory home of a temp: env field or frame slot (allocating one). */
X86Mem xb_home(Xb *x, IrTemp t);
/* Write the value of t to its home if it is not there yet. */
void xb_store_home(Xb *x, IrTemp t);
/* Write back every dirty global (they stay in their registers, clean). */
void xb_sync_globals(Xb *x);
/* Control-flow boundary (branch, or fallthrough into a label): dirty
 * globals and crossing temps to memory. */
void xb_boundary(Xb *x);
/* At a label: everything lives in memory only. */
void xb_reset_at_label(Xb *x);
/* Before a helper call: free every caller-saved register (values move to
 * callee-saved registers or memory); with drop_globals, globals leave
 * their registers too (the helper may write the state). */
void xb_before_call(Xb *x, bool drop_globals);
/* Record the dirty globals in x->wb for a slow path. */
void xb_record_dirty(Xb *x, unsigned *first, unsigned *count);
/* Load the value of t into a specific register r (not changing state). */
void xb_load_value(Xb *x, X86Reg r, IrTemp t);
/* Size of temp t's type in bytes. */
unsigned xb_temp_bytes(const Xb *x, IrTemp t);

/* ---- emitters: each handles one op (x86-emit-*.c) ---- */
typedef void (*XbEmitFn)(Xb *x, const IrOp *op);
void xb_emit_alu(Xb *x, const IrOp *op);        /* integer ops */
void xb_emit_mem(Xb *x, const IrOp *op);        /* ld/st_env, qemu_ld/st */
void xb_emit_ctl(Xb *x, const IrOp *op);        /* labels, branches, calls, exits, mb */
void xb_emit_mov(Xb *x, const IrOp *op);        /* mov, movi (x86-emit-alu.c) */
void xb_emit_slow_paths(Xb *x);
/* Set the flags for cond(a, b) (loads first); returns the x86 condition. */
X86Cond xb_emit_compare(Xb *x, IrType ty, IrCond c, IrTemp ta, IrTemp tb);
void xb_emit_entry(Xb *x);
void xb_emit_tail(Xb *x);
/* The shared trampoline: returns the entry's executable address and sets
 * *epilogue. */
void *xb_emit_trampoline(X86Asm *a, uintptr_t *epilogue);

/* ---- driver (x86-backend.c) ---- */
/* Emit the trampoline into cb and keep it across flushes. */
void *xb_install_trampoline(CodeBuf *cb, uintptr_t *epilogue);
/* Compile b for tb into cb (returns a JitCompileStatus); on success
 * tb->code and tb->code_size are set; with out_asm, the code is listed. */
int xb_compile(CodeBuf *cb, uintptr_t epilogue, unsigned page_bits, IrBlock *b, TB *tb,
               FILE *out_asm);

#endif
