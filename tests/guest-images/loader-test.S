/* A tiny bare-metal AArch64 program for the loader tests
 * (tests/scripts/loader.sh). Linked at RAM base + 0x80000 it is both an ELF
 * and, after objcopy -O binary, a raw image that armlet loads at the same
 * address. It has code, initialised data and a BSS, so the test can check
 * that file bytes land and that the BSS is zero-filled. It is never run. */
    .text
    .global _start
_start:
    adr     x1, message
    ldr     x2, =counter
    ldr     w3, [x2]
    add     w3, w3, #1
    str     w3, [x2]
1:  wfi
    b       1b

    .section .rodata
message:
    .asciz  "armlet loader test"

    .data
    .balign 8
magic:
    .quad   0x6c6f616465726172     /* recognisable bytes in the raw image */

    .bss
    .balign 16
counter:
    .space  4
scratch:
    .space  8188
