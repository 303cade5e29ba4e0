/* x86-64 encoder core: the byte cursor, prefix/REX/ModR/M/SIB/VEX assembly
 * and host feature detection. Instruction emitters live in x86-enc-int.c,
 * x86-enc-jump.c and x86-enc-sse.c. Format: Intel SDM Vol. 2, chapter 2. */
#include "jit/x86-enc.h"

#include <cpuid.h>

X86HostFeatures x86_host;

void x86_asm_init(X86Asm *a, void *buf, size_t len, intptr_t rx_delta)
{
    a->start = a->p = buf;
    a->end = a->start + len;
    a->rx_delta = rx_delta;
    a->overflow = false;
    a->range_error = false;
}

void x86_byte(X86Asm *a, uint8_t b)
{
    if (a->p < a->end) {
        *a->p++ = b;
    } else {
        a->overflow = true;
    }
}

void x86_u16(X86Asm *a, uint16_t v)
{
    x86_byte(a, (uint8_t)v);
    x86_byte(a, (uint8_t)(v >> 8));
}

void x86_u32(X86Asm *a, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        x86_byte(a, (uint8_t)(v >> (8 * i)));
    }
}

void x86_u64(X86Asm *a, uint64_t v)
{
    x86_u32(a, (uint32_t)v);
    x86_u32(a, (uint32_t)(v >> 32));
}

uint32_t x86_sized(uint32_t opc, X86Size sz)
{
    switch (sz) {
    case X86_S8:
        return (opc & ~1u) | X86_P_BYTE_R | X86_P_BYTE_RM;
    case X86_S16:
        return opc | X86_P_66;
    case X86_S32:
        return opc;
    default:
        return opc | X86_P_W;
    }
}

/* An 8-bit operand in spl/bpl/sil/dil (4..7) needs a REX prefix, or the
 * same encoding means ah/ch/dh/bh (SDM Vol. 2, 2.2.1.2 / table 3-1). */
static bool needs_rex_for_byte(int r)
{
    return r >= 4 && r <= 7;
}

void x86_op(X86Asm *a, uint32_t opc, int r, int x, int b)
{
    unsigned rex = 0;

    /* Legacy prefixes come first; a REX prefix must immediately precede
     * the opcode (escape) bytes (SDM Vol. 2, 2.2.1). */
    if (opc & X86_P_66) {
        x86_byte(a, 0x66);
    }
    if (opc & X86_P_F3) {
        x86_byte(a, 0xF3);
    }
    if (opc & X86_P_F2) {
        x86_byte(a, 0xF2);
    }
    rex |= (opc & X86_P_W) ? 8 : 0;
    rex |= (r >= 0 && (r & 8)) ? 4 : 0;
    rex |= (x >= 0 && (x & 8)) ? 2 : 0;
    rex |= (b >= 0 && (b & 8)) ? 1 : 0;
    if (rex || ((opc & X86_P_BYTE_R) && needs_rex_for_byte(r)) ||
        ((opc & X86_P_BYTE_RM) && needs_rex_for_byte(b))) {
        x86_byte(a, (uint8_t)(0x40 | rex));
    }
    if (opc & (X86_P_0F | X86_P_0F38 | X86_P_0F3A)) {
        x86_byte(a, 0x0F);
        if (opc & X86_P_0F38) {
            x86_byte(a, 0x38);
        } else if (opc & X86_P_0F3A) {
            x86_byte(a, 0x3A);
        }
    }
    x86_byte(a, (uint8_t)opc);
}

void x86_op_rr(X86Asm *a, uint32_t opc, int reg, int rm)
{
    reg &= 15;
    rm &= 15;
    x86_op(a, opc, reg, -1, rm);
    x86_byte(a, (uint8_t)(0xC0 | (reg & 7) << 3 | (rm & 7)));
}

static bool fits_s8(int64_t v)
{
    return v >= -128 && v <= 127;
}

static bool fits_s32(int64_t v)
{
    return v >= INT32_MIN && v <= INT32_MAX;
}

