/* Output-only backends: "file:PATH" (created or truncated, as QEMU does)
 * and "null" (output discarded, never any input). */
#include "emu/chardev_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "emu/error.h"

static void file_close(Chardev *chr)
{
    int fd = chr->out_fd;

    chardev_flush(chr);
    chardev_set_fds(chr, -1, -1, false);
    if (fd >= 0) {
        close(fd);
    }
}

static const ChardevOps file_ops = {
    .name = "chardev-file",
    .close = file_close,
};

Chardev *chardev_file_open(const char *path)
{
    Chardev *chr;
    int fd, fl;

    if (!*path) {
        fatal("file: needs a path (file:PATH)");
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        fatal("cannot open '%s' for serial output: %s", path, g_strerror(errno));
    }
    /* A FIFO or a terminal named as the file must not stall the emulator
     * thread; for a regular file the flag changes nothing. The descriptor is
     * our own, so the flag affects no one else. */
    fl = fcntl(fd, F_GETFL);
    if (fl >= 0) {
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    }
    chr = chardev_alloc(&file_ops, NULL);
    chardev_set_fds(chr, -1, fd, false);
    return chr;
}

static void null_sink(Chardev *chr, const uint8_t *buf, size_t len)
{
}

static const ChardevOps null_ops = {
    .name = "chardev-null",
    .sink = null_sink,
};

Chardev *chardev_null_open(void)
{
    return chardev_alloc(&null_ops, NULL);
}
