/* Shared by the system-register table files (sysreg-*.c, sysinsn-table.c):
 * row-building macros, the per-group row arrays, and the SCTLR_EL1 bits the
 * access checks read. Not for use outside the table. */
#ifndef TARGET_ARM_SYSREG_INTERNAL_H
#define TARGET_ARM_SYSREG_INTERNAL_H

#include <stddef.h>

#include "target-arm/cpu.h"

/* A register with storage in ArmCpu (field of ArmSysregs). */
#define SR_STORE(nm, o0, o1, n, m, o2, acc, field, rst, r0)                       \
    { .name = nm, .key = ARM_SYSREG(o0, o1, n, m, o2), .access = (acc),           \
      .offset = (int32_t)offsetof(ArmCpu, sr.field), .reset = (rst), .res0 = (r0) }
/* A constant register (ID registers), or RAZ/WI with value 0. */
#define SR_CONST(nm, o0, o1, n, m, o2, acc, val)                                  \
    { .name = nm, .key = ARM_SYSREG(o0, o1, n, m, o2), .access = (acc),           \
      .offset = -1, .reset = (val) }
/* A register computed by hooks (any of check/rd/wr may be NULL). */
#define SR_HOOK(nm, o0, o1, n, m, o2, acc, chk, rd, wr)                           \
    { .name = nm, .key = ARM_SYSREG(o0, o1, n, m, o2), .access = (acc),           \
      .offset = -1, .check = (chk), .read = (rd), .write = (wr) }

/* SCTLR_EL1 bits that gate EL0 (D13.2.113 SCTLR_EL1). */
#define SCTLR_UMA  (1ull << 9)    /* EL0 access to DAIF */
#define SCTLR_DZE  (1ull << 14)   /* EL0 DC ZVA */
#define SCTLR_UCT  (1ull << 15)   /* EL0 access to CTR_EL0 */
#define SCTLR_nTWI (1ull << 16)   /* EL0 WFI not trapped */
#define SCTLR_nTWE (1ull << 18)   /* EL0 WFE not trapped */
#define SCTLR_UCI  (1ull << 26)   /* EL0 cache maintenance by VA */
/* RES1 in ARMv8.0 (bits 29, 28, 23, 22, 20, 11): also the reset value with
 * the MMU and caches off. */
#define SCTLR_EL1_RES1 0x30d00800ull

typedef struct ArmSysregGroup {
    const ArmSysregInfo *rows;
    size_t n;
} ArmSysregGroup;

extern const ArmSysregGroup arm_sysregs_core, arm_sysregs_id, arm_sysregs_vmsa,
    arm_sysregs_debug, arm_sysregs_timer, arm_sysinsns;
/* ICC_*_EL1, present when the vCPU has a GICv3 (sysreg-gic.c). */
extern const ArmSysregGroup arm_sysregs_gic;

#define SR_GROUP(name, array) \
    const ArmSysregGroup name = { array, sizeof(array) / sizeof((array)[0]) }

/* Flush this vCPU's TLB and jump cache (translation regime change). */
void arm_sysreg_flush_tlb(ArmCpu *cpu);

#endif
