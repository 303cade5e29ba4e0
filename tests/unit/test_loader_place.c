/* Guest image loaders: initrd, device tree and -bios placement, their
 * failures, and the checks on real images that tests/scripts/loader.sh runs.
 * Expected addresses are computed from the rules in docs/loaders.md. */
#include "tests/unit/loader-fixture.h"

/* ---- initrd, DTB, bios ---- */

static char *load_small_image(Machine *m, uint64_t image_size)
{
    uint8_t *img = mk_image(4096, 0, image_size, 0xa);
    char *path = write_file("k", img, 4096);

    loader_load_kernel(m, path);
    g_free(img);
    return path;
}

static void check_dtb_placed(Machine *m)
{
    uint64_t size = fdt_totalsize(m->fdt);
    const BootInfo *b = &m->boot;

    CHECK(b->dtb_addr != 0);
    CHECK_EQ(b->dtb_addr % 8, 0);   /* booting.rst: 8-byte boundary */
    CHECK(b->dtb_addr >= m->ram_base && b->dtb_addr + size <= m->ram_base + m->ram_size);
    CHECK(b->dtb_addr + size <= b->kernel_base || b->dtb_addr >= b->kernel_end);
    CHECK(b->initrd_size == 0 || b->dtb_addr + size <= b->initrd_base ||
          b->dtb_addr >= b->initrd_base + b->initrd_size);
    CHECK(memcmp(ram_at(m, b->dtb_addr, size), m->fdt, size) == 0);
}

TEST(initrd_and_dtb_follow_qemu_placement)
{
    /* 512 MiB: the initrd at RAM + min(256 MiB, 128 MiB); the DTB after it,
     * rounded up to 2 MiB. */
    Machine *m = mk_machine(512 * MiB);
    size_t ilen = 3 * MiB + 123;
    uint8_t *initrd = g_malloc(ilen);
    char *kpath = load_small_image(m, 0x200000), *ipath;

    for (size_t i = 0; i < ilen; i++) {
        initrd[i] = (uint8_t)(i >> 3);
    }
    ipath = write_file("initrd", initrd, ilen);
    loader_load_initrd(m, ipath);
    CHECK_EQ(m->boot.initrd_base, RAM + 128 * MiB);
    CHECK_EQ(m->boot.initrd_size, ilen);
    CHECK(memcmp(ram_at(m, RAM + 128 * MiB, ilen), initrd, ilen) == 0);

    m->fdt = mk_fdt(4096);
    loader_place_dtb(m);
    CHECK_EQ(m->boot.dtb_addr, align_up(RAM + 128 * MiB + ilen, 2 * MiB));
    check_dtb_placed(m);
    free_machine(m);
    g_free(initrd);
    g_free(kpath);
    g_free(ipath);
}

TEST(small_ram_puts_initrd_halfway)
{
    Machine *m = mk_machine(64 * MiB);
    char *kpath = load_small_image(m, 0x200000);
    char *ipath = write_file("initrd", "0123456789", 10);

    loader_load_initrd(m, ipath);
    CHECK_EQ(m->boot.initrd_base, RAM + 32 * MiB);
    m->fdt = mk_fdt(2048);
    loader_place_dtb(m);
    CHECK_EQ(m->boot.dtb_addr, align_up(RAM + 32 * MiB + 10, 2 * MiB));
    check_dtb_placed(m);
    free_machine(m);
    g_free(kpath);
    g_free(ipath);
}

TEST(big_kernel_pushes_initrd_and_dtb_past_its_end)
{
    /* image_size 150 MiB reaches past RAM + 128 MiB: the initrd goes at the
     * kernel's end, page aligned. */
    Machine *m = mk_machine(512 * MiB);
    uint64_t isz = 150 * MiB + 0x1234;
    char *kpath = load_small_image(m, isz);
    char *ipath = write_file("initrd", "abc", 3);
    uint64_t kend = RAM + 2 * MiB + isz;

    CHECK_EQ(m->boot.kernel_end, kend);
    loader_load_initrd(m, ipath);
    CHECK_EQ(m->boot.initrd_base, align_up(kend, 4096));
    m->fdt = mk_fdt(4096);
    loader_place_dtb(m);
    CHECK_EQ(m->boot.dtb_addr, align_up(m->boot.initrd_base + 3, 2 * MiB));
    check_dtb_placed(m);
    free_machine(m);
    g_free(kpath);
    g_free(ipath);
}

TEST(dtb_without_initrd_goes_where_the_initrd_would)
{
    Machine *m = mk_machine(1024 * MiB);
    char *kpath = load_small_image(m, 0x200000);

    m->fdt = mk_fdt(4096);
    loader_place_dtb(m);
    CHECK_EQ(m->boot.dtb_addr, RAM + 128 * MiB);
    check_dtb_placed(m);
    free_machine(m);
    g_free(kpath);
}

