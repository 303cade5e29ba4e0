/* The A64 translator's core: IR globals, the block loop, and the shared
 * generation helpers (registers, flags, conditions, exits, exceptions).
 * Instruction semantics live in the trans-*.c files, one per class. */
#include "target-arm/translate.h"

#include <stdarg.h>
#include <inttypes.h>
#include <stddef.h>
#include <glib.h>

#include "emu/log.h"

#include "target-arm/exception.h"
#include "target-arm/gdb-target.h"
#include "jit/tb.h"
#include "target-arm/helpers.h"

IrContext arm_ir_ctx;
IrTemp cpu_X[31], cpu_SP, cpu_PC, cpu_NF, cpu_ZF, cpu_CF, cpu_VF;

void arm_translate_init(void)
{
    static const char *const xnames[31] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
        "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20",
        "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30",
    };

    if (arm_ir_ctx.nb_globals) {
        return;
    }
    ir_context_init(&arm_ir_ctx);
    for (int i = 0; i < 31; i++) {
        cpu_X[i] = ir_global_new(&arm_ir_ctx, IR_I64, offsetof(ArmCpu, x[i]), xnames[i]);
    }
    cpu_SP = ir_global_new(&arm_ir_ctx, IR_I64, offsetof(ArmCpu, sp), "sp");
    cpu_PC = ir_global_new(&arm_ir_ctx, IR_I64, offsetof(ArmCpu, pc), "pc");
    arm_ir_ctx.pc_global = (int)cpu_PC;
    cpu_NF = ir_global_new(&arm_ir_ctx, IR_I64, offsetof(ArmCpu, nf), "nf");
    cpu_ZF = ir_global_new(&arm_ir_ctx, IR_I64, offsetof(ArmCpu, zf), "zf");
    cpu_CF = ir_global_new(&arm_ir_ctx, IR_I64, offsetof(ArmCpu, cf), "cf");
    cpu_VF = ir_global_new(&arm_ir_ctx, IR_I64, offsetof(ArmCpu, vf), "vf");
}

uint64_t arm_tb_flags(const ArmCpu *cpu)
{
    uint64_t flags = (uint64_t)cpu->el << ARM_TBFLAG_EL_SHIFT;

    /* CPACR_EL1.FPEN (bits 21:20): 0b11 traps nothing, 0b01 traps EL0 only,
     * otherwise both ELs trap (D13.2.30). */
    unsigned fpen = (cpu->sr.cpacr_el1 >> 20) & 3;
    if (fpen == 3 || (fpen == 1 && cpu->el == 1)) {
        flags |= ARM_TBFLAG_FPEN;
    }
    /* TBI0/TBI1 (TCR_EL1 bits 37, 38) change what a branch to a register
     * jumps to (AArch64.BranchAddr); SCTLR_EL1.A (bit 1) makes every data
     * access check alignment. Writes to both registers end the block. */
    if (cpu->sr.tcr_el1 & (1ull << 37)) {
        flags |= ARM_TBFLAG_TBI0;
    }
    if (cpu->sr.tcr_el1 & (1ull << 38)) {
        flags |= ARM_TBFLAG_TBI1;
    }
    /* With the MMU off every data access is to Device-nGnRnE memory
     * (D8.2.8), which faults when unaligned: the same inline check as
     * SCTLR.A keeps that on the fast path. With the MMU on, Device pages
     * are marked JIT_PROT_ALIGNED by the TLB fill instead. */
    if ((cpu->sr.sctlr_el1 & 2) || !(cpu->sr.sctlr_el1 & 1)) {
        flags |= ARM_TBFLAG_ALIGN;
    }
    /* SCTLR_EL1.SA (bit 3) at EL1, SA0 (bit 4) at EL0: SP-based accesses
     * with a misaligned SP take an SP alignment fault (D1.8.2). */
    if ((cpu->sr.sctlr_el1 >> (cpu->el == 0 ? 4 : 3)) & 1) {
        flags |= ARM_TBFLAG_SA;
    }
    return flags;
}

