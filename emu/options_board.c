/* -machine, -cpu, -smp, -m and -accel: the shape of the board, checked
 * with QEMU's rules (hw/arm/virt.c, hw/core/machine.c, machine-smp.c; facts
 * only) so QEMU command lines mean the same here. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "emu/options_priv.h"
#include "emu/virt.h"

static const char *const smp_keys[] = {
    "cpus", "sockets", "dies", "clusters", "cores", "threads", "maxcpus",
};

/* ---- -machine ------------------------------------------------------------ */

typedef struct MachineProp MachineProp;
typedef void MachinePropSet(ParseState *ps, const char *arg, const MachineProp *p,
                            const char *val);
struct MachineProp {
    const char *name;
    MachinePropSet *set;
    const char *why;             /* prop_must_be_off etc.: what armlet lacks */
    const char *help;
};

static void prop_gic_version(ParseState *ps, const char *arg, const MachineProp *p,
                             const char *val)
{
    if (val && (strcmp(val, "2") == 0 || strcmp(val, "3") == 0)) {
        ps->o->gic_version = val[0] - '0';
    } else if (val && (strcmp(val, "max") == 0 || strcmp(val, "host") == 0)) {
        ps->o->gic_version = 3;      /* the highest armlet emulates */
    } else if (val && strcmp(val, "4") == 0) {
        fatal("%s %s: gic-version=4 is not supported by armlet (GICv2 and GICv3 only)",
              ps->opt, arg);
    } else {
        opt_bad_value(ps, arg, p->name, val);
    }
    ps->gic_given = true;
}

static void prop_psci_conduit(ParseState *ps, const char *arg, const MachineProp *p,
                              const char *val)
{
    static const char *const names[] = { "hvc", "smc", "none" };

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (val && strcmp(val, names[i]) == 0) {
            ps->o->psci_conduit = (PsciConduit)i;
            return;
        }
    }
    opt_bad_value(ps, arg, p->name, val);
}

/* smp-boot=psci|spin-table: how secondaries start (armlet's own). */
static void prop_smp_boot(ParseState *ps, const char *arg, const MachineProp *p,
                          const char *val)
{
    if (val && strcmp(val, "psci") == 0) {
        ps->o->spin_table = false;
    } else if (val && strcmp(val, "spin-table") == 0) {
        ps->o->spin_table = true;
    } else {
        opt_bad_value(ps, arg, p->name, val);
    }
}

static void note_accel(ParseState *ps, const char *name)
{
    if (strcmp(name, "tcg") == 0) {
        ps->accel_tcg = true;
    } else if (!ps->accel_other) {
        ps->accel_other = name;
    }
}

/* accel=A[:B...] lists accelerators to try in order; armlet has only tcg. */
static void prop_accel(ParseState *ps, const char *arg, const MachineProp *p,
                       const char *val)
{
    g_auto(GStrv) names = g_strsplit(val ? val : "", ":", -1);

    for (int i = 0; names[i]; i++) {
        if (strcmp(names[i], "tcg") == 0) {
            ps->accel_tcg = true;
            opt_set_str(&ps->o->accel, "tcg");
            return;
        }
    }
    fatal("%s %s: armlet emulates the CPU with its own JIT; only accel=tcg is available",
          ps->opt, arg);
}

static void prop_file(ParseState *ps, const char *arg, const MachineProp *p,
                      const char *val)
{
    Options *o = ps->o;
    char **dst = strcmp(p->name, "kernel") == 0 ? &o->kernel
               : strcmp(p->name, "initrd") == 0 ? &o->initrd : &o->dtb;
    g_autofree char *what = g_strdup_printf("%s %s", ps->opt, p->name);

    opt_check_file(what, "=", val ? val : "");
    opt_set_str(dst, val);
}

static void prop_string(ParseState *ps, const char *arg, const MachineProp *p,
                        const char *val)
{
    if (!val || !*val) {
        opt_bad_value(ps, arg, p->name, val);
    }
    opt_set_str(strcmp(p->name, "append") == 0 ? &ps->o->append : &ps->o->dumpdtb, val);
}

