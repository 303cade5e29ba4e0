/* timer-irq.c on a GICv3: the PPIs are enabled in the redistributor and
 * acknowledged through ICC_IAR1_EL1 / ICC_EOIR1_EL1. */
// armlet-options: -M virt,gic-version=3
#define GIC_VERSION 3
#include "timer-irq.c"
