/* The GIC's shared core: interrupt state, input lines, the highest
 * priority pending interrupt, preemption, acknowledge/EOI/deactivate, and
 * the register-table dispatcher with the INTID-indexed rows that the GICv2
 * and GICv3 views share. Behaviour: IHI 0048B (GICv2) chapters 3 and 4,
 * IHI 0069 (GICv3) chapter 4; what armlet chooses where they leave a
 * choice is in docs/gic.md. */
#include "hw/gic-regs.h"

#include <glib.h>
#include <string.h>

#include "emu/error.h"
#include "emu/virt.h"

#define IROUTER_IRM (1ull << 31)

/* ---- State lookup ---- */

GicIrq *gic_irq(Gic *g, int cpu, uint32_t intid)
{
    if (intid < GIC_NR_PRIVATE) {
        return cpu >= 0 && cpu < g->ncpus ? &g->cpu[cpu].priv[intid] : NULL;
    }
    return intid < (uint32_t)g->nirq ? &g->spi[intid - GIC_NR_PRIVATE] : NULL;
}

bool gic_irq_is_pending(const Gic *g, int cpu, uint32_t intid, const GicIrq *irq)
{
    /* GICv2 keeps one pending bit per source CPU for each SGI (IHI 0048B
     * 3.2.4); the SGI is pending while any source is. */
    if (g->version == 2 && intid < GIC_NR_SGI) {
        return g->cpu[cpu].sgi_src[intid] != 0;
    }
    /* IHI 0048B 3.2.4 / IHI 0069 4.1.2: a level-sensitive interrupt is
     * pending while its line is asserted or a write to ISPENDR latched it. */
    return irq->latch || (!irq->edge && irq->level);
}

int gic_current_cpu(Gic *g)
{
    int cpu = g->cpu_index_fn ? g->cpu_index_fn(g->cpu_index_opaque) : 0;

    return cpu >= 0 && cpu < g->ncpus ? cpu : 0;
}

/* Does SPI irq go to CPU cpu? */
static bool spi_targets_cpu(const Gic *g, const GicIrq *irq, int cpu)
{
    if (g->version == 2) {
        /* IHI 0048B 4.3.12: on a uniprocessor every interrupt targets the
         * one CPU and ITARGETSR is RAZ/WI. */
        return g->ncpus == 1 || ((irq->targets >> cpu) & 1);
    }
    /* IHI 0069 12.9.22: IRM=1 is 1-of-N, any participating PE may take it;
     * the first to acknowledge makes it active for all. */
    return (irq->route & IROUTER_IRM) || irq->route_cpu == cpu;
}

/* ---- Priorities ---- */

uint8_t gic_group_priority(const Gic *g, const GicCpu *c, uint8_t prio, bool group1)
{
    /* Binary point (IHI 0048B 3.3.3, IHI 0069 4.8.5): BPR0 = n splits the
     * priority at [7:n+1]; BPR1 (GICv2 ABPR) = n at [7:n]. CBPR makes
     * Group 1 use BPR0. */
    unsigned shift = (!group1 || c->cbpr) ? c->bpr[0] + 1u : c->bpr[1];

    return shift >= 8 ? 0 : (uint8_t)(prio & (0xffu << shift));
}

uint8_t gic_running_priority(const Gic *g, const GicCpu *c)
{
    for (int i = 0; i < GIC_MAX_APR; i++) {
        uint32_t bits = c->apr[0][i] | c->apr[1][i];

        if (bits) {
            unsigned p = ((unsigned)i * 32 + (unsigned)__builtin_ctz(bits)) << g->apr_shift;
            return p > 0xff ? 0xff : (uint8_t)p;
        }
    }
    return 0xff;   /* idle priority */
}

bool gic_hppi_can_preempt(const Gic *g, const GicCpu *c)
{
    if (c->hppi == GIC_INTID_SPURIOUS || c->hppi_prio >= c->pmr) {
        return false;
    }
    /* Only a strictly higher group priority preempts what is running. */
    return gic_group_priority(g, c, c->hppi_prio, c->hppi_group1) < gic_running_priority(g, c);
}

/* ---- Highest priority pending interrupt and the outputs ---- */

