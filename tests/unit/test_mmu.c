/* The stage-1 MMU walk: page tables are built in guest RAM by small helpers
 * and the expected results come from the Arm ARM rules (indexes, start
 * levels, permission tables, fault status codes written out here), never
 * from the walker's own output. */
#include "tests/unit/test.h"

#include "tests/unit/mmu_env.h"

/* ---- fault codes -------------------------------------------------------- */

TEST(fault_status_codes_follow_esr_encoding)
{
    /* ESR_ELx ISS for Data/Instruction Aborts, DFSC/IFSC. */
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_ADDRESS_SIZE, 0), 0b000000);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_ADDRESS_SIZE, 3), 0b000011);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_TRANSLATION, 0), 0b000100);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_TRANSLATION, 2), 0b000110);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_ACCESS_FLAG, 1), 0b001001);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_ACCESS_FLAG, 3), 0b001011);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_PERMISSION, 1), 0b001101);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_PERMISSION, 3), 0b001111);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_EXT_ABORT_WALK, 0), 0b010100);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_EXT_ABORT_WALK, 3), 0b010111);
    CHECK_EQ(mmu_fault_fsc(MMU_FAULT_ALIGNMENT, 2), 0b100001);
    CHECK_STREQ(mmu_fault_name(MMU_FAULT_PERMISSION), "permission");
    CHECK_STREQ(mmu_fault_name(MMU_FAULT_TRANSLATION), "translation");
}

/* ---- MMU off ------------------------------------------------------------- */

TEST(mmu_off_identity_device_data_normal_fetch)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;

    mt_env_init(&e);
    e.r.sctlr = MMU_SCTLR_I;
    CHECK(mt_xl(&e, 0x09000ff8, MMU_ACCESS_WRITE, 1, &res, &f));
    CHECK_EQ(res.pa, 0x09000ff8);
    CHECK_EQ(res.attrs.type, MMU_MEM_DEVICE_nGnRnE);
    CHECK_EQ(res.prot, MMU_PROT_R | MMU_PROT_W | MMU_PROT_X);
    CHECK(res.global);

    CHECK(mt_xl(&e, 0x40080000, MMU_ACCESS_FETCH, 1, &res, &f));
    CHECK_EQ(res.pa, 0x40080000);
    CHECK_EQ(res.attrs.type, MMU_MEM_NORMAL);
    CHECK_EQ(res.attrs.inner, MMU_CACHE_WT); /* SCTLR.I = 1 */
    e.r.sctlr = 0;
    CHECK(mt_xl(&e, 0x40080000, MMU_ACCESS_FETCH, 0, &res, &f));
    CHECK_EQ(res.attrs.type, MMU_MEM_NORMAL);
    CHECK_EQ(res.attrs.inner, MMU_CACHE_NC);

    /* the top of the 48-bit PA space maps; one bit above is out of range */
    CHECK(mt_xl(&e, 0x0000ffffffffff00ull, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x0000ffffffffff00ull);
    CHECK(!mt_xl(&e, 0x0001000000000000ull, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ADDRESS_SIZE, 0, 0b000000);
    CHECK(!mt_xl(&e, 0xffff000000000000ull, MMU_ACCESS_FETCH, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ADDRESS_SIZE, 0, 0b000000);
}

TEST(mmu_off_tbi_and_device_alignment)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    MmuRequest req = { .va = 0x5a00000040001000ull, .access = MMU_ACCESS_READ, .el = 1 };

    mt_env_init(&e);
    e.r.sctlr = 0;
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ADDRESS_SIZE, 0, 0);
    e.r.tcr |= MMU_TCR_TBI0;
    CHECK(mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(res.pa, 0x40001000);
    /* all data is Device with the MMU off: unaligned accesses fault */
    req.va = 0x40001002;
    req.size = 4;
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(f.kind, MMU_FAULT_ALIGNMENT);
    CHECK_EQ(f.fsc, 0b100001);
    req.va = 0x40001004;
    CHECK(mt_xl_req(&e, &req, &res, &f));
    /* instruction fetches have no data alignment check */
    req.va = 0x40001002;
    req.access = MMU_ACCESS_FETCH;
    CHECK(mt_xl_req(&e, &req, &res, &f));
}

/* ---- full walks with literal indexes ------------------------------------ */

TEST(walk_4k_four_levels_literal_indexes)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t l0, l1, l2, l3;
    /* VA[47:39]=1, [38:30]=2, [29:21]=3, [20:12]=4, offset 0x123 */
    uint64_t va = (1ull << 39) | (2ull << 30) | (3ull << 21) | (4ull << 12) | 0x123;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G4K, 16);
    l0 = mt_new_table(&e, &G4K);
    l1 = mt_new_table(&e, &G4K);
    l2 = mt_new_table(&e, &G4K);
    l3 = mt_new_table(&e, &G4K);
    mt_put(&e, l0, 1, l1 | D_TABLE);
    mt_put(&e, l1, 2, l2 | D_TABLE);
    mt_put(&e, l2, 3, l3 | D_TABLE);
    mt_put(&e, l3, 4, 0x0000123456789000ull | D_TABLE | D_AF | D_ATTR(ATTR_WB) | D_SH_INNER);
    e.r.ttbr0 = l0;

    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x0000123456789123ull);
    CHECK_EQ(res.page_shift, 12);
    CHECK_EQ(res.level, 3);
    CHECK_EQ(res.attrs.type, MMU_MEM_NORMAL);
    CHECK_EQ(res.attrs.inner, MMU_CACHE_WB);
    CHECK_EQ(res.attrs.outer, MMU_CACHE_WB);
    CHECK_EQ(res.attrs.sh, MMU_SH_INNER);
    CHECK_EQ(res.attrs.attr, 0xff);
    /* AP=00: EL1 read/write; UXN=0, PXN=0 but the page is not EL0-writable */
    CHECK_EQ(res.prot, MMU_PROT_R | MMU_PROT_W | MMU_PROT_X);
    /* a neighbouring page has no level-3 entry */
    CHECK(!mt_xl(&e, va + 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 3, 0b000111);
    as_free(e.as);
}

