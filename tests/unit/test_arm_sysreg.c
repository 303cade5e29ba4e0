/* System registers and system instructions through the CPU pipeline:
 * MRS/MSR round trips with RES0/RES1 bits, PSTATE access (DAIF, SPSel,
 * NZCV, CurrentEL), the EL0 rules (UNDEFINED vs. trapped with EC 0x18 and
 * the D13.2.37 ISS), ID registers, the counter, hints and barriers, DC ZVA,
 * AT into PAR_EL1, and TLBI / IC taking effect. Encodings come from GNU as
 * (aarch64-linux-gnu-as), noted next to each word. */
#include "tests/unit/test.h"

#include <string.h>
#include <time.h>

#include "jit/tb.h"
#include "target-arm/exception.h"
#include "tests/unit/arm_harness.h"

#define BOTH(name)                                                          \
    static void name(JitMode jit);                                          \
    TEST(name##_interp) { name(JIT_INTERP); }                               \
    TEST(name##_native) { name(JIT_NATIVE); }

#define IL (1ull << 25)
#define ESR_UNDEF IL
#define NOP 0xd503201fu

/* ISS of a trapped MRS/MSR/SYS, from the field table of D13.2.37 (written
 * out here independently of the translator). */
static uint64_t esr_sysreg(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                           unsigned rt, bool read)
{
    uint64_t iss = (uint64_t)op0 << 20 | (uint64_t)op2 << 17 | (uint64_t)op1 << 14 |
                   (uint64_t)crn << 10 | (uint64_t)rt << 5 | (uint64_t)crm << 1 | read;
    return (0x18ull << 26) | IL | iss;
}

static ArmHarness *load(JitMode jit, const uint32_t *code, unsigned n, int el)
{
    ArmHarness *h = harness_new(jit);

    harness_load(h, code, n);
    if (el == 0) {
        harness_set_el0(h);
    }
    return h;
}

/* A run at EL0 cannot end with the harness's stop (HVC is UNDEFINED at
 * EL0): it ends with that UNDEF, at the stop's address. */
static void expect_el0_done(ArmHarness *h, unsigned n)
{
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, ESR_UNDEF);
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE + 4ull * n);
}

/* Run one instruction that must raise: check ESR and ELR = the instruction. */
static void expect_exc(JitMode jit, uint32_t insn, int el, uint64_t esr)
{
    ArmHarness *h = load(jit, &insn, 1, el);

    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, esr);
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE);
}

BOTH(msr_mrs_round_trips)
static void msr_mrs_round_trips(JitMode jit)
{
    static const struct {
        uint32_t msr, mrs;      /* msr <reg>, x1 ; mrs x2, <reg> */
        uint64_t in, out;
    } cases[] = {
        { 0xd51bd041, 0xd53bd042, 0x0123456789abcdefull, 0x0123456789abcdefull }, /* TPIDR_EL0 */
        { 0xd518d081, 0xd538d082, 0xfedcba9876543210ull, 0xfedcba9876543210ull }, /* TPIDR_EL1 */
        /* VBAR_EL1 bits 10:0 are RES0 */
        { 0xd518c001, 0xd538c002, HARNESS_VBAR | 0x7ff, HARNESS_VBAR },
        /* CONTEXTIDR_EL1 bits 63:32 are RES0 */
        { 0xd518d021, 0xd538d022, 0xaaaaaaaa12345678ull, 0x12345678 },
        /* TPIDRRO_EL0 written at EL1 */
        { 0xd51bd061, 0xd53bd062, 77, 77 },
        /* ELR_EL1, SPSR_EL1 (bits 63:32 RES0) */
        { 0xd5184021, 0xd5384022, 0x40001234, 0x40001234 },
        { 0xd5184001, 0xd5384002, 0xffffffff600003c5ull, 0x600003c5 },
    };

    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const uint32_t code[] = { cases[i].msr, cases[i].mrs };
        ArmHarness *h = load(jit, code, 2, 1);

        h->cpu->x[1] = cases[i].in;
        h->cpu->x[2] = 0;
        CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
        CHECK_EQ(h->cpu->x[2], cases[i].out);
    }
}