TEST(dtb_for_elf_and_firmware_sits_at_ram_base)
{
    Machine *m = mk_machine(64 * MiB);
    ElfSeg segs[] = { { PT_LOAD, PF_R | PF_X, RAM + 0x80000, RAM + 0x80000, 64, 64, 3 } };
    size_t len;
    uint8_t *elf = mk_elf(EM_AARCH64, RAM + 0x80000, segs, 1, &len);
    char *path = write_file("a.elf", elf, len);
    uint8_t fw[512];
    char *fwpath;

    loader_load_kernel(m, path);
    m->fdt = mk_fdt(4096);
    loader_place_dtb(m);
    CHECK_EQ(m->boot.dtb_addr, RAM);
    check_dtb_placed(m);
    free_machine(m);

    /* firmware in flash: the DTB at the bottom of RAM, PC at 0 */
    m = mk_machine(64 * MiB);
    memset(fw, 0x5a, sizeof fw);
    fwpath = write_file("fw.bin", fw, sizeof fw);
    loader_load_bios(m, fwpath);
    CHECK_EQ(m->boot.entry, 0);
    CHECK(!m->boot.linux_image);
    CHECK(memcmp(ram_at(m, 0, sizeof fw), fw, sizeof fw) == 0);
    m->fdt = mk_fdt(4096);
    loader_place_dtb(m);
    CHECK_EQ(m->boot.dtb_addr, RAM);
    check_dtb_placed(m);
    free_machine(m);
    g_free(elf);
    g_free(path);
    g_free(fwpath);
}

TEST(dtb_moves_past_an_elf_that_starts_at_ram_base)
{
    Machine *m = mk_machine(64 * MiB);
    ElfSeg segs[] = { { PT_LOAD, PF_R | PF_X, RAM, RAM, 64, 0x10000, 3 } };
    size_t len;
    uint8_t *elf = mk_elf(EM_AARCH64, RAM, segs, 1, &len);
    char *path = write_file("low.elf", elf, len);

    loader_load_kernel(m, path);
    m->fdt = mk_fdt(4096);
    loader_place_dtb(m);
    CHECK(m->boot.dtb_addr != RAM);
    check_dtb_placed(m);
    CHECK(seg_landed(m, &segs[0]));   /* the DTB did not overwrite the image */
    free_machine(m);
    g_free(elf);
    g_free(path);
}

/* What a child still holds when fatal() exits: reachable from a global, so
 * LeakSanitizer does not report it. */
typedef struct PlaceCase {
    uint64_t ram, image_size;
    size_t initrd_len, fdt_size, bios_len;
} PlaceCase;

static void place_fn(void *arg)
{
    PlaceCase *pc = arg;
    Machine *m = keep_m = mk_machine(pc->ram);
    char *k = load_small_image(m, pc->image_size);

    g_free(k);

    if (pc->initrd_len) {
        uint8_t *d = g_malloc0(pc->initrd_len);
        char *ip = write_file("initrd", d, pc->initrd_len);

        g_free(d);
        keep = ip;
        loader_load_initrd(m, ip);
    }
    if (pc->fdt_size) {
        m->fdt = mk_fdt(pc->fdt_size);
        loader_place_dtb(m);
    }
}

static void bios_fn(void *arg)
{
    PlaceCase *pc = arg;
    Machine *m = keep_m = mk_machine(pc->ram);
    char *path = g_build_filename(test_tmpdir(), "big.fd", NULL);
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

    /* sparse: costs nothing on disk */
    if (fd < 0 || ftruncate(fd, (off_t)pc->bios_len) < 0) {
        _exit(9);
    }
    close(fd);
    keep = path;
    loader_load_bios(m, path);
}

TEST(placement_failures_are_one_line_fatal_errors)
{
    /* initrd larger than what is left after RAM + 32 MiB of a 64 MiB board */
    PlaceCase big_initrd = { 64 * MiB, 0x200000, 33 * MiB, 0, 0 };
    /* kernel up to the last page: no room for an initrd */
    PlaceCase full = { 64 * MiB, 62 * MiB, 1, 0, 0 };
    /* initrd ends near RAM's end: the DTB's 2 MiB-aligned slot is past it */
    PlaceCase no_dtb = { 64 * MiB, 0x200000, 31 * MiB, 4096, 0 };
    PlaceCase bios = { 64 * MiB, 0, 0, 0, 64 * MiB + 1 };

    EXPECT_FATAL(place_fn, &big_initrd, "does not fit");
    EXPECT_FATAL(place_fn, &full, "no room for the initrd");
    EXPECT_FATAL(place_fn, &no_dtb, "no room for the device tree");
    EXPECT_FATAL(bios_fn, &bios, "flash");
}

