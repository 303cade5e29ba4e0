/* SIMD&FP loads and stores as a bare-metal guest uses them: structure
 * loads de-interleave and structure stores interleave (LD2/LD3/LD4 then
 * ST1 shows the de-interleaved registers, ST2/ST3/ST4 puts the bytes back),
 * lane and replicate forms, post-index by immediate and by register,
 * LDP/STP of Q registers with write-back, scalar B/H/S/D/Q loads with the
 * upper bits cleared, register offsets and a Q literal. The expected
 * layouts come from the Arm ARM pseudocode (C7.2 LD4 (multiple
 * structures): element e of register r is memory element e * selem + r).
 *
 * The runtime leaves CPACR_EL1.FPEN at its reset value, which traps FP/SIMD,
 * so test_main enables it first. The MMU is off (Device memory), so every
 * access is aligned to its element size. The file is compiled with
 * -mgeneral-regs-only like every guest test: the SIMD instructions are in
 * inline asm, and the compiler never touches V registers itself. */
#include "guest.h"

#define ALIGN16 __attribute__((aligned(16)))

static uint8_t src[64] ALIGN16, out[64] ALIGN16, back[64] ALIGN16;

static void enable_fp(void)
{
    __asm__ volatile("msr cpacr_el1, %0\n isb" : : "r"(3ul << 20));
}

static void fill(uint8_t *p, unsigned n, uint8_t seed)
{
    for (unsigned i = 0; i < n; i++) {
        p[i] = (uint8_t)(seed + i * 7);
    }
}

static void clear(uint8_t *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        p[i] = 0xee;
    }
}

static int same(const uint8_t *a, const uint8_t *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return 0;
        }
    }
    return 1;
}

/* LDn of .16B then ST1 of the registers: register r, element e is
 * src[e * n + r]. Then STn of the same registers rebuilds src. */
static void structures_bytes(void)
{
    fill(src, 64, 3);

    clear(out, 64);
    clear(back, 64);
    __asm__ volatile("ld4 {v0.16b-v3.16b}, [%0]\n"
                     "st1 {v0.16b-v3.16b}, [%1]\n"
                     "st4 {v0.16b-v3.16b}, [%2]"
                     : : "r"(src), "r"(out), "r"(back) : "memory", "v0", "v1", "v2", "v3");
    for (unsigned r = 0; r < 4; r++) {
        for (unsigned e = 0; e < 16; e++) {
            GUEST_CHECK_EQ(out[r * 16 + e], src[e * 4 + r]);
        }
    }
    GUEST_CHECK_EQ(same(back, src, 64), 1);

    clear(out, 64);
    clear(back, 64);
    __asm__ volatile("ld3 {v4.16b-v6.16b}, [%0]\n"
                     "st1 {v4.16b-v6.16b}, [%1]\n"
                     "st3 {v4.16b-v6.16b}, [%2]"
                     : : "r"(src), "r"(out), "r"(back) : "memory", "v4", "v5", "v6");
    for (unsigned r = 0; r < 3; r++) {
        for (unsigned e = 0; e < 16; e++) {
            GUEST_CHECK_EQ(out[r * 16 + e], src[e * 3 + r]);
        }
    }
    GUEST_CHECK_EQ(same(back, src, 48), 1);
    GUEST_CHECK_EQ(back[48], 0xee);            /* nothing beyond 48 bytes */
}

/* LD2 of .4S: 32-bit elements alternate between the two registers. LD3 of
 * .4H (64-bit registers) also clears bits 127:64 of each register. */
