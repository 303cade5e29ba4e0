/* GICv3 (IHI 0069) as guests see it: the distributor at 0x08000000, the
 * redistributors from 0x080A0000 (128 KiB per CPU: RD_base, SGI_base)
 * through the address space, and the CPU interface through the ICC system
 * register functions. Offsets and fields are written out from the spec,
 * independently of hw/gicv3-*.c. */
#include "tests/unit/test.h"

#include "emu/memory.h"
#include "hw/gic.h"

#define DIST   0x08000000ull
#define REDIST 0x080a0000ull
/* QEMU virt's second region, past the first's 123 frames */
#define REDIST2 0x4000000000ull
#define RD(cpu)  ((cpu) < 123 ? REDIST + (uint64_t)(cpu) * 0x20000 \
                              : REDIST2 + (uint64_t)((cpu) - 123) * 0x20000)
#define SGI(cpu) (RD(cpu) + 0x10000)

/* Distributor (IHI 0069 Table 12-25). */
enum {
    GICD_CTLR = 0x0000, GICD_TYPER = 0x0004, GICD_IGROUPR = 0x0080,
    GICD_ISENABLER = 0x0100, GICD_ICENABLER = 0x0180, GICD_ISPENDR = 0x0200,
    GICD_ICPENDR = 0x0280, GICD_ISACTIVER = 0x0300, GICD_ICACTIVER = 0x0380,
    GICD_IPRIORITYR = 0x0400, GICD_ICFGR = 0x0c00, GICD_IROUTER = 0x6000,
    GICD_PIDR2 = 0xffe8,
};
/* Redistributor frames (IHI 0069 Tables 12-27, 12-29). */
enum {
    GICR_CTLR = 0x0000, GICR_TYPER = 0x0008, GICR_WAKER = 0x0014, GICR_PIDR2 = 0xffe8,
    GICR_IGROUPR0 = 0x0080, GICR_ISENABLER0 = 0x0100, GICR_ICENABLER0 = 0x0180,
    GICR_ISPENDR0 = 0x0200, GICR_ICPENDR0 = 0x0280, GICR_ISACTIVER0 = 0x0300,
    GICR_IPRIORITYR = 0x0400, GICR_ICFGR0 = 0x0c00, GICR_ICFGR1 = 0x0c04,
};
#define CTLR_GRP0 0x01
#define CTLR_GRP1 0x02
#define CTLR_ARE  0x10
#define CTLR_DS   0x40
#define WAKER_PS  0x02
#define WAKER_CA  0x04
#define IRM       (1ull << 31)
#define SPURIOUS  1023

static int callbacks[512];

static void output_changed(void *opaque, int cpu)
{
    CHECK(cpu >= 0 && cpu < 512);
    callbacks[cpu]++;
}

typedef struct Fx {
    AddressSpace *as;
    Gic *g;
    int ncpus;
} Fx;

static uint64_t rd_n(Fx *f, uint64_t pa, unsigned size)
{
    uint64_t v = 0xdeadbeef;

    CHECK_EQ(as_read(f->as, pa, size, &v), MEMTX_OK);
    return v;
}

static uint32_t rd(Fx *f, uint64_t pa)
{
    return (uint32_t)rd_n(f, pa, 4);
}

static void wr_n(Fx *f, uint64_t pa, uint64_t val, unsigned size)
{
    CHECK_EQ(as_write(f->as, pa, size, val), MEMTX_OK);
}

static void wr(Fx *f, uint64_t pa, uint32_t val)
{
    wr_n(f, pa, val, 4);
}

static uint64_t icc_rd(Fx *f, int cpu, GicCpuifReg r)
{
    return gicv3_cpuif_read(f->g, cpu, r);
}

static void icc_wr(Fx *f, int cpu, GicCpuifReg r, uint64_t v)
{
    gicv3_cpuif_write(f->g, cpu, r, v);
}

static bool dist_bit(Fx *f, unsigned reg, unsigned intid)
{
    return (rd(f, DIST + reg + intid / 32 * 4) >> (intid % 32)) & 1;
}

