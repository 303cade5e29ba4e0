/* The virt board's device tree: generated nodes checked with libfdt reads
 * against the rules in docs/device-tree.md, and -dtb patching. */
#include "tests/unit/test.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <libfdt.h>

#include "emu/fdt_util.h"
#include "emu/virt.h"

#define MiB (1ull << 20)

/* Everything a test allocates stays reachable from here: the fatal-path
 * checks exit() in a forked child, where LeakSanitizer would otherwise
 * report the test's own garbage and change the exit status. */
static GPtrArray *kept;

static void *keep(void *p)
{
    if (!kept) {
        kept = g_ptr_array_new();
    }
    g_ptr_array_add(kept, p);
    return p;
}

static Machine *mk(int ncpus, int gic, PsciConduit conduit)
{
    Options *o = keep(g_new0(Options, 1));
    Machine *m = keep(g_new0(Machine, 1));

    o->psci_conduit = conduit;
    o->gic_version = gic;
    o->smp_cpus = ncpus;
    m->opts = o;
    m->ram_base = VIRT_RAM_BASE;
    m->ram_size = 512 * MiB;
    m->ncpus = ncpus;
    m->gic_version = gic;
    return m;
}

static Options *opts(Machine *m)
{
    return (Options *)m->opts;
}

/* Build without host randomness and check the blob is whole and packed. */
static void *build(Machine *m)
{
    virt_build_fdt_seeded(m, NULL, NULL);
    CHECK(m->fdt != NULL);
    CHECK_EQ(fdt_check_full(m->fdt, fdt_totalsize(m->fdt)), 0);
    return m->fdt;
}

static int node(const void *fdt, const char *path)
{
    int off = fdt_path_offset(fdt, path);
    if (off < 0) {
        test_failed(__FILE__, __LINE__, "no node %s: %s", path, fdt_strerror(off));
    }
    return off;
}

/* Big-endian cells [idx, idx+n) of a property, as one number. */
static uint64_t cells(const void *fdt, int off, const char *name, int idx, int n)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, off, name, &len);
    uint64_t v = 0;

    if (!p || len < (idx + n) * 4) {
        test_failed(__FILE__, __LINE__, "property %s missing or short (%d)", name, p ? len : -1);
    }
    for (int i = 0; i < n; i++) {
        v = (v << 32) | fdt32_to_cpu(p[idx + i]);
    }
    return v;
}

static int prop_len(const void *fdt, int off, const char *name)
{
    int len;
    return fdt_getprop(fdt, off, name, &len) ? len : -1;
}

static const char *str(const void *fdt, int off, const char *name)
{
    return fdt_getprop(fdt, off, name, NULL);
}

/* The documented MPIDR rule: clusters of 8 (GICv2) or 16 (GICv3). */
static uint64_t expected_mpidr(int gic, int i)
{
    int c = gic == 2 ? 8 : 16;
    return ((uint64_t)(i / c) << 8) | (uint64_t)(i % c);
}

static int count_cpus(const void *fdt)
{
    int cpus = node(fdt, "/cpus"), n = 0, sub;

    fdt_for_each_subnode(sub, fdt, cpus) {
        const char *t = str(fdt, sub, "device_type");
        if (t && strcmp(t, "cpu") == 0) {
            n++;
        }
    }
    return n;
}

TEST(root_and_memory)
{
    Machine *m = mk(1, 2, PSCI_CONDUIT_HVC);
    void *fdt;
    int mem, sub, nmem = 0;

    m->ram_size = 3072 * MiB;
    fdt = build(m);
    CHECK(fdt_node_check_compatible(fdt, 0, "linux,dummy-virt") == 0);
    CHECK_EQ(cells(fdt, 0, "#address-cells", 0, 1), 2);
    CHECK_EQ(cells(fdt, 0, "#size-cells", 0, 1), 2);
    CHECK(str(fdt, 0, "model") != NULL);
    mem = node(fdt, "/memory@40000000");
    CHECK_STREQ(str(fdt, mem, "device_type"), "memory");
    CHECK_EQ(prop_len(fdt, mem, "reg"), 16);
    CHECK_EQ(cells(fdt, mem, "reg", 0, 2), 0x40000000);
    CHECK_EQ(cells(fdt, mem, "reg", 2, 2), 3072 * MiB);
    fdt_for_each_subnode(sub, fdt, 0) {
        if (strncmp(fdt_get_name(fdt, sub, NULL), "memory", 6) == 0) {
            nmem++;
        }
    }
    CHECK_EQ(nmem, 1);
    /* Packed: no free space left at the end. */
    CHECK_EQ(fdt_totalsize(fdt), fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt));
}

