/* GIC helpers for the interrupt guest tests (timer-irq*, gic-*, smp-*):
 * the same operations on a GICv2 (memory-mapped CPU interface, IHI 0048B
 * 4.3/4.4) or a GICv3 (redistributor + ICC_* system registers, IHI 0069
 * 12.2, 12.10, 12.11), picked by GIC_VERSION (2 unless the test defines it)
 * before this header is included. Addresses are the virt board's.
 *
 * Everything acts for the calling CPU: GICv2 banks the SGI/PPI registers
 * and the CPU interface by requester; on a GICv3 GICR_RD/GICR_SGI are the
 * calling CPU's redistributor, found as software does, by walking each
 * redistributor region until GICR_TYPER.Affinity_Value matches MPIDR_EL1
 * (or GICR_TYPER.Last ends the region). gic_irq_hook dispatches IRQs to
 * per-INTID handlers (the same table on every CPU; a handler asks
 * smp_cpu_index() which CPU it runs on). Include sysenv.h first. */
#ifndef GUEST_GICENV_H
#define GUEST_GICENV_H

#include <stdint.h>

#include "smp.h"

#ifndef GIC_VERSION
#define GIC_VERSION 2
#endif

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define REG64(a) (*(volatile uint64_t *)(uintptr_t)(a))
#define REG8(a) (*(volatile uint8_t *)(uintptr_t)(a))

#define GICD 0x08000000ul
#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_ICPENDR 0x280
#define GICD_ISACTIVER 0x300
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 (GIC_VERSION == 2 ? 0xfe8 : 0xffe8)

#define GICC 0x08010000ul                 /* GICv2 CPU interface */
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GICC_RPR 0x14
#define GICC_HPPIR 0x18
#define GICC_ABPR 0x1c
#define GICC_IIDR 0xfc
#define GICC_DIR 0x1000

#define GICR_REGION0 0x080a0000ul         /* redistributor regions (GICv3) */
#define GICR_REGION1 0x4000000000ul
#define GICR_STRIDE 0x20000ul
#define GICR_RD gic_rd_base()             /* the calling CPU's RD_base */
#define GICR_SGI (GICR_RD + 0x10000)
#define GICR_CTLR 0x00
#define GICR_TYPER 0x08
#define GICR_WAKER 0x14
#define GICR_TYPER_LAST (1ull << 4)
#define GICR_IGROUPR0 0x080
#define GICR_ISENABLER0 0x100
#define GICR_ICENABLER0 0x180
#define GICR_ISPENDR0 0x200
#define GICR_ICPENDR0 0x280
#define GICR_ISACTIVER0 0x300
#define GICR_ICACTIVER0 0x380
#define GICR_IPRIORITYR 0x400
#define GICR_ICFGR0 0xc00

#define IRQ_PRIORITY 0x80
#define INTID_MASK 0x3ff
#define INTID_SPURIOUS 1023
#define VEC_CUR_SPX_IRQ 5
#define GIC_NR_INTIDS 288                 /* the virt board's: 32 private + 256 SPIs */

#if GIC_VERSION == 3
/* ICC_*_EL1 by encoding: not every assembler knows the names */
#define ICC_PMR_EL1 "s3_0_c4_c6_0"
#define ICC_AP1R0_EL1 "s3_0_c12_c9_0"
#define ICC_DIR_EL1 "s3_0_c12_c11_1"
#define ICC_RPR_EL1 "s3_0_c12_c11_3"
#define ICC_SGI1R_EL1 "s3_0_c12_c11_5"
#define ICC_IAR1_EL1 "s3_0_c12_c12_0"
#define ICC_EOIR1_EL1 "s3_0_c12_c12_1"
#define ICC_HPPIR1_EL1 "s3_0_c12_c12_2"
#define ICC_BPR1_EL1 "s3_0_c12_c12_3"
#define ICC_CTLR_EL1 "s3_0_c12_c12_4"
#define ICC_SRE_EL1 "s3_0_c12_c12_5"
#define ICC_IGRPEN1_EL1 "s3_0_c12_c12_7"
#define ICC_READ(r) ({ uint64_t v_; __asm__ volatile("mrs %0, " r : "=r"(v_)); v_; })
#define ICC_WRITE(r, v) __asm__ volatile("msr " r ", %0" :: "r"((uint64_t)(v)) : "memory")
#endif

