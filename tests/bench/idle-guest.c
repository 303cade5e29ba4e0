/* The idle benchmark's guest (tests/bench/idle.sh): NCPUS CPUs (a build
 * define, 4 by default), each sleeping in WFI with its virtual timer
 * interrupting it at 100 Hz, for SECONDS of counter time; then CPU 0 powers
 * off. Built with the guest-test runtime (tests/guest/lib). */
#include "sysenv.h"
#include "gicenv.h"

#ifndef NCPUS
#define NCPUS 4
#endif
#ifndef SECONDS
#define SECONDS 10
#endif
#define PPI_VIRT 27

static volatile unsigned ticks[NCPUS];
static volatile int stop, done[NCPUS];
static uint64_t period;

static int tick(uint32_t iar)
{
    WRITE_SYSREG(cntv_tval_el0, period);
    ticks[smp_cpu_index()]++;
    return 0;
}

static void idle(int me, uint64_t arg)
{
    gic_cpu_setup();
    gic_enable(PPI_VIRT);
    WRITE_SYSREG(cntv_tval_el0, period);
    WRITE_SYSREG(cntv_ctl_el0, 1);
    irq_disable();
    while (!stop) {
        wfi();
        irq_enable();
        irq_disable();
        if (me == 0 && ticks[0] >= SECONDS * 100) {
            stop = 1;
        }
    }
    WRITE_SYSREG(cntv_ctl_el0, 0);
    done[me] = 1;
}

int test_main(void)
{
    period = READ_SYSREG(cntfrq_el0) / 100;
    gic_handlers[PPI_VIRT] = tick;
    gic_init_dist();
    for (int i = 1; i < NCPUS; i++) {
        smp_cpu_on(i, idle, 0, 0);
    }
    idle(0, 0);
    for (int i = 1; i < NCPUS; i++) {
        smp_wait_eq(&done[i], 1, 1000);
    }
    return 0;
}
