/* The generic timers of a vCPU: comparator arithmetic, output levels into
 * the interrupt controller, and the deadlines the scheduler sleeps until
 * (Arm ARM D11.2 "The AArch64 view of the Generic Timer"; register
 * semantics from the CNTP_CTL/CVAL/TVAL_EL0 and CNTKCTL_EL1 descriptions).
 *
 * Outputs are re-evaluated when a timer register is written (sysreg-timer.c)
 * and when time passes a deadline (arm_timer_poll, called between quanta).
 * An output can only rise with time; it falls only through a register
 * write, so no deadline is kept for an asserted output. */
#include "target-arm/timer.h"

#include "emu/clock.h"
#include "target-arm/cpu.h"

#define NS_PER_TICK ((int64_t)(1000000000ull / ARM_CNTFRQ_HZ))
_Static_assert(1000000000ull % ARM_CNTFRQ_HZ == 0, "a tick is a whole number of ns");

uint64_t arm_ns_to_ticks(int64_t ns)
{
    return ns <= 0 ? 0 : (uint64_t)(ns / NS_PER_TICK);
}

int64_t arm_ticks_to_ns(uint64_t ticks)
{
    if (ticks > (uint64_t)(INT64_MAX / NS_PER_TICK)) {
        return ARM_TIMER_NEVER;
    }
    return (int64_t)ticks * NS_PER_TICK;
}

bool arm_timer_met(uint64_t cval, uint64_t count)
{
    return cval <= count;
}

uint64_t arm_timer_tval(uint64_t cval, uint64_t count)
{
    return (uint32_t)(cval - count);
}

uint64_t arm_timer_cval_from_tval(uint64_t tval, uint64_t count)
{
    return count + (uint64_t)(int64_t)(int32_t)(uint32_t)tval;
}

uint64_t arm_timer_ctl_value(uint64_t ctl, uint64_t cval, uint64_t count)
{
    ctl &= ARM_CNT_CTL_ENABLE | ARM_CNT_CTL_IMASK;
    /* ISTATUS is UNKNOWN while the timer is disabled; armlet reads 0 */
    if ((ctl & ARM_CNT_CTL_ENABLE) && arm_timer_met(cval, count)) {
        ctl |= ARM_CNT_CTL_ISTATUS;
    }
    return ctl;
}

bool arm_timer_output(uint64_t ctl, uint64_t cval, uint64_t count)
{
    return (ctl & ARM_CNT_CTL_ENABLE) && !(ctl & ARM_CNT_CTL_IMASK) &&
           arm_timer_met(cval, count);
}

int64_t arm_timer_deadline(uint64_t ctl, uint64_t cval, uint64_t offset, uint64_t pct)
{
    uint64_t count = pct - offset, target;

    if (!(ctl & ARM_CNT_CTL_ENABLE) || (ctl & ARM_CNT_CTL_IMASK) || arm_timer_met(cval, count)) {
        return ARM_TIMER_NEVER;
    }
    /* the physical count at which this counter reaches CVAL */
    target = pct + (cval - count);
    if (target < pct) {
        return ARM_TIMER_NEVER;
    }
    return arm_ticks_to_ns(target);
}

uint64_t arm_evtstrm_next(uint64_t count, unsigned bit, bool falling)
{
    /* bit n rises at counts = 2^n (mod 2^(n+1)) and falls at 0 (mod 2^(n+1)) */
    uint64_t period = 2ull << bit, phase = falling ? 0 : 1ull << bit;

    if (count < phase) {
        return phase;
    }
    return ((count - phase) / period + 1) * period + phase;
}

/* ---- per vCPU ---- */

static uint64_t timer_ctl(const ArmCpu *cpu, ArmTimerId t)
{
    return t == ARM_TIMER_PHYS ? cpu->sr.cntp_ctl_el0 : cpu->sr.cntv_ctl_el0;
}

static uint64_t timer_cval(const ArmCpu *cpu, ArmTimerId t)
{
    return t == ARM_TIMER_PHYS ? cpu->sr.cntp_cval_el0 : cpu->sr.cntv_cval_el0;
}

/* CNTVOFF_EL2 applies to the virtual timer and counter (D11.2.2). */
static uint64_t timer_offset(const ArmCpu *cpu, ArmTimerId t)
{
    return t == ARM_TIMER_VIRT ? cpu->sr.cntvoff_el2 : 0;
}

uint64_t arm_timer_count(const ArmCpu *cpu, ArmTimerId t)
{
    return arm_counter_now() - timer_offset(cpu, t);
}

/* An event-stream event: sets the event register (D11.2.3), which is also
 * a WFE wake-up event (D1.16.1). A vCPU halted in WFI stays halted. */
static void signal_event(ArmCpu *cpu)
{
    cpu->event = true;
    if (cpu->halted && cpu->halted_wfe) {
        cpu->halted = false;
    }
}

static void update_at(ArmCpu *cpu, int64_t now)
{
    ArmTimers *tm = &cpu->timers;
    uint64_t pct = arm_ns_to_ticks(now), k = cpu->sr.cntkctl_el1;

    for (int t = 0; t < ARM_TIMER_NUM; t++) {
        uint64_t ctl = timer_ctl(cpu, t), cval = timer_cval(cpu, t), off = timer_offset(cpu, t);
        bool level = arm_timer_output(ctl, cval, pct - off);

        tm->deadline[t] = level ? ARM_TIMER_NEVER : arm_timer_deadline(ctl, cval, off, pct);
        if (level != tm->level[t]) {
            tm->level[t] = level;
            irq_set(&tm->irq[t], level);
        }
    }
    if (k & ARM_CNTKCTL_EVNTEN) {
        /* the stream runs on CNTVCT (CNTKCTL_EL1.EVNTI) */
        uint64_t vct = pct - cpu->sr.cntvoff_el2;
        uint64_t next = arm_evtstrm_next(vct, ARM_CNTKCTL_EVNTI(k), k & ARM_CNTKCTL_EVNTDIR);

        if (tm->evt_next <= now) {
            signal_event(cpu);
        }
        tm->evt_next = arm_ticks_to_ns(pct + (next - vct));
    } else {
        tm->evt_next = ARM_TIMER_NEVER;
    }
}

void arm_timer_update(ArmCpu *cpu)
{
    update_at(cpu, clock_now_ns());
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

void arm_timer_poll(ArmCpu *cpu, int64_t now)
{
    const ArmTimers *tm = &cpu->timers;
    int64_t due = min64(min64(tm->deadline[ARM_TIMER_PHYS], tm->deadline[ARM_TIMER_VIRT]),
                        tm->evt_next);

    /* An asserted output is re-checked too: it stays high after a CPU
     * reset (arm_cpu_reset clears CTL without calling back here) until
     * this notices. Cheap, and only while a line is high. */
    if (now >= due || tm->level[ARM_TIMER_PHYS] || tm->level[ARM_TIMER_VIRT]) {
        update_at(cpu, now);
    }
}

int64_t arm_timer_wake_deadline(const ArmCpu *cpu)
{
    const ArmTimers *tm = &cpu->timers;
    int64_t d = min64(tm->deadline[ARM_TIMER_PHYS], tm->deadline[ARM_TIMER_VIRT]);

    /* events only end a WFE; a vCPU in WFI sees them when it next runs */
    if (cpu->halted && cpu->halted_wfe) {
        d = min64(d, tm->evt_next);
    }
    return d;
}
