/* The parts of the stage-1 MMU that do not read memory: fault status
 * codes, MAIR attribute decode, alignment rules, ASID selection and the
 * permission model. The walk itself is in mmu-walk.c. */
#include "target-arm/mmu.h"

#include <stddef.h>

typedef struct FaultInfo {
    const char *name;
    uint8_t fsc;
    bool has_level;
} FaultInfo;

static const FaultInfo fault_info[] = {
    [MMU_FAULT_NONE] = { "none", 0, false },
#define MMU_FAULT_INFO_(id, desc, code, lvl) [MMU_FAULT_##id] = { desc, code, lvl },
    MMU_FAULT_LIST(MMU_FAULT_INFO_)
#undef MMU_FAULT_INFO_
};

uint8_t mmu_fault_fsc(MmuFaultKind kind, unsigned level)
{
    const FaultInfo *fi = &fault_info[kind];
    return fi->has_level ? (uint8_t)(fi->fsc + (level & 3)) : fi->fsc;
}

const char *mmu_fault_name(MmuFaultKind kind)
{
    if ((size_t)kind >= sizeof(fault_info) / sizeof(fault_info[0])) {
        return "unknown";
    }
    return fault_info[kind].name;
}

/* Cacheability of one MAIR nibble for Normal memory (Arm ARM, MAIR_EL1
 * Attr<n>): 0b00RW (RW != 00) Write-Through transient, 0b0100
 * Non-cacheable, 0b01RW (RW != 00) Write-Back transient, 0b10RW
 * Write-Through, 0b11RW Write-Back. An inner nibble of 0b0000 under a
 * non-zero outer nibble is UNPREDICTABLE; armlet reads it as Non-cacheable.
 * Allocation hints and transience have no effect without caches. */
static const uint8_t nibble_cache[16] = {
    MMU_CACHE_NC, MMU_CACHE_WT, MMU_CACHE_WT, MMU_CACHE_WT,
    MMU_CACHE_NC, MMU_CACHE_WB, MMU_CACHE_WB, MMU_CACHE_WB,
    MMU_CACHE_WT, MMU_CACHE_WT, MMU_CACHE_WT, MMU_CACHE_WT,
    MMU_CACHE_WB, MMU_CACHE_WB, MMU_CACHE_WB, MMU_CACHE_WB,
};

void mmu_decode_attr(uint8_t attr, MmuAttrs *out)
{
    out->attr = attr;
    if ((attr & 0xf0) == 0) {
        /* 0b0000dd00: Device, dd = nGnRnE, nGnRE, nGRE, GRE. Low bits other
         * than 00 are UNPREDICTABLE (FEAT_XS, not advertised, gives them a
         * meaning); the dd field alone decides here. */
        out->type = (MmuMemType)(MMU_MEM_DEVICE_nGnRnE + ((attr >> 2) & 3));
        out->inner = out->outer = MMU_CACHE_NC;
        out->sh = MMU_SH_OUTER;
        return;
    }
    out->type = MMU_MEM_NORMAL;
    out->outer = (MmuCache)nibble_cache[attr >> 4];
    out->inner = (MmuCache)nibble_cache[attr & 0xf];
    out->sh = MMU_SH_OUTER; /* the walk overrides it from the descriptor */
}

bool mmu_alignment_fault(uint64_t sctlr, const MmuAttrs *attrs, uint64_t va,
                         unsigned size)
{
    if (size <= 1 || (va & (size - 1)) == 0) {
        return false;
    }
    if (sctlr & MMU_SCTLR_A) {
        return true;
    }
    /* Arm ARM "Alignment of data accesses": an unaligned access to any type
     * of Device memory generates an Alignment fault. */
    return attrs && attrs->type != MMU_MEM_NORMAL;
}

uint16_t mmu_asid(const MmuRegime *r)
{
    uint64_t ttbr = (r->tcr & MMU_TCR_A1) ? r->ttbr1 : r->ttbr0;
    uint16_t asid = (uint16_t)(ttbr >> 48);
    return (r->tcr & MMU_TCR_AS) ? asid : (uint16_t)(asid & 0xff);
}

/* Data access rights by AP[2:1] (Arm ARM "Data access permissions for
 * stage 1 translations"): AP[1] grants EL0 access, AP[2] makes the page
 * read-only at every level. Index [ap][user]. */
static const uint8_t ap_rw[4][2] = {
    [0] = { MMU_PROT_R | MMU_PROT_W, 0 },
    [1] = { MMU_PROT_R | MMU_PROT_W, MMU_PROT_R | MMU_PROT_W },
    [2] = { MMU_PROT_R, 0 },
    [3] = { MMU_PROT_R, MMU_PROT_R },
};

unsigned mmu_s1_prot(unsigned ap, bool uxn, bool pxn, bool user, bool wxn,
                     bool pan)
{
    unsigned rw = ap_rw[ap & 3][user];
    bool x;

    if (user) {
        /* EL0 execution depends on UXN only: execute-only EL0 pages (AP=00,
         * UXN=0) are legal. */
        x = !uxn;
    } else {
        /* In a regime with two VA ranges, EL1 may never execute from a
         * location writable at EL0 (AP[2:1] = 01), whatever PXN says. */
        x = !pxn && (ap & 3) != 1;
        /* PAN (FEAT_PAN): privileged data accesses to EL0-readable
         * locations fail; instruction fetches are unaffected. */
        if (pan && (ap & 1)) {
            rw = 0;
        }
    }
    /* SCTLR.WXN: a location writable at this privilege is execute-never. */
    if (wxn && (rw & MMU_PROT_W)) {
        x = false;
    }
    return rw | (x ? MMU_PROT_X : 0);
}
