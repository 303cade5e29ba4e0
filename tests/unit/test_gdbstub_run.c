/* The gdbstub's execution control and connection life cycle: breakpoints,
 * stop replies, vCont and legacy c/s through the run-loop hooks, Ctrl-C,
 * detach/disconnect/kill/exit, -S, monitor commands, malformed input and
 * the TCP and unix socket transports. */
#include "tests/unit/test.h"

#include <stdio.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <glib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "emu/main_loop.h"
#include "target-arm/gdb-target.h"
#include "tests/unit/gdb_fixture.h"

/* ---- breakpoints and execution ----------------------------------------------------- */

TEST(breakpoints_set)
{
    gfx_setup();
    CHECK(!arm_gdb_breakpoint_at(0x40000010));
    CHECK_REPLY("Z0,40000010,4", "OK");
    CHECK(arm_gdb_breakpoint_at(0x40000010));
    CHECK(!arm_gdb_breakpoint_at(0x40000014));
    CHECK_REPLY("Z1,40000010,4", "OK");
    CHECK_EQ(arm_gdb_breakpoint_type(0x40000010), GDB_BP_SW);
    CHECK_REPLY("z0,40000010,4", "OK");
    CHECK(arm_gdb_breakpoint_at(0x40000010));   /* the Z1 remains */
    CHECK_EQ(arm_gdb_breakpoint_type(0x40000010), GDB_BP_HW);
    CHECK_REPLY("z0,40000010,4", "E01");        /* no Z0 left there */
    CHECK_REPLY("z1,40000010,4", "OK");
    CHECK(!arm_gdb_breakpoint_at(0x40000010));
    /* Many, out of order: the set stays searchable. */
    for (uint64_t a = 0x40001000; a > 0x40000000; a -= 0x100) {
        g_autofree char *z = g_strdup_printf("Z0,%" PRIx64 ",4", a);
        CHECK_REPLY(z, "OK");
    }
    for (uint64_t a = 0x40000100; a <= 0x40001000; a += 0x100) {
        CHECK(arm_gdb_breakpoint_at(a));
        CHECK(!arm_gdb_breakpoint_at(a + 4));
    }
    CHECK_REPLY("Z2,40000000,8", "OK");         /* watchpoints: the kind is the length */
    CHECK_REPLY("Z4,40000000,8", "OK");
    CHECK_REPLY("z2,40000000,8", "OK");
    CHECK_REPLY("z2,40000000,8", "E01");        /* not there any more */
    CHECK_REPLY("z3,40000000,8", "E01");        /* another type */
    CHECK_REPLY("z4,40000000,4", "E01");        /* another length */
    CHECK_REPLY("z4,40000000,8", "OK");
    CHECK_REPLY("Z3,40000000,0", "E01");        /* nothing to watch */
    CHECK_REPLY("Z9,40000000,8", "");
    CHECK_REPLY("Z0,40000000", "E01");
    CHECK_REPLY("Z0,,4", "E01");
    CHECK_REPLY("Z0,40000000,4;X1,0f", "OK");   /* a condition list is ignored */
    CHECK_REPLY("Z", "E01");
}

