/* Directed tests of the A64 loads and stores through the whole CPU
 * pipeline (decode, translate, run): addressing modes and write-back,
 * sizes and sign extension, pairs, literal loads, register offsets,
 * alignment and external aborts, exclusives and the monitor, LSE atomics.
 * Every test runs at EL1 with the MMU off (harness default) on both JIT
 * back ends. Expected values come from the Arm ARM's pseudocode, worked by
 * hand in the comments. */
#include "tests/unit/test.h"

#include "target-arm/exception.h"
#include "target-arm/helper-ldst.h"
#include "tests/unit/arm_harness.h"
#include "tests/unit/ldst_enc.h"

#define D HARNESS_DATA
#define UNMAPPED 0x10000000ull       /* nothing on the harness bus there */

/* One TEST per back end around a body taking the JIT mode. */
#define TEST_BOTH(name)                                     \
    static void name##_body(JitMode jit);                   \
    TEST(name##_interp) { name##_body(JIT_INTERP); }        \
    TEST(name##_native) { name##_body(JIT_NATIVE); }        \
    static void name##_body(JitMode jit)

static ArmHarness *load(JitMode jit, const uint32_t *code, unsigned n)
{
    ArmHarness *h = harness_new(jit);
    harness_load(h, code, n);
    return h;
}

static uint64_t rd(ArmHarness *h, uint64_t pa, unsigned size)
{
    uint64_t v = 0;
    CHECK_EQ(as_read(h->as, pa, size, &v), MEMTX_OK);
    return v;
}

static void wr(ArmHarness *h, uint64_t pa, unsigned size, uint64_t v)
{
    CHECK_EQ(as_write(h->as, pa, size, v), MEMTX_OK);
}

static void run_ok(ArmHarness *h)
{
    HarnessStop st = harness_run(h, 1000);

    if (st == HARNESS_EXCEPTION) {
        fprintf(stderr, "  exception: ESR 0x%" PRIx64 " ELR 0x%" PRIx64 " FAR 0x%" PRIx64 "\n",
                h->cpu->sr.esr_el1, h->cpu->sr.elr_el1, h->cpu->sr.far_el1);
    }
    CHECK_EQ(st, HARNESS_DONE);
}

/* Run expecting a data abort from the instruction at index insn. */
static void run_abort(ArmHarness *h, unsigned insn, unsigned dfsc, bool wnr, uint64_t far)
{
    uint64_t esr;

    CHECK_EQ(harness_run(h, 1000), HARNESS_EXCEPTION);
    esr = h->cpu->sr.esr_el1;
    CHECK_EQ(esr >> 26, EC_DABT_SAME);
    CHECK_EQ(esr & 0x3f, dfsc);
    CHECK_EQ((esr >> 6) & 1, wnr);
    CHECK_EQ(h->cpu->sr.far_el1, far);
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE + 4ull * insn);
}

TEST(encoders_match_assembler)
{
    /* words from GNU as (-march=armv8.1-a) for the same operands */
    CHECK_EQ(enc_ldst_imm9(3, OPC_LD, -8, IDX_PRE, 2, 1), 0xf85f8c41);   /* ldr x1,[x2,#-8]! */
    CHECK_EQ(enc_ldst_imm9(0, OPC_LDSW, 5, IDX_POST, 4, 3), 0x38c05483); /* ldrsb w3,[x4],#5 */
    CHECK_EQ(enc_ldst_ui(3, OPC_LD, 16, 2, 1), 0xf9400841);              /* ldr x1,[x2,#16] */
    CHECK_EQ(enc_ldst_reg(1, OPC_LDSX, 7, EXT_SXTW, 1, 6, 5), 0x78a7d8c5);
    CHECK_EQ(enc_ldr_lit(1, 8, 0), 0x58000040);                          /* ldr x0, .+8 */
    CHECK_EQ(enc_ldr_lit(2, -4, 0), 0x98ffffe0);                         /* ldrsw x0, .-4 */
    CHECK_EQ(enc_pair(2, PIDX_PRE, 1, -16, 2, 3, 1), 0xa9ff0861);        /* ldp x1,x2,[x3,#-16]! */
    CHECK_EQ(enc_pair(1, PIDX_POST, 1, 8, 2, 3, 1), 0x68c10861);         /* ldpsw x1,x2,[x3],#8 */
    CHECK_EQ(ENC_LDXR(2, 2, 1), 0x885f7c41);
    CHECK_EQ(ENC_STXR(3, 3, 5, 4), 0xc8037ca4);
    CHECK_EQ(ENC_LDAR(3, 2, 1), 0xc8dffc41);
    CHECK_EQ(ENC_STLR(2, 2, 1), 0x889ffc41);
    CHECK_EQ(ENC_LDAXP(1, 2, 3, 1), 0xc87f8861);
    CHECK_EQ(ENC_STLXP(1, 4, 2, 3, 1), 0xc8248861);
    CHECK_EQ(enc_cas(3, 1, 1, 1, 3, 2), 0xc8e1fc62);                     /* casal x1,x2,[x3] */
    CHECK_EQ(enc_casp(0, 1, 0, 4, 8, 6), 0x08647d06);                    /* caspa w4,w5,w6,w7 */
    CHECK_EQ(enc_atomic(0, 1, 1, AT_SMAX, 1, 3, 2), 0x38e14062);         /* ldsmaxalb w1,w2 */
    CHECK_EQ(enc_atomic(3, 0, 1, AT_CLR, 1, 2, 31), 0xf861105f);         /* stclrl x1,[x2] */
    CHECK_EQ(enc_atomic(2, 1, 0, AT_SWP, 1, 31, 2), 0xb8a183e2);         /* swpa w1,w2,[sp] */
    CHECK_EQ(enc_ldst_imm9(1, OPC_LDSW, 3, IDX_UNPRIV, 2, 1), 0x78c03841); /* ldtrsh w1,[x2,#3] */
}

/* ---- single register: sizes, extension, addressing ---- */

TEST_BOTH(sizes_and_zero_extension)
{
    const uint32_t code[] = {
        enc_ldst_ui(0, OPC_LD, 1, 0, 1),     /* ldrb  w1, [x0, #1] */
        enc_ldst_ui(1, OPC_LD, 2, 0, 2),     /* ldrh  w2, [x0, #2] */
        enc_ldst_ui(2, OPC_LD, 4, 0, 3),     /* ldr   w3, [x0, #4] */
        enc_ldst_ui(3, OPC_LD, 8, 0, 4),     /* ldr   x4, [x0, #8] */
        enc_ldst_ui(0, OPC_ST, 16, 0, 4),    /* strb  w4, [x0, #16] */
        enc_ldst_ui(1, OPC_ST, 18, 0, 4),    /* strh  w4, [x0, #18] */
        enc_ldst_ui(2, OPC_ST, 20, 0, 4),    /* str   w4, [x0, #20] */
        enc_ldst_ui(3, OPC_ST, 24, 0, 4),    /* str   x4, [x0, #24] */
        enc_ldst_ui(3, OPC_ST, 32, 0, 31),   /* str   xzr, [x0, #32] */
    };
    ArmHarness *h = load(jit, code, 9);

    wr(h, D, 8, 0x8877665544332211ull);
    wr(h, D + 8, 8, 0xf0e0d0c0b0a09080ull);
    wr(h, D + 16, 8, 0);
    wr(h, D + 24, 8, 0);
    wr(h, D + 32, 8, ~0ull);
    for (int i = 1; i <= 4; i++) {
        h->cpu->x[i] = ~0ull;                  /* loads must clear the upper bits */
    }
    h->cpu->x[0] = D;
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 0x22);
    CHECK_EQ(h->cpu->x[2], 0x4433);
    CHECK_EQ(h->cpu->x[3], 0x88776655);
    CHECK_EQ(h->cpu->x[4], 0xf0e0d0c0b0a09080ull);
    CHECK_EQ(rd(h, D + 16, 8), 0xb0a0908090800080ull);
    CHECK_EQ(rd(h, D + 24, 8), 0xf0e0d0c0b0a09080ull);
    CHECK_EQ(rd(h, D + 32, 8), 0);
}

