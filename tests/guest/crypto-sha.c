/* SHA-256 and SHA-1 of "abc" computed with the Cryptographic Extension's
 * SHA instructions, checked against the published digests (FIPS 180-4
 * examples, and RFC 6234: SHA-256("abc") = ba7816bf 8f01cfea 414140de
 * 5dae2223 b00361a3 96177a9c b410ff61 f20015ad, SHA-1("abc") = a9993e36
 * 4706816a ba3e2571 7850c26c 9cd0d89d).
 *
 * The compression functions follow the usual instruction sequences: four
 * rounds per SHA256H/SHA256H2 (or SHA1C/SHA1P/SHA1M with SHA1H for the
 * next e) and the message schedule by SHA256SU0/SU1 (SHA1SU0/SU1). Each
 * instruction runs in its own inline asm block with its operands loaded
 * from and stored to memory (LDR/STR Q), and the lane additions (W + K,
 * the final state update) and the big-endian message words are done in C:
 * vector ADD and REV32 belong to other instruction classes. CPACR_EL1.FPEN
 * is enabled first (the runtime leaves FP/SIMD trapped). */
#include "guest.h"

typedef struct Vec {
    uint32_t w[4];
} __attribute__((aligned(16))) Vec;

static void enable_fp(void)
{
    __asm__ volatile("msr cpacr_el1, %0\n isb" : : "r"(3ul << 20));
}

/* One three-register instruction "op v0, v1, v2" on *d, *n, *m -> *d. */
#define SHA3(name, insn)                                                    \
    static void name(Vec *d, const Vec *n, const Vec *m)                    \
    {                                                                       \
        __asm__ volatile(".arch armv8-a+crypto\n"                           \
                         "ldr q0, [%0]\n ldr q1, [%1]\n ldr q2, [%2]\n"     \
                         insn "\n str q0, [%0]"                             \
                         : : "r"(d), "r"(n), "r"(m)                         \
                         : "memory", "v0", "v1", "v2");                     \
    }
/* One two-register instruction "op v0, v1" on *d, *n -> *d. */
#define SHA2(name, insn)                                                    \
    static void name(Vec *d, const Vec *n)                                  \
    {                                                                       \
        __asm__ volatile(".arch armv8-a+crypto\n"                           \
                         "ldr q0, [%0]\n ldr q1, [%1]\n"                    \
                         insn "\n str q0, [%0]"                             \
                         : : "r"(d), "r"(n) : "memory", "v0", "v1");        \
    }

SHA3(sha256h, "sha256h q0, q1, v2.4s")
SHA3(sha256h2, "sha256h2 q0, q1, v2.4s")
SHA3(sha256su1, "sha256su1 v0.4s, v1.4s, v2.4s")
SHA2(sha256su0, "sha256su0 v0.4s, v1.4s")
SHA3(sha1c, "sha1c q0, s1, v2.4s")
SHA3(sha1p, "sha1p q0, s1, v2.4s")
SHA3(sha1m, "sha1m q0, s1, v2.4s")
SHA3(sha1su0, "sha1su0 v0.4s, v1.4s, v2.4s")
SHA2(sha1su1, "sha1su1 v0.4s, v1.4s")
SHA2(sha1h, "sha1h s0, s1")

/* FIPS 180-4 5.1.1 padding of "abc" into one 512-bit block, as 16
 * big-endian words (4.2.2/5.3 use the same for SHA-1 and SHA-256). */
static void abc_block(Vec w[4])
{
    for (unsigned i = 0; i < 16; i++) {
        w[i / 4].w[i % 4] = 0;
    }
    w[0].w[0] = 0x61626380u;        /* 'a' 'b' 'c' then the 1 bit */
    w[3].w[3] = 24;                 /* message length in bits */
}

static Vec add4(const Vec *a, const uint32_t *k)
{
    Vec r;

    for (unsigned i = 0; i < 4; i++) {
        r.w[i] = a->w[i] + k[i];
    }
    return r;
}

/* FIPS 180-4 4.2.2: the SHA-256 round constants. */
static const uint32_t k256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

static void sha256_abc(void)
{
    static const uint32_t h0[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,   /* FIPS 180-4 5.3.3 */
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    static const uint32_t want[8] = {
        0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
        0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
    };
    Vec w[4], abcd, efgh, wk, save;

    abc_block(w);
    for (unsigned i = 0; i < 4; i++) {
        abcd.w[i] = h0[i];
        efgh.w[i] = h0[4 + i];
    }
    for (unsigned g = 0; g < 16; g++) {          /* four rounds each */
        Vec *cur = &w[g % 4];
        if (g >= 4) {
            /* W[4g..4g+3] from the four previous groups, in place of the
             * oldest: SU0(W0, W1) then SU1(., W2, W3) */
            sha256su0(cur, &w[(g + 1) % 4]);
            sha256su1(cur, &w[(g + 2) % 4], &w[(g + 3) % 4]);
        }
        wk = add4(cur, &k256[4 * g]);
        save = abcd;
        sha256h(&abcd, &efgh, &wk);
        sha256h2(&efgh, &save, &wk);
    }
    for (unsigned i = 0; i < 4; i++) {
        GUEST_CHECK_EQ(abcd.w[i] + h0[i], want[i]);
        GUEST_CHECK_EQ(efgh.w[i] + h0[4 + i], want[4 + i]);
    }
}

static void sha1_abc(void)
{
    static const uint32_t h0[5] = {                /* FIPS 180-4 5.3.1 */
        0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
    };
    static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    static const uint32_t want[5] = {
        0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d,
    };
    Vec w[4], abcd, e = { { h0[4], 0, 0, 0 } }, e_next, wk;

    abc_block(w);
    for (unsigned i = 0; i < 4; i++) {
        abcd.w[i] = h0[i];
    }
    for (unsigned g = 0; g < 20; g++) {          /* four rounds each */
        Vec *cur = &w[g % 4];
        uint32_t kk[4] = { k[g / 5], k[g / 5], k[g / 5], k[g / 5] };
        if (g >= 4) {
            /* W[4g..] = SU1(SU0(W0, W1, W2), W3), in place of the oldest */
            sha1su0(cur, &w[(g + 1) % 4], &w[(g + 2) % 4]);
            sha1su1(cur, &w[(g + 3) % 4]);
        }
        wk = add4(cur, kk);
        /* after four rounds e is the old a rotated by 30 (SHA1H) */
        sha1h(&e_next, &abcd);
        if (g < 5) {
            sha1c(&abcd, &e, &wk);
        } else if (g < 10 || g >= 15) {
            sha1p(&abcd, &e, &wk);
        } else {
            sha1m(&abcd, &e, &wk);
        }
        e = e_next;
    }
    for (unsigned i = 0; i < 4; i++) {
        GUEST_CHECK_EQ(abcd.w[i] + h0[i], want[i]);
    }
    GUEST_CHECK_EQ(e.w[0] + h0[4], want[4]);
}

int test_main(void)
{
    enable_fp();
    sha256_abc();
    sha1_abc();
    return guest_failures;
}
