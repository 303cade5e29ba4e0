/* Shared by the loader unit tests (test_loader*.c): a Machine built by hand,
 * synthetic Image/ELF/gzip files, and expect_fatal, which runs a load in a
 * child and checks the one-line fatal() error. */
#ifndef TESTS_UNIT_LOADER_FIXTURE_H
#define TESTS_UNIT_LOADER_FIXTURE_H

#include "tests/unit/test.h"

#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib.h>
#include <libfdt.h>

#include "emu/loader.h"

#define MiB (1ull << 20)
#define RAM VIRT_RAM_BASE

/* ---- helpers ---- */

static inline Machine *mk_machine(uint64_t ram_size)
{
    Machine *m = g_new0(Machine, 1);

    m->as = as_new();
    as_add_rom(m->as, "flash", VIRT_FLASH_BASE, VIRT_FLASH_SIZE);
    as_add_ram(m->as, "ram", VIRT_RAM_BASE, ram_size);
    m->ram_base = VIRT_RAM_BASE;
    m->ram_size = ram_size;
    return m;
}

static inline void free_machine(Machine *m)
{
    as_free(m->as);
    g_free(m->fdt);
    g_free(m);
}

static inline char *write_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(test_tmpdir(), name, NULL);

    if (!g_file_set_contents(path, data, (gssize)len, NULL)) {
        test_failed(__FILE__, __LINE__, "cannot write %s", path);
    }
    return path;
}

static inline void put_le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

/* An Image of len bytes: recognisable code words, the header fields, the
 * magic, then a byte pattern so misplaced copies show. */
static inline uint8_t *mk_image(size_t len, uint64_t text_offset, uint64_t image_size, uint64_t flags)
{
    uint8_t *b = g_malloc0(len);

    for (size_t i = 64; i < len; i++) {
        b[i] = (uint8_t)(i * 7 + 3);
    }
    memcpy(b, "\x00\x00\x00\x14\x1f\x20\x03\xd5", 8);   /* b . ; nop */
    put_le64(b + 8, text_offset);
    put_le64(b + 16, image_size);
    put_le64(b + 24, flags);
    memcpy(b + 0x38, "ARM\x64", 4);
    return b;
}

static inline uint8_t *gzip_buf(const uint8_t *in, size_t len, size_t *out_len)
{
    GConverter *c = G_CONVERTER(g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
    size_t cap = len + 1024, pos = 0, in_pos = 0;
    uint8_t *out = g_malloc(cap);

    for (;;) {
        gsize r = 0, w = 0;
        GConverterResult res = g_converter_convert(c, in + in_pos, len - in_pos, out + pos,
                                                   cap - pos, G_CONVERTER_INPUT_AT_END,
                                                   &r, &w, NULL);
        CHECK(res != G_CONVERTER_ERROR);
        in_pos += r;
        pos += w;
        if (res == G_CONVERTER_FINISHED) {
            break;
        }
        cap *= 2;
        out = g_realloc(out, cap);
    }
    g_object_unref(c);
    *out_len = pos;
    return out;
}

static inline const uint8_t *ram_at(Machine *m, uint64_t pa, uint64_t len)
{
    const uint8_t *p = as_ram_ptr(m->as, pa, len);

    CHECK(p != NULL);
    return p;
}

static inline void fill_ram(Machine *m, uint64_t pa, uint64_t len, uint8_t v)
{
    uint8_t *p = as_ram_ptr(m->as, pa, len);

    CHECK(p != NULL);
    memset(p, v, len);
}

static inline bool all_bytes(const uint8_t *p, size_t len, uint8_t v)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] != v) {
            return false;
        }
    }
    return true;
}

static inline uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

static inline void *mk_fdt(size_t size)
{
    void *fdt = g_malloc0(size);

    CHECK_EQ(fdt_create_empty_tree(fdt, (int)size), 0);
    CHECK_EQ(fdt_setprop_string(fdt, 0, "model", "loader-test"), 0);
    return fdt;
}

/* Run fn(arg) in a child; it must exit through fatal(): status 2 and exactly
 * one stderr line "armlet: ..." containing want. */
typedef void (*FatalFn)(void *arg);

/* What a child still holds when fatal() exits: reachable from a global, so
 * LeakSanitizer does not report it. */
