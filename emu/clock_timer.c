/* Device deadlines on the virtual clock (emu/clock_timer.h). */
#include "emu/clock_timer.h"

#include <stddef.h>

#include "emu/clock.h"

void clock_timer_add(ClockTimer **list, ClockTimer *t)
{
    t->next = *list;
    *list = t;
}

void clock_timers_run(ClockTimer *list, int64_t now)
{
    for (ClockTimer *t = list; t; t = t->next) {
        if (t->deadline <= now) {
            t->deadline = CLOCK_NEVER;
            t->expire(t->opaque, now);
        }
    }
}

int64_t clock_timers_earliest(const ClockTimer *list)
{
    int64_t earliest = CLOCK_NEVER;

    for (const ClockTimer *t = list; t; t = t->next) {
        earliest = t->deadline < earliest ? t->deadline : earliest;
    }
    return earliest;
}
