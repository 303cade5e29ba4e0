/* Private to the command-line parser (emu/options*.c): the parse state the
 * option handlers share and the value parsers they have in common. */
#ifndef EMU_OPTIONS_PRIV_H
#define EMU_OPTIONS_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

#include "emu/options.h"

/* GICv2 addresses at most 8 CPUs (GICD_ITARGETSR has one bit per CPU
 * interface: GIC architecture v2, IHI 0048B section 4.3.12). */
#define GICV2_MAX_CPUS 8
/* QEMU rounds the RAM size up to a multiple of 8 KiB (hw/core/machine.c). */
#define RAM_ALIGN 8192ull

/* State that lives only while parsing: raw values combined at the end. */
typedef struct ParseState {
    Options *o;
    const char *opt;             /* the option being handled, e.g. "-smp" */
    bool gic_given;              /* gic-version= seen (else QEMU picks) */
    const char *smp_arg;         /* last -smp, for messages */
    unsigned smp[7];             /* raw -smp values, 0 = not given */
    const char *accel_other;     /* first non-tcg accelerator asked for */
    bool accel_tcg;              /* some -accel/accel= named tcg */
} ParseState;

enum { SMP_CPUS, SMP_SOCKETS, SMP_DIES, SMP_CLUSTERS, SMP_CORES, SMP_THREADS, SMP_MAXCPUS };

/* One option handler; arg is NULL for a flag. ps->opt names the option as
 * the user spelled it, for messages. */
typedef void OptFn(ParseState *ps, const char *arg);

bool opt_is_help(const char *s);
void opt_set_str(char **dst, const char *val);
bool opt_parse_uint(const char *s, uint64_t max, uint64_t *out);
bool opt_parse_bool(const char *s, bool *out);
GPtrArray *opt_kv_split(const char *s, const char *implied);
#define KV_KEY(kv, i) ((const char *)g_ptr_array_index(kv, 2 * (i)))
#define KV_VAL(kv, i) ((const char *)g_ptr_array_index(kv, 2 * (i) + 1))
#define KV_COUNT(kv) ((kv)->len / 2)
void opt_check_file(const char *opt, const char *sep, const char *path);
void opt_bad_value(ParseState *ps, const char *arg, const char *key, const char *val)
    __attribute__((noreturn));

/* options_board.c: the machine's shape. */
OptFn opt_machine, opt_cpu, opt_smp, opt_memory, opt_accel;
void opt_smp_finalize(ParseState *ps);

/* options_io.c: console, gdb and logging. */
OptFn opt_display, opt_serial, opt_monitor, opt_gdb, opt_log_items, opt_log_file,
    opt_dfilter;

/* options_run.c: time, scheduling and semihosting. */
OptFn opt_icount, opt_sched_seed, opt_semihosting, opt_semihosting_config;

#endif
