/* Round-robin vCPU scheduling at block exits (design brief, "Scheduling"). */
#include "emu/sched.h"

#include "emu/gdbstub.h"
#include "emu/main_loop.h"
#include "target-arm/arm-jit.h"

/* Guest instructions per vCPU per round: long enough that switching costs
 * little, short enough that a vCPU waiting on another sees progress soon. */
#define SCHED_QUANTUM 20000

void sched_kick_all(Machine *m)
{
    for (int i = 0; i < m->ncpus; i++) {
        m->cpus[i]->jit.exit_request = 1;
    }
}

/* vCPU i's turn while a gdb server exists (docs/gdbstub.md,
 * "Integration"): single-step, stepping off the breakpoint it was resumed
 * from, and reporting the stops. */
static ArmRunResult sched_run_debugged(Machine *m, int i, bool single_step)
{
    bool skip = gdbstub_take_breakpoint_skip(m->gdb, i);
    ArmRunResult r;

    if (single_step) {
        r = arm_cpu_step(m->cpus[i]);
        /* off or in WFI: the step completes once it executes something */
        if (r == ARM_RUN_BUDGET) {
            gdbstub_notify_stop(m->gdb, i, GDB_STOP_STEP);
        }
        return r;
    }
    if (skip) {
        /* resumed with the breakpoint it stopped at still inserted: run
         * that instruction on its own, then go on normally */
        r = arm_cpu_step(m->cpus[i]);
        if (r != ARM_RUN_BUDGET) {
            return r;
        }
    }
    r = arm_cpu_exec(m->cpus[i], SCHED_QUANTUM);
    if (r == ARM_RUN_DEBUG) {
        gdbstub_notify_stop(m->gdb, i, GDB_STOP_BREAKPOINT);
    }
    return r;
}

int sched_run(Machine *m)
{
    int status = 0;

    while (!main_loop_exit_requested(&status)) {
        bool runnable = false;

        for (int i = 0; i < m->ncpus && !main_loop_exit_requested(NULL); i++) {
            bool ss = false;
            ArmRunResult r;

            /* Asked for every vCPU: a stop reported earlier in this round
             * holds the rest. While the debugger holds all of them nothing
             * is runnable and the loop sleeps in main_loop_wait(-1) until a
             * packet arrives. */
            if (m->gdb && !gdbstub_should_run(m->gdb, i, &ss)) {
                continue;
            }
            r = m->gdb ? sched_run_debugged(m, i, ss) : arm_cpu_exec(m->cpus[i], SCHED_QUANTUM);
            if (r == ARM_RUN_BUDGET || r == ARM_RUN_REQUEST) {
                runnable = true;
            }
        }
        if (main_loop_exit_requested(&status)) {
            break;
        }
        /* Nobody can run: sleep until an event (input, a timer once the
         * generic timer exists) instead of spinning. */
        main_loop_wait(runnable ? 0 : -1);
    }
    return status;
}
