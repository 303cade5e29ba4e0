/* The CPU_ON race (DEN0022 5.1.4, 5.6 "concurrent CPU_ON"): CPUs 1..6
 * meet at a barrier and then all call CPU_ON on CPU 7 at once. Exactly one
 * call succeeds; every other one gets ALREADY_ON (the target runs already)
 * or ON_PENDING (accepted but not running yet). CPU 7 starts exactly once,
 * with the winner's context_id. CPU 7 stays on until every racer has had
 * its answer, so that a late CPU_ON cannot legitimately start it again.
 * armlet-options: below. */
// armlet-options: -smp 8
// armlet-options: -smp 8 --sched-seed 11
// armlet-options: -smp 8 --sched-seed 12
#include "guest.h"
#include "smp.h"
#include "sysenv.h"

#define TARGET 7
#define NRACERS 6                  /* CPUs 1..6 */
#define TIMEOUT_MS 5000

static volatile int arrived, go, answered, release;
static volatile int64_t ret[SMP_MAX_CPUS];
static volatile int target_runs;
static volatile uint64_t target_ctx[4], target_mpidr;

/* CPU 7: count the starts and keep the context each one got. */
static void target(int idx, uint64_t arg)
{
    int n = __atomic_fetch_add(&target_runs, 1, __ATOMIC_SEQ_CST);

    if (n < 4) {
        target_ctx[n] = smp_ctx[idx];
    }
    target_mpidr = READ_SYSREG(mpidr_el1);
    smp_wait_eq(&release, 1, TIMEOUT_MS);
}

static void racer(int idx, uint64_t arg)
{
    __atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
    /* spin rather than WFE: all leave the barrier as close together as
     * the scheduler allows */
    if (!smp_wait_eq(&go, 1, TIMEOUT_MS)) {
        ret[idx] = 0x7e57;         /* never released: reported by CPU 0 */
    } else {
        /* the context_id names the caller: TARGET | idx << 8 */
        ret[idx] = smp_cpu_on(TARGET, target, 0, (uint64_t)idx);
    }
    __atomic_fetch_add(&answered, 1, __ATOMIC_SEQ_CST);
}

int test_main(void)
{
    int winner = -1, successes = 0;

    for (int i = 1; i <= NRACERS; i++) {
        GUEST_CHECK_EQ(smp_cpu_on(i, racer, 0, 0), PSCI_SUCCESS);
    }
    GUEST_CHECK_EQ(smp_wait_eq(&arrived, NRACERS, TIMEOUT_MS), 1);
    /* CPU 7 is still off: nobody has called CPU_ON on it yet */
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, TARGET, 0, 0), 1);
    __atomic_store_n(&go, 1, __ATOMIC_SEQ_CST);
    GUEST_CHECK_EQ(smp_wait_eq(&answered, NRACERS, TIMEOUT_MS), 1);

    for (int i = 1; i <= NRACERS; i++) {
        if (ret[i] == PSCI_SUCCESS) {
            successes++;
            winner = i;
        } else if (ret[i] != PSCI_ALREADY_ON && ret[i] != PSCI_ON_PENDING) {
            GUEST_CHECK_EQ(ret[i], PSCI_ON_PENDING);   /* reports the bad answer */
        }
    }
    GUEST_CHECK_EQ(successes, 1);
    /* the target starts, once, with the winner's context */
    GUEST_CHECK_EQ(smp_wait_eq(&target_runs, 1, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(target_ctx[0], TARGET | (uint64_t)winner << 8);
    GUEST_CHECK_EQ(target_mpidr & 0xff00ffffffull, TARGET);
    /* while it runs, every further CPU_ON on it is ALREADY_ON */
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON_FN, TARGET, (uint64_t)smp_secondary_entry, TARGET),
                   PSCI_ALREADY_ON);
    release = 1;
    __asm__ volatile("dsb sy; sev" ::: "memory");
    /* everyone powers off (the racers after their call, CPU 7 now); only
     * then is the count of starts final */
    for (int i = 1; i <= TARGET; i++) {
        GUEST_CHECK_EQ(smp_wait_cpu_off(i, TIMEOUT_MS), 1);
    }
    GUEST_CHECK_EQ(target_runs, 1);
    return 0;
}