static void corrupt_fdt_fn(void *arg)
{
    Machine *m = keep_m = mk_machine(64 * MiB);
    char *k = load_small_image(m, 0x200000);

    g_free(k);
    m->fdt = mk_fdt(4096);
    memset(m->fdt, 0, 8);   /* magic and size gone */
    loader_place_dtb(m);
}

TEST(malformed_fdt_is_refused)
{
    EXPECT_FATAL(corrupt_fdt_fn, NULL, "device tree");
}

/* ---- Real images, run by tests/scripts/loader.sh ----
 * Registered only when the script hands over the files, so a plain unit-test
 * run does not report a vacuous pass. */

static void real_kernel_test(void)
{
    const char *path = getenv("ARMLET_TEST_KERNEL");
    Machine *m = mk_machine(512 * MiB);
    LoaderFile f;
    uint8_t *unpacked = NULL;
    const uint8_t *img;
    size_t len;
    Arm64ImageHeader h;
    const char *err = NULL;

    loader_file_open(&f, path, 512 * MiB);
    img = f.data;
    len = f.len;
    if (loader_is_gzip(img, len)) {
        unpacked = loader_gunzip(path, img, len, 512 * MiB, &len);
        img = unpacked;
    }
    CHECK(arm64_image_parse(img, len, &h, &err));
    CHECK(memcmp(img + 0x38, "ARM\x64", 4) == 0);
    /* Linux >= 5.8 has text_offset 0; 6.1 reports its size and 4 KiB pages. */
    CHECK_EQ(h.text_offset, 0);
    CHECK(h.image_size >= len);
    CHECK_EQ(h.flags & ARM64_IMAGE_FLAG_BE, 0);
    CHECK_EQ((h.flags >> 1) & 3, 1);

    loader_load_kernel(m, path);
    CHECK(m->boot.linux_image);
    CHECK_EQ(m->boot.entry, RAM + 2 * MiB);
    CHECK_EQ(m->boot.kernel_end, RAM + 2 * MiB + h.image_size);
    CHECK(memcmp(ram_at(m, RAM + 2 * MiB, len), img, len) == 0);

    m->fdt = mk_fdt(8192);
    loader_place_dtb(m);
    CHECK_EQ(m->boot.dtb_addr, align_up(RAM + 128 * MiB, 2 * MiB));
    check_dtb_placed(m);
    g_free(unpacked);
    loader_file_close(&f);
    free_machine(m);
}

/* The tiny guest in tests/guest-images/loader-test.S, linked at RAM base +
 * 0x80000, and the same code as a raw binary: the ELF's entry and the raw
 * binary's default address coincide, so the two must leave the same bytes. */
static void real_elf_raw_test(void)
{
    const char *elf = getenv("ARMLET_TEST_ELF"), *raw = getenv("ARMLET_TEST_RAW");
    uint64_t bss = g_ascii_strtoull(getenv("ARMLET_TEST_BSS_START"), NULL, 16);
    uint64_t bss_end = g_ascii_strtoull(getenv("ARMLET_TEST_BSS_END"), NULL, 16);
    Machine *me = mk_machine(64 * MiB), *mr = mk_machine(64 * MiB);
    LoaderFile f;

    CHECK(bss > RAM + 0x80000 && bss_end > bss);
    fill_ram(me, RAM, 2 * MiB, 0xee);
    loader_load_kernel(me, elf);
    loader_load_kernel(mr, raw);
    CHECK_EQ(me->boot.entry, RAM + 0x80000);
    CHECK_EQ(mr->boot.entry, RAM + 0x80000);
    CHECK(!me->boot.linux_image);
    loader_file_open(&f, raw, 64 * MiB);
    CHECK(f.len > 16);
    CHECK(memcmp(ram_at(me, RAM + 0x80000, f.len), f.data, f.len) == 0);
    CHECK(memcmp(ram_at(mr, RAM + 0x80000, f.len), f.data, f.len) == 0);
    CHECK(all_bytes(ram_at(me, bss, bss_end - bss), bss_end - bss, 0));
    CHECK_EQ(me->boot.kernel_end, bss_end);
    loader_file_close(&f);
    free_machine(me);
    free_machine(mr);
}

__attribute__((constructor)) static void register_real_image_tests(void)
{
    if (getenv("ARMLET_TEST_KERNEL")) {
        test_register(__FILE__, "real_kernel", real_kernel_test);
    }
    if (getenv("ARMLET_TEST_ELF") && getenv("ARMLET_TEST_RAW") &&
        getenv("ARMLET_TEST_BSS_START") && getenv("ARMLET_TEST_BSS_END")) {
        test_register(__FILE__, "real_elf_and_raw", real_elf_raw_test);
    }
}
