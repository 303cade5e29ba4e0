/* Entry for bare-metal guest tests: clear BSS, set a stack, enable FP, run
 * test_main(), report its result on the UART and power off through PSCI
 * SYSTEM_OFF (DEN0022 5.1.9) over HVC, the virt board's default conduit. */
    .section .text.boot
    .global _start
_start:
    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  ldr     x1, =__stack_top
    mov     sp, x1
    /* CPACR_EL1.FPEN = 0b11: FP/SIMD instructions do not trap (D13.2.30) */
    mov     x1, #(3 << 20)
    msr     cpacr_el1, x1
    isb
    bl      test_main
    bl      guest_report
    .global guest_poweroff
guest_poweroff:
    movz    w0, #0x0008
    movk    w0, #0x8400, lsl #16
    hvc     #0
3:  wfi
    b       3b
