/* The softmmu TLB: fill, flush and the out-of-line access path shared by the
 * interpreter and the native backend (docs/jit.md "Softmmu TLB"). */
#include "jit/tlb.h"

#include <string.h>

#include "emu/error.h"
#include "jit/jit-cpu.h"
#include "jit/watch.h"

void jit_tlb_init(JitCpu *cpu, unsigned page_bits)
{
    if (page_bits < JIT_PAGE_BITS_MIN || page_bits > 30) {
        fatal("jit: unsupported TLB page size 2^%u", page_bits);
    }
    cpu->tlb.page_bits = page_bits;
    cpu->tlb.page_mask = ~((1ull << page_bits) - 1);
    jit_tlb_flush_all(cpu);
    cpu->stats.tlb_flush = 0;
}

static void entry_invalidate(JitTlbMode *m, unsigned i)
{
    m->table[i] = (JitTlbEntry){ JIT_TLB_INVALID, JIT_TLB_INVALID, JIT_TLB_INVALID, 0 };
    m->full[i] = (JitTlbFull){ 0, 0, 0 };
}

static void mode_flush(JitTlbMode *m)
{
    for (unsigned i = 0; i < JIT_TLB_SIZE; i++) {
        entry_invalidate(m, i);
    }
}

void jit_tlb_flush_all(JitCpu *cpu)
{
    jit_tlb_flush_mmuidx(cpu, (1u << JIT_NB_MMU_MODES) - 1);
}

void jit_tlb_flush_mmuidx(JitCpu *cpu, uint16_t idxmap)
{
    cpu->stats.tlb_flush++;
    for (unsigned m = 0; m < JIT_NB_MMU_MODES; m++) {
        if (idxmap & (1u << m)) {
            mode_flush(&cpu->tlb.m[m]);
        }
    }
}

static inline unsigned tlb_index(const JitCpu *cpu, uint64_t vaddr)
{
    return (unsigned)(vaddr >> cpu->tlb.page_bits) & (JIT_TLB_SIZE - 1);
}

static bool cmp_hits_page(const JitCpu *cpu, uint64_t cmp, uint64_t page)
{
    return !(cmp & JIT_TLB_INVALID) && (cmp & cpu->tlb.page_mask) == page;
}

void jit_tlb_flush_page(JitCpu *cpu, uint64_t vaddr, uint16_t idxmap)
{
    uint64_t page = vaddr & cpu->tlb.page_mask;
    unsigned i = tlb_index(cpu, vaddr);

    cpu->stats.tlb_flush++;
    for (unsigned m = 0; m < JIT_NB_MMU_MODES; m++) {
        JitTlbEntry *e = &cpu->tlb.m[m].table[i];
        if ((idxmap & (1u << m)) &&
            (cmp_hits_page(cpu, e->addr_read, page) || cmp_hits_page(cpu, e->addr_write, page) ||
             cmp_hits_page(cpu, e->addr_code, page))) {
            entry_invalidate(&cpu->tlb.m[m], i);
        }
    }
}

void jit_tlb_update_phys_flags(JitCpu *cpu, uint64_t phys_page, uint32_t set, uint32_t clear)
{
    /* Only the write comparator carries CODE/NOTDIRTY; WATCHED belongs to
     * the watch registry (jit_tlb_refresh_watch). */
    set &= JIT_TLB_CODE | JIT_TLB_NOTDIRTY;
    clear &= JIT_TLB_CODE | JIT_TLB_NOTDIRTY;
    phys_page &= cpu->tlb.page_mask;
    for (unsigned m = 0; m < JIT_NB_MMU_MODES; m++) {
        for (unsigned i = 0; i < JIT_TLB_SIZE; i++) {
            JitTlbEntry *e = &cpu->tlb.m[m].table[i];
            if (!(e->addr_write & JIT_TLB_INVALID) && cpu->tlb.m[m].full[i].phys == phys_page) {
                e->addr_write = (e->addr_write | set) & ~(uint64_t)clear;
            }
        }
    }
}

/* The WATCHED bit of a read or write comparator, from the watch registry's
 * view of the entry's virtual page. */
static uint64_t with_watch(uint64_t cmp, unsigned kinds, unsigned kind)
{
    if (cmp & JIT_TLB_INVALID) {
        return cmp;
    }
    return (kinds & kind) ? cmp | JIT_TLB_WATCHED : cmp & ~(uint64_t)JIT_TLB_WATCHED;
}