TEST(stop_reply_for_breakpoint)
{
    bool ss;

    gfx_setup();
    CHECK(gdbstub_is_stopped(gfx.s));            /* attaching stopped the guest */
    CHECK_EQ(gfx.stops, 1);
    g_free(gfx_xchg("qSupported:swbreak+;hwbreak+"));
    CHECK_REPLY("Z0,40000000,4", "OK");
    gfx.cpu[0]->pc = 0x40000000;
    gfx_send("vCont;c");
    CHECK_STREQ(gfx.out->str, "+");              /* no reply until the stop */
    g_string_truncate(gfx.out, 0);
    CHECK(!gdbstub_is_stopped(gfx.s));
    CHECK(gdbstub_should_run(gfx.s, 0, &ss) && !ss);
    CHECK(gdbstub_should_run(gfx.s, 1, &ss) && !ss);
    gdbstub_notify_stop(gfx.s, 0, GDB_STOP_BREAKPOINT);
    {
        g_autofree char *r = gfx_take_reply(false);
        CHECK_STREQ(r, "T05thread:1;swbreak:;");
    }
    CHECK(!gdbstub_should_run(gfx.s, 0, &ss));
    CHECK(!gdbstub_should_run(gfx.s, 1, &ss));
    /* A second vCPU reaching a breakpoint in the same round is not
     * reported: it will stop there again when resumed. */
    gdbstub_notify_stop(gfx.s, 1, GDB_STOP_BREAKPOINT);
    CHECK_EQ(gfx.out->len, 0);
    CHECK_REPLY("?", "T05thread:1;swbreak:;");
    /* Only the reporting vCPU skips its breakpoint once on resume. */
    CHECK(gdbstub_take_breakpoint_skip(gfx.s, 0));
    CHECK(!gdbstub_take_breakpoint_skip(gfx.s, 0));
    CHECK(!gdbstub_take_breakpoint_skip(gfx.s, 1));
    /* A Z1 breakpoint reports hwbreak. */
    CHECK_REPLY("z0,40000000,4", "OK");
    CHECK_REPLY("Z1,40000000,4", "OK");
    gfx_send("c");
    g_string_truncate(gfx.out, 0);
    gdbstub_notify_stop(gfx.s, 0, GDB_STOP_BREAKPOINT);
    {
        g_autofree char *r = gfx_take_reply(false);
        CHECK_STREQ(r, "T05thread:1;hwbreak:;");
    }
}

TEST(stop_reply_without_swbreak_support)
{
    gfx_setup();
    g_free(gfx_xchg("qSupported:multiprocess+"));
    CHECK_REPLY("Z0,40000000,4", "OK");
    gfx.cpu[1]->pc = 0x40000000;
    gfx_send("vCont;c");
    g_string_truncate(gfx.out, 0);
    gdbstub_notify_stop(gfx.s, 1, GDB_STOP_BREAKPOINT);
    {
        g_autofree char *r = gfx_take_reply(false);
        CHECK_STREQ(r, "T05thread:2;");
    }
    CHECK_REPLY("qC", "QC2");                  /* the reporting thread is current */
}

TEST(vcont_actions)
{
    bool ss;

    gfx_setup();
    CHECK_REPLY("vCont?", "vCont;c;C;s;S");
    /* Step thread 1, continue the rest: leftmost match wins. */
    gfx_send("vCont;s:1;c");
    CHECK_STREQ(gfx.out->str, "+");
    g_string_truncate(gfx.out, 0);
    CHECK_EQ(gfx.resumes, 1);
    CHECK_EQ(gfx.last_action[0], GDB_ACT_STEP);
    CHECK_EQ(gfx.last_action[1], GDB_ACT_CONTINUE);
    CHECK(gdbstub_should_run(gfx.s, 0, &ss) && ss);
    CHECK(gdbstub_should_run(gfx.s, 1, &ss) && !ss);
    gdbstub_notify_stop(gfx.s, 0, GDB_STOP_STEP);
    {
        g_autofree char *r = gfx_take_reply(false);
        CHECK_STREQ(r, "T05thread:1;");
    }
    CHECK(!gdbstub_take_breakpoint_skip(gfx.s, 0));
    /* Only thread 2 steps; thread 1, named by no action, stays stopped. */
    gfx_send("vCont;s:2");
    g_string_truncate(gfx.out, 0);
    CHECK(!gdbstub_should_run(gfx.s, 0, &ss));
    CHECK(gdbstub_should_run(gfx.s, 1, &ss) && ss);
    gdbstub_notify_stop(gfx.s, 1, GDB_STOP_STEP);
    g_free(gfx_take_reply(false));
    /* Signals are ignored: C and S act like c and s. */
    gfx_send("vCont;C09:2;S05:1");
    g_string_truncate(gfx.out, 0);
    CHECK(gdbstub_should_run(gfx.s, 0, &ss) && ss);
    CHECK(gdbstub_should_run(gfx.s, 1, &ss) && !ss);
    gdbstub_notify_stop(gfx.s, 0, GDB_STOP_STEP);
    g_free(gfx_take_reply(false));
    /* Refused: unknown action, unknown thread, nothing to do, junk. */
    CHECK_REPLY("vCont;t", "E01");
    CHECK_REPLY("vCont;r1,2", "E01");
    CHECK_REPLY("vCont;c:3", "E22");
    CHECK_REPLY("vCont;", "E01");
    CHECK_REPLY("vCont;c:1x", "E01");
    CHECK_REPLY("vCont;C", "E01");
    CHECK(gdbstub_is_stopped(gfx.s));
}

