/* The mixed-width lane helper (helper-simd-arith.h): "Advanced SIMD three
 * different", its scalar forms and the long "by element" forms, plus the
 * 64-bit PMULL of the Cryptographic Extension.
 *
 * Every form works at the wide width 2 * esize (C6.2 SADDL ...: "Int(
 * element, unsigned)" extends the narrow operands before the operation):
 * narrow operands are sign- or zero-extended into wide lanes and handed to
 * the same element functions as "three same" uses, at the wide width. The
 * "2" forms (Q = 1) take the narrow operands from the upper 64 bits
 * (Vpart[n, part]); the narrowing forms (ADDHN ...) write the upper 64
 * bits of Vd and keep the lower ones when Q = 1, or write the lower ones and
 * clear the rest when Q = 0. */
#include "target-arm/helper-simd-arith.h"

static uint64_t extend(uint64_t v, unsigned bits, bool sign)
{
    if (sign) {
        return (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    }
    return v;
}

static uint64_t do_simd_3diff(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm,
                              uint64_t desc)
{
    ArmCpu *cpu = arm_cpu(env);
    SimdElemFn *fn = simd_elem_ops[desc & 0xff];
    unsigned size = (desc >> 8) & 3, nbits = 8u << size, wbits = 2 * nbits;
    bool scalar = desc & SIMD_D_SCALAR, sign = desc & SIMD_D_SIGNED;
    unsigned nelem = scalar ? 1 : 8u >> size;
    unsigned part = (!scalar && (desc & SIMD_D_Q)) ? nelem : 0;   /* first narrow lane */
    uint64_t n[8], m[8], d[8], r[8];
    bool sat = false;

    for (unsigned e = 0; e < nelem; e++) {
        unsigned mi = (desc & SIMD_D_INDEXED) ? (desc >> 13) & 15 : part + e;

        /* the narrowing forms have two wide operands, the W forms one */
        if (desc & (SIMD_D_WIDE_N | SIMD_D_NARROW)) {
            n[e] = simd_elem(cpu, rn, e, size + 1);
        } else {
            n[e] = extend(simd_elem(cpu, rn, part + e, size), nbits, sign);
        }
        if (desc & SIMD_D_NARROW) {
            m[e] = simd_elem(cpu, rm, e, size + 1);
        } else {
            m[e] = extend(simd_elem(cpu, rm, mi, size), nbits, sign);
        }
        d[e] = simd_elem(cpu, rd, e, size + 1);
    }
    for (unsigned e = 0; e < nelem; e++) {
        r[e] = fn(n[e], m[e], d[e], wbits, &sat);
    }
    if (desc & SIMD_D_NARROW) {
        for (unsigned e = 0; e < nelem; e++) {
            simd_set_elem(cpu, rd, part + e, size, r[e]);
        }
        if (!part) {
            simd_clear_from(cpu, rd, 8);
        }
    } else {
        for (unsigned e = 0; e < nelem; e++) {
            simd_set_elem(cpu, rd, e, size + 1, r[e]);
        }
        if (scalar) {
            simd_clear_from(cpu, rd, 1u << (size + 1));
        }
    }
    if (sat) {
        cpu->fpsr |= SIMD_FPSR_QC;
    }
    return 0;
}

const IrHelper helper_simd_3diff = {
    .name = "simd_3diff",
    .fn.f4 = do_simd_3diff,
    .nargs = 4,
    .ret = IR_VOID,
    .args = { IR_I64, IR_I64, IR_I64, IR_I64 },
    .flags = IR_HF_READS,
};

/* C6.2 PMULL, PolynomialMult() with 64-bit operands: shift-and-xor over the
 * set bits of b, the 128-bit product split in two words. */
uint64_t simd_clmul64(uint64_t a, uint64_t b, uint64_t *hi)
{
    uint64_t lo = 0, h = 0;

    for (unsigned i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            lo ^= a << i;
            h ^= i ? a >> (64 - i) : 0;
        }
    }
    *hi = h;
    return lo;
}

static uint64_t do_simd_pmull64(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm, uint64_t q)
{
    ArmCpu *cpu = arm_cpu(env);
    uint64_t hi, lo = simd_clmul64(cpu->vreg[rn][q & 1], cpu->vreg[rm][q & 1], &hi);

    cpu->vreg[rd][0] = lo;
    cpu->vreg[rd][1] = hi;
    return 0;
}

const IrHelper helper_simd_pmull64 = {
    .name = "simd_pmull64",
    .fn.f4 = do_simd_pmull64,
    .nargs = 4,
    .ret = IR_VOID,
    .args = { IR_I64, IR_I64, IR_I64, IR_I64 },
    .flags = IR_HF_READS,
};
