/* GICv2 (IHI 0048B) through the address space, as guests see it: the
 * distributor at 0x08000000 and the CPU interface at 0x08010000 of the virt
 * board, with the accessing CPU chosen per access. Offsets and bit values
 * are written out from the spec, independently of hw/gicv2.c. */
#include "tests/unit/test.h"

#include "emu/log.h"
#include "emu/memory.h"
#include "hw/gic.h"

#define DIST  0x08000000ull
#define CPUIF 0x08010000ull

/* Distributor (IHI 0048B Table 4-1). */
enum {
    GICD_CTLR = 0x000, GICD_TYPER = 0x004, GICD_IIDR = 0x008, GICD_IGROUPR = 0x080,
    GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180, GICD_ISPENDR = 0x200,
    GICD_ICPENDR = 0x280, GICD_ISACTIVER = 0x300, GICD_ICACTIVER = 0x380,
    GICD_IPRIORITYR = 0x400, GICD_ITARGETSR = 0x800, GICD_ICFGR = 0xc00,
    GICD_SGIR = 0xf00, GICD_CPENDSGIR = 0xf10, GICD_SPENDSGIR = 0xf20, GICD_PIDR2 = 0xfe8,
};
/* CPU interface (IHI 0048B Table 4-2). */
enum {
    GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_BPR = 0x08, GICC_IAR = 0x0c, GICC_EOIR = 0x10,
    GICC_RPR = 0x14, GICC_HPPIR = 0x18, GICC_ABPR = 0x1c, GICC_AIAR = 0x20,
    GICC_AEOIR = 0x24, GICC_AHPPIR = 0x28, GICC_APR0 = 0xd0, GICC_IIDR = 0xfc,
    GICC_DIR = 0x1000,
};
#define CTLR_GRP0    0x001
#define CTLR_GRP1    0x002
#define CTLR_ACKCTL  0x004
#define CTLR_FIQEN   0x008
#define CTLR_EOIMODE 0x200
#define SPURIOUS     1023

static int cur_cpu;
static int callbacks[8];

static int current_cpu(void *opaque)
{
    return cur_cpu;
}

static void output_changed(void *opaque, int cpu)
{
    CHECK(cpu >= 0 && cpu < 8);
    callbacks[cpu]++;
}

typedef struct Fx {
    AddressSpace *as;
    Gic *g;
    int ncpus;
} Fx;

static Fx setup(int ncpus)
{
    Fx f = { as_new(), NULL, ncpus };

    f.g = gic_create(f.as, 2, ncpus, NULL);
    gic_set_cpu_index_fn(f.g, current_cpu, NULL);
    gic_set_output_cb(f.g, output_changed, NULL);
    memset(callbacks, 0, sizeof callbacks);
    return f;
}

static uint64_t rd_n(Fx *f, int cpu, uint64_t pa, unsigned size)
{
    uint64_t v = 0xdeadbeef;

    cur_cpu = cpu;
    CHECK_EQ(as_read(f->as, pa, size, &v), MEMTX_OK);
    return v;
}

static uint32_t rd(Fx *f, int cpu, uint64_t pa)
{
    return (uint32_t)rd_n(f, cpu, pa, 4);
}

static void wr_n(Fx *f, int cpu, uint64_t pa, uint64_t val, unsigned size)
{
    cur_cpu = cpu;
    CHECK_EQ(as_write(f->as, pa, size, val), MEMTX_OK);
}

static void wr(Fx *f, int cpu, uint64_t pa, uint32_t val)
{
    wr_n(f, cpu, pa, val, 4);
}

static void set_bit(Fx *f, int cpu, unsigned reg, unsigned intid)
{
    wr(f, cpu, DIST + reg + intid / 32 * 4, 1u << (intid % 32));
}

static bool bit_set(Fx *f, int cpu, unsigned reg, unsigned intid)
{
    return (rd(f, cpu, DIST + reg + intid / 32 * 4) >> (intid % 32)) & 1;
}

