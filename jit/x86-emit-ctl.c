/* Control flow of the native backend: block entry (exit-request check and
 * budget), labels and branches, helper calls, barriers, block exits
 * (chained goto_tb, inline jump-cache lookup, exit_tb) and the shared
 * entry/exit trampoline. docs/jit-backend.md "Exits". */
#include <stddef.h>

#include "jit/backend.h"
#include "jit/x86-backend.h"

#define A (&x->a)
#define ARG(i) ((IrTemp)op->args[i])

static const X86Reg abi_args[IR_HELPER_MAX_ARGS] = { X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9 };

static X86Mem env_field(size_t off)
{
    return x86_mem(XB_ENV, (int32_t)off);
}

static void store_imm64(Xb *x, X86Mem m, uint64_t v)
{
    if (xb_fits_s32(v, IR_I64)) {
        x86_store_imm(A, X86_S64, m, (int32_t)v);
    } else {
        x86_movi(A, XB_T1, v);
        x86_store(A, X86_S64, m, XB_T1);
    }
}

/* Leave for the dispatcher: RAX = exit word, RDX = this block's TB (the
 * trampoline returns both, see backend.c). */
static void leave(Xb *x, uint64_t word)
{
    x86_movi(A, X86_RDX, (uintptr_t)x->tb);
    x86_movi(A, X86_RAX, word);
    x86_jmp_abs(A, x->epilogue);
}

void xb_emit_entry(Xb *x)
{
    unsigned icount = 0;

    /* contract 2: one exit-request word, checked before anything runs */
    x86_alu_mi(A, X86_CMP, X86_S32, env_field(offsetof(JitCpu, exit_request)), 0);
    x86_jcc(A, X86_CC_NE, &x->exit_req);
    if (x->tb) {
        icount = x->tb->icount;
    } else {
        for (unsigned i = 0; i < x->b->nb_ops; i++) {
            icount += x->b->ops[i].opc == IR_OP_insn_start;
        }
    }
    if (icount) {
        x86_alu_mi(A, X86_SUB, X86_S64, env_field(offsetof(JitCpu, insn_budget)),
                   (int32_t)icount);
    }
    /* the interpreter's zeroed temps, for the few a path may read unwritten */
    for (unsigned t = x->ng; t < x->nt; t++) {
        const XbTemp *xt = &x->t[t];
        if (xt->zero_init) {
            X86Mem m = xb_home(x, t);
            x86_store_imm(A, X86_S64, m, 0);
            if (xb_temp_bytes(x, t) == 16) {
                m.disp += 8;
                x86_store_imm(A, X86_S64, m, 0);
            }
        }
    }
}

void xb_emit_tail(Xb *x)
{
    xb_emit_slow_paths(x);
    x86_bind(A, &x->exit_req);
    leave(x, JIT_EXIT_WORD(JIT_EXIT_REQUEST, 0));
}

static void emit_call(Xb *x, const IrOp *op)
{
    const IrHelper *h = ir_op_helper(op);
    unsigned nout = op->nout;

    if (h->flags != IR_HF_PURE) {
        xb_sync_globals(x);
    }
    if (h->flags & IR_HF_RAISES) {
        store_imm64(x, env_field(offsetof(JitCpu, restore_pc)), x->cur_pc);
    }
    /* Every argument ends up in a callee-saved register, memory or a
     * constant, so the ABI registers can be loaded in any order. */
    xb_before_call(x, (h->flags & IR_HF_WRITES) != 0);
    for (unsigned i = 0; i < op->nin && i < IR_HELPER_MAX_ARGS; i++) {
        xb_load_value(x, abi_args[i], ARG(nout + i));
    }
    x86_mov_rr(A, X86_S64, X86_RDI, XB_ENV);
    x86_call(A, (const void *)h->fn.f0, XB_T0);
    if (nout) {
        if (h->ret == IR_I32) {
            x86_mov_rr(A, X86_S32, X86_RAX, X86_RAX);
        }
        xb_set_out(x, ARG(0), X86_RAX);
    }
}

static void emit_brcond(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Cond cc;

    xb_in(x, ARG(0));
    if (!x->t[ARG(1)].is_const || x->t[ARG(1)].reg >= 0) {
        xb_in(x, ARG(1));
    }
    xb_boundary(x);
    cc = xb_emit_compare(x, ty, (IrCond)op->args[2], ARG(0), ARG(1));
    x86_jcc(A, cc, &x->labels[ir_op_label(op)]);
}

static void emit_goto_tb(Xb *x, const IrOp *op)
{
    unsigned n = (unsigned)op->args[0] & 1;
    X86Label reset;
    uint8_t *site;

    xb_sync_globals(x);
    x86_label_init(&reset);
    /* chained jumps only while budget remains (docs/jit-backend.md) */
    x86_alu_mi(A, X86_CMP, X86_S64, env_field(offsetof(JitCpu, insn_budget)), 0);
    x86_jcc(A, X86_CC_LE, &reset);
    site = x86_jmp_patchable(A);
    x86_bind(A, &reset);
    if (x->tb) {
        x->tb->jmp_site[n] = x86_rx(A, site);
        x->tb->jmp_reset[n] = x86_rx(A, x->a.p);
    }
}

