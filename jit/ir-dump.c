/* Readable IR listings for -d op / -d op_opt and test failures. One op per
 * line: "  idx: name_type outputs, inputs, constants", with liveness (dead
 * arguments) and opt-globals write-back sets as trailing comments. */
#include "jit/ir.h"

#include <inttypes.h>

static void put_temp(const IrBlock *b, uint64_t t, FILE *f)
{
    if (t < b->ctx->nb_globals) {
        fputs(b->ctx->globals[t].name, f);
    } else {
        fprintf(f, "t%" PRIu64, t);
    }
}

static void put_memop(JitMemOp mo, FILE *f)
{
    unsigned al = jit_mo_align(mo);

    fprintf(f, "%s%u", (mo & JIT_MO_SIGN) ? "s" : "u", jit_mo_size(mo) * 8);
    if (al > 1) {
        fprintf(f, "+al%u", al);
    }
}

static void put_const(const IrBlock *b, const IrOp *op, unsigned ci, FILE *f)
{
    uint64_t c = op->args[op->nout + op->nin + ci];

    switch (op->opc) {
    case IR_OP_setcond:
    case IR_OP_movcond:
    case IR_OP_brcond:
        if (ci == 0) {
            fputs(c < IR_NB_CONDS ? ir_cond_names[c] : "?", f);
            return;
        }
        fprintf(f, "L%" PRIu64, c);
        return;
    case IR_OP_br:
    case IR_OP_set_label:
        fprintf(f, "L%" PRIu64, c);
        return;
    case IR_OP_call:
        fputs(ir_op_helper(op)->name, f);
        return;
    case IR_OP_qemu_ld:
    case IR_OP_qemu_st:
        if (ci == 0) {
            put_memop((JitMemOp)c, f);
        } else {
            fprintf(f, "mmu%" PRIu64, c);
        }
        return;
    case IR_OP_ld_env:
    case IR_OP_st_env:
        if (ci == 0) {
            fprintf(f, "env+%" PRIu64, c);
        } else {
            put_memop((JitMemOp)c, f);
        }
        return;
    case IR_OP_exit_tb: {
        static const char *const kinds[] = { "chain", "lookup", "code", "request" };
        fprintf(f, "%s:%" PRIu64, kinds[JIT_EXIT_KIND(c)], JIT_EXIT_VALUE(c));
        return;
    }
    default:
        fprintf(f, "0x%" PRIx64, c);
        return;
    }
}

void ir_dump_op(const IrBlock *b, const IrOp *op, FILE *f)
{
    const IrOpDef *d = &ir_op_defs[op->opc];
    unsigned n = op->nout + op->nin + op->nconst;

    fputs(d->name, f);
    if (d->kind != IR_KIND_MONO) {
        fprintf(f, "_%s", ir_type_names[op->type <= IR_VOID ? op->type : IR_VOID]);
    }
    for (unsigned a = 0; a < n; a++) {
        fputs(a ? ", " : " ", f);
        if (a < op->nout + op->nin) {
            put_temp(b, op->args[a], f);
        } else {
            put_const(b, op, a - op->nout - op->nin, f);
        }
    }
    if (op->dead) {
        fputs("  ; dead:", f);
        for (unsigned a = 0; a < op->nout + op->nin; a++) {
            if (op->dead & (1u << a)) {
                fputc(' ', f);
                put_temp(b, op->args[a], f);
            }
        }
    }
    if (op->sync) {
        const IrGlobalSet *s = &b->syncs[op->sync - 1];
        fputs("  ; sync:", f);
        for (unsigned g = 0; g < b->ctx->nb_globals; g++) {
            if (ir_gset_has(s, g)) {
                fprintf(f, " %s", b->ctx->globals[g].name);
            }
        }
    }
}

void ir_dump(const IrBlock *b, FILE *f)
{
    fprintf(f, "IR block pc=0x%" PRIx64 ": %u ops, %u temps (%u globals), %u labels\n",
            b->guest_pc, b->nb_ops, b->nb_temps, b->ctx->nb_globals, b->nb_labels);
    for (unsigned i = 0; i < b->nb_ops; i++) {
        const IrOp *op = &b->ops[i];
        if (op->opc == IR_OP_insn_start) {
            fprintf(f, " ---- 0x%" PRIx64 "\n", op->args[0]);
            continue;
        }
        fprintf(f, " %4u: ", i);
        ir_dump_op(b, op, f);
        fputc('\n', f);
    }
}