TEST_BOTH(sign_extension_per_size)
{
    const uint32_t code[] = {
        enc_ldst_ui(0, OPC_LDSX, 0, 0, 1),   /* ldrsb x1, [x0] */
        enc_ldst_ui(0, OPC_LDSW, 0, 0, 2),   /* ldrsb w2, [x0] */
        enc_ldst_ui(1, OPC_LDSX, 0, 0, 3),   /* ldrsh x3, [x0] */
        enc_ldst_ui(1, OPC_LDSW, 0, 0, 4),   /* ldrsh w4, [x0] */
        enc_ldst_ui(2, OPC_LDSX, 0, 0, 5),   /* ldrsw x5, [x0] */
        enc_ldst_ui(0, OPC_LDSX, 4, 0, 6),   /* ldrsb x6, [x0, #4]: positive */
        enc_ldst_ui(2, OPC_LDSX, 4, 0, 7),   /* ldrsw x7, [x0, #4]: positive */
    };
    ArmHarness *h = load(jit, code, 7);

    wr(h, D, 8, 0x7654321087654321ull);      /* bytes 21 43 65 87 | 10 32 54 76 */
    h->cpu->x[0] = D;
    for (int i = 1; i <= 7; i++) {
        h->cpu->x[i] = 0x5555555555555555ull;
    }
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 0x21);
    CHECK_EQ(h->cpu->x[2], 0x21);
    CHECK_EQ(h->cpu->x[3], 0x4321);
    CHECK_EQ(h->cpu->x[4], 0x4321);
    CHECK_EQ(h->cpu->x[5], 0xffffffff87654321ull);
    CHECK_EQ(h->cpu->x[6], 0x10);
    CHECK_EQ(h->cpu->x[7], 0x76543210);

    /* negative bytes and halfwords: W destinations keep bits 63:32 zero */
    wr(h, D, 8, 0x00000000000080f0ull);
    harness_load(h, code, 5);
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 0xfffffffffffffff0ull);
    CHECK_EQ(h->cpu->x[2], 0xfffffff0ull);
    CHECK_EQ(h->cpu->x[3], 0xffffffffffff80f0ull);
    CHECK_EQ(h->cpu->x[4], 0xffff80f0ull);
    CHECK_EQ(h->cpu->x[5], 0x80f0);
}

