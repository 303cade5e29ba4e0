/* The guest of the scripted gdb sessions (the .gdb files here): small
 * functions with arguments, a global the sessions watch, a table they read
 * and write. Linked with the bare-metal runtime of tests/guest/lib, so it
 * ends with GUEST-PASS and PSCI SYSTEM_OFF (gdb: "exited normally").
 * Built at -O0 so that every variable lives in memory where gdb looks. */
#include "guest.h"

volatile uint64_t counter;
uint64_t table[4] = { 0x1111, 0x2222, 0x3333, 0x4444 };

/* 1^2 + ... + n^2 */
uint64_t __attribute__((noinline)) square_sum(uint64_t n)
{
    uint64_t s = 0;

    for (uint64_t i = 1; i <= n; i++) {
        s += i * i;
    }
    return s;
}

/* The store of counter is what the write watchpoint sees. */
void __attribute__((noinline)) bump(uint64_t by)
{
    counter = counter + by;
}

/* One load of table[2] (read watchpoint). */
uint64_t __attribute__((noinline)) peek(void)
{
    return table[2];
}

/* One store into table[3] (watchpoint on the whole table). */
void __attribute__((noinline)) poke(uint64_t v)
{
    table[3] = v;
}

int test_main(void)
{
    uint64_t r = square_sum(10);        /* 385 */

    bump(r);                            /* counter: 0 -> 385 */
    bump(7);                            /* 385 -> 392 */
    GUEST_CHECK_EQ(counter, 392);
    GUEST_CHECK_EQ(peek(), 0x3333);
    poke(99);
    GUEST_CHECK_EQ(table[3], 99);
    return 0;
}