TEST(walk_16k_four_levels_literal_indexes)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t l0, l1, l2, l3;
    /* 16K: VA[47]=L0, [46:36]=L1, [35:25]=L2, [24:14]=L3 */
    uint64_t va = (1ull << 47) | (2ull << 36) | (3ull << 25) | (4ull << 14) | 0x2345;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G16K, 16);
    l0 = mt_new_table(&e, &G16K);
    l1 = mt_new_table(&e, &G16K);
    l2 = mt_new_table(&e, &G16K);
    l3 = mt_new_table(&e, &G16K);
    mt_put(&e, l0, 1, l1 | D_TABLE);
    mt_put(&e, l1, 2, l2 | D_TABLE);
    mt_put(&e, l2, 3, l3 | D_TABLE);
    mt_put(&e, l3, 4, 0x0000000abcdec000ull | D_TABLE | D_AF | D_ATTR(ATTR_WB));
    e.r.ttbr0 = l0;

    CHECK(mt_xl(&e, va, MMU_ACCESS_WRITE, 1, &res, &f));
    CHECK_EQ(res.pa, 0x0000000abcdec000ull | 0x2345);
    CHECK_EQ(res.page_shift, 14);
    CHECK_EQ(res.level, 3);
    as_free(e.as);
}

TEST(walk_64k_three_levels_literal_indexes)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t l1, l2, l3;
    /* 64K, 48-bit VA: starts at level 1. VA[47:42]=L1, [41:29]=L2, [28:16]=L3 */
    uint64_t va = (5ull << 42) | (6ull << 29) | (7ull << 16) | 0x4567;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G64K, 16);
    l1 = mt_new_table(&e, &G64K);
    l2 = mt_new_table(&e, &G64K);
    l3 = mt_new_table(&e, &G64K);
    mt_put(&e, l1, 5, l2 | D_TABLE);
    mt_put(&e, l2, 6, l3 | D_TABLE);
    mt_put(&e, l3, 7, 0x0000000123450000ull | D_TABLE | D_AF | D_ATTR(ATTR_WB));
    e.r.ttbr0 = l1;

    CHECK(mt_xl(&e, va, MMU_ACCESS_FETCH, 1, &res, &f));
    CHECK_EQ(res.pa, 0x0000000123454567ull);
    CHECK_EQ(res.page_shift, 16);
    CHECK_EQ(res.level, 3);
    as_free(e.as);
}

/* ---- blocks -------------------------------------------------------------- */

