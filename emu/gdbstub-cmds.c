/* The gdbstub's packet handlers: one table row per packet prefix. Packet
 * syntax and replies follow the GDB manual, appendix "Remote Protocol",
 * sections "Packets", "General Query Packets", "Stop Reply Packets" and
 * "Target Description Format". A malformed packet gets E01 (E22 for a
 * thread that does not exist, E14 for memory that cannot be accessed, as
 * QEMU answers); a packet armlet does not implement gets the empty reply,
 * which the protocol defines as "not supported". */
#include "emu/gdbstub-impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "emu/main_loop.h"

/* Thread ids are cpu index + 1; -1 means all threads, 0 any thread. */
#define TID_ALL -1
#define TID_ANY 0

/* ---- encoding helpers -------------------------------------------------------- */

void gdb_append_hex(GString *out, const uint8_t *buf, size_t len)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        g_string_append_c(out, digits[buf[i] >> 4]);
        g_string_append_c(out, digits[buf[i] & 15]);
    }
}

void gdb_append_escaped(GString *out, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t c = buf[i];

        if (c == '#' || c == '$' || c == '}' || c == '*') {
            g_string_append_c(out, '}');
            c ^= 0x20;
        }
        g_string_append_c(out, (char)c);
    }
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* One hex number of 1..16 digits at *p; advances *p past it. */
static bool parse_hex(const char **p, uint64_t *v)
{
    const char *q = *p;
    uint64_t x = 0;
    int n = 0, d;

    while ((d = hex_digit(*q)) >= 0) {
        if (++n > 16) {
            return false;
        }
        x = x << 4 | (uint64_t)d;
        q++;
    }
    if (n == 0) {
        return false;
    }
    *v = x;
    *p = q;
    return true;
}