static void set_prio(Fx *f, int cpu, unsigned intid, uint8_t prio)
{
    wr_n(f, cpu, DIST + GICD_IPRIORITYR + intid, prio, 1);
}

/* Distributor and every CPU interface on (Group 0, all priorities). */
static void enable_all(Fx *f)
{
    wr(f, 0, DIST + GICD_CTLR, 3);
    for (int c = 0; c < f->ncpus; c++) {
        wr(f, c, CPUIF + GICC_CTLR, CTLR_GRP0 | CTLR_GRP1);
        wr(f, c, CPUIF + GICC_PMR, 0xff);
    }
}

/* An SPI enabled, targeted at one CPU, with a priority. */
static void spi_to(Fx *f, unsigned intid, int cpu, uint8_t prio)
{
    wr_n(f, 0, DIST + GICD_ITARGETSR + intid, 1u << cpu, 1);
    set_prio(f, 0, intid, prio);
    set_bit(f, 0, GICD_ISENABLER, intid);
}

static void set_edge(Fx *f, unsigned intid)
{
    uint64_t reg = DIST + GICD_ICFGR + intid / 16 * 4;

    wr(f, 0, reg, rd(f, 0, reg) | 2u << (intid % 16 * 2));
}

static void teardown(Fx *f)
{
    as_free(f->as);
    gic_free(f->g);
}

TEST(gicv2_identification)
{
    Fx f = setup(4);

    /* 288 INTIDs: ITLinesNumber 8; CPUNumber 3; no Security Extensions. */
    CHECK_EQ(rd(&f, 0, DIST + GICD_TYPER), 8 | 3 << 5);
    CHECK_EQ(rd(&f, 0, DIST + GICD_IIDR) & 0xfff, 0x43b);
    CHECK_EQ((rd(&f, 0, DIST + GICD_PIDR2) >> 4) & 0xf, 2);
    CHECK_EQ((rd(&f, 0, CPUIF + GICC_IIDR) >> 16) & 0xf, 2);
    /* SGIs are edge-triggered, read-only. */
    CHECK_EQ(rd(&f, 0, DIST + GICD_ICFGR), 0xaaaaaaaa);
    wr(&f, 0, DIST + GICD_ICFGR, 0);
    CHECK_EQ(rd(&f, 0, DIST + GICD_ICFGR), 0xaaaaaaaa);
    /* INTIDs beyond ITLinesNumber are RAZ/WI. */
    wr(&f, 0, DIST + GICD_ISENABLER + 9 * 4, ~0u);
    CHECK_EQ(rd(&f, 0, DIST + GICD_ISENABLER + 9 * 4), 0);
    teardown(&f);
}

TEST(gicv2_enable_disable)
{
    Fx f = setup(1);
    IrqLine l = gic_spi_line(f.g, 8);   /* INTID 40 */

    enable_all(&f);
    set_prio(&f, 0, 40, 0x80);
    irq_set(&l, true);
    /* Pending but disabled: not signalled. */
    CHECK(bit_set(&f, 0, GICD_ISPENDR, 40));
    CHECK(!gic_irq_pending(f.g, 0, false));
    set_bit(&f, 0, GICD_ISENABLER, 40);
    CHECK(bit_set(&f, 0, GICD_ISENABLER, 40));
    CHECK(bit_set(&f, 0, GICD_ICENABLER, 40));
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK(!gic_irq_pending(f.g, 0, true));
    set_bit(&f, 0, GICD_ICENABLER, 40);
    CHECK(!bit_set(&f, 0, GICD_ISENABLER, 40));
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK(bit_set(&f, 0, GICD_ISPENDR, 40));
    set_bit(&f, 0, GICD_ISENABLER, 40);
    CHECK(gic_irq_pending(f.g, 0, false));
    /* The distributor's and the CPU interface's group enables gate it. */
    wr(&f, 0, DIST + GICD_CTLR, 0);
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), SPURIOUS);
    wr(&f, 0, DIST + GICD_CTLR, 1);
    CHECK(gic_irq_pending(f.g, 0, false));
    wr(&f, 0, CPUIF + GICC_CTLR, 0);
    CHECK(!gic_irq_pending(f.g, 0, false));
    teardown(&f);
}

