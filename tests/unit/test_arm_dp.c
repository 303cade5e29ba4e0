/* Directed tests of the A64 data-processing instructions (immediate and
 * register) through the whole CPU pipeline. Every expected value is worked
 * out from the Arm ARM pseudocode (C6.2, AddWithCarry and DecodeBitMasks
 * in J1) for edge cases: carry/overflow boundaries, 32-bit forms with
 * garbage in the upper source bits (which must be ignored, and the upper
 * destination bits cleared), register 31 as SP or XZR, the aliases.
 *
 * Each case runs one instruction with x0..x3 preset (x0 is the usual
 * destination) and checks x0, NZCV, and that the sources are unchanged. */
#include "tests/unit/test.h"

#include "jit/opt.h"
#include "target-arm/helper-dp.h"
#include "target-arm/translate.h"
#include "tests/unit/arm_harness.h"
#include "tests/unit/a64_enc.h"
#include "tests/unit/diff_unicorn.h"

enum { UDIV = 2, SDIV = 3, LSLV = 8, LSRV = 9, ASRV = 10, RORV = 11, CRC32 = 16, CRC32C = 20 };
enum { RBIT = 0, REV16 = 1, REV_W_REV32 = 2, REV_X = 3, CLZ = 4, CLS = 5 };
enum { EQ = 0, NE = 1, CS = 2, MI = 4, VS = 6, HI = 8, GE = 10, GT = 12, AL = 14, NV = 15 };
enum { N_ = 8, Z_ = 4, C_ = 2, V_ = 1 };

#define NOFLAGS (-1)

/* Encoders checked against the GNU assembler's encodings. */
TEST(encoders_match_assembler)
{
    CHECK_EQ(a64_addsub_i(1, 0, 0, 0, 4, 1, 0), 0x91001020);        /* add x0, x1, #4 */
    CHECK_EQ(a64_addsub_i(0, 0, 1, 1, 1, 4, 3), 0x31400483);        /* adds w3, w4, #1, lsl #12 */
    CHECK_EQ(a64_logic_i(1, 1, 0, 0, 0x3c, 31, 0), 0xb200f3e0);     /* mov x0, #0x5555... */
    CHECK_EQ(a64_movw(1, 3, 1, 0xbeef, 0), 0xf2b7dde0);              /* movk x0, #0xbeef, lsl 16 */
    CHECK_EQ(a64_bitfield(1, 2, 60, 59, 1, 0), 0xd37cec20);          /* lsl x0, x1, #4 */
    CHECK_EQ(a64_extr(1, 2, 8, 1, 0), 0x93c22020);                   /* extr x0, x1, x2, #8 */
    CHECK_EQ(a64_adr(0, -4, 0), 0x10ffffe0);                         /* adr x0, .-4 */
    CHECK_EQ(a64_logic_r(1, 1, 1, 3, 8, 1, 5, 0), 0xaae120a0);       /* orn x0, x5, x1, ror #8 */
    CHECK_EQ(a64_addsub_r(1, 1, 1, 2, 3, 2, 1, 0), 0xeb820c20);      /* subs x0, x1, x2, asr #3 */
    CHECK_EQ(a64_addsub_x(1, 0, 0, 2, 2, 1, 31, 0), 0x8b214be0);     /* add x0, sp, w1, uxtw #2 */
    CHECK_EQ(a64_adc(1, 0, 1, 2, 1, 0), 0xba020020);                 /* adcs x0, x1, x2 */
    CHECK_EQ(a64_ccmp(1, 1, 0, 2, EQ, 1, 5), 0xfa420025);            /* ccmp x1, x2, #5, eq */
    CHECK_EQ(a64_ccmp(0, 0, 1, 31, NE, 1, 0), 0x3a5f1820);           /* ccmn w1, #31, #0, ne */
    CHECK_EQ(a64_csel(1, 1, 1, 2, NE, 1, 0), 0xda821420);            /* csneg x0, x1, x2, ne */
    CHECK_EQ(a64_dp3(1, 0, 0, 2, 3, 1, 0), 0x9b020c20);              /* madd x0, x1, x2, x3 */
    CHECK_EQ(a64_dp3(1, 2, 0, 2, 31, 1, 0), 0x9b427c20);             /* smulh x0, x1, x2 */
    CHECK_EQ(a64_dp3(1, 5, 1, 2, 3, 1, 0), 0x9ba28c20);              /* umsubl x0, w1, w2, x3 */
    CHECK_EQ(a64_dp2(0, SDIV, 2, 1, 0), 0x1ac20c20);                 /* sdiv w0, w1, w2 */
    CHECK_EQ(a64_dp2(1, RORV, 2, 1, 0), 0x9ac22c20);                 /* ror x0, x1, x2 */
    CHECK_EQ(a64_dp2(1, CRC32C + 3, 1, 0, 0), 0x9ac15c00);           /* crc32cx w0, w0, x1 */
    CHECK_EQ(a64_dp2(0, CRC32, 2, 0, 0), 0x1ac24000);                /* crc32b w0, w0, w2 */
    CHECK_EQ(a64_dp1(0, RBIT, 1, 0), 0x5ac00020);                    /* rbit w0, w1 */
    CHECK_EQ(a64_dp1(1, REV_W_REV32, 1, 0), 0xdac00820);             /* rev32 x0, x1 */
    CHECK_EQ(a64_dp1(1, CLS, 1, 0), 0xdac01420);                     /* cls x0, x1 */
    CHECK_EQ(a64_dp1(0, REV_W_REV32, 1, 0), 0x5ac00820);             /* rev w0, w1 */
}

/* ---- running cases ---- */

typedef struct DpCase {
    uint32_t insn;
    uint64_t x0, x1, x2, x3;   /* inputs */
    unsigned nzcv;             /* input flags, N_|Z_|C_|V_ */
    uint64_t want;             /* x0 afterwards */
    int want_nzcv;             /* flags afterwards, or NOFLAGS: unchanged */
} DpCase;

static void run_cases(JitMode jit, const DpCase *cases, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        const DpCase *c = &cases[i];
        ArmHarness *h = harness_new(jit);
        ArmCpu *cpu = h->cpu;
        unsigned got;

        harness_load(h, &c->insn, 1);
        cpu->x[0] = c->x0;
        cpu->x[1] = c->x1;
        cpu->x[2] = c->x2;
        cpu->x[3] = c->x3;
        arm_set_nzcv(cpu, c->nzcv << 28);
        if (harness_run(h, 100) != HARNESS_DONE) {
            test_failed(__FILE__, __LINE__, "case %u (%08x): exception, ESR %" PRIx64, i,
                        c->insn, cpu->sr.esr_el1);
        }
        got = arm_get_nzcv(cpu) >> 28;
        if (cpu->x[0] != c->want || cpu->x[1] != c->x1 || cpu->x[2] != c->x2 ||
            cpu->x[3] != c->x3) {
            test_failed(__FILE__, __LINE__,
                        "case %u (%08x): x0 = 0x%" PRIx64 ", want 0x%" PRIx64
                        " (x1..x3 %s)", i, c->insn, cpu->x[0], c->want,
                        cpu->x[1] == c->x1 && cpu->x[2] == c->x2 && cpu->x[3] == c->x3
                            ? "kept" : "CHANGED");
        }
        if (got != (c->want_nzcv == NOFLAGS ? c->nzcv : (unsigned)c->want_nzcv)) {
            test_failed(__FILE__, __LINE__, "case %u (%08x): nzcv = %x, want %x", i, c->insn, got,
                        c->want_nzcv == NOFLAGS ? c->nzcv : (unsigned)c->want_nzcv);
        }
    }
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define G32 0xdeadbeef00000000ull     /* garbage for the upper half of W sources */

