/* Guest-side runtime for bare-metal tests: polled PL011 output (PL011 TRM:
 * UARTDR at 0x00, UARTFR.TXFF is bit 5) and the pass/fail report. */
#include "guest.h"

#define UART ((volatile uint32_t *)0x09000000)
#define UART_FR_TXFF (1u << 5)

int guest_failures;

static void putc_uart(char c)
{
    while (UART[0x18 / 4] & UART_FR_TXFF) {
    }
    UART[0] = (uint8_t)c;
}

void guest_puts(const char *s)
{
    while (*s) {
        putc_uart(*s++);
    }
}

void guest_puthex(uint64_t v)
{
    guest_puts("0x");
    for (int i = 60; i >= 0; i -= 4) {
        putc_uart("0123456789abcdef"[(v >> i) & 0xf]);
    }
}

void guest_check_failed(const char *file, int line, const char *what,
                        uint64_t got, uint64_t want)
{
    guest_failures++;
    guest_puts("check failed: ");
    guest_puts(file);
    guest_puts(": ");
    guest_puts(what);
    guest_puts(" = ");
    guest_puthex(got);
    guest_puts(", expected ");
    guest_puthex(want);
    guest_puts("\r\n");
    (void)line;
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
