/* Character backends for serial ports (and later the monitor): stdio, file,
 * TCP and Unix sockets, null. Output is queued, never dropped, when the
 * backend is slow; input is delivered to the front end when it has room. */
#ifndef EMU_CHARDEV_H
#define EMU_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Chardev Chardev;

/* How many bytes the front end can take now, and delivery of them. */
typedef size_t (*ChardevCanReceive)(void *opaque);
typedef void (*ChardevReceive)(void *opaque, const uint8_t *buf, size_t len);

/* Open a backend from a QEMU -serial spec: "stdio", "mon:stdio", "null",
 * "none" (returns NULL), "file:PATH", "tcp:[HOST]:PORT,server[,wait=off|nowait]",
 * "unix:PATH,server[,...]". A bad spec or an unopenable file/socket is
 * armlet's own error: fatal(). */
Chardev *chardev_open(const char *spec);
void chardev_close(Chardev *chr);

void chardev_set_handlers(Chardev *chr, ChardevCanReceive can_receive,
                          ChardevReceive receive, void *opaque);
/* Queue bytes for output. Never drops: what the backend cannot take now is
 * kept and written when it becomes writable. */
void chardev_write(Chardev *chr, const uint8_t *buf, size_t len);
/* Tell the backend the front end has room again (re-arms input). */
void chardev_accept_input(Chardev *chr);
/* Block until everything queued has been written (used at exit). */
void chardev_flush(Chardev *chr);

/* The TCP port a "tcp:...,server" backend listens on (useful with port 0,
 * which picks a free one), or -1 for any other backend. */
int chardev_socket_port(Chardev *chr);

/* An in-memory backend for tests, not reachable from the command line.
 * Output accumulates in a buffer; input pushed with chardev_mem_input() is
 * delivered as the front end has room (the rest waits for
 * chardev_accept_input()). */
Chardev *chardev_mem_new(void);
void chardev_mem_input(Chardev *chr, const uint8_t *buf, size_t len);
/* Input pushed but not yet delivered. */
size_t chardev_mem_pending_input(Chardev *chr);
/* Everything written so far (not NUL-terminated), and forgetting it. */
const uint8_t *chardev_mem_output(Chardev *chr, size_t *len);
void chardev_mem_clear_output(Chardev *chr);

#endif
