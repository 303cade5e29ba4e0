/* gic-prio.c on a GICv3: ICC_PMR/RPR/EOIR1/DIR_EL1, ICC_CTLR_EL1.EOImode,
 * 5 priority bits. */
// armlet-options: -smp 2 -M virt,gic-version=3
#define GIC_VERSION 3
#include "gic-prio.c"
