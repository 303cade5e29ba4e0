/* The A64 side of the gdbstub (see gdb-target.h).
 *
 * Register layouts are gdb's: the org.gnu.gdb.aarch64.core feature has
 * x0-x30, sp, pc (64 bits) and cpsr (32 bits, PSTATE in the SPSR_EL1
 * format of Arm ARM C5.2.19); org.gnu.gdb.aarch64.fpu has v0-v31 (128
 * bits, element 0 in the low bytes), fpsr and fpcr (32 bits). All values
 * travel little-endian, the target's byte order. The system registers gdb
 * has no feature for are armlet's own feature, read and written through
 * the system-register table so that writes have the same side effects as
 * MSR (a translation-regime register flushes the TLB). */
#include "target-arm/gdb-target.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "jit/tb.h"
#include "jit/watch.h"
#include "target-arm/arm-jit.h"
#include "target-arm/mmu.h"
#include "target-arm/sysregs.h"

/* ---- system registers -------------------------------------------------------- */

/* X(name, op0, op1, CRn, CRm, op2, writable): encodings from Arm ARM D13
 * ("Accessing" of each register). CurrentEL and MPIDR_EL1 are read-only
 * architecturally, so gdb may not write them either (cpsr changes the EL). */
#define ARM_GDB_SYSREGS(X)                                   \
    X(SCTLR_EL1, 3, 0, 1, 0, 0, true)                        \
    X(TCR_EL1, 3, 0, 2, 0, 2, true)                          \
    X(TTBR0_EL1, 3, 0, 2, 0, 0, true)                        \
    X(TTBR1_EL1, 3, 0, 2, 0, 1, true)                        \
    X(MAIR_EL1, 3, 0, 10, 2, 0, true)                        \
    X(VBAR_EL1, 3, 0, 12, 0, 0, true)                        \
    X(ESR_EL1, 3, 0, 5, 2, 0, true)                          \
    X(FAR_EL1, 3, 0, 6, 0, 0, true)                          \
    X(ELR_EL1, 3, 0, 4, 0, 1, true)                          \
    X(SPSR_EL1, 3, 0, 4, 0, 0, true)                         \
    X(CurrentEL, 3, 0, 4, 2, 2, false)                       \
    X(MPIDR_EL1, 3, 0, 0, 0, 5, false)

typedef struct ArmGdbSysreg {
    const char *name;
    uint32_t key;
    bool writable;
} ArmGdbSysreg;

static const ArmGdbSysreg gdb_sysregs[] = {
#define SYSREG_ROW(n, o0, o1, crn, crm, o2, w) { #n, ARM_SYSREG(o0, o1, crn, crm, o2), w },
    ARM_GDB_SYSREGS(SYSREG_ROW)
#undef SYSREG_ROW
};

#define NUM_SYSREGS ((int)G_N_ELEMENTS(gdb_sysregs))
const int arm_gdb_num_regs = ARM_GDB_SYSREG0 + NUM_SYSREGS;

/* ---- target description ------------------------------------------------------- */

/* gdb matches the features by name and the registers in them by name; the
 * regnum attributes pin the numbers this file implements. */
static const char target_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target>\n"
    "  <architecture>aarch64</architecture>\n"
    "  <xi:include href=\"aarch64-core.xml\"/>\n"
    "  <xi:include href=\"aarch64-fpu.xml\"/>\n"
    "  <xi:include href=\"armlet-sysregs.xml\"/>\n"
    "</target>\n";

