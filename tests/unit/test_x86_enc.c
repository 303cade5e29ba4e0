/* The x86-64 encoder, checked against capstone's decoder.
 *
 * Each case emits one instruction (or a short sequence) and names what it
 * must decode to, written from the SDM's description of the instruction.
 * The decoded form is rebuilt from capstone's detail operands in one fixed
 * notation, so the expectations do not depend on capstone's printer:
 *   mnemonic op, op, ...    registers by name; immediates as signed values
 *   of the operand size (decimal when |v| < 65536, else hex of the bits);
 *   memory as SIZE [base+index*scale+disp] (disp in hex, scale 1 omitted);
 *   several instructions joined with "; ". */
#include "tests/unit/test.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <capstone/capstone.h>
#include <glib.h>

#include "jit/x86-enc.h"

/* Register names, by hardware number (SDM Vol. 2, table 3-1 and 2-4). */
static const char *const q_names[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const d_names[16] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
};
static const char *const w_names[16] = {
    "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w",
};
static const char *const b_names[16] = {
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b",
};
static const char *const cc_names[16] = {
    "o", "no", "b", "ae", "e", "ne", "be", "a",
    "s", "ns", "p", "np", "l", "ge", "le", "g",
};
static const char *const alu_names[8] = {
    "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp",
};

#define RX_BASE ((uint64_t)0x10000000)

typedef struct Case {
    char *want;
    int line;
    size_t off;
} Case;

static X86Asm A;
static uint8_t *buf;
static Case *cases;
static size_t ncases, capcases;
static csh cs;