void x86_op_rm(X86Asm *a, uint32_t opc, int reg, const X86Mem *m, unsigned imm_bytes)
{
    int base = m->base, index = m->index;
    unsigned r3 = (unsigned)(reg & 7) << 3;

    reg &= 15;
    /* The rm field names memory here, never a byte register. */
    opc &= ~X86_P_BYTE_RM;
    if (m->rip) {
        /* mod=00 rm=101: [rip + disp32], relative to the next instruction
         * (SDM Vol. 2, 2.2.1.6). */
        x86_op(a, opc, reg, -1, -1);
        x86_byte(a, (uint8_t)(0x05 | r3));
        int64_t rel = (int64_t)(m->target - (x86_rx(a, a->p) + 4 + imm_bytes));
        if (!fits_s32(rel)) {
            a->range_error = true;
            rel = 0;
        }
        x86_u32(a, (uint32_t)rel);
        return;
    }
    if (base < 0 && index < 0) {
        /* mod=00 rm=100, SIB base=101 index=100: absolute [disp32]. (rm=101
         * alone would be RIP-relative in 64-bit mode.) */
        x86_op(a, opc, reg, -1, -1);
        x86_byte(a, (uint8_t)(0x04 | r3));
        x86_byte(a, 0x25);
        x86_u32(a, (uint32_t)m->disp);
        return;
    }
    if (index >= 0 && (index & 15) == X86_RSP) {
        /* SIB index=100 (without REX.X) means "no index": rsp cannot be
         * scaled. An unscaled [rsp + base] is the same address swapped. */
        if (m->shift == 0 && (base < 0 || (base & 15) != X86_RSP)) {
            int t = base;
            base = index;
            index = t;
        } else {
            a->range_error = true;
            return;
        }
    }
    unsigned mod;
    if (base < 0) {
        mod = 0;   /* SIB with base=101 and mod=00: disp32, no base */
    } else if (m->disp == 0 && (base & 7) != X86_RBP) {
        mod = 0;   /* rbp/r13 with mod=00 mean RIP/no-base: need a disp8 */
    } else if (fits_s8(m->disp)) {
        mod = 1;
    } else {
        mod = 2;
    }
    x86_op(a, opc, reg, index, base);
    if (index < 0 && (base & 7) != X86_RSP) {
        x86_byte(a, (uint8_t)(mod << 6 | r3 | (base & 7)));
    } else {
        /* rm=100: a SIB byte follows. rsp/r12 as a base always need one;
         * index=100 encodes "none". */
        x86_byte(a, (uint8_t)(mod << 6 | r3 | 4));
        x86_byte(a, (uint8_t)((index < 0 ? 0 : m->shift) << 6 |
                              (index < 0 ? 4 : (index & 7)) << 3 |
                              (base < 0 ? 5 : (base & 7))));
    }
    if (mod == 1) {
        x86_byte(a, (uint8_t)m->disp);
    } else if (mod == 2 || base < 0) {
        x86_u32(a, (uint32_t)m->disp);
    }
}

void x86_vex_rr(X86Asm *a, uint32_t opc, int reg, int vvvv, int rm)
{
    /* Three-byte VEX (SDM Vol. 2, 2.3.5): C4, [~R ~X ~B mmmmm],
     * [W ~vvvv L pp], opcode, ModR/M. L=0 (LZ) for the BMI forms. */
    unsigned mmmmm = (opc & X86_P_0F38) ? 2 : (opc & X86_P_0F3A) ? 3 : 1;
    unsigned pp = (opc & X86_P_66) ? 1 : (opc & X86_P_F3) ? 2 : (opc & X86_P_F2) ? 3 : 0;

    reg &= 15;
    vvvv &= 15;
    rm &= 15;
    x86_byte(a, 0xC4);
    x86_byte(a, (uint8_t)((reg & 8 ? 0 : 0x80) | 0x40 | (rm & 8 ? 0 : 0x20) | mmmmm));
    x86_byte(a, (uint8_t)((opc & X86_P_W ? 0x80 : 0) | (~vvvv & 15) << 3 | pp));
    x86_byte(a, (uint8_t)opc);
    x86_byte(a, (uint8_t)(0xC0 | (reg & 7) << 3 | (rm & 7)));
}

/* Recommended multi-byte NOPs, SDM Vol. 2 "NOP" table 4-12. */
static const uint8_t nops[9][9] = {
    { 0x90 },
    { 0x66, 0x90 },
    { 0x0F, 0x1F, 0x00 },
    { 0x0F, 0x1F, 0x40, 0x00 },
    { 0x0F, 0x1F, 0x44, 0x00, 0x00 },
    { 0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00 },
    { 0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00 },
    { 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    { 0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void x86_nop(X86Asm *a, unsigned n)
{
    while (n > 0) {
        unsigned k = n > 9 ? 9 : n;
        for (unsigned i = 0; i < k; i++) {
            x86_byte(a, nops[k - 1][i]);
        }
        n -= k;
    }
}

void x86_align(X86Asm *a, unsigned align)
{
    uintptr_t at = x86_rx(a, a->p);
    unsigned pad = (unsigned)((align - at % align) % align);

    x86_nop(a, pad);
}

/* ---- host features ---- */

typedef struct FeatureBit {
    const char *name, *desc;
    unsigned leaf, subleaf, reg, bit;
    size_t offset;
} FeatureBit;

static const FeatureBit feature_bits[] = {
#define X86_FEATURE_ROW(f, l, s, r, b, d) \
    { #f, d, l, s, r, b, offsetof(X86HostFeatures, f) },
    X86_HOST_FEATURES(X86_FEATURE_ROW)
#undef X86_FEATURE_ROW
};

void x86_host_detect(void)
{
    if (x86_host.detected) {
        return;
    }
    for (size_t i = 0; i < sizeof feature_bits / sizeof feature_bits[0]; i++) {
        const FeatureBit *fb = &feature_bits[i];
        unsigned regs[4] = { 0, 0, 0, 0 };
        /* __get_cpuid_count checks the leaf against the maximum supported
         * (basic or extended) and returns 0 when it is out of range. */
        bool ok = __get_cpuid_count(fb->leaf, fb->subleaf, &regs[0], &regs[1],
                                    &regs[2], &regs[3]) != 0;
        *(bool *)((char *)&x86_host + fb->offset) = ok && ((regs[fb->reg] >> fb->bit) & 1);
    }
    x86_host.detected = true;
}

void x86_host_print(FILE *f)
{
    x86_host_detect();
    for (size_t i = 0; i < sizeof feature_bits / sizeof feature_bits[0]; i++) {
        const FeatureBit *fb = &feature_bits[i];
        bool on = *(const bool *)((const char *)&x86_host + fb->offset);
        fprintf(f, "  %-8s %-3s %s\n", fb->name, on ? "yes" : "no", fb->desc);
    }
}
