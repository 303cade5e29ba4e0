/* Self-modifying code (Arm ARM B2.4.4 "Concurrent modification and
 * execution of instructions", D7.5 cache maintenance): write new
 * instructions into a buffer, DC CVAU, DSB, IC IVAU, DSB, ISB, then run
 * them; it must be the NEW code each time, including when the buffer was
 * already translated and run and only one instruction in it changes. */
#include "sysenv.h"

static uint32_t code[64] __attribute__((aligned(64)));

#define MOVZ_W0(imm) (0x52800000u | ((uint32_t)(imm) << 5))
#define RET 0xd65f03c0u

static void sync_code(void *p)
{
    __asm__ volatile("dc cvau, %0\n dsb ish\n ic ivau, %0\n dsb ish\n isb" :: "r"(p) : "memory");
}

static uint64_t call(void)
{
    return ((uint64_t (*)(void))code)();
}

int test_main(void)
{
    install_vectors();
    exc_clear();
    for (unsigned i = 1; i <= 20; i++) {
        ((volatile uint32_t *)code)[0] = MOVZ_W0(i * 3);
        ((volatile uint32_t *)code)[1] = RET;
        sync_code(code);
        GUEST_CHECK_EQ(call(), i * 3);
    }
    /* a longer body: change one instruction in the middle of a block */
    for (unsigned i = 0; i < 8; i++) {
        ((volatile uint32_t *)code)[i] = MOVZ_W0(100 + i);
    }
    ((volatile uint32_t *)code)[8] = RET;
    sync_code(code);
    GUEST_CHECK_EQ(call(), 107);
    ((volatile uint32_t *)code)[7] = MOVZ_W0(555);
    sync_code(&code[7]);
    GUEST_CHECK_EQ(call(), 555);
    /* IC IALLU as the invalidation */
    ((volatile uint32_t *)code)[7] = MOVZ_W0(777);
    __asm__ volatile("dsb ish\n ic iallu\n dsb ish\n isb" ::: "memory");
    GUEST_CHECK_EQ(call(), 777);
    GUEST_CHECK_EQ(exc.count, 0);
    return guest_failures;
}