static void setup(void)
{
    buf = malloc(1 << 20);
    CHECK(buf != NULL);
    x86_asm_init(&A, buf, 1 << 20, (intptr_t)(RX_BASE - (uintptr_t)buf));
    CHECK(cs_open(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK);
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
}

static void begin(int line, char *want)
{
    if (ncases == capcases) {
        capcases = capcases ? capcases * 2 : 1024;
        cases = realloc(cases, capcases * sizeof *cases);
    }
    cases[ncases++] = (Case){ want, line, x86_size(&A) };
}

/* E(line-expectation printf args..., emitter statement) */
#define E(stmt, ...) do { begin(__LINE__, g_strdup_printf(__VA_ARGS__)); stmt; } while (0)

static void fmt_imm(GString *s, int64_t v, unsigned size)
{
    unsigned bits = size == 0 || size >= 8 ? 64 : size * 8;
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t u = (uint64_t)v & mask;
    int64_t sv = (bits < 64 && (u >> (bits - 1)) & 1) ? (int64_t)(u | ~mask) : (int64_t)u;

    if (sv > -65536 && sv < 65536) {
        g_string_append_printf(s, "%" PRId64, sv);
    } else {
        g_string_append_printf(s, "0x%" PRIx64, u);
    }
}

static const char *size_word(unsigned size)
{
    switch (size) {
    case 1: return "byte ";
    case 2: return "word ";
    case 4: return "dword ";
    case 8: return "qword ";
    case 16: return "xmmword ";
    default: return "";
    }
}

static void fmt_insn(GString *s, cs_insn *in)
{
    cs_x86 *x = &in->detail->x86;
    bool branch = cs_insn_group(cs, in, CS_GRP_JUMP) || cs_insn_group(cs, in, CS_GRP_CALL);

    g_string_append(s, in->mnemonic);
    for (int i = 0; i < x->op_count; i++) {
        cs_x86_op *op = &x->operands[i];
        g_string_append(s, i ? ", " : " ");
        if (op->type == X86_OP_REG) {
            g_string_append(s, cs_reg_name(cs, op->reg));
        } else if (op->type == X86_OP_IMM) {
            if (branch) {
                g_string_append_printf(s, "0x%" PRIx64, (uint64_t)op->imm);
            } else {
                fmt_imm(s, op->imm, op->size);
            }
        } else if (op->type == X86_OP_MEM) {
            const x86_op_mem *m = &op->mem;
            bool any = false;
            g_string_append_printf(s, "%s[", size_word(op->size));
            if (m->base != X86_REG_INVALID) {
                g_string_append(s, cs_reg_name(cs, m->base));
                any = true;
            }
            if (m->index != X86_REG_INVALID) {
                g_string_append_printf(s, "%s%s", any ? "+" : "", cs_reg_name(cs, m->index));
                if (m->scale != 1) {
                    g_string_append_printf(s, "*%d", m->scale);
                }
                any = true;
            }
            if (!any) {
                g_string_append_printf(s, "0x%" PRIx64, (uint64_t)m->disp);
            } else if (m->disp) {
                g_string_append_printf(s, "%c0x%" PRIx64, m->disp < 0 ? '-' : '+',
                                       m->disp < 0 ? -(uint64_t)m->disp : (uint64_t)m->disp);
            }
            g_string_append(s, "]");
        }
    }
}

/* Decode [off, end) completely; every byte must belong to an instruction. */
static char *decode(size_t off, size_t end)
{
    GString *s = g_string_new("");
    cs_insn *in;
    size_t n = cs_disasm(cs, buf + off, end - off, RX_BASE + off, 0, &in);
    size_t used = 0;

    for (size_t i = 0; i < n; i++) {
        if (i) {
            g_string_append(s, "; ");
        }
        fmt_insn(s, &in[i]);
        used += in[i].size;
    }
    if (n) {
        cs_free(in, n);
    }
    if (used != end - off) {
        g_string_append_printf(s, " <undecoded %zu bytes>", end - off - used);
    }
    return g_string_free(s, false);
}

static void check_all(void)
{
    CHECK(x86_ok(&A));
    for (size_t i = 0; i < ncases; i++) {
        size_t end = i + 1 < ncases ? cases[i + 1].off : x86_size(&A);
        char *got = decode(cases[i].off, end);
        if (strcmp(got, cases[i].want) != 0) {
            GString *hex = g_string_new("");
            for (size_t k = cases[i].off; k < end; k++) {
                g_string_append_printf(hex, "%02x ", buf[k]);
            }
            test_failed(__FILE__, cases[i].line, "want \"%s\", got \"%s\" (%s)",
                        cases[i].want, got, hex->str);
        }
        g_free(got);
    }
    CHECK(ncases > 0);
}

/* Length of the last case, for checks on the shortest form. */
static size_t last_len(void)
{
    return x86_size(&A) - cases[ncases - 1].off;
}

TEST(mov_register_and_immediate_forms)
{
    setup();
    for (int d = 0; d < 16; d++) {
        for (int s = 0; s < 16; s++) {
            E(x86_mov_rr(&A, X86_S64, d, s), "mov %s, %s", q_names[d], q_names[s]);
            E(x86_mov_rr(&A, X86_S32, d, s), "mov %s, %s", d_names[d], d_names[s]);
            E(x86_mov_rr(&A, X86_S16, d, s), "mov %s, %s", w_names[d], w_names[s]);
            E(x86_mov_rr(&A, X86_S8, d, s), "mov %s, %s", b_names[d], b_names[s]);
        }
        E(x86_movabs(&A, d, 0x123456789abcdef0ull), "movabs %s, 0x123456789abcdef0", q_names[d]);
        E(x86_mov_ri32(&A, d, 7), "mov %s, 7", d_names[d]);
        E(x86_mov_ri64s(&A, d, -2), "mov %s, -2", q_names[d]);
        E(x86_zero(&A, d), "xor %s, %s", d_names[d], d_names[d]);
    }
    /* Shortest forms: B8+r id is 5 bytes (6 with REX.B), REX.W C7 /0 id is
     * 7, REX.W B8+r io is 10. */
    E(x86_movi(&A, X86_RAX, 42), "mov eax, 42");
    CHECK_EQ(last_len(), 5);
    E(x86_movi(&A, X86_R9, 42), "mov r9d, 42");
    CHECK_EQ(last_len(), 6);
    E(x86_movi(&A, X86_RAX, 0xffffffffull), "mov eax, -1");
    CHECK_EQ(last_len(), 5);
    E(x86_movi(&A, X86_RCX, 0x80000000ull), "mov ecx, 0x80000000");
    E(x86_movi(&A, X86_RAX, ~0ull), "mov rax, -1");
    CHECK_EQ(last_len(), 7);
    E(x86_movi(&A, X86_RDX, 0xffffffff80000000ull), "mov rdx, 0xffffffff80000000");
    CHECK_EQ(last_len(), 7);
    E(x86_movi(&A, X86_RAX, 0x100000000ull), "movabs rax, 0x100000000");
    CHECK_EQ(last_len(), 10);
    E(x86_movi(&A, X86_R15, 0x8000000000000000ull), "movabs r15, 0x8000000000000000");
    check_all();
}

TEST(memory_operand_every_base_and_displacement)
{
    static const int32_t disps[] = { 0, 8, -8, 0x7f, -0x80, 0x80, 0x1000, -0x1000, INT32_MIN };
    setup();
    for (int b = 0; b < 16; b++) {
        for (size_t i = 0; i < sizeof disps / sizeof disps[0]; i++) {
            int32_t d = disps[i];
            char ds[32] = "";
            if (d) {
                snprintf(ds, sizeof ds, "%c0x%" PRIx64, d < 0 ? '-' : '+',
                         d < 0 ? -(uint64_t)(int64_t)d : (uint64_t)d);
            }
            E(x86_load(&A, X86_S64, X86_RAX, x86_mem(b, d)), "mov rax, qword [%s%s]", q_names[b], ds);
            /* REX + opcode + ModR/M, a SIB for rsp/r12, and disp8 for a
             * zero displacement off rbp/r13 (mod=00 means RIP/none there). */
            size_t want = 3 + ((b & 7) == 4) + (d == 0 && (b & 7) != 5 ? 0
                          : d >= -128 && d <= 127 ? 1 : 4);
            CHECK_EQ(last_len(), want);
            E(x86_store(&A, X86_S32, x86_mem(b, d), X86_R11), "mov dword [%s%s], r11d", q_names[b], ds);
        }
    }
    /* Every register in the reg slot, loads and stores of each size. */
    for (int r = 0; r < 16; r++) {
        E(x86_load(&A, X86_S64, r, x86_mem(X86_R13, 0)), "mov %s, qword [r13]", q_names[r]);
        E(x86_load(&A, X86_S32, r, x86_mem(X86_RSP, 4)), "mov %s, dword [rsp+0x4]", d_names[r]);
        E(x86_store(&A, X86_S16, x86_mem(X86_R12, 2), r), "mov word [r12+0x2], %s", w_names[r]);
        E(x86_store(&A, X86_S8, x86_mem(X86_RBP, 0), r), "mov byte [rbp], %s", b_names[r]);
    }
    check_all();
}

TEST(memory_operand_every_index_and_scale)
{
    static const int scales[] = { 1, 2, 4, 8 };
    setup();
    for (int b = 0; b < 16; b++) {
        for (int x = 0; x < 16; x++) {
            if (x == X86_RSP) {
                continue;
            }
            for (int k = 0; k < 4; k++) {
                char sc[4] = "";
                if (scales[k] != 1) {
                    snprintf(sc, sizeof sc, "*%d", scales[k]);
                }
                E(x86_load(&A, X86_S64, X86_R9, x86_mem_idx(b, x, scales[k], 0)),
                  "mov r9, qword [%s+%s%s]", q_names[b], q_names[x], sc);
                E(x86_lea(&A, X86_S64, X86_RDX, x86_mem_idx(b, x, scales[k], 0x40)),
                  "lea rdx, qword [%s+%s%s+0x40]", q_names[b], q_names[x], sc);
            }
        }
    }
    /* No base: SIB base=101 with mod=00 means disp32 only. */
    E(x86_load(&A, X86_S64, X86_RAX, x86_mem_idx(X86_NOREG, X86_RCX, 8, 0x100)),
      "mov rax, qword [rcx*8+0x100]");
    E(x86_load(&A, X86_S64, X86_RAX, x86_mem_idx(X86_NOREG, X86_R13, 2, 0)),
      "mov rax, qword [r13*2]");
    /* Absolute [disp32]. */
    E(x86_load(&A, X86_S32, X86_RBX, x86_mem_abs(0x1000)), "mov ebx, dword [0x1000]");
    /* rsp cannot be an index; unscaled it is swapped into the base. */
    E(x86_load(&A, X86_S64, X86_RAX, x86_mem_idx(X86_RAX, X86_RSP, 1, 0)), "mov rax, qword [rsp+rax]");
    E(x86_lea(&A, X86_S32, X86_R8, x86_mem_idx(X86_RBP, X86_R12, 4, -1)), "lea r8d, dword [rbp+r12*4-0x1]");
    check_all();
    /* A scaled rsp index cannot be encoded: reported, not mis-encoded. */
    x86_load(&A, X86_S64, X86_RAX, x86_mem_idx(X86_RAX, X86_RSP, 2, 0));
    CHECK(A.range_error);
}

TEST(rip_relative_counts_the_immediate)
{
    uint64_t target = RX_BASE + 0x400;
    setup();
    /* mov rax, [rip+d]: REX.W 8B 05 d32 = 7 bytes, so d = target - 7. */
    E(x86_load(&A, X86_S64, X86_RAX, x86_mem_rip((void *)(uintptr_t)target)), "mov rax, qword [rip+0x3f9]");
    /* mov dword [rip+d], imm32: C7 05 d32 i32 = 10 bytes, starting at 7. */
    E(x86_store_imm(&A, X86_S32, x86_mem_rip((void *)(uintptr_t)target), 5), "mov dword [rip+0x3ef], 5");
    /* cmp byte [rip+d], imm8: 80 3D d32 i8 = 7 bytes, starting at 17. */
    E(x86_alu_mi(&A, X86_CMP, X86_S8, x86_mem_rip((void *)(uintptr_t)target), 1), "cmp byte [rip+0x3e8], 1");
    /* Backwards: movdqu xmm9, [rip+d] = F3 44 0F 6F 0D d32 = 9 bytes at 24. */
    E(x86_movdqu_load(&A, X86_XMM9, x86_mem_rip((void *)(uintptr_t)RX_BASE)), "movdqu xmm9, xmmword [rip-0x21]");
    check_all();
}

TEST(alu_forms)
{
    setup();
    for (int op = 0; op < 8; op++) {
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++) {
                E(x86_alu_rr(&A, op, X86_S64, d, s), "%s %s, %s", alu_names[op], q_names[d], q_names[s]);
            }
            E(x86_alu_rr(&A, op, X86_S32, d, (d + 5) % 16), "%s %s, %s", alu_names[op], d_names[d], d_names[(d + 5) % 16]);
            E(x86_alu_rr(&A, op, X86_S8, d, (d + 3) % 16), "%s %s, %s", alu_names[op], b_names[d], b_names[(d + 3) % 16]);
            E(x86_alu_ri(&A, op, X86_S64, d, 100), "%s %s, 100", alu_names[op], q_names[d]);
            E(x86_alu_ri(&A, op, X86_S64, d, -1000), "%s %s, -1000", alu_names[op], q_names[d]);
            E(x86_alu_ri(&A, op, X86_S32, d, 0x12345678), "%s %s, 0x12345678", alu_names[op], d_names[d]);
            E(x86_alu_ri(&A, op, X86_S16, d, 0x1234), "%s %s, 4660", alu_names[op], w_names[d]);
            E(x86_alu_ri(&A, op, X86_S8, d, 0x7f), "%s %s, 127", alu_names[op], b_names[d]);
            E(x86_alu_rm(&A, op, X86_S64, d, x86_mem(X86_R14, 0x18)), "%s %s, qword [r14+0x18]", alu_names[op], q_names[d]);
            E(x86_alu_mr(&A, op, X86_S32, x86_mem(X86_RSP, 0), d), "%s dword [rsp], %s", alu_names[op], d_names[d]);
        }
        E(x86_alu_mi(&A, op, X86_S64, x86_mem(X86_RBX, 8), -3), "%s qword [rbx+0x8], -3", alu_names[op]);
        E(x86_alu_mi(&A, op, X86_S32, x86_mem(X86_RBX, 8), 0x10000), "%s dword [rbx+0x8], 0x10000", alu_names[op]);
        E(x86_alu_mi(&A, op, X86_S16, x86_mem(X86_RBX, 8), 300), "%s word [rbx+0x8], 300", alu_names[op]);
    }
    /* Shortest immediates: 83 /0 ib is 4 bytes with REX.W; the rAX short
     * form (REX.W 05 id) is 6; the general 81 /0 id is 7. A byte op on cl
     * needs no REX, on sil it does. */
    E(x86_alu_ri(&A, X86_ADD, X86_S64, X86_RBX, 1), "add rbx, 1");
    CHECK_EQ(last_len(), 4);
    E(x86_alu_ri(&A, X86_ADD, X86_S64, X86_RAX, 0x1000), "add rax, 4096");
    CHECK_EQ(last_len(), 6);
    E(x86_alu_ri(&A, X86_SUB, X86_S64, X86_RBX, 0x1000), "sub rbx, 4096");
    CHECK_EQ(last_len(), 7);
    E(x86_alu_ri(&A, X86_OR, X86_S8, X86_RCX, 1), "or cl, 1");
    CHECK_EQ(last_len(), 3);
    E(x86_alu_ri(&A, X86_AND, X86_S8, X86_RSI, 1), "and sil, 1");
    CHECK_EQ(last_len(), 4);
    for (int r = 0; r < 16; r++) {
        E(x86_test_rr(&A, X86_S64, r, X86_R10), "test %s, r10", q_names[r]);
        E(x86_test_rr(&A, X86_S32, X86_RDI, r), "test edi, %s", d_names[r]);
        E(x86_test_ri(&A, X86_S32, r, 0x100), "test %s, 256", d_names[r]);
        E(x86_test_ri(&A, X86_S8, r, 1), "test %s, 1", b_names[r]);
    }
    E(x86_test_mi(&A, X86_S32, x86_mem(X86_RBP, -4), 1), "test dword [rbp-0x4], 1");
    E(x86_store_imm(&A, X86_S64, x86_mem(X86_RSP, 8), -1), "mov qword [rsp+0x8], -1");
    E(x86_store_imm(&A, X86_S16, x86_mem(X86_R12, 0), 0x1234), "mov word [r12], 4660");
    E(x86_store_imm(&A, X86_S8, x86_mem(X86_RAX, 0), 5), "mov byte [rax], 5");
    check_all();
}

