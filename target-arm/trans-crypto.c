/* A64 translators: the ARMv8.0 Cryptographic Extension (Arm ARM C7.2 AESE,
 * AESD, AESMC, AESIMC, SHA1C, SHA1P, SHA1M, SHA1H, SHA1SU0, SHA1SU1,
 * SHA256H, SHA256H2, SHA256SU0, SHA256SU1). Each is one call of a helper
 * working on the vector registers in place (helper-crypto.c), after the
 * FP/SIMD access check. */
#include "target-arm/helper-crypto.h"
#include "target-arm/translate-vfp.h"

static bool do_crypto(DisasContext *s, const IrHelper *h, unsigned rd, unsigned rn, unsigned rm)
{
    if (fp_access_check(s)) {
        gen_vec_helper(s, h, 3, tmp_const(s, rd), tmp_const(s, rn), tmp_const(s, rm));
    }
    return true;
}

/* The trans_* functions: two-register forms pass Rm = 0 (unused). */
#define TRANS_CRYPTO2(name, helper)                                         \
    bool trans_##name(DisasContext *s, arg_crypto2 *a)                      \
    {                                                                       \
        return do_crypto(s, &helper, a->rd, a->rn, 0);                      \
    }
#define TRANS_CRYPTO3(name, helper)                                         \
    bool trans_##name(DisasContext *s, arg_crypto3 *a)                      \
    {                                                                       \
        return do_crypto(s, &helper, a->rd, a->rn, a->rm);                  \
    }

TRANS_CRYPTO2(AESE, helper_aese)
TRANS_CRYPTO2(AESD, helper_aesd)
TRANS_CRYPTO2(AESMC, helper_aesmc)
TRANS_CRYPTO2(AESIMC, helper_aesimc)
TRANS_CRYPTO3(SHA1C, helper_sha1c)
TRANS_CRYPTO3(SHA1P, helper_sha1p)
TRANS_CRYPTO3(SHA1M, helper_sha1m)
TRANS_CRYPTO3(SHA1SU0, helper_sha1su0)
TRANS_CRYPTO3(SHA256H, helper_sha256h)
TRANS_CRYPTO3(SHA256H2, helper_sha256h2)
TRANS_CRYPTO3(SHA256SU1, helper_sha256su1)
TRANS_CRYPTO2(SHA1H, helper_sha1h)
TRANS_CRYPTO2(SHA1SU1, helper_sha1su1)
TRANS_CRYPTO2(SHA256SU0, helper_sha256su0)
