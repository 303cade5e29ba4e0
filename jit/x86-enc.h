/* x86-64 instruction encoder: writes host instructions into a byte cursor.
 *
 * Guest-neutral building block for the native backend. Every emitter takes
 * an X86Asm cursor; encodings follow the Intel SDM Vol. 2 (ch. 2 "Instruction
 * Format": legacy prefixes, REX, ModR/M, SIB, displacement, immediate; 2.3
 * VEX for BMI1/BMI2). The cursor never writes past its end: running out of
 * room sets `overflow` and the caller (the backend) flushes the code buffer
 * and translates again. See docs/jit-runtime.md for the coverage list.
 *
 * Addresses: the cursor writes through a writable view of the code buffer
 * while the code runs from an executable alias (W^X dual mapping), so every
 * PC-relative displacement (jmp/call rel32, RIP-relative operands) is
 * computed against the executable address: x86_rx(a, p) = p + a->rx_delta. */
#ifndef JIT_X86_ENC_H
#define JIT_X86_ENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Register numbers are the hardware ones (ModR/M reg/rm, with REX.R/B/X as
 * bit 3). XMM registers use the same 0..15 numbering plus 16 so one enum can
 * name both; the emitters mask the number to 4 bits. */
typedef enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_XMM0, X86_XMM1, X86_XMM2, X86_XMM3, X86_XMM4, X86_XMM5, X86_XMM6,
    X86_XMM7, X86_XMM8, X86_XMM9, X86_XMM10, X86_XMM11, X86_XMM12,
    X86_XMM13, X86_XMM14, X86_XMM15,
    X86_NOREG = -1,
} X86Reg;

/* Condition codes, in the order of the tttn field (SDM Vol. 2, B.1.4.7):
 * Jcc = 0F 80+cc, SETcc = 0F 90+cc, CMOVcc = 0F 40+cc. cc ^ 1 inverts. */
typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE,
    X86_CC_BE, X86_CC_A, X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP,
    X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
} X86Cond;
#define X86_CC_C  X86_CC_B
#define X86_CC_NC X86_CC_AE
#define X86_CC_Z  X86_CC_E
#define X86_CC_NZ X86_CC_NE

static inline X86Cond x86_cc_invert(X86Cond cc)
{
    return (X86Cond)(cc ^ 1);
}

/* Operand size. 8-bit forms use the w=0 opcode; 16-bit adds 0x66; 64-bit
 * sets REX.W. A 32-bit destination zero-extends into the full register. */
typedef enum X86Size { X86_S8, X86_S16, X86_S32, X86_S64 } X86Size;

/* The eight classic ALU operations; the value is the /digit of 80/81/83
 * and the opcode row (op * 8 + {0,1,2,3,4,5}). */
typedef enum X86Alu {
    X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP,
} X86Alu;

/* Shift group 2 (C0/C1/D0-D3 /digit). */
typedef enum X86Shift {
    X86_ROL = 0, X86_ROR = 1, X86_RCL = 2, X86_RCR = 3,
    X86_SHL = 4, X86_SHR = 5, X86_SAR = 7,
} X86Shift;

/* Unary group 3 (F6/F7 /digit). MUL..IDIV use rdx:rax implicitly. */
typedef enum X86Unary {
    X86_NOT = 2, X86_NEG = 3, X86_MUL = 4, X86_IMUL1 = 5, X86_DIV = 6, X86_IDIV = 7,
} X86Unary;

/* A memory operand: [base + index*scale + disp], [rip + target] or an
 * absolute disp32. Build with the helpers below. */
typedef struct X86Mem {
    int8_t base;         /* X86_NOREG: no base */
    int8_t index;        /* X86_NOREG: no index; RSP cannot be an index */
    uint8_t shift;       /* scale = 1 << shift */
    bool rip;            /* RIP-relative to `target` */
    int32_t disp;
    uintptr_t target;    /* executable address for RIP-relative operands */
} X86Mem;

static inline X86Mem x86_mem(X86Reg base, int32_t disp)
{
    return (X86Mem){ .base = (int8_t)base, .index = X86_NOREG, .disp = disp };
}

/* scale is 1, 2, 4 or 8. */
static inline X86Mem x86_mem_idx(X86Reg base, X86Reg index, int scale, int32_t disp)
{
    uint8_t sh = scale == 8 ? 3 : scale == 4 ? 2 : scale == 2 ? 1 : 0;
    return (X86Mem){ .base = (int8_t)base, .index = (int8_t)index, .shift = sh, .disp = disp };
}

static inline X86Mem x86_mem_rip(const void *target)
{
    return (X86Mem){ .base = X86_NOREG, .index = X86_NOREG, .rip = true,
                     .target = (uintptr_t)target };
}

