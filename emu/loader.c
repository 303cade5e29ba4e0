/* Loader dispatch (-kernel format detection), -initrd, -bios and DTB
 * placement. The addresses are those QEMU's hw/arm/boot.c picks for the virt
 * board where the arm64 boot protocol (Documentation/arch/arm64/booting.rst)
 * leaves a choice; docs/loaders.md lists each rule with its source. */
#include "emu/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <libfdt.h>

#include "emu/error.h"

/* ---- Reading image files ---- */

void loader_file_open(LoaderFile *f, const char *path, uint64_t max_read)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t cap = 0;

    memset(f, 0, sizeof *f);
    if (fd < 0) {
        fatal("%s: cannot open: %s", path, strerror(errno));
    }
    if (fstat(fd, &st) < 0) {
        fatal("%s: cannot stat: %s", path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        fatal("%s: is a directory, not an image file", path);
    }
    if (S_ISREG(st.st_mode)) {
        if ((uint64_t)st.st_size > SIZE_MAX) {
            fatal("%s: file too large", path);
        }
        f->len = (size_t)st.st_size;
        if (f->len > 0) {
            void *p = mmap(NULL, f->len, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p == MAP_FAILED) {
                fatal("%s: cannot map: %s", path, strerror(errno));
            }
            f->data = p;
            f->mapped = true;
        }
        close(fd);
        return;
    }
    /* A pipe or device: read until EOF, refusing more than max_read bytes. */
    for (;;) {
        ssize_t n;

        if (f->len == cap) {
            if (cap > max_read) {
                fatal("%s: larger than %" PRIu64 " MiB, more than fits", path, max_read >> 20);
            }
            cap = cap ? cap * 2 : 1 << 16;
            f->data = g_realloc(f->data, cap);
        }
        n = read(fd, f->data + f->len, cap - f->len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fatal("%s: cannot read: %s", path, strerror(errno));
        }
        if (n == 0) {
            break;
        }
        f->len += (size_t)n;
    }
    close(fd);
    if (f->len > max_read) {
        fatal("%s: larger than %" PRIu64 " MiB, more than fits", path, max_read >> 20);
    }
}

void loader_file_close(LoaderFile *f)
{
    if (f->mapped) {
        munmap(f->data, f->len);
    } else {
        g_free(f->data);
    }
    memset(f, 0, sizeof *f);
}

/* ---- -kernel ---- */

void loader_load_kernel(Machine *m, const char *path)
{
    LoaderFile f;
    uint8_t *unpacked = NULL;
    const uint8_t *buf;
    size_t len;

    loader_file_open(&f, path, m->ram_size + VIRT_FLASH_SIZE);
    buf = f.data;
    len = f.len;
    if (len == 0) {
        fatal("%s: the kernel image is empty", path);
    }
    /* booting.rst "3. Decompress the kernel image": the boot loader's job. */
    if (loader_is_gzip(buf, len)) {
        unpacked = loader_gunzip(path, buf, len, m->ram_size, &len);
    } else if (loader_is_zboot(buf, len)) {
        unpacked = loader_unpack_zboot(path, buf, len, m->ram_size, &len);
    }
    if (unpacked) {
        buf = unpacked;
        if (len == 0) {
            fatal("%s: the kernel image is empty once decompressed", path);
        }
    }
    if (loader_is_elf(buf, len)) {
        loader_load_elf(m, path, buf, len);
    } else {
        loader_load_image(m, path, buf, len);
    }
    g_free(unpacked);
    loader_file_close(&f);
}

/* ---- -initrd ---- */

/* QEMU: RAM base + min(RAM/2, 128 MiB), far enough in that the kernel's early
 * allocations miss it and low enough to stay in the kernel's reach on small
 * and large boards alike; never below the end of a kernel loaded into RAM;
 * page aligned. */
static uint64_t initrd_start(const Machine *m)
{
    uint64_t start = m->ram_base + MIN(m->ram_size / 2, LOADER_INITRD_MAX_OFFSET);

    if (m->boot.kernel_end > start) {
        start = m->boot.kernel_end;
    }
    return (start + LOADER_PAGE_SIZE - 1) & ~(LOADER_PAGE_SIZE - 1);
}