/* A QEMU property armlet has no use for: any boolean is accepted. */
static void prop_ignored_bool(ParseState *ps, const char *arg, const MachineProp *p,
                              const char *val)
{
    bool b;

    if (!opt_parse_bool(val, &b)) {
        opt_bad_value(ps, arg, p->name, val);
    }
}

/* A feature armlet does not emulate: "off" is what armlet does anyway. */
static void prop_must_be_off(ParseState *ps, const char *arg, const MachineProp *p,
                             const char *val)
{
    bool b;

    if (!opt_parse_bool(val, &b)) {
        opt_bad_value(ps, arg, p->name, val);
    }
    if (b) {
        fatal("%s %s: %s=on is not supported by armlet (%s)", ps->opt, arg, p->name, p->why);
    }
}

/* OnOffAuto (acpi): armlet builds no ACPI tables, so "on" cannot be met. */
static void prop_off_or_auto(ParseState *ps, const char *arg, const MachineProp *p,
                             const char *val)
{
    if (val && strcmp(val, "auto") == 0) {
        return;
    }
    prop_must_be_off(ps, arg, p, val);
}

static void prop_iommu(ParseState *ps, const char *arg, const MachineProp *p,
                       const char *val)
{
    if (!val || strcmp(val, "none") != 0) {
        fatal("%s %s: iommu=%s is not supported by armlet (%s)", ps->opt, arg,
              val ? val : "", p->why);
    }
}

static const MachineProp machine_props[] = {
    { "gic-version", prop_gic_version, NULL, "2, 3, max or host (max/host give 3)" },
    { "psci-conduit", prop_psci_conduit, NULL, "hvc (default), smc or none (armlet's own)" },
    { "smp-boot", prop_smp_boot, NULL,
      "psci (default: secondaries off until CPU_ON) or spin-table (armlet's own)" },
    { "dumpdtb", prop_string, NULL, "write the device tree to FILE and exit" },
    { "accel", prop_accel, NULL, "tcg (a list such as kvm:tcg is accepted if it holds tcg)" },
    { "kernel", prop_file, NULL, "same as -kernel" },
    { "initrd", prop_file, NULL, "same as -initrd" },
    { "dtb", prop_file, NULL, "same as -dtb" },
    { "append", prop_string, NULL, "same as -append" },
    { "secure", prop_must_be_off, "EL3 is not emulated", "off only" },
    { "virtualization", prop_must_be_off, "EL2 is not emulated", "off only" },
    { "mte", prop_must_be_off, "MTE is not emulated", "off only" },
    { "acpi", prop_off_or_auto, "armlet boots with a device tree only", "off or auto" },
    { "iommu", prop_iommu, "no IOMMU is emulated", "none only" },
    { "highmem", prop_ignored_bool, NULL, "accepted, ignored (RAM ends below 256 GiB)" },
    { "highmem-ecam", prop_ignored_bool, NULL, "accepted, ignored (no PCIe)" },
    { "highmem-mmio", prop_ignored_bool, NULL, "accepted, ignored (no PCIe)" },
    { "highmem-redists", prop_ignored_bool, NULL, "accepted, ignored" },
    { "its", prop_ignored_bool, NULL, "accepted, ignored (no ITS is emulated)" },
    { "ras", prop_ignored_bool, NULL, "accepted, ignored (no ACPI APEI)" },
    { "graphics", prop_ignored_bool, NULL, "accepted, ignored" },
    { "usb", prop_ignored_bool, NULL, "accepted, ignored" },
    { "dump-guest-core", prop_ignored_bool, NULL, "accepted, ignored" },
    { "mem-merge", prop_ignored_bool, NULL, "accepted, ignored" },
    { "dtb-randomness", prop_ignored_bool, NULL, "accepted, ignored" },
    { "dtb-kaslr-seed", prop_ignored_bool, NULL, "accepted, ignored" },
    { "suppress-vmdesc", prop_ignored_bool, NULL, "accepted, ignored" },
};

static void machine_help(bool props)
{
    if (!props) {
        printf("Supported machines are:\n");
        printf("%-20s %s\n", "virt", "QEMU 'virt' compatible board (default)");
        printf("%-20s %s\n", "virt-X.Y", "alias of virt (any QEMU version)");
        exit(0);
    }
    printf("virt options:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(machine_props); i++) {
        printf("  %-18s %s\n", machine_props[i].name, machine_props[i].help);
    }
    exit(0);
}

