/* Loads and stores: the code-generation pieces shared by the load/store
 * translator files (trans-ldst*.c, trans-atomic.c), and the run-time
 * helpers of the exclusives (helper-ldst.c).
 *
 * The exclusive monitor (Arm ARM B2.9) lives in ArmCpu: excl_addr (the
 * virtual address of the last LDXR/LDXP, UINT64_MAX when the monitor is
 * open), excl_size (log2 of the bytes loaded: 0..3, 4 for LDXP of two
 * X registers), excl_val/excl_val2 (the loaded data). A store-exclusive
 * passes only if the monitor holds its address and size and memory still
 * holds the loaded data (compare-and-swap, as QEMU does), and no other
 * vCPU's store-exclusive has succeeded on the same reservation granule
 * since the load (arm_excl_note_store), so an exclusive update by another
 * vCPU makes a pending STXR fail even when it restores the old value (ABA). A plain store or LSE atomic by another vCPU
 * is caught by the data comparison; one that rewrites the same value is
 * not noticed (as in QEMU): Linux's LL/SC loops only need the value
 * check. CLREX, exception entry and exception return clear the monitor.
 * vCPUs share one host thread and switch only at block exits, so a helper
 * body is atomic with respect to every other vCPU. */
#ifndef TARGET_ARM_HELPER_LDST_H
#define TARGET_ARM_HELPER_LDST_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/helper.h"
#include "jit/tlb.h"
#include "target-arm/translate.h"

/* Reservation granule of the monitor: 64 bytes, i.e. CTR_EL0.ERG = 4
 * (2^4 words), the value Cortex-A53/A57/A72 report. */
#define ARM_EXCL_GRANULE 64u

/* excl_size of an LDXP/STXP of two 64-bit registers (16 bytes). */
#define ARM_EXCL_SIZE_PAIR64 4u

/* Descriptor argument of the exclusive helpers: log2 of the total bytes
 * (0..4) and the MMU index. */
#define LDST_EXCL_DESC(size, mmu_idx) ((uint64_t)(size) | ((uint64_t)(mmu_idx) << 8))

/* (addr, desc) -> the data at addr: an aligned exclusive load that opens
 * the monitor. For 16 bytes the low half is returned and the high half is
 * left in cpu->excl_val2. */
extern const IrHelper helper_load_exclusive;
/* (addr, lo, hi, desc) -> status (0 = stored, 1 = failed): the
 * store-exclusive check and store; always leaves the monitor open. */
extern const IrHelper helper_store_exclusive;

/* Record a successful store-exclusive to addr: from now on, a pending
 * store-exclusive of any vCPU whose load-exclusive came earlier fails if it
 * is to the same reservation granule (helper-ldst.c). */
void arm_excl_note_store(uint64_t addr);

/* ---- translator pieces (trans-ldst.c) ---- */
/* Rn (SP for 31) as a base address, with the SP alignment check when the
 * base is SP and SCTLR_EL1.SA/SA0 enable it. */
IrTemp ldst_base(DisasContext *s, unsigned rn);
/* If SP alignment checking is on for this block, raise the SP alignment
 * fault (EC 0x26) unless base is 16-byte aligned. */
void ldst_check_sp_align(DisasContext *s, IrTemp base);
/* base + imm (base itself for 0). */
IrTemp ldst_addr_imm(DisasContext *s, IrTemp base, int64_t imm);
/* Rn (via ldst_base) + (ExtendReg(Rm, option) << shift): the register-offset
 * address of C6.2 LDR (register); option<1> must be 1. */
IrTemp ldst_addr_reg_offset(DisasContext *s, unsigned rn, unsigned rm, unsigned option,
                            unsigned shift);
/* Load size (log2) bytes into Rt, sign-extending if sign (to 32 bits when
 * to_w, else 64), zero-extending otherwise. extra: JIT_MO_ALIGN bits. */
void ldst_load_reg(DisasContext *s, unsigned rt, IrTemp addr, unsigned size, bool sign,
                   bool to_w, JitMemOp extra, int mmu_idx);
/* Store the low size bytes of Rt (XZR for 31). */
void ldst_store_reg(DisasContext *s, unsigned rt, IrTemp addr, unsigned size, JitMemOp extra,
                    int mmu_idx);

/* Barriers of the ordered accesses (B2.3.7 "Load-Acquire, Store-Release"):
 * after a load-acquire nothing later moves before it; before a
 * store-release nothing earlier moves after it; and a store-release is not
 * reordered with a later load-acquire (RCsc), which only ST_LD covers. */
#define LDST_MB_ACQUIRE (IR_MB_LD_LD | IR_MB_LD_ST)
#define LDST_MB_RELEASE (IR_MB_LD_ST | IR_MB_ST_ST)
#define LDST_MB_RELEASE_AFTER IR_MB_ST_LD

#endif
