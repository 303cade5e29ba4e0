/* Watchpoints and the page-watch registry (jit/watch.h, docs/jit-runtime.md
 * "Watched pages"; docs/gdbstub.md "Watchpoints"), on both backends: only
 * the watched pages' comparators carry JIT_TLB_WATCHED (and only for the
 * watched kind), a fill after the insert gets the flag and a remove clears
 * it; the slow path reports exactly the accesses that overlap, with their
 * PC, including page-crossing ones; a gdb watchpoint stops the vCPU before
 * the access with PC at the accessing instruction and the data address
 * recorded, in straight and in chained looping code; resuming runs the
 * instruction once without stopping again. Also: a single step does not
 * enter an interrupt handler unless asked to. */
#include "tests/unit/test.h"

#include <glib.h>

#include "jit/watch.h"
#include "target-arm/arm-jit.h"
#include "target-arm/gdb-target.h"
#include "tests/unit/arm_harness.h"

/* Encodings (Arm ARM C6.2, LDR/STR (immediate) unsigned offset: size 11,
 * opc 00 store / 01 load, imm12 scaled by 8; checked against GNU as). */
#define STR_X(rt, rn, off)  (0xf9000000u | (uint32_t)((off) / 8) << 10 | (uint32_t)(rn) << 5 | (rt))
#define LDR_X(rt, rn, off)  (0xf9400000u | (uint32_t)((off) / 8) << 10 | (uint32_t)(rn) << 5 | (rt))
#define STRB(rt, rn)        (0x39000000u | (uint32_t)(rn) << 5 | (rt))
#define ADDI(rd, rn, imm)   (0x91000000u | (uint32_t)(imm) << 10 | (uint32_t)(rn) << 5 | (rd))
#define SUBS_I(rd, rn, imm) (0xf1000000u | (uint32_t)(imm) << 10 | (uint32_t)(rn) << 5 | (rd))
#define B_NE(words)         (0x54000001u | ((uint32_t)(words) & 0x7ffff) << 5)

#define AT(i) (HARNESS_CODE + 4ull * (i))
#define PAGE 0x1000ull
#define DATA HARNESS_DATA

static uint64_t rd64(ArmHarness *h, uint64_t pa)
{
    uint64_t v = 0;

    as_read(h->as, pa, 8, &v);
    return v;
}

static void wr64(ArmHarness *h, uint64_t pa, uint64_t v)
{
    as_write(h->as, pa, 8, v);
}

static ArmHarness *setup(JitMode mode, const uint32_t *code, unsigned n)
{
    ArmHarness *h = harness_new(mode);

    harness_load(h, code, n);
    for (int i = 0; i < 31; i++) {
        h->cpu->x[i] = 0;
    }
    return h;
}

/* The TLB entry of vaddr in the EL1 regime. */
static JitTlbEntry *entry(ArmHarness *h, uint64_t vaddr)
{
    return &h->cpu->jit.tlb.m[ARM_MMU_EL1].table[(vaddr >> 12) & (JIT_TLB_SIZE - 1)];
}

/* ---- the registry and the TLB flags --------------------------------------------- */

typedef struct Seen {
    int n;
    JitWatchHit last;
} Seen;

static void record(JitCpu *cpu, const JitWatchHit *hit, void *opaque)
{
    Seen *s = opaque;

    s->n++;
    s->last = *hit;
}

