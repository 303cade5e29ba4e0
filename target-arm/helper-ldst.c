/* Run-time helpers of the exclusives (Arm ARM B2.9 "Synchronization and
 * semaphores"): the local monitor of each vCPU, the compare-and-swap check
 * of a store-exclusive, and the cross-vCPU clear. Design: helper-ldst.h. */
#include "target-arm/helper-ldst.h"

#include "target-arm/cpu.h"

/* Successful store-exclusives, for the other vCPUs' monitors (the "global
 * monitor" role of B2.9.2): a clock counts successful store-exclusives and
 * a small table, indexed by a hash of the reservation granule, holds the
 * clock of the latest one per slot. A load-exclusive notes the clock; a
 * store-exclusive fails if its slot is newer than that. A store to another
 * granule of the same slot makes it fail too: spurious failures are
 * allowed (B2.9.5 lets IMPLEMENTATION DEFINED events clear the local
 * monitor), missed clears are not. Only other vCPUs can move the clock
 * between one vCPU's LDXR and STXR, so a lone vCPU never fails spuriously.
 * No vCPU pointers are kept, so vCPUs can come and go. */
#define EXCL_SLOTS 256u

static uint64_t excl_recent[EXCL_SLOTS];
static uint64_t excl_clock;

static unsigned excl_slot(uint64_t addr)
{
    return (unsigned)((addr / ARM_EXCL_GRANULE) % EXCL_SLOTS);
}

void arm_excl_note_store(uint64_t addr)
{
    excl_recent[excl_slot(addr)] = ++excl_clock;
}

/* Has another vCPU's store-exclusive hit the granule since cpu's load? */
static bool excl_cleared_remotely(const ArmCpu *cpu, uint64_t addr)
{
    return excl_recent[excl_slot(addr)] > cpu->excl_gen;
}

/* The alignment every exclusive needs (B2.5.2: exclusives are always
 * checked for alignment, whatever SCTLR.A says): the whole access, so
 * 16 bytes for a pair of X registers. The memop carries it so the TLB's
 * slow path raises the alignment fault with the right WnR and FAR. */
static JitMemOp excl_first_memop(unsigned size)
{
    return size == ARM_EXCL_SIZE_PAIR64 ? (JIT_MO_64 | JIT_MO_ALIGN_BYTES(4))
                                        : (size | JIT_MO_ALIGN);
}

static uint64_t do_load_exclusive(JitCpu *env, uint64_t addr, uint64_t desc)
{
    ArmCpu *cpu = arm_cpu(env);
    unsigned size = desc & 0xff;
    int mmu_idx = (int)(desc >> 8);
    uint64_t pc = env->restore_pc;
    uint64_t lo = jit_ld(env, addr, excl_first_memop(size), mmu_idx, pc);
    uint64_t hi = 0;

    if (size == ARM_EXCL_SIZE_PAIR64) {
        hi = jit_ld(env, addr + 8, JIT_MO_64, mmu_idx, pc);
    }
    /* both loads done: only now mark the address (a fault above leaves
     * the monitor as it was) */
    cpu->excl_addr = addr;
    cpu->excl_size = size;
    cpu->excl_val = lo;
    cpu->excl_val2 = hi;
    cpu->excl_gen = excl_clock;
    return lo;
}

const IrHelper helper_load_exclusive = {
    .name = "load_exclusive",
    .fn.f2 = do_load_exclusive,
    .nargs = 2,
    .ret = IR_I64,
    .args = { IR_I64, IR_I64 },
    /* reads the translation regime, writes the monitor, may fault */
    .flags = IR_HF_READS | IR_HF_WRITES | IR_HF_RAISES,
};

/* AArch64.ExclusiveMonitorsPass(): the alignment check comes first and
 * always faults; a monitor that does not hold this address and size fails
 * without any access (whether a failing store-exclusive reports the abort
 * its access would have taken is IMPLEMENTATION DEFINED); otherwise the
 * data comparison stands in for "no other observer wrote the granule".
 * The comparison reads memory with a load, so a translation fault found
 * there reports WnR = 0; the preceding load-exclusive translated the same
 * address, so that only happens if the mapping changed in between. */
static uint64_t do_store_exclusive(JitCpu *env, uint64_t addr, uint64_t lo, uint64_t hi,
                                   uint64_t desc)
{
    ArmCpu *cpu = arm_cpu(env);
    unsigned size = desc & 0xff;
    int mmu_idx = (int)(desc >> 8);
    uint64_t pc = env->restore_pc;
    unsigned bytes = 1u << size;
    bool pass;

    if (addr & (bytes - 1)) {
        env->ops->unaligned(env, addr, JIT_ACCESS_WRITE, mmu_idx, pc);
    }
    pass = cpu->excl_addr == addr && cpu->excl_size == size && !excl_cleared_remotely(cpu, addr);
    /* B2.9.3: a store-exclusive leaves the local monitor in Open Access
     * state whether or not it succeeds */
    cpu->excl_addr = UINT64_MAX;
    if (!pass) {
        return 1;
    }
    if (size == ARM_EXCL_SIZE_PAIR64) {
        if (jit_ld(env, addr, JIT_MO_64, mmu_idx, pc) != cpu->excl_val ||
            jit_ld(env, addr + 8, JIT_MO_64, mmu_idx, pc) != cpu->excl_val2) {
            return 1;
        }
        jit_st(env, addr, lo, JIT_MO_64, mmu_idx, pc);
        jit_st(env, addr + 8, hi, JIT_MO_64, mmu_idx, pc);
    } else {
        if (jit_ld(env, addr, size, mmu_idx, pc) != cpu->excl_val) {
            return 1;
        }
        jit_st(env, addr, lo, size, mmu_idx, pc);
    }
    arm_excl_note_store(addr);
    return 0;
}

const IrHelper helper_store_exclusive = {
    .name = "store_exclusive",
    .fn.f4 = do_store_exclusive,
    .nargs = 4,
    .ret = IR_I64,
    .args = { IR_I64, IR_I64, IR_I64, IR_I64 },
    .flags = IR_HF_READS | IR_HF_WRITES | IR_HF_RAISES,
};
