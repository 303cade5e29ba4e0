/* Guest-side runtime for bare-metal tests: polled PL011 output (PL011 TRM:
 * UARTDR at 0x00, UARTFR.TXFF is bit 5) and the pass/fail report. */
#include "guest.h"

#include "smp.h"

#define UART ((volatile uint32_t *)0x09000000)
#define UART_FR_TXFF (1u << 5)

int guest_failures;
/* One CPU prints at a time, so that lines from several CPUs stay whole. */
static guest_lock_t out_lock;

static void putc_uart(char c)
{
    while (UART[0x18 / 4] & UART_FR_TXFF) {
    }
    UART[0] = (uint8_t)c;
}

static void puts_unlocked(const char *s)
{
    while (*s) {
        putc_uart(*s++);
    }
}

static void puthex_unlocked(uint64_t v)
{
    puts_unlocked("0x");
    for (int i = 60; i >= 0; i -= 4) {
        putc_uart("0123456789abcdef"[(v >> i) & 0xf]);
    }
}

void guest_puts(const char *s)
{
    guest_lock(&out_lock);
    puts_unlocked(s);
    guest_unlock(&out_lock);
}

void guest_puthex(uint64_t v)
{
    guest_lock(&out_lock);
    puthex_unlocked(v);
    guest_unlock(&out_lock);
}

void guest_check_failed(const char *file, int line, const char *what,
                        uint64_t got, uint64_t want)
{
    __atomic_fetch_add(&guest_failures, 1, __ATOMIC_RELAXED);
    guest_lock(&out_lock);
    puts_unlocked("check failed: ");
    puts_unlocked(file);
    puts_unlocked(":");
    puthex_unlocked((uint64_t)line);
    puts_unlocked(": ");
    puts_unlocked(what);
    puts_unlocked(" = ");
    puthex_unlocked(got);
    puts_unlocked(", expected ");
    puthex_unlocked(want);
    puts_unlocked("\r\n");
    guest_unlock(&out_lock);
}

void guest_report(int failures);
void guest_report(int failures)
{
    if (failures == 0 && guest_failures == 0) {
        guest_puts("GUEST-PASS\r\n");
    } else {
        guest_puts("GUEST-FAIL\r\n");
    }
}
