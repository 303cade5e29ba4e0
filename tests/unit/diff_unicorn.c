/* Differential testing against Unicorn (see diff_unicorn.h). */
#include "tests/unit/diff_unicorn.h"

#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "jit/tb.h"
#include "target-arm/a64-decode.h"
#include "target-arm/exception.h"
#include "tests/unit/arm_harness.h"

#define HVC_STOP (0xd4000002u | (0xabcu << 5))   /* hvc #0xabc: the harness's stop */
#define MAX_WATCH 8
/* the FPCR and FPSR bits an AArch64-only ARMv8.0 CPU has (C5.2.7, C5.2.8);
 * Unicorn's "max" CPU has more (FZ16, AArch32 NZCV) */
#define DIFF_FPCR_MASK 0x07c00000u
#define DIFF_FPSR_MASK 0x0800009fu

struct DiffCtx {
    ArmHarness *h;
    uc_engine *uc;
    uc_hook intr_hook;
    int uc_intno;            /* QEMU exception number of the last stop, or -1 */
    uint64_t code_addr;
    struct {
        uint64_t addr, len;
    } watch[MAX_WATCH];
    unsigned nwatch;
    unsigned max_reports, reports, mismatches;
    DiffResult last;
};

/* ---- random numbers (xorshift64*) ---- */

void diff_rng_seed(DiffRng *r, uint64_t seed)
{
    r->s = seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull;
    if (!r->s) {
        r->s = 1;
    }
}

uint64_t diff_rng64(DiffRng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545f4914f6cdd1dull;
}

uint64_t diff_rng_below(DiffRng *r, uint64_t n)
{
    return diff_rng64(r) % n;
}

uint64_t diff_rng_value(DiffRng *r)
{
    static const uint64_t edges[] = {
        0, 1, 2, UINT64_MAX, UINT64_MAX - 1,
        0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000000ull, 0xfffffffeull,
        0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
        0xffffffff80000000ull, 0xffffffff7fffffffull, 0x00000000ffff0000ull,
        0x000000007ffffffeull, 0x8000000080000000ull, 0x0000000100000001ull,
    };
    uint64_t v = diff_rng64(r);

    switch (diff_rng_below(r, 10)) {
    case 0:
    case 1:
    case 2:
        return edges[diff_rng_below(r, sizeof edges / sizeof edges[0])];
    case 3: {
        /* 2^k and its neighbours */
        uint64_t p = 1ull << diff_rng_below(r, 64);
        return p + (diff_rng_below(r, 3) - 1);
    }
    case 4:
        return diff_rng_below(r, 130);                       /* counts, small numbers */
    case 5:
        return (uint64_t)(int64_t)(int32_t)v;                /* sign-extended 32 bits */
    case 6:
        return (uint32_t)v;                                  /* zero-extended 32 bits */
    case 7:
        return -(diff_rng_below(r, 130));                    /* small negatives */
    default:
        return v;
    }
}

uint64_t diff_random_pointer(DiffRng *r, uint64_t base, uint64_t size, uint64_t align)
{
    return base + (diff_rng_below(r, size / align) * align);
}

unsigned diff_iters(const char *env, unsigned def)
{
    const char *e = env ? getenv(env) : NULL;

    if (e && *e) {
        unsigned long v = strtoul(e, NULL, 0);
        if (v) {
            return (unsigned)v;
        }
    }
    return def;
}

