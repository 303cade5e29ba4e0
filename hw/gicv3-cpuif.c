/* GICv3 CPU interface: the ICC_*_EL1 system registers (IHI 0069 12.2) as
 * C functions the CPU's system-register table calls, one table row per
 * register. Single Security state (GICD_CTLR.DS=1): EL1 sees one copy of
 * each register; Group 0 is signalled as FIQ, Group 1 as IRQ. 5 priority
 * bits, so ICC_AP0R0/AP1R0 hold all 32 preemption levels. */
#include "hw/gic-regs.h"

/* ICC_CTLR_EL1 (IHI 0069 12.2.6). */
#define CTLR_CBPR          (1u << 0)
#define CTLR_EOIMODE       (1u << 1)
#define CTLR_PRIBITS_SHIFT 8          /* priority bits - 1 */
#define CTLR_A3V           (1u << 15)
#define CTLR_RSS           (1u << 18)

/* ICC_SRE_EL1: SRE, DFB, DIB all one; system registers only. */
#define SRE_VALUE          0x7u

#define WAKER_PROCESSOR_SLEEP (1u << 1)

/* ICC_SGI0R/SGI1R/ASGI1R_EL1 fields (IHI 0069 12.2.21). */
#define SGIR_TARGETS(v)    ((uint32_t)(v) & 0xffff)
#define SGIR_AFF1(v)       (((v) >> 16) & 0xff)
#define SGIR_INTID(v)      ((uint32_t)((v) >> 24) & 0xf)
#define SGIR_AFF2(v)       (((v) >> 32) & 0xff)
#define SGIR_IRM(v)        (((v) >> 40) & 1)
#define SGIR_RS(v)         ((unsigned)((v) >> 44) & 0xf)
#define SGIR_AFF3(v)       (((v) >> 48) & 0xff)

void gicv3_cpuif_reset(Gic *g, GicCpu *c)
{
    /* The redistributor starts asleep: software clears
     * GICR_WAKER.ProcessorSleep before using the interface (IHI 0069 11.1). */
    c->waker = WAKER_PROCESSOR_SLEEP;
}

typedef uint64_t (*CpuifRead)(Gic *g, GicCpu *c);
typedef void (*CpuifWrite)(Gic *g, GicCpu *c, uint64_t val);

static uint64_t ack(Gic *g, GicCpu *c, bool group1)
{
    /* ICC_IARn_EL1: the highest priority pending interrupt if it is of
     * this group and may be taken now, else 1023. No source CPU bits. */
    if (!gic_hppi_can_preempt(g, c) || c->hppi_group1 != group1) {
        return GIC_INTID_SPURIOUS;
    }
    return gic_acknowledge(g, c->index);
}

static uint64_t read_iar0(Gic *g, GicCpu *c)
{
    return ack(g, c, false);
}

static uint64_t read_iar1(Gic *g, GicCpu *c)
{
    return ack(g, c, true);
}

static uint64_t hppir(const GicCpu *c, bool group1)
{
    return c->hppi == GIC_INTID_SPURIOUS || c->hppi_group1 != group1 ? GIC_INTID_SPURIOUS
                                                                       : (uint64_t)c->hppi;
}

static uint64_t read_hppir0(Gic *g, GicCpu *c)
{
    return hppir(c, false);
}

static uint64_t read_hppir1(Gic *g, GicCpu *c)
{
    return hppir(c, true);
}

static bool special_intid(uint32_t intid)
{
    return intid >= 1020 && intid <= 1023;
}

static void eoi(Gic *g, GicCpu *c, uint64_t val, int group)
{
    uint32_t intid = (uint32_t)val & 0xffffff;

    if (special_intid(intid)) {
        return;
    }
    if (intid >= (uint32_t)g->nirq) {
        GIC_GUEST_ERROR("ICC_EOIR%d_EL1: INTID %u does not exist\n", group, intid);
        return;
    }
    /* IHI 0069 12.2.10: the write only takes effect if the highest active
     * priority is of this group. */
    if (!gic_priority_drop(g, c->index, group)) {
        GIC_GUEST_ERROR("ICC_EOIR%d_EL1 of INTID %u with no Group %d active priority\n", group,
                        intid, group);
        return;
    }
    if (!c->eoimode) {
        gic_deactivate(g, c->index, intid);
    }
}

static void write_eoir0(Gic *g, GicCpu *c, uint64_t val)
{
    eoi(g, c, val, 0);
}

static void write_eoir1(Gic *g, GicCpu *c, uint64_t val)
{
    eoi(g, c, val, 1);
}