static void dist_set(Fx *f, unsigned reg, unsigned intid)
{
    wr(f, DIST + reg + intid / 32 * 4, 1u << (intid % 32));
}

/* The Linux-style bring-up: everything Group 1, redistributors awake,
 * Group 1 enabled everywhere, PMR open. */
static Fx setup_mpidr(int ncpus, const uint64_t *mpidr)
{
    Fx f = { as_new(), NULL, ncpus };

    f.g = gic_create(f.as, 3, ncpus, mpidr);
    gic_set_output_cb(f.g, output_changed, NULL);
    wr(&f, DIST + GICD_CTLR, CTLR_GRP1 | CTLR_ARE);
    for (unsigned i = 1; i < 9; i++) {
        wr(&f, DIST + GICD_IGROUPR + i * 4, ~0u);
    }
    for (int c = 0; c < ncpus; c++) {
        wr(&f, RD(c) + GICR_WAKER, 0);
        wr(&f, SGI(c) + GICR_IGROUPR0, ~0u);
        icc_wr(&f, c, GIC_ICC_IGRPEN1, 1);
        icc_wr(&f, c, GIC_ICC_PMR, 0xf0);
    }
    memset(callbacks, 0, sizeof callbacks);
    return f;
}

static Fx setup(int ncpus)
{
    return setup_mpidr(ncpus, NULL);
}

/* SGIs reset disabled in GICv3 (GICR_ISENABLER0 resets to 0). */
static void enable_sgis(Fx *f)
{
    for (int c = 0; c < f->ncpus; c++) {
        wr(f, SGI(c) + GICR_ISENABLER0, 0xffff);
    }
}

static void teardown(Fx *f)
{
    as_free(f->as);
    gic_free(f->g);
}

/* An SPI enabled, routed to affinity aff, with a priority. */
static void spi_route(Fx *f, unsigned intid, uint64_t route, uint8_t prio)
{
    wr_n(f, DIST + GICD_IROUTER + intid * 8, route, 8);
    wr_n(f, DIST + GICD_IPRIORITYR + intid, prio, 1);
    dist_set(f, GICD_ISENABLER, intid);
}

TEST(gicv3_identification)
{
    Fx f = setup(4);
    uint32_t typer = rd(&f, DIST + GICD_TYPER);

    CHECK_EQ((rd(&f, DIST + GICD_PIDR2) >> 4) & 0xf, 3);
    CHECK_EQ((rd(&f, RD(2) + GICR_PIDR2) >> 4) & 0xf, 3);
    CHECK_EQ(typer & 0x1f, 8);              /* 288 INTIDs */
    CHECK_EQ((typer >> 19) & 0x1f, 9);      /* IDbits: 10 bits, no LPIs */
    CHECK_EQ((typer >> 17) & 1, 0);         /* LPIS */
    CHECK_EQ((typer >> 10) & 1, 0);         /* SecurityExtn */
    /* ARE and DS are fixed at one. */
    wr(&f, DIST + GICD_CTLR, 0);
    CHECK_EQ(rd(&f, DIST + GICD_CTLR), CTLR_ARE | CTLR_DS);
    wr(&f, DIST + GICD_CTLR, CTLR_GRP0 | CTLR_GRP1);
    CHECK_EQ(rd(&f, DIST + GICD_CTLR), CTLR_GRP0 | CTLR_GRP1 | CTLR_ARE | CTLR_DS);
    /* System registers only; 5 priority bits; Aff3 and RS supported. */
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_SRE), 7);
    CHECK_EQ((icc_rd(&f, 0, GIC_ICC_CTLR) >> 8) & 7, 4);
    CHECK((icc_rd(&f, 0, GIC_ICC_CTLR) >> 15) & 1);
    icc_wr(&f, 0, GIC_ICC_PMR, 0xff);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_PMR), 0xf8);
    wr_n(&f, DIST + GICD_IPRIORITYR + 40, 0xff, 1);
    CHECK_EQ(rd_n(&f, DIST + GICD_IPRIORITYR + 40, 1), 0xf8);
    /* SGIs are edge, read-only. */
    CHECK_EQ(rd(&f, SGI(0) + GICR_ICFGR0), 0xaaaaaaaa);
    CHECK_STREQ(gicv3_cpuif_name(GIC_ICC_IAR1), "ICC_IAR1_EL1");
    teardown(&f);
}

