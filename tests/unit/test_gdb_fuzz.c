/* A raw-socket fuzz of the gdbstub: a virt machine with the scheduler
 * running, a client on a real TCP socket sending thousands of random and
 * malformed packets (bad checksums, oversized and truncated packets,
 * binary junk, invalid hex, unknown commands, X with wrong lengths,
 * out-of-range registers and threads, random monitor commands, run-length
 * and escape abuse), interleaved with guest execution. armlet must not
 * crash (the ASan build runs this too) or hang (a deadline), and must
 * still answer a valid '?' and 'qAttached' afterwards, then end on 'k'.
 * The generator is seeded: a failure reproduces with the same seed
 * (GDB_FUZZ_SEED, GDB_FUZZ_PACKETS override). */
#include "tests/unit/test.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <glib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "emu/gdbstub-virt.h"
#include "emu/gdbstub.h"
#include "emu/main_loop.h"
#include "emu/options.h"
#include "emu/sched.h"
#include "emu/virt.h"
#include "target-arm/gdb-target.h"

#define DEADLINE_US (300 * G_USEC_PER_SEC)   /* generous: the ASan build on a loaded host */

typedef enum Phase { CONNECT, FUZZ, DETACH, QUERY, ATTACHED, KILL, DONE } Phase;

typedef struct Fuzz {
    Machine *m;
    GdbStub *s;
    int fd;
    Phase phase;
    uint64_t rng;
    int sent, total;
    int rounds;                  /* idle rounds in the current phase */
    gint64 phase_start;
    GByteArray *tx;              /* queued for the socket */
    GString *rx;                 /* received in the current phase */
    gint64 start;
    char *failure;
} Fuzz;

static Fuzz fz;

/* xorshift64*: deterministic from the seed. */
static uint64_t rnd(void)
{
    fz.rng ^= fz.rng >> 12;
    fz.rng ^= fz.rng << 25;
    fz.rng ^= fz.rng >> 27;
    return fz.rng * 0x2545f4914f6cdd1dull;
}

static unsigned below(unsigned n)
{
    return (unsigned)(rnd() % n);
}

static void fail(const char *what)
{
    if (!fz.failure) {
        fz.failure = g_strdup_printf("%s (phase %d, %d packets sent, seed %s)", what,
                                     fz.phase, fz.sent, g_getenv("GDB_FUZZ_SEED") ?: "default");
    }
    main_loop_request_exit(3);
}

static void put(const void *p, size_t n)
{
    g_byte_array_append(fz.tx, p, (guint)n);
}

static void put_str(const char *s)
{
    put(s, strlen(s));
}

/* "$data#cs" with a right checksum, or a wrong one. */
static void put_packet(const GString *data, bool good_sum)
{
    unsigned sum = 0;
    char tail[4];

    for (gsize i = 0; i < data->len; i++) {
        sum += (uint8_t)data->str[i];
    }
    if (!good_sum) {
        sum += 1 + below(255);
    }
    snprintf(tail, sizeof tail, "#%02x", sum & 0xff);
    put_str("$");
    put(data->str, data->len);
    put_str(tail);
}

/* ---- the generator ------------------------------------------------------------------ */

/* Packet starts: every handler and a few unknown ones. Never "k" (it ends
 * the machine; the test sends it last). */
static const char *const prefixes[] = {
    "?", "g", "G", "p", "P", "m", "M", "X", "Z0,", "Z1,", "Z2,", "Z3,", "Z4,", "Z9,",
    "z0,", "z1,", "z2,", "z3,", "z4,", "Hg", "Hc", "T", "c", "s", "C", "S", "D", "D;",
    "vCont?", "vCont;", "vCont;c", "vCont;s:", "vCont;c:", "vCont;S05:", "vMustReplyEmpty",
    "qSupported:", "qSupported", "QStartNoAckMode", "qXfer:features:read:",
    "qXfer:features:read:target.xml:", "qXfer:features:read:aarch64-core.xml:", "qAttached",
    "qC", "qfThreadInfo", "qsThreadInfo", "qThreadExtraInfo,", "qRcmd,", "qqemu.sstep",
    "qqemu.sstepbits", "Qqemu.sstep=", "qqemu.PhyMemMode", "Qqemu.PhyMemMode:", "qOffsets",
    "qTStatus", "vFile:open:", "!", "R00", "i", "bc", "qGetTLSAddr:", "QNonStop:1",
};