static void write_dir(Gic *g, GicCpu *c, uint64_t val)
{
    uint32_t intid = (uint32_t)val & 0xffffff;

    if (special_intid(intid)) {
        return;
    }
    if (!c->eoimode) {
        GIC_GUEST_ERROR("ICC_DIR_EL1 written with EOImode 0; ignored\n");
        return;
    }
    gic_deactivate(g, c->index, intid);
}

static uint64_t read_pmr(Gic *g, GicCpu *c)
{
    return c->pmr;
}

static void write_pmr(Gic *g, GicCpu *c, uint64_t val)
{
    c->pmr = (uint8_t)val & g->prio_mask;
    gic_update_cpu(g, c->index);
}

static uint64_t read_bpr0(Gic *g, GicCpu *c)
{
    return c->bpr[0];
}

static void write_bpr(Gic *g, GicCpu *c, uint64_t val, int grp)
{
    uint8_t v = val & 7;

    /* Values below the minimum set the minimum (IHI 0069 12.2.4). */
    c->bpr[grp] = v < g->min_bpr[grp] ? g->min_bpr[grp] : v;
    gic_update_cpu(g, c->index);
}

static void write_bpr0(Gic *g, GicCpu *c, uint64_t val)
{
    write_bpr(g, c, val, 0);
}

static uint64_t read_bpr1(Gic *g, GicCpu *c)
{
    /* With CBPR, reads give BPR0 + 1 saturated and writes are ignored
     * (IHI 0069 12.2.5). */
    if (c->cbpr) {
        return c->bpr[0] + 1u > 7 ? 7 : c->bpr[0] + 1u;
    }
    return c->bpr[1];
}

static void write_bpr1(Gic *g, GicCpu *c, uint64_t val)
{
    if (!c->cbpr) {
        write_bpr(g, c, val, 1);
    }
}

static uint64_t read_ap0r0(Gic *g, GicCpu *c)
{
    return c->apr[0][0];
}

static void write_ap0r0(Gic *g, GicCpu *c, uint64_t val)
{
    c->apr[0][0] = (uint32_t)val;
    gic_update_cpu(g, c->index);
}

static uint64_t read_ap1r0(Gic *g, GicCpu *c)
{
    return c->apr[1][0];
}

static void write_ap1r0(Gic *g, GicCpu *c, uint64_t val)
{
    c->apr[1][0] = (uint32_t)val;
    gic_update_cpu(g, c->index);
}

static uint64_t read_rpr(Gic *g, GicCpu *c)
{
    return gic_running_priority(g, c);
}

static uint64_t read_ctlr(Gic *g, GicCpu *c)
{
    unsigned pribits = (unsigned)__builtin_popcount(g->prio_mask) - 1;

    return (c->cbpr ? CTLR_CBPR : 0) | (c->eoimode ? CTLR_EOIMODE : 0) |
           pribits << CTLR_PRIBITS_SHIFT | CTLR_A3V | CTLR_RSS;
}

static void write_ctlr(Gic *g, GicCpu *c, uint64_t val)
{
    c->cbpr = val & CTLR_CBPR;
    c->eoimode = val & CTLR_EOIMODE;
    gic_update_cpu(g, c->index);
}

static uint64_t read_sre(Gic *g, GicCpu *c)
{
    return SRE_VALUE;
}

static void write_sre(Gic *g, GicCpu *c, uint64_t val)
{
    /* RAO/WI: there is no memory-mapped GICv3 CPU interface. */
}

static uint64_t read_igrpen0(Gic *g, GicCpu *c)
{
    return c->grpen[0];
}

static void write_igrpen0(Gic *g, GicCpu *c, uint64_t val)
{
    c->grpen[0] = val & 1;
    gic_update_cpu(g, c->index);
}

static uint64_t read_igrpen1(Gic *g, GicCpu *c)
{
    return c->grpen[1];
}

static void write_igrpen1(Gic *g, GicCpu *c, uint64_t val)
{
    c->grpen[1] = val & 1;
    gic_update_cpu(g, c->index);
}

/* Generate SGIs (IHI 0069 12.2.21): IRM=1 all PEs but self; else the PEs
 * Aff3.Aff2.Aff1.<Aff0 = RS * 16 + n for each TargetList bit n>. A target
 * only takes it if its SGI is configured in the group the register names
 * (single Security state: SGI0R Group 0, SGI1R/ASGI1R Group 1). */