TEST(mpidr_rule)
{
    Machine *m2 = mk(8, 2, PSCI_CONDUIT_HVC), *m3 = mk(40, 3, PSCI_CONDUIT_HVC);

    CHECK_EQ(virt_cpu_mpidr(m2, 0), 0);
    CHECK_EQ(virt_cpu_mpidr(m2, 7), 7);
    CHECK_EQ(virt_cpu_mpidr(m2, 9), 0x101);
    CHECK_EQ(virt_cpu_mpidr(m3, 9), 9);
    CHECK_EQ(virt_cpu_mpidr(m3, 15), 15);
    CHECK_EQ(virt_cpu_mpidr(m3, 16), 0x100);
    CHECK_EQ(virt_cpu_mpidr(m3, 37), 0x205);
}

static void check_cpus(int n, int gic)
{
    Machine *m = mk(n, gic, PSCI_CONDUIT_HVC);
    void *fdt = build(m);
    int cpus = node(fdt, "/cpus"), prev = -1, sub, i = 0;

    CHECK_EQ(count_cpus(fdt), n);
    CHECK_EQ(cells(fdt, cpus, "#address-cells", 0, 1), 1);
    CHECK_EQ(cells(fdt, cpus, "#size-cells", 0, 1), 0);
    for (int c = 0; c < n; c++) {
        char path[32];
        int cpu;

        snprintf(path, sizeof path, "/cpus/cpu@%d", c);
        cpu = node(fdt, path);
        CHECK(cpu > prev);   /* cpu@0 first: Linux numbers CPUs in tree order */
        prev = cpu;
        CHECK_STREQ(str(fdt, cpu, "device_type"), "cpu");
        CHECK_STREQ(str(fdt, cpu, "compatible"), "arm,cortex-a57");
        CHECK_EQ(prop_len(fdt, cpu, "reg"), 4);
        CHECK_EQ(cells(fdt, cpu, "reg", 0, 1), expected_mpidr(gic, c));
        if (n > 1) {
            CHECK_STREQ(str(fdt, cpu, "enable-method"), "psci");
        } else {
            CHECK(str(fdt, cpu, "enable-method") == NULL);
        }
    }
    /* Every cpu node's phandle is named by exactly one cpu-map leaf. */
    fdt_for_each_subnode(sub, fdt, cpus) {
        if (strncmp(fdt_get_name(fdt, sub, NULL), "cpu@", 4) != 0) {
            continue;
        }
        uint32_t ph = fdt_get_phandle(fdt, sub);
        int leaf = fdt_node_offset_by_prop_value(fdt, -1, "cpu", &(fdt32_t){ cpu_to_fdt32(ph) }, 4);
        CHECK(ph != 0);
        CHECK(leaf > 0);
        CHECK(fdt_node_offset_by_prop_value(fdt, leaf, "cpu", &(fdt32_t){ cpu_to_fdt32(ph) }, 4) < 0);
        i++;
    }
    CHECK_EQ(i, n);
    g_free(m->fdt);
}

TEST(cpus_gicv2_1_4_8)
{
    check_cpus(1, 2);
    check_cpus(4, 2);
    check_cpus(8, 2);
}

TEST(cpus_gicv3_1_4_20)
{
    check_cpus(1, 3);
    check_cpus(4, 3);
    check_cpus(20, 3);
}

TEST(cpus_gicv3_512)
{
    check_cpus(512, 3);
}

TEST(gic_v3_two_redistributor_regions)
{
    Machine *m = mk(512, 3, PSCI_CONDUIT_HVC);
    void *fdt = build(m);
    int gic = node(fdt, "/intc@8000000");

    /* QEMU's layout: the second region once 123 CPUs fill the first */
    CHECK_EQ(cells(fdt, gic, "#redistributor-regions", 0, 1), 2);
    CHECK_EQ(prop_len(fdt, gic, "reg"), 48);
    CHECK_EQ(cells(fdt, gic, "reg", 0, 2), 0x08000000);
    CHECK_EQ(cells(fdt, gic, "reg", 4, 2), 0x080a0000);
    CHECK_EQ(cells(fdt, gic, "reg", 6, 2), 123 * 0x20000);
    CHECK_EQ(cells(fdt, gic, "reg", 8, 2), 0x4000000000ull);
    CHECK_EQ(cells(fdt, gic, "reg", 10, 2), (512 - 123) * 0x20000);
    g_free(m->fdt);

    m = mk(123, 3, PSCI_CONDUIT_HVC);
    fdt = build(m);
    gic = node(fdt, "/intc@8000000");
    CHECK_EQ(cells(fdt, gic, "#redistributor-regions", 0, 1), 1);
    CHECK_EQ(prop_len(fdt, gic, "reg"), 32);
    CHECK_EQ(cells(fdt, gic, "reg", 6, 2), 123 * 0x20000);
}

