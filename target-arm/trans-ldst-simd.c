/* A64 translators: loads and stores of one or two SIMD&FP registers (Arm
 * ARM C6.3 LDR/STR (immediate, SIMD&FP), LDUR/STUR (SIMD&FP), LDR/STR
 * (register, SIMD&FP), LDR (literal, SIMD&FP), LDP/STP/LDNP/STNP
 * (SIMD&FP)). Addressing, write-back and the SP alignment check are the
 * general-register ones (helper-ldst.h); the structure loads and stores
 * are in trans-ldst-struct.c. Design notes: docs/fpsimd-ldst.md.
 *
 * Register sizes are log2 bytes: 0 B, 1 H, 2 S, 3 D, 4 Q. A load writes
 * the whole register, zeroing the bits above the loaded size (the V[]
 * setter, C1.2.5). */
#include "target-arm/helper-ldst.h"
#include "target-arm/translate-vfp.h"

/* A register-sized value in i64 temps: bits 63:0, and 127:64 for Q. */
typedef struct VecVal {
    IrTemp lo, hi;
} VecVal;

/* A 128-bit SIMD&FP access is a pair of single-copy atomic 64-bit accesses
 * (B2.2.1 "Requirements for single-copy atomicity": "Reads to SIMD and
 * floating-point registers of a 128-bit value that is 64-bit aligned in
 * memory are treated as a pair of single-copy atomic 64-bit reads", and
 * likewise writes), so it is emitted as two 64-bit accesses, which keep
 * the inline TLB fast path. The alignment check is still on the whole
 * 16 bytes (Mem[] calls AArch64.CheckAlignment(address, 16, ...)), so when
 * the block checks alignment the first half requires 16-byte alignment. */
static JitMemOp q_low_mo(DisasContext *s)
{
    return JIT_MO_64 | (s->tb_flags & ARM_TBFLAG_ALIGN ? JIT_MO_ALIGN_BYTES(4) : 0);
}

static VecVal vldst_load(DisasContext *s, IrTemp addr, unsigned size)
{
    VecVal v = { new_tmp(s), IR_NO_TEMP };

    if (size < 4) {
        gen_load(s, v.lo, addr, size, s->mmu_idx);
        return v;
    }
    v.hi = new_tmp(s);
    gen_load(s, v.lo, addr, q_low_mo(s), s->mmu_idx);
    gen_load(s, v.hi, ldst_addr_imm(s, addr, 8), JIT_MO_64, s->mmu_idx);
    return v;
}

static void vldst_set_reg(DisasContext *s, unsigned rt, unsigned size, VecVal v)
{
    write_vreg64(s, rt, 0, v.lo);
    write_vreg64(s, rt, 1, size == 4 ? v.hi : tmp_const(s, 0));
}

/* A store of a 128-bit register whose second half faults has stored the
 * first: the two halves are separate accesses (B2.2.1, above), and a
 * store that is not single-copy atomic as a whole may leave part of its
 * locations written when it aborts (the abort restores the registers,
 * not memory). */
static void vldst_store(DisasContext *s, unsigned rt, IrTemp addr, unsigned size)
{
    IrTemp lo = read_vreg64(s, rt, 0);

    if (size < 4) {
        gen_store(s, lo, addr, size, s->mmu_idx);
        return;
    }
    IrTemp hi = read_vreg64(s, rt, 1);
    gen_store(s, lo, addr, q_low_mo(s), s->mmu_idx);
    gen_store(s, hi, ldst_addr_imm(s, addr, 8), JIT_MO_64, s->mmu_idx);
}

/* The register size of the single-register forms: opc<1> (q) selects Q
 * when size = 00 (the decoder refuses q with other sizes). */
static unsigned reg_size(unsigned size, unsigned q)
{
    return q ? 4 : size;
}

/* One register, or a pair when rt2 >= 0 (its second register at
 * addr + the register size), at Rn + imm. idx: 0 or 2 = offset, 1 =
 * post-index, 3 = pre-index (bits 11:10 of the 9-bit forms, bits 24:23 of
 * the pairs). A pair's registers are both loaded before either is
 * written, so a fault on the second element changes nothing; the
 * write-back comes after the accesses, so a faulting one leaves Rn. LDP
 * with Rt == Rt2 is CONSTRAINED UNPREDICTABLE (C6.3 LDP (SIMD&FP): the
 * register gets an UNKNOWN value); Rt2 is written last, so it holds the
 * second element, which is QEMU's choice for SIMD&FP pairs (its
 * general-register LDP keeps the first) and keeps the differential tests
 * against Unicorn meaningful. */
