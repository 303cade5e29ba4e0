/* SGIs between every pair of 8 CPUs (IHI 0048B 4.3.15 GICD_SGIR; IHI 0069
 * 12.2.21 ICC_SGI1R_EL1 via smp-sgi-v3.c). Every CPU sends INTID = its own
 * index to each other CPU by target list, then INTID 8 + its index to "all
 * but self" (GICv2 filter 0b01, GICv3 IRM = 1); each receiver counts what
 * came from whom: exactly one of each from every other CPU, none from
 * itself, and on a GICv2 GICC_IAR.CPUID names the sender. Then WFI with
 * DAIF fully masked: CPU 1 waits in WFI until CPU 0's SGI is pending, and
 * only takes it once it unmasks. */
// armlet-options: -smp 8
#include "sysenv.h"
#include "gicenv.h"

#define NCPUS 8
#define WAKE_SGI 3

static smp_barrier_t bar;
static volatile int recv[NCPUS][2 * NCPUS];      /* [receiver][INTID] */
static volatile int bad_source[NCPUS];
static volatile int done[NCPUS];
static volatile int wake_phase, wfi_ready, wfi_woke, wfi_hppi, wfi_taken;

static int count_sgi(uint32_t iar)
{
    int me = smp_cpu_index();
    unsigned intid = iar & INTID_MASK;

    if (wake_phase) {
        wfi_taken += intid == WAKE_SGI;
        return 0;
    }
#if GIC_VERSION == 2
    if ((iar >> 10 & 7) != intid % NCPUS) {
        bad_source[me]++;
    }
#endif
    recv[me][intid]++;
    return 0;
}

static int total(int me, int from_intid)
{
    int n = 0;

    for (int i = from_intid; i < from_intid + NCPUS; i++) {
        n += recv[me][i];
    }
    return n;
}

static void wait_total(int me, int from_intid, int want)
{
    uint64_t end = guest_time_us() + 2000000;

    /* masked between the check and WFI, so that an SGI taken just
     * before WFI cannot leave it sleeping: WFI wakes on the pending
     * interrupt, which is taken once unmasked */
    irq_disable();
    while (total(me, from_intid) < want && guest_time_us() < end) {
        wfi();
        irq_enable();
        irq_disable();
    }
    irq_enable();
}

static void body(int me, uint64_t arg)
{
    gic_cpu_setup();
    for (unsigned i = 0; i < 16; i++) {
        gic_enable(i);
    }
    irq_enable();
    GUEST_CHECK_EQ(smp_barrier(&bar, NCPUS, 2000), 1);
    /* round 1: by target list, to each CPU in turn */
    for (int j = 0; j < NCPUS; j++) {
        if (j != me) {
            gic_sgi_to((unsigned)me, j);
        }
    }
    wait_total(me, 0, NCPUS - 1);
    GUEST_CHECK_EQ(smp_barrier(&bar, NCPUS, 2000), 1);
    /* round 2: everyone but me */
    gic_sgi_others(NCPUS + (unsigned)me);
    wait_total(me, NCPUS, NCPUS - 1);
    GUEST_CHECK_EQ(smp_barrier(&bar, NCPUS, 2000), 1);
    irq_disable();
    for (int i = 0; i < NCPUS; i++) {
        GUEST_CHECK_EQ(recv[me][i], i != me);
        GUEST_CHECK_EQ(recv[me][NCPUS + i], i != me);
    }
    GUEST_CHECK_EQ(bad_source[me], 0);
    if (me == 0) {
        wake_phase = 1;
    }
    GUEST_CHECK_EQ(smp_barrier(&bar, NCPUS, 2000), 1);

    if (me == 1) {
        /* WFI wakes on a pending interrupt whatever PSTATE.DAIF says
         * (Arm ARM D1.6.2 "wake-up events"); the IRQ is not taken while
         * masked. */
        uint64_t end = guest_time_us() + 2000000;

        __asm__ volatile("msr daifset, #0xf" ::: "memory");
        wfi_ready = 1;
        while (gic_hppi() != WAKE_SGI && guest_time_us() < end) {
            wfi();
        }
        wfi_hppi = (int)gic_hppi();
        wfi_woke = wfi_taken == 0;           /* woke, and did not take it */
        __asm__ volatile("msr daifclr, #0xf" ::: "memory");
        end = guest_time_us() + 2000000;
        while (!wfi_taken && guest_time_us() < end) {
        }
        __asm__ volatile("msr daifset, #0xf" ::: "memory");
    }
    done[me] = 1;
}

int test_main(void)
{
    for (unsigned i = 0; i < 16; i++) {
        gic_handlers[i] = count_sgi;
    }
    gic_init_dist();
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_cpu_on(i, body, 0, 0), PSCI_SUCCESS);
    }
    body(0, 0);
    GUEST_CHECK_EQ(smp_wait_eq(&wfi_ready, 1, 2000), 1);
    for (volatile int i = 0; i < 20000; i++) {   /* let it reach WFI */
    }
    gic_sgi_to(WAKE_SGI, 1);
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_eq(&done[i], 1, 3000), 1);
    }
    GUEST_CHECK_EQ(wfi_hppi, WAKE_SGI);
    GUEST_CHECK_EQ(wfi_woke, 1);
    GUEST_CHECK_EQ(wfi_taken, 1);
    return guest_failures;
}