/* "virt" or QEMU's versioned "virt-7.2": every version is the same board. */
static bool machine_type_ok(const char *t)
{
    const char *p = t + 4;

    if (strncmp(t, "virt", 4) != 0) {
        return false;
    }
    if (!*p) {
        return true;
    }
    if (*p++ != '-' || !g_ascii_isdigit(*p)) {
        return false;
    }
    while (g_ascii_isdigit(*p)) {
        p++;
    }
    if (*p++ != '.' || !g_ascii_isdigit(*p)) {
        return false;
    }
    while (g_ascii_isdigit(*p)) {
        p++;
    }
    return *p == '\0';
}

void opt_machine(ParseState *ps, const char *arg)
{
    g_autoptr(GPtrArray) kv = opt_kv_split(arg, "type");

    for (guint i = 0; i < KV_COUNT(kv); i++) {
        const char *key = KV_KEY(kv, i), *val = KV_VAL(kv, i);
        size_t j;

        if (strcmp(key, "type") == 0) {
            if (opt_is_help(val)) {
                machine_help(false);
            }
            if (!machine_type_ok(val)) {
                fatal("%s %s: unsupported machine type '%s' (armlet models 'virt'; "
                      "see -M help)", ps->opt, arg, val);
            }
            opt_set_str(&ps->o->machine, "virt");
            continue;
        }
        if (opt_is_help(key)) {
            machine_help(true);
        }
        for (j = 0; j < G_N_ELEMENTS(machine_props); j++) {
            if (strcmp(key, machine_props[j].name) == 0) {
                machine_props[j].set(ps, arg, &machine_props[j], val);
                break;
            }
        }
        if (j == G_N_ELEMENTS(machine_props)) {
            fatal("%s %s: unknown property '%s' (see -M virt,help)", ps->opt, arg, key);
        }
    }
}

/* ---- -cpu, -smp, -m -------------------------------------------------- */

static const char *const cpu_models[][2] = {
    { "cortex-a57", "default" },
    { "cortex-a53", "" },
    { "cortex-a72", "" },
    { "max", "" },
    { "host", "" },
};

void opt_cpu(ParseState *ps, const char *arg)
{
    g_autoptr(GPtrArray) kv = opt_kv_split(arg, NULL);
    const char *name = KV_KEY(kv, 0);
    size_t i;

    if (opt_is_help(name)) {
        printf("Available CPUs (all run armlet's one ARMv8-A CPU model):\n");
        for (i = 0; i < G_N_ELEMENTS(cpu_models); i++) {
            printf("  %-12s %s\n", cpu_models[i][0], cpu_models[i][1]);
        }
        exit(0);
    }
    for (i = 0; i < G_N_ELEMENTS(cpu_models); i++) {
        if (strcmp(name, cpu_models[i][0]) == 0) {
            break;
        }
    }
    if (i == G_N_ELEMENTS(cpu_models) || KV_VAL(kv, 0)) {
        fatal("%s %s: unknown CPU model (see -cpu help)", ps->opt, arg);
    }
    for (guint j = 1; j < KV_COUNT(kv); j++) {
        bool b;

        /* pauth-impdef only picks QEMU's faster PAC hash; harmless to drop. */
        if (strcmp(KV_KEY(kv, j), "pauth-impdef") != 0) {
            fatal("%s %s: CPU property '%s' is not supported by armlet", ps->opt, arg,
                  KV_KEY(kv, j));
        }
        if (!opt_parse_bool(KV_VAL(kv, j), &b)) {
            opt_bad_value(ps, arg, KV_KEY(kv, j), KV_VAL(kv, j));
        }
    }
    opt_set_str(&ps->o->cpu_model, name);
}