/* Absolute [disp32] (sign-extended): only for the low/high 2 GiB. */
static inline X86Mem x86_mem_abs(int32_t addr)
{
    return (X86Mem){ .base = X86_NOREG, .index = X86_NOREG, .disp = addr };
}

typedef struct X86Asm {
    uint8_t *start;      /* writable view: first byte */
    uint8_t *p;          /* writable view: next byte */
    uint8_t *end;        /* writable view: one past the last usable byte */
    intptr_t rx_delta;   /* executable address = writable address + rx_delta */
    bool overflow;       /* ran out of room: the output is incomplete */
    bool range_error;    /* a rel8/rel32/RIP displacement did not fit */
} X86Asm;

void x86_asm_init(X86Asm *a, void *buf, size_t len, intptr_t rx_delta);

static inline uintptr_t x86_rx(const X86Asm *a, const uint8_t *p)
{
    return (uintptr_t)p + (uintptr_t)a->rx_delta;
}

static inline size_t x86_size(const X86Asm *a)
{
    return (size_t)(a->p - a->start);
}

static inline bool x86_ok(const X86Asm *a)
{
    return !a->overflow && !a->range_error;
}

void x86_byte(X86Asm *a, uint8_t b);
void x86_u16(X86Asm *a, uint16_t v);
void x86_u32(X86Asm *a, uint32_t v);
void x86_u64(X86Asm *a, uint64_t v);

/* ---- encoding core (x86-enc.c), shared by the x86-enc-*.c files ----
 * An opcode is its last byte plus these flags for what precedes it. */
#define X86_P_0F      0x00100u   /* 0F escape */
#define X86_P_0F38    0x00200u   /* 0F 38 escape */
#define X86_P_0F3A    0x00400u   /* 0F 3A escape */
#define X86_P_66      0x00800u   /* operand-size / SSE prefix */
#define X86_P_F3      0x01000u
#define X86_P_F2      0x02000u
#define X86_P_W       0x04000u   /* REX.W (VEX.W for VEX forms) */
#define X86_P_BYTE_R  0x08000u   /* ModR/M.reg is an 8-bit register */
#define X86_P_BYTE_RM 0x10000u   /* ModR/M.rm is an 8-bit register */

/* Apply an operand size to an opcode whose bit 0 is the w bit. */
uint32_t x86_sized(uint32_t opc, X86Size sz);
/* Prefixes, REX (from r, x, b: bit 3 of each), escapes, opcode byte. */
void x86_op(X86Asm *a, uint32_t opc, int r, int x, int b);
/* opcode + ModR/M with mod=11. */
void x86_op_rr(X86Asm *a, uint32_t opc, int reg, int rm);
/* opcode + ModR/M (+SIB, disp) for a memory operand; imm_bytes is the size
 * of what follows the displacement (needed for RIP-relative). */
void x86_op_rm(X86Asm *a, uint32_t opc, int reg, const X86Mem *m, unsigned imm_bytes);
/* VEX-encoded (3-byte C4 form) opcode with a register rm, vvvv operand. */
void x86_vex_rr(X86Asm *a, uint32_t opc, int reg, int vvvv, int rm);

/* ---- host features (CPUID), see x86-enc.c ---- */

/* X(field, leaf, subleaf, register 0=eax..3=edx, bit, description) */
#define X86_HOST_FEATURES(X)                                                 \
    X(lzcnt, 0x80000001u, 0, 2, 5, "LZCNT (ABM)")                            \
    X(popcnt, 0x00000001u, 0, 2, 23, "POPCNT")                               \
    X(sse41, 0x00000001u, 0, 2, 19, "SSE4.1")                                \
    X(movbe, 0x00000001u, 0, 2, 22, "MOVBE")                                 \
    X(bmi1, 0x00000007u, 0, 1, 3, "BMI1 (TZCNT, ANDN)")                      \
    X(bmi2, 0x00000007u, 0, 1, 8, "BMI2 (SHLX, SHRX, SARX, RORX)")

typedef struct X86HostFeatures {
#define X86_FEATURE_FIELD(f, leaf, sub, reg, bit, desc) bool f;
    X86_HOST_FEATURES(X86_FEATURE_FIELD)
#undef X86_FEATURE_FIELD
    bool detected;
} X86HostFeatures;

/* Filled by x86_host_detect(); writable so tests (and a future option) can
 * turn features off to exercise the fallbacks. */
extern X86HostFeatures x86_host;
/* Run CPUID once (idempotent). The emitters that depend on a feature call
 * it themselves, so explicit calls are only needed before reading x86_host. */
void x86_host_detect(void);
/* One line per feature: "lzcnt: yes". */
void x86_host_print(FILE *f);

