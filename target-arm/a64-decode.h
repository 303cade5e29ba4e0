/* A64 instruction decoder: the entry points over the tables generated from
 * target-arm/a64-*.decode by target-arm/tools/decodegen (docs/a64-decoder.md).
 *
 * a64_decode_index()/a64_decode_name() classify a word without translating
 * it; a64_decode() extracts the fields of the matched entry and calls its
 * trans_HANDLER(). A word no entry accepts is unallocated: the caller raises
 * UNDEF (Arm ARM DDI 0487, C4.1 "A64 instruction set encoding"). */
#ifndef TARGET_ARM_A64_DECODE_H
#define TARGET_ARM_A64_DECODE_H

#include <stdbool.h>
#include <stdint.h>

/* Defined by the translator; repeating the typedef is fine in C11. */
typedef struct DisasContext DisasContext;

/* Bit helpers used by the generated field extraction. */
static inline uint32_t a64_ex(uint32_t insn, int pos, int len)
{
    return (uint32_t)((insn >> pos) & ((1ull << len) - 1));
}

static inline int64_t a64_sext(uint64_t v, int width)
{
    return (int64_t)(v << (64 - width)) >> (64 - width);
}

static inline int64_t a64_shl(int64_t v, int shift)
{
    return (int64_t)((uint64_t)v << shift);
}

/* Field functions named by the tables (fn=...). Each takes the raw
 * concatenated bits of its field definition. */

/* sf:N:immr:imms (14 bits) -> the logical immediate, DecodeBitMasks() with
 * immediate=TRUE (Arm ARM J1 shared pseudocode, C6.2 AND (immediate)); 0 for a
 * reserved encoding (no valid mask is 0). A 32-bit result is zero-extended. */
uint64_t a64_logic_imm(uint64_t raw);
/* opc:imm7 (9 bits) of a general-register load/store pair -> byte offset,
 * SignExtend(imm7) << (2 + opc<1>) (C6.2 LDP/STP/LDPSW). */
int64_t a64_pair_offset(uint64_t raw);
/* size:imm12 (14 bits) of the unsigned-offset form -> imm12 << size. */
uint64_t a64_uimm_offset(uint64_t raw);

/* Index of the table entry that accepts insn, or -1 when unallocated. */
int a64_decode_index(uint32_t insn);
/* Handler name of the entry that accepts insn (e.g. "ADD_r"), or NULL. */
const char *a64_decode_name(uint32_t insn);
/* Name of entry idx (0 <= idx < a64_decode_entries()), or NULL. */
const char *a64_decode_entry_name(int idx);
int a64_decode_entries(void);
/* The fixed bits of entry idx (insn & *mask == *value is necessary, not
 * sufficient: the entry's condition may still refuse); false if no entry. */
bool a64_decode_entry_pattern(int idx, uint32_t *mask, uint32_t *value);

/* Decode insn and call its trans_* handler; false means unallocated (the
 * caller raises UNDEF). Defined where target-arm/a64-decode-dispatch.inc is
 * included, once the handlers exist. */
bool a64_decode(DisasContext *s, uint32_t insn);

#include "target-arm/a64-decode-args.inc"

#endif
