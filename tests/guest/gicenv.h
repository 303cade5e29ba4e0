/* GIC helpers for the interrupt guest tests (timer-irq*, gic-sgi*): the
 * same few operations on a GICv2 (memory-mapped CPU interface, IHI 0048B
 * 4.3/4.4) or a GICv3 (redistributor + ICC_* system registers, IHI 0069
 * 12.2, 12.10, 12.11), picked by GIC_VERSION (2 unless the test defines it)
 * before this header is included. Addresses are the virt board's. Only CPU
 * 0 is used. Include sysenv.h first. */
#ifndef GUEST_GICENV_H
#define GUEST_GICENV_H

#include <stdint.h>

#ifndef GIC_VERSION
#define GIC_VERSION 2
#endif

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define REG8(a) (*(volatile uint8_t *)(uintptr_t)(a))

#define GICD 0x08000000ul
#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_IPRIORITYR 0x400
#define GICD_SGIR 0xf00

#define GICC 0x08010000ul                 /* GICv2 CPU interface */
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GICC_HPPIR 0x18

#define GICR_RD 0x080a0000ul              /* CPU 0's redistributor (GICv3) */
#define GICR_SGI (GICR_RD + 0x10000)
#define GICR_WAKER 0x14
#define GICR_IGROUPR0 0x080
#define GICR_ISENABLER0 0x100
#define GICR_ICENABLER0 0x180
#define GICR_IPRIORITYR 0x400

#define IRQ_PRIORITY 0x80
#define INTID_MASK 0x3ff
#define VEC_CUR_SPX_IRQ 5

#if GIC_VERSION == 3
/* ICC_*_EL1 by encoding: not every assembler knows the names */
#define ICC_PMR_EL1 "s3_0_c4_c6_0"
#define ICC_IAR1_EL1 "s3_0_c12_c12_0"
#define ICC_EOIR1_EL1 "s3_0_c12_c12_1"
#define ICC_HPPIR1_EL1 "s3_0_c12_c12_2"
#define ICC_SGI1R_EL1 "s3_0_c12_c11_5"
#define ICC_SRE_EL1 "s3_0_c12_c12_5"
#define ICC_IGRPEN1_EL1 "s3_0_c12_c12_7"
#define ICC_READ(r) ({ uint64_t v_; __asm__ volatile("mrs %0, " r : "=r"(v_)); v_; })
#define ICC_WRITE(r, v) __asm__ volatile("msr " r ", %0" :: "r"((uint64_t)(v)) : "memory")
#endif

/* Distributor and CPU interface on, everything unmasked by priority. */
static inline void gic_init(void)
{
#if GIC_VERSION == 2
    REG32(GICD + GICD_CTLR) = 1;          /* EnableGrp0: Group 0 is IRQ while FIQEn = 0 */
    REG32(GICC + GICC_PMR) = 0xff;
    REG32(GICC + GICC_CTLR) = 1;          /* EnableGrp0 */
#else
    REG32(GICD + GICD_CTLR) = 2;          /* EnableGrp1 (ARE and DS are RAO) */
    REG32(GICR_RD + GICR_WAKER) &= ~2u;   /* ProcessorSleep = 0 */
    while (REG32(GICR_RD + GICR_WAKER) & 4u) {   /* ChildrenAsleep */
    }
    REG32(GICR_SGI + GICR_IGROUPR0) = ~0u;        /* SGIs and PPIs: Group 1 */
    ICC_WRITE(ICC_PMR_EL1, 0xff);
    ICC_WRITE(ICC_IGRPEN1_EL1, 1);
    ISB();
#endif
}

/* Enable SGI/PPI intid (0..31) for CPU 0 at IRQ_PRIORITY. */
static inline void gic_enable_private(unsigned intid)
{
#if GIC_VERSION == 2
    REG8(GICD + GICD_IPRIORITYR + intid) = IRQ_PRIORITY;
    REG32(GICD + GICD_ISENABLER) = 1u << intid;
#else
    REG8(GICR_SGI + GICR_IPRIORITYR + intid) = IRQ_PRIORITY;
    REG32(GICR_SGI + GICR_ISENABLER0) = 1u << intid;
#endif
}

static inline void gic_disable_private(unsigned intid)
{
#if GIC_VERSION == 2
    REG32(GICD + GICD_ICENABLER) = 1u << intid;
#else
    REG32(GICR_SGI + GICR_ICENABLER0) = 1u << intid;
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

/* An SGI to this CPU only. */
static inline void gic_sgi_self(unsigned intid)
{
#if GIC_VERSION == 2
    /* GICD_SGIR TargetListFilter 0b10: the requesting CPU only */
    REG32(GICD + GICD_SGIR) = (2u << 24) | intid;
#else
    /* ICC_SGI1R_EL1: INTID [27:24], Aff3/2/1 = 0, TargetList bit 0 = Aff0 0 */
    ICC_WRITE(ICC_SGI1R_EL1, ((uint64_t)intid << 24) | 1);
    ISB();
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

#endif
