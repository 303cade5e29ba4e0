/* x86-64 integer instructions. Opcodes from the Intel SDM Vol. 2 opcode map
 * (appendix A) and the per-instruction pages; the ALU, shift and unary
 * groups are driven by their /digit (the enum values in x86-enc.h). */
#include "jit/x86-enc.h"

static bool fits_s8(int64_t v)
{
    return v >= -128 && v <= 127;
}

/* Immediate of an operand size: imm8, imm16, or imm32 (sign-extended to
 * 64 bits by REX.W forms). */
static void emit_imm(X86Asm *a, X86Size sz, int32_t imm)
{
    if (sz == X86_S8) {
        x86_byte(a, (uint8_t)imm);
    } else if (sz == X86_S16) {
        x86_u16(a, (uint16_t)imm);
    } else {
        x86_u32(a, (uint32_t)imm);
    }
}

static unsigned imm_len(X86Size sz)
{
    return sz == X86_S8 ? 1 : sz == X86_S16 ? 2 : 4;
}

/* Opcodes whose ModR/M.reg holds a /digit, not a register: only the rm
 * operand can be a byte register. */
static uint32_t digit_op(uint32_t opc, X86Size sz)
{
    return x86_sized(opc, sz) & ~X86_P_BYTE_R;
}

static uint32_t wide(X86Size sz)
{
    return sz == X86_S64 ? X86_P_W : 0;
}

/* ---- moves ---- */

void x86_mov_ri32(X86Asm *a, X86Reg dst, uint32_t imm)
{
    x86_op(a, 0xB8u + (dst & 7), -1, -1, dst);
    x86_u32(a, imm);
}

void x86_mov_ri64s(X86Asm *a, X86Reg dst, int32_t imm)
{
    x86_op_rr(a, 0xC7 | X86_P_W, 0, dst);
    x86_u32(a, (uint32_t)imm);
}

void x86_movabs(X86Asm *a, X86Reg dst, uint64_t imm)
{
    x86_op(a, (0xB8u + (dst & 7)) | X86_P_W, -1, -1, dst);
    x86_u64(a, imm);
}

void x86_movi(X86Asm *a, X86Reg dst, uint64_t imm)
{
    if (imm <= UINT32_MAX) {
        x86_mov_ri32(a, dst, (uint32_t)imm);            /* 5-6 bytes */
    } else if ((int64_t)imm >= INT32_MIN && (int64_t)imm < 0) {
        x86_mov_ri64s(a, dst, (int32_t)imm);            /* 7 bytes */
    } else {
        x86_movabs(a, dst, imm);                        /* 10 bytes */
    }
}

void x86_zero(X86Asm *a, X86Reg dst)
{
    x86_alu_rr(a, X86_XOR, X86_S32, dst, dst);
}

void x86_mov_rr(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    x86_op_rr(a, x86_sized(0x89, sz), src, dst);
}

void x86_load(X86Asm *a, X86Size sz, X86Reg dst, X86Mem m)
{
    x86_op_rm(a, x86_sized(0x8B, sz), dst, &m, 0);
}

void x86_store(X86Asm *a, X86Size sz, X86Mem m, X86Reg src)
{
    x86_op_rm(a, x86_sized(0x89, sz), src, &m, 0);
}

void x86_store_imm(X86Asm *a, X86Size sz, X86Mem m, int32_t imm)
{
    x86_op_rm(a, digit_op(0xC7, sz), 0, &m, imm_len(sz));
    emit_imm(a, sz, imm);
}

void x86_movzx(X86Asm *a, X86Size src_sz, X86Reg dst, X86Reg src)
{
    if (src_sz == X86_S8) {
        x86_op_rr(a, X86_P_0F | X86_P_BYTE_RM | 0xB6, dst, src);
    } else {
        x86_op_rr(a, X86_P_0F | 0xB7, dst, src);
    }
}

void x86_movzx_m(X86Asm *a, X86Size src_sz, X86Reg dst, X86Mem m)
{
    x86_op_rm(a, X86_P_0F | (src_sz == X86_S8 ? 0xB6 : 0xB7), dst, &m, 0);
}

void x86_movsx(X86Asm *a, X86Size src_sz, X86Size dst_sz, X86Reg dst, X86Reg src)
{
    if (src_sz == X86_S32) {
        x86_op_rr(a, 0x63 | X86_P_W, dst, src);            /* movsxd */
    } else if (src_sz == X86_S8) {
        x86_op_rr(a, X86_P_0F | X86_P_BYTE_RM | 0xBE | wide(dst_sz), dst, src);
    } else {
        x86_op_rr(a, X86_P_0F | 0xBF | wide(dst_sz), dst, src);
    }
}

void x86_movsx_m(X86Asm *a, X86Size src_sz, X86Size dst_sz, X86Reg dst, X86Mem m)
{
    uint32_t opc = src_sz == X86_S32 ? (0x63 | X86_P_W)
                 : (X86_P_0F | (src_sz == X86_S8 ? 0xBE : 0xBF) | wide(dst_sz));
    x86_op_rm(a, opc, dst, &m, 0);
}

