/* The A64 translator's shared context and code-generation helpers, used by
 * every instruction-class file (trans-*.c). A block is translated one
 * instruction at a time: insn_start, then the decoder calls the matching
 * trans_* function, which emits IR through these helpers. */
#ifndef TARGET_ARM_TRANSLATE_H
#define TARGET_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/ir.h"
#include "target-arm/a64-decode.h"
#include "target-arm/cpu.h"

/* How the current instruction ended the block. */
typedef enum DisasJump {
    DISAS_NEXT,          /* fall through to the next instruction */
    DISAS_NORETURN,      /* the instruction emitted its own block exit */
    DISAS_UPDATE_EXIT,   /* state changed (DAIF, EL, sysregs, ...): store the
                            next PC and return to the run loop */
} DisasJump;

struct DisasContext {
    IrBlock *b;
    ArmCpu *cpu;
    uint64_t pc;         /* address of the instruction being translated */
    uint64_t pc_next;    /* pc + 4 */
    uint32_t insn;
    int el;              /* EL the block runs at (part of the TB flags) */
    uint64_t tb_flags;   /* the ARM_TBFLAG_* the block is translated for */
    int mmu_idx;         /* for ordinary loads and stores */
    int unpriv_idx;      /* for LDTR/STTR: EL0's when at EL1 */
    DisasJump is_jmp;
    unsigned ninsns;
};

/* The IR globals, registered once (arm_translate_init). */
extern IrContext arm_ir_ctx;
extern IrTemp cpu_X[31], cpu_SP, cpu_PC, cpu_NF, cpu_ZF, cpu_CF, cpu_VF;

/* TB flags: what the translated code was specialised for. */
#define ARM_TBFLAG_EL_SHIFT 0          /* 2 bits */
#define ARM_TBFLAG_FPEN (1ull << 2)    /* FP/SIMD access allowed (CPACR.FPEN) */
#define ARM_TBFLAG_TBI0 (1ull << 3)    /* TCR_EL1.TBI0: branches drop the tag (bit 55 = 0) */
#define ARM_TBFLAG_TBI1 (1ull << 4)    /* TCR_EL1.TBI1: same for bit 55 = 1 */
#define ARM_TBFLAG_ALIGN (1ull << 5)   /* SCTLR_EL1.A: every data access must be aligned */
#define ARM_TBFLAG_SA   (1ull << 6)    /* SP alignment check (SCTLR_EL1.SA/SA0) */

void arm_translate_init(void);
uint64_t arm_tb_flags(const ArmCpu *cpu);
/* Translate the block at pc (physical page already checked executable by
 * the caller). At most max_insns instructions; stops at a page boundary. */
IrBlock *arm_translate_block(ArmCpu *cpu, uint64_t pc, uint64_t flags, unsigned max_insns,
                             unsigned *ninsns);

/* How a block is translated, beyond the defaults of arm_translate_block. */
typedef struct ArmTranslateOpts {
    unsigned max_insns;
    /* Do not stop at a gdb breakpoint on the block's first instruction:
     * the one-instruction blocks of single-step and of resuming from a
     * breakpoint execute it (docs/gdbstub.md "Integration"). Breakpoints
     * on later instructions still end the block. */
    bool skip_breakpoint_at_start;
} ArmTranslateOpts;

/* arm_translate_block with options. Every instruction is checked against
 * the gdb breakpoint set (arm_gdb_breakpoint_at: one load and compare while
 * it is empty, and only at translation time): an instruction with a
 * breakpoint is not translated; the block ends before it with
 * exit_tb(ARM_EXIT_DEBUG) and PC = its address, so a breakpoint on the
 * first instruction gives a block of no instructions. */
IrBlock *arm_translate_block_opts(ArmCpu *cpu, uint64_t pc, uint64_t flags,
                                  const ArmTranslateOpts *opts, unsigned *ninsns);

/* ---- register access ----
 * Register 31 is XZR in most operand positions and SP in some: the _sp
 * variants say which. Reads return a temp holding the value; for 32-bit
 * (sf == 0) reads the upper half is not guaranteed zero unless _ext says so.
 * Writes of 32-bit results zero-extend (Arm ARM C1.2.5). */
