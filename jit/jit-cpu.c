/* JitCpu set-up and the exception exit. */
#include "jit/jit-cpu.h"

#include <string.h>

void jit_cpu_init(JitCpu *cpu, const JitGuestOps *ops, unsigned cpu_index, unsigned page_bits)
{
    memset(cpu, 0, sizeof *cpu);
    cpu->ops = ops;
    cpu->cpu_index = cpu_index;
    jit_tlb_init(cpu, page_bits);
}

/* The CPU loop armed cpu->jmpbuf with sigsetjmp before running code; a raise
 * from any depth (generated code, interpreter, slow path, helper) unwinds
 * straight back there. Generated code keeps no state on the host stack that
 * outlives the block, so nothing needs unwinding. */
void jit_cpu_exit_longjmp(JitCpu *cpu)
{
    siglongjmp(cpu->jmpbuf, 1);
}
