/* smp-timer.c on a GICv3: each CPU's timer PPIs in its own redistributor. */
// armlet-options: -smp 4 -M virt,gic-version=3
#define GIC_VERSION 3
#include "smp-timer.c"