void diff_random_state(DiffRng *r, DiffState *st)
{
    for (int i = 0; i < 31; i++) {
        st->x[i] = diff_rng_value(r);
    }
    /* equal operands: CMP x, x; SUBS giving zero; CCMP on equal values */
    for (int k = (int)diff_rng_below(r, 4); k > 0; k--) {
        st->x[diff_rng_below(r, 31)] = st->x[diff_rng_below(r, 31)];
    }
    st->sp = diff_rng_value(r);
    st->nzcv = (uint32_t)diff_rng_below(r, 16) << 28;
    for (int i = 0; i < 32; i++) {
        st->v[i][0] = diff_rng_fp_lane(r);
        st->v[i][1] = diff_rng_fp_lane(r);
    }
    /* equal vector operands: FCMP equal, FMAX of equal NaNs, ... */
    if (diff_rng_below(r, 4) == 0) {
        int a = (int)diff_rng_below(r, 32), b = (int)diff_rng_below(r, 32);
        memcpy(st->v[a], st->v[b], sizeof st->v[a]);
    }
    st->fpcr = 0;
    st->fpsr = 0;
}

/* One float32 from the edge cases, as bits. */
static uint32_t rng_f32(DiffRng *r)
{
    static const uint32_t special[] = {
        0x00000000, 0x80000000, 0x7f800000, 0xff800000,   /* zeros, infinities */
        0x7fc00000, 0xffc00001, 0x7f800001, 0xff812345,   /* quiet, signalling NaNs */
        0x00000001, 0x807fffff, 0x00400000,               /* subnormals */
        0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff,   /* min normal, max */
        0x3f800000, 0xbf800000, 0x3f7fffff, 0x3f800001,   /* +-1 and neighbours */
        0x3f000000, 0x3fc00000, 0x40200000, 0xbfc00000,   /* 0.5, 1.5, 2.5: ties */
        0x4effffff, 0x4f000000, 0xcf000000, 0x4f800000,   /* around 2^31, 2^32 */
        0x5effffff, 0x5f000000, 0xdf000000, 0x5f800000,   /* around 2^63, 2^64 */
        0x4b7fffff, 0x4b800000, 0x33800000, 0x0c000000,   /* 2^24, tiny products */
    };
    uint64_t k = diff_rng_below(r, 3);

    if (k == 0) {
        return special[diff_rng_below(r, sizeof special / sizeof special[0])];
    }
    if (k == 1) {
        /* a random number with a moderate exponent, so that sums and
         * products stay finite and round */
        return (uint32_t)(diff_rng64(r) & 0x807fffff) | (uint32_t)(0x70 + diff_rng_below(r, 32)) << 23;
    }
    return (uint32_t)diff_rng64(r);
}

static uint64_t rng_f64(DiffRng *r)
{
    static const uint64_t special[] = {
        0x0000000000000000ull, 0x8000000000000000ull, 0x7ff0000000000000ull,
        0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000001ull,
        0x7ff0000000000001ull, 0xfff4000000012345ull, 0x0000000000000001ull,
        0x800fffffffffffffull, 0x0008000000000000ull, 0x0010000000000000ull,
        0x7fefffffffffffffull, 0xffefffffffffffffull, 0x3ff0000000000000ull,
        0xbff0000000000000ull, 0x3fefffffffffffffull, 0x3ff0000000000001ull,
        0x3fe0000000000000ull, 0x3ff8000000000000ull, 0x4004000000000000ull,
        0x41dfffffffc00000ull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
        0x41f0000000000000ull, 0x43dfffffffffffffull, 0x43e0000000000000ull,
        0xc3e0000000000000ull, 0x43f0000000000000ull, 0x47efffffe0000000ull,
        0x47efffffffffffffull, 0x3810000000000000ull, 0x380fffffffffffffull,
        0x36a0000000000000ull,                          /* float32 limits */
    };
    uint64_t k = diff_rng_below(r, 3);

    if (k == 0) {
        return special[diff_rng_below(r, sizeof special / sizeof special[0])];
    }
    if (k == 1) {
        return (diff_rng64(r) & 0x800fffffffffffffull) | (0x3e0ull + diff_rng_below(r, 64)) << 52;
    }
    return diff_rng64(r);
}

