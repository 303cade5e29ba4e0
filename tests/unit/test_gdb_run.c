/* The run loop's side of the gdbstub (docs/gdbstub.md "Integration"):
 * translation stops before a breakpoint with a debug exit, the run loop
 * reports it without executing the instruction, single-step executes
 * exactly one instruction in a block that is never cached, chained or
 * found through the jump cache, on both backends; and the scheduler drives
 * the stub end to end (-S hold, vCont step and continue, breakpoint stop,
 * kill) with an in-memory client. */
#include "tests/unit/test.h"

#include <glib.h>

#include "emu/gdbstub.h"
#include "emu/main_loop.h"
#include "emu/options.h"
#include "emu/sched.h"
#include "emu/virt.h"
#include "jit/ir.h"
#include "jit/tb.h"
#include "target-arm/arm-jit.h"
#include "target-arm/gdb-target.h"
#include "target-arm/translate.h"
#include "tests/unit/arm_harness.h"

/* Encodings (Arm ARM C4.1; compared with GNU as output). */
/* add xd, xn, #imm (64-bit ADD immediate: 0x91000000 | imm12 << 10) */
#define ADDI(rd, rn, imm) (0x91000000u | (uint32_t)(imm) << 10 | (uint32_t)(rn) << 5 | (rd))
#define B_FWD(words)      (0x14000000u | (uint32_t)(words))   /* b .+4*words */
#define BR(rn)            (0xd61f0000u | (uint32_t)(rn) << 5)
#define SVC0              0xd4000001u
#define WFI               0xd503207fu

#define AT(i) (HARNESS_CODE + 4ull * (i))

static const uint32_t straight[] = {
    ADDI(0, 0, 1),      /* 0 */
    ADDI(0, 0, 1),      /* 1 */
    ADDI(1, 1, 1),      /* 2 */
    ADDI(1, 1, 1),      /* 3 */
};

static ArmHarness *setup(JitMode mode, const uint32_t *code, unsigned n)
{
    ArmHarness *h = harness_new(mode);

    harness_load(h, code, n);
    for (int i = 0; i < 31; i++) {
        h->cpu->x[i] = 0;
    }
    return h;
}

/* The last op of a block and its exit word, if it is an exit_tb. */
static bool ends_with_debug_exit(const IrBlock *b)
{
    const IrOp *op = &b->ops[b->nb_ops - 1];

    return b->nb_ops > 0 && op->opc == IR_OP_exit_tb &&
           op->args[0] == JIT_EXIT_WORD(JIT_EXIT_CODE, ARM_EXIT_DEBUG);
}

static unsigned translate_at(ArmHarness *h, uint64_t pc, bool skip, bool *debug_exit)
{
    ArmTranslateOpts o = { .max_insns = 64, .skip_breakpoint_at_start = skip };
    unsigned n = 99;
    IrBlock *b = arm_translate_block_opts(h->cpu, pc, arm_tb_flags(h->cpu), &o, &n);

    *debug_exit = ends_with_debug_exit(b);
    ir_block_free(b);
    return n;
}

TEST(translate_ends_block_before_breakpoint)
{
    ArmHarness *h = setup(JIT_INTERP, straight, 4);
    bool dbg;

    /* no breakpoint: all four instructions and the stop hvc */
    CHECK_EQ(translate_at(h, AT(0), false, &dbg), 5);
    CHECK(!dbg);
    CHECK_EQ(arm_gdb_breakpoint_insert(GDB_BP_SW, AT(2)), GDB_BP_OK);
    CHECK_EQ(translate_at(h, AT(0), false, &dbg), 2);
    CHECK(dbg);
    /* on the first instruction: a block of nothing but the debug exit */
    CHECK_EQ(translate_at(h, AT(2), false, &dbg), 0);
    CHECK(dbg);
    /* resumed from it: the first instruction is translated, and the block
     * runs on to its natural end... */
    CHECK_EQ(translate_at(h, AT(2), true, &dbg), 3);
    CHECK(!dbg);
    /* ...unless a later instruction has a breakpoint too */
    CHECK_EQ(arm_gdb_breakpoint_insert(GDB_BP_HW, AT(3)), GDB_BP_OK);
    CHECK_EQ(translate_at(h, AT(2), true, &dbg), 1);
    CHECK(dbg);
    arm_gdb_breakpoint_remove_all();
    CHECK_EQ(translate_at(h, AT(0), false, &dbg), 5);
    CHECK(!dbg);
}

