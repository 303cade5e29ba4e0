/* A64 translators: Advanced SIMD structure loads and stores (Arm ARM C7.2
 * LD1..LD4 / ST1..ST4 (multiple structures), LD1..LD4 / ST1..ST4 (single
 * structure), LD1R..LD4R), with their post-index forms. Design notes:
 * docs/fpsimd-ldst.md.
 *
 * Every element is its own access of the element size, in the order of
 * the pseudocode, so alignment checks (to the element size, under
 * SCTLR.A or on Device memory), page crossings and MMIO see what the
 * architecture describes. Loads collect all elements in temps and write
 * the registers only after the last access, and the base write-back comes
 * last: a load that faults part-way leaves every register unchanged (the
 * destination registers may be left UNKNOWN, so unchanged is one of the
 * permitted outcomes; the base must not be written back). A store that
 * faults part-way has performed the accesses before the faulting one. */
#include "target-arm/helper-ldst.h"
#include "target-arm/translate-vfp.h"

/* Register (t + i) MOD 32 of a register list starting at t. */
static unsigned list_reg(unsigned rt, unsigned i)
{
    return (rt + i) % 32;
}

/* The post-index write-back: Rn + Rm, or + the bytes transferred when
 * Rm = 11111 (the immediate form); nothing for the no-offset form. */
static void struct_writeback(DisasContext *s, bool post, unsigned rn, unsigned rm, IrTemp base,
                             uint64_t bytes)
{
    IrTemp nb;

    if (!post) {
        return;
    }
    nb = new_tmp(s);
    ir_add(s->b, IR_I64, nb, base, rm == 31 ? tmp_const(s, bytes) : read_x(s, rm));
    write_x_sp(s, rn, nb, true);
}

/* ---- multiple structures ---- */

/* rpt and selem per opcode (C7.2 LD1 (multiple structures) decode);
 * unallocated opcodes never reach here. */
static const struct {
    uint8_t rpt, selem;
} mult_layout[16] = {
    [0x0] = { 1, 4 }, [0x2] = { 4, 1 }, [0x4] = { 1, 3 }, [0x6] = { 3, 1 },
    [0x7] = { 1, 1 }, [0x8] = { 1, 2 }, [0xa] = { 2, 1 },
};

/* for r < rpt, e < elements, k < selem: register t + r + k, element e, at
 * the next ebytes of memory (the structures are interleaved across the
 * selem registers). A load assembles each 64-bit half of each register
 * from its elements with deposit before writing it; 64-bit registers
 * (Q = 0) have bits 127:64 cleared. */
static bool do_mult(DisasContext *s, const arg_vldst_mult *a, bool load)
{
    unsigned rpt = mult_layout[a->opc].rpt, selem = mult_layout[a->opc].selem;
    unsigned esz = a->size, elements = (8u << a->q) >> esz;
    IrTemp acc[4][2], base;
    uint64_t offs = 0;

    if (!fp_access_check(s)) {
        return true;
    }
    base = ldst_base(s, a->rn);
    for (unsigned r = 0; r < rpt; r++) {
        for (unsigned e = 0; e < elements; e++) {
            for (unsigned k = 0; k < selem; k++) {
                unsigned i = r + k, bit = (e << esz) * 8;
                IrTemp addr = ldst_addr_imm(s, base, (int64_t)offs);

                if (load) {
                    IrTemp v = new_tmp(s);
                    gen_load(s, v, addr, esz, s->mmu_idx);
                    if (bit % 64 == 0) {
                        acc[i][bit / 64] = v;
                    } else {
                        IrTemp h = acc[i][bit / 64];
                        IR_EMIT(s->b, IR_OP_deposit, IR_I64, h, h, v, bit % 64, 8u << esz);
                    }
                } else {
                    gen_store(s, read_vreg_elem(s, list_reg(a->rt, i), e, esz, false), addr, esz,
                              s->mmu_idx);
                }
                offs += 1u << esz;
            }
        }
    }
    if (load) {
        for (unsigned i = 0; i < rpt * selem; i++) {
            write_vreg64(s, list_reg(a->rt, i), 0, acc[i][0]);
            write_vreg64(s, list_reg(a->rt, i), 1, a->q ? acc[i][1] : tmp_const(s, 0));
        }
    }
    struct_writeback(s, a->p, a->rn, a->rm, base, offs);
    return true;
}

/* One trans_* per mnemonic, all sharing do_mult / do_single / do_rep. */
#define TRANS_STRUCT(name, argt, fn, ...) \
    bool trans_##name(DisasContext *s, argt *a) { return fn(s, a, __VA_ARGS__); }

