/* The A64 side of the gdbstub: the target description gdb reads
 * (target.xml and its features), registers by gdb register number, debug
 * memory access by virtual address, and the breakpoint set the translator
 * queries. emu/gdbstub.c reaches all of it through the GdbTarget that
 * arm_gdb_target_init fills in. */
#ifndef TARGET_ARM_GDB_TARGET_H
#define TARGET_ARM_GDB_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu/gdbstub.h"
#include "target-arm/cpu.h"

/* gdb register numbers. The core and FP/SIMD numbering is gdb's own for
 * its org.gnu.gdb.aarch64.core / .fpu features (x0-x30, sp, pc, cpsr;
 * v0-v31, fpsr, fpcr); the system registers follow in armlet's feature. */
enum {
    ARM_GDB_X0 = 0,
    ARM_GDB_SP = 31,
    ARM_GDB_PC = 32,
    ARM_GDB_CPSR = 33,       /* 32 bits: PSTATE in SPSR format */
    ARM_GDB_V0 = 34,         /* 128 bits each */
    ARM_GDB_FPSR = 66,
    ARM_GDB_FPCR = 67,
    ARM_GDB_SYSREG0 = 68,    /* SCTLR_EL1 ... MPIDR_EL1, 64 bits each */
    ARM_GDB_NUM_CORE = 34,   /* the 'g' packet: x0..cpsr */
};
extern const int arm_gdb_num_regs;

/* Register regno in gdb's byte layout (little-endian); returns its size,
 * 0 if there is no such register. */
int arm_gdb_read_reg(ArmCpu *cpu, int regno, uint8_t *buf);
/* False: no such register, wrong size, read-only (CurrentEL, MPIDR_EL1),
 * or a cpsr armlet cannot be in (AArch32, EL2/EL3, EL0 with SP_EL1). */
bool arm_gdb_write_reg(ArmCpu *cpu, int regno, const uint8_t *buf, size_t len);

/* Debug access by virtual address through the vCPU's current EL1&0
 * regime (mmu_translate with debug = true: no permission, alignment or
 * access-flag checks). RAM and ROM are copied directly (writes reach ROM,
 * as QEMU's debug writes do, and invalidate translated code); device
 * registers are accessed like a load or store would. Returns how many
 * bytes from the start succeeded. */
size_t arm_gdb_read_mem(ArmCpu *cpu, uint64_t va, uint8_t *buf, size_t len);
size_t arm_gdb_write_mem(ArmCpu *cpu, uint64_t va, const uint8_t *buf, size_t len);

/* The document for a qXfer:features:read annex, or NULL. */
const char *arm_gdb_xml(const char *annex, size_t *len);

/* "CPU#0 mpidr=0x80000000 [on]" (off / on / halted). */
void arm_gdb_thread_info(const ArmCpu *cpu, char *buf, size_t size);

/* ---- breakpoints (shared by all vCPUs: gdb's addresses are virtual) ---- */

/* Is there a Z0 or Z1 breakpoint at this virtual PC? The translator asks
 * before translating each instruction; cheap when the set is empty. */
bool arm_gdb_breakpoint_at(uint64_t pc);
/* Insert / remove one reference (Z0 and Z1 are counted separately, so
 * both at one address need both removed). Every change invalidates all
 * translated blocks, which were made without knowing of it. */
GdbBpResult arm_gdb_breakpoint_insert(int type, uint64_t addr);
GdbBpResult arm_gdb_breakpoint_remove(int type, uint64_t addr);
void arm_gdb_breakpoint_remove_all(void);
/* GDB_BP_SW if a Z0 is at pc, else GDB_BP_HW if a Z1 is, else -1. */
int arm_gdb_breakpoint_type(uint64_t pc);

/* ---- watchpoints (Z2 write, Z3 read, Z4 access; by virtual address) ---- */

/* A watch on [addr, addr + len) in the page-watch registry (jit/watch.h):
 * an access to it stops the vCPU before the access, PC at the accessing
 * instruction (ARM_RUN_DEBUG), and records the hit for
 * arm_gdb_take_watch_hit. Length 0: GDB_BP_FAILED. */
GdbBpResult arm_gdb_watchpoint_insert(int type, uint64_t addr, uint64_t len);
GdbBpResult arm_gdb_watchpoint_remove(int type, uint64_t addr, uint64_t len);
void arm_gdb_watchpoint_remove_all(void);
/* The watchpoint vCPU cpu last stopped at (GDB_WP_*), with the first
 * watched byte of the access in *addr; -1 if none. Reading forgets it. */
int arm_gdb_take_watch_hit(const ArmCpu *cpu, uint64_t *addr);

/* ---- physical addressing ---- */

/* While on, m/M/X addresses are physical (monitor phys on|off, QEMU's
 * Qqemu.PhyMemMode). */
void arm_gdb_set_phys_mode(bool on);
bool arm_gdb_phys_mode(void);
/* Debug read of physical memory (RAM, ROM, device registers). */
size_t arm_gdb_read_phys(ArmCpu *cpu, uint64_t pa, uint8_t *buf, size_t len);

/* Fill the guest side of t for these vCPUs (cpus must outlive the stub);
 * the machine side (machine, stop_all, resume, kill) is the caller's. */
void arm_gdb_target_init(GdbTarget *t, ArmCpu **cpus, int ncpus);

#endif
