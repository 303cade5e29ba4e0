/* The stage-1 MMU permission model, top byte ignore, memory attributes,
 * alignment and ASIDs. Expected values are spelled out from the Arm ARM
 * tables, never taken from the walker's output. */
#include "tests/unit/test.h"

#include "tests/unit/mmu_env.h"

/* ---- permissions --------------------------------------------------------- */

/* Arm ARM "Data access permissions for stage 1 translations", AP[2:1]:
 * 00 EL1 RW / EL0 none, 01 RW / RW, 10 RO / none, 11 RO / RO. */
static const char *const ap_el1[4] = { "rw", "rw", "r-", "r-" };
static const char *const ap_el0[4] = { "--", "rw", "--", "r-" };

/* Instruction execution: EL0 needs UXN = 0; EL1 needs PXN = 0 and the
 * location not writable at EL0 (AP[2:1] != 01). No WXN here. */
static bool expect_allowed(unsigned ap, bool uxn, bool pxn, unsigned el, MmuAccess acc)
{
    const char *rw = el ? ap_el1[ap] : ap_el0[ap];
    switch (acc) {
    case MMU_ACCESS_READ:
        return rw[0] == 'r';
    case MMU_ACCESS_WRITE:
        return rw[1] == 'w';
    case MMU_ACCESS_FETCH:
        return el ? (!pxn && ap != 1) : !uxn;
    }
    return false;
}

static void check_perm_matrix(unsigned leaf_level)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = 0x0000000080000000ull | 0x2468, slot, oa = 0x0000000040000000ull;

    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G4K, 16);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    slot = mt_map(&e, &G4K, e.r.ttbr0, 48, va, leaf_level, 0);
    for (unsigned ap = 0; ap < 4; ap++) {
        for (unsigned xn = 0; xn < 4; xn++) {
            bool uxn = xn & 1, pxn = xn & 2;
            uint64_t d = oa | (leaf_level == 3 ? D_TABLE : D_BLOCK) | D_AF | D_AP(ap) |
                         (uxn ? D_UXN : 0) | (pxn ? D_PXN : 0);

            CHECK_EQ(as_write(e.as, slot, 8, d), MEMTX_OK);
            for (unsigned el = 0; el < 2; el++) {
                unsigned want_prot = 0;
                for (int acc = 0; acc < 3; acc++) {
                    if (expect_allowed(ap, uxn, pxn, el, (MmuAccess)acc)) {
                        want_prot |= acc == MMU_ACCESS_READ ? MMU_PROT_R
                                   : acc == MMU_ACCESS_WRITE ? MMU_PROT_W : MMU_PROT_X;
                    }
                }
                for (int acc = 0; acc < 3; acc++) {
                    bool ok = mt_xl(&e, va, (MmuAccess)acc, el, &res, &f);
                    if (ok != expect_allowed(ap, uxn, pxn, el, (MmuAccess)acc)) {
                        test_failed(__FILE__, __LINE__, "ap=%u uxn=%d pxn=%d el=%u acc=%d: %s",
                                    ap, uxn, pxn, el, acc, ok ? "allowed" : "faulted");
                    }
                    if (ok) {
                        CHECK_EQ(res.prot, want_prot);
                        CHECK_EQ(res.pa, oa + (va & ((1ull << (leaf_level == 3 ? 12 : 21)) - 1)));
                    } else {
                        CHECK_FAULT(f, MMU_FAULT_PERMISSION, leaf_level, 0b001100 | leaf_level);
                    }
                }
            }
        }
    }
    as_free(e.as);
}

TEST(permission_matrix_page_and_block)
{
    check_perm_matrix(3);
    check_perm_matrix(2);
}

static bool access_ok(MtEnv *e, uint64_t va, MmuAccess acc, unsigned el, bool unpriv)
{
    MmuRequest req = { .va = va, .access = acc, .el = (uint8_t)el, .unpriv = unpriv };
    MmuResult res;
    MmuFault f;
    bool ok = mt_xl_req(e, &req, &res, &f);
    if (!ok) {
        CHECK_EQ(f.kind, MMU_FAULT_PERMISSION);
        CHECK_EQ(f.fsc, 0b001111);
    }
    return ok;
}