TEST(watch_flags_only_watched_pages_and_kinds)
{
    static const uint32_t code[] = {
        LDR_X(3, 0, 0),              /* fills DATA's page */
        LDR_X(4, 1, 0),              /* and DATA + 2 pages */
    };
    ArmHarness *h = setup(JIT_INTERP, code, 2);
    Seen seen = { 0 };
    int id;

    h->cpu->x[0] = DATA;
    h->cpu->x[1] = DATA + 2 * PAGE;
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK(!(entry(h, DATA)->addr_read & JIT_TLB_WATCHED));
    CHECK_EQ(jit_watch_active, 0);

    /* a write watch: only the write comparator of the watched page */
    id = jit_watch_insert(DATA + 8, 8, JIT_WATCH_WRITE, record, &seen);
    CHECK(id > 0);
    CHECK(entry(h, DATA)->addr_write & JIT_TLB_WATCHED);
    CHECK(!(entry(h, DATA)->addr_read & JIT_TLB_WATCHED));
    CHECK(!(entry(h, DATA + 2 * PAGE)->addr_write & JIT_TLB_WATCHED));
    CHECK(jit_watch_remove(id));
    CHECK(!jit_watch_remove(id));
    CHECK(!(entry(h, DATA)->addr_write & JIT_TLB_WATCHED));
    CHECK_EQ(jit_watch_active, 0);

    /* a read watch over three pages flags the reads of both filled ones */
    id = jit_watch_insert(DATA + 0xff8, 2 * PAGE, JIT_WATCH_READ, record, &seen);
    CHECK(entry(h, DATA)->addr_read & JIT_TLB_WATCHED);
    CHECK(entry(h, DATA + 2 * PAGE)->addr_read & JIT_TLB_WATCHED);
    CHECK(!(entry(h, DATA)->addr_write & JIT_TLB_WATCHED));
    /* a fill after the insert gets the flag too */
    arm_cpu_flush_tlb(h->cpu);
    harness_load(h, code, 2);
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK(entry(h, DATA + 2 * PAGE)->addr_read & JIT_TLB_WATCHED);
    CHECK_EQ(jit_watch_find(DATA + 0xff8, 2 * PAGE, JIT_WATCH_READ, record, &seen), id);
    CHECK_EQ(jit_watch_find(DATA + 0xff8, 2 * PAGE, JIT_WATCH_WRITE, record, &seen), 0);
    jit_watch_remove_all(record, &seen);
    CHECK_EQ(jit_watch_count(), 0);
    CHECK(!(entry(h, DATA + 2 * PAGE)->addr_read & JIT_TLB_WATCHED));

    /* refused: empty, wrapping, no kind */
    CHECK_EQ(jit_watch_insert(DATA, 0, JIT_WATCH_READ, record, &seen), 0);
    CHECK_EQ(jit_watch_insert(UINT64_MAX - 3, 8, JIT_WATCH_READ, record, &seen), 0);
    CHECK_EQ(jit_watch_insert(DATA, 8, 0, record, &seen), 0);
    CHECK(jit_watch_insert(UINT64_MAX - 7, 8, JIT_WATCH_READ, record, &seen) > 0);
}

/* Accesses made through the C entry points (the interpreter's and the
 * helpers'): which ones the watchers hear of. */
