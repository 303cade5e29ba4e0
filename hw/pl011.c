/* ARM PrimeCell UART (PL011). Register behaviour: PL011 TRM (ARM DDI 0183),
 * with QEMU's model consulted where a guest made for QEMU's virt board
 * depends on it. What armlet does (see docs/serial.md for the reasons):
 *
 * - Transmission is instantaneous: every byte written to UARTDR goes to the
 *   character backend at once (which queues, never drops), so the TX FIFO
 *   is always empty: FR.TXFE = 1, TXFF = BUSY = 0.
 * - Bytes are sent even while UARTEN or TXE is clear, as QEMU does: many
 *   bare-metal programs write UARTDR without ever enabling the UART (UARTCR
 *   resets with UARTEN = 0). The misuse is logged under -d guest_errors.
 * - Receive: a 16-entry FIFO with FEN set, a 1-entry holding register
 *   without (TRM 3.3.7, FEN). The backend is only offered as many bytes as fit,
 *   so there is no overrun from the host side.
 * - Interrupts (TRM 3.4): RXRIS follows the IFLS trigger level (1 in
 *   character mode); RTRIS, the receive timeout, is approximated as "data is
 *   waiting" since host input arrives in bursts; TXRIS is set by each write
 *   to UARTDR (the FIFO drains through its trigger level at once, and TRM
 *   3.3.9 says interrupts come from the transition through a level, not
 *   the level) and cleared by UARTICR.
 *   UARTINTR = (RIS & IMSC) != 0 drives the IrqLine. */
#include "hw/pl011.h"

#include <inttypes.h>
#include <stdio.h>
#include <libfdt.h>
#include <glib.h>

#include "emu/chardev.h"
#include "emu/log.h"

#define PL011_MMIO_SIZE   0x1000
#define PL011_FIFO_DEPTH  16

/* UARTDR / UARTRSR receive error bits (TRM 3.3.1, 3.3.2). */
#define DR_BE     (1u << 10)
#define RSR_OE    (1u << 3)

/* UARTFR (TRM 3.3.3). */
#define FR_CTS    (1u << 0)
#define FR_DSR    (1u << 1)
#define FR_DCD    (1u << 2)
#define FR_RXFE   (1u << 4)
#define FR_RXFF   (1u << 6)
#define FR_TXFE   (1u << 7)
#define FR_RI     (1u << 8)

/* UARTLCR_H (TRM 3.3.7). */
#define LCR_BRK   (1u << 0)
#define LCR_FEN   (1u << 4)

/* UARTCR (TRM 3.3.8). */
#define CR_UARTEN (1u << 0)
#define CR_LBE    (1u << 7)
#define CR_TXE    (1u << 8)
#define CR_DTR    (1u << 10)
#define CR_RTS    (1u << 11)
#define CR_OUT1   (1u << 12)
#define CR_OUT2   (1u << 13)

/* Interrupt bits, shared by UARTIMSC/RIS/MIS/ICR (TRM 3.3.10-3.3.13). */
#define INT_RI    (1u << 0)
#define INT_CTS   (1u << 1)
#define INT_DCD   (1u << 2)
#define INT_DSR   (1u << 3)
#define INT_RX    (1u << 4)
#define INT_TX    (1u << 5)
#define INT_RT    (1u << 6)
#define INT_BE    (1u << 9)
#define INT_OE    (1u << 10)
#define INT_MS    (INT_RI | INT_CTS | INT_DCD | INT_DSR)
#define INT_ALL   0x7ffu

struct PL011 {
    IrqLine irq;
    struct Chardev *chr;
    bool irq_level;

    uint16_t rx_fifo[PL011_FIFO_DEPTH];  /* character | error bits << 8 */
    unsigned rx_pos, rx_count;

    uint32_t rsr, lcr, cr, ifls, imsc, ris, dmacr, ilpr, ibrd, fbrd;
    uint32_t modem;                      /* FR's CTS/DSR/DCD/RI inputs */
    bool warned_tx_disabled, warned_dma;
};