void jit_tlb_refresh_watch(JitCpu *cpu)
{
    uint64_t page_size = ~cpu->tlb.page_mask + 1;

    for (unsigned m = 0; m < JIT_NB_MMU_MODES; m++) {
        for (unsigned i = 0; i < JIT_TLB_SIZE; i++) {
            JitTlbEntry *e = &cpu->tlb.m[m].table[i];
            /* any valid comparator names the entry's virtual page */
            uint64_t any = !(e->addr_read & JIT_TLB_INVALID) ? e->addr_read
                         : !(e->addr_write & JIT_TLB_INVALID) ? e->addr_write : e->addr_code;
            unsigned kinds;

            if (any & JIT_TLB_INVALID) {
                continue;
            }
            kinds = jit_watch_active ? jit_watch_page_kinds(any & cpu->tlb.page_mask, page_size)
                                     : 0;
            e->addr_read = with_watch(e->addr_read, kinds, JIT_WATCH_READ);
            e->addr_write = with_watch(e->addr_write, kinds, JIT_WATCH_WRITE);
        }
    }
}

void jit_tlb_set_page(JitCpu *cpu, int mmu_idx, uint64_t vaddr, uint64_t phys,
                      uint32_t prot, uint32_t attrs, void *host, uint32_t flags)
{
    JitTlbMode *m = &cpu->tlb.m[mmu_idx & (JIT_NB_MMU_MODES - 1)];
    uint64_t page = vaddr & cpu->tlb.page_mask;
    unsigned i = tlb_index(cpu, vaddr);
    uint64_t io = host ? 0 : JIT_TLB_MMIO;
    /* pages whose data accesses must be aligned go through the slow path,
     * which checks; the device path also serves RAM (as_read/as_write) */
    uint64_t dio = (prot & JIT_PROT_ALIGNED) ? JIT_TLB_MMIO : io;
    uint64_t wflags = dio | (flags & (JIT_TLB_CODE | JIT_TLB_NOTDIRTY | JIT_TLB_MMIO));
    /* Watched pages: the registry decides, by virtual page (jit/watch.h). */
    unsigned watched = jit_watch_active ? jit_watch_page_kinds(page, ~cpu->tlb.page_mask + 1) : 0;
    uint64_t rwatch = (watched & JIT_WATCH_READ) ? JIT_TLB_WATCHED : 0;
    uint64_t wwatch = (watched & JIT_WATCH_WRITE) ? JIT_TLB_WATCHED : 0;

    m->table[i].addr_read = (prot & JIT_PROT_READ) ? page | dio | rwatch : JIT_TLB_INVALID;
    m->table[i].addr_write = (prot & JIT_PROT_WRITE) ? page | wflags | wwatch : JIT_TLB_INVALID;
    m->table[i].addr_code = (prot & JIT_PROT_EXEC) ? page | io : JIT_TLB_INVALID;
    m->table[i].addend = host ? (uintptr_t)host - (uintptr_t)page : 0;
    m->full[i] = (JitTlbFull){ phys & cpu->tlb.page_mask, prot, attrs };
}

/* ---- the slow path ---- */

typedef struct Resolved {
    uint8_t *host;        /* host pointer for vaddr (RAM), or NULL */
    uint64_t pa;          /* physical address of vaddr */
    uint64_t flags;       /* the comparator's flag bits */
    uint32_t prot;        /* JIT_PROT_* of the page */
    JitTlbEntry *e;
} Resolved;

static uint64_t *cmp_of(JitTlbEntry *e, JitAccess access)
{
    return access == JIT_ACCESS_READ ? &e->addr_read
         : access == JIT_ACCESS_WRITE ? &e->addr_write : &e->addr_code;
}

static Resolved resolve(JitCpu *cpu, uint64_t vaddr, JitAccess access, int mmu_idx, uint64_t pc)
{
    unsigned i = tlb_index(cpu, vaddr);
    JitTlbMode *m = &cpu->tlb.m[mmu_idx];
    uint64_t page = vaddr & cpu->tlb.page_mask;
    uint64_t cmp = *cmp_of(&m->table[i], access);
    Resolved r;

    if ((cmp & (cpu->tlb.page_mask | JIT_TLB_INVALID)) != page) {
        cpu->stats.tlb_fill++;
        cpu->ops->tlb_fill(cpu, vaddr, access, mmu_idx, pc);   /* may raise */
        cmp = *cmp_of(&m->table[i], access);
        if ((cmp & (cpu->tlb.page_mask | JIT_TLB_INVALID)) != page) {
            fatal("jit: tlb_fill returned without a usable entry for 0x%llx",
                  (unsigned long long)vaddr);
        }
    }
    r.e = &m->table[i];
    r.flags = cmp & JIT_TLB_FLAGS_MASK;
    r.pa = m->full[i].phys | (vaddr & ~cpu->tlb.page_mask);
    r.prot = m->full[i].prot;
    r.host = (r.flags & JIT_TLB_MMIO) ? NULL : (uint8_t *)(uintptr_t)(vaddr + m->table[i].addend);
    return r;
}

