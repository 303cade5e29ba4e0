/* Generic timer interrupts through the GIC (Arm ARM D11.2.4; the virt
 * board wires the virtual timer to PPI 27 and the EL1 physical timer to
 * PPI 30). For each timer: program it ~1 ms ahead, enable its PPI, unmask
 * IRQs and WFI; the handler acknowledges (must be the timer's INTID),
 * records ISTATUS and the count, masks the timer (IMASK) and EOIs. Then:
 * IMASK holds a due timer's interrupt back until cleared, TVAL reads
 * negative once met and a TVAL write sign-extends, ISTATUS follows ENABLE.
 * Built for a GICv2 here and for a GICv3 by timer-irq-v3.c. */
#include "sysenv.h"
#include "gicenv.h"

#define PPI_VIRT 27
#define PPI_PHYS 30
#define CTL_ENABLE 1u
#define CTL_IMASK 2u
#define CTL_ISTATUS 4u

static volatile unsigned irq_count;
static volatile uint32_t irq_intid;
static volatile uint64_t irq_ctl, irq_count_at;

static int irq_hook(struct exc_frame *f, unsigned vec)
{
    uint32_t iar;

    if (vec != VEC_CUR_SPX_IRQ) {
        return 0;
    }
    iar = gic_ack();
    irq_intid = iar & INTID_MASK;
    if (irq_intid == PPI_VIRT) {
        irq_ctl = READ_SYSREG(cntv_ctl_el0);
        irq_count_at = READ_SYSREG(cntvct_el0);
        WRITE_SYSREG(cntv_ctl_el0, irq_ctl | CTL_IMASK);
    } else if (irq_intid == PPI_PHYS) {
        irq_ctl = READ_SYSREG(cntp_ctl_el0);
        irq_count_at = READ_SYSREG(cntpct_el0);
        WRITE_SYSREG(cntp_ctl_el0, irq_ctl | CTL_IMASK);
    }
    irq_count++;
    if (irq_intid < 1020) {
        gic_eoi(iar);
    }
    return 1;
}

/* Sleep in WFI until the handler has run n times in all. */
static void wait_irqs(unsigned n)
{
    irq_enable();
    while (irq_count < n) {
        wfi();
    }
    irq_disable();
}

static void delay_ticks(uint64_t ticks)
{
    uint64_t t0 = READ_SYSREG(cntvct_el0);

    while (READ_SYSREG(cntvct_el0) - t0 < ticks) {
    }
}

static void virtual_timer_fires(uint64_t ms)
{
    uint64_t tval = ms, t0, cval;

    gic_enable_private(PPI_VIRT);
    t0 = READ_SYSREG(cntvct_el0);
    WRITE_SYSREG(cntv_tval_el0, tval);
    WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE);
    cval = READ_SYSREG(cntv_cval_el0);
    GUEST_CHECK_EQ(cval - t0 >= tval, 1);          /* CVAL = count at the write + TVAL */
    GUEST_CHECK_EQ(cval - t0 < tval + ms, 1);
    wait_irqs(1);
    GUEST_CHECK_EQ(irq_count, 1);
    GUEST_CHECK_EQ(irq_intid, PPI_VIRT);
    GUEST_CHECK_EQ(irq_ctl & CTL_ISTATUS, CTL_ISTATUS);
    GUEST_CHECK_EQ(irq_count_at - t0 >= tval, 1);
    GUEST_CHECK_EQ(irq_count_at >= cval, 1);
    /* met: TVAL = CVAL - count is negative as a signed 32-bit value */
    GUEST_CHECK_EQ((int32_t)READ_SYSREG(cntv_tval_el0) < 0, 1);
    GUEST_CHECK_EQ(READ_SYSREG(cntv_tval_el0) >> 32, 0);
    /* masked by the handler: no second interrupt */
    irq_enable();
    delay_ticks(tval);
    irq_disable();
    GUEST_CHECK_EQ(irq_count, 1);
    WRITE_SYSREG(cntv_ctl_el0, 0);
    gic_disable_private(PPI_VIRT);
}

static void physical_timer_fires(uint64_t ms)
{
    uint64_t t0;

    gic_enable_private(PPI_PHYS);
    t0 = READ_SYSREG(cntpct_el0);
    WRITE_SYSREG(cntp_cval_el0, t0 + ms);
    WRITE_SYSREG(cntp_ctl_el0, CTL_ENABLE);
    GUEST_CHECK_EQ(READ_SYSREG(cntp_ctl_el0), CTL_ENABLE);   /* not met yet */
    wait_irqs(2);
    GUEST_CHECK_EQ(irq_count, 2);
    GUEST_CHECK_EQ(irq_intid, PPI_PHYS);
    GUEST_CHECK_EQ(irq_ctl & CTL_ISTATUS, CTL_ISTATUS);
    GUEST_CHECK_EQ(irq_count_at - t0 >= ms, 1);
    WRITE_SYSREG(cntp_ctl_el0, 0);
    gic_disable_private(PPI_PHYS);
}

/* IMASK: the condition is met (ISTATUS) but no interrupt until cleared. */
static void imask_holds_interrupt(void)
{
    gic_enable_private(PPI_VIRT);
    WRITE_SYSREG(cntv_tval_el0, 100);
    WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE | CTL_IMASK);
    irq_enable();
    while (!(READ_SYSREG(cntv_ctl_el0) & CTL_ISTATUS)) {
    }
    delay_ticks(1000);
    irq_disable();
    GUEST_CHECK_EQ(irq_count, 2);
    GUEST_CHECK_EQ(READ_SYSREG(cntv_ctl_el0), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE);
    wait_irqs(3);
    GUEST_CHECK_EQ(irq_intid, PPI_VIRT);
    WRITE_SYSREG(cntv_ctl_el0, 0);
    gic_disable_private(PPI_VIRT);
}

/* TVAL writes sign-extend: -1 puts CVAL one tick in the past. Disabled,
 * ISTATUS reads 0 even though the condition holds. */
static void tval_sign_extends(void)
{
    uint64_t before, after, cval;

    before = READ_SYSREG(cntvct_el0);
    WRITE_SYSREG(cntv_tval_el0, 0xffffffffull);
    after = READ_SYSREG(cntvct_el0);
    cval = READ_SYSREG(cntv_cval_el0);
    GUEST_CHECK_EQ(cval >= before - 1 && cval <= after - 1, 1);
    GUEST_CHECK_EQ(READ_SYSREG(cntv_ctl_el0) & CTL_ISTATUS, 0);
    WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE | CTL_IMASK);
    GUEST_CHECK_EQ(READ_SYSREG(cntv_ctl_el0) & CTL_ISTATUS, CTL_ISTATUS);
    /* a positive TVAL past 2^31 would be negative: 0x80000000 is -2^31 */
    before = READ_SYSREG(cntvct_el0);
    WRITE_SYSREG(cntv_tval_el0, 0x80000000ull);
    after = READ_SYSREG(cntvct_el0);
    cval = READ_SYSREG(cntv_cval_el0);
    GUEST_CHECK_EQ(cval >= before - 0x80000000ull && cval <= after - 0x80000000ull, 1);
    WRITE_SYSREG(cntv_ctl_el0, 0);
}

int test_main(void)
{
    uint64_t ms = READ_SYSREG(cntfrq_el0) / 1000;

    install_vectors();
    exc_clear();
    exc_hook = irq_hook;
    gic_init();
    virtual_timer_fires(ms);
    physical_timer_fires(ms);
    imask_holds_interrupt();
    tval_sign_extends();
    GUEST_CHECK_EQ(irq_count, 3);
    return guest_failures;
}
