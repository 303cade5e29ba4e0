/* The AArch64 stage-1 MMU for the EL1&0 translation regime: the
 * translation-table walk, the permission model, memory-attribute decode and
 * the alignment rules, as one self-contained module. The CPU's TLB-fill
 * callback, the AT S1E* instructions and the gdbstub all call
 * mmu_translate(); nothing here caches anything (the TLB is the caller's).
 *
 * Spec: Arm ARM (DDI 0487), chapter "The AArch64 Virtual Memory System
 * Architecture" (VMSAv8-64): translation process, descriptor formats, memory
 * access control, memory region attributes, MMU faults; pseudocode
 * AArch64.S1Translate / AArch64.S1Walk / AArch64.S1CheckPermissions. Fault
 * status codes are the DFSC/IFSC values of ESR_ELx.ISS[5:0] (and
 * PAR_EL1.FST). What is and is not implemented: docs/mmu.md. */
#ifndef TARGET_ARM_MMU_H
#define TARGET_ARM_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/memory.h"

/* The physical address size armlet implements. The CPU advertises it as
 * ID_AA64MMFR0_EL1.PARange; TCR_EL1.IPS can only lower it. */
#define MMU_PARANGE 5 /* 0b0101: 48 bits */
#define MMU_PAMAX 48

/* SCTLR_EL1 bits the MMU reads (Arm ARM, SCTLR_EL1 description). */
#define MMU_SCTLR_M    (1ull << 0)  /* stage-1 translation enable */
#define MMU_SCTLR_A    (1ull << 1)  /* alignment check enable */
#define MMU_SCTLR_C    (1ull << 2)  /* data cacheability */
#define MMU_SCTLR_I    (1ull << 12) /* instruction cacheability */
#define MMU_SCTLR_WXN  (1ull << 19) /* write permission implies XN */
#define MMU_SCTLR_SPAN (1ull << 23) /* PAN on exception entry: CPU's business */

/* TCR_EL1 fields (Arm ARM, TCR_EL1 description). TG0 and TG1 encode the
 * granule differently: TG0 00=4K 01=64K 10=16K, TG1 01=16K 10=4K 11=64K. */
#define MMU_TCR_T0SZ_SHIFT 0
#define MMU_TCR_EPD0       (1ull << 7)
#define MMU_TCR_TG0_SHIFT  14
#define MMU_TCR_T1SZ_SHIFT 16
#define MMU_TCR_A1         (1ull << 22)
#define MMU_TCR_EPD1       (1ull << 23)
#define MMU_TCR_TG1_SHIFT  30
#define MMU_TCR_IPS_SHIFT  32
#define MMU_TCR_AS         (1ull << 36)
#define MMU_TCR_TBI0       (1ull << 37)
#define MMU_TCR_TBI1       (1ull << 38)
#define MMU_TCR_HA         (1ull << 39) /* FEAT_HAFDBS: not advertised, ignored */
#define MMU_TCR_HD         (1ull << 40)

/* The registers of the EL1&0 regime the walk reads, as the guest wrote them. */
typedef struct MmuRegime {
    uint64_t sctlr, tcr, ttbr0, ttbr1, mair;
} MmuRegime;

typedef enum MmuAccess {
    MMU_ACCESS_READ,
    MMU_ACCESS_WRITE,
    MMU_ACCESS_FETCH,
} MmuAccess;

/* Permission bits of a successful translation, at the accessing privilege. */
enum { MMU_PROT_R = 1, MMU_PROT_W = 2, MMU_PROT_X = 4 };

typedef struct MmuRequest {
    uint64_t va;
    MmuAccess access;
    uint8_t el;      /* 0 or 1 */
    bool unpriv;     /* LDTR/STTR and friends at EL1: EL0 permissions apply */
    bool pan;        /* PSTATE.PAN. Hook only: FEAT_PAN is not advertised, so
                      * the CPU passes false; when true, EL1 data accesses to
                      * EL0-readable pages lose R and W. */
    bool debug;      /* gdbstub/debug access: no alignment, AF or permission
                      * checks, only the walk's own faults */
    uint8_t size;    /* data alignment requirement in bytes (power of two);
                      * 0 = do not check alignment */
} MmuRequest;

typedef enum MmuMemType {
    MMU_MEM_DEVICE_nGnRnE,
    MMU_MEM_DEVICE_nGnRE,
    MMU_MEM_DEVICE_nGRE,
    MMU_MEM_DEVICE_GRE,
    MMU_MEM_NORMAL,
} MmuMemType;