static const char *const monitor_words[] = {
    "help", "cpus", "psci", "phys", "phys on", "phys off", "stepirq", "stepirq on",
    "stepirq off", "phys 40000000", "phys 0 1000", "phys ffffffffffffffff 10", "nosuch",
};

static void rand_hex(GString *g, unsigned digits)
{
    for (unsigned i = 0; i < digits; i++) {
        g_string_append_c(g, "0123456789abcdefABCDEF"[below(22)]);
    }
}

/* A number gdb might send, or one it never would. */
static void rand_number(GString *g)
{
    static const char *const odd[] = {
        "0", "-1", "ffffffffffffffff", "10000000000000000", "7fffffff", "80000000",
        "40080000", "40000000", "", "g", "-", "+5", "0x10",
    };

    if (below(3) == 0) {
        g_string_append(g, odd[below(G_N_ELEMENTS(odd))]);
    } else {
        rand_hex(g, 1 + below(17));
    }
}

/* Random punctuation, numbers and hex, as the arguments of a command. */
static void rand_args(GString *g)
{
    unsigned parts = below(6);

    for (unsigned i = 0; i < parts; i++) {
        switch (below(8)) {
        case 0: g_string_append_c(g, ','); break;
        case 1: g_string_append_c(g, ':'); break;
        case 2: g_string_append_c(g, ';'); break;
        case 3: g_string_append_c(g, '='); break;
        case 4: rand_hex(g, below(64)); break;
        default: rand_number(g); break;
        }
    }
}

static void hex_text(GString *g, const char *text)
{
    for (const char *p = text; *p; p++) {
        g_string_append_printf(g, "%02x", (uint8_t)*p);
    }
}

/* Binary junk; 'k' is left out so that no-ack mode cannot turn junk into
 * a kill. */
static void rand_bytes(GString *g, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        char c = (char)below(256);
        g_string_append_c(g, c == 'k' ? 'K' : c);
    }
}

static void gen_one(void)
{
    g_autoptr(GString) d = g_string_new(NULL);

    switch (below(12)) {
    case 0: case 1: case 2: case 3:
        /* a known start with random arguments, right checksum */
        g_string_append(d, prefixes[below(G_N_ELEMENTS(prefixes))]);
        rand_args(d);
        put_packet(d, true);
        break;
    case 4:
        /* the same with a wrong checksum (NAKed, resent by nobody) */
        g_string_append(d, prefixes[below(G_N_ELEMENTS(prefixes))]);
        rand_args(d);
        put_packet(d, false);
        break;
    case 5:
        /* oversized: past PacketSize */
        g_string_append_c(d, "mMXGqp"[below(6)]);
        rand_hex(d, 0x4000 + below(0x2000));
        put_packet(d, below(2));
        break;
    case 6:
        /* truncated: no '#', or no checksum digits */
        put_str("$");
        g_string_append(d, prefixes[below(G_N_ELEMENTS(prefixes))]);
        rand_args(d);
        put(d->str, d->len);
        if (below(2)) {
            put_str("#");
            if (below(2)) {
                put_str("f");
            }
        }
        break;
    case 7:
        /* binary junk, inside a packet or between packets */
        rand_bytes(d, below(200));
        if (below(2)) {
            put_packet(d, below(2));
        } else {
            put(d->str, d->len);
        }
        break;
    case 8:
        /* X with a length that does not match its data, escapes at odd places */
        g_string_printf(d, "X%x,%x:", 0x40080000u + below(0x1000), below(64));
        rand_bytes(d, below(64));
        if (below(2)) {
            g_string_append_c(d, '}');
        }
        put_packet(d, true);
        break;
    case 9:
        /* registers and threads out of range */
        switch (below(4)) {
        case 0: g_string_printf(d, "p%x", below(2) ? below(0x100) : (unsigned)rnd()); break;
        case 1: g_string_printf(d, "P%x=", below(0x100)); rand_hex(d, below(40)); break;
        case 2: g_string_printf(d, "H%c%x", below(2) ? 'g' : 'c', below(0x40)); break;
        default: g_string_printf(d, "vCont;%c:%x", below(2) ? 'c' : 's', below(0x40)); break;
        }
        put_packet(d, true);
        break;
    case 10:
        /* monitor commands, some with random arguments, some not hex */
        g_string_assign(d, "qRcmd,");
        if (below(4) == 0) {
            rand_args(d);
        } else {
            GString *t = g_string_new(monitor_words[below(G_N_ELEMENTS(monitor_words))]);
            if (below(2)) {
                g_string_append_c(t, ' ');
                rand_args(t);
            }
            hex_text(d, t->str);
            g_string_free(t, TRUE);
        }
        put_packet(d, true);
        break;
    default:
        /* run-length encoding with any count, Ctrl-C, stray acks */
        switch (below(3)) {
        case 0:
            g_string_append(d, "m4008000");
            g_string_append_c(d, '*');
            g_string_append_c(d, (char)below(256));
            g_string_append(d, ",4");
            put_packet(d, true);
            break;
        case 1: put_str("\x03"); break;
        default: put_str(below(2) ? "+" : "-"); break;
        }
        break;
    }
    fz.sent++;
}