static const char core_xml_head[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
    "<feature name=\"org.gnu.gdb.aarch64.core\">\n"
    /* PSTATE fields at their SPSR positions (C5.2.19). */
    "  <flags id=\"cpsr_flags\" size=\"4\">\n"
    "    <field name=\"SP\" start=\"0\" end=\"0\"/>\n"
    "    <field name=\"EL\" start=\"2\" end=\"3\"/>\n"
    "    <field name=\"nRW\" start=\"4\" end=\"4\"/>\n"
    "    <field name=\"F\" start=\"6\" end=\"6\"/>\n"
    "    <field name=\"I\" start=\"7\" end=\"7\"/>\n"
    "    <field name=\"A\" start=\"8\" end=\"8\"/>\n"
    "    <field name=\"D\" start=\"9\" end=\"9\"/>\n"
    "    <field name=\"IL\" start=\"20\" end=\"20\"/>\n"
    "    <field name=\"SS\" start=\"21\" end=\"21\"/>\n"
    "    <field name=\"V\" start=\"28\" end=\"28\"/>\n"
    "    <field name=\"C\" start=\"29\" end=\"29\"/>\n"
    "    <field name=\"Z\" start=\"30\" end=\"30\"/>\n"
    "    <field name=\"N\" start=\"31\" end=\"31\"/>\n"
    "  </flags>\n";

static const char fpu_xml_head[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
    "<feature name=\"org.gnu.gdb.aarch64.fpu\">\n"
    "  <vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
    "  <vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n"
    "  <vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
    "  <vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n"
    "  <vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n"
    "  <vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n"
    "  <vector id=\"v1u\" type=\"uint128\" count=\"1\"/>\n"
    "  <union id=\"aarch64v\">\n"
    "    <field name=\"d\" type=\"v2d\"/>\n"
    "    <field name=\"s\" type=\"v4f\"/>\n"
    "    <field name=\"ud\" type=\"v2u\"/>\n"
    "    <field name=\"us\" type=\"v4u\"/>\n"
    "    <field name=\"h\" type=\"v8u\"/>\n"
    "    <field name=\"b\" type=\"v16u\"/>\n"
    "    <field name=\"q\" type=\"v1u\"/>\n"
    "  </union>\n";

typedef struct XmlDoc {
    const char *annex;
    char *text;
    size_t len;
} XmlDoc;

static XmlDoc xml_docs[4];

static void xml_build(void)
{
    GString *core = g_string_new(core_xml_head);
    GString *fpu = g_string_new(fpu_xml_head);
    GString *sys = g_string_new(NULL);

    for (int i = 0; i <= 30; i++) {
        g_string_append_printf(core, "  <reg name=\"x%d\" bitsize=\"64\" regnum=\"%d\"/>\n",
                               i, ARM_GDB_X0 + i);
    }
    g_string_append_printf(core,
        "  <reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\" regnum=\"%d\"/>\n"
        "  <reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"%d\"/>\n"
        "  <reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\" regnum=\"%d\"/>\n"
        "</feature>\n", ARM_GDB_SP, ARM_GDB_PC, ARM_GDB_CPSR);

    for (int i = 0; i < 32; i++) {
        g_string_append_printf(fpu, "  <reg name=\"v%d\" bitsize=\"128\" type=\"aarch64v\" "
                               "regnum=\"%d\"/>\n", i, ARM_GDB_V0 + i);
    }
    g_string_append_printf(fpu,
        "  <reg name=\"fpsr\" bitsize=\"32\" regnum=\"%d\"/>\n"
        "  <reg name=\"fpcr\" bitsize=\"32\" regnum=\"%d\"/>\n"
        "</feature>\n", ARM_GDB_FPSR, ARM_GDB_FPCR);

    g_string_append(sys, "<?xml version=\"1.0\"?>\n"
                    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
                    "<feature name=\"org.armlet.aarch64.sysregs\">\n");
    for (int i = 0; i < NUM_SYSREGS; i++) {
        /* Read-only ones are not saved and restored around inferior calls. */
        g_string_append_printf(sys, "  <reg name=\"%s\" bitsize=\"64\" type=\"uint64\" "
                               "group=\"system\" regnum=\"%d\"%s/>\n", gdb_sysregs[i].name,
                               ARM_GDB_SYSREG0 + i,
                               gdb_sysregs[i].writable ? "" : " save-restore=\"no\"");
    }
    g_string_append(sys, "</feature>\n");

    xml_docs[0] = (XmlDoc){ "target.xml", g_strdup(target_xml), sizeof target_xml - 1 };
    xml_docs[1] = (XmlDoc){ "aarch64-core.xml", NULL, core->len };
    xml_docs[1].text = g_string_free(core, FALSE);
    xml_docs[2] = (XmlDoc){ "aarch64-fpu.xml", NULL, fpu->len };
    xml_docs[2].text = g_string_free(fpu, FALSE);
    xml_docs[3] = (XmlDoc){ "armlet-sysregs.xml", NULL, sys->len };
    xml_docs[3].text = g_string_free(sys, FALSE);
}

const char *arm_gdb_xml(const char *annex, size_t *len)
{
    if (!xml_docs[0].text) {
        xml_build();        /* once; kept for the life of the process */
    }
    for (size_t i = 0; i < G_N_ELEMENTS(xml_docs); i++) {
        if (strcmp(annex, xml_docs[i].annex) == 0) {
            *len = xml_docs[i].len;
            return xml_docs[i].text;
        }
    }
    return NULL;
}

/* ---- registers ----------------------------------------------------------------- */

static void put_le(uint8_t *buf, uint64_t v, int size)
{
    for (int i = 0; i < size; i++) {
        buf[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint64_t get_le(const uint8_t *buf, int size)
{
    uint64_t v = 0;

    for (int i = size - 1; i >= 0; i--) {
        v = v << 8 | buf[i];
    }
    return v;
}

static const ArmSysregInfo *sysreg_row(int regno)
{
    int i = regno - ARM_GDB_SYSREG0;

    return i >= 0 && i < NUM_SYSREGS ? arm_sysreg_find(gdb_sysregs[i].key) : NULL;
}

int arm_gdb_read_reg(ArmCpu *cpu, int regno, uint8_t *buf)
{
    const ArmSysregInfo *ri;

    if (regno >= ARM_GDB_X0 && regno < ARM_GDB_SP) {
        put_le(buf, cpu->x[regno - ARM_GDB_X0], 8);
        return 8;
    }
    switch (regno) {
    case ARM_GDB_SP:
        put_le(buf, cpu->sp, 8);
        return 8;
    case ARM_GDB_PC:
        put_le(buf, cpu->pc, 8);
        return 8;
    case ARM_GDB_CPSR:
        put_le(buf, arm_get_pstate(cpu), 4);
        return 4;
    case ARM_GDB_FPSR:
        put_le(buf, cpu->fpsr, 4);
        return 4;
    case ARM_GDB_FPCR:
        put_le(buf, cpu->fpcr, 4);
        return 4;
    }
    if (regno >= ARM_GDB_V0 && regno < ARM_GDB_V0 + 32) {
        put_le(buf, cpu->vreg[regno - ARM_GDB_V0][0], 8);
        put_le(buf + 8, cpu->vreg[regno - ARM_GDB_V0][1], 8);
        return 16;
    }
    ri = sysreg_row(regno);
    if (!ri) {
        return 0;
    }
    put_le(buf, arm_sysreg_read(cpu, ri), 8);
    return 8;
}

/* A PSTATE armlet's CPU can be in: AArch64 (nRW = 0), EL0t, EL1t or EL1h
 * (M[3:0] = 0, 4, 5; C5.2.19). */
static bool pstate_ok(uint32_t v)
{
    uint32_t m = v & PSTATE_M;

    return !(v & PSTATE_nRW) && (m == 0 || m == 4 || m == 5);
}

bool arm_gdb_write_reg(ArmCpu *cpu, int regno, const uint8_t *buf, size_t len)
{
    uint8_t probe[GDB_MAX_REG_BYTES];
    int size = arm_gdb_read_reg(cpu, regno, probe);
    uint64_t v;
    int i = regno - ARM_GDB_SYSREG0;

    if (size == 0 || len != (size_t)size) {
        return false;
    }
    v = get_le(buf, size > 8 ? 8 : size);
    if (regno >= ARM_GDB_X0 && regno < ARM_GDB_SP) {
        cpu->x[regno - ARM_GDB_X0] = v;
        return true;
    }
    if (regno >= ARM_GDB_V0 && regno < ARM_GDB_V0 + 32) {
        cpu->vreg[regno - ARM_GDB_V0][0] = v;
        cpu->vreg[regno - ARM_GDB_V0][1] = get_le(buf + 8, 8);
        return true;
    }
    switch (regno) {
    case ARM_GDB_SP:
        cpu->sp = v;
        return true;
    case ARM_GDB_PC:
        cpu->pc = v;
        return true;
    case ARM_GDB_CPSR:
        if (!pstate_ok((uint32_t)v)) {
            return false;
        }
        /* Only the fields armlet keeps (NZCV, SS, IL, DAIF, M) survive,
         * as with an exception return. */
        arm_set_pstate(cpu, (uint32_t)v);
        return true;
    case ARM_GDB_FPSR:
        cpu->fpsr = (uint32_t)v;
        return true;
    case ARM_GDB_FPCR:
        cpu->fpcr = (uint32_t)v;
        return true;
    }
    if (i < 0 || i >= NUM_SYSREGS || !gdb_sysregs[i].writable) {
        return false;
    }
    arm_sysreg_write(cpu, sysreg_row(regno), v);
    return true;
}

/* ---- memory -------------------------------------------------------------------- */

/* Physical address of va for a debug access, and how many bytes from va
 * stay on the same page (never past a 4 KiB boundary, so a chunk never
 * spans two translations whatever the mapping size). */
static bool debug_translate(ArmCpu *cpu, uint64_t va, bool write, uint64_t *pa, size_t *room)
{
    MmuRegime r = {
        .sctlr = cpu->sr.sctlr_el1, .tcr = cpu->sr.tcr_el1, .ttbr0 = cpu->sr.ttbr0_el1,
        .ttbr1 = cpu->sr.ttbr1_el1, .mair = cpu->sr.mair_el1,
    };
    MmuRequest req = {
        .va = va, .access = write ? MMU_ACCESS_WRITE : MMU_ACCESS_READ,
        .el = (uint8_t)cpu->el, .debug = true,
    };
    MmuResult res;
    MmuFault fault;

    if (!mmu_translate(cpu->as, &r, &req, &res, &fault)) {
        return false;
    }
    *pa = res.pa;
    *room = (size_t)(0x1000 - (va & 0xfff));
    return true;
}

/* Device registers: naturally aligned accesses of up to 4 bytes (the width
 * every armlet device takes), as a guest load or store would make them. */
static bool mmio_copy(AddressSpace *as, uint64_t pa, uint8_t *buf, size_t n, bool write)
{
    while (n > 0) {
        unsigned size = 4;
        uint64_t v = 0;

        while (size > 1 && ((pa & (size - 1)) || size > n)) {
            size >>= 1;
        }
        if (write) {
            memcpy(&v, buf, size);
            if (as_write(as, pa, size, v) != MEMTX_OK) {
                return false;
            }
        } else {
            if (as_read(as, pa, size, &v) != MEMTX_OK) {
                return false;
            }
            memcpy(buf, &v, size);
        }
        pa += size;
        buf += size;
        n -= size;
    }
    return true;
}

/* monitor phys on|off, Qqemu.PhyMemMode: m/M/X take physical addresses. */
static bool phys_mode;

void arm_gdb_set_phys_mode(bool on)
{
    phys_mode = on;
}

bool arm_gdb_phys_mode(void)
{
    return phys_mode;
}

static size_t debug_access(ArmCpu *cpu, uint64_t va, uint8_t *buf, size_t len, bool write,
                           bool phys)
{
    size_t done = 0;

    while (done < len) {
        uint64_t pa;
        size_t room, n;
        uint8_t *host;

        if (phys) {
            pa = va + done;
            room = (size_t)(0x1000 - (pa & 0xfff));
        } else if (!debug_translate(cpu, va + done, write, &pa, &room)) {
            break;
        }
        n = MIN(room, len - done);
        host = as_ram_ptr(cpu->as, pa, n);
        if (host) {
            if (write) {
                memcpy(host, buf + done, n);
            } else {
                memcpy(buf + done, host, n);
            }
        } else if (!mmio_copy(cpu->as, pa, buf + done, n, write)) {
            break;
        }
        if (write) {
            /* The store bypassed the TLB: translations of the range and
             * anyone waiting on it must hear of it (emu/memory.h). */
            as_notify_written(cpu->as, pa, n);
        }
        done += n;
    }
    return done;
}

size_t arm_gdb_read_mem(ArmCpu *cpu, uint64_t va, uint8_t *buf, size_t len)
{
    return debug_access(cpu, va, buf, len, false, phys_mode);
}

size_t arm_gdb_write_mem(ArmCpu *cpu, uint64_t va, const uint8_t *buf, size_t len)
{
    /* debug_access only reads from buf when writing. */
    return debug_access(cpu, va, (uint8_t *)buf, len, true, phys_mode);
}

size_t arm_gdb_read_phys(ArmCpu *cpu, uint64_t pa, uint8_t *buf, size_t len)
{
    return debug_access(cpu, pa, buf, len, false, true);
}

/* ---- threads -------------------------------------------------------------------- */

void arm_gdb_thread_info(const ArmCpu *cpu, char *buf, size_t size)
{
    const char *state = cpu->power == ARM_POWER_OFF ? "off" : cpu->halted ? "halted" : "on";

    snprintf(buf, size, "CPU#%d mpidr=0x%" PRIx64 " [%s]", cpu->index, cpu->mpidr, state);
}

/* ---- breakpoints ---------------------------------------------------------------- */

/* A sorted array searched by bisection: a debugging session has a handful
 * of breakpoints, and the translator's question must be cheap. */
typedef struct ArmBreakpoint {
    uint64_t addr;
    uint32_t count[2];       /* references by type: [GDB_BP_SW], [GDB_BP_HW] */
} ArmBreakpoint;

static GArray *bps;          /* of ArmBreakpoint, by addr */

static bool bp_find(uint64_t addr, guint *at)
{
    guint lo = 0, hi = bps ? bps->len : 0;

    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        uint64_t a = g_array_index(bps, ArmBreakpoint, mid).addr;

        if (a == addr) {
            *at = mid;
            return true;
        }
        if (a < addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    *at = lo;
    return false;
}

bool arm_gdb_breakpoint_at(uint64_t pc)
{
    guint at;

    return bps && bps->len && bp_find(pc, &at);
}

int arm_gdb_breakpoint_type(uint64_t pc)
{
    guint at;
    const ArmBreakpoint *b;

    if (!bps || !bp_find(pc, &at)) {
        return -1;
    }
    b = &g_array_index(bps, ArmBreakpoint, at);
    return b->count[GDB_BP_SW] ? GDB_BP_SW : GDB_BP_HW;
}

GdbBpResult arm_gdb_breakpoint_insert(int type, uint64_t addr)
{
    guint at;

    if (type != GDB_BP_SW && type != GDB_BP_HW) {
        return GDB_BP_UNSUPPORTED;      /* watchpoints: arm_gdb_watchpoint_insert */
    }
    if (!bps) {
        bps = g_array_new(FALSE, TRUE, sizeof(ArmBreakpoint));
    }
    if (!bp_find(addr, &at)) {
        ArmBreakpoint b = { .addr = addr };

        g_array_insert_val(bps, at, b);
        tb_invalidate_all();    /* blocks made before it would run through it */
    }
    g_array_index(bps, ArmBreakpoint, at).count[type]++;
    return GDB_BP_OK;
}

GdbBpResult arm_gdb_breakpoint_remove(int type, uint64_t addr)
{
    guint at;
    ArmBreakpoint *b;

    if (type != GDB_BP_SW && type != GDB_BP_HW) {
        return GDB_BP_UNSUPPORTED;
    }
    if (!bps || !bp_find(addr, &at) || !g_array_index(bps, ArmBreakpoint, at).count[type]) {
        return GDB_BP_FAILED;
    }
    b = &g_array_index(bps, ArmBreakpoint, at);
    b->count[type]--;
    if (!b->count[GDB_BP_SW] && !b->count[GDB_BP_HW]) {
        g_array_remove_index(bps, at);
        tb_invalidate_all();    /* blocks ending before it can now run on */
    }
    return GDB_BP_OK;
}

void arm_gdb_breakpoint_remove_all(void)
{
    if (bps && bps->len) {
        g_array_set_size(bps, 0);
        tb_invalidate_all();
    }
}

/* ---- watchpoints ------------------------------------------------------------------ */

/* Watchpoints are watches in the page-watch registry (jit/watch.h), by
 * virtual address like gdb's, for every vCPU. The callback runs in the
 * softmmu slow path before the access and abandons the instruction: the
 * vCPU stops with PC at the instruction that made the access, which has
 * not executed. That is what gdb expects on AArch64, whose gdbarch has
 * "nonsteppable" watchpoints (aarch64-tdep.c sets
 * have_nonsteppable_watchpoint: gdb then removes the watchpoint, steps the
 * instruction and compares the values itself) and what QEMU does for Arm
 * (target/arm/cpu.c sets gdb_stop_before_watchpoint). The reported data
 * address is the first watched byte the access touches. */

typedef struct ArmWatchHit {
    int type;                /* GDB_WP_*, or -1: none pending */
    uint64_t addr;
} ArmWatchHit;

static ArmWatchHit *watch_hits;
static int watch_hits_len;

static unsigned watch_kinds(int type)
{
    return type == GDB_WP_WRITE ? JIT_WATCH_WRITE
         : type == GDB_WP_READ ? JIT_WATCH_READ : JIT_WATCH_READ | JIT_WATCH_WRITE;
}

static void watch_hit(JitCpu *j, const JitWatchHit *h, void *opaque)
{
    ArmCpu *cpu = arm_cpu(j);

    if (cpu->debug_watch_skip) {
        return;             /* resuming from this very stop: let it through */
    }
    if (cpu->index >= watch_hits_len) {
        int n = cpu->index + 1;

        watch_hits = g_renew(ArmWatchHit, watch_hits, n);
        for (int i = watch_hits_len; i < n; i++) {
            watch_hits[i].type = -1;
        }
        watch_hits_len = n;
    }
    watch_hits[cpu->index] = (ArmWatchHit){ (int)(uintptr_t)opaque, MAX(h->vaddr, h->watch_addr) };
    /* The guest registers are written back before any slow-path call (as
     * for a data abort), so PC is all that needs putting back. */
    cpu->pc = h->pc;
    cpu->debug_stop = true;
    cpu->debug_watch_skip = true;
    jit_cpu_exit_longjmp(j);
}

GdbBpResult arm_gdb_watchpoint_insert(int type, uint64_t addr, uint64_t len)
{
    if (type < GDB_WP_WRITE || type > GDB_WP_ACCESS) {
        return GDB_BP_UNSUPPORTED;
    }
    return jit_watch_insert(addr, len, watch_kinds(type), watch_hit, (void *)(uintptr_t)type)
               ? GDB_BP_OK : GDB_BP_FAILED;
}

GdbBpResult arm_gdb_watchpoint_remove(int type, uint64_t addr, uint64_t len)
{
    if (type < GDB_WP_WRITE || type > GDB_WP_ACCESS) {
        return GDB_BP_UNSUPPORTED;
    }
    return jit_watch_remove(jit_watch_find(addr, len, watch_kinds(type), watch_hit,
                                           (void *)(uintptr_t)type))
               ? GDB_BP_OK : GDB_BP_FAILED;
}

void arm_gdb_watchpoint_remove_all(void)
{
    for (int type = GDB_WP_WRITE; type <= GDB_WP_ACCESS; type++) {
        jit_watch_remove_all(watch_hit, (void *)(uintptr_t)type);
    }
    for (int i = 0; i < watch_hits_len; i++) {
        watch_hits[i].type = -1;
    }
}

int arm_gdb_take_watch_hit(const ArmCpu *cpu, uint64_t *addr)
{
    int type;

    if (cpu->index < 0 || cpu->index >= watch_hits_len || watch_hits[cpu->index].type < 0) {
        return -1;
    }
    type = watch_hits[cpu->index].type;
    *addr = watch_hits[cpu->index].addr;
    watch_hits[cpu->index].type = -1;
    return type;
}

/* ---- GdbTarget glue -------------------------------------------------------------- */

static ArmCpu *cpu_of(void *cpus, int cpu)
{
    return ((ArmCpu **)cpus)[cpu];
}

static int t_read_reg(void *cpus, int cpu, int regno, uint8_t *buf)
{
    return arm_gdb_read_reg(cpu_of(cpus, cpu), regno, buf);
}

static bool t_write_reg(void *cpus, int cpu, int regno, const uint8_t *buf, size_t len)
{
    return arm_gdb_write_reg(cpu_of(cpus, cpu), regno, buf, len);
}

static size_t t_read_mem(void *cpus, int cpu, uint64_t addr, uint8_t *buf, size_t len)
{
    return arm_gdb_read_mem(cpu_of(cpus, cpu), addr, buf, len);
}

static size_t t_write_mem(void *cpus, int cpu, uint64_t addr, const uint8_t *buf, size_t len)
{
    return arm_gdb_write_mem(cpu_of(cpus, cpu), addr, buf, len);
}

static bool t_set_pc(void *cpus, int cpu, uint64_t pc)
{
    cpu_of(cpus, cpu)->pc = pc;
    return true;
}

static void t_thread_info(void *cpus, int cpu, char *buf, size_t size)
{
    arm_gdb_thread_info(cpu_of(cpus, cpu), buf, size);
}

static GdbBpResult t_bp_insert(void *cpus, int type, uint64_t addr, uint64_t kind)
{
    /* for Z2-Z4 the kind is the watched length in bytes */
    return type >= GDB_WP_WRITE ? arm_gdb_watchpoint_insert(type, addr, kind)
                                : arm_gdb_breakpoint_insert(type, addr);
}

static GdbBpResult t_bp_remove(void *cpus, int type, uint64_t addr, uint64_t kind)
{
    return type >= GDB_WP_WRITE ? arm_gdb_watchpoint_remove(type, addr, kind)
                                : arm_gdb_breakpoint_remove(type, addr);
}

static void t_bp_remove_all(void *cpus)
{
    arm_gdb_breakpoint_remove_all();
    arm_gdb_watchpoint_remove_all();
}

static int t_take_watch_hit(void *cpus, int cpu, uint64_t *addr)
{
    return arm_gdb_take_watch_hit(cpu_of(cpus, cpu), addr);
}

static size_t t_read_phys(void *cpus, int cpu, uint64_t addr, uint8_t *buf, size_t len)
{
    return arm_gdb_read_phys(cpu_of(cpus, cpu), addr, buf, len);
}

static bool t_phys_mode(void *cpus, int on)
{
    if (on >= 0) {
        arm_gdb_set_phys_mode(on);
    }
    return arm_gdb_phys_mode();
}

static bool t_step_irqs(void *cpus, int on)
{
    if (on >= 0) {
        arm_cpu_set_step_irqs(on);
    }
    return arm_cpu_step_irqs();
}

static int t_bp_type_at(void *cpus, int cpu)
{
    return arm_gdb_breakpoint_type(cpu_of(cpus, cpu)->pc);
}

void arm_gdb_target_init(GdbTarget *t, ArmCpu **cpus, int ncpus)
{
    t->ncpus = ncpus;
    t->cpus = cpus;
    t->g_regs = ARM_GDB_NUM_CORE;
    t->read_reg = t_read_reg;
    t->write_reg = t_write_reg;
    t->read_mem = t_read_mem;
    t->write_mem = t_write_mem;
    t->set_pc = t_set_pc;
    t->xml = arm_gdb_xml;
    t->thread_info = t_thread_info;
    t->bp_insert = t_bp_insert;
    t->bp_remove = t_bp_remove;
    t->bp_remove_all = t_bp_remove_all;
    t->bp_type_at = t_bp_type_at;
    t->take_watch_hit = t_take_watch_hit;
    t->read_phys = t_read_phys;
    t->phys_mode = t_phys_mode;
    t->step_irqs = t_step_irqs;
}
