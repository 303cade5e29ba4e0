/* A64 translators: system instructions (Arm ARM C4.1.3 "System", C6.2):
 * hints (NOP, YIELD, WFE, WFI, SEV, SEVL), barriers (CLREX, DSB, DMB,
 * ISB), MSR (immediate), SYS/SYSL (DC, IC, AT, TLBI) and MRS/MSR
 * (register). Which system registers and SYS operations exist, and their
 * access rules, is the table's business (sysregs.h); this file turns a row
 * into IR: a run-time check if the row has one, then a direct access to
 * the storage when the row is plain, or a helper call. */
#include <glib.h>
#include <inttypes.h>
#include <stddef.h>

#include "emu/log.h"
#include "target-arm/exception.h"
#include "target-arm/helper-sys.h"
#include "target-arm/translate.h"

/* ---- hints ---- */

bool trans_NOP(DisasContext *s, arg_NOP *a)
{
    return true;
}

/* YIELD: let the scheduler run another vCPU (end the quantum). */
bool trans_YIELD(DisasContext *s, arg_YIELD *a)
{
    gen_exit(s, s->pc_next, ARM_EXIT_YIELD);
    return true;
}

/* WFI: halt until an interrupt is pending, resuming at the next
 * instruction. At EL0 the helper first applies SCTLR_EL1.nTWI. */
bool trans_WFI(DisasContext *s, arg_WFI *a)
{
    if (s->el == 0) {
        gen_helper(s, &helper_wfx, new_tmp(s), 1, tmp_const(s, 0));
    }
    gen_exit(s, s->pc_next, ARM_EXIT_WFI);
    return true;
}

/* WFE: with the event register set it clears it and completes (the
 * helper says 0); otherwise the vCPU halts. */
bool trans_WFE(DisasContext *s, arg_WFE *a)
{
    IrTemp halt = new_tmp(s);
    IrLabel wait = ir_label_new(s->b);

    gen_helper(s, &helper_wfx, halt, 1, tmp_const(s, 1));
    ir_brcond(s->b, IR_I64, IR_COND_NE, halt, tmp_const(s, 0), wait);
    gen_goto_tb(s, 0, s->pc_next);
    ir_set_label(s->b, wait);
    gen_exit(s, s->pc_next, ARM_EXIT_WFE);
    return true;
}

bool trans_SEV(DisasContext *s, arg_SEV *a)
{
    gen_helper(s, &helper_sev, IR_NO_TEMP, 0);
    return true;
}

/* SEVL: an event for this PE only. */
bool trans_SEVL(DisasContext *s, arg_SEVL *a)
{
    ir_st_env(s->b, IR_I64, tmp_const(s, 1), offsetof(ArmCpu, event), JIT_MO_8);
    return true;
}

/* Every other hint (including those later extensions define in the hint
 * space, e.g. ESB, PSB, CSDB, BTI, PAC*SP) executes as a NOP (C6.2 HINT). */
bool trans_HINT(DisasContext *s, arg_HINT *a)
{
    return true;
}

/* ---- barriers ---- */

/* CLREX: clear the local exclusive monitor (B2.9). */
bool trans_CLREX(DisasContext *s, arg_barrier *a)
{
    ir_st_env(s->b, IR_I64, tmp_const(s, UINT64_MAX), offsetof(ArmCpu, excl_addr), JIT_MO_64);
    return true;
}

/* The access types a DMB/DSB orders, from CRm<1:0> (C6.2 DMB): 01 loads
 * before loads and stores, 10 stores before stores, 11 and 00 everything.
 * The shareability domain (CRm<3:2>) does not matter on one host. */
static unsigned barrier_kind(unsigned crm)
{
    switch (crm & 3) {
    case 1: return IR_MB_LD_LD | IR_MB_LD_ST;
    case 2: return IR_MB_ST_ST;
    default: return IR_MB_ALL;
    }
}

