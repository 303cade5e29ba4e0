/* The holding pen of the spin-table boot protocol (Linux
 * Documentation/arch/arm64/booting.rst, "enable-method spin-table"), run by
 * every secondary CPU from reset when -machine smp-boot=spin-table.
 *
 * armlet starts CPU n here with x0 = the address of its cpu-release-addr
 * (a 64-bit word, zero at reset, named in its /cpus node). The CPU waits
 * in WFE until the word is non-zero, then branches to the address it
 * holds with x0..x3 = 0, as the protocol asks. The OS writes the word and
 * executes SEV. */
    .text
    .global spin_pen
spin_pen:
0:  ldr     x4, [x0]
    cbnz    x4, 1f
    wfe
    b       0b          /* a local label: no relocation left in the blob */
1:  mov     x0, xzr
    mov     x1, xzr
    mov     x2, xzr
    mov     x3, xzr
    br      x4