static void run_stops_at_breakpoint(JitMode mode)
{
    ArmHarness *h = setup(mode, straight, 4);
    uint64_t before;

    CHECK_EQ(arm_gdb_breakpoint_insert(GDB_BP_SW, AT(2)), GDB_BP_OK);
    before = h->cpu->insns_executed;
    CHECK_EQ(arm_cpu_exec(h->cpu, 1000), ARM_RUN_DEBUG);
    CHECK_EQ(h->cpu->pc, AT(2));
    CHECK_EQ(h->cpu->x[0], 2);
    CHECK_EQ(h->cpu->x[1], 0);                  /* not executed */
    CHECK_EQ(h->cpu->insns_executed - before, 2);
    /* running again stops at once: nothing executes */
    CHECK_EQ(arm_cpu_exec(h->cpu, 1000), ARM_RUN_DEBUG);
    CHECK_EQ(h->cpu->pc, AT(2));
    CHECK_EQ(h->cpu->x[1], 0);
    CHECK_EQ(h->cpu->insns_executed - before, 2);
    /* stepping off it executes it; then the rest runs to the end */
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, AT(3));
    CHECK_EQ(h->cpu->x[1], 1);
    CHECK_EQ(harness_run(h, 1000), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[1], 2);
    CHECK_EQ(h->cpu->x[0], 2);
}

TEST(run_stops_at_breakpoint_native)
{
    run_stops_at_breakpoint(JIT_NATIVE);
}

TEST(run_stops_at_breakpoint_interp)
{
    run_stops_at_breakpoint(JIT_INTERP);
}

/* Blocks joined by direct branches (chained after the first run), then a
 * breakpoint on the third: inserting it must invalidate the chains. */
static const uint32_t chained[] = {
    ADDI(0, 0, 1), B_FWD(1),    /* 0, 1 */
    ADDI(1, 1, 1), B_FWD(1),    /* 2, 3 */
    ADDI(2, 2, 1), B_FWD(1),    /* 4, 5 */
};

static void breakpoint_in_chained_code(JitMode mode)
{
    ArmHarness *h = setup(mode, chained, 6);

    CHECK_EQ(harness_run(h, 1000), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[2], 1);
    h->cpu->pc = AT(0);
    h->cpu->x[0] = h->cpu->x[1] = h->cpu->x[2] = 0;
    CHECK_EQ(harness_run(h, 1000), HARNESS_DONE);       /* chains are followed now */
    CHECK_EQ(h->cpu->x[2], 1);
    h->cpu->pc = AT(0);
    h->cpu->x[0] = h->cpu->x[1] = h->cpu->x[2] = 0;
    CHECK_EQ(arm_gdb_breakpoint_insert(GDB_BP_SW, AT(4)), GDB_BP_OK);
    CHECK_EQ(arm_cpu_exec(h->cpu, 1000), ARM_RUN_DEBUG);
    CHECK_EQ(h->cpu->pc, AT(4));
    CHECK_EQ(h->cpu->x[0], 1);
    CHECK_EQ(h->cpu->x[1], 1);
    CHECK_EQ(h->cpu->x[2], 0);
    /* removing it lets the code run through again */
    CHECK_EQ(arm_gdb_breakpoint_remove(GDB_BP_SW, AT(4)), GDB_BP_OK);
    CHECK_EQ(harness_run(h, 1000), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[2], 1);
}

TEST(breakpoint_in_chained_code_native)
{
    breakpoint_in_chained_code(JIT_NATIVE);
}

TEST(breakpoint_in_chained_code_interp)
{
    breakpoint_in_chained_code(JIT_INTERP);
}

/* Step: exactly one instruction, in a block that is not cached. After a
 * full run every later block is cached, chained and in the jump cache; a
 * step must still stop after one instruction, for a direct branch and for
 * an indirect one whose target the native code would find inline. */
static const uint32_t branches[] = {
    ADDI(6, 7, 0x14),           /* 0: x6 = x7 + 0x14 = AT(5) */
    ADDI(0, 0, 1),              /* 1 */
    B_FWD(2),                   /* 2: -> 4 */
    ADDI(9, 9, 1),              /* 3: skipped */
    BR(6),                      /* 4: -> 5 (x6) */
    ADDI(1, 1, 1),              /* 5 */
    ADDI(2, 2, 1),              /* 6 */
};

