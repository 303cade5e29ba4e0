/* vCPU state: initialisation, reset, and PSTATE packing. */
#include "target-arm/cpu.h"

#include <string.h>

#include "target-arm/exception.h"

uint32_t arm_get_nzcv(const ArmCpu *cpu)
{
    return ((cpu->nf >> 63) << 31) | ((uint32_t)(cpu->zf == 0) << 30) |
           ((uint32_t)(cpu->cf != 0) << 29) | ((cpu->vf >> 63) << 28);
}

void arm_set_nzcv(ArmCpu *cpu, uint32_t nzcv)
{
    cpu->nf = (nzcv & PSTATE_N) ? UINT64_MAX : 0;
    cpu->zf = (nzcv & PSTATE_Z) ? 0 : 1;
    cpu->cf = (nzcv & PSTATE_C) ? 1 : 0;
    cpu->vf = (nzcv & PSTATE_V) ? UINT64_MAX : 0;
}

uint32_t arm_get_pstate(const ArmCpu *cpu)
{
    /* M[3:0] = EL << 2 | SP (C5.2.19: EL0t = 0, EL1t = 4, EL1h = 5) */
    return arm_get_nzcv(cpu) | cpu->pstate_ss_il | cpu->daif |
           (cpu->el << 2) | (cpu->el ? cpu->spsel : 0);
}

void arm_set_pstate(ArmCpu *cpu, uint32_t spsr)
{
    int old_el = cpu->el, old_spsel = cpu->spsel;

    arm_set_nzcv(cpu, spsr);
    cpu->daif = spsr & PSTATE_DAIF;
    cpu->pstate_ss_il = spsr & (PSTATE_SS | PSTATE_IL);
    cpu->el = (spsr >> 2) & 3;
    cpu->spsel = spsr & 1;
    arm_swap_sp(cpu, old_el, old_spsel);
}

/* Which banked SP a (EL, SPSel) pair uses: EL0 and EL1t use SP_EL0. */
static int sp_index(int el, int spsel)
{
    return el > 0 && spsel ? 1 : 0;
}

void arm_swap_sp(ArmCpu *cpu, int old_el, int old_spsel)
{
    int from = sp_index(old_el, old_spsel), to = sp_index(cpu->el, cpu->spsel);

    if (from != to) {
        cpu->sp_el[from] = cpu->sp;
        cpu->sp = cpu->sp_el[to];
    }
}

void arm_cpu_init(ArmCpu *cpu, int index, uint64_t mpidr, struct AddressSpace *as,
                  const ArmMachineOps *mops, void *machine)
{
    memset(cpu, 0, sizeof *cpu);
    cpu->index = index;
    cpu->mpidr = mpidr;
    cpu->as = as;
    cpu->mops = mops;
    cpu->machine = machine;
    cpu->power = ARM_POWER_OFF;
}

void arm_cpu_reset(ArmCpu *cpu, uint64_t entry, uint64_t x0)
{
    memset(cpu->x, 0, sizeof cpu->x);
    memset(cpu->vreg, 0, sizeof cpu->vreg);
    cpu->sp = cpu->sp_el[0] = cpu->sp_el[1] = 0;
    cpu->nf = cpu->cf = cpu->vf = 0;
    cpu->zf = 1;
    /* D1.9 reset: highest implemented EL (EL1 here) with SP_ELx, all of
     * DAIF masked. The arm64 boot protocol (booting.rst) also wants the MMU
     * off and x0 = the DTB's physical address, x1..x3 = 0. */
    cpu->el = 1;
    cpu->spsel = 1;
    cpu->daif = PSTATE_DAIF;
    cpu->pstate_ss_il = 0;
    cpu->fpcr = cpu->fpsr = 0;
    cpu->excl_addr = UINT64_MAX;
    cpu->halted = false;
    cpu->halted_wfe = false;
    cpu->event = false;
    cpu->resume_pending = false;
    arm_sysregs_reset(cpu);
    cpu->x[0] = x0;
    cpu->pc = entry;
    cpu->power = ARM_POWER_ON;
    jit_tlb_flush_all(&cpu->jit);
}

void arm_cpu_power_on(ArmCpu *cpu, uint64_t entry, uint64_t x0)
{
    arm_cpu_reset(cpu, entry, x0);
    arm_timer_update(cpu);
}

void arm_cpu_end_halt(ArmCpu *cpu)
{
    cpu->halted = false;
    if (cpu->resume_pending) {
        /* DEN0022 5.1.2: resume from power down at entry_point_address in
         * the CPU_ON entry state, x0 = context_id */
        arm_cpu_power_on(cpu, cpu->resume_entry, cpu->resume_ctx);
    }
}