BOTH(sctlr_keeps_res1)
static void sctlr_keeps_res1(JitMode jit)
{
    /* msr sctlr_el1, x1 ; mrs x0, sctlr_el1: RES1 bits 29,28,23,22,20,11 */
    const uint32_t code[] = { 0xd5181001, 0xd5381000 };
    ArmHarness *h = load(jit, code, 2, 1);

    h->cpu->x[1] = 0;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[0], 0x30d00800);
}

BOTH(daif_set_clear_and_read)
static void daif_set_clear_and_read(JitMode jit)
{
    /* msr daifclr, #0xf ; msr daifset, #0x5 (imm bit 3 = D, 2 = A, 1 = I,
     * 0 = F) ; mrs x1, daif */
    const uint32_t code[] = { 0xd5034fff, 0xd50345df, 0xd53b4221 };
    ArmHarness *h = load(jit, code, 3, 1);

    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->daif, PSTATE_A | PSTATE_F);
    CHECK_EQ(h->cpu->x[1], PSTATE_A | PSTATE_F);

    /* msr daif, x1 */
    const uint32_t code2[] = { 0xd51b4221 };
    h = load(jit, code2, 1, 1);
    h->cpu->x[1] = 0xffffffffffffffffull;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->daif, PSTATE_DAIF);
}

BOTH(spsel_switches_sp)
static void spsel_switches_sp(JitMode jit)
{
    /* msr spsel, #0 ; mrs x1, spsel ; msr spsel, #1 ; mrs x2, spsel ;
     * mrs x3, sp_el0 ; msr sp_el0, x4 */
    const uint32_t code[] = { 0xd50040bf, 0xd5384201, 0xd50041bf, 0xd5384202,
                              0xd5384103, 0xd5184104 };
    ArmHarness *h = load(jit, code, 2, 1);
    ArmCpu *cpu = h->cpu;

    cpu->sp = 0x1000;          /* SP_EL1 */
    cpu->sp_el[0] = 0x2000;    /* SP_EL0 */
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(cpu->spsel, 0);
    CHECK_EQ(cpu->sp, 0x2000);
    CHECK_EQ(cpu->sp_el[1], 0x1000);
    CHECK_EQ(cpu->x[1], 0);

    h = load(jit, code, 6, 1);
    cpu = h->cpu;
    cpu->sp = 0x1000;
    cpu->sp_el[0] = 0x2000;
    cpu->x[4] = 0x3000;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(cpu->spsel, 1);
    CHECK_EQ(cpu->sp, 0x1000);
    CHECK_EQ(cpu->x[2], 1);
    CHECK_EQ(cpu->x[3], 0x2000);
    CHECK_EQ(cpu->sp_el[0], 0x3000);

    /* SP_EL0 with PSTATE.SP = 0 is UNDEFINED: msr spsel, #0 ; mrs x3, sp_el0 */
    const uint32_t code2[] = { 0xd50040bf, 0xd5384103 };
    h = load(jit, code2, 2, 1);
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, ESR_UNDEF);
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE + 4);
}

BOTH(nzcv_and_currentel)
static void nzcv_and_currentel(JitMode jit)
{
    /* msr nzcv, x1 ; mrs x2, nzcv ; mrs x1, currentel */
    const uint32_t code[] = { 0xd51b4201, 0xd53b4202, 0xd5384241 };
    ArmHarness *h = load(jit, code, 3, 1);

    h->cpu->x[1] = 0xa000000fu;   /* N and C; low bits are RES0 */
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[2], 0xa0000000u);
    CHECK_EQ(arm_get_nzcv(h->cpu), 0xa0000000u);
    CHECK_EQ(h->cpu->x[1], 1u << 2);

    /* at EL0, NZCV is accessible: msr nzcv, x1 ; mrs x2, nzcv */
    h = load(jit, code, 2, 0);
    h->cpu->x[1] = 0x50000000u;
    expect_el0_done(h, 2);
    CHECK_EQ(h->cpu->x[2], 0x50000000u);
}

