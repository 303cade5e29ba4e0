/* Directed tests of the Advanced SIMD non-arithmetic integer classes: the
 * modified-immediate expansion (AdvSIMDExpandImm) and edge cases worked
 * out from the Arm ARM pseudocode (DDI 0487 C6.2) -- TBL/TBX indices past
 * the table and register-number wrap-around, shifts by the element size,
 * saturation setting FPSR.QC, the *2 forms keeping the lower half, and the
 * CPACR_EL1.FPEN trap. Encodings are from binutils (the comment beside
 * each); expected values are computed by hand from the pseudocode. */
#include "tests/unit/test.h"

#include "target-arm/helper-simd-misc.h"
#include "tests/unit/arm_harness.h"

#define QC (1u << 27)

/* C6.2 MOVI/MVNI/ORR/BIC/FMOV shared decode, AdvSIMDExpandImm. */
TEST(expand_imm)
{
    CHECK_EQ(arm_simd_expand_imm(0, 0x0, 0xab), 0x000000ab000000abull);
    CHECK_EQ(arm_simd_expand_imm(0, 0x3, 0xab), 0x0000ab000000ab00ull);
    CHECK_EQ(arm_simd_expand_imm(1, 0x4, 0xab), 0x00ab000000ab0000ull);
    CHECK_EQ(arm_simd_expand_imm(0, 0x6, 0xab), 0xab000000ab000000ull);
    CHECK_EQ(arm_simd_expand_imm(0, 0x8, 0xab), 0x00ab00ab00ab00abull);
    CHECK_EQ(arm_simd_expand_imm(1, 0xb, 0xab), 0xab00ab00ab00ab00ull);
    /* MSL: ones shifted in */
    CHECK_EQ(arm_simd_expand_imm(0, 0xc, 0xab), 0x0000abff0000abffull);
    CHECK_EQ(arm_simd_expand_imm(1, 0xd, 0xab), 0x00abffff00abffffull);
    CHECK_EQ(arm_simd_expand_imm(0, 0xe, 0xab), 0xababababababababull);
    /* op = 1, cmode 1110: bit i of imm8 -> byte i */
    CHECK_EQ(arm_simd_expand_imm(1, 0xe, 0xa5), 0xff00ff0000ff00ffull);
    /* FMOV: imm8 0x70 is 1.0, 0x00 is 2.0, 0x80 is -2.0, 0x7f is 1.9375 */
    CHECK_EQ(arm_simd_expand_imm(0, 0xf, 0x70), 0x3f8000003f800000ull);
    CHECK_EQ(arm_simd_expand_imm(1, 0xf, 0x70), 0x3ff0000000000000ull);
    CHECK_EQ(arm_simd_expand_imm(1, 0xf, 0x00), 0x4000000000000000ull);
    CHECK_EQ(arm_simd_expand_imm(1, 0xf, 0x80), 0xc000000000000000ull);
    CHECK_EQ(arm_simd_expand_imm(0, 0xf, 0x7f), 0x3ff800003ff80000ull);
}

static ArmHarness *h;

static void setv(unsigned r, uint64_t lo, uint64_t hi)
{
    h->cpu->vreg[r][0] = lo;
    h->cpu->vreg[r][1] = hi;
}

static void run1(uint32_t insn)
{
    harness_load(h, &insn, 1);
    h->cpu->sr.cpacr_el1 = 3u << 20;
    CHECK_EQ(harness_run(h, 10), HARNESS_DONE);
}

#define CHECK_V(r, lo, hi)                                                   \
    do {                                                                     \
        CHECK_EQ(h->cpu->vreg[r][0], (uint64_t)(lo));                        \
        CHECK_EQ(h->cpu->vreg[r][1], (uint64_t)(hi));                        \
    } while (0)

