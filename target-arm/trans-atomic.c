/* A64 translators: ARMv8.1 LSE atomics (Arm ARM C6.2 LDADD, LDCLR, LDEOR,
 * LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN, SWP, CAS, CASP; the ST<op> forms
 * are the LD<op> aliases with Rt = XZR).
 *
 * Each is a read-modify-write through qemu_ld / qemu_st on the same
 * address. vCPUs share one host thread and switch only at block exits, so
 * the pair is atomic with respect to every other vCPU without host atomics,
 * and any backend runs it. The store may fault after the load: the access
 * is then not performed and no register is written, which is what the
 * architecture requires of a faulting instruction. Atomics need natural
 * alignment (B2.5.2; no FEAT_LSE2), hence JIT_MO_ALIGN on the load. */
#include "target-arm/helper-ldst.h"

/* The read-modify-write operations, by the encoding's o3:opc. */
#define ATOMIC_OPS(X) \
    X(LDADD)  X(LDCLR)  X(LDEOR)  X(LDSET) \
    X(LDSMAX) X(LDSMIN) X(LDUMAX) X(LDUMIN) X(SWP)

typedef enum AtomicOp {
#define ATOMIC_ENUM(n) AOP_##n,
    ATOMIC_OPS(ATOMIC_ENUM)
#undef ATOMIC_ENUM
} AtomicOp;

/* v zero-extended (sign = false) or sign-extended from size (log2) bytes. */
static IrTemp ext_size(DisasContext *s, IrTemp v, unsigned size, bool sign)
{
    IrTemp r = new_tmp(s);

    switch (size) {
    case 0: sign ? ir_ext8s(s->b, IR_I64, r, v) : ir_ext8u(s->b, IR_I64, r, v); break;
    case 1: sign ? ir_ext16s(s->b, IR_I64, r, v) : ir_ext16u(s->b, IR_I64, r, v); break;
    case 2: sign ? ir_ext32s(s->b, IR_I64, r, v) : ir_ext32u(s->b, IR_I64, r, v); break;
    default: ir_mov(s->b, IR_I64, r, v); break;
    }
    return r;
}

/* new = op(old, val): the value written back (the pseudocode's
 * MemAtomic(), C6.2). Only the low size bytes are stored. */
static IrTemp atomic_result(DisasContext *s, AtomicOp op, IrTemp old, IrTemp val,
                            unsigned size)
{
    IrBlock *b = s->b;
    IrTemp r = new_tmp(s);

    switch (op) {
    case AOP_LDADD: ir_add(b, IR_I64, r, old, val); break;
    case AOP_LDCLR: ir_andc(b, IR_I64, r, old, val); break;
    case AOP_LDEOR: ir_xor(b, IR_I64, r, old, val); break;
    case AOP_LDSET: ir_or(b, IR_I64, r, old, val); break;
    case AOP_SWP: ir_mov(b, IR_I64, r, val); break;
    case AOP_LDSMAX:
    case AOP_LDSMIN: {
        IrTemp so = ext_size(s, old, size, true), sv = ext_size(s, val, size, true);
        ir_movcond(b, IR_I64, op == AOP_LDSMAX ? IR_COND_GT : IR_COND_LT, r, so, sv, old, val);
        break;
    }
    case AOP_LDUMAX:
    case AOP_LDUMIN: {
        /* the load zero-extends old; val is cut to the same width */
        IrTemp uv = ext_size(s, val, size, false);
        ir_movcond(b, IR_I64, op == AOP_LDUMAX ? IR_COND_GTU : IR_COND_LTU, r, old, uv, old,
                   uv);
        break;
    }
    }
    return r;
}

/* Acquire is dropped when Rt is XZR (the ST<op> forms and their A
 * variants: "acquire = A == '1' && t != 31" in the C6.2 pseudocode);
 * release follows R. */
static bool do_atomic(DisasContext *s, AtomicOp op, arg_atomic *a)
{
    IrTemp addr = ldst_base(s, a->rn);
    IrTemp val = read_x(s, a->rs), old = new_tmp(s);

    if (a->r) {
        ir_mb(s->b, LDST_MB_RELEASE);
    }
    gen_load(s, old, addr, a->size | JIT_MO_ALIGN, s->mmu_idx);
    gen_store(s, atomic_result(s, op, old, val, a->size), addr, a->size, s->mmu_idx);
    if (a->a && a->rt != 31) {
        ir_mb(s->b, LDST_MB_ACQUIRE);
    }
    /* the old value, zero-extended (a W destination for sizes 0..2) */
    write_x(s, a->rt, old, true);
    return true;
}