void opt_smp(ParseState *ps, const char *arg)
{
    g_autoptr(GPtrArray) kv = opt_kv_split(arg, "cpus");

    /* Like QEMU, a later -smp adds to (and overrides keys of) earlier ones. */
    ps->smp_arg = arg;
    for (guint i = 0; i < KV_COUNT(kv); i++) {
        const char *key = KV_KEY(kv, i), *val = KV_VAL(kv, i);
        uint64_t v;
        size_t k;

        for (k = 0; k < G_N_ELEMENTS(smp_keys); k++) {
            if (strcmp(key, smp_keys[k]) == 0) {
                break;
            }
        }
        if (k == G_N_ELEMENTS(smp_keys)) {
            fatal("%s %s: unknown property '%s'", ps->opt, arg, key);
        }
        if (!opt_parse_uint(val, UINT32_MAX, &v)) {
            fatal("%s %s: invalid number '%s' for '%s'", ps->opt, arg, val ? val : "", key);
        }
        if (v == 0) {
            fatal("%s %s: CPU topology parameters must be greater than zero", ps->opt, arg);
        }
        ps->smp[k] = (unsigned)v;
    }
}

/* QEMU's derivation (hw/core/machine-smp.c, "prefer cores" since 6.2):
 * missing values come from maxcpus (itself defaulting to cpus), then the
 * product of the hierarchy must equal maxcpus and maxcpus >= cpus. */
void opt_smp_finalize(ParseState *ps)
{
    Options *o = ps->o;
    const char *arg = ps->smp_arg;
    uint64_t cpus = ps->smp[SMP_CPUS], sockets = ps->smp[SMP_SOCKETS];
    uint64_t clusters = ps->smp[SMP_CLUSTERS], cores = ps->smp[SMP_CORES];
    uint64_t threads = ps->smp[SMP_THREADS], maxcpus = ps->smp[SMP_MAXCPUS];
    uint64_t total;

    if (!arg) {
        o->smp_cpus = o->smp_maxcpus = 1;
        o->smp_sockets = o->smp_clusters = o->smp_cores = o->smp_threads = 1;
        return;
    }
    if (ps->smp[SMP_DIES] > 1) {
        fatal("-smp %s: dies not supported by the virt machine's CPU topology", arg);
    }
    clusters = clusters ? clusters : 1;
    if (!cpus && !maxcpus) {
        sockets = sockets ? sockets : 1;
        cores = cores ? cores : 1;
        threads = threads ? threads : 1;
    } else {
        maxcpus = maxcpus ? maxcpus : cpus;
        if (!cores) {
            sockets = sockets ? sockets : 1;
            threads = threads ? threads : 1;
            cores = maxcpus / (sockets * clusters * threads);
        } else if (!sockets) {
            threads = threads ? threads : 1;
            sockets = maxcpus / (clusters * cores * threads);
        }
        if (!threads) {
            threads = maxcpus / (sockets * clusters * cores);
        }
    }
    total = sockets * clusters * cores * threads;     /* each < 2^32: no overflow */
    maxcpus = maxcpus ? maxcpus : total;
    cpus = cpus ? cpus : maxcpus;
    if (total != maxcpus) {
        fatal("-smp %s: invalid CPU topology: sockets (%" PRIu64 ") * clusters (%" PRIu64
              ") * cores (%" PRIu64 ") * threads (%" PRIu64 ") != maxcpus (%" PRIu64 ")",
              arg, sockets, clusters, cores, threads, maxcpus);
    }
    if (maxcpus < cpus) {
        fatal("-smp %s: invalid CPU topology: maxcpus (%" PRIu64 ") < cpus (%" PRIu64 ")",
              arg, maxcpus, cpus);
    }
    if (maxcpus > VIRT_MAX_CPUS) {
        /* QEMU's wording (hw/core/machine-smp.c) */
        fatal("-smp %s: Invalid SMP CPUs %" PRIu64 ". The max CPUs supported by machine "
              "'virt' is %d", arg, maxcpus, VIRT_MAX_CPUS);
    }
    o->smp_cpus = (int)cpus;
    o->smp_maxcpus = (int)maxcpus;
    o->smp_sockets = (int)sockets;
    o->smp_clusters = (int)clusters;
    o->smp_cores = (int)cores;
    o->smp_threads = (int)threads;
}