TEST(gicv2_pending_by_register)
{
    Fx f = setup(1);

    enable_all(&f);
    spi_to(&f, 60, 0, 0x40);
    set_edge(&f, 60);
    CHECK(!gic_irq_pending(f.g, 0, false));
    set_bit(&f, 0, GICD_ISPENDR, 60);
    CHECK(bit_set(&f, 0, GICD_ISPENDR, 60));
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_HPPIR), 60);
    set_bit(&f, 0, GICD_ICPENDR, 60);
    CHECK(!bit_set(&f, 0, GICD_ISPENDR, 60));
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_HPPIR), SPURIOUS);
    /* ISACTIVER/ICACTIVER set and clear the active state. */
    set_bit(&f, 0, GICD_ISACTIVER, 60);
    CHECK(bit_set(&f, 0, GICD_ICACTIVER, 60));
    set_bit(&f, 0, GICD_ICACTIVER, 60);
    CHECK(!bit_set(&f, 0, GICD_ISACTIVER, 60));
    teardown(&f);
}

TEST(gicv2_priority_order)
{
    Fx f = setup(1);

    enable_all(&f);
    spi_to(&f, 40, 0, 0x80);
    spi_to(&f, 41, 0, 0x40);
    spi_to(&f, 42, 0, 0x40);
    set_bit(&f, 0, GICD_ISPENDR, 40);
    set_bit(&f, 0, GICD_ISPENDR, 42);
    set_bit(&f, 0, GICD_ISPENDR, 41);
    /* Highest priority first; equal priorities by lowest INTID. */
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_HPPIR), 41);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 41);
    CHECK(bit_set(&f, 0, GICD_ISACTIVER, 41));
    CHECK(!bit_set(&f, 0, GICD_ISPENDR, 41));
    /* 42 has the same priority: it cannot preempt 41. */
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_HPPIR), 42);
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), SPURIOUS);
    wr(&f, 0, CPUIF + GICC_EOIR, 41);
    CHECK(!bit_set(&f, 0, GICD_ISACTIVER, 41));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 42);
    wr(&f, 0, CPUIF + GICC_EOIR, 42);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    wr(&f, 0, CPUIF + GICC_EOIR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), SPURIOUS);
    teardown(&f);
}

TEST(gicv2_pmr_masks)
{
    Fx f = setup(1);

    enable_all(&f);
    spi_to(&f, 40, 0, 0x80);
    set_bit(&f, 0, GICD_ISPENDR, 40);
    /* Signalled only if the priority is strictly higher than the mask. */
    wr(&f, 0, CPUIF + GICC_PMR, 0x80);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_PMR), 0x80);
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), SPURIOUS);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_HPPIR), 40);
    wr(&f, 0, CPUIF + GICC_PMR, 0x81);
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    teardown(&f);
}

TEST(gicv2_running_priority)
{
    Fx f = setup(1);

    enable_all(&f);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0xff);
    spi_to(&f, 40, 0, 0xa0);
    spi_to(&f, 41, 0, 0x40);
    set_bit(&f, 0, GICD_ISPENDR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0xa0);
    /* With BPR 0, bit n of GICC_APR0..3 is priority 2n. */
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_APR0 + 8), 1u << (0x50 - 64));
    set_bit(&f, 0, GICD_ISPENDR, 41);
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 41);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0x40);
    wr(&f, 0, CPUIF + GICC_EOIR, 41);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0xa0);
    wr(&f, 0, CPUIF + GICC_EOIR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0xff);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_APR0 + 8), 0);
    teardown(&f);
}

