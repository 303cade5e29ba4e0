/* The gdbstub's transport, packet framing and stop/resume state machine.
 * Packet handlers are in gdbstub-cmds.c; the protocol reference is the GDB
 * manual, appendix "Remote Protocol" (sections "Overview" for framing,
 * acks and escapes, "Interrupts" for Ctrl-C, "Packet Acknowledgment" for
 * no-ack mode, "Stop Reply Packets").
 *
 * One client at a time: while one is attached the listening socket is not
 * watched, so a second gdb waits in the backlog, as with QEMU. */
#include "emu/gdbstub-impl.h"

#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "emu/error.h"
#include "emu/main_loop.h"

/* ---- state ------------------------------------------------------------------ */

GdbStub *gdbstub_new(const GdbTarget *target, bool start_stopped)
{
    GdbStub *s = g_new0(GdbStub, 1);
    int n = target->ncpus > 0 ? target->ncpus : 1;

    s->t = *target;
    s->t.ncpus = n;
    s->listen_fd = s->client_fd = -1;
    s->outq = g_byte_array_new();
    s->pkt = g_byte_array_new();
    s->last_tx = g_string_new(NULL);
    s->reply = g_string_new(NULL);
    s->stop_reply = g_string_new(NULL);
    s->action = g_new0(GdbAction, n);
    s->bp_skip = g_new0(bool, n);
    s->stopped = start_stopped;
    s->c_cpu = -1;
    gdb_set_stop_reply(s, 0, 5, -1);
    return s;
}

void *gdbstub_machine(GdbStub *s)
{
    return s->t.machine;
}

const GdbTarget *gdbstub_target(GdbStub *s)
{
    return &s->t;
}

int gdbstub_selected_cpu(GdbStub *s)
{
    return s->g_cpu;
}

bool gdbstub_is_stopped(GdbStub *s)
{
    return s->stopped;
}

bool gdbstub_client_attached(GdbStub *s)
{
    return s->write != NULL;
}

bool gdbstub_should_run(GdbStub *s, int cpu, bool *single_step)
{
    GdbAction a;

    *single_step = false;
    if (s->stopped || cpu < 0 || cpu >= s->t.ncpus) {
        return false;
    }
    /* With no client everything runs freely (before the first attach
     * without -S, and after a detach). */
    a = s->write ? s->action[cpu] : GDB_ACT_CONTINUE;
    if (a == GDB_ACT_STOP) {
        return false;
    }
    *single_step = a == GDB_ACT_STEP;
    s->last_cpu = cpu;
    return true;
}

bool gdbstub_take_breakpoint_skip(GdbStub *s, int cpu)
{
    bool skip;

    if (cpu < 0 || cpu >= s->t.ncpus) {
        return false;
    }
    skip = s->bp_skip[cpu];
    s->bp_skip[cpu] = false;
    return skip;
}

void gdb_set_stop_reply(GdbStub *s, int cpu, int signo, int bp_type)
{
    /* "T AA n1:r1;..." with the thread (GDB manual, Stop Reply Packets);
     * swbreak/hwbreak only for a client that announced them. */
    g_string_printf(s->stop_reply, "T%02xthread:%x;", signo & 0xff, cpu + 1);
    s->stop_cpu = cpu;
    if (bp_type == GDB_BP_SW && s->client_swbreak) {
        g_string_append(s->stop_reply, "swbreak:;");
    } else if (bp_type == GDB_BP_HW && s->client_hwbreak) {
        g_string_append(s->stop_reply, "hwbreak:;");
    }
}

static void stop_machine(GdbStub *s)
{
    s->stopped = true;
    for (int i = 0; i < s->t.ncpus; i++) {
        s->action[i] = GDB_ACT_STOP;
    }
    if (s->t.stop_all) {
        s->t.stop_all(s->t.machine);
    }
}

