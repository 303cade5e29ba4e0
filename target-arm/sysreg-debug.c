/* Debug and performance-monitor registers (Arm ARM D13.3 debug registers,
 * D13.4 PMU). armlet implements neither self-hosted debug events nor a PMU:
 * the debug registers are storage only (so a guest saving and restoring
 * them reads back what it wrote), the OS Lock works as a flag, and the PMU
 * registers Linux and firmware touch are RAZ/WI at EL1. ID_AA64DFR0_EL1
 * advertises 6 breakpoints and 4 watchpoints (A57) and no PMU. */
#include "target-arm/sysreg-internal.h"

/* OSLSR_EL1: OSLM = 0b10 (bits 3 and 0: OS Lock implemented), OSLK (bit 1)
 * is the lock, set by a cold reset (D2.5 "The OS Lock"). */
#define OSLSR_OSLM 0x8ull
#define OSLSR_OSLK 0x2ull

static void oslar_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    cpu->sr.oslsr_el1 = OSLSR_OSLM | ((v & 1) ? OSLSR_OSLK : 0);
}

/* DBGCLAIMSET/CLR_EL1: 8 claim tag bits; SET reads as the implemented
 * bits (all ones), CLR reads the current tags. */
static void claimset_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    cpu->sr.dbgclaim |= v & 0xff;
}

static void claimclr_write(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    cpu->sr.dbgclaim &= ~(v & 0xff);
}

static uint64_t claimclr_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return cpu->sr.dbgclaim;
}

/* DBGBVR<n>_EL1 = (2, 0, 0, n, 4), DBGBCR = op2 5, DBGWVR = 6, DBGWCR = 7. */
#define BP(n)                                                                     \
    SR_STORE("DBGBVR" #n "_EL1", 2, 0, 0, n, 4, SR_RW1, dbg_bvr[n], 0, 0),        \
    SR_STORE("DBGBCR" #n "_EL1", 2, 0, 0, n, 5, SR_RW1, dbg_bcr[n], 0, ~0xffffffffull)
#define WP(n)                                                                     \
    SR_STORE("DBGWVR" #n "_EL1", 2, 0, 0, n, 6, SR_RW1, dbg_wvr[n], 0, 0),        \
    SR_STORE("DBGWCR" #n "_EL1", 2, 0, 0, n, 7, SR_RW1, dbg_wcr[n], 0, ~0xffffffffull)

/* PMU registers: RAZ/WI at EL1, UNDEFINED at EL0 (PMUVer = 0). */
#define PMU(nm, o1, n, m, o2) SR_CONST(nm, 3, o1, n, m, o2, SR_RW1, 0)

static const ArmSysregInfo debug_rows[] = {
    SR_STORE("MDCCINT_EL1", 2, 0, 0, 2, 0, SR_RW1, mdccint_el1, 0, ~0x60000000ull),
    SR_STORE("MDSCR_EL1", 2, 0, 0, 2, 2, SR_RW1, mdscr_el1, 0, 0xffffffff00000000ull),
    SR_CONST("MDCCSR_EL0", 2, 3, 0, 1, 0, SR_R0 | SR_R1, 0),
    SR_CONST("OSDTRRX_EL1", 2, 0, 0, 0, 2, SR_RW1, 0),
    SR_CONST("OSDTRTX_EL1", 2, 0, 0, 3, 2, SR_RW1, 0),
    SR_CONST("OSECCR_EL1", 2, 0, 0, 6, 2, SR_RW1, 0),
    SR_HOOK("OSLAR_EL1", 2, 0, 1, 0, 4, SR_W1, NULL, NULL, oslar_write),
    SR_STORE("OSLSR_EL1", 2, 0, 1, 1, 4, SR_R1, oslsr_el1, OSLSR_OSLM | OSLSR_OSLK, 0),
    SR_STORE("OSDLR_EL1", 2, 0, 1, 3, 4, SR_RW1, osdlr_el1, 0, ~1ull),
    SR_CONST("DBGPRCR_EL1", 2, 0, 1, 4, 4, SR_RW1, 0),
    SR_HOOK("DBGCLAIMSET_EL1", 2, 0, 7, 8, 6, SR_RW1, NULL, NULL, claimset_write),
    SR_HOOK("DBGCLAIMCLR_EL1", 2, 0, 7, 9, 6, SR_RW1, NULL, claimclr_read, claimclr_write),
    SR_CONST("DBGAUTHSTATUS_EL1", 2, 0, 7, 14, 6, SR_R1, 0),
    BP(0), BP(1), BP(2), BP(3), BP(4), BP(5),
    WP(0), WP(1), WP(2), WP(3),
    PMU("PMCR_EL0", 3, 9, 12, 0), PMU("PMCNTENSET_EL0", 3, 9, 12, 1),
    PMU("PMCNTENCLR_EL0", 3, 9, 12, 2), PMU("PMOVSCLR_EL0", 3, 9, 12, 3),
    PMU("PMSWINC_EL0", 3, 9, 12, 4), PMU("PMSELR_EL0", 3, 9, 12, 5),
    PMU("PMCEID0_EL0", 3, 9, 12, 6), PMU("PMCEID1_EL0", 3, 9, 12, 7),
    PMU("PMCCNTR_EL0", 3, 9, 13, 0), PMU("PMXEVTYPER_EL0", 3, 9, 13, 1),
    PMU("PMXEVCNTR_EL0", 3, 9, 13, 2), PMU("PMUSERENR_EL0", 3, 9, 14, 0),
    PMU("PMINTENSET_EL1", 0, 9, 14, 1), PMU("PMINTENCLR_EL1", 0, 9, 14, 2),
    PMU("PMOVSSET_EL0", 3, 9, 14, 3), PMU("PMCCFILTR_EL0", 3, 14, 15, 7),
};
SR_GROUP(arm_sysregs_debug, debug_rows);
