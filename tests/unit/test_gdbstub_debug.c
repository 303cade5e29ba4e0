/* The gdbstub's watchpoint stop replies, physical addressing (monitor
 * phys, Qqemu.PhyMemMode), the single-step interrupt setting (monitor
 * stepirq, Qqemu.sstep), the virt board's monitor commands (cpus, psci),
 * and framing that recovers from a '$' inside an unfinished packet. */
#include "tests/unit/test.h"

#include <string.h>
#include <glib.h>

#include "emu/gdbstub-virt.h"
#include "emu/options.h"
#include "emu/virt.h"
#include "jit/watch.h"
#include "target-arm/arm-jit.h"
#include "target-arm/gdb-target.h"
#include "tests/unit/gdb_fixture.h"

#define CODE (DATA + 0x1000)

/* "monitor CMD": its console text; *ok says whether the final reply was
 * OK (else E01). The output is consumed. */
static char *mon(const char *cmd, bool *ok)
{
    g_autofree char *raw = gfx_rcmd(cmd);

    *ok = g_str_has_suffix(raw, "$OK#9a");
    CHECK(*ok || g_str_has_suffix(raw, "$E01#a6"));
    g_string_truncate(gfx.out, 0);
    return gfx_unhex_o(raw);
}

#define CHECK_MON(cmd, want_ok, text_var)           \
    do {                                            \
        bool ok_;                                   \
        g_free(text_var);                           \
        text_var = mon(cmd, &ok_);                  \
        CHECK_EQ(ok_, want_ok);                     \
    } while (0)

/* cpu 0 runs from CODE (MMU off: VA = PA): the instructions given. */
static void load_code(const uint32_t *code, unsigned n)
{
    as_load(gfx.env.as, CODE, code, 4ull * n);
    gfx.cpu[0]->pc = CODE;
    gfx.cpu[0]->x[0] = DATA;
    gfx.cpu[0]->x[1] = 0x99;
}

/* Resume, run cpu 0 as the scheduler does and report what it returned. */
static char *run_to_stop(void)
{
    bool ss;

    gfx_send("vCont;c");
    g_string_truncate(gfx.out, 0);
    CHECK(gdbstub_should_run(gfx.s, 0, &ss) && !ss);
    CHECK_EQ(arm_cpu_exec(gfx.cpu[0], 100), ARM_RUN_DEBUG);
    gdbstub_notify_stop(gfx.s, 0, GDB_STOP_BREAKPOINT);
    return gfx_take_reply(false);
}

TEST(watchpoint_stop_replies)
{
    static const uint32_t code[] = {
        0xf9000401u,                /* str x1, [x0, #8] */
        0xf9400402u,                /* ldr x2, [x0, #8] */
        0xf9000401u,                /* str x1, [x0, #8] */
    };

    gfx_setup();
    g_free(gfx_xchg("qSupported:swbreak+;hwbreak+"));
    load_code(code, 3);
    /* a write watchpoint on the last 2 bytes: the data address is the
     * first watched byte the 8-byte store touches */
    CHECK_REPLY("Z2,4080000e,2", "OK");
    {
        g_autofree char *r = run_to_stop();
        CHECK_STREQ(r, "T05thread:1;watch:4080000e;");   /* no swbreak: */
    }
    CHECK_EQ(gfx.cpu[0]->pc, CODE);
    CHECK_REPLY("?", "T05thread:1;watch:4080000e;");
    CHECK_REPLY("z2,4080000e,2", "OK");
    CHECK_REPLY("Z3,40800008,8", "OK");
    {
        /* the store runs now (no write watchpoint): the load stops */
        g_autofree char *r = run_to_stop();
        CHECK_STREQ(r, "T05thread:1;rwatch:40800008;");
    }
    CHECK_EQ(gfx.cpu[0]->pc, CODE + 4);
    CHECK_REPLY("z3,40800008,8", "OK");
    CHECK_REPLY("Z4,40800000,100", "OK");
    /* the resume after the read stop must not stop at the load again: the
     * vCPU is resumed from its stop with the skip, as the scheduler does */
    CHECK(gdbstub_take_breakpoint_skip(gfx.s, 0));
    CHECK_EQ(arm_cpu_step(gfx.cpu[0]), ARM_RUN_BUDGET);
    {
        g_autofree char *r = run_to_stop();
        CHECK_STREQ(r, "T05thread:1;awatch:40800008;");
    }
    CHECK_EQ(gfx.cpu[0]->pc, CODE + 8);
    /* a breakpoint stop afterwards is a breakpoint again */
    CHECK_REPLY("z4,40800000,100", "OK");
    CHECK_REPLY("Z0,40801008,4", "OK");
    CHECK_EQ(gdbstub_take_breakpoint_skip(gfx.s, 0), true);
    gfx.cpu[0]->pc = CODE + 4;
    {
        g_autofree char *r = run_to_stop();
        CHECK_STREQ(r, "T05thread:1;swbreak:;");
    }
    /* detach removes the watchpoints too */
    CHECK_REPLY("Z2,40800000,8", "OK");
    CHECK_REPLY("D", "OK");
    CHECK_EQ(jit_watch_count(), 0);
}

