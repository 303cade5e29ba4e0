/* PL031 RTC: registers and the match interrupt, checked against the PL031
 * TRM (ARM DDI 0224) through the address space, on a virtual clock the
 * test moves by hand; the match deadline is run the way the scheduler runs
 * device deadlines (emu/clock_timer.h). */
#include "tests/unit/test.h"

#include <glib.h>

#include "emu/clock.h"
#include "emu/clock_timer.h"
#include "emu/memory.h"
#include "hw/pl031.h"

#define BASE 0x09010000ull
#define NS   1000000000ll

/* Register offsets (TRM table 3-1), written out independently of hw/pl031.c. */
enum { DR = 0x00, MR = 0x04, LR = 0x08, CR = 0x0c, IMSC = 0x10, RIS = 0x14, MIS = 0x18,
       ICR = 0x1c };

static int64_t fake_now;

static int64_t fake_clock(void)
{
    return fake_now;
}

typedef struct Fixture {
    AddressSpace *as;
    ClockTimer *timers;
    PL031 *rtc;
    bool level;
    int edges;
} Fixture;

static void record_irq(void *opaque, int line, bool level)
{
    Fixture *f = opaque;

    CHECK_EQ(line, 34);
    if (level != f->level) {
        f->edges++;
    }
    f->level = level;
}

static Fixture *setup(uint32_t start)
{
    Fixture *f = g_new0(Fixture, 1);

    fake_now = 5 * NS + 250000000;   /* creation need not be at time 0 */
    f->as = as_new();
    f->rtc = pl031_create(f->as, BASE, (IrqLine){ record_irq, f, 34 }, &f->timers, start,
                          fake_clock);
    return f;
}

static uint32_t rd(Fixture *f, uint64_t off)
{
    uint64_t v = ~0ull;

    CHECK_EQ(as_read(f->as, BASE + off, 4, &v), MEMTX_OK);
    return (uint32_t)v;
}

static void wr(Fixture *f, uint64_t off, uint32_t v)
{
    CHECK_EQ(as_write(f->as, BASE + off, 4, v), MEMTX_OK);
}

/* Move virtual time to t and run due deadlines, as a scheduler round does. */
static void advance_to(Fixture *f, int64_t t)
{
    fake_now = t;
    clock_timers_run(f->timers, t);
}

TEST(id_registers)
{
    Fixture *f = setup(0);
    static const uint8_t want[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        CHECK_EQ(rd(f, 0xfe0 + 4 * (uint64_t)i), want[i]);
    }
}

TEST(reset_values_and_counting)
{
    Fixture *f = setup(1700000000u);
    int64_t t0 = fake_now;

    CHECK_EQ(rd(f, DR), 1700000000u);
    CHECK_EQ(rd(f, MR), 0);
    CHECK_EQ(rd(f, LR), 0);
    CHECK_EQ(rd(f, CR), 1);              /* running from reset, as on QEMU's board */
    CHECK_EQ(rd(f, IMSC), 0);
    CHECK_EQ(rd(f, RIS), 0);
    CHECK_EQ(rd(f, MIS), 0);
    fake_now = t0 + NS - 1;              /* not yet a whole second */
    CHECK_EQ(rd(f, DR), 1700000000u);
    fake_now = t0 + NS;
    CHECK_EQ(rd(f, DR), 1700000001u);
    fake_now = t0 + 100 * NS + 5;
    CHECK_EQ(rd(f, DR), 1700000100u);
    CHECK_EQ(clock_timers_earliest(f->timers), CLOCK_NEVER);   /* nothing armed */
}

TEST(read_only_and_write_only)
{
    Fixture *f = setup(1000);

    wr(f, DR, 5);                        /* RTCDR is read-only */
    CHECK_EQ(rd(f, DR), 1000);
    wr(f, CR, 0);                        /* cannot be stopped */
    CHECK_EQ(rd(f, CR), 1);
    wr(f, RIS, 1);
    wr(f, MIS, 1);
    CHECK_EQ(rd(f, RIS), 0);
    CHECK_EQ(rd(f, ICR), 0);             /* write-only */
    wr(f, IMSC, 0xffffffffu);
    CHECK_EQ(rd(f, IMSC), 1);            /* one implemented bit */
    CHECK_EQ(rd(f, 0x20), 0);            /* reserved offset: RAZ */
    CHECK_EQ(f->edges, 0);
}

