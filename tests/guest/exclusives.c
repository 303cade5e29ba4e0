/* Exclusives and LSE atomics on the bare machine (Arm ARM B2.9, C6.2).
 *
 * What the architecture requires and this test checks: a store-exclusive
 * with no preceding load-exclusive fails; CLREX makes the next one fail;
 * an exception return clears the local monitor (so LDXR; SVC; ERET; STXR
 * fails); the status register is 0 on success, 1 on failure.
 * What armlet guarantees on top (IMPLEMENTATION DEFINED in the Arm ARM,
 * which lets a store by the same PE to the marked address leave the
 * monitor set): a store that changes the monitored data between LDXR and
 * STXR makes the STXR fail, since armlet's check compares the data
 * (target-arm/helper-ldst.h). LSE atomics return the old value and leave
 * op(old, operand) in memory. */
#include "guest.h"

static volatile uint64_t cell __attribute__((aligned(64)));
static volatile uint64_t pair[2] __attribute__((aligned(16)));

/* A vector table whose only used entry (current EL with SP_ELx,
 * synchronous: +0x200, D1.10.2) returns at once: SVC's preferred return
 * address is the next instruction, so ERET resumes after it. Every other
 * entry spins. */
__asm__(".text\n"
        ".balign 2048\n"
        "excl_vectors:\n"
        ".rept 4\n"
        ".balign 128\n"
        "1: b 1b\n"
        ".endr\n"
        ".balign 128\n"
        "eret\n"
        ".rept 11\n"
        ".balign 128\n"
        "1: b 1b\n"
        ".endr\n");

static void install_vectors(void)
{
    extern char excl_vectors[];

    __asm__ volatile("msr vbar_el1, %0\n isb" :: "r"(excl_vectors) : "memory");
}

static uint64_t ldxr_stxr(volatile uint64_t *p, uint64_t newv, uint64_t *old)
{
    uint64_t status, o;

    __asm__ volatile("ldxr %1, [%2]\n"
                     "stxr %w0, %3, [%2]\n"
                     : "=&r"(status), "=&r"(o) : "r"(p), "r"(newv) : "memory");
    *old = o;
    return status;
}

static void check_basic(void)
{
    uint64_t old = 0, status;

    cell = 41;
    status = ldxr_stxr(&cell, 42, &old);
    GUEST_CHECK_EQ(status, 0);
    GUEST_CHECK_EQ(old, 41);
    GUEST_CHECK_EQ(cell, 42);

    /* no load-exclusive in front (the previous STXR opened the monitor) */
    __asm__ volatile("mov x1, #7\n stxr w0, x1, [%1]\n mov %0, x0"
                     : "=r"(status) : "r"(&cell) : "x0", "x1", "memory");
    GUEST_CHECK_EQ(status, 1);
    GUEST_CHECK_EQ(cell, 42);
}

static void check_clrex_and_intervening_store(void)
{
    uint64_t status;

    /* B2.9: CLREX clears the local monitor */
    __asm__ volatile("ldxr x1, [%1]\n clrex\n stxr w0, x1, [%1]\n mov %0, x0"
                     : "=r"(status) : "r"(&cell) : "x0", "x1", "memory");
    GUEST_CHECK_EQ(status, 1);

    /* armlet: a changing store between LDXR and STXR makes it fail */
    __asm__ volatile("ldxr x1, [%1]\n"
                     "add x2, x1, #1\n"
                     "str x2, [%1]\n"
                     "stxr w0, x1, [%1]\n"
                     "mov %0, x0"
                     : "=r"(status) : "r"(&cell) : "x0", "x1", "x2", "memory");
    GUEST_CHECK_EQ(status, 1);
    GUEST_CHECK_EQ(cell, 43);

    /* and an untouched one succeeds, acquire/release forms too */
    __asm__ volatile("ldaxr w1, [%1]\n add w1, w1, #2\n stlxr w0, w1, [%1]\n mov %0, x0"
                     : "=r"(status) : "r"(&cell) : "x0", "x1", "memory");
    GUEST_CHECK_EQ(status, 0);
    GUEST_CHECK_EQ(cell, 45);
}

