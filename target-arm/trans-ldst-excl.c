/* A64 translators: load/store exclusive and the ordered accesses (Arm ARM
 * C6.2 LDXR, STXR, LDXP, STXP, LDAXR, STLXR, LDAXP, STLXP, LDAR, STLR).
 * The monitor bookkeeping is in helper-ldst.c (design in helper-ldst.h);
 * the IR here computes the address, passes the data and places the
 * acquire/release barriers (helper-ldst.h, B2.3.7). */
#include "target-arm/helper-ldst.h"

#include <stddef.h>

/* ---- load-exclusive ---- */

/* size: log2 of the whole access (pair of W = 3, pair of X = 4). Rt2 is
 * written after Rt, so LDXP with Rt == Rt2 (CONSTRAINED UNPREDICTABLE,
 * C6.2 LDXP: "the value loaded is UNKNOWN") keeps the high element, as
 * QEMU does. */
static void do_load_excl(DisasContext *s, unsigned size, unsigned rt, unsigned rt2, bool pair,
                         bool acquire, unsigned rn)
{
    IrTemp addr = ldst_base(s, rn);
    IrTemp lo = new_tmp(s);

    gen_helper(s, &helper_load_exclusive, lo, 2, addr,
               tmp_const(s, LDST_EXCL_DESC(size, s->mmu_idx)));
    if (!pair) {
        write_x(s, rt, lo, true);
    } else if (size == 3) {
        /* LDXP Wt, Wt2: one 64-bit single-copy-atomic access, Rt from the
         * lower address (little-endian) */
        IrTemp hi = new_tmp(s);
        ir_shr(s->b, IR_I64, hi, lo, tmp_const(s, 32));
        write_x(s, rt, lo, false);
        write_x(s, rt2, hi, false);
    } else {
        IrTemp hi = new_tmp(s);
        ir_ld_env(s->b, IR_I64, hi, offsetof(ArmCpu, excl_val2), JIT_MO_64);
        write_x(s, rt, lo, true);
        write_x(s, rt2, hi, true);
    }
    if (acquire) {
        ir_mb(s->b, LDST_MB_ACQUIRE);
    }
}

bool trans_LDXR(DisasContext *s, arg_ldxr *a)
{
    do_load_excl(s, a->size, a->rt, 0, false, false, a->rn);
    return true;
}

bool trans_LDAXR(DisasContext *s, arg_ldxr *a)
{
    do_load_excl(s, a->size, a->rt, 0, false, true, a->rn);
    return true;
}

bool trans_LDXP(DisasContext *s, arg_ldxp *a)
{
    do_load_excl(s, 3 + a->sz, a->rt, a->rt2, true, false, a->rn);
    return true;
}

bool trans_LDAXP(DisasContext *s, arg_ldxp *a)
{
    do_load_excl(s, 3 + a->sz, a->rt, a->rt2, true, true, a->rn);
    return true;
}

/* ---- store-exclusive ----
 * Every operand is read before Ws is written, so the CONSTRAINED
 * UNPREDICTABLE overlaps Rs == Rt / Rt2 / Rn store the original values. */
static void do_store_excl(DisasContext *s, unsigned size, unsigned rs, unsigned rt,
                          unsigned rt2, bool pair, bool release, unsigned rn)
{
    IrTemp addr = ldst_base(s, rn);
    IrTemp lo = read_x(s, rt), hi = tmp_const(s, 0), status = new_tmp(s);

    if (pair && size == 3) {
        /* STXP Wt, Wt2: Rt at the lower address of one 64-bit access */
        IrTemp t2 = read_x(s, rt2);
        ir_deposit(s->b, IR_I64, lo, lo, t2, 32, 32);
    } else if (pair) {
        hi = read_x(s, rt2);
    }
    if (release) {
        ir_mb(s->b, LDST_MB_RELEASE);
    }
    gen_helper(s, &helper_store_exclusive, status, 4, addr, lo, hi,
               tmp_const(s, LDST_EXCL_DESC(size, s->mmu_idx)));
    write_x(s, rs, status, false);
}

bool trans_STXR(DisasContext *s, arg_stxr *a)
{
    do_store_excl(s, a->size, a->rs, a->rt, 0, false, false, a->rn);
    return true;
}

bool trans_STLXR(DisasContext *s, arg_stxr *a)
{
    do_store_excl(s, a->size, a->rs, a->rt, 0, false, true, a->rn);
    return true;
}

bool trans_STXP(DisasContext *s, arg_stxp *a)
{
    do_store_excl(s, 3 + a->sz, a->rs, a->rt, a->rt2, true, false, a->rn);
    return true;
}

bool trans_STLXP(DisasContext *s, arg_stxp *a)
{
    do_store_excl(s, 3 + a->sz, a->rs, a->rt, a->rt2, true, true, a->rn);
    return true;
}

/* ---- load-acquire / store-release (no monitor) ----
 * B2.5.2: these always require natural alignment. */

bool trans_LDAR(DisasContext *s, arg_ldxr *a)
{
    IrTemp addr = ldst_base(s, a->rn);

    ldst_load_reg(s, a->rt, addr, a->size, false, false, JIT_MO_ALIGN, s->mmu_idx);
    ir_mb(s->b, LDST_MB_ACQUIRE);
    return true;
}

bool trans_STLR(DisasContext *s, arg_ldxr *a)
{
    IrTemp addr = ldst_base(s, a->rn);

    ir_mb(s->b, LDST_MB_RELEASE);
    ldst_store_reg(s, a->rt, addr, a->size, JIT_MO_ALIGN, s->mmu_idx);
    ir_mb(s->b, LDST_MB_RELEASE_AFTER);
    return true;
}
