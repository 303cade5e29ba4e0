/* JIT statistics counters and the --stats report. */
#include "jit/stats.h"

#include <inttypes.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "jit/jit-cpu.h"

JitCounters jit_counters;

typedef struct CounterRow {
    const char *name, *desc;
    size_t offset;
} CounterRow;

static const CounterRow rows[] = {
#define JIT_COUNTER_ROW(name, desc) { #name, desc, offsetof(JitCounters, name) },
    JIT_COUNTERS(JIT_COUNTER_ROW)
#undef JIT_COUNTER_ROW
};

void jit_stats_add_tlb(const struct JitStats *s)
{
    jit_counters.tlb_fast += s->tlb_fast;
    jit_counters.tlb_slow += s->tlb_slow;
    jit_counters.tlb_fill += s->tlb_fill;
    jit_counters.tlb_flush += s->tlb_flush;
}

uint64_t jit_stats_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void jit_stats_reset(void)
{
    memset(&jit_counters, 0, sizeof jit_counters);
}

static void ratio(FILE *f, const char *what, uint64_t hit, uint64_t total)
{
    if (total) {
        fprintf(f, "  %-24s %.1f%%\n", what, 100.0 * (double)hit / (double)total);
    }
}

bool jit_stats_count_fast_path;

void jit_stats_print(FILE *f)
{
    const JitCounters *c = &jit_counters;

    fprintf(f, "JIT statistics:\n");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        uint64_t v = *(const uint64_t *)((const char *)c + rows[i].offset);
        fprintf(f, "  %-24s %12" PRIu64 "  %s\n", rows[i].name, v, rows[i].desc);
    }
    ratio(f, "jmp_cache hit rate", c->jmp_cache_hits, c->jmp_cache_hits + c->jmp_cache_misses);
    ratio(f, "hash hit rate", c->hash_hits, c->hash_lookups);
    ratio(f, "TLB fast-path hit rate", c->tlb_fast, c->tlb_fast + c->tlb_slow);
    if (c->guest_insns_translated) {
        fprintf(f, "  %-24s %.0f\n", "ns per guest insn translated",
                (double)c->translate_ns / (double)c->guest_insns_translated);
    }
    if (c->guest_insns_translated && c->host_code_bytes) {
        fprintf(f, "  %-24s %.1f\n", "host bytes per guest insn",
                (double)c->host_code_bytes / (double)c->guest_insns_translated);
    }
    if (c->tb_translated) {
        fprintf(f, "  %-24s %.1f\n", "guest insns per block",
                (double)c->guest_insns_translated / (double)c->tb_translated);
        fprintf(f, "  %-24s %.0f\n", "ns per translation",
                (double)c->translate_ns / (double)c->tb_translated);
    }
}
