/* Arm semihosting (Arm "Semihosting for AArch32 and AArch64", version 3):
 * HLT #0xF000 with the operation in w0 and a parameter in x1, answered by
 * armlet, so that bare-metal programs can print and exit with a status as
 * under QEMU's -semihosting (docs/semihosting.md). */
#ifndef TARGET_ARM_SEMIHOSTING_H
#define TARGET_ARM_SEMIHOSTING_H

#include <stdbool.h>

#include "jit/helper.h"

/* The A64 semihosting trap: HLT with this immediate. */
#define ARM_SEMIHOST_HLT_IMM 0xf000

/* -semihosting: answer calls from EL1, and from EL0 with userspace. */
void arm_semihosting_configure(bool enabled, bool userspace);
/* Does HLT #0xF000 at el make a semihosting call (else it is UNDEFINED)? */
bool arm_semihosting_at(int el);

/* The call itself: reads w0/x1, writes x0; may end the run (SYS_EXIT). */
extern const IrHelper helper_semihosting;

#endif
