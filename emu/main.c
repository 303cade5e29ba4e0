/* armlet entry point: parse the command line, build the board, load the
 * guest, build and place the device tree, run. */
#include <stdio.h>
#include <stdlib.h>

#include "emu/clock.h"
#include "emu/error.h"
#include "emu/fdt_util.h"
#include "emu/gdbstub.h"
#include "emu/gdbstub-virt.h"
#include "emu/loader.h"
#include "emu/log.h"
#include "emu/options.h"
#include "emu/sched.h"
#include "emu/virt.h"
#include "firmware/default_payload.h"
#include "emu/trace.h"
#include "jit/stats.h"
#include "target-arm/arm-jit.h"
#include "target-arm/gdb-target.h"

/* With neither -kernel nor -bios, run firmware/'s built-in payload, placed
 * like a raw image (QEMU would sit on empty flash; a message is friendlier). */
static void load_default_payload(Machine *m)
{
    uint64_t at = m->ram_base + LOADER_RAW_OFFSET;

    if (!as_load(m->as, at, default_payload, default_payload_size)) {
        fatal("internal: cannot place the built-in payload");
    }
    m->boot.entry = at;
    m->boot.kernel_base = at;
    m->boot.kernel_end = at + default_payload_size;
}

/* Deterministic /chosen seeds, drawn from the --sched-seed value. */
static void seeded_bytes(void *opaque, void *buf, size_t len)
{
    uint64_t z = *(const uint64_t *)opaque;
    uint8_t *p = buf;

    for (size_t i = 0; i < len; i++) {
        p[i] = (uint8_t)sched_splitmix64(&z);
    }
}

/* The debugger stopped the machine: every vCPU leaves its block at the
 * next entry check, so the scheduler asks gdbstub_should_run again. */
static void board_gdb_stop_all(void *machine)
{
    sched_kick_all(machine);
}

/* -gdb / -s, after reset so that the debugger first sees the entry state.
 * -S holds every vCPU until the debugger resumes them. Resuming needs no
 * callback: the stub kicks the event loop the scheduler sleeps in. */
static void open_gdbstub(Machine *m, const Options *opts)
{
    GdbTarget t = { 0 };

    arm_gdb_target_init(&t, m->cpus, m->ncpus);
    t.machine = m;
    t.stop_all = board_gdb_stop_all;
    m->gdb = gdbstub_open(opts->gdb, &t, opts->gdb_wait);
    virt_gdb_monitor_init();
}

int main(int argc, char **argv)
{
    Options opts;
    Machine *m;
    int status;

    options_parse(&opts, argc, argv);
    log_init(opts.log_items, opts.log_file);
    jit_stats_count_fast_path = opts.stats;
    if (opts.log_dfilter) {
        log_set_dfilter(opts.log_dfilter);
    }

    /* QEMU hands -kernel to -bios firmware through fw_cfg, which armlet
     * does not model: loading both would silently ignore the firmware. */
    if (opts.bios && opts.kernel) {
        fatal("-bios and -kernel together are not supported (armlet has no fw_cfg)");
    }
    clock_set_icount(opts.icount_shift, opts.icount_sleep);
    m = virt_create(&opts);
    /* The kernel and initrd go in first: the device tree names the initrd. */
    if (opts.bios) {
        loader_load_bios(m, opts.bios);
    }
    if (opts.kernel) {
        loader_load_kernel(m, opts.kernel);
    } else if (!opts.bios) {
        load_default_payload(m);
    }
    if (opts.initrd) {
        loader_load_initrd(m, opts.initrd);
    }
    if (clock_deterministic()) {
        /* the seeds Linux draws KASLR offsets and entropy from are inputs
         * too: derive them from the schedule seed */
        virt_build_fdt_seeded(m, seeded_bytes, &opts.sched_seed);
    } else {
        virt_build_fdt(m);
    }
    if (opts.dumpdtb) {
        fdt_write_file(m->fdt, opts.dumpdtb);
        virt_free(m);
        options_free(&opts);
        return 0;
    }
    loader_place_dtb(m);
    virt_snapshot_boot(m);
    virt_reset_cpus(m);
    if (opts.gdb) {
        open_gdbstub(m, &opts);
    }

    if (opts.stats || opts.trace_boot) {
        trace_start(opts.trace_boot, m->ncpus);
    }
    status = sched_run(m);
    if (m->gdb) {
        /* gdb sees "exited normally" (W) rather than a dropped link */
        gdbstub_notify_exit(m->gdb, status);
        gdbstub_free(m->gdb);
        m->gdb = NULL;
    }
    trace_finish(stderr);
    if (opts.stats || opts.trace_boot) {
        arm_jit_print_stats(stderr);
    }
    virt_free(m);
    options_free(&opts);
    return status;
}
