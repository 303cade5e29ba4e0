/* The translation-block cache with real generated blocks: chaining runs
 * through patched jumps, invalidation unchains and is exact per physical
 * page, lookups honour flags and physical PCs, jump caches are purged, and
 * a full code buffer flushes cleanly. */
#include "tests/unit/test.h"

#include <stddef.h>
#include <stdlib.h>

#include "jit/jit-cpu.h"
#include "jit/tb.h"

typedef uint64_t (*Fn0)(void);

static CodeBuf *cb;

static void setup(size_t size)
{
    cb = codebuf_new(size, 0);
    tb_init(cb, 0);
    jit_stats_reset();
}

static void teardown(void)
{
    tb_shutdown();
    codebuf_free(cb);
}

/* A block: add 1 to *counter; patchable exit (slot 0) whose unchained path
 * returns marker. Emitted per the chaining protocol. Returns false if the
 * code buffer is full. */
static bool emit_block(TB *tb, uint64_t *counter, uint32_t marker)
{
    X86Asm a;
    uint8_t *site;

    codebuf_begin(cb, &a, CODEBUF_BLOCK_ALIGN);
    x86_movi(&a, X86_RAX, (uintptr_t)counter);
    x86_alu_mi(&a, X86_ADD, X86_S64, x86_mem(X86_RAX, 0), 1);
    site = x86_jmp_patchable(&a);
    tb->jmp_reset[0] = x86_rx(&a, a.p);
    x86_mov_ri32(&a, X86_RAX, marker);
    x86_ret(&a);
    if (!x86_ok(&a)) {
        return false;
    }
    tb->jmp_site[0] = x86_rx(&a, site);
    tb->code = codebuf_commit(cb, &a);
    tb->code_size = (uint32_t)x86_size(&a);
    return true;
}

static TB *make_tb(uint64_t pc, uint64_t phys, uint64_t flags, uint32_t size,
                   uint64_t *counter, uint32_t marker)
{
    TB *tb = tb_alloc(pc, phys, flags);
    CHECK(tb != NULL);
    tb->size = size;
    tb->icount = size / 4;
    CHECK(emit_block(tb, counter, marker));
    tb_insert(tb);
    return tb;
}

static uint64_t run(TB *tb)
{
    return ((Fn0)tb->code)();
}

TEST(chained_blocks_run_through)
{
    uint64_t ca = 0, cb_count = 0;
    setup(1 << 20);
    TB *a = make_tb(0x400000, 0x40000000, 0, 16, &ca, 0xA);
    TB *b = make_tb(0x400100, 0x40000100, 0, 16, &cb_count, 0xB);
    CHECK_EQ(a->jmp_site[0] % 4, 0);
    CHECK_EQ(run(a), 0xA);
    CHECK_EQ(ca, 1);
    CHECK_EQ(cb_count, 0);
    CHECK(tb_add_jump(a, 0, b));
    CHECK(a->jmp_dest[0] == b);
    CHECK_EQ(jit_counters.chain_patches, 1);
    /* One call now runs A, jumps into B, and returns B's marker. */
    CHECK_EQ(run(a), 0xB);
    CHECK_EQ(ca, 2);
    CHECK_EQ(cb_count, 1);
    teardown();
}

TEST(invalidation_unchains_incoming_jumps)
{
    uint64_t ca = 0, cb_count = 0;
    setup(1 << 20);
    TB *a = make_tb(0x400000, 0x40000000, 0, 16, &ca, 0xA);
    TB *b = make_tb(0x400800, 0x40001800, 0, 16, &cb_count, 0xB);
    CHECK(tb_add_jump(a, 0, b));
    CHECK_EQ(run(a), 0xB);
    tb_invalidate_phys_page(0x40001000);
    CHECK(b->invalid);
    CHECK(!a->invalid);
    CHECK(a->jmp_dest[0] == NULL);
    CHECK_EQ(b->jmp_first, 0);
    CHECK_EQ(jit_counters.unchains, 1);
    /* A's jump is back on its unchained exit. */
    CHECK_EQ(run(a), 0xA);
    CHECK_EQ(ca, 2);
    CHECK_EQ(cb_count, 1);
    CHECK(tb_lookup(0x400800, 0x40001800, 0, NULL, NULL) == NULL);
    CHECK(tb_lookup(0x400000, 0x40000000, 0, NULL, NULL) == a);
    /* No new edges onto an invalid block. */
    CHECK(!tb_add_jump(a, 0, b));
    CHECK_EQ(run(a), 0xA);
    teardown();
}

