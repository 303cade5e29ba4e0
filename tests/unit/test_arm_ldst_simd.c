/* Directed tests of the SIMD&FP loads and stores where Unicorn cannot be
 * the reference: faults part-way through structure and pair accesses (the
 * base register is not written back, FAR is the first faulting element's
 * address), alignment to the element or register size on Device memory
 * (MMU off), the FP/SIMD access trap taken before any memory access, and
 * the SP alignment check. EL1, MMU off (harness default), both backends.
 * Values come from the Arm ARM pseudocode, worked by hand in comments. */
#include "tests/unit/test.h"

#include "target-arm/exception.h"
#include "tests/unit/arm_harness.h"

#define D HARNESS_DATA
#define RAM_END (HARNESS_RAM_BASE + HARNESS_RAM_SIZE)   /* nothing mapped from here */

#define DFSC_EXTERNAL 0x10
#define DFSC_ALIGN    0x21

/* Encodings from the GNU assembler (aarch64-linux-gnu-as 2.40). */
#define LD1_4x2D_POST_X0  0x4cdf2c04u  /* ld1 {v4.2d-v7.2d}, [x0], #64 */
#define LD1_4x16B_POST_X0 0x4cdf2000u  /* ld1 {v0.16b-v3.16b}, [x0], #64 */
#define ST1_4x2D_POST_X0  0x4c9f2c04u  /* st1 {v4.2d-v7.2d}, [x0], #64 */
#define LDR_Q0_X0         0x3dc00000u  /* ldr q0, [x0] */
#define LDR_Q0_SP         0x3dc003e0u  /* ldr q0, [sp] */
#define LD1_4S_X0         0x4c407800u  /* ld1 {v0.4s}, [x0] */
#define LD1_16B_X0        0x4c407000u  /* ld1 {v0.16b}, [x0] */
#define LDP_Q0_Q1_X0_PRE  0xadc00400u  /* ldp q0, q1, [x0, #0]! */
#define LD4R_4S_POST_X0   0x4dffe800u  /* ld4r {v0.4s-v3.4s}, [x0], #16 */

