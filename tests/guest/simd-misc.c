/* Advanced SIMD integer moves, permutes, shifts and reductions as library
 * code uses them: the NUL search of an AArch64 strlen (CMEQ #0, SHRN #4 to
 * a nibble mask, UMOV, then RBIT/CLZ), byte sums (UADDLV), broadcasts
 * (DUP) and reductions (ADDV, UMAXV), byte reversal by TBL against
 * REV64+EXT, ZIP/UZP round trips, modified immediates, and saturation
 * setting FPSR.QC (read back with MRS). Tests are built with
 * -mgeneral-regs-only, so vectors move in and out through INS/UMOV in
 * inline asm. Expected values follow from the Arm ARM pseudocode. */
#include "guest.h"

/* CPACR_EL1.FPEN = 0b11: no FP/SIMD traps at EL1 or EL0 (D13.2.30). */
static void enable_fp(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, cpacr_el1" : "=r"(v));
    v |= 3u << 20;
    __asm__ volatile("msr cpacr_el1, %0\n isb" : : "r"(v));
}

/* Put lo:hi into v0 with INS (general), run body, read v1's halves back
 * with UMOV. */
#define VOP(body, lo, hi, out_lo, out_hi)                                    \
    __asm__ volatile("mov v0.d[0], %2\n mov v0.d[1], %3\n" body              \
                     "\n mov %0, v1.d[0]\n mov %1, v1.d[1]"                  \
                     : "=&r"(out_lo), "=&r"(out_hi)                          \
                     : "r"(lo), "r"(hi)                                      \
                     : "v0", "v1", "v2", "memory")

/* Index of the first zero byte in the 16 bytes lo:hi, 16 if none: the
 * NUL test of glibc's strlen/memchr (CMEQ, SHRN #4 gives 4 bits per byte). */
static unsigned first_nul(uint64_t lo, uint64_t hi)
{
    uint64_t mask, unused;

    VOP("cmeq v1.16b, v0.16b, #0\n shrn v1.8b, v1.8h, #4", lo, hi, mask, unused);
    (void)unused;
    if (mask == 0) {
        return 16;
    }
    return (unsigned)__builtin_ctzll(mask) / 4;
}

static void test_strlen_core(void)
{
    /* "hello" then NUL */
    GUEST_CHECK_EQ(first_nul(0x41006f6c6c6568ull, 0x4141414141414141ull), 5);
    GUEST_CHECK_EQ(first_nul(0x0101010101010101ull, 0x0101000101010101ull), 13);
    GUEST_CHECK_EQ(first_nul(0, 0), 0);
    GUEST_CHECK_EQ(first_nul(~0ull, ~0ull), 16);
    GUEST_CHECK_EQ(first_nul(0x8080808080808080ull, 0x0080808080808080ull), 15);
}

static void test_reductions(void)
{
    uint64_t lo, hi;

    /* bytes 1..16: UADDLV sums to 136 in a halfword, the rest cleared */
    VOP("uaddlv h1, v0.16b", 0x0807060504030201ull, 0x100f0e0d0c0b0a09ull, lo, hi);
    GUEST_CHECK_EQ(lo, 136);
    GUEST_CHECK_EQ(hi, 0);
    /* 16 x 0xff: ADDV wraps to 0xf0 in a byte */
    VOP("addv b1, v0.16b", ~0ull, ~0ull, lo, hi);
    GUEST_CHECK_EQ(lo, 0xf0);
    /* UMAXV / SMINV over halfwords */
    VOP("umaxv h1, v0.8h", 0x0001800000027fffull, 0x0003000400050006ull, lo, hi);
    GUEST_CHECK_EQ(lo, 0x8000);
    VOP("sminv h1, v0.8h", 0x0001800000027fffull, 0x0003000400050006ull, lo, hi);
    GUEST_CHECK_EQ(lo, 0x8000);
    /* DUP from a W register, then ADDV: 8 x 7 */
    __asm__ volatile("dup v1.8h, %w2\n addv h1, v1.8h\n mov %0, v1.d[0]\n mov %1, v1.d[1]"
                     : "=&r"(lo), "=&r"(hi) : "r"(0x10007u) : "v1");
    GUEST_CHECK_EQ(lo, 56);
    GUEST_CHECK_EQ(hi, 0);
}