TEST(gicv2_preemption_by_group_priority)
{
    Fx f = setup(1);

    enable_all(&f);
    /* BPR 3: group priority [7:4]. 0x88 and 0x80 share group 0x80. */
    wr(&f, 0, CPUIF + GICC_BPR, 3);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_BPR), 3);
    spi_to(&f, 40, 0, 0x88);
    spi_to(&f, 41, 0, 0x80);
    spi_to(&f, 42, 0, 0x70);
    set_bit(&f, 0, GICD_ISPENDR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0x80);
    set_bit(&f, 0, GICD_ISPENDR, 41);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_HPPIR), 41);
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), SPURIOUS);
    /* Group 0x70 is higher: it preempts. */
    set_bit(&f, 0, GICD_ISPENDR, 42);
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 42);
    wr(&f, 0, CPUIF + GICC_EOIR, 42);
    wr(&f, 0, CPUIF + GICC_EOIR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 41);
    wr(&f, 0, CPUIF + GICC_EOIR, 41);

    /* BPR 2: group priority [7:3], so 0x80 now preempts 0x88. */
    wr(&f, 0, CPUIF + GICC_BPR, 2);
    set_bit(&f, 0, GICD_ISPENDR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0x88);
    set_bit(&f, 0, GICD_ISPENDR, 41);
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 41);
    /* ABPR's minimum is 1: a write of 0 reads back 1. */
    wr(&f, 0, CPUIF + GICC_ABPR, 0);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_ABPR), 1);
    teardown(&f);
}

TEST(gicv2_eoimode_split)
{
    Fx f = setup(1);

    enable_all(&f);
    spi_to(&f, 40, 0, 0x80);
    set_edge(&f, 40);
    /* EOImode 0: EOIR drops the priority and deactivates. */
    set_bit(&f, 0, GICD_ISPENDR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    wr(&f, 0, CPUIF + GICC_EOIR, 40);
    CHECK(!bit_set(&f, 0, GICD_ISACTIVER, 40));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0xff);

    /* EOImode 1: EOIR only drops the priority; DIR deactivates. */
    wr(&f, 0, CPUIF + GICC_CTLR, CTLR_GRP0 | CTLR_GRP1 | CTLR_EOIMODE);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_CTLR), CTLR_GRP0 | CTLR_GRP1 | CTLR_EOIMODE);
    set_bit(&f, 0, GICD_ISPENDR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    wr(&f, 0, CPUIF + GICC_EOIR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0xff);
    CHECK(bit_set(&f, 0, GICD_ISACTIVER, 40));
    /* Still active: a new edge makes it active and pending, not taken. */
    set_bit(&f, 0, GICD_ISPENDR, 40);
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), SPURIOUS);
    wr(&f, 0, CPUIF + GICC_DIR, 40);
    CHECK(!bit_set(&f, 0, GICD_ISACTIVER, 40));
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    teardown(&f);
}

TEST(gicv2_sgi_target_filters)
{
    Fx f = setup(4);

    enable_all(&f);
    /* Filter 0: the CPU target list (CPUs 0 and 2), sent by CPU 1. */
    wr(&f, 1, DIST + GICD_SGIR, 0u << 24 | 0x05u << 16 | 3);
    for (int c = 0; c < 4; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 0 || c == 2);
    }
    /* SPENDSGIR byte 3 of CPU 0: source CPU 1. */
    CHECK_EQ(rd(&f, 0, DIST + GICD_SPENDSGIR) >> 24, 0x02);
    /* GICC_IAR: INTID 3, CPUID 1 in [12:10]. */
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 1u << 10 | 3);
    wr(&f, 0, CPUIF + GICC_EOIR, 1u << 10 | 3);
    CHECK_EQ(rd(&f, 2, CPUIF + GICC_IAR), 1u << 10 | 3);
    wr(&f, 2, CPUIF + GICC_EOIR, 1u << 10 | 3);

    /* Filter 1: everyone but the sender (CPU 2). */
    wr(&f, 2, DIST + GICD_SGIR, 1u << 24 | 9);
    for (int c = 0; c < 4; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c != 2);
        CHECK_EQ(bit_set(&f, c, GICD_ISPENDR, 9), c != 2);
    }
    for (int c = 0; c < 4; c++) {
        if (c != 2) {
            CHECK_EQ(rd(&f, c, CPUIF + GICC_IAR), 2u << 10 | 9);
            wr(&f, c, CPUIF + GICC_EOIR, 2u << 10 | 9);
        }
    }
    /* Filter 2: only the sender (CPU 3). */
    wr(&f, 3, DIST + GICD_SGIR, 2u << 24 | 0xffu << 16 | 1);
    for (int c = 0; c < 4; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 3);
    }
    CHECK_EQ(rd(&f, 3, CPUIF + GICC_IAR), 3u << 10 | 1);
    wr(&f, 3, CPUIF + GICC_EOIR, 3u << 10 | 1);
    /* Target-list bits for absent CPUs (4-7) go nowhere. */
    wr(&f, 0, DIST + GICD_SGIR, 0xf0u << 16 | 2);
    for (int c = 0; c < 4; c++) {
        CHECK(!gic_irq_pending(f.g, c, false));
    }
    /* Filter 3 is reserved: nothing happens. */
    wr(&f, 0, DIST + GICD_SGIR, 3u << 24 | 0x0fu << 16 | 2);
    for (int c = 0; c < 4; c++) {
        CHECK(!gic_irq_pending(f.g, c, false));
    }
    teardown(&f);
}

