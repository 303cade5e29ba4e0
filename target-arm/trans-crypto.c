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

bool trans_AESE(DisasContext *s, arg_crypto2 *a)
{
    return do_crypto(s, &helper_aese, a->rd, a->rn, 0);
}

bool trans_AESD(DisasContext *s, arg_crypto2 *a)
{
    return do_crypto(s, &helper_aesd, a->rd, a->rn, 0);
}

bool trans_AESMC(DisasContext *s, arg_crypto2 *a)
{
    return do_crypto(s, &helper_aesmc, a->rd, a->rn, 0);
}

bool trans_AESIMC(DisasContext *s, arg_crypto2 *a)
{
    return do_crypto(s, &helper_aesimc, a->rd, a->rn, 0);
}

bool trans_SHA1C(DisasContext *s, arg_crypto3 *a)
{
    return do_crypto(s, &helper_sha1c, a->rd, a->rn, a->rm);
}

bool trans_SHA1P(DisasContext *s, arg_crypto3 *a)
{
    return do_crypto(s, &helper_sha1p, a->rd, a->rn, a->rm);
}

bool trans_SHA1M(DisasContext *s, arg_crypto3 *a)
{
    return do_crypto(s, &helper_sha1m, a->rd, a->rn, a->rm);
}

bool trans_SHA1SU0(DisasContext *s, arg_crypto3 *a)
{
    return do_crypto(s, &helper_sha1su0, a->rd, a->rn, a->rm);
}

bool trans_SHA256H(DisasContext *s, arg_crypto3 *a)
{
    return do_crypto(s, &helper_sha256h, a->rd, a->rn, a->rm);
}

bool trans_SHA256H2(DisasContext *s, arg_crypto3 *a)
{
    return do_crypto(s, &helper_sha256h2, a->rd, a->rn, a->rm);
}

bool trans_SHA256SU1(DisasContext *s, arg_crypto3 *a)
{
    return do_crypto(s, &helper_sha256su1, a->rd, a->rn, a->rm);
}

bool trans_SHA1H(DisasContext *s, arg_crypto2 *a)
{
    return do_crypto(s, &helper_sha1h, a->rd, a->rn, 0);
}

bool trans_SHA1SU1(DisasContext *s, arg_crypto2 *a)
{
    return do_crypto(s, &helper_sha1su1, a->rd, a->rn, 0);
}

bool trans_SHA256SU0(DisasContext *s, arg_crypto2 *a)
{
    return do_crypto(s, &helper_sha256su0, a->rd, a->rn, 0);
}