TEST(shift_multiply_divide_unary)
{
    static const struct { X86Shift op; const char *name; } sh[] = {
        { X86_ROL, "rol" }, { X86_ROR, "ror" }, { X86_SHL, "shl" },
        { X86_SHR, "shr" }, { X86_SAR, "sar" },
    };
    static const struct { X86Unary op; const char *name; } un[] = {
        { X86_NOT, "not" }, { X86_NEG, "neg" }, { X86_MUL, "mul" },
        { X86_IMUL1, "imul" }, { X86_DIV, "div" }, { X86_IDIV, "idiv" },
    };
    setup();
    for (int r = 0; r < 16; r++) {
        for (size_t i = 0; i < sizeof sh / sizeof sh[0]; i++) {
            E(x86_shift_ri(&A, sh[i].op, X86_S64, r, 13), "%s %s, 13", sh[i].name, q_names[r]);
            E(x86_shift_ri(&A, sh[i].op, X86_S32, r, 31), "%s %s, 31", sh[i].name, d_names[r]);
            E(x86_shift_cl(&A, sh[i].op, X86_S64, r), "%s %s, cl", sh[i].name, q_names[r]);
            E(x86_shift_cl(&A, sh[i].op, X86_S8, r), "%s %s, cl", sh[i].name, b_names[r]);
        }
        for (size_t i = 0; i < sizeof un / sizeof un[0]; i++) {
            E(x86_unary(&A, un[i].op, X86_S64, r), "%s %s", un[i].name, q_names[r]);
            E(x86_unary(&A, un[i].op, X86_S32, r), "%s %s", un[i].name, d_names[r]);
        }
        for (int s = 0; s < 16; s++) {
            E(x86_imul_rr(&A, X86_S64, r, s), "imul %s, %s", q_names[r], q_names[s]);
        }
        E(x86_imul_rri(&A, X86_S64, r, X86_R13, 10), "imul %s, r13, 10", q_names[r]);
        E(x86_imul_rri(&A, X86_S32, X86_RCX, r, 100000), "imul ecx, %s, 0x186a0", d_names[r]);
        E(x86_bswap(&A, X86_S64, r), "bswap %s", q_names[r]);
        E(x86_bswap(&A, X86_S32, r), "bswap %s", d_names[r]);
        E(x86_xchg_rr(&A, X86_S64, r, X86_R8), "xchg %s, r8", q_names[r]);
        E(x86_push(&A, r), "push %s", q_names[r]);
        E(x86_pop(&A, r), "pop %s", q_names[r]);
        E(x86_lea(&A, X86_S64, r, x86_mem(r, -16)), "lea %s, qword [%s-0x10]", q_names[r], q_names[r]);
    }
    E(x86_shift_ri(&A, X86_SAR, X86_S64, X86_RDX, 1), "sar rdx, 1");
    E(x86_shift_ri(&A, X86_ROL, X86_S16, X86_RAX, 8), "rol ax, 8");
    E(x86_cqo(&A, X86_S64), "cqo");
    E(x86_cqo(&A, X86_S32), "cdq");
    E(x86_ret(&A), "ret");
    E(x86_ud2(&A), "ud2");
    E(x86_int3(&A), "int3");
    check_all();
}

