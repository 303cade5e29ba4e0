/* The event loop: one private GMainContext driven by hand (prepare / query /
 * ppoll / check / dispatch) so that the wait can honour a nanosecond
 * deadline from the virtual clock instead of GLib's millisecond timeouts.
 *
 * Kicks go through an eventfd that is one of the polled descriptors: writing
 * to it is async-signal-safe and thread-safe, unlike
 * g_main_context_wakeup(), so main_loop_kick() and main_loop_request_exit()
 * work from a signal handler too. */
#include "emu/main_loop.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include "emu/error.h"

/* GLib polls with GPollFD where it could use struct pollfd; we hand the array
 * straight to ppoll, which is only valid if the layouts agree (they do on
 * Linux; GLib itself relies on it). */
_Static_assert(sizeof(GPollFD) == sizeof(struct pollfd), "GPollFD layout");
_Static_assert(offsetof(GPollFD, fd) == offsetof(struct pollfd, fd), "GPollFD.fd");
_Static_assert(offsetof(GPollFD, events) == offsetof(struct pollfd, events), "GPollFD.events");
_Static_assert(offsetof(GPollFD, revents) == offsetof(struct pollfd, revents), "GPollFD.revents");

static GMainContext *ctx;
static int kick_fd = -1;
static GPollFD *poll_fds;
static int poll_cap;
static volatile sig_atomic_t exit_requested;
static volatile sig_atomic_t exit_status;

static gboolean kick_dispatch(GSource *src, GSourceFunc cb, gpointer data)
{
    uint64_t n;

    /* Drain the counter; the kick has done its job by waking the poll. */
    while (read(kick_fd, &n, sizeof n) < 0 && errno == EINTR) {
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs kick_funcs = {
    .dispatch = kick_dispatch,
};

GMainContext *main_loop_context(void)
{
    if (!ctx) {
        GSource *src;

        ctx = g_main_context_new();
        kick_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (kick_fd < 0) {
            fatal("cannot create the event loop's eventfd: %s", g_strerror(errno));
        }
        src = g_source_new(&kick_funcs, sizeof(GSource));
        g_source_set_name(src, "main-loop-kick");
        g_source_add_unix_fd(src, kick_fd, G_IO_IN);
        g_source_attach(src, ctx);
        g_source_unref(src);
    }
    return ctx;
}

/* The shorter of our deadline (ns, < 0 = none) and GLib's (ms, < 0 = none). */
static int64_t combine_timeout(int64_t ours_ns, int glib_ms)
{
    int64_t glib_ns = glib_ms < 0 ? -1 : (int64_t)glib_ms * 1000000;

    if (ours_ns < 0) {
        return glib_ns;
    }
    if (glib_ns < 0) {
        return ours_ns;
    }
    return ours_ns < glib_ns ? ours_ns : glib_ns;
}

static int64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* One prepare/poll/check/dispatch round waiting at most wait_ns (< 0: no
 * limit of ours). Returns whether any source was dispatched. */
static bool main_loop_iterate(GMainContext *c, int64_t wait_ns)
{
    gint max_prio, glib_ms, n;
    struct timespec ts, *tsp = NULL;
    bool dispatched = false;

    if (!g_main_context_acquire(c)) {
        return true;    /* another thread owns it: not how armlet is built */
    }
    g_main_context_prepare(c, &max_prio);
    while ((n = g_main_context_query(c, max_prio, &glib_ms, poll_fds, poll_cap)) > poll_cap) {
        poll_cap = n * 2;
        poll_fds = g_renew(GPollFD, poll_fds, poll_cap);
    }
    wait_ns = exit_requested ? 0 : combine_timeout(wait_ns, glib_ms);
    if (wait_ns >= 0) {
        ts.tv_sec = wait_ns / 1000000000;
        ts.tv_nsec = wait_ns % 1000000000;
        tsp = &ts;
    }
    for (int i = 0; i < n; i++) {
        poll_fds[i].revents = 0;
    }
    if (ppoll((struct pollfd *)poll_fds, (nfds_t)n, tsp, NULL) < 0) {
        /* EINTR (a signal) or worse: report nothing ready this round. */
        for (int i = 0; i < n; i++) {
            poll_fds[i].revents = 0;
        }
    }
    if (g_main_context_check(c, max_prio, poll_fds, n)) {
        g_main_context_dispatch(c);
        dispatched = true;
    }
    g_main_context_release(c);
    return dispatched;
}

void main_loop_wait(int64_t timeout_ns)
{
    GMainContext *c = main_loop_context();
    int64_t deadline = timeout_ns > 0 ? now_ns() + timeout_ns : 0;

    /* GLib's internal wake-up descriptor fires on its own bookkeeping (a
     * source attached, say) without any source becoming ready; such a
     * round dispatches nothing, and a blocking wait goes back to sleep for
     * the time that is left rather than returning early. */
    for (;;) {
        int64_t left = timeout_ns <= 0 ? timeout_ns : deadline - now_ns();

        if (timeout_ns > 0 && left < 0) {
            left = 0;
        }
        if (main_loop_iterate(c, left) || left == 0 || exit_requested) {
            return;
        }
    }
}

void main_loop_request_exit(int status)
{
    /* The first request wins: a later one (say, a chardev hanging up while
     * the guest is powering off) must not change the reported status. */
    if (!exit_requested) {
        exit_status = status;
        exit_requested = 1;
    }
    main_loop_kick();
}

bool main_loop_exit_requested(int *status)
{
    if (exit_requested && status) {
        *status = exit_status;
    }
    return exit_requested != 0;
}

void main_loop_kick(void)
{
    uint64_t one = 1;

    /* Only touches the eventfd, so it is async-signal-safe; before the
     * context exists nobody can be waiting on it anyway. */
    if (kick_fd >= 0) {
        ssize_t r = write(kick_fd, &one, sizeof one);
        (void)r;    /* EAGAIN means the counter is already non-zero: awake */
    }
}
