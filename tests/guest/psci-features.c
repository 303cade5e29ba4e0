/* PSCI_FEATURES (DEN0022 5.1.14) on every PSCI function ID of both
 * conventions, the SMCCC 1.1 architecture calls (DEN0028 7.2-7.7), unknown
 * function IDs (DEN0028 2.6.1: -1 in x0, x1..x3 unchanged), x4..x17 kept
 * by every call (SMCCC 1.1), and the
 * conduit: calls work on the instruction the device tree's /psci names and
 * the other one is UNDEFINED (no EL2/EL3). Runs once per conduit; the run
 * says which conduit it asked for in the kernel command line, so that a run
 * on the wrong one fails. armlet-options: below (one run per line). */
// armlet-options: -smp 2
// armlet-options: -smp 2 -machine psci-conduit=smc -append conduit=smc
#include "guest.h"
#include "smp.h"
#include "sysenv.h"
#include "gicenv.h"

#define PSCI32 0x84000000u
#define PSCI64 0xc4000000u
/* DEN0022 5.1 function table: the IDs this PSCI 1.1 implements.
 *   SMC32: 0 PSCI_VERSION, 1 CPU_SUSPEND, 2 CPU_OFF, 3 CPU_ON,
 *          4 AFFINITY_INFO, 6 MIGRATE_INFO_TYPE, 8 SYSTEM_OFF,
 *          9 SYSTEM_RESET, 0xa PSCI_FEATURES, 0xe SYSTEM_SUSPEND,
 *          0x12 SYSTEM_RESET2
 *   SMC64: the calls with an address or MPIDR argument that exist in both
 *          conventions: 1, 3, 4, 0xe, 0x12.
 * Not implemented (optional in 1.1): 5 MIGRATE and 7 MIGRATE_INFO_UP_CPU
 * (no Trusted OS), 0xb CPU_FREEZE, 0xc CPU_DEFAULT_SUSPEND, 0xd
 * NODE_HW_STATE, 0xf PSCI_SET_SUSPEND_MODE, 0x10/0x11 PSCI_STAT_*,
 * 0x13-0x15 MEM_PROTECT*, the rest reserved. */
#define IMPL32 (1u << 0 | 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 6 | 1u << 8 | \
                1u << 9 | 1u << 0xa | 1u << 0xe | 1u << 0x12)
#define IMPL64 (1u << 1 | 1u << 3 | 1u << 4 | 1u << 0xe | 1u << 0x12)

#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_ARCH_WORKAROUND_1 0x80008000u
#define SMCCC_ARCH_WORKAROUND_2 0x80007fffu
#define SMCCC_ARCH_WORKAROUND_3 0x80003fffu
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_SUSPEND32 0x8400000eu
#define PSCI_SYSTEM_RESET2_32 0x84000012u
#define PSCI_SYSTEM_RESET2_64 0xc4000012u

static bool on_smc;                  /* the conduit this run uses */
static volatile int hold;

/* x1..x3 values no call would write */
#define A1 0x1111aaaa5555eeeeull
#define A2 0x2222bbbb6666ffffull
#define A3 0x3333cccc77770000ull

/* fid on the conduit: x0 returned; x1..x3 must be unchanged (the SMCCC 1.1
 * calls and PSCI return one value). */
static int64_t call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint64_t in[4] = { fid, a1, a2, a3 }, out[4];

    smccc_call(on_smc, in, out);
    GUEST_CHECK_EQ(out[1], a1);
    GUEST_CHECK_EQ(out[2], a2);
    GUEST_CHECK_EQ(out[3], a3);
    return (int64_t)out[0];
}

/* An unknown function ID: NOT_SUPPORTED, sign-extended (2.6.1), nothing
 * else changes. Reported with the ID on failure. */
static void unknown(uint32_t fid)
{
    int64_t r = call(fid, A1, A2, A3);

    if (r != -1) {
        guest_check_failed(__FILE__, __LINE__, "unknown fid", fid, (uint64_t)r);
    }
}

static bool str_contains(const char *s, int len, const char *want)
{
    for (int i = 0; i < len && s[i]; i++) {
        int j = 0;
        while (want[j] && i + j < len && s[i + j] == want[j]) {
            j++;
        }
        if (!want[j]) {
            return true;
        }
    }
    return false;
}

static void pick_conduit(void)
{
    int len = 0;
    const char *method = fdt_prop((const void *)guest_dtb, "/psci", "method", &len);
    const char *args = fdt_prop((const void *)guest_dtb, "/chosen", "bootargs", &len);
    bool want_smc = args && str_contains(args, len, "conduit=smc");

    GUEST_CHECK_EQ(method != 0, 1);
    on_smc = method && method[0] == 's' && method[1] == 'm' && method[2] == 'c';
    GUEST_CHECK_EQ(on_smc, want_smc);
}

