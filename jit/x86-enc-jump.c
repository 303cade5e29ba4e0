/* x86-64 control flow: labels, jumps, calls and the patchable chaining jump.
 * Displacements are relative to the end of the instruction (SDM Vol. 2,
 * "JMP"/"Jcc"/"CALL"), computed on executable addresses. */
#include "jit/x86-enc.h"

static bool fits_s8(int64_t v)
{
    return v >= -128 && v <= 127;
}

static bool fits_s32(int64_t v)
{
    return v >= INT32_MIN && v <= INT32_MAX;
}

static void add_fixup(X86Asm *a, X86Label *l, uint8_t size)
{
    if (l->nfix == X86_LABEL_MAX_FIXUPS) {
        a->range_error = true;
        return;
    }
    l->fix[l->nfix].at = a->p;
    l->fix[l->nfix].size = size;
    l->nfix++;
}

void x86_bind(X86Asm *a, X86Label *l)
{
    l->pos = a->p;
    if (a->overflow) {
        return;   /* fields past the end were never written */
    }
    for (unsigned i = 0; i < l->nfix; i++) {
        uint8_t *at = l->fix[i].at;
        int64_t rel = l->pos - (at + l->fix[i].size);
        if (l->fix[i].size == 1) {
            if (!fits_s8(rel)) {
                a->range_error = true;
                continue;
            }
            at[0] = (uint8_t)rel;
        } else {
            uint32_t v = (uint32_t)rel;
            for (int k = 0; k < 4; k++) {
                at[k] = (uint8_t)(v >> (8 * k));
            }
        }
    }
    l->nfix = 0;
}

/* op8/op32: the short and near opcodes (op32 > 0xFF means 0F-prefixed). */
static void branch(X86Asm *a, X86Label *l, uint8_t op8, uint32_t op32, bool force_short)
{
    if (l->pos) {
        int64_t rel8 = l->pos - (a->p + 2);
        if (fits_s8(rel8)) {
            x86_byte(a, op8);
            x86_byte(a, (uint8_t)rel8);
            return;
        }
        x86_op(a, op32, -1, -1, -1);
        x86_u32(a, (uint32_t)(l->pos - (a->p + 4)));
        return;
    }
    if (force_short) {
        x86_byte(a, op8);
        add_fixup(a, l, 1);
        x86_byte(a, 0);
    } else {
        x86_op(a, op32, -1, -1, -1);
        add_fixup(a, l, 4);
        x86_u32(a, 0);
    }
}

void x86_jmp(X86Asm *a, X86Label *l)
{
    branch(a, l, 0xEB, 0xE9, false);
}

void x86_jcc(X86Asm *a, X86Cond cc, X86Label *l)
{
    branch(a, l, (uint8_t)(0x70 + cc), X86_P_0F | (0x80u + cc), false);
}

void x86_jmp_short(X86Asm *a, X86Label *l)
{
    branch(a, l, 0xEB, 0xE9, true);
}

void x86_jcc_short(X86Asm *a, X86Cond cc, X86Label *l)
{
    branch(a, l, (uint8_t)(0x70 + cc), X86_P_0F | (0x80u + cc), true);
}

bool x86_rel32_reaches(const X86Asm *a, uintptr_t target)
{
    /* Worst case: the displacement ends 6 bytes after the cursor (jcc). */
    uintptr_t here = x86_rx(a, a->p);
    return fits_s32((int64_t)(target - (here + 5))) && fits_s32((int64_t)(target - (here + 6)));
}

static bool branch_abs(X86Asm *a, uintptr_t target, uint8_t op8, uint32_t op32)
{
    int64_t rel8 = (int64_t)(target - (x86_rx(a, a->p) + 2));

    if (op8 && fits_s8(rel8)) {
        x86_byte(a, op8);
        x86_byte(a, (uint8_t)rel8);
        return true;
    }
    x86_op(a, op32, -1, -1, -1);
    int64_t rel = (int64_t)(target - (x86_rx(a, a->p) + 4));
    if (!fits_s32(rel)) {
        a->range_error = true;
        rel = 0;
    }
    x86_u32(a, (uint32_t)rel);
    return !a->range_error;
}

bool x86_jmp_abs(X86Asm *a, uintptr_t target)
{
    return branch_abs(a, target, 0xEB, 0xE9);
}

bool x86_jcc_abs(X86Asm *a, X86Cond cc, uintptr_t target)
{
    return branch_abs(a, target, (uint8_t)(0x70 + cc), X86_P_0F | (0x80u + cc));
}

bool x86_call_rel(X86Asm *a, const void *target)
{
    return branch_abs(a, (uintptr_t)target, 0, 0xE8);
}

void x86_call(X86Asm *a, const void *target, X86Reg scratch)
{
    if (x86_rel32_reaches(a, (uintptr_t)target)) {
        x86_call_rel(a, target);
    } else {
        x86_movi(a, scratch, (uintptr_t)target);
        x86_call_reg(a, scratch);
    }
}

void x86_call_reg(X86Asm *a, X86Reg r)
{
    x86_op_rr(a, 0xFF, 2, r);
}

void x86_jmp_reg(X86Asm *a, X86Reg r)
{
    x86_op_rr(a, 0xFF, 4, r);
}

void x86_call_mem(X86Asm *a, X86Mem m)
{
    x86_op_rm(a, 0xFF, 2, &m, 0);
}

void x86_jmp_mem(X86Asm *a, X86Mem m)
{
    x86_op_rm(a, 0xFF, 4, &m, 0);
}

uint8_t *x86_jmp_patchable(X86Asm *a)
{
    /* The rel32 follows the one-byte E9, so the opcode must sit at an
     * address that is 3 mod 4. */
    unsigned pad = (unsigned)((3 - x86_rx(a, a->p) % 4 + 4) % 4);
    uint8_t *site;

    x86_nop(a, pad);
    x86_byte(a, 0xE9);
    site = a->p;
    x86_u32(a, 0);     /* initially: fall through to the unchained exit */
    return site;
}

void x86_patch_jmp(uint8_t *site_rw, uintptr_t site_rx, uintptr_t target_rx)
{
    uint32_t rel = (uint32_t)(target_rx - (site_rx + 4));

    /* One aligned 4-byte store: another thread executing the jump sees the
     * old or the new target, never a mix (SDM Vol. 3, 8.1.1 and 8.1.3). */
    __atomic_store_n((uint32_t *)(void *)site_rw, rel, __ATOMIC_RELEASE);
}
