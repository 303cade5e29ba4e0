/* Run-time helpers called from translated code, each with an IrHelper
 * descriptor declaring its effects (jit/helper.h). Grouped by the class
 * that uses them; the functions are in helper-*.c. */
#ifndef TARGET_ARM_HELPERS_H
#define TARGET_ARM_HELPERS_H

#include "jit/helper.h"
#include "jit/ir.h"

/* (esr, return_pc): take a synchronous exception to EL1. */
extern const IrHelper helper_raise_exception;
/* ERET. */
extern const IrHelper helper_eret;
/* (esr_iss_imm16, is_smc): HVC/SMC through the PSCI conduit, or UNDEF. */
extern const IrHelper helper_hvc_smc;

#endif