static void step_is_one_uncached_insn(JitMode mode)
{
    ArmHarness *h = setup(mode, branches, 7);
    size_t ntb;
    uint64_t before;

    h->cpu->x[7] = HARNESS_CODE;
    CHECK_EQ(harness_run(h, 1000), HARNESS_DONE);
    CHECK_EQ(h->cpu->x[1], 1);
    CHECK_EQ(h->cpu->x[9], 0);
    h->cpu->x[0] = h->cpu->x[1] = h->cpu->x[2] = 0;

    ntb = tb_count();
    before = h->cpu->insns_executed;
    h->cpu->pc = AT(1);
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, AT(2));
    CHECK_EQ(h->cpu->x[0], 1);
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);  /* b: to 4, nothing more */
    CHECK_EQ(h->cpu->pc, AT(4));
    CHECK_EQ(h->cpu->x[9], 0);
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);  /* br: to 5, nothing more */
    CHECK_EQ(h->cpu->pc, AT(5));
    CHECK_EQ(h->cpu->x[1], 0);
    CHECK_EQ(h->cpu->insns_executed - before, 3);
    CHECK_EQ(tb_count(), ntb);                       /* nothing was cached */
    /* the step ignores a breakpoint on its own instruction */
    CHECK_EQ(arm_gdb_breakpoint_insert(GDB_BP_SW, AT(5)), GDB_BP_OK);
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, AT(6));
    CHECK_EQ(h->cpu->x[1], 1);
    CHECK_EQ(h->cpu->x[2], 0);
    /* a stale kick does not swallow a step */
    h->cpu->jit.exit_request = 1;
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, AT(7));
    CHECK_EQ(h->cpu->x[2], 1);
}

TEST(step_is_one_uncached_insn_native)
{
    step_is_one_uncached_insn(JIT_NATIVE);
}

TEST(step_is_one_uncached_insn_interp)
{
    step_is_one_uncached_insn(JIT_INTERP);
}

/* An exception taken by the stepped instruction (or by its fetch) is the
 * step: PC ends at the vector, as with MDSCR_EL1.SS on hardware. */
static void step_into_exception(JitMode mode)
{
    static const uint32_t code[] = { SVC0, ADDI(0, 0, 1) };
    ArmHarness *h = setup(mode, code, 2);
    uint64_t before = h->cpu->insns_executed;

    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    /* synchronous, current EL with SP_ELx: VBAR + 0x200 (D1.10.2) */
    CHECK_EQ(h->cpu->pc, HARNESS_VBAR + 0x200);
    CHECK_EQ(h->cpu->sr.esr_el1 >> 26, 0x15);        /* EC: SVC from AArch64 */
    CHECK_EQ(h->cpu->sr.elr_el1, AT(1));
    CHECK_EQ(h->cpu->x[0], 0);
    CHECK_EQ(h->cpu->insns_executed - before, 1);

    h->cpu->pc = AT(0) + 2;                          /* misaligned PC */
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, HARNESS_VBAR + 0x200);
    CHECK_EQ(h->cpu->sr.esr_el1 >> 26, 0x22);        /* PC alignment fault */
}

TEST(step_into_exception_native)
{
    step_into_exception(JIT_NATIVE);
}

TEST(step_into_exception_interp)
{
    step_into_exception(JIT_INTERP);
}

TEST(step_waits_for_a_runnable_cpu)
{
    static const uint32_t code[] = { WFI, ADDI(0, 0, 1) };
    ArmHarness *h = setup(JIT_NATIVE, code, 2);

    h->cpu->power = ARM_POWER_OFF;
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_OFF);
    CHECK_EQ(h->cpu->pc, AT(0));
    h->cpu->power = ARM_POWER_ON;
    /* stepping WFI executes it: the vCPU halts after it */
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_BUDGET);
    CHECK_EQ(h->cpu->pc, AT(1));
    CHECK(h->cpu->halted);
    /* halted with nothing pending: the step has to wait */
    CHECK_EQ(arm_cpu_step(h->cpu), ARM_RUN_HALTED);
    CHECK_EQ(h->cpu->pc, AT(1));
    CHECK_EQ(h->cpu->x[0], 0);
}

/* ---- the scheduler with a stub and an in-memory client ---------------------------- */

/* The guest: x0 counts up twice, x1 once, then it spins on x2. */
static const uint32_t sched_code[] = {
    ADDI(0, 0, 1),              /* 0 */
    ADDI(0, 0, 1),              /* 1 */
    ADDI(1, 1, 1),              /* 2 */
    ADDI(2, 2, 1),              /* 3 */
    0x17ffffffu,                /* 4: b 3 */
};

typedef struct SchedFx {
    Machine *m;
    GdbStub *s;
    GString *out;
    int step;                   /* position in the conversation */
    int idle_rounds;
    uint64_t insns_held;
    char *failure;              /* set on the first mismatch */
} SchedFx;

static SchedFx sfx;

static void sfx_write(void *opaque, const uint8_t *buf, size_t len)
{
    g_string_append_len(sfx.out, (const char *)buf, (gssize)len);
}