TEST(gicv3_redistributor_typer_last)
{
    /* Aff3 = 1, Aff2 = 2, Aff1 = 3, Aff0 = CPU index; bit 31 is RES1. */
    uint64_t mpidr[4];

    for (int i = 0; i < 4; i++) {
        mpidr[i] = 1ull << 32 | 1ull << 31 | 0x020300 | (uint64_t)i;
    }
    Fx f = setup_mpidr(4, mpidr);
    for (int c = 0; c < 4; c++) {
        uint64_t t = rd_n(&f, RD(c) + GICR_TYPER, 8);

        CHECK_EQ(t >> 32, 0x01020300u | (unsigned)c);
        CHECK_EQ((t >> 8) & 0xffff, c);      /* Processor_Number */
        CHECK_EQ((t >> 4) & 1, c == 3);      /* Last */
        CHECK_EQ(t & 1, 0);                  /* PLPIS */
        /* 32-bit halves read the same register. */
        CHECK_EQ(rd(&f, RD(c) + GICR_TYPER), (uint32_t)t);
        CHECK_EQ(rd(&f, RD(c) + GICR_TYPER + 4), t >> 32);
    }
    /* IROUTER names CPUs by all four affinity levels. */
    spi_route(&f, 70, 1ull << 32 | 0x020302, 0x80);
    dist_set(&f, GICD_ISPENDR, 70);
    for (int c = 0; c < 4; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 2);
    }
    teardown(&f);
}

TEST(gicv3_waker_handshake)
{
    Fx f = { as_new(), NULL, 2 };

    f.g = gic_create(f.as, 3, 2, NULL);
    /* Out of reset the redistributor is asleep. */
    CHECK_EQ(rd(&f, RD(1) + GICR_WAKER) & (WAKER_PS | WAKER_CA), WAKER_PS | WAKER_CA);
    /* Clearing ProcessorSleep: Linux polls until ChildrenAsleep reads 0. */
    wr(&f, RD(1) + GICR_WAKER, 0);
    CHECK_EQ(rd(&f, RD(1) + GICR_WAKER) & (WAKER_PS | WAKER_CA), 0);
    CHECK_EQ(rd(&f, RD(0) + GICR_WAKER) & WAKER_PS, WAKER_PS);
    wr(&f, RD(1) + GICR_WAKER, WAKER_PS);
    CHECK_EQ(rd(&f, RD(1) + GICR_WAKER) & (WAKER_PS | WAKER_CA), WAKER_PS | WAKER_CA);
    /* ChildrenAsleep is read-only. */
    wr(&f, RD(0) + GICR_WAKER, WAKER_CA);
    CHECK_EQ(rd(&f, RD(0) + GICR_WAKER) & (WAKER_PS | WAKER_CA), 0);
    teardown(&f);
}

