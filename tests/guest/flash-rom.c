/* Flash at physical 0 is ROM to the guest: loads read it, stores are
 * ignored without a fault (armlet maps flash read-only; QEMU's CFI flash
 * would treat the store as a command). Loads and stores to the same page
 * alternate, so the page's TLB entry must serve both kinds at once. */
#include "guest.h"
#include "sysenv.h"

static uint32_t ld32(uint64_t pa)
{
    uint32_t v;
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(pa) : "memory");
    return v;
}

static void st32(uint64_t pa, uint32_t v)
{
    __asm__ volatile("str %w0, [%1]" :: "r"(v), "r"(pa) : "memory");
}

int test_main(void)
{
    const uint64_t a = 0x100;          /* empty flash: reads as zero */

    install_vectors();
    exc_clear();
    GUEST_CHECK_EQ(ld32(a), 0);
    for (uint32_t i = 1; i <= 3; i++) {
        st32(a, 0x12340000 | i);
        GUEST_CHECK_EQ(ld32(a), 0);
        GUEST_CHECK_EQ(ld32(a + 4), 0);
    }
    GUEST_CHECK_EQ(exc.count, 0);
    return guest_failures;
}
