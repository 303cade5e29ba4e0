/* The SMCCC conduit (Arm DEN0028) and PSCI 1.1 (Arm DEN0022) answered
 * inside armlet when the guest executes HVC or SMC on the conduit the
 * device tree names (docs/psci.md). */
#ifndef TARGET_ARM_PSCI_H
#define TARGET_ARM_PSCI_H

#include <stdbool.h>
#include <stdint.h>

#include "target-arm/cpu.h"

/* SMCCC function ID fields (DEN0028 2.5): bit 31 fast call, bit 30 SMC64,
 * bits 29:24 the owning entity, bits 15:0 the function number. */
#define SMCCC_FAST_CALL        (1u << 31)
#define SMCCC_64               (1u << 30)
#define SMCCC_OWNER(fid)       (((fid) >> 24) & 0x3f)
#define SMCCC_OWNER_ARCH       0
#define SMCCC_OWNER_STD        4       /* standard secure service: PSCI */
#define SMCCC_OWNER_STD_HYP    5       /* standard hypervisor service: PV time */

/* Arm architecture calls (DEN0028 7). */
#define SMCCC_VERSION          0x80000000u
#define SMCCC_ARCH_FEATURES    0x80000001u
#define SMCCC_ARCH_SOC_ID      0x80000002u
#define SMCCC_ARCH_WORKAROUND_1 0x80008000u
#define SMCCC_ARCH_WORKAROUND_2 0x80007fffu
#define SMCCC_ARCH_WORKAROUND_3 0x80003fffu

/* SMCCC return values (DEN0028 7.1). */
#define SMCCC_RET_SUCCESS       0
#define SMCCC_RET_NOT_SUPPORTED (-1)
#define SMCCC_RET_NOT_REQUIRED  (-2)

/* PSCI function numbers (DEN0022 5.1); the SMC32 ID is 0x84000000 | n, the
 * SMC64 one 0xc4000000 | n for the calls that take addresses or MPIDRs. */
#define PSCI_FN(n)             (0x84000000u | (n))
#define PSCI_FN64(n)           (0xc4000000u | (n))
enum {
    PSCI_VERSION = 0x00,
    PSCI_CPU_SUSPEND = 0x01,
    PSCI_CPU_OFF = 0x02,
    PSCI_CPU_ON = 0x03,
    PSCI_AFFINITY_INFO = 0x04,
    PSCI_MIGRATE = 0x05,
    PSCI_MIGRATE_INFO_TYPE = 0x06,
    PSCI_MIGRATE_INFO_UP_CPU = 0x07,
    PSCI_SYSTEM_OFF = 0x08,
    PSCI_SYSTEM_RESET = 0x09,
    PSCI_FEATURES = 0x0a,
    PSCI_SYSTEM_SUSPEND = 0x0e,
    PSCI_SYSTEM_RESET2 = 0x12,
};

/* Return codes (DEN0022 5.2.2). */
#define PSCI_RET_SUCCESS             0
#define PSCI_RET_NOT_SUPPORTED       (-1)
#define PSCI_RET_INVALID_PARAMS      (-2)
#define PSCI_RET_DENIED              (-3)
#define PSCI_RET_ALREADY_ON          (-4)
#define PSCI_RET_ON_PENDING          (-5)
#define PSCI_RET_INTERNAL_FAILURE    (-6)
#define PSCI_RET_NOT_PRESENT         (-7)
#define PSCI_RET_DISABLED            (-8)
#define PSCI_RET_INVALID_ADDRESS     (-9)

/* AFFINITY_INFO results (DEN0022 5.1.5). */
#define PSCI_AFF_ON            0
#define PSCI_AFF_OFF           1
#define PSCI_AFF_ON_PENDING    2

/* The MPIDR bits that name a CPU: Aff3 (39:32), Aff2, Aff1, Aff0. */
#define MPIDR_AFF_MASK         0xff00ffffffull

/* Answer the SMCCC call in x0..x7 (function ID in w0), writing results to
 * x0..x3. Returns true: an unknown function gets NOT_SUPPORTED in x0 and
 * nothing else changes (DEN0028 "Unknown Function Identifier"). */
bool arm_smccc_call(ArmCpu *cpu);

/* PSCI's part: true if fid is a PSCI function (owner 4, number <= 0x1f),
 * answered in x0. */
bool arm_psci_call(ArmCpu *cpu, uint32_t fid);
/* PSCI_FEATURES for fid: 0 (or the call's feature flags) if implemented,
 * NOT_SUPPORTED otherwise. */
int64_t arm_psci_features(uint32_t fid);

#endif
