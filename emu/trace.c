/* Boot-flow trace writer and per-vCPU summary (emu/trace.h, docs/trace.md).
 *
 * Trace Event Format: one JSON object {"traceEvents": [...]}. Each vCPU is
 * a thread (tid = index) of process 1; its states are complete events
 * ("ph":"X") that follow each other without gaps or overlaps; PSCI calls,
 * the first instruction after CPU_ON and exceptions are thread instants
 * ("ph":"i"); reset and off are global instants; instruction and stolen
 * time counters are "ph":"C" events. Timestamps are microseconds (with
 * nanosecond decimals) since trace_start. */
#include "emu/trace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "emu/clock.h"
#include "emu/error.h"

bool trace_active;

/* Exceptions of one kind on one vCPU: the first SAMPLE_ALL all appear,
 * then one in SAMPLE_EVERY (with the running count), so that a guest
 * taking 10^5 timer IRQs per second does not make the trace unreadable. */
#define SAMPLE_ALL 256
#define SAMPLE_EVERY 256
/* Instruction counters: at most one sample per vCPU per this many ns. */
#define COUNTER_PERIOD_NS 1000000
/* A runnable gap shorter than this between two turns of the same vCPU is
 * drawn as running: with one vCPU the scheduler's round trip is not
 * waiting for the host in any useful sense. */
#define MIN_RUNNABLE_NS 2000

static const char *const state_names[TRACE_NSTATES] = {
    [TRACE_OFF] = "off",           [TRACE_RUNNING] = "running",
    [TRACE_RUNNABLE] = "runnable", [TRACE_HALTED] = "halted",
    [TRACE_PARKED] = "parked",     [TRACE_SUSPENDED] = "suspended",
};

typedef struct TraceCpu {
    TraceCpuState state;
    int64_t since;                 /* start of the open interval */
    bool started;                  /* has had a turn */
    int64_t turn_start;
    uint64_t turn_insns, turn_pc;
    int64_t turn_end;              /* last turn's end (a runnable gap starts here) */
    bool on_seen;                  /* has executed since the last off */
    int64_t first_online;          /* -1: never */
    uint64_t psci_calls, psci_failed;
    int64_t time_in[TRACE_NSTATES];
    uint64_t insns;
    int64_t counter_at;            /* last instruction counter sample */
    uint64_t exceptions[4];
    uint64_t stolen_ns;
    uint64_t park_addr;
} TraceCpu;

static FILE *out;                  /* the JSON trace, or NULL */
static bool first_event = true;
static TraceCpu *cpus;
static int ncpus;
static int64_t t_zero;
static bool finished;

static int64_t now(void)
{
    return clock_now_ns() - t_zero;
}

/* "ts" in µs with the ns as decimals, as the format allows */
static void event_head(const char *ph, int tid, int64_t ts)
{
    fprintf(out, "%s\n{\"ph\":\"%s\",\"pid\":1,\"tid\":%d,\"ts\":%" PRId64 ".%03d", first_event ? "" : ",",
            ph, tid, ts / 1000, (int)(ts % 1000));
    first_event = false;
}

static void emit_interval(int cpu, TraceCpuState s, int64_t from, int64_t to)
{
    int64_t d = to - from;

    if (!out || d <= 0) {
        return;
    }
    event_head("X", cpu, from);
    fprintf(out, ",\"dur\":%" PRId64 ".%03d,\"name\":\"%s\",\"cat\":\"state\"", d / 1000,
            (int)(d % 1000), state_names[s]);
    if (s == TRACE_PARKED) {
        fprintf(out, ",\"args\":{\"watch\":\"0x%" PRIx64 "\"}", cpus[cpu].park_addr);
    }
    fputc('}', out);
}

/* End the open interval of vCPU cpu at time t (never before its start). */
static void close_interval(int cpu, int64_t t)
{
    TraceCpu *c = &cpus[cpu];

    if (t < c->since) {
        t = c->since;
    }
    emit_interval(cpu, c->state, c->since, t);
    c->time_in[c->state] += t - c->since;
    c->since = t;
}

