/* The SYS instructions of ARMv8.0 that EL0/EL1 can execute (Arm ARM C5.3
 * "A64 System instructions for cache maintenance, address translation and
 * TLB maintenance"): DC, IC, AT and TLBI, as rows of the system-register
 * table with op0 = 1. "Write" access means "may execute at this EL"; the
 * write hook does the work with the value of Xt.
 *
 * armlet has no data or unified caches to maintain: the data-cache
 * operations other than DC ZVA are no-ops. Translated code is a cache of
 * instructions, though, so IC invalidates translation blocks, and TLBI
 * flushes the softmmu TLB and the jump cache. */
#include "target-arm/sysreg-internal.h"

#include "emu/memory.h"
#include "jit/tb.h"
#include "target-arm/arm-jit.h"
#include "target-arm/exception.h"
#include "target-arm/mmu.h"

#define DCZ_BLOCK 64      /* DCZID_EL0.BS = 4: 16 words */
#define ICACHE_LINE 64    /* CTR_EL0.IminLine = 4 */

/* EL0 cache maintenance by VA needs SCTLR_EL1.UCI (D13.2.113). */
static ArmSysregAccess uci_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    return cpu->el == 0 && !(cpu->sr.sctlr_el1 & SCTLR_UCI) ? SR_TRAP : SR_OK;
}

/* EL0 DC ZVA needs SCTLR_EL1.DZE. */
static ArmSysregAccess dze_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    return cpu->el == 0 && !(cpu->sr.sctlr_el1 & SCTLR_DZE) ? SR_TRAP : SR_OK;
}

static MmuRegime cpu_regime(const ArmCpu *cpu)
{
    return (MmuRegime){ cpu->sr.sctlr_el1, cpu->sr.tcr_el1, cpu->sr.ttbr0_el1,
                        cpu->sr.ttbr1_el1, cpu->sr.mair_el1 };
}

/* DC ZVA: zero the naturally aligned DCZ_BLOCK-byte block holding the
 * address, as stores through the MMU, so a fault is a Data Abort on a
 * write. The block lies in one page: the first store, a byte at the
 * address in Xt itself (so FAR reports Xt), faults before anything is
 * written if any of the block would. */
static void dc_zva(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t va)
{
    uint64_t base = va & ~(uint64_t)(DCZ_BLOCK - 1);
    int mmu = arm_mmu_idx(cpu->el);

    jit_st(&cpu->jit, va, 0, JIT_MO_8, mmu, cpu->jit.restore_pc);
    for (unsigned off = 0; off < DCZ_BLOCK; off += 8) {
        jit_st(&cpu->jit, base + off, 0, JIT_MO_64, mmu, cpu->jit.restore_pc);
    }
}

/* IC IVAU: invalidate the translations of the instruction-cache
 * line holding the VA. The VA is translated with the current regime; an
 * address that does not translate has nothing to invalidate (the
 * architecture lets IC IVAU fault or not on it; armlet does not). */
static void ic_ivau(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t va)
{
    MmuRegime r = cpu_regime(cpu);
    MmuRequest req = { .va = va & ~(uint64_t)(ICACHE_LINE - 1), .access = MMU_ACCESS_READ,
                       .el = (uint8_t)cpu->el, .debug = true };
    MmuResult res;
    MmuFault fault;

    if (mmu_translate(cpu->as, &r, &req, &res, &fault)) {
        tb_invalidate_phys_range(res.pa, ICACHE_LINE);
    }
}

/* IC IALLU / IALLUIS: every translation of every page. One translation
 * cache serves all vCPUs, so the local and broadcast forms are the same. */
static void ic_iallu(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    tb_invalidate_all();
}

/* TLBI: the TLB is not tagged with ASIDs and does not know which
 * entries came from block mappings, so every TLBI of the EL1&0 regime
 * flushes the whole TLB of the vCPUs it reaches: an over-approximation the
 * architecture allows (invalidating more than asked is always permitted).
 * The jump cache goes too: its entries skip the physical check. */
static void tlbi_local(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    arm_sysreg_flush_tlb(cpu);
}

/* The Inner Shareable forms reach every vCPU of the machine. */
static void tlbi_broadcast(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t v)
{
    int n = arm_jit_cpu_count();

    arm_sysreg_flush_tlb(cpu);
    for (int i = 0; i < n; i++) {
        ArmCpu *other = arm_jit_cpu(i);
        if (other && other != cpu) {
            arm_sysreg_flush_tlb(other);
        }
    }
}

/* AT S1E{0,1}{R,W}: a stage-1 translation of Xt as EL0 or EL1 would
 * read or write, result in PAR_EL1 (64-bit format). Bit 11 is RES1 in both
 * formats; NS (bit 9) is 0: armlet has one (Non-secure) physical space. */
#define PAR_F      1ull
#define PAR_RES1   (1ull << 11)