BOTH(el0_access_to_el1_register_undefined)
static void el0_access_to_el1_register_undefined(JitMode jit)
{
    expect_exc(jit, 0xd5381000, 0, ESR_UNDEF);   /* mrs x0, sctlr_el1 */
    expect_exc(jit, 0xd518d080, 0, ESR_UNDEF);   /* msr tpidr_el1, x0 */
    expect_exc(jit, 0xd5384241, 0, ESR_UNDEF);   /* mrs x1, currentel */
    expect_exc(jit, 0xd50040bf, 0, ESR_UNDEF);   /* msr spsel, #0 */
    expect_exc(jit, 0xd5087801, 0, ESR_UNDEF);   /* at s1e1r, x1 */
    expect_exc(jit, 0xd508871f, 0, ESR_UNDEF);   /* tlbi vmalle1 */
    expect_exc(jit, 0xd5087621, 0, ESR_UNDEF);   /* dc ivac, x1 */
    expect_exc(jit, 0xd51bd061, 0, ESR_UNDEF);   /* msr tpidrro_el0, x1 (RO at EL0) */
}

BOTH(unknown_registers_undefined)
static void unknown_registers_undefined(JitMode jit)
{
    expect_exc(jit, 0xd5389901, 1, ESR_UNDEF);   /* mrs x1, s3_0_c9_c9_0 (PMSCR_EL1) */
    expect_exc(jit, 0xd5287501, 1, ESR_UNDEF);   /* sysl x1, #0, c7, c5, #0 */
    expect_exc(jit, 0xd500409f, 1, ESR_UNDEF);   /* msr pan, #0: FEAT_PAN absent */
    expect_exc(jit, 0xd5384061, 1, ESR_UNDEF);   /* mrs x1, spsr_irq: an EL2 register */
}

BOTH(el0_traps_report_iss)
static void el0_traps_report_iss(JitMode jit)
{
    ArmHarness *h;
    uint32_t insn;

    /* mrs x3, ctr_el0 with SCTLR_EL1.UCT = 0 */
    expect_exc(jit, 0xd53b0023, 0, esr_sysreg(3, 3, 0, 0, 1, 3, true));
    /* ... and with UCT = 1 it reads A57's CTR */
    insn = 0xd53b0023;
    h = load(jit, &insn, 1, 0);
    h->cpu->sr.sctlr_el1 |= 1u << 15;
    expect_el0_done(h, 1);
    CHECK_EQ(h->cpu->x[3], 0x8444c004);

    /* msr daifset, #0xf with SCTLR_EL1.UMA = 0: Op0 0, Op1 3, CRn 4,
     * CRm = the immediate, Op2 6, Rt 31 */
    expect_exc(jit, 0xd5034fdf, 0, esr_sysreg(0, 3, 4, 15, 6, 31, false));
    /* mrs x1, daif */
    expect_exc(jit, 0xd53b4221, 0, esr_sysreg(3, 3, 4, 2, 1, 1, true));
    /* dc zva, x1 with SCTLR_EL1.DZE = 0 */
    expect_exc(jit, 0xd50b7421, 0, esr_sysreg(1, 3, 7, 4, 1, 1, false));
    /* ic ivau, x1 / dc cvau, x1 with SCTLR_EL1.UCI = 0 */
    expect_exc(jit, 0xd50b7521, 0, esr_sysreg(1, 3, 7, 5, 1, 1, false));
    expect_exc(jit, 0xd50b7b21, 0, esr_sysreg(1, 3, 7, 11, 1, 1, false));
    /* mrs x1, cntvct_el0 / cntpct / cntfrq with CNTKCTL_EL1 = 0 */
    expect_exc(jit, 0xd53be041, 0, esr_sysreg(3, 3, 14, 0, 2, 1, true));
    expect_exc(jit, 0xd53be021, 0, esr_sysreg(3, 3, 14, 0, 1, 1, true));
    expect_exc(jit, 0xd53be001, 0, esr_sysreg(3, 3, 14, 0, 0, 1, true));
    /* WFI / WFE at EL0 with nTWI / nTWE = 0: EC 0x01, CV, COND 0xe, TI */
    expect_exc(jit, 0xd503207f, 0, (0x01ull << 26) | IL | 0x1e00000);
    expect_exc(jit, 0xd503205f, 0, (0x01ull << 26) | IL | 0x1e00001);
}

