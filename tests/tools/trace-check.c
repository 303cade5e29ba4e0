/* trace-check FILE.json [--expect-state NAME]...
 *
 * Validates a --trace-boot file independently of the code that wrote it:
 * a full JSON parse (RFC 8259 grammar), then the Trace Event Format rules
 * armlet promises (docs/trace.md):
 *  - a top-level object whose "traceEvents" is an array of objects, each
 *    with "ph", "pid", "tid" and a numeric "ts";
 *  - per vCPU (tid), the state intervals ("ph":"X", "cat":"state") follow
 *    each other with no gap and no overlap, from 0 to the end of the trace
 *    (the global "end of trace" instant), with known state names;
 *  - every --expect-state NAME occurs on some vCPU.
 * On success it prints one line per PSCI CPU_ON instant,
 *   "CPU_ON <x1> <ret>" (both as 0x%016x, as the guest tests print them),
 * then the total time per state, then "trace-check: ok". On failure it
 * prints "trace-check: <why>" and exits 1. */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JType;

typedef struct JVal {
    JType type;
    double num;
    char *str;                 /* J_STR */
    struct JVal **items;       /* J_ARR values, J_OBJ values */
    char **keys;               /* J_OBJ keys */
    size_t n;
} JVal;

static const char *p, *text;

static void die(const char *why)
{
    printf("trace-check: %s\n", why);
    exit(1);
}

static void die_at(const char *why)
{
    printf("trace-check: %s at offset %ld\n", why, (long)(p - text));
    exit(1);
}

static void ws(void)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
        p++;
    }
}

static JVal *new_val(JType t)
{
    JVal *v = calloc(1, sizeof *v);

    if (!v) {
        die("out of memory");
    }
    v->type = t;
    return v;
}

static void push(JVal *v, char *key, JVal *item)
{
    v->items = realloc(v->items, (v->n + 1) * sizeof *v->items);
    if (v->type == J_OBJ) {
        v->keys = realloc(v->keys, (v->n + 1) * sizeof *v->keys);
        v->keys[v->n] = key;
    }
    v->items[v->n++] = item;
}

static char *parse_string(void)
{
    size_t cap = 16, len = 0;
    char *s = malloc(cap);

    if (*p++ != '"') {
        die_at("expected a string");
    }
    for (;;) {
        unsigned char c = (unsigned char)*p++;

        if (c == '"') {
            break;
        }
        if (c < 0x20) {
            die_at("control character or end of input in a string");
        }
        if (c == '\\') {
            c = (unsigned char)*p++;
            switch (c) {
            case '"': case '\\': case '/': break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'u':
                for (int i = 0; i < 4; i++) {
                    if (!isxdigit((unsigned char)p[i])) {
                        die_at("bad \\u escape");
                    }
                }
                p += 4;
                c = '?';   /* the checks below never need the code point */
                break;
            default:
                die_at("bad escape");
            }
        }
        if (len + 2 > cap) {
            s = realloc(s, cap *= 2);
        }
        s[len++] = (char)c;
    }
    s[len] = '\0';
    return s;
}

static JVal *parse_value(int depth);

static JVal *parse_number(void)
{
    const char *start = p;
    JVal *v = new_val(J_NUM);

    if (*p == '-') {
        p++;
    }
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (isdigit((unsigned char)*p)) {
            p++;
        }
    } else {
        die_at("bad number");
    }
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p)) {
            die_at("bad fraction");
        }
        while (isdigit((unsigned char)*p)) {
            p++;
        }
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') {
            p++;
        }
        if (!isdigit((unsigned char)*p)) {
            die_at("bad exponent");
        }
        while (isdigit((unsigned char)*p)) {
            p++;
        }
    }
    v->num = strtod(start, NULL);
    return v;
}

static JVal *parse_container(int depth, char close)
{
    JVal *v = new_val(close == '}' ? J_OBJ : J_ARR);

    p++;
    ws();
    if (*p == close) {
        p++;
        return v;
    }
    for (;;) {
        char *key = NULL;

        ws();
        if (close == '}') {
            key = parse_string();
            ws();
            if (*p++ != ':') {
                die_at("expected ':'");
            }
        }
        push(v, key, parse_value(depth + 1));
        ws();
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p++ != close) {
            die_at("expected ',' or the container's end");
        }
        return v;
    }
}

static JVal *parse_value(int depth)
{
    JVal *v;

    if (depth > 64) {
        die_at("nesting too deep");
    }
    ws();
    switch (*p) {
    case '{': return parse_container(depth, '}');
    case '[': return parse_container(depth, ']');
    case '"':
        v = new_val(J_STR);
        v->str = parse_string();
        return v;
    case 't': case 'f': case 'n': {
        static const char *const words[] = { "true", "false", "null" };
        for (int i = 0; i < 3; i++) {
            size_t l = strlen(words[i]);
            if (strncmp(p, words[i], l) == 0) {
                p += l;
                v = new_val(i == 2 ? J_NULL : J_BOOL);
                v->num = i == 0;
                return v;
            }
        }
        die_at("bad literal");
    }
    /* fall through */
    default:
        return parse_number();
    }
}

static JVal *get(const JVal *obj, const char *key)
{
    for (size_t i = 0; obj->type == J_OBJ && i < obj->n; i++) {
        if (strcmp(obj->keys[i], key) == 0) {
            return obj->items[i];
        }
    }
    return NULL;
}

