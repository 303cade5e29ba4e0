/* The translation-block cache: block arena, hash table, jump caches,
 * flush. Chaining is in tb-chain.c, the physical page index and
 * invalidation in tb-page.c. See tb.h and docs/jit-runtime.md. */
#include "jit/tb-internal.h"

#include <stdlib.h>
#include <string.h>

#include "emu/error.h"

TbCache tbc;

#define TB_HASH_MIN_BUCKETS 4096
#define TB_DEFAULT_MAX 65536

/* A cheap 64 -> 32 bit mix of the three key words (multiply-xorshift);
 * physical and virtual PCs differ in their high bits between mappings, the
 * flags word anywhere. */
static uint32_t tb_hash(uint64_t phys_pc, uint64_t pc, uint64_t flags)
{
    uint64_t h = phys_pc * 0x9E3779B97F4A7C15ull;
    h ^= pc * 0xC2B2AE3D27D4EB4Full;
    h ^= flags * 0x165667B19E3779F9ull;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return (uint32_t)h;
}

/* ---- set-up ---- */

static void flush_all(void *opaque);

void tb_init(CodeBuf *cb, size_t max_tbs)
{
    if (tbc.initialised) {
        tb_shutdown();
    }
    if (max_tbs == 0) {
        max_tbs = cb ? cb->size / 128 : TB_DEFAULT_MAX;
    }
    if (max_tbs < 16) {
        max_tbs = 16;
    }
    tbc.cb = cb;
    tbc.arena = calloc(max_tbs, sizeof(TB));
    tbc.arena_cap = max_tbs;
    tbc.arena_used = 0;
    tbc.nbuckets = TB_HASH_MIN_BUCKETS;
    tbc.buckets = calloc(tbc.nbuckets, sizeof(TB *));
    tbc.count = 0;
    if (!tbc.arena || !tbc.buckets) {
        fatal("out of memory for the translation-block cache");
    }
    tbc.pages = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (!tbc.jmp_caches) {
        tbc.jmp_caches = g_ptr_array_new();
    }
    memset(&tbc.hooks, 0, sizeof tbc.hooks);
    tbc.patch = tb_patch_native;
    if (cb) {
        codebuf_set_flush_cb(cb, flush_all, NULL);
    }
    tbc.initialised = true;
}

void tb_shutdown(void)
{
    if (!tbc.initialised) {
        return;
    }
    if (tbc.cb) {
        codebuf_set_flush_cb(tbc.cb, NULL, NULL);
    }
    for (size_t i = 0; i < tbc.arena_used; i++) {
        if (tbc.arena[i].ir && tbc.hooks.ir_free) {
            tbc.hooks.ir_free(tbc.hooks.opaque, tbc.arena[i].ir);
        }
    }
    free(tbc.arena);
    free(tbc.buckets);
    g_hash_table_destroy(tbc.pages);
    /* Registered jump caches belong to their vCPUs and stay registered. */
    GPtrArray *jcs = tbc.jmp_caches;
    memset(&tbc, 0, sizeof tbc);
    tbc.jmp_caches = jcs;
}

void tb_set_hooks(const TbHooks *hooks)
{
    tbc.hooks = *hooks;
}

void tb_set_patch_fn(TbPatchFn fn)
{
    tbc.patch = fn;
}

/* ---- jump caches ---- */

void tb_jmp_cache_clear(TbJmpCache *jc)
{
    for (unsigned i = 0; i < TB_JMP_CACHE_SIZE; i++) {
        jc->e[i] = (TbJmpEntry){ .pc = TB_JMP_EMPTY_PC };
    }
}

TbJmpCache *tb_jmp_cache_new(void)
{
    TbJmpCache *jc = malloc(sizeof *jc);

    if (!jc) {
        fatal("out of memory for a jump cache");
    }
    tb_jmp_cache_clear(jc);
    if (!tbc.jmp_caches) {
        tbc.jmp_caches = g_ptr_array_new();
    }
    g_ptr_array_add(tbc.jmp_caches, jc);
    return jc;
}

void tb_jmp_cache_free(TbJmpCache *jc)
{
    if (!jc) {
        return;
    }
    g_ptr_array_remove_fast(tbc.jmp_caches, jc);
    free(jc);
}

void tb_jmp_cache_purge(TB *tb)
{
    unsigned i = tb_jmp_cache_index(tb->pc);

    for (guint k = 0; tbc.jmp_caches && k < tbc.jmp_caches->len; k++) {
        TbJmpCache *jc = g_ptr_array_index(tbc.jmp_caches, k);
        if (jc->e[i].tb == tb) {
            jc->e[i] = (TbJmpEntry){ .pc = TB_JMP_EMPTY_PC };
        }
    }
}

