/* The page-watch registry (jit/watch.h, docs/jit-runtime.md "Watched
 * pages"). A handful of watches at a time (a debugger's few watchpoints, a
 * parked vCPU's word), so a plain array scanned linearly: the scans happen
 * on TLB fills of pages while watches exist and in the slow path of
 * flagged pages only. */
#include "jit/watch.h"

#include <stdlib.h>
#include <string.h>

#include "emu/error.h"
#include "jit/jit-cpu.h"

typedef struct JitWatch {
    int id;
    uint64_t addr, last;      /* inclusive bounds: a range may end at 2^64 - 1 */
    unsigned kinds;
    JitWatchFn fn;
    void *opaque;
} JitWatch;

static JitWatch *watches;
static int nwatches, capacity;
static int next_id = 1;
static JitCpu **cpus;
static int ncpus;

int jit_watch_active;

static void refresh_all(void)
{
    jit_watch_active = nwatches;
    for (int i = 0; i < ncpus; i++) {
        jit_tlb_refresh_watch(cpus[i]);
    }
}

void jit_watch_set_cpus(JitCpu *const *list, int n)
{
    free(cpus);
    cpus = NULL;
    ncpus = 0;
    if (n > 0) {
        cpus = malloc(sizeof *cpus * (size_t)n);
        if (!cpus) {
            fatal("out of memory");
        }
        memcpy(cpus, list, sizeof *cpus * (size_t)n);
        ncpus = n;
    }
    refresh_all();
}

int jit_watch_insert(uint64_t addr, uint64_t len, unsigned kinds, JitWatchFn fn, void *opaque)
{
    kinds &= JIT_WATCH_READ | JIT_WATCH_WRITE;
    if (len == 0 || addr + (len - 1) < addr || !kinds || !fn) {
        return 0;
    }
    if (nwatches == capacity) {
        int cap = capacity ? capacity * 2 : 8;
        JitWatch *w = realloc(watches, sizeof *w * (size_t)cap);

        if (!w) {
            fatal("out of memory");
        }
        watches = w;
        capacity = cap;
    }
    watches[nwatches++] = (JitWatch){ next_id, addr, addr + (len - 1), kinds, fn, opaque };
    refresh_all();
    return next_id++;
}

static void remove_at(int i)
{
    memmove(&watches[i], &watches[i + 1], sizeof *watches * (size_t)(nwatches - i - 1));
    nwatches--;
}

bool jit_watch_remove(int id)
{
    for (int i = 0; i < nwatches; i++) {
        if (watches[i].id == id) {
            remove_at(i);
            refresh_all();
            return true;
        }
    }
    return false;
}

int jit_watch_find(uint64_t addr, uint64_t len, unsigned kinds, JitWatchFn fn, void *opaque)
{
    for (int i = 0; i < nwatches; i++) {
        const JitWatch *w = &watches[i];

        if (len && w->addr == addr && w->last == addr + (len - 1) && w->kinds == kinds &&
            w->fn == fn && w->opaque == opaque) {
            return w->id;
        }
    }
    return 0;
}

void jit_watch_remove_all(JitWatchFn fn, void *opaque)
{
    int before = nwatches;

    for (int i = nwatches - 1; i >= 0; i--) {
        if (watches[i].fn == fn && watches[i].opaque == opaque) {
            remove_at(i);
        }
    }
    if (nwatches != before) {
        refresh_all();
    }
}

int jit_watch_count(void)
{
    return nwatches;
}

static bool overlaps(const JitWatch *w, uint64_t first, uint64_t last)
{
    return w->addr <= last && first <= w->last;
}

unsigned jit_watch_page_kinds(uint64_t page, uint64_t page_size)
{
    unsigned kinds = 0;

    for (int i = 0; i < nwatches; i++) {
        if (overlaps(&watches[i], page, page + (page_size - 1))) {
            kinds |= watches[i].kinds;
        }
    }
    return kinds;
}

int jit_watch_check(JitCpu *cpu, uint64_t vaddr, unsigned size, JitAccess access, uint64_t pc)
{
    unsigned want = access == JIT_ACCESS_WRITE ? JIT_WATCH_WRITE : JIT_WATCH_READ;
    uint64_t last = vaddr + (size ? size - 1 : 0);
    int told = 0;

    /* A callback may remove watches (and so move the array): index anew
     * each time and stop at the current count. */
    for (int i = 0; i < nwatches; i++) {
        JitWatch w = watches[i];

        if ((w.kinds & want) && (last < vaddr ? w.last >= vaddr || w.addr <= last
                                              : overlaps(&w, vaddr, last))) {
            JitWatchHit hit = { vaddr, size, access, pc, w.addr, w.last - w.addr + 1, w.kinds };

            told++;
            w.fn(cpu, &hit, w.opaque);
        }
    }
    return told;
}
