/* The 4-vCPU guest of the smp-*.gdb sessions (run with -smp 4 -S): the
 * boot CPU starts CPUs 1..3 with PSCI CPU_ON at smp_secondary_entry
 * (context_id = idx | 0x5a0 << 8), each records its MPIDR_EL1 and parks
 * in parked_loop() until released; all_parked() is called when all four
 * are on and parked (where the sessions break to look at every thread).
 * hold_for_gdb, set by a debugger only, keeps the boot CPU spinning in
 * hold() until a debugger clears it (the detach/reconnect session).
 * Ends with GUEST-PASS and PSCI SYSTEM_OFF. -O0 -g like prog.c. */
#include "guest.h"
#include "smp.h"

#define NCPUS 4
#define CTX_HI 0x5a0

volatile uint64_t cpu_mpidr[NCPUS];
volatile int parked[NCPUS];
volatile int release_all;
volatile int hold_for_gdb;
volatile uint64_t spins;

/* Where every secondary waits: idx stays in w0/the frame, so that gdb sees
 * which CPU it is in any thread. */
void __attribute__((noinline)) parked_loop(int idx)
{
    parked[idx] = 1;
    while (!release_all) {
        __asm__ volatile("wfe" ::: "memory");
    }
    parked[idx] = 2;
}

static void secondary(int idx, uint64_t arg)
{
    uint64_t mpidr;

    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    cpu_mpidr[idx] = mpidr;
    GUEST_CHECK_EQ(arg, (uint64_t)idx * 10);
    parked_loop(idx);
}

/* All four CPUs on, each secondary in parked_loop. */
void __attribute__((noinline)) all_parked(void)
{
    __asm__ volatile("" ::: "memory");
}

/* The boot CPU spins here while a debugger wants it to. */
void __attribute__((noinline)) hold(void)
{
    while (hold_for_gdb) {
        spins++;
    }
}

int test_main(void)
{
    uint64_t mpidr;

    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    cpu_mpidr[0] = mpidr;
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_cpu_on(i, secondary, (uint64_t)i * 10, CTX_HI), PSCI_SUCCESS);
    }
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_eq(&parked[i], 1, 5000), 1);
    }
    all_parked();
    hold();
    release_all = 1;
    __asm__ volatile("dsb sy; sev" ::: "memory");
    for (int i = 1; i < NCPUS; i++) {
        GUEST_CHECK_EQ(smp_wait_cpu_off(i, 5000), 1);
        GUEST_CHECK_EQ(smp_ctx[i], (uint64_t)i | (uint64_t)CTX_HI << 8);
        GUEST_CHECK_EQ(cpu_mpidr[i] & 0xff, (uint64_t)i);
    }
    return 0;
}