static void check_block(const MtGran *g, unsigned level, unsigned block_shift)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t root, oa = 0x0000008000000000ull; /* aligned to every block size */
    uint64_t va = (3ull << block_shift) | 0x1234567ull % (1ull << block_shift);

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(g, 16);
    root = mt_new_table(&e, g);
    e.r.ttbr0 = root;
    mt_map(&e, g, root, 48, va, level, oa | D_BLOCK | D_AF | D_ATTR(ATTR_WB));
    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, oa + (va & ((1ull << block_shift) - 1)));
    CHECK_EQ(res.page_shift, block_shift);
    CHECK_EQ(res.level, level);
    as_free(e.as);
}

TEST(blocks_at_each_legal_level)
{
    check_block(&G4K, 1, 30);  /* 1 GiB */
    check_block(&G4K, 2, 21);  /* 2 MiB */
    check_block(&G16K, 2, 25); /* 32 MiB */
    check_block(&G64K, 2, 29); /* 512 MiB */
}

static void check_bad_block(const MtGran *g, unsigned level)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t root, va = 0x0000001234567000ull;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(g, 16);
    root = mt_new_table(&e, g);
    e.r.ttbr0 = root;
    mt_map(&e, g, root, 48, va, level, 0x40000000ull | D_BLOCK | D_AF);
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, level, 0b000100 | level);
    as_free(e.as);
}

TEST(illegal_blocks_and_reserved_level3_encoding)
{
    check_bad_block(&G4K, 0);  /* no level-0 blocks */
    check_bad_block(&G16K, 0);
    check_bad_block(&G16K, 1); /* 16K: level-2 blocks only */
    check_bad_block(&G64K, 1); /* 64K level-1 block needs 52-bit PA */
    /* bits[1:0] = 01 at level 3 is reserved */
    check_bad_block(&G4K, 3);
    check_bad_block(&G16K, 3);
    check_bad_block(&G64K, 3);
}

/* ---- starting level ------------------------------------------------------ */

static void check_start(const MtGran *g, unsigned tsz, unsigned want, bool upper)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = upper ? ~0ull << (64 - tsz) : 0; /* bottom of the range */

    mt_env_init(&e);
    if (upper) {
        e.r.tcr = mt_tcr1(g, tsz);
        e.r.ttbr1 = mt_new_table(&e, g);
    } else {
        e.r.tcr = mt_tcr0(g, tsz);
        e.r.ttbr0 = mt_new_table(&e, g);
    }
    /* an empty initial table: the fault names the initial level */
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, want, 0b000100 | want);
    CHECK_EQ(mt_start_level(g, 64 - tsz), want);
    as_free(e.as);
}

TEST(starting_level_from_tnsz)
{
    /* Arm ARM initial lookup level tables for stage 1:
     * 4K: 48-40 bits L0, 39-31 L1, 30-25 L2.
     * 16K: 48 L0, 47-37 L1, 36-26 L2, 25 L3.
     * 64K: 48-43 L1, 42-30 L2, 29-25 L3. */
    static const struct { const MtGran *g; unsigned tsz, level; } cases[] = {
        { &G4K, 16, 0 }, { &G4K, 24, 0 }, { &G4K, 25, 1 }, { &G4K, 33, 1 },
        { &G4K, 34, 2 }, { &G4K, 39, 2 },
        { &G16K, 16, 0 }, { &G16K, 17, 1 }, { &G16K, 27, 1 }, { &G16K, 28, 2 },
        { &G16K, 38, 2 }, { &G16K, 39, 3 },
        { &G64K, 16, 1 }, { &G64K, 21, 1 }, { &G64K, 22, 2 }, { &G64K, 34, 2 },
        { &G64K, 35, 3 }, { &G64K, 39, 3 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        check_start(cases[i].g, cases[i].tsz, cases[i].level, false);
        check_start(cases[i].g, cases[i].tsz, cases[i].level, true);
    }
}

TEST(walk_with_small_input_size_every_granule)
{
    const MtGran *gs[] = { &G4K, &G16K, &G64K };
    static const unsigned tszs[] = { 25, 33, 39 };

    for (size_t i = 0; i < 3; i++) {
        for (size_t j = 0; j < 3; j++) {
            MtEnv e;
            MmuResult res;
            MmuFault f;
            unsigned inputsize = 64 - tszs[j];
            uint64_t va = (1ull << (inputsize - 1)) | (5ull << gs[i]->shift) | 0x18;

            mt_env_init(&e);
            e.r.tcr = mt_tcr0(gs[i], tszs[j]);
            e.r.ttbr0 = mt_new_table(&e, gs[i]);
            mt_map(&e, gs[i], e.r.ttbr0, inputsize, va, 3,
                0x7000000ull << gs[i]->shift | D_TABLE | D_AF);
            CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
            CHECK_EQ(res.pa, (0x7000000ull << gs[i]->shift) | 0x18);
            /* one bit above the input size is in the gap */
            CHECK(!mt_xl(&e, va | (1ull << inputsize), MMU_ACCESS_READ, 1, &res, &f));
            CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 0, 0b000100);
            as_free(e.as);
        }
    }
}

