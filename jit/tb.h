/* The translation-block cache: blocks keyed by (guest physical PC, virtual
 * PC, CPU-state flags) in a global hash table, a per-vCPU direct-mapped jump
 * cache in front of it, an index by guest physical page for invalidation,
 * and direct-jump chaining between blocks. Guest-neutral: the target gives
 * the flags word its meaning.
 *
 * Single host thread (design brief: all vCPUs run round-robin on one
 * thread), so there is no locking. The cache is one global instance.
 * Protocols (how to emit a patchable exit, when invalidation is safe, the
 * jump-cache layout the backend inlines): docs/jit-runtime.md. */
#ifndef JIT_TB_H
#define JIT_TB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jit/codebuf.h"
#include "jit/stats.h"

#define TB_PAGE_BITS 12
#define TB_PAGE_SIZE ((uint64_t)1 << TB_PAGE_BITS)
#define TB_PAGE_MASK (~(TB_PAGE_SIZE - 1))
#define TB_NO_PAGE UINT64_MAX

typedef struct TB TB;

struct TB {
    /* ---- identity (the hash key) ---- */
    uint64_t pc;               /* guest virtual PC of the first instruction */
    uint64_t phys_pc;          /* its guest physical address */
    uint64_t flags;            /* CPU-state flags the code was specialised for */
    /* Physical address of the second page (page-aligned) when the block's
     * guest code crosses a page boundary, else TB_NO_PAGE. The translator
     * sets it before tb_insert(). A block spans at most two pages. */
    uint64_t phys_page2;
    uint32_t size;             /* guest code bytes */
    uint32_t icount;           /* guest instructions */
    uint32_t hash;
    bool invalid;              /* removed from the cache; never re-entered */

    /* ---- code ---- */
    void *code;                /* executable host code, NULL for the interpreter */
    uint32_t code_size;
    void *ir;                  /* interpreter backend's block, opaque here */

    /* ---- direct exits (slots 0 and 1, the targets of goto_tb n) ----
     * jmp_site: executable address of the patchable jump's rel32 field (0 if
     * the slot has no host jump); jmp_reset: its unchained target (the exit
     * code right after the jump); jmp_dest: the TB it is chained to. */
    uintptr_t jmp_site[2];
    uintptr_t jmp_reset[2];
    TB *jmp_dest[2];
    /* Incoming chained jumps: a list threaded through the source TBs.
     * Entries are tagged pointers (TB * | slot); jmp_first heads the list of
     * jumps into this TB, jmp_next[n] links the source's slot n into its
     * destination's list. */
    uintptr_t jmp_first;
    uintptr_t jmp_next[2];

    /* ---- cache links ---- */
    TB *hash_next;
    uintptr_t page_next[2];    /* tagged (TB * | which page) */
};

/* ---- per-vCPU jump cache ----
 * Direct-mapped by virtual PC, 4096 entries of 32 bytes (128 KiB). The
 * native backend inlines the lookup for indirect branches:
 *     i   = ((pc >> 2) ^ (pc >> 14)) & 4095
 *     e   = &jmp_cache->e[i]                     (i << 5)
 *     hit = e->pc == pc && e->flags == flags     (then jmp e->code)
 * An empty entry has pc == TB_JMP_EMPTY_PC, which no lookup may use (it is
 * not an aligned instruction address). Entries are purged when their TB is
 * invalidated; the target clears the whole cache on TLB maintenance, since
 * entries bypass the physical-address check. */
#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)
#define TB_JMP_EMPTY_PC UINT64_MAX

typedef struct TbJmpEntry {
    uint64_t pc;
    uint64_t flags;
    const void *code;          /* tb->code, for the inline lookup */
    TB *tb;
} TbJmpEntry;

typedef struct TbJmpCache {
    TbJmpEntry e[TB_JMP_CACHE_SIZE];
} TbJmpCache;

#define TB_JMP_ENTRY_SHIFT 5
#define TB_JMP_ENTRY_PC 0
#define TB_JMP_ENTRY_FLAGS 8
#define TB_JMP_ENTRY_CODE 16
#define TB_JMP_ENTRY_TB 24

static inline unsigned tb_jmp_cache_index(uint64_t pc)
{
    return (unsigned)((pc >> 2) ^ (pc >> (2 + TB_JMP_CACHE_BITS))) & (TB_JMP_CACHE_SIZE - 1);
}

/* The dispatcher's lookup (counts hits and misses). */
static inline TB *tb_jmp_cache_get(TbJmpCache *jc, uint64_t pc, uint64_t flags)
{
    TbJmpEntry *e = &jc->e[tb_jmp_cache_index(pc)];

    if (e->pc == pc && e->flags == flags && e->tb) {
        JIT_COUNT(jmp_cache_hits);
        return e->tb;
    }
    JIT_COUNT(jmp_cache_misses);
    return NULL;
}