TEST(extensions_setcc_cmov)
{
    setup();
    for (int d = 0; d < 16; d++) {
        for (int s = 0; s < 16; s++) {
            E(x86_movzx(&A, X86_S8, d, s), "movzx %s, %s", d_names[d], b_names[s]);
            E(x86_movsx(&A, X86_S32, X86_S64, d, s), "movsxd %s, %s", q_names[d], d_names[s]);
        }
        E(x86_movzx(&A, X86_S16, d, X86_R10), "movzx %s, r10w", d_names[d]);
        E(x86_movsx(&A, X86_S8, X86_S64, d, X86_RDI), "movsx %s, dil", q_names[d]);
        E(x86_movsx(&A, X86_S16, X86_S32, X86_RDX, d), "movsx edx, %s", w_names[d]);
        E(x86_movzx_m(&A, X86_S8, d, x86_mem(X86_RDI, 0x10)), "movzx %s, byte [rdi+0x10]", d_names[d]);
        E(x86_movzx_m(&A, X86_S16, d, x86_mem(X86_R12, 0)), "movzx %s, word [r12]", d_names[d]);
        E(x86_movsx_m(&A, X86_S8, X86_S32, d, x86_mem(X86_RAX, 1)), "movsx %s, byte [rax+0x1]", d_names[d]);
        E(x86_movsx_m(&A, X86_S16, X86_S64, d, x86_mem(X86_RAX, 2)), "movsx %s, word [rax+0x2]", q_names[d]);
        E(x86_movsx_m(&A, X86_S32, X86_S64, d, x86_mem(X86_R13, 4)), "movsxd %s, dword [r13+0x4]", q_names[d]);
        for (int cc = 0; cc < 16; cc++) {
            E(x86_setcc(&A, cc, d), "set%s %s", cc_names[cc], b_names[d]);
            E(x86_cmov(&A, cc, X86_S64, d, 15 - d), "cmov%s %s, %s", cc_names[cc], q_names[d], q_names[15 - d]);
            E(x86_cmov(&A, cc, X86_S32, 15 - d, d), "cmov%s %s, %s", cc_names[cc], d_names[15 - d], d_names[d]);
        }
    }
    /* setcc on spl..dil needs an (empty) REX prefix: 40 0F 94 C4. */
    E(x86_setcc(&A, X86_CC_E, X86_RSP), "sete spl");
    CHECK_EQ(last_len(), 4);
    E(x86_setcc(&A, X86_CC_E, X86_RBX), "sete bl");
    CHECK_EQ(last_len(), 3);
    check_all();
}