TEST_BOTH(pre_post_index_and_unscaled)
{
    const uint32_t code[] = {
        enc_ldst_imm9(3, OPC_LD, -16, IDX_PRE, 0, 1),    /* ldr x1, [x0, #-16]! */
        enc_ldst_imm9(3, OPC_LD, 24, IDX_POST, 2, 3),    /* ldr x3, [x2], #24 */
        enc_ldst_imm9(2, OPC_ST, -256, IDX_POST, 4, 5),  /* str w5, [x4], #-256 */
        enc_ldst_imm9(1, OPC_ST, 255, IDX_PRE, 6, 7),    /* strh w7, [x6, #255]! */
        enc_ldst_imm9(3, OPC_LD, -3, IDX_UNSCALED, 8, 9),/* ldur x9, [x8, #-3] */
        enc_ldst_imm9(0, OPC_LDSX, 1, IDX_UNSCALED, 8, 10), /* ldursb x10, [x8, #1] */
    };
    ArmHarness *h = load(jit, code, 6);

    for (unsigned i = 0; i < 64; i++) {
        wr(h, D + 0x100 + i, 1, 0xa0 + i);
    }
    h->cpu->x[0] = D + 0x120;
    h->cpu->x[2] = D + 0x108;
    h->cpu->x[4] = D + 0x200;
    h->cpu->x[5] = 0x1122334455667788ull;
    h->cpu->x[6] = D + 0x2ff;
    h->cpu->x[7] = 0xbeef;
    h->cpu->x[8] = D + 0x113;
    run_ok(h);
    CHECK_EQ(h->cpu->x[0], D + 0x110);          /* pre-index writes back base+imm */
    CHECK_EQ(h->cpu->x[1], 0xb7b6b5b4b3b2b1b0ull);
    CHECK_EQ(h->cpu->x[2], D + 0x120);          /* post-index: accessed at the base */
    CHECK_EQ(h->cpu->x[3], 0xafaeadacabaaa9a8ull);
    CHECK_EQ(h->cpu->x[4], D + 0x100);
    CHECK_EQ(rd(h, D + 0x200, 4), 0x55667788);
    CHECK_EQ(h->cpu->x[6], D + 0x3fe);
    CHECK_EQ(rd(h, D + 0x3fe, 2), 0xbeef);
    CHECK_EQ(h->cpu->x[8], D + 0x113);          /* unscaled: no write-back */
    CHECK_EQ(h->cpu->x[9], 0xb7b6b5b4b3b2b1b0ull);
    CHECK_EQ(h->cpu->x[10], 0xffffffffffffffb4ull);
}

TEST_BOTH(sp_base_and_writeback_overlap)
{
    const uint32_t code[] = {
        enc_ldst_imm9(3, OPC_ST, -16, IDX_PRE, 31, 1),  /* str x1, [sp, #-16]! */
        enc_ldst_imm9(3, OPC_LD, 8, IDX_POST, 2, 2),    /* ldr x2, [x2], #8: Rn == Rt */
        enc_ldst_imm9(3, OPC_ST, 8, IDX_PRE, 3, 3),     /* str x3, [x3, #8]!: Rn == Rt */
        enc_ldst_ui(3, OPC_LD, 0, 31, 4),               /* ldr x4, [sp] */
    };
    ArmHarness *h = load(jit, code, 4);

    h->cpu->sp = D + 0x800;
    h->cpu->x[1] = 0x0123456789abcdefull;
    h->cpu->x[2] = D + 0x40;
    h->cpu->x[3] = D + 0x80;
    wr(h, D + 0x40, 8, 0x4444);
    run_ok(h);
    CHECK_EQ(h->cpu->sp, D + 0x7f0);
    CHECK_EQ(rd(h, D + 0x7f0, 8), 0x0123456789abcdefull);
    CHECK_EQ(h->cpu->x[4], 0x0123456789abcdefull);
    /* armlet's (QEMU's) choice for the CONSTRAINED UNPREDICTABLE overlaps:
     * a load ends with the written-back address, a store stores the
     * original register */
    CHECK_EQ(h->cpu->x[2], D + 0x48);
    CHECK_EQ(h->cpu->x[3], D + 0x88);
    CHECK_EQ(rd(h, D + 0x88, 8), D + 0x80);
}

TEST_BOTH(register_offset_extends)
{
    const uint32_t code[] = {
        enc_ldst_reg(3, OPC_LD, 1, EXT_LSL, 1, 0, 10),   /* ldr x10, [x0, x1, lsl #3] */
        enc_ldst_reg(3, OPC_LD, 2, EXT_SXTW, 1, 0, 11),  /* ldr x11, [x0, w2, sxtw #3] */
        enc_ldst_reg(2, OPC_LD, 3, EXT_UXTW, 0, 0, 12),  /* ldr w12, [x0, w3, uxtw] */
        enc_ldst_reg(1, OPC_LDSX, 4, EXT_SXTX, 1, 0, 13),/* ldrsh x13, [x0, x4, sxtx #1] */
        enc_ldst_reg(0, OPC_LD, 31, EXT_LSL, 0, 0, 14),  /* ldrb w14, [x0, xzr] */
        enc_ldst_reg(2, OPC_ST, 5, EXT_UXTW, 1, 31, 15), /* str w15, [sp, w5, uxtw #2] */
    };
    ArmHarness *h = load(jit, code, 6);

    for (unsigned i = 0; i < 0x100; i += 8) {
        wr(h, D + 0x100 + i, 8, 0x1000 + i);
    }
    h->cpu->x[0] = D + 0x180;
    h->cpu->x[1] = 2;                          /* +16 */
    h->cpu->x[2] = 0xabcdef00fffffffeull;      /* w2 = -2: -16; the upper half ignored */
    h->cpu->x[3] = 0xffffffff00000008ull;      /* uxtw: +8 */
    h->cpu->x[4] = (uint64_t)-64;              /* *2 = -128 */
    wr(h, D + 0x100, 2, 0x8001);
    h->cpu->sp = D + 0x400;
    h->cpu->x[5] = 0xdead000000000003ull;      /* w5 = 3, <<2 = 12 */
    h->cpu->x[15] = 0xcafef00d;
    run_ok(h);
    CHECK_EQ(h->cpu->x[10], 0x1090);
    CHECK_EQ(h->cpu->x[11], 0x1070);
    CHECK_EQ(h->cpu->x[12], 0x1088);
    CHECK_EQ(h->cpu->x[13], 0xffffffffffff8001ull);
    CHECK_EQ(h->cpu->x[14], 0x80);
    CHECK_EQ(rd(h, D + 0x40c, 4), 0xcafef00d);
}