TEST(tnsz_out_of_range_is_clamped)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = 0x0000008000001000ull;

    mt_env_init(&e);
    /* T0SZ = 8 acts as 16: a 48-bit, level-0 walk */
    e.r.tcr = mt_tcr0(&G4K, 8);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    mt_map(&e, &G4K, e.r.ttbr0, 48, va, 3, 0x50000000ull | D_TABLE | D_AF);
    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x50000000ull);
    /* T0SZ = 48 acts as 39: 25-bit range starting at level 2 */
    e.r.tcr = mt_tcr0(&G4K, 48);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    mt_map(&e, &G4K, e.r.ttbr0, 25, 0x1000, 3, 0x60000000ull | D_TABLE | D_AF);
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x60000000ull);
    CHECK(!mt_xl(&e, 1ull << 25, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 0, 0b000100);
    as_free(e.as);
}

/* ---- TTBR1, the gap, EPD ------------------------------------------------- */

static void check_ttbr1(const MtGran *g)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = 0xffff800012345000ull | 0x678;
    uint64_t oa = 0x0000000087650000ull;

    mt_env_init(&e);
    e.r.tcr = mt_tcr1(g, 16) & ~MMU_TCR_EPD0;
    e.r.tcr |= (uint64_t)g->tg0 << MMU_TCR_TG0_SHIFT | 16;
    e.r.ttbr1 = mt_new_table(&e, g);
    e.r.ttbr0 = mt_new_table(&e, g);
    mt_map(&e, g, e.r.ttbr1, 48, va, 3, oa | D_TABLE | D_AF);
    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, oa | (va & ((1ull << g->shift) - 1)));
    /* the same low bits in the TTBR0 range hit the empty TTBR0 table */
    CHECK(!mt_xl(&e, va & 0x0000ffffffffffffull, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(f.kind, MMU_FAULT_TRANSLATION);
    CHECK_EQ(f.level, mt_start_level(g, 48));
    as_free(e.as);
}

TEST(ttbr1_high_addresses_each_granule)
{
    check_ttbr1(&G4K);
    check_ttbr1(&G16K);
    check_ttbr1(&G64K);
}

TEST(gap_between_ranges_is_level0_translation_fault)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t l1;
    static const uint64_t gap[] = {
        0x0001000000000000ull, /* just above the TTBR0 range */
        0x0080000000000000ull, /* bit 55 set, upper bits clear */
        0xfffe000000000000ull, /* bit 55 set, not all ones above 48 */
        0x7fffffffffffffffull,
        0x8000000000000000ull,
        0xff7fffffffffffffull, /* bit 55 clear, top byte ones */
    };

    mt_env_init(&e);
    e.r.tcr = (5ull << MMU_TCR_IPS_SHIFT) | 16 | (16ull << MMU_TCR_T1SZ_SHIFT) |
              ((uint64_t)G4K.tg1 << MMU_TCR_TG1_SHIFT);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    e.r.ttbr1 = mt_new_table(&e, &G4K);
    /* every VA of both ranges maps (one level-1 table of 1 GiB blocks
     * under every root entry), so only the gap check can fail */
    l1 = mt_new_table(&e, &G4K);
    for (unsigned i = 0; i < 512; i++) {
        mt_put(&e, l1, i, ((uint64_t)i << 30) | D_BLOCK | D_AF);
        mt_put(&e, e.r.ttbr0, i, l1 | D_TABLE);
        mt_put(&e, e.r.ttbr1, i, l1 | D_TABLE);
    }
    CHECK(mt_xl(&e, 0x0000ffffffffffffull, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x7fffffffffull);
    CHECK(mt_xl(&e, 0xffff000000000000ull, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0);
    for (size_t i = 0; i < sizeof(gap) / sizeof(gap[0]); i++) {
        CHECK(!mt_xl(&e, gap[i], MMU_ACCESS_READ, 1, &res, &f));
        CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 0, 0b000100);
    }
    as_free(e.as);
}

TEST(epd0_epd1_disable_walks)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t lo = 0x40201000ull, hi = 0xffffffffc0201000ull;

    mt_env_init(&e);
    e.r.tcr = (5ull << MMU_TCR_IPS_SHIFT) | 16 | (16ull << MMU_TCR_T1SZ_SHIFT) |
              ((uint64_t)G4K.tg1 << MMU_TCR_TG1_SHIFT);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    e.r.ttbr1 = mt_new_table(&e, &G4K);
    mt_map(&e, &G4K, e.r.ttbr0, 48, lo, 3, 0x50000000ull | D_TABLE | D_AF);
    mt_map(&e, &G4K, e.r.ttbr1, 48, hi, 3, 0x60000000ull | D_TABLE | D_AF);
    CHECK(mt_xl(&e, lo, MMU_ACCESS_READ, 1, &res, &f));
    CHECK(mt_xl(&e, hi, MMU_ACCESS_READ, 1, &res, &f));

    e.r.tcr |= MMU_TCR_EPD0;
    CHECK(!mt_xl(&e, lo, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 0, 0b000100);
    CHECK(mt_xl(&e, hi, MMU_ACCESS_READ, 1, &res, &f));

    e.r.tcr ^= MMU_TCR_EPD0 | MMU_TCR_EPD1;
    CHECK(mt_xl(&e, lo, MMU_ACCESS_READ, 1, &res, &f));
    CHECK(!mt_xl(&e, hi, MMU_ACCESS_FETCH, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 0, 0b000100);
    as_free(e.as);
}

TEST(reserved_tg_encodings_act_as_4k)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = 0x0000008040201000ull;

    mt_env_init(&e);
    e.r.tcr = (5ull << MMU_TCR_IPS_SHIFT) | 16 | (3ull << MMU_TCR_TG0_SHIFT) | MMU_TCR_EPD1;
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    mt_map(&e, &G4K, e.r.ttbr0, 48, va, 3, 0x50000000ull | D_TABLE | D_AF);
    CHECK(mt_xl(&e, va | 0xabc, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x50000abcull);
    CHECK_EQ(res.page_shift, 12);
    as_free(e.as);
}

/* ---- descriptor faults --------------------------------------------------- */

TEST(invalid_descriptor_at_each_level)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = 0x0000008040201000ull, slot[4];

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G4K, 16);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    slot[3] = mt_map(&e, &G4K, e.r.ttbr0, 48, va, 3, 0x50000000ull | D_TABLE | D_AF);
    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    /* find the table slots on the way down: level-L slot holds the table
     * containing slot[L+1] */
    slot[0] = e.r.ttbr0 + ((va >> 39) & 511) * 8;
    slot[1] = (mt_get(&e, slot[0]) & 0xfffffffff000ull) + ((va >> 30) & 511) * 8;
    slot[2] = (mt_get(&e, slot[1]) & 0xfffffffff000ull) + ((va >> 21) & 511) * 8;
    CHECK_EQ((mt_get(&e, slot[2]) & 0xfffffffff000ull) + ((va >> 12) & 511) * 8, slot[3]);
    for (int level = 3; level >= 0; level--) {
        uint64_t d = mt_get(&e, slot[level]);
        /* bit 0 clear: invalid, whatever else is set */
        CHECK_EQ(as_write(e.as, slot[level], 8, d & ~1ull), MEMTX_OK);
        CHECK(!mt_xl(&e, va, MMU_ACCESS_WRITE, 0, &res, &f));
        CHECK_FAULT(f, MMU_FAULT_TRANSLATION, level, 0b000100 | level);
        CHECK_EQ(as_write(e.as, slot[level], 8, d), MEMTX_OK);
    }
    as_free(e.as);
}

