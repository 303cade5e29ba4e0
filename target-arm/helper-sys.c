/* Helpers for system instructions: access checks and accesses through the
 * system-register table, WFI/WFE traps, SEV. */
#include "target-arm/helper-sys.h"

#include "target-arm/arm-jit.h"
#include "target-arm/exception.h"
#include "target-arm/sysreg-internal.h"

/* ESR ISS of a trapped WFI/WFE (D13.2.37, EC 0x01): CV = 1, COND = 0b1110
 * (AArch64 instructions are unconditional), TI = 0 for WFI, 1 for WFE. */
#define ISS_WFX(is_wfe) (1u << 24 | 0xeu << 20 | (unsigned)(is_wfe))

static uint64_t do_sysreg_check(JitCpu *env, uint64_t rip, uint64_t iss)
{
    ArmCpu *cpu = arm_cpu(env);
    const ArmSysregInfo *ri = (const ArmSysregInfo *)(uintptr_t)rip;

    switch (ri->check(cpu, ri, !(iss & 1))) {
    case SR_OK:
        return 0;
    case SR_UNDEF:
        arm_raise(cpu, ESR(EC_UNKNOWN, 0), 0, false, env->restore_pc);
    case SR_TRAP:
        arm_raise(cpu, ESR(EC_SYSREG, iss), 0, false, env->restore_pc);
    case SR_TRAP_FP:
        arm_raise(cpu, ESR(EC_FP_ACCESS, ISS_FP_TRAP), 0, false, env->restore_pc);
    }
    return 0;
}

const IrHelper helper_sysreg_check = {
    .name = "sysreg_check",
    .fn.f2 = do_sysreg_check,
    .nargs = 2,
    .ret = IR_VOID,
    .args = { IR_I64, IR_I64 },
    .flags = IR_HF_READS | IR_HF_RAISES,
};

static uint64_t do_sysreg_read(JitCpu *env, uint64_t rip)
{
    return arm_sysreg_read(arm_cpu(env), (const ArmSysregInfo *)(uintptr_t)rip);
}

const IrHelper helper_sysreg_read = {
    .name = "sysreg_read",
    .fn.f1 = do_sysreg_read,
    .nargs = 1,
    .ret = IR_I64,
    .args = { IR_I64 },
    .flags = IR_HF_READS,
};

static uint64_t do_sysreg_write(JitCpu *env, uint64_t rip, uint64_t value)
{
    arm_sysreg_write(arm_cpu(env), (const ArmSysregInfo *)(uintptr_t)rip, value);
    return 0;
}

const IrHelper helper_sysreg_write = {
    .name = "sysreg_write",
    .fn.f2 = do_sysreg_write,
    .nargs = 2,
    .ret = IR_VOID,
    .args = { IR_I64, IR_I64 },
    .flags = IR_HF_READS | IR_HF_WRITES | IR_HF_RAISES,
};

/* WFI/WFE at EL0 trap to EL1 unless SCTLR_EL1.nTWI/nTWE is set (D1.16.3,
 * "Traps on WFI and WFE"). WFE with the event register set clears it and
 * completes at once (D1.16.1). */
static uint64_t do_wfx(JitCpu *env, uint64_t is_wfe)
{
    ArmCpu *cpu = arm_cpu(env);
    uint64_t enable = is_wfe ? SCTLR_nTWE : SCTLR_nTWI;

    if (cpu->el == 0 && !(cpu->sr.sctlr_el1 & enable)) {
        arm_raise(cpu, ESR(EC_WFX, ISS_WFX(is_wfe != 0)), 0, false, env->restore_pc);
    }
    if (is_wfe && cpu->event) {
        cpu->event = false;
        return 0;
    }
    return 1;
}

const IrHelper helper_wfx = {
    .name = "wfx",
    .fn.f1 = do_wfx,
    .nargs = 1,
    .ret = IR_I64,
    .args = { IR_I64 },
    .flags = IR_HF_READS | IR_HF_WRITES | IR_HF_RAISES,
};

/* SEV (C6.2): an event for every PE. A vCPU halted in WFE wakes; one
 * halted in WFI may wake too, which WFI allows (it may complete at any
 * time), and its idle loop goes back to sleep. The scheduler is told of
 * each halt that ends: it may already have passed that vCPU this round,
 * and must not then sleep as if nothing could run. */
static uint64_t do_sev(JitCpu *env)
{
    int n = arm_jit_cpu_count();

    arm_cpu(env)->event = true;
    for (int i = 0; i < n; i++) {
        ArmCpu *c = arm_jit_cpu(i);
        if (c) {
            bool was_halted = c->halted;

            c->event = true;
            c->halted = false;
            if (was_halted && c->mops && c->mops->power_changed) {
                c->mops->power_changed(c);
            }
        }
    }
    return 0;
}

const IrHelper helper_sev = {
    .name = "sev",
    .fn.f0 = do_sev,
    .nargs = 0,
    .ret = IR_VOID,
    .flags = IR_HF_READS | IR_HF_WRITES,
};