TEST(bit_counting_and_bmi)
{
    setup();
    for (int d = 0; d < 16; d++) {
        for (int s = 0; s < 16; s++) {
            E(x86_lzcnt(&A, X86_S64, d, s), "lzcnt %s, %s", q_names[d], q_names[s]);
            E(x86_andn(&A, X86_S64, d, s, (d + s) % 16), "andn %s, %s, %s", q_names[d], q_names[s], q_names[(d + s) % 16]);
            E(x86_shlx(&A, X86_S64, d, s, 15 - s), "shlx %s, %s, %s", q_names[d], q_names[s], q_names[15 - s]);
        }
        E(x86_tzcnt(&A, X86_S32, d, X86_R9), "tzcnt %s, r9d", d_names[d]);
        E(x86_popcnt(&A, X86_S64, X86_RCX, d), "popcnt rcx, %s", q_names[d]);
        E(x86_bsr(&A, X86_S64, d, X86_RAX), "bsr %s, rax", q_names[d]);
        E(x86_bsf(&A, X86_S32, X86_R15, d), "bsf r15d, %s", d_names[d]);
        E(x86_shrx(&A, X86_S32, d, X86_R9, X86_R10), "shrx %s, r9d, r10d", d_names[d]);
        E(x86_sarx(&A, X86_S64, X86_RAX, d, X86_R12), "sarx rax, %s, r12", q_names[d]);
        E(x86_rorx(&A, X86_S64, d, X86_RBX, 13), "rorx %s, rbx, 13", q_names[d]);
        E(x86_rorx(&A, X86_S32, X86_R11, d, 31), "rorx r11d, %s, 31", d_names[d]);
    }
    check_all();
}