TEST(cpu_model_compatible)
{
    Machine *m = mk(2, 3, PSCI_CONDUIT_HVC);
    void *fdt;

    opts(m)->cpu_model = "cortex-a72";
    fdt = build(m);
    CHECK_STREQ(str(fdt, node(fdt, "/cpus/cpu@1"), "compatible"), "arm,cortex-a72");
    opts(m)->cpu_model = "max";
    fdt = build(m);
    CHECK_STREQ(str(fdt, node(fdt, "/cpus/cpu@1"), "compatible"), "arm,cortex-a57");
}

TEST(cpu_map_topology)
{
    Machine *m = mk(8, 3, PSCI_CONDUIT_HVC);
    void *fdt;
    int leaf, target;

    /* sockets=2 clusters=1 cores=2 threads=2: cpu 7 = socket1 core1 thread1. */
    opts(m)->smp_sockets = 2;
    opts(m)->smp_clusters = 1;
    opts(m)->smp_cores = 2;
    opts(m)->smp_threads = 2;
    fdt = build(m);
    leaf = node(fdt, "/cpus/cpu-map/socket1/cluster0/core1/thread1");
    target = fdt_node_offset_by_phandle(fdt, (uint32_t)cells(fdt, leaf, "cpu", 0, 1));
    CHECK_EQ(target, node(fdt, "/cpus/cpu@7"));
    leaf = node(fdt, "/cpus/cpu-map/socket0/cluster0/core1/thread0");
    target = fdt_node_offset_by_phandle(fdt, (uint32_t)cells(fdt, leaf, "cpu", 0, 1));
    CHECK_EQ(target, node(fdt, "/cpus/cpu@2"));

    /* No topology given: one socket, one cluster, one core per CPU. */
    m = mk(4, 2, PSCI_CONDUIT_HVC);
    fdt = build(m);
    leaf = node(fdt, "/cpus/cpu-map/socket0/cluster0/core3");
    target = fdt_node_offset_by_phandle(fdt, (uint32_t)cells(fdt, leaf, "cpu", 0, 1));
    CHECK_EQ(target, node(fdt, "/cpus/cpu@3"));
}

TEST(psci_per_conduit)
{
    static const char compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
    Machine *m = mk(2, 2, PSCI_CONDUIT_HVC);
    void *fdt = build(m);
    int psci = node(fdt, "/psci");

    CHECK_EQ(prop_len(fdt, psci, "compatible"), sizeof compat);
    CHECK(memcmp(str(fdt, psci, "compatible"), compat, sizeof compat) == 0);
    CHECK_STREQ(str(fdt, psci, "method"), "hvc");
    /* DEN0022 function IDs: CPU_SUSPEND/CPU_ON/MIGRATE SMC64, CPU_OFF SMC32. */
    CHECK_EQ(cells(fdt, psci, "cpu_suspend", 0, 1), 0xC4000001);
    CHECK_EQ(cells(fdt, psci, "cpu_off", 0, 1), 0x84000002);
    CHECK_EQ(cells(fdt, psci, "cpu_on", 0, 1), 0xC4000003);
    CHECK_EQ(cells(fdt, psci, "migrate", 0, 1), 0xC4000005);

    opts(m)->psci_conduit = PSCI_CONDUIT_SMC;
    fdt = build(m);
    CHECK_STREQ(str(fdt, node(fdt, "/psci"), "method"), "smc");

    opts(m)->psci_conduit = PSCI_CONDUIT_NONE;
    fdt = build(m);
    CHECK(fdt_path_offset(fdt, "/psci") == -FDT_ERR_NOTFOUND);
    CHECK(str(fdt, node(fdt, "/cpus/cpu@1"), "enable-method") == NULL);
}