void loader_load_initrd(Machine *m, const char *path)
{
    uint64_t start = initrd_start(m);
    uint64_t ram_end = virt_image_ram_end(m);
    LoaderFile f;

    if (start >= ram_end) {
        fatal("%s: no room for the initrd: the kernel fills RAM up to 0x%" PRIx64 " (raise -m)",
              path, ram_end);
    }
    loader_file_open(&f, path, ram_end - start);
    if (f.len > ram_end - start) {
        fatal("%s: the initrd (%zu MiB) does not fit in RAM after 0x%" PRIx64
              " (%" PRIu64 " MiB left; raise -m)",
              path, f.len >> 20, start, (ram_end - start) >> 20);
    }
    if (f.len && !as_load(m->as, start, f.data, f.len)) {
        fatal("internal: no RAM region covers the initrd at 0x%" PRIx64, start);
    }
    /* The kernel decompresses the initramfs itself, so it is copied as is. */
    m->boot.initrd_base = start;
    m->boot.initrd_size = f.len;
    loader_file_close(&f);
}

/* ---- -bios ---- */

void loader_load_bios(Machine *m, const char *path)
{
    LoaderFile f;

    loader_file_open(&f, path, LOADER_BIOS_MAX_SIZE);
    if (f.len == 0) {
        fatal("%s: the firmware image is empty", path);
    }
    if (f.len > LOADER_BIOS_MAX_SIZE) {
        fatal("%s: the firmware (%zu bytes) is larger than the %" PRIu64 " MiB flash bank",
              path, f.len, (uint64_t)LOADER_BIOS_MAX_SIZE >> 20);
    }
    if (!as_load(m->as, VIRT_FLASH_BASE, f.data, f.len)) {
        fatal("internal: no flash at 0x%" PRIx64 " to load %s into", (uint64_t)VIRT_FLASH_BASE, path);
    }
    /* Like hardware, the boot CPU starts at the bottom of flash. */
    m->boot.entry = VIRT_FLASH_BASE;
    m->boot.kernel_base = VIRT_FLASH_BASE;
    m->boot.kernel_end = VIRT_FLASH_BASE + f.len;
    m->boot.linux_image = false;
    loader_file_close(&f);
}

/* ---- The device tree ---- */

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

static bool dtb_clashes(const Machine *m, uint64_t addr, uint64_t size)
{
    const BootInfo *b = &m->boot;

    return overlaps(addr, size, b->kernel_base, b->kernel_end - b->kernel_base) ||
           overlaps(addr, size, b->initrd_base, b->initrd_size);
}

/* Linux (Image or raw): after the initrd, or where one would go, 2 MiB
 * aligned since early arm64 kernels map the DTB's 2 MiB block (QEMU aligns
 * it so too). */
static uint64_t dtb_addr_linux(const Machine *m)
{
    uint64_t after = m->boot.initrd_size ? m->boot.initrd_base + m->boot.initrd_size
                                         : initrd_start(m);

    return (after + LOADER_DTB_ALIGN - 1) & ~(LOADER_DTB_ALIGN - 1);
}

void loader_place_dtb(Machine *m)
{
    uint64_t ram_end = virt_image_ram_end(m);
    uint64_t size, addr;

    m->boot.dtb_addr = 0;
    if (!m->fdt) {
        return;
    }
    if (fdt_check_header(m->fdt) != 0) {
        fatal("the device tree blob is malformed (bad FDT header)");
    }
    size = fdt_totalsize(m->fdt);
    if (m->boot.linux_image) {
        addr = dtb_addr_linux(m);
        if (size > LOADER_DTB_MAX_SIZE) {
            warn("the device tree is %" PRIu64 " KiB; arm64 Linux accepts at most 2 MiB",
                 size >> 10);
        }
    } else {
        /* ELF, firmware or no kernel: the bottom of RAM, where firmware and
         * bare-metal code for QEMU virt look for it, unless the image itself
         * is there; then after the image as for Linux. */
        addr = m->ram_base;
        if (dtb_clashes(m, addr, size)) {
            addr = dtb_addr_linux(m);
        }
    }
    if (addr >= ram_end || size > ram_end - addr) {
        fatal("no room for the device tree (%" PRIu64 " bytes) at 0x%" PRIx64
              ", after the kernel and initrd; RAM ends at 0x%" PRIx64 " (raise -m)",
              size, addr, ram_end);
    }
    if (dtb_clashes(m, addr, size)) {
        fatal("internal: the device tree at 0x%" PRIx64 " would overlap the kernel or initrd", addr);
    }
    if (!as_load(m->as, addr, m->fdt, size)) {
        fatal("internal: no RAM region covers the device tree at 0x%" PRIx64, addr);
    }
    m->boot.dtb_addr = addr;
}