TEST(gicv3_priority_order_and_eoi)
{
    Fx f = setup(1);

    spi_route(&f, 40, 0, 0x80);
    spi_route(&f, 41, 0, 0x40);
    spi_route(&f, 42, 0, 0x40);
    dist_set(&f, GICD_ISPENDR, 42);
    dist_set(&f, GICD_ISPENDR, 40);
    dist_set(&f, GICD_ISPENDR, 41);
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK(!gic_irq_pending(f.g, 0, true));
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_HPPIR1), 41);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), 41);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_RPR), 0x40);
    /* AP1R0 bit n is priority n << 3 with 5 priority bits. */
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_AP1R0), 1u << (0x40 >> 3));
    CHECK(dist_bit(&f, GICD_ISACTIVER, 41));
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), SPURIOUS);
    icc_wr(&f, 0, GIC_ICC_EOIR1, 41);
    CHECK(!dist_bit(&f, GICD_ISACTIVER, 41));
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_RPR), 0xff);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), 42);
    icc_wr(&f, 0, GIC_ICC_EOIR1, 42);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), 40);
    icc_wr(&f, 0, GIC_ICC_EOIR1, 40);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), SPURIOUS);
    /* Disabled interrupts are not signalled; ICENABLER reads the enables. */
    dist_set(&f, GICD_ICENABLER, 40);
    CHECK(!dist_bit(&f, GICD_ISENABLER, 40));
    dist_set(&f, GICD_ISPENDR, 40);
    CHECK(!gic_irq_pending(f.g, 0, false));
    dist_set(&f, GICD_ISENABLER, 40);
    CHECK(gic_irq_pending(f.g, 0, false));
    dist_set(&f, GICD_ICPENDR, 40);
    CHECK(!gic_irq_pending(f.g, 0, false));
    teardown(&f);
}

TEST(gicv3_bpr_preemption)
{
    Fx f = setup(1);

    /* Reset and minimum BPR1 is 3 (5 priority bits). */
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_BPR1), 3);
    icc_wr(&f, 0, GIC_ICC_BPR1, 0);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_BPR1), 3);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_BPR0), 2);
    /* BPR1 5: group priority [7:5]; 0x98 and 0x88 share group 0x80. */
    icc_wr(&f, 0, GIC_ICC_BPR1, 5);
    spi_route(&f, 40, 0, 0x98);
    spi_route(&f, 41, 0, 0x88);
    spi_route(&f, 42, 0, 0x78);
    dist_set(&f, GICD_ISPENDR, 40);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), 40);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_RPR), 0x80);
    dist_set(&f, GICD_ISPENDR, 41);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_HPPIR1), 41);
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), SPURIOUS);
    /* 0x78 is in group 0x60: it preempts. */
    dist_set(&f, GICD_ISPENDR, 42);
    CHECK(gic_irq_pending(f.g, 0, false));
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), 42);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_RPR), 0x60);
    icc_wr(&f, 0, GIC_ICC_EOIR1, 42);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_RPR), 0x80);
    icc_wr(&f, 0, GIC_ICC_EOIR1, 40);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), 41);
    /* CBPR: BPR1 reads BPR0 + 1 and ignores writes. */
    icc_wr(&f, 0, GIC_ICC_CTLR, 1);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_BPR1), 3);
    icc_wr(&f, 0, GIC_ICC_BPR1, 6);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_BPR1), 3);
    teardown(&f);
}

TEST(gicv3_eoimode_split)
{
    Fx f = setup(1);

    spi_route(&f, 40, 0, 0x80);
    icc_wr(&f, 0, GIC_ICC_CTLR, 2);   /* EOImode */
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_CTLR) & 3, 2);
    dist_set(&f, GICD_ISPENDR, 40);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), 40);
    icc_wr(&f, 0, GIC_ICC_EOIR1, 40);
    /* Priority dropped, still active: not signalled again yet. */
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_RPR), 0xff);
    CHECK(dist_bit(&f, GICD_ISACTIVER, 40));
    dist_set(&f, GICD_ISPENDR, 40);
    CHECK(!gic_irq_pending(f.g, 0, false));
    icc_wr(&f, 0, GIC_ICC_DIR, 40);
    CHECK(!dist_bit(&f, GICD_ISACTIVER, 40));
    CHECK(gic_irq_pending(f.g, 0, false));
    /* EOImode 0: DIR is ignored, EOIR deactivates. */
    icc_wr(&f, 0, GIC_ICC_CTLR, 0);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), 40);
    icc_wr(&f, 0, GIC_ICC_DIR, 40);
    CHECK(dist_bit(&f, GICD_ISACTIVER, 40));
    icc_wr(&f, 0, GIC_ICC_EOIR1, 40);
    CHECK(!dist_bit(&f, GICD_ISACTIVER, 40));
    teardown(&f);
}