void gdbstub_notify_stop(GdbStub *s, int cpu, GdbStopReason reason)
{
    int bp_type = -1, wp = -1;
    uint64_t data = 0;

    if (cpu < 0 || cpu >= s->t.ncpus) {
        return;
    }
    /* A watchpoint hit is read (and so forgotten) even when it goes
     * unreported, so it cannot be taken for a later stop's reason. */
    if (reason == GDB_STOP_BREAKPOINT && s->t.take_watch_hit) {
        wp = s->t.take_watch_hit(s->t.cpus, cpu, &data);
    }
    if (!s->write || s->stopped) {
        return;
    }
    stop_machine(s);
    memset(s->bp_skip, 0, sizeof(bool) * (size_t)s->t.ncpus);
    if (reason == GDB_STOP_BREAKPOINT) {
        if (wp < 0) {
            bp_type = s->t.bp_type_at ? s->t.bp_type_at(s->t.cpus, cpu) : GDB_BP_SW;
        }
        /* resuming, the instruction runs once without stopping again */
        s->bp_skip[cpu] = true;
    }
    /* gdb selects the reporting thread for what follows. */
    s->g_cpu = cpu;
    gdb_set_stop_reply(s, cpu, reason == GDB_STOP_INTERRUPT ? 2 : 5, bp_type);
    if (wp >= 0) {
        /* "watch", "rwatch", "awatch" with the data address (GDB manual,
         * Stop Reply Packets) */
        static const char *const names[] = {
            [GDB_WP_WRITE] = "watch", [GDB_WP_READ] = "rwatch", [GDB_WP_ACCESS] = "awatch",
        };
        g_string_append_printf(s->stop_reply, "%s:%" PRIx64 ";",
                               wp <= GDB_WP_ACCESS && wp >= GDB_WP_WRITE ? names[wp] : "awatch",
                               data);
    }
    gdb_send_packet(s, s->stop_reply->str, s->stop_reply->len);
}

void gdb_resume(GdbStub *s, const GdbAction *action)
{
    GdbResume r = { .ncpus = s->t.ncpus, .action = s->action };

    memcpy(s->action, action, sizeof(GdbAction) * (size_t)s->t.ncpus);
    s->stopped = false;
    if (s->t.resume) {
        s->t.resume(s->t.machine, &r);
    }
    main_loop_kick();
}

void gdb_release_machine(GdbStub *s)
{
    if (s->t.bp_remove_all) {
        s->t.bp_remove_all(s->t.cpus);
    }
    memset(s->bp_skip, 0, sizeof(bool) * (size_t)s->t.ncpus);
    for (int i = 0; i < s->t.ncpus; i++) {
        s->action[i] = GDB_ACT_CONTINUE;
    }
    s->stopped = false;
    if (s->t.resume) {
        GdbResume r = { .ncpus = s->t.ncpus, .action = s->action };
        s->t.resume(s->t.machine, &r);
    }
    main_loop_kick();
}

static void send_exit_packet(GdbStub *s, char kind, int code)
{
    char buf[8];

    if (!s->write) {
        return;
    }
    snprintf(buf, sizeof buf, "%c%02x", kind, code & 0xff);
    gdb_send_packet(s, buf, strlen(buf));
    gdb_drop_client(s);
}

void gdbstub_notify_exit(GdbStub *s, int status)
{
    send_exit_packet(s, 'W', status);
}

void gdbstub_notify_signal_exit(GdbStub *s, int signo)
{
    send_exit_packet(s, 'X', signo);
}

/* ---- framing ---------------------------------------------------------------- */

static void raw_write(GdbStub *s, const void *buf, size_t len)
{
    if (s->write) {
        s->write(s->write_opaque, buf, len);
    }
}

void gdb_send_packet(GdbStub *s, const char *data, size_t len)
{
    uint8_t sum = 0;
    char tail[4];

    for (size_t i = 0; i < len; i++) {
        sum += (uint8_t)data[i];
    }
    g_string_truncate(s->last_tx, 0);
    g_string_append_c(s->last_tx, '$');
    g_string_append_len(s->last_tx, data, (gssize)len);
    snprintf(tail, sizeof tail, "#%02x", sum);
    g_string_append(s->last_tx, tail);
    raw_write(s, s->last_tx->str, s->last_tx->len);
}

static int hexval(uint8_t c)
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

static void pkt_put(GdbStub *s, uint8_t c)
{
    if (s->pkt->len >= GDB_PACKET_SIZE) {
        s->rx_overflow = true;
        return;
    }
    g_byte_array_append(s->pkt, &c, 1);
}

