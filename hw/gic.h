/* The Generic Interrupt Controller of the virt board: GICv2 (IHI 0048B) or
 * GICv3 (IHI 0069) without the Security Extensions, as one device with a
 * shared core. Devices raise its input lines; the CPU asks whether its IRQ
 * or FIQ input is asserted, and (GICv3) reads and writes the ICC_* system
 * registers through gicv3_cpuif_read/write. See docs/gic.md. */
#ifndef HW_GIC_H
#define HW_GIC_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/irq.h"
#include "emu/memory.h"

typedef struct Gic Gic;

/* Special INTIDs (IHI 0069 2.2.1; IHI 0048B 3.2.5). */
#define GIC_INTID_SPURIOUS     1023
#define GIC_INTID_GRP1_PENDING 1022   /* GICv2 IAR with AckCtl=0 */

/* Create a GIC of the given version (2 or 3) for ncpus CPUs, and map it
 * into as at the virt board's addresses: the distributor at
 * VIRT_GIC_DIST_BASE and either the GICv2 CPU interface at
 * VIRT_GIC_CPU_BASE or ncpus GICv3 redistributors (128 KiB each: RD_base
 * then SGI_base) in the regions gicv3_redist_regions gives. mpidr[i] is CPU
 * i's MPIDR_EL1 (only the affinity fields Aff3 [39:32], Aff2..Aff0 [23:0]
 * are used); NULL gives virt_cpu_mpidr's numbering for the version. It has
 * VIRT_NUM_SPI shared peripheral interrupts (INTIDs 32..32+VIRT_NUM_SPI-1).
 * A bad version or CPU count (GICv2: 1-8, GICv3: 1-VIRT_MAX_CPUS) is
 * armlet's own error (fatal). */
Gic *gic_create(AddressSpace *as, int version, int ncpus, const uint64_t *mpidr);
/* Where the redistributors of a GICv3 with ncpus CPUs live, as on QEMU's
 * virt board: CPUs 0-122 in the low region (VIRT_GIC_REDIST_BASE), the rest
 * in the high one (VIRT_HIGH_GIC_REDIST2_BASE). Fills r[] with each region's
 * base and the CPUs whose frames it holds (only those frames are mapped),
 * and returns the number of regions used (1 or 2; 0 if ncpus is out of
 * range). */
typedef struct GicRedistRegion {
    uint64_t base;
    int first_cpu, ncpus;
} GicRedistRegion;
#define GIC_MAX_REDIST_REGIONS 2
int gicv3_redist_regions(int ncpus, GicRedistRegion r[GIC_MAX_REDIST_REGIONS]);

/* Only once nothing uses the GIC's lines and the address space is gone or
 * unused (the MMIO regions still point here). */
void gic_free(Gic *g);
/* Back to the reset state (system reset): everything disabled, inactive,
 * not pending; input line levels are kept. */
void gic_reset(Gic *g);

int gic_version(const Gic *g);

/* Input lines. An SPI input (spi 0 = INTID 32) is for Machine.spi[]; a PPI
 * input (ppi 0 = INTID 16) belongs to one CPU, e.g. its timers. A line
 * configured level-sensitive keeps the interrupt pending while high; an
 * edge-configured one latches pending on each rising edge. An out-of-range
 * number gives an unconnected line. */
IrqLine gic_spi_line(Gic *g, int spi);
IrqLine gic_ppi_line(Gic *g, int cpu, int ppi);

/* The GIC's interrupt outputs to CPU `cpu`: true while the IRQ (fiq false)
 * or FIQ (fiq true) signal is asserted. GICv2: Group 0 goes to FIQ only
 * when GICC_CTLR.FIQEn is set, else IRQ; Group 1 always IRQ. GICv3
 * (DS=1): Group 0 is FIQ, Group 1 IRQ. */
bool gic_irq_pending(Gic *g, int cpu, bool fiq);

/* Called with (opaque, cpu) when CPU cpu's IRQ or FIQ output changed
 * level (the scheduler kicks that vCPU). cb NULL: no notifier. */
void gic_set_output_cb(Gic *g, void (*cb)(void *opaque, int cpu), void *opaque);

/* Which CPU is making the current MMIO access: the GICv2 distributor banks
 * SGI/PPI state and the GICv2 CPU interface is one window for all CPUs
 * (IHI 0048B 4.1.3). fn NULL (the default) means CPU 0. An out-of-range
 * answer is treated as CPU 0. */
void gic_set_cpu_index_fn(Gic *g, int (*fn)(void *opaque), void *opaque);

/* GICv3 CPU interface system registers (IHI 0069 12.2), AArch64 encoding
 * op0, op1, CRn, CRm, op2 for the CPU's system-register table. */
#define GIC_CPUIF_REGS(X)                        \
    X(PMR,     3, 0, 4, 6, 0)                    \
    X(IAR0,    3, 0, 12, 8, 0)                   \
    X(EOIR0,   3, 0, 12, 8, 1)                   \
    X(HPPIR0,  3, 0, 12, 8, 2)                   \
    X(BPR0,    3, 0, 12, 8, 3)                   \
    X(AP0R0,   3, 0, 12, 8, 4)                   \
    X(AP1R0,   3, 0, 12, 9, 0)                   \
    X(DIR,     3, 0, 12, 11, 1)                  \
    X(RPR,     3, 0, 12, 11, 3)                  \
    X(SGI1R,   3, 0, 12, 11, 5)                  \
    X(ASGI1R,  3, 0, 12, 11, 6)                  \
    X(SGI0R,   3, 0, 12, 11, 7)                  \
    X(IAR1,    3, 0, 12, 12, 0)                  \
    X(EOIR1,   3, 0, 12, 12, 1)                  \
    X(HPPIR1,  3, 0, 12, 12, 2)                  \
    X(BPR1,    3, 0, 12, 12, 3)                  \
    X(CTLR,    3, 0, 12, 12, 4)                  \
    X(SRE,     3, 0, 12, 12, 5)                  \
    X(IGRPEN0, 3, 0, 12, 12, 6)                  \
    X(IGRPEN1, 3, 0, 12, 12, 7)

typedef enum GicCpuifReg {
#define GIC_CPUIF_ENUM(name, op0, op1, crn, crm, op2) GIC_ICC_##name,
    GIC_CPUIF_REGS(GIC_CPUIF_ENUM)
#undef GIC_CPUIF_ENUM
    GIC_ICC_NUM
} GicCpuifReg;

/* "ICC_PMR_EL1" etc.; NULL for an out-of-range reg. */
const char *gicv3_cpuif_name(GicCpuifReg reg);

/* An MRS/MSR of ICC register reg by CPU cpu. Reading a write-only register
 * (EOIRn, DIR, SGInR) gives 0 and writing a read-only one (IARn, HPPIRn,
 * RPR) is ignored, both logged under -d guest_errors; the CPU side decides
 * whether such an access UNDEFs before calling. On a GICv2 these read 0. */
uint64_t gicv3_cpuif_read(Gic *g, int cpu, GicCpuifReg reg);
void gicv3_cpuif_write(Gic *g, int cpu, GicCpuifReg reg, uint64_t val);

#endif
