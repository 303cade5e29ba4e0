/* Round-robin vCPU scheduling at block exits (design brief, "Scheduling"). */
#include "emu/sched.h"

#include "emu/clock.h"
#include "emu/gdbstub.h"
#include "emu/main_loop.h"
#include "target-arm/arm-jit.h"

/* Guest instructions per vCPU per round: long enough that switching costs
 * little, short enough that a vCPU waiting on another sees progress soon. */
#define SCHED_QUANTUM 20000

/* The vCPU executing now (-1 between quanta): the GICv2 asks whose banked
 * registers an MMIO access reaches. */
static int current_cpu = -1;
/* A halted vCPU was woken during this round: poll, do not sleep. */
static bool woken;

int sched_current_cpu(void)
{
    return current_cpu;
}

void sched_wake_cpu(Machine *m, int cpu)
{
    ArmCpu *c = m->cpus[cpu];

    /* WFI/WFE end on a pending interrupt, masked or not (D1.16.2) */
    c->halted = false;
    woken = true;
    /* the running vCPU leaves its block chain so the interrupt is taken */
    if (cpu == current_cpu) {
        c->jit.exit_request = 1;
    }
}

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
        /* off or in WFI: the step completes once it executes something;
         * a watchpoint may stop it before its access (ARM_RUN_DEBUG) */
        if (r == ARM_RUN_BUDGET || r == ARM_RUN_DEBUG) {
            gdbstub_notify_stop(m->gdb, i,
                                r == ARM_RUN_DEBUG ? GDB_STOP_BREAKPOINT : GDB_STOP_STEP);
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

        woken = false;
        clock_run_timers(m);
        for (int i = 0; i < m->ncpus && !main_loop_exit_requested(NULL) && !m->reset_requested;
             i++) {
            bool ss = false;
            ArmRunResult r;

            /* Asked for every vCPU: a stop reported earlier in this round
             * holds the rest. While the debugger holds all of them nothing
             * is runnable and the loop sleeps in main_loop_wait until a
             * packet arrives (or a timer deadline). A vCPU that is off is not asked: the stub
             * names the last vCPU it let run in a Ctrl-C stop, and that
             * should be one that executes. */
            if (m->gdb && (!arm_cpu_is_on(m->cpus[i]) ||
                           !gdbstub_should_run(m->gdb, i, &ss))) {
                continue;
            }
            current_cpu = i;
            r = m->gdb ? sched_run_debugged(m, i, ss) : arm_cpu_exec(m->cpus[i], SCHED_QUANTUM);
            current_cpu = -1;
            if (r == ARM_RUN_BUDGET || r == ARM_RUN_REQUEST) {
                runnable = true;
            }
        }
        if (main_loop_exit_requested(&status)) {
            break;
        }
        if (m->reset_requested) {
            virt_system_reset(m);
            continue;
        }
        /* Nobody can run: sleep until an event (input) or the next timer
         * deadline instead of spinning. */
        main_loop_wait(runnable || woken ? 0 : clock_idle_timeout_ns(m));
    }
    return status;
}
