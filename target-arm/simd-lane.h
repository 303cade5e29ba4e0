/* Lane arithmetic for the Advanced SIMD helpers (helper-simd-*.c): element
 * access in a 128-bit value held as two uint64_t (element 0 in the low bits,
 * as in ArmCpu.vreg), sign extension and the saturation of the Arm ARM
 * pseudocode (SignedSatQ / UnsignedSatQ, shared/functions/integer). Values
 * are kept as raw bits in uint64_t; arithmetic that may leave the element
 * range is done in 128 bits so no C overflow can occur. */
#ifndef TARGET_ARM_SIMD_LANE_H
#define TARGET_ARM_SIMD_LANE_H

#include <stdbool.h>
#include <stdint.h>

typedef __int128 simd_i128;
typedef unsigned __int128 simd_u128;

/* FPSR.QC, the cumulative saturation bit (D17.2 FPSR). */
#define ARM_FPSR_QC (1u << 27)

static inline uint64_t lane_mask(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

/* Element i of bits (8..64) bits. */
static inline uint64_t lane_get(const uint64_t v[2], unsigned i, unsigned bits)
{
    unsigned pos = i * bits;

    return (v[pos / 64] >> (pos % 64)) & lane_mask(bits);
}

static inline void lane_set(uint64_t v[2], unsigned i, unsigned bits, uint64_t x)
{
    unsigned pos = i * bits;
    uint64_t m = lane_mask(bits) << (pos % 64);

    v[pos / 64] = (v[pos / 64] & ~m) | ((x << (pos % 64)) & m);
}

/* The low bits of x, sign-extended (SInt). */
static inline int64_t lane_sext(uint64_t x, unsigned bits)
{
    return bits >= 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* Element i, as a signed or unsigned integer (Int(x, unsigned)). */
static inline simd_i128 lane_int(uint64_t x, unsigned bits, bool sign)
{
    return sign ? (simd_i128)lane_sext(x, bits) : (simd_i128)(x & lane_mask(bits));
}

/* SignedSatQ(v, bits): clamp to [-2^(bits-1), 2^(bits-1) - 1]. */
static inline uint64_t lane_sat_s(simd_i128 v, unsigned bits, bool *sat)
{
    simd_i128 max = ((simd_i128)1 << (bits - 1)) - 1, min = -max - 1;

    if (v > max) {
        *sat = true;
        v = max;
    } else if (v < min) {
        *sat = true;
        v = min;
    }
    return (uint64_t)v & lane_mask(bits);
}

/* UnsignedSatQ(v, bits): clamp to [0, 2^bits - 1]. */
static inline uint64_t lane_sat_u(simd_i128 v, unsigned bits, bool *sat)
{
    simd_i128 max = ((simd_i128)1 << bits) - 1;

    if (v > max) {
        *sat = true;
        v = max;
    } else if (v < 0) {
        *sat = true;
        v = 0;
    }
    return (uint64_t)v;
}

/* SatQ(v, bits, unsigned). */
static inline uint64_t lane_sat(simd_i128 v, unsigned bits, bool is_unsigned, bool *sat)
{
    return is_unsigned ? lane_sat_u(v, bits, sat) : lane_sat_s(v, bits, sat);
}

#endif