TEST(legacy_continue_and_step)
{
    bool ss;

    gfx_setup();
    /* s steps the Hc thread only; "s ADDR" resumes there. */
    CHECK_REPLY("Hc2", "OK");
    gfx_send("s40000100");
    g_string_truncate(gfx.out, 0);
    CHECK_EQ(gfx.cpu[1]->pc, 0x40000100);
    CHECK(!gdbstub_should_run(gfx.s, 0, &ss));
    CHECK(gdbstub_should_run(gfx.s, 1, &ss) && ss);
    gdbstub_notify_stop(gfx.s, 1, GDB_STOP_STEP);
    {
        g_autofree char *r = gfx_take_reply(false);
        CHECK_STREQ(r, "T05thread:2;");
    }
    gfx_send("c");
    g_string_truncate(gfx.out, 0);
    CHECK(gdbstub_should_run(gfx.s, 0, &ss) && !ss);
    CHECK(gdbstub_should_run(gfx.s, 1, &ss) && !ss);
    gdbstub_notify_stop(gfx.s, 0, GDB_STOP_INTERRUPT);
    g_free(gfx_take_reply(false));
    CHECK_REPLY("cxyz", "E01");
    CHECK_REPLY("C05;zz", "E01");
    CHECK(gdbstub_is_stopped(gfx.s));
}

TEST(ctrl_c_interrupts)
{
    bool ss;

    gfx_setup();
    gfx_send("vCont;c");
    g_string_truncate(gfx.out, 0);
    CHECK(gdbstub_should_run(gfx.s, 1, &ss));    /* cpu 1 ran last */
    gfx_feed("\x03", 1);
    {
        g_autofree char *r = gfx_take_reply(false);
        CHECK_STREQ(r, "T02thread:2;");         /* SIGINT */
    }
    CHECK_EQ(gfx.stops, 2);                      /* attach, then Ctrl-C */
    CHECK(!gdbstub_should_run(gfx.s, 0, &ss));
    /* Already stopped: another Ctrl-C says nothing. */
    gfx_feed("\x03", 1);
    CHECK_EQ(gfx.out->len, 0);
}

TEST(detach_removes_breakpoints_and_resumes)
{
    bool ss;

    gfx_setup();
    CHECK_REPLY("Z0,40000000,4", "OK");
    CHECK_REPLY("D", "OK");
    CHECK(!arm_gdb_breakpoint_at(0x40000000));
    CHECK(!gdbstub_is_stopped(gfx.s));
    CHECK(gdbstub_should_run(gfx.s, 0, &ss) && !ss);
    CHECK_EQ(gfx.last_action[0], GDB_ACT_CONTINUE);
    CHECK_EQ(gfx.last_action[1], GDB_ACT_CONTINUE);
}

TEST(disconnect_resumes)
{
    bool ss;

    gfx_setup();
    CHECK_REPLY("Z1,40000000,4", "OK");
    gdbstub_detach_client(gfx.s);
    CHECK(!gdbstub_client_attached(gfx.s));
    CHECK(!arm_gdb_breakpoint_at(0x40000000));
    CHECK(gdbstub_should_run(gfx.s, 0, &ss) && !ss);
    /* Nobody to tell: stops are ignored, the guest keeps running. */
    gdbstub_notify_stop(gfx.s, 0, GDB_STOP_BREAKPOINT);
    CHECK(!gdbstub_is_stopped(gfx.s));
    CHECK_EQ(gfx.out->len, 0);
}

/* A reconnecting gdb sends Hg0 and then '?', and reads the registers of
 * the thread '?' names without another Hg: they must be that thread's. */
