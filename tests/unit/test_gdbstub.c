/* The gdbstub's packets against real ArmCpus and an address space built
 * here: framing (checksums, acks, escapes, run-length encoding, no-ack
 * mode), queries, registers, the target description and memory. Expected
 * bytes come from the GDB manual's "Remote Protocol" appendix: checksums
 * are computed by the fixture's own function or by hand in comments,
 * register images from gdb's aarch64 layout (little-endian, cpsr 32 bits).
 * Execution control is in test_gdbstub_run.c. */
#include "tests/unit/test.h"

#include <stdlib.h>
#include <glib.h>

#include "target-arm/gdb-target.h"
#include "tests/unit/gdb_fixture.h"

/* ---- framing ---------------------------------------------------------------- */

TEST(framing_literal_checksums)
{
    gfx_setup();
    /* '?' is 0x3f: "$?#3f". The reply to QStartNoAckMode is "OK":
     * 'O' 0x4f + 'K' 0x4b = 0x9a, acknowledged with '+'. */
    gfx_feed("$?#3f", 5);
    CHECK(g_str_has_prefix(gfx.out->str, "+$T05thread:1;#"));
    g_string_truncate(gfx.out, 0);
    gfx_feed("$QStartNoAckMode#b0", 19);
    CHECK_STREQ(gfx.out->str, "+$OK#9a");
    g_string_truncate(gfx.out, 0);
    /* No acks any more; an unknown packet gets the empty reply "$#00". */
    gfx_feed("$vMustReplyEmpty#3a", 19);
    CHECK_STREQ(gfx.out->str, "$#00");
}

TEST(framing_bad_checksum_nak_and_retransmit)
{
    gfx_setup();
    gfx_feed("$?#00", 5);
    CHECK_STREQ(gfx.out->str, "-");           /* nothing handled */
    g_string_truncate(gfx.out, 0);
    gfx_feed("$g#zz", 5);                        /* not even hex */
    CHECK_STREQ(gfx.out->str, "-");
    g_string_truncate(gfx.out, 0);
    CHECK_REPLY("qAttached", "1");
    /* The client did not get it: '-' asks for the last packet again. */
    gfx_feed("-", 1);
    CHECK_STREQ(gfx.out->str, "$1#31");
    g_string_truncate(gfx.out, 0);
    gfx_feed("+", 1);                            /* acks produce nothing */
    CHECK_EQ(gfx.out->len, 0);
}

TEST(framing_noack_mode_ignores_checksum)
{
    gfx_setup();
    CHECK_REPLY("QStartNoAckMode", "OK");
    gfx_feed("$qAttached#00", 13);
    CHECK_STREQ(gfx.out->str, "$1#31");
}

TEST(framing_escapes_in_binary_write)
{
    static const uint8_t want[6] = { '#', '$', '}', '*', 0x00, 0x7f };
    uint8_t got[6];
    /* X with each special byte sent as '}' then byte ^ 0x20; the checksum
     * covers the bytes as sent. */
    const char raw[] = "X40800000,6:}\x03}\x04}]}\x0a" "\x00\x7f";

    gfx_setup();
    gfx_send_len(raw, sizeof raw - 1);
    {
        g_autofree char *r = gfx_take_reply(true);
        CHECK_STREQ(r, "OK");
    }
    CHECK(as_read_block(gfx.env.as, DATA, got, 6));
    CHECK_EQ(memcmp(got, want, 6), 0);
}

TEST(framing_run_length_decoding)
{
    uint8_t got[4];

    gfx_setup();
    /* "a* " is 'a' plus (' ' - 29) = 3 more: "aaaa" -> bytes aa aa. */
    CHECK_REPLY("M40800000,4:a* 1111", "OK");
    CHECK(as_read_block(gfx.env.as, DATA, got, 4));
    CHECK_EQ(got[0], 0xaa);
    CHECK_EQ(got[1], 0xaa);
    CHECK_EQ(got[2], 0x11);
    CHECK_EQ(got[3], 0x11);
}

TEST(framing_overlong_packet_refused)
{
    GString *big = g_string_new("M40800000,10:");

    gfx_setup();
    while (big->len < 0x4000 + 100) {
        g_string_append(big, "00");
    }
    CHECK_REPLY(big->str, "E01");
    CHECK_REPLY("qAttached", "1");           /* and the stream is still in sync */
    g_string_free(big, TRUE);
}

/* ---- queries ------------------------------------------------------------------ */