TEST_BOTH(literal_loads)
{
    /* the literal pool sits after the harness's stop instruction (word 4);
     * the doubleword is 8-aligned (data accesses with the MMU off are
     * Device memory, where a misaligned access faults) */
    const uint32_t prog[] = {
        enc_ldr_lit(1, 24, 1),     /* 0: ldr x1, .+24: words 6..7 */
        enc_ldr_lit(0, 20, 2),     /* 1: ldr w2, .+20: word 6 */
        enc_ldr_lit(2, 20, 3),     /* 2: ldrsw x3, .+20: word 7 */
        enc_ldr_lit(3, -12, 4),    /* 3: prfm: no effect, even pointing before the code */
    };
    ArmHarness *h = load(jit, prog, 4);

    wr(h, HARNESS_CODE + 24, 4, 0x9abcdef0);
    wr(h, HARNESS_CODE + 28, 4, 0x87654321);
    h->cpu->x[2] = ~0ull;
    h->cpu->x[4] = 0x4444;
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 0x876543219abcdef0ull);
    CHECK_EQ(h->cpu->x[2], 0x9abcdef0);
    CHECK_EQ(h->cpu->x[3], 0xffffffff87654321ull);
    CHECK_EQ(h->cpu->x[4], 0x4444);
}

TEST_BOTH(unprivileged_forms_at_el1)
{
    /* MMU off: EL0 and EL1 see the same flat memory, so LDTR/STTR behave
     * as LDUR/STUR here (permissions are covered by the MMU tests) */
    const uint32_t code[] = {
        enc_ldst_imm9(3, OPC_ST, -8, IDX_UNPRIV, 0, 1),  /* sttr x1, [x0, #-8] */
        enc_ldst_imm9(1, OPC_LDSX, -8, IDX_UNPRIV, 0, 2),/* ldtrsh x2, [x0, #-8] */
        enc_ldst_imm9(0, OPC_LD, -7, IDX_UNPRIV, 0, 3),  /* ldtrb w3, [x0, #-7] */
    };
    ArmHarness *h = load(jit, code, 3);

    h->cpu->x[0] = D + 0x18;
    h->cpu->x[1] = 0x000000000000c0deull;
    run_ok(h);
    CHECK_EQ(rd(h, D + 0x10, 8), 0xc0de);
    CHECK_EQ(h->cpu->x[2], 0xffffffffffffc0deull);
    CHECK_EQ(h->cpu->x[3], 0xc0);
    CHECK_EQ(h->cpu->x[0], D + 0x18);
}

/* ---- pairs ---- */

TEST_BOTH(pairs_offsets_and_writeback)
{
    const uint32_t code[] = {
        enc_pair(2, PIDX_PRE, 0, -32, 2, 31, 1),  /* stp x1, x2, [sp, #-32]! */
        enc_pair(0, PIDX_OFF, 0, 252, 4, 0, 3),   /* stp w3, w4, [x0, #252] */
        enc_pair(2, PIDX_POST, 1, 504, 6, 31, 5), /* ldp x5, x6, [sp], #504 */
        enc_pair(0, PIDX_OFF, 1, -256, 8, 7, 7),  /* ldp w7, w8, [x7, #-256] (Rt == Rn) */
        enc_pair(1, PIDX_PRE, 1, 8, 10, 9, 11),   /* ldpsw x11, x10, [x9, #8]! */
        enc_pair(2, PIDX_NT, 0, -512, 13, 12, 31),/* stnp xzr, x13, [x12, #-512] */
        enc_pair(2, PIDX_NT, 1, 504, 15, 12, 14), /* ldnp x14, x15, [x12, #504] */
    };
    ArmHarness *h = load(jit, code, 7);

    h->cpu->sp = D + 0x400;
    h->cpu->x[1] = 0x1111111111111111ull;
    h->cpu->x[2] = 0x2222222222222222ull;
    h->cpu->x[0] = D + 0x500;
    h->cpu->x[3] = 0xaaaaaaaa33333333ull;
    h->cpu->x[4] = 0xbbbbbbbb44444444ull;
    h->cpu->x[7] = D + 0x700;
    wr(h, D + 0x600, 8, 0xfedcba9876543210ull);
    h->cpu->x[9] = D + 0x800;
    wr(h, D + 0x808, 8, 0x7fffffff80000000ull);
    h->cpu->x[12] = D + 0xa00;
    h->cpu->x[13] = 0x1313;
    wr(h, D + 0x800, 8, ~0ull);
    wr(h, D + 0xbf8, 8, 0x14);
    wr(h, D + 0xc00, 8, 0x15);
    run_ok(h);
    CHECK_EQ(rd(h, D + 0x3e0, 8), 0x1111111111111111ull);
    CHECK_EQ(rd(h, D + 0x3e8, 8), 0x2222222222222222ull);
    CHECK_EQ(rd(h, D + 0x5fc, 4), 0x33333333);     /* 252 = imm7 63 * 4 */
    CHECK_EQ(rd(h, D + 0x600, 4), 0x44444444);
    CHECK_EQ(h->cpu->x[5], 0x1111111111111111ull);
    CHECK_EQ(h->cpu->x[6], 0x2222222222222222ull);
    CHECK_EQ(h->cpu->sp, D + 0x3e0 + 504);
    /* the stp above rewrote D+0x600's low word with w4 */
    CHECK_EQ(h->cpu->x[7], 0x44444444);
    CHECK_EQ(h->cpu->x[8], 0xfedcba98);
    CHECK_EQ(h->cpu->x[9], D + 0x808);
    CHECK_EQ(h->cpu->x[11], 0xffffffff80000000ull);
    CHECK_EQ(h->cpu->x[10], 0x7fffffff);
    CHECK_EQ(rd(h, D + 0x800, 8), 0);              /* stnp of xzr at -512 */
    CHECK_EQ(rd(h, D + 0x808, 8), 0x1313);
    CHECK_EQ(h->cpu->x[12], D + 0xa00);
    CHECK_EQ(h->cpu->x[14], 0x14);
    CHECK_EQ(h->cpu->x[15], 0x15);
}

