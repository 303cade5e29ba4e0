/* SSE2 register moves for the FP/SIMD work (SDM Vol. 2 "MOVD/MOVQ",
 * "MOVDQU", "MOVDQA", "MOVAPS", "PXOR"). XMM numbers are X86_XMM0..15; the
 * core masks them to 4 bits, so REX.R/B select xmm8..15 as for GPRs. */
#include "jit/x86-enc.h"

void x86_movq_xr(X86Asm *a, X86Reg xmm, X86Reg gpr)
{
    x86_op_rr(a, X86_P_66 | X86_P_W | X86_P_0F | 0x6E, xmm, gpr);
}

void x86_movq_rx(X86Asm *a, X86Reg gpr, X86Reg xmm)
{
    x86_op_rr(a, X86_P_66 | X86_P_W | X86_P_0F | 0x7E, xmm, gpr);
}

void x86_movd_xr(X86Asm *a, X86Reg xmm, X86Reg gpr)
{
    x86_op_rr(a, X86_P_66 | X86_P_0F | 0x6E, xmm, gpr);
}

void x86_movd_rx(X86Asm *a, X86Reg gpr, X86Reg xmm)
{
    x86_op_rr(a, X86_P_66 | X86_P_0F | 0x7E, xmm, gpr);
}

void x86_movq_load(X86Asm *a, X86Reg xmm, X86Mem m)
{
    x86_op_rm(a, X86_P_F3 | X86_P_0F | 0x7E, xmm, &m, 0);
}

void x86_movq_store(X86Asm *a, X86Mem m, X86Reg xmm)
{
    x86_op_rm(a, X86_P_66 | X86_P_0F | 0xD6, xmm, &m, 0);
}

void x86_movdqu_load(X86Asm *a, X86Reg xmm, X86Mem m)
{
    x86_op_rm(a, X86_P_F3 | X86_P_0F | 0x6F, xmm, &m, 0);
}

void x86_movdqu_store(X86Asm *a, X86Mem m, X86Reg xmm)
{
    x86_op_rm(a, X86_P_F3 | X86_P_0F | 0x7F, xmm, &m, 0);
}

void x86_movdqa_load(X86Asm *a, X86Reg xmm, X86Mem m)
{
    x86_op_rm(a, X86_P_66 | X86_P_0F | 0x6F, xmm, &m, 0);
}

void x86_movdqa_store(X86Asm *a, X86Mem m, X86Reg xmm)
{
    x86_op_rm(a, X86_P_66 | X86_P_0F | 0x7F, xmm, &m, 0);
}

void x86_movaps_rr(X86Asm *a, X86Reg dst, X86Reg src)
{
    x86_op_rr(a, X86_P_0F | 0x28, dst, src);
}

void x86_pxor(X86Asm *a, X86Reg dst, X86Reg src)
{
    x86_op_rr(a, X86_P_66 | X86_P_0F | 0xEF, dst, src);
}