BOTH(el0_gates_open)
static void el0_gates_open(JitMode jit)
{
    /* mrs x4, dczid_el0 ; msr daifset, #0xf ; dc cvau, x1 ; mrs x1, cntvct ;
     * mrs x2, cntvct */
    const uint32_t code[] = { 0xd53b00e4, 0xd5034fdf, 0xd50b7b21, 0xd53be041, 0xd53be042 };
    ArmHarness *h = load(jit, code, 5, 0);
    ArmCpu *cpu = h->cpu;

    /* DZE = 0 at EL0: DCZID_EL0.DZP reads 1 (bit 4), BS = 4 */
    cpu->sr.sctlr_el1 |= (1u << 9) | (1u << 26);        /* UMA, UCI */
    cpu->sr.cntkctl_el1 = 2;                            /* EL0VCTEN */
    cpu->daif = 0;
    cpu->x[1] = HARNESS_DATA;
    expect_el0_done(h, 5);
    CHECK_EQ(cpu->x[4], 0x14);
    /* the EL0 run ended with an exception, which masks DAIF anyway: the
     * SPSR shows what EL0 had */
    CHECK_EQ(cpu->sr.spsr_el1 & PSTATE_DAIF, PSTATE_DAIF);
    CHECK(cpu->x[2] >= cpu->x[1]);
}

BOTH(id_registers)
static void id_registers(JitMode jit)
{
    /* mrs x1, midr ; x2, mpidr ; x3, id_aa64mmfr0 ; x4, dczid ;
     * x5, id_aa64pfr0 ; x6, s3_0_c0_c3_7 (reserved) ; x7, id_isar0 */
    const uint32_t code[] = { 0xd5380001, 0xd53800a2, 0xd5380703, 0xd53b00e4,
                              0xd5380405, 0xd53803e6, 0xd5380207 };
    ArmHarness *h = load(jit, code, 7, 1);
    ArmCpu *cpu = h->cpu;

    for (int i = 1; i <= 7; i++) {
        cpu->x[i] = 0xdead;
    }
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(cpu->x[1], 0x411fd070);                    /* Cortex-A57 r1p0 */
    CHECK_EQ(cpu->x[2], 0x80000000 | cpu->mpidr);       /* RES1 bit 31 */
    CHECK_EQ(cpu->x[3] & 0xf, 5);                       /* PARange 48 bits */
    CHECK_EQ((cpu->x[3] >> 4) & 0xf, 2);                /* 16-bit ASIDs */
    CHECK_EQ((cpu->x[3] >> 28) & 0xf, 0);               /* 4K granule */
    CHECK_EQ((cpu->x[3] >> 24) & 0xf, 0);               /* 64K granule */
    CHECK_EQ(cpu->x[4], 4);                             /* 64-byte DC ZVA, allowed */
    CHECK_EQ(cpu->x[5] & 0xff, 0x11);                   /* EL0, EL1: AArch64 only */
    CHECK_EQ((cpu->x[5] >> 8) & 0xff, 0);               /* no EL2, EL3 */
    CHECK_EQ(cpu->x[6], 0);
    CHECK_EQ(cpu->x[7], 0);
    /* ID registers are EL1-only */
    expect_exc(jit, 0xd5380001, 0, ESR_UNDEF);
}

BOTH(cache_geometry)
static void cache_geometry(JitMode jit)
{
    /* msr csselr_el1, x1 ; mrs x2, ccsidr_el1 ; mrs x3, clidr_el1 */
    const uint32_t code[] = { 0xd51a0001, 0xd5390002, 0xd5390023 };
    ArmHarness *h = load(jit, code, 3, 1);

    h->cpu->x[1] = 1;          /* level 1 instruction cache */
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    /* LineSize (2:0) = log2(words) - 2 = 2 for 64 bytes */
    CHECK_EQ(h->cpu->x[2] & 7, 2);
    CHECK_EQ(h->cpu->x[3] & 0x3f, 0x23);   /* L1 I+D, L2 unified */
}

