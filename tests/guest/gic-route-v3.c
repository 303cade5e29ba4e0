/* gic-route.c on a GICv3: GICD_IROUTER with each CPU's affinity, then
 * IRM = 1 (1-of-N). */
// armlet-options: -smp 4 -M virt,gic-version=3
#define GIC_VERSION 3
#include "gic-route.c"
