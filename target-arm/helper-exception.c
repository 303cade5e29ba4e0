/* Helpers for exception-generating instructions and exception return. */
#include "target-arm/helpers.h"

#include "target-arm/exception.h"

static uint64_t do_raise_exception(JitCpu *env, uint64_t esr, uint64_t return_pc)
{
    ArmCpu *cpu = arm_cpu(env);

    arm_raise(cpu, esr, 0, false, return_pc);
}

const IrHelper helper_raise_exception = {
    .name = "raise_exception",
    .fn.f2 = do_raise_exception,
    .nargs = 2,
    .ret = IR_VOID,
    .args = { IR_I64, IR_I64 },
    .flags = IR_HF_READS | IR_HF_WRITES | IR_HF_RAISES,
};

static uint64_t do_eret(JitCpu *env)
{
    arm_exception_return(arm_cpu(env));
    return 0;
}

const IrHelper helper_eret = {
    .name = "eret",
    .fn.f0 = do_eret,
    .nargs = 0,
    .ret = IR_VOID,
    .flags = IR_HF_READS | IR_HF_WRITES,
};

/* HVC and SMC (C6.2): with the PSCI conduit matching, the call is answered
 * by the board (PSCI/SMCCC in armlet) and execution continues at the next
 * instruction. Otherwise, with no EL2/EL3 implemented, both are UNDEFINED
 * at EL1 and EL0 (the Arm ARM's "HVC is UNDEFINED if EL2 is not
 * implemented"; SMC likewise without EL3). */
static uint64_t do_hvc_smc(JitCpu *env, uint64_t imm16, uint64_t is_smc)
{
    ArmCpu *cpu = arm_cpu(env);
    uint64_t pc = env->restore_pc;

    if (cpu->el >= 1 && cpu->mops && cpu->mops->hvc_call && cpu->mops->hvc_call(cpu, is_smc)) {
        return 0;
    }
    (void)imm16;
    arm_raise(cpu, ESR(EC_UNKNOWN, 0), 0, false, pc);
}

const IrHelper helper_hvc_smc = {
    .name = "hvc_smc",
    .fn.f2 = do_hvc_smc,
    .nargs = 2,
    .ret = IR_VOID,
    .args = { IR_I64, IR_I64 },
    .flags = IR_HF_READS | IR_HF_WRITES | IR_HF_RAISES,
};
