/* CPU-state and guest-memory ops of the native backend: ld_env/st_env, and
 * qemu_ld/qemu_st with the inline softmmu TLB fast path plus out-of-line
 * slow-path stubs (docs/jit-backend.md "Guest memory"; the recipe is
 * docs/jit.md "Softmmu TLB", the same one jit_ld/jit_st use in C). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "jit/stats.h"
#include "jit/x86-backend.h"

#define A (&x->a)
#define ARG(i) ((IrTemp)op->args[i])

static X86Size size_of_log2(unsigned l)
{
    return l == 0 ? X86_S8 : l == 1 ? X86_S16 : l == 2 ? X86_S32 : X86_S64;
}

/* Load `mo` bytes from m into rd at type ty, zero- or sign-extended. */
static void load_ext(Xb *x, IrType ty, JitMemOp mo, X86Reg rd, X86Mem m)
{
    unsigned l = mo & JIT_MO_SIZE;
    bool sign = (mo & JIT_MO_SIGN) != 0;

    if (l < 2) {
        if (sign) {
            x86_movsx_m(A, size_of_log2(l), xb_size(ty), rd, m);
        } else {
            x86_movzx_m(A, size_of_log2(l), rd, m);
        }
    } else if (l == 2 && sign && ty == IR_I64) {
        x86_movsx_m(A, X86_S32, X86_S64, rd, m);
    } else {
        x86_load(A, l == 2 ? X86_S32 : X86_S64, rd, m);
    }
}

static void emit_ld_env(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Mem m = x86_mem(XB_ENV, (int32_t)op->args[1]);
    X86Reg rd;

    if (ty == IR_V128) {
        x86_movdqu_load(A, X86_XMM15, m);
        x86_movdqu_store(A, xb_home(x, ARG(0)), X86_XMM15);
        return;
    }
    rd = xb_alloc(x, 0);
    load_ext(x, ty, (JitMemOp)op->args[2], rd, m);
    xb_set_out(x, ARG(0), rd);
}

static void emit_st_env(Xb *x, const IrOp *op)
{
    IrType ty = (IrType)op->type;
    X86Mem m = x86_mem(XB_ENV, (int32_t)op->args[1]);
    unsigned l = (unsigned)op->args[2] & JIT_MO_SIZE;
    const XbTemp *vt = &x->t[ARG(0)];

    if (ty == IR_V128) {
        x86_movdqu_load(A, X86_XMM15, xb_home(x, ARG(0)));
        x86_movdqu_store(A, m, X86_XMM15);
    } else if (vt->reg < 0 && vt->is_const && (l < 3 || xb_fits_s32(vt->val, IR_I64))) {
        x86_store_imm(A, size_of_log2(l), m, (int32_t)vt->val);
    } else {
        x86_store(A, size_of_log2(l), m, xb_in(x, ARG(0)));
    }
}

static XbSlow *new_slow(Xb *x)
{
    XbSlow *s;

    if (x->nslow == x->cap_slow) {
        x->cap_slow = x->cap_slow ? 2 * x->cap_slow : 16;
        x->slow = realloc(x->slow, x->cap_slow * sizeof(XbSlow));
        if (!x->slow) {
            fatal("out of memory");
        }
    }
    s = &x->slow[x->nslow++];
    memset(s, 0, sizeof *s);
    x86_label_init(&s->entry);
    return s;
}

/* Caller-saved registers holding values, except `except`. */
static uint16_t live_caller_saved(const Xb *x, int except)
{
    uint16_t m = 0;
    for (int r = 0; r < 16; r++) {
        if (x->owner[r] >= 0 && (XB_CALLER_SAVED & (1u << r)) && r != except) {
            m |= (uint16_t)(1u << r);
        }
    }
    return m;
}

/* The fast path up to the hit: on return the flags say hit (E) and T0 holds
 * the entry's byte offset; mismatches jump to s->entry. */
static void tlb_lookup(Xb *x, XbSlow *s, X86Reg ra, JitMemOp mo, unsigned mmu, bool store)
{
    unsigned size = jit_mo_size(mo), amask = jit_mo_align(mo) - 1;
    int32_t pmask = (int32_t)~((1u << x->page_bits) - 1);
    int32_t table = (int32_t)(offsetof(JitCpu, tlb.m) + mmu * sizeof(JitTlbMode));
    int32_t cmp = store ? (int32_t)offsetof(JitTlbEntry, addr_write)
                        : (int32_t)offsetof(JitTlbEntry, addr_read);

    /* T0 = index * 32 = (vaddr >> page_bits) % TLB_SIZE << 5 */
    x86_mov_rr(A, X86_S64, XB_T0, ra);
    x86_shift_ri(A, X86_SHR, X86_S64, XB_T0, (uint8_t)(x->page_bits - 5));
    x86_alu_ri(A, X86_AND, X86_S32, XB_T0, (int32_t)((JIT_TLB_SIZE - 1) << 5));
    /* T1 = tag. Aligned to at least the size: vaddr & (page_mask | amask),
     * which cannot cross a page. Otherwise the page of the last byte, so a
     * crossing access misses; a smaller required alignment is tested apart. */
    if (amask >= size - 1) {
        x86_mov_rr(A, X86_S64, XB_T1, ra);
        x86_alu_ri(A, X86_AND, X86_S64, XB_T1, pmask | (int32_t)amask);
    } else {
        if (amask) {
            x86_test_ri(A, X86_S32, ra, (int32_t)amask);
            x86_jcc(A, X86_CC_NE, &s->entry);
        }
        x86_lea(A, X86_S64, XB_T1, x86_mem(ra, (int32_t)(size - 1)));
        x86_alu_ri(A, X86_AND, X86_S64, XB_T1, pmask);
    }
    x86_alu_rm(A, X86_CMP, X86_S64, XB_T1, x86_mem_idx(XB_ENV, XB_T0, 1, table + cmp));
    x86_jcc(A, X86_CC_NE, &s->entry);
    x86_load(A, X86_S64, XB_T0,
             x86_mem_idx(XB_ENV, XB_T0, 1, table + (int32_t)offsetof(JitTlbEntry, addend)));
}

