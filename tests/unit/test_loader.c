/* Guest image loaders: Image header parsing, where Image, raw, gzip, zboot
 * and ELF kernels land, and the one-line fatal errors for bad kernels.
 * Expected addresses are computed here from the rules in docs/loaders.md
 * (booting.rst and QEMU's choices), not taken from the implementation. */
#include "tests/unit/loader-fixture.h"

/* ---- arm64_image_parse ---- */

TEST(image_parse_good_header)
{
    uint8_t *img = mk_image(4096, 0x80000, 0x1ab0000, 0xa);
    Arm64ImageHeader h;
    const char *err = NULL;

    CHECK(arm64_image_parse(img, 4096, &h, &err));
    CHECK_EQ(h.text_offset, 0x80000);
    CHECK_EQ(h.image_size, 0x1ab0000);
    CHECK_EQ(h.flags, 0xa);
    /* exactly the 64-byte header is enough */
    CHECK(arm64_image_parse(img, 64, &h, &err));
    g_free(img);
}

TEST(image_parse_rejects_bad_magic)
{
    uint8_t *img = mk_image(4096, 0, 0x10000, 0);
    Arm64ImageHeader h;
    const char *err = NULL;

    img[0x3b] = 0x65;   /* "ARMe" */
    CHECK(!arm64_image_parse(img, 4096, &h, &err));
    CHECK(err && strstr(err, "magic"));
    g_free(img);
}

TEST(image_parse_rejects_truncated_header)
{
    uint8_t *img = mk_image(64, 0, 0x10000, 0);
    Arm64ImageHeader h;
    const char *err = NULL;

    CHECK(!arm64_image_parse(img, 63, &h, &err));
    CHECK(err && strstr(err, "truncated"));
    CHECK(!arm64_image_parse(img, 0, &h, &err));
    g_free(img);
}

TEST(image_parse_rejects_big_endian)
{
    uint8_t *img = mk_image(4096, 0, 0x10000, ARM64_IMAGE_FLAG_BE | 2);
    Arm64ImageHeader h;
    const char *err = NULL;

    CHECK(!arm64_image_parse(img, 4096, &h, &err));
    CHECK(err && strstr(err, "big-endian"));
    g_free(img);
}

TEST(image_parse_zero_image_size_means_old_text_offset)
{
    /* booting.rst: where image_size is zero, text_offset can be assumed to
     * be 0x80000, whatever the (then unspecified-endian) field holds. */
    uint8_t *img = mk_image(4096, 0x8000000000000ull, 0, 0);
    Arm64ImageHeader h;
    const char *err = NULL;

    CHECK(arm64_image_parse(img, 4096, &h, &err));
    CHECK_EQ(h.image_size, 0);
    CHECK_EQ(h.text_offset, 0x80000);
    g_free(img);
}

/* ---- Image / raw / gzip / zboot placement ---- */

TEST(image_loads_at_text_offset_with_bss_cleared)
{
    Machine *m = mk_machine(256 * MiB);
    size_t len = 3 * 4096 + 100;
    uint8_t *img = mk_image(len, 0x80000, 0x300000, 0xa);
    char *path = write_file("Image", img, len);
    /* text_offset 0x80000 is past QEMU's 4 KiB stub page: RAM base + 0x80000. */
    uint64_t want = RAM + 0x80000;

    fill_ram(m, want + len, 0x300000 - len, 0xaa);
    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, want);
    CHECK_EQ(m->boot.kernel_base, want);
    CHECK_EQ(m->boot.kernel_end, want + 0x300000);
    CHECK(m->boot.linux_image);
    CHECK(memcmp(ram_at(m, want, len), img, len) == 0);
    CHECK(all_bytes(ram_at(m, want + len, 0x300000 - len), 0x300000 - len, 0));
    /* nothing below the image was written */
    CHECK(all_bytes(ram_at(m, RAM, 0x80000), 0x80000, 0));
    free_machine(m);
    g_free(img);
    g_free(path);
}

TEST(image_with_text_offset_zero_moves_up_2mib)
{
    /* Modern kernels have text_offset 0; QEMU keeps RAM's first 4 KiB for
     * its boot stub and uses the next 2 MiB-aligned base instead. */
    Machine *m = mk_machine(256 * MiB);
    size_t len = 8192;
    uint8_t *img = mk_image(len, 0, 0x200000, 0xa);
    char *path = write_file("Image0", img, len);

    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, RAM + 2 * MiB);
    CHECK_EQ(m->boot.kernel_end, RAM + 2 * MiB + 0x200000);
    CHECK(memcmp(ram_at(m, RAM + 2 * MiB, len), img, len) == 0);
    free_machine(m);
    g_free(img);
    g_free(path);
}