TEST(sse_moves)
{
    setup();
    for (int x = 0; x < 16; x++) {
        for (int r = 0; r < 16; r++) {
            E(x86_movq_xr(&A, X86_XMM0 + x, r), "movq xmm%d, %s", x, q_names[r]);
            E(x86_movq_rx(&A, r, X86_XMM0 + x), "movq %s, xmm%d", q_names[r], x);
            E(x86_movaps_rr(&A, X86_XMM0 + x, X86_XMM0 + r), "movaps xmm%d, xmm%d", x, r);
        }
        E(x86_movd_xr(&A, X86_XMM0 + x, X86_RCX), "movd xmm%d, ecx", x);
        E(x86_movd_rx(&A, X86_R9, X86_XMM0 + x), "movd r9d, xmm%d", x);
        E(x86_movq_load(&A, X86_XMM0 + x, x86_mem(X86_RAX, 0)), "movq xmm%d, qword [rax]", x);
        E(x86_movq_store(&A, x86_mem(X86_RSP, 8), X86_XMM0 + x), "movq qword [rsp+0x8], xmm%d", x);
        E(x86_movdqu_load(&A, X86_XMM0 + x, x86_mem(X86_RBX, 0x20)), "movdqu xmm%d, xmmword [rbx+0x20]", x);
        E(x86_movdqu_store(&A, x86_mem(X86_R13, 0), X86_XMM0 + x), "movdqu xmmword [r13], xmm%d", x);
        E(x86_movdqa_load(&A, X86_XMM0 + x, x86_mem_idx(X86_R8, X86_R9, 4, 0)), "movdqa xmm%d, xmmword [r8+r9*4]", x);
        E(x86_movdqa_store(&A, x86_mem(X86_R12, 0x40), X86_XMM0 + x), "movdqa xmmword [r12+0x40], xmm%d", x);
        E(x86_pxor(&A, X86_XMM0 + x, X86_XMM15 - x), "pxor xmm%d, xmm%d", x, 15 - x);
    }
    check_all();
}