TRANS_STRUCT(ST1_m, arg_vldst_mult, do_mult, false)
TRANS_STRUCT(ST2_m, arg_vldst_mult, do_mult, false)
TRANS_STRUCT(ST3_m, arg_vldst_mult, do_mult, false)
TRANS_STRUCT(ST4_m, arg_vldst_mult, do_mult, false)
TRANS_STRUCT(LD1_m, arg_vldst_mult, do_mult, true)
TRANS_STRUCT(LD2_m, arg_vldst_mult, do_mult, true)
TRANS_STRUCT(LD3_m, arg_vldst_mult, do_mult, true)
TRANS_STRUCT(LD4_m, arg_vldst_mult, do_mult, true)

/* ---- single structure to or from one lane ---- */

/* Element size and lane (C7.2 LD1 (single structure) decode): sc 0 bytes,
 * index Q:S:size; 1 halfwords, Q:S:size<1>; 2 words, Q:S (size = 00) or
 * doublewords, Q (size = 01). The decoder refused the other values. Only
 * lane `index` of each register changes; the rest of the register,
 * including bits 127:64 when Q = 0, is kept. */
static bool do_single(DisasContext *s, const arg_vldst_single *a, bool load, unsigned selem)
{
    unsigned esz = a->sc, index;
    IrTemp base, v[4];

    switch (a->sc) {
    case 0:
        index = a->q << 3 | a->s << 2 | a->size;
        break;
    case 1:
        index = a->q << 2 | a->s << 1 | a->size >> 1;
        break;
    default:
        if (a->size & 1) {
            esz = 3;
            index = a->q;
        } else {
            index = a->q << 1 | a->s;
        }
        break;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    base = ldst_base(s, a->rn);
    for (unsigned k = 0; k < selem; k++) {
        IrTemp addr = ldst_addr_imm(s, base, (int64_t)(k << esz));

        if (load) {
            v[k] = new_tmp(s);
            gen_load(s, v[k], addr, esz, s->mmu_idx);
        } else {
            gen_store(s, read_vreg_elem(s, list_reg(a->rt, k), index, esz, false), addr, esz,
                      s->mmu_idx);
        }
    }
    if (load) {
        for (unsigned k = 0; k < selem; k++) {
            write_vreg_elem(s, list_reg(a->rt, k), index, esz, v[k]);
        }
    }
    struct_writeback(s, a->p, a->rn, a->rm, base, selem << esz);
    return true;
}

TRANS_STRUCT(ST1_s, arg_vldst_single, do_single, false, 1)
TRANS_STRUCT(ST2_s, arg_vldst_single, do_single, false, 2)
TRANS_STRUCT(ST3_s, arg_vldst_single, do_single, false, 3)
TRANS_STRUCT(ST4_s, arg_vldst_single, do_single, false, 4)
TRANS_STRUCT(LD1_s, arg_vldst_single, do_single, true, 1)
TRANS_STRUCT(LD2_s, arg_vldst_single, do_single, true, 2)
TRANS_STRUCT(LD3_s, arg_vldst_single, do_single, true, 3)
TRANS_STRUCT(LD4_s, arg_vldst_single, do_single, true, 4)

/* ---- load and replicate ---- */

/* Each of the selem consecutive elements is replicated across every lane
 * of its register (Replicate(element, datasize DIV esize)); with Q = 0
 * bits 127:64 are cleared. A zero-extended element times 0x01..01 (one 1
 * per lane) fills a 64-bit half. */
static bool do_rep(DisasContext *s, const arg_vldst_rep *a, unsigned selem)
{
    unsigned esz = a->size;
    uint64_t ones = esz == 3 ? 1 : UINT64_MAX / ((1ull << (8u << esz)) - 1);
    IrTemp base, v[4];

    if (!fp_access_check(s)) {
        return true;
    }
    base = ldst_base(s, a->rn);
    for (unsigned k = 0; k < selem; k++) {
        v[k] = new_tmp(s);
        gen_load(s, v[k], ldst_addr_imm(s, base, (int64_t)(k << esz)), esz, s->mmu_idx);
    }
    for (unsigned k = 0; k < selem; k++) {
        if (esz < 3) {
            ir_mul(s->b, IR_I64, v[k], v[k], tmp_const(s, ones));
        }
        write_vreg64(s, list_reg(a->rt, k), 0, v[k]);
        write_vreg64(s, list_reg(a->rt, k), 1, a->q ? v[k] : tmp_const(s, 0));
    }
    struct_writeback(s, a->p, a->rn, a->rm, base, selem << esz);
    return true;
}

TRANS_STRUCT(LD1R, arg_vldst_rep, do_rep, 1)
TRANS_STRUCT(LD2R, arg_vldst_rep, do_rep, 2)
TRANS_STRUCT(LD3R, arg_vldst_rep, do_rep, 3)
TRANS_STRUCT(LD4R, arg_vldst_rep, do_rep, 4)
