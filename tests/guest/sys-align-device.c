/* Unaligned accesses to Device memory take an Alignment fault whatever
 * SCTLR_EL1.A says (Arm ARM B2.5.2 "Alignment of data accesses"). With the
 * MMU off every data access is Device-nGnRnE (D8.2.x "The effects of
 * disabling address translation"), so an unaligned load from RAM faults:
 * DFSC 0b100001, FAR = the address. Aligned accesses and byte accesses do
 * not. */
#include "sysenv.h"

static uint64_t buf[4] __attribute__((aligned(16)));

/* Single load/store instructions at a possibly unaligned address: written
 * in assembly because the compiler (-mstrict-align) would split a plain C
 * access it can see is misaligned into byte accesses. */
static inline uint64_t ldr64(uint64_t va)
{
    uint64_t v;
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(va) : "memory");
    return v;
}

static inline uint32_t ldr32(uint64_t va)
{
    uint32_t v;
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(va) : "memory");
    return v;
}

static inline void strh(uint64_t va, uint16_t v)
{
    __asm__ volatile("strh %w0, [%1]" :: "r"(v), "r"(va) : "memory");
}

int test_main(void)
{
    volatile uint8_t *b = (volatile uint8_t *)buf;
    uint64_t va = (uint64_t)buf + 4;

    install_vectors();
    exc_clear();
    (void)ldr64((uint64_t)buf);
    (void)ldr32(va);
    (void)b[3];
    GUEST_CHECK_EQ(exc.count, 0);

    (void)ldr64(va);
    GUEST_CHECK_EQ(exc.count, 1);
    GUEST_CHECK_EQ(EC(exc.esr), 0x25);
    GUEST_CHECK_EQ(exc.esr & 0x3f, 0x21);
    GUEST_CHECK_EQ(exc.far, va);

    exc_clear();
    strh((uint64_t)buf + 1, 0);
    GUEST_CHECK_EQ(exc.count, 1);
    GUEST_CHECK_EQ(exc.esr & 0x7f, 0x61);          /* WnR, alignment */
    return guest_failures;
}