TEST(load_sets_count_keeping_the_phase)
{
    Fixture *f = setup(1000);
    int64_t t0 = fake_now;

    fake_now = t0 + NS / 2;
    wr(f, LR, 50000);
    CHECK_EQ(rd(f, LR), 50000);
    CHECK_EQ(rd(f, DR), 50000);
    fake_now = t0 + NS;                  /* the 1 Hz edge stays where it was */
    CHECK_EQ(rd(f, DR), 50001);
}

TEST(match_interrupt_at_the_virtual_second)
{
    Fixture *f = setup(1000);
    int64_t t0 = fake_now;

    wr(f, IMSC, 1);
    wr(f, MR, 1003);
    /* due when the count becomes 1003: 3 s after creation's phase */
    CHECK_EQ(clock_timers_earliest(f->timers), t0 + 3 * NS);
    advance_to(f, t0 + 3 * NS - 1);
    CHECK_EQ(rd(f, RIS), 0);
    CHECK(!f->level);
    advance_to(f, t0 + 3 * NS);
    CHECK_EQ(rd(f, DR), 1003);
    CHECK_EQ(rd(f, RIS), 1);
    CHECK_EQ(rd(f, MIS), 1);
    CHECK(f->level);
    CHECK_EQ(clock_timers_earliest(f->timers), CLOCK_NEVER);   /* fires once */
    /* level until cleared */
    advance_to(f, t0 + 10 * NS);
    CHECK(f->level);
    wr(f, ICR, 1);
    CHECK_EQ(rd(f, RIS), 0);
    CHECK(!f->level);
    CHECK_EQ(f->edges, 2);
}

TEST(mask_hides_but_keeps_raw_status)
{
    Fixture *f = setup(1000);
    int64_t t0 = fake_now;

    wr(f, MR, 1001);
    advance_to(f, t0 + NS);
    CHECK_EQ(rd(f, RIS), 1);
    CHECK_EQ(rd(f, MIS), 0);
    CHECK(!f->level);
    wr(f, IMSC, 1);                      /* unmasking a raised match asserts it */
    CHECK(f->level);
    wr(f, IMSC, 0);
    CHECK(!f->level);
}

TEST(match_equal_to_count_fires_at_once)
{
    Fixture *f = setup(1000);

    wr(f, IMSC, 1);
    wr(f, MR, 1000);
    CHECK_EQ(rd(f, RIS), 1);
    CHECK(f->level);
}

TEST(match_in_the_past_waits_for_the_wrap)
{
    Fixture *f = setup(1000);
    int64_t t0 = fake_now;

    wr(f, MR, 999);
    CHECK_EQ(rd(f, RIS), 0);
    CHECK_EQ(clock_timers_earliest(f->timers), t0 + (int64_t)0xffffffffu * NS);
}

TEST(load_rearms_the_match)
{
    Fixture *f = setup(1000);
    int64_t t0 = fake_now;

    wr(f, MR, 2000);
    CHECK_EQ(clock_timers_earliest(f->timers), t0 + 1000 * NS);
    fake_now = t0 + NS / 4;
    wr(f, LR, 1998);
    CHECK_EQ(clock_timers_earliest(f->timers), t0 + 2 * NS);
    advance_to(f, t0 + 2 * NS);
    CHECK_EQ(rd(f, RIS), 1);
}

TEST(reset_keeps_time_and_disarms)
{
    Fixture *f = setup(1000);
    int64_t t0 = fake_now;

    wr(f, IMSC, 1);
    wr(f, MR, 1005);
    wr(f, LR, 1002);
    advance_to(f, t0 + 3 * NS);
    CHECK(f->level);
    pl031_reset(f->rtc);
    CHECK(!f->level);
    CHECK_EQ(rd(f, DR), 1005);           /* the time of day survives */
    CHECK_EQ(rd(f, MR), 0);
    CHECK_EQ(rd(f, LR), 0);
    CHECK_EQ(rd(f, IMSC), 0);
    CHECK_EQ(rd(f, RIS), 0);
    CHECK_EQ(clock_timers_earliest(f->timers), CLOCK_NEVER);
}

TEST(narrow_and_wide_accesses)
{
    Fixture *f = setup(0x12345678u);
    uint64_t v = 0;

    CHECK_EQ(as_read(f->as, BASE + DR + 1, 1, &v), MEMTX_OK);
    CHECK_EQ(v, 0x56);
    CHECK_EQ(as_read(f->as, BASE + DR + 2, 2, &v), MEMTX_OK);
    CHECK_EQ(v, 0x1234);
    CHECK(as_read(f->as, BASE + DR, 8, &v) != MEMTX_OK);   /* 32-bit registers */
}
