/* Advanced SIMD integer arithmetic as a guest program uses it: rounds of
 * pseudo-random lanes (mixed with the saturation edges) go through one
 * instruction each of the three-same, three-different and by-element
 * classes, and every lane is compared with a plain-C reference written
 * from the C6.2 pseudocode (SatQ, rounding shifts, PolynomialMult), QC
 * included. A few fixed cases pin values worked out by hand.
 *
 * The runtime is built with -mgeneral-regs-only, so vectors move through
 * memory (LDR/STR Q) inside the asm. FP/SIMD is enabled here
 * (CPACR_EL1.FPEN = 0b11, D13.2.30) before the first vector instruction. */
#include "guest.h"

typedef union {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t s[4];
    uint64_t d[2];
} __attribute__((aligned(16))) V128;

#define QC (1u << 27)

/* Vd = INSN(V0 = d, V1 = n, V2 = m); returns FPSR.QC after, from QC = 0. */
#define V3(INSN, d, n, m)                                                   \
    ({                                                                      \
        uint64_t fpsr_;                                                     \
        __asm__ volatile("msr fpsr, xzr\n\t"                                \
                         "ldr q0, [%1]\n\tldr q1, [%2]\n\tldr q2, [%3]\n\t" \
                         INSN "\n\t"                                        \
                         "str q0, [%1]\n\tmrs %0, fpsr"                     \
                         : "=r"(fpsr_)                                      \
                         : "r"(d), "r"(n), "r"(m)                           \
                         : "v0", "v1", "v2", "memory");                     \
        (uint32_t)(fpsr_ & QC);                                             \
    })

static uint64_t seed = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* Random bytes with lanes of every size pushed to their edges now and then. */
static void fill(V128 *v)
{
    static const uint64_t edges[] = {
        0, ~0ull, 0x8000800080008000ull, 0x7fff7fff7fff7fffull, 0x8080808080808080ull,
        0x7f7f7f7f7f7f7f7full, 0x800000007fffffffull, 0x0000000100000001ull,
        0x00fe0001ff02fd7full,
    };

    for (int i = 0; i < 2; i++) {
        uint64_t r = rnd();
        v->d[i] = (r & 3) == 0 ? edges[(r >> 8) % (sizeof edges / sizeof edges[0])] : rnd();
    }
}

/* ---- plain-C references ---- */

static int64_t clamp(int64_t v, int64_t lo, int64_t hi, uint32_t *qc)
{
    if (v < lo) {
        *qc = QC;
        return lo;
    }
    if (v > hi) {
        *qc = QC;
        return hi;
    }
    return v;
}

/* SRSHL on a 32-bit lane: shift by the signed low byte, rounding right. */
static uint32_t ref_srshl32(uint32_t x, uint32_t m)
{
    int sh = (int8_t)(m & 0xff);
    int64_t v = (int32_t)x;

    if (sh >= 32) {
        return 0;
    }
    if (sh >= 0) {
        return (uint32_t)((uint64_t)v << sh);
    }
    if (sh < -33) {
        return 0;
    }
    return (uint32_t)((v + (1ll << (-sh - 1))) >> -sh);
}

static void clmul(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    *lo = *hi = 0;
    for (int i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            *lo ^= a << i;
            if (i) {
                *hi ^= a >> (64 - i);
            }
        }
    }
}

static int rounds_failed;

static void check_lanes(const char *what, const V128 *got, const V128 *want, uint32_t qc,
                        uint32_t want_qc)
{
    if (got->d[0] != want->d[0] || got->d[1] != want->d[1] || qc != want_qc) {
        if (rounds_failed++ < 8) {
            guest_puts(what);
            guest_puts(": ");
            guest_puthex(got->d[1]);
            guest_puthex(got->d[0]);
            guest_puts(qc ? " QC" : " --");
            guest_puts(" expected ");
            guest_puthex(want->d[1]);
            guest_puthex(want->d[0]);
            guest_puts(want_qc ? " QC\r\n" : " --\r\n");
        }
        guest_failures++;
    }
}