/* ---- registers ---- */

IrTemp new_tmp(DisasContext *s)
{
    return ir_temp_new(s->b, IR_I64);
}

IrTemp tmp_const(DisasContext *s, uint64_t v)
{
    return ir_const(s->b, IR_I64, v);
}

/* Reads copy the global so a later write_x to the same register cannot
 * change a value the instruction still uses; copy propagation removes the
 * copy when nothing writes in between. */
IrTemp read_x(DisasContext *s, unsigned reg)
{
    IrTemp t;

    if (reg == 31) {
        return tmp_const(s, 0);
    }
    t = new_tmp(s);
    ir_mov(s->b, IR_I64, t, cpu_X[reg]);
    return t;
}

IrTemp read_x_sp(DisasContext *s, unsigned reg)
{
    IrTemp t = new_tmp(s);

    ir_mov(s->b, IR_I64, t, reg == 31 ? cpu_SP : cpu_X[reg]);
    return t;
}

static void write_global(DisasContext *s, IrTemp g, IrTemp v, bool sf)
{
    if (sf) {
        ir_mov(s->b, IR_I64, g, v);
    } else {
        ir_ext32u(s->b, IR_I64, g, v);
    }
}

void write_x(DisasContext *s, unsigned reg, IrTemp v, bool sf)
{
    if (reg != 31) {
        write_global(s, cpu_X[reg], v, sf);
    }
}

void write_x_sp(DisasContext *s, unsigned reg, IrTemp v, bool sf)
{
    write_global(s, reg == 31 ? cpu_SP : cpu_X[reg], v, sf);
}

/* ---- flags ---- */

/* nf and zf both take the result, sign-extended from bit 31 for 32-bit
 * operations so that N is bit 63 and Z tests all 64 bits. */
static void set_nz(DisasContext *s, IrTemp result, bool sf)
{
    if (sf) {
        ir_mov(s->b, IR_I64, cpu_NF, result);
    } else {
        ir_ext32s(s->b, IR_I64, cpu_NF, result);
    }
    ir_mov(s->b, IR_I64, cpu_ZF, cpu_NF);
}

void gen_logic_flags(DisasContext *s, IrTemp result, bool sf)
{
    set_nz(s, result, sf);
    ir_movi(s->b, IR_I64, cpu_CF, 0);
    ir_movi(s->b, IR_I64, cpu_VF, 0);
}

/* Arm ARM J1 AddWithCarry(): for 64 bits the carry is the unsigned
 * overflow of each partial sum; for 32 bits the operands are zero-extended
 * and the carry is bit 32 of the 64-bit sum. V is set when both operands
 * have the same sign and the result's sign differs. */
IrTemp gen_add_flags(DisasContext *s, IrTemp a, IrTemp b, IrTemp cin, bool sf)
{
    IrBlock *bl = s->b;
    IrTemp res = new_tmp(s), x = new_tmp(s), y = new_tmp(s);

    if (sf) {
        IrTemp carry = new_tmp(s);
        ir_add(bl, IR_I64, res, a, b);
        ir_setcond(bl, IR_I64, IR_COND_LTU, carry, res, a);
        if (cin != IR_NO_TEMP) {
            IrTemp sum = new_tmp(s), c2 = new_tmp(s);
            ir_add(bl, IR_I64, sum, res, cin);
            ir_setcond(bl, IR_I64, IR_COND_LTU, c2, sum, res);
            ir_or(bl, IR_I64, carry, carry, c2);
            res = sum;
        }
        ir_mov(bl, IR_I64, cpu_CF, carry);
        ir_xor(bl, IR_I64, x, res, a);
        ir_xor(bl, IR_I64, y, a, b);
        ir_andc(bl, IR_I64, cpu_VF, x, y);
        set_nz(s, res, true);
        return res;
    }

    IrTemp a32 = new_tmp(s), b32 = new_tmp(s), v = new_tmp(s), out = new_tmp(s);
    ir_ext32u(bl, IR_I64, a32, a);
    ir_ext32u(bl, IR_I64, b32, b);
    ir_add(bl, IR_I64, res, a32, b32);
    if (cin != IR_NO_TEMP) {
        ir_add(bl, IR_I64, res, res, cin);
    }
    ir_shr(bl, IR_I64, cpu_CF, res, tmp_const(s, 32));
    ir_xor(bl, IR_I64, x, res, a32);
    ir_xor(bl, IR_I64, y, a32, b32);
    ir_andc(bl, IR_I64, v, x, y);
    ir_ext32s(bl, IR_I64, cpu_VF, v);
    set_nz(s, res, false);
    ir_ext32u(bl, IR_I64, out, res);
    return out;
}