static void check_timer(int n, int gic, uint32_t want_flags)
{
    static const uint32_t ppis[4] = { 13, 14, 11, 10 };
    Machine *m = mk(n, gic, PSCI_CONDUIT_HVC);
    void *fdt = build(m);
    int timer = node(fdt, "/timer");

    CHECK(fdt_node_check_compatible(fdt, timer, "arm,armv8-timer") == 0);
    CHECK(fdt_getprop(fdt, timer, "always-on", NULL) != NULL);
    CHECK_EQ(prop_len(fdt, timer, "interrupts"), 48);
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(cells(fdt, timer, "interrupts", 3 * i, 1), 1);   /* PPI */
        CHECK_EQ(cells(fdt, timer, "interrupts", 3 * i + 1, 1), ppis[i]);
        CHECK_EQ(cells(fdt, timer, "interrupts", 3 * i + 2, 1), want_flags);
    }
}

TEST(timer_ppis_and_cpu_mask)
{
    /* Level-high (4); GICv2 adds the mask of CPUs in bits [15:8]. */
    check_timer(1, 2, 0x104);
    check_timer(4, 2, 0xf04);
    check_timer(8, 2, 0xff04);
    check_timer(4, 3, 4);
    check_timer(20, 3, 4);
}

TEST(gic_node_per_version)
{
    Machine *m = mk(4, 2, PSCI_CONDUIT_HVC);
    void *fdt = build(m);
    int gic = node(fdt, "/intc@8000000");

    CHECK(fdt_node_check_compatible(fdt, gic, "arm,cortex-a15-gic") == 0);
    CHECK(fdt_getprop(fdt, gic, "interrupt-controller", NULL) != NULL);
    CHECK_EQ(cells(fdt, gic, "#interrupt-cells", 0, 1), 3);
    CHECK_EQ(prop_len(fdt, gic, "reg"), 32);
    CHECK_EQ(cells(fdt, gic, "reg", 0, 2), VIRT_GIC_DIST_BASE);
    CHECK_EQ(cells(fdt, gic, "reg", 2, 2), VIRT_GIC_DIST_SIZE);
    CHECK_EQ(cells(fdt, gic, "reg", 4, 2), VIRT_GIC_CPU_BASE);
    CHECK_EQ(cells(fdt, gic, "reg", 6, 2), VIRT_GIC_CPU_SIZE);
    /* The root's interrupt-parent is this node. */
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, (uint32_t)cells(fdt, 0, "interrupt-parent", 0, 1)),
             gic);
    CHECK_EQ(fdt_get_phandle(fdt, gic), VIRT_PHANDLE_GIC);

    m = mk(20, 3, PSCI_CONDUIT_HVC);
    fdt = build(m);
    gic = node(fdt, "/intc@8000000");
    CHECK(fdt_node_check_compatible(fdt, gic, "arm,gic-v3") == 0);
    CHECK_EQ(cells(fdt, gic, "#redistributor-regions", 0, 1), 1);
    CHECK_EQ(cells(fdt, gic, "reg", 0, 2), VIRT_GIC_DIST_BASE);
    CHECK_EQ(cells(fdt, gic, "reg", 2, 2), VIRT_GIC_DIST_SIZE);
    CHECK_EQ(cells(fdt, gic, "reg", 4, 2), VIRT_GIC_REDIST_BASE);
    CHECK_EQ(cells(fdt, gic, "reg", 6, 2), 20 * 0x20000);   /* RD_base + SGI_base per CPU */
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, (uint32_t)cells(fdt, 0, "interrupt-parent", 0, 1)),
             gic);
}

