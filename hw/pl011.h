/* ARM PrimeCell UART (PL011), as on QEMU's virt board. */
#ifndef HW_PL011_H
#define HW_PL011_H

#include <stdint.h>

#include "emu/irq.h"
#include "emu/memory.h"

struct Chardev;
typedef struct PL011 PL011;

/* Create the UART at base, wired to irq, talking to chr (may be NULL: no
 * backend, output discarded), which it now owns. Maps its registers into
 * as. */
PL011 *pl011_create(AddressSpace *as, uint64_t base, IrqLine irq, struct Chardev *chr);
/* Free the UART, flushing and closing its backend (pl011_create took
 * ownership of chr). The MMIO region still points here, so only call it
 * once the address space is no longer used. */
void pl011_free(PL011 *s);
/* Back to the TRM reset values (system reset); the receive FIFO empties. */
void pl011_reset(PL011 *s);

/* Write the device's node ("arm,pl011", "arm,primecell") into fdt under /
 * (read-write libfdt API, room already made), returning its node offset or a
 * negative libfdt error. The interrupt is SPI `spi` of the root's
 * interrupt-parent; both clocks are the fixed APB clock clk_phandle. */
int pl011_fdt_node(void *fdt, uint64_t base, uint64_t size, int spi, uint32_t clk_phandle);

#endif