TEST(gicv3_irouter)
{
    Fx f = setup(4);
    IrqLine l = gic_spi_line(f.g, 18);   /* INTID 50 */

    spi_route(&f, 50, 2, 0x80);
    CHECK_EQ(rd_n(&f, DIST + GICD_IROUTER + 50 * 8, 8), 2);
    irq_set(&l, true);
    for (int c = 0; c < 4; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 2);
    }
    CHECK_EQ(icc_rd(&f, 2, GIC_ICC_IAR1), 50);
    icc_wr(&f, 2, GIC_ICC_EOIR1, 50);
    /* Level, line high: pending again after EOI. */
    CHECK(gic_irq_pending(f.g, 2, false));
    /* An affinity no CPU has: delivered nowhere. */
    wr_n(&f, DIST + GICD_IROUTER + 50 * 8, 0x7f, 8);
    for (int c = 0; c < 4; c++) {
        CHECK(!gic_irq_pending(f.g, c, false));
    }
    /* 32-bit halves; reserved bits read as zero. */
    wr(&f, DIST + GICD_IROUTER + 50 * 8, 0x7f000001);
    wr(&f, DIST + GICD_IROUTER + 50 * 8 + 4, 0xffffff00);
    CHECK_EQ(rd_n(&f, DIST + GICD_IROUTER + 50 * 8, 8), 0x1);
    CHECK(gic_irq_pending(f.g, 1, false));
    /* IRM = 1: any CPU may take it; the first acknowledge wins. */
    wr_n(&f, DIST + GICD_IROUTER + 50 * 8, IRM, 8);
    CHECK_EQ(rd_n(&f, DIST + GICD_IROUTER + 50 * 8, 8), IRM);
    for (int c = 0; c < 4; c++) {
        CHECK(gic_irq_pending(f.g, c, false));
    }
    CHECK_EQ(icc_rd(&f, 3, GIC_ICC_IAR1), 50);
    for (int c = 0; c < 4; c++) {
        CHECK(!gic_irq_pending(f.g, c, false));
    }
    teardown(&f);
}

TEST(gicv3_sgi_affinity_and_irm)
{
    Fx f = setup(4);

    enable_sgis(&f);
    /* Aff3.Aff2.Aff1 = 0.0.0, TargetList = CPUs with Aff0 1 and 3. */
    icc_wr(&f, 0, GIC_ICC_SGI1R, 7ull << 24 | 0xa);
    for (int c = 0; c < 4; c++) {
        CHECK_EQ((rd(&f, SGI(c) + GICR_ISPENDR0) >> 7) & 1, c == 1 || c == 3);
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 1 || c == 3);
    }
    /* IAR1 returns the INTID alone: no source CPU field in GICv3. */
    CHECK_EQ(icc_rd(&f, 1, GIC_ICC_IAR1), 7);
    icc_wr(&f, 1, GIC_ICC_EOIR1, 7);
    CHECK_EQ(icc_rd(&f, 3, GIC_ICC_IAR1), 7);
    icc_wr(&f, 3, GIC_ICC_EOIR1, 7);
    /* IRM = 1: every CPU except the sender. */
    icc_wr(&f, 2, GIC_ICC_SGI1R, 1ull << 40 | 4ull << 24);
    for (int c = 0; c < 4; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c != 2);
    }
    for (int c = 0; c < 4; c++) {
        if (c != 2) {
            CHECK_EQ(icc_rd(&f, c, GIC_ICC_IAR1), 4);
            icc_wr(&f, c, GIC_ICC_EOIR1, 4);
        }
    }
    /* A cluster (Aff1 = 1) with no CPUs: nothing. */
    icc_wr(&f, 0, GIC_ICC_SGI1R, 1ull << 16 | 5ull << 24 | 0xf);
    for (int c = 0; c < 4; c++) {
        CHECK(!gic_irq_pending(f.g, c, false));
    }
    /* SGI0R only reaches targets whose SGI is Group 0. */
    icc_wr(&f, 0, GIC_ICC_SGI0R, 5ull << 24 | 0x2);
    CHECK(!gic_irq_pending(f.g, 1, false));
    CHECK_EQ(rd(&f, SGI(1) + GICR_ISPENDR0), 0);
    teardown(&f);
}