/* ---- the client side ----------------------------------------------------------------- */

static void flush_tx(void)
{
    while (fz.tx->len) {
        ssize_t n = send(fz.fd, fz.tx->data, fz.tx->len, MSG_NOSIGNAL | MSG_DONTWAIT);

        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            return;
        }
        if (n <= 0) {
            fail("the stub closed the connection");
            return;
        }
        g_byte_array_remove_range(fz.tx, 0, (guint)n);
    }
}

static void drain_rx(void)
{
    char buf[65536];
    ssize_t n;

    while ((n = recv(fz.fd, buf, sizeof buf, MSG_DONTWAIT)) > 0) {
        g_string_append_len(fz.rx, buf, n);
        if (fz.rx->len > (1u << 20)) {
            g_string_erase(fz.rx, 0, (gssize)(fz.rx->len - 4096));   /* keep the tail */
        }
    }
    if (n == 0) {
        fail("the stub closed the connection");
    }
}

/* A packet "$data#cs" with this data and a right checksum in rx. */
static bool got_packet(const char *data)
{
    unsigned sum = 0;
    g_autofree char *want = NULL;

    for (const char *p = data; *p; p++) {
        sum += (uint8_t)*p;
    }
    want = g_strdup_printf("$%s#%02x", data, sum & 0xff);
    return strstr(fz.rx->str, want) != NULL;
}

/* A stop reply to '?': "$T..." with a right checksum. */
static bool got_stop_reply(void)
{
    for (const char *p = strstr(fz.rx->str, "$T"); p; p = strstr(p + 1, "$T")) {
        const char *h = strchr(p, '#');
        unsigned sum = 0, cs;

        if (!h || strlen(h) < 3 || sscanf(h + 1, "%2x", &cs) != 1) {
            continue;
        }
        for (const char *q = p + 1; q < h; q++) {
            sum += (uint8_t)*q;
        }
        if ((sum & 0xff) == cs) {
            return true;
        }
    }
    return false;
}

static void next_phase(Phase p)
{
    if (g_getenv("GDB_FUZZ_VERBOSE")) {
        fprintf(stderr, "phase %d after %.2f s, %d rounds\n", p,
                (double)(g_get_monotonic_time() - fz.start) / G_USEC_PER_SEC, fz.rounds);
    }
    fz.phase = p;
    fz.rounds = 0;
    fz.phase_start = g_get_monotonic_time();
    g_string_truncate(fz.rx, 0);
}

