/* The virtual clock (host monotonic time, or instruction-driven in
 * deterministic mode) and the deadline computation across vCPUs that lets
 * the scheduler sleep instead of polling timers (emu/clock.h). */
#include "emu/clock.h"

#include <time.h>

#include "emu/clock_timer.h"
#include "emu/main_loop.h"
#include "emu/virt.h"
#include "target-arm/cpu.h"
#include "target-arm/timer.h"

static int icount_shift = -1;
static bool icount_sleep;
static int64_t icount_skipped;        /* idle ns jumped over */
static uint64_t icount_retired;       /* instructions of finished turns */
static const ArmCpu *turn_cpu;        /* running now, or NULL */
static uint64_t turn_base;            /* its arm_cpu_icount at turn start */

void clock_set_icount(int shift, bool sleep)
{
    icount_shift = shift;
    icount_sleep = sleep;
}

bool clock_deterministic(void)
{
    return icount_shift >= 0;
}

void clock_turn_begin(ArmCpu *cpu)
{
    turn_cpu = cpu;
    turn_base = arm_cpu_icount(cpu);
}

void clock_turn_end(void)
{
    if (turn_cpu) {
        icount_retired += arm_cpu_icount(turn_cpu) - turn_base;
        turn_cpu = NULL;
    }
}

static int64_t host_now_ns(void)
{
    static int64_t base = -1;
    struct timespec ts;
    int64_t ns;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    if (base < 0) {
        base = ns;
    }
    return ns - base;
}

int64_t clock_now_ns(void)
{
    uint64_t n;

    if (icount_shift < 0) {
        return host_now_ns();
    }
    n = icount_retired + (turn_cpu ? arm_cpu_icount(turn_cpu) - turn_base : 0);
    return (int64_t)(n << icount_shift) + icount_skipped;
}

void clock_run_timers(Machine *m)
{
    int64_t now = clock_now_ns();

    for (int i = 0; i < m->ncpus; i++) {
        if (arm_cpu_is_on(m->cpus[i])) {
            arm_timer_poll(m->cpus[i], now);
        }
    }
    clock_timers_run(m->clock_timers, now);
}

int64_t clock_next_deadline(Machine *m)
{
    int64_t earliest = clock_timers_earliest(m->clock_timers);

    for (int i = 0; i < m->ncpus; i++) {
        if (arm_cpu_is_on(m->cpus[i])) {
            int64_t d = arm_timer_wake_deadline(m->cpus[i]);
            earliest = d < earliest ? d : earliest;
        }
    }
    return earliest;
}

int64_t clock_idle_timeout_ns(Machine *m)
{
    int64_t earliest = clock_next_deadline(m), now;

    if (earliest == CLOCK_NEVER) {
        return -1;
    }
    now = clock_now_ns();
    return earliest > now ? earliest - now : 0;
}

int64_t clock_turn_budget(Machine *m, int64_t quantum)
{
    int64_t d, now, insns;

    if (icount_shift < 0 || (d = clock_next_deadline(m)) == CLOCK_NEVER) {
        return quantum;
    }
    now = clock_now_ns();
    if (d <= now) {
        return quantum;   /* due already: the timers run before the turn */
    }
    /* round up: the turn ends at or just after the deadline */
    insns = ((d - now) + (1ll << icount_shift) - 1) >> icount_shift;
    return insns < quantum ? insns : quantum;
}

bool clock_skip_idle(Machine *m)
{
    int64_t wait = clock_idle_timeout_ns(m);

    if (wait < 0) {
        return false;
    }
    if (icount_sleep && wait > 0) {
        /* pace the guest like real time; an event ending the wait early
         * does not change where virtual time goes */
        main_loop_wait(wait);
    }
    icount_skipped += wait;
    return true;
}
