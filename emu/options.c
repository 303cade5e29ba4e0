/* Placeholder until the command-line parser lands. */
#include "emu/options.h"

#include <string.h>

void options_parse(Options *opts, int argc, char **argv)
{
    memset(opts, 0, sizeof *opts);
}

void options_free(Options *opts)
{
}

bool parse_size(const char *s, uint64_t default_unit, uint64_t *out)
{
    return false;
}
