/* The guest-neutral per-vCPU header. A target's CPU-state struct embeds a
 * JitCpu at offset 0, so the env pointer generated code runs with is both
 * the target state and this header (env == JitCpu *). Everything the JIT
 * needs at run time (exit request, TLB, fault PC, jump cache, callbacks)
 * is here at fixed offsets. See docs/jit.md. */
#ifndef JIT_JIT_CPU_H
#define JIT_JIT_CPU_H

#include <setjmp.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "jit/tlb.h"

struct TbJmpCache;   /* defined by the TB cache (jit/tb.h) */

/* ---- block exit words ----
 * Executing a block (interpreter or native) returns one 64-bit word:
 *   CHAIN   value = slot n: a goto_tb n exit was taken; the destination PC
 *           is in the state. The dispatcher may patch slot n to chain.
 *   LOOKUP  lookup_and_goto_ptr: find the next block by the PC in the state.
 *   CODE    exit_tb with a target-defined reason code (value).
 *   REQUEST exit_request was set on entry: nothing executed. */
typedef enum JitExitKind {
    JIT_EXIT_CHAIN = 0,
    JIT_EXIT_LOOKUP = 1,
    JIT_EXIT_CODE = 2,
    JIT_EXIT_REQUEST = 3,
} JitExitKind;
#define JIT_EXIT_WORD(kind, val) (((uint64_t)(val) << 2) | (uint64_t)(kind))
#define JIT_EXIT_KIND(w) ((JitExitKind)((w) & 3))
#define JIT_EXIT_VALUE(w) ((uint64_t)(w) >> 2)

/* Callbacks from the JIT into the target and the embedder (jit/ never calls
 * emu/ or target-arm/ directly). Unless noted, a callback may raise a guest
 * exception with jit_cpu_exit_longjmp() instead of returning. */
typedef struct JitGuestOps {
    /* Translate vaddr for access (page walk): install the page with
     * jit_tlb_set_page() and return, or raise (does not return). */
    void (*tlb_fill)(JitCpu *cpu, uint64_t vaddr, JitAccess access, int mmu_idx,
                     uint64_t guest_pc);
    /* Misaligned access where the JitMemOp requires alignment: raise. */
    void (*unaligned)(JitCpu *cpu, uint64_t vaddr, JitAccess access, int mmu_idx,
                      uint64_t guest_pc);
    /* Physical MMIO access (the embedder's address space). Return false if
     * nothing answers; the JIT then calls bus_error. */
    bool (*phys_read)(JitCpu *cpu, uint64_t pa, unsigned size, uint64_t *val);
    bool (*phys_write)(JitCpu *cpu, uint64_t pa, unsigned size, uint64_t val);
    /* External abort for a failed physical access: raise. */
    void (*bus_error)(JitCpu *cpu, uint64_t vaddr, uint64_t pa, JitAccess access,
                      uint64_t guest_pc);
    /* A store is about to hit a CODE page: invalidate translations of
     * [pa, pa + size) (the TB cache's). Must return. Optional. */
    void (*invalidate_code)(JitCpu *cpu, uint64_t pa, unsigned size);
    /* (Accesses to WATCHED pages are reported to the watch registry's
     * callbacks, jit/watch.h, not through these ops.) */
    /* First store to a NOTDIRTY page; the flag is then cleared in this
     * entry. Must return. Optional. */
    void (*mark_dirty)(JitCpu *cpu, uint64_t pa);
} JitGuestOps;

typedef struct JitStats {
    uint64_t tlb_fast;       /* accesses served by the C fast path */
    uint64_t tlb_slow;       /* entries into jit_ld/st_slow */
    uint64_t tlb_fill;       /* tlb_fill callbacks (misses) */
    uint64_t tlb_flush;      /* flush calls of any kind */
    uint64_t mmio;           /* phys_read/phys_write calls */
    uint64_t code_inval;     /* invalidate_code calls */
    uint64_t blocks;         /* blocks executed by the interpreter */
} JitStats;

typedef struct JitCpu {
    /* Non-zero: leave at the next block entry (interrupts, kicks, end of
     * quantum). Offset 0 so the entry check is one compare. */
    volatile int32_t exit_request;
    uint32_t cpu_index;
    /* Guest PC of the instruction being executed when a guest memory
     * access or may-raise helper started: the faulting PC when that raises. */
    uint64_t restore_pc;
    const JitGuestOps *ops;
    void *opaque;                     /* the embedder's */
    struct TbJmpCache *jmp_cache;
    /* Guest instructions the native backend may still run before it must
     * return to the dispatcher: every native block subtracts its icount on
     * entry, and chained jumps / inline jump-cache hits are only taken while
     * it is positive (docs/jit-backend.md "Budget"). Set by the dispatcher. */
    int64_t insn_budget;
    JitStats stats;
    /* Exception exits: the CPU loop does sigsetjmp(cpu->jmpbuf, 0); a
     * raise longjmps here (jit_cpu_exit_longjmp). */
    sigjmp_buf jmpbuf;
    JitTlb tlb;
} JitCpu;

/* Leave generated code / the interpreter / a helper for the CPU loop. The
 * target has already updated its state for the exception. */
__attribute__((noreturn)) void jit_cpu_exit_longjmp(JitCpu *cpu);

/* Zero the header, set ops, index and the TLB page size. */
void jit_cpu_init(JitCpu *cpu, const JitGuestOps *ops, unsigned cpu_index, unsigned page_bits);

#endif
