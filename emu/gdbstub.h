/* The gdbstub: a GDB remote serial protocol server (GDB manual, appendix
 * "Remote Protocol") so gdb-multiarch attaches to armlet as it does to
 * `qemu-system-aarch64 -s -S`.
 *
 * Guest-neutral: each vCPU is a thread (thread id = cpu index + 1), and
 * everything that knows the guest's registers, memory translation, target
 * description and breakpoints comes in through a GdbTarget (for A64:
 * target-arm/gdb-target.h). The client's socket is a GSource on the main
 * loop, so packets are handled between quanta and cost nothing while no
 * debugger is attached. How the run loop must drive it: docs/gdbstub.md,
 * section "Integration". */
#ifndef EMU_GDBSTUB_H
#define EMU_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

typedef struct GdbStub GdbStub;

/* Why a vCPU stopped, as the run loop reports it. */
typedef enum GdbStopReason {
    GDB_STOP_BREAKPOINT,     /* about to execute an instruction with a Z0/Z1 breakpoint,
                                or stopped before the access of a Z2-Z4 watchpoint
                                (GdbTarget.take_watch_hit tells which): T05 */
    GDB_STOP_STEP,           /* a single step finished: T05 */
    GDB_STOP_INTERRUPT,      /* Ctrl-C or another asynchronous request: T02 */
} GdbStopReason;

/* What a vCPU does while the debugger lets the machine run (vCont). */
typedef enum GdbAction {
    GDB_ACT_STOP,            /* stays stopped */
    GDB_ACT_CONTINUE,
    GDB_ACT_STEP,            /* one instruction, then GDB_STOP_STEP */
} GdbAction;

typedef struct GdbResume {
    int ncpus;
    const GdbAction *action; /* per vCPU */
} GdbResume;

/* Z/z packet types (GDB manual, "Z0".."Z4"). */
enum { GDB_BP_SW = 0, GDB_BP_HW = 1, GDB_WP_WRITE = 2, GDB_WP_READ = 3, GDB_WP_ACCESS = 4 };

typedef enum GdbBpResult {
    GDB_BP_OK,
    GDB_BP_UNSUPPORTED,      /* this type is not implemented: empty reply */
    GDB_BP_FAILED,           /* E01 */
} GdbBpResult;

/* Largest register in bytes (A64: the 128-bit V registers). */
#define GDB_MAX_REG_BYTES 16

typedef struct GdbTarget {
    int ncpus;
    void *cpus;              /* handed to the guest callbacks below */
    int g_regs;              /* registers 0 .. g_regs-1 form the 'g'/'G' packet */

    /* Register regno of vCPU cpu in target byte order: returns its size,
     * 0 if there is no such register. */
    int (*read_reg)(void *cpus, int cpu, int regno, uint8_t *buf);
    /* False if there is no such register, len is not its size, or the
     * value is refused (read-only register, impossible PSTATE...). */
    bool (*write_reg)(void *cpus, int cpu, int regno, const uint8_t *buf, size_t len);
    /* Debug access by virtual address through vCPU cpu's current
     * translation regime: how many bytes from the start succeeded. */
    size_t (*read_mem)(void *cpus, int cpu, uint64_t addr, uint8_t *buf, size_t len);
    size_t (*write_mem)(void *cpus, int cpu, uint64_t addr, const uint8_t *buf, size_t len);
    bool (*set_pc)(void *cpus, int cpu, uint64_t pc);
    /* The target-description document named annex ("target.xml" and the
     * files it includes), or NULL. */
    const char *(*xml)(const char *annex, size_t *len);
    /* qThreadExtraInfo text for a vCPU (NUL-terminated, fits size). */
    void (*thread_info)(void *cpus, int cpu, char *buf, size_t size);
    /* Breakpoints (type GDB_BP_*, GDB_WP_*; kind as gdb sent it). */
    GdbBpResult (*bp_insert)(void *cpus, int type, uint64_t addr, uint64_t kind);
    GdbBpResult (*bp_remove)(void *cpus, int type, uint64_t addr, uint64_t kind);
    void (*bp_remove_all)(void *cpus);
    /* The type of breakpoint at vCPU cpu's PC (GDB_BP_SW / GDB_BP_HW), or
     * -1: chooses swbreak: or hwbreak: in the stop reply. */
    int (*bp_type_at)(void *cpus, int cpu);
    /* After a GDB_STOP_BREAKPOINT: the watchpoint vCPU cpu stopped at
     * (GDB_WP_*) with the data address in *addr, forgotten once read; -1
     * if it stopped at a breakpoint. May be NULL. */
    int (*take_watch_hit)(void *cpus, int cpu, uint64_t *addr);
    /* Debug read of physical memory ("monitor phys ADDR"), like read_mem.
     * May be NULL. */
    size_t (*read_phys)(void *cpus, int cpu, uint64_t addr, uint8_t *buf, size_t len);
    /* Settings with an on/off value: on = 1 or 0 sets it, -1 only asks;
     * returns the value now. May be NULL (then the setting is refused).
     * phys_mode: read_mem/write_mem take physical addresses.
     * step_irqs: a single step may enter an interrupt handler (QEMU's
     * default, SSTEP_NOIRQ, is off). */
    bool (*phys_mode)(void *cpus, int on);
    bool (*step_irqs)(void *cpus, int on);

    /* The machine's side; any may be NULL. */
    void *machine;
    /* The debugger stopped the machine: make every vCPU leave its block
     * (sched_kick_all) so the scheduler asks gdbstub_should_run again. */
    void (*stop_all)(void *machine);
    /* The debugger let the machine run: wake the scheduler if it sleeps. */
    void (*resume)(void *machine, const GdbResume *r);
    /* 'k': NULL means main_loop_request_exit(0), which is what QEMU does. */
    void (*kill)(void *machine);
} GdbTarget;

