/* The virt board: memory, devices and their wiring, following QEMU's virt
 * memory map (emu/virt.h). Devices are created in dependency order: the
 * interrupt controller first (it provides the SPI lines), then the
 * peripherals that raise them. */
#include "emu/virt.h"

#include <glib.h>

#include "emu/chardev.h"
#include "emu/error.h"
#include "emu/main_loop.h"
#include "emu/sched.h"
#include "firmware/spin_pen.h"
#include "hw/gic.h"
#include "hw/pl011.h"
#include "hw/pl031.h"
#include "target-arm/arm-jit.h"
#include "target-arm/psci.h"
#include "target-arm/semihosting.h"

/* Which backend the first UART gets when no -serial is given: as QEMU, the
 * serial port goes to stdio with -nographic. QEMU without -nographic shows it
 * on a graphical console; until armlet has one (the display issue), stdio. */
static const char *virt_default_serial(const Options *opts)
{
    if (opts->serials && opts->serials->len > 0) {
        return g_ptr_array_index(opts->serials, 0);
    }
    if (opts->nodefaults) {
        return "none";
    }
    return opts->nographic ? "mon:stdio" : "stdio";
}

/* HVC/SMC reach PSCI only on the conduit the device tree names. */
static bool virt_hvc_call(ArmCpu *cpu, bool is_smc)
{
    const Machine *m = cpu->machine;
    PsciConduit want = is_smc ? PSCI_CONDUIT_SMC : PSCI_CONDUIT_HVC;

    if (m->opts->psci_conduit != want) {
        return false;
    }
    return arm_smccc_call(cpu);
}

/* PSCI SYSTEM_OFF ends armlet with status 0. SYSTEM_RESET resets the
 * board at the end of the current scheduling round, or, with -no-reboot,
 * exits with status 0 as QEMU does. */
static void virt_system_event(ArmCpu *cpu, ArmSystemEvent ev)
{
    Machine *m = cpu->machine;

    if (ev == ARM_SYSTEM_RESET && !m->opts->no_reboot) {
        m->reset_requested = true;
    } else {
        main_loop_request_exit(0);
    }
    sched_kick_all(m);
}

/* Semihosting SYS_EXIT: armlet exits with the guest's status. */
static void virt_guest_exit(ArmCpu *cpu, int status)
{
    main_loop_request_exit(status);
    sched_kick_all(cpu->machine);
}

/* CPU_ON made a vCPU runnable (or CPU_OFF stopped one). */
static void virt_power_changed(ArmCpu *cpu)
{
    sched_wake_cpu(cpu->machine, cpu->index);
}

/* The CPU's IRQ and FIQ inputs are the GIC's outputs to it. */
static bool virt_irq_pending(ArmCpu *cpu, bool fiq)
{
    const Machine *m = cpu->machine;

    return gic_irq_pending(m->gic, cpu->index, fiq);
}

static const ArmMachineOps virt_cpu_ops = {
    .hvc_call = virt_hvc_call,
    .system_event = virt_system_event,
    .power_changed = virt_power_changed,
    .guest_exit = virt_guest_exit,
    .irq_pending = virt_irq_pending,
};

/* The GIC changed CPU cpu's IRQ/FIQ output: a rising one wakes the vCPU. */
static void virt_gic_output(void *opaque, int cpu)
{
    Machine *m = opaque;

    if (!m->cpus || !m->cpus[cpu]) {
        return;      /* still being built */
    }
    if (gic_irq_pending(m->gic, cpu, false) || gic_irq_pending(m->gic, cpu, true)) {
        sched_wake_cpu(m, cpu);
    }
}

/* Which vCPU makes the MMIO access the GIC is handling (GICv2 banking). */
static int virt_gic_cpu_index(void *opaque)
{
    int cpu = sched_current_cpu();

    return cpu < 0 ? 0 : cpu;
}

/* The GIC comes first: it provides the SPI lines the devices raise. */
static void virt_create_gic(Machine *m)
{
    uint64_t *mpidr = g_new(uint64_t, m->ncpus);

    for (int i = 0; i < m->ncpus; i++) {
        mpidr[i] = virt_cpu_mpidr(m, i);
    }
    m->gic = gic_create(m->as, m->gic_version, m->ncpus, mpidr);
    g_free(mpidr);
    for (int i = 0; i < VIRT_NUM_SPI; i++) {
        m->spi[i] = gic_spi_line(m->gic, i);
    }
    gic_set_cpu_index_fn(m->gic, virt_gic_cpu_index, m);
    gic_set_output_cb(m->gic, virt_gic_output, m);
}

/* Each vCPU's generic timers drive its PPIs, as QEMU virt wires them (the
 * device tree's timer node names the same INTIDs); a GICv3 also gives the
 * vCPU its ICC_* system registers. */
