/* CPU_SUSPEND (DEN0022 5.1.2) woken by an IPI, on a GICv2:
 * - standby (power_state 0, StateType bit 16 clear): CPU 1, with IRQs
 *   masked by PSTATE.I, suspends; it stays suspended until CPU 0 sends it
 *   an SGI (GICD_SGIR with a CPU target list, IHI 0048B 4.3.15); the call
 *   then returns SUCCESS, like WFI, and the SGI is pending, not taken;
 * - power down (StateType 1): CPU 1 suspends with an entry point and a
 *   context_id; after the SGI it restarts at the entry with x0 =
 *   context_id, at EL1, MMU off and DAIF masked (the CPU_ON entry state,
 *   6.4.3); the call does not return;
 * - power down with an entry point outside memory: INVALID_ADDRESS;
 *   reserved power_state bits: INVALID_PARAMETERS.
 * The GICv2 CPU interface and the SGI/PPI enables are banked per CPU, so
 * gicenv.h's helpers work on CPU 1 too. armlet-options: below. */
// armlet-options: -smp 2
#include "guest.h"
#include "smp.h"
#include "sysenv.h"
#include "gicenv.h"

#define TIMEOUT_MS 5000
#define SGI_WAKE 3
#define PS_POWERDOWN (1u << 16)      /* power_state.StateType */
#define RESUME_CTX 0x5e5e0000c0de0001ull
/* long enough that CPU 1, once ready, has certainly entered the suspend */
#define SETTLE_US 20000

static volatile int phase;           /* CPU 1's progress, see secondary() */
static volatile int standby_done, resumed, powerdown_returned;
static volatile int64_t standby_ret, bad_entry_ret, misaligned_ret;
static volatile uint64_t sent_at, woke_at, standby_daif;
static volatile uint32_t standby_iar, resume_iar;
static volatile uint64_t resume_x0, resume_el, resume_sctlr, resume_daif;

uint8_t resume_stack[4096] __attribute__((aligned(16)));

/* Where the power-down suspend resumes: a stack, then resume_main(x0). */
extern uint8_t resume_stack[4096];
void resume_entry(void);
void resume_main(uint64_t ctx);
__asm__(".pushsection .text\n"
        ".global resume_entry\n"
        ".balign 4\n"
        "resume_entry:\n"
        "ldr x1, =resume_stack + 4096\n"
        "mov sp, x1\n"
        "bl resume_main\n"
        "1: wfi\n"
        "b 1b\n"
        ".ltorg\n"
        ".popsection\n");

void resume_main(uint64_t ctx)
{
    resume_x0 = ctx;
    resume_el = READ_SYSREG(currentel) >> 2;
    resume_sctlr = READ_SYSREG(sctlr_el1);
    resume_daif = READ_SYSREG(daif);
    woke_at = guest_time_us();
    /* the waking SGI is still pending (it was never taken) */
    resume_iar = gic_ack();
    gic_eoi(resume_iar);
    resumed = 1;
    psci_call(PSCI_CPU_OFF_FN, 0, 0, 0);
}

static void secondary(int idx, uint64_t arg)
{
    gic_init();                      /* this CPU's banked interface */
    gic_enable_private(SGI_WAKE);
    standby_daif = READ_SYSREG(daif);

    /* standby: returns once the SGI is pending */
    phase = 1;
    standby_ret = psci_call(PSCI_CPU_SUSPEND_FN, 0, 0, 0);
    woke_at = guest_time_us();
    standby_iar = gic_ack();
    gic_eoi(standby_iar);
    standby_done = 1;

    /* power down with a bad entry point: refused, nothing suspends */
    bad_entry_ret = psci_call(PSCI_CPU_SUSPEND_FN, PS_POWERDOWN, 0x30000000, RESUME_CTX);
    misaligned_ret = psci_call(PSCI_CPU_SUSPEND_FN, PS_POWERDOWN, (uint64_t)resume_entry + 2,
                               RESUME_CTX);

    /* power down: resumes at resume_entry, never here */
    phase = 2;
    psci_call(PSCI_CPU_SUSPEND_FN, PS_POWERDOWN, (uint64_t)resume_entry, RESUME_CTX);
    powerdown_returned = 1;
}

static void send_sgi_to_cpu1(void)
{
    sent_at = guest_time_us();
    DSB();
    /* TargetListFilter 0b00: the CPUs in CPUTargetList [23:16] */
    REG32(GICD + GICD_SGIR) = (1u << (16 + 1)) | SGI_WAKE;
}

int test_main(void)
{
    uint32_t iar;

    gic_init();
    /* reserved power_state bits (outside StateID, StateType, PowerLevel):
     * INVALID_PARAMETERS. A pending SGI to self makes a wrongly accepted
     * standby return at once instead of sleeping for good. */
    gic_enable_private(SGI_WAKE);
    gic_sgi_self(SGI_WAKE);
    GUEST_CHECK_EQ(psci_call(PSCI_CPU_SUSPEND_FN, 1u << 20, 0, 0), PSCI_INVALID_PARAMS);
    iar = gic_ack();
    gic_eoi(iar);
    GUEST_CHECK_EQ(iar & INTID_MASK, SGI_WAKE);

    GUEST_CHECK_EQ(smp_cpu_on(1, secondary, 0, 0), PSCI_SUCCESS);

    /* standby */
    GUEST_CHECK_EQ(smp_wait_eq(&phase, 1, TIMEOUT_MS), 1);
    guest_delay_us(SETTLE_US);
    GUEST_CHECK_EQ(standby_done, 0);             /* still suspended */
    send_sgi_to_cpu1();
    GUEST_CHECK_EQ(smp_wait_eq(&standby_done, 1, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(standby_ret, PSCI_SUCCESS);
    GUEST_CHECK_EQ(standby_daif & 0x80, 0x80);   /* PSTATE.I was set */
    GUEST_CHECK_EQ(woke_at >= sent_at, 1);        /* woken by the SGI, not before */
    GUEST_CHECK_EQ(standby_iar & INTID_MASK, SGI_WAKE);
    GUEST_CHECK_EQ((standby_iar >> 10) & 7, 0);   /* sent by CPU 0 */

    /* power down */
    GUEST_CHECK_EQ(smp_wait_eq(&phase, 2, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(bad_entry_ret, PSCI_INVALID_ADDRESS);
    GUEST_CHECK_EQ(misaligned_ret, PSCI_INVALID_ADDRESS);
    guest_delay_us(SETTLE_US);
    /* an event is no wake-up for a powered-down core */
    __asm__ volatile("dsb sy; sev" ::: "memory");
    guest_delay_us(SETTLE_US);
    GUEST_CHECK_EQ(resumed, 0);
    GUEST_CHECK_EQ(powerdown_returned, 0);
    /* a suspended CPU is still ON as far as AFFINITY_INFO goes (5.1.5) */
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, 1, 0, 0), 0);
    send_sgi_to_cpu1();
    GUEST_CHECK_EQ(smp_wait_eq(&resumed, 1, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(resume_x0, RESUME_CTX);
    GUEST_CHECK_EQ(resume_el, 1);
    GUEST_CHECK_EQ(resume_sctlr & 1, 0);         /* MMU off */
    GUEST_CHECK_EQ(resume_daif, 0x3c0);
    GUEST_CHECK_EQ(woke_at >= sent_at, 1);
    GUEST_CHECK_EQ(resume_iar & INTID_MASK, SGI_WAKE);
    GUEST_CHECK_EQ(smp_wait_cpu_off(1, TIMEOUT_MS), 1);
    GUEST_CHECK_EQ(powerdown_returned, 0);
    return 0;
}
