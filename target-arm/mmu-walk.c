/* The VMSAv8-64 stage-1 translation-table walk for the EL1&0 regime
 * (Arm ARM, "The AArch64 Virtual Memory System Architecture": translation
 * process, descriptor formats; pseudocode AArch64.S1Translate and
 * AArch64.S1Walk). Descriptor reads are 64-bit little-endian reads of the
 * physical address space: armlet does not advertise mixed-endian support, so
 * SCTLR_EL1.EE is RES0. */
#include "target-arm/mmu.h"

#include <inttypes.h>
#include <string.h>

#include "emu/log.h"

#define BIT(n) (1ull << (n))
#define MASK(n) ((n) >= 64 ? ~0ull : BIT(n) - 1) /* bits [n-1:0] */

/* One translation granule. A level-L descriptor maps VA bits from
 * shift + stride * (3 - L) upwards, stride = shift - 3 (8-byte entries). */
typedef struct Granule {
    uint8_t shift;        /* log2 of the page size */
    uint8_t block_levels; /* bit L: block descriptors allowed at level L */
} Granule;

enum { GRAN_4K, GRAN_16K, GRAN_64K };

/* Blocks: 4K at levels 1 and 2; 16K and 64K at level 2 only (a 64K level-1
 * block and 4K/16K level-0/1 blocks need 52-bit addressing, not advertised). */
static const Granule granules[] = {
    [GRAN_4K]  = { 12, BIT(1) | BIT(2) },
    [GRAN_16K] = { 14, BIT(2) },
    [GRAN_64K] = { 16, BIT(2) },
};

/* TCR_EL1.TG0 and TG1 use different encodings. The reserved encodings are
 * IMPLEMENTATION DEFINED as one of the implemented sizes: armlet picks 4K. */
static const uint8_t tg0_granule[4] = { GRAN_4K, GRAN_64K, GRAN_16K, GRAN_4K };
static const uint8_t tg1_granule[4] = { GRAN_4K, GRAN_16K, GRAN_4K, GRAN_64K };

/* TCR_EL1.IPS -> output address bits; 0b110 (52 bits) and the reserved
 * 0b111 exceed PARange, and a value above PARange acts as PARange. */
static const uint8_t ips_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

/* Without FEAT_LVA/FEAT_TTST, TnSZ must lie in [16, 39]. Outside it, it is
 * IMPLEMENTATION DEFINED whether the value is treated as the nearest bound
 * or a level 0 Translation fault is taken; armlet clamps. */
#define TSZ_MIN 16
#define TSZ_MAX 39

/* Table descriptor hierarchical attributes (bits 59..62; NSTable, bit 63,
 * only matters in Secure state). */
#define TD_PXNTABLE BIT(59)
#define TD_UXNTABLE BIT(60)
#define TD_APTABLE0 BIT(61) /* no EL0 access below */
#define TD_APTABLE1 BIT(62) /* no write access below */

/* Leaf descriptor fields. */
#define LD_ATTRINDX(d) (((d) >> 2) & 7)
#define LD_AP(d)       (((d) >> 6) & 3)
#define LD_SH(d)       (((d) >> 8) & 3)
#define LD_AF          BIT(10)
#define LD_NG          BIT(11)
#define LD_PXN         BIT(53)
#define LD_UXN         BIT(54)

#define OA_MASK MASK(48) /* output address field, bits [47:0] */

/* The parameters of the VA range (TTBR0 or TTBR1) an address falls in. */
typedef struct Range {
    const Granule *g;
    unsigned inputsize;   /* 64 - TnSZ */
    bool epd, tbi;
    uint64_t ttbr;
} Range;