IrTemp gen_sub_flags(DisasContext *s, IrTemp a, IrTemp b, bool sf)
{
    IrBlock *bl = s->b;
    IrTemp res = new_tmp(s), x = new_tmp(s), y = new_tmp(s);

    if (sf) {
        ir_sub(bl, IR_I64, res, a, b);
        ir_setcond(bl, IR_I64, IR_COND_GEU, cpu_CF, a, b);
        ir_xor(bl, IR_I64, x, res, a);
        ir_xor(bl, IR_I64, y, a, b);
        ir_and(bl, IR_I64, cpu_VF, x, y);
        set_nz(s, res, true);
        return res;
    }

    IrTemp a32 = new_tmp(s), b32 = new_tmp(s), v = new_tmp(s), out = new_tmp(s);
    ir_ext32u(bl, IR_I64, a32, a);
    ir_ext32u(bl, IR_I64, b32, b);
    ir_sub(bl, IR_I64, res, a32, b32);
    ir_setcond(bl, IR_I64, IR_COND_GEU, cpu_CF, a32, b32);
    ir_xor(bl, IR_I64, x, res, a32);
    ir_xor(bl, IR_I64, y, a32, b32);
    ir_and(bl, IR_I64, v, x, y);
    ir_ext32s(bl, IR_I64, cpu_VF, v);
    set_nz(s, res, false);
    ir_ext32u(bl, IR_I64, out, res);
    return out;
}

/* ConditionHolds() (Arm ARM J1): cond<3:1> picks the test, cond<0> inverts
 * it, except that 0b1111 is "always" like 0b1110. */
IrTemp gen_test_cond(DisasContext *s, unsigned cond)
{
    IrBlock *bl = s->b;
    IrTemp t = new_tmp(s), zero = tmp_const(s, 0);
    IrTemp u = new_tmp(s), w = new_tmp(s);

    switch (cond >> 1) {
    case 0: ir_setcond(bl, IR_I64, IR_COND_EQ, t, cpu_ZF, zero); break;        /* EQ */
    case 1: ir_setcond(bl, IR_I64, IR_COND_NE, t, cpu_CF, zero); break;        /* CS */
    case 2: ir_setcond(bl, IR_I64, IR_COND_LT, t, cpu_NF, zero); break;        /* MI */
    case 3: ir_setcond(bl, IR_I64, IR_COND_LT, t, cpu_VF, zero); break;        /* VS */
    case 4:                                                                    /* HI */
        ir_setcond(bl, IR_I64, IR_COND_NE, u, cpu_CF, zero);
        ir_setcond(bl, IR_I64, IR_COND_NE, w, cpu_ZF, zero);
        ir_and(bl, IR_I64, t, u, w);
        break;
    case 5:                                                                    /* GE */
        ir_xor(bl, IR_I64, u, cpu_NF, cpu_VF);
        ir_setcond(bl, IR_I64, IR_COND_GE, t, u, zero);
        break;
    case 6:                                                                    /* GT */
        ir_xor(bl, IR_I64, u, cpu_NF, cpu_VF);
        ir_setcond(bl, IR_I64, IR_COND_GE, u, u, zero);
        ir_setcond(bl, IR_I64, IR_COND_NE, w, cpu_ZF, zero);
        ir_and(bl, IR_I64, t, u, w);
        break;
    default:                                                                   /* AL */
        ir_movi(bl, IR_I64, t, 1);
        return t;
    }
    if (cond & 1) {
        ir_xor(bl, IR_I64, t, t, tmp_const(s, 1));
    }
    return t;
}