TEST(qsupported_features)
{
    g_autofree char *r = NULL;

    gfx_setup();
    r = gfx_xchg("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
    CHECK(strstr(r, "PacketSize=4000") != NULL);
    CHECK(strstr(r, "qXfer:features:read+") != NULL);
    CHECK(strstr(r, "vContSupported+") != NULL);
    CHECK(strstr(r, "QStartNoAckMode+") != NULL);
    CHECK(strstr(r, "swbreak+") != NULL);
    CHECK(strstr(r, "hwbreak+") != NULL);
    CHECK(strstr(r, "multiprocess") == NULL);
}

TEST(threads)
{
    g_autofree char *info = NULL;
    char text[128] = "";

    gfx_setup();
    CHECK_REPLY("qfThreadInfo", "m1,2");
    CHECK_REPLY("qsThreadInfo", "l");
    CHECK_REPLY("qC", "QC1");
    CHECK_REPLY("qAttached", "1");
    CHECK_REPLY("T1", "OK");
    CHECK_REPLY("T2", "OK");
    CHECK_REPLY("T3", "E22");
    CHECK_REPLY("T0", "E22");
    CHECK_REPLY("Tzz", "E01");
    CHECK_REPLY("Hg2", "OK");
    CHECK_REPLY("qC", "QC2");
    CHECK_REPLY("Hg5", "E22");
    CHECK_REPLY("Hc-1", "OK");
    CHECK_REPLY("Hc0", "OK");
    CHECK_REPLY("Hx1", "E01");

    /* Extra info is hex-encoded text: MPIDR and the power state. */
    info = gfx_xchg("qThreadExtraInfo,2");
    for (size_t i = 0; info[2 * i] && i < sizeof text - 1; i++) {
        unsigned b;
        CHECK(sscanf(info + 2 * i, "%2x", &b) == 1);
        text[i] = (char)b;
    }
    CHECK_STREQ(text, "CPU#1 mpidr=0x80000001 [off]");
    g_free(info);
    info = gfx_xchg("qThreadExtraInfo,1");
    CHECK_EQ(strncmp(info, "435055233020", 12), 0);  /* "CPU#0 " */
    gfx.cpu[0]->halted = true;
    arm_gdb_thread_info(gfx.cpu[0], text, sizeof text);
    CHECK_STREQ(text, "CPU#0 mpidr=0x80000000 [halted]");
    CHECK_REPLY("qThreadExtraInfo,9", "E22");
}

/* ---- registers ----------------------------------------------------------------- */

TEST(g_packet_layout)
{
    ArmCpu *c;
    g_autofree char *r = NULL;
    char want[16 * 34 + 16];
    char *w = want;

    gfx_setup();
    c = gfx.cpu[0];
    for (int i = 0; i < 31; i++) {
        c->x[i] = 0x0101010101010101ull * (uint64_t)i + 0x1122334455667700ull;
    }
    c->sp = 0x40001000;
    c->pc = 0x0123456789abcdefull;
    arm_set_pstate(c, PSTATE_N | PSTATE_C | PSTATE_D | PSTATE_I | 5);
    r = gfx_xchg("g");
    /* x0..x30, sp, pc as 8 little-endian bytes, cpsr as 4 */
    for (int i = 0; i < 31; i++, w += 16) {
        gfx_hex_le(w, c->x[i], 8);
    }
    gfx_hex_le(w, 0x40001000, 8), w += 16;
    gfx_hex_le(w, 0x0123456789abcdefull, 8), w += 16;
    /* N(31) C(29) D(9) I(7) EL1h(5) = 0xa0000285 */
    gfx_hex_le(w, 0xa0000285u, 4), w += 8;
    *w = '\0';
    CHECK_EQ(strlen(r), 31 * 16 + 16 + 16 + 8);
    CHECK_STREQ(r, want);
    CHECK_STREQ(r + 32 * 16, "efcdab896745230185020" "0a0");
}

TEST(G_writes_core_registers)
{
    GString *g = g_string_new(NULL);
    char h[17];
    ArmCpu *c;

    gfx_setup();
    c = gfx.cpu[0];
    for (int i = 0; i < 33; i++) {
        gfx_hex_le(h, 0x1000ull + (uint64_t)i, 8);
        g_string_append(g, h);
    }
    gfx_hex_le(h, 0x60000004u, 4);                 /* Z C, EL1t */
    g_string_append(g, h);
    g_string_prepend(g, "G");
    CHECK_REPLY(g->str, "OK");
    CHECK_EQ(c->x[0], 0x1000);
    CHECK_EQ(c->x[30], 0x1000 + 30);
    CHECK_EQ(c->sp, 0x1000 + 31);
    CHECK_EQ(c->pc, 0x1000 + 32);
    CHECK_EQ(arm_get_pstate(c), 0x60000004u);
    CHECK_EQ(c->spsel, 0);
    /* Wrong length: refused, nothing changed. */
    g_string_truncate(g, g->len - 2);
    CHECK_REPLY(g->str, "E01");
    CHECK_REPLY("G00", "E01");
    CHECK_EQ(c->x[0], 0x1000);
    g_string_free(g, TRUE);
}

TEST(p_P_single_registers)
{
    ArmCpu *c;
    char want[40];

    gfx_setup();
    c = gfx.cpu[0];
    c->pc = 0x40000abc;
    CHECK_REPLY("p20", "bc0a004000000000");       /* pc = 32 */
    c->vreg[0][0] = 0x0706050403020100ull;
    c->vreg[0][1] = 0x0f0e0d0c0b0a0908ull;
    CHECK_REPLY("p22", "000102030405060708090a0b0c0d0e0f");   /* v0 = 34 */
    c->fpsr = 0x08000001;
    c->fpcr = 0x03c00000;
    CHECK_REPLY("p42", "01000008");               /* fpsr = 66 */
    CHECK_REPLY("p43", "0000c003");               /* fpcr = 67 */

    CHECK_REPLY("P1f=0010004000000000", "OK");    /* sp = 31 */
    CHECK_EQ(c->sp, 0x40001000);
    CHECK_REPLY("P41=ffeeddccbbaa99887766554433221100", "OK");   /* v31 = 65 */
    CHECK_EQ(c->vreg[31][0], 0x8899aabbccddeeffull);
    CHECK_EQ(c->vreg[31][1], 0x0011223344556677ull);
    CHECK_REPLY("P21=05000000", "OK");            /* cpsr: EL1h, flags clear */
    CHECK_REPLY("P21=09000000", "E01");           /* EL2h: not implemented */
    CHECK_REPLY("P21=15000000", "E01");           /* nRW: AArch32 */
    CHECK_REPLY("P21=00000000", "OK");            /* EL0t */
    CHECK_EQ(c->el, 0);
    CHECK_REPLY("P21=0500", "E01");               /* wrong size */
    CHECK_REPLY("P3=00", "E01");
    CHECK_REPLY("p99", "E01");                    /* no such register */
    CHECK_REPLY("P99=0000000000000000", "E01");
    CHECK_REPLY("p", "E01");
    CHECK_REPLY("Pzz=00", "E01");
    CHECK_REPLY("P0=0g00000000000000", "E01");

    /* System registers from 68: SCTLR_EL1 first, MPIDR_EL1 last. */
    gfx_hex_le(want, c->sr.sctlr_el1, 8);
    CHECK_REPLY("p44", want);
    CHECK_REPLY("P48=0000000000104000", "OK");    /* MAIR_EL1 = 72 */
    CHECK_EQ(c->sr.mair_el1, 0x0040100000000000ull);
    CHECK_REPLY("P49=0008004000000000", "OK");    /* VBAR_EL1 = 73 */
    CHECK_EQ(c->sr.vbar_el1, 0x40000800);
    CHECK_REPLY("P4e=0400000000000000", "E01");   /* CurrentEL: read-only */
    CHECK_REPLY("P4f=0000000000000000", "E01");   /* MPIDR_EL1: read-only */
    CHECK_REPLY("p4e", "0000000000000000");       /* at EL0 now */
    CHECK_REPLY("p4f", "0000008000000000");
    CHECK_REPLY("p50", "E01");                    /* past the last one */
}

/* Walk a target-description document, checking it is well-formed XML and
 * collecting each reg's name, bitsize and regnum. */
typedef struct XmlRegs {
    int n;
    char *name[128];
    int bits[128], num[128];
    int includes;
} XmlRegs;

static void xml_start(GMarkupParseContext *ctx, const char *el, const char **an,
                      const char **av, gpointer data, GError **err)
{
    XmlRegs *x = data;

    if (strcmp(el, "xi:include") == 0) {
        x->includes++;
    }
    if (strcmp(el, "reg") != 0 || x->n == 128) {
        return;
    }
    x->num[x->n] = -1;
    for (int i = 0; an[i]; i++) {
        if (strcmp(an[i], "name") == 0) {
            x->name[x->n] = g_strdup(av[i]);
        } else if (strcmp(an[i], "bitsize") == 0) {
            x->bits[x->n] = atoi(av[i]);
        } else if (strcmp(an[i], "regnum") == 0) {
            x->num[x->n] = atoi(av[i]);
        }
    }
    x->n++;
}

static char *xfer_whole(const char *annex)
{
    GString *doc = g_string_new(NULL);

    for (;;) {
        g_autofree char *q = g_strdup_printf("qXfer:features:read:%s:%zx,%x", annex, doc->len, 0x100);
        g_autofree char *r = gfx_xchg(q);

        CHECK(r[0] == 'm' || r[0] == 'l');
        CHECK(strlen(r + 1) <= 0x100);           /* no escapes in XML text */
        g_string_append(doc, r + 1);
        if (r[0] == 'l') {
            return g_string_free(doc, FALSE);
        }
    }
}

TEST(target_description)
{
    static const GMarkupParser parser = { .start_element = xml_start };
    static const char *const docs[] = { "target.xml", "aarch64-core.xml", "aarch64-fpu.xml",
                                        "armlet-sysregs.xml" };
    static const char *const sys[] = { "SCTLR_EL1", "TCR_EL1", "TTBR0_EL1", "TTBR1_EL1",
                                       "MAIR_EL1", "VBAR_EL1", "ESR_EL1", "FAR_EL1", "ELR_EL1",
                                       "SPSR_EL1", "CurrentEL", "MPIDR_EL1" };
    XmlRegs x = { 0 };
    uint8_t buf[16];

    gfx_setup();
    for (size_t d = 0; d < G_N_ELEMENTS(docs); d++) {
        g_autofree char *doc = xfer_whole(docs[d]);
        GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, &x, NULL);

        CHECK(g_markup_parse_context_parse(ctx, doc, -1, NULL));
        CHECK(g_markup_parse_context_end_parse(ctx, NULL));
        g_markup_parse_context_free(ctx);
        if (d == 0) {
            CHECK(strstr(doc, "<architecture>aarch64</architecture>") != NULL);
            CHECK_EQ(x.includes, 3);
        }
        if (d == 1) {
            CHECK(strstr(doc, "name=\"org.gnu.gdb.aarch64.core\"") != NULL);
        }
        if (d == 2) {
            CHECK(strstr(doc, "name=\"org.gnu.gdb.aarch64.fpu\"") != NULL);
        }
    }
    /* gdb's numbering: x0-x30 0-30, sp 31, pc 32, cpsr 33 (32 bits),
     * v0-v31 34-65 (128 bits), fpsr 66, fpcr 67; then the 12 sysregs. */
    CHECK_EQ(x.n, 34 + 34 + 12);
    for (int i = 0; i < x.n; i++) {
        CHECK_EQ(x.num[i], i);
        /* what 'p' returns has the size the description promises */
        CHECK_EQ(arm_gdb_read_reg(gfx.cpu[0], i, buf) * 8, x.bits[i]);
    }
    CHECK_STREQ(x.name[0], "x0");
    CHECK_STREQ(x.name[31], "sp");
    CHECK_STREQ(x.name[32], "pc");
    CHECK_STREQ(x.name[33], "cpsr");
    CHECK_EQ(x.bits[33], 32);
    CHECK_STREQ(x.name[34], "v0");
    CHECK_EQ(x.bits[34], 128);
    CHECK_STREQ(x.name[66], "fpsr");
    CHECK_STREQ(x.name[67], "fpcr");
    for (int i = 0; i < 12; i++) {
        CHECK_STREQ(x.name[68 + i], sys[i]);
    }
    for (int i = 0; i < x.n; i++) {
        g_free(x.name[i]);
    }
    CHECK_REPLY("qXfer:features:read:nosuch.xml:0,100", "E00");
    CHECK_REPLY("qXfer:features:read:target.xml:zz", "E00");
    CHECK_REPLY("qXfer:features:read:target.xml:100000,10", "E01");
}