static void pl011_update(PL011 *s)
{
    bool level = (s->ris & s->imsc) != 0;

    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set(&s->irq, level);
    }
}

static unsigned pl011_depth(const PL011 *s)
{
    return (s->lcr & LCR_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* RXIFLSEL (UARTIFLS[5:3], TRM 3.3.9): 1/8, 1/4, 1/2, 3/4, 7/8 full; the
 * reserved encodings are taken as 7/8. Character mode interrupts on one. */
static unsigned pl011_rx_trigger(const PL011 *s)
{
    static const uint8_t level[8] = { 2, 4, 8, 12, 14, 14, 14, 14 };

    return (s->lcr & LCR_FEN) ? level[(s->ifls >> 3) & 7] : 1;
}

static void pl011_reset_rx(PL011 *s)
{
    s->rx_pos = s->rx_count = 0;
    s->ris &= ~(INT_RX | INT_RT);
}

/* One character (with its error bits) arrives at the receive FIFO. */
static void pl011_put_fifo(PL011 *s, uint16_t v)
{
    unsigned depth = pl011_depth(s);

    if (s->rx_count >= depth) {
        /* TRM 3.3.2: the FIFO keeps its contents; the character is lost. */
        s->rsr |= RSR_OE;
        s->ris |= INT_OE;
    } else {
        s->rx_fifo[(s->rx_pos + s->rx_count) & (depth - 1)] = v;
        s->rx_count++;
        if (s->rx_count >= pl011_rx_trigger(s)) {
            s->ris |= INT_RX;
        }
        s->ris |= INT_RT;
        if (v & DR_BE) {
            s->ris |= INT_BE;
        }
    }
    pl011_update(s);
}

static bool pl011_loopback(const PL011 *s)
{
    return (s->cr & CR_LBE) != 0;
}

static size_t pl011_can_receive(void *opaque)
{
    PL011 *s = opaque;

    /* In loopback the receiver hears only the transmitter; host input
     * waits rather than being dropped. */
    if (pl011_loopback(s)) {
        return 0;
    }
    return pl011_depth(s) - s->rx_count;
}

static void pl011_receive(void *opaque, const uint8_t *buf, size_t len)
{
    PL011 *s = opaque;

    for (size_t i = 0; i < len; i++) {
        pl011_put_fifo(s, buf[i]);
    }
}

static uint32_t pl011_read_dr(PL011 *s)
{
    unsigned depth = pl011_depth(s);
    uint16_t c = s->rx_fifo[s->rx_pos & (depth - 1)];

    if (s->rx_count > 0) {
        s->rx_count--;
        s->rx_pos = (s->rx_pos + 1) & (depth - 1);
    } else if (log_enabled(LOG_MASK(guest_errors))) {
        log_printf("pl011: read of UARTDR with the receive FIFO empty\n");
    }
    /* UARTRSR holds the error bits of the character just read (TRM 3.3.2);
     * overrun is not per character and stays until cleared. */
    s->rsr = (s->rsr & RSR_OE) | ((c >> 8) & 7);
    /* TRM 3.4: RX clears below the trigger level, RT once the FIFO is empty. */
    if (s->rx_count < pl011_rx_trigger(s)) {
        s->ris &= ~INT_RX;
    }
    if (s->rx_count == 0) {
        s->ris &= ~INT_RT;
    }
    pl011_update(s);
    chardev_accept_input(s->chr);
    return c;
}

static void pl011_write_dr(PL011 *s, uint32_t v)
{
    uint8_t ch = (uint8_t)v;

    if ((s->cr & (CR_UARTEN | CR_TXE)) != (CR_UARTEN | CR_TXE) && !s->warned_tx_disabled) {
        s->warned_tx_disabled = true;
        if (log_enabled(LOG_MASK(guest_errors))) {
            log_printf("pl011: UARTDR written with the UART or transmitter disabled "
                       "(UARTCR=0x%" PRIx32 "); sent anyway\n", s->cr);
        }
    }
    chardev_write(s->chr, &ch, 1);
    if (pl011_loopback(s)) {
        pl011_put_fifo(s, ch);
    }
    s->ris |= INT_TX;
    pl011_update(s);
}

/* Loopback wires the modem outputs to the inputs (TRM 3.3.8, LBE):
 * RTS->CTS, DTR->DSR, Out1->DCD, Out2->RI. A changed input raises its
 * modem-status interrupt. */
static void pl011_update_modem(PL011 *s)
{
    uint32_t m = 0, changed;

    if (pl011_loopback(s)) {
        m |= (s->cr & CR_RTS) ? FR_CTS : 0;
        m |= (s->cr & CR_DTR) ? FR_DSR : 0;
        m |= (s->cr & CR_OUT1) ? FR_DCD : 0;
        m |= (s->cr & CR_OUT2) ? FR_RI : 0;
    }
    changed = m ^ s->modem;
    s->modem = m;
    s->ris |= ((changed & FR_CTS) ? INT_CTS : 0) | ((changed & FR_DSR) ? INT_DSR : 0) |
              ((changed & FR_DCD) ? INT_DCD : 0) | ((changed & FR_RI) ? INT_RI : 0);
    pl011_update(s);
}

static uint32_t pl011_read_fr(PL011 *s)
{
    uint32_t fr = s->modem | FR_TXFE;

    fr |= s->rx_count == 0 ? FR_RXFE : 0;
    fr |= s->rx_count == pl011_depth(s) ? FR_RXFF : 0;
    return fr;
}

static void pl011_write_lcr(PL011 *s, uint32_t v)
{
    uint32_t old = s->lcr;

    s->lcr = v & 0xff;
    /* Changing FEN changes the FIFO geometry; like QEMU, start it empty. */
    if ((old ^ s->lcr) & LCR_FEN) {
        pl011_reset_rx(s);
        pl011_update(s);
        chardev_accept_input(s->chr);
    }
    /* A break sent in loopback is received as one (TRM 3.3.7, BRK). */
    if ((s->lcr & ~old & LCR_BRK) && pl011_loopback(s)) {
        pl011_put_fifo(s, DR_BE);
    }
}

static void pl011_write_cr(PL011 *s, uint32_t v)
{
    bool was_loopback = pl011_loopback(s);

    s->cr = v & 0xffff;
    pl011_update_modem(s);
    if (was_loopback && !pl011_loopback(s)) {
        chardev_accept_input(s->chr);   /* host input may flow again */
    }
}

static uint32_t rd_rsr(PL011 *s) { return s->rsr; }
static uint32_t rd_ilpr(PL011 *s) { return s->ilpr; }
static uint32_t rd_ibrd(PL011 *s) { return s->ibrd; }
static uint32_t rd_fbrd(PL011 *s) { return s->fbrd; }
static uint32_t rd_lcr(PL011 *s) { return s->lcr; }
static uint32_t rd_cr(PL011 *s) { return s->cr; }
static uint32_t rd_ifls(PL011 *s) { return s->ifls; }
static uint32_t rd_imsc(PL011 *s) { return s->imsc; }
static uint32_t rd_ris(PL011 *s) { return s->ris; }
static uint32_t rd_mis(PL011 *s) { return s->ris & s->imsc; }
static uint32_t rd_dmacr(PL011 *s) { return s->dmacr; }

static void wr_ecr(PL011 *s, uint32_t v) { s->rsr = 0; }   /* any value clears */
static void wr_ilpr(PL011 *s, uint32_t v) { s->ilpr = v & 0xff; }
static void wr_ibrd(PL011 *s, uint32_t v) { s->ibrd = v & 0xffff; }
static void wr_fbrd(PL011 *s, uint32_t v) { s->fbrd = v & 0x3f; }
static void wr_ifls(PL011 *s, uint32_t v) { s->ifls = v & 0x3f; }
static void wr_imsc(PL011 *s, uint32_t v) { s->imsc = v & INT_ALL; pl011_update(s); }
static void wr_icr(PL011 *s, uint32_t v) { s->ris &= ~v; pl011_update(s); }

static void wr_dmacr(PL011 *s, uint32_t v)
{
    s->dmacr = v & 7;
    if ((v & 3) && !s->warned_dma && log_enabled(LOG_MASK(unimp))) {
        s->warned_dma = true;
        log_printf("pl011: DMA (UARTDMACR=0x%" PRIx32 ") not implemented\n", v);
    }
}

/* The register map (TRM 3.2): offset, name, read, write. A NULL read is a
 * write-only register (reads as 0), a NULL write a read-only one. */
#define PL011_REGS(X)                                  \
    X(0x000, "UARTDR",    pl011_read_dr,  pl011_write_dr)  \
    X(0x004, "UARTRSR",   rd_rsr,         wr_ecr)          \
    X(0x018, "UARTFR",    pl011_read_fr,  NULL)            \
    X(0x020, "UARTILPR",  rd_ilpr,        wr_ilpr)         \
    X(0x024, "UARTIBRD",  rd_ibrd,        wr_ibrd)         \
    X(0x028, "UARTFBRD",  rd_fbrd,        wr_fbrd)         \
    X(0x02c, "UARTLCR_H", rd_lcr,         pl011_write_lcr) \
    X(0x030, "UARTCR",    rd_cr,          pl011_write_cr)  \
    X(0x034, "UARTIFLS",  rd_ifls,        wr_ifls)         \
    X(0x038, "UARTIMSC",  rd_imsc,        wr_imsc)         \
    X(0x03c, "UARTRIS",   rd_ris,         NULL)            \
    X(0x040, "UARTMIS",   rd_mis,         NULL)            \
    X(0x044, "UARTICR",   NULL,           wr_icr)          \
    X(0x048, "UARTDMACR", rd_dmacr,       wr_dmacr)

typedef struct PL011Reg {
    const char *name;
    uint32_t (*read)(PL011 *s);
    void (*write)(PL011 *s, uint32_t v);
} PL011Reg;

static const PL011Reg pl011_regs[0x04c / 4] = {
#define PL011_REG_ENTRY(off, nm, rd, wr) [(off) / 4] = { nm, rd, wr },
    PL011_REGS(PL011_REG_ENTRY)
#undef PL011_REG_ENTRY
};

/* PrimeCell peripheral and cell ID registers, 0xFE0-0xFFC (TRM 3.3.15-16):
 * part 0x011, designer ARM (0x41), revision r1p5, then the PrimeCell
 * preamble 0xB105F00D. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static const PL011Reg *pl011_find(uint64_t word_offset)
{
    if (word_offset / 4 < G_N_ELEMENTS(pl011_regs) && pl011_regs[word_offset / 4].name) {
        return &pl011_regs[word_offset / 4];
    }
    return NULL;
}

static void pl011_bad_access(const char *what, uint64_t offset, unsigned size)
{
    if (log_enabled(LOG_MASK(guest_errors))) {
        log_printf("pl011: %s of %u byte(s) at bad offset 0x%03" PRIx64 "\n",
                   what, size, offset);
    }
}

/* Registers are 32 bits wide. A narrower read returns its byte lanes of
 * the register, as a 32-bit APB read seen through a narrower bus access. */
static uint64_t pl011_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    PL011 *s = opaque;
    uint64_t word = offset & ~3ull;
    unsigned shift = (unsigned)(offset & 3) * 8;
    const PL011Reg *r;
    uint32_t v;

    if (word >= 0xfe0 && word <= 0xffc) {
        v = pl011_id[(word - 0xfe0) / 4];
    } else if ((r = pl011_find(word)) != NULL) {
        /* A sub-word read of UARTDR's upper lanes must not pop the FIFO. */
        v = r->read && !(r->read == pl011_read_dr && shift) ? r->read(s) : 0;
    } else {
        pl011_bad_access("read", offset, size);
        return 0;
    }
    v >>= shift;
    return size >= 4 ? v : v & ((1u << (size * 8)) - 1);
}

/* A narrow write to the low lanes writes the register, zero-extended (what
 * Linux's byte writes to UARTDR rely on); one that leaves out the low lane
 * has no sensible meaning and is ignored. */
static void pl011_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    PL011 *s = opaque;
    const PL011Reg *r = pl011_find(offset & ~3ull);

    if (!r || !r->write || (offset & 3)) {
        pl011_bad_access(r && !(offset & 3) ? "write to read-only register" : "write",
                         offset, size);
        return;
    }
    r->write(s, (uint32_t)value);
}