TEST(image_with_zero_image_size_loads_at_0x80000)
{
    Machine *m = mk_machine(64 * MiB);
    size_t len = 5000;
    uint8_t *img = mk_image(len, 0, 0, 0);
    char *path = write_file("Image-old", img, len);

    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, RAM + 0x80000);
    /* no size in the header: the file is all we know of the kernel */
    CHECK_EQ(m->boot.kernel_end, RAM + 0x80000 + len);
    CHECK(memcmp(ram_at(m, RAM + 0x80000, len), img, len) == 0);
    free_machine(m);
    g_free(img);
    g_free(path);
}

TEST(raw_binary_loads_at_0x80000)
{
    Machine *m = mk_machine(64 * MiB);
    uint8_t raw[300];
    char *path;

    for (size_t i = 0; i < sizeof raw; i++) {
        raw[i] = (uint8_t)(0x55 ^ i);
    }
    path = write_file("raw.bin", raw, sizeof raw);
    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, RAM + 0x80000);
    CHECK_EQ(m->boot.kernel_base, RAM + 0x80000);
    CHECK_EQ(m->boot.kernel_end, RAM + 0x80000 + sizeof raw);
    CHECK(memcmp(ram_at(m, RAM + 0x80000, sizeof raw), raw, sizeof raw) == 0);
    free_machine(m);
    g_free(path);
}

TEST(gzip_image_is_decompressed_then_placed)
{
    Machine *m = mk_machine(64 * MiB);
    size_t len = 200000, zlen;
    uint8_t *img = mk_image(len, 0x80000, 0x100000, 0xa);
    uint8_t *z = gzip_buf(img, len, &zlen);
    char *path = write_file("Image.gz", z, zlen);

    CHECK(zlen < len);
    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, RAM + 0x80000);
    CHECK_EQ(m->boot.kernel_end, RAM + 0x80000 + 0x100000);
    CHECK(memcmp(ram_at(m, RAM + 0x80000, len), img, len) == 0);
    free_machine(m);
    g_free(img);
    g_free(z);
    g_free(path);
}

TEST(zboot_gzip_payload_is_unpacked)
{
    Machine *m = mk_machine(64 * MiB);
    size_t len = 50000, zlen, flen;
    uint8_t *img = mk_image(len, 0, 0x100000, 0xa);
    uint8_t *z = gzip_buf(img, len, &zlen);
    uint8_t *f;
    char *path;

    /* Linux EFI zboot header: MZ, "zimg", payload offset/size, "gzip" at
     * 24, Linux PE magic at 0x38. */
    flen = 4096 + zlen + 4;
    f = g_malloc0(flen);
    memcpy(f, "MZ\0\0zimg", 8);
    f[8] = 0x00; f[9] = 0x10;                 /* offset 4096 */
    f[12] = (uint8_t)zlen; f[13] = (uint8_t)(zlen >> 8); f[14] = (uint8_t)(zlen >> 16);
    memcpy(f + 24, "gzip", 4);
    memcpy(f + 0x38, "\xcd\x23\x82\x81", 4);
    memcpy(f + 4096, z, zlen);
    path = write_file("vmlinuz.efi", f, flen);
    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, RAM + 2 * MiB);
    CHECK(memcmp(ram_at(m, RAM + 2 * MiB, len), img, len) == 0);

    memcpy(f + 24, "zstd", 4);
    EXPECT_KERNEL_FATAL("zstd.efi", f, flen, 64 * MiB, "zstd");
    free_machine(m);
    g_free(img);
    g_free(z);
    g_free(f);
    g_free(path);
}