TEST(uart_clock_and_stdout_path)
{
    Machine *m = mk(1, 2, PSCI_CONDUIT_HVC);
    void *fdt = build(m);
    int chosen = node(fdt, "/chosen"), uart, clk;
    const char *path = str(fdt, chosen, "stdout-path");

    CHECK(path != NULL);
    uart = fdt_path_offset(fdt, path);
    CHECK(uart >= 0);
    CHECK(fdt_node_check_compatible(fdt, uart, "arm,pl011") == 0);
    CHECK_EQ(cells(fdt, uart, "reg", 0, 2), VIRT_UART_BASE);
    /* Both clocks resolve to the 24 MHz fixed clock. */
    for (int i = 0; i < 2; i++) {
        clk = fdt_node_offset_by_phandle(fdt, (uint32_t)cells(fdt, uart, "clocks", i, 1));
        CHECK(clk >= 0);
        CHECK(fdt_node_check_compatible(fdt, clk, "fixed-clock") == 0);
        CHECK_EQ(cells(fdt, clk, "clock-frequency", 0, 1), 24000000);
        CHECK_EQ(cells(fdt, clk, "#clock-cells", 0, 1), 0);
        CHECK_STREQ(str(fdt, clk, "clock-output-names"), "clk24mhz");
    }
    CHECK_EQ(fdt_get_phandle(fdt, clk), VIRT_PHANDLE_APB_CLK);
    /* No bootargs or initrd unless asked for. */
    CHECK(str(fdt, chosen, "bootargs") == NULL);
    CHECK(fdt_getprop(fdt, chosen, "linux,initrd-start", NULL) == NULL);
}

TEST(rtc_node)
{
    Machine *m = mk(1, 3, PSCI_CONDUIT_HVC);
    void *fdt = build(m);
    int rtc = node(fdt, "/pl031@9010000"), clk;

    CHECK(fdt_node_check_compatible(fdt, rtc, "arm,pl031") == 0);
    CHECK(fdt_node_check_compatible(fdt, rtc, "arm,primecell") == 0);
    CHECK_EQ(prop_len(fdt, rtc, "reg"), 16);
    CHECK_EQ(cells(fdt, rtc, "reg", 0, 2), 0x09010000);
    CHECK_EQ(cells(fdt, rtc, "reg", 2, 2), 0x1000);
    /* SPI 2 (INTID 34), level-high */
    CHECK_EQ(prop_len(fdt, rtc, "interrupts"), 12);
    CHECK_EQ(cells(fdt, rtc, "interrupts", 0, 1), 0);
    CHECK_EQ(cells(fdt, rtc, "interrupts", 1, 1), 2);
    CHECK_EQ(cells(fdt, rtc, "interrupts", 2, 1), 4);
    /* one clock, the APB clock */
    CHECK_EQ(prop_len(fdt, rtc, "clocks"), 4);
    clk = fdt_node_offset_by_phandle(fdt, (uint32_t)cells(fdt, rtc, "clocks", 0, 1));
    CHECK(fdt_node_check_compatible(fdt, clk, "fixed-clock") == 0);
    CHECK_STREQ(str(fdt, rtc, "clock-names"), "apb_pclk");
}

TEST(phandles_unique)
{
    Machine *m = mk(6, 2, PSCI_CONDUIT_HVC);
    void *fdt = build(m);
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    int off, n = 0;

    for (off = fdt_next_node(fdt, -1, NULL); off >= 0; off = fdt_next_node(fdt, off, NULL)) {
        uint32_t ph = fdt_get_phandle(fdt, off);
        if (ph) {
            CHECK(!g_hash_table_contains(seen, GUINT_TO_POINTER(ph)));
            g_hash_table_add(seen, GUINT_TO_POINTER(ph));
            n++;
        }
    }
    CHECK_EQ(n, 2 + 6);   /* clock, GIC, one per CPU */
    g_hash_table_destroy(seen);
}

TEST(chosen_bootargs_and_initrd)
{
    Machine *m = mk(1, 3, PSCI_CONDUIT_HVC);
    void *fdt;
    int chosen;

    opts(m)->append = "console=ttyAMA0 root=/dev/vda";
    m->boot.initrd_base = 0x48000000;
    m->boot.initrd_size = 0x123456;
    fdt = build(m);
    chosen = node(fdt, "/chosen");
    CHECK_STREQ(str(fdt, chosen, "bootargs"), "console=ttyAMA0 root=/dev/vda");
    /* Root #address-cells is 2: 64-bit values. */
    CHECK_EQ(prop_len(fdt, chosen, "linux,initrd-start"), 8);
    CHECK_EQ(cells(fdt, chosen, "linux,initrd-start", 0, 2), 0x48000000);
    CHECK_EQ(cells(fdt, chosen, "linux,initrd-end", 0, 2), 0x48000000 + 0x123456);

    /* An empty -append writes no bootargs, as QEMU. */
    opts(m)->append = "";
    fdt = build(m);
    CHECK(str(fdt, node(fdt, "/chosen"), "bootargs") == NULL);
}

