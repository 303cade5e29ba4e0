/* GICv2 (IHI 0048B) without the Security Extensions: the distributor
 * (chapter 4.3) and the memory-mapped CPU interface (chapter 4.4) as
 * register tables over the shared core. Both are one window for all CPUs;
 * banked registers use the CPU that gic_current_cpu names. Without the
 * Security Extensions, GICC_CTLR has the layout of the Secure copy
 * (IHI 0048B 4.4.1), so bit 9 (EOImodeS) selects split priority drop /
 * deactivation for all interrupts. */
#include "hw/gic-regs.h"

#include <glib.h>

#include "emu/virt.h"

/* GICC_CTLR (IHI 0048B 4.4.1, Secure-copy layout). */
#define CTLR_ENABLE_GRP0  (1u << 0)
#define CTLR_ENABLE_GRP1  (1u << 1)
#define CTLR_ACKCTL       (1u << 2)
#define CTLR_FIQEN        (1u << 3)
#define CTLR_CBPR         (1u << 4)
#define CTLR_EOIMODE_S    (1u << 9)
#define CTLR_MASK         0x7ffu    /* up to EOImodeNS (bit 10); bypass bits stored */

#define IIDR_ARM          0x43bu    /* JEP106 implementer code of Arm */

static GicCpu *this_cpu(const GicRegAccess *a)
{
    return &a->gic->cpu[a->cpu];
}

static uint32_t cpu_mask(const Gic *g)
{
    return (1u << g->ncpus) - 1;
}

/* ---- Distributor ---- */

static uint64_t d_read_ctlr(const GicRegAccess *a)
{
    return (a->gic->dist_grpen[0] ? 1u : 0) | (a->gic->dist_grpen[1] ? 2u : 0);
}

static void d_write_ctlr(const GicRegAccess *a, uint64_t val)
{
    a->gic->dist_grpen[0] = val & 1;
    a->gic->dist_grpen[1] = (val >> 1) & 1;
    gic_update(a->gic);
}

static uint64_t d_read_typer(const GicRegAccess *a)
{
    /* ITLinesNumber [4:0]: 32 * (N + 1) INTIDs; CPUNumber [7:5];
     * SecurityExtn [10] = 0 (IHI 0048B 4.3.2). */
    return (uint64_t)(a->gic->nirq / 32 - 1) | (uint64_t)(a->gic->ncpus - 1) << 5;
}

static uint64_t d_read_iidr(const GicRegAccess *a)
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

static uint64_t d_read_targets(const GicRegAccess *a)
{
    uint64_t v = 0;

    /* IHI 0048B 4.3.12: RAZ/WI on a uniprocessor. */
    if (a->gic->ncpus == 1) {
        return 0;
    }
    for (unsigned i = 0; i < a->nirqs; i++) {
        uint32_t intid = a->intid + i;
        GicIrq *irq = gic_irq(a->gic, a->cpu, intid);

        /* SGI/PPI fields are read-only and name the reading CPU. */
        if (intid < GIC_NR_PRIVATE) {
            v |= (uint64_t)(1u << a->cpu) << (8 * i);
        } else if (irq) {
            v |= (uint64_t)irq->targets << (8 * i);
        }
    }
    return v;
}

static void d_write_targets(const GicRegAccess *a, uint64_t val)
{
    if (a->gic->ncpus == 1) {
        return;
    }
    for (unsigned i = 0; i < a->nirqs; i++) {
        uint32_t intid = a->intid + i;
        GicIrq *irq = gic_irq(a->gic, a->cpu, intid);

        /* Bits for CPUs that do not exist are RAZ/WI. */
        if (intid >= GIC_NR_PRIVATE && irq) {
            irq->targets = (uint8_t)(val >> (8 * i)) & cpu_mask(a->gic);
        }
    }
    gic_update(a->gic);
}