static void emit_qemu(Xb *x, const IrOp *op)
{
    bool store = op->opc == IR_OP_qemu_st;
    IrType ty = (IrType)op->type;
    JitMemOp mo = (JitMemOp)op->args[2];
    unsigned mmu = (unsigned)op->args[3] & (JIT_NB_MMU_MODES - 1);
    X86Reg ra = xb_in(x, ARG(1 - store)), rv = X86_RAX;
    XbSlow *s;

    if (store && ty != IR_V128) {
        rv = xb_in(x, ARG(1));
    }
    if (!store && ty != IR_V128) {
        rv = xb_out_reg(x, op, 0, ra);
    }
    s = new_slow(x);
    s->opc = op->opc;
    s->type = (uint8_t)ty;
    s->addr = (int8_t)ra;
    s->val = (int8_t)rv;
    s->mo = mo;
    s->mmu = mmu;
    s->pc = x->cur_pc;
    s->save = live_caller_saved(x, (!store && ty != IR_V128) ? rv : -1);
    xb_record_dirty(x, &s->wb_first, &s->wb_count);
    if (ty == IR_V128) {
        /* 16-byte accesses always take the out-of-line call for now */
        IrTemp v = ARG(store ? 1 : 0);
        X86Mem m = xb_home(x, v);
        s->v128_env = v < x->ng;
        s->v128_off = m.disp;
        x86_jmp(A, &s->entry);
        s->back = x->a.p;
        return;
    }
    tlb_lookup(x, s, ra, mo, mmu, store);
    {
        X86Mem host = x86_mem_idx(ra, XB_T0, 1, 0);
        if (store) {
            x86_store(A, size_of_log2(mo & JIT_MO_SIZE), host, rv);
        } else {
            load_ext(x, ty, mo, rv, host);
        }
    }
    if (jit_stats_count_fast_path) {
        /* --stats only: count the hit (the slow path counts itself) */
        x86_alu_mi(A, X86_ADD, X86_S64, x86_mem(XB_ENV, (int32_t)offsetof(JitCpu, stats.tlb_fast)), 1);
    }
    s->back = x->a.p;
    if (!store) {
        xb_set_out(x, ARG(0), rv);
    }
}

void xb_emit_mem(Xb *x, const IrOp *op)
{
    switch (op->opc) {
    case IR_OP_ld_env: emit_ld_env(x, op); break;
    case IR_OP_st_env: emit_st_env(x, op); break;
    default: emit_qemu(x, op); break;
    }
}

/* ---- slow paths, after the block body ---- */

static void emit_one_slow(Xb *x, const XbSlow *s)
{
    static const X86Reg argr[] = { X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9 };
    bool store = s->opc == IR_OP_qemu_st, v128 = s->type == IR_V128;
    const void *fn;
    unsigned n = 0;

    x86_bind(A, (X86Label *)&s->entry);
    /* the op's write-back set: the state must be precise if it raises */
    for (unsigned i = 0; i < s->wb_count; i++) {
        const XbWb *w = &x->wb[s->wb_first + i];
        x86_store(A, w->size == 4 ? X86_S32 : X86_S64, x86_mem(XB_ENV, (int32_t)w->off),
                  (X86Reg)w->reg);
    }
    for (int r = 0; r < 16; r++) {
        if (s->save & (1u << r)) {
            x86_store(A, X86_S64, x86_mem(X86_RSP, XB_SAVE_OFF + 8 * r), (X86Reg)r);
        }
    }
    if (store && !v128) {
        x86_mov_rr(A, X86_S64, XB_T1, (X86Reg)s->val);
    }
    if (s->addr != X86_RSI) {
        x86_mov_rr(A, X86_S64, X86_RSI, (X86Reg)s->addr);
    }
    x86_mov_rr(A, X86_S64, X86_RDI, XB_ENV);
    n = 1;
    if (v128) {
        x86_lea(A, X86_S64, X86_RDX, x86_mem(s->v128_env ? XB_ENV : X86_RSP, s->v128_off));
        n = 2;
        fn = store ? (const void *)jit_st128_slow : (const void *)jit_ld128_slow;
    } else if (store) {
        x86_mov_rr(A, X86_S64, X86_RDX, XB_T1);
        n = 2;
        fn = (const void *)jit_st_slow;
    } else {
        fn = (const void *)jit_ld_slow;
    }
    x86_mov_ri32(A, argr[n++], s->mo);
    x86_mov_ri32(A, argr[n++], s->mmu);
    x86_movi(A, argr[n], s->pc);
    x86_call(A, fn, XB_T0);
    if (!store && !v128) {
        x86_mov_rr(A, s->type == IR_I32 ? X86_S32 : X86_S64, (X86Reg)s->val, X86_RAX);
    }
    for (int r = 0; r < 16; r++) {
        if (s->save & (1u << r)) {
            x86_load(A, X86_S64, (X86Reg)r, x86_mem(X86_RSP, XB_SAVE_OFF + 8 * r));
        }
    }
    x86_jmp_abs(A, x86_rx(A, s->back));
}

void xb_emit_slow_paths(Xb *x)
{
    for (unsigned i = 0; i < x->nslow && !x->a.overflow; i++) {
        emit_one_slow(x, &x->slow[i]);
    }
}