static void consider(const Gic *g, GicCpu *c, uint32_t intid, const GicIrq *irq,
                     unsigned *best_prio)
{
    if (!irq->enabled || irq->active || !g->dist_grpen[irq->group1] ||
        !c->grpen[irq->group1] || irq->priority >= *best_prio ||
        !gic_irq_is_pending(g, c->index, intid, irq)) {
        return;
    }
    /* Equal priorities: the lowest INTID wins (scanned in order). */
    *best_prio = irq->priority;
    c->hppi = (int)intid;
    c->hppi_prio = irq->priority;
    c->hppi_group1 = irq->group1;
}

void gic_update_cpu(Gic *g, int cpu)
{
    GicCpu *c = &g->cpu[cpu];
    unsigned best = 0x100;
    bool irq_out = false, fiq_out = false;

    c->hppi = GIC_INTID_SPURIOUS;
    c->hppi_prio = 0xff;
    c->hppi_group1 = false;
    for (uint32_t i = 0; i < GIC_NR_PRIVATE; i++) {
        consider(g, c, i, &c->priv[i], &best);
    }
    for (uint32_t i = GIC_NR_PRIVATE; i < (uint32_t)g->nirq; i++) {
        const GicIrq *irq = &g->spi[i - GIC_NR_PRIVATE];

        if (spi_targets_cpu(g, irq, cpu)) {
            consider(g, c, i, irq, &best);
        }
    }
    if (gic_hppi_can_preempt(g, c)) {
        /* GICv2 without Security Extensions: Group 0 is FIQ only with
         * GICC_CTLR.FIQEn (IHI 0048B 3.5.1); GICv3: Group 0 is FIQ
         * (IHI 0069 4.6). Group 1 is IRQ in both. */
        if (!c->hppi_group1 && (g->version == 3 || c->fiqen)) {
            fiq_out = true;
        } else {
            irq_out = true;
        }
    }
    if (irq_out != c->out_irq || fiq_out != c->out_fiq) {
        c->out_irq = irq_out;
        c->out_fiq = fiq_out;
        if (g->output_cb) {
            g->output_cb(g->output_opaque, cpu);
        }
    }
}

void gic_update(Gic *g)
{
    for (int i = 0; i < g->ncpus; i++) {
        gic_update_cpu(g, i);
    }
}

void gic_update_irq(Gic *g, int cpu, uint32_t intid)
{
    if (intid < GIC_NR_PRIVATE) {
        if (cpu >= 0 && cpu < g->ncpus) {
            gic_update_cpu(g, cpu);
        }
        return;
    }
    if (g->version == 3 && intid < (uint32_t)g->nirq) {
        const GicIrq *irq = &g->spi[intid - GIC_NR_PRIVATE];

        if (!(irq->route & IROUTER_IRM)) {
            if (irq->route_cpu >= 0) {
                gic_update_cpu(g, irq->route_cpu);
            }
            if (cpu >= 0 && cpu < g->ncpus && cpu != irq->route_cpu) {
                gic_update_cpu(g, cpu);
            }
            return;
        }
    }
    gic_update(g);
}

/* ---- Inputs ---- */

static void gic_set_line(Gic *g, int cpu, uint32_t intid, bool level)
{
    GicIrq *irq = gic_irq(g, cpu, intid);

    if (!irq || irq->level == level) {
        return;
    }
    /* An edge-triggered interrupt latches pending on the rising edge
     * (IHI 0048B 1.4.2). */
    if (level && irq->edge) {
        irq->latch = true;
    }
    irq->level = level;
    gic_update_irq(g, cpu, intid);
}

static void gic_spi_handler(void *opaque, int line, bool level)
{
    gic_set_line(opaque, -1, (uint32_t)line, level);
}

static void gic_ppi_handler(void *opaque, int line, bool level)
{
    GicCpu *c = opaque;

    gic_set_line(c->gic, c->index, (uint32_t)line, level);
}

IrqLine gic_spi_line(Gic *g, int spi)
{
    IrqLine l = { NULL, NULL, 0 };

    if (g && spi >= 0 && spi < g->nirq - GIC_NR_PRIVATE) {
        l.handler = gic_spi_handler;
        l.opaque = g;
        l.line = GIC_NR_PRIVATE + spi;
    }
    return l;
}

IrqLine gic_ppi_line(Gic *g, int cpu, int ppi)
{
    IrqLine l = { NULL, NULL, 0 };

    if (g && cpu >= 0 && cpu < g->ncpus && ppi >= 0 && ppi < GIC_NR_PRIVATE - GIC_NR_SGI) {
        l.handler = gic_ppi_handler;
        l.opaque = &g->cpu[cpu];
        l.line = GIC_NR_SGI + ppi;
    }
    return l;
}

