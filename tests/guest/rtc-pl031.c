/* PL031 real-time clock (ARM DDI 0224) on the virt board: its
 * device-tree node, ID registers, a counter holding plausible UTC time
 * that counts seconds and can be loaded, and the match interrupt arriving
 * through SPI 2 (INTID 34) within a second of virtual time, WFI waiting
 * for it; RTCICR clears it (level-sensitive: the GIC sees it go). */
#include "sysenv.h"
#include "gicenv.h"

#define RTC 0x09010000ul
#define RTCDR 0x00
#define RTCMR 0x04
#define RTCLR 0x08
#define RTCCR 0x0c
#define RTCIMSC 0x10
#define RTCRIS 0x14
#define RTCMIS 0x18
#define RTCICR 0x1c
#define RTC_INTID 34

static volatile unsigned rtc_irqs;
static volatile uint32_t dr_at_irq, mis_at_irq;

static int rtc_handler(uint32_t iar)
{
    mis_at_irq = REG32(RTC + RTCMIS);
    dr_at_irq = REG32(RTC + RTCDR);
    REG32(RTC + RTCICR) = 1;
    rtc_irqs++;
    return 0;
}

static int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++, b++;
    }
    return *a == *b;
}

int test_main(void)
{
    int len = 0;
    const char *compat = fdt_prop((const void *)guest_dtb, "/pl031@9010000", "compatible", &len);
    const uint8_t id[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    uint32_t now, t_frq = (uint32_t)READ_SYSREG(cntfrq_el0);
    uint64_t t0, t1;

    GUEST_CHECK_EQ(compat != 0, 1);
    GUEST_CHECK_EQ(compat && str_eq(compat, "arm,pl031"), 1);
    for (int i = 0; i < 8; i++) {
        GUEST_CHECK_EQ(REG32(RTC + 0xfe0 + 4 * i), id[i]);
    }
    /* host UTC time: after 2020-01-01 */
    GUEST_CHECK_EQ(REG32(RTC + RTCDR) > 1577836800u, 1);
    GUEST_CHECK_EQ(REG32(RTC + RTCCR), 1);
    GUEST_CHECK_EQ(REG32(RTC + RTCRIS), 0);

    REG32(RTC + RTCLR) = 1000;
    GUEST_CHECK_EQ(REG32(RTC + RTCLR), 1000);
    now = REG32(RTC + RTCDR);
    GUEST_CHECK_EQ(now - 1000 <= 1, 1);

    install_vectors();
    exc_clear();
    exc_hook = gic_irq_hook;
    gic_handlers[RTC_INTID] = rtc_handler;
    gic_init();
    gic_route_spi(RTC_INTID, 0);
    gic_enable(RTC_INTID);

    /* match at the next second: within one second of virtual time */
    REG32(RTC + RTCIMSC) = 1;
    t0 = READ_SYSREG(cntvct_el0);
    REG32(RTC + RTCMR) = REG32(RTC + RTCDR) + 1;
    irq_enable();
    while (rtc_irqs == 0 && READ_SYSREG(cntvct_el0) - t0 < 3ull * t_frq) {
        wfi();
    }
    irq_disable();
    t1 = READ_SYSREG(cntvct_el0);
    GUEST_CHECK_EQ(rtc_irqs, 1);
    GUEST_CHECK_EQ(mis_at_irq, 1);
    GUEST_CHECK_EQ(dr_at_irq, REG32(RTC + RTCMR));
    GUEST_CHECK_EQ(t1 - t0 <= t_frq + t_frq / 10, 1);
    /* cleared: not raised, not pending at the GIC */
    GUEST_CHECK_EQ(REG32(RTC + RTCRIS), 0);
    GUEST_CHECK_EQ(gic_get_bit(GICD_ISPENDR, RTC_INTID), 0);

    /* masked: the match sets RIS only, nothing reaches the GIC */
    REG32(RTC + RTCIMSC) = 0;
    REG32(RTC + RTCMR) = REG32(RTC + RTCDR);
    GUEST_CHECK_EQ(REG32(RTC + RTCRIS), 1);
    GUEST_CHECK_EQ(REG32(RTC + RTCMIS), 0);
    GUEST_CHECK_EQ(gic_get_bit(GICD_ISPENDR, RTC_INTID), 0);
    REG32(RTC + RTCIMSC) = 1;            /* unmasked: now it is pending */
    GUEST_CHECK_EQ(gic_get_bit(GICD_ISPENDR, RTC_INTID), 1);
    REG32(RTC + RTCICR) = 1;
    GUEST_CHECK_EQ(gic_get_bit(GICD_ISPENDR, RTC_INTID), 0);
    return guest_failures;
}