/* ---- the hash table ---- */

static void hash_grow(void)
{
    size_t n = tbc.nbuckets * 2;
    TB **nb = calloc(n, sizeof(TB *));

    if (!nb) {
        return;   /* keep the longer chains */
    }
    for (size_t i = 0; i < tbc.nbuckets; i++) {
        TB *t = tbc.buckets[i];
        while (t) {
            TB *next = t->hash_next;
            t->hash_next = nb[t->hash & (n - 1)];
            nb[t->hash & (n - 1)] = t;
            t = next;
        }
    }
    free(tbc.buckets);
    tbc.buckets = nb;
    tbc.nbuckets = n;
}

void tb_hash_remove(TB *tb)
{
    TB **pp = &tbc.buckets[tb->hash & (tbc.nbuckets - 1)];

    for (; *pp; pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            *pp = tb->hash_next;
            tb->hash_next = NULL;
            tbc.count--;
            return;
        }
    }
}

TB *tb_alloc(uint64_t pc, uint64_t phys_pc, uint64_t flags)
{
    TB *tb;

    if (!tbc.initialised || tbc.arena_used == tbc.arena_cap) {
        return NULL;
    }
    tb = &tbc.arena[tbc.arena_used++];
    memset(tb, 0, sizeof *tb);
    tb->pc = pc;
    tb->phys_pc = phys_pc;
    tb->flags = flags;
    tb->phys_page2 = TB_NO_PAGE;
    tb->hash = tb_hash(phys_pc, pc, flags);
    return tb;
}

void tb_insert(TB *tb)
{
    size_t i = tb->hash & (tbc.nbuckets - 1);

    tb->hash_next = tbc.buckets[i];
    tbc.buckets[i] = tb;
    if (++tbc.count > tbc.nbuckets) {
        hash_grow();
    }
    tb_page_link(tb);
    JIT_COUNT(tb_translated);
    JIT_COUNT_ADD(guest_insns_translated, tb->icount);
}

TB *tb_lookup(uint64_t pc, uint64_t phys_pc, uint64_t flags, TbPhysPageFn page2, void *opaque)
{
    uint32_t h = tb_hash(phys_pc, pc, flags);

    JIT_COUNT(hash_lookups);
    for (TB *t = tbc.buckets ? tbc.buckets[h & (tbc.nbuckets - 1)] : NULL; t; t = t->hash_next) {
        if (t->hash != h || t->pc != pc || t->phys_pc != phys_pc || t->flags != flags) {
            continue;
        }
        /* A page-crossing block is only valid while its second virtual
         * page still maps where it did at translation time. */
        if (t->phys_page2 != TB_NO_PAGE && page2 &&
            page2(opaque, (pc & TB_PAGE_MASK) + TB_PAGE_SIZE) != t->phys_page2) {
            continue;
        }
        JIT_COUNT(hash_hits);
        return t;
    }
    return NULL;
}

size_t tb_count(void)
{
    return tbc.count;
}

uint64_t tb_flush_epoch(void)
{
    return tbc.epoch;
}

/* ---- flush ---- */

static void clear_page(gpointer key, gpointer value, gpointer opaque)
{
    if (tbc.hooks.code_page_removed) {
        tbc.hooks.code_page_removed(tbc.hooks.opaque, (uint64_t)(uintptr_t)key & TB_PAGE_MASK);
    }
}

/* The code buffer's flush callback: every block is gone. */
static void flush_all(void *opaque)
{
    for (size_t i = 0; i < tbc.arena_used; i++) {
        if (tbc.arena[i].ir && tbc.hooks.ir_free) {
            tbc.hooks.ir_free(tbc.hooks.opaque, tbc.arena[i].ir);
        }
        tbc.arena[i].ir = NULL;
        /* A stale pointer the dispatcher still holds then refuses chaining
         * until its slot is handed out again (see tb_flush_epoch). */
        tbc.arena[i].invalid = true;
    }
    tbc.arena_used = 0;
    tbc.epoch++;
    memset(tbc.buckets, 0, tbc.nbuckets * sizeof(TB *));
    tbc.count = 0;
    g_hash_table_foreach(tbc.pages, clear_page, NULL);
    g_hash_table_remove_all(tbc.pages);
    for (guint k = 0; tbc.jmp_caches && k < tbc.jmp_caches->len; k++) {
        tb_jmp_cache_clear(g_ptr_array_index(tbc.jmp_caches, k));
    }
    JIT_COUNT(tb_flushes);
}

void tb_flush(void)
{
    if (!tbc.initialised) {
        return;
    }
    if (tbc.cb) {
        codebuf_flush(tbc.cb);    /* calls flush_all */
    } else {
        flush_all(NULL);
    }
}
