/* FP/SIMD register access and the FPEN trap (translate-vfp.h). */
#include "target-arm/translate-vfp.h"

#include <stdarg.h>

#include "target-arm/exception.h"

bool fp_access_check(DisasContext *s)
{
    if (s->tb_flags & ARM_TBFLAG_FPEN) {
        return true;
    }
    /* ISS for an AArch64 trap: CV = 0, COND unused (D17.2.37 ESR_ELx,
     * "Exception from an access to SVE, Advanced SIMD or floating-point") */
    gen_exception(s, ESR(EC_FP_ACCESS, ISS_FP_TRAP), false);
    return false;
}

IrTemp read_vreg64(DisasContext *s, unsigned reg, unsigned half)
{
    IrTemp t = new_tmp(s);

    ir_ld_env(s->b, IR_I64, t, vreg_off(reg, half), JIT_MO_64);
    return t;
}

void write_vreg64(DisasContext *s, unsigned reg, unsigned half, IrTemp v)
{
    ir_st_env(s->b, IR_I64, v, vreg_off(reg, half), JIT_MO_64);
}

IrTemp read_vreg_elem(DisasContext *s, unsigned reg, unsigned idx, unsigned size, bool sign)
{
    IrTemp t = new_tmp(s);

    ir_ld_env(s->b, IR_I64, t, vreg_elem_off(reg, idx, size),
              size | (sign && size < 3 ? JIT_MO_SIGN : 0));
    return t;
}

void write_vreg_elem(DisasContext *s, unsigned reg, unsigned idx, unsigned size, IrTemp v)
{
    ir_st_env(s->b, IR_I64, v, vreg_elem_off(reg, idx, size), size);
}

void clear_vreg_high(DisasContext *s, unsigned reg)
{
    write_vreg64(s, reg, 1, tmp_const(s, 0));
}

void write_fp_scalar(DisasContext *s, unsigned reg, unsigned size, IrTemp v)
{
    if (size < 3) {
        IrTemp z = new_tmp(s);
        IR_EMIT(s->b, IR_OP_extract, IR_I64, z, v, 0, 8u << size);
        v = z;
    }
    write_vreg64(s, reg, 0, v);
    clear_vreg_high(s, reg);
}

void gen_vec_helper(DisasContext *s, const IrHelper *h, unsigned nargs, ...)
{
    IrTemp args[IR_HELPER_MAX_ARGS];
    va_list ap;

    va_start(ap, nargs);
    for (unsigned i = 0; i < nargs; i++) {
        args[i] = va_arg(ap, IrTemp);
    }
    va_end(ap);
    ir_call(s->b, h, IR_NO_TEMP, args);
}
