/* The GIC's own device-tree node and the interrupt specifiers every other
 * node uses to name a GIC interrupt. Binding: Linux
 * Documentation/devicetree/bindings/interrupt-controller/arm,gic.yaml
 * (v2) and arm,gic-v3.yaml (v3): three cells <type number flags>. */
#ifndef HW_GIC_FDT_H
#define HW_GIC_FDT_H

#include <stdint.h>

/* First cell: which interrupt space the number is in. */
#define GIC_FDT_IRQ_TYPE_SPI       0   /* number = INTID - 32 */
#define GIC_FDT_IRQ_TYPE_PPI       1   /* number = INTID - 16 */
/* Third cell, bits [3:0]: trigger type. */
#define GIC_FDT_IRQ_FLAGS_EDGE_LO_HI  1
#define GIC_FDT_IRQ_FLAGS_LEVEL_HI    4
/* Third cell, bits [15:8], GICv2 PPIs only: the CPUs the PPI is wired to. */
#define GIC_FDT_IRQ_PPI_CPU_SHIFT  8
#define GIC_FDT_IRQ_PPI_CPU_WIDTH  8

/* The flags cell for a PPI: `trigger` plus, on a GICv2, the mask of the
 * ncpus CPUs (saturating at the 8 a GICv2 can address). GICv3 has no mask. */
uint32_t gic_fdt_ppi_flags(int version, int ncpus, uint32_t trigger);

/* Write the GIC node intc@8000000 (version 2: "arm,cortex-a15-gic" with
 * distributor + CPU interface; version 3: "arm,gic-v3" with distributor +
 * the redistributor regions of gicv3_redist_regions) under /, with the
 * given phandle. Returns the node offset or a negative libfdt error
 * (-FDT_ERR_BADVALUE for an unknown version or CPU count). */
int gic_fdt_node(void *fdt, int version, int ncpus, uint32_t phandle);

#endif