static void packet_complete(GdbStub *s)
{
    bool ok = s->rx_sum == s->rx_csum;

    if (!s->no_ack) {
        raw_write(s, ok ? "+" : "-", 1);
    }
    if (!ok) {
        return;             /* the client retransmits after '-' */
    }
    if (s->rx_overflow) {
        gdb_send_packet(s, "E01", 3);
        return;
    }
    g_byte_array_append(s->pkt, (const uint8_t *)"", 1);   /* NUL for the parsers */
    gdb_handle_packet(s, (const char *)s->pkt->data, s->pkt->len - 1);
}

static void interrupt(GdbStub *s)
{
    /* Ctrl-C (GDB manual, Interrupts): the vCPUs are between blocks while
     * the event loop runs, so the stop takes effect now. */
    if (!s->stopped) {
        gdbstub_notify_stop(s, s->last_cpu, GDB_STOP_INTERRUPT);
    }
}

static void rx_byte(GdbStub *s, uint8_t c)
{
    int v;

    if (c == '$' && s->rx != RX_IDLE) {
        /* '$' never appears inside a packet (it must be escaped even in
         * binary data, GDB manual "Overview"): the unfinished packet was
         * garbage; start over so the next one is not lost with it. */
        s->rx = RX_IDLE;
    }
    switch (s->rx) {
    case RX_IDLE:
        if (c == '$') {
            g_byte_array_set_size(s->pkt, 0);
            s->rx_sum = 0;
            s->rx_overflow = false;
            s->rx = RX_DATA;
        } else if (c == 0x03) {
            interrupt(s);
        } else if (c == '-' && !s->no_ack && s->last_tx->len) {
            raw_write(s, s->last_tx->str, s->last_tx->len);
        }
        /* '+' and noise between packets are ignored. */
        return;
    case RX_DATA:
        if (c == '#') {
            s->rx = RX_CSUM1;
            return;
        }
        s->rx_sum += c;
        if (c == '}') {
            s->rx = RX_ESCAPE;
        } else if (c == '*' && s->pkt->len > 0) {
            s->rx = RX_RLE;
        } else {
            pkt_put(s, c);
        }
        return;
    case RX_ESCAPE:
        s->rx_sum += c;
        pkt_put(s, c ^ 0x20);
        s->rx = RX_DATA;
        return;
    case RX_RLE:
        /* Run-length encoding: the previous byte repeated (c - 29) more
         * times (GDB manual, Overview). */
        s->rx_sum += c;
        if (c < 29 + 3 || c > 126) {
            s->rx_overflow = true;  /* not a valid count: refuse the packet */
        } else if (s->pkt->len > 0) {
            uint8_t prev = s->pkt->data[s->pkt->len - 1];

            for (int i = 0; i < c - 29; i++) {
                pkt_put(s, prev);
            }
        }
        s->rx = RX_DATA;
        return;
    case RX_CSUM1:
        v = hexval(c);
        s->rx_csum = (uint8_t)((v < 0 ? 0 : v) << 4);
        if (v < 0) {
            s->rx_sum = (uint8_t)~s->rx_csum;   /* force a mismatch */
        }
        s->rx = RX_CSUM2;
        return;
    case RX_CSUM2:
        v = hexval(c);
        s->rx = RX_IDLE;
        if (v < 0) {
            s->rx_csum = (uint8_t)~s->rx_sum;
        } else {
            s->rx_csum |= (uint8_t)v;
        }
        if (s->no_ack && s->rx_csum != s->rx_sum) {
            /* No-ack mode: checksums are not checked (GDB manual, Packet
             * Acknowledgment: the link is assumed reliable). */
            s->rx_csum = s->rx_sum;
        }
        packet_complete(s);
        return;
    }
}

void gdbstub_receive(GdbStub *s, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len && s->write; i++) {
        rx_byte(s, buf[i]);
    }
}

