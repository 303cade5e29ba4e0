/* The generic timers of one vCPU (Arm ARM D11 "The Generic Timer in
 * AArch64 state"): the EL1 physical timer (CNTP_*, PPI 30 on virt) and the
 * virtual timer (CNTV_*, PPI 27), each a comparator on the counter with a
 * level-sensitive interrupt output, plus the CNTKCTL_EL1 event stream.
 * There is no EL2 or EL3, so the hypervisor (PPI 26) and secure (PPI 29)
 * timers have no registers and their lines never rise.
 *
 * CTL and CVAL live in ArmSysregs (cntp_ctl_el0...); this file keeps the
 * output levels and the host-time deadlines at which an output will rise,
 * so the scheduler can check cheaply between quanta and sleep exactly
 * until the next one when every vCPU is halted. Times are virtual-clock ns
 * (emu/clock.h); INT64_MAX means "never". See docs/interrupts.md. */
#ifndef TARGET_ARM_TIMER_H
#define TARGET_ARM_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/irq.h"

struct ArmCpu;

typedef enum ArmTimerId {
    ARM_TIMER_PHYS,        /* CNTP_*: EL1 physical timer */
    ARM_TIMER_VIRT,        /* CNTV_*: virtual timer */
    ARM_TIMER_NUM
} ArmTimerId;

/* CNTP_CTL_EL0 / CNTV_CTL_EL0 (D13.8.x): ISTATUS is read-only. */
#define ARM_CNT_CTL_ENABLE   (1ull << 0)
#define ARM_CNT_CTL_IMASK    (1ull << 1)
#define ARM_CNT_CTL_ISTATUS  (1ull << 2)

/* CNTKCTL_EL1 fields (D13.8 CNTKCTL_EL1). */
#define ARM_CNTKCTL_EL0PCTEN (1ull << 0)   /* EL0 reads CNTPCT (and CNTFRQ) */
#define ARM_CNTKCTL_EL0VCTEN (1ull << 1)   /* EL0 reads CNTVCT (and CNTFRQ) */
#define ARM_CNTKCTL_EVNTEN   (1ull << 2)   /* event stream on */
#define ARM_CNTKCTL_EVNTDIR  (1ull << 3)   /* 1: on a 1->0 transition of the bit */
#define ARM_CNTKCTL_EVNTI(k) ((unsigned)((k) >> 4) & 0xf)   /* which CNTVCT bit */
#define ARM_CNTKCTL_EL0VTEN  (1ull << 8)   /* EL0 accesses CNTV_* */
#define ARM_CNTKCTL_EL0PTEN  (1ull << 9)   /* EL0 accesses CNTP_* */

#define ARM_TIMER_NEVER INT64_MAX

typedef struct ArmTimers {
    IrqLine irq[ARM_TIMER_NUM];      /* wired by the board to this CPU's PPIs */
    bool level[ARM_TIMER_NUM];       /* what irq[] was last set to */
    int64_t deadline[ARM_TIMER_NUM]; /* when the output will rise (ns); NEVER */
    int64_t evt_next;                /* next event-stream event (ns); NEVER */
} ArmTimers;

/* ---- arithmetic (pure; count = the timer's own counter value) ---- */

/* Counter ticks <-> virtual-clock ns (ARM_CNTFRQ_HZ: 16 ns per tick). */
uint64_t arm_ns_to_ticks(int64_t ns);
/* INT64_MAX if the tick count is beyond the clock's range. */
int64_t arm_ticks_to_ns(uint64_t ticks);

/* TimerConditionMet: count - CVAL >= 0 as an unsigned compare, i.e.
 * CVAL <= count (D11.2.4). */
bool arm_timer_met(uint64_t cval, uint64_t count);
/* A TVAL read: (CVAL - count)[31:0], bits 63:32 RES0; software reads it as
 * a signed 32-bit value (negative once the condition is met). */
uint64_t arm_timer_tval(uint64_t cval, uint64_t count);
/* A TVAL write: CVAL = count + SignExtend(TVAL[31:0]). */
uint64_t arm_timer_cval_from_tval(uint64_t tval, uint64_t count);
/* A CTL read: the stored ENABLE/IMASK with ISTATUS = ENABLE && met. */
uint64_t arm_timer_ctl_value(uint64_t ctl, uint64_t cval, uint64_t count);
/* The interrupt output: ENABLE && ISTATUS && !IMASK. */
bool arm_timer_output(uint64_t ctl, uint64_t cval, uint64_t count);
/* When (ns) the output of a timer whose counter is pct - offset will rise,
 * given the physical count pct now: ARM_TIMER_NEVER if it is disabled,
 * masked, already asserted, or due beyond the clock's range. */
int64_t arm_timer_deadline(uint64_t ctl, uint64_t cval, uint64_t offset, uint64_t pct);
/* The first count after `count` at which CNTVCT bit `bit` makes the event
 * stream's transition (0->1, or 1->0 with `falling`): the stream has a
 * period of 2^(bit+1) counts. */
uint64_t arm_evtstrm_next(uint64_t count, unsigned bit, bool falling);

/* ---- per vCPU ---- */

/* The counter a timer compares with, now: CNTPCT, or CNTVCT = CNTPCT -
 * CNTVOFF_EL2 (0 without EL2). */
uint64_t arm_timer_count(const struct ArmCpu *cpu, ArmTimerId t);
/* Re-evaluate outputs (raising/lowering the lines that changed), the
 * deadlines and the event stream after a register write or reset. */
void arm_timer_update(struct ArmCpu *cpu);
/* Between quanta: act on whatever is due at `now` (an output rising, an
 * event-stream event: sets the event register and ends a WFE halt). */
void arm_timer_poll(struct ArmCpu *cpu, int64_t now);
/* The earliest time this vCPU needs attention while halted: its timer
 * deadlines, and the event stream if it is halted in WFE. */
int64_t arm_timer_wake_deadline(const struct ArmCpu *cpu);

#endif