#define ATOMIC_TRANS(n)                                  \
    bool trans_##n(DisasContext *s, arg_atomic *a)       \
    {                                                    \
        return do_atomic(s, AOP_##n, a);                 \
    }
ATOMIC_OPS(ATOMIC_TRANS)
#undef ATOMIC_TRANS

/* CAS (C6.2 CAS, CASA, CASAL, CASL; B/H forms): compare Rs with memory;
 * if equal store Rt; Rs gets the old value either way. The store is skipped
 * when the comparison fails, so a failing CAS is a plain aligned read. */
bool trans_CAS(DisasContext *s, arg_cas *a)
{
    IrTemp addr = ldst_base(s, a->rn);
    IrTemp cmp = ext_size(s, read_x(s, a->rs), a->size, false);
    IrTemp newv = read_x(s, a->rt), old = new_tmp(s);
    IrLabel skip = ir_label_new(s->b);

    if (a->l) {
        ir_mb(s->b, LDST_MB_RELEASE);
    }
    gen_load(s, old, addr, a->size | JIT_MO_ALIGN, s->mmu_idx);
    ir_brcond(s->b, IR_I64, IR_COND_NE, old, cmp, skip);
    gen_store(s, newv, addr, a->size, s->mmu_idx);
    ir_set_label(s->b, skip);
    if (a->a) {
        ir_mb(s->b, LDST_MB_ACQUIRE);
    }
    write_x(s, a->rs, old, true);
    return true;
}

/* CASP (C6.2 CASP): the pairs Rs:Rs+1 and Rt:Rt+1 (even Rs and Rt, checked
 * by the decoder; Rs/Rt = 30 pairs with XZR). Rs holds the lower address's
 * element. W pairs are one 64-bit access aligned to 8, X pairs one 128-bit
 * access aligned to 16, done as two 64-bit halves (in one 16-aligned
 * block, so the second cannot fault once the first has not). */
bool trans_CASP(DisasContext *s, arg_casp *a)
{
    IrTemp addr = ldst_base(s, a->rn);
    IrTemp c1 = read_x(s, a->rs), c2 = read_x(s, a->rs + 1);
    IrTemp n1 = read_x(s, a->rt), n2 = read_x(s, a->rt + 1);
    IrTemp lo = new_tmp(s);
    IrLabel skip = ir_label_new(s->b);

    if (a->l) {
        ir_mb(s->b, LDST_MB_RELEASE);
    }
    if (!a->sz) {
        IrTemp cmp = new_tmp(s), newv = new_tmp(s), hi = new_tmp(s);
        ir_ext32u(s->b, IR_I64, cmp, c1);
        ir_deposit(s->b, IR_I64, cmp, cmp, c2, 32, 32);
        ir_ext32u(s->b, IR_I64, newv, n1);
        ir_deposit(s->b, IR_I64, newv, newv, n2, 32, 32);
        gen_load(s, lo, addr, JIT_MO_64 | JIT_MO_ALIGN, s->mmu_idx);
        ir_brcond(s->b, IR_I64, IR_COND_NE, lo, cmp, skip);
        gen_store(s, newv, addr, JIT_MO_64, s->mmu_idx);
        ir_set_label(s->b, skip);
        if (a->a) {
            ir_mb(s->b, LDST_MB_ACQUIRE);
        }
        ir_shr(s->b, IR_I64, hi, lo, tmp_const(s, 32));
        write_x(s, a->rs + 1, hi, false);
        write_x(s, a->rs, lo, false);
    } else {
        IrTemp addr2 = ldst_addr_imm(s, addr, 8), hi = new_tmp(s);
        gen_load(s, lo, addr, JIT_MO_64 | JIT_MO_ALIGN_BYTES(4), s->mmu_idx);
        gen_load(s, hi, addr2, JIT_MO_64, s->mmu_idx);
        ir_brcond(s->b, IR_I64, IR_COND_NE, lo, c1, skip);
        ir_brcond(s->b, IR_I64, IR_COND_NE, hi, c2, skip);
        gen_store(s, n1, addr, JIT_MO_64, s->mmu_idx);
        gen_store(s, n2, addr2, JIT_MO_64, s->mmu_idx);
        ir_set_label(s->b, skip);
        if (a->a) {
            ir_mb(s->b, LDST_MB_ACQUIRE);
        }
        write_x(s, a->rs + 1, hi, true);
        write_x(s, a->rs, lo, true);
    }
    return true;
}
