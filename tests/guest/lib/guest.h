/* What a bare-metal guest test can use: UART output and result checks.
 * A test defines `int test_main(void)` returning the number of failures;
 * the runtime prints "GUEST-PASS" or "GUEST-FAIL n" and powers off. */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>

void guest_puts(const char *s);
void guest_puthex(uint64_t v);
int test_main(void);

/* Count a failure and say where, without stopping the test. */
extern int guest_failures;
void guest_check_failed(const char *file, int line, const char *what,
                        uint64_t got, uint64_t want);
#define GUEST_CHECK_EQ(got, want)                                           \
    do {                                                                    \
        uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);               \
        if (g_ != w_) {                                                     \
            guest_check_failed(__FILE__, __LINE__, #got, g_, w_);           \
        }                                                                   \
    } while (0)

/* FPSR (cumulative FP exception flags, QC), for the FP/SIMD tests. */
static inline uint64_t guest_fpsr_read(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

static inline void guest_fpsr_write(uint64_t v)
{
    __asm__ volatile("msr fpsr, %0" : : "r"(v));
}

#endif
