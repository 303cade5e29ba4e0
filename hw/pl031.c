/* ARM PrimeCell real-time clock (PL031). Register behaviour: PL031 TRM
 * (ARM DDI 0224), with QEMU's model consulted where a guest made for the
 * virt board depends on it. What armlet does (see docs/rtc.md):
 *
 * - The counter (RTCDR) counts seconds of virtual time (emu/clock.h) from
 *   the start value the board gives (host UTC time at start-up by
 *   default). Its 1 Hz edges fall at whole seconds after creation; writing
 *   RTCLR sets the count without moving them (the 1 Hz clock is free
 *   running, TRM 2.2).
 * - RTCCR reads 1 and ignores writes: the RTC is running from reset, as on
 *   QEMU's board, where firmware and Linux find it started. (The TRM's
 *   RTCStart bit can only be set by software and only cleared by reset.)
 * - The match interrupt (TRM 3.3.1, RTCRIS) is raised when the counter
 *   reaches RTCMR: armed from each RTCMR/RTCLR write as a deadline on the
 *   machine's virtual clock, so nothing polls. Writing RTCMR equal to the
 *   current count raises it at once, as QEMU does. It stays raised until
 *   RTCICR clears it; RTCINTR = RIS & IMSC drives the IrqLine. */
#include "hw/pl031.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>
#include <glib.h>
#include <libfdt.h>

#include "emu/clock.h"
#include "emu/log.h"

#define PL031_MMIO_SIZE  0x1000
#define NS_PER_SEC       1000000000ll
#define INT_MATCH        1u   /* RTCIMSC/RIS/MIS/ICR bit 0 */

struct PL031 {
    IrqLine irq;
    bool irq_level;
    Pl031ClockFn now;
    ClockTimer match;
    int64_t origin_ns;      /* virtual time of the count's 1 Hz phase */
    uint32_t base;          /* the count at origin_ns */
    uint32_t mr, lr, imsc, ris;
};

static int64_t pl031_now(const PL031 *s)
{
    return s->now ? s->now() : clock_now_ns();
}

/* Whole seconds since origin_ns at virtual time now. */
static int64_t pl031_seconds(const PL031 *s, int64_t now)
{
    return (now - s->origin_ns) / NS_PER_SEC;
}

static uint32_t pl031_count(const PL031 *s, int64_t now)
{
    return s->base + (uint32_t)pl031_seconds(s, now);
}

static void pl031_update(PL031 *s)
{
    bool level = (s->ris & s->imsc) != 0;

    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set(&s->irq, level);
    }
}

static void pl031_match(void *opaque, int64_t now)
{
    PL031 *s = opaque;

    s->ris |= INT_MATCH;
    pl031_update(s);
}

/* Arm the match deadline: the virtual time at which the count next equals
 * RTCMR (the counter wraps at 2^32, and so does the difference). */
static void pl031_arm(PL031 *s)
{
    int64_t now = pl031_now(s);
    uint32_t ticks = s->mr - pl031_count(s, now);

    if (ticks == 0) {
        s->match.deadline = CLOCK_NEVER;
        pl031_match(s, now);
        return;
    }
    s->match.deadline = s->origin_ns + (pl031_seconds(s, now) + ticks) * NS_PER_SEC;
}

static uint32_t rd_dr(PL031 *s) { return pl031_count(s, pl031_now(s)); }
static uint32_t rd_mr(PL031 *s) { return s->mr; }
static uint32_t rd_lr(PL031 *s) { return s->lr; }
static uint32_t rd_cr(PL031 *s) { return 1; }
static uint32_t rd_imsc(PL031 *s) { return s->imsc; }
static uint32_t rd_ris(PL031 *s) { return s->ris; }
static uint32_t rd_mis(PL031 *s) { return s->ris & s->imsc; }

static void wr_mr(PL031 *s, uint32_t v)
{
    s->mr = v;
    pl031_arm(s);
}

static void wr_lr(PL031 *s, uint32_t v)
{
    int64_t now = pl031_now(s);

    s->lr = v;
    s->base += v - pl031_count(s, now);
    pl031_arm(s);
}

static void wr_cr(PL031 *s, uint32_t v) { }
static void wr_imsc(PL031 *s, uint32_t v) { s->imsc = v & INT_MATCH; pl031_update(s); }
static void wr_icr(PL031 *s, uint32_t v) { s->ris &= ~(v & INT_MATCH); pl031_update(s); }

/* The register map (TRM 3.2, table 3-1): offset, name, read, write. A NULL
 * read is write-only (reads as 0), a NULL write read-only. */
typedef struct PL031Reg {
    const char *name;
    uint32_t (*read)(PL031 *s);
    void (*write)(PL031 *s, uint32_t v);
} PL031Reg;

