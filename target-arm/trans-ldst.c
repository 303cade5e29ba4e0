/* A64 translators: loads and stores of one general register (Arm ARM
 * C4.1.4 "Loads and Stores": literal, unscaled / pre- / post-index /
 * unprivileged 9-bit immediate, unsigned 12-bit offset, register offset)
 * and the prefetches, which are hints (no-ops here).
 * Pairs are in trans-ldst-pair.c, exclusives and ordered accesses in
 * trans-ldst-excl.c, the LSE atomics in trans-atomic.c. */
#include "target-arm/helper-ldst.h"

#include "target-arm/exception.h"
#include "target-arm/helpers.h"

/* ---- shared address and access generation (helper-ldst.h) ---- */

/* D1.8.2 "SP alignment checking": with SCTLR_EL1.SA (SA0 at EL0) set, a
 * load or store using SP as the base faults with EC 0x26 (ISS 0, FAR not
 * written) unless SP is 16-byte aligned; the check uses the base before
 * any offset. Blocks compiled without the flag emit nothing. */
void ldst_check_sp_align(DisasContext *s, IrTemp base)
{
    IrLabel ok;

    if (!(s->tb_flags & ARM_TBFLAG_SA)) {
        return;
    }
    ok = ir_label_new(s->b);
    ir_brcond(s->b, IR_I64, IR_COND_TSTEQ, base, tmp_const(s, 15), ok);
    gen_helper(s, &helper_raise_exception, IR_NO_TEMP, 2, tmp_const(s, ESR(EC_SP_ALIGN, 0)),
               tmp_const(s, s->pc));
    ir_set_label(s->b, ok);
}

IrTemp ldst_base(DisasContext *s, unsigned rn)
{
    IrTemp base = read_x_sp(s, rn);

    if (rn == 31) {
        ldst_check_sp_align(s, base);
    }
    return base;
}

IrTemp ldst_addr_imm(DisasContext *s, IrTemp base, int64_t imm)
{
    IrTemp addr;

    if (imm == 0) {
        return base;
    }
    addr = new_tmp(s);
    ir_add(s->b, IR_I64, addr, base, tmp_const(s, (uint64_t)imm));
    return addr;
}

void ldst_load_reg(DisasContext *s, unsigned rt, IrTemp addr, unsigned size, bool sign,
                   bool to_w, JitMemOp extra, int mmu_idx)
{
    IrTemp v = new_tmp(s);

    gen_load(s, v, addr, size | (sign ? JIT_MO_SIGN : 0) | extra, mmu_idx);
    /* a zero-extending load already fills the register; a sign-extended
     * value destined for Wt is cut to 32 bits (C1.2.5: W writes zero the
     * upper half) */
    write_x(s, rt, v, !(sign && to_w));
}

void ldst_store_reg(DisasContext *s, unsigned rt, IrTemp addr, unsigned size, JitMemOp extra,
                    int mmu_idx)
{
    gen_store(s, read_x(s, rt), addr, size | extra, mmu_idx);
}

/* One single-register access. The value of Rt for a store is read before
 * any write-back, and a load writes Rt before the write-back, so with
 * Rn == Rt (CONSTRAINED UNPREDICTABLE, C6.2 "LDR (immediate)": the
 * WBOVERLAPLD / WBOVERLAPST cases) a store stores the original Rt and a
 * load leaves the written-back address in the register: QEMU's choice,
 * which keeps the differential tests against Unicorn meaningful. */
typedef struct LdstReg {
    bool load, sign, to_w;
    unsigned size, rt, rn;
    int mmu_idx;
} LdstReg;

static void do_ldst_reg(DisasContext *s, const LdstReg *l, IrTemp addr)
{
    if (l->load) {
        ldst_load_reg(s, l->rt, addr, l->size, l->sign, l->to_w, 0, l->mmu_idx);
    } else {
        ldst_store_reg(s, l->rt, addr, l->size, 0, l->mmu_idx);
    }
}

/* Immediate forms: idx 0 = offset, 1 = post-index, 3 = pre-index (the
 * encoding's bits 11:10 of the 9-bit forms; the unsigned-offset form uses 0). */