BOTH(counter_runs)
static void counter_runs(JitMode jit)
{
    /* mrs x1, cntfrq_el0 ; mrs x2, cntvct ; mrs x3, cntpct */
    const uint32_t code[] = { 0xd53be001, 0xd53be042, 0xd53be023 };
    ArmHarness *h = load(jit, code, 3, 1);

    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[1], 62500000);
    CHECK(h->cpu->x[3] >= h->cpu->x[2]);
    /* 62.5 MHz: a 2 ms sleep moves the count by about 125000 */
    uint64_t before = h->cpu->x[2];
    struct timespec ts = { 0, 2000000 };
    nanosleep(&ts, NULL);
    h = load(jit, code, 3, 1);
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK(h->cpu->x[2] - before >= 120000);
    CHECK(h->cpu->x[2] - before < 62500000);
}

BOTH(os_lock_and_debug_storage)
static void os_lock_and_debug_storage(JitMode jit)
{
    /* mrs x2, oslsr_el1 ; msr oslar_el1, x1 ; mrs x3, oslsr_el1 */
    const uint32_t code[] = { 0xd5301182, 0xd5101081, 0xd5301183 };
    ArmHarness *h = load(jit, code, 3, 1);

    h->cpu->x[1] = 0;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[2], 0xa);     /* OSLM = 0b10, locked after reset */
    CHECK_EQ(h->cpu->x[3], 0x8);     /* unlocked */
}

BOTH(hints_and_barriers)
static void hints_and_barriers(JitMode jit)
{
    /* nop ; yield ; dsb sy ; dmb ish ; isb ; clrex ; hint #0x22 (YIELD
     * ends the quantum: the harness runs 1000 instructions at a time) */
    const uint32_t code[] = { NOP, 0xd503203f, 0xd5033f9f, 0xd5033bbf, 0xd5033fdf,
                              0xd5033f5f, 0xd503245f };
    ArmHarness *h = load(jit, code, 7, 1);

    h->cpu->excl_addr = 0x1234;
    CHECK_EQ(harness_run(h, 5000), HARNESS_DONE);
    CHECK_EQ(h->cpu->excl_addr, UINT64_MAX);
}

BOTH(wfi_and_wfe_halt)
static void wfi_and_wfe_halt(JitMode jit)
{
    /* wfi: halts with the PC on the next instruction */
    uint32_t insn = 0xd503207f;
    ArmHarness *h = load(jit, &insn, 1, 1);

    CHECK_EQ(harness_run(h, 3000), HARNESS_TIMEOUT);
    CHECK(h->cpu->halted);
    CHECK_EQ(h->cpu->pc, HARNESS_CODE + 4);

    /* wfe without an event halts too */
    insn = 0xd503205f;
    h = load(jit, &insn, 1, 1);
    h->cpu->event = false;
    CHECK_EQ(harness_run(h, 3000), HARNESS_TIMEOUT);
    CHECK(h->cpu->halted);

    /* sevl ; wfe: the event is consumed and execution goes on */
    const uint32_t code[] = { 0xd50320bf, 0xd503205f };
    h = load(jit, code, 2, 1);
    h->cpu->halted = false;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK(!h->cpu->event);

    /* sev ; wfe ; wfe: the second one halts */
    const uint32_t code2[] = { 0xd503209f, 0xd503205f, 0xd503205f };
    h = load(jit, code2, 3, 1);
    h->cpu->halted = false;
    CHECK_EQ(harness_run(h, 3000), HARNESS_TIMEOUT);
    CHECK_EQ(h->cpu->pc, HARNESS_CODE + 12);
}