TEST(jumps_labels_and_calls)
{
    X86Label fwd, back, shortl;
    setup();
    x86_label_init(&fwd);
    x86_label_init(&back);
    x86_label_init(&shortl);
    x86_bind(&A, &back);                               /* offset 0 */
    E(x86_jmp(&A, &fwd), "jmp 0x%" PRIx64, RX_BASE + 20); /* 0: E9 rel32 */
    E(x86_jcc(&A, X86_CC_NE, &fwd), "jne 0x%" PRIx64, RX_BASE + 20); /* 5: 0F 85 rel32 */
    E(x86_jcc_short(&A, X86_CC_L, &shortl), "jl 0x%" PRIx64, RX_BASE + 19); /* 11: 7C rel8 */
    E(x86_nop(&A, 6), "nop word [rax+rax]");            /* 13: 66 0F 1F 44 00 00 */
    x86_bind(&A, &shortl);                             /* 19 */
    E(x86_nop(&A, 1), "nop");
    x86_bind(&A, &fwd);                                /* 20 */
    E(x86_jmp(&A, &back), "jmp 0x%" PRIx64, RX_BASE);  /* 20: EB rel8 */
    CHECK_EQ(last_len(), 2);
    E(x86_jcc(&A, X86_CC_A, &back), "ja 0x%" PRIx64, RX_BASE);
    CHECK_EQ(last_len(), 2);
    E(x86_jmp_abs(&A, RX_BASE + 0x1000), "jmp 0x%" PRIx64, RX_BASE + 0x1000);
    CHECK_EQ(last_len(), 5);
    E(x86_jcc_abs(&A, X86_CC_BE, RX_BASE + 0x1000), "jbe 0x%" PRIx64, RX_BASE + 0x1000);
    CHECK_EQ(last_len(), 6);
    E(x86_call_rel(&A, (void *)(uintptr_t)(RX_BASE + 0x2000)), "call 0x%" PRIx64, RX_BASE + 0x2000);
    for (int r = 0; r < 16; r++) {
        E(x86_call_reg(&A, r), "call %s", q_names[r]);
        E(x86_jmp_reg(&A, r), "jmp %s", q_names[r]);
    }
    E(x86_call_mem(&A, x86_mem(X86_R14, 0x30)), "call qword [r14+0x30]");
    E(x86_jmp_mem(&A, x86_mem_idx(X86_RAX, X86_RCX, 8, 0)), "jmp qword [rax+rcx*8]");
    /* Out of rel32 reach: through the scratch register. */
    E(x86_call(&A, (void *)(uintptr_t)0x7f0000000000ull, X86_R11), "movabs r11, 0x7f0000000000; call r11");
    E(x86_call(&A, (void *)(uintptr_t)(RX_BASE + 0x100), X86_R11), "call 0x%" PRIx64, RX_BASE + 0x100);
    check_all();
    /* Each backwards condition-code jump, all 16 conditions. */
    for (int cc = 0; cc < 16; cc++) {
        size_t off = x86_size(&A);
        x86_jcc(&A, cc, &back);
        char *got = decode(off, x86_size(&A));
        char *want = g_strdup_printf("j%s 0x%" PRIx64, cc_names[cc], RX_BASE);
        CHECK_STREQ(got, want);
        g_free(got);
        g_free(want);
    }
}

TEST(short_jump_out_of_range_is_reported)
{
    X86Label l;
    setup();
    x86_label_init(&l);
    x86_jmp_short(&A, &l);
    x86_nop(&A, 200);
    CHECK(x86_ok(&A));
    x86_bind(&A, &l);
    CHECK(A.range_error);
    CHECK(!x86_call_rel(&A, (void *)(uintptr_t)0x7f0000000000ull));
}

TEST(patchable_jump_is_aligned_and_retargetable)
{
    setup();
    for (int pad = 0; pad < 8; pad++) {
        x86_nop(&A, (unsigned)pad);
        uint8_t *site = x86_jmp_patchable(&A);
        uintptr_t site_rx = x86_rx(&A, site);
        CHECK_EQ(site_rx % 4, 0);
        CHECK_EQ(site[-1], 0xE9);
        /* Unchained: jumps to the very next instruction. */
        char *got = decode((size_t)(site - 1 - buf), (size_t)(A.p - buf));
        char *want = g_strdup_printf("jmp 0x%" PRIx64, (uint64_t)x86_rx(&A, A.p));
        CHECK_STREQ(got, want);
        g_free(got);
        g_free(want);
        x86_patch_jmp(site, site_rx, RX_BASE + 0x8000);
        got = decode((size_t)(site - 1 - buf), (size_t)(A.p - buf));
        CHECK_STREQ(got, "jmp 0x10008000");
        g_free(got);
    }
}