/* Exactly 2 * len hex digits into buf. */
static bool decode_hex(const char *p, size_t digits, uint8_t *buf, size_t len)
{
    if (digits != 2 * len) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        int hi = hex_digit(p[2 * i]), lo = hex_digit(p[2 * i + 1]);

        if (hi < 0 || lo < 0) {
            return false;
        }
        buf[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

/* A thread id: "-1", or a hex number (0 = any). */
static bool parse_tid(const char **p, int *tid)
{
    uint64_t v;

    if ((*p)[0] == '-' && (*p)[1] == '1') {
        *p += 2;
        *tid = TID_ALL;
        return true;
    }
    if (!parse_hex(p, &v) || v > INT32_MAX) {
        return false;
    }
    *tid = (int)v;
    return true;
}

static bool tid_exists(GdbStub *s, int tid)
{
    return tid >= 1 && tid <= s->t.ncpus;
}

/* "ADDR,LEN" followed by `end` (':' or '\0'). */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len, char end)
{
    if (!parse_hex(p, addr) || **p != ',') {
        return false;
    }
    (*p)++;
    if (!parse_hex(p, len) || **p != end) {
        return false;
    }
    if (end) {
        (*p)++;
    }
    return true;
}

static void reply(GdbStub *s, const char *text)
{
    g_string_assign(s->reply, text);
}

static void reply_error(GdbStub *s, int code)
{
    g_string_printf(s->reply, "E%02x", code);
}

enum { E_MALFORMED = 0x01, E_MEMORY = 0x14, E_THREAD = 0x22 };

/* ---- monitor commands (qRcmd) ---------------------------------------------- */

#define MONITOR_MAX 32

typedef struct MonitorCmd {
    const char *name, *help;
    GdbMonitorFn fn;
} MonitorCmd;

static MonitorCmd monitor_cmds[MONITOR_MAX];
static int monitor_count;

/* "on" / "off" -> 1 / 0, "" -> -1 (ask), anything else -> -2. */
static int parse_on_off(const char *args)
{
    return !*args ? -1 : strcmp(args, "on") == 0 ? 1 : strcmp(args, "off") == 0 ? 0 : -2;
}

/* A setting through one of the target's on/off callbacks. */
static bool monitor_setting(GdbStub *s, bool (*fn)(void *, int), const char *name,
                            const char *args, GString *out)
{
    int on = parse_on_off(args);

    if (!fn || on == -2) {
        g_string_append_printf(out, "usage: %s [on|off]%s\n", name,
                               fn ? "" : " (not available on this target)");
        return false;
    }
    g_string_append_printf(out, "%s: %s\n", name, fn(s->t.cpus, on) ? "on" : "off");
    return true;
}

#define PHYS_DUMP_DEFAULT 64
#define PHYS_DUMP_MAX 4096

/* Hex dump, 16 bytes a line with their printable characters. */
static void hex_dump(GString *out, uint64_t addr, const uint8_t *buf, size_t len)
{
    for (size_t off = 0; off < len; off += 16) {
        size_t n = MIN(16, len - off);

        g_string_append_printf(out, "%016" PRIx64 ":", addr + off);
        for (size_t i = 0; i < 16; i++) {
            if (i < n) {
                g_string_append_printf(out, " %02x", buf[off + i]);
            } else {
                g_string_append(out, "   ");
            }
        }
        g_string_append(out, "  |");
        for (size_t i = 0; i < n; i++) {
            g_string_append_c(out, g_ascii_isprint(buf[off + i]) ? (char)buf[off + i] : '.');
        }
        g_string_append(out, "|\n");
    }
}

static bool mon_phys(GdbStub *s, const char *args, GString *out)
{
    const char *p = args;
    uint64_t addr, len = PHYS_DUMP_DEFAULT;
    g_autofree uint8_t *buf = NULL;
    size_t done;

    if (parse_on_off(args) != -2) {
        return monitor_setting(s, s->t.phys_mode, "phys", args, out);
    }
    /* "ADDR [LEN]": the address hex with or without 0x, the length
     * decimal or 0x hex (gdb passes the text as typed) */
    if (g_str_has_prefix(p, "0x")) {
        p += 2;
    }
    if (!parse_hex(&p, &addr) || (*p && *p != ' ')) {
        goto usage;
    }
    while (*p == ' ') {
        p++;
    }
    if (*p) {
        /* a count: decimal, or hex with 0x */
        char *end;

        len = g_ascii_strtoull(p, &end, 0);
        if (end == p || *end || len == 0 || *p == '-' || *p == '+') {
            goto usage;
        }
    }
    if (!s->t.read_phys) {
        g_string_append(out, "phys: no physical access on this target\n");
        return false;
    }
    if (len > PHYS_DUMP_MAX) {
        g_string_append_printf(out, "(only the first %d bytes)\n", PHYS_DUMP_MAX);
        len = PHYS_DUMP_MAX;
    }
    buf = g_malloc(len);
    done = s->t.read_phys(s->t.cpus, s->g_cpu, addr, buf, len);
    hex_dump(out, addr, buf, done);
    if (done < len) {
        g_string_append_printf(out, "%016" PRIx64 ": cannot be read\n", addr + done);
        return done > 0;
    }
    return true;
usage:
    g_string_append(out, "usage: phys on|off, or phys ADDR [LEN] (ADDR hex, LEN bytes, "
                    "default 64)\n");
    return false;
}

static bool mon_stepirq(GdbStub *s, const char *args, GString *out)
{
    return monitor_setting(s, s->t.step_irqs, "stepirq", args, out);
}

static bool mon_help(GdbStub *s, const char *args, GString *out);

/* Built in: guest-neutral, each through the GdbTarget. */
static const MonitorCmd builtin_cmds[] = {
    { "help", "list the monitor commands", mon_help },
    { "phys", "on|off: m/M/X use physical addresses; ADDR [LEN]: dump physical memory",
      mon_phys },
    { "stepirq", "on|off: a single step may enter an interrupt handler (default off)",
      mon_stepirq },
};

static bool mon_help(GdbStub *s, const char *args, GString *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(builtin_cmds); i++) {
        g_string_append_printf(out, "%s -- %s\n", builtin_cmds[i].name, builtin_cmds[i].help);
    }
    for (int i = 0; i < monitor_count; i++) {
        g_string_append_printf(out, "%s -- %s\n", monitor_cmds[i].name, monitor_cmds[i].help);
    }
    return true;
}

