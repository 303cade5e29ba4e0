#include "emu/error.h"

#include <stdio.h>
#include <stdlib.h>

void fatal(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fputs("armlet: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(ARMLET_EXIT_ERROR);
}

void warn(const char *fmt, ...)
{
    va_list ap;

    fputs("armlet: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
