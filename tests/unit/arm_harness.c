/* A bare A64 CPU for tests (see arm_harness.h). */
#include "tests/unit/arm_harness.h"

#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "jit/tb.h"
#include "target-arm/arm-jit.h"

#define HVC(imm) (0xd4000002u | ((uint32_t)(imm) << 5))

static ArmHarness harness;
static ArmCpu *cpu_list[1];

static bool harness_hvc(ArmCpu *cpu, bool is_smc)
{
    /* the immediate is in the instruction just executed */
    uint64_t pc = cpu->jit.restore_pc;
    uint64_t insn = 0;

    as_read(cpu->as, pc, 4, &insn);
    harness.stopped = true;
    harness.stop_imm = (int)((insn >> 5) & 0xffff);
    cpu->jit.exit_request = 1;
    return true;
}

static const ArmMachineOps harness_ops = {
    .hvc_call = harness_hvc,
};

ArmHarness *harness_new(JitMode jit)
{
    ArmHarness *h = &harness;

    if (h->cpu) {
        /* the JIT's caches are process-wide: reuse the one CPU */
        arm_cpu_reset(h->cpu, HARNESS_CODE, 0);
        return h;
    }
    h->as = as_new();
    as_add_ram(h->as, "ram", HARNESS_RAM_BASE, HARNESS_RAM_SIZE);
    h->cpu = g_malloc(sizeof(ArmCpu));
    arm_cpu_init(h->cpu, 0, 0x80000000ull, h->as, &harness_ops, h);
    arm_cpu_jit_attach(h->cpu);
    cpu_list[0] = h->cpu;
    arm_jit_init(jit, cpu_list, 1);
    arm_cpu_reset(h->cpu, HARNESS_CODE, 0);
    for (unsigned off = 0; off < 0x800; off += 0x80) {
        uint32_t stop = HVC(0xbad);
        as_load(h->as, HARNESS_VBAR + off, &stop, 4);
    }
    return h;
}

void harness_load(ArmHarness *h, const uint32_t *insns, unsigned n)
{
    uint32_t stop = HVC(0xabc);

    as_load(h->as, HARNESS_CODE, insns, n * 4ull);
    as_load(h->as, HARNESS_CODE + n * 4ull, &stop, 4);
    tb_invalidate_phys_range(HARNESS_CODE, n * 4ull + 4);
    h->cpu->pc = HARNESS_CODE;
    h->cpu->sr.vbar_el1 = HARNESS_VBAR;
}

void harness_set_el0(ArmHarness *h)
{
    int old_el = h->cpu->el, old_spsel = h->cpu->spsel;

    h->cpu->el = 0;
    h->cpu->spsel = 0;
    arm_swap_sp(h->cpu, old_el, old_spsel);
}

HarnessStop harness_run(ArmHarness *h, int64_t max_insns)
{
    h->stopped = false;
    h->stop_imm = -1;
    while (max_insns > 0 && !h->stopped) {
        arm_cpu_exec(h->cpu, max_insns > 1000 ? 1000 : max_insns);
        max_insns -= 1000;
    }
    if (!h->stopped) {
        return HARNESS_TIMEOUT;
    }
    return h->stop_imm == 0xabc ? HARNESS_DONE : HARNESS_EXCEPTION;
}
