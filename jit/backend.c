/* Backend-neutral compile/execute (see backend.h): the interpreter and the
 * native x86-64 backend behind one interface, the translate-with-retry
 * loop, and the native entry through the shared trampoline. */
#include "jit/backend.h"

#include <stdlib.h>

#include "emu/error.h"
#include "jit/interp.h"
#include "jit/x86-backend.h"

/* What the trampoline returns: SysV returns a two-INTEGER-eightbyte struct
 * in RAX:RDX (AMD64 ABI 3.2.3), so the exit word and the exiting block
 * come back together without a field in the CPU state. */
typedef struct XbExit {
    uint64_t word;
    TB *tb;
} XbExit;
typedef XbExit (*XbEnterFn)(JitCpu *env, const void *code);

struct JitBackend {
    bool native;
    CodeBuf *cb;
    XbEnterFn enter;
    uintptr_t epilogue;
    unsigned page_bits;
    FILE *out_asm;
};

JitBackend *jit_backend_interp_new(void)
{
    JitBackend *be = calloc(1, sizeof *be);

    if (!be) {
        fatal("out of memory");
    }
    return be;
}

JitBackend *jit_backend_native_new(CodeBuf *cb, unsigned page_bits)
{
    JitBackend *be = jit_backend_interp_new();

    be->native = true;
    be->cb = cb;
    be->page_bits = page_bits;
    x86_host_detect();
    be->enter = (XbEnterFn)xb_install_trampoline(cb, &be->epilogue);
    return be;
}

void jit_backend_free(JitBackend *be)
{
    free(be);
}

bool jit_backend_is_native(const JitBackend *be)
{
    return be->native;
}

void jit_backend_set_out_asm(JitBackend *be, FILE *out_asm)
{
    be->out_asm = out_asm;
}

void jit_backend_free_ir(void *opaque, void *ir)
{
    interp_free(ir);
}

JitCompileStatus jit_backend_compile(JitBackend *be, IrBlock *b, TB *tb)
{
    if (be->native) {
        int st = xb_compile(be->cb, be->epilogue, be->page_bits, b, tb, be->out_asm);
        if (st != JIT_COMPILE_UNSUPPORTED) {
            return (JitCompileStatus)st;
        }
        /* declined (too many values live at once, too many branches to
         * one label): the interpreter runs this block */
    }
    tb->code = NULL;
    tb->ir = interp_prepare(b);
    return JIT_COMPILE_OK;
}

TB *jit_backend_translate(JitBackend *be, IrBlock *b, uint64_t pc, uint64_t phys_pc,
                          uint64_t flags, unsigned icount, unsigned guest_size)
{
    for (int attempt = 0;; attempt++) {
        TB *tb = tb_alloc(pc, phys_pc, flags);
        if (attempt > 2) {
            fatal("jit: a block for 0x%llx does not fit an empty code buffer",
                  (unsigned long long)pc);
        }
        if (!tb) {
            tb_flush();
            continue;
        }
        tb->icount = icount;
        tb->size = guest_size;
        tb->phys_page2 = TB_NO_PAGE;
        if (jit_backend_compile(be, b, tb) == JIT_COMPILE_OK) {
            return tb;
        }
        tb_flush();     /* code buffer full: start over with an empty one */
    }
}

uint64_t jit_backend_exec(JitBackend *be, TB *tb, JitCpu *cpu, TB **exited)
{
    if (tb->code) {
        XbExit r = be->enter(cpu, tb->code);
        if (exited) {
            *exited = r.tb ? r.tb : tb;
        }
        return r.word;
    }
    if (exited) {
        *exited = tb;
    }
    if (cpu->exit_request) {
        return JIT_EXIT_WORD(JIT_EXIT_REQUEST, 0);
    }
    cpu->insn_budget -= tb->icount;
    return interp_exec(tb->ir, cpu);
}