TEST(physical_addressing)
{
    MtEnv *e;
    ArmCpu *c;
    uint64_t root;
    char *text = NULL;

    gfx_setup();
    e = &gfx.env;
    c = gfx.cpu[0];
    for (int i = 0; i < 20; i++) {
        uint8_t b = (uint8_t)('A' + i);
        as_load(e->as, DATA + (uint64_t)i, &b, 1);
    }
    /* VA 0x1000 -> PA DATA; the PA itself is not mapped */
    root = mt_new_table(e, &G4K);
    mt_map(e, &G4K, root, 48, 0x1000, 3, DATA | D_TABLE | D_AF | D_ATTR(ATTR_WB) | D_AP(0));
    c->sr.tcr_el1 = mt_tcr0(&G4K, 16);
    c->sr.ttbr0_el1 = root;
    c->sr.mair_el1 = MAIR_TEST;
    c->sr.sctlr_el1 |= MMU_SCTLR_M;
    CHECK_REPLY("m1000,2", "4142");
    CHECK_REPLY("m40800000,2", "E14");
    CHECK_REPLY("qqemu.PhyMemMode", "0");
    CHECK_MON("phys on", true, text);
    CHECK_STREQ(text, "phys: on\n");
    CHECK_REPLY("m40800000,2", "4142");
    CHECK_REPLY("qqemu.PhyMemMode", "1");
    CHECK_REPLY("Qqemu.PhyMemMode:0", "OK");
    CHECK_REPLY("m40800000,2", "E14");
    CHECK_REPLY("Qqemu.PhyMemMode:2", "E01");
    CHECK_MON("phys", true, text);
    CHECK_STREQ(text, "phys: off\n");

    /* a dump: 16 bytes a line, the characters after */
    CHECK_MON("phys 0x40800000 0x14", true, text);
    CHECK_STREQ(text,
        "0000000040800000: 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|\n"
        "0000000040800010: 51 52 53 54                                      |QRST|\n");
    /* the length is decimal unless 0x */
    CHECK_MON("phys 40800010 4", true, text);
    CHECK_STREQ(text,
        "0000000040800010: 51 52 53 54                                      |QRST|\n");
    /* nothing at 0: the error, no dump */
    CHECK_MON("phys 0 4", false, text);
    CHECK_STREQ(text, "0000000000000000: cannot be read\n");
    CHECK_MON("phys 40800000 zz", false, text);
    CHECK_MON("help", true, text);
    CHECK(strstr(text, "help -- ") && strstr(text, "phys -- ") && strstr(text, "stepirq -- "));
    g_free(text);
}

