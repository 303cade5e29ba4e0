/* The stage-1 MMU end to end, with the 4 KiB and then the 64 KiB granule
 * (Arm ARM D8, VMSAv8-64): an identity map plus test pages; a remapped
 * page and TLBI making a changed mapping visible; translation, access-flag
 * and permission faults on data accesses (EL1 and EL0) and instruction
 * fetches, with the DFSC/IFSC, WnR and FAR they report; alignment faults
 * with SCTLR_EL1.A; AT into PAR_EL1; DC ZVA through a
 * remapped VA. */
#include "sysenv.h"

#define RAM        0x40000000ull
#define TR         0x40400000ull        /* the test VAs */
#define P_A        0x40600000ull        /* physical pages for the remap */
#define P_B        0x40610000ull

/* descriptor bits (VMSAv8-64 descriptor formats) */
#define D_PAGE     3ull                  /* level 3 page / table descriptor */
#define D_BLOCK    1ull
#define D_DEV      (0ull << 2)           /* AttrIndx 0: Device-nGnRnE */
#define D_NORMAL   (1ull << 2)           /* AttrIndx 1: Normal write-back */
#define D_AP(x)    ((uint64_t)(x) << 6)
#define D_SH       (3ull << 8)
#define D_AF       (1ull << 10)
#define D_PXN      (1ull << 53)
#define D_UXN      (1ull << 54)
#define NORMAL     (D_NORMAL | D_SH | D_AF)

static uint64_t tab4k_l1[512] __attribute__((aligned(4096)));
static uint64_t tab4k_l2[512] __attribute__((aligned(4096)));
static uint64_t tab4k_l3[512] __attribute__((aligned(4096)));
static uint64_t tab64k_l2[1024] __attribute__((aligned(65536)));
static uint64_t tab64k_l3[8192] __attribute__((aligned(65536)));

static unsigned gshift;                  /* 12 or 16 */
static uint64_t *leaf;                   /* the level 3 table of TR */
static uint64_t leaf_base;               /* VA of leaf[0] */

#define VA(n) (TR + ((uint64_t)(n) << gshift))
enum { PG_RW, PG_REMAP, PG_HOLE, PG_RO, PG_NOAF, PG_EL0, PG_XN, PG_COUNT };

/* EL0 probe: load from the address in x0 without touching the stack. */
__asm__(".text\n.global el0_load\nel0_load:\n ldr x0, [x0]\n ret\n");
uint64_t el0_load(uint64_t va);

static void set_leaf(uint64_t va, uint64_t desc)
{
    leaf[(va - leaf_base) >> gshift] = desc;
}

static void build_tables(void)
{
    if (gshift == 12) {
        /* T0SZ 25: level 1 start; 1 GiB device block for the UART, 2 MiB
         * normal blocks for RAM, one level 3 table for TR */
        tab4k_l1[0] = 0 | D_BLOCK | D_DEV | D_AF | D_PXN | D_UXN;
        tab4k_l1[1] = (uint64_t)tab4k_l2 | D_PAGE;
        for (unsigned i = 0; i < 64; i++) {
            tab4k_l2[i] = (RAM + ((uint64_t)i << 21)) | D_BLOCK | NORMAL;
        }
        tab4k_l2[(TR - RAM) >> 21] = (uint64_t)tab4k_l3 | D_PAGE;
        leaf = tab4k_l3;
        leaf_base = TR;
        for (unsigned i = 0; i < 512; i++) {
            leaf[i] = (TR + ((uint64_t)i << 12)) | D_PAGE | NORMAL;
        }
    } else {
        /* T0SZ 25 with 64 KiB: level 2 start (512 MiB entries) */
        tab64k_l2[0] = 0 | D_BLOCK | D_DEV | D_AF | D_PXN | D_UXN;
        tab64k_l2[2] = (uint64_t)tab64k_l3 | D_PAGE;
        leaf = tab64k_l3;
        leaf_base = RAM;
        for (unsigned i = 0; i < 8192; i++) {
            leaf[i] = (RAM + ((uint64_t)i << 16)) | D_PAGE | NORMAL;
        }
    }
    set_leaf(VA(PG_REMAP), P_A | D_PAGE | NORMAL);
    set_leaf(VA(PG_HOLE), 0);
    set_leaf(VA(PG_RO), VA(PG_RO) | D_PAGE | NORMAL | D_AP(2));
    set_leaf(VA(PG_NOAF), VA(PG_NOAF) | D_PAGE | D_NORMAL | D_SH);
    set_leaf(VA(PG_EL0), VA(PG_EL0) | D_PAGE | NORMAL | D_AP(1) | D_UXN);
    set_leaf(VA(PG_XN), VA(PG_XN) | D_PAGE | NORMAL | D_PXN);
}

