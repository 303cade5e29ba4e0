/* PL011 UART: registers, FIFOs, interrupts and the backend connection,
 * checked against the PL011 TRM (ARM DDI 0183) through the address space,
 * as a guest would see them. The backend is the in-memory chardev. */
#include "tests/unit/test.h"

#include <glib.h>

#include "emu/chardev.h"
#include "emu/memory.h"
#include "hw/pl011.h"

#define BASE 0x09000000ull

/* Register offsets and bits, written out from the TRM independently of
 * hw/pl011.c so a wrong constant there shows up here. */
enum {
    DR = 0x00, RSR = 0x04, FR = 0x18, IBRD = 0x24, FBRD = 0x28, LCR_H = 0x2c,
    CR = 0x30, IFLS = 0x34, IMSC = 0x38, RIS = 0x3c, MIS = 0x40, ICR = 0x44,
    DMACR = 0x48,
};
#define FR_RXFE   0x10
#define FR_TXFF   0x20
#define FR_RXFF   0x40
#define FR_TXFE   0x80
#define FR_BUSY   0x08
#define LCR_BRK   0x01
#define LCR_FEN   0x10
#define LCR_WLEN8 0x60
#define CR_UARTEN 0x001
#define CR_LBE    0x080
#define CR_TXE    0x100
#define CR_RXE    0x200
#define CR_RTS    0x800
#define INT_CTS   0x002
#define INT_RX    0x010
#define INT_TX    0x020
#define INT_RT    0x040
#define INT_BE    0x200

typedef struct Fixture {
    AddressSpace *as;
    Chardev *chr;
    PL011 *uart;
    bool level;
    int edges;
} Fixture;

static void record_irq(void *opaque, int line, bool level)
{
    Fixture *f = opaque;

    CHECK_EQ(line, 33);
    if (level != f->level) {
        f->edges++;
    }
    f->level = level;
}

static Fixture *setup(void)
{
    Fixture *f = g_new0(Fixture, 1);

    f->as = as_new();
    f->chr = chardev_mem_new();
    f->uart = pl011_create(f->as, BASE, (IrqLine){ record_irq, f, 33 }, f->chr);
    return f;
}

static uint32_t rd(Fixture *f, uint64_t off)
{
    uint64_t v = ~0ull;

    CHECK_EQ(as_read(f->as, BASE + off, 4, &v), MEMTX_OK);
    return (uint32_t)v;
}

static void wr(Fixture *f, uint64_t off, uint32_t v)
{
    CHECK_EQ(as_write(f->as, BASE + off, 4, v), MEMTX_OK);
}

static void push(Fixture *f, const char *s)
{
    chardev_mem_input(f->chr, (const uint8_t *)s, strlen(s));
}

static void enable(Fixture *f, uint32_t lcr)
{
    wr(f, LCR_H, lcr);
    wr(f, CR, CR_UARTEN | CR_TXE | CR_RXE);
}

