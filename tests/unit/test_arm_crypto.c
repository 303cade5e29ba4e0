/* Known-answer tests of the AES instructions: whole AES-128 encryptions
 * and decryptions built from AESE/AESMC and AESD/AESIMC, checked against
 * FIPS-197's published examples (Appendix B: key 2b7e1516..., input
 * 3243f6a8... -> 3925841d...; Appendix C.1: key 000102..0f, input
 * 00112233..ff -> 69c4e0d8...). The key schedule (FIPS-197 5.2) is
 * computed here with SubWord done by AESE on a vector holding the word in
 * all four columns (ShiftRows then moves nothing), so every S-box use
 * also goes through armlet. Both backends. SHA-1/SHA-256 known answers are
 * in the guest test tests/guest/crypto-sha.c. */
#include "tests/unit/test.h"

#include "tests/unit/arm_harness.h"

#define AESE(d, n)   (0x4e284800u | (n) << 5 | (d))
#define AESD(d, n)   (0x4e285800u | (n) << 5 | (d))
#define AESMC(d, n)  (0x4e286800u | (n) << 5 | (d))
#define AESIMC(d, n) (0x4e287800u | (n) << 5 | (d))

typedef struct Block {
    uint8_t b[16];
} Block;

/* Run one instruction with V0 = *v0, V1 = *v1; returns V0. */
static Block exec2(ArmHarness *h, uint32_t insn, const Block *v0, const Block *v1)
{
    Block out;

    harness_load(h, &insn, 1);
    h->cpu->sr.cpacr_el1 = 3u << 20;
    memcpy(h->cpu->vreg[0], v0->b, 16);
    memcpy(h->cpu->vreg[1], v1->b, 16);
    CHECK_EQ(harness_run(h, 10), HARNESS_DONE);
    memcpy(out.b, h->cpu->vreg[0], 16);
    return out;
}

static Block from_hex(const char *hex)
{
    Block b;

    for (int i = 0; i < 16; i++) {
        unsigned v;
        CHECK(sscanf(hex + 2 * i, "%2x", &v) == 1);
        b.b[i] = (uint8_t)v;
    }
    return b;
}

static void check_block(const Block *got, const char *want_hex)
{
    Block want = from_hex(want_hex);

    for (int i = 0; i < 16; i++) {
        if (got->b[i] != want.b[i]) {
            fprintf(stderr, "  byte %d: got %02x want %02x (want %s)\n", i, got->b[i],
                    want.b[i], want_hex);
        }
        CHECK_EQ(got->b[i], want.b[i]);
    }
}

/* FIPS-197 5.2 KeyExpansion for Nk = 4: rk[r] holds w[4r..4r+3]. */
static void expand_key(ArmHarness *h, const Block *key, Block rk[11])
{
    static const uint8_t rcon[10] = { 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80,
                                      0x1b, 0x36 };
    Block zero = { { 0 } };

    rk[0] = *key;
    for (int r = 1; r <= 10; r++) {
        const uint8_t *prev = rk[r - 1].b;
        Block dup;
        /* RotWord of the last word, in all four columns */
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 4; i++) {
                dup.b[4 * c + i] = prev[12 + (i + 1) % 4];
            }
        }
        Block sub = exec2(h, AESE(0, 1), &dup, &zero);   /* SubWord */
        for (int i = 0; i < 4; i++) {
            rk[r].b[i] = prev[i] ^ sub.b[i] ^ (i == 0 ? rcon[r - 1] : 0);
        }
        for (int i = 4; i < 16; i++) {
            rk[r].b[i] = prev[i] ^ rk[r].b[i - 4];
        }
    }
}

/* Cipher (FIPS-197 5.1): AESE does AddRoundKey, ShiftRows, SubBytes, so
 * rounds 1..9 are AESE(rk[r-1]) + AESMC, the last AESE(rk[9]) and a final
 * XOR with rk[10]. */
