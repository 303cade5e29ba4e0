/* Scalar floating point in the guest: arithmetic, fused multiply-add,
 * conversions with saturation, the FPCR controls (rounding mode, FZ, DN,
 * AHP) and the cumulative FPSR flags, checked against values worked out
 * from the Arm ARM pseudocode. Guest tests are built with
 * -mgeneral-regs-only, and FP/SIMD loads and stores are not part of this
 * test, so operands travel as bit patterns in general registers and the
 * FP instructions are inline asm (FMOV between the register files). crt0
 * sets CPACR_EL1.FPEN. */
#include "guest.h"

static volatile uint64_t one_d = 0x3ff0000000000000ull, three_d = 0x4008000000000000ull;
static volatile uint64_t two_d = 0x4000000000000000ull, big_d = 0x4202a05f20000000ull; /* 1e10 */
static volatile uint32_t one_s = 0x3f800000, three_s = 0x40400000;

#define D2(ins, a, b)                                                              \
    ({ uint64_t r_;                                                                \
       __asm__ volatile("fmov d0, %x1\n fmov d1, %x2\n " ins " d0, d0, d1\n fmov %x0, d0" \
                        : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "v0", "v1"); \
       r_; })
#define S2(ins, a, b)                                                              \
    ({ uint32_t r_;                                                                \
       __asm__ volatile("fmov s0, %w1\n fmov s1, %w2\n " ins " s0, s0, s1\n fmov %w0, s0" \
                        : "=r"(r_) : "r"((uint32_t)(a)), "r"((uint32_t)(b)) : "v0", "v1"); \
       r_; })
/* One-operand forms with any source/destination registers: asm text
 * "ins <dst>, <src>" where src was loaded by fmov from %1. */
#define FP1(load, ins, store, a)                                                   \
    ({ uint64_t r_;                                                                \
       __asm__ volatile(load "\n " ins "\n " store                                 \
                        : "=r"(r_) : "r"((uint64_t)(a)) : "v0", "v1"); r_; })

static void set_fpcr(uint64_t v)
{
    __asm__ volatile("msr fpcr, %0" : : "r"(v));
}

static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

static void clear_fpsr(void)
{
    __asm__ volatile("msr fpsr, xzr");
}

int test_main(void)
{
    uint64_t r;

    set_fpcr(0);
    clear_fpsr();
    /* 1/3 and sqrt(2), correctly rounded (inexact) */
    GUEST_CHECK_EQ(D2("fdiv", one_d, three_d), 0x3fd5555555555555ull);
    GUEST_CHECK_EQ(FP1("fmov d1, %x1", "fsqrt d0, d1", "fmov %x0, d0", two_d),
                   0x3ff6a09e667f3bcdull);
    GUEST_CHECK_EQ(get_fpsr(), 0x10);                       /* IXC only */

    /* fused: (1 + 2^-23)^2 - (1 + 2^-22) = 2^-46 exactly */
    __asm__ volatile("fmov s1, %w1\n fmov s2, %w2\n fmadd s0, s1, s1, s2\n fmov %w0, s0"
                     : "=r"(r) : "r"(0x3f800001u), "r"(0xbf800002u) : "v0", "v1", "v2");
    GUEST_CHECK_EQ(r, 0x28800000);

    /* conversions: 1e10 saturates a W result with IOC; FRINTA/FCVTAS tie
     * away; SCVTF of INT64_MIN; UCVTF of 2^32 - 1 rounds to 2^32 */
    clear_fpsr();
    GUEST_CHECK_EQ(FP1("fmov d0, %x1", "fcvtzs w2, d0", "mov %x0, x2", big_d) & 0xffffffff,
                   0x7fffffff);
    GUEST_CHECK_EQ(get_fpsr(), 0x01);
    GUEST_CHECK_EQ(FP1("fmov d0, %x1", "frinta d1, d0", "fmov %x0, d1", 0x4004000000000000ull),
                   0x4008000000000000ull);                  /* 2.5 -> 3.0 */
    GUEST_CHECK_EQ(FP1("fmov d0, %x1", "fcvtas x2, d0", "mov %x0, x2", 0xc004000000000000ull),
                   (uint64_t)-3);                           /* -2.5 -> -3 */
    GUEST_CHECK_EQ(FP1("scvtf d0, %x1", "fmov d1, d0", "fmov %x0, d1", 0x8000000000000000ull),
                   0xc3e0000000000000ull);
    GUEST_CHECK_EQ(FP1("ucvtf s0, %w1", "fmov s1, s0", "fmov %w0, s1", 0xffffffffu),
                   0x4f800000);
    GUEST_CHECK_EQ(FP1("fmov d0, %x1", "fmov d1, #-1.25", "fmov %x0, d1", 0), 0xbff4000000000000ull);

    /* FPCR.RMode = RZ: 1/3 truncates */
    set_fpcr(3u << 22);
    GUEST_CHECK_EQ(S2("fdiv", one_s, three_s), 0x3eaaaaaa);
    /* FZ: a denormal input is zero (IDC); DN + FNMUL: 0 * inf is the
     * default NaN, then negated */
    set_fpcr(1u << 24 | 1u << 25);
    clear_fpsr();
    GUEST_CHECK_EQ(S2("fmul", 0x00000001u, one_s), 0);
    GUEST_CHECK_EQ(get_fpsr(), 0x80);
    GUEST_CHECK_EQ(S2("fnmul", 0u, 0x7f800000u), 0xffc00000);
    /* 2^17 to half: infinity (OFC, IXC) in IEEE format; with AHP the
     * largest value 0x7fff and IOC */
    set_fpcr(0);
    clear_fpsr();
    GUEST_CHECK_EQ(FP1("fmov s0, %w1", "fcvt h1, s0", "fmov %w0, s1", 0x48000000u), 0x7c00);
    GUEST_CHECK_EQ(get_fpsr(), 0x14);
    set_fpcr(1u << 26);
    clear_fpsr();
    GUEST_CHECK_EQ(FP1("fmov s0, %w1", "fcvt h1, s0", "fmov %w0, s1", 0x48000000u), 0x7fff);
    GUEST_CHECK_EQ(get_fpsr(), 0x01);
    set_fpcr(0);

    /* FCMP with a NaN is unordered (NZCV = 0011): VS holds, MI does not */
    __asm__ volatile("fmov d0, %x1\n fmov d1, %x2\n fcmp d0, d1\n cset %w0, vs"
                     : "=r"(r) : "r"(0x7ff8000000000000ull), "r"(one_d) : "v0", "v1", "cc");
    GUEST_CHECK_EQ(r, 1);
    __asm__ volatile("fmov d0, %x1\n fmov d1, %x2\n fcmp d0, d1\n cset %w0, mi"
                     : "=r"(r) : "r"(one_d), "r"(two_d) : "v0", "v1", "cc");
    GUEST_CHECK_EQ(r, 1);
    return guest_failures;
}
