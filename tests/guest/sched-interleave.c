/* Deterministic scheduling (docs/determinism.md): four CPUs append their
 * index to a shared log in a race; the guest checks the log is complete
 * (every CPU wrote exactly its share, atomically) and prints the order,
 * which depends only on how the scheduler interleaves the CPUs.
 * tests/scripts/determinism.sh runs it with seeds: the same seed must
 * print the same order (and execute the same instruction counts), and
 * different seeds different orders. */
// armlet-options: -smp 4 --sched-seed 1
// armlet-options: -smp 4 -icount shift=2
#include "guest.h"
#include "smp.h"

#define NCPUS 4
#define PER_CPU 48

static volatile unsigned next_slot;
static volatile uint8_t order_log[NCPUS * PER_CPU];
static volatile int done[NCPUS];
static volatile int go;

static void worker(int idx, uint64_t arg)
{
    while (!go) {
    }
    for (int i = 0; i < PER_CPU; i++) {
        unsigned slot = __atomic_fetch_add(&next_slot, 1, __ATOMIC_RELAXED);
        order_log[slot] = (uint8_t)idx;
        /* a little work whose length varies by CPU, so that turns end at
         * different points in the loop */
        for (volatile int k = 0; k < 3 + idx * 5; k++) {
        }
    }
    done[idx] = 1;
}

int test_main(void)
{
    char line[NCPUS * PER_CPU + 3];
    unsigned count[NCPUS] = { 0 };

    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_cpu_on(i, worker, 0, 0), PSCI_SUCCESS);
    }
    go = 1;
    worker(0, 0);
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_eq(&done[i], 1, 5000), 1);
    }
    GUEST_CHECK_EQ(next_slot, NCPUS * PER_CPU);
    for (unsigned i = 0; i < NCPUS * PER_CPU; i++) {
        count[order_log[i] % NCPUS]++;
        line[i] = (char)('0' + order_log[i]);
    }
    for (int i = 0; i < NCPUS; i++) {
        GUEST_CHECK_EQ(count[i], PER_CPU);
    }
    line[NCPUS * PER_CPU] = '\r';
    line[NCPUS * PER_CPU + 1] = '\n';
    line[NCPUS * PER_CPU + 2] = 0;
    guest_puts("order: ");
    guest_puts(line);
    return 0;
}