TEST(gicv2_sgi_sources)
{
    Fx f = setup(4);

    enable_all(&f);
    /* SGI 5 to CPU 0 from CPUs 1 and 2: one pending bit per source. */
    wr(&f, 1, DIST + GICD_SGIR, 0x01u << 16 | 5);
    wr(&f, 2, DIST + GICD_SGIR, 0x01u << 16 | 5);
    CHECK_EQ((rd(&f, 0, DIST + GICD_SPENDSGIR + 4) >> 8) & 0xff, 0x06);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_CPENDSGIR + 5, 1), 0x06);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 1u << 10 | 5);
    /* The other source stays pending (active and pending). */
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_SPENDSGIR + 5, 1), 0x04);
    wr(&f, 0, CPUIF + GICC_EOIR, 1u << 10 | 5);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 2u << 10 | 5);
    wr(&f, 0, CPUIF + GICC_EOIR, 2u << 10 | 5);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), SPURIOUS);
    /* SPENDSGIR/CPENDSGIR set and clear source bits directly, byte-wide. */
    wr_n(&f, 3, DIST + GICD_SPENDSGIR + 7, 0x09, 1);
    CHECK_EQ(rd_n(&f, 3, DIST + GICD_SPENDSGIR + 7, 1), 0x09);
    CHECK(gic_irq_pending(f.g, 3, false));
    CHECK(!gic_irq_pending(f.g, 0, false));
    wr_n(&f, 3, DIST + GICD_CPENDSGIR + 7, 0x01, 1);
    CHECK_EQ(rd_n(&f, 3, DIST + GICD_SPENDSGIR + 7, 1), 0x08);
    CHECK_EQ(rd(&f, 3, CPUIF + GICC_IAR), 3u << 10 | 7);
    /* ISPENDR/ICPENDR do not change SGI state. */
    wr(&f, 1, DIST + GICD_ISPENDR, 1u << 4);
    CHECK(!bit_set(&f, 1, GICD_ISPENDR, 4));
    teardown(&f);
}

