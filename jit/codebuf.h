/* The executable code buffer: one large region that host code for
 * translated blocks is bump-allocated from, flushed wholesale when full.
 *
 * W^X: by default the region is a memfd mapped twice, a read+write view the
 * backend writes through and a read+execute view the code runs from. No page
 * is ever writable and executable at once, and there is no mprotect churn.
 * Both views map the same physical pages, so a write through one is visible
 * through the other at once; x86 keeps the instruction stream coherent with
 * stores by physical address (SDM Vol. 3, 11.6), so no cache maintenance is
 * needed. If the memfd dual mapping is refused (old kernel, sealed memfd
 * policy, seccomp), one anonymous RWX mapping is used instead and `mode`
 * records it. See docs/jit-runtime.md.
 *
 * Placement: the region is placed within rel32 reach (+-2 GiB) of armlet's
 * own text when possible, so generated code can `call rel32` helpers;
 * `near_text` records whether that worked (x86_call() checks per call
 * anyway). */
#ifndef JIT_CODEBUF_H
#define JIT_CODEBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jit/x86-enc.h"

#define CODEBUF_DEFAULT_SIZE ((size_t)64 << 20)
/* Guest code blocks start on this boundary (a cache-line/fetch block). */
#define CODEBUF_BLOCK_ALIGN 16

typedef enum CodeBufMode {
    CODEBUF_DUAL_MAP,     /* memfd: separate RW and RX views */
    CODEBUF_RWX,          /* fallback: one RWX anonymous mapping */
} CodeBufMode;

enum {
    CODEBUF_FORCE_RWX = 1,    /* skip the dual mapping (tests) */
    CODEBUF_ANYWHERE = 2,     /* do not try to place near armlet's text */
};

typedef void (*CodeBufFlushFn)(void *opaque);

typedef struct CodeBuf {
    uint8_t *rw;              /* writable view */
    uint8_t *rx;              /* executable view (== rw for CODEBUF_RWX) */
    intptr_t rx_delta;        /* rx - rw */
    size_t size;
    size_t used;              /* bytes allocated from the start */
    size_t floor;             /* bytes kept across flushes (prologue, stubs) */
    CodeBufMode mode;
    bool near_text;           /* every byte is in rel32 reach of armlet's text */
    int fd;                   /* the memfd, -1 for CODEBUF_RWX */
    uint64_t flushes;
    CodeBufFlushFn flush_cb;  /* the TB cache's: everything is invalid */
    void *flush_opaque;
} CodeBuf;

/* size is rounded up to the host page size. Failing to map any executable
 * memory at all is armlet's own error: fatal(). */
CodeBuf *codebuf_new(size_t size, unsigned flags);
void codebuf_free(CodeBuf *cb);

void codebuf_set_flush_cb(CodeBuf *cb, CodeBufFlushFn fn, void *opaque);

static inline void *codebuf_rx(const CodeBuf *cb, const void *rw)
{
    return (uint8_t *)(uintptr_t)rw + cb->rx_delta;
}

static inline void *codebuf_rw(const CodeBuf *cb, const void *rx)
{
    return (uint8_t *)(uintptr_t)rx - cb->rx_delta;
}

static inline bool codebuf_contains_rx(const CodeBuf *cb, const void *p)
{
    return (const uint8_t *)p >= cb->rx && (const uint8_t *)p < cb->rx + cb->size;
}

static inline size_t codebuf_avail(const CodeBuf *cb)
{
    return cb->size - cb->used;
}

/* Start emitting at the next `align`-aligned free byte: a is set to cover
 * all remaining space (with rx_delta for PC-relative fields). After
 * emission, codebuf_commit() if x86_ok(a); if a->overflow the buffer is
 * full: codebuf_flush() and emit again. */
void codebuf_begin(CodeBuf *cb, X86Asm *a, size_t align);
/* Keep what was emitted since codebuf_begin; returns its executable start
 * (NULL, keeping nothing, if the cursor overflowed or hit a range error). */
void *codebuf_commit(CodeBuf *cb, const X86Asm *a);

/* Fixed-size allocation: writable pointer, or NULL when full. */
void *codebuf_alloc(CodeBuf *cb, size_t len, size_t align);

/* Everything allocated so far (the prologue/epilogue, shared stubs) is kept
 * across flushes. */
void codebuf_set_floor(CodeBuf *cb);

/* Drop every block above the floor, count it, and tell the TB cache. Only
 * from the dispatcher: no generated code may be on the stack. */
void codebuf_flush(CodeBuf *cb);

#endif