uint64_t diff_rng_fp_lane(DiffRng *r)
{
    switch (diff_rng_below(r, 4)) {
    case 0:
        return rng_f64(r);
    case 1:
        return rng_f32(r) | (uint64_t)rng_f32(r) << 32;
    case 2: {
        /* halves: the top 16 bits of floats keep sign, exponent range
         * and the special classes close to binary16's */
        uint64_t v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (uint64_t)(rng_f32(r) >> 16) << (16 * i);
        }
        return v;
    }
    default:
        return diff_rng_value(r);
    }
}

/* ---- classes ---- */

unsigned diff_class_init(DiffClass *cls, const char *name, const char *const *handlers)
{
    int n = a64_decode_entries();

    memset(cls, 0, sizeof *cls);
    cls->name = name;
    for (const char *const *hp = handlers; *hp; hp++) {
        unsigned before = cls->nentries;
        for (int i = 0; i < n; i++) {
            if (strcmp(a64_decode_entry_name(i), *hp) == 0) {
                if (cls->nentries == DIFF_CLASS_MAX_ENTRIES) {
                    fprintf(stderr, "diff: class %s has too many entries\n", name);
                    abort();
                }
                cls->entries[cls->nentries++] = i;
            }
        }
        if (cls->nentries == before) {
            fprintf(stderr, "diff: class %s: no decode entry named %s\n", name, *hp);
            abort();
        }
    }
    return cls->nentries;
}

static bool class_has(const DiffClass *cls, int idx)
{
    for (unsigned i = 0; i < cls->nentries; i++) {
        if (cls->entries[i] == idx) {
            return true;
        }
    }
    return false;
}

bool diff_class_random(const DiffClass *cls, DiffRng *r, uint32_t fix_mask, uint32_t fix_value,
                       uint32_t *insn)
{
    for (int tries = 0; tries < 20000; tries++) {
        int idx = cls->entries[diff_rng_below(r, cls->nentries)];
        uint32_t mask, value, w;

        a64_decode_entry_pattern(idx, &mask, &value);
        if ((mask & fix_mask & (value ^ fix_value)) != 0) {
            continue;                       /* this entry cannot have those bits */
        }
        w = (uint32_t)diff_rng64(r);
        w = (w & ~mask) | value;
        w = (w & ~fix_mask) | (fix_value & fix_mask);
        if (class_has(cls, a64_decode_index(w))) {
            *insn = w;
            return true;
        }
    }
    return false;
}

/* ---- the two machines ---- */

static void uc_check(uc_err err, const char *what)
{
    if (err != UC_ERR_OK) {
        fprintf(stderr, "diff: unicorn %s: %s\n", what, uc_strerror(err));
        abort();
    }
}

/* Translate a stop instruction in the last word of page's 4 KB and leave it
 * there: a page holding translated code stays a code page while test code
 * elsewhere on it is invalidated and retranslated, which spares the JIT
 * re-flagging the page in the TLB twice per run (only a speed-up). */
static void keep_code_page(DiffCtx *d, uint64_t page)
{
    uint64_t addr = page + 0xffc;
    uint32_t stop = HVC_STOP;

    as_load(d->h->as, addr, &stop, 4);
    tb_invalidate_phys_range(addr, 4);
    d->h->cpu->pc = addr;
    d->h->cpu->sr.vbar_el1 = HARNESS_VBAR;
    harness_run(d->h, 4);
}

/* Unicorn 2 reports every CPU exception as UC_ERR_EXCEPTION; its interrupt
 * hook sees QEMU's exception number (target/arm/cpu.h EXCP_*), which tells
 * UNDEF from aborts and exception-generating instructions. */
enum { QEMU_EXCP_UDEF = 1, QEMU_EXCP_PREFETCH_ABORT = 3, QEMU_EXCP_DATA_ABORT = 4 };

static void uc_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
    DiffCtx *d = opaque;

    d->uc_intno = (int)intno;
    uc_emu_stop(uc);
}

