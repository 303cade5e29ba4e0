/* Directed tests of the Advanced SIMD integer arithmetic through the whole
 * CPU pipeline, at the saturation and rounding edges. Each expected value
 * is worked out by hand from the C6.2 pseudocode (SatQ, the rounding
 * constant 1 << (shift - 1), PolynomialMult); the instruction words come
 * from the GNU assembler (aarch64-linux-gnu-as -march=armv8-a+crypto).
 *
 * Each case presets V0 (destination, and accumulator for the MLA-like
 * forms), V1 (Vn), Vm (V2 unless given) and FPSR.QC, runs one instruction
 * and checks all 128 bits of V0 and QC afterwards. Bits a form ignores are
 * preset to garbage, and bits a 64-bit or scalar form must clear are too. */
#include "tests/unit/test.h"

#include "target-arm/a64-decode.h"
#include "target-arm/exception.h"
#include "tests/unit/arm_harness.h"

#define QC (1u << 27)
#define G 0xdeadbeefcafef00dull      /* garbage */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef struct SimdCase {
    uint32_t insn;
    uint64_t d[2], n[2], m[2];
    unsigned mreg;                   /* 0: V2 */
    uint32_t qc_in;
    uint64_t want[2];
    uint32_t qc_want;
} SimdCase;

