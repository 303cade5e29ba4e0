/* The `virt` board: QEMU virt's memory map and interrupt assignment, so that
 * images and device trees made for `qemu-system-aarch64 -M virt` run. */
#ifndef EMU_VIRT_H
#define EMU_VIRT_H

#include <stddef.h>
#include <stdint.h>

#include "emu/irq.h"
#include "emu/memory.h"
#include "emu/options.h"

/* Physical memory map (QEMU hw/arm/virt.c's base_memmap, facts only). */
#define VIRT_FLASH_BASE        0x00000000ull   /* two 64 MiB banks */
#define VIRT_FLASH_SIZE        0x08000000ull
#define VIRT_GIC_DIST_BASE     0x08000000ull
#define VIRT_GIC_DIST_SIZE     0x00010000ull
#define VIRT_GIC_CPU_BASE      0x08010000ull   /* GICv2 CPU interface */
#define VIRT_GIC_CPU_SIZE      0x00010000ull
#define VIRT_GIC_REDIST_BASE   0x080A0000ull   /* GICv3 redistributors */
#define VIRT_GIC_REDIST_SIZE   0x00F60000ull   /* room for 123 CPUs at 128 KiB each */
#define VIRT_GIC_REDIST_STRIDE 0x00020000ull   /* per CPU: RD_base + SGI_base frames */
#define VIRT_UART_BASE         0x09000000ull
#define VIRT_UART_SIZE         0x00001000ull
#define VIRT_RTC_BASE          0x09010000ull
#define VIRT_RTC_SIZE          0x00001000ull
#define VIRT_MMIO_BASE         0x0A000000ull   /* virtio-mmio transports */
#define VIRT_MMIO_SLOT_SIZE    0x00000200ull
#define VIRT_MMIO_SLOTS        32
#define VIRT_RAM_BASE          0x40000000ull
#define VIRT_RAM_DEFAULT       (512ull << 20)
/* RAM ends where QEMU virt's high MMIO begins (256 GiB) when highmem is off. */
#define VIRT_RAM_MAX           (0x4000000000ull - VIRT_RAM_BASE)
/* The second GICv3 redistributor region, used once the first is full
 * (QEMU's VIRT_HIGH_GIC_REDIST2): 512 more CPUs. */
#define VIRT_HIGH_GIC_REDIST2_BASE 0x4000000000ull
#define VIRT_HIGH_GIC_REDIST2_SIZE 0x0004000000ull

/* Shared peripheral interrupts, numbered from 0 = INTID 32. */
#define VIRT_SPI_UART          1
#define VIRT_SPI_RTC           2
#define VIRT_SPI_MMIO          16    /* 16..47, one per virtio-mmio slot */
#define VIRT_NUM_SPI           256

/* Private peripheral interrupts (INTID = 16 + n). */
#define VIRT_PPI_VIRT_TIMER    11    /* INTID 27 */
#define VIRT_PPI_HYP_TIMER     10    /* INTID 26 */
#define VIRT_PPI_PHYS_TIMER    14    /* INTID 30, non-secure physical */
#define VIRT_PPI_SEC_TIMER     13    /* INTID 29 */

/* smp-boot=spin-table: the holding pen (firmware/spin-pen.S) and the
 * cpu-release-addr words live in the last VIRT_PEN_SIZE bytes of RAM,
 * reserved in the device tree: code in the first page, CPU n's release
 * word at VIRT_PEN_RELEASE + 8 * n. */
#define VIRT_PEN_SIZE          0x2000ull
#define VIRT_PEN_RELEASE       0x1000ull

#define VIRT_MAX_CPUS          512   /* QEMU virt's limit (GICv3; a GICv2 takes 8) */

/* Where the boot CPU starts and what it is handed (arm64 boot protocol). */
typedef struct BootInfo {
    uint64_t entry;                  /* PC of the boot CPU at reset */
    uint64_t kernel_base, kernel_end;
    uint64_t initrd_base, initrd_size;   /* size 0: no initrd */
    uint64_t dtb_addr;               /* x0 at entry; 0 if no DTB was placed */
    bool linux_image;                /* booted as Linux: an arm64 Image or a raw binary */
} BootInfo;

struct PL011;
struct PL031;
struct ClockTimer;
struct ArmCpu;
struct Gic;

typedef struct Machine {
    const Options *opts;
    AddressSpace *as;
    uint64_t ram_base, ram_size;
    int ncpus;
    int gic_version;
    struct Gic *gic;                 /* the interrupt controller (hw/gic.h) */
    IrqLine spi[VIRT_NUM_SPI];       /* wired to the GIC's SPI inputs */
    struct PL011 *uart;
    struct PL031 *rtc;
    struct ClockTimer *clock_timers; /* device deadlines (emu/clock_timer.h) */
    struct ArmCpu **cpus;            /* ncpus of them */
    void *fdt;                       /* flattened device tree, once built */
    BootInfo boot;
    struct GdbStub *gdb;             /* -gdb / -s: the gdb server, else NULL */
    uint64_t pen_base;               /* spin-table pen, 0 with PSCI boot */
    bool reset_requested;            /* PSCI SYSTEM_RESET: reset between rounds */
    struct _GArray *boot_images;     /* what virt_system_reset copies back */
} Machine;

/* Build the board from the options: memory, devices. */
Machine *virt_create(const Options *opts);
void virt_free(Machine *m);

/* Put the boot CPU at m->boot's entry (after loading and DTB placement). */
void virt_reset_cpus(Machine *m);
/* Remember the placed kernel, initrd and DTB (call once they are all in
 * memory), and the full system reset that puts them back (emu/virt_reset.c). */
void virt_snapshot_boot(Machine *m);
void virt_free_boot_images(Machine *m);
void virt_system_reset(Machine *m);

/* Build the device tree (or load -dtb and patch /chosen and /memory) into
 * m->fdt. Called after the kernel and initrd are loaded, as the tree names
 * the initrd range. */
void virt_build_fdt(Machine *m);

/* Fills buf with len bytes for /chosen's kaslr-seed and rng-seed. */
typedef void (*VirtSeedFn)(void *opaque, void *buf, size_t len);
/* virt_build_fdt with the seed bytes drawn from seed(opaque, ...) instead of
 * host randomness (deterministic mode); seed NULL: no seed properties. */
void virt_build_fdt_seeded(Machine *m, VirtSeedFn seed, void *opaque);

/* The affinity fields of CPU idx's MPIDR_EL1, as QEMU virt assigns them:
 * clusters of 8 CPUs on a GICv2 (its target lists) or 16 on a GICv3,
 * Aff0 = idx % cluster, Aff1 = idx / cluster. The device tree's cpu reg and
 * the CPU's MPIDR_EL1 (which also sets RES1 bit 31) both use this value. */
uint64_t virt_cpu_mpidr(const Machine *m, int idx);

/* Where loaded images may end: the end of RAM, or the spin-table pen. */
uint64_t virt_image_ram_end(const Machine *m);

/* Fixed phandles in the generated tree. */
#define VIRT_PHANDLE_GIC       0x8001
#define VIRT_PHANDLE_APB_CLK   0x8000

#endif
