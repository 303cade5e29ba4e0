/* GICv3 redistributors (IHI 0069 12.10, 12.11): one per CPU, each two
 * 64 KiB frames, RD_base (control, identification, power) then SGI_base
 * (the SGI/PPI registers, laid out like the distributor's first words).
 * No LPIs, so GICR_CTLR, PROPBASER and PENDBASER are RAZ/WI. They sit in
 * one or two contiguous regions (gicv3_redist_regions); the last frame of
 * each region says so in GICR_TYPER.Last, which is how software walking a
 * region knows where it ends. */
#include "hw/gic-regs.h"

#include <glib.h>

#include "emu/virt.h"

#define REDIST_STRIDE    VIRT_GIC_REDIST_STRIDE
#define SGI_FRAME        0x10000u

/* GICR_WAKER (IHI 0069 12.11.41). */
#define WAKER_PROCESSOR_SLEEP  (1u << 1)
#define WAKER_CHILDREN_ASLEEP  (1u << 2)

/* GICR_TYPER (IHI 0069 12.11.37). */
#define TYPER_LAST             (1u << 4)
#define TYPER_PROC_NUM_SHIFT   8
#define TYPER_AFFINITY_SHIFT   32

#define IIDR_ARM               0x43bu

static uint64_t read_zero(const GicRegAccess *a)
{
    return 0;
}

static void write_ignore(const GicRegAccess *a, uint64_t val)
{
}

static uint64_t read_iidr(const GicRegAccess *a)
{
    return IIDR_ARM;
}

int gicv3_redist_regions(int ncpus, GicRedistRegion r[GIC_MAX_REDIST_REGIONS])
{
    int low = (int)(VIRT_GIC_REDIST_SIZE / REDIST_STRIDE);

    if (ncpus < 1 || ncpus > VIRT_MAX_CPUS ||
        ncpus - low > (int)(VIRT_HIGH_GIC_REDIST2_SIZE / REDIST_STRIDE)) {
        return 0;
    }
    r[0] = (GicRedistRegion){ VIRT_GIC_REDIST_BASE, 0, ncpus < low ? ncpus : low };
    if (ncpus <= low) {
        return 1;
    }
    r[1] = (GicRedistRegion){ VIRT_HIGH_GIC_REDIST2_BASE, low, ncpus - low };
    return 2;
}

/* Is cpu's frame the last of its region? */
static bool redist_is_last(const Gic *g, int cpu)
{
    GicRedistRegion r[GIC_MAX_REDIST_REGIONS];
    int n = gicv3_redist_regions(g->ncpus, r);

    for (int i = 0; i < n; i++) {
        if (cpu == r[i].first_cpu + r[i].ncpus - 1) {
            return true;
        }
    }
    return false;
}

static uint64_t read_typer(const GicRegAccess *a)
{
    const GicCpu *c = &a->gic->cpu[a->cpu];
    /* Affinity_Value [63:32] is Aff3.Aff2.Aff1.Aff0; MPIDR keeps Aff3 at
     * [39:32] and the others at [23:0]. */
    uint64_t aff = ((c->affinity >> 32) & 0xff) << 24 | (c->affinity & 0xffffff);

    return aff << TYPER_AFFINITY_SHIFT | (uint64_t)a->cpu << TYPER_PROC_NUM_SHIFT |
           (redist_is_last(a->gic, a->cpu) ? TYPER_LAST : 0);
}

static uint64_t read_waker(const GicRegAccess *a)
{
    /* ChildrenAsleep follows ProcessorSleep at once: there is no
     * interface to quiesce, so the handshake Linux polls completes on the
     * first read (IHI 0069 11.1). */
    uint32_t ps = a->gic->cpu[a->cpu].waker & WAKER_PROCESSOR_SLEEP;

    return ps | (ps ? WAKER_CHILDREN_ASLEEP : 0);
}

static void write_waker(const GicRegAccess *a, uint64_t val)
{
    a->gic->cpu[a->cpu].waker = (uint32_t)val & WAKER_PROCESSOR_SLEEP;
}

static uint64_t read_id(const GicRegAccess *a)
{
    return gic_id_register(a->gic, a->index);
}

#define W32 GIC_SZ_32
#define W8_32 (GIC_SZ_8 | GIC_SZ_32)
#define W32_64 (GIC_SZ_32 | GIC_SZ_64)