void x86_lea(X86Asm *a, X86Size sz, X86Reg dst, X86Mem m)
{
    x86_op_rm(a, 0x8D | wide(sz), dst, &m, 0);
}

/* ---- ALU ---- */

void x86_alu_rr(X86Asm *a, X86Alu op, X86Size sz, X86Reg dst, X86Reg src)
{
    x86_op_rr(a, x86_sized(op * 8u + 1, sz), src, dst);
}

void x86_alu_ri(X86Asm *a, X86Alu op, X86Size sz, X86Reg dst, int32_t imm)
{
    if (sz == X86_S8) {
        x86_op_rr(a, digit_op(0x81, sz), op, dst);       /* 80 /op ib */
        x86_byte(a, (uint8_t)imm);
    } else if (fits_s8(imm)) {
        x86_op_rr(a, digit_op(0x83, sz), op, dst);       /* 83 /op ib */
        x86_byte(a, (uint8_t)imm);
    } else if (dst == X86_RAX) {
        x86_op(a, x86_sized(op * 8u + 5, sz), -1, -1, -1); /* op rAX, imm */
        emit_imm(a, sz, imm);
    } else {
        x86_op_rr(a, digit_op(0x81, sz), op, dst);
        emit_imm(a, sz, imm);
    }
}

void x86_alu_rm(X86Asm *a, X86Alu op, X86Size sz, X86Reg dst, X86Mem m)
{
    x86_op_rm(a, x86_sized(op * 8u + 3, sz), dst, &m, 0);
}

void x86_alu_mr(X86Asm *a, X86Alu op, X86Size sz, X86Mem m, X86Reg src)
{
    x86_op_rm(a, x86_sized(op * 8u + 1, sz), src, &m, 0);
}

void x86_alu_mi(X86Asm *a, X86Alu op, X86Size sz, X86Mem m, int32_t imm)
{
    if (sz != X86_S8 && fits_s8(imm)) {
        x86_op_rm(a, digit_op(0x83, sz), op, &m, 1);
        x86_byte(a, (uint8_t)imm);
    } else {
        x86_op_rm(a, digit_op(0x81, sz), op, &m, imm_len(sz));
        emit_imm(a, sz, imm);
    }
}

void x86_test_rr(X86Asm *a, X86Size sz, X86Reg r1, X86Reg r2)
{
    x86_op_rr(a, x86_sized(0x85, sz), r2, r1);
}

void x86_test_ri(X86Asm *a, X86Size sz, X86Reg r, int32_t imm)
{
    if (r == X86_RAX) {
        x86_op(a, x86_sized(0xA9, sz), -1, -1, -1);       /* test rAX, imm */
    } else {
        x86_op_rr(a, digit_op(0xF7, sz), 0, r);
    }
    emit_imm(a, sz, imm);
}

void x86_test_mi(X86Asm *a, X86Size sz, X86Mem m, int32_t imm)
{
    x86_op_rm(a, digit_op(0xF7, sz), 0, &m, imm_len(sz));
    emit_imm(a, sz, imm);
}

/* ---- shifts, multiply, divide ---- */

void x86_shift_ri(X86Asm *a, X86Shift op, X86Size sz, X86Reg r, uint8_t count)
{
    if (count == 1) {
        x86_op_rr(a, digit_op(0xD1, sz), op, r);
    } else {
        x86_op_rr(a, digit_op(0xC1, sz), op, r);
        x86_byte(a, count);
    }
}

void x86_shift_cl(X86Asm *a, X86Shift op, X86Size sz, X86Reg r)
{
    x86_op_rr(a, digit_op(0xD3, sz), op, r);
}

void x86_unary(X86Asm *a, X86Unary op, X86Size sz, X86Reg r)
{
    x86_op_rr(a, digit_op(0xF7, sz), op, r);
}

void x86_imul_rr(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    x86_op_rr(a, X86_P_0F | 0xAF | wide(sz) | (sz == X86_S16 ? X86_P_66 : 0), dst, src);
}

void x86_imul_rri(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, int32_t imm)
{
    uint32_t pfx = wide(sz) | (sz == X86_S16 ? X86_P_66 : 0);

    if (fits_s8(imm)) {
        x86_op_rr(a, 0x6B | pfx, dst, src);
        x86_byte(a, (uint8_t)imm);
    } else {
        x86_op_rr(a, 0x69 | pfx, dst, src);
        emit_imm(a, sz, imm);
    }
}

void x86_cqo(X86Asm *a, X86Size sz)
{
    x86_op(a, x86_sized(0x99, sz), -1, -1, -1);
}

void x86_bswap(X86Asm *a, X86Size sz, X86Reg r)
{
    x86_op(a, X86_P_0F | (0xC8u + (r & 7)) | wide(sz), -1, -1, r);
}

