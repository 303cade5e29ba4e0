/* Run-time helpers of the system instructions (MRS, MSR, SYS, WFI/WFE,
 * SEV), with their IrHelper descriptors (effects per jit/helper.h). The
 * system-register row is passed as a constant pointer (const ArmSysregInfo
 * *, as uint64_t). */
#ifndef TARGET_ARM_HELPER_SYS_H
#define TARGET_ARM_HELPER_SYS_H

#include "jit/helper.h"
#include "jit/ir.h"

/* (ri, iss): run the row's check hook; raise UNDEF (EC 0x00), a system
 * register trap (EC 0x18 with iss) or an FP trap (EC 0x07) if it refuses. */
extern const IrHelper helper_sysreg_check;
/* (ri) -> value: read through the row (hooks may read any CPU state). */
extern const IrHelper helper_sysreg_read;
/* (ri, value): write through the row: may change any CPU state (SP,
 * flags, TLB) and, for SYS instructions like DC ZVA, raise. */
extern const IrHelper helper_sysreg_write;
/* (is_wfe) -> 1 to halt, 0 to go on: the EL0 WFI/WFE trap (SCTLR_EL1.nTWI/
 * nTWE, EC 0x01) and WFE's use of the event register. */
extern const IrHelper helper_wfx;
/* SEV: set the event register of every vCPU. */
extern const IrHelper helper_sev;

#endif
