/* The native backend's register allocator: a TCG-style local allocator
 * run in op order over the whole block (docs/jit-backend.md "Allocator").
 *
 * Every temp and global has a location state (XbTemp): a host register, a
 * known constant (temps only, so ops can use immediates), and/or its memory
 * home (env field for a global, 16-byte frame slot for a temp). Globals are
 * loaded on first use and stay in host registers across guest
 * instructions; they are written back only at exits, at helpers that
 * observe or change the state, on slow paths (from a recorded list, without
 * changing the fast path's state) and at control-flow boundaries. Temps die
 * when IrOp.dead says so. When no register is free the cheapest victim is
 * evicted (a clean or constant value costs nothing, others are stored).
 *
 * Control flow is forward only. At a branch, and on the fallthrough into a
 * label, dirty globals and the temps that live across boundaries
 * ("crossing" temps, found by a pre-scan) are written to memory; at the
 * label every value is then in memory only, so all paths agree. The
 * fallthrough side of a branch keeps its registers (they are clean copies).
 * Crossing temps own a fixed slot for the whole block; the interpreter
 * zeroes temps at entry, so a crossing temp that some path may read before
 * writing has its slot zeroed on entry too. */
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "jit/x86-backend.h"

static const X86Reg order_temp[] = {
    X86_RAX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_R8, X86_R9,
    X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
};
/* Globals prefer callee-saved registers: they then survive helper calls
 * and slow paths without being moved. */
static const X86Reg order_global[] = {
    X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_RAX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_R8, X86_R9,
};
#define NB_ALLOC 12

unsigned xb_temp_bytes(const Xb *x, IrTemp t)
{
    IrType ty = ir_temp_type(x->b, t);
    return ty == IR_I32 ? 4 : ty == IR_I64 ? 8 : 16;
}

static bool is_global(const Xb *x, IrTemp t)
{
    return t < x->ng;
}

static int slot_alloc(Xb *x)
{
    for (int i = 0; i < XB_NB_SLOTS; i++) {
        if (!(x->slot_used[i / 64] >> (i % 64) & 1)) {
            x->slot_used[i / 64] |= 1ull << (i % 64);
            return i;
        }
    }
    x->fail = true;     /* too many values at once: the interpreter runs it */
    return 0;
}

static void slot_free(Xb *x, int s)
{
    x->slot_used[s / 64] &= ~(1ull << (s % 64));
}

static bool op_writes(const IrOp *op, IrTemp t, bool *reads)
{
    bool w = false;
    *reads = false;
    for (unsigned a = 0; a < op->nout; a++) {
        w |= op->args[a] == t;
    }
    for (unsigned a = op->nout; a < op->nout + op->nin; a++) {
        *reads |= op->args[a] == t;
    }
    return w;
}

void xb_ra_init(Xb *x)
{
    const IrBlock *b = x->b;
    int32_t *first = malloc(x->nt * sizeof(int32_t));
    int32_t *last = malloc(x->nt * sizeof(int32_t));
    unsigned *nbound = malloc((b->nb_ops + 1) * sizeof(unsigned));

    x->t = calloc(x->nt, sizeof(XbTemp));
    if (!first || !last || !nbound || !x->t) {
        fatal("out of memory");
    }
    memset(x->slot_used, 0, sizeof x->slot_used);
    for (int r = 0; r < 16; r++) {
        x->owner[r] = -1;
    }
    x->pinned = 0;
    for (unsigned t = 0; t < x->nt; t++) {
        first[t] = last[t] = -1;
        x->t[t].reg = -1;
        x->t[t].slot = -1;
        x->t[t].mem_valid = t < x->ng;
    }
    nbound[0] = 0;
    for (unsigned i = 0; i < b->nb_ops; i++) {
        const IrOp *op = &b->ops[i];
        bool boundary = op->opc == IR_OP_set_label || op->opc == IR_OP_br ||
                        op->opc == IR_OP_brcond;
        for (unsigned a = 0; a < (unsigned)op->nout + op->nin; a++) {
            IrTemp t = (IrTemp)op->args[a];
            if (t >= x->ng && t < x->nt) {
                if (first[t] < 0) {
                    first[t] = (int32_t)i;
                }
                last[t] = (int32_t)i;
            }
        }
        nbound[i + 1] = nbound[i] + boundary;
    }
    for (unsigned t = x->ng; t < x->nt; t++) {
        XbTemp *xt = &x->t[t];
        bool v128 = ir_temp_type(b, t) == IR_V128;
        bool reads;
        if (first[t] < 0) {
            continue;
        }
        xt->crossing = nbound[last[t]] - nbound[first[t]] > 0;
        if (xt->crossing || v128) {
            bool writes = op_writes(&b->ops[first[t]], t, &reads);
            xt->zero_init = xt->crossing && !(writes && !reads && nbound[first[t]] == 0);
            xt->crossing = true;     /* v128 temps live in their slot */
            xt->slot = (int16_t)slot_alloc(x);
            xt->mem_valid = true;
        }
    }
    memcpy(x->fixed_slots, x->slot_used, sizeof x->fixed_slots);
    free(first);
    free(last);
    free(nbound);
}