/* 1 to 4 bytes, as QEMU's model accepts; 64-bit accesses are refused
 * (the CPU sees an external abort), the registers being 32-bit. */
static const MemOps pl011_ops = {
    .read = pl011_mmio_read,
    .write = pl011_mmio_write,
    .min_access = 1,
    .max_access = 4,
};

void pl011_reset(PL011 *s)
{
    /* Reset values, TRM 3.2 table 3-1. */
    s->rsr = s->lcr = s->imsc = s->ris = s->dmacr = 0;
    s->ilpr = s->ibrd = s->fbrd = 0;
    s->cr = CR_TXE | 1u << 9;           /* TXE | RXE = 0x300 */
    s->ifls = 0x12;                     /* both trigger levels at 1/2 */
    s->modem = 0;
    s->rx_pos = s->rx_count = 0;
    s->warned_tx_disabled = false;
    s->irq_level = false;
    irq_set(&s->irq, false);
    chardev_accept_input(s->chr);
}

PL011 *pl011_create(AddressSpace *as, uint64_t base, IrqLine irq, struct Chardev *chr)
{
    PL011 *s = g_new0(PL011, 1);

    s->irq = irq;
    s->chr = chr;
    pl011_reset(s);
    chardev_set_handlers(chr, pl011_can_receive, pl011_receive, s);
    as_add_mmio(as, "pl011", base, PL011_MMIO_SIZE, &pl011_ops, s);
    return s;
}