void gic_sgi_set_pending(Gic *g, int target, uint32_t intid, int source)
{
    if (g->version == 2) {
        g->cpu[target].sgi_src[intid] |= (uint8_t)(1u << source);
    } else {
        g->cpu[target].priv[intid].latch = true;
    }
    gic_update_cpu(g, target);
}

/* ---- Acknowledge, priority drop, deactivate ---- */

uint32_t gic_acknowledge(Gic *g, int cpu)
{
    GicCpu *c = &g->cpu[cpu];
    uint32_t intid = (uint32_t)c->hppi;
    GicIrq *irq = gic_irq(g, cpu, intid);
    uint32_t ret = intid;
    unsigned idx;

    if (!irq) {
        return GIC_INTID_SPURIOUS;
    }
    if (g->version == 2 && intid < GIC_NR_SGI) {
        /* IHI 0048B 4.4.4: the lowest-numbered source is acknowledged and
         * reported in GICC_IAR.CPUID; others stay pending. */
        unsigned src = (unsigned)__builtin_ctz(c->sgi_src[intid]);

        c->sgi_src[intid] &= (uint8_t)~(1u << src);
        ret |= src << 10;
    } else {
        /* A level-sensitive interrupt stays pending while its line is high. */
        irq->latch = false;
    }
    irq->active = true;
    idx = gic_group_priority(g, c, irq->priority, irq->group1) >> g->apr_shift;
    c->apr[irq->group1][idx / 32] |= 1u << (idx % 32);
    gic_update_irq(g, cpu, intid);
    return ret;
}

bool gic_priority_drop(Gic *g, int cpu, int group)
{
    GicCpu *c = &g->cpu[cpu];
    unsigned best = ~0u;
    int best_grp = -1;

    /* The running priority is the lowest set APR bit of either group
     * (IHI 0069 4.8.3); a tie goes to Group 0. */
    for (int grp = 0; grp < 2; grp++) {
        for (unsigned i = 0; i < GIC_MAX_APR; i++) {
            if (c->apr[grp][i]) {
                unsigned idx = i * 32 + (unsigned)__builtin_ctz(c->apr[grp][i]);

                if (idx < best) {
                    best = idx;
                    best_grp = grp;
                }
                break;
            }
        }
    }
    if (best_grp < 0 || (group >= 0 && best_grp != group)) {
        return false;
    }
    c->apr[best_grp][best / 32] &= ~(1u << (best % 32));
    gic_update_cpu(g, cpu);
    return true;
}

void gic_deactivate(Gic *g, int cpu, uint32_t intid)
{
    GicIrq *irq = gic_irq(g, cpu, intid);

    if (!irq) {
        GIC_GUEST_ERROR("deactivation of INTID %u, which does not exist\n", intid);
        return;
    }
    if (!irq->active) {
        GIC_GUEST_ERROR("deactivation of INTID %u, which is not active\n", intid);
    }
    irq->active = false;
    gic_update_irq(g, cpu, intid);
}

/* ---- Register dispatch ---- */

static const GicReg *find_row(const GicRegView *v, uint64_t offset)
{
    for (size_t i = 0; i < v->nrows; i++) {
        const GicReg *r = &v->rows[i];

        if (offset >= r->offset && offset - r->offset < r->len) {
            return r;
        }
    }
    return NULL;
}

/* Fill *a for an access at offset; returns the row or NULL (logged). */
static const GicReg *prepare(const GicRegView *v, Gic *g, int cpu, uint64_t offset,
                             unsigned size, bool write, GicRegAccess *a, unsigned *shift)
{
    const GicReg *r = find_row(v, offset);
    uint64_t rel;

    if (!r) {
        GIC_GUEST_ERROR("%s: %s of unknown offset 0x%" PRIx64 "\n", v->name,
                        write ? "write" : "read", offset);
        return NULL;
    }
    /* GIC_SZ_* bit values equal the access sizes in bytes. */
    if (!(r->sizes & size)) {
        GIC_GUEST_ERROR("%s: %u-byte %s of %s (offset 0x%" PRIx64 ") not allowed\n", v->name,
                        size, write ? "write" : "read", r->name, offset);
        return NULL;
    }
    if (write ? !r->write : !r->read) {
        GIC_GUEST_ERROR("%s: %s of %s, which is %s\n", v->name, write ? "write" : "read",
                        r->name, write ? "read-only" : "write-only");
        return NULL;
    }
    rel = offset - r->offset;
    memset(a, 0, sizeof *a);
    a->gic = g;
    a->cpu = cpu;
    a->size = size;
    *shift = 0;
    if (r->bits_per_irq) {
        a->intid = (uint32_t)(rel * 8 / r->bits_per_irq);
        a->nirqs = size * 8 / r->bits_per_irq;
    } else {
        *shift = (unsigned)(rel % r->width) * 8;
        a->index = (unsigned)(rel / r->width);
        a->mask = (size == 8 ? ~0ull : (1ull << (size * 8)) - 1) << *shift;
    }
    return r;
}