static const size_t builtin_count = G_N_ELEMENTS(builtin_cmds);

bool gdbstub_register_monitor(const char *name, const char *help, GdbMonitorFn fn)
{
    if (!name || !*name || !fn || monitor_count == MONITOR_MAX) {
        return false;
    }
    for (size_t i = 0; i < builtin_count; i++) {
        if (strcmp(builtin_cmds[i].name, name) == 0) {
            return false;
        }
    }
    for (int i = 0; i < monitor_count; i++) {
        if (strcmp(monitor_cmds[i].name, name) == 0) {
            return false;
        }
    }
    monitor_cmds[monitor_count++] = (MonitorCmd){ name, help ? help : "", fn };
    return true;
}

static bool monitor_run(GdbStub *s, char *line, GString *out)
{
    char *name = g_strstrip(line), *args = name + strcspn(name, " \t");

    if (*args) {
        *args++ = '\0';
        args = g_strstrip(args);
    }
    if (!*name) {
        return mon_help(s, args, out);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(builtin_cmds); i++) {
        if (strcmp(builtin_cmds[i].name, name) == 0) {
            return builtin_cmds[i].fn(s, args, out);
        }
    }
    for (int i = 0; i < monitor_count; i++) {
        if (strcmp(monitor_cmds[i].name, name) == 0) {
            return monitor_cmds[i].fn(s, args, out);
        }
    }
    g_string_append_printf(out, "unknown command '%s'; try 'monitor help'\n", name);
    return true;
}

static void h_qrcmd(GdbStub *s, const char *a, size_t n)
{
    size_t digits = strlen(a), len = digits / 2;
    g_autofree char *line = g_malloc(len + 1);
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(GString) pkt = g_string_new(NULL);
    bool ok;

    if (!decode_hex(a, digits, (uint8_t *)line, len) || memchr(line, '\0', len)) {
        reply_error(s, E_MALFORMED);
        return;
    }
    line[len] = '\0';
    ok = monitor_run(s, line, out);
    /* Console output goes in 'O' packets before the final reply. */
    for (size_t off = 0; off < out->len;) {
        size_t chunk = MIN(out->len - off, (GDB_PACKET_SIZE - 2) / 2);

        g_string_assign(pkt, "O");
        gdb_append_hex(pkt, (const uint8_t *)out->str + off, chunk);
        gdb_send_packet(s, pkt->str, pkt->len);
        off += chunk;
    }
    if (ok) {
        reply(s, "OK");
    } else {
        reply_error(s, E_MALFORMED);
    }
}

/* ---- connection and queries -------------------------------------------------- */

static void h_qsupported(GdbStub *s, const char *a, size_t n)
{
    /* The client's features follow "qSupported:", separated by ';'. */
    g_auto(GStrv) feats = g_strsplit(*a == ':' ? a + 1 : a, ";", -1);

    s->client_swbreak = s->client_hwbreak = false;
    for (int i = 0; feats[i]; i++) {
        if (strcmp(feats[i], "swbreak+") == 0) {
            s->client_swbreak = true;
        } else if (strcmp(feats[i], "hwbreak+") == 0) {
            s->client_hwbreak = true;
        }
    }
    g_string_printf(s->reply, "PacketSize=%x;qXfer:features:read+;vContSupported+;"
                    "QStartNoAckMode+;swbreak+;hwbreak+", GDB_PACKET_SIZE);
}

static void h_noack(GdbStub *s, const char *a, size_t n)
{
    /* This reply is still acknowledged; acks stop after it. */
    reply(s, "OK");
    gdb_send_packet(s, s->reply->str, s->reply->len);
    s->no_reply = true;
    s->no_ack = true;
}

