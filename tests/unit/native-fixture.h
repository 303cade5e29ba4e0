/* Native-backend test fixture: a code buffer, the TB cache and the x86-64
 * backend, plus a runner that executes one IR block with the interpreter
 * and natively on two copies of the same FxCpu state and compares them. */
#ifndef TESTS_UNIT_NATIVE_FIXTURE_H
#define TESTS_UNIT_NATIVE_FIXTURE_H

#include <setjmp.h>

#include "jit/backend.h"
#include "jit/tb.h"
#include "tests/unit/ir-fixture.h"

typedef struct Nx {
    CodeBuf *cb;
    JitBackend *be;
} Nx;

static inline void nx_init(Nx *n, size_t cb_size)
{
    static const TbHooks hooks = { .ir_free = jit_backend_free_ir };

    n->cb = codebuf_new(cb_size, 0);
    tb_init(n->cb, 0);
    tb_set_hooks(&hooks);
    tb_set_patch_fn(tb_patch_native);
    n->be = jit_backend_native_new(n->cb, 12);
}

static inline void nx_fini(Nx *n)
{
    tb_shutdown();
    jit_backend_free(n->be);
    codebuf_free(n->cb);
}

/* Compile a clone of b natively into a fresh (uninserted) TB. */
static inline TB *nx_compile(Nx *n, const IrBlock *b, uint64_t pc, uint64_t flags)
{
    IrBlock *c = ir_block_clone(b);
    TB *tb = jit_backend_translate(n->be, c, pc, pc, flags, 1, 4);
    ir_block_free(c);
    return tb;
}

/* Run; UINT64_MAX if the block raised (longjmp through jmpbuf). */
static inline uint64_t nx_exec(Nx *n, TB *tb, FxCpu *s, TB **exited)
{
    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        s->jit.insn_budget = 1000;
        return jit_backend_exec(n->be, tb, &s->jit, exited);
    }
    return UINT64_MAX;
}

static inline uint64_t nx_interp(const IrBlock *b, FxCpu *s)
{
    InterpProg *p = interp_prepare(b);
    volatile uint64_t r = UINT64_MAX;

    if (sigsetjmp(s->jit.jmpbuf, 0) == 0) {
        r = interp_exec(p, &s->jit);
    }
    interp_free(p);
    return r;
}

/* Everything of the guest-visible state and the fake machine's records. */
static inline bool nx_same(const FxCpu *a, const FxCpu *b)
{
    return memcmp(&a->x, &b->x, offsetof(FxCpu, ram) - offsetof(FxCpu, x)) == 0 &&
           memcmp(&a->faults, &b->faults, sizeof(FxCpu) - offsetof(FxCpu, faults)) == 0 &&
           memcmp(a->ram, b->ram, FX_RAM_SIZE) == 0 &&
           a->jit.restore_pc == b->jit.restore_pc;
}

static inline void nx_copy_state(FxCpu *d, const FxCpu *s)
{
    memcpy(&d->x, &s->x, offsetof(FxCpu, ram) - offsetof(FxCpu, x));
    memcpy(d->ram, s->ram, FX_RAM_SIZE);
    d->faults = d->unaligned = d->bus_errors = 0;
    d->mmio_reads = d->mmio_writes = d->invalidations = 0;
    d->jit.restore_pc = s->jit.restore_pc;
    d->jit.exit_request = s->jit.exit_request;
    jit_tlb_flush_all(&d->jit);
}

#endif
