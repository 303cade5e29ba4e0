/* The ARMv8.0 Cryptographic Extension operations (helper-crypto.h):
 * AES rounds per FIPS-197 and the Arm ARM pseudocode (C7.2 AESE, AESD,
 * AESMC, AESIMC and the shared AESSubBytes/AESShiftRows/AESMixColumns
 * functions), and the SHA-1 / SHA-256 steps per FIPS 180-4 and the Arm
 * ARM (C7.2 SHA1C ... SHA256SU1, shared functions SHAchoose, SHAparity,
 * SHAmajority, SHAhashSIGMA0/1, SHA256hash).
 *
 * The 128-bit operands are read from ArmCpu.vreg into locals before the
 * result is written, so Rd may equal Rn or Rm. The AES state is the
 * vector's 16 bytes, byte i holding state row i % 4, column i / 4 (the
 * FIPS-197 input order); SHA words are the vector's 32-bit lanes. */
#include "target-arm/helper-crypto.h"

#include <stdbool.h>
#include <string.h>

#include "target-arm/cpu.h"

typedef struct V128 {
    uint8_t b[16];
} V128;

static V128 vget(ArmCpu *cpu, uint64_t reg)
{
    V128 v;

    memcpy(v.b, cpu->vreg[reg & 31], 16);
    return v;
}

static void vset(ArmCpu *cpu, uint64_t reg, V128 v)
{
    memcpy(cpu->vreg[reg & 31], v.b, 16);
}

static uint32_t lane(const V128 *v, unsigned i)
{
    uint32_t x;

    memcpy(&x, v->b + 4 * i, 4);
    return x;
}

static void set_lane(V128 *v, unsigned i, uint32_t x)
{
    memcpy(v->b + 4 * i, &x, 4);
}

/* ---- AES (FIPS-197) ---- */

/* Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1 (FIPS-197
 * 4.2): shift-and-add, xtime reducing by 0x1b. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t p = 0;

    while (b) {
        if (b & 1) {
            p ^= a;
        }
        a = (uint8_t)((a << 1) ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return p;
}

/* The S-box (FIPS-197 5.1.1): the multiplicative inverse (0 maps to 0)
 * followed by the affine transform b ^ rotl(b,1..4) ^ 0x63. Built on first
 * use with its inverse, rather than typed in. */
static uint8_t sbox[256], inv_sbox[256];
static bool sbox_ready;

static uint8_t rotl8(uint8_t x, unsigned n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

static void sbox_init(void)
{
    for (unsigned x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (unsigned y = 1; y < 256 && x; y++) {
            if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                inv = (uint8_t)y;
                break;
            }
        }
        uint8_t s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
        sbox[x] = s;
        inv_sbox[s] = (uint8_t)x;
    }
    sbox_ready = true;
}

static V128 sub_bytes(V128 v, const uint8_t *box)
{
    for (unsigned i = 0; i < 16; i++) {
        v.b[i] = box[v.b[i]];
    }
    return v;
}

/* ShiftRows (FIPS-197 5.1.2): row r rotates left by r columns,
 * s'[r][c] = s[r][(c + r) mod 4]; InvShiftRows undoes it. */
static V128 shift_rows(V128 in, bool inverse)
{
    V128 out;

    for (unsigned c = 0; c < 4; c++) {
        for (unsigned r = 0; r < 4; r++) {
            unsigned moved = r + 4 * ((c + r) % 4);
            if (inverse) {
                out.b[moved] = in.b[r + 4 * c];
            } else {
                out.b[r + 4 * c] = in.b[moved];
            }
        }
    }
    return out;
}

/* MixColumns (FIPS-197 5.1.3) multiplies each column by the circulant
 * matrix with first row {02, 03, 01, 01}; InvMixColumns (5.3.3) by
 * {0e, 0b, 0d, 09}. */
static V128 mix_columns(V128 in, bool inverse)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
    const uint8_t *m = inverse ? inv : fwd;
    V128 out;

    for (unsigned c = 0; c < 4; c++) {
        for (unsigned r = 0; r < 4; r++) {
            uint8_t x = 0;
            for (unsigned k = 0; k < 4; k++) {
                x ^= gf_mul(m[(k + 4 - r) % 4], in.b[4 * c + k]);
            }
            out.b[4 * c + r] = x;
        }
    }
    return out;
}

/* AESE: AddRoundKey (the XOR), then ShiftRows and SubBytes; AESD the
 * inverse steps. */
static uint64_t do_aes_round(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t decrypt)
{
    ArmCpu *cpu = arm_cpu(env);
    V128 d = vget(cpu, rd), n = vget(cpu, rn);

    if (!sbox_ready) {
        sbox_init();
    }
    for (unsigned i = 0; i < 16; i++) {
        d.b[i] ^= n.b[i];
    }
    vset(cpu, rd, sub_bytes(shift_rows(d, decrypt), decrypt ? inv_sbox : sbox));
    return 0;
}

