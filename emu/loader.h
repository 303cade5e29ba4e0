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
 * static message. Exposed for tests. */
bool arm64_image_parse(const uint8_t *buf, size_t len, Arm64ImageHeader *hdr, const char **err);

/* Load -kernel: detect gzip / arm64 Image / ELF / raw and place it in RAM. */
void loader_load_kernel(Machine *m, const char *path);
/* Load -initrd after the kernel; records the range in m->boot. */
void loader_load_initrd(Machine *m, const char *path);
/* Load -bios into flash at 0; the boot CPU starts there. */
void loader_load_bios(Machine *m, const char *path);
/* Copy m->fdt into RAM where the boot protocol wants it; sets m->boot.dtb_addr. */
void loader_place_dtb(Machine *m);

#endif
