/* Entry for bare-metal guest tests: clear BSS, set a stack, run
 * test_main(), report its result on the UART and power off through PSCI
 * SYSTEM_OFF (DEN0022 5.1.9) on the conduit the device tree names.
 * x0 at entry is the DTB (arm64 booting.rst); it is kept in guest_dtb. */
    .section .text.boot
    .global _start
_start:
    mov     x19, x0
    /* FP/SIMD on at EL1 and EL0: CPACR_EL1.FPEN = 0b11 (D13.2.30) */
    mov     x1, #(3 << 20)
    msr     cpacr_el1, x1
    isb
    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  ldr     x1, =__stack_top
    mov     sp, x1
    ldr     x1, =guest_dtb
    str     x19, [x1]
    bl      test_main
    bl      guest_report
    bl      guest_poweroff
3:  wfi
    b       3b

/* Where a spin-table release sends secondaries (lib/smp.c): x0 = 0 by the
 * protocol, so the index comes from MPIDR_EL1.Aff0 (up to 8 CPUs). */
    .global smp_spin_entry
smp_spin_entry:
    mrs     x0, mpidr_el1
    and     x0, x0, #0xff
    b       smp_secondary_entry

/* Where PSCI CPU_ON starts secondaries (lib/smp.c): x0 = context_id,
 * whose low byte is the CPU's index. Each gets its own stack. */
    .global smp_secondary_entry
smp_secondary_entry:
    mov     x1, #(3 << 20)
    msr     cpacr_el1, x1
    isb
    and     x1, x0, #0xff
    msr     tpidr_el1, x1
    ldr     x2, =smp_stacks
    add     x1, x1, #1
    lsl     x1, x1, #13            /* SMP_STACK_SIZE = 8 KiB */
    add     x2, x2, x1
    mov     sp, x2
    bl      smp_secondary_main
4:  wfi
    b       4b