TEST(gicv2_level_and_edge_spis)
{
    Fx f = setup(1);
    IrqLine lvl = gic_spi_line(f.g, 10);   /* INTID 42, level (reset) */
    IrqLine edge = gic_spi_line(f.g, 11);  /* INTID 43, edge */

    CHECK_EQ(lvl.line, 42);
    enable_all(&f);
    spi_to(&f, 42, 0, 0x80);
    spi_to(&f, 43, 0, 0x80);
    set_edge(&f, 43);
    CHECK_EQ((rd(&f, 0, DIST + GICD_ICFGR + 8) >> 22) & 3, 2);

    irq_set(&lvl, true);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 42);
    /* Line still high: active and pending; pending again after EOI. */
    CHECK(bit_set(&f, 0, GICD_ISPENDR, 42));
    wr(&f, 0, CPUIF + GICC_EOIR, 42);
    CHECK(gic_irq_pending(f.g, 0, false));
    /* ICPENDR cannot clear it while the line is asserted. */
    set_bit(&f, 0, GICD_ICPENDR, 42);
    CHECK(bit_set(&f, 0, GICD_ISPENDR, 42));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 42);
    irq_set(&lvl, false);
    wr(&f, 0, CPUIF + GICC_EOIR, 42);
    CHECK(!bit_set(&f, 0, GICD_ISPENDR, 42));
    CHECK(!gic_irq_pending(f.g, 0, false));

    /* Edge: the rising edge latches; holding the line does not re-pend. */
    irq_set(&edge, true);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 43);
    wr(&f, 0, CPUIF + GICC_EOIR, 43);
    CHECK(!bit_set(&f, 0, GICD_ISPENDR, 43));
    CHECK(!gic_irq_pending(f.g, 0, false));
    irq_set(&edge, false);
    CHECK(!gic_irq_pending(f.g, 0, false));
    irq_set(&edge, true);
    CHECK(gic_irq_pending(f.g, 0, false));
    /* An edge latches even though the line is released. */
    irq_set(&edge, false);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 43);
    teardown(&f);
}

TEST(gicv2_itargetsr_routing)
{
    Fx f = setup(4);
    IrqLine l = gic_spi_line(f.g, 18);   /* INTID 50 */

    enable_all(&f);
    spi_to(&f, 50, 2, 0x80);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_ITARGETSR + 50, 1), 0x04);
    irq_set(&l, true);
    for (int c = 0; c < 4; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 2);
    }
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), SPURIOUS);
    CHECK_EQ(rd(&f, 2, CPUIF + GICC_IAR), 50);
    wr(&f, 2, CPUIF + GICC_EOIR, 50);
    /* Bits for CPUs 4-7, which do not exist, are masked. */
    wr_n(&f, 0, DIST + GICD_ITARGETSR + 50, 0xf0, 1);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_ITARGETSR + 50, 1), 0);
    for (int c = 0; c < 4; c++) {
        CHECK(!gic_irq_pending(f.g, c, false));
    }
    wr_n(&f, 0, DIST + GICD_ITARGETSR + 50, 0xff, 1);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_ITARGETSR + 50, 1), 0x0f);
    /* Several targets: the first CPU to acknowledge takes it. */
    for (int c = 0; c < 4; c++) {
        CHECK(gic_irq_pending(f.g, c, false));
    }
    CHECK_EQ(rd(&f, 1, CPUIF + GICC_IAR), 50);
    for (int c = 0; c < 4; c++) {
        CHECK(!gic_irq_pending(f.g, c, false));
    }
    /* SGI/PPI fields read as the reading CPU's bit and ignore writes. */
    CHECK_EQ(rd(&f, 3, DIST + GICD_ITARGETSR), 0x08080808);
    CHECK_EQ(rd_n(&f, 1, DIST + GICD_ITARGETSR + 29, 1), 0x02);
    wr(&f, 3, DIST + GICD_ITARGETSR + 28, 0x01010101);
    CHECK_EQ(rd(&f, 3, DIST + GICD_ITARGETSR + 28), 0x08080808);
    /* Word access writes four SPIs at once. */
    wr(&f, 0, DIST + GICD_ITARGETSR + 52, 0x01020408);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_ITARGETSR + 53, 1), 0x04);
    teardown(&f);
}