TEST(gicv3_sgi_clusters)
{
    /* 20 CPUs: virt numbers them Aff1 = idx / 16, Aff0 = idx % 16. */
    Fx f = setup(20);

    enable_sgis(&f);
    icc_wr(&f, 0, GIC_ICC_SGI1R, 1ull << 16 | 3ull << 24 | 0x2);
    for (int c = 0; c < 20; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 17);
    }
    CHECK_EQ(rd_n(&f, RD(17) + GICR_TYPER + 4, 4), 0x0101);
    CHECK_EQ((rd(&f, RD(19) + GICR_TYPER) >> 4) & 1, 1);
    CHECK_EQ((rd(&f, RD(18) + GICR_TYPER) >> 4) & 1, 0);
    /* Range selector 1 names Aff0 16..31: none exist here. */
    icc_wr(&f, 0, GIC_ICC_SGI1R, 1ull << 44 | 3ull << 24 | 0xffff);
    for (int c = 0; c < 20; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 17);
    }
    teardown(&f);
}

TEST(gicv3_512_cpus_two_redistributor_regions)
{
    Fx f = setup(512);
    uint64_t v;

    enable_sgis(&f);
    /* Last marks the end of each region: CPU 122 (the low region's 123rd
     * frame) and CPU 511; nothing else. */
    for (int c = 0; c < 512; c++) {
        uint64_t t = rd_n(&f, RD(c) + GICR_TYPER, 8);

        CHECK_EQ((t >> 4) & 1, c == 122 || c == 511);
        CHECK_EQ((t >> 8) & 0xffff, c);
        /* virt numbering: Aff1 = idx / 16, Aff0 = idx % 16 */
        CHECK_EQ(t >> 32, (uint64_t)(c / 16) << 8 | (uint64_t)(c % 16));
    }
    /* the high region starts with CPU 123 and ends after CPU 511's frames */
    CHECK_EQ((rd(&f, REDIST2 + GICR_TYPER) >> 8) & 0xffff, 123);
    CHECK(as_read(f.as, REDIST2 + 389ull * 0x20000, 4, &v) != MEMTX_OK);
    CHECK(as_read(f.as, REDIST + 123ull * 0x20000, 4, &v) != MEMTX_OK);
    /* SGI_base frames there work: CPU 300 (Aff1 18, Aff0 12) gets an SGI
     * from CPU 0 by affinity, and its PPI configuration is its own. */
    icc_wr(&f, 0, GIC_ICC_SGI1R, 18ull << 16 | 9ull << 24 | 1u << 12);
    for (int c = 0; c < 512; c++) {
        CHECK_EQ(gic_irq_pending(f.g, c, false), c == 300);
    }
    CHECK_EQ(rd(&f, SGI(300) + GICR_ISPENDR0), 1u << 9);
    CHECK_EQ(icc_rd(&f, 300, GIC_ICC_IAR1), 9);
    icc_wr(&f, 300, GIC_ICC_EOIR1, 9);
    wr_n(&f, SGI(300) + GICR_IPRIORITYR + 20, 0x40, 1);
    CHECK_EQ(rd_n(&f, SGI(300) + GICR_IPRIORITYR + 20, 1), 0x40);
    CHECK_EQ(rd_n(&f, SGI(299) + GICR_IPRIORITYR + 20, 1), 0);
    /* IROUTER to the last CPU (Aff1 31, Aff0 15) */
    spi_route(&f, 40, 0x1f0f, 0x80);
    dist_set(&f, GICD_ISPENDR, 40);
    CHECK(gic_irq_pending(f.g, 511, false));
    CHECK(!gic_irq_pending(f.g, 0, false));
    teardown(&f);
}