TEST(watch_reports_overlapping_accesses_only)
{
    static const uint32_t nothing[] = { ADDI(0, 0, 0) };
    ArmHarness *h = setup(JIT_INTERP, nothing, 1);
    JitCpu *j = &h->cpu->jit;
    Seen w = { 0 }, r = { 0 };

    CHECK(jit_watch_insert(DATA + 0x10, 4, JIT_WATCH_WRITE, record, &w) > 0);
    CHECK(jit_watch_insert(DATA + 0x10, 4, JIT_WATCH_READ, record, &r) > 0);
    /* same page, not overlapping: nobody is told */
    jit_st(j, DATA + 0x8, 1, JIT_MO_64, ARM_MMU_EL1, 0x1000);
    jit_st(j, DATA + 0x14, 1, JIT_MO_32, ARM_MMU_EL1, 0x1004);
    CHECK_EQ(jit_ld(j, DATA + 0x8, JIT_MO_64, ARM_MMU_EL1, 0x1008), 1);
    CHECK_EQ(w.n + r.n, 0);
    /* the last byte of an 8-byte store overlaps */
    jit_st(j, DATA + 0x9, 0x1122334455667788ull, JIT_MO_64, ARM_MMU_EL1, 0x100c);
    CHECK_EQ(w.n, 1);
    CHECK_EQ(r.n, 0);
    CHECK_EQ(w.last.vaddr, DATA + 0x9);
    CHECK_EQ(w.last.size, 8);
    CHECK_EQ(w.last.access, JIT_ACCESS_WRITE);
    CHECK_EQ(w.last.pc, 0x100c);
    CHECK_EQ(w.last.watch_addr, DATA + 0x10);
    CHECK_EQ(w.last.watch_len, 4);
    /* the watcher returned: the store happened */
    CHECK_EQ(rd64(h, DATA + 0x9), 0x1122334455667788ull);
    /* a byte load inside */
    CHECK_EQ(jit_ld(j, DATA + 0x13, JIT_MO_8, ARM_MMU_EL1, 0x1010), 0);
    CHECK_EQ(r.n, 1);
    CHECK_EQ(r.last.access, JIT_ACCESS_READ);
    CHECK_EQ(r.last.pc, 0x1010);

    /* page-crossing: a watch on the second page hears of the whole access
     * before either part is written */
    CHECK(jit_watch_insert(DATA + PAGE, 1, JIT_WATCH_WRITE, record, &w) > 0);
    wr64(h, DATA + PAGE - 4, 0);
    w.n = 0;
    jit_st(j, DATA + PAGE - 4, 0xaabbccddeeff0011ull, JIT_MO_64, ARM_MMU_EL1, 0x1014);
    CHECK_EQ(w.n, 1);
    CHECK_EQ(w.last.vaddr, DATA + PAGE - 4);
    CHECK_EQ(rd64(h, DATA + PAGE - 4), 0xaabbccddeeff0011ull);
    jit_watch_remove_all(record, &w);
    jit_watch_remove_all(record, &r);
    /* gone: the page's comparators are clean and nobody hears */
    w.n = 0;
    jit_st(j, DATA + 0x10, 5, JIT_MO_32, ARM_MMU_EL1, 0x1018);
    CHECK_EQ(w.n, 0);
    CHECK(!(entry(h, DATA)->addr_write & JIT_TLB_WATCHED));
}

/* ---- gdb watchpoints ------------------------------------------------------------ */

static void write_watch_stops_before_store(JitMode mode)
{
    static const uint32_t code[] = {
        ADDI(2, 2, 1),              /* 0 */
        STR_X(1, 0, 0),             /* 1: the watched store */
        ADDI(2, 2, 1),              /* 2 */
    };
    ArmHarness *h = setup(mode, code, 3);
    uint64_t addr;

    h->cpu->x[0] = DATA;
    h->cpu->x[1] = 0x1234;
    wr64(h, DATA, 0);
    CHECK_EQ(arm_gdb_watchpoint_insert(GDB_WP_WRITE, DATA + 4, 2), GDB_BP_OK);
    CHECK_EQ(arm_cpu_exec(h->cpu, 100), ARM_RUN_DEBUG);
    /* stopped before the store: PC at it, memory untouched, the
     * instruction before it done */
    CHECK_EQ(h->cpu->pc, AT(1));
    CHECK_EQ(h->cpu->x[2], 1);
    CHECK_EQ(rd64(h, DATA), 0);
    /* the first watched byte the store touches */
    CHECK_EQ(arm_gdb_take_watch_hit(h->cpu, &addr), GDB_WP_WRITE);
    CHECK_EQ(addr, DATA + 4);
    CHECK_EQ(arm_gdb_take_watch_hit(h->cpu, &addr), -1);
    /* resuming from the stop with the watchpoint still in: the store runs
     * once (the step that resumes), then the rest */
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, AT(2));
    CHECK_EQ(rd64(h, DATA), 0x1234);
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[2], 2);
    CHECK_EQ(arm_gdb_take_watch_hit(h->cpu, &addr), -1);

    /* a step onto the store stops it too (gdb then steps with the
     * watchpoint removed) */
    harness_load(h, code, 3);
    h->cpu->pc = AT(1);
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_DEBUG);
    CHECK_EQ(h->cpu->pc, AT(1));
    CHECK_EQ(arm_gdb_take_watch_hit(h->cpu, &addr), GDB_WP_WRITE);
    CHECK_EQ(arm_gdb_watchpoint_remove(GDB_WP_WRITE, DATA + 4, 2), GDB_BP_OK);
    CHECK_EQ(arm_gdb_watchpoint_remove(GDB_WP_WRITE, DATA + 4, 2), GDB_BP_FAILED);
    CHECK_EQ(jit_watch_count(), 0);
}

