/* The command line: qemu-system-aarch64's syntax for the common subset, plus
 * armlet's own long options. Every option is one row of opt_table (name,
 * argument, handler, help); --help is printed from the same table. Value
 * checks follow QEMU's rules (vl.c, hw/core/machine*.c, hw/arm/virt.c, facts
 * only) so a command line that QEMU accepts for -M virt means the same here,
 * and what armlet cannot honour is refused with one line instead of ignored.
 * This file holds the option loop, the table and the shared value parsers;
 * options_board.c and options_io.c hold the larger option grammars.
 * See docs/usage.md for the reference. */
#include "emu/options.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/error.h"
#include "emu/options_priv.h"
#include "emu/virt.h"

bool opt_is_help(const char *s)
{
    return s && (strcmp(s, "help") == 0 || strcmp(s, "?") == 0);
}

void opt_set_str(char **dst, const char *val)
{
    g_free(*dst);
    *dst = g_strdup(val);
}

/* ---- value parsers ---------------------------------------------------- */

/* A decimal number with no sign, space or suffix. */
bool opt_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;

    if (!s || !*s) {
        return false;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return false;
        }
        if (v > (max - (uint64_t)(*s - '0')) / 10) {
            return false;
        }
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return true;
}

/* QEMU's boolean spellings (qemu_opt parse_option_bool); a bare key is on. */
bool opt_parse_bool(const char *s, bool *out)
{
    static const char *const on[] = { "on", "yes", "true", "y" };
    static const char *const off[] = { "off", "no", "false", "n" };

    if (!s) {
        *out = true;
        return true;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(on); i++) {
        if (strcmp(s, on[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(s, off[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

static uint64_t suffix_mul(char c)
{
    static const char suffixes[] = "BKMGTPE";
    const char *p = strchr(suffixes, g_ascii_toupper(c));

    return c && p ? 1ull << (10 * (p - suffixes)) : 0;
}

/* QEMU's qemu_strtosz rules (util/cutils.c): decimal with an optional
 * fraction and one suffix letter B/K/M/G/T/P/E in powers of 1024 (either
 * case), or hexadecimal 0x... without fraction or suffix. A fraction needs a
 * unit above one byte and is truncated to whole bytes. */
bool parse_size(const char *s, uint64_t default_unit, uint64_t *out)
{
    uint64_t ival = 0, frac = 0, fdiv = 1, mul;
    unsigned __int128 total;
    bool digits = false;

    if (!s || !default_unit) {
        return false;
    }
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        for (; g_ascii_isxdigit(*s); s++, digits = true) {
            if (ival >> 60) {
                return false;
            }
            ival = ival << 4 | (uint64_t)g_ascii_xdigit_value(*s);
        }
        total = (unsigned __int128)ival * default_unit;
        if (!digits || *s || total > UINT64_MAX) {
            return false;
        }
        *out = (uint64_t)total;
        return true;
    }
    for (; g_ascii_isdigit(*s); s++, digits = true) {
        if (ival > (UINT64_MAX - (uint64_t)(*s - '0')) / 10) {
            return false;
        }
        ival = ival * 10 + (uint64_t)(*s - '0');
    }
    if (*s == '.') {
        for (s++; g_ascii_isdigit(*s); s++, digits = true) {
            if (fdiv < 1000000000000000000ull) {   /* 18 digits is plenty */
                frac = frac * 10 + (uint64_t)(*s - '0');
                fdiv *= 10;
            }
        }
    }
    if (!digits) {
        return false;
    }
    mul = suffix_mul(*s);
    if (mul) {
        s++;
    } else {
        mul = default_unit;
    }
    if (*s || (frac && mul == 1)) {
        return false;
    }
    total = (unsigned __int128)ival * mul + (unsigned __int128)frac * mul / fdiv;
    if (total > UINT64_MAX) {
        return false;
    }
    *out = (uint64_t)total;
    return true;
}

/* Split a QEMU "key=value,key=value" list into (key, value) pairs at even
 * and odd indexes. ",," is a literal comma. A first item without '=' is the
 * value of `implied` (e.g. "-smp 4" is cpus=4); a later one is a bare key
 * with a NULL value (a boolean switched on). */
GPtrArray *opt_kv_split(const char *s, const char *implied)
{
    GPtrArray *kv = g_ptr_array_new_with_free_func(g_free);
    bool first = true;

    for (;;) {
        GString *item = g_string_new(NULL);
        char *eq;

        while (*s && !(*s == ',' && s[1] != ',')) {
            s += *s == ',';          /* ",," -> "," */
            g_string_append_c(item, *s++);
        }
        eq = strchr(item->str, '=');
        if (eq) {
            g_ptr_array_add(kv, g_strndup(item->str, (gsize)(eq - item->str)));
            g_ptr_array_add(kv, g_strdup(eq + 1));
        } else if (first && implied) {
            g_ptr_array_add(kv, g_strdup(implied));
            g_ptr_array_add(kv, g_strdup(item->str));
        } else {
            g_ptr_array_add(kv, g_strdup(item->str));
            g_ptr_array_add(kv, NULL);
        }
        g_string_free(item, TRUE);
        first = false;
        if (!*s) {
            return kv;
        }
        s++;
    }
}

/* A file option must name a readable file now, so a typo is reported
 * before anything runs. `sep` joins option and path in the message: " " for
 * "-kernel FILE", "=" for "-machine kernel=FILE". */
void opt_check_file(const char *opt, const char *sep, const char *path)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        fatal("%s%s%s: %s", opt, sep, path, strerror(errno));
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fatal("%s%s%s: %s", opt, sep, path, strerror(EISDIR));
    }
    close(fd);
}

void opt_bad_value(ParseState *ps, const char *arg, const char *key, const char *val)
{
    fatal("%s %s: invalid value '%s' for '%s'", ps->opt, arg, val ? val : "", key);
}

/* ---- boot files and simple switches ------------------------------------ */

static void opt_file(ParseState *ps, const char *arg)
{
    Options *o = ps->o;
    const char *n = ps->opt + strspn(ps->opt, "-");
    char **dst = strcmp(n, "kernel") == 0 ? &o->kernel
               : strcmp(n, "initrd") == 0 ? &o->initrd
               : strcmp(n, "dtb") == 0 ? &o->dtb : &o->bios;

    opt_check_file(ps->opt, " ", arg);
    opt_set_str(dst, arg);
}

static void opt_append(ParseState *ps, const char *arg)
{
    opt_set_str(&ps->o->append, arg);
}

static void opt_nographic(ParseState *ps, const char *arg)
{
    /* QEMU: no display, and the default serial port becomes "mon:stdio"
     * (filled in at the end, once every -serial has been seen). */
    ps->o->nographic = true;
    opt_set_str(&ps->o->display, "none");
}

static void opt_nodefaults(ParseState *ps, const char *arg)
{
    ps->o->nodefaults = true;
}

static void opt_gdb_default(ParseState *ps, const char *arg)
{
    opt_set_str(&ps->o->gdb, "tcp::1234");            /* -s, QEMU's default gdb port */
}

static void opt_gdb_wait(ParseState *ps, const char *arg)
{
    ps->o->gdb_wait = true;
}

static void opt_no_reboot(ParseState *ps, const char *arg)
{
    ps->o->no_reboot = true;
}

static void opt_enable_kvm(ParseState *ps, const char *arg)
{
    fatal("%s: armlet emulates the CPU with its own JIT; KVM is not available", ps->opt);
}

/* ---- devices -------------------------------------------------------------- */

static void opt_device_list(ParseState *ps, const char *arg)
{
    Options *o = ps->o;
    const char *n = ps->opt + strspn(ps->opt, "-");
    GPtrArray *list = strcmp(n, "drive") == 0 ? o->drives
                    : strcmp(n, "device") == 0 ? o->devices : o->netdevs;

    if (list == o->devices && opt_is_help(arg)) {
        printf("No devices can be added with -device yet.\n");
        exit(0);
    }
    g_ptr_array_add(list, g_strdup(arg));
}

/* Parsed and kept, but no device model stands behind them yet: refuse
 * rather than boot a guest without the disk or network it asked for.
 * Drop a row here when its device lands. */
static void reject_unimplemented_devices(const Options *o)
{
    const struct { const char *opt; const GPtrArray *list; } kinds[] = {
        { "-drive", o->drives },
        { "-device", o->devices },
        { "-netdev", o->netdevs },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
        if (kinds[i].list->len) {
            fatal("%s %s: not yet supported", kinds[i].opt,
                  (const char *)g_ptr_array_index(kinds[i].list, 0));
        }
    }
}

/* ---- armlet's own ----------------------------------------------------------- */

static void opt_jit(ParseState *ps, const char *arg)
{
    if (strcmp(arg, "native") == 0) {
        ps->o->jit = JIT_NATIVE;
    } else if (strcmp(arg, "interp") == 0) {
        ps->o->jit = JIT_INTERP;
    } else {
        fatal("%s %s: expected native or interp", ps->opt, arg);
    }
}

static void opt_stats(ParseState *ps, const char *arg)
{
    ps->o->stats = true;
}

static void opt_trace_boot(ParseState *ps, const char *arg)
{
    opt_set_str(&ps->o->trace_boot, arg);
}

static void opt_parse_only(ParseState *ps, const char *arg)
{
    ps->o->parse_only = true;
}

static void opt_version(ParseState *ps, const char *arg)
{
    printf("armlet %s\n", ARMLET_VERSION);
    printf("Command-line compatible with qemu-system-aarch64 (-M virt; common subset, "
           "see docs/usage.md)\n");
    exit(0);
}

static void opt_help(ParseState *ps, const char *arg);

/* ---- the table -------------------------------------------------------------- */

typedef void OptFn(ParseState *ps, const char *arg);
typedef struct OptDef {
    const char *name, *alias;    /* each works with one or two dashes */
    const char *arg;             /* argument name for --help; NULL = a flag */
    OptFn *fn;
    bool own;                    /* armlet's own option, listed apart */
    const char *help;
} OptDef;

static const OptDef opt_table[] = {
    { "machine", "M", "TYPE[,PROP=VAL]", opt_machine, false,
      "board: virt (or virt-X.Y); -M help, -M virt,help" },
    { "cpu", NULL, "MODEL", opt_cpu, false, "cortex-a57 (default), cortex-a53, cortex-a72, max, host" },
    { "smp", NULL, "N[,TOPOLOGY]", opt_smp, false,
      "CPUs (1..123, at most 8 with GICv2); sockets= clusters= cores= threads= maxcpus=" },
    { "m", NULL, "SIZE[,maxmem=,slots=]", opt_memory, false,
      "RAM size; bare number in MiB, suffixes K M G T (default 512M)" },
    { "kernel", NULL, "FILE", opt_file, false, "kernel: arm64 Image, ELF or raw binary" },
    { "initrd", NULL, "FILE", opt_file, false, "initial ramdisk (needs -kernel)" },
    { "append", NULL, "CMDLINE", opt_append, false, "kernel command line (needs -kernel)" },
    { "dtb", NULL, "FILE", opt_file, false, "use this device tree instead of the generated one" },
    { "bios", NULL, "FILE", opt_file, false, "firmware loaded at address 0 (flash)" },
    { "nographic", NULL, NULL, opt_nographic, false,
      "no display; default serial becomes mon:stdio" },
    { "display", NULL, "sdl|none", opt_display, false, "display backend" },
    { "serial", NULL, "DEV", opt_serial, false,
      "stdio|mon:stdio|null|none|file:PATH|tcp:[HOST]:PORT[,server]|unix:PATH[,server]" },
    { "monitor", NULL, "none", opt_monitor, false, "accepted for compatibility (only 'none')" },
    { "nodefaults", NULL, NULL, opt_nodefaults, false, "no default serial port" },
    { "s", NULL, NULL, opt_gdb_default, false, "shorthand for -gdb tcp::1234" },
    { "S", NULL, NULL, opt_gdb_wait, false, "do not start the CPUs until the debugger says so" },
    { "gdb", NULL, "DEV", opt_gdb, false, "gdb server on tcp::PORT, tcp:HOST:PORT or unix:PATH" },
    { "d", NULL, "ITEM,...", opt_log_items, false, "log these categories (-d help lists)" },
    { "D", NULL, "FILE", opt_log_file, false, "write the log to FILE instead of stderr" },
    { "dfilter", NULL, "RANGE,...", opt_dfilter, false, "log only code in START..END|START+LEN" },
    { "no-reboot", NULL, NULL, opt_no_reboot, false, "exit instead of rebooting the guest" },
    { "icount", NULL, "[shift=]N[,sleep=on|off]", opt_icount, false,
      "deterministic: virtual time is 2^N ns per executed instruction" },
    { "semihosting", NULL, NULL, opt_semihosting, false, "Arm semihosting via HLT #0xF000" },
    { "semihosting-config", NULL, "enable=on|off[,userspace=on|off]", opt_semihosting_config,
      false, "semihosting settings (output goes to stdout)" },
    { "accel", NULL, "tcg[,PROP=VAL]", opt_accel, false, "accelerator: tcg only (thread=, tb-size= accepted)" },
    { "enable-kvm", NULL, NULL, opt_enable_kvm, false, "refused: armlet has no KVM" },
    { "drive", NULL, "SPEC", opt_device_list, false, "block device (not yet supported)" },
    { "device", NULL, "DRIVER[,...]", opt_device_list, false, "add a device (not yet supported)" },
    { "netdev", NULL, "SPEC", opt_device_list, false, "network backend (not yet supported)" },
    { "help", "h", NULL, opt_help, false, "print this help and exit" },
    { "version", NULL, NULL, opt_version, false, "print the version and exit" },
    { "jit", NULL, "native|interp", opt_jit, true,
      "run translated code natively (default) or interpret the IR" },
    { "stats", NULL, NULL, opt_stats, true, "print execution statistics at exit" },
    { "trace-boot", NULL, "FILE.json", opt_trace_boot, true,
      "write a boot-flow trace (Chrome Trace Event Format) and print a summary" },
    { "sched-seed", NULL, "N", opt_sched_seed, true,
      "deterministic run with vCPU order and quanta varied by seed N" },
    { "parse-only", NULL, NULL, opt_parse_only, true,
      "for testing: print the parsed options as key=value and exit" },
};

static void opt_help(ParseState *ps, const char *arg)
{
    printf("Usage: armlet [options]\n\n");
    for (int own = 0; own < 2; own++) {
        printf(own ? "\narmlet's own options:\n"
                   : "QEMU-compatible options (as qemu-system-aarch64 -M virt):\n");
        for (size_t i = 0; i < G_N_ELEMENTS(opt_table); i++) {
            const OptDef *d = &opt_table[i];
            g_autofree char *spell = NULL;

            if (d->own != own) {
                continue;
            }
            spell = g_strdup_printf("%s%s%s%s%s%s", own ? "--" : "-", d->name,
                                    d->alias ? ", -" : "", d->alias ? d->alias : "",
                                    d->arg ? " " : "", d->arg ? d->arg : "");
            printf("  %-30s %s\n", spell, d->help);
        }
    }
    printf("\nEvery option may be spelled with one or two dashes, and its argument "
           "given as the\nnext word or after '='.\n");
    exit(0);
}

static const OptDef *find_opt(const char *name, size_t len)
{
    for (size_t i = 0; i < G_N_ELEMENTS(opt_table); i++) {
        const OptDef *d = &opt_table[i];

        if ((strlen(d->name) == len && strncmp(d->name, name, len) == 0) ||
            (d->alias && strlen(d->alias) == len && strncmp(d->alias, name, len) == 0)) {
            return d;
        }
    }
    return NULL;
}

/* ---- entry points ------------------------------------------------------------ */

static void set_defaults(Options *o)
{
    memset(o, 0, sizeof *o);
    o->machine = g_strdup("virt");
    o->gic_version = 2;
    o->psci_conduit = PSCI_CONDUIT_HVC;
    o->cpu_model = g_strdup("cortex-a57");
    o->smp_cpus = o->smp_maxcpus = 1;
    o->smp_sockets = o->smp_clusters = o->smp_cores = o->smp_threads = 1;
    o->ram_size = VIRT_RAM_DEFAULT;
    o->serials = g_ptr_array_new_with_free_func(g_free);
    o->drives = g_ptr_array_new_with_free_func(g_free);
    o->devices = g_ptr_array_new_with_free_func(g_free);
    o->netdevs = g_ptr_array_new_with_free_func(g_free);
    o->jit = JIT_NATIVE;
    o->icount_shift = -1;
    o->icount_sleep = true;
}

/* Checks that need the whole command line (QEMU does them after parsing). */
static void finalize(ParseState *ps)
{
    Options *o = ps->o;

    opt_smp_finalize(ps);
    /* QEMU virt without gic-version picks v2 up to 8 CPUs, else v3. */
    if (!ps->gic_given && o->smp_maxcpus > GICV2_MAX_CPUS) {
        o->gic_version = 3;
    }
    if (o->gic_version == 2 && o->smp_maxcpus > GICV2_MAX_CPUS) {
        fatal("-smp %s: GICv2 supports at most %d CPUs (use -machine gic-version=3)",
              ps->smp_arg, GICV2_MAX_CPUS);
    }
    if (!o->kernel) {
        if (o->append && *o->append) {
            fatal("-append only allowed with -kernel option");
        }
        if (o->initrd) {
            fatal("-initrd only allowed with -kernel option");
        }
        if (o->dtb) {
            fatal("-dtb only allowed with -kernel option");
        }
    }
    if (ps->accel_other && !ps->accel_tcg) {
        fatal("-accel %s: armlet emulates the CPU with its own JIT; only tcg is available",
              ps->accel_other);
    }
    if (o->nographic && !o->nodefaults && o->serials->len == 0) {
        g_ptr_array_add(o->serials, g_strdup("mon:stdio"));
    }
    reject_unimplemented_devices(o);
    if (o->spin_table && o->dtb) {
        fatal("-machine smp-boot=spin-table needs the generated device tree (not -dtb)");
    }
    if (o->sched_seeded && o->icount_shift < 0) {
        o->icount_shift = 0;      /* a seeded schedule needs deterministic time */
    }
}

static void print_str(const char *key, const char *val)
{
    printf("%s=%s\n", key, val ? val : "");
}

/* --parse-only: one key=value per line, in this fixed order. */
static void options_print(const Options *o)
{
    static const char *const conduits[] = { "hvc", "smc", "none" };

    print_str("machine", o->machine);
    printf("gic_version=%d\n", o->gic_version);
    print_str("psci_conduit", conduits[o->psci_conduit]);
    print_str("smp_boot", o->spin_table ? "spin-table" : "psci");
    print_str("dumpdtb", o->dumpdtb);
    print_str("cpu", o->cpu_model);
    printf("smp_cpus=%d\nsmp_maxcpus=%d\nsmp_sockets=%d\nsmp_clusters=%d\n"
           "smp_cores=%d\nsmp_threads=%d\n", o->smp_cpus, o->smp_maxcpus, o->smp_sockets,
           o->smp_clusters, o->smp_cores, o->smp_threads);
    printf("ram_size=%" PRIu64 "\n", o->ram_size);
    print_str("kernel", o->kernel);
    print_str("initrd", o->initrd);
    print_str("append", o->append);
    print_str("dtb", o->dtb);
    print_str("bios", o->bios);
    printf("nographic=%d\n", o->nographic);
    print_str("display", o->display);
    for (guint i = 0; i < o->serials->len; i++) {
        print_str("serial", g_ptr_array_index(o->serials, i));
    }
    printf("nodefaults=%d\n", o->nodefaults);
    print_str("gdb", o->gdb);
    printf("gdb_wait=%d\n", o->gdb_wait);
    print_str("log_items", o->log_items);
    print_str("log_file", o->log_file);
    print_str("dfilter", o->log_dfilter);
    printf("no_reboot=%d\n", o->no_reboot);
    print_str("accel", o->accel);
    print_str("jit", o->jit == JIT_NATIVE ? "native" : "interp");
    printf("stats=%d\n", o->stats);
    print_str("trace_boot", o->trace_boot);
    printf("icount_shift=%d\nicount_sleep=%d\n", o->icount_shift, o->icount_sleep);
    printf("semihosting=%d\nsemihosting_userspace=%d\n", o->semihosting,
           o->semihosting_userspace);
    printf("sched_seed=%s%" PRIu64 "\n", o->sched_seeded ? "" : "none/", o->sched_seed);
}

void options_parse(Options *opts, int argc, char **argv)
{
    ParseState ps = { .o = opts };

    set_defaults(opts);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *name, *eq, *val = NULL;
        g_autofree char *spelled = NULL;
        const OptDef *d;

        if (a[0] != '-' || a[1] == '\0') {
            fatal("%s: disk image arguments (QEMU's -hda) are not yet supported", a);
        }
        name = a + 1 + (a[1] == '-');
        eq = strchr(name, '=');
        spelled = g_strndup(a, eq ? (size_t)(eq - a) : strlen(a));
        d = find_opt(name, eq ? (size_t)(eq - name) : strlen(name));
        if (!d) {
            fatal("unknown option '%s' (see --help)", spelled);
        }
        if (d->arg) {
            if (eq) {
                val = eq + 1;
            } else if (i + 1 < argc) {
                val = argv[++i];
            } else {
                fatal("%s: requires an argument", spelled);
            }
        } else if (eq) {
            fatal("%s: takes no argument", spelled);
        }
        ps.opt = spelled;
        d->fn(&ps, val);
    }
    ps.opt = NULL;
    finalize(&ps);
    if (opts->parse_only) {
        options_print(opts);
        fflush(stdout);
        options_free(opts);
        exit(0);
    }
}

void options_free(Options *opts)
{
    char **strs[] = {
        &opts->machine, &opts->dumpdtb, &opts->cpu_model, &opts->kernel, &opts->initrd,
        &opts->append, &opts->dtb, &opts->bios, &opts->display, &opts->gdb,
        &opts->log_items, &opts->log_file, &opts->log_dfilter, &opts->accel,
        &opts->trace_boot,
    };
    GPtrArray **arrays[] = { &opts->serials, &opts->drives, &opts->devices, &opts->netdevs };

    for (size_t i = 0; i < G_N_ELEMENTS(strs); i++) {
        g_free(*strs[i]);
        *strs[i] = NULL;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(arrays); i++) {
        if (*arrays[i]) {
            g_ptr_array_unref(*arrays[i]);
            *arrays[i] = NULL;
        }
    }
}

