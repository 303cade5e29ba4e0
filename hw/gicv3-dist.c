/* GICv3 distributor (IHI 0069 12.9) with affinity routing always enabled
 * and a single Security state: GICD_CTLR.ARE and DS read as one. SGIs and
 * PPIs live in the redistributors, so the distributor's fields for INTIDs
 * 0-31 are RAZ/WI (IHI 0069 12.9: "when affinity routing is enabled"),
 * and SPIs are routed by GICD_IROUTER<n>, not ITARGETSR. */
#include "hw/gic-regs.h"

#include <glib.h>

#include "emu/virt.h"

/* GICD_CTLR with DS=1 (IHI 0069 12.9.4). */
#define CTLR_ENABLE_GRP0  (1u << 0)
#define CTLR_ENABLE_GRP1  (1u << 1)
#define CTLR_ARE          (1u << 4)
#define CTLR_DS           (1u << 6)

#define IROUTER_IRM       (1ull << 31)
/* Aff3 [39:32], IRM [31], Aff2 [23:16], Aff1 [15:8], Aff0 [7:0]. */
#define IROUTER_MASK      0xff80ffffffull
#define AFFINITY_MASK     0xff00ffffffull

#define IIDR_ARM          0x43bu

void gicv3_resolve_route(Gic *g, GicIrq *irq)
{
    irq->route_cpu = -1;
    if (irq->route & IROUTER_IRM) {
        return;
    }
    for (int i = 0; i < g->ncpus; i++) {
        if (g->cpu[i].affinity == (irq->route & AFFINITY_MASK)) {
            irq->route_cpu = i;
            return;
        }
    }
}

static uint64_t read_ctlr(const GicRegAccess *a)
{
    return (a->gic->dist_grpen[0] ? CTLR_ENABLE_GRP0 : 0) |
           (a->gic->dist_grpen[1] ? CTLR_ENABLE_GRP1 : 0) | CTLR_ARE | CTLR_DS;
}

static void write_ctlr(const GicRegAccess *a, uint64_t val)
{
    /* ARE and DS are RAO/WI; RWP reads 0 as writes take effect at once. */
    a->gic->dist_grpen[0] = val & CTLR_ENABLE_GRP0;
    a->gic->dist_grpen[1] = val & CTLR_ENABLE_GRP1;
    gic_update(a->gic);
}

static uint64_t read_typer(const GicRegAccess *a)
{
    /* IHI 0069 12.9.38: ITLinesNumber [4:0], CPUNumber [7:5] (PEs usable
     * without affinity routing, at most 8), SecurityExtn [10] = 0, LPIS
     * [17] = 0, IDbits [23:19] = 10 bits - 1 (SPIs only), A3V [24] = 1,
     * No1N [25] = 0 (1-of-N supported), RSS [26] = 1 (SGI range selector). */
    int cpus = a->gic->ncpus < 8 ? a->gic->ncpus : 8;

    return (uint64_t)(a->gic->nirq / 32 - 1) | (uint64_t)(cpus - 1) << 5 | 9u << 19 |
           1u << 24 | 1u << 26;
}

static uint64_t read_iidr(const GicRegAccess *a)
{
    return IIDR_ARM;
}

static uint64_t read_zero(const GicRegAccess *a)
{
    return 0;
}

static void write_ignore(const GicRegAccess *a, uint64_t val)
{
}

static GicIrq *irouter_irq(const GicRegAccess *a)
{
    return gic_irq(a->gic, -1, GIC_NR_PRIVATE + a->index);
}

static uint64_t read_irouter(const GicRegAccess *a)
{
    GicIrq *irq = irouter_irq(a);

    return irq ? irq->route : 0;
}

static void write_irouter(const GicRegAccess *a, uint64_t val)
{
    GicIrq *irq = irouter_irq(a);

    if (!irq) {
        return;
    }
    /* A 32-bit write changes one half (a->mask). */
    irq->route = ((irq->route & ~a->mask) | (val & a->mask)) & IROUTER_MASK;
    gicv3_resolve_route(a->gic, irq);
    gic_update(a->gic);
}