/* Listen on spec: "tcp:[HOST]:PORT" (empty HOST: 127.0.0.1; port 0: any
 * free port) or "unix:PATH", options such as ",server" or ",wait=off"
 * accepted and ignored (the gdb server never blocks start-up; -S is what
 * holds the vCPUs). A bad spec or a socket that cannot be opened: fatal().
 * start_stopped (-S): no vCPU runs until the debugger resumes it. The
 * target is copied. */
GdbStub *gdbstub_open(const char *spec, const GdbTarget *target, bool start_stopped);
/* The TCP port listened on, or -1 (unix socket). */
int gdbstub_port(GdbStub *s);
void gdbstub_free(GdbStub *s);

/* ---- the run loop's side (docs/gdbstub.md "Integration") ---- */

/* May vCPU cpu run now? *single_step is set when it must execute exactly
 * one instruction and then call gdbstub_notify_stop(..., GDB_STOP_STEP). */
bool gdbstub_should_run(GdbStub *s, int cpu, bool *single_step);
/* True once after the debugger resumed vCPU cpu from the breakpoint it
 * reported: the first instruction it executes must not stop at that
 * breakpoint again. Reading clears it. */
bool gdbstub_take_breakpoint_skip(GdbStub *s, int cpu);
/* vCPU cpu stopped: all vCPUs stop and the debugger is told. Ignored when
 * no debugger is attached or the machine is already stopped. */
void gdbstub_notify_stop(GdbStub *s, int cpu, GdbStopReason reason);
/* The guest ended: 'W' with the exit status, or 'X' with a signal. */
void gdbstub_notify_exit(GdbStub *s, int status);
void gdbstub_notify_signal_exit(GdbStub *s, int signo);
bool gdbstub_is_stopped(GdbStub *s);
bool gdbstub_client_attached(GdbStub *s);

/* ---- without a socket (tests, other transports) ---- */

typedef void (*GdbWriteFn)(void *opaque, const uint8_t *buf, size_t len);
/* A stub with no listening socket. */
GdbStub *gdbstub_new(const GdbTarget *target, bool start_stopped);
/* A client connected: its output goes to write. Stops the machine, as
 * QEMU does when gdb connects. */
void gdbstub_attach_client(GdbStub *s, GdbWriteFn write, void *opaque);
/* The client went away: breakpoints are removed and the guest resumes. */
void gdbstub_detach_client(GdbStub *s);
/* Bytes received from the client. */
void gdbstub_receive(GdbStub *s, const uint8_t *buf, size_t len);

/* ---- monitor commands (qRcmd, gdb's "monitor CMD ARGS") ---- */

/* Append the command's output to out; false reports an error (E01)
 * after the output. args is what follows the name, spaces trimmed. */
typedef bool (*GdbMonitorFn)(GdbStub *s, const char *args, GString *out);
/* Add a command; false if the name is taken or the table is full. */
bool gdbstub_register_monitor(const char *name, const char *help, GdbMonitorFn fn);
/* For monitor commands: the machine and vCPUs the stub was opened with,
 * and the vCPU gdb has selected for registers and memory (Hg). */
void *gdbstub_machine(GdbStub *s);
const GdbTarget *gdbstub_target(GdbStub *s);
int gdbstub_selected_cpu(GdbStub *s);

#endif