static void sfx_send(const char *data)
{
    unsigned sum = 0;
    g_autofree char *pkt = NULL;

    for (const char *p = data; *p; p++) {
        sum = (sum + (uint8_t)*p) & 0xff;
    }
    pkt = g_strdup_printf("$%s#%02x", data, sum);
    g_string_truncate(sfx.out, 0);
    gdbstub_receive(sfx.s, (const uint8_t *)pkt, strlen(pkt));
}

/* Has a packet with exactly this data arrived (after any acks)? */
static bool sfx_got(const char *data)
{
    g_autofree char *want = g_strdup_printf("$%s#", data);

    return strstr(sfx.out->str, want) != NULL;
}

static void sfx_fail(const char *what)
{
    if (!sfx.failure) {
        sfx.failure = g_strdup_printf("step %d: %s (output '%s')", sfx.step, what,
                                      sfx.out->str);
    }
    main_loop_request_exit(3);
}

/* Runs between scheduler rounds (the main loop), like packets from a real
 * client, one exchange per answer the machine gives. */
static gboolean sfx_drive(gpointer data)
{
    ArmCpu *c0 = sfx.m->cpus[0];

    switch (sfx.step) {
    case 0:
        /* -S with a client attached: held, nothing executes while the
         * loop goes round */
        if (c0->insns_executed != 0 || !gdbstub_is_stopped(sfx.s)) {
            sfx_fail("-S did not hold the vCPU");
            break;
        }
        if (++sfx.idle_rounds < 20) {
            break;
        }
        sfx_send("vCont;s:1");
        sfx.step++;
        break;
    case 1:
        if (!sfx_got("T05thread:1;")) {
            break;
        }
        if (c0->pc != VIRT_RAM_BASE + 0x80004 || c0->x[0] != 1 || c0->insns_executed != 1) {
            sfx_fail("the step did not execute exactly the first instruction");
            break;
        }
        sfx_send("Z0,4008000c,4");
        if (!sfx_got("OK")) {
            sfx_fail("Z0 refused");
            break;
        }
        sfx_send("vCont;c");
        sfx.step++;
        break;
    case 2:
        if (!sfx_got("T05thread:1;")) {
            break;
        }
        if (c0->pc != VIRT_RAM_BASE + 0x8000c || c0->x[0] != 2 || c0->x[1] != 1 ||
            c0->x[2] != 0) {
            sfx_fail("not stopped before the breakpointed instruction");
            break;
        }
        sfx.insns_held = c0->insns_executed;
        /* continue with the breakpoint still inserted: the vCPU must step
         * off it, go round the loop and stop there again */
        sfx_send("vCont;c");
        sfx.step++;
        break;
    case 3:
        if (!sfx_got("T05thread:1;")) {
            break;
        }
        if (c0->pc != VIRT_RAM_BASE + 0x8000c || c0->x[2] != 1 ||
            c0->insns_executed != sfx.insns_held + 2) {
            sfx_fail("resuming from the breakpoint did not go round once");
            break;
        }
        sfx_send("k");
        sfx.step++;
        break;
    default:
        break;
    }
    return G_SOURCE_CONTINUE;
}

static void sched_drives_stub(const char *jit)
{
    char *argv[] = { "armlet", "-M", "virt", "-nodefaults", "-smp", "2", (char *)jit, NULL };
    Options opts;
    GdbTarget t = { 0 };
    int status;

    options_parse(&opts, 7, argv);
    sfx.m = virt_create(&opts);
    CHECK(as_load(sfx.m->as, VIRT_RAM_BASE + 0x80000, sched_code, sizeof sched_code));
    sfx.m->boot.entry = VIRT_RAM_BASE + 0x80000;
    virt_reset_cpus(sfx.m);
    arm_gdb_target_init(&t, sfx.m->cpus, sfx.m->ncpus);
    sfx.s = sfx.m->gdb = gdbstub_new(&t, true);
    sfx.out = g_string_new(NULL);
    gdbstub_attach_client(sfx.s, sfx_write, NULL);
    {
        GSource *src = g_idle_source_new();
        g_source_set_callback(src, sfx_drive, NULL, NULL);
        g_source_attach(src, main_loop_context());
    }
    status = sched_run(sfx.m);
    if (sfx.failure) {
        test_failed(__FILE__, __LINE__, "%s", sfx.failure);
    }
    CHECK_EQ(status, 0);
    CHECK_EQ(sfx.step, 4);                      /* ended by the 'k' */
    CHECK_EQ(sfx.m->cpus[1]->insns_executed, 0);  /* the secondary stayed off */
}

TEST(sched_drives_stub_native)
{
    sched_drives_stub("--jit=native");
}

TEST(sched_drives_stub_interp)
{
    sched_drives_stub("--jit=interp");
}
