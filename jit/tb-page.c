/* The physical page index of the TB cache and invalidation by physical
 * address (design brief, contract 5: a store to a code page invalidates
 * exactly the blocks on it). Pages are 4 KiB, the smallest A64 granule, so
 * the index is exact for every guest page size. */
#include "jit/tb-internal.h"

static gpointer page_key(uint64_t paddr)
{
    /* | 1 keeps physical page 0 from being the NULL key. */
    return (gpointer)(uintptr_t)((paddr & TB_PAGE_MASK) | 1);
}

static uint64_t tb_page(const TB *tb, int n)
{
    return n == 0 ? tb->phys_pc & TB_PAGE_MASK : tb->phys_page2;
}

static void page_add(TB *tb, int n)
{
    uint64_t paddr = tb_page(tb, n);
    uintptr_t head = (uintptr_t)g_hash_table_lookup(tbc.pages, page_key(paddr));

    tb->page_next[n] = head;
    g_hash_table_insert(tbc.pages, page_key(paddr), (gpointer)tb_tag(tb, n));
    if (!head && tbc.hooks.code_page_added) {
        tbc.hooks.code_page_added(tbc.hooks.opaque, paddr);
    }
}

static void page_remove(TB *tb, int n)
{
    uint64_t paddr = tb_page(tb, n);
    uintptr_t want = tb_tag(tb, n), prev = 0;
    uintptr_t cur = (uintptr_t)g_hash_table_lookup(tbc.pages, page_key(paddr));

    while (cur && cur != want) {
        prev = cur;
        cur = tb_untag(cur)->page_next[tb_tag_n(cur)];
    }
    if (!cur) {
        return;
    }
    if (prev) {
        tb_untag(prev)->page_next[tb_tag_n(prev)] = tb->page_next[n];
    } else if (tb->page_next[n]) {
        g_hash_table_insert(tbc.pages, page_key(paddr), (gpointer)tb->page_next[n]);
    } else {
        g_hash_table_remove(tbc.pages, page_key(paddr));
        if (tbc.hooks.code_page_removed) {
            tbc.hooks.code_page_removed(tbc.hooks.opaque, paddr);
        }
    }
    tb->page_next[n] = 0;
}

void tb_page_link(TB *tb)
{
    uint64_t first = TB_PAGE_SIZE - (tb->phys_pc & ~TB_PAGE_MASK);

    /* A block running past its first page without a recorded second page
     * is taken to continue on the physically next page. */
    if (tb->size > first && tb->phys_page2 == TB_NO_PAGE) {
        tb->phys_page2 = (tb->phys_pc & TB_PAGE_MASK) + TB_PAGE_SIZE;
    }
    page_add(tb, 0);
    if (tb->phys_page2 != TB_NO_PAGE) {
        tb->phys_page2 &= TB_PAGE_MASK;
        page_add(tb, 1);
    }
}

void tb_page_unlink(TB *tb)
{
    page_remove(tb, 0);
    if (tb->phys_page2 != TB_NO_PAGE) {
        page_remove(tb, 1);
    }
}

/* Does the part of tb's guest code on its page n overlap [start, end)? */
static bool overlaps(const TB *tb, int n, uint64_t start, uint64_t end)
{
    uint64_t size = tb->size ? tb->size : 1;
    uint64_t first = TB_PAGE_SIZE - (tb->phys_pc & ~TB_PAGE_MASK);
    uint64_t lo, hi;

    if (first > size) {
        first = size;
    }
    if (n == 0) {
        lo = tb->phys_pc;
        hi = lo + first;
    } else {
        lo = tb->phys_page2;
        hi = lo + (size - first);
    }
    return lo < end && start < hi;
}

void tb_invalidate(TB *tb)
{
    if (!tb || tb->invalid) {
        return;
    }
    tb->invalid = true;
    tb_hash_remove(tb);
    tb_page_unlink(tb);
    tb_jmp_cache_purge(tb);
    tb_unchain_incoming(tb);
    tb_drop_outgoing(tb);
    JIT_COUNT(tb_invalidated);
}

void tb_invalidate_phys_range(uint64_t start, uint64_t len)
{
    uint64_t end = start + len;

    if (!tbc.initialised || len == 0) {
        return;
    }
    if (end < start) {
        end = UINT64_MAX;
    }
    JIT_COUNT(inval_ranges);
    for (uint64_t page = start & TB_PAGE_MASK; page < end; page += TB_PAGE_SIZE) {
        uintptr_t cur = (uintptr_t)g_hash_table_lookup(tbc.pages, page_key(page));
        while (cur) {
            TB *tb = tb_untag(cur);
            int n = tb_tag_n(cur);
            /* Invalidation unlinks tb from this list; its successor stays. */
            cur = tb->page_next[n];
            if (overlaps(tb, n, start, end)) {
                tb_invalidate(tb);
            }
        }
        if (page + TB_PAGE_SIZE < page) {
            break;   /* wrapped at the top of the address space */
        }
    }
}

void tb_invalidate_phys_page(uint64_t paddr)
{
    tb_invalidate_phys_range(paddr & TB_PAGE_MASK, TB_PAGE_SIZE);
}

bool tb_page_has_code(uint64_t paddr)
{
    return tbc.initialised && g_hash_table_contains(tbc.pages, page_key(paddr));
}

void tb_invalidate_all(void)
{
    GList *pages, *l;

    if (!tbc.initialised) {
        return;
    }
    /* Invalidation edits the page index: collect the pages first. */
    pages = g_hash_table_get_keys(tbc.pages);
    for (l = pages; l; l = l->next) {
        tb_invalidate_phys_page((uint64_t)(uintptr_t)l->data & TB_PAGE_MASK);
    }
    g_list_free(pages);
}
