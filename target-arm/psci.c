/* PSCI 1.1 (Arm DEN0022 D.b): one small function per call, answered in
 * the emulator. The machine has no EL2 or EL3, so every call comes from
 * EL1 and a CPU that PSCI starts runs at EL1 (DEN0022 6.4.3 "the same
 * Exception level as the caller").
 *
 * Power states (docs/psci.md): a vCPU is OFF, ON_PENDING (CPU_ON accepted,
 * it has not run yet) or ON. CPU_ON is answered at once; the target
 * becomes ON when the scheduler first runs it, so a CPU_ON racing with
 * another for the same target gets ON_PENDING or ALREADY_ON. */
#include "target-arm/psci.h"

#include <inttypes.h>

#include "emu/log.h"
#include "emu/memory.h"
#include "target-arm/arm-jit.h"

typedef struct PsciArgs {
    uint64_t a1, a2, a3;    /* x1..x3, truncated to 32 bits for SMC32 IDs */
} PsciArgs;

typedef int64_t (*PsciFn)(ArmCpu *cpu, const PsciArgs *a);

/* 5.1.1 PSCI_VERSION: major in bits 31:16, minor in 15:0. */
static int64_t psci_version(ArmCpu *cpu, const PsciArgs *a)
{
    return (1 << 16) | 1;
}

/* The vCPU whose MPIDR affinity is mpidr, or NULL. Bits outside the
 * affinity fields must be zero (5.1.4: "INVALID_PARAMETERS ... the
 * target_cpu is not valid"). */
static ArmCpu *cpu_by_mpidr(uint64_t mpidr)
{
    if (mpidr & ~MPIDR_AFF_MASK) {
        return NULL;
    }
    for (int i = 0; i < arm_jit_cpu_count(); i++) {
        ArmCpu *c = arm_jit_cpu(i);
        if ((c->mpidr & MPIDR_AFF_MASK) == mpidr) {
            return c;
        }
    }
    return NULL;
}

/* An entry point a CPU can start at: aligned, in RAM or ROM (5.1.4
 * INVALID_ADDRESS: "the entry point address is known to be invalid"). */
static bool entry_valid(const ArmCpu *cpu, uint64_t entry)
{
    return !(entry & 3) && as_ram_ptr(cpu->as, entry, 4) != NULL;
}

/* Leave the current block: the caller's power state changed under it. */
static void stop_running(ArmCpu *cpu)
{
    cpu->jit.exit_request = 1;
}

/* 5.1.2 CPU_SUSPEND(power_state, entry_point, context_id), with the
 * original power_state format (PSCI_FEATURES says so): bit 16 StateType,
 * 0 = standby (returns like WFI when an interrupt wakes the CPU),
 * 1 = power down (the CPU resumes at entry_point with context_id in x0,
 * in the CPU_ON entry state). Both wake on a pending interrupt, whatever
 * PSTATE masks say, as WFI does. */
static int64_t psci_cpu_suspend(ArmCpu *cpu, const PsciArgs *a)
{
    bool powerdown = (a->a1 >> 16) & 1;

    if (a->a1 & ~0x0301ffffull) {
        return PSCI_RET_INVALID_PARAMS;   /* reserved bits of the format */
    }
    if (powerdown) {
        if (!entry_valid(cpu, a->a2)) {
            return PSCI_RET_INVALID_ADDRESS;
        }
        cpu->resume_pending = true;
        cpu->resume_entry = a->a2;
        cpu->resume_ctx = a->a3;
    }
    cpu->halted = true;
    cpu->halted_wfe = false;
    stop_running(cpu);
    return PSCI_RET_SUCCESS;
}

/* 5.1.3 CPU_OFF: the caller powers down and does not return. Interrupts
 * no longer wake it; only CPU_ON does. */
static int64_t psci_cpu_off(ArmCpu *cpu, const PsciArgs *a)
{
    cpu->power = ARM_POWER_OFF;
    cpu->halted = false;
    cpu->resume_pending = false;
    stop_running(cpu);
    if (cpu->mops && cpu->mops->power_changed) {
        cpu->mops->power_changed(cpu);
    }
    return PSCI_RET_SUCCESS;
}

