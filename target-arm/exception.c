/* Exception entry and return (Arm ARM D1.10, D1.11). */
#include "target-arm/exception.h"

#include <inttypes.h>

#include "emu/log.h"

/* Vector table offsets (D1.10.2): which of the four groups, by where the
 * exception comes from, plus 0x80 per kind. */
static uint64_t vector_offset(const ArmCpu *cpu, ArmExcKind kind)
{
    uint64_t base;

    if (cpu->el == 0) {
        base = 0x400;              /* lower EL using AArch64 */
    } else if (cpu->spsel) {
        base = 0x200;              /* current EL with SP_ELx */
    } else {
        base = 0x000;              /* current EL with SP_EL0 */
    }
    return base + 0x80 * (uint64_t)kind;
}

void arm_take_exception(ArmCpu *cpu, ArmExcKind kind, uint64_t esr, uint64_t far,
                        bool far_valid, uint64_t return_pc)
{
    static const char *const kinds[] = { "sync", "irq", "fiq", "serror" };
    int old_el = cpu->el, old_spsel = cpu->spsel;
    uint64_t vec = vector_offset(cpu, kind);

    if (log_enabled(LOG_MASK(int))) {
        log_printf("%s exception EL%d->EL1 ESR=0x%08" PRIx64 " (EC 0x%02x) FAR=0x%" PRIx64
                   " ELR=0x%" PRIx64 " vector 0x%" PRIx64 "\n",
                   kinds[kind], old_el, esr, (unsigned)(esr >> 26) & 0x3f,
                   far_valid ? far : 0, return_pc, cpu->sr.vbar_el1 + vec);
    }
    if (trace_active) {
        trace_exception(cpu->index, kind, kinds[kind], esr, return_pc, old_el);
    }
    cpu->sr.spsr_el1 = arm_get_pstate(cpu);
    cpu->sr.elr_el1 = return_pc;
    if (kind == ARM_EXC_SYNC || kind == ARM_EXC_SERROR) {
        cpu->sr.esr_el1 = esr;
    }
    if (far_valid) {
        cpu->sr.far_el1 = far;
    }
    /* D1.10.1: PSTATE.{D,A,I,F} are all set, SS and IL cleared, SP_EL1. */
    cpu->daif = PSTATE_DAIF;
    cpu->pstate_ss_il = 0;
    cpu->el = 1;
    cpu->spsel = 1;
    arm_swap_sp(cpu, old_el, old_spsel);
    /* B2.9.4: an exception does not clear the local monitor, but taking one
     * is where software expects exclusives to be abandoned; the Arm ARM
     * permits clearing (IMPLEMENTATION DEFINED), and doing so is safe. */
    cpu->excl_addr = UINT64_MAX;
    cpu->pc = (cpu->sr.vbar_el1 & ~0x7ffull) + vec;
}

void arm_raise(ArmCpu *cpu, uint64_t esr, uint64_t far, bool far_valid, uint64_t return_pc)
{
    arm_take_exception(cpu, ARM_EXC_SYNC, esr, far, far_valid, return_pc);
    jit_cpu_exit_longjmp(&cpu->jit);
}

void arm_exception_return(ArmCpu *cpu)
{
    uint32_t spsr = (uint32_t)cpu->sr.spsr_el1;
    uint32_t m = spsr & PSTATE_M;
    bool illegal = false;

    /* D1.11.2 illegal exception return: AArch32 (not implemented), a target
     * EL above the current one, EL2/EL3 (not implemented here), or M[1] set
     * (reserved); the return then keeps the EL and sets PSTATE.IL. */
    if ((spsr & PSTATE_nRW) || (m != 0 && m != 4 && m != 5)) {
        illegal = true;
    } else if ((m >> 2) > cpu->el) {
        illegal = true;
    }
    cpu->excl_addr = UINT64_MAX;   /* B2.9.5: ERET clears the local monitor */
    if (illegal) {
        int old_el = cpu->el, old_spsel = cpu->spsel;
        arm_set_nzcv(cpu, spsr);
        cpu->daif = spsr & PSTATE_DAIF;
        cpu->pstate_ss_il = PSTATE_IL;
        arm_swap_sp(cpu, old_el, old_spsel);
    } else {
        arm_set_pstate(cpu, spsr);
    }
    cpu->pc = cpu->sr.elr_el1;
}
