/* CPU_OFF (DEN0022 5.1.3), AFFINITY_INFO (5.1.5) and CPU_ON again: CPU 1
 * runs and powers itself off; CPU 0 polls AFFINITY_INFO until it reads OFF
 * (1); CPU_ON then starts CPU 1 a second time with another context_id and
 * the CPU_ON entry state again (6.4.3: DAIF masked even though the first
 * run unmasked it), and a third time through the SMC32 form of CPU_ON.
 * CPU_OFF never returns to its caller.
 * armlet-options: below. */
// armlet-options: -smp 2
#include "guest.h"
#include "smp.h"
#include "sysenv.h"

#define TIMEOUT_MS 5000
#define AFF_OFF 1
#define PSCI_CPU_ON32_FN 0x84000003u

static volatile int runs, off_returned;
static volatile uint64_t run_ctx[3], run_arg[3], run_daif[3], run_el[3];

static void secondary(int idx, uint64_t arg)
{
    int n = runs;

    if (n < 3) {
        run_ctx[n] = smp_ctx[idx];
        run_arg[n] = arg;
        run_daif[n] = READ_SYSREG(daif);
        run_el[n] = READ_SYSREG(currentel) >> 2;
    }
    /* leave state behind that the next CPU_ON must not keep */
    __asm__ volatile("msr daifclr, #0xf" ::: "memory");
    runs = n + 1;
    psci_call(PSCI_CPU_OFF_FN, 0, 0, 0);
    off_returned = 1;
}

int test_main(void)
{
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, 1, 0, 0), AFF_OFF);
    GUEST_CHECK_EQ(smp_cpu_on(1, secondary, 0x111, 0xa1), PSCI_SUCCESS);
    GUEST_CHECK_EQ(smp_wait_eq(&runs, 1, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(smp_wait_cpu_off(1, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(run_ctx[0], 1 | 0xa1ull << 8);
    GUEST_CHECK_EQ(run_arg[0], 0x111);

    /* off means startable again, with a new context */
    GUEST_CHECK_EQ(smp_cpu_on(1, secondary, 0x222, 0xb2), PSCI_SUCCESS);
    GUEST_CHECK_EQ(smp_wait_eq(&runs, 2, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(smp_wait_cpu_off(1, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(run_ctx[1], 1 | 0xb2ull << 8);
    GUEST_CHECK_EQ(run_arg[1], 0x222);
    GUEST_CHECK_EQ(run_daif[1], 0x3c0);
    GUEST_CHECK_EQ(run_el[1], 1);

    /* a third time through the SMC32 CPU_ON, whose arguments are 32 bits:
     * the upper halves of x1..x3 are ignored (DEN0028 2.6), so the garbage
     * there changes neither the target, the entry nor the context_id. The
     * runtime still holds secondary() and 0x222 for CPU 1. */
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON32_FN, 0xabcd000000000001ull,
                             (uint64_t)smp_secondary_entry | 0xdead000000000000ull,
                             0xbeef00000000ull | 1 | 0xc3ull << 8),
                   PSCI_SUCCESS);
    GUEST_CHECK_EQ(smp_wait_eq(&runs, 3, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(smp_wait_cpu_off(1, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(run_ctx[2], 1 | 0xc3ull << 8);
    GUEST_CHECK_EQ(run_arg[2], 0x222);
    /* give a CPU_OFF that wrongly returned time to show */
    guest_delay_us(20000);
    GUEST_CHECK_EQ(off_returned, 0);
    GUEST_CHECK_EQ(runs, 3);
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, 1, 0, 0), AFF_OFF);
    return 0;
}
