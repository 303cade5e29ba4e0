/* SYSTEM_RESET (DEN0022 5.1.10) restarts the machine: a cold reset of the
 * whole system. The first boot leaves a magic and a boot count at a fixed
 * RAM address outside the loaded image (RAM keeps its contents across the
 * reset, as on QEMU), changes what a reset must undo (a .data variable,
 * the MMU on, DAIF unmasked, the GIC distributor enabled, CPU 1 on) and
 * calls SYSTEM_RESET, which must not return. The boot after it starts
 * again at the image's entry (crt0, x0 = the DTB), sees the count, and
 * checks the reset state: EL1 with SP_EL1, MMU off, DAIF masked, the
 * image's .data loaded again, the GIC back to its reset state, CPU 1 off.
 * That boot then resets again, from CPU 1 through SYSTEM_RESET2 while CPU
 * 0 is in a power-down suspend, and the third boot checks the same.
 * armlet-options: below (-m 128M is run.sh's: 0x44000000 is RAM). */
// armlet-options: -smp 2
#include "guest.h"
#include "smp.h"
#include "sysenv.h"
#include "gicenv.h"

#define MARK ((volatile uint64_t *)0x44000000ul)   /* magic, boots, first DTB */
#define MAGIC 0x5245534554ab0001ull
#define DATA_INIT 0x1234abcd5678ef00ull
#define PSCI_SYSTEM_RESET2_FN 0x84000012u

void _start(void);
void guest_report(int failures);
void guest_poweroff(void);

static volatile uint64_t data_var = DATA_INIT;    /* in .data */
static uint64_t l1_table[512] __attribute__((aligned(4096)));

/* Identity map with the 4 KiB granule, T0SZ = 25 (a level 1 start, 1 GiB
 * blocks): device memory below RAM, normal memory for the first GiB of RAM
 * (VMSAv8-64 block descriptors, Arm ARM D8.3). */
static void mmu_on(void)
{
    l1_table[0] = 0x00000000ull | 1 | (0ull << 2) | 1ull << 10 | 3ull << 53;
    l1_table[1] = 0x40000000ull | 1 | (1ull << 2) | 3ull << 8 | 1ull << 10;
    WRITE_SYSREG(mair_el1, 0x00ull | 0xffull << 8);   /* attr0 Device, attr1 WB */
    /* T0SZ 25, IRGN0/ORGN0 WB, SH0 inner, TG0 4K, EPD1: no TTBR1 walks */
    WRITE_SYSREG(tcr_el1, 25ull | 1ull << 8 | 1ull << 10 | 3ull << 12 | 1ull << 23);
    WRITE_SYSREG(ttbr0_el1, (uint64_t)l1_table);
    __asm__ volatile("dsb sy; tlbi vmalle1; dsb sy; isb" ::: "memory");
    WRITE_SYSREG(sctlr_el1, READ_SYSREG(sctlr_el1) | 1 | 1 << 2 | 1 << 12);   /* M C I */
    ISB();
}

static void spin(int idx, uint64_t arg)
{
    for (;;) {
        __asm__ volatile("wfe");
    }
}

static void first_boot(void)
{
    GUEST_CHECK_EQ(data_var, DATA_INIT);
    MARK[0] = MAGIC;
    MARK[1] = 1;
    MARK[2] = guest_dtb;
    data_var = ~DATA_INIT;
    GUEST_CHECK_EQ(smp_cpu_on(1, spin, 0, 0), PSCI_SUCCESS);
    REG32(GICD + GICD_CTLR) = 1;
    mmu_on();
    GUEST_CHECK_EQ(READ_SYSREG(sctlr_el1) & 1, 1);
    __asm__ volatile("msr daifclr, #0xf; dsb sy" ::: "memory");
    if (guest_failures) {
        return;              /* report now rather than after a reset */
    }
    psci_call(PSCI_SYSTEM_RESET_FN, 0, 0, 0);
    guest_check_failed(__FILE__, __LINE__, "SYSTEM_RESET returned", 1, 0);
}

/* What every boot after a reset sees. */
static void check_reset_state(void)
{
    GUEST_CHECK_EQ(guest_dtb, MARK[2]);           /* x0 = the DTB again */
    GUEST_CHECK_EQ(fdt_be32((const void *)guest_dtb), 0xd00dfeedu);
    GUEST_CHECK_EQ(READ_SYSREG(currentel) >> 2, 1);
    GUEST_CHECK_EQ(READ_SYSREG(spsel), 1);
    GUEST_CHECK_EQ(READ_SYSREG(sctlr_el1) & 1, 0);         /* MMU off */
    GUEST_CHECK_EQ(READ_SYSREG(daif), 0x3c0);
    GUEST_CHECK_EQ(data_var, DATA_INIT);          /* the image loaded again */
    GUEST_CHECK_EQ(REG32(GICD + GICD_CTLR), 0);   /* GIC reset */
    GUEST_CHECK_EQ(psci_call(PSCI_AFFINITY_INFO_FN, 1, 0, 0), 1);   /* CPU 1 off */
}

static volatile int cpu0_suspending;

/* CPU 1 resets the system while CPU 0 sits in a power-down suspend. */
static void reset_from_cpu1(int idx, uint64_t arg)
{
    smp_wait_eq(&cpu0_suspending, 1, 5000);
    guest_delay_us(20000);
    psci_call(PSCI_SYSTEM_RESET2_FN, 0, 0, 0);      /* SYSTEM_WARM_RESET */
    guest_check_failed(__FILE__, __LINE__, "SYSTEM_RESET2 returned", 1, 0);
    guest_report(1);
    guest_poweroff();
}

/* Boot 2: the machine works after a reset (CPU 1 starts again); then a
 * second reset, from CPU 1 through SYSTEM_RESET2 (5.1.11), while CPU 0 is
 * in a power-down CPU_SUSPEND whose entry is _start with a context_id
 * that is no DTB: the reset must start CPU 0 afresh (x0 = DTB, .data
 * reloaded), not resume it. */
static void second_boot(void)
{
    GUEST_CHECK_EQ(smp_cpu_on(1, 0, 0, 0x77), PSCI_SUCCESS);
    GUEST_CHECK_EQ(smp_wait_cpu_off(1, 5000), 1);
    GUEST_CHECK_EQ(smp_ctx[1], 1 | 0x77ull << 8);
    if (guest_failures) {
        return;
    }
    data_var = ~DATA_INIT;
    GUEST_CHECK_EQ(smp_cpu_on(1, reset_from_cpu1, 0, 0), PSCI_SUCCESS);
    cpu0_suspending = 1;
    psci_call(PSCI_CPU_SUSPEND_FN, 1u << 16, (uint64_t)_start, 0xbad0);
    guest_check_failed(__FILE__, __LINE__, "CPU_SUSPEND returned", 1, 0);
}

int test_main(void)
{
    uint64_t boots;

    if (MARK[0] != MAGIC) {
        first_boot();
        return guest_failures;
    }
    boots = ++MARK[1];
    check_reset_state();
    if (boots == 2) {
        second_boot();
    } else {
        MARK[0] = 0;
        GUEST_CHECK_EQ(boots, 3);
    }
    return guest_failures;
}