void gdbstub_attach_client(GdbStub *s, GdbWriteFn write, void *opaque)
{
    s->write = write;
    s->write_opaque = opaque;
    s->rx = RX_IDLE;
    s->no_ack = false;
    s->client_swbreak = s->client_hwbreak = false;
    g_string_truncate(s->last_tx, 0);
    s->g_cpu = s->last_cpu;     /* the thread '?' will name */
    s->c_cpu = -1;
    /* QEMU stops the machine when gdb connects; gdb's first '?' then
     * reports where it stands. */
    if (!s->stopped) {
        stop_machine(s);
    }
    for (int i = 0; i < s->t.ncpus; i++) {
        s->action[i] = GDB_ACT_STOP;
    }
    gdb_set_stop_reply(s, s->last_cpu, 5, -1);
}

void gdbstub_detach_client(GdbStub *s)
{
    if (!s->write) {
        return;
    }
    s->write = NULL;
    s->write_opaque = NULL;
    gdb_release_machine(s);
}

/* ---- sockets ---------------------------------------------------------------- */

static void listen_watch(GdbStub *s);

static void socket_write(void *opaque, const uint8_t *buf, size_t len);

static void client_close(GdbStub *s)
{
    if (s->client_src) {
        g_source_destroy(s->client_src);
        g_source_unref(s->client_src);
        s->client_src = NULL;
        s->client_tag = NULL;
    }
    if (s->client_fd >= 0) {
        close(s->client_fd);
        s->client_fd = -1;
    }
    g_byte_array_set_size(s->outq, 0);
}

void gdb_drop_client(GdbStub *s)
{
    if (s->client_fd >= 0) {
        /* What is queued ('W', the last reply) goes out first if it can. */
        while (s->outq->len > 0) {
            ssize_t n = send(s->client_fd, s->outq->data, s->outq->len,
                             MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n <= 0) {
                break;
            }
            g_byte_array_remove_range(s->outq, 0, (guint)n);
        }
        client_close(s);
        listen_watch(s);
    }
    gdbstub_detach_client(s);
}

static void update_client_watch(GdbStub *s)
{
    if (s->client_tag) {
        g_source_modify_unix_fd(s->client_src, s->client_tag,
                                G_IO_IN | (s->outq->len ? G_IO_OUT : 0));
    }
}

static bool flush_output(GdbStub *s)
{
    while (s->outq->len > 0) {
        ssize_t n = send(s->client_fd, s->outq->data, s->outq->len,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        }
        if (n <= 0) {
            return false;
        }
        g_byte_array_remove_range(s->outq, 0, (guint)n);
    }
    update_client_watch(s);
    return true;
}

static void socket_write(void *opaque, const uint8_t *buf, size_t len)
{
    GdbStub *s = opaque;

    g_byte_array_append(s->outq, buf, (guint)len);
    /* A failed send shows up as a hang-up on the next poll. */
    flush_output(s);
}

static gboolean client_dispatch(GSource *src, GSourceFunc cb, gpointer data)
{
    GdbStub *s = ((GdbStub **)(src + 1))[0];
    GIOCondition cond = g_source_query_unix_fd(src, s->client_tag);
    uint8_t buf[4096];

    if ((cond & G_IO_OUT) && !flush_output(s)) {
        gdb_drop_client(s);
        return G_SOURCE_CONTINUE;
    }
    if (cond & (G_IO_IN | G_IO_HUP | G_IO_ERR)) {
        ssize_t n = recv(s->client_fd, buf, sizeof buf, MSG_DONTWAIT);

        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
            return G_SOURCE_CONTINUE;
        }
        if (n <= 0) {
            /* The client went away: resume the guest, as QEMU does. */
            gdb_drop_client(s);
            return G_SOURCE_CONTINUE;
        }
        gdbstub_receive(s, buf, (size_t)n);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs client_funcs = {
    .dispatch = client_dispatch,
};

static gboolean listen_ready(gint fd, GIOCondition cond, gpointer data)
{
    GdbStub *s = data;
    int cfd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

    if (cfd < 0) {
        return G_SOURCE_CONTINUE;
    }
    /* One client at a time: stop watching until it leaves. */
    g_source_destroy(s->listen_src);
    g_source_unref(s->listen_src);
    s->listen_src = NULL;

    s->client_fd = cfd;
    s->client_src = g_source_new(&client_funcs, sizeof(GSource) + sizeof(GdbStub *));
    ((GdbStub **)(s->client_src + 1))[0] = s;
    g_source_set_name(s->client_src, "gdbstub-client");
    s->client_tag = g_source_add_unix_fd(s->client_src, cfd, G_IO_IN);
    g_source_attach(s->client_src, main_loop_context());
    gdbstub_attach_client(s, socket_write, s);
    return G_SOURCE_CONTINUE;
}

static void listen_watch(GdbStub *s)
{
    if (s->listen_fd < 0 || s->listen_src) {
        return;
    }
    s->listen_src = g_unix_fd_source_new(s->listen_fd, G_IO_IN);
    g_source_set_callback(s->listen_src, G_SOURCE_FUNC(listen_ready), s, NULL);
    g_source_attach(s->listen_src, main_loop_context());
}

static int tcp_listen(const char *host, const char *port)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE };
    struct addrinfo *res, *ai;
    int fd = -1, err, saved = 0, one = 1;

    err = getaddrinfo(host, port, &hints, &res);
    if (err) {
        fatal("-gdb: cannot resolve '%s:%s': %s", host, port, gai_strerror(err));
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
            break;
        }
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fatal("-gdb: cannot listen on %s:%s: %s", host, port, g_strerror(saved));
    }
    return fd;
}

