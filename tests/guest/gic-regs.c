/* GIC register read-back rules as a guest sees them, on 2 CPUs (IHI
 * 0048B 4.3, 4.4; IHI 0069 12.9-12.11 via gic-regs-v3.c):
 * - IPRIORITYR byte and word access reach the same fields; unimplemented
 *   low priority bits read as zero (GICv3 here: 5 bits);
 * - ITARGETSR (v2): byte and word access, bits for absent CPUs RAZ/WI,
 *   SGI/PPI fields read-only naming the reading CPU (on both CPUs); on a
 *   GICv3 (affinity routing) ITARGETSR is RAZ/WI and IROUTER's reserved
 *   bits [30:24] are RAZ/WI;
 * - ICFGR: SGIs read-only edge (0b10), Int_config[0] RAZ/WI;
 * - GICv2 SGI enables RAO/WI; GICv3 GICD_CTLR.ARE/DS RAO/WI;
 * - TYPER fields: CPU count (v2), ITLinesNumber; GICR_TYPER.Last only on
 *   the last CPU's frame;
 * - reserved CPU-interface bits: GICC_CTLR [31:11] RAZ/WI (v2);
 *   ICC_CTLR_EL1's read-only PRIbits/A3V keep their values (v3);
 * - PIDR2.ArchRev. */
// armlet-options: -smp 2
#include "sysenv.h"
#include "gicenv.h"

static volatile int done1;
static volatile uint32_t cpu1_targets, cpu1_typer_last;

static void priority_rules(void)
{
    uint8_t implemented = GIC_VERSION == 2 ? 0xff : 0xf8;

    REG8(GICD + GICD_IPRIORITYR + 101) = 0x5b;
    GUEST_CHECK_EQ(REG8(GICD + GICD_IPRIORITYR + 101), 0x5b & implemented);
    /* INTIDs 100..103 in one word, 101 in byte lane 1 */
    GUEST_CHECK_EQ((REG32(GICD + GICD_IPRIORITYR + 100) >> 8) & 0xff, 0x5b & implemented);
    REG32(GICD + GICD_IPRIORITYR + 100) = 0x11223344;
    GUEST_CHECK_EQ(REG8(GICD + GICD_IPRIORITYR + 100), 0x44 & implemented);
    GUEST_CHECK_EQ(REG8(GICD + GICD_IPRIORITYR + 103), 0x11 & implemented);
    gic_set_priority(20, 0xff);                   /* a PPI, this CPU's bank */
    GUEST_CHECK_EQ(REG8(gic_bank(20) + GICD_IPRIORITYR + 20), implemented);
}

static void config_rules(void)
{
    /* SGIs: edge, read-only */
    REG32(gic_bank(0) + GICD_ICFGR) = 0;
    GUEST_CHECK_EQ(REG32(gic_bank(0) + GICD_ICFGR), 0xaaaaaaaau);
    /* SPIs 96..111: odd bits reserved */
    REG32(GICD + GICD_ICFGR + 24) = 0xffffffffu;
    GUEST_CHECK_EQ(REG32(GICD + GICD_ICFGR + 24), 0xaaaaaaaau);
    REG32(GICD + GICD_ICFGR + 24) = 0;
    GUEST_CHECK_EQ(REG32(GICD + GICD_ICFGR + 24), 0);
}