static uint64_t do_aes_mix(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t inverse)
{
    ArmCpu *cpu = arm_cpu(env);

    vset(cpu, rd, mix_columns(vget(cpu, rn), inverse));
    return 0;
}

/* ---- SHA (FIPS 180-4) ---- */

static uint32_t rol32(uint32_t x, unsigned n)
{
    return (x << n) | (x >> ((32 - n) & 31));
}

static uint32_t ror32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << ((32 - n) & 31));
}

static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}

static uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

static uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}

/* SHA1C/SHA1P/SHA1M: four SHA-1 rounds. X = Qd holds a, b, c, d in lanes
 * 0..3, Y = Sn holds e, Vm holds W + K for the four rounds. Each round
 * adds into Y, rotates b by 30 and then rotates the 160-bit Y:X by 32, so
 * the new a enters lane 0. */
static uint64_t do_sha1_hash(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm, uint64_t fn)
{
    static uint32_t (*const f[3])(uint32_t, uint32_t, uint32_t) = {
        sha_choose, sha_parity, sha_majority,
    };
    ArmCpu *cpu = arm_cpu(env);
    V128 xv = vget(cpu, rd), w = vget(cpu, rm);
    uint32_t x[4], y = (uint32_t)cpu->vreg[rn & 31][0];

    for (unsigned i = 0; i < 4; i++) {
        x[i] = lane(&xv, i);
    }
    for (unsigned e = 0; e < 4; e++) {
        uint32_t t = f[fn](x[1], x[2], x[3]);
        y = y + rol32(x[0], 5) + t + lane(&w, e);
        x[1] = rol32(x[1], 30);
        uint32_t top = x[3];
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y;
        y = top;
    }
    for (unsigned i = 0; i < 4; i++) {
        set_lane(&xv, i, x[i]);
    }
    vset(cpu, rd, xv);
    return 0;
}

/* SHA1SU0: (Vn<63:0> : Vd<127:64>) EOR Vd EOR Vm. */
static uint64_t do_sha1su0(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    ArmCpu *cpu = arm_cpu(env);
    uint64_t d0 = cpu->vreg[rd & 31][0], d1 = cpu->vreg[rd & 31][1];
    uint64_t n0 = cpu->vreg[rn & 31][0];
    uint64_t m0 = cpu->vreg[rm & 31][0], m1 = cpu->vreg[rm & 31][1];

    cpu->vreg[rd & 31][0] = d1 ^ d0 ^ m0;
    cpu->vreg[rd & 31][1] = n0 ^ d1 ^ m1;
    return 0;
}

/* SHA1SU1: T = Vd EOR (Vn >> 32); W0..W2 = ROL(T<i>, 1),
 * W3 = ROL(T<3>, 1) EOR ROL(T<0>, 2). */
static uint64_t do_sha1su1(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t unused)
{
    ArmCpu *cpu = arm_cpu(env);
    V128 d = vget(cpu, rd), n = vget(cpu, rn), out;
    uint32_t t[4];

    for (unsigned i = 0; i < 4; i++) {
        t[i] = lane(&d, i) ^ (i < 3 ? lane(&n, i + 1) : 0);
    }
    for (unsigned i = 0; i < 4; i++) {
        set_lane(&out, i, rol32(t[i], 1) ^ (i == 3 ? rol32(t[0], 2) : 0));
    }
    vset(cpu, rd, out);
    return 0;
}

/* SHA1H: Sd = ROL(Sn, 30), the rest of Vd zeroed. */
static uint64_t do_sha1h(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t unused)
{
    ArmCpu *cpu = arm_cpu(env);
    uint32_t n = (uint32_t)cpu->vreg[rn & 31][0];

    cpu->vreg[rd & 31][0] = rol32(n, 30);
    cpu->vreg[rd & 31][1] = 0;
    return 0;
}

/* SHA256hash: four SHA-256 rounds on X = (a, b, c, d) and Y = (e, f, g, h)
 * with W + K from w. Returns X (part1, SHA256H) or Y (SHA256H2). */
static void sha256_hash(uint32_t x[4], uint32_t y[4], const V128 *w)
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y[0], y[1], y[2]);
        uint32_t maj = sha_majority(x[0], x[1], x[2]);
        uint32_t sig1 = ror32(y[0], 6) ^ ror32(y[0], 11) ^ ror32(y[0], 25);
        uint32_t sig0 = ror32(x[0], 2) ^ ror32(x[0], 13) ^ ror32(x[0], 22);
        uint32_t t = y[3] + sig1 + chs + lane(w, e);

        x[3] = t + x[3];
        y[3] = t + sig0 + maj;
        /* <Y, X> = ROL(Y : X, 32): every lane moves up one, X's top lane
         * into Y's bottom, Y's top into X's bottom */
        uint32_t xt = x[3], yt = y[3];
        for (unsigned i = 3; i > 0; i--) {
            x[i] = x[i - 1];
            y[i] = y[i - 1];
        }
        x[0] = yt;
        y[0] = xt;
    }
}

