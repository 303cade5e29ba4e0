/* Exceptions and system registers on the bare machine, MMU off: vector
 * offsets and ESR/ELR/FAR for UNDEF, BRK, SVC, a data abort and a trapped
 * system-register access (Arm ARM D1.10, D13.2.37); SVC round trips
 * between EL0 and EL1 with the SPSR saved and restored; EL0 access to an
 * EL1 register and an unknown register are UNDEFINED (EC 0); the EL0 WFI
 * trap; ID registers; DC ZVA; the generic counter moving. */
#include "sysenv.h"

#define UNMAPPED_PA 0x80000000000ull     /* 8 TiB: no RAM or device there */

static uint64_t el0_svc(uint64_t arg)
{
    register uint64_t x0 __asm__("x0") = arg;
    /* svc #0x42 with x0 = arg; the EL1 handler adds 1 to x0 */
    __asm__ volatile("svc #0x42" : "+r"(x0) :: "memory");
    return x0 * 2;
}

static int svc_hook(struct exc_frame *f, unsigned vec)
{
    if (EC(exc.esr) == 0x15 && ISS(exc.esr) == 0x42) {
        f->x[0] += 1;
    }
    return 0;
}

static uint64_t el0_read_sctlr(uint64_t arg)
{
    return READ_SYSREG(sctlr_el1);
}

static uint64_t el0_wfi(uint64_t arg)
{
    __asm__ volatile("wfi");
    return 7;
}

static uint64_t el0_read_ctr(uint64_t arg)
{
    return READ_SYSREG(ctr_el0);
}

static uint64_t el0_nzcv(uint64_t arg)
{
    uint64_t v;
    /* cmp 1, 2 sets N (and clears Z, C, V) */
    __asm__ volatile("mov x9, #1\n cmp x9, #2\n mrs %0, nzcv" : "=r"(v) :: "x9", "cc");
    return v;
}

static void test_el1_exceptions(void)
{
    uint64_t pc;

    exc_clear();
    /* UNDEF: udf #0 (an unallocated word), ELR = it, current EL SPx vector */
    __asm__ volatile("adr %0, 1f\n 1: .inst 0x00000000" : "=r"(pc));
    GUEST_CHECK_EQ(exc.count, 1);
    GUEST_CHECK_EQ(exc.vec, VEC_CUR_SPX_SYNC);
    GUEST_CHECK_EQ(exc.esr, ESR_IL);
    GUEST_CHECK_EQ(exc.elr, pc);
    GUEST_CHECK_EQ(exc.spsr & 0xf, 5);          /* from EL1h */

    /* BRK #0x77: EC 0x3c, ISS = the immediate, ELR = the BRK */
    __asm__ volatile("adr %0, 1f\n 1: brk #0x77" : "=r"(pc));
    GUEST_CHECK_EQ(exc.esr, (0x3cull << 26) | ESR_IL | 0x77);
    GUEST_CHECK_EQ(exc.elr, pc);

    /* SVC #0x99 at EL1: EC 0x15, ELR = the next instruction */
    __asm__ volatile("adr %0, 1f\n svc #0x99\n 1:" : "=r"(pc));
    GUEST_CHECK_EQ(exc.esr, (0x15ull << 26) | ESR_IL | 0x99);
    GUEST_CHECK_EQ(exc.elr, pc);

    /* a load from nowhere: synchronous external abort, EC 0x25, DFSC
     * 0x10, FAR = the address */
    __asm__ volatile("adr %0, 1f\n 1: ldr x9, [%1]" : "=&r"(pc) : "r"(UNMAPPED_PA) : "x9");
    GUEST_CHECK_EQ(EC(exc.esr), 0x25);
    GUEST_CHECK_EQ(exc.esr & 0x3f, 0x10);
    GUEST_CHECK_EQ(exc.esr & (1u << 6), 0);     /* WnR: a read */
    GUEST_CHECK_EQ(exc.far, UNMAPPED_PA);
    GUEST_CHECK_EQ(exc.elr, pc);

    /* ... a store: WnR set */
    __asm__ volatile("1: str xzr, [%0]" :: "r"(UNMAPPED_PA + 8) : "memory");
    GUEST_CHECK_EQ(exc.esr & 0x7f, 0x50);
    GUEST_CHECK_EQ(exc.far, UNMAPPED_PA + 8);

    /* an unknown system register (PMSCR_EL1, SPE: not implemented) */
    exc.esr = ~0ull;
    __asm__ volatile("mrs x9, s3_0_c9_c9_0" ::: "x9");
    GUEST_CHECK_EQ(exc.esr, ESR_IL);
    GUEST_CHECK_EQ(exc.count, 6);
}