#if GIC_VERSION == 2
static void v2_rules(void)
{
    uint32_t typer = REG32(GICD + GICD_TYPER);

    GUEST_CHECK_EQ(typer & 0x1f, 8);              /* 288 INTIDs */
    GUEST_CHECK_EQ((typer >> 5) & 7, 1);          /* 2 CPUs */
    GUEST_CHECK_EQ((REG32(GICD + GICD_PIDR2) >> 4) & 0xf, 2);
    /* ITARGETSR: absent CPU bits RAZ/WI, byte and word access */
    REG8(GICD + GICD_ITARGETSR + 101) = 0xff;
    GUEST_CHECK_EQ(REG8(GICD + GICD_ITARGETSR + 101), 0x03);
    REG32(GICD + GICD_ITARGETSR + 100) = 0x04020301;
    GUEST_CHECK_EQ(REG32(GICD + GICD_ITARGETSR + 100), 0x00020301);
    GUEST_CHECK_EQ(REG8(GICD + GICD_ITARGETSR + 102), 0x02);
    /* SGI/PPI target fields: read-only, the reading CPU */
    REG8(GICD + GICD_ITARGETSR + 27) = 0x02;
    GUEST_CHECK_EQ(REG8(GICD + GICD_ITARGETSR + 27), 0x01);
    GUEST_CHECK_EQ(REG32(GICD + GICD_ITARGETSR), 0x01010101);
    /* SGI enables RAO/WI */
    REG32(GICD + GICD_ICENABLER) = 0xffff;
    GUEST_CHECK_EQ(REG32(GICD + GICD_ISENABLER) & 0xffff, 0xffff);
    /* GICC_CTLR: reserved bits RAZ/WI */
    REG32(GICC + GICC_CTLR) = 0xfffff801u | 1u;
    GUEST_CHECK_EQ(REG32(GICC + GICC_CTLR), 1);
}
#else
static void v3_rules(void)
{
    uint64_t ctlr = ICC_READ(ICC_CTLR_EL1);

    GUEST_CHECK_EQ(REG32(GICD + GICD_TYPER) & 0x1f, 8);
    GUEST_CHECK_EQ((REG32(GICD + GICD_PIDR2) >> 4) & 0xf, 3);
    REG32(GICD + GICD_CTLR) = 2;                  /* ARE, DS: RAO/WI */
    GUEST_CHECK_EQ(REG32(GICD + GICD_CTLR), 2 | 0x10 | 0x40);
    /* ITARGETSR is RAZ/WI under affinity routing */
    REG8(GICD + GICD_ITARGETSR + 101) = 0xff;
    GUEST_CHECK_EQ(REG8(GICD + GICD_ITARGETSR + 101), 0);
    /* IROUTER: reserved [30:24] RAZ/WI; 32-bit halves */
    REG64(GICD + GICD_IROUTER + 8 * 101) = 0x7f000101ull;
    GUEST_CHECK_EQ(REG64(GICD + GICD_IROUTER + 8 * 101), 0x101);
    REG32(GICD + GICD_IROUTER + 8 * 101 + 4) = 0x1;
    GUEST_CHECK_EQ(REG64(GICD + GICD_IROUTER + 8 * 101), 0x100000101ull);
    /* the redistributor frames: Last only on CPU 1's */
    GUEST_CHECK_EQ((REG32(GICR_RD + GICR_TYPER) >> 4) & 1, 0);
    GUEST_CHECK_EQ((REG32(GICR_REGION0 + GICR_STRIDE + GICR_TYPER) >> 4) & 1, 1);
    /* ICC_CTLR_EL1: PRIbits (5 bits: 4) and A3V read-only */
    ICC_WRITE(ICC_CTLR_EL1, 0);
    GUEST_CHECK_EQ((ICC_READ(ICC_CTLR_EL1) >> 8) & 7, 4);
    GUEST_CHECK_EQ((ICC_READ(ICC_CTLR_EL1) >> 15) & 1, 1);
    ICC_WRITE(ICC_CTLR_EL1, ctlr);
}
#endif

static void secondary(int idx, uint64_t arg)
{
    gic_cpu_setup();
#if GIC_VERSION == 2
    cpu1_targets = REG32(GICD + GICD_ITARGETSR + 28);
#else
    cpu1_typer_last = (REG32(GICR_RD + GICR_TYPER) >> 4) & 1;
#endif
    done1 = 1;
}

int test_main(void)
{
    gic_init_dist();
    gic_cpu_setup();
    priority_rules();
    config_rules();
#if GIC_VERSION == 2
    v2_rules();
#else
    v3_rules();
#endif
    GUEST_CHECK_EQ(smp_cpu_on(1, secondary, 0, 0), PSCI_SUCCESS);
    GUEST_CHECK_EQ(smp_wait_eq(&done1, 1, 2000), 1);
#if GIC_VERSION == 2
    GUEST_CHECK_EQ(cpu1_targets, 0x02020202);     /* PPIs name CPU 1 there */
#else
    GUEST_CHECK_EQ(cpu1_typer_last, 1);
#endif
    return guest_failures;
}