/* The vCPU is in state s from time t on. */
static void set_state(int cpu, TraceCpuState s, int64_t t)
{
    if (s != cpus[cpu].state) {
        close_interval(cpu, t);
        cpus[cpu].state = s;
    }
}

static void finish_at_exit(void)
{
    trace_finish(NULL);
}

void trace_start(const char *path, int n)
{
    ncpus = n;
    cpus = g_new0(TraceCpu, n);
    t_zero = clock_now_ns();
    for (int i = 0; i < n; i++) {
        cpus[i].first_online = -1;
        cpus[i].counter_at = -COUNTER_PERIOD_NS;
    }
    if (path) {
        out = fopen(path, "w");
        if (!out) {
            fatal("cannot create trace file '%s': %s", path, strerror(errno));
        }
        fprintf(out, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"tool\":\"armlet\",\"clock\":\"%s\"},"
                     "\"traceEvents\":[",
                clock_deterministic() ? "virtual (instructions)" : "host");
        event_head("M", 0, 0);
        fprintf(out, ",\"name\":\"process_name\",\"args\":{\"name\":\"armlet\"}}");
        for (int i = 0; i < n; i++) {
            event_head("M", i, 0);
            fprintf(out, ",\"name\":\"thread_name\",\"args\":{\"name\":\"vCPU%d\"}}", i);
            event_head("M", i, 0);
            fprintf(out, ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":%d}}", i);
        }
        atexit(finish_at_exit);
    }
    trace_active = true;
}

void trace_turn_begin(int cpu, TraceCpuState before, uint64_t pc, uint64_t insns)
{
    TraceCpu *c = &cpus[cpu];
    int64_t t = now();

    if (!c->started) {
        c->started = true;
        c->state = before;
        c->since = 0;
    } else if (c->state == TRACE_RUNNING && before == TRACE_RUNNABLE &&
               t - c->turn_end >= MIN_RUNNABLE_NS) {
        set_state(cpu, TRACE_RUNNABLE, c->turn_end);
    } else if (c->state != TRACE_RUNNING || before != TRACE_RUNNABLE) {
        set_state(cpu, before, t);
    }
    c->turn_start = t;
    c->turn_insns = insns;
    c->turn_pc = pc;
}

static void instant_head(int cpu, int64_t t, const char *name)
{
    event_head("i", cpu, t);
    fprintf(out, ",\"s\":\"t\",\"name\":\"%s\"", name);
}

static void counter(int cpu, int64_t t, const char *name, uint64_t v)
{
    event_head("C", cpu, t);
    fprintf(out, ",\"name\":\"%s vCPU%d\",\"args\":{\"%s\":%" PRIu64 "}}", name, cpu, name, v);
}

void trace_turn_end(int cpu, TraceCpuState after, uint64_t insns)
{
    TraceCpu *c = &cpus[cpu];
    int64_t t = now();
    bool ran = insns != c->turn_insns;

    c->insns = insns;
    if (ran) {
        if (!c->on_seen) {
            /* the first instruction since power-on (boot or CPU_ON) */
            c->on_seen = true;
            if (c->first_online < 0) {
                c->first_online = c->turn_start;
            }
            if (out) {
                instant_head(cpu, c->turn_start, "first instruction");
                fprintf(out, ",\"args\":{\"pc\":\"0x%" PRIx64 "\"}}", c->turn_pc);
            }
        }
        set_state(cpu, TRACE_RUNNING, c->turn_start);
    }
    if (after == TRACE_OFF) {
        c->on_seen = false;
    }
    /* a vCPU that may go on is drawn running until its next turn shows
     * how long it waited (trace_turn_begin) */
    set_state(cpu, after == TRACE_RUNNABLE && ran ? TRACE_RUNNING : after, t);
    c->turn_end = t;
    if (out && ran && t - c->counter_at >= COUNTER_PERIOD_NS) {
        c->counter_at = t;
        counter(cpu, t, "instructions", insns);
    }
}

