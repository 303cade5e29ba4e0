/* Helpers shared by the MMU unit tests (test_mmu.c, test_mmu_perm.c): a
 * guest RAM to build translation tables in, descriptor bits written out
 * from the Arm ARM descriptor formats, and table builders that compute
 * indexes from the architecture's level layout. */
#ifndef TESTS_UNIT_MMU_ENV_H
#define TESTS_UNIT_MMU_ENV_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/memory.h"
#include "target-arm/mmu.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (16ull << 20)

/* Descriptor bits (Arm ARM, VMSAv8-64 descriptor formats). */
#define D_VALID    1ull
#define D_TABLE    3ull       /* table (levels 0-2) or page (level 3) */
#define D_BLOCK    1ull
#define D_ATTR(i)  ((uint64_t)(i) << 2)
#define D_AP(ap)   ((uint64_t)(ap) << 6)
#define D_SH_INNER (3ull << 8)
#define D_AF       (1ull << 10)
#define D_NG       (1ull << 11)
#define D_PXN      (1ull << 53)
#define D_UXN      (1ull << 54)
#define T_PXN      (1ull << 59)
#define T_UXN      (1ull << 60)
#define T_AP0      (1ull << 61)
#define T_AP1      (1ull << 62)

/* MAIR: index 0 Device-nGnRnE, 1 Normal WB, 2 Device-nGnRE, 3 Normal NC,
 * 4 Normal WT. */
#define MAIR_TEST 0x000000bb4404ff00ull
#define ATTR_DEV 0
#define ATTR_WB 1
#define ATTR_NC 3

/* One granule: page shift and the TG0/TG1 encodings (they differ). */
typedef struct MtGran {
    const char *name;
    unsigned shift, tg0, tg1;
} MtGran;

extern const MtGran G4K;
extern const MtGran G16K;
extern const MtGran G64K;

typedef struct MtEnv {
    AddressSpace *as;
    uint64_t next;
    MmuRegime r;
} MtEnv;

#define CHECK_FAULT(f, kind_, level_, fsc_)                                 \
    do {                                                                    \
        CHECK_EQ((f).kind, (kind_));                                        \
        CHECK_EQ((f).level, (level_));                                      \
        CHECK_EQ((f).fsc, (fsc_));                                          \
        CHECK(!(f).s1ptw);                                                  \
    } while (0)

void mt_env_init(MtEnv *e);

/* A zeroed table of one granule, aligned to its size (anonymous RAM is
 * zero-filled). */
uint64_t mt_new_table(MtEnv *e, const MtGran *g);

void mt_put(MtEnv *e, uint64_t table, uint64_t index, uint64_t desc);

uint64_t mt_get(MtEnv *e, uint64_t addr);

/* Lowest VA bit a level-L table indexes: a level-3 table maps pages, and
 * each level up multiplies the span by the 2^(shift-3) entries of a table. */
unsigned mt_level_lo(const MtGran *g, unsigned level);

/* The initial lookup level for an input size, found by adding levels until
 * they cover the input address (Arm ARM, initial lookup level tables). */
unsigned mt_start_level(const MtGran *g, unsigned inputsize);

/* Install `leaf` for va at leaf_level under root, creating intermediate
 * tables (with table descriptor bits `tbits` added). Returns the address of
 * the leaf slot. */
uint64_t mt_map_ex(MtEnv *e, const MtGran *g, uint64_t root, unsigned inputsize,
                   uint64_t va, unsigned leaf_level, uint64_t leaf, uint64_t tbits);

uint64_t mt_map(MtEnv *e, const MtGran *g, uint64_t root, unsigned inputsize,
                uint64_t va, unsigned leaf_level, uint64_t leaf);

/* TCR for TTBR0 only (EPD1) or both ranges, with the given sizes. */
uint64_t mt_tcr0(const MtGran *g, unsigned t0sz);

uint64_t mt_tcr1(const MtGran *g, unsigned t1sz);

bool mt_xl(MtEnv *e, uint64_t va, MmuAccess acc, unsigned el, MmuResult *res, MmuFault *f);

bool mt_xl_req(MtEnv *e, const MmuRequest *req, MmuResult *res, MmuFault *f);

/* One 4K page at va with leaf attributes `leaf` and table bits `tbits` on
 * every table descriptor above it. */
uint64_t mt_setup_page(MtEnv *e, uint64_t va, uint64_t leaf, uint64_t tbits);

#endif