TEST(long_bootargs_grow_the_tree)
{
    Machine *m = mk(2, 2, PSCI_CONDUIT_HVC);
    size_t n = 100000;
    char *cmd = g_malloc(n + 1);
    void *fdt;

    memset(cmd, 'x', n);
    cmd[n] = '\0';
    opts(m)->append = cmd;
    fdt = build(m);
    CHECK_STREQ(str(fdt, node(fdt, "/chosen"), "bootargs"), cmd);
    CHECK(fdt_totalsize(fdt) > n);
}

static void fixed_seed(void *opaque, void *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        ((uint8_t *)buf)[i] = (uint8_t)(i + 1);
    }
}

TEST(seeds)
{
    Machine *m = mk(1, 2, PSCI_CONDUIT_HVC);
    const uint8_t *k, *r;
    int chosen, len;

    virt_build_fdt_seeded(m, fixed_seed, NULL);
    chosen = node(m->fdt, "/chosen");
    k = fdt_getprop(m->fdt, chosen, "kaslr-seed", &len);
    CHECK(k && len == 8);
    r = fdt_getprop(m->fdt, chosen, "rng-seed", &len);
    CHECK(r && len == 32);
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(k[i], i + 1);
    }
    for (int i = 0; i < 32; i++) {
        CHECK_EQ(r[i], i + 9);
    }

    /* Default build: host randomness, same shape. */
    virt_build_fdt(m);
    chosen = node(m->fdt, "/chosen");
    CHECK_EQ(prop_len(m->fdt, chosen, "kaslr-seed"), 8);
    CHECK_EQ(prop_len(m->fdt, chosen, "rng-seed"), 32);

    /* No seed source: no seed properties. */
    build(m);
    CHECK(fdt_getprop(m->fdt, node(m->fdt, "/chosen"), "kaslr-seed", NULL) == NULL);
    CHECK(fdt_getprop(m->fdt, node(m->fdt, "/chosen"), "rng-seed", NULL) == NULL);
}

/* ---- -dtb ---- */

#define SW(call) CHECK_EQ((call), 0)

static void sw_reg(void *b, int acells, uint64_t addr, int scells, uint64_t size)
{
    fdt32_t c[4];
    int n = 0;

    if (acells == 2) {
        c[n++] = cpu_to_fdt32((uint32_t)(addr >> 32));
    }
    c[n++] = cpu_to_fdt32((uint32_t)addr);
    if (scells == 2) {
        c[n++] = cpu_to_fdt32((uint32_t)(size >> 32));
    }
    c[n++] = cpu_to_fdt32((uint32_t)size);
    SW(fdt_property(b, "reg", c, n * 4));
}

/* A user tree written with the sequential-write API: two memory nodes, a
 * memory-controller that must survive, optionally a /chosen with old
 * bootargs and a /psci with foreign function IDs. */
static char *write_user_dtb(const char *name, int acells, int scells, bool chosen)
{
    size_t size = 4096;
    void *b = g_malloc0(size);
    char *path = keep(g_build_filename(test_tmpdir(), name, NULL));

    SW(fdt_create(b, (int)size));
    SW(fdt_finish_reservemap(b));
    SW(fdt_begin_node(b, ""));
    SW(fdt_property_string(b, "compatible", "user,board"));
    SW(fdt_property_u32(b, "#address-cells", (uint32_t)acells));
    SW(fdt_property_u32(b, "#size-cells", (uint32_t)scells));
    if (chosen) {
        SW(fdt_begin_node(b, "chosen"));
        SW(fdt_property_string(b, "bootargs", "old args"));
        SW(fdt_property_string(b, "user-prop", "kept"));
        SW(fdt_end_node(b));
    }
    SW(fdt_begin_node(b, "memory@0"));
    SW(fdt_property_string(b, "device_type", "memory"));
    sw_reg(b, acells, 0, scells, 0x1000);
    SW(fdt_end_node(b));
    SW(fdt_begin_node(b, "memory-controller@1000"));
    sw_reg(b, acells, 0x1000, scells, 0x100);
    SW(fdt_end_node(b));
    SW(fdt_begin_node(b, "memory@80000000"));
    SW(fdt_property_string(b, "device_type", "memory"));
    sw_reg(b, acells, 0x80000000, scells, 0x10000000);
    SW(fdt_end_node(b));
    SW(fdt_begin_node(b, "psci"));
    SW(fdt_property_string(b, "compatible", "arm,psci"));
    SW(fdt_property_string(b, "method", "smc"));
    SW(fdt_property_u32(b, "cpu_on", 0x95c1ba60));
    SW(fdt_end_node(b));
    SW(fdt_end_node(b));
    SW(fdt_finish(b));
    fdt_write_file(b, path);
    g_free(b);
    return path;
}