/* ---- integer instructions (x86-enc-int.c) ---- */

/* Shortest flag-preserving form: mov r32, imm32 when the value fits in 32
 * unsigned bits, mov r/m64, simm32 when it fits signed, else movabs. */
void x86_movi(X86Asm *a, X86Reg dst, uint64_t imm);
void x86_mov_ri32(X86Asm *a, X86Reg dst, uint32_t imm);     /* B8+r id, zero-extends */
void x86_mov_ri64s(X86Asm *a, X86Reg dst, int32_t imm);     /* REX.W C7 /0 id */
void x86_movabs(X86Asm *a, X86Reg dst, uint64_t imm);       /* REX.W B8+r io */
/* xor r32, r32: shortest zeroing, clobbers flags. */
void x86_zero(X86Asm *a, X86Reg dst);

void x86_mov_rr(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);
void x86_load(X86Asm *a, X86Size sz, X86Reg dst, X86Mem m);   /* mov r, [m] */
void x86_store(X86Asm *a, X86Size sz, X86Mem m, X86Reg src);  /* mov [m], r */
void x86_store_imm(X86Asm *a, X86Size sz, X86Mem m, int32_t imm); /* C6/C7 /0 */
/* movzx r32, r/m8|16 (src_sz S8/S16): the 32-bit result zero-extends. */
void x86_movzx(X86Asm *a, X86Size src_sz, X86Reg dst, X86Reg src);
void x86_movzx_m(X86Asm *a, X86Size src_sz, X86Reg dst, X86Mem m);
/* movsx/movsxd: src_sz S8/S16/S32 into dst_sz S32/S64. */
void x86_movsx(X86Asm *a, X86Size src_sz, X86Size dst_sz, X86Reg dst, X86Reg src);
void x86_movsx_m(X86Asm *a, X86Size src_sz, X86Size dst_sz, X86Reg dst, X86Mem m);
void x86_lea(X86Asm *a, X86Size sz, X86Reg dst, X86Mem m);

void x86_alu_rr(X86Asm *a, X86Alu op, X86Size sz, X86Reg dst, X86Reg src);
/* imm8 form when it fits, the short rAX form otherwise for RAX. */
void x86_alu_ri(X86Asm *a, X86Alu op, X86Size sz, X86Reg dst, int32_t imm);
void x86_alu_rm(X86Asm *a, X86Alu op, X86Size sz, X86Reg dst, X86Mem m);  /* op r, [m] */
void x86_alu_mr(X86Asm *a, X86Alu op, X86Size sz, X86Mem m, X86Reg src);  /* op [m], r */
void x86_alu_mi(X86Asm *a, X86Alu op, X86Size sz, X86Mem m, int32_t imm);
void x86_test_rr(X86Asm *a, X86Size sz, X86Reg r1, X86Reg r2);
void x86_test_ri(X86Asm *a, X86Size sz, X86Reg r, int32_t imm);
void x86_test_mi(X86Asm *a, X86Size sz, X86Mem m, int32_t imm);

void x86_shift_ri(X86Asm *a, X86Shift op, X86Size sz, X86Reg r, uint8_t count);
void x86_shift_cl(X86Asm *a, X86Shift op, X86Size sz, X86Reg r);
void x86_unary(X86Asm *a, X86Unary op, X86Size sz, X86Reg r);
void x86_imul_rr(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);
void x86_imul_rri(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, int32_t imm);
/* cdq (S32) / cqo (S64): sign-extend rax into rdx before idiv. */
void x86_cqo(X86Asm *a, X86Size sz);
void x86_bswap(X86Asm *a, X86Size sz, X86Reg r);              /* S32/S64 */
void x86_xchg_rr(X86Asm *a, X86Size sz, X86Reg r1, X86Reg r2);
void x86_push(X86Asm *a, X86Reg r);
void x86_pop(X86Asm *a, X86Reg r);
void x86_ret(X86Asm *a);
void x86_ud2(X86Asm *a);
void x86_int3(X86Asm *a);

/* Bit counting. The raw forms need the feature (lzcnt/bmi1/popcnt); the
 * clz/ctz forms pick LZCNT/TZCNT when the host has them and otherwise emit
 * BSR/BSF with a short branch for a zero input (the result is then the
 * operand width, as LZCNT/TZCNT define it). dst may equal src. */
void x86_lzcnt(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);
void x86_tzcnt(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);
void x86_popcnt(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);
void x86_bsr(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);
void x86_bsf(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);
void x86_clz(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);
void x86_ctz(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src);

void x86_setcc(X86Asm *a, X86Cond cc, X86Reg dst);            /* 8-bit dst */
void x86_cmov(X86Asm *a, X86Cond cc, X86Size sz, X86Reg dst, X86Reg src);