DiffCtx *diff_new(JitMode jit)
{
    DiffCtx *d = calloc(1, sizeof *d);

    if (!d) {
        abort();
    }
    d->h = harness_new(jit);
    d->code_addr = HARNESS_CODE;
    keep_code_page(d, HARNESS_CODE);
    d->max_reports = 5;
    uc_check(uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &d->uc), "open");
    /* the default model (Cortex-A72, ARMv8.0) has no LSE atomics; "max"
     * does, and must be chosen before the first use creates the CPU */
    uc_check(uc_ctl_set_cpu_model(d->uc, UC_CPU_ARM64_MAX), "cpu model");
    uc_check(uc_mem_map(d->uc, HARNESS_RAM_BASE, HARNESS_RAM_SIZE, UC_PROT_ALL), "mem_map");
    uc_check(uc_hook_add(d->uc, &d->intr_hook, UC_HOOK_INTR, (void *)uc_intr, d, 1, 0),
             "hook_add");
    return d;
}

void diff_free(DiffCtx *d)
{
    if (d) {
        uc_close(d->uc);
        free(d);
    }
}

void diff_set_code_addr(DiffCtx *d, uint64_t addr)
{
    d->code_addr = addr;
}

void diff_mem_write(DiffCtx *d, uint64_t addr, const void *buf, uint64_t len)
{
    if (!as_load(d->h->as, addr, buf, len)) {
        fprintf(stderr, "diff: write outside RAM at 0x%" PRIx64 "\n", addr);
        abort();
    }
    uc_check(uc_mem_write(d->uc, addr, buf, len), "mem_write");
}

void diff_mem_fill_random(DiffCtx *d, DiffRng *r, uint64_t addr, uint64_t len)
{
    uint8_t *buf = malloc(len ? len : 1);

    if (!buf) {
        abort();
    }
    for (uint64_t i = 0; i < len; i += 8) {
        uint64_t v = diff_rng64(r);
        memcpy(buf + i, &v, len - i < 8 ? len - i : 8);
    }
    diff_mem_write(d, addr, buf, len);
    free(buf);
}

void diff_watch(DiffCtx *d, uint64_t addr, uint64_t len)
{
    if (d->nwatch == MAX_WATCH) {
        fprintf(stderr, "diff: too many watched ranges\n");
        abort();
    }
    d->watch[d->nwatch].addr = addr;
    d->watch[d->nwatch].len = len;
    d->nwatch++;
}

void diff_unwatch_all(DiffCtx *d)
{
    d->nwatch = 0;
}

void diff_set_max_reports(DiffCtx *d, unsigned n)
{
    d->max_reports = n;
}

const DiffResult *diff_last(const DiffCtx *d)
{
    return &d->last;
}

unsigned diff_mismatches(const DiffCtx *d)
{
    return d->mismatches;
}

void diff_disasm(uint32_t insn, uint64_t pc, char *buf, unsigned len)
{
    static csh cs;
    static bool cs_ok;
    cs_insn *ci;
    uint8_t bytes[4] = { (uint8_t)insn, (uint8_t)(insn >> 8), (uint8_t)(insn >> 16),
                         (uint8_t)(insn >> 24) };

    if (!cs_ok) {
        cs_ok = cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &cs) == CS_ERR_OK;
    }
    if (cs_ok && cs_disasm(cs, bytes, 4, pc, 1, &ci) == 1) {
        snprintf(buf, len, "%s %s", ci->mnemonic, ci->op_str);
        cs_free(ci, 1);
    } else {
        snprintf(buf, len, ".word 0x%08x", insn);
    }
}