static void check_exception_return(void)
{
    uint64_t status;

    /* SVC: exception entry, then ERET from the vector; the return clears
     * the monitor (AArch64.ExceptionReturn: ClearExclusiveLocal) */
    __asm__ volatile("ldxr x1, [%1]\n svc #0\n stxr w0, x1, [%1]\n mov %0, x0"
                     : "=r"(status) : "r"(&cell) : "x0", "x1", "memory");
    GUEST_CHECK_EQ(status, 1);
    GUEST_CHECK_EQ(cell, 45);
}

static void check_pairs(void)
{
    uint64_t status, lo, hi;

    pair[0] = 0x1111;
    pair[1] = 0x2222;
    __asm__ volatile("ldxp %1, %2, [%3]\n"
                     "add x4, %1, #1\n add x5, %2, #1\n"
                     "stxp w6, x4, x5, [%3]\n"
                     "mov %0, x6"
                     : "=r"(status), "=&r"(lo), "=&r"(hi) : "r"(pair)
                     : "x4", "x5", "x6", "memory");
    GUEST_CHECK_EQ(status, 0);
    GUEST_CHECK_EQ(lo, 0x1111);
    GUEST_CHECK_EQ(hi, 0x2222);
    GUEST_CHECK_EQ(pair[0], 0x1112);
    GUEST_CHECK_EQ(pair[1], 0x2223);
}

static void check_lse(void)
{
    uint64_t old, cmp;
    uint32_t w;

    cell = 10;
    __asm__ volatile(".arch_extension lse\n ldadd %1, %0, [%2]"
                     : "=&r"(old) : "r"(5ull), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(old, 10);
    GUEST_CHECK_EQ(cell, 15);

    __asm__ volatile(".arch_extension lse\n ldclral %1, %0, [%2]"
                     : "=&r"(old) : "r"(0x5ull), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(old, 15);
    GUEST_CHECK_EQ(cell, 10);

    __asm__ volatile(".arch_extension lse\n ldseta %1, %0, [%2]"
                     : "=&r"(old) : "r"(0x101ull), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(old, 10);
    GUEST_CHECK_EQ(cell, 0x10b);

    __asm__ volatile(".arch_extension lse\n steorl %0, [%1]"
                     :: "r"(0xffull), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(cell, 0x1f4);

    __asm__ volatile(".arch_extension lse\n swpal %1, %0, [%2]"
                     : "=&r"(old) : "r"(0x8000000000000001ull), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(old, 0x1f4);

    /* signed byte maximum: 0x01 vs 0x80 (-128) -> 0x01 */
    __asm__ volatile(".arch_extension lse\n ldsmaxb %w1, %w0, [%2]"
                     : "=&r"(w) : "r"(0x80u), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(w, 0x01);
    GUEST_CHECK_EQ(cell, 0x8000000000000001ull);
    __asm__ volatile(".arch_extension lse\n ldumaxb %w1, %w0, [%2]"
                     : "=&r"(w) : "r"(0x80u), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(w, 0x01);
    GUEST_CHECK_EQ(cell, 0x8000000000000080ull);

    /* CAS: success stores, failure returns the current value */
    cmp = 0x8000000000000080ull;
    __asm__ volatile(".arch_extension lse\n casal %0, %1, [%2]"
                     : "+r"(cmp) : "r"(77ull), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(cmp, 0x8000000000000080ull);
    GUEST_CHECK_EQ(cell, 77);
    cmp = 76;
    __asm__ volatile(".arch_extension lse\n cas %0, %1, [%2]"
                     : "+r"(cmp) : "r"(99ull), "r"(&cell) : "memory");
    GUEST_CHECK_EQ(cmp, 77);
    GUEST_CHECK_EQ(cell, 77);

    /* CASP on the 16-byte pair */
    pair[0] = 1;
    pair[1] = 2;
    __asm__ volatile(".arch_extension lse\n"
                     "mov x0, #1\n mov x1, #2\n mov x2, #3\n mov x3, #4\n"
                     "caspal x0, x1, x2, x3, [%0]\n"
                     :: "r"(pair) : "x0", "x1", "x2", "x3", "memory");
    GUEST_CHECK_EQ(pair[0], 3);
    GUEST_CHECK_EQ(pair[1], 4);
}

int test_main(void)
{
    install_vectors();
    check_basic();
    check_clrex_and_intervening_store();
    check_exception_return();
    check_pairs();
    check_lse();
    return guest_failures;
}
