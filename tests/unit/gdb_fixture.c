/* The gdbstub tests' fixture (gdb_fixture.h). */
#include "tests/unit/gdb_fixture.h"

#include <stdio.h>
#include <string.h>

#include "target-arm/arm-jit.h"
#include "target-arm/gdb-target.h"
#include "tests/unit/test.h"

GdbFx gfx;

void gfx_write(void *opaque, const uint8_t *buf, size_t len)
{
    g_string_append_len(gfx.out, (const char *)buf, (gssize)len);
}

static void m_stop_all(void *m)
{
    gfx.stops++;
}

static void m_resume(void *m, const GdbResume *r)
{
    gfx.resumes++;
    CHECK_EQ(r->ncpus, NCPUS);
    memcpy(gfx.last_action, r->action, sizeof gfx.last_action);
}

static void m_kill(void *m)
{
    gfx.kills++;
}

/* Two vCPUs on a 16 MiB RAM, stub attached to an in-memory client. */
void gfx_setup_stub(bool start_stopped, bool attach)
{
    mt_env_init(&gfx.env);
    for (int i = 0; i < NCPUS; i++) {
        gfx.cpu[i] = g_malloc(sizeof(ArmCpu));
        arm_cpu_init(gfx.cpu[i], i, 0x80000000ull | (uint64_t)i, gfx.env.as, NULL, NULL);
        arm_cpu_jit_attach(gfx.cpu[i]);
    }
    arm_jit_init(JIT_INTERP, gfx.cpu, NCPUS);
    arm_cpu_reset(gfx.cpu[0], 0x40000000ull, 0);   /* cpu 1 stays off */
    arm_gdb_target_init(&gfx.t, gfx.cpu, NCPUS);
    gfx.t.stop_all = m_stop_all;
    gfx.t.resume = m_resume;
    gfx.t.kill = m_kill;
    gfx.out = g_string_new(NULL);
    gfx.s = gdbstub_new(&gfx.t, start_stopped);
    if (attach) {
        gdbstub_attach_client(gfx.s, gfx_write, NULL);
    }
}

void gfx_setup(void)
{
    gfx_setup_stub(false, true);
}

/* The checksum: sum of the packet data bytes modulo 256 (GDB manual,
 * Overview), two lower-case hex digits. */
char *gfx_frame(const char *data, size_t len)
{
    unsigned sum = 0;

    for (size_t i = 0; i < len; i++) {
        sum = (sum + (uint8_t)data[i]) & 0xff;
    }
    GString *g = g_string_new("$");
    g_string_append_len(g, data, (gssize)len);
    g_string_append_printf(g, "#%02x", sum);
    return g_string_free(g, FALSE);
}

void gfx_feed(const char *raw, size_t len)
{
    gdbstub_receive(gfx.s, (const uint8_t *)raw, len);
}

void gfx_send_len(const char *data, size_t len)
{
    g_autofree char *f = gfx_frame(data, len);

    gfx_feed(f, len + 4);             /* "$" data "#xx"; data may hold NULs */
}

void gfx_send(const char *data)
{
    g_autofree char *f = gfx_frame(data, strlen(data));

    gfx_feed(f, strlen(f));
}

/* Take the output: in ack mode "+" then exactly one packet, whose checksum
 * must be right. Returns the packet's data. */
char *gfx_take_reply(bool acked)
{
    const char *o = gfx.out->str;
    size_t n = gfx.out->len;
    char *data;

    if (acked) {
        CHECK(n >= 1 && o[0] == '+');
        o++, n--;
    }
    CHECK(n >= 4 && o[0] == '$' && o[n - 3] == '#');
    data = g_strndup(o + 1, n - 4);
    {
        g_autofree char *want = gfx_frame(data, n - 4);
        CHECK_EQ(memcmp(want, o, n), 0);
    }
    g_string_truncate(gfx.out, 0);
    return data;
}

char *gfx_xchg(const char *data)
{
    gfx_send(data);
    return gfx_take_reply(true);
}

void gfx_hex_le(char *out, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++) {
        sprintf(out + 2 * i, "%02x", (unsigned)((v >> (8 * i)) & 0xff));
    }
}


char *gfx_rcmd(const char *text)
{
    GString *q = g_string_new("qRcmd,");

    g_string_truncate(gfx.out, 0);
    for (const char *p = text; *p; p++) {
        g_string_append_printf(q, "%02x", (uint8_t)*p);
    }
    gfx_send(q->str);
    g_string_free(q, TRUE);
    return g_strdup(gfx.out->str);
}

char *gfx_unhex_o(const char *raw)
{
    /* "+$O<hex>#cs$O<hex>#cs$OK#9a" -> the text of the O packets */
    GString *t = g_string_new(NULL);

    for (const char *o = strstr(raw, "$O"); o; o = strstr(o, "$O")) {
        if (g_str_has_prefix(o, "$OK#")) {      /* the final reply */
            o += 4;
            continue;
        }
        for (o += 2; *o && *o != '#'; o += 2) {
            unsigned b;
            CHECK(sscanf(o, "%2x", &b) == 1);
            g_string_append_c(t, (char)b);
        }
    }
    return g_string_free(t, FALSE);
}
