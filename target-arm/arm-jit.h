/* The A64 target's side of the JIT: its guest callbacks and the run loop
 * that finds, translates and executes blocks for one vCPU. */
#ifndef TARGET_ARM_ARM_JIT_H
#define TARGET_ARM_ARM_JIT_H

#include <stdint.h>
#include <stdio.h>

#include "emu/options.h"
#include "target-arm/cpu.h"

extern const JitGuestOps arm_jit_ops;

typedef enum ArmRunResult {
    ARM_RUN_BUDGET,       /* the instruction budget ran out */
    ARM_RUN_HALTED,       /* WFI/WFE with nothing pending */
    ARM_RUN_REQUEST,      /* exit_request was set (kick, interrupt, shutdown) */
    ARM_RUN_OFF,          /* the vCPU is powered off */
    ARM_RUN_DEBUG,        /* stopped before an instruction with a gdb breakpoint,
                             or before the access of one that hit a gdb
                             watchpoint (PC = its address; it has not executed) */
} ArmRunResult;

/* Once per process: the translation-block cache and the backend. */
void arm_jit_init(JitMode mode, ArmCpu **cpus, int ncpus);
/* Make cpu usable by the JIT (after arm_cpu_init). */
void arm_cpu_jit_attach(ArmCpu *cpu);
/* Run cpu for about `budget` guest instructions. */
ArmRunResult arm_cpu_exec(ArmCpu *cpu, int64_t budget);
/* Execute exactly one instruction, the one at PC, even if a gdb breakpoint
 * is on it (gdb single-step; resuming from a breakpoint). Its block is
 * never cached, chained or put in the jump cache, and is freed after it
 * ran. Interrupts are not taken (as QEMU's default SSTEP_NOIRQ) unless
 * arm_cpu_set_step_irqs(true); an exception the instruction takes ends
 * the step at the vector. ARM_RUN_BUDGET: the step happened;
 * ARM_RUN_OFF / ARM_RUN_HALTED: the vCPU cannot execute now (off, or in
 * WFI with nothing pending) and nothing changed; ARM_RUN_DEBUG: a gdb
 * watchpoint stopped it before the instruction's access (PC unchanged). */
ArmRunResult arm_cpu_step(ArmCpu *cpu);
/* Whether a single step may take a pending unmasked interrupt first (the
 * step then ends at the vector). Default false. */
void arm_cpu_set_step_irqs(bool on);
bool arm_cpu_step_irqs(void);
/* Drop cpu's TLB and jump cache (TLBI, translation regime changes). */
void arm_cpu_flush_tlb(ArmCpu *cpu);
/* The vCPUs given to arm_jit_init, for operations that reach all of them
 * (TLBI broadcast, SEV). arm_jit_cpu returns NULL out of range. */
int arm_jit_cpu_count(void);
ArmCpu *arm_jit_cpu(int index);
/* Statistics for --stats. */
void arm_jit_print_stats(FILE *f);

#endif
