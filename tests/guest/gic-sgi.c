/* Software-generated interrupts to self through the GIC (IHI 0048B 4.3.15
 * GICD_SGIR with TargetListFilter "self"; IHI 0069 12.2.21 ICC_SGI1R_EL1
 * on a GICv3 via gic-sgi-v3.c): an SGI sent with IRQs masked by PSTATE.I
 * shows as the highest priority pending interrupt but is not taken; once
 * unmasked it is taken with its INTID (and, on a GICv2, source CPU 0 in
 * IAR[12:10]); two SGIs of equal priority come lowest INTID first. Also:
 * the ICC_* system registers exist only with a GICv3 (UNDEFINED on v2). */
#include "sysenv.h"
#include "gicenv.h"

#define MAX_IRQS 8

static volatile unsigned irq_count;
static volatile uint32_t irq_iar[MAX_IRQS];

static int irq_hook(struct exc_frame *f, unsigned vec)
{
    uint32_t iar;

    if (vec != VEC_CUR_SPX_IRQ) {
        return 0;
    }
    iar = gic_ack();
    if (irq_count < MAX_IRQS) {
        irq_iar[irq_count] = iar;
    }
    irq_count++;
    if ((iar & INTID_MASK) < 1020) {
        gic_eoi(iar);
    }
    return 1;
}

static void wait_irqs(unsigned n)
{
    irq_enable();
    while (irq_count < n) {
        wfi();
    }
    irq_disable();
}

static void icc_presence(void)
{
    unsigned before = exc.count;
    uint64_t sre = 0;

    __asm__ volatile("mrs %0, s3_0_c12_c12_5" : "+r"(sre) :: "memory");   /* ICC_SRE_EL1 */
#if GIC_VERSION == 2
    GUEST_CHECK_EQ(exc.count, before + 1);
    GUEST_CHECK_EQ(EC(exc.esr), 0);               /* UNDEFINED */
#else
    GUEST_CHECK_EQ(exc.count, before);
    GUEST_CHECK_EQ(sre & 1, 1);                   /* SRE: system registers in use */
#endif
}

static void sgi_to_self(void)
{
    gic_enable_private(5);
    gic_sgi_self(5);
    /* pending, not taken while PSTATE.I masks it */
    GUEST_CHECK_EQ(gic_hppi(), 5);
    GUEST_CHECK_EQ(irq_count, 0);
    wait_irqs(1);
    GUEST_CHECK_EQ(irq_iar[0] & INTID_MASK, 5);
#if GIC_VERSION == 2
    GUEST_CHECK_EQ((irq_iar[0] >> 10) & 7, 0);    /* from CPU 0 */
#else
    GUEST_CHECK_EQ(irq_iar[0], 5);                /* no source field */
#endif
    GUEST_CHECK_EQ(gic_hppi(), 1023);
}

static void equal_priority_lowest_first(void)
{
    gic_enable_private(3);
    gic_enable_private(9);
    gic_sgi_self(9);
    gic_sgi_self(3);
    wait_irqs(3);
    GUEST_CHECK_EQ(irq_count, 3);
    GUEST_CHECK_EQ(irq_iar[1] & INTID_MASK, 3);
    GUEST_CHECK_EQ(irq_iar[2] & INTID_MASK, 9);
}

#if GIC_VERSION == 3
/* GICv3 SGIs can be disabled (GICv2's are RAO/WI here): a disabled one
 * stays pending, undelivered, until enabled. */
static void disabled_sgi_waits(void)
{
    gic_disable_private(6);
    gic_sgi_self(6);
    GUEST_CHECK_EQ(gic_hppi(), 1023);
    irq_enable();
    for (volatile int i = 0; i < 1000; i++) {
    }
    irq_disable();
    GUEST_CHECK_EQ(irq_count, 3);
    gic_enable_private(6);
    wait_irqs(4);
    GUEST_CHECK_EQ(irq_iar[3], 6);
}
#endif

int test_main(void)
{
    /* ID_AA64PFR0_EL1.GIC: 1 only with the GICv3 system-register interface */
    GUEST_CHECK_EQ(READ_SYSREG(id_aa64pfr0_el1) >> 24 & 0xf, GIC_VERSION == 3 ? 1 : 0);

    install_vectors();
    exc_clear();
    exc_hook = irq_hook;
    gic_init();
    icc_presence();
    sgi_to_self();
    equal_priority_lowest_first();
#if GIC_VERSION == 3
    disabled_sgi_waits();
#endif
    return guest_failures;
}