static void range_params(const MmuRegime *r, bool upper, Range *p)
{
    uint64_t tcr = r->tcr;
    unsigned tsz;

    if (upper) {
        tsz = (tcr >> MMU_TCR_T1SZ_SHIFT) & 63;
        p->g = &granules[tg1_granule[(tcr >> MMU_TCR_TG1_SHIFT) & 3]];
        p->epd = tcr & MMU_TCR_EPD1;
        p->tbi = tcr & MMU_TCR_TBI1;
        p->ttbr = r->ttbr1;
    } else {
        tsz = (tcr >> MMU_TCR_T0SZ_SHIFT) & 63;
        p->g = &granules[tg0_granule[(tcr >> MMU_TCR_TG0_SHIFT) & 3]];
        p->epd = tcr & MMU_TCR_EPD0;
        p->tbi = tcr & MMU_TCR_TBI0;
        p->ttbr = r->ttbr0;
    }
    tsz = tsz < TSZ_MIN ? TSZ_MIN : tsz > TSZ_MAX ? TSZ_MAX : tsz;
    p->inputsize = 64 - tsz;
}

static unsigned output_bits(uint64_t tcr)
{
    unsigned ps = ips_bits[(tcr >> MMU_TCR_IPS_SHIFT) & 7];
    return ps < MMU_PAMAX ? ps : MMU_PAMAX;
}

static bool fail(MmuFault *f, MmuFaultKind kind, unsigned level)
{
    f->kind = kind;
    f->level = (uint8_t)level;
    f->fsc = mmu_fault_fsc(kind, level);
    f->s1ptw = false;
    return false;
}

/* The top address bit that takes part in translation: bits [63:56] are
 * ignored for data accesses when TCR.TBIx is set (Top Byte Ignore).
 * Instruction fetches use all 64 bits: the PC never holds a tag, because
 * branches already drop it (AArch64.BranchAddr), so this only matters for
 * a PC the CPU failed to canonicalise, which then faults. */
static unsigned addr_top(const MmuRegime *r, const MmuRequest *req)
{
    bool upper = (req->va >> 55) & 1;
    bool tbi = r->tcr & (upper ? MMU_TCR_TBI1 : MMU_TCR_TBI0);
    return (tbi && req->access != MMU_ACCESS_FETCH) ? 55 : 63;
}

static bool is_user(const MmuRequest *req)
{
    return req->el == 0 || (req->unpriv && req->access != MMU_ACCESS_FETCH);
}

static unsigned needed_prot(MmuAccess access)
{
    static const uint8_t need[] = {
        [MMU_ACCESS_READ] = MMU_PROT_R,
        [MMU_ACCESS_WRITE] = MMU_PROT_W,
        [MMU_ACCESS_FETCH] = MMU_PROT_X,
    };
    return need[access];
}

static bool device_misaligned(const MmuRegime *r, const MmuRequest *req,
                              const MmuAttrs *attrs)
{
    return !req->debug && req->access != MMU_ACCESS_FETCH && req->size &&
           mmu_alignment_fault(r->sctlr, attrs, req->va, req->size);
}

/* SCTLR_EL1.M = 0: VA = PA. Data accesses are Device-nGnRnE; instruction
 * fetches are Normal, Outer Shareable, Write-Through if SCTLR.I else
 * Non-cacheable. VA bits between PAMax and the address top must be zero,
 * else a level 0 Address size fault (AArch64.S1DisabledOutput). */
static bool translate_flat(const MmuRegime *r, const MmuRequest *req,
                           MmuResult *res, MmuFault *f)
{
    unsigned top = addr_top(r, req);
    uint64_t above = (req->va >> MMU_PAMAX) & MASK(top + 1 - MMU_PAMAX);

    if (above) {
        return fail(f, MMU_FAULT_ADDRESS_SIZE, 0);
    }
    if (req->access == MMU_ACCESS_FETCH) {
        mmu_decode_attr((r->sctlr & MMU_SCTLR_I) ? 0xaa : 0x44, &res->attrs);
    } else {
        mmu_decode_attr(0x00, &res->attrs);
    }
    if (device_misaligned(r, req, &res->attrs)) {
        return fail(f, MMU_FAULT_ALIGNMENT, 0);
    }
    res->pa = req->va & MASK(MMU_PAMAX);
    res->page_shift = 12;
    res->prot = MMU_PROT_R | MMU_PROT_W | MMU_PROT_X;
    res->level = -1;
    res->global = true;
    res->asid = mmu_asid(r);
    return true;
}