bool trans_DSB(DisasContext *s, arg_barrier *a)
{
    ir_mb(s->b, barrier_kind(a->crm));
    return true;
}

bool trans_DMB(DisasContext *s, arg_barrier *a)
{
    ir_mb(s->b, barrier_kind(a->crm));
    return true;
}

/* ISB: later instructions must be fetched (translated) again and see
 * every earlier change of system state: end the block. */
bool trans_ISB(DisasContext *s, arg_barrier *a)
{
    s->is_jmp = DISAS_UPDATE_EXIT;
    return true;
}

/* ---- system registers ---- */

/* ISS of a trapped MSR/MRS/SYS (D13.2.37, EC 0x18): Op0 21:20, Op2 19:17,
 * Op1 16:14, CRn 13:10, Rt 9:5, CRm 4:1, Direction 0 (1 = read). */
static uint32_t sysreg_iss(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                           unsigned op2, unsigned rt, bool read)
{
    return op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 | (read ? 1 : 0);
}

static IrTemp ptr_const(DisasContext *s, const ArmSysregInfo *ri)
{
    return tmp_const(s, (uint64_t)(uintptr_t)ri);
}

/* An encoding the table does not have: UNDEFINED, logged once. */
static bool unknown_sysreg(DisasContext *s, uint32_t key, bool read)
{
    static GHashTable *seen;

    if (log_enabled(LOG_MASK(unimp))) {
        if (!seen) {
            seen = g_hash_table_new(g_direct_hash, g_direct_equal);
        }
        if (g_hash_table_add(seen, GUINT_TO_POINTER(key))) {
            log_printf("unimplemented system %s S%u_%u_C%u_C%u_%u (%s at 0x%" PRIx64 ")\n",
                       ARM_SYSREG_OP0(key) == 1 ? "instruction" : "register",
                       ARM_SYSREG_OP0(key), ARM_SYSREG_OP1(key), ARM_SYSREG_CRN(key),
                       ARM_SYSREG_CRM(key), ARM_SYSREG_OP2(key),
                       ARM_SYSREG_OP0(key) == 1 ? (read ? "SYSL" : "SYS") : (read ? "MRS" : "MSR"),
                       s->pc);
        }
    }
    return gen_undef(s);
}

/* MRS, MSR (register), SYS and SYSL through the table. */
static bool do_sysreg(DisasContext *s, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                      unsigned op2, unsigned rt, bool read)
{
    uint32_t key = ARM_SYSREG(op0, op1, crn, crm, op2);
    const ArmSysregInfo *ri = arm_sysreg_find(key);
    IrBlock *b = s->b;

    if (!ri) {
        return unknown_sysreg(s, key, read);
    }
    /* Not accessible at this EL at all: UNDEFINED (for EL0, D1.13.1: an
     * access that no control traps is reported with EC 0x00). */
    if (!arm_sysreg_el_allows(ri, s->el, !read)) {
        return gen_undef(s);
    }
    if (ri->check) {
        gen_helper(s, &helper_sysreg_check, IR_NO_TEMP, 2, ptr_const(s, ri),
                   tmp_const(s, sysreg_iss(op0, op1, crn, crm, op2, rt, read)));
    }
    if (read) {
        IrTemp v;
        if (ri->read) {
            v = new_tmp(s);
            gen_helper(s, &helper_sysreg_read, v, 1, ptr_const(s, ri));
        } else if (ri->offset >= 0) {
            v = new_tmp(s);
            ir_ld_env(b, IR_I64, v, (uint32_t)ri->offset, JIT_MO_64);
        } else {
            v = tmp_const(s, ri->reset);
        }
        write_x(s, rt, v, true);
        return true;
    }
    if (ri->write) {
        gen_helper(s, &helper_sysreg_write, IR_NO_TEMP, 2, ptr_const(s, ri), read_x(s, rt));
    } else if (ri->offset >= 0) {
        IrTemp v = read_x(s, rt);
        if (ri->res0) {
            ir_and(b, IR_I64, v, v, tmp_const(s, ~ri->res0));
        }
        if (ri->res1) {
            ir_or(b, IR_I64, v, v, tmp_const(s, ri->res1));
        }
        ir_st_env(b, IR_I64, v, (uint32_t)ri->offset, JIT_MO_64);
    }
    if (ri->access & SR_IO) {
        s->is_jmp = DISAS_UPDATE_EXIT;
    }
    return true;
}