static int count_memory_nodes(const void *fdt)
{
    int sub, n = 0;

    fdt_for_each_subnode(sub, fdt, 0) {
        const char *name = fdt_get_name(fdt, sub, NULL);
        if (strcmp(name, "memory") == 0 || strncmp(name, "memory@", 7) == 0) {
            n++;
        }
    }
    return n;
}

TEST(dtb_patch_memory_chosen_psci)
{
    Machine *m = mk(2, 2, PSCI_CONDUIT_HVC);
    void *fdt;
    int chosen, mem, psci;

    opts(m)->dtb = write_user_dtb("user.dtb", 2, 2, true);
    opts(m)->append = "console=hvc0 new";
    m->ram_size = 1024 * MiB;
    m->boot.initrd_base = 0x44000000;
    m->boot.initrd_size = 0x2000;
    fdt = build(m);

    CHECK(fdt_node_check_compatible(fdt, 0, "user,board") == 0);
    CHECK(fdt_path_offset(fdt, "/memory@0") < 0);
    CHECK(fdt_path_offset(fdt, "/memory@80000000") < 0);
    CHECK_EQ(count_memory_nodes(fdt), 1);
    node(fdt, "/memory-controller@1000");
    mem = node(fdt, "/memory@40000000");
    CHECK_STREQ(str(fdt, mem, "device_type"), "memory");
    CHECK_EQ(cells(fdt, mem, "reg", 0, 2), 0x40000000);
    CHECK_EQ(cells(fdt, mem, "reg", 2, 2), 1024 * MiB);

    chosen = node(fdt, "/chosen");
    CHECK_STREQ(str(fdt, chosen, "bootargs"), "console=hvc0 new");
    CHECK_STREQ(str(fdt, chosen, "user-prop"), "kept");
    CHECK_EQ(cells(fdt, chosen, "linux,initrd-start", 0, 2), 0x44000000);
    CHECK_EQ(cells(fdt, chosen, "linux,initrd-end", 0, 2), 0x44002000);
    /* The user's tree gets no generated nodes or seeds. */
    CHECK(fdt_getprop(fdt, chosen, "kaslr-seed", NULL) == NULL);
    CHECK(fdt_path_offset(fdt, "/timer") < 0);

    /* /psci replaced by armlet's own. */
    psci = node(fdt, "/psci");
    CHECK_STREQ(str(fdt, psci, "method"), "hvc");
    CHECK_EQ(cells(fdt, psci, "cpu_on", 0, 1), 0xC4000003);
}

TEST(dtb_patch_one_cell_no_chosen)
{
    Machine *m = mk(1, 2, PSCI_CONDUIT_NONE);
    void *fdt;
    int chosen, mem;

    opts(m)->dtb = write_user_dtb("small.dtb", 1, 1, false);
    m->boot.initrd_base = 0x48000000;
    m->boot.initrd_size = 0x1000;
    fdt = build(m);
    CHECK_EQ(count_memory_nodes(fdt), 1);
    mem = node(fdt, "/memory@40000000");
    CHECK_EQ(prop_len(fdt, mem, "reg"), 8);
    CHECK_EQ(cells(fdt, mem, "reg", 0, 1), 0x40000000);
    CHECK_EQ(cells(fdt, mem, "reg", 1, 1), 512 * MiB);
    chosen = node(fdt, "/chosen");          /* created */
    CHECK(str(fdt, chosen, "bootargs") == NULL);
    CHECK_EQ(prop_len(fdt, chosen, "linux,initrd-start"), 4);
    CHECK_EQ(cells(fdt, chosen, "linux,initrd-end", 0, 1), 0x48001000);
    /* psci-conduit=none: the user's /psci is left as it was. */
    CHECK_STREQ(str(fdt, node(fdt, "/psci"), "method"), "smc");
}

/* Run fn in a child with its stderr kept in child_err; return its exit
 * status. */
static char child_err[512];

