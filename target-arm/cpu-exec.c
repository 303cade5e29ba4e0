/* The run loop for one vCPU: check interrupts, find the block for the
 * current state (jump cache, then the hash, then translate), execute it,
 * and act on how it exited. Guest exceptions raised anywhere below come
 * back here through sigsetjmp with the exception already taken. */
#include "target-arm/arm-jit.h"

#include <inttypes.h>
#include <stdio.h>

#include "emu/error.h"
#include "emu/log.h"
#include "jit/backend.h"
#include "jit/opt.h"
#include "jit/tb.h"
#include "jit/watch.h"
#include "emu/memory.h"
#include "target-arm/disas.h"
#include "target-arm/exception.h"
#include "target-arm/translate.h"

#define ARM_MAX_BLOCK_INSNS 512

static JitMode jit_mode;
static JitBackend *backend;
static CodeBuf *codebuf;
static ArmCpu **all_cpus;
static int all_ncpus;

/* A page got its first translated block: stores to it must now take the
 * slow path in every vCPU's TLB, so that they invalidate the code. */
static void code_page_added(void *opaque, uint64_t page)
{
    for (int i = 0; i < all_ncpus; i++) {
        jit_tlb_update_phys_flags(&all_cpus[i]->jit, page, JIT_TLB_CODE, 0);
    }
}

static void code_page_removed(void *opaque, uint64_t page)
{
    for (int i = 0; i < all_ncpus; i++) {
        jit_tlb_update_phys_flags(&all_cpus[i]->jit, page, 0, JIT_TLB_CODE);
    }
}

/* RAM written behind the TLB's back (DMA, debugger, loaders): drop the
 * translations of the range (emu/memory.h). */
static void ram_written(void *opaque, uint64_t pa, uint64_t len)
{
    (void)opaque;
    tb_invalidate_phys_range(pa, len);
}

/* -d cpu: the registers before a block runs (blocks entered through a
 * chain are not shown, as with QEMU without -d nochain). */
static void log_cpu_state(const ArmCpu *cpu)
{
    GString *s = g_string_new(NULL);

    g_string_append_printf(s, "PC=%016" PRIx64 " SP=%016" PRIx64 " EL%d%s NZCV=%x DAIF=%x\n",
                           cpu->pc, cpu->sp, cpu->el, cpu->spsel ? "h" : "t",
                           arm_get_nzcv(cpu) >> 28, (unsigned)cpu->daif >> 6);
    for (int i = 0; i < 31; i++) {
        g_string_append_printf(s, "X%02d=%016" PRIx64 "%s", i, cpu->x[i], i % 4 == 3 || i == 30 ? "\n" : " ");
    }
    log_printf("%s", s->str);
    g_string_free(s, TRUE);
}

void arm_jit_init(JitMode mode, ArmCpu **cpus, int ncpus)
{
    static const TbHooks hooks = {
        .code_page_added = code_page_added,
        .code_page_removed = code_page_removed,
        .ir_free = jit_backend_free_ir,
    };
    JitBackend *old_be = backend;
    CodeBuf *old_cb = codebuf;

    jit_mode = mode;
    all_cpus = cpus;
    all_ncpus = ncpus;
    {
        /* watched pages are flagged in every vCPU's TLB (jit/watch.h) */
        JitCpu **jcpus = g_new0(JitCpu *, ncpus > 0 ? ncpus : 1);

        for (int i = 0; i < ncpus; i++) {
            jcpus[i] = &cpus[i]->jit;
        }
        jit_watch_set_cpus(jcpus, ncpus);
        g_free(jcpus);
    }
    if (ncpus > 0) {
        as_remove_write_observer(cpus[0]->as, ram_written, NULL);
        as_add_write_observer(cpus[0]->as, ram_written, NULL);
    }
    arm_translate_init();
    if (mode == JIT_NATIVE) {
        codebuf = codebuf_new(CODEBUF_DEFAULT_SIZE, 0);
        tb_init(codebuf, 0);
        /* 4 KiB: the TLB page size arm_cpu_jit_attach gives every vCPU */
        backend = jit_backend_native_new(codebuf, 12);
        tb_set_patch_fn(tb_patch_native);
    } else {
        codebuf = NULL;
        tb_init(NULL, 0);
        backend = jit_backend_interp_new();
        tb_set_patch_fn(NULL);
    }
    tb_set_hooks(&hooks);
    /* a second init (tests) replaces the first: tb_init shut the old cache
     * down, so the old code buffer is unused now */
    if (old_be) {
        jit_backend_free(old_be);
    }
    codebuf_free(old_cb);
}