static void features_of_every_psci_id(void)
{
    for (uint32_t fn = 0; fn < 0x20; fn++) {
        int64_t r32 = call(PSCI_FEATURES_FN, PSCI32 + fn, 0, 0);
        int64_t r64 = call(PSCI_FEATURES_FN, PSCI64 + fn, 0, 0);
        int64_t want32 = IMPL32 >> fn & 1 ? 0 : -1;
        int64_t want64 = IMPL64 >> fn & 1 ? 0 : -1;

        if (r32 != want32) {
            guest_check_failed(__FILE__, __LINE__, "PSCI_FEATURES", PSCI32 + fn, (uint64_t)r32);
        }
        if (r64 != want64) {
            guest_check_failed(__FILE__, __LINE__, "PSCI_FEATURES", PSCI64 + fn, (uint64_t)r64);
        }
        /* calling an unimplemented one directly: unknown function */
        if (!(IMPL32 >> fn & 1)) {
            unknown(PSCI32 + fn);
        }
        if (!(IMPL64 >> fn & 1)) {
            unknown(PSCI64 + fn);
        }
    }
}

static void smccc_arch(void)
{
    GUEST_CHECK_EQ(call(SMCCC_VERSION, A1, A2, A3), 0x10001);      /* SMCCC 1.1 */
    /* SMCCC_VERSION is discovered through PSCI_FEATURES (DEN0028 7.2) */
    GUEST_CHECK_EQ(call(PSCI_FEATURES_FN, SMCCC_VERSION, 0, 0), 0);
    GUEST_CHECK_EQ(call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES, 0, 0), 0);
    GUEST_CHECK_EQ(call(SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0, 0), 0);
    /* a PE without the errata: WORKAROUND_1 and _3 "not required on this
     * PE" (1), WORKAROUND_2 NOT_REQUIRED (-2) (DEN0028 7.5-7.7) */
    GUEST_CHECK_EQ(call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1, 0, 0), 1);
    GUEST_CHECK_EQ(call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_2, 0, 0), -2);
    GUEST_CHECK_EQ(call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_3, 0, 0), 1);
    GUEST_CHECK_EQ(call(SMCCC_ARCH_FEATURES, 0x8000ff00u, 0, 0), -1);
    /* the arch calls are SMC32 only */
    unknown(SMCCC_VERSION | 0x40000000u);
    unknown(SMCCC_ARCH_FEATURES | 0x40000000u);
}

static void unknown_ids(void)
{
    unknown(0xc2000000u);            /* SiP, SMC64 */
    unknown(0x82000001u);            /* SiP, SMC32 */
    unknown(0x8600ff00u);            /* standard hypervisor service */
    unknown(0x83000000u);            /* OEM */
    unknown(0x84000020u);            /* standard service, past PSCI's range */
    unknown(0xb0000000u);            /* trusted application */
    unknown(0xbf00ffffu);            /* trusted OS */
    unknown(0x04000000u);            /* a yielding call */
    unknown(0x44000003u);            /* CPU_ON's number as a yielding call */
}

static void secondary(int idx, uint64_t arg)
{
    while (!hold) {
        __asm__ volatile("wfe");
    }
}

/* A SYSTEM_SUSPEND that should have been refused would sleep for good: a
 * virtual timer interrupt (PPI 27) ~200 ms later wakes such a suspend,
 * which then resumes at suspended_by_mistake and fails the test at once
 * instead of hanging it. */
#define PPI_VIRT 27
void suspended_by_mistake(void);
void suspended_report(void);
void guest_report(int failures);
void guest_poweroff(void);
extern uint8_t suspend_stack[1024];
uint8_t suspend_stack[1024] __attribute__((aligned(16)));
__asm__(".pushsection .text\n"
        ".global suspended_by_mistake\n"
        ".balign 4\n"
        "suspended_by_mistake:\n"
        "ldr x1, =suspend_stack + 1024\n"
        "mov sp, x1\n"
        "bl suspended_report\n"
        "1: wfi\n"
        "b 1b\n"
        ".ltorg\n"
        ".popsection\n");

void suspended_report(void)
{
    guest_check_failed(__FILE__, __LINE__, "SYSTEM_SUSPEND suspended", 1, 0);
    guest_report(1);
    guest_poweroff();
}

static void watchdog(bool on)
{
    if (on) {
        gic_init();
        gic_enable_private(PPI_VIRT);
        WRITE_SYSREG(cntv_tval_el0, READ_SYSREG(cntfrq_el0) / 5);
        WRITE_SYSREG(cntv_ctl_el0, 1);            /* ENABLE, not IMASK */
    } else {
        WRITE_SYSREG(cntv_ctl_el0, 0);
        gic_disable_private(PPI_VIRT);
    }
    ISB();
}

