/* The same-width lane helper (helper-simd-arith.h): "Advanced SIMD three
 * same" and "scalar three same" integer forms, the pairwise ones (C6.2
 * ADDP (vector): the operands are the concatenation Vm:Vn, and result
 * element e combines elements 2e and 2e + 1 of it), and the same-width
 * "by element" forms (MUL/MLA/MLS/SQDMULH/SQRDMULH), where every lane takes
 * Vm[index] as its second operand. */
#include "target-arm/helper-simd-arith.h"

static uint64_t do_simd_3same(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm,
                              uint64_t desc)
{
    ArmCpu *cpu = arm_cpu(env);
    SimdElemFn *fn = simd_elem_ops[desc & 0xff];
    unsigned size = (desc >> 8) & 3, bits = 8u << size;
    unsigned nelem = (desc & SIMD_D_SCALAR) ? 1 : ((desc & SIMD_D_Q) ? 16u : 8u) >> size;
    uint64_t n[16], m[16], d[16];
    bool sat = false;

    for (unsigned e = 0; e < nelem; e++) {
        d[e] = simd_elem(cpu, rd, e, size);
        if (desc & SIMD_D_PAIRWISE) {
            /* element 2e and 2e + 1 of Vm:Vn */
            unsigned i = 2 * e, reg = i < nelem ? rn : rm;
            n[e] = simd_elem(cpu, reg, i % nelem, size);
            m[e] = simd_elem(cpu, reg, i % nelem + 1, size);
        } else {
            n[e] = simd_elem(cpu, rn, e, size);
            m[e] = simd_elem(cpu, rm, (desc & SIMD_D_INDEXED) ? (desc >> 13) & 15 : e, size);
        }
    }
    for (unsigned e = 0; e < nelem; e++) {
        simd_set_elem(cpu, rd, e, size, fn(n[e], m[e], d[e], bits, &sat));
    }
    if ((nelem << size) < 16) {
        simd_clear_from(cpu, rd, nelem << size);
    }
    if (sat) {
        cpu->fpsr |= SIMD_FPSR_QC;
    }
    return 0;
}

const IrHelper helper_simd_3same = {
    .name = "simd_3same",
    .fn.f4 = do_simd_3same,
    .nargs = 4,
    .ret = IR_VOID,
    .args = { IR_I64, IR_I64, IR_I64, IR_I64 },
    .flags = IR_HF_READS,
};
