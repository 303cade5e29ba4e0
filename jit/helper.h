/* Helper descriptors: a C function the IR calls, with its declared effects.
 * The optimizer and backends rely on the effects (docs/jit.md "Helpers"):
 *   pure (0)          no CPU-state access, cannot raise: globals stay in
 *                     host registers across the call; removable if unused
 *   IR_HF_READS       reads CPU state: dirty globals are written back first
 *   IR_HF_WRITES      writes CPU state: dirty globals are written back first
 *                     and every global is reloaded after
 *   IR_HF_RAISES      may raise a guest exception: globals written back and
 *                     cpu->restore_pc set to the instruction's PC first
 * ABI: every helper is uint64_t fn(JitCpu *env, uint64_t a0, ...), with
 * 0..5 arguments; i32 arguments arrive zero-extended, an i32 result is the
 * low 32 bits of the return value. */
#ifndef JIT_HELPER_H
#define JIT_HELPER_H

#include <stdint.h>

#include "jit/jit-cpu.h"

enum {
    IR_HF_PURE = 0,
    IR_HF_READS = 1,
    IR_HF_WRITES = 2,
    IR_HF_RAISES = 4,
};

#define IR_HELPER_MAX_ARGS 5

typedef uint64_t (*IrHelperFn0)(JitCpu *);
typedef uint64_t (*IrHelperFn1)(JitCpu *, uint64_t);
typedef uint64_t (*IrHelperFn2)(JitCpu *, uint64_t, uint64_t);
typedef uint64_t (*IrHelperFn3)(JitCpu *, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*IrHelperFn4)(JitCpu *, uint64_t, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*IrHelperFn5)(JitCpu *, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

typedef struct IrHelper {
    const char *name;
    /* the member matching nargs is set (designated initializers check the
     * signature at compile time) */
    union {
        IrHelperFn0 f0;
        IrHelperFn1 f1;
        IrHelperFn2 f2;
        IrHelperFn3 f3;
        IrHelperFn4 f4;
        IrHelperFn5 f5;
    } fn;
    uint8_t nargs;
    uint8_t ret;                           /* IrType, or IR_VOID */
    uint8_t args[IR_HELPER_MAX_ARGS];      /* IrType of each argument */
    uint16_t flags;                        /* IR_HF_* */
} IrHelper;

/* Call a descriptor's function with already-converted arguments. */
static inline uint64_t ir_helper_invoke(const IrHelper *h, JitCpu *env, const uint64_t *a)
{
    switch (h->nargs) {
    case 0: return h->fn.f0(env);
    case 1: return h->fn.f1(env, a[0]);
    case 2: return h->fn.f2(env, a[0], a[1]);
    case 3: return h->fn.f3(env, a[0], a[1], a[2]);
    case 4: return h->fn.f4(env, a[0], a[1], a[2], a[3]);
    default: return h->fn.f5(env, a[0], a[1], a[2], a[3], a[4]);
    }
}

#endif
