/* Global JIT statistics, printed by --stats. One X-macro list gives the
 * struct fields, the names and the help text. Everything runs on one host
 * thread (design brief: vCPUs are scheduled round-robin on one thread), so
 * the counters are plain increments. Per-vCPU TLB counters live in
 * JitCpu.stats (jit/jit-cpu.h); jit_stats_add_tlb() folds them in. */
#ifndef JIT_STATS_H
#define JIT_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* X(field, description) */
#define JIT_COUNTERS(X)                                                       \
    X(tb_translated, "blocks translated")                                     \
    X(guest_insns_translated, "guest instructions translated")                \
    X(translate_ns, "time spent translating (ns)")                            \
    X(host_code_bytes, "host code bytes emitted")                             \
    X(hash_lookups, "TB hash-table lookups")                                  \
    X(hash_hits, "TB hash-table hits")                                        \
    X(jmp_cache_hits, "jump-cache hits (dispatcher)")                         \
    X(jmp_cache_misses, "jump-cache misses (dispatcher)")                     \
    X(chain_patches, "direct jumps chained (patched)")                        \
    X(chain_refused, "chaining refused (invalid, page-crossing, other page)") \
    X(chain_follows, "chained exits followed (interpreter)")                  \
    X(unchains, "chained jumps reset by invalidation")                        \
    X(tb_invalidated, "blocks invalidated")                                   \
    X(inval_ranges, "physical-range invalidation requests")                   \
    X(tb_flushes, "TB cache flushes")                                         \
    X(codebuf_flushes, "code-buffer flushes (buffer full or explicit)")       \
    X(tlb_fast, "TLB fast-path accesses (where counted)")                     \
    X(tlb_slow, "TLB slow-path entries")                                      \
    X(tlb_fill, "TLB fills (misses)")                                         \
    X(tlb_flush, "TLB flushes")

typedef struct JitCounters {
#define JIT_COUNTER_FIELD(name, desc) uint64_t name;
    JIT_COUNTERS(JIT_COUNTER_FIELD)
#undef JIT_COUNTER_FIELD
} JitCounters;

extern JitCounters jit_counters;

#define JIT_COUNT(name) (jit_counters.name++)
#define JIT_COUNT_ADD(name, n) (jit_counters.name += (uint64_t)(n))

struct JitStats;
/* Add one vCPU's TLB counters (JitCpu.stats) into the global ones. */
void jit_stats_add_tlb(const struct JitStats *cpu_stats);
/* Monotonic host time in ns, for timing translation. */
uint64_t jit_stats_now_ns(void);
void jit_stats_reset(void);
/* Every counter, one per line, plus derived hit rates. */
void jit_stats_print(FILE *f);

/* Set before translating (--stats): generated code also counts TLB
 * fast-path hits, at one memory increment per guest access, so the hit
 * rate can be reported. Off by default: the fast path stays minimal. */
extern bool jit_stats_count_fast_path;

#endif