static void mmu_enable(void)
{
    uint64_t tcr = 25 | 1u << 8 | 1u << 10 | 3u << 12 | 1u << 23 | 5ull << 32;

    if (gshift == 16) {
        tcr |= 1u << 14;                                   /* TG0 = 64K */
    }
    build_tables();
    DSB();
    WRITE_SYSREG(mair_el1, 0xff00);
    WRITE_SYSREG(tcr_el1, tcr);
    WRITE_SYSREG(ttbr0_el1, gshift == 12 ? (uint64_t)tab4k_l1 : (uint64_t)tab64k_l2);
    ISB();
    __asm__ volatile("tlbi vmalle1\n dsb sy\n isb" ::: "memory");
    WRITE_SYSREG(sctlr_el1, READ_SYSREG(sctlr_el1) | 1 | 1u << 2 | 1u << 12);
    ISB();
}

static void mmu_disable(void)
{
    WRITE_SYSREG(sctlr_el1, READ_SYSREG(sctlr_el1) & ~(uint64_t)1);
    ISB();
    __asm__ volatile("tlbi vmalle1\n dsb sy\n isb" ::: "memory");
}

/* One 64-bit load/store instruction each, in assembly so that the compiler
 * (-mstrict-align) never splits an access the test makes unaligned. */
static uint64_t rd(uint64_t va)
{
    uint64_t v;
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(va) : "memory");
    return v;
}

static void wr(uint64_t va, uint64_t v)
{
    __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(va) : "memory");
}

static uint64_t at(uint64_t va, int op)
{
    switch (op) {
    case 0: __asm__ volatile("at s1e1r, %0" :: "r"(va)); break;
    case 1: __asm__ volatile("at s1e1w, %0" :: "r"(va)); break;
    default: __asm__ volatile("at s1e0r, %0" :: "r"(va)); break;
    }
    ISB();
    return READ_SYSREG(par_el1);
}

/* Check the last exception was a data/instruction abort with this EC and
 * status code (and WnR) at this address. */
static void check_abort(unsigned ec, unsigned fsc, unsigned wnr, uint64_t far)
{
    GUEST_CHECK_EQ(exc.count, 1);
    GUEST_CHECK_EQ(EC(exc.esr), ec);
    GUEST_CHECK_EQ(exc.esr & 0x3f, fsc);
    GUEST_CHECK_EQ((exc.esr >> 6) & 1, wnr);
    GUEST_CHECK_EQ(exc.far, far);
    exc_clear();
}

