/* Round-robin vCPU scheduling at block exits (design brief, "Scheduling"). */
#include "emu/sched.h"

#include <glib.h>

#include "emu/clock.h"
#include "emu/gdbstub.h"
#include "emu/main_loop.h"
#include "emu/trace.h"
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

static int64_t turn_budget(Machine *m);

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
    r = arm_cpu_exec(m->cpus[i], turn_budget(m));
    if (r == ARM_RUN_DEBUG) {
        gdbstub_notify_stop(m->gdb, i, GDB_STOP_BREAKPOINT);
    }
    return r;
}

/* --sched-seed's generator (splitmix64): the same seed gives the same
 * sequence on every host. */
static uint64_t seed_state;

uint64_t sched_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t seed_next(void)
{
    return sched_splitmix64(&seed_state);
}

/* The order vCPUs run in this round: 0..n-1, or a seeded shuffle. */
static void round_order(const Machine *m, int *order)
{
    for (int i = 0; i < m->ncpus; i++) {
        order[i] = i;
    }
    if (!m->opts->sched_seeded) {
        return;
    }
    for (int i = m->ncpus - 1; i > 0; i--) {
        int j = (int)(seed_next() % (uint64_t)(i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}

/* A turn's instruction budget. Seeded: log-uniform from 1 to 2^15, so
 * that turns of a few instructions, which expose bring-up races, are as
 * common as long ones. Deterministic time also ends the turn at the next
 * timer deadline, so that interrupts arrive at the right instruction. */
static int64_t turn_budget(Machine *m)
{
    int64_t q = SCHED_QUANTUM;

    if (m->opts->sched_seeded) {
        uint64_t r = seed_next();
        q = (int64_t)(1 + (r >> 8) % (1ull << (r % 16)));
    }
    return clock_turn_budget(m, q);
}

/* One vCPU's turn; true if it can run again (not halted, off or held). */
static bool run_turn(Machine *m, int i)
{
    bool ss = false;
    ArmRunResult r;

    /* Asked for every vCPU: a stop reported earlier in this round holds
     * the rest. While the debugger holds all of them nothing is runnable
     * and the loop sleeps in main_loop_wait until a packet arrives (or a
     * timer deadline). A vCPU that is off is not asked: the stub names the
     * last vCPU it let run in a Ctrl-C stop, and that should be one that
     * executes. */
    if (m->gdb && (!arm_cpu_is_on(m->cpus[i]) || !gdbstub_should_run(m->gdb, i, &ss))) {
        return false;
    }
    if (clock_deterministic()) {
        /* timers due by now fire before the turn, at a point that depends
         * only on instruction counts */
        clock_run_timers(m);
    }
    current_cpu = i;
    clock_turn_begin(m->cpus[i]);
    if (trace_active) {
        trace_turn_begin(i, arm_cpu_trace_state(m->cpus[i]), m->cpus[i]->pc,
                         arm_cpu_icount(m->cpus[i]));
    }
    r = m->gdb ? sched_run_debugged(m, i, ss) : arm_cpu_exec(m->cpus[i], turn_budget(m));
    if (trace_active) {
        trace_turn_end(i, arm_cpu_trace_state(m->cpus[i]), arm_cpu_icount(m->cpus[i]));
    }
    clock_turn_end();
    current_cpu = -1;
    return r == ARM_RUN_BUDGET || r == ARM_RUN_REQUEST;
}

/* Nobody can run: sleep until an event (input) or the next timer deadline
 * instead of spinning; in deterministic mode jump time to that deadline. */
static void idle(Machine *m)
{
    if (clock_deterministic() && clock_skip_idle(m)) {
        main_loop_wait(0);
        return;
    }
    main_loop_wait(clock_idle_timeout_ns(m));
}

int sched_run(Machine *m)
{
    int status = 0;
    int *order = g_new(int, m->ncpus);

    seed_state = m->opts->sched_seed;
    while (!main_loop_exit_requested(&status)) {
        bool runnable = false;

        woken = false;
        clock_run_timers(m);
        round_order(m, order);
        for (int k = 0; k < m->ncpus && !main_loop_exit_requested(NULL) && !m->reset_requested;
             k++) {
            runnable |= run_turn(m, order[k]);
        }
        if (main_loop_exit_requested(&status)) {
            break;
        }
        if (m->reset_requested) {
            virt_system_reset(m);
            continue;
        }
        if (runnable || woken) {
            main_loop_wait(0);
        } else {
            idle(m);
        }
    }
    g_free(order);
    return status;
}