TEST(bad_kernels_are_one_line_fatal_errors)
{
    size_t len = 8192, zlen;
    uint8_t *img = mk_image(len, 0, 0x100000, 0);
    uint8_t *z = gzip_buf(img, len, &zlen);
    uint8_t *big;
    KernelCase kc = { 64 * MiB, "/nonexistent/armlet/Image" };

    EXPECT_FATAL(load_kernel_fn, &kc, "/nonexistent/armlet/Image");
    kc.path = test_tmpdir();
    EXPECT_FATAL(load_kernel_fn, &kc, "directory");
    EXPECT_KERNEL_FATAL("empty", "", 0, 64 * MiB, "empty");
    /* the magic is there but the header is cut short */
    EXPECT_KERNEL_FATAL("short", img, 0x3c, 64 * MiB, "truncated");
    img[24] |= 1;
    EXPECT_KERNEL_FATAL("be", img, len, 64 * MiB, "big-endian");
    img[24] &= ~1;
    /* image_size larger than RAM */
    put_le64(img + 16, 65 * MiB);
    EXPECT_KERNEL_FATAL("huge", img, len, 64 * MiB, "-m");
    /* fits in size but not after the 2 MiB offset */
    put_le64(img + 16, 63 * MiB);
    EXPECT_KERNEL_FATAL("huge2", img, len, 64 * MiB, "-m");
    /* gzip: flip bytes in the deflate data, cut the stream short */
    z[zlen / 2] ^= 0xff;
    z[zlen / 2 + 1] ^= 0x55;
    EXPECT_KERNEL_FATAL("corrupt.gz", z, zlen, 64 * MiB, "corrupt gzip");
    z[zlen / 2] ^= 0xff;
    z[zlen / 2 + 1] ^= 0x55;
    EXPECT_KERNEL_FATAL("short.gz", z, zlen / 2, 64 * MiB, "truncated gzip");
    /* a decompression bomb: 8 MiB of zeros for a 4 MiB RAM */
    big = g_malloc0(8 * MiB);
    g_free(z);
    z = gzip_buf(big, 8 * MiB, &zlen);
    CHECK(zlen < 64 * 1024);
    EXPECT_KERNEL_FATAL("bomb.gz", z, zlen, 4 * MiB, "expands beyond");
    g_free(big);
    g_free(img);
    g_free(z);
}

TEST(elf_segments_land_at_paddr_with_bss_zeroed)
{
    Machine *m = mk_machine(64 * MiB);
    ElfSeg segs[] = {
        { PT_LOAD, PF_R | PF_X, RAM + 0x10000, RAM + 0x10000, 64, 64, 0x10 },
        { PT_NOTE, PF_R, 0, 0, 16, 16, 0x77 },    /* not loaded anywhere */
        { PT_LOAD, PF_R | PF_W, RAM + 0x20000, RAM + 0x20000, 24, 0x3000, 0x80 },
    };
    size_t len;
    uint8_t *elf = mk_elf(EM_AARCH64, RAM + 0x10008, segs, 3, &len);
    char *path = write_file("test.elf", elf, len);

    fill_ram(m, RAM, 0x40000, 0xaa);
    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, RAM + 0x10008);
    CHECK_EQ(m->boot.kernel_base, RAM + 0x10000);
    CHECK_EQ(m->boot.kernel_end, RAM + 0x20000 + 0x3000);
    CHECK(!m->boot.linux_image);
    CHECK(seg_landed(m, &segs[0]));
    CHECK(seg_landed(m, &segs[2]));
    /* untouched around the segments */
    CHECK(all_bytes(ram_at(m, RAM + 0x10000 + 64, 0x10000 - 64), 0x10000 - 64, 0xaa));
    CHECK(all_bytes(ram_at(m, RAM + 0x23000, 0x1000), 0x1000, 0xaa));
    free_machine(m);
    g_free(elf);
    g_free(path);
}

TEST(elf_may_load_into_flash)
{
    Machine *m = mk_machine(64 * MiB);
    ElfSeg segs[] = { { PT_LOAD, PF_R | PF_X, 0x1000, 0x1000, 128, 256, 0x40 } };
    size_t len;
    uint8_t *elf = mk_elf(EM_AARCH64, 0x1000, segs, 1, &len);
    char *path = write_file("flash.elf", elf, len);

    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, 0x1000);
    CHECK(seg_landed(m, &segs[0]));
    free_machine(m);
    g_free(elf);
    g_free(path);
}

TEST(elf_entry_follows_paddr_when_linked_elsewhere)
{
    /* Linked to run at a high virtual address, loaded at p_paddr: with the
     * MMU off the CPU must start at the physical copy of e_entry. */
    Machine *m = mk_machine(64 * MiB);
    uint64_t va = 0xffff800010000000ull;
    ElfSeg segs[] = { { PT_LOAD, PF_R | PF_X, va, RAM + 0x80000, 256, 256, 1 } };
    size_t len;
    uint8_t *elf = mk_elf(EM_AARCH64, va + 0x40, segs, 1, &len);
    char *path = write_file("high.elf", elf, len);

    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, RAM + 0x80000 + 0x40);
    CHECK(seg_landed(m, &segs[0]));
    free_machine(m);
    g_free(elf);
    g_free(path);
}