/* armlet: code at code_addr followed by the stop, state in, EL1h. */
static DiffOutcome run_armlet(DiffCtx *d, const uint32_t *insns, unsigned n, const DiffState *in,
                              DiffState *out)
{
    ArmCpu *cpu = d->h->cpu;
    uint64_t len = n * 4ull + 4;
    uint32_t stop = HVC_STOP;
    HarnessStop hs;
    DiffOutcome oc;

    as_load(d->h->as, d->code_addr, insns, n * 4ull);
    as_load(d->h->as, d->code_addr + n * 4ull, &stop, 4);
    tb_invalidate_phys_range(d->code_addr, len);
    if (cpu->el != 1 || cpu->spsel != 1) {
        arm_set_pstate(cpu, PSTATE_DAIF | 5);
    }
    memcpy(cpu->x, in->x, sizeof cpu->x);
    cpu->sp = in->sp;
    arm_set_nzcv(cpu, in->nzcv);
    memcpy(cpu->vreg, in->v, sizeof cpu->vreg);
    cpu->fpcr = in->fpcr;
    cpu->fpsr = in->fpsr;
    cpu->sr.cpacr_el1 = 3u << 20;
    cpu->pc = d->code_addr;
    cpu->sr.vbar_el1 = HARNESS_VBAR;
    hs = harness_run(d->h, 64 + 4 * (int64_t)n);
    memcpy(out->x, cpu->x, sizeof out->x);
    out->sp = cpu->sp;
    out->nzcv = arm_get_nzcv(cpu);
    memcpy(out->v, cpu->vreg, sizeof out->v);
    out->fpcr = cpu->fpcr & DIFF_FPCR_MASK;
    out->fpsr = cpu->fpsr & DIFF_FPSR_MASK;
    if (hs == HARNESS_DONE) {
        oc = DIFF_DONE;
    } else if (hs == HARNESS_TIMEOUT) {
        oc = DIFF_TIMEOUT;
    } else {
        switch (cpu->sr.esr_el1 >> 26) {
        case EC_UNKNOWN:
            oc = DIFF_UNDEF;
            break;
        case EC_DABT_SAME:
        case EC_DABT_LOWER:
        case EC_IABT_SAME:
        case EC_IABT_LOWER:
            oc = DIFF_MEM_FAULT;
            break;
        default:
            oc = DIFF_OTHER_EXC;
            break;
        }
    }
    /* the stale translation would outlive the code otherwise */
    tb_invalidate_phys_range(d->code_addr, len);
    return oc;
}