static void d_write_sgir(const GicRegAccess *a, uint64_t val)
{
    /* IHI 0048B 4.3.15: TargetListFilter [25:24], CPUTargetList [23:16],
     * NSATT [15] (only with the Security Extensions), SGIINTID [3:0]. */
    unsigned filter = (val >> 24) & 3;
    uint32_t targets = (val >> 16) & 0xff;
    uint32_t intid = val & 0xf;

    switch (filter) {
    case 0:
        break;
    case 1:
        targets = cpu_mask(a->gic) & ~(1u << a->cpu);
        break;
    case 2:
        targets = 1u << a->cpu;
        break;
    default:
        GIC_GUEST_ERROR("GICD_SGIR: reserved TargetListFilter 3\n");
        return;
    }
    targets &= cpu_mask(a->gic);
    for (int t = 0; t < a->gic->ncpus; t++) {
        if ((targets >> t) & 1) {
            gic_sgi_set_pending(a->gic, t, intid, a->cpu);
        }
    }
}

/* GICD_CPENDSGIR<n> / GICD_SPENDSGIR<n> (IHI 0048B 4.3.16, 4.3.17): a byte
 * per SGI, a bit per source CPU, for the accessing CPU. */
static uint64_t d_read_sgi_pending(const GicRegAccess *a)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < a->nirqs; i++) {
        v |= (uint64_t)this_cpu(a)->sgi_src[a->intid + i] << (8 * i);
    }
    return v;
}

static void write_sgi_pending(const GicRegAccess *a, uint64_t val, bool set)
{
    GicCpu *c = this_cpu(a);

    for (unsigned i = 0; i < a->nirqs; i++) {
        uint8_t bits = (uint8_t)(val >> (8 * i)) & (uint8_t)cpu_mask(a->gic);

        if (set) {
            c->sgi_src[a->intid + i] |= bits;
        } else {
            c->sgi_src[a->intid + i] &= (uint8_t)~bits;
        }
    }
    gic_update_cpu(a->gic, a->cpu);
}

static void d_write_spendsgir(const GicRegAccess *a, uint64_t val)
{
    write_sgi_pending(a, val, true);
}

static void d_write_cpendsgir(const GicRegAccess *a, uint64_t val)
{
    write_sgi_pending(a, val, false);
}

static uint64_t d_read_id(const GicRegAccess *a)
{
    return gic_id_register(a->gic, a->index);
}

#define W32 GIC_SZ_32
#define W8_32 (GIC_SZ_8 | GIC_SZ_32)

/* IHI 0048B Table 4-1. INTID arrays cover all 1020 INTIDs; those beyond
 * ITLinesNumber are RAZ/WI. */
static const GicReg v2_dist_rows[] = {
    { "GICD_CTLR", 0x000, 4, 0, 4, W32, d_read_ctlr, d_write_ctlr },
    { "GICD_TYPER", 0x004, 4, 0, 4, W32, d_read_typer, NULL },
    { "GICD_IIDR", 0x008, 4, 0, 4, W32, d_read_iidr, NULL },
    { "GICD_IGROUPR", 0x080, 0x80, 1, 0, W32, gic_read_group, gic_write_group },
    { "GICD_ISENABLER", 0x100, 0x80, 1, 0, W32, gic_read_enable, gic_write_set_enable },
    { "GICD_ICENABLER", 0x180, 0x80, 1, 0, W32, gic_read_enable, gic_write_clear_enable },
    { "GICD_ISPENDR", 0x200, 0x80, 1, 0, W32, gic_read_pending, gic_write_set_pending },
    { "GICD_ICPENDR", 0x280, 0x80, 1, 0, W32, gic_read_pending, gic_write_clear_pending },
    { "GICD_ISACTIVER", 0x300, 0x80, 1, 0, W32, gic_read_active, gic_write_set_active },
    { "GICD_ICACTIVER", 0x380, 0x80, 1, 0, W32, gic_read_active, gic_write_clear_active },
    { "GICD_IPRIORITYR", 0x400, 0x3fc, 8, 0, W8_32, gic_read_priority, gic_write_priority },
    { "GICD_ITARGETSR", 0x800, 0x3fc, 8, 0, W8_32, d_read_targets, d_write_targets },
    { "GICD_ICFGR", 0xc00, 0x100, 2, 0, W32, gic_read_config, gic_write_config },
    { "GICD_NSACR", 0xe00, 0x100, 0, 4, W32, read_zero, write_ignore },
    { "GICD_SGIR", 0xf00, 4, 0, 4, W32, NULL, d_write_sgir },
    { "GICD_CPENDSGIR", 0xf10, 0x10, 8, 0, W8_32, d_read_sgi_pending, d_write_cpendsgir },
    { "GICD_SPENDSGIR", 0xf20, 0x10, 8, 0, W8_32, d_read_sgi_pending, d_write_spendsgir },
    { "GICD ID registers", 0xfd0, 0x30, 0, 4, W32, d_read_id, NULL },
};