/* ---- faults ---- */

TEST_BOTH(external_abort_on_unmapped_address)
{
    const uint32_t ld[] = { enc_ldst_imm9(3, OPC_LD, 8, IDX_PRE, 0, 1) }; /* ldr x1,[x0,#8]! */
    const uint32_t st[] = { enc_ldst_ui(1, OPC_ST, 2, 0, 1) };          /* strh w1,[x0,#2] */
    ArmHarness *h = load(jit, ld, 1);

    h->cpu->x[0] = UNMAPPED;
    h->cpu->x[1] = 0x1234;
    run_abort(h, 0, 0x10, false, UNMAPPED + 8);
    CHECK_EQ(h->cpu->x[0], UNMAPPED);          /* no write-back */
    CHECK_EQ(h->cpu->x[1], 0x1234);            /* no load */

    harness_load(h, st, 1);
    h->cpu->x[0] = UNMAPPED;
    run_abort(h, 0, 0x10, true, UNMAPPED + 2);
}

TEST_BOTH(pair_fault_on_second_element_changes_nothing)
{
    /* ldp x1, x2, [x0, #-8]!: the first element is the last RAM word, the
     * second the first byte past RAM */
    const uint32_t code[] = { enc_pair(2, PIDX_PRE, 1, -8, 2, 0, 1) };
    ArmHarness *h = load(jit, code, 1);
    uint64_t end = HARNESS_RAM_BASE + HARNESS_RAM_SIZE;

    h->cpu->x[0] = end;
    h->cpu->x[1] = 1;
    h->cpu->x[2] = 2;
    run_abort(h, 0, 0x10, false, end);
    CHECK_EQ(h->cpu->x[0], end);
    CHECK_EQ(h->cpu->x[1], 1);
    CHECK_EQ(h->cpu->x[2], 2);
}

TEST_BOTH(alignment_faults_of_ordered_exclusive_and_atomic)
{
    struct { uint32_t insn; uint64_t addr; bool wnr; } cases[] = {
        { ENC_LDAR(2, 0, 1), D + 2, false },
        { ENC_STLR(1, 0, 1), D + 1, true },
        { ENC_LDXR(3, 0, 1), D + 4, false },
        { ENC_STXR(2, 2, 0, 1), D + 6, true },     /* faults even with the monitor open */
        { ENC_LDXP(1, 2, 0, 1), D + 8, false },    /* X pair: 16-byte alignment */
        { ENC_LDXP(0, 2, 0, 1), D + 4, false },    /* W pair: 8-byte alignment */
        { enc_atomic(1, 0, 0, AT_ADD, 2, 0, 1), D + 3, false },
        { enc_cas(3, 0, 0, 2, 0, 1), D + 8 + 4, false },
        { enc_casp(1, 0, 0, 2, 0, 4), D + 8, false },
    };

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ArmHarness *h = load(jit, &cases[i].insn, 1);
        h->cpu->x[0] = cases[i].addr;
        h->cpu->x[1] = 0x5a5a;
        run_abort(h, 0, 0x21, cases[i].wnr, cases[i].addr);
        CHECK_EQ(h->cpu->x[1], 0x5a5a);
    }
}

TEST_BOTH(sp_alignment_check_follows_sctlr_sa)
{
    const uint32_t code[] = { enc_ldst_ui(3, OPC_LD, 8, 31, 1) };   /* ldr x1, [sp, #8] */
    ArmHarness *h = load(jit, code, 1);

    /* SA clear: a misaligned SP is fine */
    h->cpu->sp = D + 8;
    wr(h, D + 16, 8, 77);
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 77);

    /* SCTLR_EL1.SA (bit 3): EC 0x26 for the misaligned SP, not for x0 */
    h->cpu->sr.sctlr_el1 |= 1u << 3;
    harness_load(h, code, 1);
    h->cpu->x[1] = 0;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1, ESR(EC_SP_ALIGN, 0));
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE);
    CHECK_EQ(h->cpu->x[1], 0);

    harness_load(h, code, 1);
    h->cpu->el = 1;
    h->cpu->sp = D + 16;                      /* aligned: no fault */
    wr(h, D + 24, 8, 99);
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 99);
}

/* ---- exclusives ---- */