uint64_t gic_reg_read(const GicRegView *v, Gic *g, int cpu, uint64_t offset, unsigned size)
{
    GicRegAccess a;
    unsigned shift;
    const GicReg *r = prepare(v, g, cpu, offset, size, false, &a, &shift);
    uint64_t val;

    if (!r) {
        return 0;
    }
    val = r->read(&a) >> shift;
    return size == 8 ? val : val & ((1ull << (size * 8)) - 1);
}

void gic_reg_write(const GicRegView *v, Gic *g, int cpu, uint64_t offset, uint64_t val,
                   unsigned size)
{
    GicRegAccess a;
    unsigned shift;
    const GicReg *r = prepare(v, g, cpu, offset, size, true, &a, &shift);

    if (r) {
        if (size < 8) {
            val &= (1ull << (size * 8)) - 1;
        }
        r->write(&a, r->bits_per_irq ? val : val << shift);
    }
}

/* ---- Shared INTID-indexed rows ---- */

/* Re-evaluate whoever the INTIDs of access a can reach. */
static void update_range(const GicRegAccess *a)
{
    Gic *g = a->gic;

    if (a->intid < GIC_NR_PRIVATE && a->cpu >= 0) {
        gic_update_cpu(g, a->cpu);
    }
    if (a->intid + a->nirqs > GIC_NR_PRIVATE) {
        gic_update(g);
    }
}

/* The 1-bit-per-INTID rows: read a flag, set or clear it per written 1. */
typedef enum { FLAG_GROUP, FLAG_ENABLED, FLAG_ACTIVE } Flag;

static bool *flag_of(GicIrq *irq, Flag f)
{
    switch (f) {
    case FLAG_GROUP:
        return &irq->group1;
    case FLAG_ENABLED:
        return &irq->enabled;
    default:
        return &irq->active;
    }
}

static uint64_t read_flags(const GicRegAccess *a, Flag f)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < a->nirqs; i++) {
        GicIrq *irq = gic_irq(a->gic, a->cpu, a->intid + i);

        if (irq && *flag_of(irq, f)) {
            v |= 1ull << i;
        }
    }
    return v;
}

/* op: 0 clear each bit written as 1, 1 set each bit written as 1, 2 copy. */
static void write_flags(const GicRegAccess *a, Flag f, uint64_t val, int op)
{
    for (unsigned i = 0; i < a->nirqs; i++) {
        uint32_t intid = a->intid + i;
        GicIrq *irq = gic_irq(a->gic, a->cpu, intid);
        bool bit = (val >> i) & 1;

        if (!irq || (op != 2 && !bit)) {
            continue;
        }
        /* GICv2 SGIs are permanently enabled (IHI 0048B 4.3.5 leaves it
         * IMPLEMENTATION DEFINED): their enable bits are RAO/WI. */
        if (f == FLAG_ENABLED && a->gic->version == 2 && intid < GIC_NR_SGI) {
            continue;
        }
        *flag_of(irq, f) = op == 2 ? bit : op == 1;
    }
    update_range(a);
}

uint64_t gic_read_group(const GicRegAccess *a)
{
    return read_flags(a, FLAG_GROUP);
}

void gic_write_group(const GicRegAccess *a, uint64_t val)
{
    write_flags(a, FLAG_GROUP, val, 2);
}

uint64_t gic_read_enable(const GicRegAccess *a)
{
    return read_flags(a, FLAG_ENABLED);
}

void gic_write_set_enable(const GicRegAccess *a, uint64_t val)
{
    write_flags(a, FLAG_ENABLED, val, 1);
}

void gic_write_clear_enable(const GicRegAccess *a, uint64_t val)
{
    write_flags(a, FLAG_ENABLED, val, 0);
}

uint64_t gic_read_active(const GicRegAccess *a)
{
    return read_flags(a, FLAG_ACTIVE);
}