/* Table bytes 0x00..0x3f in v1, v2 (and v30, v31 for the wrap test). */
static void set_table(unsigned first, unsigned nregs)
{
    for (unsigned i = 0; i < nregs; i++) {
        uint64_t b = 0x0706050403020100ull + 0x1010101010101010ull * i;
        setv((first + i) % 32, b, b + 0x0808080808080808ull);
    }
}

static void edge_cases(JitMode jit)
{
    h = harness_new(jit);

    /* tbl v0.16b, {v1.16b, v2.16b}, v3.16b: indices 0, 15, 16, 31 are in
     * the 32-byte table; 32, 64, 128, 255 are out and give 0 */
    set_table(1, 2);
    setv(3, 0xff80402000ff1f10ull, 0x0120ff1f100f0100ull);
    setv(0, 0x5555555555555555ull, 0x5555555555555555ull);
    run1(0x4e032020);
    CHECK_V(0, 0x0000000000001f10ull, 0x0100001f100f0100ull);
    /* tbx: the same, out-of-range bytes keep Vd */
    setv(0, 0x5555555555555555ull, 0x5555555555555555ull);
    run1(0x4e033020);
    CHECK_V(0, 0x5555555500551f10ull, 0x0155551f100f0100ull);

    /* tbl v0.8b, {v31.16b, v0.16b}, v1.8b: register numbers wrap to V0,
     * which is also the destination (read before written); 8-byte result
     * clears the upper half */
    set_table(31, 2);
    setv(1, 0x1f1e100f01002040ull, 0);
    run1(0x0e0123e0);
    CHECK_V(0, 0x1f1e100f01000000ull, 0);

    /* tbl v4.16b, {v30, v31, v0, v1}, v2.16b: a 64-byte table */
    set_table(30, 4);
    setv(2, 0x403f3e302f201000ull, 0xffc08070413f0001ull);
    run1(0x4e0263c4);
    CHECK_V(4, 0x003f3e302f201000ull, 0x00000000003f0001ull);

    /* sshr v0.2d, v1.2d, #64: every bit becomes the sign bit */
    setv(1, 0x8000000000000000ull, 0x7fffffffffffffffull);
    run1(0x4f400420);
    CHECK_V(0, ~0ull, 0);
    /* ushr d0, d1, #64 gives 0 */
    setv(0, 1, 1);
    run1(0x7f400420);
    CHECK_V(0, 0, 0);
    /* urshr d0, d1, #64: (x + 2^63) >> 64 needs 65 bits */
    setv(1, 0x8000000000000000ull, 5);
    run1(0x7f402420);
    CHECK_V(0, 1, 0);
    setv(1, 0x7fffffffffffffffull, 5);
    run1(0x7f402420);
    CHECK_V(0, 0, 0);
    /* ursra d0, d1, #64: d0 + 1 */
    setv(0, 41, 7);
    setv(1, 0xffffffffffffffffull, 5);
    run1(0x7f403420);
    CHECK_V(0, 42, 0);
    /* srshr v0.4s, v1.4s, #32: SInt(x) + 2^31 is in [0, 2^32), so every
     * lane is 0; the rounding add must not wrap at 32 bits */
    setv(1, 0x800000007fffffffull, 0xffffffff00000001ull);
    run1(0x4f202420);
    CHECK_V(0, 0, 0);
    /* sri v0.2d, v1.2d, #64: nothing is inserted */
    setv(0, 0x1122334455667788ull, 0x99aabbccddeeff00ull);
    setv(1, ~0ull, ~0ull);
    run1(0x6f404420);
    CHECK_V(0, 0x1122334455667788ull, 0x99aabbccddeeff00ull);

    /* sqxtn v0.8b, v1.8h: 0x7fff -> 0x7f, 0x8000 -> 0x80, 0x0080 -> 0x7f
     * (all saturate), 0xffff -> 0xff (fits); QC set */
    h->cpu->fpsr = 0;
    setv(1, 0xffff008080007fffull, 0x00010002fffe0003ull);
    run1(0x0e214820);
    CHECK_V(0, 0x0102fe03ff7f807full, 0);
    CHECK_EQ(h->cpu->fpsr & QC, QC);
    /* sqxtn2 v0.16b, v1.8h: writes the upper half, keeps the lower; no
     * saturation leaves QC as it was (clear) */
    h->cpu->fpsr = 0;
    setv(0, 0x1122334455667788ull, 0xaaaaaaaaaaaaaaaaull);
    setv(1, 0x0001ffff007f0000ull, 0xff80fffe00020003ull);
    run1(0x4e214820);
    CHECK_V(0, 0x1122334455667788ull, 0x80fe020301ff7f00ull);
    CHECK_EQ(h->cpu->fpsr & QC, 0);
    /* uqxtn s0, d1: 2^32 saturates to 0xffffffff */
    setv(1, 0x100000000ull, 0);
    run1(0x7ea14820);
    CHECK_V(0, 0xffffffffull, 0);
    CHECK_EQ(h->cpu->fpsr & QC, QC);
    /* sqshlu v0.4s, v1.4s, #31: negative -> 0, 1 -> 2^31, 2 -> saturates */
    h->cpu->fpsr = 0;
    setv(1, 0x00000001ffffffffull, 0x0000000000000002ull);
    run1(0x6f3f6420);
    CHECK_V(0, 0x8000000000000000ull, 0x00000000ffffffffull);
    CHECK_EQ(h->cpu->fpsr & QC, QC);
    /* xtn2 v0.4s, v1.2d */
    setv(0, 0x1111111122222222ull, 0x3333333344444444ull);
    setv(1, 0xaaaaaaaa55555555ull, 0xbbbbbbbb66666666ull);
    run1(0x4ea12820);
    CHECK_V(0, 0x1111111122222222ull, 0x6666666655555555ull);

    /* movi v0.2d, #0xff00ff0000ff00ff; fmov v0.2d, #1.0 */
    run1(0x6f05e4a0);
    CHECK_V(0, 0xff00ff0000ff00ffull, 0xff00ff0000ff00ffull);
    run1(0x6f03f600);
    CHECK_V(0, 0x3ff0000000000000ull, 0x3ff0000000000000ull);
    /* ext v0.16b, v1.16b, v2.16b, #9: bytes 9..15 of v1, then 0..8 of v2 */
    set_table(1, 2);
    run1(0x6e024820);
    CHECK_V(0, 0x100f0e0d0c0b0a09ull, 0x1817161514131211ull);
    /* umov w0, v1.h[5]; smov x0, v1.b[15] */
    setv(1, 0, 0x80ff7766dead0000ull);
    run1(0x0e163c20);
    CHECK_EQ(h->cpu->x[0], 0xdead);
    run1(0x4e1f2c20);
    CHECK_EQ(h->cpu->x[0], 0xffffffffffffff80ull);
}

TEST(edge_cases_interp)
{
    edge_cases(JIT_INTERP);
}

TEST(edge_cases_native)
{
    edge_cases(JIT_NATIVE);
}

/* With CPACR_EL1.FPEN = 0 a SIMD instruction traps to EL1 with EC 0x07
 * (D13.2.30) and changes nothing. */
static void fpen_trap(JitMode jit)
{
    uint32_t insn = 0x4e1f2c20;   /* smov x0, v1.b[15] */

    h = harness_new(jit);
    harness_load(h, &insn, 1);
    h->cpu->sr.cpacr_el1 = 0;
    h->cpu->x[0] = 1234;
    CHECK_EQ(harness_run(h, 10), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 >> 26, 0x07);
    CHECK_EQ(h->cpu->x[0], 1234);
}

TEST(fpen_trap_interp)
{
    fpen_trap(JIT_INTERP);
}

TEST(fpen_trap_native)
{
    fpen_trap(JIT_NATIVE);
}