TEST(unprivileged_access_from_el1_uses_el0_permissions)
{
    MtEnv e;

    mt_setup_page(&e, 0x1000, D_AP(0), 0); /* EL1 only */
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_READ, 1, false));
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_WRITE, 1, false));
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_READ, 1, true));
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_WRITE, 1, true));
    as_free(e.as);

    mt_setup_page(&e, 0x1000, D_AP(3), 0); /* read-only at both */
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_READ, 1, true));
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_WRITE, 1, true));
    as_free(e.as);

    mt_setup_page(&e, 0x1000, D_AP(1), 0); /* EL0 read/write */
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_WRITE, 1, true));
    /* unprivileged does not apply to instruction fetch: EL1 still cannot
     * execute EL0-writable memory */
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, true));
    as_free(e.as);
}

TEST(wxn_makes_writable_memory_execute_never)
{
    MtEnv e;

    mt_setup_page(&e, 0x1000, D_AP(0), 0);
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    e.r.sctlr |= MMU_SCTLR_WXN;
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_WRITE, 1, false));
    as_free(e.as);

    /* read-only memory stays executable */
    mt_setup_page(&e, 0x1000, D_AP(2), 0);
    e.r.sctlr |= MMU_SCTLR_WXN;
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    as_free(e.as);

    /* EL0: writable at EL0 -> no EL0 execution; EL0 read-only is fine */
    mt_setup_page(&e, 0x1000, D_AP(1), 0);
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 0, false));
    e.r.sctlr |= MMU_SCTLR_WXN;
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 0, false));
    as_free(e.as);
    mt_setup_page(&e, 0x1000, D_AP(3), 0);
    e.r.sctlr |= MMU_SCTLR_WXN;
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 0, false));
    as_free(e.as);
}

TEST(el1_cannot_execute_el0_writable_memory)
{
    MtEnv e;

    mt_setup_page(&e, 0x1000, D_AP(1), 0);
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 0, false));
    as_free(e.as);
    /* EL0 read-only but executable at EL1 */
    mt_setup_page(&e, 0x1000, D_AP(3), 0);
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    as_free(e.as);
}

TEST(hierarchical_table_attributes)
{
    MtEnv e;

    /* APTable[1]: no writes below, at any EL */
    mt_setup_page(&e, 0x1000, D_AP(1), T_AP1);
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_READ, 0, false));
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_WRITE, 0, false));
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_WRITE, 1, false));
    /* no longer EL0-writable, so EL1 may execute it */
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    as_free(e.as);

    /* APTable[0]: no EL0 data access below; EL1 keeps its rights */
    mt_setup_page(&e, 0x1000, D_AP(1), T_AP0);
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_READ, 0, false));
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_READ, 1, true));
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_WRITE, 1, false));
    /* not EL0-writable any more either: EL1 execution allowed */
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    /* EL0 execution is governed by UXN alone */
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 0, false));
    as_free(e.as);

    /* UXNTable / PXNTable */
    mt_setup_page(&e, 0x1000, D_AP(3), T_UXN);
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 0, false));
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_READ, 0, false));
    as_free(e.as);
    mt_setup_page(&e, 0x1000, D_AP(3), T_PXN);
    CHECK(access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 0, false));
    CHECK(!access_ok(&e, 0x1000, MMU_ACCESS_FETCH, 1, false));
    as_free(e.as);
}

TEST(table_attributes_apply_only_below_their_table)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t l1, l2;

    /* 1 GiB block at level 1 next to a level-1 table with APTable[1]: the
     * block is not under that table and stays writable */
    mt_env_init(&e);
    e.r.tcr = mt_tcr0(&G4K, 16);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    l1 = mt_new_table(&e, &G4K);
    l2 = mt_new_table(&e, &G4K);
    mt_put(&e, e.r.ttbr0, 0, l1 | D_TABLE);
    mt_put(&e, l1, 0, l2 | D_TABLE | T_AP1);
    mt_put(&e, l2, 0, 0x80000000ull | D_BLOCK | D_AF);
    mt_put(&e, l1, 1, 0xc0000000ull | D_BLOCK | D_AF);
    CHECK(!mt_xl(&e, 0x1000, MMU_ACCESS_WRITE, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_PERMISSION, 2, 0b001110);
    CHECK(mt_xl(&e, 0x40001000, MMU_ACCESS_WRITE, 1, &res, &f));
    CHECK_EQ(res.pa, 0xc0001000ull);
    as_free(e.as);
}