/* Each group runs under both backends (one process per backend: the JIT's
 * caches are process-wide). */
#define DP_TEST(name)                                                        \
    static void name##_body(JitMode jit);                                    \
    TEST(name##_interp) { name##_body(JIT_INTERP); }                         \
    TEST(name##_native) { name##_body(JIT_NATIVE); }                         \
    static void name##_body(JitMode jit)

/* AddWithCarry (J1): C = unsigned overflow, V = signed overflow. */
DP_TEST(add_sub_flags_64)
{
    const DpCase cases[] = {
        /* adds x0, x1, x2 */
        { a64_addsub_r(1, 0, 1, 0, 0, 2, 1, 0), 0, 0x7fffffffffffffff, 1, 0, 0,
          0x8000000000000000, N_ | V_ },
        { a64_addsub_r(1, 0, 1, 0, 0, 2, 1, 0), 0, UINT64_MAX, 1, 0, N_ | V_, 0, Z_ | C_ },
        { a64_addsub_r(1, 0, 1, 0, 0, 2, 1, 0), 0, 0x8000000000000000, 0x8000000000000000, 0, 0, 0,
          Z_ | C_ | V_ },
        { a64_addsub_r(1, 0, 1, 0, 0, 2, 1, 0), 0, UINT64_MAX, UINT64_MAX, 0, 0,
          0xfffffffffffffffe, N_ | C_ },
        { a64_addsub_r(1, 0, 1, 0, 0, 2, 1, 0), 0, 1, 2, 0, N_ | Z_ | C_ | V_, 3, 0 },
        /* subs x0, x1, x2: C = NOT borrow */
        { a64_addsub_r(1, 1, 1, 0, 0, 2, 1, 0), 0, 0, 1, 0, 0, UINT64_MAX, N_ },
        { a64_addsub_r(1, 1, 1, 0, 0, 2, 1, 0), 0, 5, 5, 0, 0, 0, Z_ | C_ },
        { a64_addsub_r(1, 1, 1, 0, 0, 2, 1, 0), 0, 0x8000000000000000, 1, 0, 0,
          0x7fffffffffffffff, C_ | V_ },
        { a64_addsub_r(1, 1, 1, 0, 0, 2, 1, 0), 0, 0x7fffffffffffffff, UINT64_MAX, 0, 0,
          0x8000000000000000, N_ | V_ },
        /* cmn x1, #1 (adds xzr): x0 untouched */
        { a64_addsub_i(1, 0, 1, 0, 1, 1, 31), 42, UINT64_MAX, 0, 0, 0, 42, Z_ | C_ },
        /* cmp x1, #1, lsl #12 */
        { a64_addsub_i(1, 1, 1, 1, 1, 1, 31), 42, 0x1000, 0, 0, N_, 42, Z_ | C_ },
        /* subs x0, x1, #0xfff: 0 - 0xfff */
        { a64_addsub_i(1, 1, 1, 0, 0xfff, 1, 0), 0, 0, 0, 0, 0, (uint64_t)-0xfff, N_ },
        /* add/sub without S leave the flags */
        { a64_addsub_i(1, 0, 0, 0, 1, 1, 0), 0, UINT64_MAX, 0, 0, N_ | V_, 0, NOFLAGS },
        { a64_addsub_r(1, 1, 0, 0, 0, 2, 1, 0), 0, 0, 1, 0, Z_, UINT64_MAX, NOFLAGS },
        /* shifted operands: adds x0, x1, x2, lsl #63 ; sub x0, x1, x2, asr #63 ;
         * subs x0, x1, x2, lsr #1 */
        { a64_addsub_r(1, 0, 1, 0, 63, 2, 1, 0), 0, 0x8000000000000000, 1, 0, 0, 0,
          Z_ | C_ | V_ },
        { a64_addsub_r(1, 1, 0, 2, 63, 2, 1, 0), 0, 10, 0x8000000000000000, 0, 0, 11, NOFLAGS },
        { a64_addsub_r(1, 1, 1, 1, 1, 2, 1, 0), 0, 0x4000000000000000, 0x8000000000000000, 0, 0, 0,
          Z_ | C_ },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* The 32-bit forms: carry out of bit 31, overflow at INT32, upper source
 * bits ignored, the result zero-extended. */
DP_TEST(add_sub_flags_32)
{
    const DpCase cases[] = {
        /* adds w0, w1, w2 */
        { a64_addsub_r(0, 0, 1, 0, 0, 2, 1, 0), UINT64_MAX, G32 | 0x7fffffff, G32 | 1, 0, 0,
          0x80000000, N_ | V_ },
        { a64_addsub_r(0, 0, 1, 0, 0, 2, 1, 0), UINT64_MAX, G32 | 0xffffffff, 1, 0, 0, 0, Z_ | C_ },
        { a64_addsub_r(0, 0, 1, 0, 0, 2, 1, 0), 0, 0x80000000, G32 | 0x80000000, 0, 0, 0,
          Z_ | C_ | V_ },
        /* 64-bit-wise no carry, but 32-bit carry: 0x1_ffffffff + 1 */
        { a64_addsub_r(0, 0, 1, 0, 0, 2, 1, 0), 0, 0x1ffffffffull, 1, 0, 0, 0, Z_ | C_ },
        /* subs w0, w1, w2 */
        { a64_addsub_r(0, 1, 1, 0, 0, 2, 1, 0), 0, G32 | 0x80000000, 1, 0, 0, 0x7fffffff, C_ | V_ },
        { a64_addsub_r(0, 1, 1, 0, 0, 2, 1, 0), 0, G32, 1, 0, 0, 0xffffffff, N_ },
        /* cmp w1, w2 with equal low halves, different upper halves */
        { a64_addsub_r(0, 1, 1, 0, 0, 2, 1, 31), 7, 0x100000000ull, 0, 0, N_, 7, Z_ | C_ },
        /* add w0, w1, #1: no flags, zero-extended */
        { a64_addsub_i(0, 0, 0, 0, 1, 1, 0), 0, G32 | 0xffffffff, 0, 0, 0, 0, NOFLAGS },
        /* sub w0, w1, w2, lsr #31 and adds w0, w1, w2, asr #31 */
        { a64_addsub_r(0, 1, 0, 1, 31, 2, 1, 0), 0, 0x10, G32 | 0x80000000, 0, 0, 0xf, NOFLAGS },
        { a64_addsub_r(0, 0, 1, 2, 31, 2, 1, 0), 0, 1, G32 | 0x80000000, 0, 0, 0, Z_ | C_ },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* ADC/SBC: Rn + Rm + C, Rn + NOT(Rm) + C. */
DP_TEST(adc_sbc_carry)
{
    const DpCase cases[] = {
        /* adcs x0, x1, x2 */
        { a64_adc(1, 0, 1, 2, 1, 0), 0, UINT64_MAX, 0, 0, C_, 0, Z_ | C_ },
        { a64_adc(1, 0, 1, 2, 1, 0), 0, UINT64_MAX, 0, 0, 0, UINT64_MAX, N_ },
        { a64_adc(1, 0, 1, 2, 1, 0), 0, 0x7fffffffffffffff, 0, 0, C_, 0x8000000000000000, N_ | V_ },
        { a64_adc(1, 0, 1, 2, 1, 0), 0, UINT64_MAX, UINT64_MAX, 0, C_, UINT64_MAX, N_ | C_ },
        { a64_adc(1, 0, 1, 2, 1, 0), 0, 0x8000000000000000, UINT64_MAX, 0, C_, 0x8000000000000000,
          N_ | C_ },
        /* sbcs x0, x1, x2: C = 0 borrows one more */
        { a64_adc(1, 1, 1, 2, 1, 0), 0, 0, 0, 0, 0, UINT64_MAX, N_ },
        { a64_adc(1, 1, 1, 2, 1, 0), 0, 0, 0, 0, C_, 0, Z_ | C_ },
        { a64_adc(1, 1, 1, 2, 1, 0), 0, 0x8000000000000000, 0, 0, 0, 0x7fffffffffffffff, C_ | V_ },
        /* adc / sbc without flags keep NZCV */
        { a64_adc(1, 0, 0, 2, 1, 0), 0, 5, 6, 0, C_ | N_, 12, NOFLAGS },
        { a64_adc(1, 1, 0, 2, 1, 0), 0, 5, 6, 0, Z_, UINT64_MAX - 1, NOFLAGS },
        /* 32 bits: adcs w0, w1, w2 ; sbcs w0, w1, w2 */
        { a64_adc(0, 0, 1, 2, 1, 0), UINT64_MAX, G32 | 0xffffffff, G32, 0, C_, 0, Z_ | C_ },
        { a64_adc(0, 0, 1, 2, 1, 0), 0, 0x7fffffff, G32, 0, C_, 0x80000000, N_ | V_ },
        { a64_adc(0, 1, 1, 2, 1, 0), 0, G32 | 0x80000000, G32, 0, 0, 0x7fffffff, C_ | V_ },
        { a64_adc(0, 1, 1, 2, 1, 0), 0, 3, G32 | 3, 0, C_, 0, Z_ | C_ },
        /* ngcs w0, w2 (sbcs w0, wzr, w2) */
        { a64_adc(0, 1, 1, 2, 31, 0), 0, 0, 0, 0, 0, 0xffffffff, N_ },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* ADD/SUB (extended register): UXTB..SXTX with shifts 0..4; SP operands. */
DP_TEST(add_sub_extended)
{
    const DpCase cases[] = {
        /* add x0, x1, w2, sxtb */
        { a64_addsub_x(1, 0, 0, 4, 0, 2, 1, 0), 0, 1000, 0x180, 0, 0, 1000 - 128, NOFLAGS },
        /* add x0, x1, w2, uxtb #4 */
        { a64_addsub_x(1, 0, 0, 0, 4, 2, 1, 0), 0, 1, 0x1ff, 0, 0, 1 + 0xff0, NOFLAGS },
        /* sub x0, x1, w2, sxth #1 */
        { a64_addsub_x(1, 1, 0, 5, 1, 2, 1, 0), 0, 0, 0x8000, 0, 0, 0x10000, NOFLAGS },
        /* add x0, x1, w2, uxtw #3 */
        { a64_addsub_x(1, 0, 0, 2, 3, 2, 1, 0), 0, 0, G32 | 0x80000000, 0, 0, 0x400000000ull,
          NOFLAGS },
        /* subs x0, x1, w2, sxtw: 0 - (-1) */
        { a64_addsub_x(1, 1, 1, 6, 0, 2, 1, 0), 0, 0, 0xffffffff, 0, 0, 1, 0 },
        /* adds w0, w1, w2, uxth */
        { a64_addsub_x(0, 0, 1, 1, 0, 2, 1, 0), 0, 0xfffe0001, 0xabcdffff, 0, 0, 0xffff0000, N_ },
        /* cmp x1, x2, sxtx #4 */
        { a64_addsub_x(1, 1, 1, 7, 4, 2, 1, 31), 9, 0x100, 0x10, 0, 0, 9, Z_ | C_ },
    };
    run_cases(jit, cases, NELEM(cases));
}

DP_TEST(sp_operands)
{
    /* add x0, sp, #16 ; add sp, sp, #1, lsl #12 ; sub sp, sp, x1, uxtx ;
     * add x2, sp, #0 (mov x2, sp) ; adds xzr... cmn sp, #16 ; and sp, x3, #~0xf */
    const uint32_t code[] = {
        a64_addsub_i(1, 0, 0, 0, 16, 31, 0),
        a64_addsub_i(1, 0, 0, 1, 1, 31, 31),
        a64_addsub_x(1, 1, 0, 3, 0, 1, 31, 31),
        a64_addsub_i(1, 0, 0, 0, 0, 31, 2),
        a64_addsub_i(1, 0, 1, 0, 16, 31, 31),
        a64_logic_i(1, 0, 1, 60, 59, 3, 31),
    };
    ArmHarness *h = harness_new(jit);
    ArmCpu *cpu = h->cpu;

    harness_load(h, code, NELEM(code));
    cpu->sp = 0x40200000;
    cpu->x[1] = 0x100;
    cpu->x[3] = 0x12345678f;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(cpu->x[0], 0x40200010);
    CHECK_EQ(cpu->x[2], 0x40200000 + 0x1000 - 0x100);
    CHECK_EQ(arm_get_nzcv(cpu) >> 28, 0);             /* cmn: no carry, positive */
    CHECK_EQ(cpu->sp, 0x123456780);
    /* 32-bit: add wsp, wsp, #4 zero-extends into SP; adds with Rd = 31 is
     * WZR: add w0, wsp, #0 reads the low half of SP */
    const uint32_t code32[] = {
        a64_addsub_i(0, 0, 0, 0, 4, 31, 31),
        a64_addsub_i(0, 0, 0, 0, 0, 31, 0),
    };
    harness_load(h, code32, NELEM(code32));
    cpu->sp = 0xffffffff00000ffcull;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(cpu->sp, 0x1000);
    CHECK_EQ(cpu->x[0], 0x1000);
}

/* DecodeBitMasks (J1) immediates and the logical ops; ANDS clears C, V. */
DP_TEST(logical_immediate)
{
    const DpCase cases[] = {
        /* mov x0, #0x5555555555555555 (orr x0, xzr, #...): 2-bit elements 01 */
        { a64_logic_i(1, 1, 0, 0, 0x3c, 31, 0), 7, 0, 0, 0, 0, 0x5555555555555555, NOFLAGS },
        /* and w0, w1, #0xff */
        { a64_logic_i(0, 0, 0, 0, 7, 1, 0), 0, G32 | 0x1234, 0, 0, 0, 0x34, NOFLAGS },
        /* eor x0, x1, #0x8000000000000000 (N=1, immr=1, imms=0) */
        { a64_logic_i(1, 2, 1, 1, 0, 1, 0), 0, UINT64_MAX, 0, 0, 0, 0x7fffffffffffffff, NOFLAGS },
        /* orr w0, w1, #0xf0f0f0f0: 8-bit elements 11110000 = ROR(0x0f, 4) */
        { a64_logic_i(0, 1, 0, 4, 0x33, 1, 0), 0, G32 | 1, 0, 0, 0, 0xf0f0f0f1, NOFLAGS },
        /* ands x0, x1, #0x8000000000000000: N from bit 63, C and V cleared */
        { a64_logic_i(1, 3, 1, 1, 0, 1, 0), 0, UINT64_MAX, 0, 0, C_ | V_ | Z_, 0x8000000000000000,
          N_ },
        /* tst w1, #0x80000000 (ands wzr): N is bit 31 */
        { a64_logic_i(0, 3, 0, 1, 0, 1, 31), 5, 0x80000000, 0, 0, Z_ | V_, 5, N_ },
        /* tst w1, #1 with w1 even: Z */
        { a64_logic_i(0, 3, 0, 0, 0, 1, 31), 5, G32 | 2, 0, 0, N_ | C_, 5, Z_ },
        /* and x0, x1, #0x00000000ffffffff (N=1, imms=31) */
        { a64_logic_i(1, 0, 1, 0, 31, 1, 0), 0, UINT64_MAX, 0, 0, 0, 0xffffffff, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* ShiftReg and the inverted forms; ROR in 32 bits rotates within the word. */
DP_TEST(logical_shifted)
{
    const DpCase cases[] = {
        /* mov x0, x1 (orr x0, xzr, x1) */
        { a64_logic_r(1, 1, 0, 0, 0, 1, 31, 0), 0, 0x123456789abcdef0, 0, 0, 0,
          0x123456789abcdef0, NOFLAGS },
        /* mvn w0, w1 (orn w0, wzr, w1) */
        { a64_logic_r(0, 1, 1, 0, 0, 1, 31, 0), 0, G32 | 0x0f0f0f0f, 0, 0, 0, 0xf0f0f0f0, NOFLAGS },
        /* and x0, x1, x2, ror #8 */
        { a64_logic_r(1, 0, 0, 3, 8, 2, 1, 0), 0, UINT64_MAX, 0xff, 0, 0, 0xff00000000000000,
          NOFLAGS },
        /* and w0, w1, w2, ror #4: rotates within 32 bits */
        { a64_logic_r(0, 0, 0, 3, 4, 2, 1, 0), 0, UINT64_MAX, G32 | 0xf, 0, 0,
          0xf0000000, NOFLAGS },
        /* eor w0, w1, w2, asr #31 */
        { a64_logic_r(0, 2, 0, 2, 31, 2, 1, 0), 0, 0x0000ffff, G32 | 0x80000000, 0, 0, 0xffff0000,
          NOFLAGS },
        /* eon x0, x1, x2, lsr #60 */
        { a64_logic_r(1, 2, 1, 1, 60, 2, 1, 0), 0, 0, 0xf000000000000000, 0, 0,
          0xfffffffffffffff0, NOFLAGS },
        /* bic x0, x1, x2, lsl #4 */
        { a64_logic_r(1, 0, 1, 0, 4, 2, 1, 0), 0, UINT64_MAX, 0xf, 0, 0, 0xffffffffffffff0f,
          NOFLAGS },
        /* ands x0, x1, x2 = 0: Z, C and V cleared */
        { a64_logic_r(1, 3, 0, 0, 0, 2, 1, 0), 0, 0xf0, 0x0f, 0, N_ | C_ | V_, 0, Z_ },
        /* bics w0, w1, w2: w1 & ~w2 = 0x80000000 */
        { a64_logic_r(0, 3, 1, 0, 0, 2, 1, 0), 0, G32 | 0x80000001, 1, 0, C_, 0x80000000, N_ },
        /* tst w1, w2, lsr #16 (ands wzr): upper source bits do not leak in */
        { a64_logic_r(0, 3, 0, 1, 16, 2, 1, 31), 3, 0xffffffff, 0xffff00000000ull, 0, 0, 3, Z_ },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* MOVN/MOVZ/MOVK, C6.2: hw selects the halfword. */
DP_TEST(move_wide)
{
    const DpCase cases[] = {
        { a64_movw(1, 2, 3, 0x1234, 0), 5, 0, 0, 0, 0, 0x1234000000000000, NOFLAGS },
        { a64_movw(1, 0, 0, 0, 0), 5, 0, 0, 0, 0, UINT64_MAX, NOFLAGS },
        { a64_movw(0, 0, 0, 0, 0), 5, 0, 0, 0, 0, 0xffffffff, NOFLAGS },
        { a64_movw(0, 0, 1, 0x1234, 0), 5, 0, 0, 0, 0, 0xedcbffff, NOFLAGS },
        { a64_movw(1, 0, 2, 0xffff, 0), 5, 0, 0, 0, 0, 0xffff0000ffffffff, NOFLAGS },
        { a64_movw(1, 3, 1, 0xbeef, 0), 0x1111111111111111, 0, 0, 0, 0, 0x11111111beef1111,
          NOFLAGS },
        { a64_movw(1, 3, 3, 0xbeef, 0), 0x1111111111111111, 0, 0, 0, 0, 0xbeef111111111111,
          NOFLAGS },
        /* movk w0 clears the upper half */
        { a64_movw(0, 3, 0, 0xbeef, 0), 0xffffffff11111111, 0, 0, 0, 0, 0x1111beef, NOFLAGS },
        /* to xzr: nothing */
        { a64_movw(1, 2, 0, 0x1234, 31), 5, 0, 0, 0, 0, 5, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* SBFM/BFM/UBFM and their aliases (C6.2 LSL, LSR, ASR, UBFX, SBFX, UBFIZ,
 * SBFIZ, BFI, BFXIL, SXTB, SXTH, SXTW, UXTB, UXTH). */
DP_TEST(bitfield_aliases)
{
    enum { SBFM = 0, BFM = 1, UBFM = 2 };
    const DpCase cases[] = {
        /* lsl x0, x1, #4 */
        { a64_bitfield(1, UBFM, 60, 59, 1, 0), 0, 0x0123456789abcdef, 0, 0, 0, 0x123456789abcdef0,
          NOFLAGS },
        /* lsr w0, w1, #4 */
        { a64_bitfield(0, UBFM, 4, 31, 1, 0), 0, G32 | 0x89abcdef, 0, 0, 0, 0x089abcde, NOFLAGS },
        /* lsl w0, w1, #31 */
        { a64_bitfield(0, UBFM, 1, 0, 1, 0), 0, G32 | 3, 0, 0, 0, 0x80000000, NOFLAGS },
        /* asr x0, x1, #63 */
        { a64_bitfield(1, SBFM, 63, 63, 1, 0), 0, 0x8000000000000000, 0, 0, 0,
          UINT64_MAX, NOFLAGS },
        /* asr w0, w1, #31 */
        { a64_bitfield(0, SBFM, 31, 31, 1, 0), 0, 0x80000000, 0, 0, 0, 0xffffffff, NOFLAGS },
        /* ubfx x0, x1, #8, #12 */
        { a64_bitfield(1, UBFM, 8, 19, 1, 0), 0, 0x0123456789abcdef, 0, 0, 0, 0xbcd, NOFLAGS },
        /* sbfx x0, x1, #4, #8 */
        { a64_bitfield(1, SBFM, 4, 11, 1, 0), 0, 0x0123456789abcdef, 0, 0, 0, 0xffffffffffffffde,
          NOFLAGS },
        /* sxtb x0, w1 ; sxth w0, w1 ; sxtw x0, w1 */
        { a64_bitfield(1, SBFM, 0, 7, 1, 0), 0, 0x180, 0, 0, 0, 0xffffffffffffff80, NOFLAGS },
        { a64_bitfield(0, SBFM, 0, 15, 1, 0), 0, G32 | 0x8000, 0, 0, 0, 0xffff8000, NOFLAGS },
        { a64_bitfield(1, SBFM, 0, 31, 1, 0), 0, G32 | 0x80000000, 0, 0, 0, 0xffffffff80000000,
          NOFLAGS },
        /* uxtb w0, w1 ; uxth w0, w1 */
        { a64_bitfield(0, UBFM, 0, 7, 1, 0), 0, G32 | 0x1ff, 0, 0, 0, 0xff, NOFLAGS },
        { a64_bitfield(0, UBFM, 0, 15, 1, 0), 0, G32 | 0x12345, 0, 0, 0, 0x2345, NOFLAGS },
        /* bfi x0, x1, #8, #4 */
        { a64_bitfield(1, BFM, 56, 3, 1, 0), UINT64_MAX, 0x5, 0, 0, 0,
          0xfffffffffffff5ff, NOFLAGS },
        /* bfxil x0, x1, #4, #8 */
        { a64_bitfield(1, BFM, 4, 11, 1, 0), UINT64_MAX, 0xabc, 0, 0, 0, 0xffffffffffffffab,
          NOFLAGS },
        /* bfi w0, w1, #28, #4: the upper half of x0 is cleared */
        { a64_bitfield(0, BFM, 4, 3, 1, 0), 0xffffffff00000000, 0xa, 0, 0, 0, 0xa0000000, NOFLAGS },
        /* bfxil w0, w1, #0, #32 (bfm w0, w1, #0, #31): a plain copy */
        { a64_bitfield(0, BFM, 0, 31, 1, 0), UINT64_MAX, G32 | 0x1234, 0, 0, 0, 0x1234, NOFLAGS },
        /* bfm x0, x1, #0, #63: a plain 64-bit copy */
        { a64_bitfield(1, BFM, 0, 63, 1, 0), 5, 0x8765432112345678, 0, 0, 0, 0x8765432112345678,
          NOFLAGS },
        /* sbfiz x0, x1, #4, #8 ; ubfiz w0, w1, #31, #1 */
        { a64_bitfield(1, SBFM, 60, 7, 1, 0), 0, 0x80, 0, 0, 0, 0xfffffffffffff800, NOFLAGS },
        { a64_bitfield(0, UBFM, 1, 0, 1, 0), 0, 0xff, 0, 0, 0, 0x80000000, NOFLAGS },
        /* sbfiz w0, w1, #16, #16: the sign fills only up to bit 31 */
        { a64_bitfield(0, SBFM, 16, 15, 1, 0), 0, 0x8001, 0, 0, 0, 0x80010000, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* EXTR and ROR (immediate). */
DP_TEST(extract_rotate)
{
    const DpCase cases[] = {
        /* extr x0, x1, x2, #8 */
        { a64_extr(1, 2, 8, 1, 0), 0, 0x1122334455667788, 0x99aabbccddeeff00, 0, 0,
          0x8899aabbccddeeff, NOFLAGS },
        /* extr w0, w1, w2, #8 */
        { a64_extr(0, 2, 8, 1, 0), 0, G32 | 0x11223344, G32 | 0x55667788, 0, 0, 0x44556677,
          NOFLAGS },
        /* ror x0, x1, #4 (extr x0, x1, x1, #4) */
        { a64_extr(1, 1, 4, 1, 0), 0, 0x0123456789abcdef, 0, 0, 0, 0xf0123456789abcde, NOFLAGS },
        /* ror w0, w1, #31 */
        { a64_extr(0, 1, 31, 1, 0), 0, G32 | 0x80000001, 0, 0, 0, 0x00000003, NOFLAGS },
        /* extr x0, x1, x2, #0 is x2 */
        { a64_extr(1, 2, 0, 1, 0), 0, 1, 2, 0, 0, 2, NOFLAGS },
        /* extr x0, x1, x2, #63 */
        { a64_extr(1, 2, 63, 1, 0), 0, 1, 0x8000000000000000, 0, 0, 3, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* ADR/ADRP: PC-relative, ADRP from the 4 KB page of the instruction. */
DP_TEST(adr_adrp)
{
    const uint32_t code[] = {
        a64_adr(0, -4, 0),            /* at +0 */
        a64_adr(0, 0xfffff, 1),       /* at +4: the largest offset */
        a64_adr(1, 1, 2),             /* adrp x2, +1 page, at +8 */
        a64_adr(1, -1, 3),            /* adrp x3, -1 page, at +12 */
        a64_adr(1, -0x100000, 4),     /* adrp x4, -4 GB (the most negative), at +16 */
        a64_adr(0, 5, 31),            /* adr xzr: nothing */
    };
    ArmHarness *h = harness_new(jit);
    ArmCpu *cpu = h->cpu;

    harness_load(h, code, NELEM(code));
    cpu->sp = 77;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(cpu->x[0], HARNESS_CODE - 4);
    CHECK_EQ(cpu->x[1], HARNESS_CODE + 4 + 0xfffff);
    CHECK_EQ(cpu->x[2], HARNESS_CODE + 0x1000);
    CHECK_EQ(cpu->x[3], HARNESS_CODE - 0x1000);
    CHECK_EQ(cpu->x[4], HARNESS_CODE - 0x100000000ull);
    CHECK_EQ(cpu->sp, 77);

    /* ADRP far into its page still clears all twelve low bits: 0x48 words
     * of padding (adr xzr) put it at page offset 0x120 */
    uint32_t far[0x49];
    for (unsigned i = 0; i < 0x48; i++) {
        far[i] = a64_adr(0, 0, 31);
    }
    far[0x48] = a64_adr(1, 0, 5);
    harness_load(h, far, NELEM(far));
    cpu->x[5] = 1;
    CHECK_EQ(harness_run(h, 200), HARNESS_DONE);
    CHECK_EQ(cpu->x[5], HARNESS_CODE);
}

/* CCMP/CCMN: compare if the condition holds, else take the immediate. */
DP_TEST(conditional_compare)
{
    const DpCase cases[] = {
        /* ccmp x1, x2, #0, eq with Z set: flags of 5 - 3 */
        { a64_ccmp(1, 1, 0, 2, EQ, 1, 0), 0, 5, 3, 0, Z_, 0, C_ },
        /* ccmp x1, x2, #0xf, ne with Z set: the immediate */
        { a64_ccmp(1, 1, 0, 2, NE, 1, 0xf), 0, 5, 5, 0, Z_, 0, N_ | Z_ | C_ | V_ },
        /* ccmp x1, x2, #0, ne with Z clear: 5 - 5 */
        { a64_ccmp(1, 1, 0, 2, NE, 1, 0), 0, 5, 5, 0, N_, 0, Z_ | C_ },
        /* ccmn x1, #1, #0, al: -1 + 1 */
        { a64_ccmp(1, 0, 1, 1, AL, 1, 0), 0, UINT64_MAX, 0, 0, N_ | V_, 0, Z_ | C_ },
        /* ccmp with nv behaves as always */
        { a64_ccmp(1, 1, 1, 0, NV, 1, 0xf), 0, 0, 0, 0, 0, 0, Z_ | C_ },
        /* ccmp w1, #31, #0, eq: upper bits ignored */
        { a64_ccmp(0, 1, 1, 31, EQ, 1, 0), 0, G32 | 31, 0, 0, Z_, 0, Z_ | C_ },
        /* ccmp w1, w2, #2, hi with C set, Z clear: 0x80000000 - 1 overflows */
        { a64_ccmp(0, 1, 0, 2, HI, 1, 2), 0, 0x80000000, 1, 0, C_, 0, C_ | V_ },
        /* ... and with HI false: the immediate #2 (C only) */
        { a64_ccmp(0, 1, 0, 2, HI, 1, 2), 0, 0x80000000, 1, 0, C_ | Z_, 0, C_ },
        /* ccmn w1, w2, #0, ge with N == V: 0x7fffffff + 1 overflows */
        { a64_ccmp(0, 0, 0, 2, GE, 1, 0), 0, 0x7fffffff, 1, 0, N_ | V_, 0, N_ | V_ },
        /* ccmp x1, x2, #4, gt, with N != V: the immediate (Z) */
        { a64_ccmp(1, 1, 0, 2, GT, 1, 4), 0, 1, 1, 0, N_, 0, Z_ },
        /* ccmp x1, x2, #0, vs with V: 0 - 1 */
        { a64_ccmp(1, 1, 0, 2, VS, 1, 0), 0, 0, 1, 0, V_, 0, N_ },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* CSEL family and the aliases CSET, CSETM, CINC, CNEG. */
DP_TEST(conditional_select)
{
    const DpCase cases[] = {
        /* csel x0, x1, x2, eq */
        { a64_csel(1, 0, 0, 2, EQ, 1, 0), 0, 11, 22, 0, Z_, 11, NOFLAGS },
        { a64_csel(1, 0, 0, 2, EQ, 1, 0), 0, 11, 22, 0, 0, 22, NOFLAGS },
        /* csinc x0, x1, x2, ne with Z: x2 + 1 */
        { a64_csel(1, 0, 1, 2, NE, 1, 0), 0, 11, UINT64_MAX, 0, Z_, 0, NOFLAGS },
        /* csinv w0, w1, w2, mi with N clear: ~w2 */
        { a64_csel(0, 1, 0, 2, MI, 1, 0), 0, 11, G32 | 0x0000ffff, 0, 0, 0xffff0000, NOFLAGS },
        /* csneg x0, x1, x2, cs with C clear: -x2 */
        { a64_csel(1, 1, 1, 2, CS, 1, 0), 0, 11, 0x8000000000000000, 0, 0, 0x8000000000000000,
          NOFLAGS },
        /* csneg w0, w1, w2, cs with C clear: -w2 zero-extended */
        { a64_csel(0, 1, 1, 2, CS, 1, 0), 0, 11, G32 | 1, 0, 0, 0xffffffff, NOFLAGS },
        /* csel w0, w1, w2, al: w1, zero-extended */
        { a64_csel(0, 0, 0, 2, AL, 1, 0), 0, G32 | 7, 22, 0, 0, 7, NOFLAGS },
        /* cset w0, eq (csinc w0, wzr, wzr, ne) */
        { a64_csel(0, 0, 1, 31, NE, 31, 0), 5, 0, 0, 0, Z_, 1, NOFLAGS },
        { a64_csel(0, 0, 1, 31, NE, 31, 0), 5, 0, 0, 0, 0, 0, NOFLAGS },
        /* csetm x0, gt (csinv x0, xzr, xzr, le) with Z clear, N == V */
        { a64_csel(1, 1, 0, 31, GT + 1, 31, 0), 5, 0, 0, 0, N_ | V_, UINT64_MAX, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* MADD/MSUB and the widening multiplies, C6.2. */
DP_TEST(multiply)
{
    enum { MADD = 0, SMADDL = 1, SMULH = 2, UMADDL = 5, UMULH = 6 };
    const DpCase cases[] = {
        { a64_dp3(1, MADD, 0, 2, 3, 1, 0), 0, 3, 4, 5, N_, 17, NOFLAGS },
        { a64_dp3(1, MADD, 1, 2, 3, 1, 0), 0, 3, 4, 5, 0, (uint64_t)-7, NOFLAGS },
        /* mul x0, x1, x2 (ra = xzr) ; mneg */
        { a64_dp3(1, MADD, 0, 2, 31, 1, 0), 0, 0x100000000ull, 0x100000000ull, 5, 0, 0, NOFLAGS },
        { a64_dp3(1, MADD, 1, 2, 31, 1, 0), 0, 3, 4, 5, 0, (uint64_t)-12, NOFLAGS },
        /* madd w0: the product wraps at 32 bits */
        { a64_dp3(0, MADD, 0, 2, 3, 1, 0), 0, G32 | 0x10000, 0x10000, G32 | 1, 0, 1, NOFLAGS },
        /* msub w0: 1 - 2 */
        { a64_dp3(0, MADD, 1, 2, 3, 1, 0), 0, 1, 2, 1, 0, 0xffffffff, NOFLAGS },
        /* smaddl x0, w1, w2, x3: -2 * 3 + 10 ; umaddl: 0xfffffffe * 3 + 10 */
        { a64_dp3(1, SMADDL, 0, 2, 3, 1, 0), 0, G32 | 0xfffffffe, 3, 10, 0, 4, NOFLAGS },
        { a64_dp3(1, UMADDL, 0, 2, 3, 1, 0), 0, G32 | 0xfffffffe, 3, 10, 0, 0x300000004ull,
          NOFLAGS },
        /* smsubl ; umsubl */
        { a64_dp3(1, SMADDL, 1, 2, 3, 1, 0), 0, 0xfffffffe, G32 | 3, 10, 0, 16, NOFLAGS },
        { a64_dp3(1, UMADDL, 1, 2, 3, 1, 0), 0, 0xfffffffe, 3, 10, 0, 0xfffffffd00000010ull,
          NOFLAGS },
        /* smull x0, w1, w2 (smaddl with xzr): INT32_MIN squared */
        { a64_dp3(1, SMADDL, 0, 2, 31, 1, 0), 0, 0x80000000, 0x80000000, 0, 0, 0x4000000000000000,
          NOFLAGS },
        /* smulh */
        { a64_dp3(1, SMULH, 0, 2, 31, 1, 0), 0, UINT64_MAX, UINT64_MAX, 0, 0, 0, NOFLAGS },
        { a64_dp3(1, SMULH, 0, 2, 31, 1, 0), 0, 0x8000000000000000, 0x8000000000000000, 0, 0,
          0x4000000000000000, NOFLAGS },
        { a64_dp3(1, SMULH, 0, 2, 31, 1, 0), 0, UINT64_MAX, 2, 0, 0, UINT64_MAX, NOFLAGS },
        /* umulh: (2^64 - 1)^2 = 2^128 - 2^65 + 1 */
        { a64_dp3(1, UMULH, 0, 2, 31, 1, 0), 0, UINT64_MAX, UINT64_MAX, 0, 0, 0xfffffffffffffffe,
          NOFLAGS },
        { a64_dp3(1, UMULH, 0, 2, 31, 1, 0), 0, 0x8000000000000000, 4, 0, 0, 2, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* UDIV/SDIV: truncation, divide by zero = 0, INT_MIN / -1 = INT_MIN. */
DP_TEST(divide)
{
    const DpCase cases[] = {
        { a64_dp2(1, UDIV, 2, 1, 0), 5, 7, 0, 0, 0, 0, NOFLAGS },
        { a64_dp2(1, SDIV, 2, 1, 0), 5, 7, 0, 0, 0, 0, NOFLAGS },
        { a64_dp2(1, SDIV, 2, 1, 0), 0, 0x8000000000000000, UINT64_MAX, 0, 0, 0x8000000000000000,
          NOFLAGS },
        { a64_dp2(1, SDIV, 2, 1, 0), 0, (uint64_t)-7, 2, 0, 0, (uint64_t)-3, NOFLAGS },
        { a64_dp2(1, SDIV, 2, 1, 0), 0, 7, (uint64_t)-2, 0, 0, (uint64_t)-3, NOFLAGS },
        { a64_dp2(1, UDIV, 2, 1, 0), 0, UINT64_MAX, 1, 0, 0, UINT64_MAX, NOFLAGS },
        { a64_dp2(1, UDIV, 2, 1, 0), 0, UINT64_MAX, 0x100000000ull, 0, 0, 0xffffffff, NOFLAGS },
        /* 32-bit: upper source bits ignored */
        { a64_dp2(0, UDIV, 2, 1, 0), 0, G32 | 0xffffffff, G32 | 2, 0, 0, 0x7fffffff, NOFLAGS },
        { a64_dp2(0, UDIV, 2, 1, 0), 0, 5, G32, 0, 0, 0, NOFLAGS },
        { a64_dp2(0, SDIV, 2, 1, 0), 0, 0x80000000, 0xffffffff, 0, 0, 0x80000000, NOFLAGS },
        { a64_dp2(0, SDIV, 2, 1, 0), 0, G32 | 0xfffffff9, 2, 0, 0, 0xfffffffd, NOFLAGS },
        { a64_dp2(0, SDIV, 2, 1, 0), 0, 0x7fffffff, G32, 0, 0, 0, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* LSLV/LSRV/ASRV/RORV: the count is Rm modulo the width. */
DP_TEST(shift_by_register)
{
    const DpCase cases[] = {
        { a64_dp2(1, LSLV, 2, 1, 0), 0, 3, 65, 0, 0, 6, NOFLAGS },
        { a64_dp2(1, LSLV, 2, 1, 0), 0, 3, 64, 0, 0, 3, NOFLAGS },
        { a64_dp2(0, LSLV, 2, 1, 0), 0, G32 | 0x80000001, 33, 0, 0, 2, NOFLAGS },
        { a64_dp2(0, LSLV, 2, 1, 0), 0, 0x80000001, G32 | 32, 0, 0, 0x80000001, NOFLAGS },
        { a64_dp2(1, LSRV, 2, 1, 0), 0, 0x8000000000000000, 127, 0, 0, 1, NOFLAGS },
        { a64_dp2(0, LSRV, 2, 1, 0), 0, 0xffffffff80000000, 31, 0, 0, 1, NOFLAGS },
        { a64_dp2(0, LSRV, 2, 1, 0), 0, 0xffffffff80000000, 0, 0, 0, 0x80000000, NOFLAGS },
        { a64_dp2(1, ASRV, 2, 1, 0), 0, 0x8000000000000000, 63, 0, 0, UINT64_MAX, NOFLAGS },
        { a64_dp2(0, ASRV, 2, 1, 0), 0, 0x80000000, 35, 0, 0, 0xf0000000, NOFLAGS },
        { a64_dp2(0, ASRV, 2, 1, 0), 0, 0xffffffff7fffffff, 31, 0, 0, 0, NOFLAGS },
        { a64_dp2(1, RORV, 2, 1, 0), 0, 1, 64, 0, 0, 1, NOFLAGS },
        { a64_dp2(1, RORV, 2, 1, 0), 0, 1, 65, 0, 0, 0x8000000000000000, NOFLAGS },
        { a64_dp2(0, RORV, 2, 1, 0), 0, G32 | 1, 1, 0, 0, 0x80000000, NOFLAGS },
        { a64_dp2(0, RORV, 2, 1, 0), 0, G32 | 0x12345678, 36, 0, 0, 0x81234567, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* RBIT/REV16/REV/REV32/CLZ/CLS. */
DP_TEST(bit_byte_ops)
{
    const DpCase cases[] = {
        { a64_dp1(1, RBIT, 1, 0), 0, 1, 0, 0, 0, 0x8000000000000000, NOFLAGS },
        { a64_dp1(1, RBIT, 1, 0), 0, 0x0123456789abcdef, 0, 0, 0, 0xf7b3d591e6a2c480, NOFLAGS },
        { a64_dp1(0, RBIT, 1, 0), 0, G32 | 1, 0, 0, 0, 0x80000000, NOFLAGS },
        { a64_dp1(0, RBIT, 1, 0), 0, G32 | 0x12345678, 0, 0, 0, 0x1e6a2c48, NOFLAGS },
        { a64_dp1(1, REV16, 1, 0), 0, 0x0011223344556677, 0, 0, 0, 0x1100332255447766, NOFLAGS },
        { a64_dp1(0, REV16, 1, 0), 0, 0x0011223344556677, 0, 0, 0, 0x55447766, NOFLAGS },
        { a64_dp1(1, REV_X, 1, 0), 0, 0x0011223344556677, 0, 0, 0, 0x7766554433221100, NOFLAGS },
        { a64_dp1(0, REV_W_REV32, 1, 0), 0, 0x0011223344556677, 0, 0, 0, 0x77665544, NOFLAGS },
        { a64_dp1(1, REV_W_REV32, 1, 0), 0, 0x0011223344556677, 0, 0, 0, 0x3322110077665544,
          NOFLAGS },
        { a64_dp1(1, CLZ, 1, 0), 5, 0, 0, 0, 0, 64, NOFLAGS },
        { a64_dp1(1, CLZ, 1, 0), 5, 1, 0, 0, 0, 63, NOFLAGS },
        { a64_dp1(1, CLZ, 1, 0), 5, UINT64_MAX, 0, 0, 0, 0, NOFLAGS },
        { a64_dp1(0, CLZ, 1, 0), 5, G32, 0, 0, 0, 32, NOFLAGS },
        { a64_dp1(0, CLZ, 1, 0), 5, G32 | 0x00010000, 0, 0, 0, 15, NOFLAGS },
        { a64_dp1(1, CLS, 1, 0), 5, 0, 0, 0, 0, 63, NOFLAGS },
        { a64_dp1(1, CLS, 1, 0), 5, UINT64_MAX, 0, 0, 0, 63, NOFLAGS },
        { a64_dp1(1, CLS, 1, 0), 5, 1, 0, 0, 0, 62, NOFLAGS },
        { a64_dp1(1, CLS, 1, 0), 5, 0x8000000000000000, 0, 0, 0, 0, NOFLAGS },
        { a64_dp1(0, CLS, 1, 0), 5, G32, 0, 0, 0, 31, NOFLAGS },
        { a64_dp1(0, CLS, 1, 0), 5, 0xffffffff, 0, 0, 0, 31, NOFLAGS },
        { a64_dp1(0, CLS, 1, 0), 5, 0x40000000, 0, 0, 0, 0, NOFLAGS },
        { a64_dp1(0, CLS, 1, 0), 5, 0xffffffffe0000000, 0, 0, 0, 2, NOFLAGS },
    };
    run_cases(jit, cases, NELEM(cases));
}

/* CRC-32 and CRC-32C check values ("123456789": 0xCBF43926, 0xE3069283),
 * computed with every operand size: the instructions do no inversion, so
 * the guest starts from ~0 and inverts at the end, as software does. */
static void crc_check(JitMode jit, bool castagnoli, uint32_t want)
{
    unsigned op = castagnoli ? CRC32C : CRC32;
    /* x1 = "12345678" little-endian, x2 = '9' */
    const uint64_t s8 = 0x3837363534333231ull;
    const uint32_t by_x[] = {
        a64_dp2(1, op + 3, 1, 0, 0),                 /* crc32x w0, w0, x1 */
        a64_dp2(0, op + 0, 2, 0, 0),                 /* crc32b w0, w0, w2 */
    };
    const uint32_t by_w[] = {
        a64_dp2(0, op + 2, 1, 0, 0),                 /* crc32w w0, w0, w1 ("1234") */
        a64_dp2(0, op + 2, 3, 0, 0),                 /* crc32w w0, w0, w3 ("5678") */
        a64_dp2(0, op + 0, 2, 0, 0),
    };
    const uint32_t by_h[] = {
        a64_dp2(0, op + 1, 1, 0, 0), a64_dp2(0, op + 1, 4, 0, 0), a64_dp2(0, op + 1, 3, 0, 0),
        a64_dp2(0, op + 1, 5, 0, 0), a64_dp2(0, op + 0, 2, 0, 0),
    };
    const struct {
        const uint32_t *code;
        unsigned n;
    } variants[] = { { by_x, 2 }, { by_w, 3 }, { by_h, 5 } };

    for (unsigned v = 0; v < 3; v++) {
        ArmHarness *h = harness_new(jit);
        ArmCpu *cpu = h->cpu;

        harness_load(h, variants[v].code, variants[v].n);
        cpu->x[0] = G32 | 0xffffffff;            /* upper accumulator bits ignored */
        cpu->x[1] = v == 2 ? (s8 & 0xffff) | G32 : (v == 1 ? (s8 & 0xffffffff) | G32 : s8);
        cpu->x[2] = 0xffffff00u | '9';           /* CRC32B uses the low byte only */
        cpu->x[3] = v == 2 ? ((s8 >> 32) & 0xffff) : s8 >> 32;
        cpu->x[4] = (s8 >> 16) & 0xffff;
        cpu->x[5] = s8 >> 48;
        CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
        CHECK_EQ(cpu->x[0] >> 32, 0);
        CHECK_EQ((uint32_t)cpu->x[0] ^ 0xffffffffu, want);
    }
    /* the helper on its own */
    uint32_t acc = 0xffffffff;
    for (const char *p = "123456789"; *p; p++) {
        acc = arm_crc32_update(acc, (uint8_t)*p, 1, castagnoli);
    }
    CHECK_EQ(acc ^ 0xffffffffu, want);
}

DP_TEST(crc32_check_values)
{
    crc_check(jit, false, 0xcbf43926);
    crc_check(jit, true, 0xe3069283);
}

/* Flags flow between instructions of one block, and dead flag results
 * are dropped without losing the live ones: adds (flags dead: overwritten
 * by the subs), subs, adc (reads C from the subs), cset on the subs' Z via
 * csinc, then a 128-bit add with adds/adc. */
DP_TEST(flags_within_block)
{
    const uint32_t code[] = {
        a64_addsub_r(1, 0, 1, 0, 0, 2, 1, 9),        /* adds x9, x1, x2 */
        a64_addsub_r(1, 1, 1, 0, 0, 2, 1, 10),       /* subs x10, x1, x2 (x1 >= x2: C) */
        a64_adc(1, 0, 0, 31, 31, 11),                /* adc x11, xzr, xzr = C */
        a64_csel(1, 0, 1, 31, NE, 31, 12),           /* cset x12, eq */
        a64_addsub_r(1, 0, 1, 0, 0, 4, 3, 13),       /* adds x13, x3, x4 (low halves) */
        a64_adc(1, 0, 0, 6, 5, 14),                  /* adc x14, x5, x6 (high halves) */
    };
    ArmHarness *h = harness_new(jit);
    ArmCpu *cpu = h->cpu;

    harness_load(h, code, NELEM(code));
    cpu->x[1] = 7;
    cpu->x[2] = 7;
    cpu->x[3] = UINT64_MAX;
    cpu->x[4] = 1;
    cpu->x[5] = 1;
    cpu->x[6] = 2;
    arm_set_nzcv(cpu, 0);
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(cpu->x[9], 14);
    CHECK_EQ(cpu->x[10], 0);
    CHECK_EQ(cpu->x[11], 1);
    CHECK_EQ(cpu->x[12], 1);
    CHECK_EQ(cpu->x[13], 0);
    CHECK_EQ(cpu->x[14], 4);                     /* 1 + 2 + carry */
    CHECK_EQ(arm_get_nzcv(cpu) >> 28, Z_ | C_);  /* from the last adds */
}

/* The IR of every data-processing encoding is well formed before and after
 * the optimizer (the run loop does not verify): random encodings of each
 * decode entry of both tables, translated one per block. */
TEST(translations_verify)
{
    static const char *const handlers[] = {
        "ADR", "ADRP", "ADD_i", "ADDS_i", "SUB_i", "SUBS_i", "AND_i", "ORR_i", "EOR_i",
        "ANDS_i", "MOVN", "MOVZ", "MOVK", "SBFM", "BFM", "UBFM", "EXTR", "AND_r", "BIC_r",
        "ORR_r", "ORN_r", "EOR_r", "EON_r", "ANDS_r", "BICS_r", "ADD_r", "ADDS_r", "SUB_r",
        "SUBS_r", "ADD_x", "ADDS_x", "SUB_x", "SUBS_x", "ADC", "ADCS", "SBC", "SBCS",
        "CCMN_r", "CCMP_r", "CCMN_i", "CCMP_i", "CSEL", "CSINC", "CSINV", "CSNEG", "MADD",
        "MSUB", "SMADDL", "SMSUBL", "SMULH", "UMADDL", "UMSUBL", "UMULH", "UDIV", "SDIV",
        "LSLV", "LSRV", "ASRV", "RORV", "CRC32", "CRC32C", "RBIT", "REV16", "REV", "REV32",
        "CLZ", "CLS", NULL,
    };
    ArmHarness *h = harness_new(JIT_INTERP);
    DiffClass cls;
    DiffRng r;
    char err[200];

    diff_class_init(&cls, "dp", handlers);
    diff_rng_seed(&r, 42);
    for (unsigned i = 0; i < 3000; i++) {
        uint32_t insn;
        unsigned n;
        IrBlock *b;

        CHECK(diff_class_random(&cls, &r, 0, 0, &insn));
        harness_load(h, &insn, 1);
        b = arm_translate_block(h->cpu, HARNESS_CODE, arm_tb_flags(h->cpu), 1, &n);
        CHECK_EQ(n, 1);
        if (!ir_verify(b, err, sizeof err)) {
            test_failed(__FILE__, __LINE__, "%08x: %s", insn, err);
        }
        ir_optimize(b, ~0u, true);
        if (!ir_verify(b, err, sizeof err)) {
            test_failed(__FILE__, __LINE__, "%08x after optimizing: %s", insn, err);
        }
        ir_block_free(b);
    }
}
