/* Shared code of the scalar FP translators (trans-fp-*.c): operand
 * formats, FP register operands and helper calls with a descriptor
 * (helper-fp.h). */
#ifndef TARGET_ARM_TRANS_FP_H
#define TARGET_ARM_TRANS_FP_H

#include "target-arm/helper-fp.h"
#include "target-arm/translate-vfp.h"

/* The ptype/opc field as an FpFmt: 00 single, 01 double, 11 half (the
 * decode table never passes 10). */
static inline FpFmt fp_fmt_of_type(unsigned type)
{
    return type == 0 ? FP_S : (type == 1 ? FP_D : FP_H);
}

/* The low 64 bits of V<reg>; helpers use the format's low bits. */
static inline IrTemp read_fp(DisasContext *s, unsigned reg)
{
    return read_vreg64(s, reg, 0);
}

/* A helper call returning a new temp: h(desc, args...). */
IrTemp gen_fp_call(DisasContext *s, const IrHelper *h, uint32_t desc, unsigned nargs, ...);

#endif
