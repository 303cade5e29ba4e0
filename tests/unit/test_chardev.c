/* Character backends and the event loop: file, null, stdio (through pipes
 * put in place of fds 0 and 1), TCP and Unix sockets, the Ctrl-A escapes,
 * flow control in both directions, and main_loop_wait's timeout and kick.
 * Every wait is bounded so a broken backend fails instead of hanging. */
#include "tests/unit/test.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "emu/chardev.h"
#include "emu/main_loop.h"

typedef struct Sink {
    GByteArray *got;
    size_t room;                /* what can_receive reports */
} Sink;

static size_t sink_can_receive(void *opaque)
{
    return ((Sink *)opaque)->room;
}

static void sink_receive(void *opaque, const uint8_t *buf, size_t len)
{
    Sink *s = opaque;

    CHECK(len <= s->room);      /* never more than offered */
    g_byte_array_append(s->got, buf, (guint)len);
}

static Sink *sink_new(Chardev *chr)
{
    Sink *s = g_new0(Sink, 1);

    s->got = g_byte_array_new();
    s->room = 4096;
    chardev_set_handlers(chr, sink_can_receive, sink_receive, s);
    return s;
}

static bool sink_has(Sink *s, const char *want)
{
    size_t n = strlen(want);

    return s->got->len == n && memcmp(s->got->data, want, n) == 0;
}

/* Run the loop until the sink holds exactly want (or 5 s pass). */
static void pump_until_received(Sink *s, const char *want)
{
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (!sink_has(s, want) && g_get_monotonic_time() < end) {
        main_loop_wait(1000000);
    }
    if (!sink_has(s, want)) {
        test_failed(__FILE__, __LINE__, "received \"%.*s\", wanted \"%s\"",
                    (int)s->got->len, (const char *)s->got->data, want);
    }
}

/* Read from fd (non-blocking) while running the loop until len bytes came
 * or 5 s pass; returns what was read. */
static GByteArray *pump_read(int fd, size_t len)
{
    GByteArray *got = g_byte_array_new();
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    uint8_t buf[8192];

    g_unix_set_fd_nonblocking(fd, TRUE, NULL);
    while (got->len < len && g_get_monotonic_time() < end) {
        ssize_t n = read(fd, buf, sizeof buf);

        if (n > 0) {
            g_byte_array_append(got, buf, (guint)n);
        } else {
            main_loop_wait(1000000);
        }
    }
    return got;
}

static void check_read(int fd, const char *want)
{
    GByteArray *got = pump_read(fd, strlen(want));

    if (got->len != strlen(want) || memcmp(got->data, want, got->len) != 0) {
        test_failed(__FILE__, __LINE__, "read \"%.*s\", wanted \"%s\"",
                    (int)got->len, (const char *)got->data, want);
    }
    g_byte_array_free(got, TRUE);
}

static void put(Chardev *chr, const char *s)
{
    chardev_write(chr, (const uint8_t *)s, strlen(s));
}

static void write_all(int fd, const char *s)
{
    CHECK_EQ(write(fd, s, strlen(s)), strlen(s));
}

/* chardev_open(spec) must be armlet's own error: exit status 2 with one
 * "armlet: " line on stderr. */
static void expect_fatal(const char *spec)
{
    int err[2], status;
    char buf[512] = "";
    ssize_t n;
    pid_t pid;

    CHECK(pipe(err) == 0);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(err[1], 2);
        chardev_open(spec);
        _exit(0);
    }
    close(err[1]);
    CHECK(waitpid(pid, &status, 0) == pid);
    n = read(err[0], buf, sizeof buf - 1);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 2) {
        test_failed(__FILE__, __LINE__, "'%s' did not exit with status 2", spec);
    }
    CHECK(n > 8 && strncmp(buf, "armlet: ", 8) == 0);
    CHECK(strchr(buf, '\n') == buf + n - 1);   /* exactly one line */
}