void opt_memory(ParseState *ps, const char *arg)
{
    g_autoptr(GPtrArray) kv = opt_kv_split(arg, "size");
    uint64_t size = 0, maxmem = 0, slots = 0;
    bool has_size = false, has_maxmem = false, has_slots = false;

    for (guint i = 0; i < KV_COUNT(kv); i++) {
        const char *key = KV_KEY(kv, i), *val = KV_VAL(kv, i);

        if (strcmp(key, "size") == 0) {
            /* A bare number is MiB, as QEMU's legacy -m syntax. */
            has_size = parse_size(val, 1ull << 20, &size);
            if (!has_size) {
                fatal("%s %s: invalid size", ps->opt, arg);
            }
        } else if (strcmp(key, "maxmem") == 0) {
            has_maxmem = parse_size(val, 1, &maxmem);
            if (!has_maxmem) {
                fatal("%s %s: invalid size for 'maxmem'", ps->opt, arg);
            }
        } else if (strcmp(key, "slots") == 0) {
            has_slots = opt_parse_uint(val, UINT32_MAX, &slots);
            if (!has_slots) {
                fatal("%s %s: invalid number for 'slots'", ps->opt, arg);
            }
        } else {
            fatal("%s %s: unknown property '%s'", ps->opt, arg, key);
        }
    }
    if (!has_size) {
        fatal("%s %s: missing 'size'", ps->opt, arg);
    }
    if (size == 0) {
        fatal("%s %s: RAM size must be greater than zero", ps->opt, arg);
    }
    if (size > VIRT_RAM_MAX) {
        fatal("%s %s: RAM size exceeds the virt machine's limit of %llu GiB", ps->opt, arg,
              VIRT_RAM_MAX >> 30);
    }
    size = (size + RAM_ALIGN - 1) & ~(RAM_ALIGN - 1);
    /* maxmem/slots describe hot-pluggable DIMMs, which armlet lacks; they are
     * checked as QEMU does (hw/core/machine.c) and otherwise ignored. */
    if (has_maxmem && maxmem < size) {
        fatal("%s %s: maxmem must be at least the initial memory size", ps->opt, arg);
    }
    if (has_slots && !has_maxmem) {
        fatal("%s %s: slots specified but no maxmem", ps->opt, arg);
    }
    if (has_slots && slots && maxmem == size) {
        fatal("%s %s: slots specified but maxmem equals the initial memory size", ps->opt,
              arg);
    }
    ps->o->ram_size = size;
}

/* ---- accelerator ------------------------------------------------------------ */

void opt_accel(ParseState *ps, const char *arg)
{
    g_autoptr(GPtrArray) kv = opt_kv_split(arg, "accel");

    if (opt_is_help(KV_VAL(kv, 0))) {
        printf("Accelerators supported in armlet:\ntcg\n");
        exit(0);
    }
    if (strcmp(KV_KEY(kv, 0), "accel") != 0 || strcmp(KV_VAL(kv, 0), "tcg") != 0) {
        /* QEMU tries -accel options in order: a later -accel tcg is the
         * fallback, so this is only an error if no tcg follows. */
        if (!ps->accel_other) {
            ps->accel_other = arg;
        }
        return;
    }
    for (guint i = 1; i < KV_COUNT(kv); i++) {
        const char *key = KV_KEY(kv, i), *val = KV_VAL(kv, i);
        uint64_t n;
        bool b;

        if (strcmp(key, "thread") == 0) {
            if (!val || (strcmp(val, "single") != 0 && strcmp(val, "multi") != 0)) {
                opt_bad_value(ps, arg, key, val);
            }
        } else if (strcmp(key, "tb-size") == 0) {
            if (!opt_parse_uint(val, UINT32_MAX, &n)) {
                opt_bad_value(ps, arg, key, val);
            }
        } else if (strcmp(key, "one-insn-per-tb") == 0 || strcmp(key, "split-wx") == 0) {
            if (!opt_parse_bool(val, &b)) {
                opt_bad_value(ps, arg, key, val);
            }
        } else {
            fatal("%s %s: unknown property '%s'", ps->opt, arg, key);
        }
    }
    note_accel(ps, "tcg");
    opt_set_str(&ps->o->accel, arg);
}