/* SHA256H: Qd = SHA256hash(Qd, Qn, Vm, TRUE); SHA256H2: Qd =
 * SHA256hash(Qn, Qd, Vm, FALSE). */
static uint64_t do_sha256h(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm, uint64_t part2)
{
    ArmCpu *cpu = arm_cpu(env);
    V128 d = vget(cpu, rd), n = vget(cpu, rn), w = vget(cpu, rm), out;
    const V128 *xs = part2 ? &n : &d, *ys = part2 ? &d : &n;
    uint32_t x[4], y[4];

    for (unsigned i = 0; i < 4; i++) {
        x[i] = lane(xs, i);
        y[i] = lane(ys, i);
    }
    sha256_hash(x, y, &w);
    for (unsigned i = 0; i < 4; i++) {
        set_lane(&out, i, part2 ? y[i] : x[i]);
    }
    vset(cpu, rd, out);
    return 0;
}

static uint32_t sigma0_small(uint32_t x)
{
    return ror32(x, 7) ^ ror32(x, 18) ^ (x >> 3);
}

static uint32_t sigma1_small(uint32_t x)
{
    return ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
}

/* SHA256SU0: T = Vn<31:0> : Vd<127:32>; result lane e = sigma0(T<e>) +
 * Vd<e>. */
static uint64_t do_sha256su0(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t unused)
{
    ArmCpu *cpu = arm_cpu(env);
    V128 d = vget(cpu, rd), n = vget(cpu, rn), out;

    for (unsigned e = 0; e < 4; e++) {
        uint32_t t = e < 3 ? lane(&d, e + 1) : lane(&n, 0);
        set_lane(&out, e, sigma0_small(t) + lane(&d, e));
    }
    vset(cpu, rd, out);
    return 0;
}

/* SHA256SU1: T0 = Vm<31:0> : Vn<127:32>; lanes 0-1 use sigma1 of Vm lanes
 * 2-3, lanes 2-3 sigma1 of the result's lanes 0-1; each adds Vd<e> and
 * T0<e>. */
static uint64_t do_sha256su1(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    ArmCpu *cpu = arm_cpu(env);
    V128 d = vget(cpu, rd), n = vget(cpu, rn), m = vget(cpu, rm), out;
    uint32_t r[4];

    for (unsigned e = 0; e < 4; e++) {
        uint32_t t0 = e < 3 ? lane(&n, e + 1) : lane(&m, 0);
        uint32_t src = e < 2 ? lane(&m, e + 2) : r[e - 2];
        r[e] = sigma1_small(src) + lane(&d, e) + t0;
        set_lane(&out, e, r[e]);
    }
    vset(cpu, rd, out);
    return 0;
}

/* ---- descriptors ---- */

static uint64_t do_aese(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_aes_round(env, rd, rn, false);
}

static uint64_t do_aesd(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_aes_round(env, rd, rn, true);
}

static uint64_t do_aesmc(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_aes_mix(env, rd, rn, false);
}

static uint64_t do_aesimc(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_aes_mix(env, rd, rn, true);
}

static uint64_t do_sha1c(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_sha1_hash(env, rd, rn, rm, 0);
}

static uint64_t do_sha1p(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_sha1_hash(env, rd, rn, rm, 1);
}

static uint64_t do_sha1m(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_sha1_hash(env, rd, rn, rm, 2);
}

static uint64_t do_sha256h1(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_sha256h(env, rd, rn, rm, 0);
}

static uint64_t do_sha256h2(JitCpu *env, uint64_t rd, uint64_t rn, uint64_t rm)
{
    return do_sha256h(env, rd, rn, rm, 1);
}

/* Every crypto helper is (rd, rn, rm) register numbers, touching only
 * vreg: IR_HF_READS (translate-vfp.h). */
#define CRYPTO_HELPER(nm, f)                                                \
    const IrHelper helper_##nm = {                                          \
        .name = #nm,                                                        \
        .fn.f3 = f,                                                         \
        .nargs = 3,                                                         \
        .ret = IR_VOID,                                                     \
        .args = { IR_I64, IR_I64, IR_I64 },                                 \
        .flags = IR_HF_READS,                                               \
    }

CRYPTO_HELPER(aese, do_aese);
CRYPTO_HELPER(aesd, do_aesd);
CRYPTO_HELPER(aesmc, do_aesmc);
CRYPTO_HELPER(aesimc, do_aesimc);
CRYPTO_HELPER(sha1c, do_sha1c);
CRYPTO_HELPER(sha1p, do_sha1p);
CRYPTO_HELPER(sha1m, do_sha1m);
CRYPTO_HELPER(sha1su0, do_sha1su0);
CRYPTO_HELPER(sha1su1, do_sha1su1);
CRYPTO_HELPER(sha1h, do_sha1h);
CRYPTO_HELPER(sha256h, do_sha256h1);
CRYPTO_HELPER(sha256h2, do_sha256h2);
CRYPTO_HELPER(sha256su0, do_sha256su0);
CRYPTO_HELPER(sha256su1, do_sha256su1);