static const GicRegView v2_dist_view = { "GICD", v2_dist_rows, G_N_ELEMENTS(v2_dist_rows) };

/* ---- CPU interface ---- */

void gicv2_cpuif_reset(Gic *g, GicCpu *c)
{
    c->ctlr = 0;
}

static uint64_t c_read_ctlr(const GicRegAccess *a)
{
    return this_cpu(a)->ctlr;
}

static void c_write_ctlr(const GicRegAccess *a, uint64_t val)
{
    GicCpu *c = this_cpu(a);

    c->ctlr = (uint32_t)val & CTLR_MASK;
    c->grpen[0] = c->ctlr & CTLR_ENABLE_GRP0;
    c->grpen[1] = c->ctlr & CTLR_ENABLE_GRP1;
    c->ackctl = c->ctlr & CTLR_ACKCTL;
    c->fiqen = c->ctlr & CTLR_FIQEN;
    c->cbpr = c->ctlr & CTLR_CBPR;
    c->eoimode = c->ctlr & CTLR_EOIMODE_S;
    gic_update_cpu(a->gic, a->cpu);
}

static uint64_t c_read_pmr(const GicRegAccess *a)
{
    return this_cpu(a)->pmr;
}

static void c_write_pmr(const GicRegAccess *a, uint64_t val)
{
    this_cpu(a)->pmr = (uint8_t)val & a->gic->prio_mask;
    gic_update_cpu(a->gic, a->cpu);
}

/* GICC_BPR / GICC_ABPR: values below the minimum read back as the minimum
 * (IHI 0048B 4.4.3). */
static void write_bpr(const GicRegAccess *a, uint64_t val, int grp)
{
    uint8_t v = val & 7;

    this_cpu(a)->bpr[grp] = v < a->gic->min_bpr[grp] ? a->gic->min_bpr[grp] : v;
    gic_update_cpu(a->gic, a->cpu);
}

static uint64_t c_read_bpr(const GicRegAccess *a)
{
    return this_cpu(a)->bpr[0];
}

static void c_write_bpr(const GicRegAccess *a, uint64_t val)
{
    write_bpr(a, val, 0);
}

static uint64_t c_read_abpr(const GicRegAccess *a)
{
    return this_cpu(a)->bpr[1];
}

static void c_write_abpr(const GicRegAccess *a, uint64_t val)
{
    write_bpr(a, val, 1);
}

/* The HPPIR value: INTID, plus the source CPU of an SGI. */
static uint32_t hppi_value(const Gic *g, const GicCpu *c)
{
    uint32_t v = (uint32_t)c->hppi;

    if (v < GIC_NR_SGI && c->sgi_src[v]) {
        v |= (uint32_t)__builtin_ctz(c->sgi_src[v]) << 10;
    }
    return v;
}