/* The MPIDR affinity as GICR_TYPER/IROUTER order it: Aff3.Aff2.Aff1.Aff0. */
static inline uint32_t gic_affinity_value(uint64_t mpidr)
{
    return (uint32_t)((mpidr >> 32 & 0xff) << 24 | (mpidr & 0xffffff));
}

#if GIC_VERSION == 3
/* Search one region for the frame whose TYPER names aff; 0 if none. */
static inline uintptr_t gic_rd_search(uintptr_t frame, uint32_t aff)
{
    for (;; frame += GICR_STRIDE) {
        uint64_t typer = REG64(frame + GICR_TYPER);

        if ((uint32_t)(typer >> 32) == aff) {
            return frame;
        }
        if (typer & GICR_TYPER_LAST) {
            return 0;
        }
    }
}

static inline uintptr_t gic_rd_base(void)
{
    static uintptr_t cache[SMP_MAX_CPUS];
    int me = smp_cpu_index();

    if (!cache[me]) {
        uint32_t aff = gic_affinity_value(READ_SYSREG(mpidr_el1));
        uintptr_t f = gic_rd_search(GICR_REGION0, aff);

        /* the high region exists only when the low one is full; only a
         * CPU not found in the low one looks there */
        cache[me] = f ? f : gic_rd_search(GICR_REGION1, aff);
    }
    return cache[me];
}
#endif

/* The distributor on: the group tests use (GICv2 Group 0, which is IRQ
 * while FIQEn = 0; GICv3 Group 1, with ARE and DS RAO). Once, on any CPU. */
static inline void gic_init_dist(void)
{
#if GIC_VERSION == 2
    REG32(GICD + GICD_CTLR) = 1;
#else
    REG32(GICD + GICD_CTLR) = 2;
    /* SPIs in Group 1 */
    for (unsigned i = 1; i < GIC_NR_INTIDS / 32; i++) {
        REG32(GICD + GICD_IGROUPR + 4 * i) = ~0u;
    }
#endif
}

/* The calling CPU's interface on, everything unmasked by priority. */
static inline void gic_init_cpu(void)
{
#if GIC_VERSION == 2
    REG32(GICC + GICC_PMR) = 0xff;
    REG32(GICC + GICC_CTLR) = 1;          /* EnableGrp0 */
#else
    REG32(GICR_RD + GICR_WAKER) &= ~2u;   /* ProcessorSleep = 0 */
    while (REG32(GICR_RD + GICR_WAKER) & 4u) {   /* ChildrenAsleep */
    }
    REG32(GICR_SGI + GICR_IGROUPR0) = ~0u;        /* SGIs and PPIs: Group 1 */
    ICC_WRITE(ICC_PMR_EL1, 0xff);
    ICC_WRITE(ICC_IGRPEN1_EL1, 1);
    ISB();
#endif
}

static inline void gic_init(void)
{
    gic_init_dist();
    gic_init_cpu();
}

/* The register block holding intid's row: the calling CPU's bank for
 * INTIDs 0-31 (the GICv3 SGI_base frame), the distributor for SPIs. */
static inline uintptr_t gic_bank(unsigned intid)
{
#if GIC_VERSION == 3
    if (intid < 32) {
        return GICR_SGI;
    }
#endif
    return GICD;
}

static inline void gic_set_priority(unsigned intid, uint8_t prio)
{
    REG8(gic_bank(intid) + GICD_IPRIORITYR + intid) = prio;
}

static inline void gic_set_bit(unsigned reg, unsigned intid)
{
    REG32(gic_bank(intid) + reg + intid / 32 * 4) = 1u << (intid % 32);
}