TEST(invalidating_the_source_drops_its_edge)
{
    uint64_t c1 = 0, c2 = 0, c3 = 0;
    setup(1 << 20);
    TB *a = make_tb(0x400000, 0x40000000, 0, 16, &c1, 1);
    TB *b = make_tb(0x400100, 0x40000100, 0, 16, &c2, 2);
    TB *c = make_tb(0x400200, 0x40010200, 0, 16, &c3, 3);
    CHECK(tb_add_jump(a, 0, b));
    CHECK(tb_add_jump(c, 0, b));
    tb_invalidate(a);
    /* b's incoming list now holds only c's jump. */
    CHECK_EQ(b->jmp_first, (uintptr_t)c);
    CHECK_EQ(run(c), 2);
    tb_invalidate(b);
    CHECK(c->jmp_dest[0] == NULL);
    CHECK_EQ(run(c), 3);
    teardown();
}

TEST(invalidation_is_exact_per_page)
{
    uint64_t n = 0;
    setup(1 << 20);
    TB *on1 = make_tb(0x1000, 0x40001000, 0, 16, &n, 1);
    TB *on2 = make_tb(0x1100, 0x40001100, 0, 16, &n, 2);
    TB *before = make_tb(0x0ff0, 0x40000ff0, 0, 16, &n, 3);   /* ends at the page */
    TB *next = make_tb(0x2000, 0x40002000, 0, 16, &n, 4);
    CHECK(tb_page_has_code(0x40001abc));
    CHECK_EQ(tb_count(), 4);
    tb_invalidate_phys_page(0x40001000);
    CHECK(on1->invalid && on2->invalid);
    CHECK(!before->invalid && !next->invalid);
    CHECK(!tb_page_has_code(0x40001000));
    CHECK(tb_page_has_code(0x40000000));
    CHECK_EQ(tb_count(), 2);
    /* Ranges: a store just past a block leaves it alone. */
    tb_invalidate_phys_range(0x40002010, 8);
    CHECK(!next->invalid);
    tb_invalidate_phys_range(0x4000200c, 2);
    CHECK(next->invalid);
    tb_invalidate_phys_range(0x40000fef, 1);
    CHECK(!before->invalid);
    tb_invalidate_phys_range(0x40000fff, 1);
    CHECK(before->invalid);
    CHECK_EQ(tb_count(), 0);
    CHECK_EQ(jit_counters.tb_invalidated, 4);
    teardown();
}

static uint64_t page2_answer;

static uint64_t page2_fn(void *opaque, uint64_t vaddr)
{
    CHECK_EQ(vaddr, 0x7000);
    return page2_answer;
}

TEST(page_spanning_block_invalidated_by_either_page)
{
    uint64_t n = 0;
    setup(1 << 20);
    /* 16 bytes from 0x3ff8: 8 on physical page 0x40003000, 8 on 0x40009000
     * (not adjacent physically). */
    TB *t = tb_alloc(0x6ff8, 0x40003ff8, 0);
    t->size = 16;
    t->phys_page2 = 0x40009000;
    CHECK(emit_block(t, &n, 1));
    tb_insert(t);
    CHECK(tb_page_has_code(0x40009000));
    page2_answer = 0x40009000;
    CHECK(tb_lookup(0x6ff8, 0x40003ff8, 0, page2_fn, NULL) == t);
    page2_answer = 0x4000a000;          /* second page remapped */
    CHECK(tb_lookup(0x6ff8, 0x40003ff8, 0, page2_fn, NULL) == NULL);
    tb_invalidate_phys_range(0x40009008, 8);   /* past its 8 bytes there */
    CHECK(!t->invalid);
    tb_invalidate_phys_range(0x40009007, 1);
    CHECK(t->invalid);
    CHECK(!tb_page_has_code(0x40003000));
    CHECK(!tb_page_has_code(0x40009000));

    TB *u = tb_alloc(0x6ff8, 0x40003ff8, 0);
    u->size = 16;
    u->phys_page2 = 0x40009000;
    CHECK(emit_block(u, &n, 1));
    tb_insert(u);
    tb_invalidate_phys_page(0x40003000);
    CHECK(u->invalid);
    CHECK(!tb_page_has_code(0x40009000));
    teardown();
}