TEST(overflow_never_writes_past_end)
{
    uint8_t small[8 + 4];
    X86Asm a;
    memset(small, 0xAA, sizeof small);
    x86_asm_init(&a, small, 8, 0);
    x86_movabs(&a, X86_RAX, 0x1122334455667788ull);
    CHECK(a.overflow);
    CHECK(!x86_ok(&a));
    for (int i = 8; i < 12; i++) {
        CHECK_EQ(small[i], 0xAA);
    }
}

/* Execute clz/ctz with the native instructions and with the BSR/BSF
 * fallback: results must be the operand width for zero and the count
 * otherwise. */
typedef uint64_t (*Fn1)(uint64_t);

static Fn1 build(uint8_t *mem, void (*emit)(X86Asm *, X86Size, X86Reg, X86Reg), X86Size sz)
{
    X86Asm a;
    x86_asm_init(&a, mem, 256, 0);
    x86_movi(&a, X86_RAX, 0x5555);             /* garbage in the destination */
    emit(&a, sz, X86_RAX, X86_RDI);
    x86_ret(&a);
    CHECK(x86_ok(&a));
    return (Fn1)(void *)mem;
}

TEST(clz_ctz_native_and_fallback_execute)
{
    uint8_t *mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(mem != MAP_FAILED);
    x86_host_detect();
    X86HostFeatures real = x86_host;
    for (int mode = 0; mode < 2; mode++) {
        if (mode == 0 && !(real.lzcnt && real.bmi1)) {
            continue;      /* host lacks the native forms */
        }
        x86_host.lzcnt = x86_host.bmi1 = (mode == 0);
        Fn1 clz64 = build(mem, x86_clz, X86_S64);
        CHECK_EQ(clz64(0), 64);
        CHECK_EQ(clz64(1), 63);
        CHECK_EQ(clz64(0x8000000000000000ull), 0);
        CHECK_EQ(clz64(0x00ff000000000000ull), 8);
        Fn1 clz32 = build(mem + 256, x86_clz, X86_S32);
        CHECK_EQ(clz32(0), 32);
        CHECK_EQ(clz32(0xffffffff00000000ull), 32);
        CHECK_EQ(clz32(0x10000), 15);
        Fn1 ctz64 = build(mem + 512, x86_ctz, X86_S64);
        CHECK_EQ(ctz64(0), 64);
        CHECK_EQ(ctz64(0x8000000000000000ull), 63);
        CHECK_EQ(ctz64(0x30), 4);
        Fn1 ctz32 = build(mem + 768, x86_ctz, X86_S32);
        CHECK_EQ(ctz32(0), 32);
        CHECK_EQ(ctz32(0x100000000ull), 32);
        CHECK_EQ(ctz32(0x80000000ull), 31);
    }
    munmap(mem, 4096);
}

/* CPUID decoding agrees with the kernel's view of the host (the flag names
 * Linux prints in /proc/cpuinfo; "abm" is LZCNT). */
TEST(host_features_match_proc_cpuinfo)
{
    static const struct { const char *flag; size_t off; } map[] = {
        { "abm", offsetof(X86HostFeatures, lzcnt) },
        { "popcnt", offsetof(X86HostFeatures, popcnt) },
        { "sse4_1", offsetof(X86HostFeatures, sse41) },
        { "movbe", offsetof(X86HostFeatures, movbe) },
        { "bmi1", offsetof(X86HostFeatures, bmi1) },
        { "bmi2", offsetof(X86HostFeatures, bmi2) },
    };
    char *info = NULL;
    CHECK(g_file_get_contents("/proc/cpuinfo", &info, NULL, NULL));
    char *line = strstr(info, "\nflags");
    CHECK(line != NULL);
    char *eol = strchr(line + 1, '\n');
    char *flags = g_strndup(line, eol ? (size_t)(eol - line) : strlen(line));
    x86_host_detect();
    CHECK(x86_host.detected);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        char *word = g_strdup_printf(" %s ", map[i].flag);
        char *padded = g_strdup_printf("%s ", flags);
        bool in_kernel = strstr(padded, word) != NULL;
        bool ours = *(bool *)((char *)&x86_host + map[i].off);
        if (in_kernel != ours) {
            test_failed(__FILE__, __LINE__, "%s: cpuinfo %d, cpuid %d", map[i].flag, in_kernel, ours);
        }
        g_free(word);
        g_free(padded);
    }
    g_free(flags);
    g_free(info);
}
