/* Softmmu TLB: fills, hits, flushes, flag-forced slow paths (CODE, MMIO),
 * page-crossing splits, alignment faults, and guest memory ops in IR
 * blocks faulting precisely. */
#include "tests/unit/test.h"
#include "tests/unit/ir-fixture.h"

TEST(fill_then_hit)
{
    FxCpu *s = fx_cpu_new();

    s->ram[0x100] = 0x5a;
    CHECK_EQ(jit_ld(&s->jit, FX_RAM_BASE + 0x100, JIT_MO_8, 1, 0), 0x5a);
    CHECK_EQ(s->jit.stats.tlb_fill, 1);
    CHECK_EQ(s->jit.stats.tlb_slow, 1);
    CHECK_EQ(jit_ld(&s->jit, FX_RAM_BASE + 0x108, JIT_MO_8, 1, 0), 0);
    CHECK_EQ(s->jit.stats.tlb_fast, 1);
    CHECK_EQ(s->jit.stats.tlb_fill, 1);
    /* another MMU index has its own table */
    jit_ld(&s->jit, FX_RAM_BASE + 0x100, JIT_MO_8, 2, 0);
    CHECK_EQ(s->jit.stats.tlb_fill, 2);
    /* stores hit the same entry (it is writable) */
    jit_st(&s->jit, FX_RAM_BASE + 0x200, 0x11223344, JIT_MO_32, 1, 0);
    CHECK_EQ(s->jit.stats.tlb_fast, 2);
    CHECK_EQ(s->ram[0x200], 0x44);
    CHECK_EQ(s->ram[0x203], 0x11);
    /* sign extension of loads */
    CHECK_EQ(jit_ld(&s->jit, FX_RAM_BASE + 0x200, JIT_MO_16 | JIT_MO_SIGN, 1, 0), 0x3344);
    s->ram[0x201] = 0x80;
    CHECK_EQ(jit_ld(&s->jit, FX_RAM_BASE + 0x200, JIT_MO_16 | JIT_MO_SIGN, 1, 0),
             0xffffffffffff8044ull);
    fx_cpu_free(s);
}

TEST(flushes)
{
    FxCpu *s = fx_cpu_new();
    uint64_t a = FX_RAM_BASE + 0x100, b = FX_RAM_BASE + 0x3100;

    jit_ld(&s->jit, a, JIT_MO_8, 0, 0);
    jit_ld(&s->jit, b, JIT_MO_8, 0, 0);
    jit_ld(&s->jit, a, JIT_MO_8, 3, 0);
    CHECK_EQ(s->jit.stats.tlb_fill, 3);
    jit_tlb_flush_page(&s->jit, a + 0x10, 1u << 0);   /* page a, mmu 0 only */
    jit_ld(&s->jit, b, JIT_MO_8, 0, 0);
    jit_ld(&s->jit, a, JIT_MO_8, 3, 0);
    CHECK_EQ(s->jit.stats.tlb_fill, 3);
    jit_ld(&s->jit, a, JIT_MO_8, 0, 0);
    CHECK_EQ(s->jit.stats.tlb_fill, 4);
    jit_tlb_flush_mmuidx(&s->jit, 1u << 3);
    jit_ld(&s->jit, a, JIT_MO_8, 0, 0);
    CHECK_EQ(s->jit.stats.tlb_fill, 4);
    jit_ld(&s->jit, a, JIT_MO_8, 3, 0);
    CHECK_EQ(s->jit.stats.tlb_fill, 5);
    jit_tlb_flush_all(&s->jit);
    jit_ld(&s->jit, a, JIT_MO_8, 3, 0);
    jit_ld(&s->jit, b, JIT_MO_8, 0, 0);
    CHECK_EQ(s->jit.stats.tlb_fill, 7);
    CHECK_EQ(s->jit.stats.tlb_flush, 3);
    fx_cpu_free(s);
}