TEST(reconnect_query_stop_selects_its_thread)
{
    bool ss;
    g_autofree char *pc = NULL;

    gfx_setup();
    CHECK_REPLY("D", "OK");
    CHECK(gdbstub_should_run(gfx.s, 0, &ss));
    CHECK(gdbstub_should_run(gfx.s, 1, &ss));   /* the last to run: cpu 1 */
    gfx.cpu[0]->pc = 0x40000100;
    gfx.cpu[1]->pc = 0x40000200;
    gdbstub_attach_client(gfx.s, gfx_write, NULL);
    CHECK_REPLY("Hg0", "OK");
    CHECK_REPLY("?", "T05thread:2;");
    CHECK_REPLY("qC", "QC2");
    pc = gfx_xchg("p20");                        /* regnum 32: pc, little-endian */
    CHECK_STREQ(pc, "0002004000000000");
}

TEST(kill_calls_the_machine)
{
    gfx_setup();
    gfx_send("k");
    CHECK_STREQ(gfx.out->str, "+");              /* acked, never answered */
    CHECK_EQ(gfx.kills, 1);
    CHECK(!gdbstub_client_attached(gfx.s));
}

TEST(kill_default_exits)
{
    gfx_setup();
    gfx.t.kill = NULL;
    gdbstub_free(gfx.s);
    gfx.s = gdbstub_new(&gfx.t, false);
    gdbstub_attach_client(gfx.s, gfx_write, NULL);
    gfx_send("k");
    {
        int status = -1;
        CHECK(main_loop_exit_requested(&status));
        CHECK_EQ(status, 0);
    }
}

TEST(exit_reports)
{
    gfx_setup();
    gdbstub_notify_exit(gfx.s, 3);
    {
        g_autofree char *r = gfx_take_reply(false);
        CHECK_STREQ(r, "W03");
    }
    CHECK(!gdbstub_client_attached(gfx.s));
    gdbstub_attach_client(gfx.s, gfx_write, NULL);
    gdbstub_notify_signal_exit(gfx.s, 9);
    CHECK_STREQ(gfx.out->str, "$X09#c1");        /* 'X' 0x58 + '0' 0x30 + '9' 0x39 */
}

TEST(start_stopped_without_client)
{
    bool ss;

    gfx_setup_stub(true, false);
    CHECK(!gdbstub_should_run(gfx.s, 0, &ss));   /* -S: held until gdb resumes */
    gdbstub_attach_client(gfx.s, gfx_write, NULL);
    CHECK_REPLY("?", "T05thread:1;");
    gfx_send("c");
    CHECK(gdbstub_should_run(gfx.s, 0, &ss));
    gdbstub_free(gfx.s);
    /* Without -S the guest runs until a debugger attaches. */
    gfx.s = gdbstub_new(&gfx.t, false);
    CHECK(gdbstub_should_run(gfx.s, 1, &ss) && !ss);
    CHECK(!gdbstub_should_run(gfx.s, 2, &ss));   /* no such vCPU */
}

/* ---- monitor --------------------------------------------------------------------- */

static bool mon_echo(GdbStub *s, const char *args, GString *out)
{
    g_string_append_printf(out, "echo:[%s]\n", args);
    return strcmp(args, "fail") != 0;
}

TEST(monitor_commands)
{
    g_autofree char *raw = NULL, *text = NULL;

    gfx_setup();
    CHECK(gdbstub_register_monitor("echo", "print the arguments", mon_echo));
    CHECK(!gdbstub_register_monitor("echo", "again", mon_echo));
    CHECK(!gdbstub_register_monitor("help", "taken", mon_echo));

    raw = gfx_rcmd("help");
    text = gfx_unhex_o(raw);
    CHECK(strstr(text, "help") != NULL);
    CHECK(strstr(text, "echo -- print the arguments") != NULL);
    CHECK(g_str_has_suffix(raw, "$OK#9a"));
    g_string_truncate(gfx.out, 0);
    g_free(raw), g_free(text);

    raw = gfx_rcmd("echo  a b ");
    text = gfx_unhex_o(raw);
    CHECK_STREQ(text, "echo:[a b]\n");
    g_string_truncate(gfx.out, 0);
    g_free(raw), g_free(text);

    raw = gfx_rcmd("echo fail");
    CHECK(g_str_has_suffix(raw, "$E01#a6"));
    g_string_truncate(gfx.out, 0);
    g_free(raw);

    raw = gfx_rcmd("frobnicate");
    text = gfx_unhex_o(raw);
    CHECK(strstr(text, "unknown command 'frobnicate'") != NULL);
    g_string_truncate(gfx.out, 0);

    CHECK_REPLY("qRcmd,6", "E01");              /* odd hex */
    CHECK_REPLY("qRcmd,zz", "E01");
}

