/* ARM PrimeCell UART (PL011). Register behaviour: PL011 TRM (ARM DDI 0183). */
#include "hw/pl011.h"

#include <inttypes.h>
#include <stdio.h>
#include <libfdt.h>

int pl011_fdt_node(void *fdt, uint64_t base, uint64_t size, int spi, uint32_t clk_phandle)
{
    static const char compat[] = "arm,pl011\0arm,primecell";
    static const char clock_names[] = "uartclk\0apb_pclk";
    char name[32];
    int node, err;

    snprintf(name, sizeof name, "pl011@%" PRIx64, base);
    node = fdt_add_subnode(fdt, 0, name);
    if (node < 0) {
        return node;
    }
    fdt32_t irq[3] = { cpu_to_fdt32(0), cpu_to_fdt32(spi), cpu_to_fdt32(4) }; /* SPI, level-high */
    fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };
    fdt32_t clocks[2] = { cpu_to_fdt32(clk_phandle), cpu_to_fdt32(clk_phandle) };
    if ((err = fdt_setprop(fdt, node, "compatible", compat, sizeof compat)) < 0 ||
        (err = fdt_setprop(fdt, node, "reg", reg, sizeof reg)) < 0 ||
        (err = fdt_setprop(fdt, node, "interrupts", irq, sizeof irq)) < 0 ||
        (err = fdt_setprop(fdt, node, "clocks", clocks, sizeof clocks)) < 0 ||
        (err = fdt_setprop(fdt, node, "clock-names", clock_names, sizeof clock_names)) < 0) {
        return err;
    }
    return node;
}
