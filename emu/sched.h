/* The vCPU scheduler: every vCPU runs round-robin on the one host thread,
 * switching at block exits after a quantum of guest instructions; between
 * rounds the event loop polls devices and backends, and when no vCPU can
 * run the thread sleeps in the event loop until something happens. */
#ifndef EMU_SCHED_H
#define EMU_SCHED_H

#include "emu/virt.h"

/* Run the machine until the guest powers off or the user quits. Returns
 * the exit status armlet should end with. */
int sched_run(Machine *m);
/* Ask every vCPU to leave its current block soon (interrupts, shutdown). */
void sched_kick_all(Machine *m);
/* The index of the vCPU running now, or -1 outside a quantum. */
int sched_current_cpu(void);
/* vCPU cpu's interrupt input rose: end its WFI/WFE halt, and if it is the
 * one running, make it leave its block so the interrupt is taken. */
void sched_wake_cpu(Machine *m, int cpu);

/* The seeded generator behind --sched-seed (splitmix64): the next value
 * from *state. Deterministic mode draws every "random" input from it. */
uint64_t sched_splitmix64(uint64_t *state);

#endif
