/* The "stdio" (and "mon:stdio") backend: the guest's console on armlet's
 * own terminal.
 *
 * On a terminal, stdin is put in raw mode (no echo, no line editing, no
 * signals: Ctrl-C goes to the guest) and restored at exit and on the
 * termination signals. Ctrl-A is the escape prefix, as in QEMU's mux:
 * C-a x quits, C-a h prints help, C-a C-a sends C-a. It is honoured whether
 * or not stdin is a terminal, so scripts can drive it through a pipe.
 *
 * Output must never block the emulator thread, yet O_NONBLOCK on fd 1
 * would also apply to every other descriptor sharing its open file
 * description -- typically stdin and stderr on a terminal, whose writers
 * (fprintf) do not expect EAGAIN. So terminal and pipe outputs are reopened
 * through /proc/self/fd/1 into a private description that alone is
 * non-blocking. A regular file never blocks for long and is written as is. */
#include "emu/chardev_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>
#include <sys/stat.h>

#include "emu/error.h"
#include "emu/main_loop.h"

#define ESCAPE_CHAR 0x01   /* Ctrl-A */

typedef struct StdioChardev {
    bool escape;        /* the previous input byte was Ctrl-A */
    int out_fd;         /* our private descriptor for stdout, or 1 */
    int saved_out_fl;   /* fd 1's flags if we had to change them, else -1 */
} StdioChardev;

static Chardev *stdio_chr;          /* the one open stdio backend */
static volatile sig_atomic_t tty_raw;
static struct termios tty_saved;

static void tty_restore(void)
{
    if (tty_raw) {
        tcsetattr(0, TCSANOW, &tty_saved);
        tty_raw = 0;
    }
}

/* At exit (including fatal()), hand over what the guest printed before the
 * terminal goes back to cooked mode. */
static void stdio_atexit(void)
{
    if (stdio_chr) {
        chardev_flush(stdio_chr);
    }
    tty_restore();
}

static void tty_signal(int sig)
{
    /* Only async-signal-safe calls: tcsetattr, signal, raise. */
    if (tty_raw) {
        tcsetattr(0, TCSANOW, &tty_saved);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Raw mode as QEMU's stdio backend sets it (cfmakeraw, but keeping output
 * post-processing so that "\n" still returns the carriage). */
static void tty_set_raw(void)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    static bool registered;
    struct termios t;

    if (tcgetattr(0, &tty_saved) < 0) {
        return;
    }
    t = tty_saved;
    t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN | ISIG);
    t.c_cflag &= ~(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(0, TCSANOW, &t) < 0) {
        return;
    }
    tty_raw = 1;
    if (!registered) {
        registered = true;
        for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
            struct sigaction old, sa = { .sa_handler = tty_signal };

            /* Leave alone a handler someone else installed on purpose. */
            if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
                sigaction(sigs[i], &sa, NULL);
            }
        }
    }
}

static void stdio_puts(Chardev *chr, const char *s)
{
    chardev_write(chr, (const uint8_t *)s, strlen(s));
}

static const char stdio_help[] =
    "\n"
    "C-a h    print this help\n"
    "C-a x    exit emulator\n"
    "C-a s    save disk data back to file (not supported)\n"
    "C-a t    toggle console timestamps (not supported)\n"
    "C-a b    send break (not supported)\n"
    "C-a c    switch between console and monitor (not supported)\n"
    "C-a C-a  sends C-a\n";

/* One escape command; false if it swallows the byte. */
static bool stdio_escape(Chardev *chr, uint8_t c)
{
    switch (c) {
    case ESCAPE_CHAR:
        return true;                    /* C-a C-a: a literal C-a */
    case 'x':
        stdio_puts(chr, "\narmlet: terminated\n");
        main_loop_request_exit(0);
        break;
    case 'h':
    case '?':
        stdio_puts(chr, stdio_help);
        break;
    case 'c':
        stdio_puts(chr, "\narmlet: monitor not supported\n");
        break;
    default:
        break;                          /* s, t, b and unknown: ignored */
    }
    return false;
}

static size_t stdio_filter(Chardev *chr, uint8_t *buf, size_t len)
{
    StdioChardev *s = chr->priv;
    size_t out = 0;

    for (size_t i = 0; i < len; i++) {
        uint8_t c = buf[i];

        if (s->escape) {
            s->escape = false;
            if (!stdio_escape(chr, c)) {
                continue;
            }
        } else if (c == ESCAPE_CHAR) {
            s->escape = true;
            continue;
        }
        buf[out++] = c;
    }
    return out;
}

static void stdio_hangup(Chardev *chr, bool output)
{
    if (output) {
        /* The reader went away (EPIPE): nothing can be delivered again. */
        chr->out_discard = true;
        g_byte_array_set_size(chr->outq, 0);
        chardev_set_fds(chr, chr->in_fd, -1, false);
    } else {
        /* EOF on stdin just ends input; the guest keeps running. */
        chardev_set_fds(chr, -1, chr->out_fd, false);
    }
}

static void stdio_close(Chardev *chr)
{
    StdioChardev *s = chr->priv;

    chardev_flush(chr);
    chardev_set_fds(chr, -1, -1, false);
    if (s->out_fd >= 0 && s->out_fd != 1) {
        close(s->out_fd);
    }
    if (s->saved_out_fl >= 0) {
        fcntl(1, F_SETFL, s->saved_out_fl);
    }
    tty_restore();
    g_free(s);
    stdio_chr = NULL;
}

static const ChardevOps stdio_ops = {
    .name = "chardev-stdio",
    .filter = stdio_filter,
    .hangup = stdio_hangup,
    .close = stdio_close,
};

/* A descriptor for stdout that can be non-blocking on its own (see top). */
static int stdio_open_output(StdioChardev *s)
{
    struct stat st;
    int fd, fl;

    s->saved_out_fl = -1;
    if (fstat(1, &st) < 0) {
        return -1;                      /* no stdout at all: discard output */
    }
    if (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) {
        return 1;
    }
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
        fd = open("/proc/self/fd/1", O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd >= 0) {
            return fd;
        }
    }
    /* A socket (send() would do, but write() is used for stdout) or no
     * /proc: fall back to QEMU's way, flagging the shared description and
     * restoring it at close. */
    fl = fcntl(1, F_GETFL);
    if (fl >= 0 && !(fl & O_NONBLOCK)) {
        s->saved_out_fl = fl;
        fcntl(1, F_SETFL, fl | O_NONBLOCK);
    }
    return 1;
}

Chardev *chardev_stdio_open(void)
{
    StdioChardev *s;
    Chardev *chr;
    struct sigaction old;

    static bool atexit_registered;

    if (stdio_chr) {
        fatal("stdio can be used by only one character device");
    }
    if (!atexit_registered) {
        atexit_registered = true;
        atexit(stdio_atexit);
    }
    s = g_new0(StdioChardev, 1);
    s->out_fd = stdio_open_output(s);
    /* A closed pipe reader must give EPIPE, not kill armlet. */
    if (sigaction(SIGPIPE, NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
        signal(SIGPIPE, SIG_IGN);
    }
    if (isatty(0)) {
        tty_set_raw();
    }
    chr = chardev_alloc(&stdio_ops, s);
    if (s->out_fd < 0) {
        chr->out_discard = true;
    }
    chardev_set_fds(chr, fcntl(0, F_GETFD) >= 0 ? 0 : -1, s->out_fd, false);
    stdio_chr = chr;
    return chr;
}
