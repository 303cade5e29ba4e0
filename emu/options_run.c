/* -icount, --sched-seed, -semihosting and -semihosting-config: how the
 * guest runs (docs/determinism.md, docs/semihosting.md). */
#include <string.h>

#include "emu/error.h"
#include "emu/options_priv.h"

/* Virtual nanoseconds per instruction is 2^shift; QEMU accepts up to 10. */
#define ICOUNT_MAX_SHIFT 10

/* -icount [shift=]N|auto[,sleep=on|off][,align=off]: QEMU's instruction
 * counting. shift=auto adapts the rate to host speed, which is what makes
 * runs differ: armlet's deterministic mode refuses it. */
void opt_icount(ParseState *ps, const char *arg)
{
    Options *o = ps->o;
    g_autoptr(GPtrArray) kv = opt_kv_split(arg, "shift");

    for (guint i = 0; i < KV_COUNT(kv); i++) {
        const char *k = KV_KEY(kv, i), *v = KV_VAL(kv, i);
        uint64_t n;
        bool b;

        if (strcmp(k, "shift") == 0) {
            if (v && strcmp(v, "auto") == 0) {
                fatal("%s %s: shift=auto is not deterministic and not supported; "
                      "give a number 0..%d", ps->opt, arg, ICOUNT_MAX_SHIFT);
            }
            if (!v || !opt_parse_uint(v, ICOUNT_MAX_SHIFT, &n)) {
                opt_bad_value(ps, arg, k, v);
            }
            o->icount_shift = (int)n;
        } else if (strcmp(k, "sleep") == 0) {
            if (!opt_parse_bool(v ? v : "on", &b)) {
                opt_bad_value(ps, arg, k, v);
            }
            o->icount_sleep = b;
        } else if (strcmp(k, "align") == 0) {
            if (!opt_parse_bool(v ? v : "on", &b) || b) {
                fatal("%s %s: align=on is not supported", ps->opt, arg);
            }
        } else {
            fatal("%s %s: unknown property '%s' (shift, sleep, align)", ps->opt, arg, k);
        }
    }
    if (o->icount_shift < 0) {
        fatal("%s %s: shift= is required", ps->opt, arg);
    }
}

/* --sched-seed N: vary quanta and vCPU order from a seeded generator;
 * implies deterministic time (-icount shift=0 unless -icount says). */
void opt_sched_seed(ParseState *ps, const char *arg)
{
    uint64_t n;

    if (!opt_parse_uint(arg, UINT64_MAX, &n)) {
        fatal("%s %s: expected a number", ps->opt, arg);
    }
    ps->o->sched_seed = n;
    ps->o->sched_seeded = true;
}

void opt_semihosting(ParseState *ps, const char *arg)
{
    ps->o->semihosting = true;
}

/* -semihosting-config [enable=on|off][,userspace=on|off][,target=native|auto].
 * Output always goes to armlet's stdout (QEMU's default without chardev=). */
void opt_semihosting_config(ParseState *ps, const char *arg)
{
    Options *o = ps->o;
    g_autoptr(GPtrArray) kv = opt_kv_split(arg, "enable");

    for (guint i = 0; i < KV_COUNT(kv); i++) {
        const char *k = KV_KEY(kv, i), *v = KV_VAL(kv, i);
        bool b;

        if (strcmp(k, "enable") == 0 || strcmp(k, "userspace") == 0) {
            if (!opt_parse_bool(v ? v : "on", &b)) {
                opt_bad_value(ps, arg, k, v);
            }
            *(k[0] == 'e' ? &o->semihosting : &o->semihosting_userspace) = b;
        } else if (strcmp(k, "target") == 0) {
            if (!v || (strcmp(v, "native") != 0 && strcmp(v, "auto") != 0)) {
                fatal("%s %s: only target=native is supported (no gdb File-I/O)", ps->opt, arg);
            }
        } else if (strcmp(k, "chardev") == 0 || strcmp(k, "arg") == 0) {
            fatal("%s %s: '%s' is not supported", ps->opt, arg, k);
        } else {
            fatal("%s %s: unknown property '%s'", ps->opt, arg, k);
        }
    }
}