TEST(lookup_distinguishes_flags_and_physical_pc)
{
    uint64_t n = 0;
    setup(1 << 20);
    tb_init(cb, 20000);
    TB *f0 = make_tb(0x400000, 0x40001000, 0, 4, &n, 1);
    TB *f1 = make_tb(0x400000, 0x40001000, 1, 4, &n, 2);
    TB *p2 = make_tb(0x400000, 0x40005000, 0, 4, &n, 3);
    TB *hi = make_tb(0x400000, 0x40001000, 1ull << 63, 4, &n, 4);
    CHECK(tb_lookup(0x400000, 0x40001000, 0, NULL, NULL) == f0);
    CHECK(tb_lookup(0x400000, 0x40001000, 1, NULL, NULL) == f1);
    CHECK(tb_lookup(0x400000, 0x40005000, 0, NULL, NULL) == p2);
    CHECK(tb_lookup(0x400000, 0x40001000, 1ull << 63, NULL, NULL) == hi);
    CHECK(tb_lookup(0x400000, 0x40005000, 1, NULL, NULL) == NULL);
    CHECK(tb_lookup(0x400004, 0x40001000, 0, NULL, NULL) == NULL);
    CHECK_EQ(jit_counters.hash_lookups, 6);
    CHECK_EQ(jit_counters.hash_hits, 4);
    /* Many blocks: the table grows and every one is still found. */
    for (uint64_t i = 0; i < 10000; i++) {
        TB *t = tb_alloc(0x800000 + i * 4, 0x50000000 + i * 4, i & 3);
        CHECK(t != NULL);
        t->size = 4;
        tb_insert(t);
    }
    for (uint64_t i = 0; i < 10000; i++) {
        TB *t = tb_lookup(0x800000 + i * 4, 0x50000000 + i * 4, i & 3, NULL, NULL);
        CHECK(t != NULL && t->pc == 0x800000 + i * 4);
    }
    CHECK_EQ(tb_count(), 10004);
    teardown();
}

TEST(jump_cache_layout_lookup_and_purge)
{
    uint64_t n = 0;
    CHECK_EQ(sizeof(TbJmpEntry), 1u << TB_JMP_ENTRY_SHIFT);
    CHECK_EQ(offsetof(TbJmpEntry, pc), TB_JMP_ENTRY_PC);
    CHECK_EQ(offsetof(TbJmpEntry, flags), TB_JMP_ENTRY_FLAGS);
    CHECK_EQ(offsetof(TbJmpEntry, code), TB_JMP_ENTRY_CODE);
    CHECK_EQ(offsetof(TbJmpEntry, tb), TB_JMP_ENTRY_TB);
    setup(1 << 20);
    TbJmpCache *j1 = tb_jmp_cache_new(), *j2 = tb_jmp_cache_new();
    TB *a = make_tb(0x400000, 0x40000000, 5, 4, &n, 1);
    TB *b = make_tb(0x400004, 0x40000004, 5, 4, &n, 2);
    CHECK(tb_jmp_cache_index(a->pc) != tb_jmp_cache_index(b->pc));
    CHECK(tb_jmp_cache_get(j1, a->pc, 5) == NULL);
    tb_jmp_cache_set(j1, a);
    tb_jmp_cache_set(j2, a);
    tb_jmp_cache_set(j1, b);
    CHECK(tb_jmp_cache_get(j1, a->pc, 5) == a);
    CHECK(tb_jmp_cache_get(j1, a->pc, 6) == NULL);      /* other flags */
    CHECK(j1->e[tb_jmp_cache_index(a->pc)].code == a->code);
    CHECK_EQ(jit_counters.jmp_cache_hits, 1);
    CHECK_EQ(jit_counters.jmp_cache_misses, 2);
    tb_invalidate(a);
    CHECK(tb_jmp_cache_get(j1, a->pc, 5) == NULL);
    CHECK(tb_jmp_cache_get(j2, a->pc, 5) == NULL);
    CHECK_EQ(j1->e[tb_jmp_cache_index(a->pc)].pc, TB_JMP_EMPTY_PC);
    CHECK(tb_jmp_cache_get(j1, b->pc, 5) == b);
    tb_jmp_cache_clear(j1);
    CHECK(tb_jmp_cache_get(j1, b->pc, 5) == NULL);
    tb_jmp_cache_free(j1);
    tb_jmp_cache_free(j2);
    teardown();
}