static DiffOutcome run_unicorn(DiffCtx *d, const uint32_t *insns, unsigned n,
                               const DiffState *in, DiffState *out)
{
    uc_engine *uc = d->uc;
    uint64_t pc = d->code_addr, nzcv = in->nzcv, cpacr = 3u << 20;
    uint32_t fpcr, fpsr;
    uc_err err;

    uc_check(uc_mem_write(uc, d->code_addr, insns, n * 4ull), "mem_write code");
    /* Unicorn 2.0.1 can run a stale translation of code rewritten by
     * uc_mem_write when the old block crossed a 1 KB boundary (its
     * smallest target page): drop the translations explicitly */
    uc_check(uc_ctl_remove_cache(uc, d->code_addr, d->code_addr + n * 4ull), "remove_cache");
    for (int i = 0; i < 29; i++) {
        uc_check(uc_reg_write(uc, UC_ARM64_REG_X0 + i, &in->x[i]), "reg_write");
    }
    uc_check(uc_reg_write(uc, UC_ARM64_REG_X29, &in->x[29]), "reg_write");
    uc_check(uc_reg_write(uc, UC_ARM64_REG_X30, &in->x[30]), "reg_write");
    uc_check(uc_reg_write(uc, UC_ARM64_REG_SP, &in->sp), "reg_write");
    uc_check(uc_reg_write(uc, UC_ARM64_REG_NZCV, &nzcv), "reg_write");
    uc_check(uc_reg_write(uc, UC_ARM64_REG_PC, &pc), "reg_write");
    for (int i = 0; i < 32; i++) {
        /* Unicorn 2.0 reads and writes Q registers as two 64-bit words,
         * low first */
        uint64_t q[2] = { in->v[i][0], in->v[i][1] };
        uc_check(uc_reg_write(uc, UC_ARM64_REG_Q0 + i, q), "reg_write q");
    }
    fpcr = in->fpcr;
    fpsr = in->fpsr;
    uc_check(uc_reg_write(uc, UC_ARM64_REG_FPCR, &fpcr), "reg_write fpcr");
    uc_check(uc_reg_write(uc, UC_ARM64_REG_FPSR, &fpsr), "reg_write fpsr");
    uc_check(uc_reg_write(uc, UC_ARM64_REG_CPACR_EL1, &cpacr), "reg_write cpacr");
    d->uc_intno = -1;
    err = uc_emu_start(uc, pc, pc + n * 4ull, 0, n);
    for (int i = 0; i < 29; i++) {
        uc_check(uc_reg_read(uc, UC_ARM64_REG_X0 + i, &out->x[i]), "reg_read");
    }
    uc_check(uc_reg_read(uc, UC_ARM64_REG_X29, &out->x[29]), "reg_read");
    uc_check(uc_reg_read(uc, UC_ARM64_REG_X30, &out->x[30]), "reg_read");
    uc_check(uc_reg_read(uc, UC_ARM64_REG_SP, &out->sp), "reg_read");
    uc_check(uc_reg_read(uc, UC_ARM64_REG_NZCV, &nzcv), "reg_read");
    out->nzcv = (uint32_t)nzcv & 0xf0000000u;
    for (int i = 0; i < 32; i++) {
        uint64_t q[2];
        uc_check(uc_reg_read(uc, UC_ARM64_REG_Q0 + i, q), "reg_read q");
        out->v[i][0] = q[0];
        out->v[i][1] = q[1];
    }
    uc_check(uc_reg_read(uc, UC_ARM64_REG_FPCR, &fpcr), "reg_read fpcr");
    uc_check(uc_reg_read(uc, UC_ARM64_REG_FPSR, &fpsr), "reg_read fpsr");
    out->fpcr = fpcr & DIFF_FPCR_MASK;
    out->fpsr = fpsr & DIFF_FPSR_MASK;
    switch (d->uc_intno) {
    case -1:
        break;
    case QEMU_EXCP_UDEF:
        return DIFF_UNDEF;
    case QEMU_EXCP_PREFETCH_ABORT:
    case QEMU_EXCP_DATA_ABORT:
        return DIFF_MEM_FAULT;
    default:
        return DIFF_OTHER_EXC;
    }
    switch (err) {
    case UC_ERR_OK:
        return DIFF_DONE;
    case UC_ERR_INSN_INVALID:
        return DIFF_UNDEF;
    case UC_ERR_READ_UNMAPPED:
    case UC_ERR_WRITE_UNMAPPED:
    case UC_ERR_FETCH_UNMAPPED:
    case UC_ERR_READ_PROT:
    case UC_ERR_WRITE_PROT:
    case UC_ERR_FETCH_PROT:
        return DIFF_MEM_FAULT;
    default:
        return DIFF_OTHER_EXC;
    }
}

static const char *outcome_name(DiffOutcome o)
{
    static const char *const names[] = { "done", "UNDEF", "memory fault", "other exception",
                                         "timeout" };
    return names[o];
}

static void print_state(const char *who, const DiffState *s, const DiffState *other)
{
    fprintf(stderr, "    %s:\n", who);
    for (int i = 0; i < 31; i++) {
        bool bad = other && other->x[i] != s->x[i];
        fprintf(stderr, "     %sx%-2d=%016" PRIx64 "%s", bad ? "*" : " ", i, s->x[i],
                i % 4 == 3 ? "\n" : "");
    }
    fprintf(stderr, "     %ssp =%016" PRIx64 "   %snzcv=%x   %sfpcr=%08x   %sfpsr=%08x\n",
            other && other->sp != s->sp ? "*" : " ", s->sp,
            other && other->nzcv != s->nzcv ? "*" : " ", s->nzcv >> 28,
            other && other->fpcr != s->fpcr ? "*" : " ", s->fpcr,
            other && other->fpsr != s->fpsr ? "*" : " ", s->fpsr);
    /* vector registers: all of the input, and those that differ after */
    for (int i = 0, col = 0; i < 32; i++) {
        bool bad = other && memcmp(other->v[i], s->v[i], sizeof s->v[i]) != 0;
        if (other && !bad) {
            continue;
        }
        fprintf(stderr, "     %sv%-2d=%016" PRIx64 ":%016" PRIx64 "%s", bad ? "*" : " ", i,
                s->v[i][1], s->v[i][0], ++col % 2 == 0 ? "\n" : "");
        if (i == 31 && col % 2) {
            fputc('\n', stderr);
        }
    }
}