static void mmio_part(JitCpu *cpu, const Resolved *r, uint64_t vaddr, uint8_t *buf,
                      unsigned len, bool write, uint64_t pc)
{
    /* Sizes the address space takes whole; odd parts of a split go bytewise. */
    unsigned step = (len == 1 || len == 2 || len == 4 || len == 8) ? len : 1;
    JitAccess acc = write ? JIT_ACCESS_WRITE : JIT_ACCESS_READ;

    for (unsigned o = 0; o < len; o += step) {
        uint64_t v = 0;
        bool ok;
        cpu->stats.mmio++;
        if (write) {
            memcpy(&v, buf + o, step);
            ok = cpu->ops->phys_write && cpu->ops->phys_write(cpu, r->pa + o, step, v);
        } else {
            ok = cpu->ops->phys_read && cpu->ops->phys_read(cpu, r->pa + o, step, &v);
            memcpy(buf + o, &v, step);
        }
        if (!ok) {
            cpu->ops->bus_error(cpu, vaddr + o, r->pa + o, acc, pc);
            fatal("jit: bus_error callback returned");
        }
    }
}

static void do_part(JitCpu *cpu, const Resolved *r, uint64_t vaddr, uint8_t *buf,
                    unsigned len, bool write, uint64_t pc)
{
    if (write) {
        if ((r->flags & JIT_TLB_CODE) && cpu->ops->invalidate_code) {
            cpu->stats.code_inval++;
            cpu->ops->invalidate_code(cpu, r->pa, len);
        }
        if (r->flags & JIT_TLB_NOTDIRTY) {
            if (cpu->ops->mark_dirty) {
                cpu->ops->mark_dirty(cpu, r->pa);
            }
            r->e->addr_write &= ~(uint64_t)JIT_TLB_NOTDIRTY;
        }
    }
    if (r->flags & JIT_TLB_MMIO) {
        mmio_part(cpu, r, vaddr, buf, len, write, pc);
    } else if (write) {
        memcpy(r->host, buf, len);
    } else {
        memcpy(buf, r->host, len);
    }
}

/* One access of size bytes (<= 16) in guest little-endian order in buf. */
static void access_slow(JitCpu *cpu, uint64_t vaddr, uint8_t *buf, JitMemOp mo, int mmu_idx,
                        uint64_t pc, bool write)
{
    unsigned size = jit_mo_size(mo), align = jit_mo_align(mo);
    uint64_t page_size = ~cpu->tlb.page_mask + 1;
    uint64_t off = vaddr & ~cpu->tlb.page_mask;
    JitAccess acc = write ? JIT_ACCESS_WRITE : JIT_ACCESS_READ;

    cpu->restore_pc = pc;
    cpu->stats.tlb_slow++;
    mmu_idx &= JIT_NB_MMU_MODES - 1;
    if (vaddr & (align - 1)) {
        cpu->ops->unaligned(cpu, vaddr, acc, mmu_idx, pc);
        fatal("jit: unaligned callback returned");
    }
    if (off + size <= page_size) {
        Resolved r = resolve(cpu, vaddr, acc, mmu_idx, pc);
        if ((r.prot & JIT_PROT_ALIGNED) && (vaddr & (size - 1))) {
            cpu->ops->unaligned(cpu, vaddr, acc, mmu_idx, pc);
            fatal("jit: unaligned callback returned");
        }
        if (r.flags & JIT_TLB_WATCHED) {
            jit_watch_check(cpu, vaddr, size, acc, pc);   /* may not return */
        }
        do_part(cpu, &r, vaddr, buf, size, write, pc);
        return;
    }
    /* Page-crossing: translate both pages before touching either, so a
     * fault on the second page leaves memory unchanged. */
    unsigned n1 = (unsigned)(page_size - off);
    uint64_t v2 = vaddr + n1;
    Resolved r1 = resolve(cpu, vaddr, acc, mmu_idx, pc);
    Resolved r2 = resolve(cpu, v2, acc, mmu_idx, pc);
    /* The second fill may have evicted the first (same index only with a
     * one-entry TLB, but stay safe): re-resolve if so. */
    if (tlb_index(cpu, vaddr) == tlb_index(cpu, v2)) {
        r1 = resolve(cpu, vaddr, acc, mmu_idx, pc);
    }
    /* a page-crossing access is never naturally aligned */
    if ((r1.prot | r2.prot) & JIT_PROT_ALIGNED) {
        cpu->ops->unaligned(cpu, vaddr, acc, mmu_idx, pc);
        fatal("jit: unaligned callback returned");
    }
    /* watchers hear of the whole access before either part happens */
    if ((r1.flags | r2.flags) & JIT_TLB_WATCHED) {
        jit_watch_check(cpu, vaddr, size, acc, pc);
    }
    do_part(cpu, &r1, vaddr, buf, n1, write, pc);
    do_part(cpu, &r2, v2, buf + n1, size - n1, write, pc);
}

