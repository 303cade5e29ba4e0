/* Exception-generating instructions through the whole CPU pipeline:
 * decode, translate, run, exception entry (ESR/ELR/SPSR, vector). */
#include "tests/unit/test.h"

#include "target-arm/exception.h"
#include "tests/unit/arm_harness.h"

static void run_one(JitMode jit, uint32_t insn, int el, uint64_t want_esr, uint64_t want_elr)
{
    ArmHarness *h = harness_new(jit);
    harness_load(h, &insn, 1);
    if (el == 0) {
        harness_set_el0(h);
    }
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, want_esr);
    CHECK_EQ(h->cpu->sr.elr_el1, want_elr);
    CHECK_EQ(h->cpu->el, 1);
    CHECK_EQ(h->cpu->daif, PSTATE_DAIF);
    /* SPSR holds the interrupted PSTATE: EL0t = 0, EL1h = 5 in M[3:0] */
    CHECK_EQ(h->cpu->sr.spsr_el1 & 0xf, el == 0 ? 0 : 5);
    /* the vector: current EL with SP_ELx = +0x200, lower EL = +0x400;
     * the stop hvc there reports where it was */
    CHECK_EQ(h->cpu->jit.restore_pc, HARNESS_VBAR + (el == 0 ? 0x400 : 0x200));
}

TEST(svc_from_el1_and_el0)
{
    /* svc #0x1234: ESR = EC 0x15, IL, ISS 0x1234; ELR = next instruction */
    run_one(JIT_INTERP, 0xd4024681, 1, (0x15ull << 26) | (1u << 25) | 0x1234, HARNESS_CODE + 4);
    run_one(JIT_INTERP, 0xd4024681, 0, (0x15ull << 26) | (1u << 25) | 0x1234, HARNESS_CODE + 4);
}

TEST(brk_reports_this_instruction)
{
    /* brk #7: EC 0x3c, ELR = the BRK itself */
    run_one(JIT_INTERP, 0xd42000e0, 1, (0x3cull << 26) | (1u << 25) | 7, HARNESS_CODE);
}

TEST(hvc_at_el0_and_hlt_are_undefined)
{
    /* hvc #0 at EL0 and hlt #0 are UNDEFINED: EC 0 with IL set */
    run_one(JIT_INTERP, 0xd4000002, 0, 1u << 25, HARNESS_CODE);
    run_one(JIT_INTERP, 0xd4400000, 1, 1u << 25, HARNESS_CODE);
}

TEST(unallocated_word_is_undefined)
{
    run_one(JIT_INTERP, 0x00000000, 1, 1u << 25, HARNESS_CODE);
}