static void one_round(void)
{
    V128 n, m, d, d0, w;
    uint32_t qc, wq;

    fill(&n);
    fill(&m);
    fill(&d0);

    /* sqadd v0.8h */
    d = d0;
    qc = V3("sqadd v0.8h, v1.8h, v2.8h", &d, &n, &m);
    wq = 0;
    for (int i = 0; i < 8; i++) {
        w.h[i] = (uint16_t)clamp((int16_t)n.h[i] + (int16_t)m.h[i], -32768, 32767, &wq);
    }
    check_lanes("sqadd 8h", &d, &w, qc, wq);

    /* uqsub v0.16b */
    d = d0;
    qc = V3("uqsub v0.16b, v1.16b, v2.16b", &d, &n, &m);
    wq = 0;
    for (int i = 0; i < 16; i++) {
        w.b[i] = (uint8_t)clamp((int)n.b[i] - (int)m.b[i], 0, 255, &wq);
    }
    check_lanes("uqsub 16b", &d, &w, qc, wq);

    /* sqdmulh v0.4s */
    d = d0;
    qc = V3("sqdmulh v0.4s, v1.4s, v2.4s", &d, &n, &m);
    wq = 0;
    for (int i = 0; i < 4; i++) {
        __int128 p = (__int128)2 * (int32_t)n.s[i] * (int32_t)m.s[i];
        w.s[i] = (uint32_t)clamp((int64_t)(p >> 32), INT32_MIN, INT32_MAX, &wq);
    }
    check_lanes("sqdmulh 4s", &d, &w, qc, wq);

    /* srshl v0.4s */
    d = d0;
    qc = V3("srshl v0.4s, v1.4s, v2.4s", &d, &n, &m);
    for (int i = 0; i < 4; i++) {
        w.s[i] = ref_srshl32(n.s[i], m.s[i]);
    }
    check_lanes("srshl 4s", &d, &w, qc, 0);

    /* mla v0.4s, v1.4s, v2.s[1] */
    d = d0;
    qc = V3("mla v0.4s, v1.4s, v2.s[1]", &d, &n, &m);
    for (int i = 0; i < 4; i++) {
        w.s[i] = d0.s[i] + n.s[i] * m.s[1];
    }
    check_lanes("mla 4s elem", &d, &w, qc, 0);

    /* umull2 v0.2d, v1.4s, v2.4s */
    d = d0;
    qc = V3("umull2 v0.2d, v1.4s, v2.4s", &d, &n, &m);
    for (int i = 0; i < 2; i++) {
        w.d[i] = (uint64_t)n.s[2 + i] * m.s[2 + i];
    }
    check_lanes("umull2", &d, &w, qc, 0);

    /* smlsl v0.4s, v1.4h, v2.4h */
    d = d0;
    qc = V3("smlsl v0.4s, v1.4h, v2.4h", &d, &n, &m);
    for (int i = 0; i < 4; i++) {
        w.s[i] = d0.s[i] - (uint32_t)((int32_t)(int16_t)n.h[i] * (int16_t)m.h[i]);
    }
    check_lanes("smlsl", &d, &w, qc, 0);

    /* sqdmlal2 v0.2d, v1.4s, v2.s[3] */
    d = d0;
    qc = V3("sqdmlal2 v0.2d, v1.4s, v2.s[3]", &d, &n, &m);
    wq = 0;
    for (int i = 0; i < 2; i++) {
        __int128 p = (__int128)2 * (int32_t)n.s[2 + i] * (int32_t)m.s[3];
        __int128 s;
        if (p > INT64_MAX) {
            p = INT64_MAX;
            wq = QC;
        }
        s = (__int128)(int64_t)d0.d[i] + p;
        if (s > INT64_MAX) {
            s = INT64_MAX;
            wq = QC;
        } else if (s < INT64_MIN) {
            s = INT64_MIN;
            wq = QC;
        }
        w.d[i] = (uint64_t)(int64_t)s;
    }
    check_lanes("sqdmlal2 elem", &d, &w, qc, wq);

    /* cmhi v0.2d */
    d = d0;
    qc = V3("cmhi v0.2d, v1.2d, v2.2d", &d, &n, &m);
    for (int i = 0; i < 2; i++) {
        w.d[i] = n.d[i] > m.d[i] ? ~0ull : 0;
    }
    check_lanes("cmhi 2d", &d, &w, qc, 0);

    /* addp v0.8h: pairs of m:n */
    d = d0;
    qc = V3("addp v0.8h, v1.8h, v2.8h", &d, &n, &m);
    for (int i = 0; i < 4; i++) {
        w.h[i] = (uint16_t)(n.h[2 * i] + n.h[2 * i + 1]);
        w.h[4 + i] = (uint16_t)(m.h[2 * i] + m.h[2 * i + 1]);
    }
    check_lanes("addp 8h", &d, &w, qc, 0);

    /* uaba v0.8b: the upper half cleared */
    d = d0;
    qc = V3("uaba v0.8b, v1.8b, v2.8b", &d, &n, &m);
    for (int i = 0; i < 8; i++) {
        int diff = (int)n.b[i] - (int)m.b[i];
        w.b[i] = (uint8_t)(d0.b[i] + (diff < 0 ? -diff : diff));
    }
    w.d[1] = 0;
    check_lanes("uaba 8b", &d, &w, qc, 0);

    /* raddhn2 v0.16b: the lower half kept */
    d = d0;
    qc = V3("raddhn2 v0.16b, v1.8h, v2.8h", &d, &n, &m);
    w.d[0] = d0.d[0];
    for (int i = 0; i < 8; i++) {
        w.b[8 + i] = (uint8_t)(((uint32_t)n.h[i] + m.h[i] + 0x80) >> 8);
    }
    check_lanes("raddhn2", &d, &w, qc, 0);

    /* pmull2 v0.1q */
    d = d0;
    qc = V3(".arch_extension crypto\n\tpmull2 v0.1q, v1.2d, v2.2d", &d, &n, &m);
    clmul(n.d[1], m.d[1], &w.d[0], &w.d[1]);
    check_lanes("pmull2", &d, &w, qc, 0);

    /* bif v0.16b: V1 where V2 is zero */
    d = d0;
    qc = V3("bif v0.16b, v1.16b, v2.16b", &d, &n, &m);
    for (int i = 0; i < 2; i++) {
        w.d[i] = (d0.d[i] & m.d[i]) | (n.d[i] & ~m.d[i]);
    }
    check_lanes("bif", &d, &w, qc, 0);
}