void arm_cpu_jit_attach(ArmCpu *cpu)
{
    /* arm_cpu_init zeroed the state; the JIT header needs its callbacks,
     * index and TLB geometry (4 KiB: the smallest granule). */
    jit_cpu_init(&cpu->jit, &arm_jit_ops, (unsigned)cpu->index, 12);
    cpu->jit.jmp_cache = tb_jmp_cache_new();
}

int arm_jit_cpu_count(void)
{
    return all_ncpus;
}

ArmCpu *arm_jit_cpu(int index)
{
    return index >= 0 && index < all_ncpus ? all_cpus[index] : NULL;
}

void arm_cpu_flush_tlb(ArmCpu *cpu)
{
    jit_tlb_flush_all(&cpu->jit);
    tb_jmp_cache_clear(cpu->jit.jmp_cache);
}

static void log_block(const IrBlock *b, const char *what)
{
    log_printf("%s for 0x%" PRIx64 ":\n", what, b->guest_pc);
    ir_dump(b, log_file ? log_file : stderr);
}

static TB *translate(ArmCpu *cpu, uint64_t pc, uint64_t phys, uint64_t flags)
{
    uint64_t t0 = jit_stats_now_ns();
    unsigned ninsns;
    IrBlock *b = arm_translate_block(cpu, pc, flags, ARM_MAX_BLOCK_INSNS, &ninsns);
    TB *tb;

    if (log_enabled(LOG_MASK(in_asm)) && log_in_filter(pc)) {
        /* blocks never cross a page, so the guest code is contiguous */
        const uint8_t *code = as_ram_ptr(cpu->as, phys, ninsns * 4ull);
        if (code) {
            arm_log_in_asm(log_file ? log_file : stderr, pc, code, ninsns * 4ull);
        }
    }
    if (log_enabled(LOG_MASK(op)) && log_in_filter(pc)) {
        log_block(b, "IR");
    }
    ir_optimize(b, ~0u, false);
    if (log_enabled(LOG_MASK(op_opt)) && log_in_filter(pc)) {
        log_block(b, "optimised IR");
    }
    jit_backend_set_out_asm(backend, log_enabled(LOG_MASK(out_asm)) && log_in_filter(pc)
                                         ? (log_file ? log_file : stderr) : NULL);
    /* may flush the TB cache and code buffer when either is full */
    tb = jit_backend_translate(backend, b, pc, phys, flags, ninsns, ninsns * 4);
    ir_block_free(b);
    tb_insert(tb);   /* counts the block and its guest instructions */
    JIT_COUNT_ADD(translate_ns, jit_stats_now_ns() - t0);
    return tb;
}

/* The physical address of the instruction at pc. May raise a prefetch
 * abort or PC alignment fault (longjmp back to the caller's sigsetjmp). */
static uint64_t code_phys(ArmCpu *cpu, uint64_t pc)
{
    uint64_t phys;
    void *host;

    if (pc & 3) {
        /* D1.10.5 PC alignment fault: EC 0x22, FAR = the misaligned PC */
        arm_raise(cpu, ESR(EC_PC_ALIGN, 0), pc, true, pc);
    }
    phys = jit_tlb_translate_code(&cpu->jit, pc, arm_mmu_idx(cpu->el), &host);
    if (!host) {
        /* executing from device memory or nothing: an instruction abort
         * (synchronous external abort, IFSC 0x10) */
        arm_raise(cpu, ESR(cpu->el ? EC_IABT_SAME : EC_IABT_LOWER, 0x10), pc, true, pc);
    }
    return phys;
}