static uint64_t c_read_iar(const GicRegAccess *a)
{
    GicCpu *c = this_cpu(a);

    if (!gic_hppi_can_preempt(a->gic, c)) {
        return GIC_INTID_SPURIOUS;
    }
    /* IHI 0048B 4.4.4: a Group 1 interrupt is only acknowledged through
     * GICC_IAR with AckCtl set; otherwise the read returns 1022. */
    if (c->hppi_group1 && !c->ackctl) {
        return GIC_INTID_GRP1_PENDING;
    }
    return gic_acknowledge(a->gic, a->cpu);
}

static uint64_t c_read_aiar(const GicRegAccess *a)
{
    GicCpu *c = this_cpu(a);

    if (!gic_hppi_can_preempt(a->gic, c) || !c->hppi_group1) {
        return GIC_INTID_SPURIOUS;
    }
    return gic_acknowledge(a->gic, a->cpu);
}

static uint64_t c_read_hppir(const GicRegAccess *a)
{
    GicCpu *c = this_cpu(a);

    if (c->hppi == GIC_INTID_SPURIOUS) {
        return GIC_INTID_SPURIOUS;
    }
    if (c->hppi_group1 && !c->ackctl) {
        return GIC_INTID_GRP1_PENDING;
    }
    return hppi_value(a->gic, c);
}

static uint64_t c_read_ahppir(const GicRegAccess *a)
{
    GicCpu *c = this_cpu(a);

    if (c->hppi == GIC_INTID_SPURIOUS || !c->hppi_group1) {
        return GIC_INTID_SPURIOUS;
    }
    return hppi_value(a->gic, c);
}

static void eoi(const GicRegAccess *a, uint64_t val, int group)
{
    uint32_t intid = val & 0x3ff;

    /* IHI 0048B 4.4.5: writes of the special INTIDs are ignored. */
    if (intid >= 1020) {
        return;
    }
    if (intid >= (uint32_t)a->gic->nirq) {
        GIC_GUEST_ERROR("GICC_EOIR: INTID %u does not exist\n", intid);
        return;
    }
    if (!gic_priority_drop(a->gic, a->cpu, group)) {
        GIC_GUEST_ERROR("GICC_%sEOIR of INTID %u with no matching active priority\n",
                        group == 1 ? "A" : "", intid);
        return;
    }
    if (!this_cpu(a)->eoimode) {
        gic_deactivate(a->gic, a->cpu, intid);
    }
}

static void c_write_eoir(const GicRegAccess *a, uint64_t val)
{
    eoi(a, val, -1);
}

static void c_write_aeoir(const GicRegAccess *a, uint64_t val)
{
    eoi(a, val, 1);
}

static void c_write_dir(const GicRegAccess *a, uint64_t val)
{
    uint32_t intid = val & 0x3ff;

    if (intid >= 1020) {
        return;
    }
    /* IHI 0048B 4.4.15: GICC_DIR is only meaningful with EOImode set. */
    if (!this_cpu(a)->eoimode) {
        GIC_GUEST_ERROR("GICC_DIR written with EOImode 0; ignored\n");
        return;
    }
    gic_deactivate(a->gic, a->cpu, intid);
}

static uint64_t c_read_rpr(const GicRegAccess *a)
{
    return gic_running_priority(a->gic, this_cpu(a));
}

/* GICC_APRn (Group 0) and GICC_NSAPRn (Group 1): bit n is preemption
 * level n, priority n << 1 (the layout IHI 0048B 4.4.13 recommends). */
static uint64_t c_read_apr(const GicRegAccess *a)
{
    return this_cpu(a)->apr[0][a->index];
}

static void c_write_apr(const GicRegAccess *a, uint64_t val)
{
    this_cpu(a)->apr[0][a->index] = (uint32_t)val;
    gic_update_cpu(a->gic, a->cpu);
}