static Block encrypt(ArmHarness *h, const Block rk[11], const Block *in)
{
    Block s = *in, none = { { 0 } };

    for (int r = 0; r < 10; r++) {
        s = exec2(h, AESE(0, 1), &s, &rk[r]);
        if (r < 9) {
            s = exec2(h, AESMC(0, 1), &none, &s);
        }
    }
    for (int i = 0; i < 16; i++) {
        s.b[i] ^= rk[10].b[i];
    }
    return s;
}

/* Equivalent inverse cipher (FIPS-197 5.3.5): round keys 9..1 go through
 * InvMixColumns (AESIMC); AESD does AddRoundKey, InvShiftRows,
 * InvSubBytes; AESIMC follows every AESD but the last. */
static Block decrypt(ArmHarness *h, const Block rk[11], const Block *in)
{
    Block s = *in, none = { { 0 } };

    for (int r = 10; r >= 1; r--) {
        Block k = r == 10 ? rk[10] : exec2(h, AESIMC(0, 1), &none, &rk[r]);
        s = exec2(h, AESD(0, 1), &s, &k);
        if (r > 1) {
            s = exec2(h, AESIMC(0, 1), &none, &s);
        }
    }
    for (int i = 0; i < 16; i++) {
        s.b[i] ^= rk[0].b[i];
    }
    return s;
}

static void fips197(JitMode jit, const char *key_hex, const char *in_hex, const char *out_hex)
{
    ArmHarness *h = harness_new(jit);
    Block key = from_hex(key_hex), in = from_hex(in_hex), rk[11];

    expand_key(h, &key, rk);
    Block ct = encrypt(h, rk, &in);
    check_block(&ct, out_hex);
    Block pt = decrypt(h, rk, &ct);
    check_block(&pt, in_hex);
}

TEST(aes128_fips197_appendix_b)
{
    for (int jit = 0; jit < 2; jit++) {
        fips197(jit ? JIT_NATIVE : JIT_INTERP, "2b7e151628aed2a6abf7158809cf4f3c",
                "3243f6a8885a308d313198a2e0370734", "3925841d02dc09fbdc118597196a0b32");
    }
}

TEST(aes128_fips197_appendix_c1)
{
    for (int jit = 0; jit < 2; jit++) {
        fips197(jit ? JIT_NATIVE : JIT_INTERP, "000102030405060708090a0b0c0d0e0f",
                "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a");
    }
}

/* FIPS-197 Appendix A.1: the last round key of the Appendix B key is
 * w40..w43 = d014f9a8 c9ee2589 e13f0cc8 b6630ca6 (a check on SubWord via
 * AESE independent of the cipher). */
TEST(aes128_key_expansion_fips197_a1)
{
    ArmHarness *h = harness_new(JIT_INTERP);
    Block key = from_hex("2b7e151628aed2a6abf7158809cf4f3c"), rk[11];

    expand_key(h, &key, rk);
    check_block(&rk[10], "d014f9a8c9ee2589e13f0cc8b6630ca6");
}

/* Rd == Rn: the operands are read before the result is written. AESE with
 * the same register XORs it with itself (zero), so the result is
 * SubBytes(0) in every byte: 0x63 (FIPS-197 Figure 7, S-box entry 00). */
TEST(aese_same_register)
{
    ArmHarness *h = harness_new(JIT_NATIVE);
    Block v = from_hex("00112233445566778899aabbccddeeff"), none = { { 0 } };
    Block r = exec2(h, AESE(0, 0), &v, &none);

    check_block(&r, "63636363636363636363636363636363");
}

/* CPACR_EL1.FPEN = 0 traps the crypto instructions like any FP/SIMD
 * instruction (EC 0x07), leaving V0 alone. */
TEST(aes_traps_without_fpen)
{
    ArmHarness *h = harness_new(JIT_INTERP);
    uint32_t insn = AESMC(0, 1);

    harness_load(h, &insn, 1);
    h->cpu->sr.cpacr_el1 = 0;
    h->cpu->vreg[0][0] = 0x1234;
    CHECK_EQ(harness_run(h, 10), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 >> 26, 0x07);
    CHECK_EQ(h->cpu->vreg[0][0], 0x1234);
}
