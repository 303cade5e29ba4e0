/* SMP and PSCI support for bare-metal guest tests (smp.h). */
#include "smp.h"

#include "guest.h"

uint64_t guest_dtb;
volatile uint64_t smp_ctx[SMP_MAX_CPUS];
uint8_t smp_stacks[SMP_MAX_CPUS][SMP_STACK_SIZE] __attribute__((aligned(16)));

static void (*volatile smp_fn[SMP_MAX_CPUS])(int, uint64_t);
static volatile uint64_t smp_arg[SMP_MAX_CPUS];

void smccc_call(bool smc, const uint64_t in[4], uint64_t out[4])
{
    register uint64_t x0 __asm__("x0") = in[0];
    register uint64_t x1 __asm__("x1") = in[1];
    register uint64_t x2 __asm__("x2") = in[2];
    register uint64_t x3 __asm__("x3") = in[3];

    if (smc) {
        __asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) :: "memory");
    } else {
        __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) :: "memory");
    }
    out[0] = x0;
    out[1] = x1;
    out[2] = x2;
    out[3] = x3;
}

static bool conduit_is_smc(void)
{
    static int cached = -1;
    int len;
    const char *m;

    if (cached < 0) {
        m = guest_dtb ? fdt_prop((const void *)guest_dtb, "/psci", "method", &len) : 0;
        cached = m && m[0] == 's' && m[1] == 'm' && m[2] == 'c';
    }
    return cached;
}

int64_t psci_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint64_t in[4] = { fid, a1, a2, a3 }, out[4];

    smccc_call(conduit_is_smc(), in, out);
    return (int64_t)out[0];
}

void guest_poweroff(void);
void guest_poweroff(void)
{
    psci_call(PSCI_SYSTEM_OFF_FN, 0, 0, 0);
}

int smp_cpu_index(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, tpidr_el1" : "=r"(v));
    return (int)v;
}

uint64_t smp_mpidr_of(int idx)
{
    static uint64_t cache[SMP_MAX_CPUS];   /* bit 63: filled */
    char path[16] = "/cpus/cpu@";
    int p = 10, len;
    const uint8_t *reg;

    if (idx < 0 || idx >= SMP_MAX_CPUS) {
        return ~0ull;
    }
    if (!cache[idx]) {
        if (idx >= 10) {
            path[p++] = (char)('0' + idx / 10);
        }
        path[p++] = (char)('0' + idx % 10);
        path[p] = 0;
        reg = guest_dtb ? fdt_prop((const void *)guest_dtb, path, "reg", &len) : 0;
        /* one cell (#address-cells = 1) unless Aff3 is in use; no tree: Aff0 */
        if (!reg) {
            cache[idx] = (uint64_t)idx;
        } else if (len == 8) {
            cache[idx] = (uint64_t)fdt_be32(reg) << 32 | fdt_be32(reg + 4);
        } else {
            cache[idx] = fdt_be32(reg);
        }
        cache[idx] |= 1ull << 63;
    }
    return cache[idx] & ~(1ull << 63);
}

int64_t smp_cpu_on(int idx, void (*fn)(int, uint64_t), uint64_t arg, uint64_t ctx_hi)
{
    smp_fn[idx] = fn;
    smp_arg[idx] = arg;
    __asm__ volatile("dsb sy" ::: "memory");
    return psci_call(PSCI_CPU_ON_FN, smp_mpidr_of(idx), (uint64_t)smp_secondary_entry,
                     (uint64_t)idx | ctx_hi << 8);
}

bool smp_spin_release(int idx, void (*fn)(int, uint64_t), uint64_t arg)
{
    char path[] = "/cpus/cpu@0";
    const uint8_t *p;
    volatile uint64_t *release;
    int len;

    path[10] = (char)('0' + idx);
    p = guest_dtb ? fdt_prop((const void *)guest_dtb, path, "cpu-release-addr", &len) : 0;
    if (!p || len != 8 || idx > 9) {
        return false;
    }
    release = (volatile uint64_t *)(uintptr_t)((uint64_t)fdt_be32(p) << 32 | fdt_be32(p + 4));
    smp_fn[idx] = fn;
    smp_arg[idx] = arg;
    __asm__ volatile("dsb sy" ::: "memory");
    *release = (uint64_t)smp_spin_entry;
    __asm__ volatile("dsb sy; sev" ::: "memory");
    return true;
}

