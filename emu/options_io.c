/* -display, -serial, -monitor, -gdb, -d, -D, -dfilter: where the guest's
 * console, the debugger and the log go. Only syntax is checked here;
 * sockets and files are opened when the board is built (emu/chardev.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "emu/log.h"
#include "emu/options_priv.h"

void opt_display(ParseState *ps, const char *arg)
{
    static const char *const other[] = {
        "gtk", "curses", "vnc", "cocoa", "egl-headless", "dbus", "spice-app", "default",
    };
    g_autofree char *type = g_strndup(arg, strcspn(arg, ",="));

    if (opt_is_help(arg)) {
        printf("Available display backend types:\nnone\nsdl\n");
        exit(0);
    }
    if (strcmp(type, "sdl") != 0 && strcmp(type, "none") != 0) {
        for (size_t i = 0; i < G_N_ELEMENTS(other); i++) {
            if (strcmp(type, other[i]) == 0) {
                fatal("%s %s: not supported by armlet (use sdl or none)", ps->opt, arg);
            }
        }
        fatal("%s %s: unknown display type (use sdl or none)", ps->opt, arg);
    }
    if (strcmp(type, arg) != 0) {
        fatal("%s %s: display options are not supported by armlet", ps->opt, arg);
    }
#ifndef CONFIG_SDL
    if (strcmp(type, "sdl") == 0) {
        fatal("%s %s: this armlet was built without SDL", ps->opt, arg);
    }
#endif
    opt_set_str(&ps->o->display, type);
}

/* "tcp:" address part: [HOST]:PORT, HOST empty, a name, or [IPv6]. */
static bool tcp_addr_ok(const char *a)
{
    const char *colon;
    uint64_t port;

    if (a[0] == '[') {
        colon = strchr(a, ']');
        if (!colon || colon == a + 1 || colon[1] != ':') {
            return false;
        }
        colon++;
    } else {
        colon = strchr(a, ':');
        if (!colon || strchr(colon + 1, ':')) {
            return false;
        }
    }
    return opt_parse_uint(colon + 1, 65535, &port);
}

/* The chardev subset of QEMU's -serial/-gdb syntax that armlet's chardev
 * layer opens (emu/chardev.h). Only the syntax is checked here: sockets
 * and files are opened when the board is built. */
static void check_chardev(ParseState *ps, const char *spec, bool plain_ok)
{
    static const char *const unsupported[] = {
        "pty", "vc", "udp:", "telnet:", "pipe:", "chardev:", "/dev/", "msmouse",
        "braille", "tty:", "serial:", "parallel:", "websocket:", "spicevmc", "stdio",
        "null", "file:", "mon:",
    };
    bool tcp = g_str_has_prefix(spec, "tcp:");

    if (plain_ok && (strcmp(spec, "stdio") == 0 || strcmp(spec, "mon:stdio") == 0 ||
                     strcmp(spec, "null") == 0 || strcmp(spec, "none") == 0)) {
        return;
    }
    if (plain_ok && g_str_has_prefix(spec, "file:")) {
        if (!spec[5]) {
            fatal("%s %s: missing file name", ps->opt, spec);
        }
        return;
    }
    if (tcp || g_str_has_prefix(spec, "unix:")) {
        const char *body = spec + (tcp ? 4 : 5);
        g_autofree char *addr = g_strndup(body, strcspn(body, ","));
        g_autoptr(GPtrArray) kv = NULL;

        if (tcp ? !tcp_addr_ok(addr) : !*addr) {
            fatal("%s %s: expected %s", ps->opt, spec,
                  tcp ? "tcp:[HOST]:PORT[,server][,wait=off]" : "unix:PATH[,server][,wait=off]");
        }
        if (!body[strlen(addr)]) {
            return;
        }
        kv = opt_kv_split(body + strlen(addr) + 1, NULL);
        for (guint i = 0; i < KV_COUNT(kv); i++) {
            const char *key = KV_KEY(kv, i);
            bool b;

            if (strcmp(key, "nowait") == 0 && !KV_VAL(kv, i)) {
                continue;
            }
            if (strcmp(key, "server") != 0 && strcmp(key, "wait") != 0 &&
                !(tcp && strcmp(key, "nodelay") == 0)) {
                fatal("%s %s: option '%s' is not supported by armlet", ps->opt, spec, key);
            }
            if (!opt_parse_bool(KV_VAL(kv, i), &b)) {
                opt_bad_value(ps, spec, key, KV_VAL(kv, i));
            }
        }
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(unsupported); i++) {
        if (g_str_has_prefix(spec, unsupported[i])) {
            fatal("%s %s: not supported by armlet", ps->opt, spec);
        }
    }
    fatal("%s %s: invalid character device", ps->opt, spec);
}

