/* PSCI/SMCCC dispatcher: one small function per call (DEN0022 5.1). */
#include "target-arm/psci.h"

#include <inttypes.h>

#include "emu/log.h"

typedef int64_t (*PsciFn)(ArmCpu *cpu);

/* DEN0022 5.1.1 PSCI_VERSION: major in bits 31:16, minor in 15:0. armlet
 * answers 1.1 for the calls below; the ones it does not have yet return
 * NOT_SUPPORTED, which 1.x allows for the optional ones only, so the device
 * tree keeps advertising PSCI with the calls Linux needs to shut down. */
static int64_t psci_version(ArmCpu *cpu)
{
    return (1 << 16) | 1;
}

/* DEN0022 5.1.7 MIGRATE_INFO_TYPE: 2 = no Trusted OS to migrate. */
static int64_t psci_migrate_info_type(ArmCpu *cpu)
{
    return 2;
}

/* DEN0022 5.1.9 SYSTEM_OFF: does not return to the caller. */
static int64_t psci_system_off(ArmCpu *cpu)
{
    if (cpu->mops && cpu->mops->system_event) {
        cpu->mops->system_event(cpu, false);
    }
    return PSCI_RET_SUCCESS;
}

/* DEN0022 5.1.10 SYSTEM_RESET. */
static int64_t psci_system_reset(ArmCpu *cpu)
{
    if (cpu->mops && cpu->mops->system_event) {
        cpu->mops->system_event(cpu, true);
    }
    return PSCI_RET_SUCCESS;
}

static int64_t psci_features(ArmCpu *cpu);

static const struct {
    uint32_t id;
    const char *name;
    PsciFn fn;
} psci_calls[] = {
    { PSCI_0_2_FN_VERSION, "PSCI_VERSION", psci_version },
    { PSCI_0_2_FN_MIGRATE_INFO_TYPE, "MIGRATE_INFO_TYPE", psci_migrate_info_type },
    { PSCI_0_2_FN_SYSTEM_OFF, "SYSTEM_OFF", psci_system_off },
    { PSCI_0_2_FN_SYSTEM_RESET, "SYSTEM_RESET", psci_system_reset },
    { PSCI_1_0_FN_PSCI_FEATURES, "PSCI_FEATURES", psci_features },
};

/* DEN0022 5.1.14 PSCI_FEATURES: 0 for an implemented function. */
static int64_t psci_features(ArmCpu *cpu)
{
    for (size_t i = 0; i < sizeof psci_calls / sizeof psci_calls[0]; i++) {
        if (psci_calls[i].id == (uint32_t)cpu->x[1]) {
            return 0;
        }
    }
    return PSCI_RET_NOT_SUPPORTED;
}

bool arm_psci_call(ArmCpu *cpu)
{
    uint32_t id = (uint32_t)cpu->x[0];
    const char *name = "unknown";
    int64_t ret = PSCI_RET_NOT_SUPPORTED;

    for (size_t i = 0; i < sizeof psci_calls / sizeof psci_calls[0]; i++) {
        if (psci_calls[i].id == id) {
            name = psci_calls[i].name;
            ret = psci_calls[i].fn(cpu);
            break;
        }
    }
    if (log_enabled(LOG_MASK(psci))) {
        log_printf("cpu%d: psci %s (0x%08x) x1=0x%" PRIx64 " x2=0x%" PRIx64 " x3=0x%" PRIx64
                   " -> %" PRId64 "\n", cpu->index, name, id, cpu->x[1], cpu->x[2], cpu->x[3], ret);
    }
    cpu->x[0] = (uint64_t)ret;
    return true;
}