TEST(gicv2_ipriorityr_bytes)
{
    Fx f = setup(2);

    set_prio(&f, 0, 45, 0xa0);
    set_prio(&f, 0, 46, 0x31);
    /* INTID 45 is byte 1 of IPRIORITYR11 (0x42c), 46 byte 2. */
    CHECK_EQ(rd(&f, 0, DIST + GICD_IPRIORITYR + 44), 0x31a000);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_IPRIORITYR + 46, 1), 0x31);
    wr(&f, 0, DIST + GICD_IPRIORITYR + 48, 0x44332211);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_IPRIORITYR + 50, 1), 0x33);
    /* Halfword accesses are not allowed: RAZ/WI, never a crash. */
    wr_n(&f, 0, DIST + GICD_IPRIORITYR + 48, 0xffff, 2);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_IPRIORITYR + 48, 2), 0);
    CHECK_EQ(rd(&f, 0, DIST + GICD_IPRIORITYR + 48), 0x44332211);
    teardown(&f);
}

TEST(gicv2_banked_ppi)
{
    Fx f = setup(2);
    IrqLine timer = gic_ppi_line(f.g, 1, 14);   /* INTID 30 on CPU 1 */

    CHECK_EQ(timer.line, 30);
    enable_all(&f);
    set_prio(&f, 1, 30, 0x20);
    set_prio(&f, 0, 30, 0x90);
    CHECK_EQ(rd_n(&f, 1, DIST + GICD_IPRIORITYR + 30, 1), 0x20);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_IPRIORITYR + 30, 1), 0x90);
    set_bit(&f, 1, GICD_ISENABLER, 30);
    CHECK(bit_set(&f, 1, GICD_ISENABLER, 30));
    CHECK(!bit_set(&f, 0, GICD_ISENABLER, 30));
    irq_set(&timer, true);
    CHECK(bit_set(&f, 1, GICD_ISPENDR, 30));
    CHECK(!bit_set(&f, 0, GICD_ISPENDR, 30));
    CHECK(gic_irq_pending(f.g, 1, false));
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(rd(&f, 1, CPUIF + GICC_IAR), 30);
    CHECK_EQ(rd(&f, 1, CPUIF + GICC_RPR), 0x20);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0xff);
    /* The same INTID on CPU 0 is separate state. */
    set_bit(&f, 0, GICD_ISENABLER, 30);
    CHECK(!gic_irq_pending(f.g, 0, false));
    teardown(&f);
}

TEST(gicv2_output_callback)
{
    Fx f = setup(4);
    IrqLine l = gic_spi_line(f.g, 20);   /* INTID 52 */

    enable_all(&f);
    spi_to(&f, 52, 2, 0x80);
    memset(callbacks, 0, sizeof callbacks);
    irq_set(&l, true);
    CHECK_EQ(callbacks[2], 1);
    CHECK_EQ(callbacks[0] + callbacks[1] + callbacks[3], 0);
    CHECK_EQ(rd(&f, 2, CPUIF + GICC_IAR), 52);
    /* Acknowledging drops the output. */
    CHECK_EQ(callbacks[2], 2);
    CHECK(!gic_irq_pending(f.g, 2, false));
    teardown(&f);
}

TEST(gicv2_groups_and_fiq)
{
    Fx f = setup(1);

    enable_all(&f);
    spi_to(&f, 40, 0, 0x80);
    set_bit(&f, 0, GICD_ISPENDR, 40);
    /* Group 0 is IRQ until FIQEn, then FIQ. */
    CHECK(gic_irq_pending(f.g, 0, false));
    wr(&f, 0, CPUIF + GICC_CTLR, CTLR_GRP0 | CTLR_GRP1 | CTLR_FIQEN);
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK(gic_irq_pending(f.g, 0, true));
    /* Group 1 is always IRQ; GICC_IAR returns 1022 for it unless AckCtl. */
    set_bit(&f, 0, GICD_IGROUPR, 40);
    CHECK(bit_set(&f, 0, GICD_IGROUPR, 40));
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK(!gic_irq_pending(f.g, 0, true));
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_HPPIR), 1022);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 1022);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_AHPPIR), 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_AIAR), 40);
    wr(&f, 0, CPUIF + GICC_AEOIR, 40);
    CHECK(!bit_set(&f, 0, GICD_ISACTIVER, 40));
    set_bit(&f, 0, GICD_ISPENDR, 40);
    wr(&f, 0, CPUIF + GICC_CTLR, CTLR_GRP0 | CTLR_GRP1 | CTLR_ACKCTL);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_IAR), 40);
    wr(&f, 0, CPUIF + GICC_EOIR, 40);
    /* Disabling Group 1 in the distributor hides it. */
    set_bit(&f, 0, GICD_ISPENDR, 40);
    wr(&f, 0, DIST + GICD_CTLR, 1);
    CHECK(!gic_irq_pending(f.g, 0, false));
    teardown(&f);
}