static void virt_wire_cpu(Machine *m, ArmCpu *cpu)
{
    cpu->timers.irq[ARM_TIMER_PHYS] = gic_ppi_line(m->gic, cpu->index, VIRT_PPI_PHYS_TIMER);
    cpu->timers.irq[ARM_TIMER_VIRT] = gic_ppi_line(m->gic, cpu->index, VIRT_PPI_VIRT_TIMER);
    cpu->gicv3 = gic_version(m->gic) == 3 ? m->gic : NULL;
}

static void virt_create_cpus(Machine *m)
{
    m->cpus = g_new0(ArmCpu *, m->ncpus);
    for (int i = 0; i < m->ncpus; i++) {
        m->cpus[i] = g_malloc(sizeof(ArmCpu));
        arm_cpu_init(m->cpus[i], i, virt_cpu_mpidr(m, i), m->as, &virt_cpu_ops, m);
        arm_cpu_jit_attach(m->cpus[i]);
        virt_wire_cpu(m, m->cpus[i]);
    }
    arm_jit_init(m->opts->jit, m->cpus, m->ncpus);
}

uint64_t virt_image_ram_end(const Machine *m)
{
    return m->pen_base ? m->pen_base : m->ram_base + m->ram_size;
}

/* spin-table: the pen's code and zeroed release words, then every
 * secondary on in the pen with x0 = its release word (firmware/spin-pen.S). */
static void virt_start_pen(Machine *m)
{
    static const uint8_t zero[VIRT_PEN_RELEASE];

    if (!as_load(m->as, m->pen_base, zero, sizeof zero) ||
        !as_load(m->as, m->pen_base + VIRT_PEN_RELEASE, zero, sizeof zero) ||
        !as_load(m->as, m->pen_base, spin_pen, spin_pen_size)) {
        fatal("internal: cannot place the spin-table pen");
    }
    for (int i = 1; i < m->ncpus; i++) {
        arm_cpu_power_on(m->cpus[i], m->pen_base, m->pen_base + VIRT_PEN_RELEASE + 8ull * i);
    }
}

void virt_reset_cpus(Machine *m)
{
    /* The boot CPU starts at the entry with x0 = the DTB (booting.rst);
     * secondaries stay off until PSCI CPU_ON brings them up, or wait in
     * the spin-table pen. */
    arm_cpu_power_on(m->cpus[0], m->boot.entry, m->boot.dtb_addr);
    if (m->pen_base) {
        virt_start_pen(m);
    }
}

Machine *virt_create(const Options *opts)
{
    Machine *m = g_new0(Machine, 1);

    m->opts = opts;
    m->as = as_new();
    m->ncpus = opts->smp_cpus > 0 ? opts->smp_cpus : 1;
    m->gic_version = opts->gic_version ? opts->gic_version : 2;
    m->ram_base = VIRT_RAM_BASE;
    m->ram_size = opts->ram_size ? opts->ram_size : VIRT_RAM_DEFAULT;
    if (m->ram_size > VIRT_RAM_MAX) {
        fatal("-m: %" G_GUINT64_FORMAT " MiB is more than the virt board's %" G_GUINT64_FORMAT
              " MiB of RAM space", m->ram_size >> 20, (uint64_t)VIRT_RAM_MAX >> 20);
    }

    /* QEMU models two CFI flash banks here; armlet maps them as one ROM that
     * -bios fills, with guest stores ignored (no flash command set yet). */
    as_add_rom(m->as, "flash", VIRT_FLASH_BASE, VIRT_FLASH_SIZE);
    as_add_ram(m->as, "ram", m->ram_base, m->ram_size);
    if (opts->spin_table && m->ncpus > 1) {
        m->pen_base = m->ram_base + m->ram_size - VIRT_PEN_SIZE;
    }

    virt_create_gic(m);
    m->uart = pl011_create(m->as, VIRT_UART_BASE, m->spi[VIRT_SPI_UART],
                           chardev_open(virt_default_serial(opts)));
    m->rtc = pl031_create(m->as, VIRT_RTC_BASE, m->spi[VIRT_SPI_RTC], &m->clock_timers,
                          pl031_host_seconds(), NULL);
    virt_create_cpus(m);
    arm_semihosting_configure(opts->semihosting, opts->semihosting_userspace);
    return m;
}

void virt_free(Machine *m)
{
    if (!m) {
        return;
    }
    for (int i = 0; m->cpus && i < m->ncpus; i++) {
        g_free(m->cpus[i]);
    }
    g_free(m->cpus);
    virt_free_boot_images(m);
    pl011_free(m->uart);
    pl031_free(m->rtc);
    as_free(m->as);
    gic_free(m->gic);
    g_free(m->fdt);
    g_free(m);
}
