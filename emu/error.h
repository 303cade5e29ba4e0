/* armlet's own errors: one clear line on stderr, exit status 2.
 * Guest misbehaviour never goes through here (see docs/architecture.md). */
#ifndef EMU_ERROR_H
#define EMU_ERROR_H

#include <stdarg.h>

#define ARMLET_EXIT_ERROR 2

/* Print "armlet: <message>" and exit with status 2. */
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* Print "armlet: warning: <message>" and continue. */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