static void do_ldst_imm(DisasContext *s, const LdstReg *l, int64_t imm, unsigned idx)
{
    IrTemp base = ldst_base(s, l->rn);
    bool post = idx == 1, wback = idx == 1 || idx == 3;
    IrTemp addr = post ? base : ldst_addr_imm(s, base, imm);

    do_ldst_reg(s, l, addr);
    if (wback) {
        write_x_sp(s, l->rn, post ? ldst_addr_imm(s, base, imm) : addr, true);
    }
}

/* ---- literal (C6.2 LDR (literal), LDRSW (literal), PRFM (literal)) ---- */

bool trans_LDR_lit(DisasContext *s, arg_ldr_lit *a)
{
    IrTemp addr = tmp_const(s, s->pc + (uint64_t)a->imm);

    ldst_load_reg(s, a->rt, addr, a->sf ? JIT_MO_64 : JIT_MO_32, false, false, 0, s->mmu_idx);
    return true;
}

bool trans_LDRSW_lit(DisasContext *s, arg_ldr_lit_nosf *a)
{
    IrTemp addr = tmp_const(s, s->pc + (uint64_t)a->imm);

    ldst_load_reg(s, a->rt, addr, JIT_MO_32, true, false, 0, s->mmu_idx);
    return true;
}

/* Prefetches are hints with no architectural effect (C6.2 PRFM): they never
 * fault, so nothing is emitted at all. */
bool trans_PRFM_lit(DisasContext *s, arg_ldr_lit_nosf *a)
{
    (void)s;
    (void)a;
    return true;
}

/* ---- 9-bit signed immediate: unscaled, indexed, unprivileged ---- */

bool trans_STUR(DisasContext *s, arg_ldst_imm9 *a)
{
    LdstReg l = { .size = a->size, .rt = a->rt, .rn = a->rn, .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, a->imm, 0);
    return true;
}

bool trans_LDUR(DisasContext *s, arg_ldst_imm9 *a)
{
    LdstReg l = { .load = true, .size = a->size, .rt = a->rt, .rn = a->rn,
                  .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, a->imm, 0);
    return true;
}

bool trans_PRFUM(DisasContext *s, arg_prfm_imm9 *a)
{
    (void)s;
    (void)a;
    return true;
}

bool trans_LDURS(DisasContext *s, arg_ldsx_imm9 *a)
{
    LdstReg l = { .load = true, .sign = true, .to_w = a->w32, .size = a->size, .rt = a->rt,
                  .rn = a->rn, .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, a->imm, 0);
    return true;
}

bool trans_STR_i(DisasContext *s, arg_ldst_idx *a)
{
    LdstReg l = { .size = a->size, .rt = a->rt, .rn = a->rn, .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, a->imm, a->idx);
    return true;
}

bool trans_LDR_i(DisasContext *s, arg_ldst_idx *a)
{
    LdstReg l = { .load = true, .size = a->size, .rt = a->rt, .rn = a->rn,
                  .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, a->imm, a->idx);
    return true;
}

bool trans_LDRS_i(DisasContext *s, arg_ldsx_idx *a)
{
    LdstReg l = { .load = true, .sign = true, .to_w = a->w32, .size = a->size, .rt = a->rt,
                  .rn = a->rn, .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, a->imm, a->idx);
    return true;
}

/* LDTR/STTR (C6.2 LDTR): at EL1 the access is checked as if from EL0
 * (s->unpriv_idx); at EL0 they are ordinary accesses. */
bool trans_STTR(DisasContext *s, arg_ldst_imm9 *a)
{
    LdstReg l = { .size = a->size, .rt = a->rt, .rn = a->rn, .mmu_idx = s->unpriv_idx };

    do_ldst_imm(s, &l, a->imm, 0);
    return true;
}

bool trans_LDTR(DisasContext *s, arg_ldst_imm9 *a)
{
    LdstReg l = { .load = true, .size = a->size, .rt = a->rt, .rn = a->rn,
                  .mmu_idx = s->unpriv_idx };

    do_ldst_imm(s, &l, a->imm, 0);
    return true;
}

