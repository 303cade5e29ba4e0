/* The system-register table: lookup over every group, generic read/write
 * through a row, reset, and the core group (PSTATE fields, the exception
 * registers, thread IDs, FP control). Encodings: Arm ARM D13 "AArch64 System
 * Register Descriptions" (each register's "Accessing" section). */
#include "target-arm/sysreg-internal.h"

#include <glib.h>

#include "target-arm/exception.h"

#define HI32 0xffffffff00000000ull

/* ---- core registers ---- */

/* NZCV (C5.2.9): the flags in bits 31:28. */
static uint64_t nzcv_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return arm_get_nzcv(cpu);
}

static void nzcv_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    arm_set_nzcv(cpu, (uint32_t)v & 0xf0000000u);
}

/* DAIF (C5.2.2): EL0 access only with SCTLR_EL1.UMA, else trapped (EC 0x18). */
static ArmSysregAccess daif_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    return cpu->el == 0 && !(cpu->sr.sctlr_el1 & SCTLR_UMA) ? SR_TRAP : SR_OK;
}

static uint64_t daif_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return cpu->daif;
}

static void daif_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    cpu->daif = (uint32_t)v & PSTATE_DAIF;
}

/* SPSel (C5.2.16): bit 0 picks SP_EL0 or SP_EL1 at EL1. */
static uint64_t spsel_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return cpu->spsel;
}

static void spsel_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    int old_el = cpu->el, old_spsel = cpu->spsel;

    cpu->spsel = v & 1;
    arm_swap_sp(cpu, old_el, old_spsel);
}

static uint64_t currentel_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return (uint64_t)cpu->el << 2;
}

/* SP_EL0 (C5.2.14): at EL1 with PSTATE.SP == 0 the access is UNDEFINED
 * (SP_EL0 is then the current SP, reached as SP). Otherwise the banked
 * copy is in sp_el[0]. */
static ArmSysregAccess sp_el0_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    return cpu->spsel ? SR_OK : SR_UNDEF;
}

static uint64_t sp_el0_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return cpu->sp_el[0];
}

static void sp_el0_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    cpu->sp_el[0] = v;
}

/* FPCR/FPSR (C5.2.7, C5.2.8): UNDEFINED while FP is not implemented; then
 * gated by CPACR_EL1.FPEN (D13.2.30). */
static ArmSysregAccess fp_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    unsigned fpen = (cpu->sr.cpacr_el1 >> 20) & 3;

    if (!ARM_FP_IMPLEMENTED) {
        return SR_UNDEF;
    }
    return fpen == 3 || (fpen == 1 && cpu->el == 1) ? SR_OK : SR_TRAP_FP;
}

static uint64_t fpcr_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return cpu->fpcr;
}

static void fpcr_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    /* AHP, DN, FZ, RMode. Len and Stride matter only to AArch32 and the
     * trap enables only where FP exceptions can trap: neither exists
     * here, so they are RES0 (C5.2.7). */
    cpu->fpcr = (uint32_t)v & 0x07c00000u;
}

static uint64_t fpsr_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return cpu->fpsr;
}

static void fpsr_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    /* QC IDC IXC UFC OFC DZC IOC; NZCV is AArch32's (RES0, C5.2.8) */
    cpu->fpsr = (uint32_t)v & 0x0800009fu;
}