static void send_sgi(Gic *g, GicCpu *c, uint64_t val, bool group1)
{
    uint32_t intid = SGIR_INTID(val);
    uint64_t cluster = SGIR_AFF3(val) << 32 | SGIR_AFF2(val) << 16 | SGIR_AFF1(val) << 8;
    unsigned base = SGIR_RS(val) * 16;

    for (int t = 0; t < g->ncpus; t++) {
        const GicCpu *tc = &g->cpu[t];
        unsigned aff0 = tc->affinity & 0xff;

        if (SGIR_IRM(val)) {
            if (t == c->index) {
                continue;
            }
        } else if ((tc->affinity & ~0xffull) != cluster || aff0 < base || aff0 >= base + 16 ||
                   !((SGIR_TARGETS(val) >> (aff0 - base)) & 1)) {
            continue;
        }
        if (tc->priv[intid].group1 == group1) {
            gic_sgi_set_pending(g, t, intid, c->index);
        }
    }
}

static void write_sgi0r(Gic *g, GicCpu *c, uint64_t val)
{
    send_sgi(g, c, val, false);
}

static void write_sgi1r(Gic *g, GicCpu *c, uint64_t val)
{
    send_sgi(g, c, val, true);
}

static const char *const cpuif_names[GIC_ICC_NUM] = {
#define CPUIF_NAME(name, op0, op1, crn, crm, op2) [GIC_ICC_##name] = "ICC_" #name "_EL1",
    GIC_CPUIF_REGS(CPUIF_NAME)
#undef CPUIF_NAME
};

static const struct {
    CpuifRead read;     /* NULL: write-only */
    CpuifWrite write;   /* NULL: read-only */
} cpuif_regs[GIC_ICC_NUM] = {
    [GIC_ICC_PMR] = { read_pmr, write_pmr },
    [GIC_ICC_IAR0] = { read_iar0, NULL },
    [GIC_ICC_EOIR0] = { NULL, write_eoir0 },
    [GIC_ICC_HPPIR0] = { read_hppir0, NULL },
    [GIC_ICC_BPR0] = { read_bpr0, write_bpr0 },
    [GIC_ICC_AP0R0] = { read_ap0r0, write_ap0r0 },
    [GIC_ICC_AP1R0] = { read_ap1r0, write_ap1r0 },
    [GIC_ICC_DIR] = { NULL, write_dir },
    [GIC_ICC_RPR] = { read_rpr, NULL },
    [GIC_ICC_SGI1R] = { NULL, write_sgi1r },
    [GIC_ICC_ASGI1R] = { NULL, write_sgi1r },
    [GIC_ICC_SGI0R] = { NULL, write_sgi0r },
    [GIC_ICC_IAR1] = { read_iar1, NULL },
    [GIC_ICC_EOIR1] = { NULL, write_eoir1 },
    [GIC_ICC_HPPIR1] = { read_hppir1, NULL },
    [GIC_ICC_BPR1] = { read_bpr1, write_bpr1 },
    [GIC_ICC_CTLR] = { read_ctlr, write_ctlr },
    [GIC_ICC_SRE] = { read_sre, write_sre },
    [GIC_ICC_IGRPEN0] = { read_igrpen0, write_igrpen0 },
    [GIC_ICC_IGRPEN1] = { read_igrpen1, write_igrpen1 },
};

const char *gicv3_cpuif_name(GicCpuifReg reg)
{
    return (unsigned)reg < GIC_ICC_NUM ? cpuif_names[reg] : NULL;
}

static GicCpu *cpuif(Gic *g, int cpu, GicCpuifReg reg)
{
    if (!g || g->version != 3 || cpu < 0 || cpu >= g->ncpus || (unsigned)reg >= GIC_ICC_NUM) {
        return NULL;
    }
    return &g->cpu[cpu];
}

uint64_t gicv3_cpuif_read(Gic *g, int cpu, GicCpuifReg reg)
{
    GicCpu *c = cpuif(g, cpu, reg);

    if (!c) {
        return 0;
    }
    if (!cpuif_regs[reg].read) {
        GIC_GUEST_ERROR("read of write-only %s\n", cpuif_names[reg]);
        return 0;
    }
    return cpuif_regs[reg].read(g, c);
}

void gicv3_cpuif_write(Gic *g, int cpu, GicCpuifReg reg, uint64_t val)
{
    GicCpu *c = cpuif(g, cpu, reg);

    if (!c) {
        return;
    }
    if (!cpuif_regs[reg].write) {
        GIC_GUEST_ERROR("write of read-only %s\n", cpuif_names[reg]);
        return;
    }
    cpuif_regs[reg].write(g, c, val);
}