static void *volatile keep;
static Machine *volatile keep_m;

static inline void expect_fatal_at(const char *file, int line, FatalFn fn, void *arg, const char *want)
{
    int pipefd[2];
    char err[2048];
    size_t n = 0;
    ssize_t r;
    int status;
    pid_t pid;

    if (pipe(pipefd) < 0) {
        test_failed(file, line, "pipe failed");
    }
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        close(pipefd[0]);
        dup2(pipefd[1], 2);
        fn(arg);
        _exit(0);
    }
    close(pipefd[1]);
    while (n < sizeof err - 1 && (r = read(pipefd[0], err + n, sizeof err - 1 - n)) > 0) {
        n += (size_t)r;
    }
    err[n] = '\0';
    close(pipefd[0]);
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 2) {
        test_failed(file, line, "expected exit status 2, got 0x%x; stderr: %s", status, err);
    }
    if (strncmp(err, "armlet: ", 8) != 0 || n == 0 || err[n - 1] != '\n' ||
        strchr(err, '\n') != err + n - 1) {
        test_failed(file, line, "expected one 'armlet: ' line, got: %s", err);
    }
    if (!strstr(err, want)) {
        test_failed(file, line, "expected \"%s\" in: %s", want, err);
    }
}
#define EXPECT_FATAL(fn, arg, want) expect_fatal_at(__FILE__, __LINE__, fn, arg, want)

typedef struct KernelCase {
    uint64_t ram;
    const char *path;
} KernelCase;

static inline void load_kernel_fn(void *arg)
{
    KernelCase *kc = arg;
    Machine *m = mk_machine(kc->ram);

    keep_m = m;
    loader_load_kernel(m, kc->path);
}

static inline void expect_kernel_fatal_at(const char *file, int line, const char *name,
                                   const void *data, size_t len, uint64_t ram, const char *want)
{
    KernelCase kc = { ram, write_file(name, data, len) };

    keep = (void *)kc.path;

    expect_fatal_at(file, line, load_kernel_fn, &kc, want);
    g_free((char *)kc.path);
}
#define EXPECT_KERNEL_FATAL(name, data, len, ram, want) \
    expect_kernel_fatal_at(__FILE__, __LINE__, name, data, len, ram, want)

typedef struct ElfSeg {
    uint32_t type, flags;
    uint64_t vaddr, paddr, filesz, memsz;
    uint8_t fill;
} ElfSeg;

/* A little-endian ELF64 with the given segments; segment data follows the
 * headers, each byte = seg.fill + offset. */
static inline uint8_t *mk_elf(uint16_t machine, uint64_t entry, const ElfSeg *segs, int n, size_t *out_len)
{
    size_t off = sizeof(Elf64_Ehdr) + (size_t)n * sizeof(Elf64_Phdr), len = off;
    Elf64_Ehdr eh = { 0 };
    uint8_t *b;

    for (int i = 0; i < n; i++) {
        len += segs[i].filesz;
    }
    b = g_malloc0(len);
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    eh.e_phoff = sizeof eh;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = (uint16_t)n;
    memcpy(b, &eh, sizeof eh);
    for (int i = 0; i < n; i++) {
        Elf64_Phdr ph = {
            .p_type = segs[i].type, .p_flags = segs[i].flags, .p_offset = off,
            .p_vaddr = segs[i].vaddr, .p_paddr = segs[i].paddr,
            .p_filesz = segs[i].filesz, .p_memsz = segs[i].memsz, .p_align = 8,
        };
        memcpy(b + sizeof eh + (size_t)i * sizeof ph, &ph, sizeof ph);
        for (uint64_t j = 0; j < segs[i].filesz; j++) {
            b[off + j] = (uint8_t)(segs[i].fill + j);
        }
        off += segs[i].filesz;
    }
    *out_len = len;
    return b;
}

static inline bool seg_landed(Machine *m, const ElfSeg *s)
{
    const uint8_t *p = ram_at(m, s->paddr, s->memsz);

    for (uint64_t j = 0; j < s->filesz; j++) {
        if (p[j] != (uint8_t)(s->fill + j)) {
            return false;
        }
    }
    return all_bytes(p + s->filesz, s->memsz - s->filesz, 0);
}

#endif