/* BMI2 / BMI1 (VEX-encoded, S32/S64). Only call when x86_host has them. */
void x86_shlx(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, X86Reg count);
void x86_shrx(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, X86Reg count);
void x86_sarx(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, X86Reg count);
void x86_rorx(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src, uint8_t imm);
/* dst = ~src1 & src2 */
void x86_andn(X86Asm *a, X86Size sz, X86Reg dst, X86Reg src1, X86Reg src2);

/* Multi-byte NOPs (SDM Vol. 2 "NOP": recommended sequences), n bytes. */
void x86_nop(X86Asm *a, unsigned n);
/* Pad with NOPs until the executable address is a multiple of align. */
void x86_align(X86Asm *a, unsigned align);

/* ---- control flow (x86-enc-jump.c) ---- */

/* A label: bound to a position, or collecting forward references that are
 * patched when it is bound. */
#define X86_LABEL_MAX_FIXUPS 16
typedef struct X86Label {
    uint8_t *pos;                 /* writable address once bound, else NULL */
    unsigned nfix;
    struct {
        uint8_t *at;              /* the displacement field */
        uint8_t size;             /* 1 or 4 */
    } fix[X86_LABEL_MAX_FIXUPS];
} X86Label;

static inline void x86_label_init(X86Label *l)
{
    l->pos = NULL;
    l->nfix = 0;
}

void x86_bind(X86Asm *a, X86Label *l);
/* To a bound label: the shortest form. To an unbound one: rel32, or rel8 for
 * the _short variants (the caller promises the label is within 127 bytes;
 * if not, range_error is set at bind time). */
void x86_jmp(X86Asm *a, X86Label *l);
void x86_jcc(X86Asm *a, X86Cond cc, X86Label *l);
void x86_jmp_short(X86Asm *a, X86Label *l);
void x86_jcc_short(X86Asm *a, X86Cond cc, X86Label *l);

/* Jumps and calls to an absolute executable address. Return false (and set
 * range_error) if the target is beyond rel32 reach. */
bool x86_jmp_abs(X86Asm *a, uintptr_t target);
bool x86_jcc_abs(X86Asm *a, X86Cond cc, uintptr_t target);
bool x86_call_rel(X86Asm *a, const void *target);
/* True if a rel32 from the cursor can reach target. */
bool x86_rel32_reaches(const X86Asm *a, uintptr_t target);
/* call rel32 when in reach, else mov scratch, imm64; call scratch. */
void x86_call(X86Asm *a, const void *target, X86Reg scratch);
void x86_call_reg(X86Asm *a, X86Reg r);
void x86_jmp_reg(X86Asm *a, X86Reg r);
void x86_call_mem(X86Asm *a, X86Mem m);
void x86_jmp_mem(X86Asm *a, X86Mem m);

/* A patchable direct exit for block chaining: NOP padding so that the rel32
 * field is 4-byte aligned (an aligned 4-byte store is atomic and never tears
 * across a cache line, SDM Vol. 3 8.1.1), then `jmp rel32` to the
 * instruction that follows it. Returns the writable address of the rel32
 * field; the unchained target is x86_rx() of the cursor after the call. */
uint8_t *x86_jmp_patchable(X86Asm *a);
/* Retarget a patchable jump. site_rw is where to write, site_rx the same
 * field's executable address. */
void x86_patch_jmp(uint8_t *site_rw, uintptr_t site_rx, uintptr_t target_rx);

/* ---- SSE2 moves (x86-enc-sse.c) ---- */

void x86_movq_xr(X86Asm *a, X86Reg xmm, X86Reg gpr);   /* movq xmm, r64 */
void x86_movq_rx(X86Asm *a, X86Reg gpr, X86Reg xmm);   /* movq r64, xmm */
void x86_movd_xr(X86Asm *a, X86Reg xmm, X86Reg gpr);   /* movd xmm, r32 */
void x86_movd_rx(X86Asm *a, X86Reg gpr, X86Reg xmm);   /* movd r32, xmm */
void x86_movq_load(X86Asm *a, X86Reg xmm, X86Mem m);
void x86_movq_store(X86Asm *a, X86Mem m, X86Reg xmm);
void x86_movdqu_load(X86Asm *a, X86Reg xmm, X86Mem m);
void x86_movdqu_store(X86Asm *a, X86Mem m, X86Reg xmm);
void x86_movdqa_load(X86Asm *a, X86Reg xmm, X86Mem m);
void x86_movdqa_store(X86Asm *a, X86Mem m, X86Reg xmm);
void x86_movaps_rr(X86Asm *a, X86Reg dst, X86Reg src);
void x86_pxor(X86Asm *a, X86Reg dst, X86Reg src);

#endif