TEST(gicv3_banked_ppi_level)
{
    Fx f = setup(2);
    IrqLine timer = gic_ppi_line(f.g, 1, 11);   /* INTID 27, virtual timer */

    CHECK_EQ(timer.line, 27);
    wr_n(&f, SGI(1) + GICR_IPRIORITYR + 27, 0xa0, 1);
    CHECK_EQ(rd(&f, SGI(1) + GICR_IPRIORITYR + 24), 0xa0000000);
    CHECK_EQ(rd(&f, SGI(0) + GICR_IPRIORITYR + 24), 0);
    wr(&f, SGI(1) + GICR_ISENABLER0, 1u << 27);
    CHECK_EQ(rd(&f, SGI(1) + GICR_ICENABLER0), 1u << 27);
    CHECK_EQ(rd(&f, SGI(0) + GICR_ISENABLER0), 0);
    irq_set(&timer, true);
    CHECK_EQ(rd(&f, SGI(1) + GICR_ISPENDR0), 1u << 27);
    CHECK_EQ(rd(&f, SGI(0) + GICR_ISPENDR0), 0);
    CHECK(gic_irq_pending(f.g, 1, false));
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(icc_rd(&f, 1, GIC_ICC_IAR1), 27);
    CHECK_EQ(rd(&f, SGI(1) + GICR_ISACTIVER0), 1u << 27);
    icc_wr(&f, 1, GIC_ICC_EOIR1, 27);
    /* Level-sensitive, line high: pending again. */
    CHECK_EQ(rd(&f, SGI(1) + GICR_ISPENDR0), 1u << 27);
    CHECK(gic_irq_pending(f.g, 1, false));
    irq_set(&timer, false);
    CHECK_EQ(rd(&f, SGI(1) + GICR_ISPENDR0), 0);
    CHECK(!gic_irq_pending(f.g, 1, false));
    /* PPIs can be made edge-triggered in GICR_ICFGR1. */
    wr(&f, SGI(1) + GICR_ICFGR1, 2u << 22);
    CHECK_EQ(rd(&f, SGI(1) + GICR_ICFGR1), 2u << 22);
    irq_set(&timer, true);
    irq_set(&timer, false);
    CHECK_EQ(rd(&f, SGI(1) + GICR_ISPENDR0), 1u << 27);
    /* The distributor's private range is RAZ/WI with affinity routing. */
    wr(&f, DIST + GICD_ISENABLER, ~0u);
    CHECK_EQ(rd(&f, DIST + GICD_ISENABLER), 0);
    CHECK_EQ(rd(&f, SGI(0) + GICR_ISENABLER0), 0);
    teardown(&f);
}

TEST(gicv3_group0_fiq_and_spurious)
{
    Fx f = setup(1);

    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), SPURIOUS);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_HPPIR1), SPURIOUS);
    /* A Group 0 SPI: FIQ, taken through IAR0 only. */
    wr(&f, DIST + GICD_IGROUPR + 4, 0);
    wr(&f, DIST + GICD_CTLR, CTLR_GRP0 | CTLR_GRP1);
    icc_wr(&f, 0, GIC_ICC_IGRPEN0, 1);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IGRPEN0), 1);
    spi_route(&f, 40, 0, 0x80);
    dist_set(&f, GICD_ISPENDR, 40);
    CHECK(gic_irq_pending(f.g, 0, true));
    CHECK(!gic_irq_pending(f.g, 0, false));
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_HPPIR1), SPURIOUS);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_HPPIR0), 40);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR1), SPURIOUS);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_IAR0), 40);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_AP0R0), 1u << (0x80 >> 3));
    /* EOIR1 cannot end a Group 0 interrupt. */
    icc_wr(&f, 0, GIC_ICC_EOIR1, 40);
    CHECK(dist_bit(&f, GICD_ISACTIVER, 40));
    icc_wr(&f, 0, GIC_ICC_EOIR0, 40);
    CHECK(!dist_bit(&f, GICD_ISACTIVER, 40));
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_AP0R0), 0);
    /* IGRPEN0 off: not signalled. */
    dist_set(&f, GICD_ISPENDR, 40);
    icc_wr(&f, 0, GIC_ICC_IGRPEN0, 0);
    CHECK(!gic_irq_pending(f.g, 0, true));
    teardown(&f);
}