TEST(file_backend_writes_arrive)
{
    char *path = g_build_filename(test_tmpdir(), "serial.txt", NULL);
    gchar *data = NULL;
    gsize len = 0;
    Chardev *chr;

    CHECK(g_file_set_contents(path, "old contents, longer than the new", -1, NULL));
    chr = chardev_open(g_strdup_printf("file:%s", path));
    CHECK(chr != NULL);
    put(chr, "hello ");
    put(chr, "world\n");
    chardev_flush(chr);
    chardev_close(chr);
    CHECK(g_file_get_contents(path, &data, &len, NULL));
    CHECK_EQ(len, 12);                  /* truncated, not overwritten in place */
    CHECK(memcmp(data, "hello world\n", 12) == 0);
}

TEST(bad_specs_are_fatal)
{
    expect_fatal("bogus");
    expect_fatal("vc:80Cx24C");
    expect_fatal("file:/nonexistent-dir/serial.txt");
    expect_fatal("file:");
    expect_fatal("tcp:127.0.0.1");
    expect_fatal("tcp:127.0.0.1:");
    expect_fatal("tcp:127.0.0.1:0,server,telnet");
    expect_fatal("tcp:127.0.0.1:0,wait=off");   /* wait needs server */
    expect_fatal("unix:");
    expect_fatal("unix:/nonexistent-dir/sock,server,wait=off");
}

TEST(null_and_none)
{
    Chardev *chr = chardev_open("null");

    CHECK(chardev_open("none") == NULL);
    /* A NULL backend is "no serial port": every call is a no-op. */
    chardev_write(NULL, (const uint8_t *)"x", 1);
    chardev_accept_input(NULL);
    chardev_flush(NULL);
    chardev_set_handlers(NULL, NULL, NULL, NULL);
    CHECK(chr != NULL);
    sink_new(chr);
    put(chr, "discarded");
    chardev_flush(chr);
    main_loop_wait(0);
    CHECK_EQ(chardev_socket_port(chr), -1);
    chardev_close(chr);
}

/* Replace fds 0 and 1 with pipes; returns the test's ends. */
static void stdio_pipes(int *to_stdin, int *from_stdout)
{
    int in[2], out[2];

    CHECK(pipe(in) == 0 && pipe(out) == 0);
    CHECK(dup2(in[0], 0) == 0 && dup2(out[1], 1) == 1);
    close(in[0]);
    close(out[1]);
    *to_stdin = in[1];
    *from_stdout = out[0];
}

TEST(stdio_input_and_output)
{
    int to_in, from_out;
    Chardev *chr;
    Sink *s;

    stdio_pipes(&to_in, &from_out);
    chr = chardev_open("stdio");
    s = sink_new(chr);
    write_all(to_in, "hello");
    pump_until_received(s, "hello");
    put(chr, "out");
    check_read(from_out, "out");
}

TEST(stdio_output_survives_slow_reader)
{
    const size_t total = 300 * 1024;    /* several pipe buffers' worth */
    uint8_t *pattern = g_malloc(total);
    int to_in, from_out;
    GByteArray *got;
    Chardev *chr;

    stdio_pipes(&to_in, &from_out);
    chr = chardev_open("stdio");
    for (size_t i = 0; i < total; i++) {
        pattern[i] = (uint8_t)(i * 7 + i / 251);
    }
    /* The reader is not reading: chardev_write must neither block (the
     * alarm fails the test if it does) nor drop anything. */
    alarm(20);
    for (size_t off = 0; off < total; off += 1000) {
        chardev_write(chr, pattern + off, total - off < 1000 ? total - off : 1000);
    }
    main_loop_wait(0);
    got = pump_read(from_out, total);
    alarm(0);
    CHECK_EQ(got->len, total);
    CHECK(memcmp(got->data, pattern, total) == 0);
}

