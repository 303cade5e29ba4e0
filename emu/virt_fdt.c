/* The virt board's flattened device tree: the tree QEMU 7.2's virt board
 * generates for the devices armlet has (hw/arm/virt.c and hw/arm/boot.c
 * read for facts only), or the user's -dtb patched the way QEMU patches it.
 * Each device writes its own node (pl011_fdt_node, gic_fdt_node); this file
 * writes the board-level nodes. See docs/device-tree.md. */
#include "emu/virt.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <libfdt.h>

#include "emu/error.h"
#include "emu/fdt_util.h"
#include "hw/gic_fdt.h"
#include "hw/pl011.h"
#include "hw/pl031.h"
#include "target-arm/psci.h"

#define TRY(expr)                                                           \
    do {                                                                    \
        int try_err_ = (expr);                                              \
        if (try_err_ < 0) {                                                 \
            return try_err_;                                                \
        }                                                                   \
    } while (0)

/* Phandles after the fixed ones: one per CPU, referenced from cpu-map. */
#define PHANDLE_CPU(idx)   (VIRT_PHANDLE_GIC + 1u + (uint32_t)(idx))

#define APB_CLK_HZ              24000000u

#define KASLR_SEED_BYTES        8
#define RNG_SEED_BYTES          32   /* QEMU's rng-seed length */

/* /chosen seed bytes, drawn once so that a retried build is identical. */
typedef struct Seeds {
    bool present;
    uint8_t bytes[KASLR_SEED_BYTES + RNG_SEED_BYTES];
} Seeds;

static PsciConduit conduit(const Machine *m)
{
    return m->opts ? m->opts->psci_conduit : PSCI_CONDUIT_HVC;
}

uint64_t virt_cpu_mpidr(const Machine *m, int idx)
{
    /* GICv2 SGIs name targets by an 8-bit CPU list, GICv3 by Aff0 in a
     * 16-bit list (ICC_SGI1R_EL1.TargetList): clusters of that size let one
     * SGI reach a whole cluster, as QEMU (and arm64 KVM) lay them out. */
    unsigned cluster = m->gic_version == 2 ? 8 : 16;
    uint64_t aff0 = (unsigned)idx % cluster, aff1 = (unsigned)idx / cluster;

    return (aff1 << 8) | aff0;
}

/* ---- nodes of the generated tree ---- */

static int fdt_root(void *fdt)
{
    TRY(fdt_setprop_string(fdt, 0, "compatible", "linux,dummy-virt"));
    TRY(fdt_setprop_u32(fdt, 0, "#address-cells", 2));
    TRY(fdt_setprop_u32(fdt, 0, "#size-cells", 2));
    TRY(fdt_setprop_string(fdt, 0, "model", "linux,dummy-virt"));
    return fdt_setprop_u32(fdt, 0, "interrupt-parent", VIRT_PHANDLE_GIC);
}

/* kaslr-seed and rng-seed (Linux's /chosen binding): QEMU adds both unless
 * dtb-randomness=off. */
static int fdt_seeds(void *fdt, int chosen, const Seeds *seeds)
{
    if (!seeds->present) {
        return 0;
    }
    TRY(fdt_setprop(fdt, chosen, "kaslr-seed", seeds->bytes, KASLR_SEED_BYTES));
    return fdt_setprop(fdt, chosen, "rng-seed", seeds->bytes + KASLR_SEED_BYTES,
                       RNG_SEED_BYTES);
}

/* The fixed APB clock the PL011 (and later the PL031) name as their clocks:
 * Linux will not probe a primecell device without it. */
static int fdt_apb_clock(void *fdt)
{
    int node = fdt_add_subnode(fdt, 0, "apb-pclk");

    TRY(node);
    TRY(fdt_setprop_string(fdt, node, "compatible", "fixed-clock"));
    TRY(fdt_setprop_u32(fdt, node, "#clock-cells", 0));
    TRY(fdt_setprop_u32(fdt, node, "clock-frequency", APB_CLK_HZ));
    TRY(fdt_setprop_string(fdt, node, "clock-output-names", "clk24mhz"));
    return fdt_setprop_u32(fdt, node, "phandle", VIRT_PHANDLE_APB_CLK);
}

/* The generic timer (arm,arch_timer binding): its four PPIs in the order
 * the binding fixes: secure physical, non-secure physical, virtual,
 * hypervisor physical. Level-triggered, as the timer outputs are. */