static const SimdCase cases[] = {
    /* sqadd v0.8b: 0x7f + 1 and -128 + -1 clip; 0x10 + 0x20; Q = 0 clears
     * bits 127:64 */
    { 0x0e220c20, { G, G }, { 0x000000000010807full, G }, { 0x000000000020ff01ull, G }, 0, 0,
      { 0x000000000030807full, 0 }, QC },
    /* uqsub v0.4h: 1 - 2 -> 0 (clips), 0xffff - 1, 0x8000 - 0x8000 */
    { 0x2e622c20, { G, G }, { 0x00008000ffff0001ull, G }, { 0x0000800000010002ull, G }, 0, 0,
      { 0x00000000fffe0000ull, 0 }, QC },
    /* sqdmulh v0.4s: (-2^31)^2 clips; 2*2^60 >> 32 = 2^29; 2*(-1)(-1) >> 32
     * = 0; 2*(2^31-1)^2 >> 32 = 2^31 - 2 */
    { 0x4ea2b420, { G, G }, { 0x4000000080000000ull, 0x7fffffffffffffffull },
      { 0x4000000080000000ull, 0x7fffffffffffffffull }, 0, 0,
      { 0x200000007fffffffull, 0x7ffffffe00000000ull }, QC },
    /* sqrdmulh v0.8h: (2*0x4000 + 0x8000) >> 16 = 1; (-2 + 0x8000) >> 16 =
     * 0; (-2^15)^2 clips; (2*(-2^15)(2^15-1) + 2^15) >> 16 = -32767 */
    { 0x6e62b420, { G, G }, { 0x80008000ffff4000ull, 0 }, { 0x7fff800000010001ull, 0 }, 0, 0,
      { 0x80017fff00000001ull, 0 }, QC },
    /* srshl v0.2d: (-1 + 1) >> 1 = 0; (5 + 2) >> 2 = 1 (shift = low byte
     * only); QC already set stays set */
    { 0x4ee25420, { G, G }, { ~0ull, 5 }, { ~0ull, 0x12345678000000feull }, 0, QC,
      { 0, 1 }, QC },
    /* urshl v0.2d: (2^64 - 1 + 2^63) >> 64 = 1; 1 << 63 */
    { 0x6ee25420, { G, G }, { ~0ull, 1 }, { 0xc0, 0x3f }, 0, 0,
      { 1, 0x8000000000000000ull }, 0 },
    /* sqshl v0.16b: 0x40<<1 clips, -64<<1 = -128 fits, 1<<7 clips,
     * -1 >> 128 = -1, -127 >> 2 = -32, 1 << 64 clips, 0 << 127 = 0; upper
     * half -128 >> 1 = -64 */
    { 0x4e224c20, { G, G }, { 0x00000181ff01c040ull, 0x8080808080808080ull },
      { 0x007f40fe80070101ull, ~0ull }, 0, 0,
      { 0x00007fe0ff7f807full, 0xc0c0c0c0c0c0c0c0ull }, QC },
    /* uqshl v0.16b: 0x80 >> 1, 0x80 << 1 clips to 0xff, 0xff >> 8, 1 << 7 */
    { 0x6e224c20, { G, G }, { 0x0000000001ff8080ull, 0 }, { 0x0000000007f801ffull, 0 }, 0, 0,
      { 0x000000008000ff40ull, 0 }, QC },
    /* sqrshl d0: 2^62 << 1 clips; scalar clears bits 127:64 */
    { 0x5ee25c20, { G, G }, { 0x4000000000000000ull, G }, { 1, G }, 0, 0,
      { 0x7fffffffffffffffull, 0 }, QC },
    /* uqrshl d0: shift -128 -> 0; shift -64 rounds 2^64 - 1 up to 1 */
    { 0x7ee25c20, { G, G }, { ~0ull, G }, { 0x80, G }, 0, 0, { 0, 0 }, 0 },
    { 0x7ee25c20, { G, G }, { ~0ull, G }, { 0xc0, G }, 0, 0, { 1, 0 }, 0 },
    /* sqdmlal v0.4s, v1.4h, v2.4h: 0x7fffffff + 2 clips (second SatQ);
     * 2*(-2^15)^2 = 2^31 clips (first SatQ) then -1 gives 0x7ffffffe;
     * -2^31 - 65536 clips; 5 + 2*3*(-2) = -7 */
    { 0x0e629020, { 0xffffffff7fffffffull, 0x0000000580000000ull },
      { 0x0003800080000001ull, G }, { 0xfffe000180000001ull, G }, 0, 0,
      { 0x7ffffffe7fffffffull, 0xfffffff980000000ull }, QC },
    /* addhn v0.8b: high bytes of 0x00ff+1, 0x7f00+0x100, 0xffff+1 (wraps),
     * 0x1234+0 */
    { 0x0e224020, { G, G }, { 0x0000ffff7f0000ffull, 0x0000000000001234ull },
      { 0x0000000101000001ull, 0 }, 0, 0, { 0x0000001200008001ull, 0 }, 0 },
    /* raddhn2 v0.16b: + 0x80 first: 0x7f -> 0, 0x80 -> 1, 0xff80 wraps to
     * 0, 0x1234 -> 0x12; the lower half of V0 is kept */
    { 0x6e224020, { 0x0123456789abcdefull, G }, { 0x1234ff800080007full, 0 }, { 0, 0 }, 0, 0,
      { 0x0123456789abcdefull, 0x0000000012000100ull }, 0 },
    /* pmull v0.1q: all ones squared carry-less: bit k is the parity of
     * min(k, 126 - k) + 1, i.e. every even bit up to 126 */
    { 0x0ee2e020, { G, G }, { ~0ull, G }, { ~0ull, G }, 0, 0,
      { 0x5555555555555555ull, 0x5555555555555555ull }, 0 },
    /* pmull2: x^63 * x^63 = x^126 */
    { 0x4ee2e020, { G, G }, { G, 1ull << 63 }, { G, 1ull << 63 }, 0, 0,
      { 0, 0x4000000000000000ull }, 0 },
    /* pmull2: x * (x + 1) = x^2 + x */
    { 0x4ee2e020, { G, G }, { G, 2 }, { G, 3 }, 0, 0, { 6, 0 }, 0 },
    /* sqdmull s0, h1, h2: 2*(-2^15)^2 = 2^31 clips */
    { 0x5e62d020, { G, G }, { 0xabcd000000008000ull, G }, { 0x8000, G }, 0, 0,
      { 0x7fffffff, 0 }, QC },
    /* addp v0.4s: pairs of V2:V1 = 1+2, 3+4, 10+20, 0xffffffff+1 (wraps) */
    { 0x4ea2bc20, { G, G }, { 0x0000000200000001ull, 0x0000000400000003ull },
      { 0x000000140000000aull, 0x00000001ffffffffull }, 0, 0,
      { 0x0000000700000003ull, 0x000000000000001eull }, 0 },
    /* mul v0.8h, v1.8h, v15.h[7]: times 3, truncated */
    { 0x4f7f8820, { G, G }, { 0xffff800000020001ull, 0x5555 }, { G, 0x0003000000000000ull }, 15,
      0, { 0xfffd800000060003ull, 0xffff }, 0 },
    /* sqdmlal2 v0.2d, v1.4s, v31.s[3]: 2*(-2^31)^2 = 2^63 clips; 2^32 +
     * 2*1*(-2^31) = 0 */
    { 0x4fbf3820, { 0, 0x100000000ull }, { G, 0x0000000180000000ull },
      { G, 0x8000000000000000ull }, 31, 0, { 0x7fffffffffffffffull, 0 }, QC },
    /* sqrdmulh s0, s1, v17.s[1]: (2*2^30*1 + 2^31) >> 32 = 1 */
    { 0x5fb1d020, { G, G }, { 0x40000000, G }, { 0x00000001deadbeefull, G }, 17, 0,
      { 1, 0 }, 0 },
    /* bsl v0.16b: V0 selects V1 (one) or V2 (zero) */
    { 0x6e621c20, { 0xff00ff00f0f0f0f0ull, 0 },
      { 0x1111111111111111ull, 0x2222222222222222ull },
      { 0x3333333333333333ull, 0x4444444444444444ull }, 0, 0,
      { 0x1133113313131313ull, 0x4444444444444444ull }, 0 },
    /* sub v0.8b: every lane borrows differently; no borrow crosses lanes */
    { 0x2e228420, { G, G }, { 0x00807f0001ff0010ull, G }, { 0x007fff8002ff0120ull, G }, 0, 0,
      { 0x00018080ff00fff0ull, 0 }, 0 },
};