BOTH(dc_zva_zeroes_aligned_block)
static void dc_zva_zeroes_aligned_block(JitMode jit)
{
    uint32_t insn = 0xd50b7421;           /* dc zva, x1 */
    ArmHarness *h = load(jit, &insn, 1, 1);
    uint8_t buf[256];

    memset(buf, 0xa5, sizeof buf);
    as_load(h->as, HARNESS_DATA, buf, sizeof buf);
    h->cpu->x[1] = HARNESS_DATA + 0x47;   /* inside the block at 0x40 */
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    as_read_block(h->as, HARNESS_DATA, buf, sizeof buf);
    for (unsigned i = 0; i < sizeof buf; i++) {
        CHECK_EQ(buf[i], (i >= 0x40 && i < 0x80) ? 0 : 0xa5);
    }

    /* an address outside RAM: a synchronous external abort on a write */
    h = load(jit, &insn, 1, 1);
    h->cpu->x[1] = 0x1000000000ull;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 >> 26, EC_DABT_SAME);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0x7f, 0x50);      /* WnR, external abort */
    CHECK_EQ(h->cpu->sr.far_el1, 0x1000000000ull);
}

/* ---- with the MMU on ---- */

#define L1_TABLE (HARNESS_DATA + 0x10000)
#define L2_TABLE (HARNESS_DATA + 0x11000)
#define L3_TABLE (HARNESS_DATA + 0x12000)
#define PAGE_A   (HARNESS_DATA + 0x20000)    /* two physical pages */
#define PAGE_B   (HARNESS_DATA + 0x21000)
#define VA_REMAP (HARNESS_DATA + 0x30000)    /* maps to A, later B */
#define VA_HOLE  (HARNESS_DATA + 0x31000)    /* invalid */
#define VA_EL1RO (HARNESS_DATA + 0x32000)    /* EL1 read-only, no EL0 */
/* descriptor bits: valid page/table, AttrIndx, AP[2:1], SH inner, AF */
#define PG(pa, ap) ((pa) | 3 | (1u << 2) | ((uint64_t)(ap) << 6) | (3u << 8) | (1u << 10))
#define BLK(pa) ((pa) | 1 | (1u << 2) | (3u << 8) | (1u << 10))

static void put64(ArmHarness *h, uint64_t pa, uint64_t v)
{
    as_load(h->as, pa, &v, 8);
}

/* 4K granule, 39-bit VAs (T0SZ 25: the walk starts at level 1); the first
 * 2 MiB of RAM (code, vectors) as a block, the next 2 MiB in pages. MAIR
 * attribute 1 = 0xff (Normal write-back). */
static void mmu_on(ArmHarness *h)
{
    ArmCpu *cpu = h->cpu;

    put64(h, L1_TABLE + 8 * 1, L2_TABLE | 3);
    put64(h, L2_TABLE, BLK(HARNESS_RAM_BASE));
    put64(h, L2_TABLE + 8, L3_TABLE | 3);
    for (unsigned i = 0; i < 512; i++) {
        put64(h, L3_TABLE + 8 * i, PG(HARNESS_DATA + 0x1000ull * i, 0));
    }
    put64(h, L3_TABLE + 8 * ((VA_REMAP - HARNESS_DATA) >> 12), PG(PAGE_A, 0));
    put64(h, L3_TABLE + 8 * ((VA_HOLE - HARNESS_DATA) >> 12), 0);
    put64(h, L3_TABLE + 8 * ((VA_EL1RO - HARNESS_DATA) >> 12), PG(VA_EL1RO, 2));
    cpu->sr.mair_el1 = 0xff00;
    cpu->sr.tcr_el1 = 25 | (1u << 8) | (1u << 10) | (3u << 12) | (1u << 23) | (5ull << 32);
    cpu->sr.ttbr0_el1 = L1_TABLE;
    cpu->sr.sctlr_el1 |= 1;
    jit_tlb_flush_all(&cpu->jit);
}

