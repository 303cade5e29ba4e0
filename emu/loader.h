/* Guest image loaders: arm64 Linux Image (plain or gzip), ELF64 AArch64, raw
 * binary, initrd, firmware into flash, and DTB placement. Each fills in the
 * machine's BootInfo. A truncated, corrupt or wrong-architecture image is
 * armlet's own error: fatal() with one line, exit 2. */
#ifndef EMU_LOADER_H
#define EMU_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu/virt.h"

/* The arm64 Image header (Documentation/arch/arm64/booting.rst). */
typedef struct Arm64ImageHeader {
    uint64_t text_offset;   /* from a 2 MiB-aligned base */
    uint64_t image_size;    /* effective size, 0 on very old kernels */
    uint64_t flags;
} Arm64ImageHeader;

/* Parse an Image header from buf; on failure return false and set *err to a
 * static message. Exposed for tests. When image_size is 0 (kernels before
 * v3.17) text_offset is reported as 0x80000, as booting.rst says to assume. */
bool arm64_image_parse(const uint8_t *buf, size_t len, Arm64ImageHeader *hdr, const char **err);

/* Load -kernel: detect gzip / arm64 Image / ELF / raw and place it in RAM. */
void loader_load_kernel(Machine *m, const char *path);
/* Load -initrd after the kernel; records the range in m->boot. */
void loader_load_initrd(Machine *m, const char *path);
/* Load -bios into flash at 0; the boot CPU starts there. */
void loader_load_bios(Machine *m, const char *path);
/* Copy m->fdt into RAM where the boot protocol wants it; sets m->boot.dtb_addr. */
void loader_place_dtb(Machine *m);

/* ---- Placement constants (docs/loaders.md gives the sources) ---- */

#define ARM64_IMAGE_HEADER_SIZE   64
#define ARM64_IMAGE_MAGIC_OFFSET  0x38            /* "ARM\x64" */
#define ARM64_IMAGE_FLAG_BE       (1ull << 0)     /* flags bit 0: big-endian kernel */
#define ARM64_IMAGE_FLAG_PHYS_ANY (1ull << 3)     /* bit 3: may sit anywhere in 48-bit PA */
#define ARM64_IMAGE_ALIGN         (2ull << 20)    /* text_offset counts from a 2 MiB base */
/* Where an Image with image_size 0, or a raw binary, goes (QEMU's KERNEL64_LOAD_ADDR). */
#define LOADER_RAW_OFFSET         0x80000ull
/* The bottom of RAM is kept for firmware/'s boot stubs, as QEMU keeps it for
 * its boot loader: an Image asking for a text_offset below this is moved up
 * one 2 MiB step. */
#define LOADER_STUB_SIZE          0x1000ull
/* The initrd goes at RAM base + min(RAM/2, 128 MiB), or after the kernel. */
#define LOADER_INITRD_MAX_OFFSET  (128ull << 20)
#define LOADER_PAGE_SIZE          0x1000ull
/* The DTB after the initrd is 2 MiB aligned: the kernel maps it with a 2 MiB block. */
#define LOADER_DTB_ALIGN          (2ull << 20)
#define LOADER_DTB_MAX_SIZE       (2ull << 20)    /* booting.rst: "must not exceed 2 megabytes" */
/* -bios goes into the first of the two flash banks. */
#define LOADER_BIOS_MAX_SIZE      (VIRT_FLASH_SIZE / 2)

/* ---- Shared by emu/loader*.c; exposed for tests ---- */

/* A whole image file in memory: mapped when it is a regular file (an ELF with
 * debug info may be larger than RAM; only its segments are copied), read
 * otherwise. */
typedef struct LoaderFile {
    uint8_t *data;
    size_t len;
    bool mapped;
} LoaderFile;

/* Open and map/read path; fatal() if it cannot be read. Non-regular files
 * (pipes) larger than max_read are refused. */
void loader_file_open(LoaderFile *f, const char *path, uint64_t max_read);
void loader_file_close(LoaderFile *f);

/* gzip: magic 1f 8b (RFC 1952). */
bool loader_is_gzip(const uint8_t *buf, size_t len);
/* Decompress one gzip member; fatal() naming path when it is corrupt,
 * truncated or would exceed max_out bytes (a decompression bomb). Returns a
 * g_malloc'ed buffer. */
uint8_t *loader_gunzip(const char *path, const uint8_t *buf, size_t len,
                       uint64_t max_out, size_t *out_len);
/* Linux EFI zboot ("MZ" .. "zimg"): the compressed Image inside a PE stub. */
bool loader_is_zboot(const uint8_t *buf, size_t len);
uint8_t *loader_unpack_zboot(const char *path, const uint8_t *buf, size_t len,
                             uint64_t max_out, size_t *out_len);

/* ELF: magic 7f 'E' 'L' 'F'. */
bool loader_is_elf(const uint8_t *buf, size_t len);
/* Load an ELF64 AArch64 executable's PT_LOAD segments at p_paddr; fills m->boot. */
void loader_load_elf(Machine *m, const char *path, const uint8_t *buf, size_t len);
/* Load an arm64 Image (when the magic is there) or a raw binary; fills m->boot. */
void loader_load_image(Machine *m, const char *path, const uint8_t *buf, size_t len);

#endif