#define TEST_BOTH(name)                                     \
    static void name##_body(JitMode jit);                   \
    TEST(name##_interp) { name##_body(JIT_INTERP); }        \
    TEST(name##_native) { name##_body(JIT_NATIVE); }        \
    static void name##_body(JitMode jit)

static ArmHarness *load1(JitMode jit, uint32_t insn)
{
    ArmHarness *h = harness_new(jit);

    harness_load(h, &insn, 1);
    h->cpu->sr.cpacr_el1 = 3u << 20;
    return h;
}

static void fill_vregs(ArmHarness *h)
{
    for (int i = 0; i < 32; i++) {
        h->cpu->vreg[i][0] = 0x1111111111111111ull * (uint64_t)(i % 15 + 1);
        h->cpu->vreg[i][1] = ~h->cpu->vreg[i][0];
    }
}

static void check_vregs_unchanged(ArmHarness *h)
{
    for (int i = 0; i < 32; i++) {
        CHECK_EQ(h->cpu->vreg[i][0], 0x1111111111111111ull * (uint64_t)(i % 15 + 1));
        CHECK_EQ(h->cpu->vreg[i][1], ~h->cpu->vreg[i][0]);
    }
}

static void run_ok(ArmHarness *h)
{
    HarnessStop st = harness_run(h, 100);

    if (st == HARNESS_EXCEPTION) {
        fprintf(stderr, "  exception: ESR 0x%" PRIx64 " FAR 0x%" PRIx64 "\n",
                h->cpu->sr.esr_el1, h->cpu->sr.far_el1);
    }
    CHECK_EQ(st, HARNESS_DONE);
}

/* A data abort from the first (only) instruction. */
static void run_abort(ArmHarness *h, unsigned dfsc, bool wnr, uint64_t far)
{
    uint64_t esr;

    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    esr = h->cpu->sr.esr_el1;
    CHECK_EQ(esr >> 26, EC_DABT_SAME);
    CHECK_EQ(esr & 0x3f, dfsc);
    CHECK_EQ((esr >> 6) & 1, wnr);
    CHECK_EQ(h->cpu->sr.far_el1, far);
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE);
}

/* Run insn (base x0 = start), expecting a data abort whose FAR is RAM_END,
 * the first byte past RAM. An aborted instruction does not write back its
 * base, and, armlet's choice among the UNKNOWN values a load may leave,
 * every vector register is unchanged. */
static ArmHarness *fault_at_ram_end(JitMode jit, uint32_t insn, uint64_t start, bool store)
{
    ArmHarness *h = load1(jit, insn);

    fill_vregs(h);
    h->cpu->x[0] = start;
    run_abort(h, DFSC_EXTERNAL, store, RAM_END);
    CHECK_EQ(h->cpu->x[0], start);
    check_vregs_unchanged(h);
    return h;
}

/* LD1 {v4.2d-v7.2d}, [x0], #64 from RAM_END - 40: elements at -40, -32,
 * -24, -16, -8 are RAM, the sixth (V6 lane 1) is the first byte past it. */
TEST_BOTH(ld1_four_registers_faulting_part_way)
{
    fault_at_ram_end(jit, LD1_4x2D_POST_X0, RAM_END - 40, false);
}

/* Byte elements: the faulting element is exactly the first byte past RAM,
 * however the 64 bytes straddle it (RAM_END - 37: the 38th element). */
TEST_BOTH(ld1_byte_elements_fault_at_the_exact_byte)
{
    fault_at_ram_end(jit, LD1_4x16B_POST_X0, RAM_END - 37, false);
}

/* ST1 {v4.2d-v7.2d}, [x0], #64 from RAM_END - 40: the five elements before
 * the fault (V4 lanes 0-1, V5 lanes 0-1, V6 lane 0) are stored in order. */
TEST_BOTH(st1_four_registers_faulting_part_way)
{
    ArmHarness *h = fault_at_ram_end(jit, ST1_4x2D_POST_X0, RAM_END - 40, true);
    const uint64_t want[5] = { h->cpu->vreg[4][0], h->cpu->vreg[4][1], h->cpu->vreg[5][0],
                               h->cpu->vreg[5][1], h->cpu->vreg[6][0] };
    uint64_t v;

    for (int i = 0; i < 5; i++) {
        CHECK_EQ(as_read(h->as, RAM_END - 40 + 8 * (uint64_t)i, 8, &v), MEMTX_OK);
        CHECK_EQ(v, want[i]);
    }
}

/* LDP q0, q1, [x0, #0]! with the second register past RAM: nothing
 * changes, not even Q0 (both are loaded before either is written). */
TEST_BOTH(ldp_q_second_register_faulting)
{
    fault_at_ram_end(jit, LDP_Q0_Q1_X0_PRE, RAM_END - 16, false);
}

/* With the MMU off all data accesses are Device memory and must be
 * aligned to their access size (AArch64.CheckAlignment via Mem[]): 16 for
 * LDR Q (one 128-bit Mem[] access), the element size for LD1. */
TEST_BOTH(alignment_is_per_register_or_element_on_device_memory)
{
    ArmHarness *h = load1(jit, LDR_Q0_X0);

    for (unsigned i = 0; i < 32; i++) {       /* D + 16 + i holds byte i */
        CHECK_EQ(as_write(h->as, D + 16 + i, 1, i), MEMTX_OK);
    }
    h->cpu->x[0] = D + 8;
    run_abort(h, DFSC_ALIGN, false, D + 8);

    harness_load(h, (const uint32_t[]){ LDR_Q0_X0 }, 1);
    h->cpu->x[0] = D + 16;
    run_ok(h);
    CHECK_EQ(h->cpu->vreg[0][0], 0x0706050403020100ull);
    CHECK_EQ(h->cpu->vreg[0][1], 0x0f0e0d0c0b0a0908ull);

    /* ld1 {v0.4s}, [x0]: 4-byte elements, so D + 20 is fine, D + 18 not */
    harness_load(h, (const uint32_t[]){ LD1_4S_X0 }, 1);
    h->cpu->x[0] = D + 20;
    run_ok(h);
    CHECK_EQ(h->cpu->vreg[0][0], 0x0b0a090807060504ull);
    CHECK_EQ(h->cpu->vreg[0][1], 0x131211100f0e0d0cull);
    harness_load(h, (const uint32_t[]){ LD1_4S_X0 }, 1);
    h->cpu->x[0] = D + 18;
    run_abort(h, DFSC_ALIGN, false, D + 18);

    /* ld1 {v0.16b}, [x0]: bytes have no alignment to keep */
    harness_load(h, (const uint32_t[]){ LD1_16B_X0 }, 1);
    h->cpu->x[0] = D + 17;
    run_ok(h);
    CHECK_EQ(h->cpu->vreg[0][0], 0x0807060504030201ull);
    CHECK_EQ(h->cpu->vreg[0][1], 0x100f0e0d0c0b0a09ull);
}

/* LD4R {v0.4s-v3.4s}, [x0], #16: four words, each replicated into all
 * four lanes of its register; x0 advances by 16. */
TEST_BOTH(ld4r_replicates_each_element)
{
    ArmHarness *h = load1(jit, LD4R_4S_POST_X0);

    h->cpu->x[0] = D;
    for (unsigned i = 0; i < 4; i++) {
        CHECK_EQ(as_write(h->as, D + 4 * i, 4, 0xa0b0c0d0u + i), MEMTX_OK);
    }
    run_ok(h);
    for (unsigned i = 0; i < 4; i++) {
        uint64_t lanes = (0xa0b0c0d0ull + i) * 0x100000001ull;
        CHECK_EQ(h->cpu->vreg[i][0], lanes);
        CHECK_EQ(h->cpu->vreg[i][1], lanes);
    }
    CHECK_EQ(h->cpu->x[0], D + 16);
}

/* CPACR_EL1.FPEN = 0: the access trap (EC 0x07) comes before any memory
 * access or SP check (CheckFPAdvSIMDEnabled64 is the first step of each
 * instruction's pseudocode): no data abort for an unmapped address, no
 * write-back, no SP alignment fault. */
TEST_BOTH(fp_trap_precedes_memory_and_sp_checks)
{
    ArmHarness *h = load1(jit, LD1_4x2D_POST_X0);

    h->cpu->sr.cpacr_el1 = 0;
    h->cpu->x[0] = RAM_END;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, ESR(EC_FP_ACCESS, ISS_FP_TRAP));
    CHECK_EQ(h->cpu->x[0], RAM_END);

    harness_load(h, (const uint32_t[]){ LDR_Q0_SP }, 1);
    h->cpu->sr.cpacr_el1 = 0;
    h->cpu->sr.sctlr_el1 |= 1u << 3;           /* SA */
    h->cpu->el = 1;
    h->cpu->sp = D + 8;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, ESR(EC_FP_ACCESS, ISS_FP_TRAP));
}

/* SCTLR_EL1.SA: an SP base that is not 16-byte aligned faults (EC 0x26)
 * for SIMD&FP loads too (D1.8.2). */
TEST_BOTH(sp_alignment_check_applies_to_simd_loads)
{
    ArmHarness *h = load1(jit, LDR_Q0_SP);

    h->cpu->sr.sctlr_el1 |= 1u << 3;
    h->cpu->sp = D + 8;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, ESR(EC_SP_ALIGN, 0));

    harness_load(h, (const uint32_t[]){ LDR_Q0_SP }, 1);
    h->cpu->sr.cpacr_el1 = 3u << 20;
    h->cpu->el = 1;
    h->cpu->sp = D + 32;
    CHECK_EQ(as_write(h->as, D + 32, 8, 42), MEMTX_OK);
    run_ok(h);
    CHECK_EQ(h->cpu->vreg[0][0], 42);
}