TEST(step_interrupt_setting)
{
    char *text = NULL;

    gfx_setup();
    CHECK_REPLY("qqemu.sstepbits", "ENABLE=1,NOIRQ=2,NOTIMER=4");
    CHECK_REPLY("qqemu.sstep", "0x7");          /* the default masks interrupts */
    CHECK(!arm_cpu_step_irqs());
    CHECK_REPLY("Qqemu.sstep=1", "OK");
    CHECK(arm_cpu_step_irqs());
    CHECK_REPLY("qqemu.sstep", "0x5");
    CHECK_REPLY("Qqemu.sstep=7", "OK");
    CHECK(!arm_cpu_step_irqs());
    CHECK_REPLY("Qqemu.sstep=", "E01");
    CHECK_MON("stepirq on", true, text);
    CHECK_STREQ(text, "stepirq: on\n");
    CHECK(arm_cpu_step_irqs());
    CHECK_MON("stepirq maybe", false, text);
    CHECK(arm_cpu_step_irqs());
    arm_cpu_set_step_irqs(false);
    g_free(text);
}

/* '$' cannot be inside a packet: it starts a new one. */
TEST(framing_restarts_on_dollar)
{
    gfx_setup();
    gfx_feed("$m4080", 6);
    gfx_feed("$", 1);
    CHECK_EQ(gfx.out->len, 0);                  /* the broken one is dropped */
    gfx_feed("?#3f", 4);
    {
        g_autofree char *r = gfx_take_reply(true);
        CHECK(r[0] == 'T');
    }
    /* also from inside the checksum */
    gfx_feed("$g#1", 4);
    {
        g_autofree char *f = gfx_frame("qAttached", 9);
        gfx_feed(f, strlen(f));
        g_autofree char *r = gfx_take_reply(true);
        CHECK_STREQ(r, "1");
    }
}

/* ---- the virt board's commands ------------------------------------------------------ */

static Machine *virt_with_stub(void)
{
    char *argv[] = { "armlet", "-M", "virt", "-nodefaults", "-smp", "2", NULL };
    static Options opts;
    Machine *m;

    options_parse(&opts, 6, argv);
    m = virt_create(&opts);
    m->boot.entry = VIRT_RAM_BASE + 0x80000;
    virt_reset_cpus(m);
    memset(&gfx.t, 0, sizeof gfx.t);
    arm_gdb_target_init(&gfx.t, m->cpus, m->ncpus);
    gfx.t.machine = m;
    gfx.out = g_string_new(NULL);
    gfx.s = gdbstub_new(&gfx.t, true);
    gdbstub_attach_client(gfx.s, gfx_write, NULL);
    virt_gdb_monitor_init();
    return m;
}

TEST(monitor_cpus_and_psci)
{
    Machine *m = virt_with_stub();
    char *text = NULL;

    CHECK_MON("cpus", true, text);
    /* The boot CPU at the entry in EL1h (the reset state Linux's boot
     * protocol asks for), the secondary off until PSCI CPU_ON; MPIDR_EL1
     * with bit 31 RES1 and Aff0 = the CPU number. */
    CHECK(strstr(text, "* 0    0x80000000  on     running  EL1h  0x0000000040080000  0\n"));
    CHECK(strstr(text, "  1    0x80000001  off    -"));
    /* halted in WFI, and Hg moves the mark */
    m->cpus[0]->halted = true;
    CHECK_REPLY("Hg2", "OK");
    CHECK_MON("cpus", true, text);
    CHECK(strstr(text, "  0    0x80000000  on     halted   EL1h"));
    CHECK(strstr(text, "* 1    0x80000001  off"));

    CHECK_MON("psci", true, text);
    CHECK(g_str_has_prefix(text, "conduit: hvc\n"));
    CHECK(strstr(text, "0    0x80000000  on\n"));
    CHECK(strstr(text, "1    0x80000001  off\n"));
    CHECK_MON("help", true, text);
    CHECK(strstr(text, "cpus -- ") && strstr(text, "psci -- "));
    g_free(text);
}