X86Mem xb_home(Xb *x, IrTemp t)
{
    XbTemp *xt = &x->t[t];

    if (is_global(x, t)) {
        return x86_mem(XB_ENV, (int32_t)x->b->ctx->globals[t].offset);
    }
    if (xt->slot < 0) {
        xt->slot = (int16_t)slot_alloc(x);
    }
    return x86_mem(X86_RSP, XB_SLOT_OFF + 16 * xt->slot);
}

static void store_value(Xb *x, X86Mem m, IrTemp t)
{
    XbTemp *xt = &x->t[t];
    X86Size sz = xb_temp_bytes(x, t) == 4 ? X86_S32 : X86_S64;

    if (xt->reg >= 0) {
        x86_store(&x->a, sz, m, (X86Reg)xt->reg);
    } else if (xt->is_const && (sz == X86_S32 || xb_fits_s32(xt->val, IR_I64))) {
        x86_store_imm(&x->a, sz, m, (int32_t)xt->val);
    } else if (xt->is_const) {
        x86_movi(&x->a, XB_T1, xt->val);
        x86_store(&x->a, sz, m, XB_T1);
    }
}

void xb_store_home(Xb *x, IrTemp t)
{
    XbTemp *xt = &x->t[t];

    if (xt->mem_valid || (xt->reg < 0 && !xt->is_const)) {
        return;
    }
    store_value(x, xb_home(x, t), t);
    xt->mem_valid = true;
}

void xb_load_value(Xb *x, X86Reg r, IrTemp t)
{
    XbTemp *xt = &x->t[t];

    if (xt->reg >= 0) {
        if (xt->reg != r) {
            x86_mov_rr(&x->a, X86_S64, r, (X86Reg)xt->reg);
        }
    } else if (xt->is_const) {
        x86_movi(&x->a, r, xt->val);
    } else if (xt->mem_valid) {
        x86_load(&x->a, xb_temp_bytes(x, t) == 4 ? X86_S32 : X86_S64, r, xb_home(x, t));
    } else {
        x86_mov_ri32(&x->a, r, 0);   /* never written: the interpreter's zero */
    }
}

/* Drop t's register; its value must be elsewhere (or not needed). */
static void unbind(Xb *x, IrTemp t)
{
    XbTemp *xt = &x->t[t];
    if (xt->reg >= 0) {
        x->owner[xt->reg] = -1;
        xt->reg = -1;
    }
}

static void spill(Xb *x, X86Reg r)
{
    int32_t t = x->owner[r];
    if (t < 0) {
        return;
    }
    xb_store_home(x, (IrTemp)t);
    unbind(x, (IrTemp)t);
}

