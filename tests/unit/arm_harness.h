/* A bare A64 CPU for tests: RAM, one ArmCpu, and a way to run a few
 * instructions and stop. The code under test is followed by `hvc #0xabc`,
 * and every exception vector holds `hvc #0xbad`, so a run ends either at
 * the end of the code or at the first exception taken; which one is
 * reported, with ESR/ELR/FAR available in the CPU state. */
#ifndef TESTS_UNIT_ARM_HARNESS_H
#define TESTS_UNIT_ARM_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/memory.h"
#include "emu/options.h"
#include "target-arm/cpu.h"

#define HARNESS_RAM_BASE 0x40000000ull
#define HARNESS_RAM_SIZE (16ull << 20)
#define HARNESS_CODE     0x40000000ull   /* test code */
#define HARNESS_VBAR     0x40100000ull   /* vectors: hvc #0xbad at each entry */
#define HARNESS_DATA     0x40200000ull   /* free for data */

typedef enum HarnessStop {
    HARNESS_DONE,        /* reached the end of the code */
    HARNESS_EXCEPTION,   /* an exception was taken (see cpu->sr.esr_el1) */
    HARNESS_TIMEOUT,     /* ran out of budget (a loop?) */
} HarnessStop;

typedef struct ArmHarness {
    AddressSpace *as;
    ArmCpu *cpu;
    bool stopped;
    int stop_imm;        /* the hvc immediate that stopped the run */
} ArmHarness;

/* One harness per process (the JIT's caches are global). jit picks the
 * backend. */
ArmHarness *harness_new(JitMode jit);
/* Copy n instructions to HARNESS_CODE followed by the stop instruction,
 * reset the CPU to EL1h at HARNESS_CODE with VBAR set, and invalidate
 * translations of that code. Registers keep their values unless reset. */
void harness_load(ArmHarness *h, const uint32_t *insns, unsigned n);
/* Run from the current PC until a stop. */
HarnessStop harness_run(ArmHarness *h, int64_t max_insns);
/* Drop to EL0 (PSTATE.M = EL0t) before running. */
void harness_set_el0(ArmHarness *h);

#endif