TEST_BOTH(exclusive_pass_and_fail)
{
    const uint32_t code[] = {
        ENC_LDXR(2, 0, 1),          /* ldxr w1, [x0] */
        ENC_STXR(2, 2, 0, 4),       /* stxr w2, w4, [x0] */
        ENC_STXR(2, 3, 0, 5),       /* stxr w3, w5, [x0]: monitor now open */
    };
    ArmHarness *h = load(jit, code, 3);

    wr(h, D, 8, 0xffffffff00000041ull);
    h->cpu->x[0] = D;
    h->cpu->x[2] = h->cpu->x[3] = 0xdeadbeefdeadbeefull;
    h->cpu->x[4] = 0x42;
    h->cpu->x[5] = 0x43;
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 0x41);
    CHECK_EQ(h->cpu->x[2], 0);          /* Ws = 0: stored (upper half cleared) */
    CHECK_EQ(h->cpu->x[3], 1);          /* second one fails */
    CHECK_EQ(rd(h, D, 8), 0xffffffff00000042ull);
    CHECK_EQ(h->cpu->excl_addr, UINT64_MAX);
}

TEST_BOTH(exclusive_fails_after_intervening_write_or_mismatch)
{
    const uint32_t ldx[] = { ENC_LDAXR(3, 0, 1) };                 /* ldaxr x1, [x0] */
    const uint32_t stx[] = { ENC_STLXR(3, 2, 0, 3) };              /* stlxr w2, x3, [x0] */
    const uint32_t stx_other[] = { ENC_STXR(3, 2, 4, 3) };         /* stxr w2, x3, [x4] */
    const uint32_t stx_size[] = { ENC_STXR(2, 2, 0, 3) };          /* stxr w2, w3, [x0] */
    ArmHarness *h = load(jit, ldx, 1);

    /* another observer changes the data between LDXR and STXR */
    h->cpu->x[0] = D;
    h->cpu->x[3] = 0x3333;
    h->cpu->x[4] = D + 8;
    wr(h, D, 8, 5);
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 5);
    wr(h, D, 8, 6);
    harness_load(h, stx, 1);
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 1);
    CHECK_EQ(rd(h, D, 8), 6);

    /* a different address fails, and leaves the monitor open */
    harness_load(h, ldx, 1);
    run_ok(h);
    harness_load(h, stx_other, 1);
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 1);
    CHECK_EQ(rd(h, D + 8, 8), 0);
    harness_load(h, stx, 1);
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 1);
    CHECK_EQ(rd(h, D, 8), 6);

    /* a different size fails */
    harness_load(h, ldx, 1);
    run_ok(h);
    harness_load(h, stx_size, 1);
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 1);
    CHECK_EQ(rd(h, D, 8), 6);

    /* another vCPU's successful store-exclusive on the granule (even one
     * restoring the same value) clears ours */
    harness_load(h, ldx, 1);
    run_ok(h);
    arm_excl_note_store(D + 40);
    harness_load(h, stx, 1);
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 1);
    /* ... but not one on another granule, nor one before the load */
    arm_excl_note_store(D);
    harness_load(h, ldx, 1);
    run_ok(h);
    arm_excl_note_store(D + ARM_EXCL_GRANULE);
    harness_load(h, stx, 1);
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 0);
    CHECK_EQ(rd(h, D, 8), 0x3333);
}

TEST_BOTH(exception_entry_and_return_clear_the_monitor)
{
    const uint32_t ldx[] = { ENC_LDXR(3, 0, 1) };
    const uint32_t stx[] = { ENC_STXR(3, 2, 0, 3) };
    ArmHarness *h = load(jit, ldx, 1);

    h->cpu->x[0] = D;
    run_ok(h);
    /* B2.9.5: an exception return clears the local monitor */
    h->cpu->sr.spsr_el1 = 5;                 /* back to EL1h */
    h->cpu->sr.elr_el1 = HARNESS_CODE;
    arm_exception_return(h->cpu);
    harness_load(h, stx, 1);
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 1);

    harness_load(h, ldx, 1);
    run_ok(h);
    arm_take_exception(h->cpu, ARM_EXC_IRQ, 0, 0, false, HARNESS_CODE);
    harness_load(h, stx, 1);
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 1);
}

TEST_BOTH(exclusive_pairs_and_bytes)
{
    const uint32_t code[] = {
        ENC_LDXP(1, 2, 0, 1),            /* ldxp x1, x2, [x0] */
        ENC_STXP(1, 5, 4, 0, 3),         /* stxp w5, x3, x4, [x0] */
        ENC_LDAXP(0, 7, 6, 8),           /* ldaxp w8, w7, [x6] */
        ENC_STLXP(0, 9, 31, 6, 8),       /* stlxp w9, w8, wzr, [x6] */
        ENC_LDXR(0, 10, 11),             /* ldxrb w11, [x10] */
        ENC_STXR(0, 12, 10, 13),         /* stxrb w12, w13, [x10] */
        ENC_LDXR(1, 10, 14),             /* ldxrh w14, [x10] */
        ENC_STXR(1, 15, 10, 31),         /* stxrh w15, wzr, [x10] */
    };
    ArmHarness *h = load(jit, code, 8);

    wr(h, D, 8, 0x1010);
    wr(h, D + 8, 8, 0x2020);
    h->cpu->x[0] = D;
    h->cpu->x[3] = 0x3030;
    h->cpu->x[4] = 0x4040;
    wr(h, D + 0x40, 8, 0x8888888877777777ull);
    h->cpu->x[6] = D + 0x40;
    wr(h, D + 0x81, 1, 0x7f);
    wr(h, D + 0x82, 1, 0x01);
    h->cpu->x[10] = D + 0x82;
    h->cpu->x[13] = 0x1ab;
    h->cpu->x[5] = h->cpu->x[9] = h->cpu->x[12] = h->cpu->x[15] = 7;
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 0x1010);
    CHECK_EQ(h->cpu->x[2], 0x2020);
    CHECK_EQ(h->cpu->x[5], 0);
    CHECK_EQ(rd(h, D, 8), 0x3030);
    CHECK_EQ(rd(h, D + 8, 8), 0x4040);
    CHECK_EQ(h->cpu->x[8], 0x77777777);     /* Rt from the lower address */
    CHECK_EQ(h->cpu->x[7], 0x88888888);
    CHECK_EQ(h->cpu->x[9], 0);
    CHECK_EQ(rd(h, D + 0x40, 8), 0x77777777);
    CHECK_EQ(h->cpu->x[11], 0x01);
    CHECK_EQ(h->cpu->x[12], 0);
    CHECK_EQ(rd(h, D + 0x81, 1), 0x7f);      /* the neighbour is untouched */
    CHECK_EQ(h->cpu->x[14], 0xab);          /* stxrb stored the low byte of 0x1ab */
    CHECK_EQ(h->cpu->x[15], 0);
    CHECK_EQ(rd(h, D + 0x82, 2), 0);
}