TEST(stdio_flush_blocks_until_written)
{
    const size_t total = 200 * 1024;
    int to_in, from_out;
    Chardev *chr;
    pid_t pid;
    int status;

    stdio_pipes(&to_in, &from_out);
    pid = fork();                       /* a slow reader */
    CHECK(pid >= 0);
    if (pid == 0) {
        size_t n = 0;
        char buf[4096];
        ssize_t r;

        close(1);                       /* only the writer holds the pipe */
        usleep(200000);
        while ((r = read(from_out, buf, sizeof buf)) > 0) {
            n += (size_t)r;
        }
        _exit(n == total ? 0 : 1);
    }
    close(from_out);
    chr = chardev_open("stdio");
    for (size_t i = 0; i < total; i += 1024) {
        static const uint8_t kb[1024];

        chardev_write(chr, kb, sizeof kb);
    }
    alarm(20);
    chardev_flush(chr);                 /* everything is in the pipe after this */
    chardev_close(chr);                 /* closes our own copy of the pipe... */
    close(1);                           /* ...and this is the last one: EOF */
    CHECK(waitpid(pid, &status, 0) == pid);
    alarm(0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(stdio_ctrl_a_x_exits_with_status_0)
{
    int to_in, from_out, status = -1;
    Sink *s;

    stdio_pipes(&to_in, &from_out);
    s = sink_new(chardev_open("stdio"));
    CHECK(!main_loop_exit_requested(NULL));
    write_all(to_in, "ab\x01x");
    pump_until_received(s, "ab");
    for (int i = 0; i < 100 && !main_loop_exit_requested(NULL); i++) {
        main_loop_wait(10000000);
    }
    CHECK(main_loop_exit_requested(&status));
    CHECK_EQ(status, 0);
}

TEST(stdio_ctrl_a_escapes)
{
    int to_in, from_out;
    GByteArray *out;
    Chardev *chr;
    Sink *s;

    stdio_pipes(&to_in, &from_out);
    chr = chardev_open("mon:stdio");
    s = sink_new(chr);
    /* C-a C-a is one literal C-a; an unknown escape is swallowed; an escape
     * split across reads still works. */
    write_all(to_in, "1\x01\x01" "2\x01q3\x01");
    pump_until_received(s, "1\x01" "23");
    write_all(to_in, "\x01" "4");
    pump_until_received(s, "1\x01" "23\x01" "4");
    /* C-a h prints the help on the console; C-a c says there is no monitor. */
    write_all(to_in, "\x01h\x01" "c");
    out = g_byte_array_new();
    for (int i = 0; i < 50; i++) {
        GByteArray *more = pump_read(from_out, 1);

        g_byte_array_append(out, more->data, more->len);
        g_byte_array_free(more, TRUE);
        if (g_strstr_len((char *)out->data, out->len, "monitor not supported")) {
            break;
        }
    }
    g_byte_array_append(out, (const uint8_t *)"", 1);
    CHECK(strstr((char *)out->data, "C-a x") != NULL);
    CHECK(strstr((char *)out->data, "monitor not supported") != NULL);
    CHECK(sink_has(s, "1\x01" "23\x01" "4"));  /* none of it went to the guest */
    CHECK(!main_loop_exit_requested(NULL));
}

TEST(stdio_input_waits_for_room_and_eof_stops_it)
{
    int to_in, from_out;
    Chardev *chr;
    Sink *s;

    stdio_pipes(&to_in, &from_out);
    chr = chardev_open("stdio");
    s = sink_new(chr);
    s->room = 0;                        /* front end full */
    write_all(to_in, "wait");
    for (int i = 0; i < 20; i++) {
        main_loop_wait(1000000);
    }
    CHECK_EQ(s->got->len, 0);
    s->room = 2;
    chardev_accept_input(chr);
    pump_until_received(s, "wait");
    /* EOF on stdin ends input but not output, and does not spin or crash. */
    close(to_in);
    for (int i = 0; i < 20; i++) {
        main_loop_wait(1000000);
    }
    put(chr, "still here");
    check_read(from_out, "still here");
}

static int connect_tcp(int port)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(fd >= 0);
    CHECK(connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0);
    return fd;
}

static int connect_unix(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    CHECK(fd >= 0 && strlen(path) < sizeof sa.sun_path);
    strcpy(sa.sun_path, path);
    CHECK(connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0);
    return fd;
}

/* The exchange both socket servers must support. connect_fn makes a
 * client; output written before it connects is handed over on connect. */
static void exercise_server(Chardev *chr, int (*connect_fn)(const void *), const void *arg)
{
    Sink *s = sink_new(chr);
    int c;

    put(chr, "early ");                 /* no client yet: kept */
    main_loop_wait(0);
    c = connect_fn(arg);
    check_read(c, "early ");
    write_all(c, "ping");
    pump_until_received(s, "ping");
    put(chr, "pong");
    check_read(c, "pong");
    /* The client leaves; the next one gets what was written meanwhile. */
    close(c);
    for (int i = 0; i < 10; i++) {
        main_loop_wait(1000000);
    }
    put(chr, "again");
    c = connect_fn(arg);
    check_read(c, "again");
    write_all(c, "!");
    pump_until_received(s, "ping!");
    close(c);
}

static int connect_tcp_arg(const void *arg)
{
    return connect_tcp(*(const int *)arg);
}

static int connect_unix_arg(const void *arg)
{
    return connect_unix(arg);
}

TEST(tcp_server_exchange)
{
    Chardev *chr = chardev_open("tcp:127.0.0.1:0,server,wait=off");
    int port = chardev_socket_port(chr);

    CHECK(port > 0);
    exercise_server(chr, connect_tcp_arg, &port);
    chardev_close(chr);
}

TEST(tcp_server_empty_host_is_loopback)
{
    Chardev *chr = chardev_open("tcp::0,server=on,nowait");
    int port = chardev_socket_port(chr);

    CHECK(port > 0);
    exercise_server(chr, connect_tcp_arg, &port);
}

TEST(unix_server_exchange)
{
    char *path = g_build_filename(test_tmpdir(), "console.sock", NULL);
    Chardev *chr = chardev_open(g_strdup_printf("unix:%s,server,wait=off", path));

    CHECK_EQ(chardev_socket_port(chr), -1);
    exercise_server(chr, connect_unix_arg, path);
    chardev_close(chr);
    CHECK(!g_file_test(path, G_FILE_TEST_EXISTS));   /* removed at close */
}

TEST(tcp_server_waits_for_first_client)
{
    int probe = socket(AF_INET, SOCK_STREAM, 0), err[2], port;
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t len = sizeof sa;
    char msg[256] = "", *spec;
    Chardev *chr;
    pid_t pid;
    Sink *s;

    /* Find a free port, then let a child connect to it a little later. */
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(probe, (struct sockaddr *)&sa, sizeof sa) == 0);
    CHECK(getsockname(probe, (struct sockaddr *)&sa, &len) == 0);
    port = ntohs(sa.sin_port);
    close(probe);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        for (int i = 0; i < 100; i++) {
            struct sockaddr_in to = sa;
            int fd = socket(AF_INET, SOCK_STREAM, 0);

            usleep(50000);
            if (connect(fd, (struct sockaddr *)&to, sizeof to) == 0) {
                ssize_t w = write(fd, "hi", 2);

                usleep(500000);
                _exit(w == 2 ? 0 : 1);
            }
            close(fd);
        }
        _exit(1);
    }
    CHECK(pipe(err) == 0);
    CHECK(dup2(err[1], 2) == 2);
    alarm(20);
    spec = g_strdup_printf("tcp:127.0.0.1:%d,server", port);
    chr = chardev_open(spec);           /* returns only once connected */
    alarm(0);
    CHECK(read(err[0], msg, sizeof msg - 1) > 0);
    CHECK(strstr(msg, "waiting for connection") != NULL);
    CHECK(strstr(msg, g_strdup_printf("%d", port)) != NULL);
    s = sink_new(chr);
    pump_until_received(s, "hi");
    waitpid(pid, NULL, 0);
}