bool trans_MRS(DisasContext *s, arg_sysreg *a)
{
    return do_sysreg(s, 2 | a->o0, a->op1, a->crn, a->crm, a->op2, a->rt, true);
}

bool trans_MSR_r(DisasContext *s, arg_sysreg *a)
{
    return do_sysreg(s, 2 | a->o0, a->op1, a->crn, a->crm, a->op2, a->rt, false);
}

bool trans_SYS(DisasContext *s, arg_sys *a)
{
    return do_sysreg(s, 1, a->op1, a->crn, a->crm, a->op2, a->rt, false);
}

/* No SYSL operation exists in ARMv8.0: the table has no readable op0 = 1
 * row, so every SYSL is UNDEFINED through the same path. */
bool trans_SYSL(DisasContext *s, arg_sys *a)
{
    return do_sysreg(s, 1, a->op1, a->crn, a->crm, a->op2, a->rt, true);
}

/* ---- MSR (immediate), C6.2 / C5.2 PSTATE fields ---- */

/* MSR SPSel, #imm: EL1 only (UNDEFINED at EL0). */
bool trans_MSR_i_SPSEL(DisasContext *s, arg_msr_i *a)
{
    if (s->el == 0) {
        return gen_undef(s);
    }
    gen_helper(s, &helper_sysreg_write, IR_NO_TEMP, 2,
               ptr_const(s, arm_sysreg_find(ARM_SYSREG(3, 0, 4, 2, 0))),
               tmp_const(s, a->imm & 1));
    return true;
}

/* DAIFSet/DAIFClr: at EL0 allowed only with SCTLR_EL1.UMA, else trapped
 * with EC 0x18 (the DAIF row's check; ISS with Op0 0, CRn 4, CRm = imm,
 * Rt 31). Clearing a mask ends the block so a pending interrupt is taken
 * right after. */
static bool do_daif(DisasContext *s, arg_msr_i *a, bool set)
{
    const ArmSysregInfo *daif = arm_sysreg_find(ARM_SYSREG(3, 3, 4, 2, 1));
    IrTemp v = new_tmp(s);

    if (s->el == 0) {
        gen_helper(s, &helper_sysreg_check, IR_NO_TEMP, 2, ptr_const(s, daif),
                   tmp_const(s, sysreg_iss(0, 3, 4, a->imm, set ? 6 : 7, 31, false)));
    }
    ir_ld_env(s->b, IR_I64, v, offsetof(ArmCpu, daif), JIT_MO_32);
    if (set) {
        ir_or(s->b, IR_I64, v, v, tmp_const(s, (uint64_t)a->imm << 6));
    } else {
        ir_andc(s->b, IR_I64, v, v, tmp_const(s, (uint64_t)a->imm << 6));
        s->is_jmp = DISAS_UPDATE_EXIT;
    }
    ir_st_env(s->b, IR_I64, v, offsetof(ArmCpu, daif), JIT_MO_32);
    return true;
}

bool trans_MSR_i_DAIFSET(DisasContext *s, arg_msr_i *a)
{
    return do_daif(s, a, true);
}

bool trans_MSR_i_DAIFCLR(DisasContext *s, arg_msr_i *a)
{
    return do_daif(s, a, false);
}

/* The other PSTATE fields (UAO, PAN, SSBS, DIT, TCO...) belong to
 * extensions armlet does not implement or advertise: UNDEFINED. */
bool trans_MSR_i_other(DisasContext *s, arg_MSR_i_other *a)
{
    return false;
}
