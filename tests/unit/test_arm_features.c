/* The ID registers advertise exactly the features armlet implements: a
 * guest (Linux's cpufeature code) reads them with MRS and patches itself. */
#include "tests/unit/test.h"

#include "tests/unit/arm_harness.h"

/* MRS x0, <reg> for op0=3, op1=0, CRn=0, CRm, op2 (C6.2.194 MRS). */
static uint64_t read_id(JitMode jit, unsigned crm, unsigned op2)
{
    ArmHarness *h = harness_new(jit);
    uint32_t mrs = 0xd5380000u | (crm << 8) | (op2 << 5);

    harness_load(h, &mrs, 1);
    CHECK_EQ(harness_run(h, 10), HARNESS_DONE);
    return h->cpu->x[0];
}

TEST(isar0_advertises_crypto_crc32_and_lse_only)
{
    for (int jit = 0; jit < 2; jit++) {
        uint64_t v = read_id(jit ? JIT_NATIVE : JIT_INTERP, 6, 0);
        CHECK_EQ((v >> 4) & 0xf, 2);    /* AES instructions plus 64-bit PMULL */
        CHECK_EQ((v >> 8) & 0xf, 1);    /* SHA1 instructions */
        CHECK_EQ((v >> 12) & 0xf, 1);   /* SHA256 instructions (no SHA512) */
        CHECK_EQ((v >> 16) & 0xf, 1);   /* CRC32 instructions */
        CHECK_EQ((v >> 20) & 0xf, 2);   /* Atomic: ARMv8.1 LSE */
        CHECK_EQ(v >> 24, 0);           /* nothing later */
    }
}

TEST(pfr0_says_el0_el1_aarch64_only_with_fp)
{
    uint64_t v = read_id(JIT_INTERP, 4, 0);

    CHECK_EQ(v & 0xf, 1);               /* EL0: AArch64 only */
    CHECK_EQ((v >> 4) & 0xf, 1);        /* EL1: AArch64 only */
    CHECK_EQ((v >> 8) & 0xf, 0);        /* EL2: not implemented */
    CHECK_EQ((v >> 12) & 0xf, 0);       /* EL3: not implemented */
    CHECK_EQ((v >> 16) & 0xf, 0);       /* FP: implemented, no half-precision arithmetic */
    CHECK_EQ((v >> 20) & 0xf, 0);       /* AdvSIMD: the same */
    CHECK_EQ((v >> 24) & 0xf, 0);       /* GIC: no system-register interface here */
}