void gen_brcond_arm(DisasContext *s, unsigned cond, IrLabel label)
{
    IrTemp t = gen_test_cond(s, cond);

    ir_brcond(s->b, IR_I64, IR_COND_NE, t, tmp_const(s, 0), label);
}

/* ---- exits ---- */

void gen_goto_tb(DisasContext *s, unsigned slot, uint64_t dest)
{
    ir_movi(s->b, IR_I64, cpu_PC, dest);
    ir_goto_tb(s->b, slot);
    s->is_jmp = DISAS_NORETURN;
}

void gen_jump_reg(DisasContext *s, IrTemp dest)
{
    ir_mov(s->b, IR_I64, cpu_PC, dest);
    ir_lookup_and_goto_ptr(s->b);
    s->is_jmp = DISAS_NORETURN;
}

void gen_exit(DisasContext *s, uint64_t pc, unsigned code)
{
    ir_movi(s->b, IR_I64, cpu_PC, pc);
    ir_exit_tb(s->b, code);
    s->is_jmp = DISAS_NORETURN;
}

void gen_helper(DisasContext *s, const IrHelper *h, IrTemp ret, unsigned nargs, ...)
{
    IrTemp args[IR_HELPER_MAX_ARGS];
    va_list ap;

    va_start(ap, nargs);
    for (unsigned i = 0; i < nargs && i < IR_HELPER_MAX_ARGS; i++) {
        args[i] = va_arg(ap, IrTemp);
    }
    va_end(ap);
    ir_call(s->b, h, ret, args);
}

void gen_exception(DisasContext *s, uint64_t esr, bool ret_next)
{
    gen_helper(s, &helper_raise_exception, IR_NO_TEMP, 2, tmp_const(s, esr),
               tmp_const(s, ret_next ? s->pc_next : s->pc));
    /* not reached at run time; the block must still end in an exit */
    ir_exit_tb(s->b, ARM_EXIT_NORMAL);
    s->is_jmp = DISAS_NORETURN;
}

bool gen_undef(DisasContext *s)
{
    gen_exception(s, ESR(EC_UNKNOWN, 0), false);
    return true;
}

bool unimplemented(DisasContext *s, const char *what)
{
    static GHashTable *seen;

    if (log_enabled(LOG_MASK(unimp))) {
        if (!seen) {
            seen = g_hash_table_new(g_str_hash, g_str_equal);
        }
        if (g_hash_table_add(seen, (gpointer)what)) {
            log_printf("unimplemented A64 instruction %s (0x%08x at 0x%" PRIx64 ")\n", what,
                       s->insn, s->pc);
        }
    }
    return gen_undef(s);
}

/* An encoding that no decoder entry matches is UNDEFINED: either unallocated
 * in the Arm ARM's encoding tables (C4.1) or a class armlet does not
 * implement yet. The two look the same here, so -d unimp names each distinct
 * encoding once: without it a guest's SIGILL (say, a vector FP instruction in
 * Linux userland) would leave no trace in the log. */
static void undecoded(DisasContext *s)
{
    static GHashTable *seen;

    if (log_enabled(LOG_MASK(unimp))) {
        if (!seen) {
            seen = g_hash_table_new(g_direct_hash, g_direct_equal);
        }
        if (g_hash_table_add(seen, GUINT_TO_POINTER(s->insn))) {
            log_printf("unallocated or unimplemented A64 encoding 0x%08x at 0x%" PRIx64 "\n",
                       s->insn, s->pc);
        }
    }
    gen_undef(s);
}

/* ---- memory ---- */

