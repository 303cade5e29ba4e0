/* Character backends: the part every backend shares. Opening by QEMU
 * -serial spec, the output queue, and the descriptor watch that drains it
 * and feeds input to the front end as it has room.
 *
 * Everything runs on the one emulator thread (see emu/main_loop.h), so
 * there is no locking. One GSource per Chardev watches its input and output
 * descriptors; a descriptor is only in the poll set while there is a reason
 * to wake for it (the front end has room / output is queued), so a hung-up
 * pipe that polls as "always ready" cannot make the loop spin. */
#include "emu/chardev_impl.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "emu/error.h"
#include "emu/main_loop.h"

/* How long chardev_flush waits for a reader that takes nothing before it
 * gives up, so that a stuck terminal or client cannot hang armlet's exit. */
#define FLUSH_STALL_US (10 * G_USEC_PER_SEC)

typedef struct ChardevSource {
    GSource base;
    Chardev *chr;
} ChardevSource;

static void chardev_update_watches(Chardev *chr);

Chardev *chardev_alloc(const ChardevOps *ops, void *priv)
{
    Chardev *chr = g_new0(Chardev, 1);

    chr->ops = ops;
    chr->priv = priv;
    chr->outq = g_byte_array_new();
    chr->in_fd = chr->out_fd = -1;
    return chr;
}

static void chardev_hangup(Chardev *chr, bool output)
{
    if (chr->ops->hangup) {
        chr->ops->hangup(chr, output);
    } else {
        /* No policy of its own: stop using the failed side. */
        if (output) {
            chr->out_discard = true;
            g_byte_array_set_size(chr->outq, 0);
            chardev_set_fds(chr, chr->in_fd, -1, false);
        } else {
            chardev_set_fds(chr, -1, chr->out_fd, chr->out_socket);
        }
    }
}

static void chardev_read_input(Chardev *chr)
{
    uint8_t buf[4096];
    size_t room, len;
    ssize_t n;

    room = chr->receive && chr->can_receive ? chr->can_receive(chr->opaque) : 0;
    if (room == 0) {
        chr->in_armed = false;      /* chardev_accept_input re-arms */
        chardev_update_watches(chr);
        return;
    }
    n = read(chr->in_fd, buf, room < sizeof buf ? room : sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
        return;
    }
    if (n <= 0) {
        chardev_hangup(chr, false);
        return;
    }
    len = chr->ops->filter ? chr->ops->filter(chr, buf, (size_t)n) : (size_t)n;
    if (len > 0 && chr->receive) {
        chr->receive(chr->opaque, buf, len);
    }
}

