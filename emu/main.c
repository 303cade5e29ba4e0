/* armlet entry point: parse the command line, build the board, load the
 * guest, run. */
#include <stdio.h>
#include <stdlib.h>

#include "emu/error.h"
#include "emu/options.h"

int main(int argc, char **argv)
{
    Options opts;

    options_parse(&opts, argc, argv);
    options_free(&opts);
    return 0;
}