TEST(code_page_store_invalidates_first)
{
    FxCpu *s = fx_cpu_new();

    CHECK_EQ(jit_ld(&s->jit, FX_CODE_PAGE + 8, JIT_MO_32, 0, 0), 0);
    CHECK_EQ(s->invalidations, 0);   /* loads from code pages stay fast */
    jit_ld(&s->jit, FX_CODE_PAGE + 8, JIT_MO_32, 0, 0);
    CHECK_EQ(s->jit.stats.tlb_fast, 1);
    jit_st(&s->jit, FX_CODE_PAGE + 8, 0xd503201f, JIT_MO_32, 0, 0);
    CHECK_EQ(s->invalidations, 1);
    CHECK_EQ(s->inval_pa, FX_CODE_PAGE + 8);
    CHECK_EQ(s->ram[FX_CODE_PAGE - FX_RAM_BASE + 8], 0x1f);
    jit_st(&s->jit, FX_CODE_PAGE + 8, 0, JIT_MO_32, 0, 0);
    CHECK_EQ(s->invalidations, 2);
    /* the TB cache says the page has no code any more */
    jit_tlb_update_phys_flags(&s->jit, FX_CODE_PAGE, 0, JIT_TLB_CODE);
    jit_st(&s->jit, FX_CODE_PAGE + 8, 0, JIT_MO_32, 0, 0);
    CHECK_EQ(s->invalidations, 2);
    /* and back */
    jit_tlb_update_phys_flags(&s->jit, FX_CODE_PAGE, JIT_TLB_CODE, 0);
    jit_st(&s->jit, FX_CODE_PAGE + 12, 0, JIT_MO_8, 0, 0);
    CHECK_EQ(s->invalidations, 3);
    fx_cpu_free(s);
}

TEST(mmio_goes_to_phys_ops)
{
    FxCpu *s = fx_cpu_new();

    CHECK_EQ(jit_ld(&s->jit, FX_MMIO_BASE + 0x10, JIT_MO_32, 0, 0), 0xa0 + 0x10);
    CHECK_EQ(s->mmio_reads, 1);
    CHECK_EQ(s->mmio_last_size, 4);
    CHECK_EQ(jit_ld(&s->jit, FX_MMIO_BASE + 0x18, JIT_MO_32, 0, 0), 0xa0 + 0x18);
    CHECK_EQ(s->mmio_reads, 2);    /* never served from the fast path */
    CHECK_EQ(s->jit.stats.tlb_fast, 0);
    jit_st(&s->jit, FX_MMIO_BASE + 0x20, 0x1234, JIT_MO_16, 0, 0);
    CHECK_EQ(s->mmio_writes, 1);
    CHECK_EQ(s->mmio_last_pa, FX_MMIO_BASE + 0x20);
    CHECK_EQ(s->mmio_last_val, 0x1234);
    CHECK_EQ(s->mmio_last_size, 2);
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        jit_ld(&s->jit, FX_MMIO_BASE + 0x900, JIT_MO_32, 0, 0x4444);
        CHECK(!"no bus error");
    }
    CHECK_EQ(s->bus_errors, 1);
    CHECK_EQ(s->fault_pc, 0x4444);
    fx_cpu_free(s);
}

TEST(page_crossing_access_is_split)
{
    FxCpu *s = fx_cpu_new();
    uint64_t va = FX_RAM_BASE + 0x1000 - 3;

    jit_st(&s->jit, va, 0x0807060504030201ull, JIT_MO_64, 0, 0);
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(s->ram[0x1000 - 3 + i], i + 1);
    }
    CHECK_EQ(s->jit.stats.tlb_fill, 2);   /* both pages */
    CHECK_EQ(jit_ld(&s->jit, va, JIT_MO_64, 0, 0), 0x0807060504030201ull);
    CHECK_EQ(s->jit.stats.tlb_fast, 0);   /* crossing never takes the fast path */
    /* the second page unmapped: fault, and the first page is not written */
    uint64_t top = FX_RAM_BASE + FX_RAM_SIZE - 2;
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        jit_st(&s->jit, top, 0xffffffff, JIT_MO_32, 0, 0x99);
        CHECK(!"no fault");
    }
    CHECK_EQ(s->faults, 1);
    CHECK_EQ(s->fault_vaddr, FX_RAM_BASE + FX_RAM_SIZE);
    CHECK_EQ(s->fault_pc, 0x99);
    CHECK_EQ(s->ram[FX_RAM_SIZE - 2], 0);
    CHECK_EQ(s->ram[FX_RAM_SIZE - 1], 0);
    fx_cpu_free(s);
}

