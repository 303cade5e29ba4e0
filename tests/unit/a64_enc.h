/* Encoders for A64 data-processing instructions in unit tests: one
 * function per encoding group, fields in Arm ARM order (C4.1, the
 * "Data Processing -- Immediate" and "-- Register" groups), so a test reads
 * like the instruction it builds. tests/unit/test_arm_dp.c checks them
 * against the GNU assembler's encodings. */
#ifndef TESTS_UNIT_A64_ENC_H
#define TESTS_UNIT_A64_ENC_H

#include <stdint.h>

static inline uint32_t
a64_addsub_i(unsigned sf, unsigned op, unsigned s, unsigned sh, unsigned imm, unsigned rn,
             unsigned rd)
{
    return sf << 31 | op << 30 | s << 29 | 0x22u << 23 | sh << 22 | imm << 10 | rn << 5 | rd;
}

static inline uint32_t
a64_logic_i(unsigned sf, unsigned opc, unsigned n, unsigned immr, unsigned imms, unsigned rn,
            unsigned rd)
{
    return sf << 31 | opc << 29 | 0x24u << 23 | n << 22 | immr << 16 | imms << 10 | rn << 5 | rd;
}

static inline uint32_t
a64_movw(unsigned sf, unsigned opc, unsigned hw, unsigned imm, unsigned rd)
{
    return sf << 31 | opc << 29 | 0x25u << 23 | hw << 21 | imm << 5 | rd;
}

/* opc: 0 SBFM, 1 BFM, 2 UBFM; N = sf */
static inline uint32_t
a64_bitfield(unsigned sf, unsigned opc, unsigned immr, unsigned imms, unsigned rn, unsigned rd)
{
    return sf << 31 | opc << 29 | 0x26u << 23 | sf << 22 | immr << 16 | imms << 10 | rn << 5 | rd;
}

static inline uint32_t
a64_extr(unsigned sf, unsigned rm, unsigned imms, unsigned rn, unsigned rd)
{
    return sf << 31 | 0x27u << 23 | sf << 22 | rm << 16 | imms << 10 | rn << 5 | rd;
}

static inline uint32_t
a64_adr(unsigned page, int64_t imm, unsigned rd)
{
    uint32_t v = (uint32_t)imm & 0x1fffff;
    return page << 31 | (v & 3) << 29 | 0x10u << 24 | (v >> 2) << 5 | rd;
}

/* opc: 0 AND, 1 ORR, 2 EOR, 3 ANDS; n inverts Rm (BIC, ORN, EON, BICS);
 * shift: 0 LSL, 1 LSR, 2 ASR, 3 ROR */
static inline uint32_t
a64_logic_r(unsigned sf, unsigned opc, unsigned n, unsigned shift, unsigned amt, unsigned rm,
            unsigned rn, unsigned rd)
{
    return sf << 31 | opc << 29 | 0x0au << 24 | shift << 22 | n << 21 | rm << 16 | amt << 10 |
           rn << 5 | rd;
}

static inline uint32_t
a64_addsub_r(unsigned sf, unsigned op, unsigned s, unsigned shift, unsigned amt, unsigned rm,
             unsigned rn, unsigned rd)
{
    return sf << 31 | op << 30 | s << 29 | 0x0bu << 24 | shift << 22 | rm << 16 | amt << 10 |
           rn << 5 | rd;
}

/* option: 0 UXTB .. 3 UXTX, 4 SXTB .. 7 SXTX */
static inline uint32_t
a64_addsub_x(unsigned sf, unsigned op, unsigned s, unsigned option, unsigned amt, unsigned rm,
             unsigned rn, unsigned rd)
{
    return sf << 31 | op << 30 | s << 29 | 0x0bu << 24 | 1u << 21 | rm << 16 | option << 13 |
           amt << 10 | rn << 5 | rd;
}

/* op: 0 ADC, 1 SBC */
static inline uint32_t
a64_adc(unsigned sf, unsigned op, unsigned s, unsigned rm, unsigned rn, unsigned rd)
{
    return sf << 31 | op << 30 | s << 29 | 0xd0u << 21 | rm << 16 | rn << 5 | rd;
}

/* op: 0 CCMN, 1 CCMP; imm: rm_imm is a 5-bit immediate */
static inline uint32_t
a64_ccmp(unsigned sf, unsigned op, unsigned imm, unsigned rm_imm, unsigned cond, unsigned rn,
         unsigned nzcv)
{
    return sf << 31 | op << 30 | 1u << 29 | 0xd2u << 21 | rm_imm << 16 | cond << 12 | imm << 11 |
           rn << 5 | nzcv;
}

/* (op, o2): CSEL (0,0), CSINC (0,1), CSINV (1,0), CSNEG (1,1) */
static inline uint32_t
a64_csel(unsigned sf, unsigned op, unsigned o2, unsigned rm, unsigned cond, unsigned rn,
         unsigned rd)
{
    return sf << 31 | op << 30 | 0xd4u << 21 | rm << 16 | cond << 12 | o2 << 10 | rn << 5 | rd;
}

/* op31: 0 MADD/MSUB, 1 SMADDL, 2 SMULH, 5 UMADDL, 6 UMULH; o0 = subtract */
static inline uint32_t
a64_dp3(unsigned sf, unsigned op31, unsigned o0, unsigned rm, unsigned ra, unsigned rn,
        unsigned rd)
{
    return sf << 31 | 0x1bu << 24 | op31 << 21 | rm << 16 | o0 << 15 | ra << 10 | rn << 5 | rd;
}

static inline uint32_t
a64_dp2(unsigned sf, unsigned opcode, unsigned rm, unsigned rn, unsigned rd)
{
    return sf << 31 | 0xd6u << 21 | rm << 16 | opcode << 10 | rn << 5 | rd;
}

static inline uint32_t
a64_dp1(unsigned sf, unsigned opcode, unsigned rn, unsigned rd)
{
    return sf << 31 | 1u << 30 | 0xd6u << 21 | opcode << 10 | rn << 5 | rd;
}

#endif
