/* Run-time helpers of the A64 data-processing translators
 * (trans-dp-reg-misc.c). All are pure: they read only their arguments. */
#ifndef TARGET_ARM_HELPER_DP_H
#define TARGET_ARM_HELPER_DP_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/helper.h"
#include "jit/ir.h"

/* (acc, value, nbytes) -> CRC32 / CRC32C of the low nbytes (1, 2, 4, 8) of
 * value, little-endian byte order, into the 32-bit accumulator acc. */
extern const IrHelper helper_crc32;
extern const IrHelper helper_crc32c;
/* (x) -> x with its 64 bits in reverse order. */
extern const IrHelper helper_rbit64;

/* The same computations for direct use (tests, other helpers). */
uint32_t arm_crc32_update(uint32_t acc, uint64_t value, unsigned nbytes, bool castagnoli);
uint64_t arm_rbit64(uint64_t x);

#endif