void smp_secondary_main(uint64_t ctx);
void smp_secondary_main(uint64_t ctx)
{
    int idx = (int)(ctx & 0xff);

    smp_ctx[idx] = ctx;
    if (smp_fn[idx]) {
        smp_fn[idx](idx, smp_arg[idx]);
    }
    psci_call(PSCI_CPU_OFF_FN, 0, 0, 0);
}

uint64_t guest_time_us(void)
{
    uint64_t cnt, frq;

    __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(cnt) :: "memory");
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
    return cnt / (frq / 1000000);
}

void guest_delay_us(uint64_t us)
{
    uint64_t end = guest_time_us() + us;

    while (guest_time_us() < end) {
    }
}

bool smp_wait_cpu_off(int idx, unsigned timeout_ms)
{
    uint64_t end = guest_time_us() + timeout_ms * 1000ull;

    /* AFFINITY_INFO (DEN0022 5.1.5): 1 = OFF */
    while (psci_call(PSCI_AFFINITY_INFO_FN, smp_mpidr_of(idx), 0, 0) != 1) {
        if (guest_time_us() > end) {
            return false;
        }
    }
    return true;
}

bool smp_wait_eq(volatile int *p, int want, unsigned timeout_ms)
{
    uint64_t end = guest_time_us() + timeout_ms * 1000ull;

    while (*p != want) {
        if (guest_time_us() > end) {
            return false;
        }
    }
    return true;
}

bool smp_barrier(smp_barrier_t *b, int n, unsigned timeout_ms)
{
    int gen = __atomic_load_n(&b->gen, __ATOMIC_ACQUIRE);
    uint64_t end = guest_time_us() + timeout_ms * 1000ull;

    if (__atomic_add_fetch(&b->count, 1, __ATOMIC_ACQ_REL) == n) {
        b->count = 0;
        __atomic_store_n(&b->gen, gen + 1, __ATOMIC_RELEASE);
        __asm__ volatile("dsb sy; sev" ::: "memory");
        return true;
    }
    while (__atomic_load_n(&b->gen, __ATOMIC_ACQUIRE) == gen) {
        if (guest_time_us() > end) {
            return false;
        }
        __asm__ volatile("wfe" ::: "memory");
    }
    return true;
}

void guest_lock(guest_lock_t *l)
{
    while (__atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE)) {
        /* woken by the SEV of the unlock (or spuriously) */
        __asm__ volatile("wfe" ::: "memory");
    }
}

void guest_unlock(guest_lock_t *l)
{
    __atomic_store_n(&l->v, 0, __ATOMIC_RELEASE);
    __asm__ volatile("dsb sy; sev" ::: "memory");
}

/* ---- flattened device tree (devicetree specification 5.4) ---- */

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4

static int str_eq_n(const char *a, const char *b, int n)
{
    for (int i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return 0;
        }
    }
    return 1;
}

const void *fdt_prop(const void *fdt, const char *path, const char *prop, int *len)
{
    const uint8_t *base = fdt;
    const uint8_t *p = base + fdt_be32(base + 8);        /* off_dt_struct */
    const char *strings = (const char *)base + fdt_be32(base + 12);
    int depth = 0, matched = 0;   /* nodes along path matched so far */
    const char *want = path;      /* next path component to match */

    if (fdt_be32(base) != 0xd00dfeedu) {
        return 0;
    }
    for (;;) {
        uint32_t tok = fdt_be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            int n = 0;
            while (name[n]) {
                n++;
            }
            p += (n + 4) & ~3;
            depth++;
            if (depth == 1) {
                matched = 1;      /* the root */
                want = path + 1;
            } else if (matched == depth - 1 && *want) {
                int wl = 0;
                while (want[wl] && want[wl] != '/') {
                    wl++;
                }
                if (wl == n && str_eq_n(name, want, n)) {
                    matched = depth;
                    want += wl + (want[wl] == '/');
                }
            }
        } else if (tok == FDT_END_NODE) {
            if (matched == depth && depth > 1) {
                return 0;         /* left the target node without the prop */
            }
            depth--;
        } else if (tok == FDT_PROP) {
            uint32_t plen = fdt_be32(p), nameoff = fdt_be32(p + 4);
            const char *pname = strings + nameoff;
            if (matched == depth && !*want) {
                int i = 0;
                while (prop[i] && pname[i] == prop[i]) {
                    i++;
                }
                if (!prop[i] && !pname[i]) {
                    *len = (int)plen;
                    return p + 8;
                }
            }
            p += 8 + ((plen + 3) & ~3u);
        } else if (tok == FDT_NOP) {
            continue;
        } else {
            return 0;
        }
    }
}