static void h_xfer_features(GdbStub *s, const char *a, size_t n)
{
    const char *colon = strchr(a, ':'), *p;
    g_autofree char *annex = NULL;
    uint64_t off, len;
    size_t doclen = 0;
    const char *doc;

    if (!colon) {
        reply_error(s, 0);
        return;
    }
    annex = g_strndup(a, (gsize)(colon - a));
    p = colon + 1;
    if (!parse_addr_len(&p, &off, &len, '\0')) {
        reply_error(s, 0);
        return;
    }
    doc = s->t.xml ? s->t.xml(annex, &doclen) : NULL;
    if (!doc) {
        reply_error(s, 0);              /* E00: unknown annex */
        return;
    }
    if (off > doclen) {
        reply_error(s, E_MALFORMED);
        return;
    }
    /* Escaping can double the size: stay inside PacketSize. */
    len = MIN(len, MIN(doclen - off, (uint64_t)(GDB_PACKET_SIZE - 2) / 2));
    g_string_assign(s->reply, off + len < doclen ? "m" : "l");
    gdb_append_escaped(s->reply, (const uint8_t *)doc + off, len);
}

static void h_qattached(GdbStub *s, const char *a, size_t n)
{
    reply(s, "1");          /* attached to an existing process: kill on quit is not implied */
}

static void h_qc(GdbStub *s, const char *a, size_t n)
{
    g_string_printf(s->reply, "QC%x", s->g_cpu + 1);
}

static void h_qfthreadinfo(GdbStub *s, const char *a, size_t n)
{
    g_string_assign(s->reply, "m");
    for (int i = 0; i < s->t.ncpus; i++) {
        g_string_append_printf(s->reply, i ? ",%x" : "%x", i + 1);
    }
}

static void h_qsthreadinfo(GdbStub *s, const char *a, size_t n)
{
    reply(s, "l");          /* qfThreadInfo sent every thread */
}

static void h_thread_extra(GdbStub *s, const char *a, size_t n)
{
    char buf[128] = "";
    int tid;

    if (!parse_tid(&a, &tid) || *a) {
        reply_error(s, E_MALFORMED);
        return;
    }
    if (!tid_exists(s, tid)) {
        reply_error(s, E_THREAD);
        return;
    }
    if (s->t.thread_info) {
        s->t.thread_info(s->t.cpus, tid - 1, buf, sizeof buf);
    } else {
        snprintf(buf, sizeof buf, "CPU#%d", tid - 1);
    }
    g_string_truncate(s->reply, 0);
    gdb_append_hex(s->reply, (const uint8_t *)buf, strlen(buf));
}

static void h_query_stop(GdbStub *s, const char *a, size_t n)
{
    /* gdb takes the thread a stop reply names for the general thread
     * without sending Hg (its register cache follows): a reconnecting gdb
     * sends Hg0 (the first vCPU here) and then '?', which may name another
     * vCPU, and read that one's frame from the first vCPU's registers. */
    s->g_cpu = s->stop_cpu;
    g_string_assign(s->reply, s->stop_reply->str);
}

/* ---- threads ------------------------------------------------------------------ */

static void h_set_thread(GdbStub *s, const char *a, size_t n)
{
    char op = *a++;
    int tid;

    if ((op != 'g' && op != 'c') || !parse_tid(&a, &tid) || *a) {
        reply_error(s, E_MALFORMED);
        return;
    }
    if (tid != TID_ALL && tid != TID_ANY && !tid_exists(s, tid)) {
        reply_error(s, E_THREAD);
        return;
    }
    if (op == 'g') {
        /* Registers need one thread: "all" and "any" mean the first. */
        s->g_cpu = tid > 0 ? tid - 1 : 0;
    } else {
        s->c_cpu = tid > 0 ? tid - 1 : -1;
    }
    reply(s, "OK");
}

static void h_thread_alive(GdbStub *s, const char *a, size_t n)
{
    int tid;

    if (!parse_tid(&a, &tid) || *a) {
        reply_error(s, E_MALFORMED);
    } else if (!tid_exists(s, tid)) {
        reply_error(s, E_THREAD);
    } else {
        reply(s, "OK");
    }
}

/* ---- registers ---------------------------------------------------------------- */

static void regs_changed(GdbStub *s, int cpu)
{
    /* A resume from a breakpoint skips it only at the PC it was reported
     * at; after register edits nothing is skipped. */
    s->bp_skip[cpu] = false;
}

