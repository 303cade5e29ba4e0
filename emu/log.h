/* Logging: -d categories, -D FILE, -dfilter ranges. Each category is a bit;
 * checks on hot paths are one load and a test. */
#ifndef EMU_LOG_H
#define EMU_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* The categories, one X(name, help) each; the enum and -d help come from it. */
#define LOG_CATEGORIES(X)                                                    \
    X(in_asm, "show guest code being translated (capstone AArch64)")        \
    X(out_asm, "show generated host code (capstone x86-64)")                \
    X(op, "show IR before optimisation")                                    \
    X(op_opt, "show IR after optimisation")                                 \
    X(exec, "show each translated block executed")                          \
    X(cpu, "dump registers before each block")                              \
    X(int, "show exceptions and interrupts")                                \
    X(mmu, "show page-table walks and faults")                              \
    X(unimp, "log unimplemented features (once each)")                      \
    X(guest_errors, "log guest misuse of devices and the architecture")     \
    X(psci, "show PSCI/SMCCC calls and results")                            \
    X(spin, "show spin-loop detection and parking")                         \
    X(steal, "show stolen-time accounting")

enum {
#define LOG_ENUM(name, help) LOG_BIT_##name,
    LOG_CATEGORIES(LOG_ENUM)
#undef LOG_ENUM
    LOG_NUM_CATEGORIES
};
#define LOG_MASK(name) (1u << LOG_BIT_##name)

extern uint32_t log_mask;
extern FILE *log_file;

static inline bool log_enabled(uint32_t mask)
{
    return (log_mask & mask) != 0;
}

/* Parse -d LIST (comma separated; "help" lists and exits 0) and -D FILE.
 * An unknown category is armlet's own error (exit 2). */
void log_init(const char *items, const char *file);
/* Parse -dfilter: comma-separated "START..END", "START+LEN" or "START-LEN". */
void log_set_dfilter(const char *ranges);
/* True if pc is inside a -dfilter range (or no filter is set). */
bool log_in_filter(uint64_t pc);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
