/* The parsed command line. The syntax follows qemu-system-aarch64 for the
 * common subset (see docs/usage.md); armlet's own options are long options. */
#ifndef EMU_OPTIONS_H
#define EMU_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

typedef enum JitMode { JIT_NATIVE, JIT_INTERP } JitMode;
typedef enum PsciConduit { PSCI_CONDUIT_HVC, PSCI_CONDUIT_SMC, PSCI_CONDUIT_NONE } PsciConduit;

typedef struct Options {
    /* -M/-machine virt[,gic-version=2|3][,psci-conduit=...][,dumpdtb=FILE]... */
    char *machine;               /* "virt" (versioned names such as virt-7.2 map to it) */
    int gic_version;             /* 2 (default) or 3; "max"/"host" give 3 */
    PsciConduit psci_conduit;    /* default hvc */
    bool spin_table;             /* -machine smp-boot=spin-table (else psci) */
    char *dumpdtb;               /* write the DTB here and exit */

    /* -cpu NAME: every accepted name maps to the one CPU armlet implements. */
    char *cpu_model;             /* as the user wrote it; default "cortex-a57" */

    /* -smp N[,sockets=,clusters=,cores=,threads=,maxcpus=] */
    int smp_cpus;                /* default 1 */
    int smp_sockets, smp_clusters, smp_cores, smp_threads; /* 0 = derived */
    /* After options_parse the four above are filled in (QEMU's derivation
     * rules), so sockets*clusters*cores*threads == smp_maxcpus. armlet does
     * not hot-plug CPUs: maxcpus > cpus is accepted and only smp_cpus exist. */
    int smp_maxcpus;             /* -smp maxcpus=; defaults to smp_cpus */

    uint64_t ram_size;           /* -m, bytes; default 512 MiB */

    char *kernel, *initrd, *append, *dtb, *bios;

    bool nographic;              /* -nographic */
    char *display;               /* -display sdl|none; NULL = default */
    GPtrArray *serials;          /* -serial SPEC (char *), in order; empty = default
                                  * (none with -nodefaults); -nographic without
                                  * -serial puts "mon:stdio" here, as QEMU does */
    bool nodefaults;             /* -nodefaults */

    char *gdb;                   /* -gdb DEV, or "tcp::1234" from -s; NULL = none */
    bool gdb_wait;               /* -S */

    char *log_items;             /* -d LIST */
    char *log_file;              /* -D FILE */
    char *log_dfilter;           /* -dfilter RANGES */

    bool no_reboot;              /* -no-reboot */
    int icount_shift;            /* -icount shift=N: 2^N ns per instruction;
                                  * -1 = time follows the host clock */
    bool icount_sleep;           /* -icount sleep=on (default): idle time is
                                  * also waited for on the host */
    bool semihosting;            /* -semihosting / -semihosting-config enable=on */
    bool semihosting_userspace;  /* -semihosting-config userspace=on */
    char *accel;                 /* -accel tcg[,...]; accepted */

    GPtrArray *drives;           /* -drive SPEC (char *) */
    GPtrArray *devices;          /* -device SPEC (char *) */
    GPtrArray *netdevs;          /* -netdev SPEC (char *) */

    /* armlet's own long options */
    JitMode jit;                 /* --jit=native|interp */
    bool stats;                  /* --stats */
    char *trace_boot;            /* --trace-boot FILE.json, or NULL */
    bool sched_seeded;           /* --sched-seed N given */
    uint64_t sched_seed;
    bool parse_only;             /* --parse-only: options_parse prints the
                                  * parsed options as key=value and exits 0 */
} Options;

#ifndef ARMLET_VERSION
#define ARMLET_VERSION "0.1.0"
#endif

/* Parse argv into opts. On any error prints one line naming the problem and
 * exits with status 2; --help and --version print and exit 0. */
void options_parse(Options *opts, int argc, char **argv);
void options_free(Options *opts);

/* Parse a QEMU-style size ("512", "512M", "1G", "64k"); a bare number is in
 * units of default_unit bytes. Returns false on a malformed or overflowing value. */
bool parse_size(const char *s, uint64_t default_unit, uint64_t *out);

#endif