TEST(gzip_wrapped_elf_is_loaded_as_elf)
{
    Machine *m = mk_machine(64 * MiB);
    ElfSeg segs[] = { { PT_LOAD, PF_R | PF_X, RAM + 0x4000, RAM + 0x4000, 100, 100, 9 } };
    size_t len, zlen;
    uint8_t *elf = mk_elf(EM_AARCH64, RAM + 0x4000, segs, 1, &len);
    uint8_t *z = gzip_buf(elf, len, &zlen);
    char *path = write_file("elf.gz", z, zlen);

    loader_load_kernel(m, path);
    CHECK_EQ(m->boot.entry, RAM + 0x4000);
    CHECK(!m->boot.linux_image);
    CHECK(seg_landed(m, &segs[0]));
    free_machine(m);
    g_free(elf);
    g_free(z);
    g_free(path);
}

TEST(bad_elves_are_one_line_fatal_errors)
{
    ElfSeg ok[] = { { PT_LOAD, PF_R | PF_X, RAM, RAM, 64, 64, 0 } };
    ElfSeg mmio[] = { { PT_LOAD, PF_R | PF_X, VIRT_UART_BASE, VIRT_UART_BASE, 64, 64, 0 } };
    ElfSeg past_ram[] = { { PT_LOAD, PF_R, RAM + 64 * MiB - 32, RAM + 64 * MiB - 32, 16, 64, 0 } };
    ElfSeg bad_sizes[] = { { PT_LOAD, PF_R, RAM, RAM, 64, 32, 0 } };
    ElfSeg note_only[] = { { PT_NOTE, PF_R, 0, 0, 8, 8, 0 } };
    size_t len;
    uint8_t *elf;

    elf = mk_elf(EM_X86_64, RAM, ok, 1, &len);
    EXPECT_KERNEL_FATAL("x86.elf", elf, len, 64 * MiB, "is an ELF for x86-64, not AArch64");
    g_free(elf);

    elf = mk_elf(EM_AARCH64, RAM, ok, 1, &len);
    EXPECT_KERNEL_FATAL("cut.elf", elf, 40, 64 * MiB, "truncated ELF header");
    EXPECT_KERNEL_FATAL("cutph.elf", elf, 64 + 20, 64 * MiB, "truncated");
    EXPECT_KERNEL_FATAL("cutseg.elf", elf, len - 1, 64 * MiB, "truncated");
    elf[EI_CLASS] = ELFCLASS32;
    EXPECT_KERNEL_FATAL("elf32", elf, len, 64 * MiB, "32-bit");
    elf[EI_CLASS] = ELFCLASS64;
    elf[EI_DATA] = ELFDATA2MSB;
    elf[18] = 0;
    elf[19] = EM_AARCH64;   /* e_machine as a big-endian file spells it */
    EXPECT_KERNEL_FATAL("be.elf", elf, len, 64 * MiB, "big-endian");
    elf[EI_DATA] = ELFDATA2LSB;
    elf[18] = EM_AARCH64;
    elf[19] = 0;
    elf[16] = ET_REL;
    EXPECT_KERNEL_FATAL("rel.o", elf, len, 64 * MiB, "relocatable");
    g_free(elf);

    elf = mk_elf(EM_AARCH64, VIRT_UART_BASE, mmio, 1, &len);
    EXPECT_KERNEL_FATAL("mmio.elf", elf, len, 64 * MiB, "outside RAM");
    g_free(elf);
    elf = mk_elf(EM_AARCH64, RAM, past_ram, 1, &len);
    EXPECT_KERNEL_FATAL("past.elf", elf, len, 64 * MiB, "outside RAM");
    g_free(elf);
    elf = mk_elf(EM_AARCH64, RAM, bad_sizes, 1, &len);
    EXPECT_KERNEL_FATAL("sizes.elf", elf, len, 64 * MiB, "file size larger");
    g_free(elf);
    elf = mk_elf(EM_AARCH64, RAM, note_only, 1, &len);
    EXPECT_KERNEL_FATAL("noload.elf", elf, len, 64 * MiB, "no loadable");
    g_free(elf);
}