TEST(write_watch_stops_before_store_native)
{
    write_watch_stops_before_store(JIT_NATIVE);
}

TEST(write_watch_stops_before_store_interp)
{
    write_watch_stops_before_store(JIT_INTERP);
}

/* Read and access watchpoints; a store does not trigger a read one. */
static void read_and_access_watch(JitMode mode)
{
    static const uint32_t code[] = {
        STRB(1, 0),                 /* 0 */
        LDR_X(3, 0, 8),             /* 1 */
        STR_X(1, 0, 8),             /* 2 */
    };
    ArmHarness *h = setup(mode, code, 3);
    uint64_t addr;

    h->cpu->x[0] = DATA;
    h->cpu->x[1] = 0x77;
    wr64(h, DATA + 8, 0x5555);
    CHECK_EQ(arm_gdb_watchpoint_insert(GDB_WP_READ, DATA, 16), GDB_BP_OK);
    CHECK_EQ(arm_cpu_exec(h->cpu, 100), ARM_RUN_DEBUG);
    CHECK_EQ(h->cpu->pc, AT(1));
    CHECK_EQ(h->cpu->x[3], 0);                  /* the load has not happened */
    CHECK_EQ(rd64(h, DATA) & 0xff, 0x77);       /* the byte store went through */
    CHECK_EQ(arm_gdb_take_watch_hit(h->cpu, &addr), GDB_WP_READ);
    CHECK_EQ(addr, DATA + 8);
    arm_gdb_watchpoint_remove_all();

    harness_load(h, code, 3);
    CHECK_EQ(arm_gdb_watchpoint_insert(GDB_WP_ACCESS, DATA + 8, 8), GDB_BP_OK);
    CHECK_EQ(arm_cpu_exec(h->cpu, 100), ARM_RUN_DEBUG);
    CHECK_EQ(h->cpu->pc, AT(1));
    CHECK_EQ(arm_gdb_take_watch_hit(h->cpu, &addr), GDB_WP_ACCESS);
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->x[3], 0x5555);
    CHECK_EQ(arm_cpu_exec(h->cpu, 100), ARM_RUN_DEBUG);   /* the store */
    CHECK_EQ(h->cpu->pc, AT(2));
    CHECK_EQ(arm_gdb_take_watch_hit(h->cpu, &addr), GDB_WP_ACCESS);
    CHECK_EQ(addr, DATA + 8);
    arm_gdb_watchpoint_remove_all();
    CHECK_EQ(jit_watch_count(), 0);
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK_EQ(rd64(h, DATA + 8), 0x77);
}

TEST(read_and_access_watch_native)
{
    read_and_access_watch(JIT_NATIVE);
}

TEST(read_and_access_watch_interp)
{
    read_and_access_watch(JIT_INTERP);
}

/* A loop that stores on every iteration, run long enough to be chained
 * (native: never leaving host code between iterations): every iteration
 * stops, so the chained code does go through the slow path. */