static void at_s1(ArmCpu *cpu, const ArmSysregInfo *ri, uint64_t va)
{
    unsigned op2 = ARM_SYSREG_OP2(ri->key);   /* 0 E1R, 1 E1W, 2 E0R, 3 E0W */
    MmuRegime r = cpu_regime(cpu);
    MmuRequest req = { .va = va, .access = (op2 & 1) ? MMU_ACCESS_WRITE : MMU_ACCESS_READ,
                       .el = op2 >= 2 ? 0 : 1 };
    MmuResult res;
    MmuFault fault;

    if (mmu_translate(cpu->as, &r, &req, &res, &fault)) {
        cpu->sr.par_el1 = (res.pa & 0x0000fffffffff000ull) | (uint64_t)res.attrs.attr << 56 |
                          (uint64_t)(res.attrs.sh & 3) << 7 | PAR_RES1;
        return;
    }
    if (fault.kind == MMU_FAULT_EXT_ABORT_WALK) {
        /* An external abort on the walk is reported as a Data Abort, not in
         * PAR_EL1 (PAR_EL1.FST description). */
        arm_raise(cpu, ESR(cpu->el ? EC_DABT_SAME : EC_DABT_LOWER,
                           fault.fsc | ((op2 & 1) ? 1u << 6 : 0)),
                  va, true, cpu->jit.restore_pc);
    }
    /* FST in bits 6:1, PTW (bit 8) and S (bit 9) are 0: no stage 2 */
    cpu->sr.par_el1 = PAR_F | (uint64_t)(fault.fsc & 0x3f) << 1 | PAR_RES1;
}

#define SYS_NOP(nm, o1, n, m, o2, acc, chk) SR_HOOK(nm, 1, o1, n, m, o2, acc, chk, NULL, NULL)
#define SYS_OP(nm, o1, n, m, o2, acc, chk, fn) SR_HOOK(nm, 1, o1, n, m, o2, acc, chk, NULL, fn)
#define EL0_OK (SR_W0 | SR_W1)

static const ArmSysregInfo sysinsn_rows[] = {
    /* instruction cache */
    SYS_OP("IC IALLUIS", 0, 7, 1, 0, SR_W1 | SR_IO, NULL, ic_iallu),
    SYS_OP("IC IALLU", 0, 7, 5, 0, SR_W1 | SR_IO, NULL, ic_iallu),
    SYS_OP("IC IVAU", 3, 7, 5, 1, EL0_OK | SR_IO, uci_check, ic_ivau),
    /* data cache: nothing to do but the EL0 gates (DC IVAC is EL1 only) */
    SYS_NOP("DC IVAC", 0, 7, 6, 1, SR_W1, NULL),
    SYS_NOP("DC ISW", 0, 7, 6, 2, SR_W1, NULL),
    SYS_NOP("DC CSW", 0, 7, 10, 2, SR_W1, NULL),
    SYS_NOP("DC CISW", 0, 7, 14, 2, SR_W1, NULL),
    SYS_OP("DC ZVA", 3, 7, 4, 1, EL0_OK, dze_check, dc_zva),
    SYS_NOP("DC CVAC", 3, 7, 10, 1, EL0_OK, uci_check),
    SYS_NOP("DC CVAU", 3, 7, 11, 1, EL0_OK, uci_check),
    SYS_NOP("DC CVAP", 3, 7, 12, 1, EL0_OK, uci_check),
    SYS_NOP("DC CIVAC", 3, 7, 14, 1, EL0_OK, uci_check),
    /* address translation */
    SYS_OP("AT S1E1R", 0, 7, 8, 0, SR_W1, NULL, at_s1),
    SYS_OP("AT S1E1W", 0, 7, 8, 1, SR_W1, NULL, at_s1),
    SYS_OP("AT S1E0R", 0, 7, 8, 2, SR_W1, NULL, at_s1),
    SYS_OP("AT S1E0W", 0, 7, 8, 3, SR_W1, NULL, at_s1),
    /* TLB maintenance, EL1&0 regime: Inner Shareable (CRm 3) and local (CRm 7) */
    SYS_OP("TLBI VMALLE1IS", 0, 8, 3, 0, SR_W1 | SR_IO, NULL, tlbi_broadcast),
    SYS_OP("TLBI VAE1IS", 0, 8, 3, 1, SR_W1 | SR_IO, NULL, tlbi_broadcast),
    SYS_OP("TLBI ASIDE1IS", 0, 8, 3, 2, SR_W1 | SR_IO, NULL, tlbi_broadcast),
    SYS_OP("TLBI VAAE1IS", 0, 8, 3, 3, SR_W1 | SR_IO, NULL, tlbi_broadcast),
    SYS_OP("TLBI VALE1IS", 0, 8, 3, 5, SR_W1 | SR_IO, NULL, tlbi_broadcast),
    SYS_OP("TLBI VAALE1IS", 0, 8, 3, 7, SR_W1 | SR_IO, NULL, tlbi_broadcast),
    SYS_OP("TLBI VMALLE1", 0, 8, 7, 0, SR_W1 | SR_IO, NULL, tlbi_local),
    SYS_OP("TLBI VAE1", 0, 8, 7, 1, SR_W1 | SR_IO, NULL, tlbi_local),
    SYS_OP("TLBI ASIDE1", 0, 8, 7, 2, SR_W1 | SR_IO, NULL, tlbi_local),
    SYS_OP("TLBI VAAE1", 0, 8, 7, 3, SR_W1 | SR_IO, NULL, tlbi_local),
    SYS_OP("TLBI VALE1", 0, 8, 7, 5, SR_W1 | SR_IO, NULL, tlbi_local),
    SYS_OP("TLBI VAALE1", 0, 8, 7, 7, SR_W1 | SR_IO, NULL, tlbi_local),
};
SR_GROUP(arm_sysinsns, sysinsn_rows);
