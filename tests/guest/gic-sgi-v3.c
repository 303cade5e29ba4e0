/* gic-sgi.c on a GICv3: SGIs through ICC_SGI1R_EL1 (no source CPU in
 * ICC_IAR1_EL1), and the ICC system registers present. */
// armlet-options: -M virt,gic-version=3
#define GIC_VERSION 3
#include "gic-sgi.c"
