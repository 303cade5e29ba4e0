/* The native x86-64 backend's driver: runs the allocator and the per-op
 * emitters over a block in op order, then the out-of-line slow paths and
 * the exit-request stub, commits the code and lists it for -d out_asm.
 * Conventions: docs/jit-backend.md. */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "jit/backend.h"
#include "jit/opt.h"
#include "jit/x86-backend.h"

/* Which emitter handles each op; integer ops default to xb_emit_alu. */
static const XbEmitFn emit_table[IR_NB_OPS] = {
    [IR_OP_mov] = xb_emit_mov, [IR_OP_movi] = xb_emit_mov,
    [IR_OP_ld_env] = xb_emit_mem, [IR_OP_st_env] = xb_emit_mem,
    [IR_OP_qemu_ld] = xb_emit_mem, [IR_OP_qemu_st] = xb_emit_mem,
    [IR_OP_call] = xb_emit_ctl, [IR_OP_set_label] = xb_emit_ctl,
    [IR_OP_br] = xb_emit_ctl, [IR_OP_brcond] = xb_emit_ctl,
    [IR_OP_insn_start] = xb_emit_ctl, [IR_OP_mb] = xb_emit_ctl,
    [IR_OP_goto_tb] = xb_emit_ctl, [IR_OP_exit_tb] = xb_emit_ctl,
    [IR_OP_lookup_and_goto_ptr] = xb_emit_ctl, [IR_OP_nop] = xb_emit_ctl,
};

void *xb_install_trampoline(CodeBuf *cb, uintptr_t *epilogue)
{
    X86Asm a;
    void *entry;

    codebuf_begin(cb, &a, CODEBUF_BLOCK_ALIGN);
    entry = xb_emit_trampoline(&a, epilogue);
    if (!codebuf_commit(cb, &a)) {
        fatal("jit: code buffer too small for the trampoline");
    }
    codebuf_set_floor(cb);
    return entry;
}

static void list_code(FILE *f, const TB *tb, const IrBlock *b, const uint8_t *rw,
                      uintptr_t rx, size_t size)
{
    csh h;
    cs_insn *insn;
    size_t n;

    fprintf(f, "OUT: [guest 0x%" PRIx64 ", %zu host bytes]\n", tb ? tb->pc : b->guest_pc, size);
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        return;
    }
    n = cs_disasm(h, rw, size, rx, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "  0x%" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic,
                insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
    fprintf(f, "\n");
}

int xb_compile(CodeBuf *cb, uintptr_t epilogue, unsigned page_bits, IrBlock *b, TB *tb,
               FILE *out_asm)
{
    Xb *x = calloc(1, sizeof *x);
    int status = JIT_COMPILE_OK;

    if (!x) {
        fatal("out of memory");
    }
    ir_liveness(b, false);   /* fresh dead bits whatever ran before */
    x->b = b;
    x->tb = tb;
    x->ng = b->ctx->nb_globals;
    x->nt = b->nb_temps;
    x->page_bits = page_bits;
    x->epilogue = epilogue;
    x->cur_pc = b->guest_pc;
    x->reachable = true;
    x->labels = calloc(b->nb_labels + 1, sizeof(X86Label));
    if (!x->labels) {
        fatal("out of memory");
    }
    x86_label_init(&x->exit_req);
    xb_ra_init(x);
    codebuf_begin(cb, &x->a, CODEBUF_BLOCK_ALIGN);
    xb_emit_entry(x);
    for (unsigned i = 0; i < b->nb_ops && !x->fail && !x->a.overflow; i++) {
        const IrOp *op = &b->ops[i];
        XbEmitFn fn = emit_table[op->opc] ? emit_table[op->opc] : xb_emit_alu;
        fn(x, op);
        xb_op_done(x, op);
    }
    xb_emit_tail(x);
    if (x->a.overflow) {
        status = JIT_COMPILE_FULL;
    } else if (x->fail || x->a.range_error) {
        status = JIT_COMPILE_UNSUPPORTED;
    } else {
        tb->code = codebuf_commit(cb, &x->a);
        tb->code_size = (uint32_t)x86_size(&x->a);
        if (out_asm) {
            list_code(out_asm, tb, b, x->a.start, (uintptr_t)tb->code, x86_size(&x->a));
        }
    }
    if (status != JIT_COMPILE_OK) {
        for (int n = 0; n < 2; n++) {
            tb->jmp_site[n] = tb->jmp_reset[n] = 0;
        }
    }
    free(x->labels);
    free(x->t);
    free(x->slow);
    free(x->wb);
    free(x);
    return status;
}
