/* A64 translators: exception generation (Arm ARM C4.1.3, C6.2 SVC, HVC,
 * SMC, BRK, HLT, DCPS1-3). */
#include "target-arm/exception.h"
#include "target-arm/helpers.h"
#include "target-arm/semihosting.h"
#include "target-arm/translate.h"

/* SVC: EC 0x15 with the immediate as ISS; ELR is the next instruction
 * (D1.10.1, preferred return address of an SVC). */
bool trans_SVC(DisasContext *s, arg_exc *a)
{
    gen_exception(s, ESR(EC_SVC64, a->imm), true);
    return true;
}

/* HVC and SMC are UNDEFINED at EL0. At EL1 they reach armlet's PSCI/SMCCC
 * handler when they are the conduit; otherwise they are UNDEFINED because
 * EL2 and EL3 are not implemented. The call may change any state (power a
 * CPU off, end the run), so the block ends after it. */
static bool do_hvc_smc(DisasContext *s, arg_exc *a, bool is_smc)
{
    if (s->el == 0) {
        return gen_undef(s);
    }
    gen_helper(s, &helper_hvc_smc, IR_NO_TEMP, 2, tmp_const(s, a->imm), tmp_const(s, is_smc));
    s->is_jmp = DISAS_UPDATE_EXIT;
    return true;
}

bool trans_HVC(DisasContext *s, arg_exc *a)
{
    return do_hvc_smc(s, a, false);
}

bool trans_SMC(DisasContext *s, arg_exc *a)
{
    return do_hvc_smc(s, a, true);
}

/* BRK: EC 0x3c, ISS = the immediate, ELR = this instruction. */
bool trans_BRK(DisasContext *s, arg_exc *a)
{
    gen_exception(s, ESR(EC_BRK, a->imm), false);
    return true;
}

/* HLT is UNDEFINED unless halting debug is enabled (C6.2 HLT), which an
 * external debugger would do; armlet's debugger is the gdbstub instead.
 * With -semihosting, HLT #0xF000 is a semihosting call instead; the call
 * may end the run, so the block ends after it. */
bool trans_HLT(DisasContext *s, arg_exc *a)
{
    if (a->imm != ARM_SEMIHOST_HLT_IMM || !arm_semihosting_at(s->el)) {
        return gen_undef(s);
    }
    gen_helper(s, &helper_semihosting, IR_NO_TEMP, 0);
    s->is_jmp = DISAS_UPDATE_EXIT;
    return true;
}

/* DCPS1-3 are UNDEFINED outside Debug state (C6.2 DCPS1). */
bool trans_DCPS1(DisasContext *s, arg_exc *a)
{
    return gen_undef(s);
}

bool trans_DCPS2(DisasContext *s, arg_exc *a)
{
    return gen_undef(s);
}

bool trans_DCPS3(DisasContext *s, arg_exc *a)
{
    return gen_undef(s);
}