TEST(pan_hook_blocks_el1_data_access_to_el0_pages)
{
    MtEnv e;
    MmuRequest req = { .va = 0x1000, .access = MMU_ACCESS_READ, .el = 1, .pan = true };
    MmuResult res;
    MmuFault f;

    mt_setup_page(&e, 0x1000, D_AP(3), 0);
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_PERMISSION, 3, 0b001111);
    /* unprivileged accesses are not affected, nor are fetches */
    req.unpriv = true;
    CHECK(mt_xl_req(&e, &req, &res, &f));
    req.unpriv = false;
    req.access = MMU_ACCESS_FETCH;
    CHECK(mt_xl_req(&e, &req, &res, &f));
    as_free(e.as);
    /* EL1-only pages are not affected */
    mt_setup_page(&e, 0x1000, D_AP(0), 0);
    req.access = MMU_ACCESS_WRITE;
    CHECK(mt_xl_req(&e, &req, &res, &f));
    as_free(e.as);
}

TEST(debug_access_skips_permission_checks)
{
    MtEnv e;
    MmuRequest req = { .va = 0x1010, .access = MMU_ACCESS_WRITE, .el = 0, .debug = true };
    MmuResult res;
    MmuFault f;

    mt_setup_page(&e, 0x1000, D_AP(2) | D_UXN | D_PXN, 0);
    CHECK(mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(res.pa, 0x50000010ull);
    CHECK_EQ(res.prot, 0); /* EL0 has no rights here */
    req.debug = false;
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(f.kind, MMU_FAULT_PERMISSION);
    as_free(e.as);
}

/* ---- top byte ignore ------------------------------------------------------ */

TEST(tbi_applies_to_data_not_to_fetch)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t va = 0x0000008040201000ull, tagged = 0x5a00008040201000ull;
    uint64_t hi = 0xffff800000003000ull, hi_tagged = 0x3cff800000003000ull;

    mt_env_init(&e);
    e.r.tcr = (5ull << MMU_TCR_IPS_SHIFT) | 16 | (16ull << MMU_TCR_T1SZ_SHIFT) |
              ((uint64_t)G4K.tg1 << MMU_TCR_TG1_SHIFT);
    e.r.ttbr0 = mt_new_table(&e, &G4K);
    e.r.ttbr1 = mt_new_table(&e, &G4K);
    mt_map(&e, &G4K, e.r.ttbr0, 48, va, 3, 0x50000000ull | D_TABLE | D_AF);
    mt_map(&e, &G4K, e.r.ttbr1, 48, hi, 3, 0x60000000ull | D_TABLE | D_AF);

    /* TBI off: the tag makes the address fall in the gap */
    CHECK(!mt_xl(&e, tagged, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 0, 0b000100);
    CHECK(!mt_xl(&e, hi_tagged, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 0, 0b000100);

    e.r.tcr |= MMU_TCR_TBI0;
    CHECK(mt_xl(&e, tagged | 0x44, MMU_ACCESS_WRITE, 1, &res, &f));
    CHECK_EQ(res.pa, 0x50000044ull);
    CHECK(!mt_xl(&e, tagged, MMU_ACCESS_FETCH, 1, &res, &f));
    CHECK_FAULT(f, MMU_FAULT_TRANSLATION, 0, 0b000100);
    CHECK(mt_xl(&e, va, MMU_ACCESS_FETCH, 1, &res, &f));
    /* TBI0 does not cover the TTBR1 range */
    CHECK(!mt_xl(&e, hi_tagged, MMU_ACCESS_READ, 1, &res, &f));

    e.r.tcr |= MMU_TCR_TBI1;
    CHECK(mt_xl(&e, hi_tagged, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.pa, 0x60000000ull);
    CHECK(!mt_xl(&e, hi_tagged, MMU_ACCESS_FETCH, 1, &res, &f));
    as_free(e.as);
}

/* ---- attributes and alignment --------------------------------------------- */

TEST(mair_attribute_decode)
{
    MmuAttrs a;

    mmu_decode_attr(0x00, &a);
    CHECK_EQ(a.type, MMU_MEM_DEVICE_nGnRnE);
    CHECK_EQ(a.sh, MMU_SH_OUTER);
    mmu_decode_attr(0x04, &a);
    CHECK_EQ(a.type, MMU_MEM_DEVICE_nGnRE);
    mmu_decode_attr(0x08, &a);
    CHECK_EQ(a.type, MMU_MEM_DEVICE_nGRE);
    mmu_decode_attr(0x0c, &a);
    CHECK_EQ(a.type, MMU_MEM_DEVICE_GRE);
    mmu_decode_attr(0xff, &a); /* Normal, WB RW-allocate, inner and outer */
    CHECK_EQ(a.type, MMU_MEM_NORMAL);
    CHECK_EQ(a.inner, MMU_CACHE_WB);
    CHECK_EQ(a.outer, MMU_CACHE_WB);
    mmu_decode_attr(0x44, &a);
    CHECK_EQ(a.type, MMU_MEM_NORMAL);
    CHECK_EQ(a.inner, MMU_CACHE_NC);
    CHECK_EQ(a.outer, MMU_CACHE_NC);
    mmu_decode_attr(0xbb, &a); /* WT non-transient */
    CHECK_EQ(a.inner, MMU_CACHE_WT);
    CHECK_EQ(a.outer, MMU_CACHE_WT);
    mmu_decode_attr(0x4f, &a); /* outer NC, inner WB */
    CHECK_EQ(a.outer, MMU_CACHE_NC);
    CHECK_EQ(a.inner, MMU_CACHE_WB);
    mmu_decode_attr(0x17, &a); /* outer WT transient, inner WB transient */
    CHECK_EQ(a.outer, MMU_CACHE_WT);
    CHECK_EQ(a.inner, MMU_CACHE_WB);
}

TEST(walk_resolves_attrindx_through_mair)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t slot;

    slot = mt_setup_page(&e, 0x1000, D_ATTR(ATTR_DEV), 0);
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.attrs.type, MMU_MEM_DEVICE_nGnRnE);
    CHECK_EQ(res.attrs.attr, 0x00);
    CHECK_EQ(as_write(e.as, slot, 8, 0x50000000ull | D_TABLE | D_AF | D_ATTR(2)), MEMTX_OK);
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.attrs.type, MMU_MEM_DEVICE_nGnRE);
    CHECK_EQ(as_write(e.as, slot, 8,
                      0x50000000ull | D_TABLE | D_AF | D_ATTR(ATTR_WB) | D_SH_INNER), MEMTX_OK);
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.attrs.type, MMU_MEM_NORMAL);
    CHECK_EQ(res.attrs.inner, MMU_CACHE_WB);
    CHECK_EQ(res.attrs.sh, MMU_SH_INNER);
    /* SCTLR.C = 0: data accesses to Normal memory are Non-cacheable */
    e.r.sctlr &= ~MMU_SCTLR_C;
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.attrs.type, MMU_MEM_NORMAL);
    CHECK_EQ(res.attrs.inner, MMU_CACHE_NC);
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_FETCH, 1, &res, &f));
    CHECK_EQ(res.attrs.inner, MMU_CACHE_WB);
    /* attribute index 7 reads the top MAIR byte */
    e.r.mair |= 0x0cull << 56;
    CHECK_EQ(as_write(e.as, slot, 8, 0x50000000ull | D_TABLE | D_AF | D_ATTR(7)), MEMTX_OK);
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.attrs.type, MMU_MEM_DEVICE_GRE);
    as_free(e.as);
}

