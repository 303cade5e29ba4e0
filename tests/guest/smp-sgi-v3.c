/* smp-sgi.c on a GICv3: SGIs through ICC_SGI1R_EL1 by affinity and
 * target list, and IRM = 1 for "all but self". */
// armlet-options: -smp 8 -M virt,gic-version=3
#define GIC_VERSION 3
#include "smp-sgi.c"
