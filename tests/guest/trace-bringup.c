/* A 4-CPU PSCI bring-up that logs each CPU_ON it makes ("trace: CPU_ON
 * <mpidr> <ret>"), for tests/guest/checks/trace.sh, which compares that log
 * with the PSCI events of armlet's --trace-boot file. Each secondary spins a
 * while, sleeps in WFE until released, then calls CPU_OFF; CPU 1 is brought
 * up a second time after that, and one CPU_ON fails on purpose. */
// armlet-options: -smp 4
#include "guest.h"
#include "smp.h"

#define NCPUS 4

static volatile int released, done[NCPUS];

static void secondary(int idx, uint64_t arg)
{
    for (volatile int i = 0; i < 20000; i++) {
    }
    while (!released) {
        __asm__ volatile("wfe");
    }
    done[idx] = (int)arg;
}

static int64_t cpu_on_logged(int idx, uint64_t arg)
{
    int64_t r = smp_cpu_on(idx, secondary, arg, 0);

    guest_puts("trace: CPU_ON ");
    guest_puthex(smp_mpidr_of(idx));
    guest_puts(" ");
    guest_puthex((uint64_t)r);
    guest_puts("\n");
    return r;
}

int test_main(void)
{
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(cpu_on_logged(i, 10 + i), 0);
    }
    GUEST_CHECK_EQ(cpu_on_logged(1, 99), (uint64_t)-4);   /* ALREADY_ON */
    /* long enough for the secondaries to finish spinning and sleep in WFE
     * (the trace then shows them halted) */
    for (volatile int i = 0; i < 300000; i++) {
    }
    released = 1;
    __asm__ volatile("dsb sy; sev" ::: "memory");
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_cpu_off(i, 2000), 1);
        GUEST_CHECK_EQ(done[i], 10 + i);
    }
    released = 0;
    GUEST_CHECK_EQ(cpu_on_logged(1, 20), 0);
    released = 1;
    __asm__ volatile("dsb sy; sev" ::: "memory");
    GUEST_CHECK_EQ(smp_wait_cpu_off(1, 2000), 1);
    GUEST_CHECK_EQ(done[1], 20);
    return 0;
}