static uint64_t read_id(const GicRegAccess *a)
{
    return gic_id_register(a->gic, a->index);
}

#define W32 GIC_SZ_32
#define W8_32 (GIC_SZ_8 | GIC_SZ_32)
#define W32_64 (GIC_SZ_32 | GIC_SZ_64)

/* IHI 0069 Table 12-25. */
static const GicReg v3_dist_rows[] = {
    { "GICD_CTLR", 0x0000, 4, 0, 4, W32, read_ctlr, write_ctlr },
    { "GICD_TYPER", 0x0004, 4, 0, 4, W32, read_typer, NULL },
    { "GICD_IIDR", 0x0008, 4, 0, 4, W32, read_iidr, NULL },
    { "GICD_TYPER2", 0x000c, 4, 0, 4, W32, read_zero, NULL },
    { "GICD_STATUSR", 0x0010, 4, 0, 4, W32, read_zero, write_ignore },
    { "GICD_IGROUPR", 0x0080, 0x80, 1, 0, W32, gic_read_group, gic_write_group },
    { "GICD_ISENABLER", 0x0100, 0x80, 1, 0, W32, gic_read_enable, gic_write_set_enable },
    { "GICD_ICENABLER", 0x0180, 0x80, 1, 0, W32, gic_read_enable, gic_write_clear_enable },
    { "GICD_ISPENDR", 0x0200, 0x80, 1, 0, W32, gic_read_pending, gic_write_set_pending },
    { "GICD_ICPENDR", 0x0280, 0x80, 1, 0, W32, gic_read_pending, gic_write_clear_pending },
    { "GICD_ISACTIVER", 0x0300, 0x80, 1, 0, W32, gic_read_active, gic_write_set_active },
    { "GICD_ICACTIVER", 0x0380, 0x80, 1, 0, W32, gic_read_active, gic_write_clear_active },
    { "GICD_IPRIORITYR", 0x0400, 0x3fc, 8, 0, W8_32, gic_read_priority, gic_write_priority },
    /* ITARGETSR is RES0 with affinity routing. */
    { "GICD_ITARGETSR", 0x0800, 0x3fc, 8, 0, W8_32, read_zero, write_ignore },
    { "GICD_ICFGR", 0x0c00, 0x100, 2, 0, W32, gic_read_config, gic_write_config },
    /* With DS=1 these are RAZ/WI (IHI 0069 12.9.15, 12.9.21). */
    { "GICD_IGRPMODR", 0x0d00, 0x80, 0, 4, W32, read_zero, write_ignore },
    { "GICD_NSACR", 0x0e00, 0x100, 0, 4, W32, read_zero, write_ignore },
    /* The legacy SGI registers are RES0 with affinity routing. */
    { "GICD_SGIR", 0x0f00, 4, 0, 4, W32, read_zero, write_ignore },
    { "GICD_CPENDSGIR", 0x0f10, 0x10, 0, 4, W8_32, read_zero, write_ignore },
    { "GICD_SPENDSGIR", 0x0f20, 0x10, 0, 4, W8_32, read_zero, write_ignore },
    /* IROUTER<n> for n = 32..1019. */
    { "GICD_IROUTER", 0x6100, (1020 - 32) * 8, 0, 8, W32_64, read_irouter, write_irouter },
    { "GICD ID registers", 0xffd0, 0x30, 0, 4, W32, read_id, NULL },
};

static const GicRegView v3_dist_view = { "GICD", v3_dist_rows, G_N_ELEMENTS(v3_dist_rows) };

static uint64_t dist_read(void *opaque, uint64_t offset, unsigned size)
{
    return gic_reg_read(&v3_dist_view, opaque, -1, offset, size);
}

static void dist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    gic_reg_write(&v3_dist_view, opaque, -1, offset, value, size);
}

static const MemOps v3_dist_ops = { dist_read, dist_write, 1, 8 };

void gicv3_dist_map(Gic *g)
{
    as_add_mmio(g->as, "gic-dist", VIRT_GIC_DIST_BASE, VIRT_GIC_DIST_SIZE, &v3_dist_ops, g);
}
