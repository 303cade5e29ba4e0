/* The virtual clock (host monotonic time) and the deadline computation
 * across vCPUs that lets the scheduler sleep instead of polling timers. */
#include "emu/clock.h"

#include <time.h>

#include "emu/clock_timer.h"
#include "emu/virt.h"
#include "target-arm/cpu.h"
#include "target-arm/timer.h"

int64_t clock_now_ns(void)
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

int64_t clock_idle_timeout_ns(Machine *m)
{
    int64_t earliest = clock_timers_earliest(m->clock_timers), now;

    for (int i = 0; i < m->ncpus; i++) {
        if (arm_cpu_is_on(m->cpus[i])) {
            int64_t d = arm_timer_wake_deadline(m->cpus[i]);
            earliest = d < earliest ? d : earliest;
        }
    }
    if (earliest == CLOCK_NEVER) {
        return -1;
    }
    now = clock_now_ns();
    return earliest > now ? earliest - now : 0;
}
