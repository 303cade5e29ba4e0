/* Logging (-d, -D, -dfilter), following qemu-system's options: a comma
 * list of categories, "help" to list them, output to stderr unless -D names
 * a file. The category table is LOG_CATEGORIES in emu/log.h. */
#include "emu/log.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "emu/clock.h"
#include "emu/error.h"
#include "emu/sched.h"

uint32_t log_mask;
FILE *log_file;

typedef struct LogRange {
    uint64_t start, last;   /* inclusive */
} LogRange;

static const struct {
    const char *name, *help;
} log_table[] = {
#define LOG_ENTRY(name, help) { #name, help },
    LOG_CATEGORIES(LOG_ENTRY)
#undef LOG_ENTRY
};

static GArray *dfilter;     /* LogRange; NULL = no filter */

static void log_help(void)
{
    printf("Log items (comma separated):\n");
    for (size_t i = 0; i < G_N_ELEMENTS(log_table); i++) {
        printf("%-14s %s\n", log_table[i].name, log_table[i].help);
    }
    exit(0);
}

void log_init(const char *items, const char *file)
{
    if (items && *items) {
        char **names = g_strsplit(items, ",", -1);

        for (char **n = names; *n; n++) {
            size_t i;

            if (strcmp(*n, "help") == 0 || strcmp(*n, "?") == 0) {
                log_help();
            }
            if (!**n) {
                continue;
            }
            for (i = 0; i < G_N_ELEMENTS(log_table); i++) {
                if (strcmp(*n, log_table[i].name) == 0) {
                    log_mask |= 1u << i;
                    break;
                }
            }
            if (i == G_N_ELEMENTS(log_table)) {
                fatal("unknown log item '%s' (-d help lists them)", *n);
            }
        }
        g_strfreev(names);
    }
    if (file && *file) {
        FILE *f = fopen(file, "w");

        if (!f) {
            fatal("cannot open log file '%s': %s", file, strerror(errno));
        }
        setvbuf(f, NULL, _IOLBF, 0);
        if (log_file && log_file != stderr) {
            fclose(log_file);
        }
        log_file = f;
    }
}

static uint64_t parse_num(const char *s, const char *whole)
{
    char *end;
    uint64_t v;

    errno = 0;
    v = strtoull(s, &end, 0);
    if (errno || end == s || *end) {
        fatal("bad -dfilter range '%s'", whole);
    }
    return v;
}

void log_set_dfilter(const char *ranges)
{
    char **items = g_strsplit(ranges, ",", -1);

    if (!dfilter) {
        dfilter = g_array_new(FALSE, FALSE, sizeof(LogRange));
    }
    for (char **it = items; *it; it++) {
        char *r = *it, *sep;
        LogRange lr;
        uint64_t len;

        if ((sep = strstr(r, ".."))) {              /* START..END */
            *sep = '\0';
            lr.start = parse_num(r, *it);
            lr.last = parse_num(sep + 2, *it);
        } else if ((sep = strchr(r, '+'))) {        /* START+LEN */
            *sep = '\0';
            lr.start = parse_num(r, *it);
            len = parse_num(sep + 1, *it);
            if (len == 0) {
                fatal("bad -dfilter range '%s': empty", *it);
            }
            lr.last = lr.start + len - 1;
        } else if ((sep = strchr(r + 1, '-'))) {    /* START-LEN: [START-LEN+1, START] */
            *sep = '\0';
            lr.last = parse_num(r, *it);
            len = parse_num(sep + 1, *it);
            if (len == 0 || len - 1 > lr.last) {
                fatal("bad -dfilter range '%s'", *it);
            }
            lr.start = lr.last - (len - 1);
        } else {
            fatal("bad -dfilter range '%s' (use START..END, START+LEN or START-LEN)", r);
        }
        if (lr.last < lr.start) {
            fatal("bad -dfilter range: end before start");
        }
        g_array_append_val(dfilter, lr);
    }
    g_strfreev(items);
}

bool log_in_filter(uint64_t pc)
{
    if (!dfilter) {
        return true;
    }
    for (guint i = 0; i < dfilter->len; i++) {
        LogRange *r = &g_array_index(dfilter, LogRange, i);

        if (pc >= r->start && pc <= r->last) {
            return true;
        }
    }
    return false;
}

/* Every line starts with the vCPU running now ("cpu-" between turns) and
 * the virtual time in seconds (emu/clock.h: host time, or instruction time
 * in deterministic mode, where it makes logs of two runs comparable). */
static bool at_line_start = true;

void log_printf(const char *fmt, ...)
{
    FILE *f = log_file ? log_file : stderr;
    va_list ap;
    char *text, *line;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    for (line = text; *line;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);

        if (at_line_start) {
            int64_t t = clock_now_ns();
            int cpu = sched_current_cpu();

            if (cpu >= 0) {
                fprintf(f, "cpu%d ", cpu);
            } else {
                fputs("cpu- ", f);
            }
            fprintf(f, "%" PRId64 ".%09" PRId64 ": ", t / 1000000000, t % 1000000000);
        }
        fwrite(line, 1, len, f);
        at_line_start = nl != NULL;
        line += len;
    }
    g_free(text);
}