TEST_BOTH(load_acquire_store_release)
{
    const uint32_t code[] = {
        ENC_LDAR(0, 0, 1),   /* ldarb w1, [x0] */
        ENC_LDAR(3, 0, 2),   /* ldar x2, [x0] */
        ENC_STLR(1, 3, 2),   /* stlrh w2, [x3] */
        ENC_STLR(3, 31, 2),  /* stlr x2, [sp] */
    };
    ArmHarness *h = load(jit, code, 4);

    wr(h, D, 8, 0x80706050403020f1ull);
    h->cpu->x[0] = D;
    h->cpu->x[3] = D + 0x20;
    h->cpu->sp = D + 0x30;
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 0xf1);
    CHECK_EQ(h->cpu->x[2], 0x80706050403020f1ull);
    CHECK_EQ(rd(h, D + 0x20, 8), 0x20f1);
    CHECK_EQ(rd(h, D + 0x30, 8), 0x80706050403020f1ull);
}

/* ---- LSE atomics ---- */

/* Run one atomic on a byte/half/word/double at D with x1 = operand; return
 * the old value the instruction put in x2, and the memory afterwards. */
static void atomic_case(JitMode jit, unsigned size, unsigned op, uint64_t mem, uint64_t operand,
                        uint64_t want_mem)
{
    const uint32_t code[] = { enc_atomic(size, 1, 1, op, 1, 0, 2) };
    ArmHarness *h = load(jit, code, 1);
    uint64_t mask = size == 3 ? ~0ull : (1ull << (8u << size)) - 1;

    wr(h, D, 8, 0x5555555555555555ull);
    wr(h, D, 1u << size, mem);
    h->cpu->x[0] = D;
    h->cpu->x[1] = operand;
    h->cpu->x[2] = ~0ull;
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], mem & mask);
    CHECK_EQ(rd(h, D, 1u << size), want_mem & mask);
    if (size < 3) {
        CHECK_EQ(rd(h, D + (1u << size), 1), 0x55);   /* nothing past the element */
    }
}

TEST_BOTH(lse_atomic_operations)
{
    atomic_case(jit, 3, AT_ADD, 0xffffffffffffffffull, 2, 1);
    atomic_case(jit, 0, AT_ADD, 0xff, 0x102, 0x01);
    atomic_case(jit, 2, AT_CLR, 0xf0f0f0f0, 0xffff0000ffff00ffull, 0x0000f000);
    atomic_case(jit, 1, AT_EOR, 0x1234, 0xffff, 0xedcb);
    atomic_case(jit, 3, AT_SET, 0x100, 0x011, 0x111);
    /* signed: 0x80 (-128) vs 0x7f: max 0x7f, min 0x80 */
    atomic_case(jit, 0, AT_SMAX, 0x80, 0x7f, 0x7f);
    atomic_case(jit, 0, AT_SMIN, 0x80, 0x7f, 0x80);
    /* the operand's bits above the size are ignored: 0x1_0001 is halfword 1 */
    atomic_case(jit, 1, AT_SMAX, 0xfffe, 0x10001, 0x0001);
    atomic_case(jit, 2, AT_SMIN, 0x7fffffff, 0x80000000, 0x80000000);
    atomic_case(jit, 3, AT_SMAX, 0x8000000000000000ull, 1, 1);
    /* unsigned: 0x80 > 0x7f */
    atomic_case(jit, 0, AT_UMAX, 0x80, 0x7f, 0x80);
    atomic_case(jit, 0, AT_UMIN, 0x80, 0x17f, 0x7f);
    atomic_case(jit, 2, AT_UMAX, 5, 0xffffffff00000004ull, 5);
    atomic_case(jit, 3, AT_UMIN, 0x8000000000000000ull, 1, 1);
    atomic_case(jit, 1, AT_SWP, 0xabcd, 0x99991234, 0x1234);
}

TEST_BOTH(lse_store_aliases_and_swp_overlap)
{
    const uint32_t code[] = {
        enc_atomic(3, 0, 1, AT_ADD, 1, 0, 31),   /* staddl x1, [x0] */
        enc_atomic(3, 1, 0, AT_SWP, 3, 0, 3),    /* swpa x3, x3, [x0]: Rs == Rt */
        enc_atomic(2, 0, 0, AT_SET, 31, 4, 5),   /* ldset wzr, w5, [x4] */
    };
    ArmHarness *h = load(jit, code, 3);

    wr(h, D, 8, 10);
    wr(h, D + 8, 8, 0xffffffff87654321ull);
    h->cpu->x[0] = D;
    h->cpu->x[1] = 5;
    h->cpu->x[3] = 0x33;
    h->cpu->x[4] = D + 8;
    run_ok(h);
    CHECK_EQ(h->cpu->x[3], 15);          /* old value after the staddl */
    CHECK_EQ(rd(h, D, 8), 0x33);
    CHECK_EQ(h->cpu->x[5], 0x87654321);  /* W destination, zero-extended */
    CHECK_EQ(rd(h, D + 8, 8), 0xffffffff87654321ull);
}