TEST(tcp_client_connects)
{
    int lfd = socket(AF_INET, SOCK_STREAM, 0), c;
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t len = sizeof sa;
    Chardev *chr;
    Sink *s;

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(lfd, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(lfd, 1) == 0);
    CHECK(getsockname(lfd, (struct sockaddr *)&sa, &len) == 0);
    chr = chardev_open(g_strdup_printf("tcp:localhost:%d", ntohs(sa.sin_port)));
    c = accept(lfd, NULL, NULL);
    CHECK(c >= 0);
    s = sink_new(chr);
    put(chr, "to server");
    check_read(c, "to server");
    write_all(c, "to guest");
    pump_until_received(s, "to guest");
    /* The server going away must not kill armlet (no SIGPIPE). */
    close(c);
    for (int i = 0; i < 10; i++) {
        main_loop_wait(1000000);
        put(chr, "into the void");
    }
    chardev_close(chr);
}

TEST(main_loop_wait_honours_timeout)
{
    gint64 t0 = g_get_monotonic_time(), dt;

    main_loop_wait(30 * 1000000);       /* 30 ms, nothing to do */
    dt = g_get_monotonic_time() - t0;
    CHECK(dt >= 29000);
    CHECK(dt < 1000000);
    t0 = g_get_monotonic_time();
    main_loop_wait(0);                  /* polls */
    CHECK(g_get_monotonic_time() - t0 < 100000);
}