void opt_serial(ParseState *ps, const char *arg)
{
    check_chardev(ps, arg, true);
    g_ptr_array_add(ps->o->serials, g_strdup(arg));
}

void opt_monitor(ParseState *ps, const char *arg)
{
    if (strcmp(arg, "none") != 0) {
        fatal("%s %s: not supported by armlet (only 'none'; -nographic muxes the "
              "monitor with the serial port)", ps->opt, arg);
    }
}

/* ---- debugging ------------------------------------------------------------ */

void opt_gdb(ParseState *ps, const char *arg)
{
    uint64_t port;

    if (strcmp(arg, "none") == 0) {
        opt_set_str(&ps->o->gdb, NULL);
        return;
    }
    if (opt_parse_uint(arg, 65535, &port)) {           /* QEMU: a bare port is tcp::PORT */
        g_free(ps->o->gdb);
        ps->o->gdb = g_strdup_printf("tcp::%s", arg);
        return;
    }
    check_chardev(ps, arg, false);
    opt_set_str(&ps->o->gdb, arg);
}

void opt_log_items(ParseState *ps, const char *arg)
{
#define LOG_NAME(name, help) #name,
#define LOG_HELP(name, help) help,
    static const char *const names[] = { LOG_CATEGORIES(LOG_NAME) };
    static const char *const helps[] = { LOG_CATEGORIES(LOG_HELP) };
#undef LOG_NAME
#undef LOG_HELP
    g_auto(GStrv) items = g_strsplit(arg, ",", -1);

    if (opt_is_help(arg)) {
        printf("Log items (comma separated):\n");
        for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
            printf("%-14s %s\n", names[i], helps[i]);
        }
        exit(0);
    }
    for (int i = 0; items[i]; i++) {
        size_t j;

        for (j = 0; j < G_N_ELEMENTS(names) && strcmp(items[i], names[j]) != 0; j++) {
        }
        if (j == G_N_ELEMENTS(names)) {
            fatal("%s %s: unknown log item '%s' (see -d help)", ps->opt, arg, items[i]);
        }
    }
    opt_set_str(&ps->o->log_items, arg);
}

void opt_log_file(ParseState *ps, const char *arg)
{
    if (!*arg) {
        fatal("%s: empty file name", ps->opt);
    }
    opt_set_str(&ps->o->log_file, arg);
}

static bool parse_addr(const char **s, uint64_t *out)
{
    char *end;

    if (!g_ascii_isdigit(**s)) {
        return false;
    }
    errno = 0;
    *out = g_ascii_strtoull(*s, &end, 0);
    if (errno || end == *s) {
        return false;
    }
    *s = end;
    return true;
}

/* -dfilter: comma-separated START..END (inclusive), START+LEN or START-LEN
 * (the LEN bytes ending at START), numbers in C notation (QEMU log.c). */
void opt_dfilter(ParseState *ps, const char *arg)
{
    g_auto(GStrv) ranges = g_strsplit(arg, ",", -1);

    for (int i = 0; ranges[i]; i++) {
        const char *p = ranges[i];
        uint64_t a, b;
        bool ok = parse_addr(&p, &a);

        if (ok && strncmp(p, "..", 2) == 0) {
            p += 2;
            ok = parse_addr(&p, &b) && b >= a;
        } else if (ok && (*p == '+' || *p == '-')) {
            p++;
            ok = parse_addr(&p, &b) && b != 0;
        } else {
            ok = false;
        }
        if (!ok || *p) {
            fatal("%s %s: invalid range '%s' (START..END, START+LEN or START-LEN)",
                  ps->opt, arg, ranges[i]);
        }
    }
    opt_set_str(&ps->o->log_dfilter, arg);
}