TEST_BOTH(cas_success_and_failure)
{
    const uint32_t code[] = {
        enc_cas(2, 1, 1, 1, 0, 2),    /* casal w1, w2, [x0]: equal -> store */
        enc_cas(2, 0, 0, 3, 0, 4),    /* cas w3, w4, [x0]: not equal */
        enc_cas(0, 1, 0, 5, 6, 7),    /* casab w5, w7, [x6]: compares the low byte */
        enc_cas(3, 0, 1, 8, 9, 31),   /* casl x8, xzr, [x9] */
    };
    ArmHarness *h = load(jit, code, 4);

    wr(h, D, 8, 0xaaaaaaaa00000010ull);
    h->cpu->x[0] = D;
    h->cpu->x[1] = 0xffffffff00000010ull;  /* upper half ignored */
    h->cpu->x[2] = 0x20;
    h->cpu->x[3] = 0x10;                   /* stale: memory is now 0x20 */
    h->cpu->x[4] = 0x30;
    wr(h, D + 0x10, 8, 0x77);
    h->cpu->x[5] = 0x177;
    h->cpu->x[6] = D + 0x10;
    h->cpu->x[7] = 0x1ee;
    wr(h, D + 0x20, 8, 0x123456789ull);
    h->cpu->x[8] = 0x123456789ull;
    h->cpu->x[9] = D + 0x20;
    run_ok(h);
    CHECK_EQ(h->cpu->x[1], 0x10);
    CHECK_EQ(h->cpu->x[3], 0x20);
    CHECK_EQ(rd(h, D, 8), 0xaaaaaaaa00000020ull);
    CHECK_EQ(h->cpu->x[5], 0x77);
    CHECK_EQ(rd(h, D + 0x10, 8), 0xee);
    CHECK_EQ(h->cpu->x[8], 0x123456789ull);
    CHECK_EQ(rd(h, D + 0x20, 8), 0);
}

TEST_BOTH(casp_pairs)
{
    const uint32_t code[] = {
        enc_casp(1, 1, 1, 2, 0, 4),    /* caspal x2, x3, x4, x5, [x0]: equal */
        enc_casp(1, 0, 0, 6, 0, 4),    /* casp x6, x7, x4, x5, [x0]: high differs */
        enc_casp(0, 0, 0, 8, 1, 10),   /* casp w8, w9, w10, w11, [x1]: equal */
        enc_casp(0, 1, 0, 12, 1, 30),  /* caspa w12, w13, w30, wzr, [x1]: low differs */
    };
    ArmHarness *h = load(jit, code, 4);

    wr(h, D, 8, 0x1111);
    wr(h, D + 8, 8, 0x2222);
    h->cpu->x[0] = D;
    h->cpu->x[2] = 0x1111;
    h->cpu->x[3] = 0x2222;
    h->cpu->x[4] = 0x4444;
    h->cpu->x[5] = 0x5555;
    h->cpu->x[6] = 0x4444;
    h->cpu->x[7] = 0x0;
    wr(h, D + 0x20, 8, 0x0000bbbb0000aaaaull);
    h->cpu->x[1] = D + 0x20;
    h->cpu->x[8] = 0xffffffff0000aaaaull;
    h->cpu->x[9] = 0x0000bbbb;
    h->cpu->x[10] = 0xcccc;
    h->cpu->x[11] = 0xdddd;
    h->cpu->x[12] = 0xcccd;
    h->cpu->x[13] = 0xdddd;
    h->cpu->x[30] = 0x9999;
    run_ok(h);
    CHECK_EQ(h->cpu->x[2], 0x1111);
    CHECK_EQ(h->cpu->x[3], 0x2222);
    CHECK_EQ(h->cpu->x[6], 0x4444);        /* the old pair comes back */
    CHECK_EQ(h->cpu->x[7], 0x5555);
    CHECK_EQ(rd(h, D, 8), 0x4444);
    CHECK_EQ(rd(h, D + 8, 8), 0x5555);
    CHECK_EQ(h->cpu->x[8], 0xaaaa);
    CHECK_EQ(h->cpu->x[9], 0xbbbb);
    CHECK_EQ(h->cpu->x[12], 0xcccc);
    CHECK_EQ(h->cpu->x[13], 0xdddd);
    CHECK_EQ(rd(h, D + 0x20, 8), 0x0000dddd0000ccccull);
}

TEST_BOTH(atomic_store_fault_leaves_register)
{
    /* a read-modify-write on an unmapped address: external abort, Rt kept */
    const uint32_t code[] = { enc_atomic(3, 0, 0, AT_ADD, 1, 0, 2) };
    ArmHarness *h = load(jit, code, 1);

    h->cpu->x[0] = UNMAPPED;
    h->cpu->x[2] = 0x2222;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    CHECK_EQ(h->cpu->sr.esr_el1 >> 26, EC_DABT_SAME);
    CHECK_EQ(h->cpu->sr.esr_el1 & 0x3f, 0x10);
    CHECK_EQ(h->cpu->sr.far_el1, UNMAPPED);
    CHECK_EQ(h->cpu->x[2], 0x2222);
}
