/* System reset of the virt board (PSCI SYSTEM_RESET / SYSTEM_RESET2).
 *
 * As QEMU does on a reset, RAM is not cleared but the images the loaders
 * placed (kernel, initrd, DTB) are copied in again, so a guest that
 * overwrote them boots the same way; devices and CPUs go back to their
 * reset state and the boot CPU starts at the entry again. Flash (-bios) is
 * ROM the guest cannot write, so it needs nothing. */
#include "emu/virt.h"

#include <glib.h>
#include <libfdt.h>

#include "emu/memory.h"
#include "emu/trace.h"
#include "hw/gic.h"
#include "hw/pl011.h"
#include "hw/pl031.h"
#include "jit/tb.h"
#include "target-arm/arm-jit.h"

typedef struct BootImage {
    uint64_t addr, len;
    uint8_t *data;
} BootImage;

static void snapshot(Machine *m, uint64_t addr, uint64_t len)
{
    const uint8_t *p;
    BootImage img;

    if (!len || !(p = as_ram_ptr(m->as, addr, len))) {
        return;
    }
    img = (BootImage){ addr, len, g_memdup2(p, len) };
    g_array_append_val(m->boot_images, img);
}

void virt_snapshot_boot(Machine *m)
{
    m->boot_images = g_array_new(false, false, sizeof(BootImage));
    snapshot(m, m->boot.kernel_base, m->boot.kernel_end - m->boot.kernel_base);
    snapshot(m, m->boot.initrd_base, m->boot.initrd_size);
    if (m->boot.dtb_addr && m->fdt) {
        snapshot(m, m->boot.dtb_addr, fdt_totalsize(m->fdt));
    }
}

void virt_free_boot_images(Machine *m)
{
    if (!m->boot_images) {
        return;
    }
    for (guint i = 0; i < m->boot_images->len; i++) {
        g_free(g_array_index(m->boot_images, BootImage, i).data);
    }
    g_array_free(m->boot_images, true);
    m->boot_images = NULL;
}

void virt_system_reset(Machine *m)
{
    m->reset_requested = false;
    if (trace_active) {
        trace_system("system reset");
    }
    for (guint i = 0; m->boot_images && i < m->boot_images->len; i++) {
        const BootImage *img = &g_array_index(m->boot_images, BootImage, i);
        as_load(m->as, img->addr, img->data, img->len);
    }
    /* the images may have replaced code that has translations */
    tb_invalidate_all();
    gic_reset(m->gic);
    pl011_reset(m->uart);
    pl031_reset(m->rtc);
    for (int i = 0; i < m->ncpus; i++) {
        ArmCpu *c = m->cpus[i];
        c->power = ARM_POWER_OFF;
        c->halted = false;
        c->resume_pending = false;
        arm_cpu_flush_tlb(c);
    }
    virt_reset_cpus(m);
}