/* IHI 0069 Table 12-27. */
static const GicReg rd_rows[] = {
    { "GICR_CTLR", 0x0000, 4, 0, 4, W32, read_zero, write_ignore },
    { "GICR_IIDR", 0x0004, 4, 0, 4, W32, read_iidr, NULL },
    { "GICR_TYPER", 0x0008, 8, 0, 8, W32_64, read_typer, NULL },
    { "GICR_STATUSR", 0x0010, 4, 0, 4, W32, read_zero, write_ignore },
    { "GICR_WAKER", 0x0014, 4, 0, 4, W32, read_waker, write_waker },
    { "GICR_PROPBASER", 0x0070, 8, 0, 8, W32_64, read_zero, write_ignore },
    { "GICR_PENDBASER", 0x0078, 8, 0, 8, W32_64, read_zero, write_ignore },
    { "GICR ID registers", 0xffd0, 0x30, 0, 4, W32, read_id, NULL },
};

/* IHI 0069 Table 12-29: INTIDs 0-31 of this redistributor's CPU. */
static const GicReg sgi_rows[] = {
    { "GICR_IGROUPR0", 0x0080, 4, 1, 0, W32, gic_read_group, gic_write_group },
    { "GICR_ISENABLER0", 0x0100, 4, 1, 0, W32, gic_read_enable, gic_write_set_enable },
    { "GICR_ICENABLER0", 0x0180, 4, 1, 0, W32, gic_read_enable, gic_write_clear_enable },
    { "GICR_ISPENDR0", 0x0200, 4, 1, 0, W32, gic_read_pending, gic_write_set_pending },
    { "GICR_ICPENDR0", 0x0280, 4, 1, 0, W32, gic_read_pending, gic_write_clear_pending },
    { "GICR_ISACTIVER0", 0x0300, 4, 1, 0, W32, gic_read_active, gic_write_set_active },
    { "GICR_ICACTIVER0", 0x0380, 4, 1, 0, W32, gic_read_active, gic_write_clear_active },
    { "GICR_IPRIORITYR", 0x0400, 0x20, 8, 0, W8_32, gic_read_priority, gic_write_priority },
    { "GICR_ICFGR", 0x0c00, 8, 2, 0, W32, gic_read_config, gic_write_config },
    /* RAZ/WI with DS=1. */
    { "GICR_IGRPMODR0", 0x0d00, 4, 0, 4, W32, read_zero, write_ignore },
    { "GICR_NSACR", 0x0e00, 4, 0, 4, W32, read_zero, write_ignore },
};

static const GicRegView rd_view = { "GICR RD_base", rd_rows, G_N_ELEMENTS(rd_rows) };
static const GicRegView sgi_view = { "GICR SGI_base", sgi_rows, G_N_ELEMENTS(sgi_rows) };

static uint64_t redist_read(void *opaque, uint64_t offset, unsigned size)
{
    const GicRedistWindow *w = opaque;
    int cpu = w->first_cpu + (int)(offset / REDIST_STRIDE);
    uint64_t off = offset % REDIST_STRIDE;

    if (off >= SGI_FRAME) {
        return gic_reg_read(&sgi_view, w->gic, cpu, off - SGI_FRAME, size);
    }
    return gic_reg_read(&rd_view, w->gic, cpu, off, size);
}

static void redist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    const GicRedistWindow *w = opaque;
    int cpu = w->first_cpu + (int)(offset / REDIST_STRIDE);
    uint64_t off = offset % REDIST_STRIDE;

    if (off >= SGI_FRAME) {
        gic_reg_write(&sgi_view, w->gic, cpu, off - SGI_FRAME, value, size);
    } else {
        gic_reg_write(&rd_view, w->gic, cpu, off, value, size);
    }
}

static const MemOps redist_ops = { redist_read, redist_write, 1, 8 };

void gicv3_redist_map(Gic *g)
{
    GicRedistRegion r[GIC_MAX_REDIST_REGIONS];
    int n = gicv3_redist_regions(g->ncpus, r);

    /* Only the frames of CPUs that exist, as the device tree describes
     * (hw/gic_fdt.c): beyond them the guest gets an external abort. */
    for (int i = 0; i < n; i++) {
        GicRedistWindow *w = &g->redist_windows[i];

        *w = (GicRedistWindow){ g, r[i].first_cpu };
        as_add_mmio(g->as, i ? "gic-redist2" : "gic-redist", r[i].base,
                    (uint64_t)r[i].ncpus * REDIST_STRIDE, &redist_ops, w);
    }
}