static X86Reg pick(Xb *x, const X86Reg *order, uint16_t avoid)
{
    int best = -1, best_cost = 3;

    avoid |= x->pinned;
    for (int i = 0; i < NB_ALLOC; i++) {
        X86Reg r = order[i];
        if (!(avoid & (1u << r)) && x->owner[r] < 0) {
            x->pinned |= (uint16_t)(1u << r);
            return r;
        }
    }
    for (int i = 0; i < NB_ALLOC; i++) {
        X86Reg r = order[i];
        const XbTemp *xt;
        int cost;
        if (avoid & (1u << r)) {
            continue;
        }
        xt = &x->t[x->owner[r]];
        cost = (xt->mem_valid || xt->is_const) ? 0 : 1;
        if (cost < best_cost) {
            best = r;
            best_cost = cost;
        }
    }
    if (best < 0) {
        x->fail = true;   /* every register pinned by one op: cannot happen */
        return X86_RAX;
    }
    spill(x, (X86Reg)best);
    x->pinned |= (uint16_t)(1u << best);
    return (X86Reg)best;
}

X86Reg xb_alloc(Xb *x, uint16_t avoid)
{
    return pick(x, order_temp, avoid);
}

X86Reg xb_in(Xb *x, IrTemp t)
{
    XbTemp *xt = &x->t[t];
    X86Reg r;

    if (xt->reg >= 0) {
        x->pinned |= (uint16_t)(1u << xt->reg);
        return (X86Reg)xt->reg;
    }
    if (!is_global(x, t) && !xt->is_const && !xt->mem_valid) {
        xt->is_const = true;      /* read before any write: zero */
        xt->val = 0;
    }
    r = pick(x, is_global(x, t) ? order_global : order_temp, 0);
    xb_load_value(x, r, t);
    xt->reg = (int8_t)r;
    x->owner[r] = (int32_t)t;
    return r;
}

void xb_evict(Xb *x, X86Reg r)
{
    int32_t t = x->owner[r];

    x->pinned |= (uint16_t)(1u << r);
    if (t < 0) {
        return;
    }
    for (int i = 0; i < NB_ALLOC; i++) {
        X86Reg n = order_temp[i];
        if (x->owner[n] < 0 && !(x->pinned & (1u << n))) {
            x86_mov_rr(&x->a, X86_S64, n, r);
            x->owner[n] = t;
            x->owner[r] = -1;
            x->t[t].reg = (int8_t)n;
            return;
        }
    }
    spill(x, r);
}

X86Reg xb_out_reg(Xb *x, const IrOp *op, unsigned in_idx, X86Reg in_reg)
{
    unsigned ai = op->nout + in_idx;
    IrTemp ti = (IrTemp)op->args[ai];

    if (x->t[ti].reg == (int8_t)in_reg &&
        (ti == op->args[0] || (!is_global(x, ti) && (op->dead >> ai & 1)))) {
        /* the input dies here (or is the output itself): compute in place,
         * unless another output of this op is that same temp */
        bool other_out = false;
        for (unsigned o = 1; o < op->nout; o++) {
            other_out |= op->args[o] == ti;
        }
        if (!other_out) {
            return in_reg;
        }
    }
    return xb_alloc(x, 0);
}

X86Reg xb_out_reuse(Xb *x, const IrOp *op, unsigned in_idx, X86Reg in_reg)
{
    X86Reg r = xb_out_reg(x, op, in_idx, in_reg);

    if (r != in_reg) {
        x86_mov_rr(&x->a, X86_S64, r, in_reg);
    }
    return r;
}

void xb_set_out(Xb *x, IrTemp t, X86Reg r)
{
    XbTemp *xt = &x->t[t];
    int32_t prev = x->owner[r];

    if (prev >= 0 && (IrTemp)prev != t) {
        /* a dying input whose register the result reuses */
        x->t[prev].reg = -1;
    }
    unbind(x, t);
    xt->reg = (int8_t)r;
    xt->is_const = false;
    xt->mem_valid = false;
    x->owner[r] = (int32_t)t;
    x->pinned |= (uint16_t)(1u << r);
}