static void h_read_regs(GdbStub *s, const char *a, size_t n)
{
    uint8_t buf[GDB_MAX_REG_BYTES];

    g_string_truncate(s->reply, 0);
    for (int r = 0; r < s->t.g_regs; r++) {
        int sz = s->t.read_reg(s->t.cpus, s->g_cpu, r, buf);

        if (sz <= 0) {
            reply_error(s, E_MALFORMED);
            return;
        }
        gdb_append_hex(s->reply, buf, (size_t)sz);
    }
}

static void h_write_regs(GdbStub *s, const char *a, size_t n)
{
    uint8_t buf[GDB_MAX_REG_BYTES];
    int sizes[256];
    size_t total = 0, digits = strlen(a), off;
    int nregs = MIN(s->t.g_regs, 256);

    /* Check the whole packet before changing anything. */
    for (int r = 0; r < nregs; r++) {
        sizes[r] = s->t.read_reg(s->t.cpus, s->g_cpu, r, buf);
        total += (size_t)(sizes[r] > 0 ? sizes[r] : 0);
    }
    if (digits != 2 * total) {
        reply_error(s, E_MALFORMED);
        return;
    }
    /* From the last register back: the status register ends the g layout
     * and may re-bank earlier ones (A64's cpsr selects which SP "sp" is),
     * so it goes first and the values after it land in the new state. */
    off = total;
    for (int r = nregs - 1; r >= 0; r--) {
        if (sizes[r] <= 0) {
            continue;
        }
        off -= (size_t)sizes[r];
        if (!decode_hex(a + 2 * off, 2 * (size_t)sizes[r], buf, (size_t)sizes[r]) ||
            !s->t.write_reg(s->t.cpus, s->g_cpu, r, buf, (size_t)sizes[r])) {
            reply_error(s, E_MALFORMED);
            return;
        }
    }
    regs_changed(s, s->g_cpu);
    reply(s, "OK");
}

static void h_read_reg(GdbStub *s, const char *a, size_t n)
{
    uint8_t buf[GDB_MAX_REG_BYTES];
    uint64_t r;
    int sz;

    if (!parse_hex(&a, &r) || *a || r > INT32_MAX) {
        reply_error(s, E_MALFORMED);
        return;
    }
    sz = s->t.read_reg(s->t.cpus, s->g_cpu, (int)r, buf);
    if (sz <= 0) {
        reply_error(s, E_MALFORMED);
        return;
    }
    g_string_truncate(s->reply, 0);
    gdb_append_hex(s->reply, buf, (size_t)sz);
}

static void h_write_reg(GdbStub *s, const char *a, size_t n)
{
    uint8_t buf[GDB_MAX_REG_BYTES];
    uint64_t r;
    size_t digits;

    if (!parse_hex(&a, &r) || *a++ != '=' || r > INT32_MAX) {
        reply_error(s, E_MALFORMED);
        return;
    }
    digits = strlen(a);
    if (digits % 2 || digits / 2 > sizeof buf || !decode_hex(a, digits, buf, digits / 2) ||
        !s->t.write_reg(s->t.cpus, s->g_cpu, (int)r, buf, digits / 2)) {
        reply_error(s, E_MALFORMED);
        return;
    }
    regs_changed(s, s->g_cpu);
    reply(s, "OK");
}

/* ---- memory ------------------------------------------------------------------- */

static void h_read_mem(GdbStub *s, const char *a, size_t n)
{
    uint64_t addr, len;
    g_autofree uint8_t *buf = NULL;
    size_t done;

    if (!parse_addr_len(&a, &addr, &len, '\0')) {
        reply_error(s, E_MALFORMED);
        return;
    }
    /* The reply may hold fewer bytes than asked (GDB manual, 'm'). */
    len = MIN(len, (uint64_t)GDB_PACKET_SIZE / 2);
    buf = g_malloc(len ? len : 1);
    done = len ? s->t.read_mem(s->t.cpus, s->g_cpu, addr, buf, len) : 0;
    if (len && !done) {
        reply_error(s, E_MEMORY);
        return;
    }
    g_string_truncate(s->reply, 0);
    gdb_append_hex(s->reply, buf, done);
}