bool trans_LDTRS(DisasContext *s, arg_ldsx_imm9 *a)
{
    LdstReg l = { .load = true, .sign = true, .to_w = a->w32, .size = a->size, .rt = a->rt,
                  .rn = a->rn, .mmu_idx = s->unpriv_idx };

    do_ldst_imm(s, &l, a->imm, 0);
    return true;
}

/* ---- unsigned 12-bit offset (imm already scaled by the size) ---- */

bool trans_STR_ui(DisasContext *s, arg_ldst_ui *a)
{
    LdstReg l = { .size = a->size, .rt = a->rt, .rn = a->rn, .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, (int64_t)a->imm, 0);
    return true;
}

bool trans_LDR_ui(DisasContext *s, arg_ldst_ui *a)
{
    LdstReg l = { .load = true, .size = a->size, .rt = a->rt, .rn = a->rn,
                  .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, (int64_t)a->imm, 0);
    return true;
}

bool trans_PRFM_ui(DisasContext *s, arg_prfm_ui *a)
{
    (void)s;
    (void)a;
    return true;
}

bool trans_LDRS_ui(DisasContext *s, arg_ldsx_ui *a)
{
    LdstReg l = { .load = true, .sign = true, .to_w = a->w32, .size = a->size, .rt = a->rt,
                  .rn = a->rn, .mmu_idx = s->mmu_idx };

    do_ldst_imm(s, &l, (int64_t)a->imm, 0);
    return true;
}

/* ---- register offset (C6.2 LDR (register)) ----
 * ldst_addr_reg_offset (helper-ldst.h, shared with the SIMD&FP forms):
 * address = Rn + (ExtendReg(Rm, option) << (S ? size : 0)); option is
 * 010 UXTW, 011 LSL (UXTX), 110 SXTW, 111 SXTX (option<1> = 0 is refused by
 * the decoder). Rm = 31 is XZR. */
IrTemp ldst_addr_reg_offset(DisasContext *s, unsigned rn, unsigned rm, unsigned option,
                            unsigned shift)
{
    IrTemp base = ldst_base(s, rn), off = read_x(s, rm), addr = new_tmp(s);

    if (!(option & 1)) {                       /* 32-bit index register */
        if (option & 4) {
            ir_ext32s(s->b, IR_I64, off, off);
        } else {
            ir_ext32u(s->b, IR_I64, off, off);
        }
    }
    if (shift) {
        ir_shl(s->b, IR_I64, off, off, tmp_const(s, shift));
    }
    ir_add(s->b, IR_I64, addr, base, off);
    return addr;
}

bool trans_STR_r(DisasContext *s, arg_ldst_r *a)
{
    LdstReg l = { .size = a->size, .rt = a->rt, .rn = a->rn, .mmu_idx = s->mmu_idx };

    do_ldst_reg(s, &l, ldst_addr_reg_offset(s, a->rn, a->rm, a->option, a->s ? a->size : 0));
    return true;
}

bool trans_LDR_r(DisasContext *s, arg_ldst_r *a)
{
    LdstReg l = { .load = true, .size = a->size, .rt = a->rt, .rn = a->rn,
                  .mmu_idx = s->mmu_idx };

    do_ldst_reg(s, &l, ldst_addr_reg_offset(s, a->rn, a->rm, a->option, a->s ? a->size : 0));
    return true;
}

bool trans_PRFM_r(DisasContext *s, arg_prfm_r *a)
{
    (void)s;
    (void)a;
    return true;
}

bool trans_LDRS_r(DisasContext *s, arg_ldsx_r *a)
{
    LdstReg l = { .load = true, .sign = true, .to_w = a->w32, .size = a->size, .rt = a->rt,
                  .rn = a->rn, .mmu_idx = s->mmu_idx };

    do_ldst_reg(s, &l, ldst_addr_reg_offset(s, a->rn, a->rm, a->option, a->s ? a->size : 0));
    return true;
}
