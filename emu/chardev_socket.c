/* Socket backends, QEMU -serial syntax:
 *   tcp:[HOST]:PORT[,server[=on|off]][,wait=on|off|nowait][,nodelay[=on|off]]
 *   unix:PATH[,server[=on|off]][,wait=on|off|nowait]
 *
 * A server listens and serves one client at a time; further clients wait
 * in the listen backlog until the current one leaves (as in QEMU). With
 * wait (QEMU's default for a server) start-up blocks until the first client
 * connects. An empty HOST means 127.0.0.1 -- unlike QEMU's 0.0.0.0, a guest
 * console is not exposed to the network unless asked for.
 *
 * Output while no client is connected is kept -- the newest SOCKET_BACKLOG
 * to 2 * SOCKET_BACKLOG bytes, older ones dropped -- and sent to the next
 * client:
 * it sees the recent console history instead of nothing, yet a console no
 * one ever connects to cannot grow without bound. While a client is
 * connected nothing is dropped. A client-mode socket (no server) whose peer
 * goes away discards further output; there is no reconnect. */
#include "emu/chardev_impl.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "emu/error.h"
#include "emu/main_loop.h"

#define SOCKET_BACKLOG (1u << 20)

typedef struct SocketChardev {
    bool is_unix, server, wait, nodelay;
    char *host, *port;      /* tcp */
    char *path;             /* unix */
    int listen_fd, client_fd;
    GSource *listen_src;
} SocketChardev;

static void socket_listen_watch(Chardev *chr);

static void socket_attach(Chardev *chr, int fd)
{
    SocketChardev *s = chr->priv;
    int one = 1;

    s->client_fd = fd;
    if (!s->is_unix && s->nodelay) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    if (s->listen_src) {
        g_source_destroy(s->listen_src);
        g_source_unref(s->listen_src);
        s->listen_src = NULL;
    }
    /* Hands over what was kept while disconnected. */
    chardev_set_fds(chr, fd, fd, true);
}

static bool socket_accept(Chardev *chr)
{
    SocketChardev *s = chr->priv;
    int fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

    if (fd < 0) {
        return false;
    }
    socket_attach(chr, fd);
    return true;
}

static gboolean socket_listen_ready(gint fd, GIOCondition cond, gpointer data)
{
    Chardev *chr = data;

    /* On success socket_attach destroyed this source; the return value is
     * then ignored. */
    socket_accept(chr);
    return G_SOURCE_CONTINUE;
}

static void socket_listen_watch(Chardev *chr)
{
    SocketChardev *s = chr->priv;

    if (s->listen_fd < 0 || s->listen_src) {
        return;
    }
    s->listen_src = g_unix_fd_source_new(s->listen_fd, G_IO_IN);
    g_source_set_callback(s->listen_src, G_SOURCE_FUNC(socket_listen_ready), chr, NULL);
    g_source_attach(s->listen_src, main_loop_context());
}

static void socket_hangup(Chardev *chr, bool output)
{
    SocketChardev *s = chr->priv;
    int fd = s->client_fd;

    s->client_fd = -1;
    chardev_set_fds(chr, -1, -1, false);   /* keeps at most SOCKET_BACKLOG */
    if (fd >= 0) {
        close(fd);
    }
    if (s->server) {
        socket_listen_watch(chr);
    } else {
        chr->out_discard = true;
        g_byte_array_set_size(chr->outq, 0);
    }
}

static void socket_close(Chardev *chr)
{
    SocketChardev *s = chr->priv;

    chardev_flush(chr);
    chardev_set_fds(chr, -1, -1, false);
    if (s->listen_src) {
        g_source_destroy(s->listen_src);
        g_source_unref(s->listen_src);
    }
    if (s->client_fd >= 0) {
        close(s->client_fd);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        if (s->is_unix) {
            unlink(s->path);
        }
    }
    g_free(s->host);
    g_free(s->port);
    g_free(s->path);
    g_free(s);
}

static const ChardevOps socket_ops = {
    .name = "chardev-socket",
    .hangup = socket_hangup,
    .close = socket_close,
};

/* "on"/"off" option values; a bare flag ("server") means on. */
static bool parse_flag(const char *opt, const char *name, bool *val)
{
    size_t n = strlen(name);

    if (strncmp(opt, name, n) != 0) {
        return false;
    }
    if (opt[n] == '\0' || strcmp(opt + n, "=on") == 0) {
        *val = true;
    } else if (strcmp(opt + n, "=off") == 0) {
        *val = false;
    } else {
        return false;
    }
    return true;
}

