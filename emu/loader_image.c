/* arm64 Linux Image, raw binaries and the compressed wrappers around them
 * (gzip, Linux EFI zboot). Placement follows the arm64 boot protocol
 * (Documentation/arch/arm64/booting.rst, "4. Call the kernel image") and,
 * where the protocol leaves a choice, what QEMU's hw/arm/boot.c chooses, so
 * that a kernel sits at the same address as under qemu-system-aarch64 -M virt.
 * docs/loaders.md has the rules and their sources. */
#include "emu/loader.h"

#include <inttypes.h>
#include <string.h>
#include <gio/gio.h>
#include <glib.h>

#include "emu/error.h"

/* booting.rst "4. Call the kernel image": the 64-byte header. */
#define IMG_TEXT_OFFSET  0x08
#define IMG_IMAGE_SIZE   0x10
#define IMG_FLAGS        0x18
/* "Where image_size is zero, text_offset can be assumed to be 0x80000." */
#define IMG_OLD_TEXT_OFFSET 0x80000ull

static uint64_t get_le64(const uint8_t *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

bool arm64_image_parse(const uint8_t *buf, size_t len, Arm64ImageHeader *hdr, const char **err)
{
    if (len < ARM64_IMAGE_HEADER_SIZE) {
        *err = "truncated arm64 Image header (shorter than 64 bytes)";
        return false;
    }
    if (memcmp(buf + ARM64_IMAGE_MAGIC_OFFSET, "ARM\x64", 4) != 0) {
        *err = "no arm64 Image magic \"ARM\\x64\" at offset 0x38";
        return false;
    }
    hdr->text_offset = get_le64(buf + IMG_TEXT_OFFSET);
    hdr->image_size = get_le64(buf + IMG_IMAGE_SIZE);
    hdr->flags = get_le64(buf + IMG_FLAGS);
    if (hdr->image_size == 0) {
        /* Before v3.17 the field was unset and text_offset's endianness was
         * the kernel's; booting.rst says to assume 0x80000 then. */
        hdr->text_offset = IMG_OLD_TEXT_OFFSET;
    }
    if (hdr->flags & ARM64_IMAGE_FLAG_BE) {
        *err = "big-endian arm64 Image (flags bit 0); armlet runs little-endian kernels only";
        return false;
    }
    return true;
}

/* ---- gzip (RFC 1952) through GIO's zlib converter ---- */

bool loader_is_gzip(const uint8_t *buf, size_t len)
{
    return len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b;
}

/* zlib counts in 32 bits; hand it at most this much per call. */
#define GUNZIP_CHUNK (1u << 30)

uint8_t *loader_gunzip(const char *path, const uint8_t *buf, size_t len,
                       uint64_t max_out, size_t *out_len)
{
    GConverter *conv = G_CONVERTER(g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP));
    /* One byte more than allowed, so "exactly max_out" and "more" differ. */
    uint64_t limit = max_out + 1;
    size_t cap = (size_t)MIN(limit, MAX((uint64_t)len * 4, (uint64_t)1 << 20));
    uint8_t *out = g_malloc(cap);
    size_t in_pos = 0, pos = 0;

    for (;;) {
        size_t in_n = MIN(len - in_pos, (size_t)GUNZIP_CHUNK);
        GConverterFlags flags = in_pos + in_n == len ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
        gsize nread = 0, nwritten = 0;
        GError *gerr = NULL;
        GConverterResult res;

        if (pos == cap) {
            if (cap >= limit) {
                break;
            }
            cap = (size_t)MIN((uint64_t)cap * 2, limit);
            out = g_realloc(out, cap);
        }
        res = g_converter_convert(conv, buf + in_pos, in_n, out + pos,
                                  MIN(cap - pos, (size_t)GUNZIP_CHUNK), flags,
                                  &nread, &nwritten, &gerr);
        if (res == G_CONVERTER_ERROR) {
            bool partial = g_error_matches(gerr, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
            char *why = g_strdup(gerr ? gerr->message : "unknown error");

            /* Free first: a leak report at exit would change the exit status
             * under the sanitizers. */
            g_clear_error(&gerr);
            g_object_unref(conv);
            g_free(out);
            fatal("%s: %s gzip data: %s", path, partial ? "truncated" : "corrupt", why);
        }
        in_pos += nread;
        pos += nwritten;
        if (res == G_CONVERTER_FINISHED) {
            break;
        }
    }
    g_object_unref(conv);
    if (pos > max_out) {
        g_free(out);
        fatal("%s: gzip data expands beyond %" PRIu64 " MiB, more than fits in RAM",
              path, max_out >> 20);
    }
    /* Data after the first gzip member is ignored, as QEMU ignores it. */
    *out_len = pos;
    return out;
}

/* ---- Linux EFI zboot: a PE/COFF stub carrying a compressed Image ----
 * Header layout (facts from Linux drivers/firmware/efi/libstub/zboot-header.S):
 * 0 "MZ", 4 "zimg", 8 payload offset (le32), 12 payload size (le32),
 * 24 compression type (NUL-padded, 32 bytes), 56 Linux PE magic cd 23 82 81. */
#define ZBOOT_PAYLOAD_OFF  8
#define ZBOOT_PAYLOAD_SIZE 12
#define ZBOOT_COMP_TYPE    24
#define ZBOOT_LINUX_MAGIC  56
#define ZBOOT_HEADER_SIZE  64

bool loader_is_zboot(const uint8_t *buf, size_t len)
{
    return len >= ZBOOT_HEADER_SIZE && buf[0] == 'M' && buf[1] == 'Z' &&
           memcmp(buf + 4, "zimg", 4) == 0 &&
           memcmp(buf + ZBOOT_LINUX_MAGIC, "\xcd\x23\x82\x81", 4) == 0;
}

uint8_t *loader_unpack_zboot(const char *path, const uint8_t *buf, size_t len,
                             uint64_t max_out, size_t *out_len)
{
    uint64_t off = get_le32(buf + ZBOOT_PAYLOAD_OFF);
    uint64_t size = get_le32(buf + ZBOOT_PAYLOAD_SIZE);
    char comp[33];

    memcpy(comp, buf + ZBOOT_COMP_TYPE, 32);
    comp[32] = '\0';
    for (char *c = comp; *c; c++) {
        if (!g_ascii_isprint(*c)) {
            *c = '?';
        }
    }
    if (strcmp(comp, "gzip") != 0) {
        fatal("%s: EFI zboot kernel compressed with \"%s\"; armlet unpacks gzip only "
              "(use the plain Image or Image.gz)", path, comp);
    }
    if (off > len || size > len - off) {
        fatal("%s: truncated EFI zboot image (payload runs past the end of the file)", path);
    }
    return loader_gunzip(path, buf + off, size, max_out, out_len);
}

/* ---- Image and raw placement ---- */

void loader_load_image(Machine *m, const char *path, const uint8_t *buf, size_t len)
{
    bool is_image = len >= ARM64_IMAGE_MAGIC_OFFSET + 4 &&
                    memcmp(buf + ARM64_IMAGE_MAGIC_OFFSET, "ARM\x64", 4) == 0;
    uint64_t offset = LOADER_RAW_OFFSET, need = len, entry;
    uint8_t *dst;

    if (is_image) {
        Arm64ImageHeader hdr;
        const char *err;

        if (!arm64_image_parse(buf, len, &hdr, &err)) {
            fatal("%s: %s", path, err);
        }
        offset = hdr.text_offset;
        if (hdr.image_size != 0) {
            /* "At least image_size bytes from the start of the image must be
             * free for use by the kernel" (it covers the BSS). */
            need = MAX(hdr.image_size, (uint64_t)len);
            /* Any 2 MiB-aligned base will do; QEMU takes the next one up when
             * text_offset would put the kernel over its boot stub. */
            if (offset < LOADER_STUB_SIZE) {
                offset += ARM64_IMAGE_ALIGN;
            }
        }
    }
    if (offset >= m->ram_size || need > m->ram_size - offset) {
        fatal("%s: the kernel needs %" PRIu64 " MiB at RAM offset 0x%" PRIx64
              " but RAM is %" PRIu64 " MiB (raise -m)",
              path, (need + (1 << 20) - 1) >> 20, offset, m->ram_size >> 20);
    }
    entry = m->ram_base + offset;
    dst = as_ram_ptr(m->as, entry, need);
    if (!dst) {
        fatal("internal: no RAM region covers 0x%" PRIx64 "+0x%" PRIx64 " for %s",
              entry, need, path);
    }
    memcpy(dst, buf, len);
    memset(dst + len, 0, need - len);   /* the BSS starts out zero even after a reload */

    m->boot.entry = entry;
    m->boot.kernel_base = entry;
    m->boot.kernel_end = entry + need;
    /* QEMU boots raw binaries exactly like Image files (is_linux): x0 = DTB. */
    m->boot.linux_image = true;
}
