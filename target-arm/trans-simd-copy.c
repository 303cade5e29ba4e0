/* A64 translators: Advanced SIMD copy and scalar copy (Arm ARM DDI 0487,
 * C4.1 "Advanced SIMD copy"; pseudocode in C6.2 DUP, INS, SMOV, UMOV).
 * Compilers emit these everywhere (moves between X and V registers,
 * broadcasts), so they are plain i64 IR on 64-bit halves and elements.
 *
 * imm5 names the element: its lowest set bit is the size (B, H, S, D) and
 * the bits above it the index. */
#include "target-arm/trans-simd-misc.h"

static unsigned imm5_size(unsigned imm5)
{
    return (unsigned)__builtin_ctz(imm5);
}

static unsigned imm5_index(unsigned imm5)
{
    return imm5 >> (imm5_size(imm5) + 1);
}

IrTemp gen_dup_elem64(DisasContext *s, IrTemp x, unsigned size)
{
    IrTemp r;

    if (size == 3) {
        return x;
    }
    r = new_tmp(s);
    ir_mul(s->b, IR_I64, r, x, tmp_const(s, simd_rep64(size)));
    return r;
}

void gen_write_vec(DisasContext *s, unsigned rd, bool q, IrTemp lo, IrTemp hi)
{
    write_vreg64(s, rd, 0, lo);
    if (q) {
        write_vreg64(s, rd, 1, hi);
    } else {
        clear_vreg_high(s, rd);
    }
}

/* C6.2 DUP (element): every element of Vd = Vn[index]. */
bool trans_DUP_elem(DisasContext *s, arg_simd_dup *a)
{
    unsigned size = imm5_size(a->imm5);
    IrTemp v;

    if (!fp_access_check(s)) {
        return true;
    }
    v = gen_dup_elem64(s, read_vreg_elem(s, a->rn, imm5_index(a->imm5), size, false), size);
    gen_write_vec(s, a->rd, a->q, v, v);
    return true;
}

/* C6.2 DUP (general): every element of Vd = the low bits of Xn/Wn. */
bool trans_DUP_gen(DisasContext *s, arg_simd_dup *a)
{
    unsigned size = imm5_size(a->imm5);
    IrTemp x, v;

    if (!fp_access_check(s)) {
        return true;
    }
    x = read_x(s, a->rn);
    if (size < 3) {
        IrTemp z = new_tmp(s);
        ir_extract(s->b, IR_I64, z, x, 0, 8u << size);
        x = z;
    }
    v = gen_dup_elem64(s, x, size);
    gen_write_vec(s, a->rd, a->q, v, v);
    return true;
}

/* C6.2 INS (general), alias MOV: one element from Xn/Wn; the rest of Vd
 * (all 128 bits) is kept. */
bool trans_INS_gen(DisasContext *s, arg_INS_gen *a)
{
    if (!fp_access_check(s)) {
        return true;
    }
    write_vreg_elem(s, a->rd, imm5_index(a->imm5), imm5_size(a->imm5), read_x(s, a->rn));
    return true;
}

/* C6.2 INS (element), alias MOV: Vd[imm5 index] = Vn[imm4 >> size]. */
bool trans_INS_elem(DisasContext *s, arg_INS_elem *a)
{
    unsigned size = imm5_size(a->imm5);
    IrTemp v;

    if (!fp_access_check(s)) {
        return true;
    }
    v = read_vreg_elem(s, a->rn, a->imm4 >> size, size, false);
    write_vreg_elem(s, a->rd, imm5_index(a->imm5), size, v);
    return true;
}

/* C6.2 UMOV (alias MOV for S and D): zero-extended element to Wd/Xd. */
bool trans_UMOV(DisasContext *s, arg_simd_dup *a)
{
    if (!fp_access_check(s)) {
        return true;
    }
    write_x(s, a->rd, read_vreg_elem(s, a->rn, imm5_index(a->imm5), imm5_size(a->imm5), false),
            true);
    return true;
}

/* C6.2 SMOV: sign-extended element to Wd (Q = 0, upper word of Xd zero) or
 * Xd. */
bool trans_SMOV(DisasContext *s, arg_simd_dup *a)
{
    if (!fp_access_check(s)) {
        return true;
    }
    write_x(s, a->rd, read_vreg_elem(s, a->rn, imm5_index(a->imm5), imm5_size(a->imm5), true),
            a->q);
    return true;
}

/* C6.2 DUP (element, scalar), alias MOV: one element to a B/H/S/D register. */
bool trans_DUP_elem_s(DisasContext *s, arg_DUP_elem_s *a)
{
    unsigned size = imm5_size(a->imm5);

    if (!fp_access_check(s)) {
        return true;
    }
    write_fp_scalar(s, a->rd, size, read_vreg_elem(s, a->rn, imm5_index(a->imm5), size, false));
    return true;
}