static inline void tb_jmp_cache_set(TbJmpCache *jc, TB *tb)
{
    TbJmpEntry *e = &jc->e[tb_jmp_cache_index(tb->pc)];

    e->pc = tb->pc;
    e->flags = tb->flags;
    e->code = tb->code;
    e->tb = tb;
}

/* Allocate an empty cache and register it so invalidation purges it. */
TbJmpCache *tb_jmp_cache_new(void);
void tb_jmp_cache_free(TbJmpCache *jc);
/* Empty it (TLB maintenance, context switch of the translation regime). */
void tb_jmp_cache_clear(TbJmpCache *jc);

/* ---- set-up ---- */

/* Patch slot `slot` of tb to jump to target (an executable address: the
 * destination's code, or tb->jmp_reset[slot] to unchain). */
typedef void (*TbPatchFn)(TB *tb, int slot, uintptr_t target);

typedef struct TbHooks {
    /* A physical page got its first block / lost its last one (also called
     * for every page on a flush). The TLB layer sets or clears its CODE
     * flag for the page. Optional. */
    void (*code_page_added)(void *opaque, uint64_t page_paddr);
    void (*code_page_removed)(void *opaque, uint64_t page_paddr);
    /* Free a block's IR (interpreter backend) on flush. Optional. */
    void (*ir_free)(void *opaque, void *ir);
    void *opaque;
} TbHooks;

/* cb may be NULL (interpreter backend only). max_tbs 0 picks a default.
 * Registers tb_flush's work as cb's flush callback. */
void tb_init(CodeBuf *cb, size_t max_tbs);
/* Free everything (tests, exit). */
void tb_shutdown(void);
void tb_set_hooks(const TbHooks *hooks);
/* The default patcher rewrites the rel32 at jmp_site through the code
 * buffer's writable view (slots without a site are left alone). The
 * interpreter backend installs NULL: chains are then only recorded in
 * jmp_dest, which it follows itself. */
void tb_set_patch_fn(TbPatchFn fn);
void tb_patch_native(TB *tb, int slot, uintptr_t target);

/* ---- translation ---- */

/* A zeroed block with its key set, or NULL when the block arena is full
 * (then tb_flush() and retry). Not yet visible to lookups. */
TB *tb_alloc(uint64_t pc, uint64_t phys_pc, uint64_t flags);
/* Publish a fully translated block: hash table and page index. */
void tb_insert(TB *tb);

/* Physical address (page-aligned) of the page holding vaddr for the
 * current CPU state, or TB_NO_PAGE if it is not mapped executable. */
typedef uint64_t (*TbPhysPageFn)(void *opaque, uint64_t vaddr);

/* Hash lookup. For a block that crosses a page, page2 is asked where the
 * second virtual page maps now; a different answer is a miss. page2 may be
 * NULL if the caller never produces page-crossing blocks. */
TB *tb_lookup(uint64_t pc, uint64_t phys_pc, uint64_t flags, TbPhysPageFn page2, void *opaque);

/* ---- chaining ---- */

/* Chain from's exit `slot` straight to `to`. Refused (false) when either
 * block is invalid, when `to` crosses a page (its second page could be
 * remapped without the chain noticing), when `to` starts on another
 * virtual page than `from` (a different mapping could apply), or when the
 * flags differ. */
bool tb_add_jump(TB *from, int slot, TB *to);

/* ---- invalidation ---- */

/* Invalidate one block: out of the hash, page index and every jump cache;
 * every jump chained into it is reset to its unchained target; its own
 * chains are dropped. Its code stays in the buffer until the next flush, so
 * a block that invalidates itself can finish. */
void tb_invalidate(TB *tb);
/* Invalidate exactly the blocks whose guest code overlaps the range. */
void tb_invalidate_phys_range(uint64_t start, uint64_t len);
void tb_invalidate_phys_page(uint64_t paddr);
/* Invalidate every block (like tb_flush, but safe from a helper with a
 * block still executing: code and IR stay until the next flush). For
 * guest-wide instruction-cache invalidation (A64 IC IALLU). */
void tb_invalidate_all(void);
/* Does any valid block have code on this physical page? */
bool tb_page_has_code(uint64_t paddr);

/* Drop every block (and the code buffer's contents above its floor). Only
 * from the dispatcher, with no generated code on the stack. */
void tb_flush(void);

/* Incremented by every flush. A flush reuses the block arena, so a TB
 * pointer held across a translation (the dispatcher's "last block", the
 * source of the next tb_add_jump) is only valid if the epoch is unchanged:
 *     e = tb_flush_epoch(); tb = find or translate;
 *     if (tb_flush_epoch() == e) tb_add_jump(last, slot, tb); */
uint64_t tb_flush_epoch(void);

/* Valid blocks in the cache (for tests and statistics). */
size_t tb_count(void);

#endif
