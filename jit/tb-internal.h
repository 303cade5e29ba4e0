/* Shared state of the TB cache's files (tb.c, tb-chain.c, tb-page.c). Not
 * for use outside them: everything public is in tb.h. */
#ifndef JIT_TB_INTERNAL_H
#define JIT_TB_INTERNAL_H

#include <glib.h>

#include "jit/tb.h"

typedef struct TbCache {
    bool initialised;
    CodeBuf *cb;              /* NULL: interpreter only */
    TB *arena;                /* every block since the last flush */
    size_t arena_cap, arena_used;
    TB **buckets;             /* hash chains, nbuckets a power of two */
    size_t nbuckets, count;
    /* physical page index: key (page address | 1), value the tagged head
     * of the page's block list */
    GHashTable *pages;
    GPtrArray *jmp_caches;    /* registered TbJmpCache * */
    TbHooks hooks;
    TbPatchFn patch;
    uint64_t epoch;           /* flushes so far */
} TbCache;

extern TbCache tbc;

/* Tagged list links: a TB pointer (8-byte aligned) with the slot or page
 * number (0 or 1) in bit 0. */
static inline uintptr_t tb_tag(TB *tb, int n)
{
    return (uintptr_t)tb | (uintptr_t)n;
}

static inline TB *tb_untag(uintptr_t v)
{
    return (TB *)(v & ~(uintptr_t)1);
}

static inline int tb_tag_n(uintptr_t v)
{
    return (int)(v & 1);
}

void tb_hash_remove(TB *tb);
void tb_jmp_cache_purge(TB *tb);
void tb_page_link(TB *tb);
void tb_page_unlink(TB *tb);
/* Reset every jump chained into tb; drop tb's own chains. */
void tb_unchain_incoming(TB *tb);
void tb_drop_outgoing(TB *tb);

#endif