static gboolean chardev_source_dispatch(GSource *src, GSourceFunc cb, gpointer data)
{
    Chardev *chr = ((ChardevSource *)src)->chr;

    if (chr->out_tag && g_source_query_unix_fd(src, chr->out_tag)) {
        if (!chardev_drain(chr)) {
            chardev_hangup(chr, true);
        }
    }
    /* The output side may have hung up and detached both descriptors. */
    if (chr->in_tag && g_source_query_unix_fd(src, chr->in_tag)) {
        chardev_read_input(chr);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs chardev_source_funcs = {
    .dispatch = chardev_source_dispatch,
};

/* Put each descriptor in the poll set only while it has work. */
static void chardev_update_watches(Chardev *chr)
{
    bool want_in = chr->in_fd >= 0 && chr->in_armed;
    bool want_out = chr->out_fd >= 0 && chr->outq->len > 0;

    if (!chr->src) {
        if (!want_in && !want_out) {
            return;
        }
        chr->src = g_source_new(&chardev_source_funcs, sizeof(ChardevSource));
        ((ChardevSource *)chr->src)->chr = chr;
        g_source_set_name(chr->src, chr->ops->name);
        g_source_attach(chr->src, main_loop_context());
    }
    if (want_in && !chr->in_tag) {
        chr->in_tag = g_source_add_unix_fd(chr->src, chr->in_fd, G_IO_IN);
    } else if (!want_in && chr->in_tag) {
        g_source_remove_unix_fd(chr->src, chr->in_tag);
        chr->in_tag = NULL;
    }
    if (want_out && !chr->out_tag) {
        chr->out_tag = g_source_add_unix_fd(chr->src, chr->out_fd, G_IO_OUT);
    } else if (!want_out && chr->out_tag) {
        g_source_remove_unix_fd(chr->src, chr->out_tag);
        chr->out_tag = NULL;
    }
}

void chardev_set_fds(Chardev *chr, int in_fd, int out_fd, bool out_socket)
{
    /* Drop the old watches first: the descriptor numbers may be reused. */
    if (chr->in_tag) {
        g_source_remove_unix_fd(chr->src, chr->in_tag);
        chr->in_tag = NULL;
    }
    if (chr->out_tag) {
        g_source_remove_unix_fd(chr->src, chr->out_tag);
        chr->out_tag = NULL;
    }
    chr->in_fd = in_fd;
    chr->out_fd = out_fd;
    chr->out_socket = out_socket;
    if (in_fd >= 0 && chr->receive) {
        chr->in_armed = true;
    }
    if (out_fd < 0) {
        chardev_trim_output(chr);
    } else if (chr->outq->len > 0 && !chardev_drain(chr)) {
        chardev_hangup(chr, true);
        return;
    }
    chardev_update_watches(chr);
}

void chardev_trim_output(Chardev *chr)
{
    /* Trim only past twice the limit, so a guest printing into a backend
     * with nowhere to write costs one memmove per out_limit bytes, not one
     * per byte. */
    if (chr->out_limit && chr->outq->len > 2 * chr->out_limit) {
        g_byte_array_remove_range(chr->outq, 0, chr->outq->len - chr->out_limit);
    }
}

bool chardev_drain(Chardev *chr)
{
    while (chr->outq->len > 0 && chr->out_fd >= 0) {
        ssize_t n;

        if (chr->out_socket) {
            /* MSG_NOSIGNAL: a vanished client is an EPIPE, not a SIGPIPE. */
            n = send(chr->out_fd, chr->outq->data, chr->outq->len,
                     MSG_NOSIGNAL | MSG_DONTWAIT);
        } else {
            n = write(chr->out_fd, chr->outq->data, chr->outq->len);
        }
        if (n > 0) {
            g_byte_array_remove_range(chr->outq, 0, (guint)n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            return false;
        }
    }
    chardev_update_watches(chr);
    return true;
}

Chardev *chardev_open(const char *spec)
{
    /* "mon:X" multiplexes the monitor onto X in QEMU; armlet has no monitor,
     * so it is X (with the Ctrl-A escapes, which stdio always has). */
    if (g_str_has_prefix(spec, "mon:")) {
        spec += 4;
    }
    if (strcmp(spec, "none") == 0) {
        return NULL;
    }
    if (strcmp(spec, "stdio") == 0) {
        return chardev_stdio_open();
    }
    if (strcmp(spec, "null") == 0) {
        return chardev_null_open();
    }
    if (g_str_has_prefix(spec, "file:")) {
        return chardev_file_open(spec + 5);
    }
    if (g_str_has_prefix(spec, "tcp:")) {
        return chardev_socket_open(spec + 4, false);
    }
    if (g_str_has_prefix(spec, "unix:")) {
        return chardev_socket_open(spec + 5, true);
    }
    fatal("unsupported character device '%s' (use stdio, mon:stdio, null, none, "
          "file:PATH, tcp:[HOST]:PORT[,server][,wait=off] or unix:PATH[,server])", spec);
}

void chardev_close(Chardev *chr)
{
    if (!chr) {
        return;
    }
    if (chr->ops->close) {
        chr->ops->close(chr);
    }
    if (chr->src) {
        g_source_destroy(chr->src);
        g_source_unref(chr->src);
    }
    g_byte_array_free(chr->outq, TRUE);
    g_free(chr);
}

void chardev_set_handlers(Chardev *chr, ChardevCanReceive can_receive,
                          ChardevReceive receive, void *opaque)
{
    if (!chr) {
        return;
    }
    chr->can_receive = can_receive;
    chr->receive = receive;
    chr->opaque = opaque;
    chr->in_armed = receive != NULL;
    if (chr->ops->accept_input) {
        chr->ops->accept_input(chr);
    } else {
        chardev_update_watches(chr);
    }
}

void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    if (!chr || len == 0) {
        return;
    }
    if (chr->ops->sink) {
        chr->ops->sink(chr, buf, len);
        return;
    }
    if (chr->out_discard) {
        return;
    }
    g_byte_array_append(chr->outq, buf, (guint)len);
    if (chr->out_fd < 0) {
        chardev_trim_output(chr);
    } else if (chr->outq->len == len) {
        /* Nothing was waiting: try to hand it over right away, which keeps
         * interactive echo immediate. Otherwise the watch drains in order. */
        if (!chardev_drain(chr)) {
            chardev_hangup(chr, true);
        }
    }
}

void chardev_accept_input(Chardev *chr)
{
    if (!chr) {
        return;
    }
    if (chr->ops->accept_input) {
        chr->ops->accept_input(chr);
        return;
    }
    if (chr->receive && !chr->in_armed) {
        chr->in_armed = true;
        chardev_update_watches(chr);
    }
}

void chardev_flush(Chardev *chr)
{
    gint64 last_progress = g_get_monotonic_time();

    if (!chr) {
        return;
    }
    while (chr->outq->len > 0 && chr->out_fd >= 0) {
        guint before = chr->outq->len;
        struct pollfd pfd = { .fd = chr->out_fd, .events = POLLOUT };

        if (!chardev_drain(chr)) {
            chardev_hangup(chr, true);
            break;
        }
        if (chr->outq->len < before) {
            last_progress = g_get_monotonic_time();
            continue;
        }
        if (g_get_monotonic_time() - last_progress > FLUSH_STALL_US) {
            break;
        }
        poll(&pfd, 1, 100);
    }
}