/* ---- robustness -------------------------------------------------------------------- */

TEST(malformed_packets_refused)
{
    static const char *const junk[] = {
        "", "m", "m,", "m1,", "M", "M1", "M1,1", "X", "X1", "X1,1", "p", "P", "P1",
        "P1=", "G0", "H", "Hg", "Hg-2", "T", "Z0", "z0,1", "z", "qXfer:features:read:",
        "qThreadExtraInfo,", "qThreadExtraInfo,zz", "vCont", "vCont;", "vCont;c:",
        "c1,2", "s;", "D1", "QStartNoAckModeX", "gg", "?x",
    };

    gfx_setup();
    for (size_t i = 0; i < G_N_ELEMENTS(junk); i++) {
        g_autofree char *r = gfx_xchg(junk[i]);
        CHECK(r[0] == '\0' || r[0] == 'E' || strcmp(r, "OK") == 0);
    }
    /* A NUL inside a non-binary packet. */
    gfx_send_len("m4\0,4", 5);
    {
        g_autofree char *r = gfx_take_reply(true);
        CHECK_STREQ(r, "E01");
    }
    /* Garbage between packets and a truncated packet don't desync. */
    gfx_feed("garbage+-$m40", 13);
    g_string_truncate(gfx.out, 0);
    gfx_feed("#00", 3);
    CHECK_STREQ(gfx.out->str, "-");
    g_string_truncate(gfx.out, 0);
    CHECK_REPLY("qAttached", "1");
}

/* ---- sockets ----------------------------------------------------------------------- */

static GString *sock_exchange(int fd, const char *data, const char *until)
{
    g_autofree char *f = gfx_frame(data, strlen(data));
    GString *in = g_string_new(NULL);
    char buf[512];

    CHECK_EQ(write(fd, f, strlen(f)), strlen(f));
    for (int tries = 0; tries < 200 && !strstr(in->str, until); tries++) {
        ssize_t n;

        main_loop_wait(10 * 1000 * 1000);
        while ((n = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0) {
            g_string_append_len(in, buf, n);
        }
    }
    return in;
}

TEST(tcp_transport)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    GdbStub *s;
    GString *in;
    bool ss;
    int fd, port;

    gfx_setup_stub(false, false);
    s = gdbstub_open("tcp::0", &gfx.t, false);
    port = gdbstub_port(s);
    CHECK(port > 0);
    CHECK(gdbstub_should_run(s, 0, &ss));
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    in = sock_exchange(fd, "?", "#");
    CHECK(g_str_has_prefix(in->str, "+$T05thread:1;#"));
    CHECK(gdbstub_client_attached(s));
    CHECK(gdbstub_is_stopped(s));               /* a connecting debugger stops the guest */
    g_string_free(in, TRUE);
    close(fd);
    for (int i = 0; i < 100 && gdbstub_client_attached(s); i++) {
        main_loop_wait(10 * 1000 * 1000);
    }
    CHECK(!gdbstub_client_attached(s));
    CHECK(gdbstub_should_run(s, 0, &ss));       /* resumed on disconnect */
    gdbstub_free(s);
}

TEST(unix_transport)
{
    g_autofree char *path = g_strdup_printf("%s/gdb.sock", test_tmpdir());
    g_autofree char *spec = g_strdup_printf("unix:%s,server", path);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    GdbStub *s;
    GString *in;
    int fd;

    gfx_setup_stub(true, false);
    s = gdbstub_open(spec, &gfx.t, true);
    CHECK_EQ(gdbstub_port(s), -1);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    strcpy(sa.sun_path, path);
    CHECK_EQ(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    in = sock_exchange(fd, "qAttached", "#31");
    CHECK_STREQ(in->str, "+$1#31");
    g_string_free(in, TRUE);
    close(fd);
    gdbstub_free(s);
    CHECK(access(path, F_OK) != 0);             /* the socket file is removed */
}
