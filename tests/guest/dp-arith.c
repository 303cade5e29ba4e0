/* Integer data processing as compiled code uses it: 128-bit arithmetic
 * (ADDS/ADC, MUL/UMULH/SMULH), division edge cases (C6.2 SDIV/UDIV: a zero
 * divisor gives 0, INT64_MIN / -1 gives INT64_MIN), bit counting and byte
 * reversal (CLZ, RBIT, CLS, REV), bitfields (UBFX/BFI) and conditional
 * selects, plus CRC32/CRC32C against the standard check values of
 * "123456789" (0xCBF43926, 0xE3069283). Inputs are volatile so the
 * compiler cannot fold the answers. */
#include "guest.h"

static volatile uint64_t v_max = UINT64_MAX, v_min = 0x8000000000000000ull, v_m1 = UINT64_MAX;
static volatile uint64_t v_zero = 0, v_seven = 7, v_pattern = 0x0123456789abcdefull;
static const char check_str[] = "123456789";

static uint64_t sdiv(uint64_t n, uint64_t m)
{
    uint64_t r;
    __asm__("sdiv %0, %1, %2" : "=r"(r) : "r"(n), "r"(m));
    return r;
}

static uint64_t udiv(uint64_t n, uint64_t m)
{
    uint64_t r;
    __asm__("udiv %0, %1, %2" : "=r"(r) : "r"(n), "r"(m));
    return r;
}

static uint32_t crc32b(uint32_t acc, uint8_t b)
{
    __asm__(".arch_extension crc\n crc32b %w0, %w0, %w1" : "+r"(acc) : "r"((uint32_t)b));
    return acc;
}

static uint32_t crc32cb(uint32_t acc, uint8_t b)
{
    __asm__(".arch_extension crc\n crc32cb %w0, %w0, %w1" : "+r"(acc) : "r"((uint32_t)b));
    return acc;
}

static uint32_t crc32x(uint32_t acc, uint64_t v)
{
    __asm__(".arch_extension crc\n crc32x %w0, %w0, %x1" : "+r"(acc) : "r"(v));
    return acc;
}

struct fields {
    uint32_t lo : 5, mid : 11, hi : 16;
};

int test_main(void)
{
    /* 128-bit: (2^64 - 1)^2 = 2^128 - 2^65 + 1 ; (2^64 - 1) + 1 carries */
    unsigned __int128 p = (unsigned __int128)v_max * v_max;
    GUEST_CHECK_EQ((uint64_t)(p >> 64), 0xfffffffffffffffeull);
    GUEST_CHECK_EQ((uint64_t)p, 1);
    __int128 sp = (__int128)(int64_t)v_min * (int64_t)v_m1;   /* 2^63 */
    GUEST_CHECK_EQ((uint64_t)(sp >> 64), 0);
    GUEST_CHECK_EQ((uint64_t)sp, 0x8000000000000000ull);
    unsigned __int128 s = ((unsigned __int128)v_seven << 64 | v_max) + 1;
    GUEST_CHECK_EQ((uint64_t)(s >> 64), 8);
    GUEST_CHECK_EQ((uint64_t)s, 0);

    /* division */
    GUEST_CHECK_EQ(sdiv(v_min, v_m1), 0x8000000000000000ull);
    GUEST_CHECK_EQ(sdiv(v_seven, v_zero), 0);
    GUEST_CHECK_EQ(udiv(v_max, v_zero), 0);
    GUEST_CHECK_EQ(sdiv(-v_seven, 2), (uint64_t)-3);
    GUEST_CHECK_EQ(v_max / v_seven, 0x2492492492492492ull);
    GUEST_CHECK_EQ(v_max % v_seven, 1);

    /* counting and reversal */
    GUEST_CHECK_EQ(__builtin_clzll(v_seven), 61);
    GUEST_CHECK_EQ(__builtin_ctzll(v_min), 63);
    GUEST_CHECK_EQ(__builtin_clrsbll((int64_t)v_m1), 63);
    GUEST_CHECK_EQ(__builtin_bswap64(v_pattern), 0xefcdab8967452301ull);
    GUEST_CHECK_EQ(__builtin_bswap32((uint32_t)v_pattern), 0xefcdab89u);

    /* bitfields and selects */
    struct fields f = { 0 };
    f.mid = (uint32_t)v_pattern;
    f.hi = (uint32_t)(v_pattern >> 16);
    GUEST_CHECK_EQ(f.mid, 0x5ef);
    GUEST_CHECK_EQ(f.hi, 0x89ab);
    GUEST_CHECK_EQ((v_pattern >> 20) & 0xfff, 0x89a);
    int64_t acc = 0;
    for (int64_t i = -5; i <= 5; i++) {
        acc += i < 0 ? -i : i * 2;                 /* 15 + 30 */
    }
    GUEST_CHECK_EQ(acc, 45);

    /* CRC-32 and CRC-32C: start from ~0, invert at the end */
    uint32_t c = 0xffffffff, cc = 0xffffffff;
    for (const char *q = check_str; *q; q++) {
        c = crc32b(c, (uint8_t)*q);
        cc = crc32cb(cc, (uint8_t)*q);
    }
    GUEST_CHECK_EQ(c ^ 0xffffffffu, 0xcbf43926u);
    GUEST_CHECK_EQ(cc ^ 0xffffffffu, 0xe3069283u);
    c = crc32b(crc32x(0xffffffff, 0x3837363534333231ull), '9');
    GUEST_CHECK_EQ(c ^ 0xffffffffu, 0xcbf43926u);
    return guest_failures;
}
