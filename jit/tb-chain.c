/* Direct-jump chaining between blocks: patch a block's exit slot to jump
 * straight into another block, remember the edge on the destination, and
 * undo it when either block is invalidated. Protocol for the backend:
 * docs/jit-runtime.md "Chaining". */
#include "jit/tb-internal.h"

void tb_patch_native(TB *tb, int slot, uintptr_t target)
{
    uintptr_t site = tb->jmp_site[slot];

    if (!site || !target || !tbc.cb) {
        return;
    }
    x86_patch_jmp(codebuf_rw(tbc.cb, (const void *)site), site, target);
}

static void patch(TB *tb, int slot, uintptr_t target)
{
    if (tbc.patch) {
        tbc.patch(tb, slot, target);
    }
}

/* Remove (from, slot) from its destination's incoming list. */
static void unlink_edge(TB *from, int slot)
{
    TB *dest = from->jmp_dest[slot];
    uintptr_t *pp = &dest->jmp_first;
    uintptr_t want = tb_tag(from, slot);

    while (*pp) {
        if (*pp == want) {
            *pp = from->jmp_next[slot];
            break;
        }
        pp = &tb_untag(*pp)->jmp_next[tb_tag_n(*pp)];
    }
    from->jmp_next[slot] = 0;
    from->jmp_dest[slot] = NULL;
}

bool tb_add_jump(TB *from, int slot, TB *to)
{
    if (slot < 0 || slot > 1 || !from || !to) {
        return false;
    }
    if (from->jmp_dest[slot] == to) {
        return true;
    }
    /* An invalid block must not gain edges: its incoming list has already
     * been unwound and would never be again. A page-crossing destination
     * is looked up with its second page checked (tb_lookup); a chain would
     * skip that check. A destination on another virtual page could be
     * reached through a different mapping next time. The flags select the
     * code variant, so they must agree. A native slot needs host code. */
    if (from->invalid || to->invalid || to->phys_page2 != TB_NO_PAGE ||
        ((from->pc ^ to->pc) & TB_PAGE_MASK) != 0 || from->flags != to->flags ||
        (from->jmp_site[slot] && !to->code)) {
        JIT_COUNT(chain_refused);
        return false;
    }
    if (from->jmp_dest[slot]) {
        unlink_edge(from, slot);
    }
    from->jmp_dest[slot] = to;
    from->jmp_next[slot] = to->jmp_first;
    to->jmp_first = tb_tag(from, slot);
    patch(from, slot, (uintptr_t)to->code);
    JIT_COUNT(chain_patches);
    return true;
}

void tb_unchain_incoming(TB *tb)
{
    uintptr_t cur = tb->jmp_first;

    while (cur) {
        TB *src = tb_untag(cur);
        int n = tb_tag_n(cur);
        cur = src->jmp_next[n];
        patch(src, n, src->jmp_reset[n]);
        src->jmp_dest[n] = NULL;
        src->jmp_next[n] = 0;
        JIT_COUNT(unchains);
    }
    tb->jmp_first = 0;
}

void tb_drop_outgoing(TB *tb)
{
    for (int n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            unlink_edge(tb, n);
            patch(tb, n, tb->jmp_reset[n]);
        }
    }
}
