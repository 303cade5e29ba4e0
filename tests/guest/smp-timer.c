/* Generic timer PPIs on every CPU (Arm ARM D11.2.4; the virt board wires
 * the virtual timer to INTID 27 and the EL1 physical timer to INTID 30 on
 * each CPU's own bank). On 4 CPUs at once: the virtual timer by TVAL and
 * the physical timer by CVAL, a few ms apart per CPU; each interrupt comes
 * to its own CPU, with ISTATUS set, no earlier than the deadline and
 * within 200 ms of it. TVAL counts down: it reads CVAL - count as a
 * signed 32-bit value, falling between two reads and negative once met.
 * smp-timer-v3.c runs it on a GICv3. */
// armlet-options: -smp 4
#include "sysenv.h"
#include "gicenv.h"

#define NCPUS 4
#define PPI_VIRT 27
#define PPI_PHYS 30
#define CTL_ENABLE 1u
#define CTL_IMASK 2u
#define CTL_ISTATUS 4u

static volatile int fired[NCPUS][2];
static volatile uint64_t at[NCPUS][2], ctl_at[NCPUS][2];
static volatile int done[NCPUS];

static int timer_irq(uint32_t iar)
{
    int me = smp_cpu_index();

    if ((iar & INTID_MASK) == PPI_VIRT) {
        at[me][0] = READ_SYSREG(cntvct_el0);
        ctl_at[me][0] = READ_SYSREG(cntv_ctl_el0);
        WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE | CTL_IMASK);
        fired[me][0]++;
    } else {
        at[me][1] = READ_SYSREG(cntpct_el0);
        ctl_at[me][1] = READ_SYSREG(cntp_ctl_el0);
        WRITE_SYSREG(cntp_ctl_el0, CTL_ENABLE | CTL_IMASK);
        fired[me][1]++;
    }
    ISB();
    return 0;
}

static void tval_counts_down(uint64_t frq)
{
    uint64_t c0, c1, cval;
    int32_t t0, t1;

    WRITE_SYSREG(cntv_ctl_el0, 0);
    WRITE_SYSREG(cntv_tval_el0, frq);              /* a second ahead */
    cval = READ_SYSREG(cntv_cval_el0);
    c0 = READ_SYSREG(cntvct_el0);
    t0 = (int32_t)READ_SYSREG(cntv_tval_el0);
    c1 = READ_SYSREG(cntvct_el0);
    GUEST_CHECK_EQ((int64_t)t0 <= (int64_t)(cval - c0) && (int64_t)t0 >= (int64_t)(cval - c1), 1);
    for (volatile int i = 0; i < 10000; i++) {
    }
    t1 = (int32_t)READ_SYSREG(cntv_tval_el0);
    GUEST_CHECK_EQ(t1 < t0, 1);
    WRITE_SYSREG(cntv_tval_el0, 1);
    for (volatile int i = 0; i < 1000; i++) {
    }
    GUEST_CHECK_EQ((int32_t)READ_SYSREG(cntv_tval_el0) < 0, 1);
    GUEST_CHECK_EQ(READ_SYSREG(cntv_tval_el0) >> 32, 0);
}

static void body(int me, uint64_t arg)
{
    uint64_t frq = READ_SYSREG(cntfrq_el0), ms = frq / 1000, end;
    uint64_t vdl, pdl;

    gic_cpu_setup();
    tval_counts_down(frq);
    gic_enable(PPI_VIRT);
    gic_enable(PPI_PHYS);
    /* virtual by TVAL, physical by CVAL, staggered per CPU */
    WRITE_SYSREG(cntv_tval_el0, (2 + (uint64_t)me) * ms);
    WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE);
    vdl = READ_SYSREG(cntv_cval_el0);
    pdl = READ_SYSREG(cntpct_el0) + (3 + 2 * (uint64_t)me) * ms;
    WRITE_SYSREG(cntp_cval_el0, pdl);
    WRITE_SYSREG(cntp_ctl_el0, CTL_ENABLE);
    ISB();
    end = guest_time_us() + 2000000;
    irq_disable();
    while ((!fired[me][0] || !fired[me][1]) && guest_time_us() < end) {
        wfi();
        irq_enable();
        irq_disable();
    }
    GUEST_CHECK_EQ(fired[me][0], 1);
    GUEST_CHECK_EQ(fired[me][1], 1);
    GUEST_CHECK_EQ(ctl_at[me][0] & CTL_ISTATUS, CTL_ISTATUS);
    GUEST_CHECK_EQ(ctl_at[me][1] & CTL_ISTATUS, CTL_ISTATUS);
    GUEST_CHECK_EQ(at[me][0] >= vdl, 1);
    GUEST_CHECK_EQ(at[me][1] >= pdl, 1);
    GUEST_CHECK_EQ(at[me][0] - vdl < 200 * ms, 1);
    GUEST_CHECK_EQ(at[me][1] - pdl < 200 * ms, 1);
    WRITE_SYSREG(cntv_ctl_el0, 0);
    WRITE_SYSREG(cntp_ctl_el0, 0);
    done[me] = 1;
}

int test_main(void)
{
    gic_handlers[PPI_VIRT] = timer_irq;
    gic_handlers[PPI_PHYS] = timer_irq;
    gic_init_dist();
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_cpu_on(i, body, 0, 0), PSCI_SUCCESS);
    }
    body(0, 0);
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_eq(&done[i], 1, 3000), 1);
    }
    return guest_failures;
}