/* The leaf: access flag, attributes, Device alignment, then permissions,
 * in the order of the Arm ARM fault prioritisation. */
static bool finish_leaf(const MmuRegime *r, const MmuRequest *req,
                        uint64_t desc, uint64_t tattr, unsigned level,
                        unsigned lo, MmuResult *res, MmuFault *f)
{
    unsigned ap = LD_AP(desc);
    bool uxn, pxn;

    /* AF = 0 faults: hardware AF update (TCR.HA, FEAT_HAFDBS) is not
     * advertised, so TCR.HA is ignored. */
    if (!(desc & LD_AF) && !req->debug) {
        return fail(f, MMU_FAULT_ACCESS_FLAG, level);
    }
    mmu_decode_attr((uint8_t)(r->mair >> (8 * LD_ATTRINDX(desc))), &res->attrs);
    if (res->attrs.type == MMU_MEM_NORMAL &&
        !(res->attrs.inner == MMU_CACHE_NC && res->attrs.outer == MMU_CACHE_NC)) {
        res->attrs.sh = (uint8_t)LD_SH(desc);
    }
    /* SCTLR.C = 0 / SCTLR.I = 0 make data / instruction accesses to Normal
     * memory Non-cacheable. */
    if (res->attrs.type == MMU_MEM_NORMAL &&
        !(r->sctlr & (req->access == MMU_ACCESS_FETCH ? MMU_SCTLR_I : MMU_SCTLR_C))) {
        res->attrs.inner = res->attrs.outer = MMU_CACHE_NC;
    }
    if (device_misaligned(r, req, &res->attrs)) {
        return fail(f, MMU_FAULT_ALIGNMENT, 0);
    }

    /* Hierarchical controls: APTable[1] removes write, APTable[0] removes
     * EL0 access, XNTable/PXNTable add execute-never. */
    if (tattr & TD_APTABLE1) {
        ap |= 2;
    }
    if (tattr & TD_APTABLE0) {
        ap &= ~1u;
    }
    uxn = (desc & LD_UXN) || (tattr & TD_UXNTABLE);
    pxn = (desc & LD_PXN) || (tattr & TD_PXNTABLE);
    res->prot = (uint8_t)mmu_s1_prot(ap, uxn, pxn, is_user(req),
                                     r->sctlr & MMU_SCTLR_WXN, req->pan);
    if (!req->debug && !(res->prot & needed_prot(req->access))) {
        return fail(f, MMU_FAULT_PERMISSION, level);
    }

    res->pa = (desc & OA_MASK & ~MASK(lo)) | (req->va & MASK(lo));
    res->page_shift = (uint8_t)lo;
    res->level = (int8_t)level;
    res->global = !(desc & LD_NG);
    res->asid = mmu_asid(r);
    return true;
}