TEST(id_registers)
{
    static const uint8_t want[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    Fixture *f = setup();

    for (int i = 0; i < 8; i++) {
        CHECK_EQ(rd(f, 0xfe0 + 4 * i), want[i]);
    }
}

TEST(reset_values)
{
    Fixture *f = setup();

    CHECK_EQ(rd(f, FR), FR_TXFE | FR_RXFE);
    CHECK_EQ(rd(f, CR), CR_TXE | CR_RXE);
    CHECK_EQ(rd(f, IFLS), 0x12);
    CHECK_EQ(rd(f, LCR_H), 0);
    CHECK_EQ(rd(f, IMSC), 0);
    CHECK_EQ(rd(f, RIS), 0);
    CHECK_EQ(rd(f, MIS), 0);
    CHECK_EQ(rd(f, IBRD), 0);
    CHECK_EQ(rd(f, RSR), 0);
    CHECK(!f->level);

    /* pl011_reset undoes the guest's programming. */
    enable(f, LCR_FEN | LCR_WLEN8);
    wr(f, IMSC, 0x7ff);
    wr(f, IBRD, 13);
    push(f, "0123456789abcdefg");       /* 16 in the FIFO, 'g' waits */
    CHECK_EQ(chardev_mem_pending_input(f->chr), 1);
    pl011_reset(f->uart);
    CHECK_EQ(rd(f, LCR_H), 0);
    CHECK_EQ(rd(f, IMSC), 0);
    CHECK_EQ(rd(f, IBRD), 0);
    CHECK_EQ(rd(f, CR), CR_TXE | CR_RXE);
    CHECK(!f->level);
    /* The FIFO emptied, so the backend handed over the waiting byte. */
    CHECK_EQ(chardev_mem_pending_input(f->chr), 0);
    CHECK_EQ(rd(f, DR), 'g');
    CHECK_EQ(rd(f, FR) & FR_RXFE, FR_RXFE);
}

TEST(tx_bytes_reach_backend_in_order)
{
    Fixture *f = setup();
    const uint8_t *out;
    size_t len;

    enable(f, LCR_FEN | LCR_WLEN8);
    for (const char *p = "Hello, "; *p; p++) {
        wr(f, DR, (uint8_t)*p);
    }
    /* Linux's earlycon stores bytes; only bits 7:0 are the character. */
    CHECK_EQ(as_write(f->as, BASE + DR, 1, 'w'), MEMTX_OK);
    wr(f, DR, 0xf00 | 'o');
    out = chardev_mem_output(f->chr, &len);
    CHECK_EQ(len, 9);
    CHECK(memcmp(out, "Hello, wo", 9) == 0);
    /* Transmission is immediate: never full, never busy. */
    CHECK_EQ(rd(f, FR) & (FR_TXFE | FR_TXFF | FR_BUSY), FR_TXFE);
}

TEST(tx_while_disabled_still_sent)
{
    Fixture *f = setup();
    size_t len;

    /* QEMU compatibility: UARTCR resets with UARTEN clear and bare-metal
     * programs write UARTDR anyway; so do TXE = 0 writes. */
    wr(f, DR, 'a');
    wr(f, CR, CR_UARTEN | CR_RXE);
    wr(f, DR, 'b');
    wr(f, CR, 0);
    wr(f, DR, 'c');
    CHECK(memcmp(chardev_mem_output(f->chr, &len), "abc", 3) == 0);
    CHECK_EQ(len, 3);
}

TEST(rx_fifo_mode_16_entries)
{
    Fixture *f = setup();
    const char *in = "ABCDEFGHIJKLMNOPQRST";   /* 20 bytes */

    enable(f, LCR_FEN | LCR_WLEN8);
    push(f, in);
    /* 16 fit; the rest waits in the backend. */
    CHECK_EQ(chardev_mem_pending_input(f->chr), 4);
    CHECK_EQ(rd(f, FR) & (FR_RXFE | FR_RXFF), FR_RXFF);
    for (int i = 0; i < 20; i++) {
        uint32_t dr = rd(f, DR);

        CHECK_EQ(dr, (uint8_t)in[i]);   /* no error bits */
        if (i < 19) {
            CHECK_EQ(rd(f, FR) & FR_RXFE, 0);
        }
    }
    CHECK_EQ(chardev_mem_pending_input(f->chr), 0);
    CHECK_EQ(rd(f, FR) & (FR_RXFE | FR_RXFF), FR_RXFE);
}

TEST(rx_character_mode_one_entry)
{
    Fixture *f = setup();

    enable(f, LCR_WLEN8);               /* FEN clear: 1-byte holding register */
    push(f, "xyz");
    CHECK_EQ(chardev_mem_pending_input(f->chr), 2);
    CHECK_EQ(rd(f, FR) & (FR_RXFE | FR_RXFF), FR_RXFF);
    CHECK_EQ(rd(f, DR), 'x');
    CHECK_EQ(chardev_mem_pending_input(f->chr), 1);
    CHECK_EQ(rd(f, DR), 'y');
    CHECK_EQ(rd(f, DR), 'z');
    CHECK_EQ(rd(f, FR) & (FR_RXFE | FR_RXFF), FR_RXFE);
}

TEST(fen_change_empties_fifo)
{
    Fixture *f = setup();

    enable(f, LCR_FEN | LCR_WLEN8);
    push(f, "0123456789abcdefXY");
    CHECK_EQ(chardev_mem_pending_input(f->chr), 2);
    wr(f, LCR_H, LCR_WLEN8);            /* FIFO off: contents discarded */
    /* Room appeared, so the backend delivered one byte into the holder. */
    CHECK_EQ(chardev_mem_pending_input(f->chr), 1);
    CHECK_EQ(rd(f, DR), 'X');
    CHECK_EQ(rd(f, DR), 'Y');
    CHECK_EQ(rd(f, FR) & FR_RXFE, FR_RXFE);
}

TEST(rx_interrupt_at_trigger_level)
{
    Fixture *f = setup();

    enable(f, LCR_FEN | LCR_WLEN8);     /* IFLS reset: RX at 1/2 = 8 */
    wr(f, IMSC, INT_RX);
    push(f, "1234567");
    CHECK_EQ(rd(f, RIS) & INT_RX, 0);
    CHECK(!f->level);
    push(f, "8");
    CHECK_EQ(rd(f, RIS) & INT_RX, INT_RX);
    CHECK_EQ(rd(f, MIS), INT_RX);
    CHECK(f->level);
    rd(f, DR);                          /* 7 left: below the trigger */
    CHECK_EQ(rd(f, RIS) & INT_RX, 0);
    CHECK(!f->level);
}

TEST(rx_timeout_while_data_waits)
{
    Fixture *f = setup();

    enable(f, LCR_FEN | LCR_WLEN8);
    push(f, "ab");                      /* below the trigger level */
    CHECK_EQ(rd(f, RIS) & (INT_RX | INT_RT), INT_RT);
    CHECK(!f->level);                   /* masked */
    wr(f, IMSC, INT_RT);
    CHECK(f->level);
    CHECK_EQ(rd(f, MIS), INT_RT);
    CHECK_EQ(rd(f, DR), 'a');
    CHECK(f->level);                    /* still data waiting */
    CHECK_EQ(rd(f, DR), 'b');
    CHECK_EQ(rd(f, RIS) & INT_RT, 0);   /* FIFO empty clears RT */
    CHECK(!f->level);

    /* UARTICR clears it too, with data still waiting. */
    push(f, "c");
    CHECK(f->level);
    wr(f, ICR, INT_RT);
    CHECK(!f->level);
    CHECK_EQ(rd(f, DR), 'c');
}

TEST(ifls_rx_trigger_levels)
{
    static const unsigned trigger[5] = { 2, 4, 8, 12, 14 };   /* 1/8 .. 7/8 of 16 */
    Fixture *f = setup();

    for (unsigned sel = 0; sel < 5; sel++) {
        wr(f, LCR_H, LCR_WLEN8);        /* toggling FEN empties the FIFO */
        enable(f, LCR_FEN | LCR_WLEN8);
        wr(f, IFLS, sel << 3);
        CHECK_EQ(rd(f, FR) & FR_RXFE, FR_RXFE);
        for (unsigned i = 0; i + 1 < trigger[sel]; i++) {
            push(f, "x");
        }
        CHECK_EQ(rd(f, RIS) & INT_RX, 0);
        push(f, "y");
        CHECK_EQ(rd(f, RIS) & INT_RX, INT_RX);
    }
    /* Character mode interrupts on every character, whatever IFLS says. */
    wr(f, LCR_H, LCR_WLEN8);
    wr(f, IFLS, 4 << 3);
    push(f, "z");
    CHECK_EQ(rd(f, RIS) & INT_RX, INT_RX);
}

TEST(tx_interrupt_and_icr)
{
    Fixture *f = setup();

    enable(f, LCR_FEN | LCR_WLEN8);
    CHECK_EQ(rd(f, RIS) & INT_TX, 0);   /* no transmission yet */
    wr(f, IMSC, INT_TX);
    CHECK(!f->level);
    wr(f, DR, 'q');
    CHECK_EQ(rd(f, RIS) & INT_TX, INT_TX);
    CHECK_EQ(rd(f, MIS), INT_TX);
    CHECK(f->level);
    wr(f, ICR, INT_TX);
    CHECK_EQ(rd(f, RIS) & INT_TX, 0);
    CHECK(!f->level);
    wr(f, DR, 'r');
    CHECK(f->level);
    wr(f, IMSC, 0);                     /* masking lowers the line */
    CHECK(!f->level);
    CHECK_EQ(rd(f, MIS), 0);
    CHECK_EQ(rd(f, RIS) & INT_TX, INT_TX);
}

TEST(icr_clears_only_written_bits)
{
    Fixture *f = setup();

    enable(f, LCR_WLEN8);
    wr(f, IMSC, INT_RX | INT_TX);
    wr(f, DR, '!');
    push(f, "?");
    CHECK_EQ(rd(f, RIS) & (INT_RX | INT_TX), INT_RX | INT_TX);
    wr(f, ICR, INT_RX);
    CHECK_EQ(rd(f, RIS) & (INT_RX | INT_TX), INT_TX);
    CHECK(f->level);
    wr(f, ICR, INT_TX);
    CHECK(!f->level);
    CHECK_EQ(rd(f, DR), '?');            /* clearing RX did not drop data */
}

TEST(loopback)
{
    Fixture *f = setup();
    size_t len;

    wr(f, LCR_H, LCR_FEN | LCR_WLEN8);
    wr(f, CR, CR_UARTEN | CR_TXE | CR_RXE | CR_LBE);
    push(f, "H");                       /* host input waits during loopback */
    CHECK_EQ(chardev_mem_pending_input(f->chr), 1);
    wr(f, DR, 'L');
    CHECK_EQ(rd(f, DR), 'L');
    chardev_mem_output(f->chr, &len);
    CHECK_EQ(len, 1);                   /* and, as in QEMU, also sent out */
    /* Modem outputs loop to inputs: RTS -> CTS, with a CTS interrupt. */
    wr(f, CR, CR_UARTEN | CR_TXE | CR_RXE | CR_LBE | CR_RTS);
    CHECK_EQ(rd(f, FR) & 1, 1);
    CHECK_EQ(rd(f, RIS) & INT_CTS, INT_CTS);
    /* A break is received as a NUL with BE set; RSR shows it, ECR clears. */
    wr(f, LCR_H, LCR_FEN | LCR_WLEN8 | LCR_BRK);
    CHECK_EQ(rd(f, RIS) & INT_BE, INT_BE);
    CHECK_EQ(rd(f, DR), 0x400);
    CHECK_EQ(rd(f, RSR), 0x4);
    wr(f, RSR, 0);
    CHECK_EQ(rd(f, RSR), 0);
    /* Leaving loopback lets the host's byte in. */
    wr(f, CR, CR_UARTEN | CR_TXE | CR_RXE);
    CHECK_EQ(rd(f, FR) & 1, 0);
    CHECK_EQ(chardev_mem_pending_input(f->chr), 0);
    CHECK_EQ(rd(f, DR), 'H');
}

TEST(bad_offsets_and_sizes)
{
    Fixture *f = setup();
    uint64_t v = 0;
    size_t len;

    CHECK_EQ(rd(f, 0x08), 0);           /* reserved */
    CHECK_EQ(rd(f, 0x100), 0);
    wr(f, 0x08, 0xffffffff);
    wr(f, 0x100, 0xffffffff);
    CHECK_EQ(rd(f, 0x08), 0);
    /* Read-only registers ignore writes. */
    wr(f, FR, 0);
    CHECK_EQ(rd(f, FR), FR_TXFE | FR_RXFE);
    wr(f, RIS, 0x7ff);
    wr(f, MIS, 0x7ff);
    CHECK_EQ(rd(f, RIS), 0);
    CHECK(!f->level);
    CHECK_EQ(rd(f, ICR), 0);            /* write-only */
    /* The registers are 32-bit: 64-bit accesses are refused. */
    CHECK_EQ(as_read(f->as, BASE + FR, 8, &v), MEMTX_ACCESS_ERROR);
    CHECK_EQ(as_write(f->as, BASE + DR, 8, 'z'), MEMTX_ACCESS_ERROR);
    chardev_mem_output(f->chr, &len);
    CHECK_EQ(len, 0);
    /* Masks: IBRD is 16 bits, FBRD 6, DMACR 3. */
    wr(f, IBRD, 0x12345);
    wr(f, FBRD, 0xff);
    wr(f, DMACR, 0xff);
    CHECK_EQ(rd(f, IBRD), 0x2345);
    CHECK_EQ(rd(f, FBRD), 0x3f);
    CHECK_EQ(rd(f, DMACR), 7);
}

TEST(narrow_accesses)
{
    Fixture *f = setup();
    uint64_t v = 0;

    wr(f, IBRD, 0xa5c3);
    CHECK_EQ(as_read(f->as, BASE + FR, 2, &v), MEMTX_OK);   /* Linux's readw */
    CHECK_EQ(v, FR_TXFE | FR_RXFE);
    CHECK_EQ(as_read(f->as, BASE + IBRD, 1, &v), MEMTX_OK);
    CHECK_EQ(v, 0xc3);
    CHECK_EQ(as_read(f->as, BASE + IBRD + 1, 1, &v), MEMTX_OK);
    CHECK_EQ(v, 0xa5);                  /* the register's second byte lane */
    CHECK_EQ(as_read(f->as, BASE + 0xfe0, 1, &v), MEMTX_OK);
    CHECK_EQ(v, 0x11);
    /* Reading DR's upper lanes does not consume a character. */
    enable(f, LCR_WLEN8);
    push(f, "k");
    CHECK_EQ(as_read(f->as, BASE + DR + 1, 1, &v), MEMTX_OK);
    CHECK_EQ(v, 0);
    CHECK_EQ(rd(f, DR), 'k');
}

TEST(free_closes_backend)
{
    char *path = g_build_filename(test_tmpdir(), "uart.txt", NULL);
    char *spec = g_strdup_printf("file:%s", path);
    AddressSpace *as = as_new();
    PL011 *uart = pl011_create(as, BASE, (IrqLine){ NULL, NULL, 0 }, chardev_open(spec));
    gchar *data = NULL;
    gsize len = 0;

    /* The UART owns its backend: freeing it flushes and closes the file. */
    CHECK_EQ(as_write(as, BASE + DR, 4, 'o'), MEMTX_OK);
    CHECK_EQ(as_write(as, BASE + DR, 4, 'k'), MEMTX_OK);
    pl011_free(uart);
    CHECK(g_file_get_contents(path, &data, &len, NULL));
    CHECK_EQ(len, 2);
    CHECK(memcmp(data, "ok", 2) == 0);
    as_free(as);
    /* And a UART without a backend works, output going nowhere. */
    as = as_new();
    uart = pl011_create(as, BASE, (IrqLine){ NULL, NULL, 0 }, NULL);
    CHECK_EQ(as_write(as, BASE + DR, 4, 'x'), MEMTX_OK);
    pl011_free(uart);
    as_free(as);
}
