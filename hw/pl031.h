/* ARM PrimeCell real-time clock (PL031), as on QEMU's virt board. */
#ifndef HW_PL031_H
#define HW_PL031_H

#include <stdint.h>

#include "emu/clock_timer.h"
#include "emu/irq.h"
#include "emu/memory.h"

typedef struct PL031 PL031;

/* The virtual clock the RTC counts on, in ns (emu/clock.h clock_now_ns;
 * tests give their own). */
typedef int64_t (*Pl031ClockFn)(void);

/* Create the RTC at base, wired to irq (its match interrupt, RTCINTR), and
 * map its registers into as. It reads start_seconds (seconds since the
 * epoch, UTC) now and counts one per second of virtual time from there.
 * Its match deadline is linked into *timers (the machine's clock timers).
 * now NULL: clock_now_ns. */
PL031 *pl031_create(AddressSpace *as, uint64_t base, IrqLine irq, ClockTimer **timers,
                    uint32_t start_seconds, Pl031ClockFn now);
/* Only once the address space and the timer list are no longer used. */
void pl031_free(PL031 *s);
/* System reset: match, load, mask and interrupt state back to their reset
 * values, no match pending. The counter keeps the time of day (it is the
 * board's battery-backed clock). */
void pl031_reset(PL031 *s);

/* Write the device's node ("arm,pl031", "arm,primecell"), as QEMU virt
 * does, under / (read-write libfdt API, room already made): returns its
 * offset or a negative libfdt error. The interrupt is SPI `spi` of the
 * root's interrupt-parent, level-high; its one clock is clk_phandle. */
int pl031_fdt_node(void *fdt, uint64_t base, uint64_t size, int spi, uint32_t clk_phandle);

/* Seconds since the epoch (UTC) now on the host: the RTC's default start. */
uint32_t pl031_host_seconds(void);

#endif
