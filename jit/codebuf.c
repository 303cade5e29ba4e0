/* The executable code buffer: memfd dual mapping (W^X) with an RWX
 * fallback, placed near armlet's text for rel32 calls. See codebuf.h and
 * docs/jit-runtime.md. */
#include "jit/codebuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "emu/error.h"
#include "jit/stats.h"

/* Linker-defined bounds of the executable's text (GNU ld / gold / lld
 * provide both for ELF executables). */
extern const char __executable_start[];
extern const char etext[];

#define MIB ((uintptr_t)1 << 20)
#define REL32_REACH ((uintptr_t)1 << 31)

static size_t host_page(void)
{
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (size_t)p : 4096;
}

/* True if any byte of [p, p+size) can reach any byte of armlet's text with
 * a rel32 displacement, and the other way round. */
static bool near_text(const void *p, size_t size)
{
    uintptr_t lo = (uintptr_t)p, hi = lo + size;
    uintptr_t tlo = (uintptr_t)__executable_start, thi = (uintptr_t)etext;
    uintptr_t span_hi = hi > thi ? hi : thi;
    uintptr_t span_lo = lo < tlo ? lo : tlo;

    /* A small margin covers the instruction length after the cursor. */
    return span_hi - span_lo < REL32_REACH - 64 * 1024;
}

/* Candidate addresses, nearest first: below the text (the heap grows
 * upwards from the end of the executable, so that side is kept free), then
 * above it past a gap left for the heap. */
static uintptr_t candidate(int i, size_t size)
{
    uintptr_t tlo = (uintptr_t)__executable_start & ~(2 * MIB - 1);
    uintptr_t thi = ((uintptr_t)etext + 2 * MIB - 1) & ~(2 * MIB - 1);
    uintptr_t step = 256 * MIB;

    if (i < 4) {
        uintptr_t back = size + 64 * MIB + (uintptr_t)i * step;
        return tlo > back ? (tlo - back) & ~(2 * MIB - 1) : 0;
    }
    return thi + 512 * MIB + (uintptr_t)(i - 4) * step;
}

/* Map with fn at a hint near the text; keep the first mapping that lands
 * in reach. Falls back to wherever the kernel puts it. */
typedef void *(*MapFn)(void *hint, size_t size, void *opaque);

static void *map_near(MapFn fn, size_t size, void *opaque, bool try_near, bool *is_near)
{
    void *p;

    *is_near = false;
    for (int i = 0; try_near && i < 8; i++) {
        uintptr_t hint = candidate(i, size);
        if (!hint) {
            continue;
        }
        p = fn((void *)hint, size, opaque);
        if (p == MAP_FAILED) {
            continue;
        }
        if (near_text(p, size)) {
            *is_near = true;
            return p;
        }
        munmap(p, size);
    }
    p = fn(NULL, size, opaque);
    if (p != MAP_FAILED) {
        *is_near = near_text(p, size);
    }
    return p;
}

static void *map_rx_view(void *hint, size_t size, void *opaque)
{
    return mmap(hint, size, PROT_READ | PROT_EXEC, MAP_SHARED, *(int *)opaque, 0);
}

static void *map_rwx(void *hint, size_t size, void *opaque)
{
    return mmap(hint, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
}

static bool map_dual(CodeBuf *cb, bool try_near)
{
    int fd = memfd_create("armlet-jit", MFD_CLOEXEC);
    void *rx, *rw;

    if (fd < 0) {
        return false;
    }
    if (ftruncate(fd, (off_t)cb->size) != 0) {
        close(fd);
        return false;
    }
    rx = map_near(map_rx_view, cb->size, &fd, try_near, &cb->near_text);
    if (rx == MAP_FAILED) {
        close(fd);
        return false;
    }
    rw = mmap(NULL, cb->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED) {
        munmap(rx, cb->size);
        close(fd);
        return false;
    }
    cb->fd = fd;
    cb->rx = rx;
    cb->rw = rw;
    cb->mode = CODEBUF_DUAL_MAP;
    return true;
}

CodeBuf *codebuf_new(size_t size, unsigned flags)
{
    CodeBuf *cb = calloc(1, sizeof *cb);
    size_t page = host_page();
    bool try_near = !(flags & CODEBUF_ANYWHERE);

    if (!cb) {
        fatal("out of memory for the code buffer");
    }
    if (size < page) {
        size = page;
    }
    /* The whole buffer must stay within rel32 of itself for chaining. */
    if (size > (size_t)1 << 30) {
        size = (size_t)1 << 30;
    }
    cb->size = (size + page - 1) & ~(page - 1);
    cb->fd = -1;
    if (!(flags & CODEBUF_FORCE_RWX) && map_dual(cb, try_near)) {
        cb->rx_delta = (intptr_t)((uintptr_t)cb->rx - (uintptr_t)cb->rw);
        return cb;
    }
    void *p = map_near(map_rwx, cb->size, NULL, try_near, &cb->near_text);
    if (p == MAP_FAILED) {
        fatal("cannot map %zu bytes of executable memory for the JIT: %s",
              cb->size, strerror(errno));
    }
    cb->rw = cb->rx = p;
    cb->rx_delta = 0;
    cb->mode = CODEBUF_RWX;
    return cb;
}

void codebuf_free(CodeBuf *cb)
{
    if (!cb) {
        return;
    }
    if (cb->rw != cb->rx) {
        munmap(cb->rw, cb->size);
    }
    munmap(cb->rx, cb->size);
    if (cb->fd >= 0) {
        close(cb->fd);
    }
    free(cb);
}

void codebuf_set_flush_cb(CodeBuf *cb, CodeBufFlushFn fn, void *opaque)
{
    cb->flush_cb = fn;
    cb->flush_opaque = opaque;
}

static size_t align_up(size_t v, size_t align)
{
    return align > 1 ? (v + align - 1) & ~(align - 1) : v;
}

void codebuf_begin(CodeBuf *cb, X86Asm *a, size_t align)
{
    size_t at = align_up(cb->used, align);

    if (at > cb->size) {
        at = cb->size;
    }
    x86_asm_init(a, cb->rw + at, cb->size - at, cb->rx_delta);
}

void *codebuf_commit(CodeBuf *cb, const X86Asm *a)
{
    size_t end = (size_t)(a->p - cb->rw);

    if (!x86_ok(a)) {
        return NULL;     /* incomplete: the caller flushes and retries */
    }
    if (end > cb->used) {
        cb->used = end;
    }
    JIT_COUNT_ADD(host_code_bytes, x86_size(a));
    return codebuf_rx(cb, a->start);
}

void *codebuf_alloc(CodeBuf *cb, size_t len, size_t align)
{
    size_t at = align_up(cb->used, align);

    if (at > cb->size || cb->size - at < len) {
        return NULL;
    }
    cb->used = at + len;
    return cb->rw + at;
}

void codebuf_set_floor(CodeBuf *cb)
{
    cb->floor = cb->used;
}

void codebuf_flush(CodeBuf *cb)
{
    cb->used = cb->floor;
    cb->flushes++;
    JIT_COUNT(codebuf_flushes);
    if (cb->flush_cb) {
        cb->flush_cb(cb->flush_opaque);
    }
}