TEST(alignment_fault_when_required)
{
    FxCpu *s = fx_cpu_new();

    /* unaligned but allowed */
    jit_st(&s->jit, FX_RAM_BASE + 0x101, 0xabcd, JIT_MO_16, 0, 0);
    CHECK_EQ(s->ram[0x101], 0xcd);
    /* natural alignment required */
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        jit_ld(&s->jit, FX_RAM_BASE + 0x102, JIT_MO_32 | JIT_MO_ALIGN, 0, 0x20);
        CHECK(!"no alignment fault");
    }
    CHECK_EQ(s->unaligned, 1);
    CHECK_EQ(s->fault_vaddr, FX_RAM_BASE + 0x102);
    CHECK_EQ(s->fault_pc, 0x20);
    CHECK_EQ(s->jit.restore_pc, 0x20);
    /* explicit 16-byte alignment on an 8-byte access */
    CHECK_EQ(jit_ld(&s->jit, FX_RAM_BASE + 0x110, JIT_MO_64 | JIT_MO_ALIGN_BYTES(4), 0, 0),
             0);
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        jit_ld(&s->jit, FX_RAM_BASE + 0x108, JIT_MO_64 | JIT_MO_ALIGN_BYTES(4), 0, 0);
        CHECK(!"no alignment fault");
    }
    CHECK_EQ(s->unaligned, 2);
    fx_cpu_free(s);
}

TEST(code_translation)
{
    FxCpu *s = fx_cpu_new();
    void *host = NULL;

    CHECK_EQ(jit_tlb_translate_code(&s->jit, FX_RAM_BASE + 0x44, 1, &host), FX_RAM_BASE + 0x44);
    CHECK(host == s->ram + 0x44);
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        jit_tlb_translate_code(&s->jit, 0x7000000, 1, &host);
        CHECK(!"no prefetch fault");
    }
    CHECK_EQ(s->fault_pc, 0x7000000);
    fx_cpu_free(s);
}

/* Guest memory ops in a block: the fault PC is the insn_start PC of the
 * faulting instruction; state and stores before it are visible, after it
 * not; works the same after optimization. */
static void fault_block(bool optimize)
{
    Fx fx;
    FxCpu *s = fx_cpu_new();
    IrBlock *b;
    InterpProg *p;
    IrTemp a, v;

    fx_init(&fx);
    b = ir_block_new(&fx.ctx);
    a = ir_temp_new(b, IR_I64);
    v = ir_temp_new(b, IR_V128);
    ir_insn_start(b, 0x400);
    ir_movi(b, IR_I64, a, FX_RAM_BASE + 0x40);
    ir_qemu_st(b, IR_I64, fx.x[1], a, JIT_MO_64, 1);
    ir_qemu_ld(b, IR_I32, fx.w[0], a, JIT_MO_16 | JIT_MO_SIGN, 1);
    ir_qemu_ld(b, IR_V128, v, a, JIT_MO_128, 1);
    ir_qemu_st(b, IR_V128, v, ir_const(b, IR_I64, FX_RAM_BASE + 0x80), JIT_MO_128, 1);
    ir_movi(b, IR_I64, fx.x[2], 2);
    ir_insn_start(b, 0x404);
    ir_qemu_st(b, IR_I64, fx.x[1], ir_const(b, IR_I64, 0x900000), JIT_MO_64, 1);
    ir_insn_start(b, 0x408);
    ir_movi(b, IR_I64, fx.x[3], 3);
    ir_qemu_st(b, IR_I64, fx.x[1], ir_const(b, IR_I64, FX_RAM_BASE + 0x48), JIT_MO_64, 1);
    ir_exit_tb(b, 0);
    FX_VERIFY(b);
    if (optimize) {
        ir_optimize(b, IR_PASS_ALL, true);
    }
    s->x[1] = 0x1122334455668899ull;
    p = interp_prepare(b);
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        interp_exec(p, &s->jit);
        CHECK(!"no fault");
    }
    CHECK_EQ(s->faults, 1);
    CHECK_EQ(s->fault_pc, 0x404);
    CHECK_EQ(s->jit.restore_pc, 0x404);
    CHECK_EQ(s->fault_vaddr, 0x900000);
    CHECK_EQ(s->ram[0x40], 0x99);
    CHECK_EQ(s->w[0], 0xffff8899);
    CHECK_EQ(s->ram[0x80], 0x99);
    CHECK_EQ(s->ram[0x87], 0x11);
    CHECK_EQ(s->x[2], 2);
    CHECK_EQ(s->x[3], 0);
    CHECK_EQ(s->ram[0x48], 0);
    interp_free(p);
    ir_block_free(b);
    fx_cpu_free(s);
}

TEST(block_fault_is_precise)
{
    fault_block(false);
}

TEST(block_fault_is_precise_optimized)
{
    fault_block(true);
}
