/* SPI routing to chosen CPUs on 4 CPUs (IHI 0048B 4.3.12 GICD_ITARGETSR;
 * IHI 0069 12.9.22 GICD_IROUTER via gic-route-v3.c): SPI INTID 100 is
 * routed to each CPU in turn and made pending with GICD_ISPENDR; only that
 * CPU takes it. Then it is routed to several CPUs at once (GICv2: a
 * target list of all four; GICv3: IRM = 1, 1-of-N): it is taken exactly
 * once, by one of them. All CPUs wait in WFI meanwhile. */
// armlet-options: -smp 4
#include "sysenv.h"
#include "gicenv.h"

#define NCPUS 4
#define SPI 100

static volatile int taken[NCPUS];
static volatile int stop, ready[NCPUS], done[NCPUS];

static int spi_handler(uint32_t iar)
{
    taken[smp_cpu_index()]++;
    return 0;
}

static int total(void)
{
    int n = 0;

    for (int i = 0; i < NCPUS; i++) {
        n += taken[i];
    }
    return n;
}

static void idle(int me, uint64_t arg)
{
    gic_cpu_setup();
    gic_enable(0);                     /* the SGI that ends the test */
    ready[me] = 1;
    irq_disable();
    while (!stop) {
        wfi();
        irq_enable();
        irq_disable();
    }
    done[me] = 1;
}

/* Make the SPI pending and wait until it has been taken n times in all. */
static void fire_and_wait(int n)
{
    uint64_t end = guest_time_us() + 2000000;

    gic_set_pending(SPI);
    irq_enable();
    while (total() < n && guest_time_us() < end) {
    }
    /* let any CPU that would wrongly take it too do so */
    for (volatile int i = 0; i < 50000; i++) {
    }
    irq_disable();
}

int test_main(void)
{
    int n = 0;

    gic_handlers[SPI] = spi_handler;
    gic_init_dist();
    gic_cpu_setup();
    gic_enable(SPI);
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_cpu_on(i, idle, 0, 0), PSCI_SUCCESS);
        GUEST_CHECK_EQ(smp_wait_eq(&ready[i], 1, 2000), 1);
    }
    for (int target = 0; target < NCPUS; target++) {
        int before[NCPUS];

        for (int i = 0; i < NCPUS; i++) {
            before[i] = taken[i];
        }
        gic_route_spi(SPI, target);
        fire_and_wait(++n);
        for (int i = 0; i < NCPUS; i++) {
            GUEST_CHECK_EQ(taken[i] - before[i], i == target);
        }
    }
    /* to any of them */
#if GIC_VERSION == 2
    REG8(GICD + GICD_ITARGETSR + SPI) = 0x0f;
    GUEST_CHECK_EQ(REG8(GICD + GICD_ITARGETSR + SPI), 0x0f);
#else
    REG64(GICD + GICD_IROUTER + 8 * SPI) = 1ull << 31;
    GUEST_CHECK_EQ(REG64(GICD + GICD_IROUTER + 8 * SPI), 1ull << 31);
#endif
    for (int k = 0; k < 3; k++) {
        fire_and_wait(++n);
        GUEST_CHECK_EQ(total(), n);
    }
    stop = 1;
    for (int i = 1; i < NCPUS; i++) {
        gic_sgi_to(0, i);              /* out of WFI */
    }
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_eq(&done[i], 1, 2000), 1);
    }
    return guest_failures;
}
