/* Exception entry and return for AArch64 at EL0/EL1 (Arm ARM D1.10
 * "Exception entry", D1.11 "Exception return"), and the syndrome values
 * (ESR_ELx, D13.2.37). */
#ifndef TARGET_ARM_EXCEPTION_H
#define TARGET_ARM_EXCEPTION_H

#include <stdbool.h>
#include <stdint.h>

#include "target-arm/cpu.h"

/* Exception classes (ESR_ELx.EC). */
enum {
    EC_UNKNOWN = 0x00,
    EC_WFX = 0x01,
    EC_FP_ACCESS = 0x07,
    EC_ILLEGAL_STATE = 0x0e,
    EC_SVC64 = 0x15,
    EC_HVC64 = 0x16,
    EC_SMC64 = 0x17,
    EC_SYSREG = 0x18,
    EC_IABT_LOWER = 0x20,
    EC_IABT_SAME = 0x21,
    EC_PC_ALIGN = 0x22,
    EC_DABT_LOWER = 0x24,
    EC_DABT_SAME = 0x25,
    EC_SP_ALIGN = 0x26,
    EC_SERROR = 0x2f,
    EC_BKPT_LOWER = 0x30,
    EC_BKPT_SAME = 0x31,
    EC_STEP_LOWER = 0x32,
    EC_STEP_SAME = 0x33,
    EC_WATCH_LOWER = 0x34,
    EC_WATCH_SAME = 0x35,
    EC_BRK = 0x3c,
};

#define ESR_IL (1u << 25)          /* 32-bit instruction */
#define ESR(ec, iss) (((uint64_t)(ec) << 26) | ESR_IL | ((iss) & 0x1ffffff))
/* ISS of an FP/SIMD access trap taken from AArch64: CV = 1, COND = 0b1110
 * (the "always" condition an A64 instruction has). */
#define ISS_FP_TRAP (1u << 24 | 0xeu << 20)

/* Asynchronous kinds select the vector entry (D1.10.2, Table D1-5). */
typedef enum ArmExcKind { ARM_EXC_SYNC = 0, ARM_EXC_IRQ = 1, ARM_EXC_FIQ = 2, ARM_EXC_SERROR = 3 } ArmExcKind;

/* Take an exception to EL1: save PSTATE into SPSR_EL1 and the return
 * address into ELR_EL1, write ESR/FAR for synchronous ones, mask DAIF,
 * switch to SP_EL1, jump to the vector. return_pc is the preferred
 * return address (the faulting instruction, or the next one for SVC/HVC/SMC,
 * or the interrupted one for IRQ/FIQ). */
void arm_take_exception(ArmCpu *cpu, ArmExcKind kind, uint64_t esr, uint64_t far,
                        bool far_valid, uint64_t return_pc);
/* Take a synchronous exception and leave the current block (longjmp to the
 * run loop). */
__attribute__((noreturn)) void arm_raise(ArmCpu *cpu, uint64_t esr, uint64_t far, bool far_valid,
                                         uint64_t return_pc);
/* ERET: restore PSTATE from SPSR_EL1 and PC from ELR_EL1, with the
 * illegal-return checks of D1.11.2. */
void arm_exception_return(ArmCpu *cpu);

#endif