static inline int gic_get_bit(unsigned reg, unsigned intid)
{
    return (REG32(gic_bank(intid) + reg + intid / 32 * 4) >> (intid % 32)) & 1;
}

/* Enable intid (for private INTIDs: on the calling CPU) at prio. */
static inline void gic_enable_prio(unsigned intid, uint8_t prio)
{
    gic_set_priority(intid, prio);
    gic_set_bit(GICD_ISENABLER, intid);
}

static inline void gic_enable(unsigned intid)
{
    gic_enable_prio(intid, IRQ_PRIORITY);
}

static inline void gic_disable(unsigned intid)
{
    gic_set_bit(GICD_ICENABLER, intid);
}

/* Older names, for private INTIDs of the calling CPU. */
static inline void gic_enable_private(unsigned intid)
{
    gic_enable(intid);
}

static inline void gic_disable_private(unsigned intid)
{
    gic_disable(intid);
}

/* Make intid pending (GICD_ISPENDR / GICR_ISPENDR0), as a device would. */
static inline void gic_set_pending(unsigned intid)
{
    gic_set_bit(GICD_ISPENDR, intid);
}

/* Route SPI intid to CPU index cpu alone (GICv2 ITARGETSR byte; GICv3
 * IROUTER with that CPU's affinity). */
static inline void gic_route_spi(unsigned intid, int cpu)
{
#if GIC_VERSION == 2
    REG8(GICD + GICD_ITARGETSR + intid) = (uint8_t)(1u << cpu);
#else
    uint64_t m = smp_mpidr_of(cpu);

    REG64(GICD + GICD_IROUTER + 8 * intid) = (m & 0xff00ffffffull);
#endif
}

/* Acknowledge: the raw IAR value (GICv2: source CPU in bits 12:10). */
static inline uint32_t gic_ack(void)
{
#if GIC_VERSION == 2
    return REG32(GICC + GICC_IAR);
#else
    return (uint32_t)ICC_READ(ICC_IAR1_EL1);
#endif
}

static inline void gic_eoi(uint32_t iar)
{
#if GIC_VERSION == 2
    REG32(GICC + GICC_EOIR) = iar;
#else
    ICC_WRITE(ICC_EOIR1_EL1, iar);
    ISB();
#endif
}

/* Deactivate (with EOImode = 1, after the priority drop of gic_eoi). */
static inline void gic_dir(uint32_t iar)
{
#if GIC_VERSION == 2
    REG32(GICC + GICC_DIR) = iar;
#else
    ICC_WRITE(ICC_DIR_EL1, iar);
    ISB();
#endif
}

/* EOImode: split priority drop (EOIR) and deactivation (DIR): GICC_CTLR
 * bit 9 (without Security Extensions the register has the Secure-copy
 * layout, where bit 9 is EOImodeS; it is the bit Linux sets as
 * EOImodeNS), ICC_CTLR_EL1 bit 1 EOImode. */
static inline void gic_set_eoimode(int split)
{
#if GIC_VERSION == 2
    uint32_t c = REG32(GICC + GICC_CTLR);

    REG32(GICC + GICC_CTLR) = split ? c | 1u << 9 : c & ~(1u << 9);
#else
    uint64_t c = ICC_READ(ICC_CTLR_EL1);

    ICC_WRITE(ICC_CTLR_EL1, split ? c | 2 : c & ~2ull);
    ISB();
#endif
}

static inline void gic_set_pmr(uint8_t v)
{
#if GIC_VERSION == 2
    REG32(GICC + GICC_PMR) = v;
#else
    ICC_WRITE(ICC_PMR_EL1, v);
    ISB();
#endif
}

static inline uint32_t gic_get_pmr(void)
{
#if GIC_VERSION == 2
    return REG32(GICC + GICC_PMR);
#else
    return (uint32_t)ICC_READ(ICC_PMR_EL1);
#endif
}

