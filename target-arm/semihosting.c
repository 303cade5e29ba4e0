/* Semihosting calls (semihosting.h). Only the console and exit operations
 * exist: SYS_WRITEC, SYS_WRITE0, SYS_EXIT and SYS_EXIT_EXTENDED, which is
 * what bare-metal tests and QEMU-style test harnesses use. Others return
 * -1 (the specification's failure value) and are logged under -d unimp.
 *
 * Output goes to armlet's stdout, as QEMU's does without chardev=. */
#include "target-arm/semihosting.h"

#include <stdio.h>

#include "emu/log.h"
#include "jit/ir.h"
#include "jit/tlb.h"
#include "target-arm/cpu.h"

/* Operation numbers (semihosting specification, 6.1). */
enum {
    SYS_WRITEC = 0x03,
    SYS_WRITE0 = 0x04,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20,
};
/* SYS_EXIT reason for a normal exit: the subcode is the status (6.6). */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* A NUL-terminated SYS_WRITE0 string longer than this is cut (a guest
 * passing a runaway pointer must not keep armlet busy). */
#define WRITE0_MAX (1u << 20)

static bool enabled, userspace;

void arm_semihosting_configure(bool on, bool user)
{
    enabled = on;
    userspace = user;
}

bool arm_semihosting_at(int el)
{
    return enabled && (el > 0 || userspace);
}

/* Guest memory through the vCPU's own translation (the parameters are
 * virtual addresses); a fault is taken as the HLT's data abort. */
static uint64_t guest_load(ArmCpu *cpu, uint64_t va, JitMemOp size)
{
    return jit_ld(&cpu->jit, va, size, arm_mmu_idx(cpu->el), cpu->jit.restore_pc);
}

static void sys_exit(ArmCpu *cpu)
{
    /* AArch64 passes a two-word block: reason, subcode (6.6, 6.7) */
    uint64_t reason = guest_load(cpu, cpu->x[1], JIT_MO_64);
    uint64_t subcode = guest_load(cpu, cpu->x[1] + 8, JIT_MO_64);
    int status = reason == ADP_STOPPED_APPLICATION_EXIT ? (int)(subcode & 0xff) : 1;

    fflush(stdout);
    if (cpu->mops && cpu->mops->guest_exit) {
        cpu->mops->guest_exit(cpu, status);
    }
    cpu->jit.exit_request = 1;
}

static uint64_t do_semihosting(JitCpu *env)
{
    ArmCpu *cpu = arm_cpu(env);
    uint32_t op = (uint32_t)cpu->x[0];

    switch (op) {
    case SYS_WRITEC:
        putchar((int)guest_load(cpu, cpu->x[1], JIT_MO_8));
        fflush(stdout);
        break;
    case SYS_WRITE0:
        for (uint64_t a = cpu->x[1], n = 0; n < WRITE0_MAX; a++, n++) {
            int c = (int)guest_load(cpu, a, JIT_MO_8);
            if (!c) {
                break;
            }
            putchar(c);
        }
        fflush(stdout);
        break;
    case SYS_EXIT:
    case SYS_EXIT_EXTENDED:
        sys_exit(cpu);
        break;
    default:
        if (log_enabled(LOG_MASK(unimp))) {
            log_printf("semihosting operation 0x%x not implemented\n", op);
        }
        cpu->x[0] = (uint64_t)-1;
        break;
    }
    return 0;
}

const IrHelper helper_semihosting = {
    .name = "semihosting",
    .fn.f0 = do_semihosting,
    .nargs = 0,
    .ret = IR_VOID,
    .flags = IR_HF_READS | IR_HF_WRITES | IR_HF_RAISES,
};