typedef enum MmuCache {
    MMU_CACHE_NC,   /* Non-cacheable (and every Device type) */
    MMU_CACHE_WT,   /* Write-Through */
    MMU_CACHE_WB,   /* Write-Back */
} MmuCache;

/* Shareability as in the descriptor SH field. */
enum { MMU_SH_NONE = 0, MMU_SH_OUTER = 2, MMU_SH_INNER = 3 };

typedef struct MmuAttrs {
    MmuMemType type;
    MmuCache inner, outer;
    uint8_t sh;      /* MMU_SH_*: Device and all-Non-cacheable Normal are
                      * always Outer Shareable */
    uint8_t attr;    /* the MAIR_EL1 byte the descriptor selected */
} MmuAttrs;

typedef struct MmuResult {
    uint64_t pa;         /* physical address of req->va */
    uint8_t page_shift;  /* log2 of the mapping size (page or block); 12 with
                          * the MMU off. The TLB may cache a smaller piece. */
    uint8_t prot;        /* MMU_PROT_* for R, W and X at the requesting
                          * privilege (all three, so a TLB entry can cache them) */
    int8_t level;        /* level of the leaf descriptor; -1 with the MMU off */
    bool global;         /* nG == 0 (always true with the MMU off) */
    uint16_t asid;       /* current ASID (TTBR selected by TCR.A1, 8 or 16
                          * bits per TCR.AS); only meaningful if !global */
    MmuAttrs attrs;
} MmuResult;

/* Fault kinds: X(name, description, base status code, has a level). The
 * status code is base + level for the kinds that have one (ESR_ELx ISS
 * encoding for Data/Instruction Abort, DFSC/IFSC). */
#define MMU_FAULT_LIST(X)                                                  \
    X(ADDRESS_SIZE,   "address size",                      0x00, true)     \
    X(TRANSLATION,    "translation",                       0x04, true)     \
    X(ACCESS_FLAG,    "access flag",                       0x08, true)     \
    X(PERMISSION,     "permission",                        0x0c, true)     \
    X(EXT_ABORT_WALK, "external abort on translation walk", 0x14, true)    \
    X(ALIGNMENT,      "alignment",                         0x21, false)

typedef enum MmuFaultKind {
    MMU_FAULT_NONE,
#define MMU_FAULT_ENUM_(name, desc, fsc, lvl) MMU_FAULT_##name,
    MMU_FAULT_LIST(MMU_FAULT_ENUM_)
#undef MMU_FAULT_ENUM_
} MmuFaultKind;

typedef struct MmuFault {
    MmuFaultKind kind;
    uint8_t level;   /* 0..3 (0 for alignment) */
    uint8_t fsc;     /* DFSC/IFSC for ESR_ELx.ISS[5:0], PAR_EL1.FST */
    bool s1ptw;      /* fault on a stage-2 walk for stage 1: no stage 2
                      * here, always false */
} MmuFault;

/* Translate req->va in the EL1&0 regime described by r, reading
 * descriptors from as (64-bit little-endian reads). Returns true and fills
 * *res, or false and fills *fault. Never aborts on guest input. */
bool mmu_translate(AddressSpace *as, const MmuRegime *r, const MmuRequest *req,
                   MmuResult *res, MmuFault *fault);

/* The status code of a fault kind at a level (level ignored for alignment). */
uint8_t mmu_fault_fsc(MmuFaultKind kind, unsigned level);
const char *mmu_fault_name(MmuFaultKind kind);

/* Decode a MAIR_EL1 attribute byte. */
void mmu_decode_attr(uint8_t attr, MmuAttrs *out);

/* Must a data access of `size` bytes (a power of two) at va take an
 * Alignment fault (DFSC 0b100001)? SCTLR_EL1.A=1 checks every data access;
 * any Device type forbids unaligned accesses whatever SCTLR.A says. With
 * attrs == NULL only the SCTLR.A rule is applied (that check comes before
 * translation; the Device check after it). */
bool mmu_alignment_fault(uint64_t sctlr, const MmuAttrs *attrs, uint64_t va,
                         unsigned size);

/* The current ASID: from TTBR1 if TCR.A1 else TTBR0, 16 bits if TCR.AS
 * else the low 8 bits of the field. */
uint16_t mmu_asid(const MmuRegime *r);

/* Stage-1 permissions of a leaf, as MMU_PROT_* for one privilege. ap is
 * AP[2:1] with APTable already folded in; uxn/pxn include UXNTable/
 * PXNTable; user selects EL0 (or unprivileged) rights. */
unsigned mmu_s1_prot(unsigned ap, bool uxn, bool pxn, bool user, bool wxn,
                     bool pan);

#endif