TEST(gicv2_bad_accesses_are_safe)
{
    Fx f = setup(2);
    uint64_t v;

    enable_all(&f);
    /* Wrong sizes, write-only and read-only registers, unknown offsets:
     * RAZ/WI, never an abort or a crash. */
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_TYPER, 2), 0);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_CTLR, 8), 0);
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_TYPER, 1), 0);
    CHECK_EQ(rd(&f, 0, DIST + GICD_SGIR), 0);
    wr(&f, 0, DIST + GICD_TYPER, ~0u);
    CHECK_EQ(rd(&f, 0, DIST + GICD_TYPER), 8 | 1 << 5);
    CHECK_EQ(rd(&f, 0, DIST + 0x2000), 0);
    CHECK_EQ(rd(&f, 0, DIST + 0xfffc), 0);
    wr(&f, 0, DIST + 0xd00, ~0u);
    wr_n(&f, 0, DIST + 0x3008, ~0ull, 8);
    CHECK_EQ(rd(&f, 0, CPUIF + 0x500), 0);
    wr(&f, 0, CPUIF + GICC_IAR, 40);
    wr(&f, 0, CPUIF + GICC_RPR, 0);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_EOIR), 0);
    CHECK_EQ(rd_n(&f, 0, CPUIF + GICC_CTLR, 1), 0);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_CTLR), CTLR_GRP0 | CTLR_GRP1);
    /* EOIR with nothing active, bogus INTIDs, DIR with EOImode 0. */
    wr(&f, 0, CPUIF + GICC_EOIR, 40);
    wr(&f, 0, CPUIF + GICC_EOIR, 1000);
    wr(&f, 0, CPUIF + GICC_EOIR, 0xffffffff);
    wr(&f, 0, CPUIF + GICC_DIR, 40);
    CHECK_EQ(rd(&f, 0, CPUIF + GICC_RPR), 0xff);
    /* An unaligned access is refused by the address space itself. */
    CHECK_EQ(as_read(f.as, DIST + 2, 4, &v), MEMTX_ACCESS_ERROR);
    teardown(&f);
}

TEST(gicv2_guest_errors_are_logged)
{
    Fx f = setup(2);
    char path[512];
    char buf[4096] = "";
    FILE *fp;
    size_t n;

    snprintf(path, sizeof path, "%s/log", test_tmpdir());
    log_file = fopen(path, "w+");
    CHECK(log_file != NULL);
    log_mask = LOG_MASK(guest_errors);
    CHECK_EQ(rd(&f, 0, DIST + 0x2000), 0);                 /* unknown offset */
    CHECK_EQ(rd_n(&f, 0, DIST + GICD_TYPER, 2), 0);        /* bad size */
    wr(&f, 0, DIST + GICD_TYPER, 0);                       /* read-only */
    CHECK_EQ(rd(&f, 0, DIST + GICD_SGIR), 0);              /* write-only */
    wr(&f, 0, CPUIF + GICC_EOIR, 40);                      /* nothing active */
    log_mask = 0;
    fflush(log_file);
    fp = log_file;
    log_file = NULL;
    rewind(fp);
    n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    CHECK(strstr(buf, "unknown offset 0x2000") != NULL);
    CHECK(strstr(buf, "GICD_TYPER") != NULL);
    CHECK(strstr(buf, "read-only") != NULL);
    CHECK(strstr(buf, "GICD_SGIR, which is write-only") != NULL);
    CHECK(strstr(buf, "EOIR of INTID 40") != NULL);
    teardown(&f);
}
