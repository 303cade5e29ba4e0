/* Advanced SIMD floating point in a bare-metal guest: 4x4 single-precision
 * matrix products with FMUL/FMLA by element over many pseudo-random
 * integer matrices (converted with SCVTF, back with FCVTZS, and checked
 * against an integer product computed in C: small integers make every FP
 * step exact), a checksum reduced with FADDP, and spot checks of FSQRT,
 * FRECPE/FRECPS Newton steps, FCVTL/FCVTN, FMAXNMV with a NaN, FCMGT masks
 * and the FPSR flags (DZC, IOC) read back with MRS. Tests are built with
 * -mgeneral-regs-only, so every FP value lives in vector registers inside
 * inline asm and is compared as bits; expected values follow from the Arm
 * ARM pseudocode. crt0 enables FP/SIMD (CPACR_EL1.FPEN = 0b11). */
#include "guest.h"

/* c = a * b for 4x4 int32 matrices (row-major), through single precision:
 * SCVTF the rows, then row i of C = sum over k of B row k * A[i][k]
 * (FMUL then three FMLA by element), FCVTZS back. */
static void matmul4_fp(const int32_t *a, const int32_t *b, int32_t *c)
{
    __asm__ volatile(
        "ld1 {v16.4s-v19.4s}, [%0]\n"
        "ld1 {v20.4s-v23.4s}, [%1]\n"
        "scvtf v16.4s, v16.4s\n scvtf v17.4s, v17.4s\n"
        "scvtf v18.4s, v18.4s\n scvtf v19.4s, v19.4s\n"
        "scvtf v20.4s, v20.4s\n scvtf v21.4s, v21.4s\n"
        "scvtf v22.4s, v22.4s\n scvtf v23.4s, v23.4s\n"
        "fmul v24.4s, v20.4s, v16.s[0]\n fmla v24.4s, v21.4s, v16.s[1]\n"
        "fmla v24.4s, v22.4s, v16.s[2]\n fmla v24.4s, v23.4s, v16.s[3]\n"
        "fmul v25.4s, v20.4s, v17.s[0]\n fmla v25.4s, v21.4s, v17.s[1]\n"
        "fmla v25.4s, v22.4s, v17.s[2]\n fmla v25.4s, v23.4s, v17.s[3]\n"
        "fmul v26.4s, v20.4s, v18.s[0]\n fmla v26.4s, v21.4s, v18.s[1]\n"
        "fmla v26.4s, v22.4s, v18.s[2]\n fmla v26.4s, v23.4s, v18.s[3]\n"
        "fmul v27.4s, v20.4s, v19.s[0]\n fmla v27.4s, v21.4s, v19.s[1]\n"
        "fmla v27.4s, v22.4s, v19.s[2]\n fmla v27.4s, v23.4s, v19.s[3]\n"
        "fcvtzs v24.4s, v24.4s\n fcvtzs v25.4s, v25.4s\n"
        "fcvtzs v26.4s, v26.4s\n fcvtzs v27.4s, v27.4s\n"
        "st1 {v24.4s-v27.4s}, [%2]\n"
        :
        : "r"(a), "r"(b), "r"(c)
        : "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26",
          "v27", "memory");
}

/* The sum of the 16 entries of m (int32), in single precision: SCVTF,
 * FADD of the rows, FADDP twice (vector, then scalar), FCVTZS. */
static int32_t checksum_fp(const int32_t *m)
{
    int64_t r;

    __asm__ volatile(
        "ld1 {v16.4s-v19.4s}, [%1]\n"
        "scvtf v16.4s, v16.4s\n scvtf v17.4s, v17.4s\n"
        "scvtf v18.4s, v18.4s\n scvtf v19.4s, v19.4s\n"
        "fadd v16.4s, v16.4s, v17.4s\n fadd v18.4s, v18.4s, v19.4s\n"
        "fadd v16.4s, v16.4s, v18.4s\n"
        "faddp v16.4s, v16.4s, v16.4s\n"
        "faddp s16, v16.2s\n"
        "fcvtzs s16, s16\n"
        "smov %0, v16.s[0]\n"
        : "=r"(r)
        : "r"(m)
        : "v16", "v17", "v18", "v19", "memory");
    return (int32_t)r;
}

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

static void test_matmul(void)
{
    int32_t a[16], b[16], c[16], want[16];
    uint32_t seed = 2024;
    int64_t total = 0, total_fp = 0;

    for (unsigned round = 0; round < 200; round++) {
        for (unsigned i = 0; i < 16; i++) {
            a[i] = (int32_t)(lcg(&seed) % 201) - 100;
            b[i] = (int32_t)(lcg(&seed) % 201) - 100;
        }
        for (unsigned i = 0; i < 4; i++) {
            for (unsigned j = 0; j < 4; j++) {
                int32_t s = 0;
                for (unsigned k = 0; k < 4; k++) {
                    s += a[i * 4 + k] * b[k * 4 + j];
                }
                want[i * 4 + j] = s;
                total += s;
            }
        }
        matmul4_fp(a, b, c);
        for (unsigned i = 0; i < 16; i++) {
            GUEST_CHECK_EQ((uint32_t)c[i], (uint32_t)want[i]);
        }
        total_fp += checksum_fp(c);
    }
    GUEST_CHECK_EQ((uint64_t)total_fp, (uint64_t)total);
}

