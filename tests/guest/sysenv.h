/* Shared by the system-level guest tests (sys-*.c): an exception vector
 * table that saves every register, records the exception (kind, ESR, ELR,
 * FAR, SPSR) and resumes, a way to run a function at EL0 and come back
 * (ERET to EL0t, SVC #0xff from EL0 returns), and system-register access
 * macros. Included by exactly one test file per image.
 *
 * Default resumption after a synchronous exception: SVC/HVC return to the
 * next instruction (their ELR already points there); an instruction abort
 * returns to X30 (tests reach bad code with BLR); anything else skips the
 * faulting instruction (ELR + 4). A test can install exc_hook to decide
 * itself. Vector numbers are offset / 0x80 (Arm ARM D1.10.2): 0-3 current
 * EL with SP_EL0, 4-7 current EL with SP_ELx, 8-11 lower EL (AArch64).
 *
 * SMP: every CPU that takes exceptions calls install_vectors() itself
 * (VBAR_EL1 is per CPU). `exc` is the record of the CPU reading it (one per
 * CPU index, lib/smp.h); exc_hook is shared and may look at
 * smp_cpu_index(). */
#ifndef GUEST_SYSENV_H
#define GUEST_SYSENV_H

#include <stdint.h>

#include "guest.h"
#include "smp.h"

/* No libc: keep GCC from turning loops into memset/memcpy calls. */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

#define READ_SYSREG(r) ({ uint64_t v_; __asm__ volatile("mrs %0, " #r : "=r"(v_)); v_; })
#define WRITE_SYSREG(r, v) __asm__ volatile("msr " #r ", %0" :: "r"((uint64_t)(v)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")
#define DSB() __asm__ volatile("dsb sy" ::: "memory")

#define EC(esr) ((unsigned)((esr) >> 26) & 0x3f)
#define ISS(esr) ((esr) & 0x1ffffff)
#define ESR_IL (1ull << 25)

enum { VEC_CUR_SP0_SYNC = 0, VEC_CUR_SPX_SYNC = 4, VEC_LOWER_SYNC = 8 };

struct exc_frame {
    uint64_t x[31];
    uint64_t elr, spsr, pad;
};

struct exc_info {
    unsigned count, vec;
    uint64_t esr, elr, far, spsr;
};

static volatile struct exc_info exc_percpu[SMP_MAX_CPUS];
#define exc (exc_percpu[smp_cpu_index()])
/* Return nonzero if the hook has set up the resumption itself. */
static int (*volatile exc_hook)(struct exc_frame *f, unsigned vec);