static int fdt_timer(void *fdt, const Machine *m)
{
    static const char compat[] = "arm,armv8-timer\0arm,armv7-timer";
    static const int ppi[4] = {
        VIRT_PPI_SEC_TIMER, VIRT_PPI_PHYS_TIMER, VIRT_PPI_VIRT_TIMER, VIRT_PPI_HYP_TIMER,
    };
    uint32_t flags = gic_fdt_ppi_flags(m->gic_version, m->ncpus, GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    fdt32_t irqs[12];
    int node = fdt_add_subnode(fdt, 0, "timer");

    TRY(node);
    for (int i = 0; i < 4; i++) {
        irqs[3 * i] = cpu_to_fdt32(GIC_FDT_IRQ_TYPE_PPI);
        irqs[3 * i + 1] = cpu_to_fdt32((uint32_t)ppi[i]);
        irqs[3 * i + 2] = cpu_to_fdt32(flags);
    }
    TRY(fdt_setprop(fdt, node, "compatible", compat, sizeof compat));
    /* The counter keeps running in every power state armlet models. */
    TRY(fdt_setprop_empty(fdt, node, "always-on"));
    return fdt_setprop(fdt, node, "interrupts", irqs, sizeof irqs);
}

/* -cpu NAME: armlet implements one CPU whatever the name; the node names
 * the model asked for, as QEMU does. "max" and "host" are QEMU's A57-based
 * max CPU, whose tree says cortex-a57. */
static const char *cpu_compatible(const Machine *m)
{
    static const struct {
        const char *model, *compat;
    } named[] = {
        { "cortex-a35", "arm,cortex-a35" }, { "cortex-a53", "arm,cortex-a53" },
        { "cortex-a55", "arm,cortex-a55" }, { "cortex-a57", "arm,cortex-a57" },
        { "cortex-a72", "arm,cortex-a72" }, { "cortex-a76", "arm,cortex-a76" },
        { "neoverse-n1", "arm,neoverse-n1" },
    };
    const char *model = m->opts ? m->opts->cpu_model : NULL;

    for (size_t i = 0; model && i < G_N_ELEMENTS(named); i++) {
        if (strcmp(model, named[i].model) == 0) {
            return named[i].compat;
        }
    }
    return "arm,cortex-a57";
}

/* How secondary CPUs are started (arm64 booting.rst, "enable-method"):
 * PSCI CPU_ON through the conduit. QEMU omits the property on a single CPU.
 * With psci-conduit=none there is no method yet: the spin-table method
 * ("spin-table" + cpu-release-addr pointing into firmware/'s pen) is the
 * hook for that and returns here. */
static const char *cpu_enable_method(const Machine *m)
{
    if (m->pen_base) {
        return "spin-table";
    }
    if (conduit(m) != PSCI_CONDUIT_NONE && m->ncpus > 1) {
        return "psci";
    }
    return NULL;
}

typedef struct Topology {
    int sockets, clusters, cores, threads;
} Topology;

/* -smp's topology with QEMU's (>= 6.2) rules for what was left out:
 * clusters and threads default to 1, then cores are derived before
 * sockets, threads last. */
static Topology cpu_topology(const Machine *m)
{
    const Options *o = m->opts;
    Topology t = { 0, 0, 0, 0 };
    int n = m->ncpus;

    if (o) {
        t = (Topology){ o->smp_sockets, o->smp_clusters, o->smp_cores, o->smp_threads };
    }
    t.clusters = t.clusters > 0 ? t.clusters : 1;
    if (t.cores <= 0) {
        t.sockets = t.sockets > 0 ? t.sockets : 1;
        t.threads = t.threads > 0 ? t.threads : 1;
        t.cores = n / (t.sockets * t.clusters * t.threads);
    } else if (t.sockets <= 0) {
        t.threads = t.threads > 0 ? t.threads : 1;
        t.sockets = n / (t.clusters * t.cores * t.threads);
    }
    if (t.threads <= 0) {
        t.threads = n / (t.sockets * t.clusters * t.cores);
    }
    /* The option parser rejects inconsistent products; never divide by 0. */
    t.sockets = MAX(t.sockets, 1);
    t.cores = MAX(t.cores, 1);
    t.threads = MAX(t.threads, 1);
    return t;
}

/* cpu-map (Linux bindings/cpu/cpu-topology.txt): socket/cluster/core
 * [/thread] leaves pointing at the cpu nodes. */
static int fdt_cpu_map(void *fdt, int cpus, const Machine *m)
{
    Topology t = cpu_topology(m);
    int map = fdt_add_subnode(fdt, cpus, "cpu-map");

    TRY(map);
    /* libfdt puts a new node first among its siblings: add in reverse to
     * list them in ascending order. */
    for (int i = m->ncpus - 1; i >= 0; i--) {
        char path[96];
        int leaf;

        if (t.threads > 1) {
            snprintf(path, sizeof path, "socket%d/cluster%d/core%d/thread%d",
                     i / (t.clusters * t.cores * t.threads),
                     (i / (t.cores * t.threads)) % t.clusters,
                     (i / t.threads) % t.cores, i % t.threads);
        } else {
            snprintf(path, sizeof path, "socket%d/cluster%d/core%d",
                     i / (t.clusters * t.cores), (i / t.cores) % t.clusters,
                     i % t.cores);
        }
        leaf = fdt_add_path(fdt, map, path);
        TRY(leaf);
        TRY(fdt_setprop_u32(fdt, leaf, "cpu", PHANDLE_CPU(i)));
    }
    return 0;
}

/* /cpus (Linux bindings/arm/cpus.yaml): reg is the MPIDR affinity, one
 * cell while no CPU has Aff3 set. Nodes are named by CPU index. */
static int fdt_cpus(void *fdt, const Machine *m)
{
    const char *compat = cpu_compatible(m), *method = cpu_enable_method(m);
    int addr_cells = 1, cpus;

    for (int i = 0; i < m->ncpus; i++) {
        if (virt_cpu_mpidr(m, i) >> 32) {
            addr_cells = 2;
        }
    }
    cpus = fdt_add_subnode(fdt, 0, "cpus");
    TRY(cpus);
    TRY(fdt_setprop_u32(fdt, cpus, "#address-cells", (uint32_t)addr_cells));
    TRY(fdt_setprop_u32(fdt, cpus, "#size-cells", 0));

    /* Reverse order so cpu@0 comes first: Linux numbers CPUs in tree order. */
    for (int i = m->ncpus - 1; i >= 0; i--) {
        char name[24];
        int node;

        snprintf(name, sizeof name, "cpu@%d", i);
        node = fdt_add_subnode(fdt, cpus, name);
        TRY(node);
        TRY(fdt_setprop_string(fdt, node, "device_type", "cpu"));
        TRY(fdt_setprop_string(fdt, node, "compatible", compat));
        if (method) {
            TRY(fdt_setprop_string(fdt, node, "enable-method", method));
        }
        if (m->pen_base) {
            /* booting.rst: a 64-bit cpu-release-addr per CPU */
            TRY(fdt_setprop_u64(fdt, node, "cpu-release-addr",
                                m->pen_base + VIRT_PEN_RELEASE + 8ull * (uint64_t)i));
        }
        TRY(fdt_setprop_sized_cells(fdt, node, "reg", addr_cells, virt_cpu_mpidr(m, i)));
        TRY(fdt_setprop_u32(fdt, node, "phandle", PHANDLE_CPU(i)));
    }
    return fdt_cpu_map(fdt, cpus, m);
}

/* ---- what both the generated and the user's tree get (QEMU's
 * arm_load_dtb) ---- */

static int fdt_memory(void *fdt, const Machine *m, int acells, int scells)
{
    char name[40];
    int node;

    /* Whatever memory the tree described, the guest gets armlet's RAM. */
    TRY(fdt_nop_root_nodes(fdt, "memory"));
    snprintf(name, sizeof name, "memory@%" PRIx64, m->ram_base);
    node = fdt_add_subnode(fdt, 0, name);
    TRY(node);
    TRY(fdt_setprop_string(fdt, node, "device_type", "memory"));
    return fdt_setprop_reg(fdt, node, "reg", acells, m->ram_base, scells, m->ram_size);
}

/* /chosen: the command line and the initrd range, in root address cells
 * (Linux bindings/chosen.txt). */
static int fdt_chosen_boot(void *fdt, const Machine *m, int acells)
{
    const char *append = m->opts ? m->opts->append : NULL;
    int chosen = fdt_path_offset(fdt, "/chosen");

    if (chosen == -FDT_ERR_NOTFOUND) {
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    }
    TRY(chosen);
    if (append && *append) {
        TRY(fdt_setprop_string(fdt, chosen, "bootargs", append));
    }
    if (m->boot.initrd_size) {
        uint64_t start = m->boot.initrd_base;
        TRY(fdt_setprop_sized_cells(fdt, chosen, "linux,initrd-start", acells, start));
        TRY(fdt_setprop_sized_cells(fdt, chosen, "linux,initrd-end", acells,
                                    start + m->boot.initrd_size));
    }
    return 0;
}

/* /psci (Linux bindings/arm/psci.yaml): armlet implements PSCI 1.0 at the
 * conduit; a /psci already in the tree may carry other function IDs, so it
 * is replaced. No node with psci-conduit=none (firmware owns PSCI). */
static int fdt_psci(void *fdt, const Machine *m)
{
    static const char compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
    PsciConduit c = conduit(m);
    int node;

    if (c == PSCI_CONDUIT_NONE) {
        return 0;
    }
    node = fdt_path_offset(fdt, "/psci");
    if (node >= 0) {
        TRY(fdt_nop_node(fdt, node));
    }
    node = fdt_add_subnode(fdt, 0, "psci");
    TRY(node);
    TRY(fdt_setprop(fdt, node, "compatible", compat, sizeof compat));
    TRY(fdt_setprop_string(fdt, node, "method", c == PSCI_CONDUIT_SMC ? "smc" : "hvc"));
    /* the legacy per-function properties of the arm,psci binding, with
     * the SMC64 IDs of the calls that take addresses (as QEMU writes them) */
    TRY(fdt_setprop_u32(fdt, node, "cpu_suspend", PSCI_FN64(PSCI_CPU_SUSPEND)));
    TRY(fdt_setprop_u32(fdt, node, "cpu_off", PSCI_FN(PSCI_CPU_OFF)));
    TRY(fdt_setprop_u32(fdt, node, "cpu_on", PSCI_FN64(PSCI_CPU_ON)));
    return fdt_setprop_u32(fdt, node, "migrate", PSCI_FN64(PSCI_MIGRATE));
}

static int fdt_boot_patches(void *fdt, const Machine *m, int acells, int scells)
{
    TRY(fdt_memory(fdt, m, acells, scells));
    TRY(fdt_chosen_boot(fdt, m, acells));
    return fdt_psci(fdt, m);
}

/* ---- the two ways to a tree ---- */

/* Nodes are added in QEMU's order; libfdt prepends, so the blob lists them
 * in reverse, as QEMU's does. */
static int fill_generated(void *fdt, const Machine *m, const Seeds *seeds)
{
    int chosen, uart;
    char path[64];

    TRY(fdt_root(fdt));
    chosen = fdt_add_subnode(fdt, 0, "chosen");
    TRY(chosen);
    TRY(fdt_seeds(fdt, chosen, seeds));
    TRY(fdt_apb_clock(fdt));
    TRY(fdt_timer(fdt, m));
    TRY(fdt_cpus(fdt, m));
    TRY(gic_fdt_node(fdt, m->gic_version, m->ncpus, VIRT_PHANDLE_GIC));
    uart = pl011_fdt_node(fdt, VIRT_UART_BASE, VIRT_UART_SIZE, VIRT_SPI_UART,
                          VIRT_PHANDLE_APB_CLK);
    TRY(uart);
    TRY(fdt_get_path(fdt, uart, path, sizeof path));
    TRY(fdt_setprop_string(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", path));
    TRY(pl031_fdt_node(fdt, VIRT_RTC_BASE, VIRT_RTC_SIZE, VIRT_SPI_RTC, VIRT_PHANDLE_APB_CLK));
    /* The 32 virtio-mmio transports (virtio_mmio@a000000.., added highest
     * address first) write their nodes here once those devices exist: a
     * node without its device would send Linux faulting on unmapped MMIO.
     * QEMU's flash, fw-cfg, PCIe, PL061/gpio-keys, PMU, v2m/ITS and
     * platform bus are not modelled. */
    if (m->pen_base) {
        /* the spin-table pen and release words must survive the OS */
        TRY(fdt_add_mem_rsv(fdt, m->pen_base, VIRT_PEN_SIZE));
    }
    return fdt_boot_patches(fdt, m, 2, 2);
}

#define FDT_MAX_BYTES  (256u << 20)

static void *build_generated(const Machine *m, const Seeds *seeds)
{
    size_t size = 16 * 1024;

    for (;;) {
        void *fdt = g_malloc0(size);
        int err = fdt_create_empty_tree(fdt, (int)size);

        if (err >= 0) {
            err = fill_generated(fdt, m, seeds);
        }
        if (err >= 0) {
            return fdt_pack_alloc(fdt);
        }
        g_free(fdt);
        if (err != -FDT_ERR_NOSPACE || size >= FDT_MAX_BYTES) {
            fatal("device tree: cannot build: %s", fdt_strerror(err));
        }
        size *= 2;
    }
}

/* A root #address-cells / #size-cells; the Devicetree Specification's
 * defaults (2 and 1) when absent, -1 when malformed. */
static int root_cells(const void *fdt, const char *name, int dflt)
{
    int len;
    const void *prop = fdt_getprop(fdt, 0, name, &len);
    fdt32_t v;

    if (!prop) {
        return dflt;
    }
    if (len != (int)sizeof v) {
        return -1;
    }
    memcpy(&v, prop, sizeof v);
    return (int)MIN(fdt32_to_cpu(v), 0x7fffffffu);
}

static bool fits(uint64_t v, int cells)
{
    return cells == 2 || v <= UINT32_MAX;
}

/* -dtb FILE: the user's tree, patched like QEMU's arm_load_dtb: the memory
 * nodes, /chosen's command line and initrd, /psci. */
static void *build_from_file(const Machine *m, const char *path)
{
    size_t len, room;
    void *orig = fdt_load_file(path, &len);
    int acells = root_cells(orig, "#address-cells", 2);
    int scells = root_cells(orig, "#size-cells", 1);
    const char *append = m->opts->append;

    /* armlet writes addresses and sizes as one or two cells. */
    const char *problem =
        acells < 1 || acells > 2 ? "unsupported root #address-cells (need 1 or 2)"
        : scells < 1 || scells > 2 ? "unsupported root #size-cells (need 1 or 2)"
        : !fits(m->ram_size, scells) ? "root #size-cells is 1, too small for the RAM size"
        : !fits(m->ram_base, acells) ||
          (m->boot.initrd_size && !fits(m->boot.initrd_base + m->boot.initrd_size, acells))
            ? "root #address-cells is 1, too small for the RAM or initrd addresses"
            : NULL;
    if (problem) {
        g_free(orig);
        fatal("%s: %s", path, problem);
    }

    room = 4096 + (append ? strlen(append) : 0);
    for (;;) {
        size_t size = len + room;
        void *fdt = NULL;
        int err = -FDT_ERR_NOSPACE;

        if (size <= FDT_MAX_BYTES) {
            fdt = g_malloc0(size);
            err = fdt_open_into(orig, fdt, (int)size);
        }
        if (err >= 0) {
            err = fdt_boot_patches(fdt, m, acells, scells);
        }
        if (err >= 0) {
            g_free(orig);
            return fdt_pack_alloc(fdt);
        }
        g_free(fdt);
        if (err != -FDT_ERR_NOSPACE || size > FDT_MAX_BYTES) {
            g_free(orig);
            fatal("%s: cannot patch device tree: %s", path, fdt_strerror(err));
        }
        room *= 2;
    }
}

void virt_build_fdt_seeded(Machine *m, VirtSeedFn seed, void *opaque)
{
    Seeds seeds = { .present = seed != NULL };

    if (seed) {
        seed(opaque, seeds.bytes, sizeof seeds.bytes);
    }
    g_free(m->fdt);
    m->fdt = NULL;
    if (m->opts && m->opts->dtb) {
        m->fdt = build_from_file(m, m->opts->dtb);
    } else {
        m->fdt = build_generated(m, &seeds);
    }
}

static void host_random(void *opaque, void *buf, size_t len)
{
    uint8_t *p = buf;

    for (size_t i = 0; i < len; i++) {
        p[i] = (uint8_t)g_random_int();
    }
}

void virt_build_fdt(Machine *m)
{
    virt_build_fdt_seeded(m, host_random, NULL);
}