void trace_psci(int cpu, const char *name, uint32_t fid, uint64_t x1, uint64_t x2, uint64_t x3,
                int64_t ret)
{
    TraceCpu *c = &cpus[cpu];

    c->psci_calls++;
    /* negative returns are the PSCI error codes (DEN0022 5.2.2); the
     * version and feature words are positive */
    c->psci_failed += ret < 0;
    if (out) {
        instant_head(cpu, now(), name);
        fprintf(out, ",\"cat\":\"psci\",\"args\":{\"fid\":\"0x%08x\",\"x1\":\"0x%" PRIx64
                     "\",\"x2\":\"0x%" PRIx64 "\",\"x3\":\"0x%" PRIx64 "\",\"ret\":%" PRId64 "}}",
                fid, x1, x2, x3, ret);
    }
}

void trace_exception(int cpu, int kind_index, const char *kind, uint64_t esr, uint64_t elr,
                     int from_el)
{
    uint64_t n = ++cpus[cpu].exceptions[kind_index & 3];

    if (!out || (n > SAMPLE_ALL && n % SAMPLE_EVERY)) {
        return;
    }
    instant_head(cpu, now(), kind);
    fprintf(out, ",\"cat\":\"exception\",\"args\":{\"esr\":\"0x%08" PRIx64 "\",\"ec\":\"0x%02x\","
                 "\"elr\":\"0x%" PRIx64 "\",\"from_el\":%d,\"count\":%" PRIu64 "}}",
            esr, (unsigned)(esr >> 26) & 0x3f, elr, from_el, n);
}

static void global_instant(const char *what, int64_t t)
{
    event_head("i", 0, t);
    fprintf(out, ",\"s\":\"g\",\"name\":\"%s\"}", what);
}

void trace_system(const char *what)
{
    if (out) {
        global_instant(what, now());
    }
}

void trace_stolen(int cpu, uint64_t ns)
{
    cpus[cpu].stolen_ns = ns;
    if (out) {
        counter(cpu, now(), "stolen_ns", ns);
    }
}

void trace_park(int cpu, uint64_t watch_addr)
{
    cpus[cpu].park_addr = watch_addr;
}

static void print_ms(FILE *f, int64_t ns)
{
    fprintf(f, " %10.3f", (double)ns / 1e6);
}

void trace_finish(FILE *f)
{
    int64_t t;

    if (!trace_active || finished) {
        return;
    }
    finished = true;
    t = now();
    for (int i = 0; i < ncpus; i++) {
        if (cpus[i].started) {
            close_interval(i, t);
        }
    }
    if (out) {
        global_instant("end of trace", t);
        fprintf(out, "\n]}\n");
        fclose(out);
        out = NULL;
    }
    if (!f) {
        return;
    }
    fprintf(f, "boot flow (ms of %s time):\n", clock_deterministic() ? "virtual" : "host");
    fprintf(f, "vcpu  online-at  psci/failed    running   runnable     halted     parked  suspended"
               "        off     stolen  instructions\n");
    for (int i = 0; i < ncpus; i++) {
        TraceCpu *c = &cpus[i];

        fprintf(f, "%4d", i);
        if (c->first_online < 0) {
            fprintf(f, " %10s", "never");
        } else {
            print_ms(f, c->first_online);
        }
        fprintf(f, "  %5" PRIu64 "/%-5" PRIu64, c->psci_calls, c->psci_failed);
        for (int s = TRACE_RUNNING; s < TRACE_NSTATES; s++) {
            print_ms(f, c->time_in[s]);
        }
        print_ms(f, c->time_in[TRACE_OFF]);
        print_ms(f, (int64_t)c->stolen_ns);
        fprintf(f, "  %12" PRIu64 "\n", c->insns);
    }
}