TEST(chaining_refusals)
{
    uint64_t n = 0;
    setup(1 << 20);
    TB *a = make_tb(0x400000, 0x40000000, 0, 16, &n, 1);
    TB *other_page = make_tb(0x401000, 0x40001000, 0, 16, &n, 2);
    TB *other_flags = make_tb(0x400100, 0x40000100, 7, 16, &n, 3);
    TB *span = tb_alloc(0x400ff8, 0x40000ff8, 0);
    span->size = 16;
    span->phys_page2 = 0x40008000;
    CHECK(emit_block(span, &n, 4));
    tb_insert(span);
    CHECK(!tb_add_jump(a, 0, other_page));
    CHECK(!tb_add_jump(a, 0, other_flags));
    CHECK(!tb_add_jump(a, 0, span));
    CHECK(!tb_add_jump(a, 2, a));
    CHECK_EQ(jit_counters.chain_refused, 3);
    CHECK_EQ(run(a), 1);
    /* A page-crossing source may chain; a block may chain to itself (a
     * loop). Invalidating it undoes both edges. */
    CHECK(tb_add_jump(span, 0, a));
    CHECK(tb_add_jump(a, 0, a));
    tb_invalidate(a);
    CHECK(a->jmp_dest[0] == NULL);
    CHECK(span->jmp_dest[0] == NULL);
    CHECK_EQ(run(span), 4);
    teardown();
}

static int pages_added, pages_removed;
static uint64_t last_page;

static void page_added(void *opaque, uint64_t p)
{
    pages_added++;
    last_page = p;
}

static void page_removed(void *opaque, uint64_t p)
{
    pages_removed++;
    last_page = p;
}

TEST(code_page_hooks)
{
    uint64_t n = 0;
    setup(1 << 20);
    tb_set_hooks(&(TbHooks){ .code_page_added = page_added, .code_page_removed = page_removed });
    TB *a = make_tb(0x1000, 0x40001000, 0, 4, &n, 1);
    CHECK_EQ(pages_added, 1);
    CHECK_EQ(last_page, 0x40001000);
    TB *b = make_tb(0x1010, 0x40001010, 0, 4, &n, 1);
    CHECK_EQ(pages_added, 1);
    make_tb(0x0000, 0x00000000, 0, 4, &n, 1);    /* physical page 0 */
    CHECK_EQ(pages_added, 2);
    CHECK(tb_page_has_code(0));
    tb_invalidate(a);
    CHECK_EQ(pages_removed, 0);
    tb_invalidate(b);
    CHECK_EQ(pages_removed, 1);
    CHECK_EQ(last_page, 0x40001000);
    tb_flush();
    CHECK_EQ(pages_removed, 2);
    CHECK_EQ(last_page, 0);
    CHECK(!tb_page_has_code(0));
    teardown();
}

TEST(logical_chaining_for_the_interpreter)
{
    setup(1 << 16);
    tb_set_patch_fn(NULL);
    TB *a = tb_alloc(0x400000, 0x1000, 0), *b = tb_alloc(0x400040, 0x1040, 0);
    a->size = b->size = 4;
    tb_insert(a);
    tb_insert(b);
    CHECK(tb_add_jump(a, 1, b));
    CHECK(a->jmp_dest[1] == b);
    tb_invalidate_phys_range(0x1040, 4);
    CHECK(a->jmp_dest[1] == NULL);
    teardown();
}

static int freed_ir;

static void ir_free(void *opaque, void *ir)
{
    freed_ir++;
}

