/* SMP and PSCI support for bare-metal guest tests: PSCI calls on the
 * conduit the device tree names, starting secondary CPUs with CPU_ON at
 * smp_secondary_entry (crt0.S), a spinlock, and waits with timeouts (so a
 * broken emulator fails the test instead of hanging it).
 *
 * CPU index i's MPIDR comes from the device tree (/cpus/cpu@i's reg): on
 * the virt board clusters of 8 (GICv2) or 16 (GICv3) CPUs, Aff1 = the
 * cluster, Aff0 = the CPU in it. */
#ifndef GUEST_SMP_H
#define GUEST_SMP_H

#include <stdbool.h>
#include <stdint.h>

#define SMP_MAX_CPUS 32
#define SMP_STACK_SIZE 8192

/* PSCI function IDs (DEN0022 5.1) and return codes (5.2.2). */
#define PSCI_VERSION_FN       0x84000000u
#define PSCI_CPU_SUSPEND_FN   0xc4000001u
#define PSCI_CPU_OFF_FN       0x84000002u
#define PSCI_CPU_ON_FN        0xc4000003u
#define PSCI_AFFINITY_INFO_FN 0xc4000004u
#define PSCI_SYSTEM_OFF_FN    0x84000008u
#define PSCI_SYSTEM_RESET_FN  0x84000009u
#define PSCI_FEATURES_FN      0x8400000au
#define PSCI_SUCCESS          0
#define PSCI_NOT_SUPPORTED    (-1)
#define PSCI_INVALID_PARAMS   (-2)
#define PSCI_DENIED           (-3)
#define PSCI_ALREADY_ON       (-4)
#define PSCI_ON_PENDING       (-5)
#define PSCI_INVALID_ADDRESS  (-9)

extern uint64_t guest_dtb;           /* x0 at entry */

/* HVC or SMC as /psci's "method" says (HVC if there is no /psci). */
int64_t psci_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3);
/* The SMC/HVC instruction explicitly, returning x0..x3 in out[4]. */
void smccc_call(bool smc, const uint64_t in[4], uint64_t out[4]);

/* The CPU running this code (TPIDR_EL1: 0 on the boot CPU, set by
 * smp_secondary_entry on the others). */
int smp_cpu_index(void);
uint64_t smp_mpidr_of(int idx);
/* CPU_ON of CPU idx: it runs fn(idx, arg) on its own stack and then calls
 * CPU_OFF. context_id = idx | ctx_hi << 8, recorded in smp_ctx[idx]
 * by the secondary. Returns PSCI's answer. */
int64_t smp_cpu_on(int idx, void (*fn)(int idx, uint64_t arg), uint64_t arg, uint64_t ctx_hi);
/* The spin-table protocol instead (booting.rst): write smp_spin_entry to
 * CPU idx's cpu-release-addr from the device tree and SEV; it then runs
 * fn(idx, arg) like smp_cpu_on's. False if the tree names no address. */
bool smp_spin_release(int idx, void (*fn)(int idx, uint64_t arg), uint64_t arg);
void smp_spin_entry(void);
extern volatile uint64_t smp_ctx[SMP_MAX_CPUS];
extern uint8_t smp_stacks[SMP_MAX_CPUS][SMP_STACK_SIZE];
void smp_secondary_entry(void);

/* Wait until *p == want or timeout_ms of counter time pass; true if seen. */
bool smp_wait_eq(volatile int *p, int want, unsigned timeout_ms);
/* Poll AFFINITY_INFO until CPU idx reads OFF; true if it did in time. */
bool smp_wait_cpu_off(int idx, unsigned timeout_ms);
/* Counter time since an arbitrary origin, in microseconds. */
uint64_t guest_time_us(void);
/* Busy-wait us microseconds of counter time. */
void guest_delay_us(uint64_t us);

/* All n CPUs meet here (WFE until the last arrives); false if timeout_ms
 * passed first (the barrier is then broken for this test). */
typedef struct { volatile int count, gen; } smp_barrier_t;
bool smp_barrier(smp_barrier_t *b, int n, unsigned timeout_ms);

/* A lock for shared output and data (exclusives with WFE/SEV). */
typedef struct { volatile uint32_t v; } guest_lock_t;
void guest_lock(guest_lock_t *l);
void guest_unlock(guest_lock_t *l);

/* Minimal device-tree reading: the property prop of the node at path
 * (e.g. "/cpus/cpu@1"), or NULL; *len gets its length. */
const void *fdt_prop(const void *fdt, const char *path, const char *prop, int *len);
static inline uint32_t fdt_be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

#endif
