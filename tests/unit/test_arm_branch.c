/* Branches through the whole CPU pipeline (decode, translate, run): B, BL,
 * B.cond over every condition and flag combination, CBZ/CBNZ on W and X,
 * TBZ/TBNZ with bit numbers above 31, BR/BLR/RET and the link register,
 * top-byte-ignore on register branches, ERET to EL0 and back with SVC.
 * Encodings come from GNU as (aarch64-linux-gnu-as), written next to each
 * word. A branch that goes the wrong way lands on a BRK, so the run stops
 * with an exception instead of at the end of the code. */
#include "tests/unit/test.h"

#include "target-arm/exception.h"
#include "tests/unit/arm_harness.h"

#define BRK1 0xd4200020u        /* brk #1 */
#define NOP  0xd503201fu        /* nop */
#define ESR_BRK1 ((0x3cull << 26) | (1ull << 25) | 1)

/* Each test runs with both backends (native falls back to the interpreter
 * until it lands). */
#define BOTH(name)                                                          \
    static void name(JitMode jit);                                          \
    TEST(name##_interp) { name(JIT_INTERP); }                               \
    TEST(name##_native) { name(JIT_NATIVE); }

static ArmHarness *load(JitMode jit, const uint32_t *code, unsigned n)
{
    ArmHarness *h = harness_new(jit);

    harness_load(h, code, n);
    return h;
}

BOTH(b_and_bl)
static void b_and_bl(JitMode jit)
{
    /* b .+8 skips the brk; bl .+8 too, leaving x30 = its address + 4 */
    const uint32_t code[] = { 0x14000002, BRK1, 0x94000002, BRK1, NOP };
    ArmHarness *h = load(jit, code, 5);

    h->cpu->x[30] = 0;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[30], HARNESS_CODE + 12);
}

BOTH(b_backwards)
static void b_backwards(JitMode jit)
{
    /* 0: b .+12 (to 3)   1: b .+12 (to 4: end)   2: brk   3: b .-8 (to 1) */
    const uint32_t code[] = { 0x14000003, 0x14000003, BRK1, 0x17fffffe };
    ArmHarness *h = load(jit, code, 4);

    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
}

/* ConditionHolds() written out from the Arm ARM table, independently of
 * the translator's. */
static bool cond_holds(unsigned cond, unsigned nzcv)
{
    bool n = nzcv & 8, z = nzcv & 4, c = nzcv & 2, v = nzcv & 1, r;

    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = n == v && !z; break;
    default: return true;
    }
    return (cond & 1) ? !r : r;
}

BOTH(b_cond_all_conditions)
static void b_cond_all_conditions(JitMode jit)
{
    for (unsigned cond = 0; cond < 16; cond++) {
        for (unsigned nzcv = 0; nzcv < 16; nzcv++) {
            /* b.<cond> .+8 (0x54000040 | cond), then brk #1 */
            const uint32_t code[] = { 0x54000040u | cond, BRK1 };
            ArmHarness *h = load(jit, code, 2);
            HarnessStop want = cond_holds(cond, nzcv) ? HARNESS_DONE : HARNESS_EXCEPTION;

            arm_set_nzcv(h->cpu, nzcv << 28);
            CHECK_EQ(harness_run(h, 100), want);
            if (want == HARNESS_EXCEPTION) {
                CHECK_EQ(h->cpu->sr.esr_el1, ESR_BRK1);
            }
        }
    }
}

/* Run `insn` (a branch to .+8) followed by brk: did it branch? */
static bool branches(JitMode jit, uint32_t insn, uint64_t x1)
{
    const uint32_t code[] = { insn, BRK1 };
    ArmHarness *h = load(jit, code, 2);
    HarnessStop r;

    h->cpu->x[1] = x1;
    r = harness_run(h, 100);
    CHECK(r != HARNESS_TIMEOUT);
    return r == HARNESS_DONE;
}

BOTH(cbz_cbnz_width)
static void cbz_cbnz_width(JitMode jit)
{
    /* W forms look at bits 31:0 only */
    CHECK(branches(jit, 0x34000041, 0x100000000ull));    /* cbz w1 */
    CHECK(!branches(jit, 0xb4000041, 0x100000000ull));   /* cbz x1 */
    CHECK(!branches(jit, 0x35000041, 0x100000000ull));   /* cbnz w1 */
    CHECK(branches(jit, 0xb5000041, 0x100000000ull));    /* cbnz x1 */
    CHECK(branches(jit, 0xb4000041, 0));
    CHECK(!branches(jit, 0xb5000041, 0));
    CHECK(!branches(jit, 0x34000041, 0x80000000ull));
}

BOTH(tbz_tbnz_high_bits)
static void tbz_tbnz_high_bits(JitMode jit)
{
    CHECK(branches(jit, 0xb6400041, ~(1ull << 40)));     /* tbz x1, #40 */
    CHECK(!branches(jit, 0xb6400041, 1ull << 40));
    CHECK(branches(jit, 0xb7400041, 1ull << 40));        /* tbnz x1, #40 */
    CHECK(!branches(jit, 0xb7400041, 1ull << 8));        /* bit 8 = 40 - 32 */
    CHECK(branches(jit, 0xb7f80041, 1ull << 63));        /* tbnz x1, #63 */
    CHECK(!branches(jit, 0xb7f80041, ~(1ull << 63)));
    CHECK(branches(jit, 0x36180041, ~(1ull << 3)));      /* tbz w1, #3 */
    CHECK(!branches(jit, 0x36180041, 1ull << 3));
}