static bool do_vldst_imm(DisasContext *s, bool load, unsigned size, unsigned rt, int rt2,
                         unsigned rn, int64_t imm, unsigned idx)
{
    bool post = idx == 1;
    IrTemp base, addr, addr2;

    if (!fp_access_check(s)) {
        return true;
    }
    base = ldst_base(s, rn);
    addr = post ? base : ldst_addr_imm(s, base, imm);
    addr2 = ldst_addr_imm(s, addr, 1 << size);
    if (load) {
        VecVal v1 = vldst_load(s, addr, size);
        VecVal v2 = rt2 >= 0 ? vldst_load(s, addr2, size) : v1;
        vldst_set_reg(s, rt, size, v1);
        if (rt2 >= 0) {
            vldst_set_reg(s, (unsigned)rt2, size, v2);
        }
    } else {
        vldst_store(s, rt, addr, size);
        if (rt2 >= 0) {
            vldst_store(s, (unsigned)rt2, addr2, size);
        }
    }
    if (idx & 1) {
        write_x_sp(s, rn, post ? ldst_addr_imm(s, base, imm) : addr, true);
    }
    return true;
}

/* ---- literal ---- */

bool trans_LDR_v_lit(DisasContext *s, arg_vldr_lit *a)
{
    unsigned size = 2 + a->opc;

    if (fp_access_check(s)) {
        IrTemp addr = tmp_const(s, s->pc + (uint64_t)a->imm);
        vldst_set_reg(s, a->rt, size, vldst_load(s, addr, size));
    }
    return true;
}

/* ---- pairs: opc 0 = S, 1 = D, 2 = Q; imm7 scaled by the size ---- */

static bool do_vpair(DisasContext *s, const arg_vldst_pair *a, bool load)
{
    unsigned size = 2 + a->opc;

    return do_vldst_imm(s, load, size, a->rt, (int)a->rt2, a->rn, a->imm * (1 << size), a->idx);
}

/* ---- single registers ---- */

static bool do_imm9(DisasContext *s, const arg_vldst_imm9 *a, bool load)
{
    return do_vldst_imm(s, load, reg_size(a->size, a->q), a->rt, -1, a->rn, a->imm, 0);
}

static bool do_idx(DisasContext *s, const arg_vldst_idx *a, bool load)
{
    return do_vldst_imm(s, load, reg_size(a->size, a->q), a->rt, -1, a->rn, a->imm, a->idx);
}

/* unsigned 12-bit offset, scaled by the register size */
static bool do_ui(DisasContext *s, const arg_vldst_ui *a, bool load)
{
    unsigned size = reg_size(a->size, a->q);

    return do_vldst_imm(s, load, size, a->rt, -1, a->rn, (int64_t)a->imm12 << size, 0);
}

/* register offset: Rn + (ExtendReg(Rm, option) << (S ? size : 0)) */
static bool do_vldst_r(DisasContext *s, const arg_vldst_r *a, bool load)
{
    unsigned size = reg_size(a->size, a->q);
    IrTemp addr;

    if (!fp_access_check(s)) {
        return true;
    }
    addr = ldst_addr_reg_offset(s, a->rn, a->rm, a->option, a->s ? size : 0);
    if (load) {
        vldst_set_reg(s, a->rt, size, vldst_load(s, addr, size));
    } else {
        vldst_store(s, a->rt, addr, size);
    }
    return true;
}

#define TRANS_VLDST(name, argt, fn, load) \
    bool trans_##name(DisasContext *s, argt *a) { return fn(s, a, load); }

/* The non-temporal hint of LDNP/STNP changes nothing architecturally. */
TRANS_VLDST(STNP_v, arg_vldst_pair, do_vpair, false)
TRANS_VLDST(LDNP_v, arg_vldst_pair, do_vpair, true)
TRANS_VLDST(STP_v, arg_vldst_pair, do_vpair, false)
TRANS_VLDST(LDP_v, arg_vldst_pair, do_vpair, true)
TRANS_VLDST(STUR_v, arg_vldst_imm9, do_imm9, false)
TRANS_VLDST(LDUR_v, arg_vldst_imm9, do_imm9, true)
TRANS_VLDST(STR_v_i, arg_vldst_idx, do_idx, false)
TRANS_VLDST(LDR_v_i, arg_vldst_idx, do_idx, true)
TRANS_VLDST(STR_v_ui, arg_vldst_ui, do_ui, false)
TRANS_VLDST(LDR_v_ui, arg_vldst_ui, do_ui, true)
TRANS_VLDST(STR_v_r, arg_vldst_r, do_vldst_r, false)
TRANS_VLDST(LDR_v_r, arg_vldst_r, do_vldst_r, true)