static void write_mem(GdbStub *s, uint64_t addr, const uint8_t *buf, size_t len)
{
    if (len && s->t.write_mem(s->t.cpus, s->g_cpu, addr, buf, len) != len) {
        reply_error(s, E_MEMORY);
    } else {
        reply(s, "OK");
    }
}

static void h_write_mem(GdbStub *s, const char *a, size_t n)
{
    uint64_t addr, len;
    g_autofree uint8_t *buf = NULL;

    if (!parse_addr_len(&a, &addr, &len, ':') || len > GDB_PACKET_SIZE) {
        reply_error(s, E_MALFORMED);
        return;
    }
    buf = g_malloc(len ? len : 1);
    if (!decode_hex(a, strlen(a), buf, len)) {
        reply_error(s, E_MALFORMED);
        return;
    }
    write_mem(s, addr, buf, len);
}

static void h_write_mem_bin(GdbStub *s, const char *a, size_t n)
{
    const char *start = a;
    uint64_t addr, len;

    /* The data is binary (already unescaped), so its length comes from the
     * packet length, not strlen. */
    if (!parse_addr_len(&a, &addr, &len, ':') || len != n - (size_t)(a - start)) {
        reply_error(s, E_MALFORMED);
        return;
    }
    write_mem(s, addr, (const uint8_t *)a, len);
}

/* ---- breakpoints -------------------------------------------------------------- */

static void breakpoint(GdbStub *s, const char *a, bool insert)
{
    uint64_t type, addr, kind;
    GdbBpResult r;

    /* "TYPE,ADDR,KIND" and possibly ";cond..." (not advertised: ignored). */
    if (!parse_hex(&a, &type) || *a++ != ',' || !parse_hex(&a, &addr) || *a++ != ',' ||
        !parse_hex(&a, &kind) || (*a && *a != ';')) {
        reply_error(s, E_MALFORMED);
        return;
    }
    if (type > GDB_WP_ACCESS) {
        return;             /* empty: unsupported */
    }
    if (!(insert ? s->t.bp_insert : s->t.bp_remove)) {
        return;
    }
    r = insert ? s->t.bp_insert(s->t.cpus, (int)type, addr, kind)
               : s->t.bp_remove(s->t.cpus, (int)type, addr, kind);
    if (r == GDB_BP_OK) {
        reply(s, "OK");
    } else if (r == GDB_BP_FAILED) {
        reply_error(s, E_MALFORMED);
    }
}

static void h_bp_insert(GdbStub *s, const char *a, size_t n)
{
    breakpoint(s, a, true);
}

static void h_bp_remove(GdbStub *s, const char *a, size_t n)
{
    breakpoint(s, a, false);
}

/* ---- execution ---------------------------------------------------------------- */

static void resume_with(GdbStub *s, GdbAction *act)
{
    gdb_resume(s, act);
    s->no_reply = true;     /* the answer is the next stop reply */
}

/* Legacy c/s/C/S: "[sig][;]addr". Continue runs every vCPU; step runs only
 * the Hc thread (or the last reporting one), the others stay stopped. */
static void legacy_resume(GdbStub *s, const char *a, bool step, bool has_sig)
{
    g_autofree GdbAction *act = g_new0(GdbAction, s->t.ncpus);
    int cpu = s->c_cpu >= 0 ? s->c_cpu : s->g_cpu;
    uint64_t v;

    if (has_sig) {
        if (!parse_hex(&a, &v)) {
            reply_error(s, E_MALFORMED);
            return;
        }
        if (*a == ';') {
            a++;
        } else if (*a) {
            reply_error(s, E_MALFORMED);
            return;
        }
    }
    if (*a) {
        if (!parse_hex(&a, &v) || *a || !s->t.set_pc || !s->t.set_pc(s->t.cpus, cpu, v)) {
            reply_error(s, E_MALFORMED);
            return;
        }
        regs_changed(s, cpu);
    }
    for (int i = 0; i < s->t.ncpus; i++) {
        act[i] = step ? (i == cpu ? GDB_ACT_STEP : GDB_ACT_STOP) : GDB_ACT_CONTINUE;
    }
    resume_with(s, act);
}