static void structures_wider_elements(void)
{
    uint32_t words[8] ALIGN16, w_out[8] ALIGN16;
    uint16_t halves[12] ALIGN16;
    uint64_t q[6] ALIGN16;

    for (unsigned i = 0; i < 8; i++) {
        words[i] = 0x10000000u * i + 0x01020304u;
    }
    __asm__ volatile("ld2 {v8.4s, v9.4s}, [%0]\n st1 {v8.4s, v9.4s}, [%1]"
                     : : "r"(words), "r"(w_out) : "memory", "v8", "v9");
    for (unsigned e = 0; e < 4; e++) {
        GUEST_CHECK_EQ(w_out[e], words[2 * e]);
        GUEST_CHECK_EQ(w_out[4 + e], words[2 * e + 1]);
    }

    for (unsigned i = 0; i < 12; i++) {
        halves[i] = (uint16_t)(0xa000 + i);
    }
    /* non-zero upper halves first: the 64-bit LD3 must clear them */
    __asm__ volatile("ld1r {v10.2d}, [%0]\n ld1r {v11.2d}, [%0]\n ld1r {v12.2d}, [%0]\n"
                     "ld3 {v10.4h-v12.4h}, [%1]\n"
                     "str q10, [%2]\n str q11, [%2, #16]\n str q12, [%2, #32]"
                     : : "r"(words), "r"(halves), "r"(q) : "memory", "v10", "v11", "v12");
    GUEST_CHECK_EQ(q[0], 0xa009a006a003a000ull);
    GUEST_CHECK_EQ(q[2], 0xa00aa007a004a001ull);
    GUEST_CHECK_EQ(q[4], 0xa00ba008a005a002ull);
    GUEST_CHECK_EQ(q[1] | q[3] | q[5], 0);
}

/* Lanes: LD1 {v.s}[2] changes lane 2 only; ST4 of H lane 5 writes four
 * halfwords, one per register; LD3R of .8B replicates each byte into the
 * low 64 bits and clears the rest. */
static void lanes_and_replicate(void)
{
    uint32_t word = 0xcafef00d;
    uint64_t q[8] ALIGN16, r[6] ALIGN16;
    uint16_t h4[4] ALIGN16;
    uint8_t b3[3] = { 0x11, 0x22, 0x33 };

    q[0] = 0x1111111122222222ull;
    q[1] = 0x3333333344444444ull;
    __asm__ volatile("ldr q13, [%0]\n ld1 {v13.s}[2], [%1]\n str q13, [%0]"
                     : : "r"(q), "r"(&word) : "memory", "v13");
    GUEST_CHECK_EQ(q[0], 0x1111111122222222ull);
    GUEST_CHECK_EQ(q[1], 0x33333333cafef00dull);

    for (unsigned i = 0; i < 4; i++) {         /* halfwords 1..8, times i + 1 */
        q[2 * i] = 0x0004000300020001ull * (i + 1);
        q[2 * i + 1] = 0x0008000700060005ull * (i + 1);
    }
    __asm__ volatile("ldp q16, q17, [%0]\n ldp q18, q19, [%0, #32]\n"
                     "st4 {v16.h-v19.h}[5], [%1]"
                     : : "r"(q), "r"(h4) : "memory", "v16", "v17", "v18", "v19");
    for (unsigned i = 0; i < 4; i++) {
        GUEST_CHECK_EQ(h4[i], 6 * (i + 1));    /* lane 5 holds 6 */
    }

    __asm__ volatile("ld3r {v21.8b-v23.8b}, [%0]\n"
                     "st1 {v21.2d-v23.2d}, [%1]"
                     : : "r"(b3), "r"(r) : "memory", "v21", "v22", "v23");
    GUEST_CHECK_EQ(r[0], 0x1111111111111111ull);
    GUEST_CHECK_EQ(r[1], 0);
    GUEST_CHECK_EQ(r[2], 0x2222222222222222ull);
    GUEST_CHECK_EQ(r[3], 0);
    GUEST_CHECK_EQ(r[4], 0x3333333333333333ull);
    GUEST_CHECK_EQ(r[5], 0);
}