/* ---- memory ----------------------------------------------------------------------- */

TEST(memory_mmu_off_physical)
{
    static const uint8_t bytes[4] = { 0xde, 0xad, 0xbe, 0xef };

    gfx_setup();
    CHECK(as_load(gfx.env.as, DATA, bytes, 4));
    CHECK_REPLY("m40800000,4", "deadbeef");
    CHECK_REPLY("M40800002,2:0102", "OK");
    CHECK_REPLY("m40800000,4", "dead0102");
    CHECK_REPLY("m0,4", "E14");                 /* nothing at PA 0 */
    CHECK_REPLY("M0,1:00", "E14");
    /* A read running off the end of RAM returns what exists. */
    CHECK_REPLY("m40fffffe,4", "0000");
    CHECK_REPLY("m40800000", "E01");
    CHECK_REPLY("m40800000,4:", "E01");
    CHECK_REPLY("mzz,4", "E01");
    CHECK_REPLY("m11112222333344445,4", "E01"); /* 17 digits */
    CHECK_REPLY("M40800000,2:01", "E01");       /* too little data */
    CHECK_REPLY("M40800000,1:0g", "E01");
    CHECK_REPLY("X40800000,0:", "OK");          /* gdb's probe for X */
    CHECK_REPLY("X40800000,3:ab", "E01");       /* length mismatch */
}

