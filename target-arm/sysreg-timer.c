/* The generic counter as system registers (Arm ARM D11 "The Generic
 * Timer", D13.8): CNTFRQ_EL0, CNTPCT_EL0, CNTVCT_EL0 and CNTKCTL_EL1. The
 * timers themselves (CNTP_*, CNTV_*) belong to the interrupt work and are
 * not listed yet, so accessing them is UNDEFINED for now.
 *
 * The count is host monotonic time at 62.5 MHz (QEMU virt's CNTFRQ), so a
 * guest can delay; CNTVOFF is 0 without EL2, so the virtual count equals
 * the physical one. */
#include "target-arm/sysreg-internal.h"

#include <time.h>

#include "target-arm/exception.h"

/* CNTKCTL_EL1 bits gating EL0 (CNTKCTL_EL1 register description). */
#define CNTKCTL_EL0PCTEN (1ull << 0)
#define CNTKCTL_EL0VCTEN (1ull << 1)

uint64_t arm_counter_now(void)
{
    static uint64_t base;
    struct timespec ts;
    uint64_t ns;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    if (!base) {
        base = ns;
    }
    /* 62.5 MHz = one tick per 16 ns */
    return (ns - base) / (1000000000ull / ARM_CNTFRQ_HZ);
}

/* EL0 reads of CNTPCT/CNTVCT need EL0PCTEN/EL0VCTEN; CNTFRQ needs either
 * (D11.2.1 "Accessing the timer registers"); otherwise trapped, EC 0x18. */
static ArmSysregAccess counter_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    uint64_t k = cpu->sr.cntkctl_el1;
    uint64_t need;

    if (cpu->el != 0) {
        return SR_OK;
    }
    switch (ARM_SYSREG_OP2(ri->key)) {
    case 0: need = CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN; break;  /* CNTFRQ */
    case 1: need = CNTKCTL_EL0PCTEN; break;                     /* CNTPCT */
    default: need = CNTKCTL_EL0VCTEN; break;                    /* CNTVCT */
    }
    return (k & need) ? SR_OK : SR_TRAP;
}

static uint64_t counter_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    /* CNTVCT = CNTPCT - CNTVOFF_EL2, and CNTVOFF is 0 without EL2 */
    return arm_counter_now();
}

static const ArmSysregInfo timer_rows[] = {
    /* CNTFRQ_EL0 is writable at the highest implemented EL, EL1 here. */
    { .name = "CNTFRQ_EL0", .key = ARM_SYSREG(3, 3, 14, 0, 0), .access = SR_R0 | SR_RW1,
      .offset = (int32_t)offsetof(ArmCpu, sr.cntfrq_el0), .reset = ARM_CNTFRQ_HZ,
      .res0 = 0xffffffff00000000ull, .check = counter_check },
    SR_HOOK("CNTPCT_EL0", 3, 3, 14, 0, 1, SR_R0 | SR_R1, counter_check, counter_read, NULL),
    SR_HOOK("CNTVCT_EL0", 3, 3, 14, 0, 2, SR_R0 | SR_R1, counter_check, counter_read, NULL),
    /* CNTKCTL_EL1: EL0PCTEN, EL0VCTEN, EVNTEN, EVNTDIR, EVNTI, EL0VTEN,
     * EL0PTEN (bits 9:0) */
    SR_STORE("CNTKCTL_EL1", 3, 0, 14, 1, 0, SR_RW1, cntkctl_el1, 0, ~0x3ffull),
};
SR_GROUP(arm_sysregs_timer, timer_rows);
