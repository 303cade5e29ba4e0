/* THE list of IR ops. Every table that depends on the op set (the IrOpc enum,
 * names, arity/flags table, verifier, dump, interpreter dispatch and later
 * the x86-64 emitter dispatch) is generated from this one X-macro, so adding
 * an op is one line here plus its semantics (jit/ir-eval.h) and handlers.
 *
 *   IR_OP(name, nout, nin, nconst, kind, flags)
 *
 * Arguments of an op are stored outputs first, then inputs (temps), then
 * constants. kind says which operating types the op accepts and how the
 * interpreter table is built:
 *   INT  i32 or i64 (op->type); every temp argument has that type
 *   ANY  i32, i64 or v128 (mov, env and guest memory accesses)
 *   I64  i64 only
 *   MONO the op's types are fixed by the op itself (conversions, control)
 * The exact semantics of every op are in docs/jit.md. `call` is the only op
 * whose nout/nin come from its helper descriptor instead of this table.
 *
 * Not an include-guarded header: include it after defining IR_OP. */

/* moves and constants */
IR_OP(mov,          1, 1, 0, ANY,  0)
IR_OP(movi,         1, 0, 1, INT,  0)

/* arithmetic and logic; shift counts are taken modulo the width */
IR_OP(add,          1, 2, 0, INT,  0)
IR_OP(sub,          1, 2, 0, INT,  0)
IR_OP(mul,          1, 2, 0, INT,  0)
IR_OP(neg,          1, 1, 0, INT,  0)
IR_OP(and,          1, 2, 0, INT,  0)
IR_OP(or,           1, 2, 0, INT,  0)
IR_OP(xor,          1, 2, 0, INT,  0)
IR_OP(not,          1, 1, 0, INT,  0)
IR_OP(andc,         1, 2, 0, INT,  0)
IR_OP(orc,          1, 2, 0, INT,  0)
IR_OP(eqv,          1, 2, 0, INT,  0)
IR_OP(shl,          1, 2, 0, INT,  0)
IR_OP(shr,          1, 2, 0, INT,  0)
IR_OP(sar,          1, 2, 0, INT,  0)
IR_OP(rotl,         1, 2, 0, INT,  0)
IR_OP(rotr,         1, 2, 0, INT,  0)
IR_OP(clz,          1, 1, 0, INT,  0)
IR_OP(ctz,          1, 1, 0, INT,  0)
IR_OP(ctpop,        1, 1, 0, INT,  0)
IR_OP(bswap16,      1, 1, 0, INT,  0)
IR_OP(bswap32,      1, 1, 0, INT,  0)
IR_OP(bswap64,      1, 1, 0, I64,  0)
IR_OP(ext8s,        1, 1, 0, INT,  0)
IR_OP(ext8u,        1, 1, 0, INT,  0)
IR_OP(ext16s,       1, 1, 0, INT,  0)
IR_OP(ext16u,       1, 1, 0, INT,  0)
IR_OP(ext32s,       1, 1, 0, I64,  0)
IR_OP(ext32u,       1, 1, 0, I64,  0)
/* bitfields: constants pos, len with 1 <= len, pos + len <= width */
IR_OP(extract,      1, 1, 2, INT,  0)
IR_OP(sextract,     1, 1, 2, INT,  0)
IR_OP(deposit,      1, 2, 2, INT,  0)
/* (in0:in1) >> pos, low half: A64 EXTR; constant pos < width */
IR_OP(extract2,     1, 2, 1, INT,  0)
/* full products: out0 = low half, out1 = high half */
IR_OP(mulu2,        2, 2, 0, INT,  0)
IR_OP(muls2,        2, 2, 0, INT,  0)
/* total division: x/0 = 0, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0 */
IR_OP(div,          1, 2, 0, INT,  0)
IR_OP(divu,         1, 2, 0, INT,  0)
IR_OP(rem,          1, 2, 0, INT,  0)
IR_OP(remu,         1, 2, 0, INT,  0)
/* comparisons: constant IrCond */
IR_OP(setcond,      1, 2, 1, INT,  0)
IR_OP(movcond,      1, 4, 1, INT,  0)

/* width conversions (types fixed) */
IR_OP(ext_i32_i64,  1, 1, 0, MONO, 0)
IR_OP(extu_i32_i64, 1, 1, 0, MONO, 0)
IR_OP(extrl_i64_i32, 1, 1, 0, MONO, 0)
IR_OP(extrh_i64_i32, 1, 1, 0, MONO, 0)

/* CPU state that is not a global: constants env offset, JitMemOp (size|sign) */
IR_OP(ld_env,       1, 0, 2, ANY,  IR_F_ENV)
IR_OP(st_env,       0, 1, 2, ANY,  IR_F_ENV | IR_F_SIDE)

/* guest memory through the softmmu TLB: in = address (i64) [, value];
 * constants JitMemOp, mmu index */
IR_OP(qemu_ld,      1, 1, 2, ANY,  IR_F_GMEM | IR_F_RAISES | IR_F_SIDE)
IR_OP(qemu_st,      0, 2, 2, ANY,  IR_F_GMEM | IR_F_RAISES | IR_F_SIDE)

/* helper call: constant = const IrHelper *; arity from the descriptor */
IR_OP(call,         0, 0, 1, MONO, IR_F_CALL)

/* control flow inside a block: labels, forward branches only */
IR_OP(set_label,    0, 0, 1, MONO, IR_F_SIDE | IR_F_LABEL)
IR_OP(br,           0, 0, 1, MONO, IR_F_SIDE | IR_F_BRANCH | IR_F_NOFALL)
IR_OP(brcond,       0, 2, 2, INT,  IR_F_SIDE | IR_F_BRANCH)

/* markers and barriers */
IR_OP(insn_start,   0, 0, 1, MONO, IR_F_SIDE)
IR_OP(mb,           0, 0, 1, MONO, IR_F_SIDE)

/* block exits; goto_tb n must be immediately followed by
 * exit_tb(JIT_EXIT_WORD(JIT_EXIT_CHAIN, n)) */
IR_OP(goto_tb,      0, 0, 1, MONO, IR_F_SIDE)
IR_OP(exit_tb,      0, 0, 1, MONO, IR_F_SIDE | IR_F_EXIT | IR_F_NOFALL)
IR_OP(lookup_and_goto_ptr, 0, 0, 0, MONO, IR_F_SIDE | IR_F_EXIT | IR_F_NOFALL)

/* a deleted op; passes leave these and ir_block_compact() drops them */
IR_OP(nop,          0, 0, 0, MONO, 0)