static void set_v(ArmCpu *cpu, unsigned r, const uint64_t v[2])
{
    cpu->vreg[r][0] = v[0];
    cpu->vreg[r][1] = v[1];
}

static void run_cases(JitMode jit)
{
    for (unsigned i = 0; i < NELEM(cases); i++) {
        const SimdCase *c = &cases[i];
        ArmHarness *h = harness_new(jit);
        ArmCpu *cpu = h->cpu;

        harness_load(h, &c->insn, 1);
        cpu->sr.cpacr_el1 = 3u << 20;          /* FPEN: no trap */
        set_v(cpu, 0, c->d);
        set_v(cpu, 1, c->n);
        set_v(cpu, c->mreg ? c->mreg : 2, c->m);
        cpu->fpsr = c->qc_in;
        if (harness_run(h, 100) != HARNESS_DONE) {
            test_failed(__FILE__, __LINE__, "case %u (%08x): exception, ESR %" PRIx64, i,
                        c->insn, cpu->sr.esr_el1);
        }
        if (cpu->vreg[0][0] != c->want[0] || cpu->vreg[0][1] != c->want[1] ||
            (cpu->fpsr & QC) != c->qc_want) {
            test_failed(__FILE__, __LINE__,
                        "case %u (%08x): v0 = %016" PRIx64 ":%016" PRIx64 " qc %u, want %016"
                        PRIx64 ":%016" PRIx64 " qc %u", i, c->insn, cpu->vreg[0][1],
                        cpu->vreg[0][0], !!(cpu->fpsr & QC), c->want[1], c->want[0],
                        !!c->qc_want);
        }
    }
}

TEST(simd_arith_edges_interp)
{
    run_cases(JIT_INTERP);
}

TEST(simd_arith_edges_native)
{
    run_cases(JIT_NATIVE);
}

/* With CPACR_EL1.FPEN = 00 every form traps to EL1 with EC 0x07 before
 * touching V0 (D13.2.30); one IR-inlined form and one helper form. */
