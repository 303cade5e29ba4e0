/* The SMC Calling Convention dispatcher (Arm DEN0028 D): a call on the
 * conduit is routed by its owning entity. Owner 0 is the Arm architecture
 * service below, owner 4 PSCI (psci.c); the PV-time service (owner 5)
 * joins the same table. */
#include "target-arm/psci.h"

#include <inttypes.h>

#include "emu/log.h"

/* 7.2 SMCCC_VERSION: 1.1. */
static int64_t smccc_version(void)
{
    return 0x10001;
}

/* 7.3 SMCCC_ARCH_FEATURES(fid). The workaround calls answer as a PE that
 * is not affected (7.5-7.7): WORKAROUND_1 and _3 "not required" (1),
 * WORKAROUND_2 NOT_REQUIRED (-2); the guest then never calls them. */
static int64_t smccc_arch_features(uint32_t fid)
{
    switch (fid) {
    case SMCCC_VERSION:
    case SMCCC_ARCH_FEATURES:
        return SMCCC_RET_SUCCESS;
    case SMCCC_ARCH_WORKAROUND_1:
    case SMCCC_ARCH_WORKAROUND_3:
        return 1;
    case SMCCC_ARCH_WORKAROUND_2:
        return SMCCC_RET_NOT_REQUIRED;
    default:
        return SMCCC_RET_NOT_SUPPORTED;
    }
}

static bool smccc_arch_call(ArmCpu *cpu, uint32_t fid)
{
    int64_t ret;

    switch (fid) {
    case SMCCC_VERSION:
        ret = smccc_version();
        break;
    case SMCCC_ARCH_FEATURES:
        ret = smccc_arch_features((uint32_t)cpu->x[1]);
        break;
    default:
        return false;
    }
    cpu->x[0] = (uint64_t)ret;
    return true;
}

bool arm_smccc_call(ArmCpu *cpu)
{
    uint32_t fid = (uint32_t)cpu->x[0];
    bool done = false;

    /* Only fast calls exist here: yielding calls (bit 31 clear) and the
     * reserved owners are unknown function IDs. */
    if (fid & SMCCC_FAST_CALL) {
        switch (SMCCC_OWNER(fid)) {
        case SMCCC_OWNER_ARCH:
            done = !(fid & SMCCC_64) && smccc_arch_call(cpu, fid);
            break;
        case SMCCC_OWNER_STD:
            done = arm_psci_call(cpu, fid);
            break;
        default:
            break;
        }
    }
    if (!done) {
        if (log_enabled(LOG_MASK(psci))) {
            log_printf("smccc unknown function 0x%08x -> -1\n", fid);
        }
        /* 2.6.1 "Unknown Function Identifier": -1 in w0, nothing else */
        cpu->x[0] = (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED;
    }
    return true;
}