static void socket_parse(SocketChardev *s, const char *spec)
{
    const char *kind = s->is_unix ? "unix" : "tcp";
    char **parts = g_strsplit(spec, ",", -1);
    const char *addr = parts[0] ? parts[0] : "";
    bool wait_set = false;

    s->wait = true;
    for (int i = 1; parts[0] && parts[i]; i++) {
        const char *o = parts[i];

        if (parse_flag(o, "server", &s->server) || parse_flag(o, "nodelay", &s->nodelay)) {
            continue;
        }
        if (parse_flag(o, "wait", &s->wait)) {
            wait_set = true;
        } else if (strcmp(o, "nowait") == 0) {
            s->wait = false;
            wait_set = true;
        } else {
            fatal("%s: unsupported socket option '%s' in '%s'", kind, o, spec);
        }
    }
    if (wait_set && !s->server) {
        fatal("%s: 'wait' needs 'server' in '%s'", kind, spec);
    }
    if (s->is_unix) {
        if (!*addr) {
            fatal("unix: needs a path (unix:PATH[,server])");
        }
        s->path = g_strdup(addr);
    } else {
        const char *colon;

        if (addr[0] == '[') {               /* [v6 address]:port */
            const char *end = strchr(addr, ']');

            if (!end || end[1] != ':') {
                fatal("tcp: bad address '%s' (use tcp:[HOST]:PORT)", addr);
            }
            s->host = g_strndup(addr + 1, (gsize)(end - addr - 1));
            colon = end + 1;
        } else {
            colon = strrchr(addr, ':');
            if (!colon) {
                fatal("tcp: bad address '%s' (use tcp:[HOST]:PORT)", addr);
            }
            s->host = g_strndup(addr, (gsize)(colon - addr));
        }
        s->port = g_strdup(colon + 1);
        if (!*s->port) {
            fatal("tcp: missing port in '%s'", spec);
        }
        if (!*s->host) {
            g_free(s->host);
            s->host = g_strdup("127.0.0.1");
        }
    }
    g_strfreev(parts);
}

static int tcp_open(SocketChardev *s)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
    struct addrinfo *res, *ai;
    int fd = -1, err, saved = 0, one = 1;

    hints.ai_flags = s->server ? AI_PASSIVE : 0;
    err = getaddrinfo(s->host, s->port, &hints, &res);
    if (err) {
        fatal("tcp: cannot resolve '%s:%s': %s", s->host, s->port, gai_strerror(err));
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        if (s->server) {
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
                break;
            }
        } else if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fatal("tcp: cannot %s %s:%s: %s", s->server ? "listen on" : "connect to",
              s->host, s->port, g_strerror(saved));
    }
    return fd;
}

static int unix_open(SocketChardev *s)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct stat st;
    int fd;

    if (strlen(s->path) >= sizeof sa.sun_path) {
        fatal("unix: socket path too long: '%s'", s->path);
    }
    strcpy(sa.sun_path, s->path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fatal("unix: cannot create socket: %s", g_strerror(errno));
    }
    if (s->server) {
        /* A stale socket from an earlier run is replaced; anything else at
         * that path is not ours to delete. */
        if (lstat(s->path, &st) == 0 && S_ISSOCK(st.st_mode)) {
            unlink(s->path);
        }
        if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0) {
            fatal("unix: cannot listen on '%s': %s", s->path, g_strerror(errno));
        }
    } else if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        fatal("unix: cannot connect to '%s': %s", s->path, g_strerror(errno));
    }
    return fd;
}

Chardev *chardev_socket_open(const char *spec, bool is_unix)
{
    SocketChardev *s = g_new0(SocketChardev, 1);
    Chardev *chr;
    int fd;

    s->is_unix = is_unix;
    s->listen_fd = s->client_fd = -1;
    socket_parse(s, spec);
    fd = is_unix ? unix_open(s) : tcp_open(s);
    chr = chardev_alloc(&socket_ops, s);
    chr->out_limit = SOCKET_BACKLOG;
    g_unix_set_fd_nonblocking(fd, TRUE, NULL);
    if (!s->server) {
        socket_attach(chr, fd);
        return chr;
    }
    s->listen_fd = fd;
    if (s->wait) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };

        if (is_unix) {
            fprintf(stderr, "armlet: waiting for connection on: unix:%s,server=on\n", s->path);
        } else {
            fprintf(stderr, "armlet: waiting for connection on: tcp:%s:%d,server=on\n",
                    s->host, chardev_socket_port(chr));
        }
        while (!socket_accept(chr)) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
                errno != ECONNABORTED) {
                fatal("%s: accept failed: %s", is_unix ? "unix" : "tcp", g_strerror(errno));
            }
            poll(&pfd, 1, -1);
        }
    } else {
        socket_listen_watch(chr);
    }
    return chr;
}

int chardev_socket_port(Chardev *chr)
{
    SocketChardev *s;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;

    if (!chr || chr->ops != &socket_ops) {
        return -1;
    }
    s = chr->priv;
    if (s->is_unix || s->listen_fd < 0 ||
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