IrTemp read_x(DisasContext *s, unsigned reg);            /* XZR for 31 */
IrTemp read_x_sp(DisasContext *s, unsigned reg);         /* SP for 31 */
void write_x(DisasContext *s, unsigned reg, IrTemp v, bool sf);   /* discard for 31 */
void write_x_sp(DisasContext *s, unsigned reg, IrTemp v, bool sf); /* SP for 31 */
/* A fresh i64 temp, and a fresh one holding a constant. */
IrTemp new_tmp(DisasContext *s);
IrTemp tmp_const(DisasContext *s, uint64_t v);

/* ---- flags ---- */
/* Set N and Z from a result (zero-extended 32-bit results are sign-extended
 * into nf/zf when !sf), and clear C and V: logical ops (ANDS, BICS). */
void gen_logic_flags(DisasContext *s, IrTemp result, bool sf);
/* result = a + b (+ carry-in if cin is not IR_NO_TEMP), setting NZCV. */
#define IR_NO_TEMP UINT32_MAX
IrTemp gen_add_flags(DisasContext *s, IrTemp a, IrTemp b, IrTemp cin, bool sf);
/* result = a - b, setting NZCV (C = no borrow). */
IrTemp gen_sub_flags(DisasContext *s, IrTemp a, IrTemp b, bool sf);
/* A temp that is 1 if condition cond (A64 cond field 0..15) holds, else 0. */
IrTemp gen_test_cond(DisasContext *s, unsigned cond);
/* Branch to label if condition cond holds. */
void gen_brcond_arm(DisasContext *s, unsigned cond, IrLabel label);

/* ---- block exits ---- */
/* Jump to a constant guest address, chained through exit slot n (0 or 1). */
void gen_goto_tb(DisasContext *s, unsigned slot, uint64_t dest);
/* Jump to an address in a temp: store PC, look up the next block. */
void gen_jump_reg(DisasContext *s, IrTemp dest);
/* Store a constant PC and return to the run loop with code (ArmExitCode). */
void gen_exit(DisasContext *s, uint64_t pc, unsigned code);

/* Exit codes of exit_tb, handled by the run loop (target-arm/cpu-exec.c). */
typedef enum ArmExitCode {
    ARM_EXIT_NORMAL = 0,     /* re-check interrupts and flags, go on */
    ARM_EXIT_WFI = 1,        /* WFI: halt until an interrupt is pending */
    ARM_EXIT_WFE = 2,        /* WFE */
    ARM_EXIT_YIELD = 3,      /* YIELD: end the quantum */
    ARM_EXIT_DEBUG = 4,      /* a gdb breakpoint on the instruction at PC: stop
                                before executing it */
} ArmExitCode;

/* ---- exceptions ---- */
/* Raise a synchronous exception for the current instruction, with return
 * address = this instruction (ret_next false) or the next (true). Ends the
 * block. */
void gen_exception(DisasContext *s, uint64_t esr, bool ret_next);
/* The instruction is UNDEFINED: EC 0 (Unknown reason). Returns true so a
 * trans_* function can `return unallocated(s)` for a reserved encoding
 * detected after decode, or `return false` to let the decoder do it. */
bool gen_undef(DisasContext *s);
/* A valid encoding armlet does not translate yet: UNDEF, and a one-time
 * line under -d unimp naming it. */
bool unimplemented(DisasContext *s, const char *what);

/* ---- memory ---- */
/* Load/store of size (log2 bytes) with sign extension (loads), alignment
 * per JitMemOp, through the current MMU index (or mmu_idx). */
void gen_load(DisasContext *s, IrTemp dst, IrTemp addr, JitMemOp mo, int mmu_idx);
void gen_store(DisasContext *s, IrTemp val, IrTemp addr, JitMemOp mo, int mmu_idx);

/* Call a helper (see jit/helper.h); ret may be IR_NO_TEMP for void. */
void gen_helper(DisasContext *s, const IrHelper *h, IrTemp ret, unsigned nargs, ...);

#endif
