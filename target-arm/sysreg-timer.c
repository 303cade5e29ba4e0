/* The generic counter and timers as system registers (Arm ARM D11 "The
 * Generic Timer", D13.8): CNTFRQ_EL0, CNTPCT_EL0, CNTVCT_EL0, CNTKCTL_EL1,
 * and the EL1 physical and virtual timers CNTP_{CTL,CVAL,TVAL}_EL0 and
 * CNTV_{CTL,CVAL,TVAL}_EL0. The timer arithmetic and interrupt outputs are
 * in timer.c; writes here re-evaluate them.
 *
 * The count is the virtual clock (host monotonic time, emu/clock.h) at
 * 62.5 MHz (QEMU virt's CNTFRQ), so a guest can delay; CNTVOFF is 0
 * without EL2, so the virtual count equals the physical one. */
#include "target-arm/sysreg-internal.h"

#include "emu/clock.h"
#include "target-arm/exception.h"

uint64_t arm_counter_now(void)
{
    return arm_ns_to_ticks(clock_now_ns());
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
    case 0: need = ARM_CNTKCTL_EL0PCTEN | ARM_CNTKCTL_EL0VCTEN; break;  /* CNTFRQ */
    case 1: need = ARM_CNTKCTL_EL0PCTEN; break;                         /* CNTPCT */
    default: need = ARM_CNTKCTL_EL0VCTEN; break;                        /* CNTVCT */
    }
    return (k & need) ? SR_OK : SR_TRAP;
}

static uint64_t counter_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    /* CNTVCT = CNTPCT - CNTVOFF_EL2 */
    return arm_timer_count(cpu, ARM_SYSREG_OP2(ri->key) == 1 ? ARM_TIMER_PHYS : ARM_TIMER_VIRT);
}

/* CNTKCTL_EL1: the event-stream fields change the next event. */
static void cntkctl_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    cpu->sr.cntkctl_el1 = v;
    arm_timer_update(cpu);
}

/* ---- the timers: CRm 2 = physical (CNTP_*), CRm 3 = virtual (CNTV_*) ---- */

static ArmTimerId timer_of(const ArmSysregInfo *ri)
{
    return ARM_SYSREG_CRM(ri->key) == 2 ? ARM_TIMER_PHYS : ARM_TIMER_VIRT;
}

static uint64_t *ctl_of(ArmCpu *cpu, ArmTimerId t)
{
    return t == ARM_TIMER_PHYS ? &cpu->sr.cntp_ctl_el0 : &cpu->sr.cntv_ctl_el0;
}

static uint64_t *cval_of(ArmCpu *cpu, ArmTimerId t)
{
    return t == ARM_TIMER_PHYS ? &cpu->sr.cntp_cval_el0 : &cpu->sr.cntv_cval_el0;
}

/* EL0 access to CNTP_* needs CNTKCTL_EL1.EL0PTEN, to CNTV_* EL0VTEN, else
 * the access traps to EL1 with EC 0x18 (CNTP_CTL_EL0 etc. "Accessing"). */
static ArmSysregAccess timer_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    uint64_t need = timer_of(ri) == ARM_TIMER_PHYS ? ARM_CNTKCTL_EL0PTEN : ARM_CNTKCTL_EL0VTEN;

    if (cpu->el != 0) {
        return SR_OK;
    }
    return (cpu->sr.cntkctl_el1 & need) ? SR_OK : SR_TRAP;
}

static uint64_t ctl_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    ArmTimerId t = timer_of(ri);

    return arm_timer_ctl_value(*ctl_of(cpu, t), *cval_of(cpu, t), arm_timer_count(cpu, t));
}

/* ISTATUS is read-only: the row's res0 keeps only ENABLE and IMASK. */
static void ctl_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    *ctl_of(cpu, timer_of(ri)) = v;
    arm_timer_update(cpu);
}

static void cval_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    *cval_of(cpu, timer_of(ri)) = v;
    arm_timer_update(cpu);
}

static uint64_t tval_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    ArmTimerId t = timer_of(ri);

    return arm_timer_tval(*cval_of(cpu, t), arm_timer_count(cpu, t));
}

static void tval_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    ArmTimerId t = timer_of(ri);

    *cval_of(cpu, t) = arm_timer_cval_from_tval(v, arm_timer_count(cpu, t));
    arm_timer_update(cpu);
}

/* CTL and CVAL have storage (reset: disabled, CVAL 0) and hooks; TVAL is
 * computed. ENABLE resets to 0 on a warm reset; CVAL is UNKNOWN, 0 here. */
#define TIMER_ROWS(pfx, crm, ctl_field, cval_field)                                     \
    { .name = pfx "_TVAL_EL0", .key = ARM_SYSREG(3, 3, 14, crm, 0), .access = SR_RW01,  \
      .offset = -1, .check = timer_check, .read = tval_read, .write = tval_write },      \
    { .name = pfx "_CTL_EL0", .key = ARM_SYSREG(3, 3, 14, crm, 1), .access = SR_RW01,   \
      .offset = (int32_t)offsetof(ArmCpu, sr.ctl_field), .res0 = ~3ull,                  \
      .check = timer_check, .read = ctl_read, .write = ctl_write },                      \
    { .name = pfx "_CVAL_EL0", .key = ARM_SYSREG(3, 3, 14, crm, 2), .access = SR_RW01,  \
      .offset = (int32_t)offsetof(ArmCpu, sr.cval_field), .check = timer_check,          \
      .write = cval_write }

static const ArmSysregInfo timer_rows[] = {
    /* CNTFRQ_EL0 is writable at the highest implemented EL, EL1 here. */
    { .name = "CNTFRQ_EL0", .key = ARM_SYSREG(3, 3, 14, 0, 0), .access = SR_R0 | SR_RW1,
      .offset = (int32_t)offsetof(ArmCpu, sr.cntfrq_el0), .reset = ARM_CNTFRQ_HZ,
      .res0 = 0xffffffff00000000ull, .check = counter_check },
    SR_HOOK("CNTPCT_EL0", 3, 3, 14, 0, 1, SR_R0 | SR_R1, counter_check, counter_read, NULL),
    SR_HOOK("CNTVCT_EL0", 3, 3, 14, 0, 2, SR_R0 | SR_R1, counter_check, counter_read, NULL),
    /* CNTKCTL_EL1: EL0PCTEN, EL0VCTEN, EVNTEN, EVNTDIR, EVNTI, EL0VTEN,
     * EL0PTEN (bits 9:0) */
    { .name = "CNTKCTL_EL1", .key = ARM_SYSREG(3, 0, 14, 1, 0), .access = SR_RW1,
      .offset = (int32_t)offsetof(ArmCpu, sr.cntkctl_el1), .res0 = ~0x3ffull,
      .write = cntkctl_write },
    TIMER_ROWS("CNTP", 2, cntp_ctl_el0, cntp_cval_el0),
    TIMER_ROWS("CNTV", 3, cntv_ctl_el0, cntv_cval_el0),
};
SR_GROUP(arm_sysregs_timer, timer_rows);