TEST(flush_when_code_buffer_fills)
{
    uint64_t n = 0;
    TB *first = NULL, *last = NULL;
    int flushes_seen = 0, built = 0;
    cb = codebuf_new(16384, 0);
    tb_init(cb, 100000);
    jit_stats_reset();
    tb_set_hooks(&(TbHooks){ .ir_free = ir_free });
    TbJmpCache *jc = tb_jmp_cache_new();
    /* Translate blocks until the buffer has been flushed twice, following
     * the backend's protocol: on overflow flush and translate again. */
    for (uint64_t pc = 0x10000; flushes_seen < 2; pc += 0x40) {
        TB *t = tb_alloc(pc, pc, 0);
        CHECK(t != NULL);
        t->size = 4;
        t->ir = &n;
        if (!emit_block(t, &n, (uint32_t)pc)) {
            /* Full: flush (counted) and translate the block again. */
            tb_flush();
            flushes_seen++;
            CHECK_EQ(tb_count(), 0);
            t = tb_alloc(pc, pc, 0);
            t->size = 4;
            CHECK(emit_block(t, &n, (uint32_t)pc));
        }
        tb_insert(t);
        tb_jmp_cache_set(jc, t);
        if (!first) {
            first = t;
        }
        last = t;
        built++;
    }
    CHECK(built > 100);
    CHECK_EQ(cb->flushes, 2);
    CHECK_EQ(jit_counters.codebuf_flushes, 2);
    CHECK_EQ(jit_counters.tb_flushes, 2);
    CHECK(freed_ir > 0);
    CHECK_EQ(tb_count(), 1);
    /* Old blocks are gone from the hash and the jump cache... */
    CHECK(tb_lookup(0x10000, 0x10000, 0, NULL, NULL) == NULL);
    CHECK(tb_jmp_cache_get(jc, 0x10000, 0) == NULL);
    /* ...and the newest one, in reused space, works. */
    CHECK(tb_lookup(last->pc, last->phys_pc, 0, NULL, NULL) == last);
    uint64_t before = n;
    CHECK_EQ(run(last), (uint32_t)last->pc);
    CHECK_EQ(n, before + 1);
    CHECK((uint8_t *)last->code < cb->rx + 256);
    tb_jmp_cache_free(jc);
    teardown();
}

TEST(arena_full_returns_null_until_flush)
{
    cb = NULL;
    tb_init(NULL, 16);
    for (int i = 0; i < 16; i++) {
        TB *t = tb_alloc((uint64_t)i * 4, (uint64_t)i * 4, 0);
        CHECK(t != NULL);
        t->size = 4;
        tb_insert(t);
    }
    CHECK(tb_alloc(0x1000, 0x1000, 0) == NULL);
    TB *stale = tb_lookup(0x20, 0x20, 0, NULL, NULL);
    TB *stale2 = tb_lookup(0x24, 0x24, 0, NULL, NULL);
    CHECK(stale != NULL && stale2 != NULL);
    uint64_t epoch = tb_flush_epoch();
    tb_flush();
    CHECK_EQ(tb_flush_epoch(), epoch + 1);
    /* Pointers kept across the flush cannot chain. */
    CHECK(stale->invalid);
    CHECK(!tb_add_jump(stale, 0, stale2));
    CHECK(tb_alloc(0x1000, 0x1000, 0) != NULL);
    CHECK_EQ(tb_count(), 0);
    tb_shutdown();
}

TEST(stats_report_lists_counters)
{
    uint64_t n = 0;
    char *text = NULL;
    size_t len = 0;
    setup(1 << 16);
    make_tb(0x1000, 0x1000, 0, 8, &n, 1);
    make_tb(0x1008, 0x1008, 0, 8, &n, 1);
    tb_lookup(0x1000, 0x1000, 0, NULL, NULL);
    struct JitStats cpu = { .tlb_fast = 5, .tlb_slow = 3 };
    jit_stats_add_tlb(&cpu);
    FILE *f = open_memstream(&text, &len);
    jit_stats_print(f);
    fclose(f);
    /* Two blocks of two instructions each, one lookup that hit. */
    CHECK(strstr(text, "tb_translated") != NULL);
    CHECK_EQ(jit_counters.tb_translated, 2);
    CHECK_EQ(jit_counters.guest_insns_translated, 4);
    CHECK_EQ(jit_counters.tlb_fast, 5);
    CHECK_EQ(jit_counters.tlb_slow, 3);
    CHECK(strstr(text, "hash hit rate") != NULL && strstr(text, "100.0%") != NULL);
    CHECK(strstr(text, "guest insns per block") != NULL);
    free(text);
    teardown();
}