/* The block for the current PC and state. May raise a prefetch abort or
 * PC alignment fault (longjmp back to arm_cpu_exec). */
static TB *find_tb(ArmCpu *cpu)
{
    uint64_t pc = cpu->pc, flags = arm_tb_flags(cpu), phys;
    TB *tb = tb_jmp_cache_get(cpu->jit.jmp_cache, pc, flags);

    if (tb) {
        return tb;
    }
    phys = code_phys(cpu, pc);
    tb = tb_lookup(pc, phys, flags, NULL, NULL);
    if (!tb) {
        tb = translate(cpu, pc, phys, flags);
    }
    tb_jmp_cache_set(cpu->jit.jmp_cache, tb);
    return tb;
}

/* Take a pending, unmasked IRQ or FIQ (D1.10: PSTATE.I/F mask them at
 * EL1 and EL0 when the exception targets EL1). Returns true if taken. */
static bool check_interrupts(ArmCpu *cpu)
{
    if (!cpu->mops || !cpu->mops->irq_pending) {
        return false;
    }
    if (!(cpu->daif & PSTATE_F) && cpu->mops->irq_pending(cpu, true)) {
        arm_take_exception(cpu, ARM_EXC_FIQ, 0, 0, false, cpu->pc);
        return true;
    }
    if (!(cpu->daif & PSTATE_I) && cpu->mops->irq_pending(cpu, false)) {
        arm_take_exception(cpu, ARM_EXC_IRQ, 0, 0, false, cpu->pc);
        return true;
    }
    return false;
}

static bool wakeup_pending(ArmCpu *cpu)
{
    /* WFI wakes on a pending interrupt even if PSTATE masks it (D1.16.2) */
    return cpu->mops && cpu->mops->irq_pending &&
           (cpu->mops->irq_pending(cpu, false) || cpu->mops->irq_pending(cpu, true));
}

/* Whether cpu can execute now: OFF and still-halted vCPUs cannot; a halt
 * whose wake-up is pending ends; a CPU_ON target starts (ON_PENDING ->
 * ON). ARM_RUN_BUDGET means "run". */
static ArmRunResult enter_cpu(ArmCpu *cpu)
{
    if (cpu->power == ARM_POWER_OFF) {
        return ARM_RUN_OFF;
    }
    cpu->power = ARM_POWER_ON;
    /* A power-down CPU_SUSPEND (resume_pending) must restart at its entry
     * point when it wakes, however `halted` was cleared: the scheduler's
     * wake-up on an interrupt and SEV clear it directly, and the vCPU would
     * otherwise return from the call. Only an interrupt wakes it (DEN0022
     * 5.1.2 wake-up events); an event from SEV does not. */
    if (cpu->halted || cpu->resume_pending) {
        if (!wakeup_pending(cpu)) {
            cpu->halted = true;
            return ARM_RUN_HALTED;
        }
        arm_cpu_end_halt(cpu);
    }
    return ARM_RUN_BUDGET;
}