static const char *get_str(const JVal *obj, const char *key)
{
    JVal *v = get(obj, key);
    return v && v->type == J_STR ? v->str : NULL;
}

static const char *const states[] = { "off", "running", "runnable", "halted", "parked",
                                      "suspended" };
#define NSTATES (sizeof states / sizeof states[0])
#define MAX_TIDS 1024

typedef struct Track {
    bool seen;
    double end;               /* where the next interval must start (µs) */
} Track;

int main(int argc, char **argv)
{
    static Track tracks[MAX_TIDS];
    double per_state[NSTATES] = { 0 }, trace_end = -1;
    bool state_seen[NSTATES] = { false };
    FILE *f;
    long size;
    char *buf;
    JVal *root, *events;
    size_t intervals = 0;

    if (argc < 2 || !(f = fopen(argv[1], "rb"))) {
        die("usage: trace-check FILE.json [--expect-state NAME]... (cannot open the file)");
    }
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        die("cannot read the file");
    }
    buf[size] = '\0';
    fclose(f);
    text = p = buf;
    root = parse_value(0);
    ws();
    if (*p) {
        die_at("text after the top-level value");
    }
    if (root->type != J_OBJ || !(events = get(root, "traceEvents")) || events->type != J_ARR) {
        die("the top level is not an object with a traceEvents array");
    }

    /* the global end-of-trace instant bounds every track */
    for (size_t i = 0; i < events->n; i++) {
        const JVal *e = events->items[i];
        const char *name = get_str(e, "name"), *ph = get_str(e, "ph");
        if (ph && name && !strcmp(ph, "i") && !strcmp(name, "end of trace")) {
            trace_end = get(e, "ts")->num;
        }
    }
    if (trace_end < 0) {
        die("no 'end of trace' instant");
    }

    for (size_t i = 0; i < events->n; i++) {
        const JVal *e = events->items[i], *ts, *tid, *pid, *dur, *args;
        const char *ph = get_str(e, "ph"), *name = get_str(e, "name"), *cat = get_str(e, "cat");
        size_t s;

        if (e->type != J_OBJ || !ph || !(ts = get(e, "ts")) || ts->type != J_NUM ||
            !(tid = get(e, "tid")) || tid->type != J_NUM || !(pid = get(e, "pid")) ||
            pid->type != J_NUM) {
            printf("trace-check: event %zu lacks ph, pid, tid or a numeric ts\n", i);
            return 1;
        }
        if (!strcmp(ph, "i") && name && cat && !strcmp(cat, "psci") && !strcmp(name, "CPU_ON")) {
            const char *x1;
            JVal *ret;
            args = get(e, "args");
            if (!args || !(x1 = get_str(args, "x1")) || !(ret = get(args, "ret")) ||
                ret->type != J_NUM) {
                die("a CPU_ON event without x1 and ret");
            }
            printf("CPU_ON 0x%016" PRIx64 " 0x%016" PRIx64 "\n", (uint64_t)strtoull(x1, NULL, 16),
                   (uint64_t)(int64_t)ret->num);
        }
        if (strcmp(ph, "X") || !cat || strcmp(cat, "state")) {
            continue;
        }
        if (!name || !(dur = get(e, "dur")) || dur->type != J_NUM || dur->num <= 0) {
            printf("trace-check: state event %zu has no name or a bad dur\n", i);
            return 1;
        }
        for (s = 0; s < NSTATES && strcmp(states[s], name); s++) {
        }
        if (s == NSTATES) {
            printf("trace-check: unknown state '%s'\n", name);
            return 1;
        }
        if (tid->num < 0 || tid->num >= MAX_TIDS) {
            die("tid out of range");
        }
        Track *t = &tracks[(int)tid->num];
        /* decimals are whole ns: allow for binary rounding only */
        if (fabs(ts->num - (t->seen ? t->end : 0.0)) > 0.0005) {
            printf("trace-check: vCPU %d: '%s' starts at %.3f, the previous interval ends at %.3f\n",
                   (int)tid->num, name, ts->num, t->seen ? t->end : 0.0);
            return 1;
        }
        t->seen = true;
        t->end = ts->num + dur->num;
        per_state[s] += dur->num;
        state_seen[s] = true;
        intervals++;
    }
    for (int i = 0; i < MAX_TIDS; i++) {
        if (tracks[i].seen && fabs(tracks[i].end - trace_end) > 0.0005) {
            printf("trace-check: vCPU %d's intervals end at %.3f, the trace at %.3f\n", i,
                   tracks[i].end, trace_end);
            return 1;
        }
    }
    if (!intervals) {
        die("no state intervals");
    }
    for (int a = 2; a + 1 < argc; a += 2) {
        size_t s;
        if (strcmp(argv[a], "--expect-state")) {
            die("unknown option");
        }
        for (s = 0; s < NSTATES && strcmp(states[s], argv[a + 1]); s++) {
        }
        if (s == NSTATES || !state_seen[s]) {
            printf("trace-check: no '%s' interval\n", argv[a + 1]);
            return 1;
        }
    }
    for (size_t s = 0; s < NSTATES; s++) {
        printf("state %s %.3f us\n", states[s], per_state[s]);
    }
    printf("trace-check: ok (%zu events, %zu state intervals)\n", events->n, intervals);
    return 0;
}