static int unix_listen(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct stat st;
    int fd;

    if (!*path || strlen(path) >= sizeof sa.sun_path) {
        fatal("-gdb: bad unix socket path '%s'", path);
    }
    strcpy(sa.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        fatal("-gdb: cannot create a socket: %s", g_strerror(errno));
    }
    /* A stale socket from an earlier run is replaced; nothing else is. */
    if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode)) {
        unlink(path);
    }
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0) {
        fatal("-gdb: cannot listen on '%s': %s", path, g_strerror(errno));
    }
    return fd;
}

GdbStub *gdbstub_open(const char *spec, const GdbTarget *target, bool start_stopped)
{
    GdbStub *s;
    g_autofree char *addr = g_strndup(spec, strcspn(spec, ","));
    int fd;

    if (g_str_has_prefix(addr, "tcp:")) {
        const char *hp = addr + 4, *colon = strrchr(hp, ':');
        g_autofree char *host = NULL;

        if (!colon || !colon[1]) {
            fatal("-gdb %s: expected tcp:[HOST]:PORT", spec);
        }
        host = g_strndup(hp, (gsize)(colon - hp));
        if (host[0] == '[' && host[strlen(host) - 1] == ']') {   /* [v6]:port */
            char *inner = g_strndup(host + 1, strlen(host) - 2);
            g_free(host);
            host = inner;
        }
        /* Not exposed to the network unless a host is named. */
        fd = tcp_listen(*host ? host : "127.0.0.1", colon + 1);
    } else if (g_str_has_prefix(addr, "unix:")) {
        fd = unix_listen(addr + 5);
    } else {
        fatal("-gdb %s: expected tcp:[HOST]:PORT or unix:PATH", spec);
    }
    s = gdbstub_new(target, start_stopped);
    s->listen_fd = fd;
    if (g_str_has_prefix(addr, "unix:")) {
        s->unix_path = g_strdup(addr + 5);
    }
    listen_watch(s);
    return s;
}

int gdbstub_port(GdbStub *s)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;

    if (s->unix_path || s->listen_fd < 0 ||
        getsockname(s->listen_fd, (struct sockaddr *)&ss, &len) < 0) {
        return -1;
    }
    if (ss.ss_family == AF_INET) {
        return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    }
    if (ss.ss_family == AF_INET6) {
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    return -1;
}

void gdbstub_free(GdbStub *s)
{
    if (!s) {
        return;
    }
    client_close(s);
    if (s->listen_src) {
        g_source_destroy(s->listen_src);
        g_source_unref(s->listen_src);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        if (s->unix_path) {
            unlink(s->unix_path);
        }
    }
    g_free(s->unix_path);
    g_byte_array_unref(s->outq);
    g_byte_array_unref(s->pkt);
    g_string_free(s->last_tx, TRUE);
    g_string_free(s->reply, TRUE);
    g_string_free(s->stop_reply, TRUE);
    g_free(s->action);
    g_free(s->bp_skip);
    g_free(s);
}
