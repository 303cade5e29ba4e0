/* The built-in payload armlet runs when neither -kernel nor -bios is given:
 * it says so on the PL011 and powers the machine off through PSCI.
 * Position independent; loaded at RAM base + 0x80000 like a raw image.
 * firmware/default_payload.c holds these instructions as data, so that
 * building armlet needs no cross compiler; tests/scripts/firmware.sh checks
 * that the two agree (regenerate with scripts/gen-default-payload). */
    .text
    .global _start
_start:
    movz    x1, #0x0900, lsl #16        /* PL011 on the virt board */
    mov     w4, #0x301                  /* UARTCR: UARTEN | TXE | RXE */
    str     w4, [x1, #0x30]
    adr     x2, message
next:
    ldrb    w3, [x2], #1
    cbz     w3, done
busy:
    ldr     w4, [x1, #0x18]             /* UARTFR */
    tbnz    w4, #5, busy                /* TXFF: transmit FIFO full */
    str     w3, [x1]                    /* UARTDR */
    b       next
done:
    movz    w0, #0x0008                 /* PSCI SYSTEM_OFF (DEN0022 5.1.9) */
    movk    w0, #0x8400, lsl #16
    hvc     #0
halt:
    wfi
    b       halt
message:
    .asciz  "armlet: no -kernel or -bios given; this is the built-in payload. Try: armlet -M virt -nographic -kernel Image\r\n"
    .balign 4
