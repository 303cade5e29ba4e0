/* A64 decode entry points and the field functions the tables use. The
 * decision tree itself is generated (target-arm/rules.mk). */
#include "target-arm/a64-decode.h"

#include <stddef.h>

uint64_t a64_logic_imm(uint64_t raw)
{
    unsigned sf = (raw >> 13) & 1, n = (raw >> 12) & 1;
    unsigned immr = (raw >> 6) & 0x3f, imms = raw & 0x3f;
    unsigned combined = (n << 6) | (~imms & 0x3f);
    unsigned len, levels, s, r, esize;
    uint64_t welem, elem, v;

    /* C6.2 AND (immediate): "if sf == '0' && N != '0' then UNDEFINED". */
    if (!sf && n) {
        return 0;
    }
    /* DecodeBitMasks: len = HighestSetBit(immN:NOT(imms)); len < 1 and, for
     * immediates, S == levels (an all-ones element) are reserved. */
    if (combined < 2) {
        return 0;
    }
    len = 31 - (unsigned)__builtin_clz(combined);
    levels = (1u << len) - 1;
    s = imms & levels;
    r = immr & levels;
    if (s == levels) {
        return 0;
    }
    esize = 1u << len;
    welem = (1ull << (s + 1)) - 1;
    elem = welem;
    if (r) {
        uint64_t emask = esize == 64 ? ~0ull : (1ull << esize) - 1;
        elem = ((welem >> r) | (welem << (esize - r))) & emask;
    }
    v = elem;
    for (unsigned e = esize; e < 64; e *= 2) {
        v |= v << e;
    }
    return sf ? v : (v & 0xffffffffu);
}

int64_t a64_pair_offset(uint64_t raw)
{
    unsigned scale = 2 + ((raw >> 8) & 1);
    return a64_shl(a64_sext(raw & 0x7f, 7), (int)scale);
}

uint64_t a64_uimm_offset(uint64_t raw)
{
    return (raw & 0xfff) << ((raw >> 12) & 3);
}

#include "target-arm/a64-decode-tree.inc"

const char *a64_decode_entry_name(int idx)
{
    return idx >= 0 && idx < A64_DECODE_NENTRIES ? a64_decode_names[idx] : NULL;
}

bool a64_decode_entry_pattern(int idx, uint32_t *mask, uint32_t *value)
{
    if (idx < 0 || idx >= A64_DECODE_NENTRIES) {
        return false;
    }
    *mask = a64_decode_patterns[idx][0];
    *value = a64_decode_patterns[idx][1];
    return true;
}

int a64_decode_entries(void)
{
    return A64_DECODE_NENTRIES;
}

const char *a64_decode_name(uint32_t insn)
{
    return a64_decode_entry_name(a64_decode_index(insn));
}