static const PL031Reg pl031_regs[] = {
    [0x00 / 4] = { "RTCDR", rd_dr, NULL },
    [0x04 / 4] = { "RTCMR", rd_mr, wr_mr },
    [0x08 / 4] = { "RTCLR", rd_lr, wr_lr },
    [0x0c / 4] = { "RTCCR", rd_cr, wr_cr },
    [0x10 / 4] = { "RTCIMSC", rd_imsc, wr_imsc },
    [0x14 / 4] = { "RTCRIS", rd_ris, NULL },
    [0x18 / 4] = { "RTCMIS", rd_mis, NULL },
    [0x1c / 4] = { "RTCICR", NULL, wr_icr },
};

/* Peripheral and PrimeCell ID registers, 0xFE0-0xFFC (TRM 3.3.9, 3.3.10):
 * part 0x031, designer ARM (0x41), revision 1, then 0xB105F00D. */
static const uint8_t pl031_id[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static const PL031Reg *pl031_find(uint64_t word_offset)
{
    size_t i = word_offset / 4;

    return i < G_N_ELEMENTS(pl031_regs) && pl031_regs[i].name ? &pl031_regs[i] : NULL;
}

static void pl031_bad_access(const char *what, uint64_t offset, unsigned size)
{
    if (log_enabled(LOG_MASK(guest_errors))) {
        log_printf("pl031: %s of %u byte(s) at offset 0x%03" PRIx64 "\n", what, size, offset);
    }
}

/* 32-bit registers; a narrower read returns its byte lanes (as pl011.c). */
static uint64_t pl031_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    PL031 *s = opaque;
    uint64_t word = offset & ~3ull;
    const PL031Reg *r;
    uint32_t v;

    if (word >= 0xfe0 && word <= 0xffc) {
        v = pl031_id[(word - 0xfe0) / 4];
    } else if ((r = pl031_find(word)) != NULL && r->read) {
        v = r->read(s);
    } else {
        pl031_bad_access(r ? "read of write-only register" : "read", offset, size);
        return 0;
    }
    v >>= (offset & 3) * 8;
    return size >= 4 ? v : v & ((1u << (size * 8)) - 1);
}

/* A narrow write to the low lanes writes the register zero-extended; one
 * that leaves out the low lane is ignored. */
static void pl031_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    const PL031Reg *r = pl031_find(offset & ~3ull);

    if (!r || !r->write || (offset & 3)) {
        pl031_bad_access(r && !(offset & 3) ? "write to read-only register" : "write",
                         offset, size);
        return;
    }
    r->write(opaque, (uint32_t)value);
}

static const MemOps pl031_ops = {
    .read = pl031_mmio_read,
    .write = pl031_mmio_write,
    .min_access = 1,
    .max_access = 4,
};

void pl031_reset(PL031 *s)
{
    s->mr = s->lr = s->imsc = s->ris = 0;
    s->match.deadline = CLOCK_NEVER;
    s->irq_level = false;
    irq_set(&s->irq, false);
}

PL031 *pl031_create(AddressSpace *as, uint64_t base, IrqLine irq, ClockTimer **timers,
                    uint32_t start_seconds, Pl031ClockFn now)
{
    PL031 *s = g_new0(PL031, 1);

    s->irq = irq;
    s->now = now;
    s->origin_ns = pl031_now(s);
    s->base = start_seconds;
    s->match = (ClockTimer){ .deadline = CLOCK_NEVER, .expire = pl031_match, .opaque = s };
    pl031_reset(s);
    clock_timer_add(timers, &s->match);
    as_add_mmio(as, "pl031", base, PL031_MMIO_SIZE, &pl031_ops, s);
    return s;
}

void pl031_free(PL031 *s)
{
    g_free(s);
}

uint32_t pl031_host_seconds(void)
{
    return (uint32_t)time(NULL);
}

int pl031_fdt_node(void *fdt, uint64_t base, uint64_t size, int spi, uint32_t clk_phandle)
{
    static const char compat[] = "arm,pl031\0arm,primecell";
    char name[32];
    int node, err;

    snprintf(name, sizeof name, "pl031@%" PRIx64, base);
    node = fdt_add_subnode(fdt, 0, name);
    if (node < 0) {
        return node;
    }
    fdt32_t irq[3] = { cpu_to_fdt32(0), cpu_to_fdt32(spi), cpu_to_fdt32(4) }; /* SPI, level-high */
    fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };
    if ((err = fdt_setprop(fdt, node, "compatible", compat, sizeof compat)) < 0 ||
        (err = fdt_setprop(fdt, node, "reg", reg, sizeof reg)) < 0 ||
        (err = fdt_setprop(fdt, node, "interrupts", irq, sizeof irq)) < 0 ||
        (err = fdt_setprop_u32(fdt, node, "clocks", clk_phandle)) < 0 ||
        (err = fdt_setprop_string(fdt, node, "clock-names", "apb_pclk")) < 0) {
        return err;
    }
    return node;
}