ArmRunResult arm_cpu_exec(ArmCpu *cpu, int64_t budget)
{
    volatile int64_t left = budget;
    TB *volatile tb = NULL;   /* reset after a longjmp */

    ArmRunResult st = enter_cpu(cpu);

    if (st != ARM_RUN_BUDGET) {
        return st;
    }
    /* Blocks subtract their icount from insn_budget on entry; native
     * chains keep running while it is positive. Outside execution it
     * equals `left`. */
    cpu->jit.insn_budget = left;
    /* resuming from a watchpoint stop is the step's business only
     * (arm_cpu_step); a run from here sees every watchpoint */
    cpu->debug_watch_skip = false;
    if (sigsetjmp(cpu->jit.jmpbuf, 0) != 0) {
        /* a guest exception was taken; continue at its vector. Blocks
         * entered before it are counted. */
        tb = NULL;
        cpu->insns_executed += (uint64_t)(left - cpu->jit.insn_budget);
        left = cpu->jit.insn_budget;
        cpu->budget_sync = left;
        if (cpu->debug_stop) {
            /* a gdb watchpoint: PC is back at the accessing instruction */
            cpu->debug_stop = false;
            return ARM_RUN_DEBUG;
        }
    }
    while (left > 0) {
        uint64_t w;
        TB *exited;

        if (cpu->jit.exit_request) {
            cpu->jit.exit_request = 0;
            return ARM_RUN_REQUEST;
        }
        if (check_interrupts(cpu)) {
            tb = NULL;
        }
        if (!tb) {
            tb = find_tb(cpu);
        }
        if (log_enabled(LOG_MASK(cpu)) && log_in_filter(tb->pc)) {
            log_cpu_state(cpu);
        }
        if (log_enabled(LOG_MASK(exec)) && log_in_filter(tb->pc)) {
            log_printf("exec block 0x%" PRIx64 " (%u insns)\n", tb->pc,
                       tb->icount);
        }
        w = jit_backend_exec(backend, tb, &cpu->jit, &exited);
        cpu->insns_executed += (uint64_t)(left - cpu->jit.insn_budget);
        left = cpu->jit.insn_budget;
        cpu->budget_sync = left;
        tb = exited;
        switch (JIT_EXIT_KIND(w)) {
        case JIT_EXIT_CHAIN: {
            /* Follow a recorded chain when it is still valid: the
             * interpreter's form of a patched jump (native blocks follow
             * theirs in host code, and exit here unchained or when the
             * budget is spent). */
            int slot = (int)JIT_EXIT_VALUE(w);
            TB *next = tb->jmp_dest[slot];
            if (!tb->code && next && !next->invalid && next->flags == arm_tb_flags(cpu) &&
                next->pc == cpu->pc) {
                JIT_COUNT(chain_follows);
                tb = next;
            } else {
                /* find_tb may translate and flush the cache, freeing
                 * `from`: chain only if no flush happened in between */
                TB *from = tb;
                uint64_t epoch = tb_flush_epoch();
                tb = find_tb(cpu);
                if (tb_flush_epoch() == epoch) {
                    tb_add_jump(from, slot, tb);
                }
            }
            break;
        }
        case JIT_EXIT_LOOKUP:
            tb = NULL;
            break;
        case JIT_EXIT_REQUEST:
            cpu->jit.exit_request = 0;
            return ARM_RUN_REQUEST;
        case JIT_EXIT_CODE:
            tb = NULL;
            switch ((ArmExitCode)JIT_EXIT_VALUE(w)) {
            case ARM_EXIT_WFI:
            case ARM_EXIT_WFE:
                if (!wakeup_pending(cpu)) {
                    cpu->halted = true;
                    /* the timer event stream ends only a WFE halt */
                    cpu->halted_wfe = JIT_EXIT_VALUE(w) == ARM_EXIT_WFE;
                    return ARM_RUN_HALTED;
                }
                break;
            case ARM_EXIT_YIELD:
                return ARM_RUN_BUDGET;
            case ARM_EXIT_DEBUG:
                /* a gdb breakpoint; the scheduler tells the gdbstub */
                return ARM_RUN_DEBUG;
            case ARM_EXIT_NORMAL:
                break;
            }
            break;
        }
    }
    return ARM_RUN_BUDGET;
}

/* The single-step block: translated on its own and run by the IR
 * interpreter whatever the backend. A one-instruction block gains nothing
 * from host code; interpreted, it takes no code-buffer space, can be freed
 * as soon as it ran, and cannot follow a chain or the inline jump-cache
 * lookup into the next block (the budget of one would stop the native
 * code too). It runs under the caller's sigsetjmp; *ir records the
 * interpreter program so that it is freed even after an exception. */
