/* 20 CPUs on a GICv3: the virt board puts them in clusters of 16 (MPIDR
 * Aff1 = index / 16, Aff0 = index % 16, as the device tree's cpu nodes
 * say). CPU 17 (Aff1 1, Aff0 1) is started with CPU_ON, finds its own
 * redistributor by walking GICR_TYPER.Affinity_Value, and sleeps in WFI;
 * CPU 0 wakes it with an SGI addressed by Aff1 and target list
 * (ICC_SGI1R_EL1, IHI 0069 12.2.21), and CPU 17 answers with an SGI back
 * to cluster 0. */
// armlet-options: -smp 20 -M virt,gic-version=3
#define GIC_VERSION 3
#include "sysenv.h"
#include "gicenv.h"

#define FAR_CPU 17

static volatile int got[2], ready, done;
static volatile uint64_t far_mpidr;
static volatile uintptr_t far_rd;

static int sgi_handler(uint32_t iar)
{
    got[smp_cpu_index() == FAR_CPU]++;
    return 0;
}

static void far(int me, uint64_t arg)
{
    uint64_t end = guest_time_us() + 2000000;

    far_mpidr = READ_SYSREG(mpidr_el1);
    gic_cpu_setup();
    far_rd = GICR_RD;
    gic_enable(5);
    ready = 1;
    irq_disable();
    while (!got[1] && guest_time_us() < end) {
        wfi();
        irq_enable();
        irq_disable();
    }
    gic_sgi_to(6, 0);
    done = 1;
}

int test_main(void)
{
    uint64_t end;

    GUEST_CHECK_EQ(smp_mpidr_of(FAR_CPU), 0x101);
    GUEST_CHECK_EQ(smp_mpidr_of(15), 0x0f);
    gic_handlers[5] = sgi_handler;
    gic_handlers[6] = sgi_handler;
    gic_init_dist();
    gic_cpu_setup();
    gic_enable(6);
    GUEST_CHECK_EQ(smp_cpu_on(FAR_CPU, far, 0, 0), PSCI_SUCCESS);
    GUEST_CHECK_EQ(smp_wait_eq(&ready, 1, 2000), 1);
    GUEST_CHECK_EQ(far_mpidr & 0xff00ffffffull, 0x101);
    /* its frame: the 18th of the first region */
    GUEST_CHECK_EQ(far_rd, GICR_REGION0 + FAR_CPU * GICR_STRIDE);
    GUEST_CHECK_EQ(REG32(far_rd + GICR_TYPER + 4), 0x101);
    GUEST_CHECK_EQ((REG32(far_rd + GICR_TYPER) >> 8) & 0xffff, FAR_CPU);
    gic_sgi_to(5, FAR_CPU);
    end = guest_time_us() + 2000000;
    irq_disable();
    while (!got[0] && guest_time_us() < end) {
        wfi();
        irq_enable();
        irq_disable();
    }
    GUEST_CHECK_EQ(got[1], 1);
    GUEST_CHECK_EQ(got[0], 1);
    GUEST_CHECK_EQ(smp_wait_eq(&done, 1, 2000), 1);
    return guest_failures;
}
