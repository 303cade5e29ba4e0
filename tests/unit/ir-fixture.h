/* Shared fixture for the IR, optimizer and TLB tests: a small guest CPU
 * state embedding JitCpu, a context with i64/i32/v128 globals, and fake
 * guest ops: identity-mapped RAM over a malloc'd buffer, one MMIO page that
 * records accesses, and everything else unmapped (tlb_fill raises). */
#ifndef TESTS_UNIT_IR_FIXTURE_H
#define TESTS_UNIT_IR_FIXTURE_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "jit/interp.h"
#include "jit/ir.h"
#include "jit/opt.h"

#define FX_RAM_BASE 0x10000ull
#define FX_RAM_SIZE 0x10000ull
#define FX_MMIO_BASE 0x40000000ull
#define FX_CODE_PAGE 0x12000ull   /* RAM page flagged as holding code */
#define FX_NX 8                   /* i64 globals x0..x7 */
#define FX_NW 4                   /* i32 globals w0..w3 */

typedef struct FxCpu {
    JitCpu jit;
    uint64_t x[FX_NX];
    uint32_t w[FX_NW];
    uint64_t pc;
    uint64_t scratch[4];          /* env fields that are not globals */
    _Alignas(16) uint8_t v[2][16];
    /* fake machine */
    uint8_t *ram;
    int faults, unaligned, bus_errors;
    uint64_t fault_vaddr, fault_pc;
    int mmio_reads, mmio_writes;
    uint64_t mmio_last_pa, mmio_last_val;
    unsigned mmio_last_size;
    int invalidations;
    uint64_t inval_pa;
} FxCpu;

typedef struct Fx {
    IrContext ctx;
    IrTemp x[FX_NX], w[FX_NW], pc, v[2];
} Fx;

static inline void fx_fill(JitCpu *c, uint64_t va, JitAccess acc, int mmu, uint64_t pc)
{
    FxCpu *s = (FxCpu *)c;
    uint64_t page = va & c->tlb.page_mask;

    if (page >= FX_RAM_BASE && page < FX_RAM_BASE + FX_RAM_SIZE) {
        jit_tlb_set_page(c, mmu, va, page, JIT_PROT_READ | JIT_PROT_WRITE | JIT_PROT_EXEC, 0,
                         s->ram + (page - FX_RAM_BASE), page == FX_CODE_PAGE ? JIT_TLB_CODE : 0);
        return;
    }
    if (page == FX_MMIO_BASE) {
        jit_tlb_set_page(c, mmu, va, page, JIT_PROT_READ | JIT_PROT_WRITE, 0, NULL, 0);
        return;
    }
    s->faults++;
    s->fault_vaddr = va;
    s->fault_pc = pc;
    jit_cpu_exit_longjmp(c);
}

static inline void fx_unaligned(JitCpu *c, uint64_t va, JitAccess acc, int mmu, uint64_t pc)
{
    FxCpu *s = (FxCpu *)c;
    s->unaligned++;
    s->fault_vaddr = va;
    s->fault_pc = pc;
    jit_cpu_exit_longjmp(c);
}

static inline bool fx_phys_read(JitCpu *c, uint64_t pa, unsigned size, uint64_t *val)
{
    FxCpu *s = (FxCpu *)c;
    s->mmio_reads++;
    s->mmio_last_pa = pa;
    s->mmio_last_size = size;
    *val = 0xa0 + (pa - FX_MMIO_BASE);
    return pa < FX_MMIO_BASE + 0x800;   /* upper half of the page: nothing answers */
}

static inline bool fx_phys_write(JitCpu *c, uint64_t pa, unsigned size, uint64_t val)
{
    FxCpu *s = (FxCpu *)c;
    s->mmio_writes++;
    s->mmio_last_pa = pa;
    s->mmio_last_size = size;
    s->mmio_last_val = val;
    return pa < FX_MMIO_BASE + 0x800;
}

static inline void fx_bus_error(JitCpu *c, uint64_t va, uint64_t pa, JitAccess acc, uint64_t pc)
{
    FxCpu *s = (FxCpu *)c;
    s->bus_errors++;
    s->fault_vaddr = va;
    s->fault_pc = pc;
    jit_cpu_exit_longjmp(c);
}

static inline void fx_invalidate(JitCpu *c, uint64_t pa, unsigned size)
{
    FxCpu *s = (FxCpu *)c;
    s->invalidations++;
    s->inval_pa = pa;
}

static const JitGuestOps fx_ops = {
    .tlb_fill = fx_fill, .unaligned = fx_unaligned, .phys_read = fx_phys_read,
    .phys_write = fx_phys_write, .bus_error = fx_bus_error, .invalidate_code = fx_invalidate,
};

static inline FxCpu *fx_cpu_new(void)
{
    FxCpu *s = aligned_alloc(64, (sizeof(FxCpu) + 63) & ~(size_t)63);
    jit_cpu_init(&s->jit, &fx_ops, 0, 12);
    memset((uint8_t *)s + sizeof(JitCpu), 0, sizeof *s - sizeof(JitCpu));
    s->ram = calloc(1, FX_RAM_SIZE);
    return s;
}

static inline void fx_cpu_free(FxCpu *s)
{
    free(s->ram);
    free(s);
}

static inline void fx_init(Fx *fx)
{
    static const char *const xn[FX_NX] = { "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7" };
    static const char *const wn[FX_NW] = { "w0", "w1", "w2", "w3" };

    ir_context_init(&fx->ctx);
    for (int i = 0; i < FX_NX; i++) {
        fx->x[i] = ir_global_new(&fx->ctx, IR_I64, offsetof(FxCpu, x[i]), xn[i]);
    }
    for (int i = 0; i < FX_NW; i++) {
        fx->w[i] = ir_global_new(&fx->ctx, IR_I32, offsetof(FxCpu, w[i]), wn[i]);
    }
    fx->pc = ir_global_new(&fx->ctx, IR_I64, offsetof(FxCpu, pc), "pc");
    fx->v[0] = ir_global_new(&fx->ctx, IR_V128, offsetof(FxCpu, v[0]), "v0");
    fx->v[1] = ir_global_new(&fx->ctx, IR_V128, offsetof(FxCpu, v[1]), "v1");
}

/* Verify or fail the test with the reason and a dump. */
#define FX_VERIFY(b)                                                           \
    do {                                                                       \
        char fx_err_[256];                                                     \
        if (!ir_verify((b), fx_err_, sizeof fx_err_)) {                        \
            ir_dump((b), stderr);                                              \
            test_failed(__FILE__, __LINE__, "ir_verify: %s", fx_err_);         \
        }                                                                      \
    } while (0)

/* Number of live (non-nop) ops with opcode opc. */
static inline unsigned fx_count(const IrBlock *b, IrOpc opc)
{
    unsigned n = 0;
    for (unsigned i = 0; i < b->nb_ops; i++) {
        n += b->ops[i].opc == opc;
    }
    return n;
}

#endif
