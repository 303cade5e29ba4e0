/* ELF64 AArch64 executables (bare-metal tests, firmware, vmlinux). Layout
 * facts from the System V gABI and the AArch64 ELF ABI (e_machine 183). Like
 * QEMU's ELF loader, PT_LOAD segments go to p_paddr, p_filesz bytes come from
 * the file and the rest up to p_memsz is zeroed; the image is not relocated.
 * Every segment must lie inside RAM or flash. docs/loaders.md has the rules. */
#include "emu/loader.h"

#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "emu/error.h"

/* e_machine values worth naming in "is an ELF for X, not AArch64" (gABI
 * registry); anything else is printed as a number. */
#define ELF_MACHINE_NAMES(X) \
    X(3, "i386")             \
    X(8, "MIPS")             \
    X(20, "PowerPC")         \
    X(21, "PowerPC64")       \
    X(22, "s390")            \
    X(40, "32-bit Arm")      \
    X(43, "SPARC64")         \
    X(62, "x86-64")          \
    X(183, "AArch64")        \
    X(243, "RISC-V")         \
    X(258, "LoongArch")

static const char *elf_machine_name(unsigned machine, char *buf, size_t len)
{
#define ELF_MACHINE_CASE(num, name) if (machine == (num)) { return name; }
    ELF_MACHINE_NAMES(ELF_MACHINE_CASE)
#undef ELF_MACHINE_CASE
    snprintf(buf, len, "machine %u", machine);
    return buf;
}

bool loader_is_elf(const uint8_t *buf, size_t len)
{
    return len >= SELFMAG && memcmp(buf, ELFMAG, SELFMAG) == 0;
}

/* Reject anything that is not a little-endian ELF64 AArch64 executable, with
 * the reason. The identification bytes and e_machine sit at the same offsets
 * in ELF32 and ELF64, so a wrong-architecture file is named as such whatever
 * its class. */
static void elf_check_header(const char *path, const uint8_t *buf, size_t len, Elf64_Ehdr *eh)
{
    char num[32];
    unsigned machine;

    if (len < EI_NIDENT + 4) {
        fatal("%s: truncated ELF header", path);
    }
    machine = buf[EI_DATA] == ELFDATA2MSB ? (unsigned)buf[18] << 8 | buf[19]
                                          : (unsigned)buf[19] << 8 | buf[18];
    if (machine != EM_AARCH64) {
        fatal("%s: is an ELF for %s, not AArch64", path,
              elf_machine_name(machine, num, sizeof num));
    }
    if (buf[EI_CLASS] != ELFCLASS64) {
        fatal("%s: is a 32-bit (ELFCLASS32) ELF; AArch64 images are ELF64", path);
    }
    if (buf[EI_DATA] != ELFDATA2LSB) {
        fatal("%s: is a big-endian ELF; armlet loads little-endian AArch64 only", path);
    }
    if (len < sizeof *eh) {
        fatal("%s: truncated ELF header", path);
    }
    memcpy(eh, buf, sizeof *eh);   /* the host is little-endian x86-64 */
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        fatal("%s: is an ELF of type %u (%s), not an executable", path, eh->e_type,
              eh->e_type == ET_REL ? "a relocatable object" :
              eh->e_type == ET_CORE ? "a core dump" : "unknown");
    }
    if (eh->e_phnum == 0) {
        fatal("%s: ELF has no program headers", path);
    }
    if (eh->e_phentsize < sizeof(Elf64_Phdr)) {
        fatal("%s: ELF program header entries are %u bytes, less than %zu",
              path, eh->e_phentsize, sizeof(Elf64_Phdr));
    }
    if (eh->e_phoff > len ||
        (uint64_t)eh->e_phnum * eh->e_phentsize > len - eh->e_phoff) {
        fatal("%s: truncated ELF (program headers run past the end of the file)", path);
    }
}

static void elf_phdr(const uint8_t *buf, const Elf64_Ehdr *eh, unsigned i, Elf64_Phdr *ph)
{
    memcpy(ph, buf + eh->e_phoff + (uint64_t)i * eh->e_phentsize, sizeof *ph);
}

void loader_load_elf(Machine *m, const char *path, const uint8_t *buf, size_t len)
{
    Elf64_Ehdr eh;
    Elf64_Phdr ph;
    uint64_t low = UINT64_MAX, high = 0, entry;
    unsigned nload = 0;

    elf_check_header(path, buf, len, &eh);
    entry = eh.e_entry;

    /* Check every segment before copying any. */
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        elf_phdr(buf, &eh, i, &ph);
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
            continue;
        }
        if (ph.p_filesz > ph.p_memsz) {
            fatal("%s: ELF segment %u has a file size larger than its memory size", path, i);
        }
        if (ph.p_offset > len || ph.p_filesz > len - ph.p_offset) {
            fatal("%s: truncated ELF (segment %u runs past the end of the file)", path, i);
        }
        if (!as_ram_ptr(m->as, ph.p_paddr, ph.p_memsz)) {
            fatal("%s: ELF segment %u at 0x%" PRIx64 "+0x%" PRIx64
                  " is outside RAM (0x%" PRIx64 "+%" PRIu64 " MiB) and flash",
                  path, i, (uint64_t)ph.p_paddr, (uint64_t)ph.p_memsz,
                  m->ram_base, m->ram_size >> 20);
        }
        nload++;
    }
    if (nload == 0) {
        fatal("%s: ELF has no loadable (PT_LOAD) segments", path);
    }

    for (unsigned i = 0; i < eh.e_phnum; i++) {
        uint8_t *dst;

        elf_phdr(buf, &eh, i, &ph);
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
            continue;
        }
        dst = as_ram_ptr(m->as, ph.p_paddr, ph.p_memsz);
        memcpy(dst, buf + ph.p_offset, ph.p_filesz);
        memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
        low = MIN(low, (uint64_t)ph.p_paddr);
        high = MAX(high, (uint64_t)(ph.p_paddr + ph.p_memsz));
        /* e_entry is virtual. When a code segment is linked to run at a
         * different address than it is loaded at, translate the entry the
         * same way (QEMU does this too), since the MMU is off at reset. */
        if (ph.p_vaddr != ph.p_paddr && (ph.p_flags & PF_X) &&
            eh.e_entry >= ph.p_vaddr && eh.e_entry - ph.p_vaddr < ph.p_filesz) {
            entry = eh.e_entry - ph.p_vaddr + ph.p_paddr;
        }
    }

    m->boot.entry = entry;
    m->boot.kernel_base = low;
    m->boot.kernel_end = high;
    m->boot.linux_image = false;
}