static void *kick_later(void *arg)
{
    usleep(50000);
    if (arg) {
        main_loop_request_exit(*(int *)arg);
    } else {
        main_loop_kick();
    }
    return NULL;
}

TEST(main_loop_kick_and_exit_wake_a_blocked_wait)
{
    static int status = 3;
    pthread_t th;
    gint64 t0;
    int got = -1;

    main_loop_context();
    alarm(10);                          /* a missed wake-up fails, not hangs */
    t0 = g_get_monotonic_time();
    CHECK(pthread_create(&th, NULL, kick_later, NULL) == 0);
    main_loop_wait(-1);
    pthread_join(th, NULL);
    CHECK(g_get_monotonic_time() - t0 >= 40000);
    CHECK(!main_loop_exit_requested(NULL));
    CHECK(pthread_create(&th, NULL, kick_later, &status) == 0);
    while (!main_loop_exit_requested(NULL)) {
        main_loop_wait(-1);
    }
    pthread_join(th, NULL);
    alarm(0);
    CHECK(main_loop_exit_requested(&got));
    CHECK_EQ(got, 3);
    main_loop_request_exit(7);          /* the first request wins */
    CHECK(main_loop_exit_requested(&got));
    CHECK_EQ(got, 3);
}

static gboolean count_fd(gint fd, GIOCondition cond, gpointer data)
{
    char c;

    CHECK_EQ(read(fd, &c, 1), 1);
    ++*(int *)data;
    return G_SOURCE_CONTINUE;
}

static gboolean count_timeout(gpointer data)
{
    ++*(int *)data;
    return G_SOURCE_REMOVE;
}

TEST(main_loop_runs_glib_sources)
{
    int fds[2], reads = 0, timeouts = 0;
    GSource *src;
    gint64 t0;

    /* An fd watch on our context is dispatched by a polling wait. */
    CHECK(pipe(fds) == 0);
    src = g_unix_fd_source_new(fds[0], G_IO_IN);
    g_source_set_callback(src, G_SOURCE_FUNC(count_fd), &reads, NULL);
    g_source_attach(src, main_loop_context());
    main_loop_wait(0);
    CHECK_EQ(reads, 0);
    write_all(fds[1], "x");
    main_loop_wait(0);
    CHECK_EQ(reads, 1);
    /* A GLib timeout bounds an unbounded wait. */
    src = g_timeout_source_new(20);
    g_source_set_callback(src, count_timeout, &timeouts, NULL);
    g_source_attach(src, main_loop_context());
    alarm(10);
    t0 = g_get_monotonic_time();
    while (!timeouts) {
        main_loop_wait(-1);
    }
    alarm(0);
    CHECK(g_get_monotonic_time() - t0 >= 15000);
    CHECK_EQ(reads, 1);
}
