/* PSCI CPU_ON (DEN0022 5.1.4) on 4 CPUs: every secondary starts at the
 * entry with its context_id in x0, its own MPIDR, at EL1 with the MMU off
 * and DAIF masked; CPU_ON's error returns; AFFINITY_INFO on and off.
 * armlet-options: below. */
// armlet-options: -smp 4
#include "guest.h"
#include "smp.h"
#include "sysenv.h"

#define NCPUS 4

static volatile int started[NCPUS];
static volatile uint64_t seen_mpidr[NCPUS], seen_el[NCPUS], seen_daif[NCPUS], seen_sctlr[NCPUS];

static void secondary(int idx, uint64_t arg)
{
    seen_mpidr[idx] = READ_SYSREG(mpidr_el1);
    seen_el[idx] = READ_SYSREG(currentel) >> 2;
    seen_daif[idx] = READ_SYSREG(daif);
    seen_sctlr[idx] = READ_SYSREG(sctlr_el1);
    started[idx] = (int)arg;
    /* stay on until told (so that ALREADY_ON can be seen) */
    while (started[0] == 0) {
        __asm__ volatile("wfe");
    }
}

int test_main(void)
{
    GUEST_CHECK_EQ(psci_call(PSCI_VERSION_FN, 0, 0, 0), 0x10001);
    /* CPU 0 is on; the others are off until CPU_ON */
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, 0, 0, 0), 0);
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, smp_mpidr_of(i), 0, 0), 1);
    }
    /* errors: no such MPIDR, bits outside the affinity fields, an entry
     * outside memory, a misaligned entry */
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON_FN, 7, (uint64_t)smp_secondary_entry, 0),
                   PSCI_INVALID_PARAMS);
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON_FN, 1ull << 31 | 1, (uint64_t)smp_secondary_entry, 1),
                   PSCI_INVALID_PARAMS);
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON_FN, 1, 0x30000000, 1), PSCI_INVALID_ADDRESS);
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON_FN, 1, (uint64_t)smp_secondary_entry + 2, 1),
                   PSCI_INVALID_ADDRESS);
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON_FN, 0, (uint64_t)smp_secondary_entry, 0),
                   PSCI_ALREADY_ON);

    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_cpu_on(i, secondary, 100 + i, 0xc0de00 + i), PSCI_SUCCESS);
    }
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_eq(&started[i], 100 + i, 2000), 1);
        GUEST_CHECK_EQ(smp_ctx[i], (uint64_t)i | (0xc0de00ull + i) << 8);
        GUEST_CHECK_EQ(seen_mpidr[i] & 0xff00ffffffull, smp_mpidr_of(i));
        GUEST_CHECK_EQ(seen_mpidr[i] >> 31 & 1, 1);
        GUEST_CHECK_EQ(seen_el[i], 1);
        GUEST_CHECK_EQ(seen_daif[i], 0x3c0);
        GUEST_CHECK_EQ(seen_sctlr[i] & 1, 0);      /* MMU off */
        GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON_FN, i, (uint64_t)smp_secondary_entry, i),
                       PSCI_ALREADY_ON);
        GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, i, 0, 0), 0);
    }
    /* affinity level 1: the cluster (Aff1 = 0) holding all of them is on */
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, 0, 1, 0), 0);
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, 0, 4, 0), PSCI_INVALID_PARAMS);
    /* let them go: each calls CPU_OFF */
    started[0] = 1;
    __asm__ volatile("dsb sy; sev" ::: "memory");
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_cpu_off(i, 2000), 1);
    }
    return 0;
}