int test_main(void)
{
    uint64_t cpacr;
    V128 n, m, d;

    __asm__ volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
    __asm__ volatile("msr cpacr_el1, %0\n\tisb" : : "r"(cpacr | (3u << 20)));

    for (int r = 0; r < 200; r++) {
        one_round();
    }

    /* fixed: sqrdmulh v0.8h: (2 * 0x4000 * 1 + 0x8000) >> 16 = 1 and
     * 0x8000 * 0x8000 clips to 0x7fff */
    n.d[0] = 0x0000000080004000ull;
    m.d[0] = 0x0000000080000001ull;
    n.d[1] = m.d[1] = 0;
    GUEST_CHECK_EQ(V3("sqrdmulh v0.8h, v1.8h, v2.8h", &d, &n, &m), QC);
    GUEST_CHECK_EQ(d.d[0], 0x000000007fff0001ull);
    GUEST_CHECK_EQ(d.d[1], 0);
    /* uqrshl d0: (2^64 - 1 + 2^63) >> 64 = 1, bits 127:64 cleared */
    n.d[0] = ~0ull;
    m.d[0] = 0xc0;
    d.d[1] = 0x1234;
    GUEST_CHECK_EQ(V3("uqrshl d0, d1, d2", &d, &n, &m), 0);
    GUEST_CHECK_EQ(d.d[0], 1);
    GUEST_CHECK_EQ(d.d[1], 0);
    return guest_failures;
}
