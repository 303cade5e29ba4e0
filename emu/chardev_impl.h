/* Inside the character backends: the shared Chardev object and the helpers
 * the per-backend files (chardev_stdio.c, chardev_socket.c, ...) build on.
 * Front ends use emu/chardev.h only. */
#ifndef EMU_CHARDEV_IMPL_H
#define EMU_CHARDEV_IMPL_H

#include <glib.h>

#include "emu/chardev.h"

typedef struct ChardevOps {
    const char *name;
    /* Output for backends without a file descriptor (null, mem): called
     * instead of queueing. NULL: the generic fd path. */
    void (*sink)(Chardev *chr, const uint8_t *buf, size_t len);
    /* Input for backends that push it themselves (mem). NULL: fd path. */
    void (*accept_input)(Chardev *chr);
    /* In-band processing of received bytes before the front end sees them
     * (the stdio Ctrl-A escapes). Returns how many of buf to deliver. */
    size_t (*filter)(Chardev *chr, uint8_t *buf, size_t len);
    /* The input hit EOF or failed to read (output false), or writing
     * failed (output true). The backend detaches what it must
     * (chardev_set_fds) and decides what happens to later output. NULL:
     * stop using the failed side. */
    void (*hangup)(Chardev *chr, bool output);
    void (*close)(Chardev *chr);
} ChardevOps;

struct Chardev {
    const ChardevOps *ops;
    void *priv;                  /* backend state */

    ChardevCanReceive can_receive;
    ChardevReceive receive;
    void *opaque;

    /* Output not yet taken by the backend. Unbounded while the fd is open
     * ("never drops"); while there is nowhere to write to (a socket with no
     * client) the oldest bytes go once it exceeds 2 * out_limit, leaving
     * the newest out_limit. */
    GByteArray *outq;
    size_t out_limit;            /* 0 = unbounded */
    bool out_discard;            /* output can never be delivered: drop it */

    int in_fd, out_fd;           /* -1 = none */
    bool out_socket;             /* use send(MSG_NOSIGNAL) */
    bool in_armed;               /* input watch enabled */
    GSource *src;                /* watches in_fd/out_fd on the main context */
    gpointer in_tag, out_tag;
};

/* A new Chardev with no descriptors; the backend fills in the rest. */
Chardev *chardev_alloc(const ChardevOps *ops, void *priv);
/* Attach (or, with -1, detach) the descriptors the generic path reads from
 * and writes to. Queued output starts draining to a new out_fd. Does not
 * close the old descriptors. */
void chardev_set_fds(Chardev *chr, int in_fd, int out_fd, bool out_socket);
/* Write queued output now, without blocking; false if the fd failed. */
bool chardev_drain(Chardev *chr);
/* Drop the oldest queued bytes if over the limit (see outq). */
void chardev_trim_output(Chardev *chr);

/* Backend constructors, by spec (already split from its "kind:" prefix). */
Chardev *chardev_stdio_open(void);
Chardev *chardev_file_open(const char *path);
Chardev *chardev_null_open(void);
Chardev *chardev_socket_open(const char *spec, bool is_unix);

#endif