static void watch_in_chained_loop(JitMode mode)
{
    static const uint32_t code[] = {
        ADDI(1, 1, 1),              /* 0: loop */
        STR_X(1, 0, 0),             /* 1 */
        SUBS_I(2, 2, 1),            /* 2 */
        B_NE(-3),                   /* 3: b.ne loop */
    };
    ArmHarness *h = setup(mode, code, 4);
    uint64_t addr;

    h->cpu->x[0] = DATA + 0x100;
    h->cpu->x[2] = 50;
    CHECK_EQ(harness_run(h, 1000), HARNESS_DONE);   /* translated and chained */
    harness_load(h, code, 4);
    h->cpu->x[1] = 0;
    h->cpu->x[2] = 5;
    wr64(h, DATA + 0x100, 0);
    CHECK_EQ(arm_gdb_watchpoint_insert(GDB_WP_WRITE, DATA + 0x100, 8), GDB_BP_OK);
    for (uint64_t i = 1; i <= 5; i++) {
        CHECK_EQ(arm_cpu_exec(h->cpu, 1000), ARM_RUN_DEBUG);
        CHECK_EQ(h->cpu->pc, AT(1));
        CHECK_EQ(h->cpu->x[1], i);
        CHECK_EQ(rd64(h, DATA + 0x100), i - 1);
        CHECK_EQ(arm_gdb_take_watch_hit(h->cpu, &addr), GDB_WP_WRITE);
        CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    }
    CHECK_EQ(harness_run(h, 1000), HARNESS_DONE);
    CHECK_EQ(rd64(h, DATA + 0x100), 5);
    arm_gdb_watchpoint_remove_all();
}

TEST(watch_in_chained_loop_native)
{
    watch_in_chained_loop(JIT_NATIVE);
}

TEST(watch_in_chained_loop_interp)
{
    watch_in_chained_loop(JIT_INTERP);
}

TEST(watchpoint_refusals)
{
    static const uint32_t nothing[] = { ADDI(0, 0, 0) };

    setup(JIT_INTERP, nothing, 1);
    CHECK_EQ(arm_gdb_watchpoint_insert(GDB_WP_WRITE, DATA, 0), GDB_BP_FAILED);
    CHECK_EQ(arm_gdb_watchpoint_insert(GDB_BP_SW, DATA, 4), GDB_BP_UNSUPPORTED);
    CHECK_EQ(arm_gdb_watchpoint_remove(GDB_WP_READ, DATA, 4), GDB_BP_FAILED);
    /* a range longer than anything gdb sends in one piece */
    CHECK_EQ(arm_gdb_watchpoint_insert(GDB_WP_ACCESS, 0, 1ull << 40), GDB_BP_OK);
    CHECK_EQ(arm_gdb_watchpoint_remove(GDB_WP_ACCESS, 0, 1ull << 40), GDB_BP_OK);
}

/* ---- stepping and interrupts ------------------------------------------------------ */

static bool irq_always(ArmCpu *cpu, bool fiq)
{
    return !fiq;
}

static const ArmMachineOps irq_ops = { .irq_pending = irq_always };

static void step_masks_interrupts(JitMode mode)
{
    static const uint32_t code[] = { ADDI(0, 0, 1), ADDI(0, 0, 1) };
    ArmHarness *h = setup(mode, code, 2);
    const ArmMachineOps *saved = h->cpu->mops;

    h->cpu->mops = &irq_ops;
    h->cpu->daif = 0;                       /* IRQs unmasked */
    CHECK(!arm_cpu_step_irqs());
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, AT(1));            /* the instruction, not the vector */
    CHECK_EQ(h->cpu->x[0], 1);
    /* asked to: the step ends at the IRQ vector (current EL, SP_ELx:
     * VBAR + 0x280, Arm ARM D1.10.2) */
    arm_cpu_set_step_irqs(true);
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, HARNESS_VBAR + 0x280);
    CHECK_EQ(h->cpu->x[0], 1);
    arm_cpu_set_step_irqs(false);
    h->cpu->mops = saved;
}

TEST(step_masks_interrupts_native)
{
    step_masks_interrupts(JIT_NATIVE);
}

TEST(step_masks_interrupts_interp)
{
    step_masks_interrupts(JIT_INTERP);
}
