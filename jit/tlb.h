/* The softmmu TLB: per vCPU and per MMU index, direct-mapped, stored inline
 * in JitCpu so the native fast path addresses it at fixed offsets from the
 * env pointer. Layout, flag bits and the fast-path recipe: docs/jit.md
 * "Softmmu TLB". The slow path (tlb.c) is shared by the interpreter and the
 * native backend so both behave identically. */
#ifndef JIT_TLB_H
#define JIT_TLB_H

#include <stdbool.h>
#include <stdint.h>

typedef struct JitCpu JitCpu;

/* ---- memory operation descriptor (the JitMemOp constant of qemu_ld/st,
 * ld_env/st_env) ---- */
enum {
    JIT_MO_8 = 0, JIT_MO_16 = 1, JIT_MO_32 = 2, JIT_MO_64 = 3, JIT_MO_128 = 4,
    JIT_MO_SIZE = 7,          /* log2 of the access size in bytes */
    JIT_MO_SIGN = 8,          /* sign-extend a load to the op's width */
    JIT_MO_ALIGN_SHIFT = 4,
    JIT_MO_ALIGN_MASK = 7 << 4,
    /* alignment field: 0 = none required, 1 = natural (the access size),
     * a >= 2 = 1 << (a - 1) bytes (2 .. 64) */
    JIT_MO_ALIGN = 1 << 4,
};
#define JIT_MO_ALIGN_BYTES(log2) ((unsigned)((log2) + 1) << JIT_MO_ALIGN_SHIFT)

typedef unsigned JitMemOp;

static inline unsigned jit_mo_size(JitMemOp mo) { return 1u << (mo & JIT_MO_SIZE); }

/* Required alignment in bytes (1 = none). */
static inline unsigned jit_mo_align(JitMemOp mo)
{
    unsigned a = (mo & JIT_MO_ALIGN_MASK) >> JIT_MO_ALIGN_SHIFT;
    return a == 0 ? 1 : a == 1 ? jit_mo_size(mo) : 1u << (a - 1);
}

/* ---- TLB geometry ---- */
#define JIT_NB_MMU_MODES 8
#define JIT_TLB_BITS 8
#define JIT_TLB_SIZE (1u << JIT_TLB_BITS)
#define JIT_PAGE_BITS_MIN 12

/* Flag bits in the low bits of a comparator. They sit between the largest
 * alignment mask (64 bytes: bits 0..5) and the smallest page (bit 12) so an
 * aligned, in-page address never matches a flagged comparator. */
#define JIT_TLB_INVALID  (1u << 11)  /* no translation: fill on access */
#define JIT_TLB_MMIO     (1u << 10)  /* device memory: go through phys ops */
#define JIT_TLB_CODE     (1u << 9)   /* page holds translated code (stores) */
#define JIT_TLB_WATCHED  (1u << 8)   /* page in the watch registry (jit/watch.h):
                                        * read and/or write comparator */
#define JIT_TLB_NOTDIRTY (1u << 7)   /* first store must be reported */
#define JIT_TLB_FLAGS_MASK (0x1fu << 7)

/* Page permissions handed to jit_tlb_set_page. */
/* JIT_PROT_ALIGNED: data accesses to the page must be naturally aligned
 * (e.g. Arm Device memory). Its reads and writes then always take the slow
 * path, which raises through ops->unaligned for a misaligned one;
 * instruction fetches are unaffected. */
enum { JIT_PROT_READ = 1, JIT_PROT_WRITE = 2, JIT_PROT_EXEC = 4, JIT_PROT_ALIGNED = 8 };

typedef enum JitAccess { JIT_ACCESS_READ, JIT_ACCESS_WRITE, JIT_ACCESS_EXEC } JitAccess;

/* One fast-path entry: 32 bytes so index << 5 addresses it. A comparator is
 * the page-aligned virtual address | flag bits, or JIT_TLB_INVALID if that
 * access kind is not permitted (or the entry is empty). */
typedef struct JitTlbEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;         /* host pointer - vaddr, for RAM pages */
} JitTlbEntry;