/* Indirect branch: the per-vCPU jump cache (jit/tb.h layout), inline. */
static void emit_lookup(Xb *x)
{
    int pcg = x->b->ctx->pc_global;
    X86Label miss;

    xb_sync_globals(x);
    x86_label_init(&miss);
    if (pcg >= 0 && (unsigned)pcg < x->ng && ir_temp_type(x->b, (IrTemp)pcg) == IR_I64) {
        const XbTemp *pt = &x->t[pcg];
        uint64_t flags = x->tb ? x->tb->flags : 0;
        /* everything is written back: all registers are free now */
        if (pt->reg >= 0) {
            x86_mov_rr(A, X86_S64, X86_RAX, (X86Reg)pt->reg);
        } else {
            x86_load(A, X86_S64, X86_RAX, xb_home(x, (IrTemp)pcg));
        }
        x86_alu_mi(A, X86_CMP, X86_S64, env_field(offsetof(JitCpu, insn_budget)), 0);
        x86_jcc(A, X86_CC_LE, &miss);
        x86_load(A, X86_S64, XB_T0, env_field(offsetof(JitCpu, jmp_cache)));
        x86_test_rr(A, X86_S64, XB_T0, XB_T0);
        x86_jcc(A, X86_CC_Z, &miss);
        x86_mov_rr(A, X86_S64, XB_T1, X86_RAX);
        x86_shift_ri(A, X86_SHR, X86_S64, XB_T1, 2);
        x86_mov_rr(A, X86_S64, X86_RDX, X86_RAX);
        x86_shift_ri(A, X86_SHR, X86_S64, X86_RDX, 2 + TB_JMP_CACHE_BITS);
        x86_alu_rr(A, X86_XOR, X86_S64, XB_T1, X86_RDX);
        x86_alu_ri(A, X86_AND, X86_S32, XB_T1, TB_JMP_CACHE_SIZE - 1);
        x86_shift_ri(A, X86_SHL, X86_S64, XB_T1, TB_JMP_ENTRY_SHIFT);
        x86_alu_rr(A, X86_ADD, X86_S64, XB_T0, XB_T1);
        x86_alu_rm(A, X86_CMP, X86_S64, X86_RAX, x86_mem(XB_T0, TB_JMP_ENTRY_PC));
        x86_jcc(A, X86_CC_NE, &miss);
        x86_movi(A, X86_RDX, flags);
        x86_alu_rm(A, X86_CMP, X86_S64, X86_RDX, x86_mem(XB_T0, TB_JMP_ENTRY_FLAGS));
        x86_jcc(A, X86_CC_NE, &miss);
        x86_load(A, X86_S64, XB_T0, x86_mem(XB_T0, TB_JMP_ENTRY_CODE));
        x86_test_rr(A, X86_S64, XB_T0, XB_T0);
        x86_jcc(A, X86_CC_Z, &miss);   /* an interpreted block */
        x86_jmp_reg(A, XB_T0);
    }
    x86_bind(A, &miss);
    leave(x, JIT_EXIT_WORD(JIT_EXIT_LOOKUP, 0));
}

void xb_emit_ctl(Xb *x, const IrOp *op)
{
    switch (op->opc) {
    case IR_OP_call:
        emit_call(x, op);
        break;
    case IR_OP_set_label:
        if (x->reachable) {
            xb_boundary(x);
        }
        x86_bind(A, &x->labels[ir_op_label(op)]);
        xb_reset_at_label(x);
        x->reachable = true;
        break;
    case IR_OP_br:
        xb_boundary(x);
        x86_jmp(A, &x->labels[ir_op_label(op)]);
        x->reachable = false;
        break;
    case IR_OP_brcond:
        emit_brcond(x, op);
        break;
    case IR_OP_insn_start:
        x->cur_pc = op->args[0];
        break;
    case IR_OP_mb:
        /* x86 is TSO (SDM Vol. 3, 8.2.2): only a store followed by a load
         * may be reordered, so only ST_LD needs MFENCE (NP 0F AE F0). */
        if (op->args[0] & IR_MB_ST_LD) {
            x86_byte(A, 0x0F);
            x86_byte(A, 0xAE);
            x86_byte(A, 0xF0);
        }
        break;
    case IR_OP_goto_tb:
        emit_goto_tb(x, op);
        break;
    case IR_OP_exit_tb:
        xb_sync_globals(x);
        leave(x, op->args[0]);
        x->reachable = false;
        break;
    case IR_OP_lookup_and_goto_ptr:
        emit_lookup(x);
        x->reachable = false;
        break;
    default:   /* nop */
        break;
    }
}

/* SysV: the caller's RSP is 8 mod 16 on entry; six pushes keep that and
 * XB_FRAME_SIZE (8 mod 16) makes it 0 mod 16 inside blocks, as calls to
 * helpers need. RBX, RBP, R12-R15 are the callee-saved registers (SysV
 * AMD64 ABI 3.2.1). A guest exception siglongjmps past all this: the
 * run loop's sigsetjmp restores its own callee-saved registers and stack
 * pointer, and generated code keeps nothing else that needs unwinding. */
static const X86Reg saved[] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };

void *xb_emit_trampoline(X86Asm *a, uintptr_t *epilogue)
{
    uintptr_t entry = x86_rx(a, a->p);

    for (unsigned i = 0; i < 6; i++) {
        x86_push(a, saved[i]);
    }
    x86_alu_ri(a, X86_SUB, X86_S64, X86_RSP, XB_FRAME_SIZE);
    x86_mov_rr(a, X86_S64, XB_ENV, X86_RDI);
    x86_jmp_reg(a, X86_RSI);
    x86_align(a, 16);
    *epilogue = x86_rx(a, a->p);
    x86_alu_ri(a, X86_ADD, X86_S64, X86_RSP, XB_FRAME_SIZE);
    for (unsigned i = 6; i-- > 0;) {
        x86_pop(a, saved[i]);
    }
    x86_ret(a);
    return (void *)entry;
}