static const ArmSysregInfo core_rows[] = {
    SR_HOOK("NZCV", 3, 3, 4, 2, 0, SR_RW01, NULL, nzcv_read, nzcv_write),
    SR_HOOK("DAIF", 3, 3, 4, 2, 1, SR_RW01 | SR_IO, daif_check, daif_read, daif_write),
    SR_HOOK("SPSel", 3, 0, 4, 2, 0, SR_RW1, NULL, spsel_read, spsel_write),
    SR_HOOK("CurrentEL", 3, 0, 4, 2, 2, SR_R1, NULL, currentel_read, NULL),
    SR_HOOK("SP_EL0", 3, 0, 4, 1, 0, SR_RW1, sp_el0_check, sp_el0_read, sp_el0_write),
    SR_HOOK("FPCR", 3, 3, 4, 4, 0, SR_RW01, fp_check, fpcr_read, fpcr_write),
    SR_HOOK("FPSR", 3, 3, 4, 4, 1, SR_RW01, fp_check, fpsr_read, fpsr_write),
    SR_STORE("SPSR_EL1", 3, 0, 4, 0, 0, SR_RW1, spsr_el1, 0, HI32),
    SR_STORE("ELR_EL1", 3, 0, 4, 0, 1, SR_RW1, elr_el1, 0, 0),
    SR_STORE("ESR_EL1", 3, 0, 5, 2, 0, SR_RW1, esr_el1, 0, HI32),
    SR_STORE("AFSR0_EL1", 3, 0, 5, 1, 0, SR_RW1, afsr0_el1, 0, 0),
    SR_STORE("AFSR1_EL1", 3, 0, 5, 1, 1, SR_RW1, afsr1_el1, 0, 0),
    SR_STORE("FAR_EL1", 3, 0, 6, 0, 0, SR_RW1, far_el1, 0, 0),
    SR_STORE("TPIDR_EL0", 3, 3, 13, 0, 2, SR_RW01, tpidr_el0, 0, 0),
    SR_STORE("TPIDRRO_EL0", 3, 3, 13, 0, 3, SR_R0 | SR_RW1, tpidrro_el0, 0, 0),
    SR_STORE("TPIDR_EL1", 3, 0, 13, 0, 4, SR_RW1, tpidr_el1, 0, 0),
    /* The AArch32 banked SPSRs have op1 = 4: they are EL2 registers, so
     * without EL2 every access from EL0/EL1 is UNDEFINED (C5.2.17-20).
     * Listed (no access) so they are known, not logged as unimplemented. */
    SR_CONST("SPSR_irq", 3, 4, 4, 3, 0, 0, 0),
    SR_CONST("SPSR_abt", 3, 4, 4, 3, 1, 0, 0),
    SR_CONST("SPSR_und", 3, 4, 4, 3, 2, 0, 0),
    SR_CONST("SPSR_fiq", 3, 4, 4, 3, 3, 0, 0),
};
SR_GROUP(arm_sysregs_core, core_rows);

/* ---- lookup ---- */

static const ArmSysregGroup *const groups[] = {
    &arm_sysregs_core, &arm_sysregs_id, &arm_sysregs_vmsa,
    &arm_sysregs_debug, &arm_sysregs_timer, &arm_sysinsns,
    &arm_sysregs_gic,
};

/* D12.3.1 / C5.1.6: the unallocated encodings of the ID space (op0 = 3,
 * op1 = 0, CRn = 0, CRm = 1..7) are reserved for future ID registers and
 * read as zero at EL1. */
static const ArmSysregInfo id_reserved = SR_CONST("ID_reserved", 3, 0, 0, 1, 0, SR_R1, 0);

static GHashTable *index_table(void)
{
    static GHashTable *table;

    if (!table) {
        table = g_hash_table_new(g_direct_hash, g_direct_equal);
        for (size_t g = 0; g < G_N_ELEMENTS(groups); g++) {
            for (size_t i = 0; i < groups[g]->n; i++) {
                const ArmSysregInfo *ri = &groups[g]->rows[i];
                if (!g_hash_table_insert(table, GUINT_TO_POINTER(ri->key), (gpointer)ri)) {
                    g_error("system register table: %s duplicates an encoding", ri->name);
                }
            }
        }
    }
    return table;
}

const ArmSysregInfo *arm_sysreg_find(uint32_t key)
{
    const ArmSysregInfo *ri = g_hash_table_lookup(index_table(), GUINT_TO_POINTER(key));

    if (!ri && ARM_SYSREG_OP0(key) == 3 && ARM_SYSREG_OP1(key) == 0 &&
        ARM_SYSREG_CRN(key) == 0 && ARM_SYSREG_CRM(key) >= 1 && ARM_SYSREG_CRM(key) <= 7) {
        ri = &id_reserved;
    }
    return ri;
}

bool arm_sysreg_el_allows(const ArmSysregInfo *ri, int el, bool write)
{
    uint32_t need = el == 0 ? (write ? SR_W0 : SR_R0) : (write ? SR_W1 : SR_R1);

    return (ri->access & need) != 0;
}

uint64_t arm_sysreg_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    if (ri->read) {
        return ri->read(cpu, ri);
    }
    if (ri->offset >= 0) {
        return *(uint64_t *)((char *)cpu + ri->offset);
    }
    return ri->reset;
}

void arm_sysreg_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t value)
{
    value = (value & ~ri->res0) | ri->res1;
    if (ri->write) {
        ri->write(cpu, ri, value);
    } else if (ri->offset >= 0) {
        *(uint64_t *)((char *)cpu + ri->offset) = value;
    }
}

void arm_sysregs_reset(ArmCpu *cpu)
{
    for (size_t g = 0; g < G_N_ELEMENTS(groups); g++) {
        for (size_t i = 0; i < groups[g]->n; i++) {
            const ArmSysregInfo *ri = &groups[g]->rows[i];
            if (ri->offset >= 0) {
                *(uint64_t *)((char *)cpu + ri->offset) = ri->reset | ri->res1;
            }
        }
    }
}