/* Running priority (idle: 0xff). */
static inline uint32_t gic_rpr(void)
{
#if GIC_VERSION == 2
    return REG32(GICC + GICC_RPR);
#else
    return (uint32_t)ICC_READ(ICC_RPR_EL1);
#endif
}

/* The highest priority pending interrupt, whether or not it can be taken. */
static inline uint32_t gic_hppi(void)
{
#if GIC_VERSION == 2
    return REG32(GICC + GICC_HPPIR) & INTID_MASK;
#else
    return (uint32_t)ICC_READ(ICC_HPPIR1_EL1) & INTID_MASK;
#endif
}

/* An SGI to CPU index cpu (GICv2 GICD_SGIR TargetListFilter 0 with that
 * CPU's bit; GICv3 ICC_SGI1R_EL1 with its Aff3.Aff2.Aff1 and its Aff0 in
 * the target list, RS selecting the 16-CPU range). */
static inline void gic_sgi_to(unsigned intid, int cpu)
{
#if GIC_VERSION == 2
    REG32(GICD + GICD_SGIR) = (1u << (16 + cpu)) | intid;
#else
    uint64_t m = smp_mpidr_of(cpu), aff0 = m & 0xff;

    ICC_WRITE(ICC_SGI1R_EL1, (m >> 32 & 0xff) << 48 | (aff0 / 16) << 44 | (m >> 16 & 0xff) << 32 |
                             (uint64_t)intid << 24 | (m >> 8 & 0xff) << 16 | 1u << (aff0 % 16));
    ISB();
#endif
}

/* An SGI to every CPU but this one (GICv2 filter 0b01; GICv3 IRM = 1). */
static inline void gic_sgi_others(unsigned intid)
{
#if GIC_VERSION == 2
    REG32(GICD + GICD_SGIR) = (1u << 24) | intid;
#else
    ICC_WRITE(ICC_SGI1R_EL1, 1ull << 40 | (uint64_t)intid << 24);
    ISB();
#endif
}

/* An SGI to this CPU only. */
static inline void gic_sgi_self(unsigned intid)
{
#if GIC_VERSION == 2
    REG32(GICD + GICD_SGIR) = (2u << 24) | intid;   /* filter 0b10: the requester */
#else
    gic_sgi_to(intid, smp_cpu_index());
#endif
}

static inline void irq_enable(void)
{
    __asm__ volatile("msr daifclr, #2" ::: "memory");
}

static inline void irq_disable(void)
{
    __asm__ volatile("msr daifset, #2" ::: "memory");
}

static inline void wfi(void)
{
    __asm__ volatile("wfi" ::: "memory");
}

/* ---- IRQ dispatch by INTID ---- */

/* Called with the IAR value, after acknowledging; EOI follows unless the
 * handler returns nonzero (it has dealt with priority drop itself). */
typedef int (*gic_handler_t)(uint32_t iar);
static gic_handler_t volatile gic_handlers[GIC_NR_INTIDS];
static volatile unsigned gic_spurious[SMP_MAX_CPUS];

/* An exc_hook: IRQs go to gic_handlers (spurious ones are counted). */
static inline int gic_irq_hook(struct exc_frame *f, unsigned vec)
{
    uint32_t iar, intid;

    if (vec != VEC_CUR_SPX_IRQ) {
        return 0;
    }
    iar = gic_ack();
    intid = iar & INTID_MASK;
    if (intid >= 1020 || intid >= GIC_NR_INTIDS) {
        gic_spurious[smp_cpu_index()]++;
        return 1;
    }
    if (!gic_handlers[intid] || !gic_handlers[intid](iar)) {
        gic_eoi(iar);
    }
    return 1;
}

/* A CPU's exception set-up for interrupt tests: vectors, gic_irq_hook,
 * and its GIC CPU interface. */
static inline void gic_cpu_setup(void)
{
    install_vectors();
    exc_hook = gic_irq_hook;
    gic_init_cpu();
}

#endif
