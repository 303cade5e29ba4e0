/* Run-time helpers of the Cryptographic Extension translators
 * (trans-crypto.c): each takes (rd, rn, rm) register numbers, reads its
 * operands from ArmCpu.vreg and writes Vd (rm unused by the two-register
 * forms). Declared IR_HF_READS: they touch no IR global, only vreg
 * (translate-vfp.h). */
#ifndef TARGET_ARM_HELPER_CRYPTO_H
#define TARGET_ARM_HELPER_CRYPTO_H

#include "jit/helper.h"
#include "jit/ir.h"

extern const IrHelper helper_aese, helper_aesd, helper_aesmc, helper_aesimc;
extern const IrHelper helper_sha1c, helper_sha1p, helper_sha1m, helper_sha1su0;
extern const IrHelper helper_sha1su1, helper_sha1h;
extern const IrHelper helper_sha256h, helper_sha256h2, helper_sha256su0, helper_sha256su1;

#endif
