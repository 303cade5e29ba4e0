/* The guest physical address space: RAM regions backed by host memory and
 * MMIO regions dispatched to devices. An access to an address no region
 * claims is reported back (MEMTX_DECODE_ERROR), and the CPU turns it into a
 * synchronous external abort: it never crashes the host. */
#ifndef EMU_MEMORY_H
#define EMU_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_DECODE_ERROR,   /* nothing at this address: external abort */
    MEMTX_ACCESS_ERROR,   /* the device refuses this access size */
} MemTxResult;

/* Device register access. Sizes are in bytes (1, 2, 4, 8); the address
 * space only calls read/write with sizes in [min_access, max_access] and
 * offsets aligned to the size. Zero bounds mean 1 and 8. */
typedef struct MemOps {
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
    unsigned min_access, max_access;
} MemOps;

typedef struct MemRegion {
    const char *name;
    uint64_t base, size;
    uint8_t *ram;          /* host backing for RAM/ROM; NULL for MMIO */
    bool readonly;         /* ROM: guest stores are ignored */
    const MemOps *ops;     /* MMIO only */
    void *opaque;
} MemRegion;

typedef struct AddressSpace AddressSpace;

AddressSpace *as_new(void);
void as_free(AddressSpace *as);

/* Regions may not overlap; adding an overlapping one is a programming error. */
MemRegion *as_add_ram(AddressSpace *as, const char *name, uint64_t base, uint64_t size);
MemRegion *as_add_rom(AddressSpace *as, const char *name, uint64_t base, uint64_t size);
MemRegion *as_add_mmio(AddressSpace *as, const char *name, uint64_t base, uint64_t size,
                       const MemOps *ops, void *opaque);

/* The region containing pa, or NULL. */
const MemRegion *as_find(const AddressSpace *as, uint64_t pa);

/* One access of 1, 2, 4 or 8 bytes, little-endian. The access must lie inside
 * one region. An unaligned MMIO access is refused with MEMTX_ACCESS_ERROR. */
MemTxResult as_read(AddressSpace *as, uint64_t pa, unsigned size, uint64_t *value);
MemTxResult as_write(AddressSpace *as, uint64_t pa, unsigned size, uint64_t value);

/* Host pointer for [pa, pa+len) if it lies inside one RAM/ROM region, else NULL. */
uint8_t *as_ram_ptr(AddressSpace *as, uint64_t pa, uint64_t len);

/* Bulk copies for loaders and DMA; ROM is writable through as_load (it is how
 * firmware gets into flash) but not through guest stores. Return false if any
 * part of the range is not RAM/ROM. */
bool as_load(AddressSpace *as, uint64_t pa, const void *buf, uint64_t len);
bool as_read_block(AddressSpace *as, uint64_t pa, void *buf, uint64_t len);

/* Writes to RAM that do not come from a vCPU store (device DMA, the
 * debugger, loaders, reset) bypass the TLB's checks, so whoever cares is
 * told here: the JIT drops translations of the range, spin detection wakes
 * vCPUs waiting on it. Observers run in registration order on the thread
 * that wrote. as_load and as_dma_write notify by themselves; code that
 * writes through as_ram_ptr must call as_notify_written afterwards. */
typedef void (*AsWriteObserver)(void *opaque, uint64_t pa, uint64_t len);
void as_add_write_observer(AddressSpace *as, AsWriteObserver fn, void *opaque);
void as_remove_write_observer(AddressSpace *as, AsWriteObserver fn, void *opaque);
void as_notify_written(AddressSpace *as, uint64_t pa, uint64_t len);
/* DMA into guest RAM: as_load for devices (ROM is not writable this way).
 * False, with nothing written, if any part of the range is not RAM. */
bool as_dma_write(AddressSpace *as, uint64_t pa, const void *buf, uint64_t len);

#endif
