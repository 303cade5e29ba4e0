/* The executable code buffer: generated code runs, the W^X dual mapping
 * really is two views of the same pages, placement near the text allows
 * rel32 calls, allocation, "full" and flushes. */
#include "tests/unit/test.h"

#include <stdlib.h>
#include <glib.h>

#include "jit/codebuf.h"
#include "jit/stats.h"

typedef uint64_t (*Fn0)(void);

static void *emit_const(CodeBuf *cb, uint32_t value)
{
    X86Asm a;
    codebuf_begin(cb, &a, CODEBUF_BLOCK_ALIGN);
    x86_mov_ri32(&a, X86_RAX, value);
    x86_ret(&a);
    CHECK(x86_ok(&a));
    return codebuf_commit(cb, &a);
}

static uint64_t call0(void *rx)
{
    return ((Fn0)rx)();
}

/* Permissions of the mapping containing p, from /proc/self/maps ("r-xs"). */
static char *perms_of(const void *p)
{
    char *maps = NULL;
    char *result = NULL;
    CHECK(g_file_get_contents("/proc/self/maps", &maps, NULL, NULL));
    char **lines = g_strsplit(maps, "\n", -1);
    for (char **l = lines; *l && !result; l++) {
        unsigned long lo, hi;
        char perm[8];
        if (sscanf(*l, "%lx-%lx %7s", &lo, &hi, perm) == 3 &&
            (uintptr_t)p >= lo && (uintptr_t)p < hi) {
            result = g_strdup(perm);
        }
    }
    g_strfreev(lines);
    g_free(maps);
    return result;
}

TEST(generated_code_executes)
{
    CodeBuf *cb = codebuf_new(1 << 20, 0);
    void *f = emit_const(cb, 42);
    CHECK(codebuf_contains_rx(cb, f));
    CHECK_EQ(call0(f), 42);
    CHECK_EQ((uintptr_t)f % CODEBUF_BLOCK_ALIGN, 0);
    codebuf_free(cb);
}

TEST(dual_mapping_is_wx_and_coherent)
{
    CodeBuf *cb = codebuf_new(1 << 20, 0);
    /* memfd dual mapping is the default on Linux hosts. */
    CHECK_EQ(cb->mode, CODEBUF_DUAL_MAP);
    CHECK(cb->rw != cb->rx);
    char *prx = perms_of(cb->rx), *prw = perms_of(cb->rw);
    CHECK(prx && prw);
    /* No view is both writable and executable. */
    CHECK_EQ(prx[0], 'r');
    CHECK_EQ(prx[1], '-');
    CHECK_EQ(prx[2], 'x');
    CHECK_EQ(prw[1], 'w');
    CHECK_EQ(prw[2], '-');
    g_free(prx);
    g_free(prw);

    uint8_t *f = emit_const(cb, 7);
    CHECK_EQ(call0(f), 7);
    /* Rewrite the immediate through the RW view; the RX view runs it. */
    uint8_t *w = codebuf_rw(cb, f);
    CHECK_EQ(w[0], 0xB8);          /* mov eax, imm32 */
    w[1] = 99;
    CHECK_EQ(f[1], 99);
    CHECK_EQ(call0(f), 99);
    codebuf_free(cb);
}

TEST(rwx_fallback_works)
{
    CodeBuf *cb = codebuf_new(1 << 16, CODEBUF_FORCE_RWX);
    CHECK_EQ(cb->mode, CODEBUF_RWX);
    CHECK(cb->rw == cb->rx);
    CHECK_EQ(cb->rx_delta, 0);
    CHECK_EQ(call0(emit_const(cb, 5)), 5);
    codebuf_free(cb);
}

static uint64_t helper_value;

static uint64_t helper(uint64_t x)
{
    helper_value = x;
    return x * 3;
}

static void *emit_helper_call(CodeBuf *cb, bool direct_only)
{
    X86Asm a;
    codebuf_begin(cb, &a, CODEBUF_BLOCK_ALIGN);
    x86_push(&a, X86_RBX);                /* realign the stack to 16 */
    x86_mov_ri32(&a, X86_RDI, 14);
    if (direct_only) {
        CHECK(x86_call_rel(&a, (const void *)helper));
    } else {
        x86_call(&a, (const void *)helper, X86_R11);
    }
    x86_pop(&a, X86_RBX);
    x86_ret(&a);
    CHECK(x86_ok(&a));
    return codebuf_commit(cb, &a);
}

TEST(near_text_placement_allows_direct_calls)
{
    CodeBuf *cb = codebuf_new(CODEBUF_DEFAULT_SIZE, 0);
    CHECK(cb->near_text);
    void *f = emit_helper_call(cb, true);
    CHECK_EQ(call0(f), 42);
    CHECK_EQ(helper_value, 14);
    /* The far end of the buffer reaches too. */
    cb->used = cb->size - 64;
    f = emit_helper_call(cb, true);
    helper_value = 0;
    CHECK_EQ(call0(f), 42);
    CHECK_EQ(helper_value, 14);
    codebuf_free(cb);
}

TEST(call_through_scratch_register_anywhere)
{
    CodeBuf *cb = codebuf_new(1 << 16, CODEBUF_ANYWHERE);
    void *f = emit_helper_call(cb, false);
    CHECK_EQ(call0(f), 42);
    CHECK_EQ(helper_value, 14);
    codebuf_free(cb);
}

TEST(alloc_aligns_and_reports_full)
{
    CodeBuf *cb = codebuf_new(8192, 0);
    CHECK_EQ(cb->size, 8192);
    uint8_t *p = codebuf_alloc(cb, 3, 1);
    uint8_t *q = codebuf_alloc(cb, 10, 64);
    CHECK(p == cb->rw);
    CHECK_EQ((uintptr_t)q % 64, 0);
    CHECK(q == cb->rw + 64);
    CHECK(codebuf_alloc(cb, 8192, 1) == NULL);
    CHECK(codebuf_alloc(cb, 8192 - 74, 1) != NULL);
    CHECK_EQ(codebuf_avail(cb), 0);
    CHECK(codebuf_alloc(cb, 1, 1) == NULL);
    /* Emitting into a full buffer overflows instead of writing. */
    X86Asm a;
    codebuf_begin(cb, &a, 16);
    x86_ret(&a);
    CHECK(a.overflow);
    codebuf_free(cb);
}

static int flush_calls;

static void on_flush(void *opaque)
{
    flush_calls++;
    CHECK(opaque == &flush_calls);
}

TEST(flush_keeps_floor_and_counts)
{
    CodeBuf *cb = codebuf_new(1 << 16, 0);
    jit_stats_reset();
    codebuf_set_flush_cb(cb, on_flush, &flush_calls);
    void *prologue = emit_const(cb, 1);
    codebuf_set_floor(cb);
    size_t floor = cb->used;
    void *blk = emit_const(cb, 2);
    CHECK(cb->used > floor);
    CHECK_EQ(call0(blk), 2);
    codebuf_flush(cb);
    CHECK_EQ(cb->used, floor);
    CHECK_EQ(cb->flushes, 1);
    CHECK_EQ(jit_counters.codebuf_flushes, 1);
    CHECK_EQ(flush_calls, 1);
    CHECK_EQ(call0(prologue), 1);
    /* The space above the floor is reused. */
    void *again = emit_const(cb, 3);
    CHECK(again == blk);
    CHECK_EQ(call0(again), 3);
    codebuf_free(cb);
}
