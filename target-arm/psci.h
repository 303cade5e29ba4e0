/* PSCI (Arm DEN0022) and SMCCC (Arm DEN0028) calls answered inside armlet
 * when the guest executes HVC or SMC on the conduit named in the device
 * tree. This is the part the machine needs to start and stop; CPU_ON and
 * the rest of PSCI 1.1 arrive with the PSCI/SMP work. */
#ifndef TARGET_ARM_PSCI_H
#define TARGET_ARM_PSCI_H

#include <stdbool.h>

#include "target-arm/cpu.h"

/* Function IDs (DEN0022 5.1, SMC64 forms where both exist). */
#define PSCI_0_2_FN_VERSION          0x84000000u
#define PSCI_0_2_FN_CPU_OFF          0x84000002u
#define PSCI_0_2_FN64_CPU_SUSPEND    0xc4000001u
#define PSCI_0_2_FN64_CPU_ON         0xc4000003u
#define PSCI_0_2_FN64_AFFINITY_INFO  0xc4000004u
#define PSCI_0_2_FN_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_0_2_FN_SYSTEM_OFF       0x84000008u
#define PSCI_0_2_FN_SYSTEM_RESET     0x84000009u
#define PSCI_1_0_FN_PSCI_FEATURES    0x8400000au

/* Return codes (DEN0022 5.2.2). */
#define PSCI_RET_SUCCESS             0
#define PSCI_RET_NOT_SUPPORTED       (-1)
#define PSCI_RET_INVALID_PARAMS      (-2)

/* Handle the call in x0..x3, writing the results to x0..x3. Always
 * returns true: an unknown function is answered NOT_SUPPORTED (SMCCC
 * DEN0028 "Unknown Function Identifier" = -1). */
bool arm_psci_call(ArmCpu *cpu);

#endif
