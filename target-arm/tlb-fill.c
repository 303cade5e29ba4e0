/* The JIT's guest callbacks for A64: TLB fill through the stage-1 walk, and
 * the faults the softmmu slow path reports (alignment, external abort),
 * turned into Data/Instruction Aborts with the ESR ISS of Arm ARM D13.2.37. */
#include "target-arm/arm-jit.h"

#include "emu/memory.h"
#include "jit/tb.h"
#include "target-arm/exception.h"
#include "target-arm/mmu.h"

/* DFSC/IFSC of a synchronous external abort that is not on a walk. */
#define FSC_SYNC_EXT_ABORT 0x10

static __attribute__((noreturn)) void raise_abort(ArmCpu *cpu, uint64_t va, JitAccess access,
                                                  unsigned fsc, uint64_t pc)
{
    bool fetch = access == JIT_ACCESS_EXEC;
    bool lower = cpu->el == 0;
    unsigned ec = fetch ? (lower ? EC_IABT_LOWER : EC_IABT_SAME)
                        : (lower ? EC_DABT_LOWER : EC_DABT_SAME);
    /* ISS: WnR (bit 6) for data writes, the status code in bits 5:0. */
    uint32_t iss = fsc | (access == JIT_ACCESS_WRITE ? 1u << 6 : 0);

    arm_raise(cpu, ESR(ec, iss), va, true, pc);
}

static void arm_tlb_fill(JitCpu *j, uint64_t va, JitAccess access, int mmu_idx, uint64_t pc)
{
    ArmCpu *cpu = arm_cpu(j);
    MmuRegime r = { cpu->sr.sctlr_el1, cpu->sr.tcr_el1, cpu->sr.ttbr0_el1, cpu->sr.ttbr1_el1,
                    cpu->sr.mair_el1 };
    MmuRequest req = {
        .va = va,
        .access = access == JIT_ACCESS_READ ? MMU_ACCESS_READ
                : access == JIT_ACCESS_WRITE ? MMU_ACCESS_WRITE : MMU_ACCESS_FETCH,
        .el = mmu_idx == ARM_MMU_EL0 ? 0 : 1,
    };
    MmuResult res;
    MmuFault fault;
    uint64_t page_pa;
    const MemRegion *region;
    uint32_t prot = 0, flags = 0;
    void *host = NULL;

    if (!mmu_translate(cpu->as, &r, &req, &res, &fault)) {
        raise_abort(cpu, va, access, fault.fsc, pc);
    }
    page_pa = res.pa & ~(uint64_t)0xfff;
    prot |= (res.prot & MMU_PROT_R) ? JIT_PROT_READ : 0;
    prot |= (res.prot & MMU_PROT_W) ? JIT_PROT_WRITE : 0;
    prot |= (res.prot & MMU_PROT_X) ? JIT_PROT_EXEC : 0;
    /* Device memory faults on unaligned data accesses (B2.5.2). With the
     * MMU off the translator checks alignment inline (ARM_TBFLAG_ALIGN), so
     * only translated Device pages need the slow-path check. */
    if (res.attrs.type != MMU_MEM_NORMAL && (cpu->sr.sctlr_el1 & MMU_SCTLR_M)) {
        prot |= JIT_PROT_ALIGNED;
    }
    region = as_find(cpu->as, page_pa);
    if (region && region->ram && !region->readonly) {
        host = region->ram + (page_pa - region->base);
        if (tb_page_has_code(page_pa)) {
            flags |= JIT_TLB_CODE;
        }
    } else if (region && region->ram) {
        /* ROM (flash): loads and fetches come from host memory; stores take
         * the device path, where as_write ignores them. */
        host = region->ram + (page_pa - region->base);
        flags |= JIT_TLB_MMIO;
    }
    jit_tlb_set_page(j, mmu_idx, va, page_pa, prot, res.attrs.type, host, flags);
}

static void arm_unaligned(JitCpu *j, uint64_t va, JitAccess access, int mmu_idx, uint64_t pc)
{
    raise_abort(arm_cpu(j), va, access, 0x21, pc);   /* alignment fault */
}

static bool arm_phys_read(JitCpu *j, uint64_t pa, unsigned size, uint64_t *val)
{
    return as_read(arm_cpu(j)->as, pa, size, val) == MEMTX_OK;
}

static bool arm_phys_write(JitCpu *j, uint64_t pa, unsigned size, uint64_t val)
{
    return as_write(arm_cpu(j)->as, pa, size, val) == MEMTX_OK;
}

static void arm_bus_error(JitCpu *j, uint64_t va, uint64_t pa, JitAccess access, uint64_t pc)
{
    raise_abort(arm_cpu(j), va, access, FSC_SYNC_EXT_ABORT, pc);
}

static void arm_invalidate_code(JitCpu *j, uint64_t pa, unsigned size)
{
    tb_invalidate_phys_range(pa, size);
}

const JitGuestOps arm_jit_ops = {
    .tlb_fill = arm_tlb_fill,
    .unaligned = arm_unaligned,
    .phys_read = arm_phys_read,
    .phys_write = arm_phys_write,
    .bus_error = arm_bus_error,
    .invalidate_code = arm_invalidate_code,
};