TEST(gicv3_output_callback)
{
    Fx f = setup(4);

    spi_route(&f, 60, 3, 0x80);
    memset(callbacks, 0, sizeof callbacks);
    dist_set(&f, GICD_ISPENDR, 60);
    CHECK_EQ(callbacks[3], 1);
    CHECK_EQ(callbacks[0] + callbacks[1] + callbacks[2], 0);
    /* Masking by PMR changes the output too. */
    icc_wr(&f, 3, GIC_ICC_PMR, 0x80);
    CHECK_EQ(callbacks[3], 2);
    CHECK(!gic_irq_pending(f.g, 3, false));
    icc_wr(&f, 3, GIC_ICC_PMR, 0xf0);
    CHECK_EQ(callbacks[3], 3);
    /* An SGI to CPU 1 notifies CPU 1. */
    enable_sgis(&f);
    icc_wr(&f, 0, GIC_ICC_SGI1R, 1ull << 24 | 0x2);
    CHECK_EQ(callbacks[1], 1);
    teardown(&f);
}

TEST(gicv3_bad_accesses_are_safe)
{
    Fx f = setup(2);
    uint64_t v;
    Fx f2 = { as_new(), NULL, 1 };

    CHECK_EQ(rd_n(&f, DIST + GICD_CTLR, 1), 0);
    CHECK_EQ(rd_n(&f, DIST + GICD_CTLR, 8), 0);
    CHECK_EQ(rd(&f, DIST + 0x5000), 0);
    wr(&f, DIST + GICD_TYPER, 0);
    CHECK_EQ(rd(&f, DIST + GICD_TYPER) & 0x1f, 8);
    wr_n(&f, DIST + 0xfff8, ~0ull, 8);
    CHECK_EQ(rd(&f, RD(1) + 0x8000), 0);
    CHECK_EQ(rd(&f, SGI(1) + 0x0104), 0);      /* ISENABLER1: no SPIs here */
    wr(&f, RD(1) + GICR_CTLR, ~0u);
    CHECK_EQ(rd(&f, RD(1) + GICR_CTLR), 0);
    wr_n(&f, RD(0) + GICR_TYPER, 0, 8);
    CHECK_EQ((rd(&f, RD(1) + GICR_TYPER) >> 4) & 1, 1);
    /* Beyond the last redistributor: nothing is mapped. */
    CHECK_EQ(as_read(f.as, RD(2), 4, &v), MEMTX_DECODE_ERROR);
    /* Write-only/read-only ICC registers, bad CPUs and registers. */
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_EOIR1), 0);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_SGI1R), 0);
    icc_wr(&f, 0, GIC_ICC_IAR1, 40);
    icc_wr(&f, 0, GIC_ICC_RPR, 0);
    icc_wr(&f, 0, GIC_ICC_EOIR1, 40);          /* nothing active */
    icc_wr(&f, 0, GIC_ICC_EOIR1, 0xffffffffffffffffull);
    icc_wr(&f, 0, GIC_ICC_DIR, 5000);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_RPR), 0xff);
    CHECK_EQ(icc_rd(&f, 7, GIC_ICC_PMR), 0);
    icc_wr(&f, -1, GIC_ICC_PMR, 0);
    CHECK_EQ(icc_rd(&f, 0, GIC_ICC_NUM), 0);
    CHECK(gicv3_cpuif_name(GIC_ICC_NUM) == NULL);
    CHECK(!gic_irq_pending(f.g, 9, false));
    /* The ICC functions on a GICv2 read as zero. */
    f2.g = gic_create(f2.as, 2, 1, NULL);
    CHECK_EQ(gicv3_cpuif_read(f2.g, 0, GIC_ICC_SRE), 0);
    gicv3_cpuif_write(f2.g, 0, GIC_ICC_PMR, 0xff);
    teardown(&f2);
    teardown(&f);
}