void pl011_free(PL011 *s)
{
    if (!s) {
        return;
    }
    chardev_set_handlers(s->chr, NULL, NULL, NULL);
    chardev_flush(s->chr);
    chardev_close(s->chr);
    g_free(s);
}

int pl011_fdt_node(void *fdt, uint64_t base, uint64_t size, int spi, uint32_t clk_phandle)
{
    static const char compat[] = "arm,pl011\0arm,primecell";
    static const char clock_names[] = "uartclk\0apb_pclk";
    char name[32];
    int node, err;

    snprintf(name, sizeof name, "pl011@%" PRIx64, base);
    node = fdt_add_subnode(fdt, 0, name);
    if (node < 0) {
        return node;
    }
    fdt32_t irq[3] = { cpu_to_fdt32(0), cpu_to_fdt32(spi), cpu_to_fdt32(4) }; /* SPI, level-high */
    fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };
    fdt32_t clocks[2] = { cpu_to_fdt32(clk_phandle), cpu_to_fdt32(clk_phandle) };
    if ((err = fdt_setprop(fdt, node, "compatible", compat, sizeof compat)) < 0 ||
        (err = fdt_setprop(fdt, node, "reg", reg, sizeof reg)) < 0 ||
        (err = fdt_setprop(fdt, node, "interrupts", irq, sizeof irq)) < 0 ||
        (err = fdt_setprop(fdt, node, "clocks", clocks, sizeof clocks)) < 0 ||
        (err = fdt_setprop(fdt, node, "clock-names", clock_names, sizeof clock_names)) < 0) {
        return err;
    }
    return node;
}