BOTH(br_blr_ret)
static void br_blr_ret(JitMode jit)
{
    /* 0: br x1 (to 2)   1: brk   2: blr x2 (to 4, x30 = 12)   3: brk
     * 4: ret x3 (to 6)  5: brk   6: nop, then the end */
    const uint32_t code[] = { 0xd61f0020, BRK1, 0xd63f0040, BRK1, 0xd65f0060, BRK1, NOP };
    ArmHarness *h = load(jit, code, 7);

    h->cpu->x[1] = HARNESS_CODE + 8;
    h->cpu->x[2] = HARNESS_CODE + 16;
    h->cpu->x[3] = HARNESS_CODE + 24;
    h->cpu->x[30] = 0;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[30], HARNESS_CODE + 12);
}

BOTH(blr_x30_reads_target_first)
static void blr_x30_reads_target_first(JitMode jit)
{
    /* 0: blr x30 (to 2, x30 = 4)   1: brk   2: nop */
    const uint32_t code[] = { 0xd63f03c0, BRK1, NOP };
    ArmHarness *h = load(jit, code, 3);

    h->cpu->x[30] = HARNESS_CODE + 8;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[30], HARNESS_CODE + 4);
}

BOTH(ret_uses_x30)
static void ret_uses_x30(JitMode jit)
{
    /* 0: bl .+12 (to 3)   1: b .+12 (to 4: end)   2: brk   3: ret (to 1) */
    const uint32_t code[] = { 0x94000003, 0x14000003, BRK1, 0xd65f03c0 };
    ArmHarness *h = load(jit, code, 4);

    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[30], HARNESS_CODE + 4);
}

BOTH(br_top_byte_ignore)
static void br_top_byte_ignore(JitMode jit)
{
    /* br x1 with a tag in bits 63:56: with TCR_EL1.TBI0 the PC loses the
     * tag (AArch64.BranchAddr) and the run reaches the end */
    const uint32_t code[] = { 0xd61f0020, BRK1 };
    ArmHarness *h = load(jit, code, 2);

    h->cpu->sr.tcr_el1 = 1ull << 37;
    h->cpu->x[1] = (HARNESS_CODE + 8) | 0x5aull << 56;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->jit.restore_pc, HARNESS_CODE + 8);

    /* without TBI the tagged PC is fetched as is: an instruction abort */
    h = load(jit, code, 2);
    h->cpu->sr.tcr_el1 = 0;
    h->cpu->x[1] = (HARNESS_CODE + 8) | 0x5aull << 56;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 >> 26, EC_IABT_SAME);
    CHECK_EQ(h->cpu->sr.elr_el1, h->cpu->x[1]);
}

BOTH(eret_to_el0_and_svc_back)
static void eret_to_el0_and_svc_back(JitMode jit)
{
    /* 0: eret   1: brk   2: svc #5 (at EL0) */
    const uint32_t code[] = { 0xd69f03e0, BRK1, 0xd40000a1 };
    ArmHarness *h = load(jit, code, 3);
    ArmCpu *cpu = h->cpu;

    cpu->sr.elr_el1 = HARNESS_CODE + 8;
    /* SPSR: EL0t, N and C set, D and F masked */
    cpu->sr.spsr_el1 = PSTATE_N | PSTATE_C | PSTATE_D | PSTATE_F;
    cpu->sp = 0x1111;            /* SP_EL1, current at EL1h */
    cpu->sp_el[0] = 0x2222;      /* SP_EL0 */
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    /* the SVC from EL0: lower-EL vector, ESR = SVC #5, ELR = after it */
    CHECK_EQ(cpu->jit.restore_pc, HARNESS_VBAR + 0x400);
    CHECK_EQ(cpu->sr.esr_el1, (0x15ull << 26) | (1ull << 25) | 5);
    CHECK_EQ(cpu->sr.elr_el1, HARNESS_CODE + 12);
    /* SPSR_EL1 now holds EL0's PSTATE: what ERET installed */
    CHECK_EQ(cpu->sr.spsr_el1, PSTATE_N | PSTATE_C | PSTATE_D | PSTATE_F);
    CHECK_EQ(cpu->el, 1);
    CHECK_EQ(cpu->sp, 0x1111);
    CHECK_EQ(cpu->sp_el[0], 0x2222);
}

BOTH(eret_at_el0_undefined)
static void eret_at_el0_undefined(JitMode jit)
{
    const uint32_t code[] = { 0xd69f03e0 };
    ArmHarness *h = load(jit, code, 1);

    harness_set_el0(h);
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, 1ull << 25);
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE);
}

BOTH(drps_undefined)
static void drps_undefined(JitMode jit)
{
    const uint32_t code[] = { 0xd6bf03e0 };
    ArmHarness *h = load(jit, code, 1);

    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, 1ull << 25);
}

BOTH(loop_exit_by_tbnz)
static void loop_exit_by_tbnz(JitMode jit)
{
    /* 0: tbnz w1, #5, .+12 (to 3: the end)   1: b .-4 (to 0)   2: brk
     * With bit 5 set the loop exits at once; clear, it spins until the
     * instruction budget runs out (a chained block looping on itself). */
    const uint32_t code[] = { 0x37280061, 0x17ffffff, BRK1 };
    ArmHarness *h = load(jit, code, 3);

    h->cpu->x[1] = 1ull << 5;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    h = load(jit, code, 3);
    h->cpu->x[1] = 0;
    CHECK_EQ(harness_run(h, 5000), HARNESS_TIMEOUT);
    CHECK(h->cpu->pc == HARNESS_CODE || h->cpu->pc == HARNESS_CODE + 4);
}