static void run_fpen_trap(JitMode jit)
{
    static const uint32_t insns[] = { 0x6e621c20 /* bsl */, 0x0e220c20 /* sqadd */ };

    for (unsigned i = 0; i < NELEM(insns); i++) {
        ArmHarness *h = harness_new(jit);
        ArmCpu *cpu = h->cpu;

        harness_load(h, &insns[i], 1);
        cpu->sr.cpacr_el1 = 0;
        cpu->vreg[0][0] = cpu->vreg[0][1] = G;
        CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
        CHECK_EQ(cpu->sr.esr_el1 >> 26, EC_FP_ACCESS);
        CHECK_EQ(cpu->sr.elr_el1, HARNESS_CODE);
        CHECK_EQ(cpu->vreg[0][0], G);
        CHECK_EQ(cpu->vreg[0][1], G);
    }
}

TEST(simd_arith_fpen_trap_interp)
{
    run_fpen_trap(JIT_INTERP);
}

TEST(simd_arith_fpen_trap_native)
{
    run_fpen_trap(JIT_NATIVE);
}

/* Decoding: words from the GNU assembler map to their entries, and the
 * neighbouring reserved encodings (objdump: "undefined") stay unallocated,
 * so the FP/SIMD tables of other classes can claim nothing of ours and we
 * claim none of the corners C6.2 reserves. */
TEST(simd_arith_decode)
{
    static const struct {
        uint32_t insn;
        const char *name;
    } words[] = {
        { 0x0e220c20, "SQADD_v" },      /* sqadd v0.8b, v1.8b, v2.8b */
        { 0x6e621c20, "BSL_v" },        /* bsl v0.16b, v1.16b, v2.16b */
        { 0x4ea2bc20, "ADDP_v" },       /* addp v0.4s, v1.4s, v2.4s */
        { 0x5e220c20, "SQADD_s" },      /* sqadd b0, b1, b2 */
        { 0x7ee25c20, "UQRSHL_s" },     /* uqrshl d0, d1, d2 */
        { 0x6ea28020, "UMLAL_v" },      /* umlal2 v0.2d, v1.4s, v2.4s */
        { 0x6e224020, "RADDHN_v" },     /* raddhn2 v0.16b, v1.8h, v2.8h */
        { 0x0ee2e020, "PMULL_v" },      /* pmull v0.1q, v1.1d, v2.1d */
        { 0x5e62d020, "SQDMULL_s" },    /* sqdmull s0, h1, h2 */
        { 0x4f7f8820, "MUL_ve" },       /* mul v0.8h, v1.8h, v15.h[7] */
        { 0x4fbf3820, "SQDMLAL_ve" },   /* sqdmlal2 v0.2d, v1.4s, v31.s[3] */
        { 0x5fb1d020, "SQRDMULH_se" },  /* sqrdmulh s0, s1, v17.s[1] */
        { 0x2e629c20, NULL },           /* pmul, size 01 */
        { 0x4e22b420, NULL },           /* sqdmulh, size 00 */
        { 0x6ea2bc20, NULL },           /* addp with U = 1 */
        { 0x0ee20c20, NULL },           /* sqadd .1d (size:Q = 110) */
        { 0x5ea23420, NULL },           /* scalar cmgt, size 10 */
        { 0x0e62e020, NULL },           /* pmull, size 01 */
        { 0x4f3f8820, NULL },           /* mul by element, size 00 */
        { 0x0ee20020, NULL },           /* saddl, size 11 */
        { 0x4ee20420, NULL },           /* shadd, size 11 */
        { 0x5e22d020, NULL },           /* scalar sqdmull, size 00 */
        { 0x0e22f020, NULL },           /* three different, opcode 1111 */
    };

    for (unsigned i = 0; i < NELEM(words); i++) {
        const char *got = a64_decode_name(words[i].insn);
        if (words[i].name ? !got || strcmp(got, words[i].name) != 0 : got != NULL) {
            test_failed(__FILE__, __LINE__, "%08x: expected %s, got %s", words[i].insn,
                        words[i].name ? words[i].name : "(unallocated)",
                        got ? got : "(unallocated)");
        }
    }
}
