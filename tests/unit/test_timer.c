/* The generic timers (Arm ARM D11.2 and the CNTP/CNTV_{CTL,CVAL,TVAL}_EL0,
 * CNTKCTL_EL1 descriptions): TVAL arithmetic with its 32-bit sign rules,
 * ISTATUS/IMASK/ENABLE and the output level, deadlines in virtual-clock ns,
 * the event stream's period, the output line following register writes
 * and time, the scheduler's idle timeout, and the EL0 access gates through
 * the CPU pipeline. Expected values are worked out from the spec text. */
#include "tests/unit/test.h"

#include <glib.h>
#include <time.h>

#include "emu/clock.h"
#include "emu/virt.h"
#include "target-arm/timer.h"
#include "tests/unit/arm_harness.h"

#define BOTH(name)                                                          \
    static void name(JitMode jit);                                          \
    TEST(name##_interp) { name(JIT_INTERP); }                               \
    TEST(name##_native) { name(JIT_NATIVE); }

#define EN ARM_CNT_CTL_ENABLE
#define IM ARM_CNT_CTL_IMASK
#define IS ARM_CNT_CTL_ISTATUS
#define NEVER ARM_TIMER_NEVER

/* ---- arithmetic ---- */

TEST(tval_read_is_low_32_bits_of_cval_minus_count)
{
    CHECK_EQ(arm_timer_tval(1100, 1000), 100);
    /* met 5 ticks ago: -5 as a 32-bit value, bits 63:32 zero */
    CHECK_EQ(arm_timer_tval(1000, 1005), 0xfffffffbull);
    CHECK_EQ((int32_t)arm_timer_tval(1000, 1005), -5);
    /* more than 2^31 ahead wraps into the negative range */
    CHECK_EQ(arm_timer_tval(0x80000000ull + 7, 7), 0x80000000ull);
    CHECK_EQ(arm_timer_tval(0x123456789ull, 0x23456789ull), 0);
}

TEST(tval_write_sign_extends)
{
    CHECK_EQ(arm_timer_cval_from_tval(100, 1000), 1100);
    CHECK_EQ(arm_timer_cval_from_tval(0xffffffffull, 1000), 999);
    CHECK_EQ(arm_timer_cval_from_tval(0x80000000ull, 0x100000000ull), 0x80000000ull);
    CHECK_EQ(arm_timer_cval_from_tval(0x7fffffffull, 0), 0x7fffffff);
    /* bits 63:32 of the written value are ignored */
    CHECK_EQ(arm_timer_cval_from_tval(0xdead000000000010ull, 1000), 1016);
    /* wraps modulo 2^64 */
    CHECK_EQ(arm_timer_cval_from_tval(0xfffffff0ull, 5), (uint64_t)-11);
}

TEST(condition_is_unsigned_compare)
{
    CHECK(arm_timer_met(10, 10));
    CHECK(arm_timer_met(10, 11));
    CHECK(!arm_timer_met(11, 10));
    /* unsigned: a CVAL "behind" by more than 2^63 is not met */
    CHECK(!arm_timer_met(UINT64_MAX, 5));
    CHECK(arm_timer_met(0, UINT64_MAX));
}

TEST(ctl_status_and_output)
{
    /* ISTATUS only while enabled and met; stored bits beyond IMASK dropped */
    CHECK_EQ(arm_timer_ctl_value(EN, 10, 20), EN | IS);
    CHECK_EQ(arm_timer_ctl_value(EN, 30, 20), EN);
    CHECK_EQ(arm_timer_ctl_value(EN | IM, 10, 20), EN | IM | IS);
    CHECK_EQ(arm_timer_ctl_value(0, 10, 20), 0);
    CHECK_EQ(arm_timer_ctl_value(IM | IS, 10, 20), IM);
    /* output = ENABLE && ISTATUS && !IMASK */
    CHECK(arm_timer_output(EN, 10, 20));
    CHECK(!arm_timer_output(EN | IM, 10, 20));
    CHECK(!arm_timer_output(0, 10, 20));
    CHECK(!arm_timer_output(EN, 30, 20));
}

TEST(tick_conversions)
{
    /* 62.5 MHz: 16 ns per tick */
    CHECK_EQ(arm_ns_to_ticks(0), 0);
    CHECK_EQ(arm_ns_to_ticks(15), 0);
    CHECK_EQ(arm_ns_to_ticks(16), 1);
    CHECK_EQ(arm_ns_to_ticks(1000000000), 62500000);
    CHECK_EQ(arm_ns_to_ticks(-5), 0);
    CHECK_EQ(arm_ticks_to_ns(62500000), 1000000000);
    CHECK_EQ(arm_ticks_to_ns(UINT64_MAX), NEVER);
    CHECK_EQ(arm_ticks_to_ns((uint64_t)INT64_MAX / 16), (int64_t)((uint64_t)INT64_MAX / 16) * 16);
    CHECK_EQ(arm_ticks_to_ns((uint64_t)INT64_MAX / 16 + 1), NEVER);
}

TEST(deadlines)
{
    /* physical: CVAL 1000 with the count at 400 -> at tick 1000 = 16000 ns */
    CHECK_EQ(arm_timer_deadline(EN, 1000, 0, 400), 16000);
    /* virtual, CNTVOFF 300: CNTVCT = pct - 300 reaches 1000 at pct 1300 */
    CHECK_EQ(arm_timer_deadline(EN, 1000, 300, 400), 1300 * 16);
    /* no rising edge ahead: disabled, masked, already met */
    CHECK_EQ(arm_timer_deadline(0, 1000, 0, 400), NEVER);
    CHECK_EQ(arm_timer_deadline(EN | IM, 1000, 0, 400), NEVER);
    CHECK_EQ(arm_timer_deadline(EN, 400, 0, 400), NEVER);
    CHECK_EQ(arm_timer_deadline(EN, 10, 0, 400), NEVER);
    /* beyond the clock's range */
    CHECK_EQ(arm_timer_deadline(EN, UINT64_MAX, 0, 400), NEVER);
    CHECK_EQ(arm_timer_deadline(EN, (uint64_t)INT64_MAX / 16 + 1, 0, 400), NEVER);
}

TEST(event_stream_period)
{
    /* bit 0, rising (0->1): odd counts; falling: even counts */
    CHECK_EQ(arm_evtstrm_next(0, 0, false), 1);
    CHECK_EQ(arm_evtstrm_next(1, 0, false), 3);
    CHECK_EQ(arm_evtstrm_next(0, 0, true), 2);
    CHECK_EQ(arm_evtstrm_next(3, 0, true), 4);
    /* bit 4: period 32; rises at 16 mod 32, falls at 0 mod 32 */
    CHECK_EQ(arm_evtstrm_next(0, 4, false), 16);
    CHECK_EQ(arm_evtstrm_next(15, 4, false), 16);
    CHECK_EQ(arm_evtstrm_next(16, 4, false), 48);
    CHECK_EQ(arm_evtstrm_next(47, 4, false), 48);
    CHECK_EQ(arm_evtstrm_next(16, 4, true), 32);
    CHECK_EQ(arm_evtstrm_next(32, 4, true), 64);
    /* bit 15: period 65536 */
    CHECK_EQ(arm_evtstrm_next(100000, 15, true), 131072);
    CHECK_EQ(arm_evtstrm_next(100000, 15, false), 163840);
}

/* ---- one vCPU's outputs ---- */

static int line_level[ARM_TIMER_NUM], line_changes;

static void record_line(void *opaque, int line, bool level)
{
    line_level[line] = level;
    line_changes++;
}

static ArmCpu *timer_cpu(void)
{
    ArmCpu *cpu = g_malloc(sizeof *cpu);

    arm_cpu_init(cpu, 0, 0, NULL, NULL, NULL);
    for (int t = 0; t < ARM_TIMER_NUM; t++) {
        cpu->timers.irq[t] = (IrqLine){ record_line, NULL, t };
    }
    cpu->power = ARM_POWER_ON;
    return cpu;
}

static void sleep_ns(int64_t ns)
{
    struct timespec ts = { ns / 1000000000, ns % 1000000000 };

    nanosleep(&ts, NULL);
}

TEST(output_follows_writes_and_time)
{
    ArmCpu *cpu = timer_cpu();
    uint64_t now_ticks = arm_counter_now();
    int64_t dl;

    /* due 2 ms from now: low, with a deadline about 2 ms ahead */
    cpu->sr.cntv_cval_el0 = now_ticks + 125000;
    cpu->sr.cntv_ctl_el0 = EN;
    arm_timer_update(cpu);
    CHECK_EQ(line_level[ARM_TIMER_VIRT], 0);
    dl = cpu->timers.deadline[ARM_TIMER_VIRT];
    CHECK_EQ(dl, (int64_t)(now_ticks + 125000) * 16);
    CHECK_EQ(cpu->timers.deadline[ARM_TIMER_PHYS], NEVER);
    CHECK_EQ(arm_timer_wake_deadline(cpu), dl);
    /* polling before the deadline changes nothing */
    arm_timer_poll(cpu, dl - 1);
    CHECK_EQ(line_changes, 0);
    /* once the clock passes it, the line rises and the deadline goes */
    while (clock_now_ns() < dl) {
        sleep_ns(dl - clock_now_ns());
    }
    arm_timer_poll(cpu, clock_now_ns());
    CHECK_EQ(line_level[ARM_TIMER_VIRT], 1);
    CHECK_EQ(line_changes, 1);
    CHECK_EQ(cpu->timers.deadline[ARM_TIMER_VIRT], NEVER);
    CHECK_EQ(arm_timer_wake_deadline(cpu), NEVER);
    /* IMASK lowers it, clearing IMASK raises it again */
    cpu->sr.cntv_ctl_el0 = EN | IM;
    arm_timer_update(cpu);
    CHECK_EQ(line_level[ARM_TIMER_VIRT], 0);
    cpu->sr.cntv_ctl_el0 = EN;
    arm_timer_update(cpu);
    CHECK_EQ(line_level[ARM_TIMER_VIRT], 1);
    /* moving CVAL far ahead lowers it; the physical timer is independent */
    cpu->sr.cntv_cval_el0 = UINT64_MAX;
    cpu->sr.cntp_cval_el0 = 0;
    cpu->sr.cntp_ctl_el0 = EN;
    arm_timer_update(cpu);
    CHECK_EQ(line_level[ARM_TIMER_VIRT], 0);
    CHECK_EQ(line_level[ARM_TIMER_PHYS], 1);
    CHECK_EQ(line_changes, 5);
    g_free(cpu);
}

/* arm_cpu_reset clears CTL behind the timer code's back: the next poll
 * lowers the line even though no deadline is due. */
TEST(poll_lowers_a_line_left_high_by_reset)
{
    ArmCpu *cpu = timer_cpu();

    cpu->sr.cntp_cval_el0 = 0;
    cpu->sr.cntp_ctl_el0 = EN;
    arm_timer_update(cpu);
    CHECK_EQ(line_level[ARM_TIMER_PHYS], 1);
    cpu->sr.cntp_ctl_el0 = 0;
    arm_timer_poll(cpu, clock_now_ns());
    CHECK_EQ(line_level[ARM_TIMER_PHYS], 0);
    g_free(cpu);
}

TEST(event_stream_wakes_wfe_only)
{
    ArmCpu *cpu = timer_cpu();
    int64_t next;

    /* EVNTEN, EVNTI = 4 (period 32 ticks = 512 ns), rising edge */
    cpu->sr.cntkctl_el1 = ARM_CNTKCTL_EVNTEN | (4u << 4);
    cpu->timers.evt_next = NEVER;
    arm_timer_update(cpu);
    next = cpu->timers.evt_next;
    CHECK(next != NEVER);
    CHECK_EQ(arm_ns_to_ticks(next) % 32, 16);
    CHECK(next - clock_now_ns() <= 512);
    CHECK(!cpu->event);
    /* halted in WFI: the stream is not a reason to wake */
    cpu->halted = true;
    cpu->halted_wfe = false;
    CHECK_EQ(arm_timer_wake_deadline(cpu), NEVER);
    arm_timer_poll(cpu, next);
    CHECK(cpu->event);
    CHECK(cpu->halted);
    /* halted in WFE: it is, and the event ends the halt */
    cpu->event = false;
    cpu->halted_wfe = true;
    CHECK_EQ(arm_timer_wake_deadline(cpu), cpu->timers.evt_next);
    arm_timer_poll(cpu, cpu->timers.evt_next);
    CHECK(cpu->event);
    CHECK(!cpu->halted);
    /* off again: no more events */
    cpu->sr.cntkctl_el1 = 0;
    arm_timer_update(cpu);
    CHECK_EQ(cpu->timers.evt_next, NEVER);
    g_free(cpu);
}

TEST(idle_timeout_is_earliest_deadline)
{
    Machine m = { 0 };
    ArmCpu *cpus[2] = { timer_cpu(), timer_cpu() };
    uint64_t now_ticks = arm_counter_now();
    int64_t t;

    m.ncpus = 2;
    m.cpus = cpus;
    arm_timer_update(cpus[0]);
    arm_timer_update(cpus[1]);
    CHECK_EQ(clock_idle_timeout_ns(&m), -1);
    /* CPU 1's virtual timer 1 s ahead, CPU 0's physical one 10 s ahead */
    cpus[1]->sr.cntv_cval_el0 = now_ticks + 62500000;
    cpus[1]->sr.cntv_ctl_el0 = EN;
    cpus[0]->sr.cntp_cval_el0 = now_ticks + 625000000;
    cpus[0]->sr.cntp_ctl_el0 = EN;
    arm_timer_update(cpus[0]);
    arm_timer_update(cpus[1]);
    t = clock_idle_timeout_ns(&m);
    CHECK(t > 900000000 && t <= 1000000000);
    /* a powered-off vCPU's timers do not count */
    cpus[1]->power = ARM_POWER_OFF;
    t = clock_idle_timeout_ns(&m);
    CHECK(t > 9000000000 && t <= 10000000000);
    /* a deadline already passed: do not sleep */
    cpus[0]->sr.cntp_cval_el0 = now_ticks;
    cpus[0]->timers.deadline[ARM_TIMER_PHYS] = 0;
    CHECK_EQ(clock_idle_timeout_ns(&m), 0);
    clock_run_timers(&m);
    CHECK_EQ(line_level[ARM_TIMER_PHYS], 1);
    CHECK_EQ(clock_idle_timeout_ns(&m), -1);
    g_free(cpus[0]);
    g_free(cpus[1]);
}

/* ---- through the CPU: encodings and EL0 gates ---- */

#define IL (1ull << 25)
#define MRS(op1, crn, crm, op2, rt)                                         \
    (0xd5380000u | (op1) << 16 | (crn) << 12 | (crm) << 8 | (op2) << 5 | (rt))
#define MSR(op1, crn, crm, op2, rt)                                         \
    (0xd5180000u | (op1) << 16 | (crn) << 12 | (crm) << 8 | (op2) << 5 | (rt))

/* ISS of a trapped MRS/MSR (D13.2.37): Op0 21:20, Op2 19:17, Op1 16:14,
 * CRn 13:10, Rt 9:5, CRm 4:1, Direction 0 (1 = read). */
static uint64_t esr_trap(unsigned op1, unsigned crn, unsigned crm, unsigned op2, unsigned rt,
                         bool read)
{
    return (0x18ull << 26) | IL | 3ull << 20 | (uint64_t)op2 << 17 | (uint64_t)op1 << 14 |
           (uint64_t)crn << 10 | (uint64_t)rt << 5 | (uint64_t)crm << 1 | read;
}

TEST(encoding_macros_match_the_assembler)
{
    /* aarch64-linux-gnu-as: mrs x1, cntv_ctl_el0 / msr cntp_tval_el0, x2 */
    CHECK_EQ(MRS(3, 14, 3, 1, 1), 0xd53be321);
    CHECK_EQ(MSR(3, 14, 2, 0, 2), 0xd51be202);
}

BOTH(timer_registers_through_the_cpu)
static void timer_registers_through_the_cpu(JitMode jit)
{
    /* msr cntv_tval_el0, x1 ; mrs x2, cntv_cval_el0 ; mrs x3, cntvct_el0 ;
     * msr cntv_ctl_el0, x4 ; mrs x5, cntv_ctl_el0 ; mrs x6, cntv_tval_el0 ;
     * msr cntp_cval_el0, x7 ; msr cntp_ctl_el0, x4 ; mrs x8, cntp_ctl_el0 ;
     * mrs x9, cntp_tval_el0 */
    const uint32_t code[] = {
        MSR(3, 14, 3, 0, 1), MRS(3, 14, 3, 2, 2), MRS(3, 14, 0, 2, 3), MSR(3, 14, 3, 1, 4),
        MRS(3, 14, 3, 1, 5), MRS(3, 14, 3, 0, 6), MSR(3, 14, 2, 2, 7), MSR(3, 14, 2, 1, 4),
        MRS(3, 14, 2, 1, 8), MRS(3, 14, 2, 0, 9),
    };
    ArmHarness *h = harness_new(jit);
    ArmCpu *cpu = h->cpu;

    harness_load(h, code, 10);
    cpu->timers.irq[ARM_TIMER_PHYS] = (IrqLine){ record_line, NULL, ARM_TIMER_PHYS };
    cpu->x[1] = 62500000;             /* 1 s */
    cpu->x[4] = EN | IS | 0xf0;       /* ISTATUS and RES0 bits are not stored */
    cpu->x[7] = 0;                    /* met at any count */
    CHECK_EQ(harness_run(h, 100), HARNESS_DONE);
    CHECK(cpu->x[2] - cpu->x[3] <= 62500000);
    CHECK(cpu->x[2] - cpu->x[3] > 62500000 - 6250000);
    CHECK_EQ(cpu->x[5], EN);
    CHECK(cpu->x[6] <= 62500000 && cpu->x[6] > 62500000 - 6250000);
    CHECK_EQ(cpu->x[8], EN | IS);
    CHECK_EQ((int32_t)cpu->x[9] < 0, 1);
    CHECK_EQ(cpu->x[9] >> 32, 0);
    /* the CTL write raised the physical timer's line at once */
    CHECK_EQ(line_level[ARM_TIMER_PHYS], 1);
}

/* Run one instruction at EL0 with CNTKCTL_EL1 = kctl; 0 if it completed
 * (the harness then stops at the UNDEF of its HVC), else the ESR. */
static uint64_t el0_access(JitMode jit, uint32_t insn, uint64_t kctl)
{
    ArmHarness *h = harness_new(jit);

    harness_load(h, &insn, 1);
    harness_set_el0(h);
    h->cpu->sr.cntkctl_el1 = kctl;
    CHECK_EQ(harness_run(h, 100), HARNESS_EXCEPTION);
    if (h->cpu->sr.elr_el1 == HARNESS_CODE + 4) {
        CHECK_EQ(h->cpu->sr.esr_el1, IL);      /* the stop HVC: UNDEFINED at EL0 */
        return 0;
    }
    CHECK_EQ(h->cpu->sr.elr_el1, HARNESS_CODE);
    return h->cpu->sr.esr_el1;
}

BOTH(el0_gates)
static void el0_gates(JitMode jit)
{
    /* CNTV_* need EL0VTEN, CNTP_* EL0PTEN; one does not open the other */
    CHECK_EQ(el0_access(jit, MRS(3, 14, 3, 1, 1), 0), esr_trap(3, 14, 3, 1, 1, true));
    CHECK_EQ(el0_access(jit, MSR(3, 14, 3, 0, 2), 0), esr_trap(3, 14, 3, 0, 2, false));
    CHECK_EQ(el0_access(jit, MRS(3, 14, 3, 2, 1), ARM_CNTKCTL_EL0PTEN),
             esr_trap(3, 14, 3, 2, 1, true));
    CHECK_EQ(el0_access(jit, MRS(3, 14, 3, 1, 1), ARM_CNTKCTL_EL0VTEN), 0);
    CHECK_EQ(el0_access(jit, MSR(3, 14, 3, 2, 1), ARM_CNTKCTL_EL0VTEN), 0);
    CHECK_EQ(el0_access(jit, MRS(3, 14, 2, 0, 3), 0), esr_trap(3, 14, 2, 0, 3, true));
    CHECK_EQ(el0_access(jit, MSR(3, 14, 2, 1, 3), ARM_CNTKCTL_EL0VTEN),
             esr_trap(3, 14, 2, 1, 3, false));
    CHECK_EQ(el0_access(jit, MRS(3, 14, 2, 0, 3), ARM_CNTKCTL_EL0PTEN), 0);
    /* the counter gates are separate from the timer gates */
    CHECK_EQ(el0_access(jit, MRS(3, 14, 0, 2, 1), ARM_CNTKCTL_EL0VTEN),
             esr_trap(3, 14, 0, 2, 1, true));
    CHECK_EQ(el0_access(jit, MRS(3, 14, 0, 2, 1), ARM_CNTKCTL_EL0VCTEN), 0);
    /* CNTKCTL_EL1 itself is EL1-only: UNDEFINED at EL0 */
    CHECK_EQ(el0_access(jit, MRS(0, 14, 1, 0, 1), ~0ull), IL);
}
