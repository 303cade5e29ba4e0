/* Advanced SIMD permute (ZIP/UZP/TRN) and table lookup (TBL/TBX) helpers
 * (helper-simd-misc.h). */
#include <string.h>

#include "target-arm/cpu.h"
#include "target-arm/helper-simd-misc.h"
#include "target-arm/simd-lane.h"

/* Which element of the concatenation Vm:Vn (Vn's elements first, then Vm's:
 * index e < elems is Vn[e], else Vm[e - elems]) result element e takes,
 * from the C6.2 pseudocode of each op; part is 0 for the *1 forms, 1 for
 * the *2 forms. */
static unsigned permute_src(unsigned op, unsigned e, unsigned elems)
{
    unsigned part = op & 1, pair = e / 2, odd = e & 1;

    switch (op & ~1u) {
    case SPM_UZP1:
        /* UZP: result[e] = (Vm:Vn)[2e + part] */
        return 2 * e + part;
    case SPM_TRN1:
        /* TRN: result[2p] = Vn[2p + part], result[2p + 1] = Vm[2p + part] */
        return odd * elems + 2 * pair + part;
    default:
        /* ZIP: result[2p] = Vn[base + p], result[2p + 1] = Vm[base + p],
         * base = part * elems / 2 */
        return odd * elems + part * elems / 2 + pair;
    }
}

void simd_permute(ArmCpu *cpu, SimdDesc d)
{
    unsigned bits = 8u << d.size, elems = (d.q ? 128 : 64) / bits;
    uint64_t n[2], m[2], r[2] = { 0, 0 };

    memcpy(n, cpu->vreg[d.rn], sizeof n);
    memcpy(m, cpu->vreg[d.rm], sizeof m);
    for (unsigned e = 0; e < elems; e++) {
        unsigned src = permute_src(d.op, e, elems);
        lane_set(r, e, bits, src < elems ? lane_get(n, src, bits) : lane_get(m, src - elems, bits));
    }
    memcpy(cpu->vreg[d.rd], r, sizeof r);
}

/* C6.2 TBL/TBX: the table is imm registers starting at Rn, numbered modulo
 * 32; each byte of Vm indexes it; an index past the table gives 0 (TBL) or
 * leaves Vd's byte (TBX). */
void simd_tbl(ArmCpu *cpu, SimdDesc d)
{
    uint8_t table[64], idx[16], res[16];
    unsigned nregs = d.imm, bytes = d.q ? 16 : 8;

    for (unsigned i = 0; i < nregs && i < 4; i++) {
        memcpy(table + 16 * i, cpu->vreg[(d.rn + i) % 32], 16);
    }
    memcpy(idx, cpu->vreg[d.rm], 16);
    memcpy(res, cpu->vreg[d.rd], 16);
    for (unsigned i = 0; i < bytes; i++) {
        if (idx[i] < 16 * nregs) {
            res[i] = table[idx[i]];
        } else if (!d.op) {
            res[i] = 0;
        }
    }
    if (!d.q) {
        memset(res + 8, 0, 8);
    }
    memcpy(cpu->vreg[d.rd], res, 16);
}

DEFINE_SIMD_DESC_HELPER(simd_permute, simd_permute);
DEFINE_SIMD_DESC_HELPER(simd_tbl, simd_tbl);
