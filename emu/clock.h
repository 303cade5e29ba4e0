/* The virtual clock and the machine-wide timer deadline (design brief,
 * "Scheduling, time"). Virtual time is host CLOCK_MONOTONIC by default, in
 * nanoseconds from the first use of the clock; the generic counter
 * (CNTPCT_EL0) and every timer deadline are expressed on it. The
 * deterministic mode (instruction-driven time) will replace only
 * clock_now_ns. */
#ifndef EMU_CLOCK_H
#define EMU_CLOCK_H

#include <stdint.h>

struct Machine;

/* "No deadline": a time the clock never reaches. */
#define CLOCK_NEVER INT64_MAX

/* Virtual time now, ns. Monotonic; 0 at the first call. */
int64_t clock_now_ns(void);

/* Give every powered-on vCPU's generic timers the current time: outputs
 * whose deadline has passed rise (and reach the GIC), the event stream
 * sets event registers. Cheap when nothing is due (one compare per vCPU). */
void clock_run_timers(struct Machine *m);

/* How long the host thread may sleep when no vCPU can run: ns until the
 * earliest deadline that can wake a vCPU (0 if already passed), or -1 when
 * there is none (sleep until an external event). */
int64_t clock_idle_timeout_ns(struct Machine *m);

#endif
