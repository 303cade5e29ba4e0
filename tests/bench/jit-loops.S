/* JIT micro-benchmarks: one loop per MODE, ITERS iterations, then PSCI
 * SYSTEM_OFF (DEN0022 5.1.9) over HVC, so the same ELF runs on armlet and on
 * qemu-system-aarch64 -M virt. Built by tests/bench/jit-micro.sh.
 *   MODE 0  a typical loop body: loads, stores, ALU, flags, a conditional
 *           branch back (8 instructions, one block chained to itself)
 *   MODE 1  three blocks joined by direct branches: chained transitions
 *   MODE 2  two blocks joined by BR: indirect branches (jump cache)
 *   MODE 3  ISB ends each block with a return to the dispatcher */
    .text
    .global _start
_start:
    ldr     x2, =ITERS
    adr     x1, buf
    mov     x4, #0
    mov     x5, #0
    mov     x6, #0
.if MODE == 0
1:  ldr     x3, [x1, x4, lsl #3]
    add     x5, x5, x3
    eor     x6, x6, x5, ror #7
    str     x6, [x1, x4, lsl #3]
    add     x4, x4, #1
    and     x4, x4, #1023
    subs    x2, x2, #1
    b.ne    1b
.elseif MODE == 1
1:  b       2f
2:  b       3f
3:  subs    x2, x2, #1
    b.ne    1b
.elseif MODE == 2
    adr     x7, 2f
1:  br      x7
2:  subs    x2, x2, #1
    b.ne    1b
.else
1:  isb
    subs    x2, x2, #1
    b.ne    1b
.endif
    movz    w0, #0x0008
    movk    w0, #0x8400, lsl #16
    hvc     #0
3:  wfi
    b       3b
    .ltorg
    .balign 4096
buf:
    .skip   8192