/* SCTLR_EL1.A = 1: every data access checks alignment to its size
 * (Arm ARM "Alignment of data accesses"); accesses with a stricter
 * requirement of their own keep it. */
static JitMemOp align_mo(DisasContext *s, JitMemOp mo)
{
    if ((s->tb_flags & ARM_TBFLAG_ALIGN) && !(mo & JIT_MO_ALIGN_MASK)) {
        mo |= JIT_MO_ALIGN;
    }
    return mo;
}

void gen_load(DisasContext *s, IrTemp dst, IrTemp addr, JitMemOp mo, int mmu_idx)
{
    mo = align_mo(s, mo);
    ir_qemu_ld(s->b, IR_I64, dst, addr, mo, mmu_idx);
}

void gen_store(DisasContext *s, IrTemp val, IrTemp addr, JitMemOp mo, int mmu_idx)
{
    mo = align_mo(s, mo);
    ir_qemu_st(s->b, IR_I64, val, addr, mo, mmu_idx);
}

/* ---- the block loop ---- */

IrBlock *arm_translate_block(ArmCpu *cpu, uint64_t pc, uint64_t flags, unsigned max_insns,
                             unsigned *ninsns)
{
    ArmTranslateOpts o = { .max_insns = max_insns };

    return arm_translate_block_opts(cpu, pc, flags, &o, ninsns);
}

IrBlock *arm_translate_block_opts(ArmCpu *cpu, uint64_t pc, uint64_t flags,
                                  const ArmTranslateOpts *opts, unsigned *ninsns)
{
    unsigned max_insns = opts->max_insns ? opts->max_insns : 1;
    DisasContext s = {
        .cpu = cpu,
        .el = (flags >> ARM_TBFLAG_EL_SHIFT) & 3,
        .tb_flags = flags,
        .is_jmp = DISAS_NEXT,
    };
    const uint8_t *host = NULL;
    uint64_t page = pc & TB_PAGE_MASK;

    arm_translate_init();
    s.b = ir_block_new(&arm_ir_ctx);
    s.b->guest_pc = pc;
    s.mmu_idx = arm_mmu_idx(s.el);
    s.unpriv_idx = ARM_MMU_EL0;

    for (;;) {
        s.pc = pc;
        s.pc_next = pc + 4;
        /* A gdb breakpoint: stop before the instruction, PC = its address
         * (gdb expects no PC adjustment on AArch64). Translation time only:
         * inserting or removing one invalidates every block. */
        if (arm_gdb_breakpoint_at(pc) && !(s.ninsns == 0 && opts->skip_breakpoint_at_start)) {
            gen_exit(&s, pc, ARM_EXIT_DEBUG);
            break;
        }
        if (!host) {
            /* the run loop has checked that this page is executable RAM */
            void *h;
            jit_tlb_translate_code(&cpu->jit, pc, s.mmu_idx, &h);
            host = (const uint8_t *)h - (pc & ~TB_PAGE_MASK);
        }
        s.insn = (uint32_t)host[pc & ~TB_PAGE_MASK] |
                 (uint32_t)host[(pc & ~TB_PAGE_MASK) + 1] << 8 |
                 (uint32_t)host[(pc & ~TB_PAGE_MASK) + 2] << 16 |
                 (uint32_t)host[(pc & ~TB_PAGE_MASK) + 3] << 24;
        ir_insn_start(s.b, pc);
        if (!a64_decode(&s, s.insn)) {
            undecoded(&s);
        }
        s.ninsns++;
        if (s.is_jmp != DISAS_NEXT) {
            break;
        }
        pc += 4;
        if (s.ninsns >= max_insns || (pc & TB_PAGE_MASK) != page) {
            gen_goto_tb(&s, 0, pc);
            break;
        }
    }
    if (s.is_jmp == DISAS_UPDATE_EXIT) {
        gen_exit(&s, s.pc_next, ARM_EXIT_NORMAL);
    }
    *ninsns = s.ninsns;
    return s.b;
}
