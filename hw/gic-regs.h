/* GIC internals shared by the core (gic-core.c) and the register views
 * (gicv2.c, gicv3-dist.c, gicv3-redist.c, gicv3-cpuif.c): the interrupt
 * state, and the register-table mechanism.
 *
 * A register view is a table of rows (offset, length, bits per INTID,
 * access sizes, read fn, write fn). Rows with bits_per_irq != 0 describe
 * INTID-indexed arrays (GICD_ISENABLER<n>, GICD_IPRIORITYR<n>, ...): the
 * dispatcher turns the offset into the first INTID covered, so the same
 * row functions serve the GICv2 distributor, the GICv3 distributor and the
 * GICv3 SGI_base frame. Other rows are plain registers of 4 or 8 bytes;
 * 32-bit halves of 64-bit registers are handled by the dispatcher. */
#ifndef HW_GIC_REGS_H
#define HW_GIC_REGS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu/log.h"
#include "hw/gic.h"

/* Guest misuse: logged under -d guest_errors, never fatal. The first
 * argument must be a string literal. */
#define GIC_GUEST_ERROR(...)                                                \
    do {                                                                    \
        if (log_enabled(LOG_MASK(guest_errors))) {                          \
            log_printf("gic: " __VA_ARGS__);                                \
        }                                                                   \
    } while (0)

#define GIC_NR_SGI       16
#define GIC_NR_PRIVATE   32
#define GIC_V2_MAX_CPUS  8     /* IHI 0048B 1.3: CPU target lists are 8 bits */
#define GIC_MAX_APR      4     /* 128 preemption levels at most */

/* One interrupt's state. Private INTIDs (0..31) have one per CPU. */
typedef struct GicIrq {
    uint8_t priority;     /* implemented bits only */
    uint8_t targets;      /* GICv2 SPI: GICD_ITARGETSR CPU mask */
    bool enabled;
    bool latch;           /* pending latched by an edge, ISPENDR or an SGI */
    bool level;           /* input line level */
    bool active;
    bool group1;
    bool edge;            /* GICD_ICFGR Int_config[1] */
    uint64_t route;       /* GICv3 SPI: GICD_IROUTER */
    int route_cpu;        /* GICv3 SPI, IRM=0: CPU index the route names, -1 none */
} GicIrq;

typedef struct GicCpu {
    Gic *gic;
    int index;
    uint64_t affinity;        /* MPIDR affinity: Aff3 [39:32], Aff2..0 [23:0] */
    GicIrq priv[GIC_NR_PRIVATE];
    uint8_t sgi_src[GIC_NR_SGI];  /* GICv2: pending SGIs, one bit per source CPU */

    /* CPU interface */
    uint32_t ctlr;            /* GICv2 GICC_CTLR / GICv3 ICC_CTLR_EL1 stored bits */
    bool grpen[2];            /* group enables (GICC_CTLR.EnableGrpN / ICC_IGRPENn) */
    bool eoimode;             /* priority drop and deactivation split */
    bool cbpr;                /* Group 1 uses the Group 0 binary point */
    bool fiqen;               /* GICv2: Group 0 signalled as FIQ */
    bool ackctl;              /* GICv2: IAR may acknowledge Group 1 */
    uint8_t pmr;
    uint8_t bpr[2];
    uint32_t apr[2][GIC_MAX_APR];  /* active priorities per group */

    uint32_t waker;           /* GICv3 GICR_WAKER.ProcessorSleep */

    /* Derived by gic_update_cpu. */
    int hppi;                 /* highest priority pending INTID, or 1023 */
    uint8_t hppi_prio;
    bool hppi_group1;
    bool out_irq, out_fiq;
} GicCpu;

/* A mapped GICv3 redistributor region: the MMIO opaque, saying which
 * CPUs' frames it holds. */
typedef struct GicRedistWindow {
    Gic *gic;
    int first_cpu;
} GicRedistWindow;

struct Gic {
    AddressSpace *as;
    int version;
    int ncpus;
    int nirq;                 /* INTIDs 0..nirq-1 exist */
    uint8_t prio_mask;        /* implemented priority bits */
    unsigned apr_shift;       /* group priority >> apr_shift = APR bit index */
    uint8_t min_bpr[2];
    bool dist_grpen[2];       /* GICD_CTLR.EnableGrp0/1 */
    GicIrq *spi;              /* nirq - 32 of them */
    GicCpu *cpu;
    void (*output_cb)(void *opaque, int cpu);
    void *output_opaque;
    int (*cpu_index_fn)(void *opaque);
    void *cpu_index_opaque;
    GicRedistWindow redist_windows[GIC_MAX_REDIST_REGIONS];
};

/* ---- Core (gic-core.c) ---- */

/* The state of intid as seen by CPU cpu (cpu < 0: SPIs only), or NULL if
 * there is no such interrupt. */
GicIrq *gic_irq(Gic *g, int cpu, uint32_t intid);
bool gic_irq_is_pending(const Gic *g, int cpu, uint32_t intid, const GicIrq *irq);
/* The CPU making the current MMIO access. */
int gic_current_cpu(Gic *g);

/* Recompute the highest priority pending interrupt and outputs of one CPU
 * or all of them, calling the output notifier where an output changed. */
void gic_update_cpu(Gic *g, int cpu);
void gic_update(Gic *g);
/* After intid's state changed (cpu: whose bank, for private INTIDs). */
void gic_update_irq(Gic *g, int cpu, uint32_t intid);