static void psci_misc(void)
{
    GUEST_CHECK_EQ(call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), 2);     /* no migration */
    GUEST_CHECK_EQ(call(PSCI_VERSION_FN, 0, 0, 0), 0x10001);
    /* SYSTEM_RESET2 (5.1.11): vendor types (bit 31) and reserved
     * architectural ones are not known here: INVALID_PARAMETERS */
    GUEST_CHECK_EQ(call(PSCI_SYSTEM_RESET2_32, 0x80000000u, 0, 0), PSCI_INVALID_PARAMS);
    GUEST_CHECK_EQ(call(PSCI_SYSTEM_RESET2_64, 0x80000001u, 0, 0), PSCI_INVALID_PARAMS);
    GUEST_CHECK_EQ(call(PSCI_SYSTEM_RESET2_32, 1, 0, 0), PSCI_INVALID_PARAMS);
    /* SYSTEM_SUSPEND (5.1.19) while another CPU is on: DENIED */
    GUEST_CHECK_EQ(smp_cpu_on(1, secondary, 0, 0), PSCI_SUCCESS);
    watchdog(true);
    GUEST_CHECK_EQ(call(PSCI_SYSTEM_SUSPEND32, (uint64_t)suspended_by_mistake, 0, 0),
                   PSCI_DENIED);
    watchdog(false);
    hold = 1;
    __asm__ volatile("dsb sy; sev" ::: "memory");
    GUEST_CHECK_EQ(smp_wait_cpu_off(1, 5000), 1);
    /* alone now: it is accepted as far as the entry point check */
    GUEST_CHECK_EQ(call(PSCI_SYSTEM_SUSPEND32, 0x30000000, 0, 0), PSCI_INVALID_ADDRESS);
}

/* SMCCC 1.1 calls clobber x0..x3 only: from version 1.1 the callee must
 * preserve x4..x17 (1.0 left them unpredictable; DEN0028's AArch64 register
 * use), which is what lets Linux inline its SMCCC 1.1 calls.
 * keep_regs_call(fid, regs, smc): x4..x17 from regs[4..17], the call,
 * then x0 and x4..x17 back into regs[0] and regs[4..17]. */
void keep_regs_call(uint64_t fid, uint64_t *regs, uint64_t smc);
__asm__(".pushsection .text\n"
        ".global keep_regs_call\n"
        ".balign 4\n"
        "keep_regs_call:\n"
        "str x19, [sp, #-16]!\n"
        "mov x19, x1\n"
        "ldp x4, x5, [x19, #32]\n"
        "ldp x6, x7, [x19, #48]\n"
        "ldp x8, x9, [x19, #64]\n"
        "ldp x10, x11, [x19, #80]\n"
        "ldp x12, x13, [x19, #96]\n"
        "ldp x14, x15, [x19, #112]\n"
        "ldp x16, x17, [x19, #128]\n"
        "cbnz x2, 1f\n"
        "hvc #0\n"
        "b 2f\n"
        "1: smc #0\n"
        "2: str x0, [x19]\n"
        "stp x4, x5, [x19, #32]\n"
        "stp x6, x7, [x19, #48]\n"
        "stp x8, x9, [x19, #64]\n"
        "stp x10, x11, [x19, #80]\n"
        "stp x12, x13, [x19, #96]\n"
        "stp x14, x15, [x19, #112]\n"
        "stp x16, x17, [x19, #128]\n"
        "ldr x19, [sp], #16\n"
        "ret\n"
        ".popsection\n");

static void x4_to_x17_preserved(void)
{
    static const uint32_t fids[] = { PSCI_VERSION_FN, SMCCC_VERSION, PSCI_MIGRATE_INFO_TYPE,
                                     0xc2000000u };
    static const int64_t want[] = { 0x10001, 0x10001, 2, -1 };

    for (unsigned i = 0; i < sizeof fids / sizeof fids[0]; i++) {
        uint64_t regs[18];

        for (int r = 4; r < 18; r++) {
            regs[r] = 0x5a5a000000000000ull | (uint64_t)r << 32 | fids[i];
        }
        keep_regs_call(fids[i], regs, on_smc);
        GUEST_CHECK_EQ(regs[0], want[i]);
        for (int r = 4; r < 18; r++) {
            if (regs[r] != (0x5a5a000000000000ull | (uint64_t)r << 32 | fids[i])) {
                guest_check_failed(__FILE__, __LINE__, "x4..x17 changed by fid", fids[i],
                                   (uint64_t)r);
            }
        }
    }
}

/* The instruction that is not the conduit is UNDEFINED (EC 0) and answers
 * nothing: x0 keeps the function ID. */
static void other_conduit_undefined(void)
{
    uint64_t in[4] = { PSCI_VERSION_FN, A1, A2, A3 }, out[4];
    unsigned before = exc.count;

    smccc_call(!on_smc, in, out);
    GUEST_CHECK_EQ(exc.count, before + 1);
    GUEST_CHECK_EQ(EC(exc.esr), 0);
    GUEST_CHECK_EQ(ISS(exc.esr), 0);
    GUEST_CHECK_EQ(out[0], PSCI_VERSION_FN);
    GUEST_CHECK_EQ(out[1], A1);
    /* and the conduit itself takes no exception */
    smccc_call(on_smc, in, out);
    GUEST_CHECK_EQ(exc.count, before + 1);
    GUEST_CHECK_EQ(out[0], 0x10001);
}

int test_main(void)
{
    install_vectors();
    exc_clear();
    pick_conduit();
    features_of_every_psci_id();
    smccc_arch();
    unknown_ids();
    x4_to_x17_preserved();
    psci_misc();
    other_conduit_undefined();
    return guest_failures;
}