void xb_set_const(Xb *x, IrTemp t, uint64_t v)
{
    XbTemp *xt = &x->t[t];

    unbind(x, t);
    xt->is_const = true;
    xt->val = v;
    xt->mem_valid = false;
}

static void release(Xb *x, IrTemp t)
{
    XbTemp *xt = &x->t[t];

    if (is_global(x, t)) {
        return;     /* globals stay cached; dirty ones are written back */
    }
    unbind(x, t);
    xt->is_const = false;
    xt->mem_valid = false;
    if (!xt->crossing && xt->slot >= 0) {
        slot_free(x, xt->slot);
        xt->slot = -1;
    }
}

void xb_op_done(Xb *x, const IrOp *op)
{
    unsigned nio = (unsigned)op->nout + op->nin;

    for (unsigned a = op->nout; a < nio; a++) {
        IrTemp t = (IrTemp)op->args[a];
        bool is_out = false;
        for (unsigned o = 0; o < op->nout; o++) {
            is_out |= op->args[o] == t;
        }
        if ((op->dead >> a & 1) && !is_out) {
            release(x, t);
        }
    }
    for (unsigned o = 0; o < op->nout; o++) {
        if (op->dead >> o & 1) {
            release(x, (IrTemp)op->args[o]);
        }
    }
    x->pinned = 0;
}

void xb_sync_globals(Xb *x)
{
    for (unsigned g = 0; g < x->ng; g++) {
        xb_store_home(x, g);
    }
}

void xb_boundary(Xb *x)
{
    xb_sync_globals(x);
    for (unsigned t = x->ng; t < x->nt; t++) {
        if (x->t[t].crossing) {
            xb_store_home(x, t);
        }
    }
}

void xb_reset_at_label(Xb *x)
{
    for (int r = 0; r < 16; r++) {
        x->owner[r] = -1;
    }
    for (unsigned t = 0; t < x->nt; t++) {
        XbTemp *xt = &x->t[t];
        xt->reg = -1;
        xt->is_const = false;
        xt->mem_valid = is_global(x, t) || xt->crossing;
        if (!is_global(x, t) && !xt->crossing) {
            xt->slot = -1;
        }
    }
    memcpy(x->slot_used, x->fixed_slots, sizeof x->slot_used);
    x->pinned = 0;
}

void xb_before_call(Xb *x, bool drop_globals)
{
    for (int r = 0; r < 16; r++) {
        int32_t t = x->owner[r];
        if (t < 0) {
            continue;
        }
        if (drop_globals && is_global(x, (IrTemp)t)) {
            spill(x, (X86Reg)r);
            continue;
        }
        if (!(XB_CALLER_SAVED & (1u << r))) {
            continue;
        }
        for (int i = 0; i < NB_ALLOC; i++) {
            X86Reg n = order_global[i];
            if ((XB_CALLEE_SAVED & (1u << n)) && x->owner[n] < 0) {
                x86_mov_rr(&x->a, X86_S64, n, (X86Reg)r);
                x->owner[n] = t;
                x->owner[r] = -1;
                x->t[t].reg = (int8_t)n;
                break;
            }
        }
        if (x->owner[r] >= 0) {
            spill(x, (X86Reg)r);
        }
    }
}

void xb_record_dirty(Xb *x, unsigned *first, unsigned *count)
{
    *first = x->nwb;
    for (unsigned g = 0; g < x->ng; g++) {
        const XbTemp *xt = &x->t[g];
        if (xt->reg < 0 || xt->mem_valid) {
            continue;
        }
        if (x->nwb == x->cap_wb) {
            x->cap_wb = x->cap_wb ? 2 * x->cap_wb : 64;
            x->wb = realloc(x->wb, x->cap_wb * sizeof(XbWb));
            if (!x->wb) {
                fatal("out of memory");
            }
        }
        x->wb[x->nwb++] = (XbWb){ xt->reg, (uint8_t)xb_temp_bytes(x, g),
                                  x->b->ctx->globals[g].offset };
    }
    *count = x->nwb - *first;
}