/* Two 64-bit halves in v0, one instruction sequence, v1 read back. */
#define VOP(body, lo, hi, out_lo, out_hi)                                    \
    __asm__ volatile("mov v0.d[0], %2\n mov v0.d[1], %3\n" body              \
                     "\n mov %0, v1.d[0]\n mov %1, v1.d[1]"                  \
                     : "=&r"(out_lo), "=&r"(out_hi)                          \
                     : "r"(lo), "r"(hi)                                      \
                     : "v0", "v1", "v2", "memory")

#define S2(hi, lo) ((uint64_t)(hi) << 32 | (uint32_t)(lo))

static void test_spot_checks(void)
{
    uint64_t lo, hi;

    /* FSQRT: sqrt(2) correctly rounded is 0x3fb504f3; 4, 9, 0.25 exact */
    VOP("fsqrt v1.4s, v0.4s", S2(0x40800000, 0x40000000), S2(0x3e800000, 0x41100000), lo, hi);
    GUEST_CHECK_EQ(lo, S2(0x40000000, 0x3fb504f3));
    GUEST_CHECK_EQ(hi, S2(0x3f000000, 0x40400000));
    /* 1/3 by FRECPE (0x3eaa8000: RecipEstimate gives 8 fraction bits) and
     * two Newton steps x' = x * FRECPS(d, x): within one ulp of 1/3
     * (0x3eaaaaab) */
    VOP("frecpe v1.2s, v0.2s\n"
        "frecps v2.2s, v0.2s, v1.2s\n fmul v1.2s, v1.2s, v2.2s\n"
        "frecps v2.2s, v0.2s, v1.2s\n fmul v1.2s, v1.2s, v2.2s",
        S2(0x40400000, 0x40400000), 0, lo, hi);
    GUEST_CHECK_EQ((uint32_t)lo >= 0x3eaaaaaa && (uint32_t)lo <= 0x3eaaaaac, 1);
    VOP("frecpe v1.2s, v0.2s", S2(0x40400000, 0x40400000), 0, lo, hi);
    GUEST_CHECK_EQ(lo, S2(0x3eaa8000, 0x3eaa8000));
    /* FCVTL of halves 1.0, -2.0, 0.5, 65504 and back with FCVTN */
    VOP("fcvtl v1.4s, v0.4h\n fcvtn v1.4h, v1.4s", 0x7bff3800c0003c00ull, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0x7bff3800c0003c00ull);
    GUEST_CHECK_EQ(hi, 0);
    VOP("fcvtl v1.4s, v0.4h", 0x7bff3800c0003c00ull, 0, lo, hi);
    GUEST_CHECK_EQ(lo, S2(0xc0000000, 0x3f800000));
    GUEST_CHECK_EQ(hi, S2(0x477fe000, 0x3f000000));
    /* FMAXNMV: a quiet NaN loses to the numbers */
    VOP("fmaxnmv s1, v0.4s", S2(0x7fc00000, 0x3f800000), S2(0xc0000000, 0x40a00000), lo, hi);
    GUEST_CHECK_EQ(lo, 0x40a00000);
    GUEST_CHECK_EQ(hi, 0);
    /* FCMGT (zero): 1.0, -1.0, +0, 5.0 */
    VOP("fcmgt v1.4s, v0.4s, #0.0", S2(0xbf800000, 0x3f800000), S2(0x40a00000, 0), lo, hi);
    GUEST_CHECK_EQ(lo, S2(0, 0xffffffff));
    GUEST_CHECK_EQ(hi, S2(0xffffffff, 0));
    /* FDIV: 1/1 = 1 and 0/0 = the default NaN with IOC */
    guest_fpsr_write(0);
    VOP("fdiv v1.2d, v0.2d, v0.2d", 0x3ff0000000000000ull, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0x3ff0000000000000ull);
    GUEST_CHECK_EQ(hi, 0x7ff8000000000000ull);
    GUEST_CHECK_EQ(guest_fpsr_read() & 0x1f, 0x01);
    guest_fpsr_write(0);
    /* 1/0 = +inf with DZC, 0/0 IOC again */
    VOP("movi v2.2d, #0\n fdiv v1.2d, v0.2d, v2.2d", 0x3ff0000000000000ull, 0, lo, hi);
    GUEST_CHECK_EQ(lo, 0x7ff0000000000000ull);
    GUEST_CHECK_EQ(hi, 0x7ff8000000000000ull);
    GUEST_CHECK_EQ(guest_fpsr_read() & 0x1f, 0x03);
    /* FCVTZS of 2^40 saturates to INT32_MAX with IOC */
    guest_fpsr_write(0);
    VOP("fcvtzs v1.4s, v0.4s", S2(0x53800000, 0x3f800000), 0, lo, hi);
    GUEST_CHECK_EQ(lo, S2(0x7fffffff, 1));
    GUEST_CHECK_EQ(guest_fpsr_read() & 0x1f, 0x01);
    guest_fpsr_write(0);
}

int test_main(void)
{
    test_matmul();
    test_spot_checks();
    return guest_failures;
}