/* 5.1.4 CPU_ON(target_cpu, entry_point_address, context_id). */
static int64_t psci_cpu_on(ArmCpu *cpu, const PsciArgs *a)
{
    ArmCpu *t = cpu_by_mpidr(a->a1);

    if (!t) {
        return PSCI_RET_INVALID_PARAMS;
    }
    if (t->power == ARM_POWER_ON) {
        return PSCI_RET_ALREADY_ON;
    }
    if (t->power == ARM_POWER_ON_PENDING) {
        return PSCI_RET_ON_PENDING;
    }
    if (!entry_valid(cpu, a->a2)) {
        return PSCI_RET_INVALID_ADDRESS;
    }
    /* 6.4.3: the entry state is the reset state (MMU and caches off,
     * DAIF masked, SP_EL1 selected) with x0 = context_id */
    arm_cpu_power_on(t, a->a2, a->a3);
    t->power = ARM_POWER_ON_PENDING;
    if (t->mops && t->mops->power_changed) {
        t->mops->power_changed(t);
    }
    return PSCI_RET_SUCCESS;
}

static int power_rank(ArmPowerState p)
{
    /* how "on" a group is: any ON CPU makes it ON, else any ON_PENDING */
    return p == ARM_POWER_ON ? 2 : p == ARM_POWER_ON_PENDING ? 1 : 0;
}

/* 5.1.5 AFFINITY_INFO(target_affinity, lowest_affinity_level): the state
 * of the node at that level, ON if any CPU below it is on. Levels 0-3
 * exist on the virt board (Aff3 is always 0 but a valid level). */
static int64_t psci_affinity_info(ArmCpu *cpu, const PsciArgs *a)
{
    static const uint64_t level_mask[] = { 0xff00ffffffull, 0xff00ffff00ull, 0xff00ff0000ull,
                                           0xff00000000ull };
    uint64_t level = a->a2, mask;
    int best = -1;

    if (level > 3 || (a->a1 & ~MPIDR_AFF_MASK)) {
        return PSCI_RET_INVALID_PARAMS;
    }
    mask = level_mask[level];
    for (int i = 0; i < arm_jit_cpu_count(); i++) {
        ArmCpu *c = arm_jit_cpu(i);
        if ((c->mpidr & mask) == (a->a1 & mask)) {
            int r = power_rank(c->power);
            best = r > best ? r : best;
        }
    }
    switch (best) {
    case -1:
        return PSCI_RET_INVALID_PARAMS;    /* no such node */
    case 2:
        return PSCI_AFF_ON;
    case 1:
        return PSCI_AFF_ON_PENDING;
    default:
        return PSCI_AFF_OFF;
    }
}

/* 5.1.7 MIGRATE_INFO_TYPE: 2 = no Trusted OS, nothing to migrate (which
 * also makes MIGRATE and MIGRATE_INFO_UP_CPU unnecessary: NOT_SUPPORTED). */
static int64_t psci_migrate_info_type(ArmCpu *cpu, const PsciArgs *a)
{
    return 2;
}

static void system_event(ArmCpu *cpu, ArmSystemEvent ev)
{
    if (cpu->mops && cpu->mops->system_event) {
        cpu->mops->system_event(cpu, ev);
    }
    stop_running(cpu);
}

/* 5.1.9 SYSTEM_OFF: does not return. */
static int64_t psci_system_off(ArmCpu *cpu, const PsciArgs *a)
{
    system_event(cpu, ARM_SYSTEM_OFF);
    return PSCI_RET_SUCCESS;
}

/* 5.1.10 SYSTEM_RESET: a cold reset of the whole system. */
static int64_t psci_system_reset(ArmCpu *cpu, const PsciArgs *a)
{
    system_event(cpu, ARM_SYSTEM_RESET);
    return PSCI_RET_SUCCESS;
}

/* 5.1.11 SYSTEM_RESET2(reset_type, cookie): bit 31 clear selects an
 * architectural reset, of which only 0 (SYSTEM_WARM_RESET) is defined;
 * there are no vendor-specific types. armlet's warm reset is its reset:
 * the board has no state that a warm reset would keep. */
static int64_t psci_system_reset2(ArmCpu *cpu, const PsciArgs *a)
{
    if ((uint32_t)a->a1 != 0) {
        return PSCI_RET_INVALID_PARAMS;
    }
    system_event(cpu, ARM_SYSTEM_RESET);
    return PSCI_RET_SUCCESS;
}

/* 5.1.19 SYSTEM_SUSPEND(entry_point, context_id): only the last CPU on
 * may suspend the system (DENIED otherwise); it is then the power-down
 * form of CPU_SUSPEND, woken by any interrupt. */
static int64_t psci_system_suspend(ArmCpu *cpu, const PsciArgs *a)
{
    for (int i = 0; i < arm_jit_cpu_count(); i++) {
        ArmCpu *c = arm_jit_cpu(i);
        if (c != cpu && c->power != ARM_POWER_OFF) {
            return PSCI_RET_DENIED;
        }
    }
    return psci_cpu_suspend(cpu, &(PsciArgs){ 1u << 16, a->a1, a->a2 });
}

