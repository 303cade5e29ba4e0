/* Guest-code disassembly for logging (-d in_asm). */
#ifndef TARGET_ARM_DISAS_H
#define TARGET_ARM_DISAS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Print len bytes of A64 code starting at guest address pc. */
void arm_log_in_asm(FILE *f, uint64_t pc, const uint8_t *code, size_t len);

#endif