static void h_continue(GdbStub *s, const char *a, size_t n)
{
    legacy_resume(s, a, false, false);
}

static void h_step(GdbStub *s, const char *a, size_t n)
{
    legacy_resume(s, a, true, false);
}

static void h_continue_sig(GdbStub *s, const char *a, size_t n)
{
    legacy_resume(s, a, false, true);
}

static void h_step_sig(GdbStub *s, const char *a, size_t n)
{
    legacy_resume(s, a, true, true);
}

static void h_vcont_query(GdbStub *s, const char *a, size_t n)
{
    /* Signals mean nothing to a machine: C and S act as c and s. */
    reply(s, "vCont;c;C;s;S");
}

/* "vCont;ACTION[:TID];...": for each thread the leftmost matching action
 * applies; threads no action names stay stopped (GDB manual, vCont). */
static void h_vcont(GdbStub *s, const char *a, size_t n)
{
    g_auto(GStrv) items = g_strsplit(a, ";", -1);
    g_autofree GdbAction *act = g_new0(GdbAction, s->t.ncpus);
    g_autofree bool *set = g_new0(bool, s->t.ncpus);
    bool any = false;

    for (int i = 0; items[i]; i++) {
        const char *p = items[i];
        GdbAction what;
        uint64_t sig;
        int tid = TID_ALL;

        switch (*p++) {
        case 'c': what = GDB_ACT_CONTINUE; break;
        case 's': what = GDB_ACT_STEP; break;
        case 'C': what = GDB_ACT_CONTINUE; if (!parse_hex(&p, &sig)) goto bad; break;
        case 'S': what = GDB_ACT_STEP; if (!parse_hex(&p, &sig)) goto bad; break;
        default: goto bad;
        }
        if (*p == ':') {
            p++;
            if (!parse_tid(&p, &tid)) {
                goto bad;
            }
            if (tid == TID_ANY) {
                tid = 1;
            } else if (tid != TID_ALL && !tid_exists(s, tid)) {
                reply_error(s, E_THREAD);
                return;
            }
        }
        if (*p) {
            goto bad;
        }
        for (int c = 0; c < s->t.ncpus; c++) {
            if (!set[c] && (tid == TID_ALL || tid == c + 1)) {
                set[c] = true;
                act[c] = what;
                any = true;
            }
        }
    }
    if (!any) {
        goto bad;
    }
    resume_with(s, act);
    return;
bad:
    reply_error(s, E_MALFORMED);
}

static void h_detach(GdbStub *s, const char *a, size_t n)
{
    /* "D" or "D;PID": breakpoints go, the guest runs; gdb closes the
     * connection itself. */
    reply(s, "OK");
    gdb_release_machine(s);
}

static void h_kill(GdbStub *s, const char *a, size_t n)
{
    /* No reply (GDB manual, 'k'). QEMU exits; the machine decides here. */
    s->no_reply = true;
    if (s->t.kill) {
        s->t.kill(s->t.machine);
    } else {
        main_loop_request_exit(0);
    }
    gdb_drop_client(s);
}

/* ---- QEMU's maintenance packets ------------------------------------------------ */

/* gdb users drive QEMU with "maintenance packet qqemu.sstep=..." and
 * "...Qqemu.PhyMemMode:1"; the same packets work here. Single-step bits
 * (QEMU's gdbstub): ENABLE 1, NOIRQ 2, NOTIMER 4. Only NOIRQ changes
 * anything in armlet: timers never run during a step (virtual time does
 * not advance while the machine is stopped). */
enum { SSTEP_ENABLE = 1, SSTEP_NOIRQ = 2, SSTEP_NOTIMER = 4 };

static void h_sstepbits(GdbStub *s, const char *a, size_t n)
{
    reply(s, "ENABLE=1,NOIRQ=2,NOTIMER=4");
}

static void h_sstep_get(GdbStub *s, const char *a, size_t n)
{
    bool irqs = s->t.step_irqs && s->t.step_irqs(s->t.cpus, -1);

    g_string_printf(s->reply, "0x%x", SSTEP_ENABLE | SSTEP_NOTIMER | (irqs ? 0 : SSTEP_NOIRQ));
}

