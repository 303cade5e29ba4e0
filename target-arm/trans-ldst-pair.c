/* A64 translators: load/store pair of general registers (Arm ARM C6.2
 * LDP, STP, LDPSW, LDNP, STNP). idx (bits 24:23): 0 = non-temporal offset,
 * 1 = post-index, 2 = signed offset, 3 = pre-index; imm is the byte offset
 * (imm7 already scaled by the element size in the decoder). The
 * non-temporal hint changes nothing architecturally. */
#include "target-arm/helper-ldst.h"

/* Both elements are accessed before any register is written, so a fault on
 * the second leaves every register unchanged. Rt2 is written before Rt,
 * so LDP with Rt == Rt2 (CONSTRAINED UNPREDICTABLE, LDPOVERLAP) leaves the
 * first element, and the write-back comes last, so a load with Rn == Rt
 * or Rt2 (WBOVERLAPLD) leaves the address, while a store with that
 * overlap (WBOVERLAPST) stores the original registers: QEMU's choices. */
static void do_pair(DisasContext *s, bool load, unsigned size, bool sign, unsigned idx,
                    unsigned rt, unsigned rt2, unsigned rn, int64_t imm)
{
    IrTemp base = ldst_base(s, rn);
    bool post = idx == 1, wback = idx == 1 || idx == 3;
    IrTemp addr = post ? base : ldst_addr_imm(s, base, imm);
    IrTemp addr2 = ldst_addr_imm(s, addr, 1 << size);
    JitMemOp mo = size | (sign ? JIT_MO_SIGN : 0);

    if (load) {
        IrTemp v1 = new_tmp(s), v2 = new_tmp(s);
        gen_load(s, v1, addr, mo, s->mmu_idx);
        gen_load(s, v2, addr2, mo, s->mmu_idx);
        /* LDP of W registers zero-extends; LDPSW sign-extends to 64 */
        write_x(s, rt2, v2, true);
        write_x(s, rt, v1, true);
    } else {
        IrTemp v1 = read_x(s, rt), v2 = read_x(s, rt2);
        gen_store(s, v1, addr, mo, s->mmu_idx);
        gen_store(s, v2, addr2, mo, s->mmu_idx);
    }
    if (wback) {
        write_x_sp(s, rn, post ? ldst_addr_imm(s, base, imm) : addr, true);
    }
}

bool trans_STNP(DisasContext *s, arg_ldst_pair *a)
{
    do_pair(s, false, 2 + a->sf, false, a->idx, a->rt, a->rt2, a->rn, a->imm);
    return true;
}

bool trans_LDNP(DisasContext *s, arg_ldst_pair *a)
{
    do_pair(s, true, 2 + a->sf, false, a->idx, a->rt, a->rt2, a->rn, a->imm);
    return true;
}

bool trans_STP(DisasContext *s, arg_ldst_pair *a)
{
    do_pair(s, false, 2 + a->sf, false, a->idx, a->rt, a->rt2, a->rn, a->imm);
    return true;
}

bool trans_LDP(DisasContext *s, arg_ldst_pair *a)
{
    do_pair(s, true, 2 + a->sf, false, a->idx, a->rt, a->rt2, a->rn, a->imm);
    return true;
}

bool trans_LDPSW(DisasContext *s, arg_ldpsw *a)
{
    do_pair(s, true, 2, true, a->idx, a->rt, a->rt2, a->rn, a->imm);
    return true;
}