static uint64_t load_value(const uint8_t *buf, JitMemOp mo)
{
    unsigned size = jit_mo_size(mo);
    uint64_t v = 0;

    memcpy(&v, buf, size > 8 ? 8 : size);
    if ((mo & JIT_MO_SIGN) && size < 8) {
        unsigned sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return v;
}

uint64_t jit_ld_slow(JitCpu *cpu, uint64_t vaddr, JitMemOp mo, int mmu_idx, uint64_t guest_pc)
{
    uint8_t buf[16];
    access_slow(cpu, vaddr, buf, mo, mmu_idx, guest_pc, false);
    return load_value(buf, mo);
}

void jit_st_slow(JitCpu *cpu, uint64_t vaddr, uint64_t val, JitMemOp mo, int mmu_idx,
                 uint64_t guest_pc)
{
    uint8_t buf[16];
    memcpy(buf, &val, 8);
    access_slow(cpu, vaddr, buf, mo, mmu_idx, guest_pc, true);
}

void jit_ld128_slow(JitCpu *cpu, uint64_t vaddr, void *buf, JitMemOp mo, int mmu_idx,
                    uint64_t guest_pc)
{
    uint8_t tmp[16];
    access_slow(cpu, vaddr, tmp, mo, mmu_idx, guest_pc, false);
    memcpy(buf, tmp, 16);
}

void jit_st128_slow(JitCpu *cpu, uint64_t vaddr, const void *buf, JitMemOp mo, int mmu_idx,
                    uint64_t guest_pc)
{
    uint8_t tmp[16];
    memcpy(tmp, buf, 16);
    access_slow(cpu, vaddr, tmp, mo, mmu_idx, guest_pc, true);
}

/* The fast-path recipe (docs/jit.md): the tag folds in the alignment bits
 * and the page of the access's last byte, so misaligned, page-crossing and
 * flagged accesses all miss and take the slow path. */
static inline JitTlbEntry *fast_entry(JitCpu *cpu, uint64_t vaddr, JitMemOp mo, int mmu_idx,
                                      uint64_t *tag)
{
    unsigned size = jit_mo_size(mo);
    uint64_t amask = jit_mo_align(mo) - 1;

    *tag = ((vaddr + size - 1) & cpu->tlb.page_mask) | (vaddr & amask);
    return &cpu->tlb.m[mmu_idx & (JIT_NB_MMU_MODES - 1)].table[tlb_index(cpu, vaddr)];
}

uint64_t jit_ld(JitCpu *cpu, uint64_t vaddr, JitMemOp mo, int mmu_idx, uint64_t guest_pc)
{
    uint64_t tag;
    JitTlbEntry *e = fast_entry(cpu, vaddr, mo, mmu_idx, &tag);

    if (e->addr_read == tag) {
        uint8_t buf[8];
        cpu->stats.tlb_fast++;
        memcpy(buf, (void *)(uintptr_t)(vaddr + e->addend), jit_mo_size(mo));
        return load_value(buf, mo);
    }
    return jit_ld_slow(cpu, vaddr, mo, mmu_idx, guest_pc);
}

void jit_st(JitCpu *cpu, uint64_t vaddr, uint64_t val, JitMemOp mo, int mmu_idx,
            uint64_t guest_pc)
{
    uint64_t tag;
    JitTlbEntry *e = fast_entry(cpu, vaddr, mo, mmu_idx, &tag);

    if (e->addr_write == tag) {
        cpu->stats.tlb_fast++;
        memcpy((void *)(uintptr_t)(vaddr + e->addend), &val, jit_mo_size(mo));
        return;
    }
    jit_st_slow(cpu, vaddr, val, mo, mmu_idx, guest_pc);
}

uint64_t jit_tlb_translate_code(JitCpu *cpu, uint64_t vaddr, int mmu_idx, void **host)
{
    Resolved r = resolve(cpu, vaddr, JIT_ACCESS_EXEC, mmu_idx & (JIT_NB_MMU_MODES - 1), vaddr);
    if (host) {
        *host = r.host;
    }
    return r.pa;
}
