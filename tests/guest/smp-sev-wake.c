/* WFE/SEV between 8 CPUs: 300 rounds of a barrier where waiters sleep in
 * WFE and the last to arrive sends SEV (Arm ARM D1.16.1 WFE wake-up
 * events). Every waiter must wake, also one the scheduler had already
 * passed in the round in which the SEV came. */
// armlet-options: -smp 8
#include "sysenv.h"
#include "smp.h"
static smp_barrier_t bar;
static volatile int done[8], fails[8];
static void body(int me, uint64_t arg)
{
    for (int i = 0; i < 300; i++) {
        if (!smp_barrier(&bar, 8, 2000)) fails[me]++;
    }
    done[me] = 1;
}
int test_main(void)
{
    for (int i = 1; i < 8; i++) smp_cpu_on(i, body, 0, 0);
    body(0, 0);
    for (int i = 1; i < 8; i++) GUEST_CHECK_EQ(smp_wait_eq(&done[i], 1, 3000), 1);
    for (int i = 0; i < 8; i++) GUEST_CHECK_EQ(fails[i], 0);
    return guest_failures;
}