void gic_write_set_active(const GicRegAccess *a, uint64_t val)
{
    write_flags(a, FLAG_ACTIVE, val, 1);
}

void gic_write_clear_active(const GicRegAccess *a, uint64_t val)
{
    write_flags(a, FLAG_ACTIVE, val, 0);
}

uint64_t gic_read_pending(const GicRegAccess *a)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < a->nirqs; i++) {
        GicIrq *irq = gic_irq(a->gic, a->cpu, a->intid + i);

        if (irq && gic_irq_is_pending(a->gic, a->cpu, a->intid + i, irq)) {
            v |= 1ull << i;
        }
    }
    return v;
}

static void write_pending(const GicRegAccess *a, uint64_t val, bool set)
{
    for (unsigned i = 0; i < a->nirqs; i++) {
        uint32_t intid = a->intid + i;
        GicIrq *irq = gic_irq(a->gic, a->cpu, intid);

        /* GICv2 SGI pending state is per source and only changes through
         * GICD_SPENDSGIR/CPENDSGIR: the ISPENDR/ICPENDR bits ignore writes
         * (IHI 0048B 4.3.7, 4.3.8). */
        if (!irq || !((val >> i) & 1) || (a->gic->version == 2 && intid < GIC_NR_SGI)) {
            continue;
        }
        /* Clearing a level-sensitive interrupt whose line is still high
         * leaves it pending (IHI 0048B 3.2.4). */
        irq->latch = set;
    }
    update_range(a);
}

void gic_write_set_pending(const GicRegAccess *a, uint64_t val)
{
    write_pending(a, val, true);
}

void gic_write_clear_pending(const GicRegAccess *a, uint64_t val)
{
    write_pending(a, val, false);
}

uint64_t gic_read_priority(const GicRegAccess *a)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < a->nirqs; i++) {
        GicIrq *irq = gic_irq(a->gic, a->cpu, a->intid + i);

        if (irq) {
            v |= (uint64_t)irq->priority << (8 * i);
        }
    }
    return v;
}

void gic_write_priority(const GicRegAccess *a, uint64_t val)
{
    for (unsigned i = 0; i < a->nirqs; i++) {
        GicIrq *irq = gic_irq(a->gic, a->cpu, a->intid + i);

        /* Unimplemented low-order priority bits are RAZ/WI. */
        if (irq) {
            irq->priority = (uint8_t)(val >> (8 * i)) & a->gic->prio_mask;
        }
    }
    update_range(a);
}

uint64_t gic_read_config(const GicRegAccess *a)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < a->nirqs; i++) {
        GicIrq *irq = gic_irq(a->gic, a->cpu, a->intid + i);

        if (irq && irq->edge) {
            v |= 2ull << (2 * i);
        }
    }
    return v;
}

void gic_write_config(const GicRegAccess *a, uint64_t val)
{
    for (unsigned i = 0; i < a->nirqs; i++) {
        uint32_t intid = a->intid + i;
        GicIrq *irq = gic_irq(a->gic, a->cpu, intid);

        /* SGIs are always edge-triggered: read-only 0b10. Int_config[0]
         * is reserved: RAZ/WI. */
        if (irq && intid >= GIC_NR_SGI) {
            irq->edge = (val >> (2 * i + 1)) & 1;
        }
    }
    update_range(a);
}

uint32_t gic_id_register(const Gic *g, unsigned index)
{
    /* CoreSight-style ID block: PIDR4..7, PIDR0..3, CIDR0..3. PIDR2
     * [7:4] is ArchRev (IHI 0069 12.9.27, IHI 0048B 4.3.16); [3:0] = JEDEC
     * flag + ARM's JEP106 code bits. CIDR0-3 are the component preamble. */
    static const uint8_t ids[12] = { 0x04, 0, 0, 0, 0x92, 0xb4, 0x0b, 0, 0x0d, 0xf0, 0x05, 0xb1 };

    if (index >= 12) {
        return 0;
    }
    return index == 6 ? ids[6] | (uint32_t)g->version << 4 : ids[index];
}

/* ---- Creation ---- */

static uint64_t default_affinity(int version, int idx)
{
    /* As virt_cpu_mpidr: clusters of 8 (GICv2) or 16 (GICv3). */
    int cluster = version == 2 ? 8 : 16;

    return (uint64_t)(idx % cluster) | (uint64_t)(idx / cluster) << 8;
}