static bool walk(AddressSpace *as, const MmuRegime *r, const MmuRequest *req,
                 MmuResult *res, MmuFault *f)
{
    uint64_t va = req->va;
    bool upper = (va >> 55) & 1;
    unsigned top = addr_top(r, req);
    unsigned ps = output_bits(r->tcr);
    unsigned stride, level, start, tbits;
    uint64_t top_bits, table, tattr = 0;
    Range p;

    range_params(r, upper, &p);

    /* Bits [top:inputsize] must all equal bit 55, which chose the range:
     * all zeros for TTBR0, all ones for TTBR1. The gap is a level 0
     * Translation fault, as is a walk disabled by TCR.EPDx. */
    top_bits = (va >> p.inputsize) & MASK(top + 1 - p.inputsize);
    if (top_bits != (upper ? MASK(top + 1 - p.inputsize) : 0) || p.epd) {
        return fail(f, MMU_FAULT_TRANSLATION, 0);
    }

    /* Starting level: the lowest level whose tables, with the ones below
     * it, resolve all inputsize bits. */
    stride = p.g->shift - 3u;
    start = 3 - (p.inputsize - 1 - p.g->shift) / stride;

    /* A table base above the output size is a level 0 Address size fault
     * (DFSC 0b000000 covers "level 0 or translation table base register"). */
    table = p.ttbr & OA_MASK;
    if (table >> ps) {
        return fail(f, MMU_FAULT_ADDRESS_SIZE, 0);
    }
    /* BADDR is aligned to the initial table size (at least 64 bytes); the
     * bits below that are RES0 and treated as zero (as is CnP, bit 0). */
    tbits = p.inputsize - (p.g->shift + stride * (3 - start)) + 3;
    table &= ~MASK(tbits < 6 ? 6 : tbits);

    for (level = start;; level++) {
        unsigned lo = p.g->shift + stride * (3 - level);
        unsigned nbits = level == start ? p.inputsize - lo : stride;
        uint64_t desc;

        if (as_read(as, table + ((va >> lo) & MASK(nbits)) * 8, 8, &desc) != MEMTX_OK) {
            return fail(f, MMU_FAULT_EXT_ABORT_WALK, level);
        }
        if (!(desc & 1)) {
            return fail(f, MMU_FAULT_TRANSLATION, level);
        }
        /* bits[1:0] = 01 is a block where the granule allows one, and is
         * invalid (a Translation fault) at level 3 and elsewhere. */
        if (!(desc & 2) && (level == 3 || !(p.g->block_levels & BIT(level)))) {
            return fail(f, MMU_FAULT_TRANSLATION, level);
        }
        /* Output (or next-table) address bits above the output size. */
        if ((desc & OA_MASK) >> ps) {
            return fail(f, MMU_FAULT_ADDRESS_SIZE, level);
        }
        if (level == 3 || !(desc & 2)) {
            return finish_leaf(r, req, desc, tattr, level, lo, res, f);
        }
        tattr |= desc & (TD_PXNTABLE | TD_UXNTABLE | TD_APTABLE0 | TD_APTABLE1);
        table = desc & OA_MASK & ~MASK(p.g->shift);
    }
}

static bool translate(AddressSpace *as, const MmuRegime *r, const MmuRequest *req,
                      MmuResult *res, MmuFault *fault)
{
    memset(res, 0, sizeof(*res));
    memset(fault, 0, sizeof(*fault));

    /* SCTLR.A alignment faults take priority over every MMU fault. */
    if (!req->debug && req->access != MMU_ACCESS_FETCH && req->size &&
        mmu_alignment_fault(r->sctlr, NULL, req->va, req->size)) {
        return fail(fault, MMU_FAULT_ALIGNMENT, 0);
    }
    if (!(r->sctlr & MMU_SCTLR_M)) {
        return translate_flat(r, req, res, fault);
    }
    return walk(as, r, req, res, fault);
}

bool mmu_translate(AddressSpace *as, const MmuRegime *r, const MmuRequest *req,
                   MmuResult *res, MmuFault *fault)
{
    static const char *const access[] = { [MMU_ACCESS_READ] = "read", [MMU_ACCESS_WRITE] = "write",
                                          [MMU_ACCESS_FETCH] = "fetch" };
    bool ok = translate(as, r, req, res, fault);

    /* -d mmu: each walk (TLB misses, AT, the debugger) and its outcome */
    if (log_enabled(LOG_MASK(mmu))) {
        if (ok) {
            log_printf("mmu: %s va 0x%" PRIx64 " EL%u%s -> pa 0x%" PRIx64 " level %d prot %c%c%c\n",
                       access[req->access], req->va, req->el, req->debug ? " (debug)" : "",
                       res->pa, res->level, res->prot & MMU_PROT_R ? 'r' : '-',
                       res->prot & MMU_PROT_W ? 'w' : '-', res->prot & MMU_PROT_X ? 'x' : '-');
        } else {
            log_printf("mmu: %s va 0x%" PRIx64 " EL%u%s -> %s fault level %u (FSC 0x%02x)\n",
                       access[req->access], req->va, req->el, req->debug ? " (debug)" : "",
                       mmu_fault_name(fault->kind), fault->level, fault->fsc);
        }
    }
    return ok;
}
