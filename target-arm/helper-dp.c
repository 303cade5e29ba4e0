/* Helpers for A64 data processing (see helper-dp.h). */
#include <stdbool.h>

#include "target-arm/helper-dp.h"

/* C6.2 CRC32B: the accumulator and data are bit-reversed, multiplied by
 * x^32 and reduced modulo the polynomial (CRC-32 0x04C11DB7, CRC-32C
 * 0x1EDC6F41), and the result bit-reversed again. Working on reflected
 * values that is the usual LSB-first CRC update with the reflected
 * polynomials 0xEDB88320 / 0x82F63B78, without the initial and final
 * inversions (software applies those). One 256-entry table per polynomial,
 * built on first use. */
static uint32_t crc_table[2][256];
static bool crc_table_ready;

static void crc_init(void)
{
    static const uint32_t poly[2] = { 0xedb88320u, 0x82f63b78u };

    for (int p = 0; p < 2; p++) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) {
                c = (c >> 1) ^ (poly[p] & (0u - (c & 1)));
            }
            crc_table[p][i] = c;
        }
    }
    crc_table_ready = true;
}

uint32_t arm_crc32_update(uint32_t acc, uint64_t value, unsigned nbytes, bool castagnoli)
{
    const uint32_t *t;

    if (!crc_table_ready) {
        crc_init();
    }
    t = crc_table[castagnoli];
    for (unsigned i = 0; i < nbytes && i < 8; i++) {
        acc = (acc >> 8) ^ t[(acc ^ (uint8_t)(value >> (8 * i))) & 0xff];
    }
    return acc;
}

static uint64_t do_crc32(JitCpu *env, uint64_t acc, uint64_t value, uint64_t nbytes)
{
    return arm_crc32_update((uint32_t)acc, value, (unsigned)nbytes, false);
}

static uint64_t do_crc32c(JitCpu *env, uint64_t acc, uint64_t value, uint64_t nbytes)
{
    return arm_crc32_update((uint32_t)acc, value, (unsigned)nbytes, true);
}

const IrHelper helper_crc32 = {
    .name = "crc32",
    .fn.f3 = do_crc32,
    .nargs = 3,
    .ret = IR_I64,
    .args = { IR_I64, IR_I64, IR_I64 },
    .flags = IR_HF_PURE,
};

const IrHelper helper_crc32c = {
    .name = "crc32c",
    .fn.f3 = do_crc32c,
    .nargs = 3,
    .ret = IR_I64,
    .args = { IR_I64, IR_I64, IR_I64 },
    .flags = IR_HF_PURE,
};

/* Swap ever smaller groups: halves, quarters, ... single bits. */
uint64_t arm_rbit64(uint64_t x)
{
    x = (x >> 32) | (x << 32);
    x = ((x >> 16) & 0x0000ffff0000ffffull) | ((x & 0x0000ffff0000ffffull) << 16);
    x = ((x >> 8) & 0x00ff00ff00ff00ffull) | ((x & 0x00ff00ff00ff00ffull) << 8);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0full) | ((x & 0x0f0f0f0f0f0f0f0full) << 4);
    x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
    x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
    return x;
}

static uint64_t do_rbit64(JitCpu *env, uint64_t x)
{
    return arm_rbit64(x);
}

const IrHelper helper_rbit64 = {
    .name = "rbit64",
    .fn.f1 = do_rbit64,
    .nargs = 1,
    .ret = IR_I64,
    .args = { IR_I64 },
    .flags = IR_HF_PURE,
};
