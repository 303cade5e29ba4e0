/* Backend-neutral block compilation and execution. A JitBackend turns an
 * optimised IrBlock into something runnable attached to a TB (native x86-64
 * code in tb->code, or an interpreter program in tb->ir) and runs it. The
 * target's run loop only sees this interface; docs/jit-backend.md has the
 * native backend's conventions. */
#ifndef JIT_BACKEND_H
#define JIT_BACKEND_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "jit/codebuf.h"
#include "jit/ir.h"
#include "jit/tb.h"

typedef enum JitCompileStatus {
    JIT_COMPILE_OK,
    JIT_COMPILE_FULL,          /* code buffer full: tb_flush() and retry */
    JIT_COMPILE_UNSUPPORTED,   /* the native backend declined the block */
} JitCompileStatus;

typedef struct JitBackend JitBackend;

/* -d out_asm: when set, every new native block is disassembled to out_asm
 * (capstone x86-64). The target decides per block (log filters). */
void jit_backend_set_out_asm(JitBackend *be, FILE *out_asm);

/* The IR interpreter (--jit=interp). */
JitBackend *jit_backend_interp_new(void);
/* The x86-64 backend emitting into cb (which must outlive it). The shared
 * entry/exit trampoline is emitted at once and kept across flushes
 * (codebuf_set_floor). page_bits is the TLB page size every JitCpu that runs
 * this code was initialised with (the fast path inlines it). */
JitBackend *jit_backend_native_new(CodeBuf *cb, unsigned page_bits);
void jit_backend_free(JitBackend *be);
bool jit_backend_is_native(const JitBackend *be);

/* Compile b (verified, optimised or not: liveness is recomputed) into tb,
 * whose key, icount and flags are already set. The native backend falls
 * back to the interpreter for a block it declines (tb->code stays NULL). */
JitCompileStatus jit_backend_compile(JitBackend *be, IrBlock *b, TB *tb);

/* tb_alloc + compile, flushing the TB cache (and code buffer) and retrying
 * when either is full. The TB is returned with phys_page2 = TB_NO_PAGE and
 * not yet inserted (tb_insert). Never fails: a block that cannot fit an
 * empty buffer is an internal error (fatal). */
TB *jit_backend_translate(JitBackend *be, IrBlock *b, uint64_t pc, uint64_t phys_pc,
                          uint64_t flags, unsigned icount, unsigned guest_size);

/* Run tb, and what it chains to while cpu->insn_budget stays positive.
 * Returns the exit word; *exited is the block that exited (the one whose
 * slot a CHAIN word refers to). Every block entered subtracts its icount
 * from cpu->insn_budget on entry (after the exit-request check). A guest
 * exception longjmps out through cpu->jmpbuf. */
uint64_t jit_backend_exec(JitBackend *be, TB *tb, JitCpu *cpu, TB **exited);

/* TbHooks.ir_free for blocks the interpreter runs (also the native
 * backend's fallback). */
void jit_backend_free_ir(void *opaque, void *ir);

#endif
