/* Helpers shared by the MMU unit tests; see mmu_env.h. */
#include "tests/unit/mmu_env.h"

#include "tests/unit/test.h"

const MtGran G4K = { "4K", 12, 0, 2 };
const MtGran G16K = { "16K", 14, 2, 1 };
const MtGran G64K = { "64K", 16, 1, 3 };

void mt_env_init(MtEnv *e)
{
    e->as = as_new();
    as_add_ram(e->as, "ram", RAM_BASE, RAM_SIZE);
    e->next = RAM_BASE;
    e->r = (MmuRegime){
        .sctlr = MMU_SCTLR_M | MMU_SCTLR_C | MMU_SCTLR_I,
        .tcr = 5ull << MMU_TCR_IPS_SHIFT, /* 48-bit output */
        .mair = MAIR_TEST,
    };
}

/* A zeroed table of one granule, aligned to its size (anonymous RAM is
 * zero-filled). */
uint64_t mt_new_table(MtEnv *e, const MtGran *g)
{
    uint64_t size = 1ull << g->shift;
    uint64_t t = (e->next + size - 1) & ~(size - 1);

    e->next = t + size;
    CHECK(e->next <= RAM_BASE + RAM_SIZE);
    return t;
}

void mt_put(MtEnv *e, uint64_t table, uint64_t index, uint64_t desc)
{
    CHECK_EQ(as_write(e->as, table + index * 8, 8, desc), MEMTX_OK);
}

uint64_t mt_get(MtEnv *e, uint64_t addr)
{
    uint64_t v = 0;
    CHECK_EQ(as_read(e->as, addr, 8, &v), MEMTX_OK);
    return v;
}

/* Lowest VA bit a level-L table indexes: a level-3 table maps pages, and
 * each level up multiplies the span by the 2^(shift-3) entries of a table. */
unsigned mt_level_lo(const MtGran *g, unsigned level)
{
    unsigned lo = g->shift;
    for (unsigned l = 3; l > level; l--) {
        lo += g->shift - 3;
    }
    return lo;
}

/* The initial lookup level for an input size, found by adding levels until
 * they cover the input address (Arm ARM, initial lookup level tables). */
unsigned mt_start_level(const MtGran *g, unsigned inputsize)
{
    unsigned level = 3, covered = g->shift + (g->shift - 3);
    while (covered < inputsize) {
        level--;
        covered += g->shift - 3;
    }
    return level;
}

/* Install `leaf` for va at leaf_level under root, creating intermediate
 * tables (with table descriptor bits `tbits` added). Returns the address of
 * the leaf slot. */
uint64_t mt_map_ex(MtEnv *e, const MtGran *g, uint64_t root, unsigned inputsize,
                   uint64_t va, unsigned leaf_level, uint64_t leaf, uint64_t tbits)
{
    unsigned start = mt_start_level(g, inputsize);
    uint64_t table = root;

    for (unsigned level = start;; level++) {
        unsigned lo = mt_level_lo(g, level);
        unsigned top = level == start ? inputsize : lo + g->shift - 3;
        uint64_t index = (va >> lo) & ((1ull << (top - lo)) - 1);
        uint64_t slot = table + index * 8, d;

        if (level == leaf_level) {
            mt_put(e, table, index, leaf);
            return slot;
        }
        d = mt_get(e, slot);
        if ((d & 3) != 3) {
            d = mt_new_table(e, g) | D_TABLE | tbits;
            mt_put(e, table, index, d);
        }
        table = d & 0x0000fffffffff000ull & ~((1ull << g->shift) - 1);
    }
}

uint64_t mt_map(MtEnv *e, const MtGran *g, uint64_t root, unsigned inputsize,
                uint64_t va, unsigned leaf_level, uint64_t leaf)
{
    return mt_map_ex(e, g, root, inputsize, va, leaf_level, leaf, 0);
}

/* TCR for TTBR0 only (EPD1) or both ranges, with the given sizes. */
uint64_t mt_tcr0(const MtGran *g, unsigned t0sz)
{
    return (5ull << MMU_TCR_IPS_SHIFT) | t0sz | ((uint64_t)g->tg0 << MMU_TCR_TG0_SHIFT) |
           MMU_TCR_EPD1;
}

uint64_t mt_tcr1(const MtGran *g, unsigned t1sz)
{
    return (5ull << MMU_TCR_IPS_SHIFT) | ((uint64_t)t1sz << MMU_TCR_T1SZ_SHIFT) |
           ((uint64_t)g->tg1 << MMU_TCR_TG1_SHIFT) | MMU_TCR_EPD0;
}

bool mt_xl(MtEnv *e, uint64_t va, MmuAccess acc, unsigned el, MmuResult *res, MmuFault *f)
{
    MmuRequest req = { .va = va, .access = acc, .el = (uint8_t)el };
    return mmu_translate(e->as, &e->r, &req, res, f);
}

bool mt_xl_req(MtEnv *e, const MmuRequest *req, MmuResult *res, MmuFault *f)
{
    return mmu_translate(e->as, &e->r, req, res, f);
}

/* One 4K page at va with leaf attributes `leaf` and table bits `tbits` on
 * every table descriptor above it. */
uint64_t mt_setup_page(MtEnv *e, uint64_t va, uint64_t leaf, uint64_t tbits)
{
    mt_env_init(e);
    e->r.tcr = mt_tcr0(&G4K, 16);
    e->r.ttbr0 = mt_new_table(e, &G4K);
    return mt_map_ex(e, &G4K, e->r.ttbr0, 48, va, 3,
                  0x50000000ull | D_TABLE | D_AF | leaf, tbits);
}