void x86_xchg_rr(X86Asm *a, X86Size sz, X86Reg r1, X86Reg r2)
{
    /* Never the short 90+r form: 90 is NOP, not xchg eax, eax, in 64-bit
     * mode (it would not zero-extend). */
    x86_op_rr(a, x86_sized(0x87, sz), r2, r1);
}

void x86_push(X86Asm *a, X86Reg r)
{
    x86_op(a, 0x50u + (r & 7), -1, -1, r);
}

void x86_pop(X86Asm *a, X86Reg r)
{
    x86_op(a, 0x58u + (r & 7), -1, -1, r);
}

void x86_ret(X86Asm *a)
{
    x86_byte(a, 0xC3);
}

void x86_ud2(X86Asm *a)
{
    x86_byte(a, 0x0F);
    x86_byte(a, 0x0B);
}

void x86_int3(X86Asm *a)
{
    x86_byte(a, 0xCC);
}

/* ---- bit counting ---- */

static void bitop(X86Asm *a, uint32_t opc, X86Size sz, X86Reg dst, X86Reg src)
{
    x86_op_rr(a, opc | X86_P_0F | wide(sz) | (sz == X86_S16 ? X86_P_66 : 0), dst, src);
}

void x86_lzcnt(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    bitop(a, X86_P_F3 | 0xBD, sz, dst, src);
}

void x86_tzcnt(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    bitop(a, X86_P_F3 | 0xBC, sz, dst, src);
}

void x86_popcnt(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    bitop(a, X86_P_F3 | 0xB8, sz, dst, src);
}

void x86_bsr(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    bitop(a, 0xBD, sz, dst, src);
}

void x86_bsf(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    bitop(a, 0xBC, sz, dst, src);
}

void x86_clz(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    unsigned bits = sz == X86_S64 ? 64 : 32;
    X86Label done;

    x86_host_detect();
    if (x86_host.lzcnt) {
        x86_lzcnt(a, sz, dst, src);
        return;
    }
    /* BSR gives the index of the highest set bit, so clz = (bits-1) - idx
     * = idx ^ (bits-1). For a zero input BSR sets ZF and leaves dst
     * undefined (SDM "BSR"); load 2*bits-1 so the xor yields bits. */
    x86_label_init(&done);
    x86_bsr(a, sz, dst, src);
    x86_jcc_short(a, X86_CC_NZ, &done);
    x86_mov_ri32(a, dst, 2 * bits - 1);
    x86_bind(a, &done);
    x86_alu_ri(a, X86_XOR, X86_S32, dst, (int32_t)(bits - 1));
}

void x86_ctz(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src)
{
    unsigned bits = sz == X86_S64 ? 64 : 32;
    X86Label done;

    x86_host_detect();
    if (x86_host.bmi1) {
        x86_tzcnt(a, sz, dst, src);
        return;
    }
    /* BSF is TZCNT except for a zero input (ZF set, dst undefined). */
    x86_label_init(&done);
    x86_bsf(a, sz, dst, src);
    x86_jcc_short(a, X86_CC_NZ, &done);
    x86_mov_ri32(a, dst, bits);
    x86_bind(a, &done);
}

/* ---- condition codes ---- */

void x86_setcc(X86Asm *a, X86Cond cc, X86Reg dst)
{
    x86_op_rr(a, X86_P_0F | X86_P_BYTE_RM | (0x90u + cc), 0, dst);
}

void x86_cmov(X86Asm *a, X86Cond cc, X86Size sz, X86Reg dst, X86Reg src)
{
    x86_op_rr(a, X86_P_0F | (0x40u + cc) | wide(sz) | (sz == X86_S16 ? X86_P_66 : 0),
              dst, src);
}

/* ---- BMI1 / BMI2 (VEX.LZ, SDM Vol. 2 "SARX/SHLX/SHRX", "RORX", "ANDN") ---- */

void x86_shlx(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, X86Reg count)
{
    x86_vex_rr(a, X86_P_66 | X86_P_0F38 | 0xF7 | wide(sz), dst, count, src);
}

void x86_shrx(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, X86Reg count)
{
    x86_vex_rr(a, X86_P_F2 | X86_P_0F38 | 0xF7 | wide(sz), dst, count, src);
}

void x86_sarx(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, X86Reg count)
{
    x86_vex_rr(a, X86_P_F3 | X86_P_0F38 | 0xF7 | wide(sz), dst, count, src);
}

void x86_rorx(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, uint8_t imm)
{
    x86_vex_rr(a, X86_P_F2 | X86_P_0F3A | 0xF0 | wide(sz), dst, 0, src);
    x86_byte(a, imm);
}

void x86_andn(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src1, X86Reg src2)
{
    x86_vex_rr(a, X86_P_0F38 | 0xF2 | wide(sz), dst, src1, src2);
}