static void test_el0_round_trips(void)
{
    uint64_t sp1 = READ_SYSREG(sp_el0), r;

    exc_clear();
    exc_hook = svc_hook;
    /* EL1 -> EL0 (ERET) -> SVC #0x42 to EL1 (+1) -> ERET -> EL0 (* 2)
     * -> SVC #0xff back */
    r = run_el0(el0_svc, 20);
    GUEST_CHECK_EQ(r, 42);
    GUEST_CHECK_EQ(exc.count, 1);
    GUEST_CHECK_EQ(exc.vec, VEC_LOWER_SYNC);
    GUEST_CHECK_EQ(exc.esr, (0x15ull << 26) | ESR_IL | 0x42);
    /* SPSR: EL0t (M = 0) with DAIF as the EL0 code ran (masked) */
    GUEST_CHECK_EQ(exc.spsr & 0x3cf, 0x3c0);
    GUEST_CHECK_EQ(READ_SYSREG(currentel), 4);
    (void)sp1;

    /* flags survive the trip: EL0 sets N, reads it back */
    r = run_el0(el0_nzcv, 0);
    GUEST_CHECK_EQ(r, 0x80000000u);

    /* EL0 reading SCTLR_EL1: UNDEFINED, EC 0 (not trapped), from EL0 */
    exc_clear();
    run_el0(el0_read_sctlr, 0);
    GUEST_CHECK_EQ(exc.count, 1);
    GUEST_CHECK_EQ(exc.vec, VEC_LOWER_SYNC);
    GUEST_CHECK_EQ(exc.esr, ESR_IL);

    /* EL0 CTR_EL0 with SCTLR_EL1.UCT = 0: trapped, EC 0x18, ISS = Op0 3,
     * Op2 1, Op1 3, CRn 0, CRm 0, Rt, read */
    exc_clear();
    uint64_t sctlr = READ_SYSREG(sctlr_el1);
    WRITE_SYSREG(sctlr_el1, sctlr & ~(1ull << 15));
    ISB();
    run_el0(el0_read_ctr, 0);
    GUEST_CHECK_EQ(exc.count, 1);
    GUEST_CHECK_EQ(EC(exc.esr), 0x18);
    GUEST_CHECK_EQ(ISS(exc.esr) & ~(0x1fu << 5), 3u << 20 | 1u << 17 | 3u << 14 | 1);
    /* with UCT = 1 it reads the same value as at EL1 */
    WRITE_SYSREG(sctlr_el1, sctlr | (1ull << 15));
    ISB();
    exc_clear();
    GUEST_CHECK_EQ(run_el0(el0_read_ctr, 0), READ_SYSREG(ctr_el0));
    GUEST_CHECK_EQ(exc.count, 0);

    /* EL0 WFI with SCTLR_EL1.nTWI = 0: EC 0x01, TI = 0 (WFI) */
    WRITE_SYSREG(sctlr_el1, sctlr & ~(1ull << 16));
    ISB();
    exc_clear();
    GUEST_CHECK_EQ(run_el0(el0_wfi, 0), 7);
    GUEST_CHECK_EQ(exc.count, 1);
    GUEST_CHECK_EQ(exc.esr, (0x01ull << 26) | ESR_IL | 0x1e00000);
    WRITE_SYSREG(sctlr_el1, sctlr);
    ISB();
}

static void test_id_registers(void)
{
    uint64_t mmfr0 = READ_SYSREG(id_aa64mmfr0_el1);
    uint64_t pfr0 = READ_SYSREG(id_aa64pfr0_el1);

    GUEST_CHECK_EQ(READ_SYSREG(midr_el1), 0x411fd070);
    GUEST_CHECK_EQ(READ_SYSREG(mpidr_el1) >> 31 & 1, 1);
    GUEST_CHECK_EQ(mmfr0 & 0xf, 5);                /* 48-bit PA */
    GUEST_CHECK_EQ(pfr0 & 0xf, 1);                 /* EL0: AArch64 only */
    GUEST_CHECK_EQ(pfr0 >> 4 & 0xf, 1);            /* EL1: AArch64 only */
    GUEST_CHECK_EQ(pfr0 >> 8 & 0xff, 0);           /* no EL2, no EL3 */
    GUEST_CHECK_EQ(READ_SYSREG(ctr_el0), 0x8444c004);
    GUEST_CHECK_EQ(READ_SYSREG(dczid_el0), 4);
    GUEST_CHECK_EQ(READ_SYSREG(id_pfr0_el1), 0);   /* no AArch32 */
    GUEST_CHECK_EQ(READ_SYSREG(clidr_el1) & 7, 3);
}

static uint8_t zva_buf[256] __attribute__((aligned(64)));

static void test_dc_zva(void)
{
    for (unsigned i = 0; i < sizeof zva_buf; i++) {
        ((volatile uint8_t *)zva_buf)[i] = 0x5a;
    }
    /* the 64-byte block holding zva_buf + 0x47 is zeroed, nothing else */
    __asm__ volatile("dc zva, %0" :: "r"(zva_buf + 0x47) : "memory");
    for (unsigned i = 0; i < sizeof zva_buf; i++) {
        if (zva_buf[i] != ((i >= 0x40 && i < 0x80) ? 0 : 0x5a)) {
            GUEST_CHECK_EQ(i, ~0u);
            break;
        }
    }
}

static void test_counter(void)
{
    uint64_t f = READ_SYSREG(cntfrq_el0), t0 = READ_SYSREG(cntvct_el0), t1;

    GUEST_CHECK_EQ(f, 62500000);
    do {
        t1 = READ_SYSREG(cntvct_el0);
    } while (t1 - t0 < 6250);                      /* 100 us */
    GUEST_CHECK_EQ(t1 > t0, 1);
}

int test_main(void)
{
    install_vectors();
    test_el1_exceptions();
    test_el0_round_trips();
    test_id_registers();
    test_dc_zva();
    test_counter();
    return guest_failures;
}