static gboolean drive(gpointer data)
{
    if (g_get_monotonic_time() - fz.start > DEADLINE_US) {
        fail("no progress before the deadline: armlet hangs");
        return G_SOURCE_REMOVE;
    }
    if (fz.phase != CONNECT && fz.phase != DONE) {
        drain_rx();
        flush_tx();
    }
    fz.rounds++;
    switch (fz.phase) {
    case CONNECT: {
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(gdbstub_port(fz.s)),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };

        fz.fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fz.fd < 0 || connect(fz.fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
            fail("cannot connect");
            break;
        }
        fcntl(fz.fd, F_SETFL, fcntl(fz.fd, F_GETFL) | O_NONBLOCK);
        next_phase(FUZZ);
        break;
    }
    case FUZZ:
        /* a few packets per round, so the guest runs in between */
        if (fz.tx->len < 65536) {
            for (int i = 0; i < 32 && fz.sent < fz.total; i++) {
                gen_one();
            }
        }
        if (fz.sent >= fz.total && fz.tx->len == 0) {
            /* Detach: breakpoints and watchpoints go, so no stop reply
             * arrives unasked from now on. A '$' starts it whatever state
             * the junk left the framing in. */
            put_str("$D#44");
            next_phase(DETACH);
        }
        break;
    case DETACH:
        /* let what is in flight arrive, then start clean */
        if (fz.tx->len == 0 && fz.rounds > 10 &&
            g_get_monotonic_time() - fz.phase_start > G_USEC_PER_SEC / 4) {
            drain_rx();
            g_string_truncate(fz.rx, 0);
            put_str("$?#3f");
            next_phase(QUERY);
        }
        break;
    case QUERY:
        if (got_stop_reply()) {
            put_str("$qAttached#8f");
            next_phase(ATTACHED);
        }
        break;
    case ATTACHED:
        if (got_packet("1")) {
            put_str("$k#6b");
            next_phase(KILL);
        }
        break;
    case KILL:
    case DONE:
        break;
    }
    return G_SOURCE_CONTINUE;
}

TEST(gdbstub_survives_random_packets)
{
    char *argv[] = { "armlet", "-M", "virt", "-nodefaults", "-smp", "2", NULL };
    Options opts;
    GdbTarget t = { 0 };
    const char *seed = g_getenv("GDB_FUZZ_SEED"), *count = g_getenv("GDB_FUZZ_PACKETS");
    int status;

    options_parse(&opts, 6, argv);
    fz.m = virt_create(&opts);
    /* a guest that counts in a loop: add x0, x0, #1; b .-4 */
    {
        static const uint32_t loop[] = { 0x91000400u, 0x17ffffffu };
        CHECK(as_load(fz.m->as, VIRT_RAM_BASE + 0x80000, loop, sizeof loop));
    }
    fz.m->boot.entry = VIRT_RAM_BASE + 0x80000;
    virt_reset_cpus(fz.m);
    arm_gdb_target_init(&t, fz.m->cpus, fz.m->ncpus);
    t.machine = fz.m;
    fz.s = fz.m->gdb = gdbstub_open("tcp:127.0.0.1:0", &t, false);
    virt_gdb_monitor_init();
    fz.rng = seed ? g_ascii_strtoull(seed, NULL, 0) | 1 : 0x9e3779b97f4a7c15ull;
    fz.total = count ? atoi(count) : 4000;
    fz.tx = g_byte_array_new();
    fz.rx = g_string_new(NULL);
    fz.start = g_get_monotonic_time();
    {
        GSource *src = g_idle_source_new();
        g_source_set_callback(src, drive, NULL, NULL);
        g_source_attach(src, main_loop_context());
    }
    status = sched_run(fz.m);
    if (fz.failure) {
        test_failed(__FILE__, __LINE__, "%s", fz.failure);
    }
    CHECK_EQ(fz.sent, fz.total);
    CHECK_EQ(fz.phase, KILL);                   /* ended by our 'k', not before */
    CHECK_EQ(status, 0);
    close(fz.fd);
    gdbstub_free(fz.s);
}