/* Post-index: by the bytes transferred (#imm) and by a register. */
static void post_index(void)
{
    const uint8_t *p = src;
    uint8_t *o = out;
    uint64_t step = 5;

    fill(src, 64, 9);
    clear(out, 64);
    __asm__ volatile("ld1 {v0.16b, v1.16b}, [%0], #32\n"
                     "st1 {v0.16b, v1.16b}, [%1], %2\n"
                     : "+r"(p), "+r"(o) : "r"(step) : "memory", "v0", "v1");
    GUEST_CHECK_EQ((uint64_t)(p - src), 32);
    GUEST_CHECK_EQ((uint64_t)(o - out), 5);
    GUEST_CHECK_EQ(same(out, src, 32), 1);

    p = src + 2;
    __asm__ volatile("ld2r {v2.8h, v3.8h}, [%0], #4" : "+r"(p) : : "memory", "v2", "v3");
    GUEST_CHECK_EQ((uint64_t)(p - src), 6);
}

/* LDP/STP of Q with pre- and post-index write-back, and scalar loads of
 * each size (the register above the loaded size is cleared). */
static void pairs_and_scalars(void)
{
    uint64_t buf[8] ALIGN16, dst[8] ALIGN16, v[2] ALIGN16;
    uint64_t *p = buf, *d = dst + 4;

    for (unsigned i = 0; i < 8; i++) {
        buf[i] = 0x0101010101010101ull * (i + 1);
        dst[i] = 0;
    }
    __asm__ volatile("ldp q24, q25, [%0], #32\n"
                     "stp q25, q24, [%1, #-32]!\n"
                     : "+r"(p), "+r"(d) : : "memory", "v24", "v25");
    GUEST_CHECK_EQ((uint64_t)(p - buf), 4);
    GUEST_CHECK_EQ((uint64_t)(d - dst), 0);
    GUEST_CHECK_EQ(dst[0], buf[2]);
    GUEST_CHECK_EQ(dst[1], buf[3]);
    GUEST_CHECK_EQ(dst[2], buf[0]);
    GUEST_CHECK_EQ(dst[3], buf[1]);

    /* ldr b/h/s/d into a register holding 0x08 bytes: every bit above
     * the loaded size is cleared */
    for (unsigned size = 0; size < 4; size++) {
        __asm__ volatile("ld1r {v26.16b}, [%0]" : : "r"(&buf[7]) : "memory", "v26");
        switch (size) {
        case 0: __asm__ volatile("ldr b26, [%0, #1]" : : "r"(buf) : "v26"); break;
        case 1: __asm__ volatile("ldr h26, [%0, #2]" : : "r"(buf) : "v26"); break;
        case 2: __asm__ volatile("ldur s26, [%0, #4]" : : "r"(buf) : "v26"); break;
        default: __asm__ volatile("ldr d26, [%0, %1, lsl #3]" : : "r"(buf), "r"(2ul) : "v26");
            break;
        }
        __asm__ volatile("str q26, [%0]" : : "r"(v) : "memory");
        uint64_t want = size == 3 ? buf[2] : buf[0] & ((1ull << (8 << size)) - 1);
        GUEST_CHECK_EQ(v[0], want);
        GUEST_CHECK_EQ(v[1], 0);
    }

    /* str s with a sign-extended W index scaled by 4: &dst[1] - 8 = dst */
    __asm__ volatile("ldr d27, [%0]\n str s27, [%1, %w2, sxtw #2]"
                     : : "r"(&buf[5]), "r"(&dst[1]), "r"(-2) : "memory", "v27");
    GUEST_CHECK_EQ(dst[0] & 0xffffffffull, buf[5] & 0xffffffffull);
}

/* LDR Q (literal): the pool is 16-byte aligned in the text. */
static void literal_q(void)
{
    uint64_t v[2] ALIGN16;

    __asm__ volatile("ldr q28, 1f\n"
                     "b 2f\n"
                     ".balign 16\n"
                     "1: .quad 0x0123456789abcdef, 0xfedcba9876543210\n"
                     "2: str q28, [%0]"
                     : : "r"(v) : "memory", "v28");
    GUEST_CHECK_EQ(v[0], 0x0123456789abcdefull);
    GUEST_CHECK_EQ(v[1], 0xfedcba9876543210ull);
}

int test_main(void)
{
    enable_fp();
    structures_bytes();
    structures_wider_elements();
    lanes_and_replicate();
    post_index();
    pairs_and_scalars();
    literal_q();
    return guest_failures;
}