static int64_t psci_features(ArmCpu *cpu, const PsciArgs *a);

/* Which IDs a call answers to: SMC32 only, or both conventions (the calls
 * with an address or MPIDR argument, 5.1 Table 5). */
enum { CONV32 = 1, CONV64 = 2, BOTH = 3 };

static const struct {
    uint8_t fn;
    uint8_t conv;
    const char *name;
    PsciFn handler;
} psci_calls[] = {
    { PSCI_VERSION, CONV32, "PSCI_VERSION", psci_version },
    { PSCI_CPU_SUSPEND, BOTH, "CPU_SUSPEND", psci_cpu_suspend },
    { PSCI_CPU_OFF, CONV32, "CPU_OFF", psci_cpu_off },
    { PSCI_CPU_ON, BOTH, "CPU_ON", psci_cpu_on },
    { PSCI_AFFINITY_INFO, BOTH, "AFFINITY_INFO", psci_affinity_info },
    { PSCI_MIGRATE_INFO_TYPE, CONV32, "MIGRATE_INFO_TYPE", psci_migrate_info_type },
    { PSCI_SYSTEM_OFF, CONV32, "SYSTEM_OFF", psci_system_off },
    { PSCI_SYSTEM_RESET, CONV32, "SYSTEM_RESET", psci_system_reset },
    { PSCI_FEATURES, CONV32, "PSCI_FEATURES", psci_features },
    { PSCI_SYSTEM_SUSPEND, BOTH, "SYSTEM_SUSPEND", psci_system_suspend },
    { PSCI_SYSTEM_RESET2, BOTH, "SYSTEM_RESET2", psci_system_reset2 },
};

/* The table entry for fid, or -1. */
static int psci_lookup(uint32_t fid)
{
    if ((fid & 0xbfffffe0u) != 0x84000000u) {
        return -1;   /* not a fast call of the PSCI range (0x00-0x1f) */
    }
    for (size_t i = 0; i < sizeof psci_calls / sizeof psci_calls[0]; i++) {
        if (psci_calls[i].fn == (fid & 0x1f)) {
            unsigned need = fid & SMCCC_64 ? CONV64 : CONV32;
            return psci_calls[i].conv & need ? (int)i : -1;
        }
    }
    return -1;
}

int64_t arm_psci_features(uint32_t fid)
{
    int i;

    /* SMCCC_VERSION is discovered through PSCI_FEATURES (DEN0028 7.3.1) */
    if (fid == SMCCC_VERSION) {
        return PSCI_RET_SUCCESS;
    }
    i = psci_lookup(fid);
    if (i < 0) {
        return PSCI_RET_NOT_SUPPORTED;
    }
    /* 5.1.14: for CPU_SUSPEND, bit 1 = 0 is the original power_state
     * format and bit 0 = 0 no OS-initiated mode */
    return 0;
}

/* 5.1.14 PSCI_FEATURES(psci_func_id). */
static int64_t psci_features(ArmCpu *cpu, const PsciArgs *a)
{
    return arm_psci_features((uint32_t)a->a1);
}

bool arm_psci_call(ArmCpu *cpu, uint32_t fid)
{
    int i = psci_lookup(fid);
    PsciArgs a = { cpu->x[1], cpu->x[2], cpu->x[3] };
    int64_t ret;

    if ((fid & 0xbfffffe0u) != 0x84000000u) {
        return false;
    }
    if (!(fid & SMCCC_64)) {
        /* SMC32: "the upper 32 bits of the parameter registers are
         * ignored" (DEN0028 2.6) */
        a.a1 = (uint32_t)a.a1;
        a.a2 = (uint32_t)a.a2;
        a.a3 = (uint32_t)a.a3;
    }
    ret = i < 0 ? PSCI_RET_NOT_SUPPORTED : psci_calls[i].handler(cpu, &a);
    if (log_enabled(LOG_MASK(psci))) {
        log_printf("psci %s (0x%08x) x1=0x%" PRIx64 " x2=0x%" PRIx64 " x3=0x%" PRIx64
                   " -> %" PRId64 "\n", i < 0 ? "unknown" : psci_calls[i].name, fid,
                   a.a1, a.a2, a.a3, ret);
    }
    if (trace_active) {
        trace_psci(cpu->index, i < 0 ? "PSCI unknown" : psci_calls[i].name, fid, a.a1, a.a2,
                   a.a3, ret);
    }
    cpu->x[0] = (uint64_t)ret;
    return true;
}
