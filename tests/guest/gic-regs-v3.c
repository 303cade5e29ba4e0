/* gic-regs.c on a GICv3. */
// armlet-options: -smp 2 -M virt,gic-version=3
#define GIC_VERSION 3
#include "gic-regs.c"
