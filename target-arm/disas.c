/* -d in_asm: the guest code of each new block, disassembled with
 * capstone's AArch64 decoder. */
#include "target-arm/disas.h"

#include <inttypes.h>
#include <capstone.h>

#include "emu/log.h"

void arm_log_in_asm(FILE *f, uint64_t pc, const uint8_t *code, size_t len)
{
    static csh handle;
    static bool opened, failed;
    cs_insn *insn;
    size_t n;

    if (!opened && !failed) {
        failed = cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &handle) != CS_ERR_OK;
        opened = !failed;
    }
    fprintf(f, "IN: 0x%" PRIx64 " (%zu insns)\n", pc, len / 4);
    if (failed) {
        fprintf(f, "  (capstone unavailable)\n");
        return;
    }
    n = cs_disasm(handle, code, len, pc, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        uint32_t word;
        memcpy(&word, insn[i].bytes, 4);
        fprintf(f, "  0x%016" PRIx64 ":  %08x      %s %s\n", insn[i].address, word,
                insn[i].mnemonic, insn[i].op_str);
    }
    /* capstone stops at the first word it cannot decode: show the rest raw */
    for (size_t off = n * 4; off + 4 <= len; off += 4) {
        uint32_t word;
        memcpy(&word, code + off, 4);
        fprintf(f, "  0x%016" PRIx64 ":  %08x      (not decoded by capstone)\n", pc + off, word);
    }
    if (n) {
        cs_free(insn, n);
    }
    fputc('\n', f);
}