TEST(alignment_function)
{
    MmuAttrs dev, normal;

    mmu_decode_attr(0x04, &dev);
    mmu_decode_attr(0xff, &normal);
    CHECK(mmu_alignment_fault(0, &dev, 0x1002, 4));
    CHECK(!mmu_alignment_fault(0, &dev, 0x1004, 4));
    CHECK(!mmu_alignment_fault(0, &dev, 0x1003, 1));
    CHECK(mmu_alignment_fault(0, &dev, 0x1004, 8));
    CHECK(!mmu_alignment_fault(0, &normal, 0x1002, 4));
    CHECK(mmu_alignment_fault(MMU_SCTLR_A, &normal, 0x1002, 4));
    CHECK(mmu_alignment_fault(MMU_SCTLR_A, NULL, 0x1001, 2));
    CHECK(!mmu_alignment_fault(0, NULL, 0x1001, 2));
    CHECK(!mmu_alignment_fault(MMU_SCTLR_A, &normal, 0x1008, 8));
}

TEST(alignment_faults_in_the_walk_and_their_priority)
{
    MtEnv e;
    MmuRequest req = { .va = 0x1002, .access = MMU_ACCESS_READ, .el = 1, .size = 4 };
    MmuResult res;
    MmuFault f;

    /* Device page: unaligned faults, aligned is fine */
    mt_setup_page(&e, 0x1000, D_ATTR(ATTR_DEV) | D_AP(2), 0);
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(f.kind, MMU_FAULT_ALIGNMENT);
    CHECK_EQ(f.fsc, 0b100001);
    req.va = 0x1004;
    CHECK(mt_xl_req(&e, &req, &res, &f));
    /* the Device alignment fault comes before the permission fault */
    req.va = 0x1002;
    req.access = MMU_ACCESS_WRITE;
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(f.kind, MMU_FAULT_ALIGNMENT);
    as_free(e.as);

    /* Normal page: unaligned is fine unless SCTLR.A */
    mt_setup_page(&e, 0x1000, D_ATTR(ATTR_WB), 0);
    req.access = MMU_ACCESS_READ;
    CHECK(mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(res.pa, 0x50000002ull);
    e.r.sctlr |= MMU_SCTLR_A;
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(f.kind, MMU_FAULT_ALIGNMENT);
    /* SCTLR.A is checked before translation: an unmapped VA reports the
     * alignment fault */
    req.va = 0x7000002;
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(f.kind, MMU_FAULT_ALIGNMENT);
    req.size = 0; /* no alignment check requested: the translation fault */
    CHECK(!mt_xl_req(&e, &req, &res, &f));
    CHECK_EQ(f.kind, MMU_FAULT_TRANSLATION);
    as_free(e.as);
}

/* ---- ASID and nG ----------------------------------------------------------- */

TEST(asid_8_and_16_bit_and_a1_select)
{
    MmuRegime r = {
        .ttbr0 = (0x12abull << 48) | 0x40000000ull,
        .ttbr1 = (0x34cdull << 48) | 0x40010000ull,
    };

    CHECK_EQ(mmu_asid(&r), 0xab);
    r.tcr = MMU_TCR_AS;
    CHECK_EQ(mmu_asid(&r), 0x12ab);
    r.tcr = MMU_TCR_A1;
    CHECK_EQ(mmu_asid(&r), 0xcd);
    r.tcr = MMU_TCR_A1 | MMU_TCR_AS;
    CHECK_EQ(mmu_asid(&r), 0x34cd);
}

TEST(walk_reports_ng_and_asid)
{
    MtEnv e;
    MmuResult res;
    MmuFault f;
    uint64_t slot;

    slot = mt_setup_page(&e, 0x1000, D_NG, 0);
    e.r.ttbr0 |= 0x0102ull << 48;
    e.r.ttbr1 = 0x0304ull << 48;
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK(!res.global);
    CHECK_EQ(res.asid, 0x02);
    e.r.tcr |= MMU_TCR_AS;
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.asid, 0x0102);
    /* A1: the ASID comes from TTBR1 even for a TTBR0 walk */
    e.r.tcr |= MMU_TCR_A1;
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK_EQ(res.asid, 0x0304);
    CHECK_EQ(as_write(e.as, slot, 8, 0x50000000ull | D_TABLE | D_AF), MEMTX_OK);
    CHECK(mt_xl(&e, 0x1000, MMU_ACCESS_READ, 1, &res, &f));
    CHECK(res.global);
    as_free(e.as);
}
