/* A64 translators: branches (Arm ARM C4.1.3 "Branches, Exception
 * Generating and System instructions"; C6.2 B, BL, B.cond, CBZ, CBNZ, TBZ,
 * TBNZ, BR, BLR, RET, ERET, DRPS). Direct branches end the block with
 * chained exits (slot 0 = taken, slot 1 = not taken); register branches
 * look the next block up by PC. */
#include "target-arm/exception.h"
#include "target-arm/helpers.h"
#include "target-arm/translate.h"

/* Two-way exit: taken (slot 0) to `dest`, else (slot 1) to the next
 * instruction, on cond(a, b). */
static void gen_cond_exits(DisasContext *s, IrCond cond, IrTemp a, IrTemp b, uint64_t dest)
{
    IrLabel taken = ir_label_new(s->b);

    ir_brcond(s->b, IR_I64, cond, a, b, taken);
    gen_goto_tb(s, 1, s->pc_next);
    ir_set_label(s->b, taken);
    gen_goto_tb(s, 0, dest);
}

bool trans_B(DisasContext *s, arg_b_imm *a)
{
    gen_goto_tb(s, 0, s->pc + a->imm);
    return true;
}

/* BL: X30 = the next instruction's address. */
bool trans_BL(DisasContext *s, arg_b_imm *a)
{
    write_x(s, 30, tmp_const(s, s->pc_next), true);
    gen_goto_tb(s, 0, s->pc + a->imm);
    return true;
}

bool trans_B_cond(DisasContext *s, arg_B_cond *a)
{
    if (a->cond >= 14) {
        /* AL, and NV which ConditionHolds() also treats as always */
        gen_goto_tb(s, 0, s->pc + a->imm);
        return true;
    }
    gen_cond_exits(s, IR_COND_NE, gen_test_cond(s, a->cond), tmp_const(s, 0), s->pc + a->imm);
    return true;
}

/* CBZ/CBNZ: compare the whole 32- or 64-bit register with zero. */
static bool do_cbz(DisasContext *s, arg_cbz *a, bool nz)
{
    IrTemp t = read_x(s, a->rt);

    if (!a->sf) {
        ir_ext32u(s->b, IR_I64, t, t);
    }
    gen_cond_exits(s, nz ? IR_COND_NE : IR_COND_EQ, t, tmp_const(s, 0), s->pc + a->imm);
    return true;
}

bool trans_CBZ(DisasContext *s, arg_cbz *a)
{
    return do_cbz(s, a, false);
}

bool trans_CBNZ(DisasContext *s, arg_cbz *a)
{
    return do_cbz(s, a, true);
}

/* TBZ/TBNZ: bit number b5:b40 (0..63; with b5 = 0 the W form). */
static bool do_tbz(DisasContext *s, arg_tbz *a, bool nz)
{
    gen_cond_exits(s, nz ? IR_COND_TSTNE : IR_COND_TSTEQ, read_x(s, a->rt),
                   tmp_const(s, 1ull << a->bit), s->pc + a->imm);
    return true;
}

bool trans_TBZ(DisasContext *s, arg_tbz *a)
{
    return do_tbz(s, a, false);
}

bool trans_TBNZ(DisasContext *s, arg_tbz *a)
{
    return do_tbz(s, a, true);
}

/* AArch64.BranchAddr(): with top-byte-ignore in force for the half of the
 * address space bit 55 selects (TCR_EL1.TBI0 / TBI1, both EL0 and EL1 use
 * the EL1&0 regime), the PC gets bits 63:56 = bit 55. */
static IrTemp branch_addr(DisasContext *s, IrTemp dest)
{
    bool tbi0 = s->tb_flags & ARM_TBFLAG_TBI0, tbi1 = s->tb_flags & ARM_TBFLAG_TBI1;
    IrTemp ext, out;

    if (!tbi0 && !tbi1) {
        return dest;
    }
    ext = new_tmp(s);
    ir_sextract(s->b, IR_I64, ext, dest, 0, 56);
    if (tbi0 && tbi1) {
        return ext;
    }
    out = new_tmp(s);
    ir_movcond(s->b, IR_I64, tbi0 ? IR_COND_TSTEQ : IR_COND_TSTNE, out, dest,
               tmp_const(s, 1ull << 55), ext, dest);
    return out;
}

bool trans_BR(DisasContext *s, arg_br *a)
{
    gen_jump_reg(s, branch_addr(s, read_x(s, a->rn)));
    return true;
}

/* BLR: the target is read before X30 is written (BLR X30 works). */
bool trans_BLR(DisasContext *s, arg_br *a)
{
    IrTemp dest = branch_addr(s, read_x(s, a->rn));

    write_x(s, 30, tmp_const(s, s->pc_next), true);
    gen_jump_reg(s, dest);
    return true;
}

bool trans_RET(DisasContext *s, arg_br *a)
{
    gen_jump_reg(s, branch_addr(s, read_x(s, a->rn)));
    return true;
}

/* ERET (C6.2, D1.11): UNDEFINED at EL0. The helper restores PSTATE from
 * SPSR_EL1 and the PC from ELR_EL1; the EL and so the TB flags change, and
 * interrupts may be unmasked: return to the run loop, which looks up the
 * next block under the new state and takes any pending interrupt. */
bool trans_ERET(DisasContext *s, arg_ERET *a)
{
    if (s->el == 0) {
        return gen_undef(s);
    }
    gen_helper(s, &helper_eret, IR_NO_TEMP, 0);
    ir_exit_tb(s->b, ARM_EXIT_NORMAL);
    s->is_jmp = DISAS_NORETURN;
    return true;
}

/* DRPS is UNDEFINED outside Debug state (C6.2 DRPS), and armlet never
 * enters Debug state. */
bool trans_DRPS(DisasContext *s, arg_DRPS *a)
{
    return gen_undef(s);
}