static void run_granule(unsigned shift)
{
    uint64_t v;

    gshift = shift;
    wr(P_A, 0x1111);
    wr(P_B, 0x2222);
    mmu_enable();
    exc_clear();

    /* identity and remap */
    wr(VA(PG_RW) + 8, 0xabcd);
    GUEST_CHECK_EQ(rd(VA(PG_RW) + 8), 0xabcd);
    GUEST_CHECK_EQ(rd(VA(PG_REMAP)), 0x1111);
    /* change the mapping; after TLBI VAE1 the new page is used */
    set_leaf(VA(PG_REMAP), P_B | D_PAGE | NORMAL);
    DSB();
    __asm__ volatile("tlbi vae1, %0\n dsb sy\n isb" :: "r"(VA(PG_REMAP) >> 12) : "memory");
    GUEST_CHECK_EQ(rd(VA(PG_REMAP)), 0x2222);
    wr(VA(PG_REMAP) + 16, 0x3333);
    GUEST_CHECK_EQ(rd(P_B + 16), 0x3333);
    GUEST_CHECK_EQ(exc.count, 0);

    /* AT: success reports the PA and the attributes */
    v = at(VA(PG_REMAP) + 0x10, 0);
    GUEST_CHECK_EQ(v & 1, 0);
    GUEST_CHECK_EQ(v & 0xfffffffff000ull, P_B);
    GUEST_CHECK_EQ(v >> 56, 0xff);
    GUEST_CHECK_EQ((v >> 7) & 3, 3);
    /* ... faults report F and FST: permission (write to RO), translation,
     * EL0 read of an EL1 page */
    v = at(VA(PG_RO), 1);
    GUEST_CHECK_EQ(v & 0x7f, 1 | 0x0f << 1);
    v = at(VA(PG_HOLE), 0);
    GUEST_CHECK_EQ(v & 0x7f, 1 | 0x07 << 1);
    v = at(VA(PG_RW), 2);
    GUEST_CHECK_EQ(v & 0x7f, 1 | 0x0f << 1);
    GUEST_CHECK_EQ(exc.count, 0);

    /* data aborts at EL1: translation L3 (0x07), permission L3 (0x0f) on
     * a write, access flag L3 (0x0b) */
    rd(VA(PG_HOLE) + 0x18);
    check_abort(0x25, 0x07, 0, VA(PG_HOLE) + 0x18);
    GUEST_CHECK_EQ(rd(VA(PG_RO)), 0);
    wr(VA(PG_RO) + 8, 1);
    check_abort(0x25, 0x0f, 1, VA(PG_RO) + 8);
    rd(VA(PG_NOAF));
    check_abort(0x25, 0x0b, 0, VA(PG_NOAF));

    /* EL0: an EL1-only page faults (permission, from a lower EL), an
     * EL0 page works */
    wr(VA(PG_EL0), 0x4444);
    GUEST_CHECK_EQ(run_el0(el0_load, VA(PG_EL0)), 0x4444);
    GUEST_CHECK_EQ(exc.count, 0);
    run_el0(el0_load, VA(PG_RW) + 8);
    check_abort(0x24, 0x0f, 0, VA(PG_RW) + 8);

    /* instruction aborts: a PXN page and a hole (ELR = FAR = the target) */
    *(volatile uint32_t *)VA(PG_XN) = 0xd65f03c0;        /* ret */
    __asm__ volatile("dc cvau, %0\n dsb sy\n ic ivau, %0\n dsb sy\n isb" :: "r"(VA(PG_XN)));
    ((void (*)(void))VA(PG_XN))();
    GUEST_CHECK_EQ(exc.elr, VA(PG_XN));
    check_abort(0x21, 0x0f, 0, VA(PG_XN));
    ((void (*)(void))VA(PG_HOLE))();
    check_abort(0x21, 0x07, 0, VA(PG_HOLE));

    /* alignment: Normal memory checks only with SCTLR_EL1.A (Device
     * memory always does: tests/guest/sys-align-device.c) */
    rd(VA(PG_RW) + 4);
    GUEST_CHECK_EQ(exc.count, 0);
    WRITE_SYSREG(sctlr_el1, READ_SYSREG(sctlr_el1) | 2);
    ISB();
    rd(VA(PG_RW) + 4);
    check_abort(0x25, 0x21, 0, VA(PG_RW) + 4);
    WRITE_SYSREG(sctlr_el1, READ_SYSREG(sctlr_el1) & ~2ull);
    ISB();

    /* DC ZVA through the remapped VA zeroes the physical page behind it */
    wr(P_B + 0x40, 0x5555);
    __asm__ volatile("dc zva, %0" :: "r"(VA(PG_REMAP) + 0x48) : "memory");
    GUEST_CHECK_EQ(rd(P_B + 0x40), 0);
    GUEST_CHECK_EQ(rd(P_B + 16), 0x3333);

    mmu_disable();
    GUEST_CHECK_EQ(exc.count, 0);
}

int test_main(void)
{
    install_vectors();
    guest_puts("4K granule\r\n");
    run_granule(12);
    guest_puts("64K granule\r\n");
    run_granule(16);
    return guest_failures;
}