void gic_reset(Gic *g)
{
    g->dist_grpen[0] = g->dist_grpen[1] = false;
    for (int i = 0; i < g->nirq - GIC_NR_PRIVATE; i++) {
        bool level = g->spi[i].level;

        g->spi[i] = (GicIrq){ .level = level };
        if (g->version == 3) {
            gicv3_resolve_route(g, &g->spi[i]);
        }
    }
    for (int c = 0; c < g->ncpus; c++) {
        GicCpu *cpu = &g->cpu[c];

        for (int i = 0; i < GIC_NR_PRIVATE; i++) {
            bool level = cpu->priv[i].level;

            cpu->priv[i] = (GicIrq){ .level = level, .route_cpu = -1 };
            cpu->priv[i].edge = i < GIC_NR_SGI;
            cpu->priv[i].enabled = i < GIC_NR_SGI && g->version == 2;
        }
        memset(cpu->sgi_src, 0, sizeof cpu->sgi_src);
        memset(cpu->apr, 0, sizeof cpu->apr);
        cpu->pmr = 0;
        cpu->bpr[0] = g->min_bpr[0];
        cpu->bpr[1] = g->min_bpr[1];
        cpu->grpen[0] = cpu->grpen[1] = false;
        cpu->eoimode = cpu->cbpr = cpu->fiqen = cpu->ackctl = false;
        cpu->ctlr = 0;
        if (g->version == 2) {
            gicv2_cpuif_reset(g, cpu);
        } else {
            gicv3_cpuif_reset(g, cpu);
        }
    }
    gic_update(g);
}

Gic *gic_create(AddressSpace *as, int version, int ncpus, const uint64_t *mpidr)
{
    int max = version == 2 ? GIC_V2_MAX_CPUS : VIRT_MAX_CPUS;
    Gic *g;

    if (version != 2 && version != 3) {
        fatal("GIC version %d is not supported (2 or 3)", version);
    }
    if (ncpus < 1 || ncpus > max) {
        fatal("a GICv%d supports 1 to %d CPUs, not %d", version, max, ncpus);
    }
    g = g_new0(Gic, 1);
    g->as = as;
    g->version = version;
    g->ncpus = ncpus;
    g->nirq = GIC_NR_PRIVATE + VIRT_NUM_SPI;
    if (version == 2) {
        /* 256 priority levels as QEMU's GICv2 (num-priority-bits 8); the
         * smallest binary points give 128 preemption levels (GICC_APR0-3). */
        g->prio_mask = 0xff;
        g->apr_shift = 1;
        g->min_bpr[0] = 0;
        g->min_bpr[1] = 1;
    } else {
        /* 5 priority bits, as Arm's cores implement (ICC_CTLR_EL1.PRIbits
         * = 4): 32 preemption levels, so only ICC_AP0R0/AP1R0 exist. The
         * minimum BPR1 is BPR0's plus one (IHI 0069 12.2.5). */
        g->prio_mask = 0xf8;
        g->apr_shift = 3;
        g->min_bpr[0] = 2;
        g->min_bpr[1] = 3;
    }
    g->spi = g_new0(GicIrq, (size_t)(g->nirq - GIC_NR_PRIVATE));
    g->cpu = g_new0(GicCpu, (size_t)ncpus);
    for (int i = 0; i < ncpus; i++) {
        g->cpu[i].gic = g;
        g->cpu[i].index = i;
        g->cpu[i].affinity = mpidr ? mpidr[i] & 0xff00ffffffull : default_affinity(version, i);
    }
    gic_reset(g);
    if (version == 2) {
        gicv2_map(g);
    } else {
        gicv3_dist_map(g);
        gicv3_redist_map(g);
    }
    return g;
}

void gic_free(Gic *g)
{
    if (!g) {
        return;
    }
    g_free(g->spi);
    g_free(g->cpu);
    g_free(g);
}

int gic_version(const Gic *g)
{
    return g->version;
}

bool gic_irq_pending(Gic *g, int cpu, bool fiq)
{
    if (!g || cpu < 0 || cpu >= g->ncpus) {
        return false;
    }
    return fiq ? g->cpu[cpu].out_fiq : g->cpu[cpu].out_irq;
}

void gic_set_output_cb(Gic *g, void (*cb)(void *opaque, int cpu), void *opaque)
{
    g->output_cb = cb;
    g->output_opaque = opaque;
}

void gic_set_cpu_index_fn(Gic *g, int (*fn)(void *opaque), void *opaque)
{
    g->cpu_index_fn = fn;
    g->cpu_index_opaque = opaque;
}