static void step_block(ArmCpu *cpu, void *volatile *ir)
{
    static const ArmTranslateOpts one = { .max_insns = 1, .skip_breakpoint_at_start = true };
    static JitBackend *interp;
    uint64_t pc = cpu->pc, flags = arm_tb_flags(cpu), w;
    TB tb = { .pc = pc, .flags = flags, .phys_page2 = TB_NO_PAGE };
    unsigned ninsns;
    IrBlock *b;

    if (!interp) {
        interp = jit_backend_interp_new();
    }
    tb.phys_pc = code_phys(cpu, pc);
    b = arm_translate_block_opts(cpu, pc, flags, &one, &ninsns);
    ir_optimize(b, ~0u, false);
    tb.icount = ninsns;
    tb.size = ninsns * 4;
    jit_backend_compile(interp, b, &tb);
    *ir = tb.ir;
    ir_block_free(b);
    w = jit_backend_exec(interp, &tb, &cpu->jit, NULL);
    if (JIT_EXIT_KIND(w) == JIT_EXIT_CODE &&
        (JIT_EXIT_VALUE(w) == ARM_EXIT_WFI || JIT_EXIT_VALUE(w) == ARM_EXIT_WFE) &&
        !wakeup_pending(cpu)) {
        cpu->halted = true;
        cpu->halted_wfe = JIT_EXIT_VALUE(w) == ARM_EXIT_WFE;
    }
    /* every other exit has stored the next PC: the step is done */
}

/* QEMU's gdbstub default (SSTEP_NOIRQ): a step does not enter a handler. */
static bool step_irqs;

void arm_cpu_set_step_irqs(bool on)
{
    step_irqs = on;
}

bool arm_cpu_step_irqs(void)
{
    return step_irqs;
}

ArmRunResult arm_cpu_step(ArmCpu *cpu)
{
    void *volatile ir = NULL;
    volatile ArmRunResult r = ARM_RUN_BUDGET;   /* set after the sigsetjmp */

    ArmRunResult st = enter_cpu(cpu);

    if (st != ARM_RUN_BUDGET) {
        return st;
    }
    /* A kick left from the stop before this step (stop_all) must not
     * swallow it: the block would leave at its entry check. */
    cpu->jit.exit_request = 0;
    cpu->jit.insn_budget = 1;
    cpu->budget_sync = 1;
    if (sigsetjmp(cpu->jit.jmpbuf, 0) == 0) {
        if (!(step_irqs && check_interrupts(cpu))) {
            step_block(cpu, &ir);
        }
    }
    if (cpu->debug_stop) {
        /* a gdb watchpoint stopped the instruction before its access: it
         * did not execute (PC is back at it) */
        cpu->debug_stop = false;
        cpu->jit.insn_budget = 1;
        r = ARM_RUN_DEBUG;
    } else {
        /* one instruction has run: a watchpoint skip is used up */
        cpu->debug_watch_skip = false;
    }
    /* after an exception (longjmp) too: the instruction counts as executed
     * when its block was entered, as in arm_cpu_exec */
    cpu->insns_executed += (uint64_t)(1 - cpu->jit.insn_budget);
    cpu->budget_sync = cpu->jit.insn_budget;
    if (ir) {
        jit_backend_free_ir(NULL, ir);
    }
    return r;
}

void arm_jit_print_stats(FILE *f)
{
    for (int i = 0; i < all_ncpus; i++) {
        jit_stats_add_tlb(&all_cpus[i]->jit.stats);
    }
    jit_stats_print(f);
    /* per vCPU, for comparing runs (deterministic mode: identical) */
    for (int i = 0; i < all_ncpus; i++) {
        fprintf(f, "vcpu%d instructions: %" PRIu64 "\n", i, all_cpus[i]->insns_executed);
    }
}