TEST(access_flag_zero_faults_at_leaf_level)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G4K, 16) | MMU_TCR_HA; /* HA not advertised: ignored */
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    mt_map(&e, &G4K, e.r.ttbr0, 48, 0x1000, 3, 0x50000000ull | D_TABLE);
    mt_map(&e, &G4K, e.r.ttbr0, 48, 0x40000000, 1, 0x80000000ull | D_BLOCK);
    mt_map(&e, &G4K, e.r.ttbr0, 48, 0x00200000, 2, 0x80200000ull | D_BLOCK);
    CHECK(!mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ACCESS_FLAG, 3, 0b001011);
    CHECK(!mt_xl(&e, 0x40000000, MMU_ACCESS_FETCH, 0, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ACCESS_FLAG, 1, 0b001001);
    CHECK(!mt_xl(&e, 0x00200000, MMU_ACCESS_WRITE, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ACCESS_FLAG, 2, 0b001010);
    /* a debug access still translates */
    {
        MmuRequest req = { .va = 0x1008, .access = MMU_ACCESS_READ, .el = 1, .debug = true };
        CHECK(mt_xl_req(&e, &req, &res, &f));
        CHECK_EQ(res.pa, 0x50000008ull);
    }
    as_free(e.as);
}

TEST(external_abort_on_walk_reports_level)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t l0, l1, va = 0x0000008040201000ull;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G4K, 16);
    /* root table in unmapped PA space */
    e.r.ttbr0 = 0x0000000100000000ull;
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_EXT_ABORT_WALK, 0, 0b010100);
    /* level-1 table pointer into nowhere */
    l0 = mt_new_table(&e, &G4K);
    e.r.ttbr0 = l0;
    mt_put(&e, l0, 1, 0x0000000200000000ull | D_TABLE);
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_EXT_ABORT_WALK, 1, 0b010101);
    /* level-3 table pointer into nowhere */
    l1 = mt_new_table(&e, &G4K);
    mt_put(&e, l0, 1, l1 | D_TABLE);
    {
        uint64_t l2 = mt_new_table(&e, &G4K);
        mt_put(&e, l1, 1, l2 | D_TABLE);
        mt_put(&e, l2, 1, 0x0000000300000000ull | D_TABLE);
    }
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_EXT_ABORT_WALK, 3, 0b010111);
    as_free(e.as);
}