BOTH(at_writes_par)
static void at_writes_par(JitMode jit)
{
    /* at s1e1r, x1 ; mrs x2, par_el1 */
    const uint32_t code[] = { 0xd5087801, 0xd5387402 };
    static const struct {
        uint32_t at;
        uint64_t va, par;
    } cases[] = {
        /* success: PA[47:12], ATTR = MAIR byte 0xff, SH = 0b11, bit 11 RES1 */
        { 0xd5087801, VA_REMAP + 0x123, PAGE_A | 0xff00000000000000ull | (3u << 7) | (1u << 11) },
        /* translation fault, level 3: F, FST 0b000111 */
        { 0xd5087801, VA_HOLE, 1 | (0x07u << 1) | (1u << 11) },
        /* EL1 write to a read-only page: permission fault, level 3 */
        { 0xd5087821, VA_EL1RO, 1 | (0x0fu << 1) | (1u << 11) },
        /* EL0 read of an EL1-only page: permission fault, level 3 */
        { 0xd5087841, VA_REMAP, 1 | (0x0fu << 1) | (1u << 11) },
        /* EL1 read of the read-only page is fine */
        { 0xd5087801, VA_EL1RO, VA_EL1RO | 0xff00000000000000ull | (3u << 7) | (1u << 11) },
    };

    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t c[2] = { cases[i].at, code[1] };
        ArmHarness *h = load(jit, c, 2, 1);
        mmu_on(h);
        h->cpu->x[1] = cases[i].va;
        CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
        CHECK_EQ(h->cpu->x[2], cases[i].par);
    }
}

BOTH(tlbi_makes_remap_visible)
static void tlbi_makes_remap_visible(JitMode jit)
{
    /* PAGE_A holds svc #1, PAGE_B svc #2; blr x1 runs whatever VA_REMAP
     * maps to. Code: 0: blr x1. Then 0: tlbi vmalle1 ; dsb sy ; isb ; blr x1 */
    uint32_t svc1 = 0xd4000021, svc2 = 0xd4000041;
    uint32_t blr = 0xd63f0020;
    const uint32_t code2[] = { 0xd508871f, 0xd5033f9f, 0xd5033fdf, 0xd63f0020 };
    ArmHarness *h = load(jit, &blr, 1, 1);

    as_load(h->as, PAGE_A, &svc1, 4);
    as_load(h->as, PAGE_B, &svc2, 4);
    mmu_on(h);
    h->cpu->x[1] = VA_REMAP;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 1);

    /* remap without TLBI: the TLB still holds the old translation (this
     * is what makes the next check meaningful) */
    put64(h, L3_TABLE + 8 * ((VA_REMAP - HARNESS_DATA) >> 12), PG(PAGE_B, 0));
    harness_load(h, &blr, 1);
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 1);

    harness_load(h, code2, 4);
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 2);
}

BOTH(ic_ivau_drops_stale_code)
static void ic_ivau_drops_stale_code(JitMode jit)
{
    /* code at HARNESS_DATA is rewritten behind the JIT's back (through
     * as_ram_ptr, which tells no write observer; armlet's own DMA and
     * loaders do tell, as a coherent I-cache would): only IC IVAU makes the
     * new instruction run. 0: blr x1 ; then ic ivau, x1 ; dsb ; isb ; blr x1 */
    uint32_t svc1 = 0xd4000021, svc2 = 0xd4000041;
    uint32_t blr = 0xd63f0020;
    const uint32_t code2[] = { 0xd50b7521, 0xd5033f9f, 0xd5033fdf, 0xd63f0020 };
    const uint32_t code3[] = { 0xd508751f, 0xd5033f9f, 0xd5033fdf, 0xd63f0020 };
    ArmHarness *h = load(jit, &blr, 1, 1);

    as_load(h->as, HARNESS_DATA, &svc1, 4);
    h->cpu->x[1] = HARNESS_DATA;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 1);

    memcpy(as_ram_ptr(h->as, HARNESS_DATA, 4), &svc2, 4);
    harness_load(h, &blr, 1);
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 1);      /* stale: precondition */

    harness_load(h, code2, 4);
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 2);

    /* and IC IALLU drops everything */
    memcpy(as_ram_ptr(h->as, HARNESS_DATA, 4), &svc1, 4);
    harness_load(h, code3, 4);
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 1);
}

BOTH(dma_write_drops_stale_code)
static void dma_write_drops_stale_code(JitMode jit)
{
    /* device DMA over translated code (as_dma_write) needs no IC IVAU:
     * the JIT's write observer drops the stale block (emu/memory.h) */
    uint32_t svc1 = 0xd4000021, svc2 = 0xd4000041;
    uint32_t blr = 0xd63f0020;
    ArmHarness *h = load(jit, &blr, 1, 1);

    as_load(h->as, HARNESS_DATA, &svc1, 4);
    h->cpu->x[1] = HARNESS_DATA;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 1);

    CHECK(as_dma_write(h->as, HARNESS_DATA, &svc2, 4));
    harness_load(h, &blr, 1);
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0xffff, 2);
}