static int exit_status(void (*fn)(Machine *), Machine *m)
{
    char *errpath = keep(g_build_filename(test_tmpdir(), "child-stderr", NULL));
    gchar *text = NULL;
    int st;
    pid_t pid;

    fflush(NULL);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, 2);
        fn(m);
        _exit(0);
    }
    CHECK_EQ(waitpid(pid, &st, 0), pid);
    child_err[0] = '\0';
    if (g_file_get_contents(errpath, &text, NULL, NULL)) {
        g_strlcpy(child_err, text, sizeof child_err);
        g_free(text);
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* fatal()'s shape: exactly one line starting "armlet: ". */
static bool one_armlet_line(void)
{
    size_t n = strlen(child_err);
    return strncmp(child_err, "armlet: ", 8) == 0 && n > 0 && child_err[n - 1] == '\n' &&
           strchr(child_err, '\n') == child_err + n - 1;
}

static void do_build(Machine *m)
{
    virt_build_fdt(m);
}

static char *write_bytes(const char *name, const void *data, size_t len)
{
    char *path = keep(g_build_filename(test_tmpdir(), name, NULL));
    CHECK(g_file_set_contents(path, data, (gssize)len, NULL));
    return path;
}

TEST(dtb_malformed_is_fatal)
{
    Machine *m = mk(1, 2, PSCI_CONDUIT_HVC), *good = mk(1, 2, PSCI_CONDUIT_HVC);
    uint8_t *blob;
    size_t len;

    build(good);
    blob = keep(g_memdup2(good->fdt, fdt_totalsize(good->fdt)));
    len = fdt_totalsize(blob);

    /* Truncated inside the header. */
    opts(m)->dtb = write_bytes("trunc-header.dtb", blob, 20);
    CHECK_EQ(exit_status(do_build, m), 2);
    CHECK(one_armlet_line());
    CHECK(strstr(child_err, "trunc-header.dtb") != NULL);
    /* Whole header, truncated body. */
    opts(m)->dtb = write_bytes("trunc-body.dtb", blob, len - 16);
    CHECK_EQ(exit_status(do_build, m), 2);
    CHECK(one_armlet_line());
    /* Not a DTB at all. */
    opts(m)->dtb = write_bytes("text.dtb", "this is not a device tree blob at all, no", 41);
    CHECK_EQ(exit_status(do_build, m), 2);
    CHECK(one_armlet_line());
    /* Valid header, structure block garbage. */
    {
        uint8_t *bad = g_memdup2(blob, len);
        memset(bad + fdt_off_dt_struct(blob), 0xff, 16);
        opts(m)->dtb = write_bytes("bad-struct.dtb", bad, len);
        g_free(bad);
        CHECK_EQ(exit_status(do_build, m), 2);
        CHECK(one_armlet_line());
    }
    /* Missing file. */
    opts(m)->dtb = keep(g_build_filename(test_tmpdir(), "missing.dtb", NULL));
    CHECK_EQ(exit_status(do_build, m), 2);
    CHECK(one_armlet_line());
    /* The intact blob passes. */
    opts(m)->dtb = write_bytes("good.dtb", blob, len);
    CHECK_EQ(exit_status(do_build, m), 0);
}

TEST(dtb_cells_too_small_is_fatal)
{
    Machine *m = mk(1, 2, PSCI_CONDUIT_HVC);

    opts(m)->dtb = write_user_dtb("one-cell.dtb", 1, 1, true);
    m->ram_size = 4096 * MiB;   /* needs two size cells */
    CHECK_EQ(exit_status(do_build, m), 2);
    CHECK(one_armlet_line());
    CHECK(strstr(child_err, "#size-cells") != NULL);
    m->ram_size = 4095 * MiB;
    CHECK_EQ(exit_status(do_build, m), 0);
}

static void write_to_missing_dir(Machine *m)
{
    fdt_write_file(m->fdt, "/nonexistent-armlet-dir/x.dtb");
}

TEST(write_file_round_trip)
{
    Machine *m = mk(2, 3, PSCI_CONDUIT_HVC);
    char *path = keep(g_build_filename(test_tmpdir(), "out.dtb", NULL));
    gchar *data;
    gsize len;

    build(m);
    fdt_write_file(m->fdt, path);
    CHECK(g_file_get_contents(path, &data, &len, NULL));
    CHECK_EQ(len, fdt_totalsize(m->fdt));
    CHECK(memcmp(data, m->fdt, len) == 0);
    g_free(data);
    CHECK_EQ(exit_status(write_to_missing_dir, m), 2);
    CHECK(one_armlet_line());
}
