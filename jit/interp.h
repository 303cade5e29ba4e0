/* The IR interpreter (--jit=interp): the portable reference backend. It runs
 * an IrBlock against a CPU state; globals live in env memory, so the state
 * is precise at every point, and guest memory goes through the same TLB
 * code (jit/tlb.c) as the native slow path. docs/jit.md "Interpreter". */
#ifndef JIT_INTERP_H
#define JIT_INTERP_H

#include <stdint.h>

#include "jit/ir.h"

typedef struct InterpProg InterpProg;

/* Pre-resolve a verified block into a compact program (operands resolved
 * to env/frame offsets, labels to instruction indexes). The program does
 * not reference the block afterwards. */
InterpProg *interp_prepare(const IrBlock *b);
/* Shadow-globals mode, for testing opt-globals: globals live in frame slots
 * like a native backend's registers (loaded at entry, reloaded after helpers
 * that write state) and reach env only through the block's sync sets
 * (IrOp.sync). Run after ir_opt_globals: if a sync set is incomplete, the
 * state seen at an exit, helper or fault differs from interp_prepare's. */
InterpProg *interp_prepare_shadow(const IrBlock *b);
void interp_free(InterpProg *p);
/* Execute once. Returns a JIT_EXIT_WORD (jit/jit-cpu.h). Checks
 * cpu->exit_request on entry. A guest exception longjmps out through
 * cpu->jmpbuf with cpu->restore_pc set to the faulting instruction's PC. */
uint64_t interp_exec(const InterpProg *p, JitCpu *cpu);
/* prepare + exec + free, for tests and one-off blocks. */
uint64_t interp_run(const IrBlock *b, JitCpu *cpu);

#endif
