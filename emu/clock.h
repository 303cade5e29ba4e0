/* The virtual clock and the machine-wide timer deadline (design brief,
 * "Scheduling, time"; docs/determinism.md).
 *
 * Virtual time is in nanoseconds from the start of the run. By default it
 * is host CLOCK_MONOTONIC. In deterministic mode (-icount shift=N, or
 * --sched-seed) it is 2^N ns per executed guest instruction, summed over
 * all vCPUs, plus the idle time skipped when every vCPU waits: two runs with
 * the same inputs then see the same times at the same instructions. The
 * generic counter (CNTPCT_EL0) and every timer deadline are on this clock. */
#ifndef EMU_CLOCK_H
#define EMU_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

struct Machine;
struct ArmCpu;

/* "No deadline": a time the clock never reaches. */
#define CLOCK_NEVER INT64_MAX

/* Virtual time now, ns. Monotonic; 0 at the first call. */
int64_t clock_now_ns(void);

/* Deterministic mode: 2^shift ns per instruction; shift < 0 selects host
 * time. sleep: idle periods are also waited for on the host (QEMU's
 * -icount sleep=on), which keeps the guest's pace real but changes no
 * result. Call before the first clock_now_ns. */
void clock_set_icount(int shift, bool sleep);
bool clock_deterministic(void);

/* The scheduler brackets each vCPU turn, so that time counts the running
 * vCPU's instructions as they execute. */
void clock_turn_begin(struct ArmCpu *cpu);
void clock_turn_end(void);

/* Give every powered-on vCPU's generic timers the current time: outputs
 * whose deadline has passed rise (and reach the GIC), the event stream
 * sets event registers. Cheap when nothing is due (one compare per vCPU). */
void clock_run_timers(struct Machine *m);

/* The earliest deadline that can wake a vCPU or a device, CLOCK_NEVER if
 * none. */
int64_t clock_next_deadline(struct Machine *m);

/* How long the host thread may sleep when no vCPU can run: ns until the
 * earliest deadline (0 if already passed), or -1 when there is none (sleep
 * until an external event). */
int64_t clock_idle_timeout_ns(struct Machine *m);

/* Deterministic mode: the instruction budget that ends a turn at the next
 * deadline (at least 1, at most quantum); quantum in host-time mode. */
int64_t clock_turn_budget(struct Machine *m, int64_t quantum);

/* Deterministic mode, every vCPU idle: jump virtual time to the next
 * deadline (sleeping that long on the host first with sleep=on). Returns
 * false if there is no deadline (only an external event can wake the
 * machine). */
bool clock_skip_idle(struct Machine *m);

#endif
