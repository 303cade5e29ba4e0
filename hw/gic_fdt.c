/* The GIC's device-tree node on the virt board. Node layout as QEMU's virt
 * board writes it (same compatible strings, reg order and child-address
 * properties), so guests and tools see the same tree. */
#include "hw/gic_fdt.h"

#include <inttypes.h>
#include <stdio.h>
#include <libfdt.h>

#include "emu/virt.h"
#include "hw/gic.h"

#define GICV2_MAX_CPUS  8   /* GICv2 (IHI 0048) 1.3: up to eight processors */

uint32_t gic_fdt_ppi_flags(int version, int ncpus, uint32_t trigger)
{
    uint32_t mask;

    if (version != 2 || ncpus <= 0) {
        return trigger;
    }
    mask = ncpus >= GICV2_MAX_CPUS ? 0xffu : (1u << ncpus) - 1;
    return trigger | (mask << GIC_FDT_IRQ_PPI_CPU_SHIFT);
}

int gic_fdt_node(void *fdt, int version, int ncpus, uint32_t phandle)
{
    /* distributor, then the CPU interface (v2) or each redistributor region (v3) */
    uint64_t regs[2 + 2 * GIC_MAX_REDIST_REGIONS] = { VIRT_GIC_DIST_BASE, VIRT_GIC_DIST_SIZE };
    fdt64_t reg[2 + 2 * GIC_MAX_REDIST_REGIONS];
    GicRedistRegion rr[GIC_MAX_REDIST_REGIONS];
    int nregs = 2, nrr = 0;
    const char *compat;
    char name[32];
    int node, err;

    if (version == 2) {
        compat = "arm,cortex-a15-gic";   /* the binding's name for a GICv2 */
        regs[nregs++] = VIRT_GIC_CPU_BASE;
        regs[nregs++] = VIRT_GIC_CPU_SIZE;
    } else if (version == 3) {
        compat = "arm,gic-v3";
        nrr = gicv3_redist_regions(ncpus, rr);
        if (!nrr) {
            return -FDT_ERR_BADVALUE;
        }
        /* Only the frames of CPUs that exist: the guest walks each region
         * until GICR_TYPER.Last, and a region no larger than the populated
         * frames keeps it from touching unmapped space if Last were missed.
         * (QEMU lists the whole of each region.) */
        for (int i = 0; i < nrr; i++) {
            regs[nregs++] = rr[i].base;
            regs[nregs++] = (uint64_t)rr[i].ncpus * VIRT_GIC_REDIST_STRIDE;
        }
    } else {
        return -FDT_ERR_BADVALUE;
    }
    for (int i = 0; i < nregs; i++) {
        reg[i] = cpu_to_fdt64(regs[i]);
    }

    snprintf(name, sizeof name, "intc@%" PRIx64, (uint64_t)VIRT_GIC_DIST_BASE);
    node = fdt_add_subnode(fdt, 0, name);
    if (node < 0) {
        return node;
    }
    /* #address-cells/#size-cells/ranges: room for the MSI frame (v2m) or
     * ITS child nodes QEMU puts here; dtc also wants #address-cells on an
     * interrupt provider. No such child yet: armlet has neither device. */
    if ((err = fdt_setprop_u32(fdt, node, "#interrupt-cells", 3)) < 0 ||
        (err = fdt_setprop_empty(fdt, node, "interrupt-controller")) < 0 ||
        (err = fdt_setprop_u32(fdt, node, "#address-cells", 2)) < 0 ||
        (err = fdt_setprop_u32(fdt, node, "#size-cells", 2)) < 0 ||
        (err = fdt_setprop_empty(fdt, node, "ranges")) < 0 ||
        (err = fdt_setprop_string(fdt, node, "compatible", compat)) < 0 ||
        (version == 3 &&
         (err = fdt_setprop_u32(fdt, node, "#redistributor-regions", (uint32_t)nrr)) < 0) ||
        (err = fdt_setprop(fdt, node, "reg", reg, (int)(nregs * sizeof reg[0]))) < 0 ||
        (err = fdt_setprop_u32(fdt, node, "phandle", phandle)) < 0) {
        return err;
    }
    /* The maintenance interrupt (PPI 9) is only listed by QEMU when the
     * guest has EL2 (virtualization=on); armlet's guests enter at EL1. */
    return node;
}
