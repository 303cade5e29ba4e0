/* Address-space dispatch: RAM, ROM, MMIO with access-size rules, unmapped. */
#include "tests/unit/test.h"

#include "emu/memory.h"

typedef struct FakeDev {
    uint64_t last_off, last_val;
    unsigned last_size;
    int reads, writes;
} FakeDev;

static uint64_t fake_read(void *opaque, uint64_t off, unsigned size)
{
    FakeDev *d = opaque;
    d->reads++;
    d->last_off = off;
    d->last_size = size;
    return 0x1000 + off;
}

static void fake_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
    FakeDev *d = opaque;
    d->writes++;
    d->last_off = off;
    d->last_val = val;
    d->last_size = size;
}

static const MemOps fake_ops = { fake_read, fake_write, 4, 4 };

TEST(ram_read_write_little_endian)
{
    AddressSpace *as = as_new();
    uint64_t v;

    as_add_ram(as, "ram", 0x40000000, 0x10000);
    CHECK_EQ(as_write(as, 0x40000010, 8, 0x1122334455667788ull), MEMTX_OK);
    CHECK_EQ(as_read(as, 0x40000010, 1, &v), MEMTX_OK);
    CHECK_EQ(v, 0x88);
    CHECK_EQ(as_read(as, 0x40000013, 2, &v), MEMTX_OK);
    CHECK_EQ(v, 0x4455);
    CHECK_EQ(as_read(as, 0x40000010, 8, &v), MEMTX_OK);
    CHECK_EQ(v, 0x1122334455667788ull);
    /* an access running off the end of the region is not RAM */
    CHECK_EQ(as_read(as, 0x4000fffc, 8, &v), MEMTX_DECODE_ERROR);
    as_free(as);
}

TEST(rom_ignores_guest_stores_but_loads)
{
    AddressSpace *as = as_new();
    uint64_t v;
    uint32_t word = 0xd503201f;

    as_add_rom(as, "flash", 0, 0x1000);
    CHECK(as_load(as, 0x100, &word, 4));
    CHECK_EQ(as_write(as, 0x100, 4, 0), MEMTX_OK);
    CHECK_EQ(as_read(as, 0x100, 4, &v), MEMTX_OK);
    CHECK_EQ(v, 0xd503201f);
    as_free(as);
}

TEST(mmio_dispatch_and_sizes)
{
    AddressSpace *as = as_new();
    FakeDev d = { 0 };
    uint64_t v;

    as_add_mmio(as, "dev", 0x09000000, 0x1000, &fake_ops, &d);
    CHECK_EQ(as_read(as, 0x09000018, 4, &v), MEMTX_OK);
    CHECK_EQ(v, 0x1018);
    CHECK_EQ(d.last_off, 0x18);
    CHECK_EQ(as_write(as, 0x09000030, 4, 0xabc), MEMTX_OK);
    CHECK_EQ(d.last_val, 0xabc);
    CHECK_EQ(d.writes, 1);
    /* sizes outside [4,4] and unaligned accesses never reach the device */
    CHECK_EQ(as_read(as, 0x09000018, 1, &v), MEMTX_ACCESS_ERROR);
    CHECK_EQ(as_write(as, 0x09000018, 8, 0), MEMTX_ACCESS_ERROR);
    CHECK_EQ(as_read(as, 0x09000019, 4, &v), MEMTX_ACCESS_ERROR);
    CHECK_EQ(d.reads, 1);
    CHECK_EQ(d.writes, 1);
    as_free(as);
}

TEST(unmapped_is_decode_error)
{
    AddressSpace *as = as_new();
    uint64_t v = 123;

    as_add_ram(as, "ram", 0x40000000, 0x1000);
    CHECK_EQ(as_read(as, 0x3ffffffc, 4, &v), MEMTX_DECODE_ERROR);
    CHECK_EQ(v, 0);
    CHECK_EQ(as_write(as, 0x50000000, 4, 1), MEMTX_DECODE_ERROR);
    CHECK(as_find(as, 0x40001000) == NULL);
    CHECK(as_ram_ptr(as, 0x40000ff0, 0x20) == NULL);
    CHECK(as_ram_ptr(as, 0x40000ff0, 0x10) != NULL);
    as_free(as);
}

TEST(many_regions_sorted_lookup)
{
    AddressSpace *as = as_new();
    FakeDev d = { 0 };
    static const char *names[40];

    /* inserted out of order; the binary search must still find each */
    for (int i = 39; i >= 0; i--) {
        names[i] = "slot";
        as_add_mmio(as, names[i], 0x0a000000 + (uint64_t)i * 0x200, 0x200, &fake_ops, &d);
    }
    for (int i = 0; i < 40; i++) {
        const MemRegion *r = as_find(as, 0x0a000000 + (uint64_t)i * 0x200 + 0x1ff);
        CHECK(r != NULL);
        CHECK_EQ(r->base, 0x0a000000 + (uint64_t)i * 0x200);
    }
    CHECK(as_find(as, 0x0a000000 + 40 * 0x200) == NULL);
    as_free(as);
}

typedef struct Seen {
    int calls;
    uint64_t pa, len;
} Seen;

static void saw_write(void *opaque, uint64_t pa, uint64_t len)
{
    Seen *s = opaque;

    s->calls++;
    s->pa = pa;
    s->len = len;
}

TEST(write_observers_hear_dma_and_loads)
{
    AddressSpace *as = as_new();
    Seen a = { 0 }, b = { 0 };
    uint8_t buf[16] = { 1, 2, 3 }, back[16];

    as_add_ram(as, "ram", 0x40000000, 0x10000);
    as_add_rom(as, "rom", 0x0, 0x1000);
    as_add_write_observer(as, saw_write, &a);
    as_add_write_observer(as, saw_write, &b);

    CHECK(as_dma_write(as, 0x40000100, buf, sizeof buf));
    CHECK_EQ(a.calls, 1);
    CHECK_EQ(b.calls, 1);
    CHECK_EQ(a.pa, 0x40000100);
    CHECK_EQ(a.len, sizeof buf);
    CHECK(as_read_block(as, 0x40000100, back, sizeof back));
    CHECK(memcmp(back, buf, sizeof buf) == 0);

    /* DMA may not write ROM or run off the end of RAM; nothing is told */
    CHECK(!as_dma_write(as, 0x0, buf, 4));
    CHECK(!as_dma_write(as, 0x4000fff8, buf, 16));
    CHECK_EQ(a.calls, 1);

    /* loaders notify too; a removed observer hears nothing more */
    as_remove_write_observer(as, saw_write, &a);
    CHECK(as_load(as, 0x0, buf, 4));
    CHECK_EQ(a.calls, 1);
    CHECK_EQ(b.calls, 2);
    CHECK_EQ(b.pa, 0);

    /* a zero-length write is no write */
    as_notify_written(as, 0x40000000, 0);
    CHECK_EQ(b.calls, 2);
    as_free(as);
}