BOTH(sctlr_write_takes_effect_next_insn)
static void sctlr_write_takes_effect_next_insn(JitMode jit)
{
    /* msr sctlr_el1, x4 (M = 1) ; blr x1: with the new translation the
     * branch target VA_REMAP runs PAGE_A's svc #1; with the MMU still off
     * it would run whatever is at PA VA_REMAP (zero: UNDEF) */
    const uint32_t code[] = { 0xd5181004, 0xd63f0020 };
    uint32_t svc1 = 0xd4000021, zero = 0;
    ArmHarness *h = load(jit, code, 2, 1);

    as_load(h->as, PAGE_A, &svc1, 4);
    as_load(h->as, VA_REMAP, &zero, 4);
    mmu_on(h);
    h->cpu->x[4] = h->cpu->sr.sctlr_el1;
    h->cpu->sr.sctlr_el1 &= ~1ull;
    h->cpu->x[1] = VA_REMAP;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, (0x15ull << 26) | IL | 1);
}

/* ---- the table itself ---- */

#include "target-arm/sysreg-internal.h"

TEST(table_rows_are_consistent)
{
    const ArmSysregGroup *groups[] = { &arm_sysregs_core, &arm_sysregs_id, &arm_sysregs_vmsa,
                                       &arm_sysregs_debug, &arm_sysregs_timer, &arm_sysinsns };
    unsigned rows = 0;

    for (unsigned g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        for (size_t i = 0; i < groups[g]->n; i++) {
            const ArmSysregInfo *ri = &groups[g]->rows[i];
            /* every row is what its own encoding finds: no duplicates */
            CHECK(arm_sysreg_find(ri->key) == ri);
            CHECK(ri->name != NULL);
            CHECK_EQ(ri->res0 & ri->res1, 0);
            /* a stored reset value respects its reserved bits */
            CHECK_EQ(ri->reset & ri->res0, 0);
            /* SYS instructions are op0 = 1 and only ever "written" */
            if (ARM_SYSREG_OP0(ri->key) == 1) {
                CHECK_EQ(ri->access & (SR_R0 | SR_R1), 0);
            }
            rows++;
        }
    }
    CHECK(rows > 100);
    /* the reserved ID space reads as zero at EL1; outside it, nothing */
    CHECK(arm_sysreg_find(ARM_SYSREG(3, 0, 0, 7, 7)) != NULL);
    CHECK(arm_sysreg_find(ARM_SYSREG(3, 0, 0, 0, 3)) == NULL);
    CHECK(arm_sysreg_find(ARM_SYSREG(3, 0, 9, 9, 0)) == NULL);
}

/* FPCR/FPSR exist (FP implemented) and are gated by CPACR_EL1.FPEN
 * (D13.2.30): FPEN = 0 traps EL1 with EC 0x07, FPEN = 3 lets the write
 * keep only the defined bits. */
BOTH(fpcr_fpsr_gated_by_cpacr)
static void fpcr_fpsr_gated_by_cpacr(JitMode jit)
{
    /* msr fpcr, x1 ; mrs x2, fpcr ; msr fpsr, x1 ; mrs x3, fpsr */
    const uint32_t code[] = { 0xd51b4401, 0xd53b4402, 0xd51b4421, 0xd53b4423 };
    ArmHarness *h;

    expect_exc(jit, 0xd53b4401, 1, (0x07ull << 26) | IL | 1u << 24 | 0xeu << 20);
    h = load(jit, code, 4, 1);
    h->cpu->sr.cpacr_el1 = 3u << 20;
    h->cpu->x[1] = ~0ull;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[2], 0x07c00000);   /* AHP DN FZ RMode; no AArch32, no traps */
    CHECK_EQ(h->cpu->x[3], 0x0800009f);   /* QC IDC IXC UFC OFC DZC IOC */
}