TEST(output_address_beyond_ips_is_address_size_fault)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = 0x0000008040201000ull, leaf, l0slot, d, root4k;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G4K, 16);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    leaf = mt_map(&e, &G4K, e.r.ttbr0, 48, va, 3, 0x0000000100000000ull | D_TABLE | D_AF);
    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x0000000100000000ull);

    /* IPS = 0b000: 32-bit output; the page at 4 GiB is out of range */
    e.r.tcr &= ~(7ull << MMU_TCR_IPS_SHIFT);
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ADDRESS_SIZE, 3, 0b000011);
    /* IPS = 0b001: 36 bits, fine again */
    e.r.tcr |= 1ull << MMU_TCR_IPS_SHIFT;
    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));

    /* a table address beyond the output size faults at the level of the
     * table descriptor that holds it */
    l0slot = e.r.ttbr0 + 1 * 8;
    d = mt_get(&e, l0slot);
    mt_put(&e, e.r.ttbr0, 1, d | (1ull << 40));
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ADDRESS_SIZE, 0, 0b000000);
    mt_put(&e, e.r.ttbr0, 1, d);

    /* TTBR base beyond the output size: level 0 */
    e.r.ttbr0 |= 1ull << 37;
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ADDRESS_SIZE, 0, 0b000000);
    e.r.ttbr0 &= ~(1ull << 37);

    /* ... level 0 even when the walk would start at level 1 (64K, 48-bit) */
    root4k = e.r.ttbr0;
    e.r.tcr = mt_tcr0(&G64K, 16) & ~(7ull << MMU_TCR_IPS_SHIFT); /* 32-bit PA */
    e.r.ttbr0 = mt_new_table(&e, &G64K) | (1ull << 33);
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_ADDRESS_SIZE, 0, 0b000000);
    e.r.ttbr0 &= ~(1ull << 33); /* empty level-1 table */
    CHECK(!mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 1, 0b000101);

    /* IPS = 0b110 (52 bits) is capped at the 48-bit PARange */
    e.r.tcr = mt_tcr0(&G4K, 16) | (6ull << MMU_TCR_IPS_SHIFT);
    e.r.ttbr0 = root4k;
    CHECK_EQ(as_write(e.as, leaf, 8, 0x0000800000000000ull | D_TABLE | D_AF), MEMTX_OK);
    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x0000800000000000ull);
    as_free(e.as);
}

TEST(ttbr_low_res0_bits_and_asid_do_not_move_the_table)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = 0x0000008040201000ull;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G4K, 16);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    mt_map(&e, &G4K, e.r.ttbr0, 48, va, 3, 0x50000000ull | D_TABLE | D_AF);
    e.r.ttbr0 |= (0xabcdull << 48) | 0x808 | 1; /* ASID, RES0 bits, CnP */
    CHECK(mt_xl(&e, va, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x50000000ull);
    as_free(e.as);
}
