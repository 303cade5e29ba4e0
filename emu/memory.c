/* Guest physical address space: a sorted array of non-overlapping regions.
 * Look-up is a binary search; the JIT's TLB caches the result for RAM, so
 * this path is taken only on TLB misses and MMIO. */
#include "emu/memory.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <glib.h>

#include "emu/error.h"

typedef struct WriteObserver {
    AsWriteObserver fn;
    void *opaque;
} WriteObserver;

struct AddressSpace {
    MemRegion *regions;   /* sorted by base */
    size_t n, cap;
    GArray *observers;    /* of WriteObserver */
};

AddressSpace *as_new(void)
{
    AddressSpace *as = g_new0(AddressSpace, 1);

    as->observers = g_array_new(FALSE, FALSE, sizeof(WriteObserver));
    return as;
}

void as_free(AddressSpace *as)
{
    if (!as) {
        return;
    }
    for (size_t i = 0; i < as->n; i++) {
        if (as->regions[i].ram) {
            munmap(as->regions[i].ram, as->regions[i].size);
        }
    }
    g_free(as->regions);
    g_array_free(as->observers, TRUE);
    g_free(as);
}

static MemRegion *as_insert(AddressSpace *as, const MemRegion *r)
{
    size_t i;

    if (r->size == 0 || r->base + r->size - 1 < r->base) {
        fatal("internal: region %s has a bad range", r->name);
    }
    for (i = 0; i < as->n && as->regions[i].base < r->base; i++) {
    }
    if ((i > 0 && as->regions[i - 1].base + as->regions[i - 1].size > r->base) ||
        (i < as->n && r->base + r->size > as->regions[i].base)) {
        fatal("internal: region %s at 0x%" G_GINT64_MODIFIER "x overlaps another", r->name, r->base);
    }
    if (as->n == as->cap) {
        as->cap = as->cap ? as->cap * 2 : 16;
        as->regions = g_renew(MemRegion, as->regions, as->cap);
    }
    memmove(&as->regions[i + 1], &as->regions[i], (as->n - i) * sizeof(MemRegion));
    as->regions[i] = *r;
    as->n++;
    return &as->regions[i];
}

static MemRegion *as_add_backed(AddressSpace *as, const char *name, uint64_t base,
                                uint64_t size, bool readonly)
{
    /* Anonymous mappings are zero-filled and only take host memory once touched,
     * so a large -m costs nothing until the guest uses it. */
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        fatal("cannot allocate %" G_GUINT64_FORMAT " MiB of guest memory for %s",
              size >> 20, name);
    }
    MemRegion r = { .name = name, .base = base, .size = size, .ram = p, .readonly = readonly };
    return as_insert(as, &r);
}

MemRegion *as_add_ram(AddressSpace *as, const char *name, uint64_t base, uint64_t size)
{
    return as_add_backed(as, name, base, size, false);
}

MemRegion *as_add_rom(AddressSpace *as, const char *name, uint64_t base, uint64_t size)
{
    return as_add_backed(as, name, base, size, true);
}

MemRegion *as_add_mmio(AddressSpace *as, const char *name, uint64_t base, uint64_t size,
                       const MemOps *ops, void *opaque)
{
    MemRegion r = { .name = name, .base = base, .size = size, .ops = ops, .opaque = opaque };
    return as_insert(as, &r);
}

const MemRegion *as_find(const AddressSpace *as, uint64_t pa)
{
    size_t lo = 0, hi = as->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const MemRegion *r = &as->regions[mid];
        if (pa < r->base) {
            hi = mid;
        } else if (pa - r->base >= r->size) {
            lo = mid + 1;
        } else {
            return r;
        }
    }
    return NULL;
}

/* The region holding all of [pa, pa+len), or NULL. */
static const MemRegion *as_find_range(const AddressSpace *as, uint64_t pa, uint64_t len)
{
    const MemRegion *r = as_find(as, pa);

    if (!r || len > r->size - (pa - r->base)) {
        return NULL;
    }
    return r;
}

static MemTxResult mmio_check(const MemRegion *r, uint64_t pa, unsigned size)
{
    unsigned lo = r->ops->min_access ? r->ops->min_access : 1;
    unsigned hi = r->ops->max_access ? r->ops->max_access : 8;

    if (size < lo || size > hi || (pa & (size - 1))) {
        return MEMTX_ACCESS_ERROR;
    }
    return MEMTX_OK;
}

MemTxResult as_read(AddressSpace *as, uint64_t pa, unsigned size, uint64_t *value)
{
    const MemRegion *r = as_find_range(as, pa, size);
    MemTxResult res;

    *value = 0;
    if (!r) {
        return MEMTX_DECODE_ERROR;
    }
    if (r->ram) {
        memcpy(value, r->ram + (pa - r->base), size);   /* host is little-endian */
        return MEMTX_OK;
    }
    res = mmio_check(r, pa, size);
    if (res == MEMTX_OK && r->ops->read) {
        *value = r->ops->read(r->opaque, pa - r->base, size);
    }
    return res;
}

MemTxResult as_write(AddressSpace *as, uint64_t pa, unsigned size, uint64_t value)
{
    const MemRegion *r = as_find_range(as, pa, size);
    MemTxResult res;

    if (!r) {
        return MEMTX_DECODE_ERROR;
    }
    if (r->ram) {
        if (!r->readonly) {
            memcpy(r->ram + (pa - r->base), &value, size);
        }
        return MEMTX_OK;
    }
    res = mmio_check(r, pa, size);
    if (res == MEMTX_OK && r->ops->write) {
        r->ops->write(r->opaque, pa - r->base, value, size);
    }
    return res;
}

uint8_t *as_ram_ptr(AddressSpace *as, uint64_t pa, uint64_t len)
{
    const MemRegion *r = as_find_range(as, pa, len ? len : 1);

    return r && r->ram ? r->ram + (pa - r->base) : NULL;
}

bool as_load(AddressSpace *as, uint64_t pa, const void *buf, uint64_t len)
{
    uint8_t *p = as_ram_ptr(as, pa, len);

    if (!p) {
        return false;
    }
    memcpy(p, buf, len);
    as_notify_written(as, pa, len);
    return true;
}

bool as_dma_write(AddressSpace *as, uint64_t pa, const void *buf, uint64_t len)
{
    const MemRegion *r = as_find(as, pa);

    if (!r || r->readonly) {
        return false;
    }
    return as_load(as, pa, buf, len);
}

void as_add_write_observer(AddressSpace *as, AsWriteObserver fn, void *opaque)
{
    WriteObserver o = { fn, opaque };

    g_array_append_val(as->observers, o);
}

void as_remove_write_observer(AddressSpace *as, AsWriteObserver fn, void *opaque)
{
    for (guint i = 0; i < as->observers->len; i++) {
        WriteObserver *o = &g_array_index(as->observers, WriteObserver, i);

        if (o->fn == fn && o->opaque == opaque) {
            g_array_remove_index(as->observers, i);
            return;
        }
    }
}

void as_notify_written(AddressSpace *as, uint64_t pa, uint64_t len)
{
    if (len == 0) {
        return;
    }
    for (guint i = 0; i < as->observers->len; i++) {
        WriteObserver *o = &g_array_index(as->observers, WriteObserver, i);

        o->fn(o->opaque, pa, len);
    }
}

bool as_read_block(AddressSpace *as, uint64_t pa, void *buf, uint64_t len)
{
    uint8_t *p = as_ram_ptr(as, pa, len);

    if (!p) {
        return false;
    }
    memcpy(buf, p, len);
    return true;
}
