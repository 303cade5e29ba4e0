/* The boot-flow trace (--trace-boot FILE.json) and the per-vCPU summary
 * printed at exit (--stats or --trace-boot): each vCPU's state over time
 * (off, running, runnable, halted, parked, suspended), PSCI calls,
 * first instructions after CPU_ON, exceptions and IRQs (sampled when
 * frequent), system reset/off and per-vCPU counters, in the Chrome Trace
 * Event Format that Perfetto and chrome://tracing open (docs/trace.md).
 *
 * Every hook is behind `if (trace_active)`: with neither option given the
 * cost is one load and a predictable branch per scheduler turn, exception
 * and PSCI call. Times are the virtual clock (emu/clock.h): host time
 * normally, instruction-driven in deterministic mode (so a seeded run's
 * trace is reproducible). */
#ifndef EMU_TRACE_H
#define EMU_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum TraceCpuState {
    TRACE_OFF,          /* powered off (before CPU_ON, after CPU_OFF) */
    TRACE_RUNNING,      /* executing guest code */
    TRACE_RUNNABLE,     /* could run, waiting for the host thread */
    TRACE_HALTED,       /* WFI/WFE */
    TRACE_PARKED,       /* a spin loop turned into a wait (spin detection) */
    TRACE_SUSPENDED,    /* PSCI CPU_SUSPEND (power-down or standby) */
    TRACE_NSTATES
} TraceCpuState;

extern bool trace_active;

/* Start accounting for ncpus vCPUs; path non-NULL also writes the JSON
 * trace there (a file that cannot be created is armlet's error, exit 2). */
void trace_start(const char *path, int ncpus);
/* Close the trace (every open interval ends now) and print the summary
 * table to out (NULL: none). Safe to call more than once. */
void trace_finish(FILE *out);

/* A scheduler turn of vCPU cpu: its state before (RUNNABLE if it may
 * execute), its PC and instruction count; then its state after and count. */
void trace_turn_begin(int cpu, TraceCpuState before, uint64_t pc, uint64_t insns);
void trace_turn_end(int cpu, TraceCpuState after, uint64_t insns);

void trace_psci(int cpu, const char *name, uint32_t fid, uint64_t x1, uint64_t x2, uint64_t x3,
                int64_t ret);
/* kind: "sync", "irq", "fiq" or "serror" */
void trace_exception(int cpu, int kind_index, const char *kind, uint64_t esr, uint64_t elr,
                     int from_el);
/* A machine-wide instant: "system reset", "system off". */
void trace_system(const char *what);
/* The vCPU's stolen time so far (stolen-time accounting), in ns. */
void trace_stolen(int cpu, uint64_t ns);
/* Park and wake of a spin loop, with the watched address. */
void trace_park(int cpu, uint64_t watch_addr);

#endif