__asm__(".pushsection .text.sysenv, \"ax\"\n"
        ".balign 2048\n"
        ".global sysenv_vectors\n"
        "sysenv_vectors:\n"
        ".irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n"
        ".balign 128\n"
        "sub sp, sp, #272\n"
        "stp x0, x1, [sp]\n"
        "mov x0, #\\n\n"
        "b sysenv_exc_common\n"
        ".endr\n"
        "sysenv_exc_common:\n"
        "stp x2, x3, [sp, #16]\n"
        "stp x4, x5, [sp, #32]\n"
        "stp x6, x7, [sp, #48]\n"
        "stp x8, x9, [sp, #64]\n"
        "stp x10, x11, [sp, #80]\n"
        "stp x12, x13, [sp, #96]\n"
        "stp x14, x15, [sp, #112]\n"
        "stp x16, x17, [sp, #128]\n"
        "stp x18, x19, [sp, #144]\n"
        "stp x20, x21, [sp, #160]\n"
        "stp x22, x23, [sp, #176]\n"
        "stp x24, x25, [sp, #192]\n"
        "stp x26, x27, [sp, #208]\n"
        "stp x28, x29, [sp, #224]\n"
        "mrs x1, elr_el1\n"
        "stp x30, x1, [sp, #240]\n"
        "mrs x1, spsr_el1\n"
        "str x1, [sp, #256]\n"
        "mov x1, x0\n"
        "mov x0, sp\n"
        "bl sysenv_exc_dispatch\n"
        "ldr x1, [sp, #256]\n"
        "msr spsr_el1, x1\n"
        "ldp x30, x1, [sp, #240]\n"
        "msr elr_el1, x1\n"
        "ldp x28, x29, [sp, #224]\n"
        "ldp x26, x27, [sp, #208]\n"
        "ldp x24, x25, [sp, #192]\n"
        "ldp x22, x23, [sp, #176]\n"
        "ldp x20, x21, [sp, #160]\n"
        "ldp x18, x19, [sp, #144]\n"
        "ldp x16, x17, [sp, #128]\n"
        "ldp x14, x15, [sp, #112]\n"
        "ldp x12, x13, [sp, #96]\n"
        "ldp x10, x11, [sp, #80]\n"
        "ldp x8, x9, [sp, #64]\n"
        "ldp x6, x7, [sp, #48]\n"
        "ldp x4, x5, [sp, #32]\n"
        "ldp x2, x3, [sp, #16]\n"
        "ldp x0, x1, [sp]\n"
        "add sp, sp, #272\n"
        "eret\n"
        /* sysenv_run_el0(fn, arg, sp, spsr): call fn(arg) at EL0 */
        ".global sysenv_run_el0\n"
        "sysenv_run_el0:\n"
        "stp x29, x30, [sp, #-96]!\n"
        "stp x19, x20, [sp, #16]\n"
        "stp x21, x22, [sp, #32]\n"
        "stp x23, x24, [sp, #48]\n"
        "stp x25, x26, [sp, #64]\n"
        "stp x27, x28, [sp, #80]\n"
        "msr elr_el1, x0\n"
        "msr sp_el0, x2\n"
        "msr spsr_el1, x3\n"
        "mov x0, x1\n"
        "adr x30, sysenv_el0_exit\n"
        "eret\n"
        "sysenv_el0_exit:\n"
        "svc #0xff\n"
        ".global sysenv_el0_return\n"
        "sysenv_el0_return:\n"
        "ldp x19, x20, [sp, #16]\n"
        "ldp x21, x22, [sp, #32]\n"
        "ldp x23, x24, [sp, #48]\n"
        "ldp x25, x26, [sp, #64]\n"
        "ldp x27, x28, [sp, #80]\n"
        "ldp x29, x30, [sp], #96\n"
        "ret\n"
        ".popsection\n");

extern char sysenv_vectors[], sysenv_el0_return[];
uint64_t sysenv_run_el0(uint64_t (*fn)(uint64_t), uint64_t arg, uint64_t sp, uint64_t spsr);
void sysenv_exc_dispatch(struct exc_frame *f, unsigned vec);

void sysenv_exc_dispatch(struct exc_frame *f, unsigned vec)
{
    uint64_t esr = READ_SYSREG(esr_el1);

    if (vec == VEC_LOWER_SYNC && EC(esr) == 0x15 && ISS(esr) == 0xff) {
        /* the end of an EL0 run: back to sysenv_run_el0 at EL1h, masked */
        f->elr = (uint64_t)sysenv_el0_return;
        f->spsr = 0x3c5;
        return;
    }
    exc.count++;
    exc.vec = vec;
    exc.esr = esr;
    exc.elr = f->elr;
    exc.far = READ_SYSREG(far_el1);
    exc.spsr = f->spsr;
    if (exc_hook && exc_hook(f, vec)) {
        return;
    }
    if ((vec & 3) != 0) {
        return;      /* IRQ/FIQ/SError: nothing to skip */
    }
    switch (EC(esr)) {
    case 0x15: case 0x16: case 0x17:
        break;
    case 0x20: case 0x21:
        f->elr = f->x[30];
        break;
    default:
        f->elr += 4;
        break;
    }
}

static uint8_t el0_stack[4096] __attribute__((aligned(16)));

/* Run fn(arg) at EL0 (EL0t, DAIF masked) with its own stack. */
static inline uint64_t run_el0(uint64_t (*fn)(uint64_t), uint64_t arg)
{
    return sysenv_run_el0(fn, arg, (uint64_t)(el0_stack + sizeof el0_stack), 0x3c0);
}

static inline void install_vectors(void)
{
    WRITE_SYSREG(vbar_el1, sysenv_vectors);
    ISB();
}

static inline void exc_clear(void)
{
    exc.count = 0;
    exc.vec = ~0u;
    exc.esr = exc.elr = exc.far = exc.spsr = 0;
    exc_hook = 0;
}

#endif
