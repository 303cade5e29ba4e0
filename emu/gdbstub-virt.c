/* The virt board's gdb monitor commands: "cpus" (one line per vCPU: power,
 * run state, exception level, PC) and "psci" (the conduit and each vCPU's
 * PSCI view of its power state). They read the Machine and its ArmCpus
 * directly: commands only run while the debugger holds every vCPU. */
#include "emu/gdbstub-virt.h"

#include <inttypes.h>

#include "emu/gdbstub.h"
#include "emu/options.h"
#include "emu/virt.h"
#include "target-arm/cpu.h"

static const char *power_name(const ArmCpu *cpu)
{
    /* One row per ArmPowerState: the PSCI work adds its states here. */
    static const char *const names[] = {
        [ARM_POWER_OFF] = "off",
        [ARM_POWER_ON] = "on",
    };

    return (size_t)cpu->power < G_N_ELEMENTS(names) && names[cpu->power] ? names[cpu->power]
                                                                        : "?";
}

/* As the guest reads MPIDR_EL1: bit 31 is RES1 (Arm ARM D13.2.86). */
static uint64_t mpidr_el1(const ArmCpu *cpu)
{
    return cpu->mpidr | (uint64_t)1 << 31;
}

static const char *run_state(const ArmCpu *cpu)
{
    if (cpu->power != ARM_POWER_ON) {
        return "-";
    }
    return cpu->halted ? "halted" : "running";   /* halted: in WFI or WFE */
}

/* PSTATE's mode in the Arm ARM's notation: EL0t, EL1t, EL1h. */
static const char *el_name(const ArmCpu *cpu)
{
    return cpu->el == 0 ? "EL0t" : cpu->spsel ? "EL1h" : "EL1t";
}

static Machine *machine_of(GdbStub *s, GString *out)
{
    Machine *m = gdbstub_machine(s);

    if (!m) {
        g_string_append(out, "no machine attached to this gdb server\n");
    }
    return m;
}

static bool mon_cpus(GdbStub *s, const char *args, GString *out)
{
    Machine *m = machine_of(s, out);
    int sel = gdbstub_selected_cpu(s);

    if (!m) {
        return false;
    }
    g_string_append(out, "  CPU  MPIDR_EL1   POWER  STATE    EL    PC                  INSNS\n");
    for (int i = 0; i < m->ncpus; i++) {
        const ArmCpu *c = m->cpus[i];

        g_string_append_printf(out, "%c %-4d 0x%08" PRIx64 "  %-6s %-8s %-5s 0x%016" PRIx64
                               "  %" PRIu64 "\n", i == sel ? '*' : ' ', i, mpidr_el1(c),
                               power_name(c), run_state(c), el_name(c), c->pc,
                               c->insns_executed);
    }
    return true;
}

static bool mon_psci(GdbStub *s, const char *args, GString *out)
{
    static const char *const conduits[] = {
        [PSCI_CONDUIT_HVC] = "hvc", [PSCI_CONDUIT_SMC] = "smc",
        [PSCI_CONDUIT_NONE] = "none (firmware handles PSCI)",
    };
    Machine *m = machine_of(s, out);
    PsciConduit c;

    if (!m) {
        return false;
    }
    c = m->opts ? m->opts->psci_conduit : PSCI_CONDUIT_HVC;
    g_string_append_printf(out, "conduit: %s\n",
                           (size_t)c < G_N_ELEMENTS(conduits) ? conduits[c] : "?");
    g_string_append(out, "CPU  MPIDR_EL1   POWER\n");
    for (int i = 0; i < m->ncpus; i++) {
        g_string_append_printf(out, "%-4d 0x%08" PRIx64 "  %s\n", i, mpidr_el1(m->cpus[i]),
                               power_name(m->cpus[i]));
    }
    return true;
}

void virt_gdb_monitor_init(void)
{
    /* a second registration is refused by name: harmless */
    gdbstub_register_monitor("cpus", "one line per vCPU: power, state, EL, PC, instructions",
                             mon_cpus);
    gdbstub_register_monitor("psci", "the PSCI conduit and each vCPU's power state", mon_psci);
}