/* Slow-path data, parallel to the fast table. */
typedef struct JitTlbFull {
    uint64_t phys;            /* physical address of the page */
    uint32_t prot;            /* JIT_PROT_* */
    uint32_t attrs;           /* target-defined attributes (memory type...) */
} JitTlbFull;

typedef struct JitTlbMode {
    JitTlbEntry table[JIT_TLB_SIZE];
    JitTlbFull full[JIT_TLB_SIZE];
} JitTlbMode;

typedef struct JitTlb {
    unsigned page_bits;       /* set by jit_tlb_init */
    uint64_t page_mask;       /* ~(page size - 1) */
    JitTlbMode m[JIT_NB_MMU_MODES];
} JitTlb;

/* ---- set-up and maintenance ---- */
void jit_tlb_init(JitCpu *cpu, unsigned page_bits);
void jit_tlb_flush_all(JitCpu *cpu);
void jit_tlb_flush_mmuidx(JitCpu *cpu, uint16_t idxmap);
void jit_tlb_flush_page(JitCpu *cpu, uint64_t vaddr, uint16_t idxmap);
/* Set and clear flag bits in every entry (all modes) mapping physical page
 * phys_page, e.g. JIT_TLB_CODE when a block is translated from that page.
 * Only CODE and NOTDIRTY: WATCHED is the watch registry's. */
void jit_tlb_update_phys_flags(JitCpu *cpu, uint64_t phys_page, uint32_t set, uint32_t clear);
/* Recompute JIT_TLB_WATCHED on every valid entry's read and write
 * comparators from the watch registry (jit/watch.c calls it for every
 * vCPU when a watch comes or goes). */
void jit_tlb_refresh_watch(JitCpu *cpu);

/* Called by the target's tlb_fill: install a translation for the page that
 * contains vaddr. host is the host pointer of the page start for RAM, NULL
 * for MMIO. flags are extra JIT_TLB_* bits for stores (CODE, NOTDIRTY, and
 * MMIO: stores go to the device path while loads and fetches use host
 * memory, as for ROM). WATCHED is added from the watch registry. */
void jit_tlb_set_page(JitCpu *cpu, int mmu_idx, uint64_t vaddr, uint64_t phys,
                      uint32_t prot, uint32_t attrs, void *host, uint32_t flags);

/* ---- accesses ---- */
/* Full out-of-line path: misses, flags, page crossing, alignment, MMIO.
 * Loads return the value zero- or sign-extended to 64 bits per mo. May
 * raise a guest exception (does not return then); guest_pc is stored in
 * cpu->restore_pc first. */
uint64_t jit_ld_slow(JitCpu *cpu, uint64_t vaddr, JitMemOp mo, int mmu_idx, uint64_t guest_pc);
void jit_st_slow(JitCpu *cpu, uint64_t vaddr, uint64_t val, JitMemOp mo, int mmu_idx,
                 uint64_t guest_pc);
/* 16-byte accesses (v128), little-endian byte order in buf. */
void jit_ld128_slow(JitCpu *cpu, uint64_t vaddr, void *buf, JitMemOp mo, int mmu_idx,
                    uint64_t guest_pc);
void jit_st128_slow(JitCpu *cpu, uint64_t vaddr, const void *buf, JitMemOp mo, int mmu_idx,
                    uint64_t guest_pc);

/* Fast path in C (the interpreter's; the native backend inlines the same
 * recipe), falling back to the slow path. */
uint64_t jit_ld(JitCpu *cpu, uint64_t vaddr, JitMemOp mo, int mmu_idx, uint64_t guest_pc);
void jit_st(JitCpu *cpu, uint64_t vaddr, uint64_t val, JitMemOp mo, int mmu_idx,
            uint64_t guest_pc);

/* Translate an instruction fetch (for the translator): fills on a miss and
 * may raise (prefetch abort). Returns the physical address; *host is the
 * host pointer of vaddr for RAM, NULL for MMIO. */
uint64_t jit_tlb_translate_code(JitCpu *cpu, uint64_t vaddr, int mmu_idx, void **host);

#endif