static uint64_t c_read_nsapr(const GicRegAccess *a)
{
    return this_cpu(a)->apr[1][a->index];
}

static void c_write_nsapr(const GicRegAccess *a, uint64_t val)
{
    this_cpu(a)->apr[1][a->index] = (uint32_t)val;
    gic_update_cpu(a->gic, a->cpu);
}

static uint64_t c_read_iidr(const GicRegAccess *a)
{
    /* Architecture version [19:16] = 2 (IHI 0048B 4.4.16). */
    return 0x2u << 16 | IIDR_ARM;
}

/* IHI 0048B Table 4-2. */
static const GicReg v2_cpu_rows[] = {
    { "GICC_CTLR", 0x00, 4, 0, 4, W32, c_read_ctlr, c_write_ctlr },
    { "GICC_PMR", 0x04, 4, 0, 4, W32, c_read_pmr, c_write_pmr },
    { "GICC_BPR", 0x08, 4, 0, 4, W32, c_read_bpr, c_write_bpr },
    { "GICC_IAR", 0x0c, 4, 0, 4, W32, c_read_iar, NULL },
    { "GICC_EOIR", 0x10, 4, 0, 4, W32, NULL, c_write_eoir },
    { "GICC_RPR", 0x14, 4, 0, 4, W32, c_read_rpr, NULL },
    { "GICC_HPPIR", 0x18, 4, 0, 4, W32, c_read_hppir, NULL },
    { "GICC_ABPR", 0x1c, 4, 0, 4, W32, c_read_abpr, c_write_abpr },
    { "GICC_AIAR", 0x20, 4, 0, 4, W32, c_read_aiar, NULL },
    { "GICC_AEOIR", 0x24, 4, 0, 4, W32, NULL, c_write_aeoir },
    { "GICC_AHPPIR", 0x28, 4, 0, 4, W32, c_read_ahppir, NULL },
    { "GICC_APR", 0xd0, 0x10, 0, 4, W32, c_read_apr, c_write_apr },
    { "GICC_NSAPR", 0xe0, 0x10, 0, 4, W32, c_read_nsapr, c_write_nsapr },
    { "GICC_IIDR", 0xfc, 4, 0, 4, W32, c_read_iidr, NULL },
    { "GICC_DIR", 0x1000, 4, 0, 4, W32, NULL, c_write_dir },
};

static const GicRegView v2_cpu_view = { "GICC", v2_cpu_rows, G_N_ELEMENTS(v2_cpu_rows) };

/* ---- MMIO ---- */

static uint64_t dist_read(void *opaque, uint64_t offset, unsigned size)
{
    Gic *g = opaque;

    return gic_reg_read(&v2_dist_view, g, gic_current_cpu(g), offset, size);
}

static void dist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Gic *g = opaque;

    gic_reg_write(&v2_dist_view, g, gic_current_cpu(g), offset, value, size);
}

static uint64_t cpu_read(void *opaque, uint64_t offset, unsigned size)
{
    Gic *g = opaque;

    return gic_reg_read(&v2_cpu_view, g, gic_current_cpu(g), offset, size);
}

static void cpu_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Gic *g = opaque;

    gic_reg_write(&v2_cpu_view, g, gic_current_cpu(g), offset, value, size);
}

/* Every size reaches the tables, which refuse what a register does not
 * allow as RAZ/WI rather than an external abort. */
static const MemOps v2_dist_ops = { dist_read, dist_write, 1, 8 };
static const MemOps v2_cpu_ops = { cpu_read, cpu_write, 1, 8 };

void gicv2_map(Gic *g)
{
    as_add_mmio(g->as, "gic-dist", VIRT_GIC_DIST_BASE, VIRT_GIC_DIST_SIZE, &v2_dist_ops, g);
    as_add_mmio(g->as, "gic-cpu", VIRT_GIC_CPU_BASE, VIRT_GIC_CPU_SIZE, &v2_cpu_ops, g);
}
