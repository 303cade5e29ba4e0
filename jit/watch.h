/* The page-watch registry: guest virtual ranges whose accesses must be
 * seen by someone (a debugger's watchpoints, later a vCPU parked by spin
 * detection). Every page that overlaps a watched range carries
 * JIT_TLB_WATCHED in the matching comparators of every vCPU's TLB, so
 * accesses to it miss the fast path (inline or jit_ld/jit_st) and reach
 * the slow path, which calls the interested parties before the access.
 * Pages nobody watches are untouched: with no watch the only cost is one
 * test per TLB fill. Contract: docs/jit-runtime.md "Watched pages". */
#ifndef JIT_WATCH_H
#define JIT_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/tlb.h"

/* Access kinds a watch wants to see. */
enum { JIT_WATCH_READ = 1, JIT_WATCH_WRITE = 2 };

/* One access that overlaps a watch, as the slow path reports it. */
typedef struct JitWatchHit {
    uint64_t vaddr;           /* the access's first byte (virtual) */
    unsigned size;            /* bytes */
    JitAccess access;         /* JIT_ACCESS_READ or JIT_ACCESS_WRITE */
    uint64_t pc;              /* guest PC of the accessing instruction */
    uint64_t watch_addr;      /* the watch it overlaps */
    uint64_t watch_len;
    unsigned watch_kinds;     /* JIT_WATCH_READ / JIT_WATCH_WRITE */
} JitWatchHit;

/* Called before the access happens. Either returns (the access then
 * proceeds; the next overlapping watch is told first) or abandons the
 * instruction with jit_cpu_exit_longjmp() after putting the guest state
 * back at hit->pc, which the slow path allows: guest registers are
 * written back before any slow-path call, as for a data abort. */
typedef void (*JitWatchFn)(JitCpu *cpu, const JitWatchHit *hit, void *opaque);

/* The vCPUs whose TLBs carry the flag (copied; the CPUs must outlive the
 * registry's use of them or be replaced by another call). Existing watches
 * are applied to them. */
void jit_watch_set_cpus(JitCpu *const *cpus, int n);

/* Watch [addr, addr + len) for the given kinds. Returns an id > 0, or 0 if
 * the range is empty, wraps past the top of the address space or kinds
 * is 0. The same range may be watched several times (each has an id). */
int jit_watch_insert(uint64_t addr, uint64_t len, unsigned kinds, JitWatchFn fn, void *opaque);
bool jit_watch_remove(int id);
/* The id of a watch with exactly these fields (the first inserted), or 0. */
int jit_watch_find(uint64_t addr, uint64_t len, unsigned kinds, JitWatchFn fn, void *opaque);
/* Remove every watch with this callback and opaque. */
void jit_watch_remove_all(JitWatchFn fn, void *opaque);
int jit_watch_count(void);

/* ---- for jit/tlb.c ---- */

/* Non-zero while any watch exists: the fill path's only cost otherwise. */
extern int jit_watch_active;
/* Which kinds are watched somewhere in [page, page + page_size). */
unsigned jit_watch_page_kinds(uint64_t page, uint64_t page_size);
/* The slow path, for an access to a page flagged WATCHED: tell every
 * watch the access [vaddr, vaddr + size) overlaps, in insertion order.
 * Returns how many were told (a callback may also not return). */
int jit_watch_check(JitCpu *cpu, uint64_t vaddr, unsigned size, JitAccess access, uint64_t pc);

#endif
