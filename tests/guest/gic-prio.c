/* The CPU interface's priority rules (IHI 0048B 3.3, 4.4; IHI 0069 4.8,
 * 12.2), run on CPU 0 and then on CPU 1 (its own banked interface):
 * - PMR masks an interrupt of equal or lower priority, which stays the
 *   highest pending one; raising PMR lets it in;
 * - RPR is the running (group) priority, 0xff when idle;
 * - preemption: inside a 0xa0 handler with IRQs unmasked, a 0x40 SGI is
 *   taken at once; a 0x60 one raised inside that handler waits until the
 *   0x40 one ends, then preempts the 0xa0 handler;
 * - active state: GICD_ISACTIVER shows the interrupt being handled; an
 *   active interrupt made pending again is not signalled until
 *   deactivated (ICACTIVER);
 * - EOImode = 1: EOIR only drops the priority (RPR idle, still active, so
 *   a new SGI of the same INTID waits); DIR deactivates it.
 * gic-prio-v3.c runs the same on a GICv3. */
// armlet-options: -smp 2
#include "sysenv.h"
#include "gicenv.h"

#define LOG_MAX 16

static volatile unsigned count[16];
static volatile unsigned log_n;
static volatile unsigned log_v[LOG_MAX];
static volatile uint32_t rpr_in[16], active_in[16], last_iar;
static volatile int done1;

static void log_event(unsigned v)
{
    if (log_n < LOG_MAX) {
        log_v[log_n] = v;
    }
    log_n++;
}

static void delay(void)
{
    for (volatile int i = 0; i < 20000; i++) {
    }
}

static int handler(uint32_t iar)
{
    unsigned intid = iar & INTID_MASK;

    count[intid]++;
    rpr_in[intid] = gic_rpr();
    active_in[intid] = (uint32_t)gic_get_bit(GICD_ISACTIVER, intid);
    log_event(intid * 10);
    if (intid == 2 || intid == 3) {
        gic_sgi_self(intid == 2 ? 3 : 4);
        irq_enable();
        delay();
        irq_disable();
    }
    log_event(intid * 10 + 1);
    if (intid == 7) {
        last_iar = iar;
        gic_eoi(iar);                 /* priority drop only (EOImode = 1) */
        return 1;
    }
    return 0;
}

static void run(void)
{
    for (unsigned i = 0; i < 16; i++) {
        count[i] = 0;
    }
    log_n = 0;
    gic_cpu_setup();
    gic_enable_prio(1, 0x80);
    gic_enable_prio(2, 0xa0);
    gic_enable_prio(3, 0x40);
    gic_enable_prio(4, 0x60);
    gic_enable_prio(5, 0x80);
    gic_enable_prio(6, 0x80);
    gic_enable_prio(7, 0x80);
    GUEST_CHECK_EQ(gic_rpr(), 0xff);

    /* PMR */
    gic_set_pmr(0x80);
    GUEST_CHECK_EQ(gic_get_pmr(), 0x80);
    gic_sgi_self(1);
    irq_enable();
    delay();
    GUEST_CHECK_EQ(count[1], 0);
    GUEST_CHECK_EQ(gic_hppi(), 1);
    gic_set_pmr(0x88);
    delay();
    irq_disable();
    GUEST_CHECK_EQ(count[1], 1);
    GUEST_CHECK_EQ(rpr_in[1], 0x80);
    gic_set_pmr(0xff);

    /* preemption */
    log_n = 0;
    gic_sgi_self(2);
    irq_enable();
    delay();
    irq_disable();
    GUEST_CHECK_EQ(log_n, 6);
    GUEST_CHECK_EQ(log_v[0], 20);
    GUEST_CHECK_EQ(log_v[1], 30);
    GUEST_CHECK_EQ(log_v[2], 31);
    GUEST_CHECK_EQ(log_v[3], 40);
    GUEST_CHECK_EQ(log_v[4], 41);
    GUEST_CHECK_EQ(log_v[5], 21);
    GUEST_CHECK_EQ(rpr_in[2], 0xa0);
    GUEST_CHECK_EQ(rpr_in[3], 0x40);
    GUEST_CHECK_EQ(rpr_in[4], 0x60);
    GUEST_CHECK_EQ(gic_rpr(), 0xff);

    /* active state */
    gic_sgi_self(5);
    irq_enable();
    delay();
    irq_disable();
    GUEST_CHECK_EQ(count[5], 1);
    GUEST_CHECK_EQ(active_in[5], 1);
    GUEST_CHECK_EQ(gic_get_bit(GICD_ISACTIVER, 5), 0);
    gic_set_bit(GICD_ISACTIVER, 6);
    GUEST_CHECK_EQ(gic_get_bit(GICD_ISACTIVER, 6), 1);
    gic_sgi_self(6);
    irq_enable();
    delay();
    GUEST_CHECK_EQ(count[6], 0);                 /* active: not signalled */
    gic_set_bit(GICD_ICACTIVER, 6);
    delay();
    irq_disable();
    GUEST_CHECK_EQ(count[6], 1);

    /* EOImode = 1: drop and deactivation apart */
    gic_set_eoimode(1);
    gic_sgi_self(7);
    irq_enable();
    delay();
    irq_disable();
    GUEST_CHECK_EQ(count[7], 1);
    GUEST_CHECK_EQ(gic_rpr(), 0xff);              /* priority dropped */
    GUEST_CHECK_EQ(gic_get_bit(GICD_ISACTIVER, 7), 1);   /* still active */
    gic_sgi_self(7);
    irq_enable();
    delay();
    GUEST_CHECK_EQ(count[7], 1);                 /* waits for deactivation */
    gic_dir(last_iar);
    delay();
    irq_disable();
    GUEST_CHECK_EQ(count[7], 2);
    gic_dir(last_iar);
    GUEST_CHECK_EQ(gic_get_bit(GICD_ISACTIVER, 7), 0);
    gic_set_eoimode(0);
}

static void secondary(int idx, uint64_t arg)
{
    run();
    done1 = 1;
}

int test_main(void)
{
    for (unsigned i = 1; i < 8; i++) {
        gic_handlers[i] = handler;
    }
    gic_init_dist();
    run();
    GUEST_CHECK_EQ(smp_cpu_on(1, secondary, 0, 0), PSCI_SUCCESS);
    GUEST_CHECK_EQ(smp_wait_eq(&done1, 1, 3000), 1);
    return guest_failures;
}