static void h_sstep_set(GdbStub *s, const char *a, size_t n)
{
    uint64_t v;

    if (!s->t.step_irqs || !parse_hex(&a, &v) || *a) {
        reply_error(s, E_MALFORMED);
        return;
    }
    s->t.step_irqs(s->t.cpus, !(v & SSTEP_NOIRQ));
    reply(s, "OK");
}

static void h_phymem_get(GdbStub *s, const char *a, size_t n)
{
    reply(s, s->t.phys_mode && s->t.phys_mode(s->t.cpus, -1) ? "1" : "0");
}

static void h_phymem_set(GdbStub *s, const char *a, size_t n)
{
    if (!s->t.phys_mode || (strcmp(a, "0") != 0 && strcmp(a, "1") != 0)) {
        reply_error(s, E_MALFORMED);
        return;
    }
    s->t.phys_mode(s->t.cpus, a[0] == '1');
    reply(s, "OK");
}

/* ---- dispatch ----------------------------------------------------------------- */

typedef void (*GdbCmdFn)(GdbStub *s, const char *args, size_t len);

typedef struct GdbCmd {
    const char *prefix;
    bool exact;              /* the packet is exactly the prefix */
    GdbCmdFn fn;
} GdbCmd;

static const GdbCmd gdb_cmds[] = {
    { "qSupported",           false, h_qsupported },
    { "QStartNoAckMode",      true,  h_noack },
    { "qXfer:features:read:", false, h_xfer_features },
    { "qAttached",            false, h_qattached },
    { "qC",                   true,  h_qc },
    { "qfThreadInfo",         true,  h_qfthreadinfo },
    { "qsThreadInfo",         true,  h_qsthreadinfo },
    { "qThreadExtraInfo,",    false, h_thread_extra },
    { "qRcmd,",               false, h_qrcmd },
    { "qqemu.sstepbits",      true,  h_sstepbits },
    { "qqemu.sstep",          true,  h_sstep_get },
    { "Qqemu.sstep=",         false, h_sstep_set },
    { "qqemu.PhyMemMode",     true,  h_phymem_get },
    { "Qqemu.PhyMemMode:",    false, h_phymem_set },
    { "vCont?",               true,  h_vcont_query },
    { "vCont;",               false, h_vcont },
    { "?",                    true,  h_query_stop },
    { "g",                    true,  h_read_regs },
    { "G",                    false, h_write_regs },
    { "p",                    false, h_read_reg },
    { "P",                    false, h_write_reg },
    { "m",                    false, h_read_mem },
    { "M",                    false, h_write_mem },
    { "X",                    false, h_write_mem_bin },
    { "Z",                    false, h_bp_insert },
    { "z",                    false, h_bp_remove },
    { "H",                    false, h_set_thread },
    { "T",                    false, h_thread_alive },
    { "c",                    false, h_continue },
    { "s",                    false, h_step },
    { "C",                    false, h_continue_sig },
    { "S",                    false, h_step_sig },
    { "D",                    false, h_detach },
    { "k",                    true,  h_kill },
};

void gdb_handle_packet(GdbStub *s, const char *pkt, size_t len)
{
    g_string_truncate(s->reply, 0);
    s->no_reply = false;
    for (size_t i = 0; i < G_N_ELEMENTS(gdb_cmds); i++) {
        const GdbCmd *c = &gdb_cmds[i];
        size_t pl = strlen(c->prefix);

        if (len < pl || memcmp(pkt, c->prefix, pl) != 0 || (c->exact && len != pl)) {
            continue;
        }
        /* Only X carries binary data; elsewhere a NUL inside is malformed. */
        if (c->fn != h_write_mem_bin && memchr(pkt, '\0', len)) {
            reply_error(s, E_MALFORMED);
            break;
        }
        c->fn(s, pkt + pl, len - pl);
        break;
    }
    /* Unknown packets get the empty reply: "not supported". */
    if (!s->no_reply && s->write) {
        gdb_send_packet(s, s->reply->str, s->reply->len);
    }
}