static void test_permutes(void)
{
    uint64_t lo, hi, lo2, hi2;
    const uint64_t a = 0x0706050403020100ull, b = 0x0f0e0d0c0b0a0908ull;

    /* TBL with indices 15..0 reverses the bytes; so do REV64 + EXT #8 */
    __asm__ volatile("mov v0.d[0], %2\n mov v0.d[1], %3\n"
                     "mov v2.d[0], %4\n mov v2.d[1], %5\n"
                     "tbl v1.16b, {v0.16b}, v2.16b\n"
                     "mov %0, v1.d[0]\n mov %1, v1.d[1]"
                     : "=&r"(lo), "=&r"(hi)
                     : "r"(a), "r"(b), "r"(0x08090a0b0c0d0e0full), "r"(0x0001020304050607ull)
                     : "v0", "v1", "v2");
    VOP("rev64 v1.16b, v0.16b\n ext v1.16b, v1.16b, v1.16b, #8", a, b, lo2, hi2);
    GUEST_CHECK_EQ(lo, 0x08090a0b0c0d0e0full);
    GUEST_CHECK_EQ(hi, 0x0001020304050607ull);
    GUEST_CHECK_EQ(lo2, lo);
    GUEST_CHECK_EQ(hi2, hi);
    /* ZIP1 of a vector with itself doubles every low byte; UZP1 undoes it */
    VOP("zip1 v1.16b, v0.16b, v0.16b", a, b, lo, hi);
    GUEST_CHECK_EQ(lo, 0x0303020201010000ull);
    GUEST_CHECK_EQ(hi, 0x0707060605050404ull);
    VOP("zip1 v2.8h, v0.8h, v0.8h\n zip2 v1.8h, v0.8h, v0.8h\n uzp1 v1.8h, v2.8h, v1.8h", a, b,
        lo, hi);
    GUEST_CHECK_EQ(lo, a);
    GUEST_CHECK_EQ(hi, b);
    /* TRN2 .4s takes the odd words of both operands pairwise */
    VOP("movi v2.4s, #0x11\n trn2 v1.4s, v0.4s, v2.4s", a, b, lo, hi);
    GUEST_CHECK_EQ(lo, 0x0000001107060504ull);
    GUEST_CHECK_EQ(hi, 0x000000110f0e0d0cull);
}

static void test_immediates_and_shifts(void)
{
    uint64_t lo, hi;

    VOP("movi v1.4s, #0xab, lsl #8", 0, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0x0000ab000000ab00ull);
    GUEST_CHECK_EQ(hi, 0x0000ab000000ab00ull);
    VOP("mvni v1.8h, #0x12, lsl #8\n mov v1.d[1], xzr", 0, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0xedffedffedffedffull);
    GUEST_CHECK_EQ(hi, 0);
    /* ORR/BIC (vector, immediate); the 64-bit form clears the top */
    VOP("movi v1.2d, #0\n orr v1.4h, #0x80", 0, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0x0080008000800080ull);
    GUEST_CHECK_EQ(hi, 0);
    VOP("mvni v1.4s, #0\n bic v1.4s, #0xff, lsl #8", 0, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0xffff00ffffff00ffull);
    GUEST_CHECK_EQ(hi, 0xffff00ffffff00ffull);
    /* USHLL (UXTL) widens, SHRN narrows back */
    VOP("uxtl v1.8h, v0.8b\n shl v1.8h, v1.8h, #4\n shrn v1.8b, v1.8h, #4", 0x8040201008040201ull,
        0, lo, hi);
    GUEST_CHECK_EQ(lo, 0x8040201008040201ull);
    GUEST_CHECK_EQ(hi, 0);
    /* SSHR by the element size keeps only the sign */
    VOP("sshr v1.16b, v0.16b, #8", 0x807f01ff00800001ull, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0xff0000ff00ff0000ull);
    GUEST_CHECK_EQ(hi, 0);
}

static void test_saturation(void)
{
    uint64_t lo, hi;

    guest_fpsr_write(0);
    /* no saturation: QC stays clear */
    VOP("sqxtn v1.8b, v0.8h", 0x0001ff80007f0000ull, 0xffff000200030004ull, lo, hi);
    GUEST_CHECK_EQ(lo, 0xff02030401807f00ull);
    GUEST_CHECK_EQ(hi, 0);
    GUEST_CHECK_EQ(guest_fpsr_read() & (1u << 27), 0);
    /* SQABS of the most negative byte saturates to 0x7f and sets QC */
    VOP("sqabs v1.16b, v0.16b", 0x80ull, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0x7f);
    GUEST_CHECK_EQ(guest_fpsr_read() & (1u << 27), 1u << 27);
    /* QC is sticky until written */
    VOP("abs v1.16b, v0.16b", 0x80ull, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0x80);
    GUEST_CHECK_EQ(guest_fpsr_read() & (1u << 27), 1u << 27);
    guest_fpsr_write(0);
}

int test_main(void)
{
    enable_fp();
    test_strlen_core();
    test_reductions();
    test_permutes();
    test_immediates_and_shifts();
    test_saturation();
    return guest_failures;
}
