/* Device deadlines on the virtual clock (emu/clock.h): a device that must
 * act at a given virtual time (the PL031's match interrupt, ...) owns a
 * ClockTimer, links it into the machine's list once, and sets its deadline.
 * The scheduler calls the expired ones each round (clock_run_timers) and its
 * idle sleep ends no later than the earliest deadline
 * (clock_idle_timeout_ns), so nothing is polled. Single-threaded, like the
 * rest of the board: a device re-arms from its own MMIO handlers. */
#ifndef EMU_CLOCK_TIMER_H
#define EMU_CLOCK_TIMER_H

#include <stdint.h>

typedef struct ClockTimer {
    int64_t deadline;                        /* virtual ns; CLOCK_NEVER: disarmed */
    void (*expire)(void *opaque, int64_t now);
    void *opaque;
    struct ClockTimer *next;
} ClockTimer;

/* Link t into *list (t->deadline as the owner set it). */
void clock_timer_add(ClockTimer **list, ClockTimer *t);
/* Call expire for every timer whose deadline is at or before now, after
 * disarming it (expire may re-arm). */
void clock_timers_run(ClockTimer *list, int64_t now);
/* The earliest deadline in the list, CLOCK_NEVER if none is armed. */
int64_t clock_timers_earliest(const ClockTimer *list);

#endif
