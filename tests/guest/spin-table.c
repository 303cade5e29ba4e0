/* The spin-table boot protocol (booting.rst, enable-method "spin-table";
 * docs/psci.md): with -machine smp-boot=spin-table every cpu node names
 * that method and a cpu-release-addr in reserved memory; the secondaries
 * are already running armlet's holding pen, and each one starts at the
 * address written to its release word, with x0..x3 = 0, at EL1, MMU off.
 * Run on both PSCI conduits (PSCI stays available for CPU_OFF and
 * SYSTEM_OFF). */
// armlet-options: -smp 8 -machine smp-boot=spin-table
// armlet-options: -smp 8 -machine smp-boot=spin-table,psci-conduit=smc
#include "guest.h"
#include "smp.h"
#include "sysenv.h"

#define NCPUS 8

static volatile int ran[NCPUS];
static volatile uint64_t seen_mpidr[NCPUS], seen_el[NCPUS];

static void secondary(int idx, uint64_t arg)
{
    seen_mpidr[idx] = READ_SYSREG(mpidr_el1);
    seen_el[idx] = READ_SYSREG(currentel) >> 2;
    ran[idx] = (int)arg;
}

int test_main(void)
{
    const char *method;
    int len;

    for (int i = 0; i < NCPUS; i++) {
        char path[] = "/cpus/cpu@0";
        path[10] = (char)('0' + i);
        method = fdt_prop((const void *)guest_dtb, path, "enable-method", &len);
        GUEST_CHECK_EQ(method && method[0] == 's' && method[1] == 'p', 1);
    }
    /* the secondaries are on (in the pen), so CPU_ON refuses them */
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, smp_mpidr_of(1), 0, 0), 0);
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_ON_FN, smp_mpidr_of(1), (uint64_t)smp_secondary_entry, 1),
                   PSCI_ALREADY_ON);
    /* release them one at a time: the others must stay in the pen */
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_spin_release(i, secondary, 50 + i), 1);
        GUEST_CHECK_EQ(smp_wait_eq(&ran[i], 50 + i, 2000), 1);
        for (int j = i + 1; j < NCPUS; j++) {
            GUEST_CHECK_EQ(ran[j], 0);
        }
        GUEST_CHECK_EQ(smp_ctx[i], (uint64_t)i);   /* index from MPIDR: x0 was 0 */
        GUEST_CHECK_EQ(seen_mpidr[i] & 0xff00ffffffull, smp_mpidr_of(i));
        GUEST_CHECK_EQ(seen_el[i], 1);
    }
    return 0;
}