TEST(memory_through_translation)
{
    MtEnv *e;
    ArmCpu *c;
    uint64_t root;

    gfx_setup();
    e = &gfx.env;
    c = gfx.cpu[0];
    root = mt_new_table(e, &G4K);
    /* VA 0x1000 -> PA DATA (EL1 read/write); VA 0x2000 -> DATA + 0x1000,
     * read-only at every EL: a debugger may still write it. */
    mt_map(e, &G4K, root, 48, 0x1000, 3, DATA | D_TABLE | D_AF | D_ATTR(ATTR_WB) | D_AP(0));
    mt_map(e, &G4K, root, 48, 0x2000, 3,
           (DATA + 0x1000) | D_TABLE | D_AF | D_ATTR(ATTR_WB) | D_AP(3));
    c->sr.tcr_el1 = mt_tcr0(&G4K, 16);
    c->sr.ttbr0_el1 = root;
    c->sr.mair_el1 = MAIR_TEST;
    c->sr.sctlr_el1 |= MMU_SCTLR_M;

    /* 0x2ffe: two bytes, then the unmapped page at 0x3000. */
    CHECK_REPLY("M2ffe,4:11223344", "E14");
    /* Across the two pages, the second one read-only. */
    CHECK_REPLY("M1ffc,8:0102030405060708", "OK");
    {
        uint8_t got[8];
        CHECK(as_read_block(e->as, DATA + 0xffc, got, 4));
        CHECK(as_read_block(e->as, DATA + 0x1000, got + 4, 4));
        CHECK_EQ(got[0], 1);
        CHECK_EQ(got[3], 4);
        CHECK_EQ(got[4], 5);
        CHECK_EQ(got[7], 8);
    }
    CHECK_REPLY("m1ffc,8", "0102030405060708");
    CHECK_REPLY("m3000,4", "E14");              /* unmapped VA */
    CHECK_REPLY("m2ffe,4", "1122");             /* up to the hole */
    CHECK_REPLY("m40800000,4", "E14");          /* the PA is not a VA here */
    /* Hg selects whose regime: cpu 1 has the MMU off. */
    CHECK_REPLY("Hg2", "OK");
    CHECK_REPLY("m40800ffc,4", "01020304");
}

static uint64_t mmio_last_off;
static unsigned mmio_last_size;

static uint64_t mmio_read(void *o, uint64_t off, unsigned size)
{
    mmio_last_off = off;
    mmio_last_size = size;
    return 0x12345678u >> (8 * (off & 3));
}

static void mmio_write(void *o, uint64_t off, uint64_t v, unsigned size)
{
    mmio_last_off = off;
    mmio_last_size = size;
}

TEST(memory_device_registers)
{
    static const MemOps ops = { .read = mmio_read, .write = mmio_write, .min_access = 1,
                                .max_access = 4 };

    gfx_setup();
    as_add_mmio(gfx.env.as, "dev", 0x09000000, 0x1000, &ops, NULL);
    CHECK_REPLY("m9000000,4", "78563412");
    CHECK_EQ(mmio_last_size, 4);
    CHECK_REPLY("m9000001,2", "5634");          /* 1 then 1: alignment */
    CHECK_REPLY("M9000004,4:00000000", "OK");
    CHECK_EQ(mmio_last_off, 4);
    CHECK_EQ(mmio_last_size, 4);
}