/* Make SGI intid pending on CPU target, sent by CPU source. */
void gic_sgi_set_pending(Gic *g, int target, uint32_t intid, int source);

/* The group priority of prio for interrupts of group `group1` (BPR). */
uint8_t gic_group_priority(const Gic *g, const GicCpu *c, uint8_t prio, bool group1);
/* Running priority: the highest active group priority, 0xff if idle. */
uint8_t gic_running_priority(const Gic *g, const GicCpu *c);
/* Whether the highest priority pending interrupt can be taken now: PMR and
 * preemption (IHI 0048B 3.3; IHI 0069 4.8). */
bool gic_hppi_can_preempt(const Gic *g, const GicCpu *c);
/* Acknowledge c->hppi (the caller has checked it exists and may be taken):
 * pending -> active, its group priority marked active. Returns the value
 * for IAR: the INTID, with the source CPU in [12:10] for GICv2 SGIs. */
uint32_t gic_acknowledge(Gic *g, int cpu);
/* Priority drop for an EOI write of intid in group `group` (0, 1, or -1:
 * whichever group holds the running priority). Returns false, having
 * changed nothing, if the running priority is not of that group. */
bool gic_priority_drop(Gic *g, int cpu, int group);
/* Deactivate intid (EOI with EOImode 0, or DIR). */
void gic_deactivate(Gic *g, int cpu, uint32_t intid);

/* ---- Register tables ---- */

enum {
    GIC_SZ_8 = 1u << 0,
    GIC_SZ_16 = 1u << 1,
    GIC_SZ_32 = 1u << 2,
    GIC_SZ_64 = 1u << 3,
};

/* One access, as a row's read or write function sees it. */
typedef struct GicRegAccess {
    Gic *gic;
    int cpu;          /* whose banked state; -1: none (GICv3 distributor) */
    uint32_t intid;   /* bits_per_irq rows: first INTID covered */
    unsigned nirqs;   /* bits_per_irq rows: how many INTIDs */
    unsigned index;   /* plain rows: which register of the row (0, 1, ...) */
    uint64_t mask;    /* plain-row writes: bits of the register written */
    unsigned size;    /* access size in bytes */
} GicRegAccess;

typedef uint64_t (*GicRegRead)(const GicRegAccess *a);
typedef void (*GicRegWrite)(const GicRegAccess *a, uint64_t val);

typedef struct GicReg {
    const char *name;
    uint32_t offset;
    uint32_t len;            /* bytes the row covers */
    uint8_t bits_per_irq;    /* 0: plain registers of `width` bytes */
    uint8_t width;           /* plain rows: 4 or 8 */
    uint8_t sizes;           /* GIC_SZ_* access sizes allowed */
    GicRegRead read;         /* NULL: reads as zero (write-only) */
    GicRegWrite write;       /* NULL: writes ignored (read-only) */
} GicReg;

typedef struct GicRegView {
    const char *name;        /* for guest_errors messages */
    const GicReg *rows;
    size_t nrows;
} GicRegView;

/* Dispatch an access at offset within a frame. Unknown offsets, bad sizes
 * and accesses to write-only/read-only rows read as zero or are ignored and
 * are logged under -d guest_errors. */
uint64_t gic_reg_read(const GicRegView *v, Gic *g, int cpu, uint64_t offset, unsigned size);
void gic_reg_write(const GicRegView *v, Gic *g, int cpu, uint64_t offset, uint64_t val,
                   unsigned size);

/* Shared INTID-indexed row functions (the bits of GICD_IGROUPR<n>,
 * GICD_IS/ICENABLER<n>, ...; IHI 0048B 4.3, IHI 0069 12.9). */
uint64_t gic_read_group(const GicRegAccess *a);
void gic_write_group(const GicRegAccess *a, uint64_t val);
uint64_t gic_read_enable(const GicRegAccess *a);
void gic_write_set_enable(const GicRegAccess *a, uint64_t val);
void gic_write_clear_enable(const GicRegAccess *a, uint64_t val);
uint64_t gic_read_pending(const GicRegAccess *a);
void gic_write_set_pending(const GicRegAccess *a, uint64_t val);
void gic_write_clear_pending(const GicRegAccess *a, uint64_t val);
uint64_t gic_read_active(const GicRegAccess *a);
void gic_write_set_active(const GicRegAccess *a, uint64_t val);
void gic_write_clear_active(const GicRegAccess *a, uint64_t val);
uint64_t gic_read_priority(const GicRegAccess *a);
void gic_write_priority(const GicRegAccess *a, uint64_t val);
uint64_t gic_read_config(const GicRegAccess *a);
void gic_write_config(const GicRegAccess *a, uint64_t val);

/* Peripheral/component ID block (GICD/GICR 0xFFD0..0xFFFC, GICv2 GICD
 * 0xFD0..0xFFC): index 0..11 = PIDR4..7, PIDR0..3, CIDR0..3. */
uint32_t gic_id_register(const Gic *g, unsigned index);

/* ---- Version-specific set-up ---- */
void gicv2_map(Gic *g);
void gicv3_dist_map(Gic *g);
void gicv3_redist_map(Gic *g);
void gicv3_cpuif_reset(Gic *g, GicCpu *c);
void gicv2_cpuif_reset(Gic *g, GicCpu *c);

/* GICv3 SPI routing: resolve irq->route to a CPU index. */
void gicv3_resolve_route(Gic *g, GicIrq *irq);

#endif