static bool states_equal(const DiffState *a, const DiffState *b)
{
    return memcmp(a->x, b->x, sizeof a->x) == 0 && a->sp == b->sp && a->nzcv == b->nzcv &&
           memcmp(a->v, b->v, sizeof a->v) == 0 && a->fpcr == b->fpcr && a->fpsr == b->fpsr;
}

/* First differing byte of the watched ranges, or false if all agree. */
static bool mem_differs(DiffCtx *d, uint64_t *where, uint8_t *va, uint8_t *vu)
{
    uint8_t a[256], u[256];

    for (unsigned w = 0; w < d->nwatch; w++) {
        for (uint64_t off = 0; off < d->watch[w].len; off += sizeof a) {
            uint64_t addr = d->watch[w].addr + off;
            uint64_t chunk = d->watch[w].len - off < sizeof a ? d->watch[w].len - off : sizeof a;
            as_read_block(d->h->as, addr, a, chunk);
            uc_check(uc_mem_read(d->uc, addr, u, chunk), "mem_read");
            if (memcmp(a, u, chunk) != 0) {
                for (uint64_t i = 0; i < chunk; i++) {
                    if (a[i] != u[i]) {
                        *where = addr + i;
                        *va = a[i];
                        *vu = u[i];
                        return true;
                    }
                }
            }
        }
    }
    return false;
}

bool diff_run(DiffCtx *d, const uint32_t *insns, unsigned n, const DiffState *in)
{
    DiffResult *res = &d->last;
    uint64_t where = 0;
    uint8_t va = 0, vu = 0;
    bool same_outcome, regs_ok, mem_bad;

    res->armlet_outcome = run_armlet(d, insns, n, in, &res->armlet);
    res->unicorn_outcome = run_unicorn(d, insns, n, in, &res->unicorn);
    same_outcome = res->armlet_outcome == res->unicorn_outcome;
    regs_ok = states_equal(&res->armlet, &res->unicorn);
    mem_bad = mem_differs(d, &where, &va, &vu);
    if (same_outcome && regs_ok && !mem_bad) {
        return true;
    }
    d->mismatches++;
    if (d->reports++ >= d->max_reports) {
        return false;
    }
    fprintf(stderr, "  diff mismatch:\n");
    for (unsigned i = 0; i < n; i++) {
        char dis[96];
        diff_disasm(insns[i], d->code_addr + 4 * i, dis, sizeof dis);
        fprintf(stderr, "    %016" PRIx64 ": %08x  %-40s [%s]\n", d->code_addr + 4 * i, insns[i],
                dis, a64_decode_name(insns[i]) ? a64_decode_name(insns[i]) : "unallocated");
    }
    fprintf(stderr, "    outcome: armlet %s, unicorn %s\n", outcome_name(res->armlet_outcome),
            outcome_name(res->unicorn_outcome));
    print_state("input", in, NULL);
    print_state("armlet", &res->armlet, &res->unicorn);
    print_state("unicorn", &res->unicorn, &res->armlet);
    if (mem_bad) {
        fprintf(stderr, "    memory differs first at 0x%" PRIx64 ": armlet %02x, unicorn %02x\n",
                where, va, vu);
    }
    return false;
}
