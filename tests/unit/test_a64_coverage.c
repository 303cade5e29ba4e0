/* Decode coverage: armlet's A64 decoder against two independent
 * disassemblers over random and targeted words (docs/a64-decoder.md).
 *
 * Oracles: capstone (4.0.2 on Debian 12, which predates LSE) for the base
 * ISA, and binutils' aarch64 objdump, when installed, for the base ISA and
 * LSE. A word the oracle decodes must be decoded by armlet unless it is an
 * extension after ARMv8.0+LSE (FEAT_FP16 and the other FP/SIMD ones
 * included); a word armlet decodes must be decoded by the oracle, with a
 * mnemonic its handler may print. The whole space is compared, FP and
 * Advanced SIMD included. Known oracle errors are listed in
 * oracle_quirks[] with the Arm ARM rule each one breaks.
 *
 * A64_SWEEP_WORDS=N sets the random-sweep size (soak), A64_SWEEP_VERBOSE=1
 * prints the counts. */
#include "tests/unit/test.h"

#include "target-arm/a64-decode.h"

#include <capstone/capstone.h>
#include <stdlib.h>
#include <unistd.h>

#define DEFAULT_WORDS 2000000u
#define TARGETED_PER_ENTRY 400u
#define MAX_REPORT 400

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rng32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static unsigned sweep_words(void)
{
    const char *e = getenv("A64_SWEEP_WORDS");
    return e ? (unsigned)strtoul(e, NULL, 0) : DEFAULT_WORDS;
}

static bool verbose(void)
{
    return getenv("A64_SWEEP_VERBOSE") != NULL;
}

/* Arm ARM C4.1: op0 = x111 is "Data Processing -- Scalar Floating-Point and
 * Advanced SIMD" (only counted: it is judged like the rest). */
static bool is_fpsimd(uint32_t w)
{
    return ((w >> 25) & 7) == 7;
}

static bool is_lse(const char *name)
{
    static const char *const lse[] = {
        "CAS", "CASP", "LDADD", "LDCLR", "LDEOR", "LDSET", "LDSMAX",
        "LDSMIN", "LDUMAX", "LDUMIN", "SWP",
    };
    for (size_t i = 0; i < sizeof lse / sizeof lse[0]; i++) {
        if (strcmp(name, lse[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* FEAT_FP16 (ARMv8.2): half-precision arithmetic, compares, conversions
 * to and from integers, FMOV of an H register and the FP16 vector forms,
 * all in encodings ARMv8.0 leaves unallocated. The oracles print them
 * with the v8.0 mnemonics, so they are told apart by their half-precision
 * operands (an h register, .4h/.8h arrangements or .h elements) on an FP
 * mnemonic. Only FCVT, FCVTL(2) and FCVTN(2) have such operands in ARMv8.0
 * (and the integer SIMD forms, whose mnemonics do not start with f). */
static bool is_fp16_arith(const char *mn, const char *ops)
{
    static const char *const v80[] = { "fcvt", "fcvtl", "fcvtl2", "fcvtn", "fcvtn2" };
    bool fp = mn[0] == 'f' || strcmp(mn, "scvtf") == 0 || strcmp(mn, "ucvtf") == 0;

    if (!fp) {
        return false;
    }
    for (size_t i = 0; i < sizeof v80 / sizeof v80[0]; i++) {
        if (strcmp(mn, v80[i]) == 0) {
            return false;
        }
    }
    for (const char *p = ops; *p; p++) {
        bool start = p == ops || p[-1] == ' ' || p[-1] == ',' || p[-1] == '{';
        if ((start && p[0] == 'h' && p[1] >= '0' && p[1] <= '9') ||
            strncmp(p, ".4h", 3) == 0 || strncmp(p, ".8h", 3) == 0 ||
            strncmp(p, ".h", 2) == 0 || strncmp(p, ".2h", 3) == 0) {
            return true;
        }
    }
    return false;
}

static bool mnemonic_in(const char *mn, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(list[i]);
        if (strncmp(mn, list[i], len) == 0 && (mn[len] == 0 || mn[len] == '.')) {
            return true;
        }
    }
    return false;
}

/* Mnemonics of architecture extensions after ARMv8.0 (other than LSE) that
 * an oracle knows and armlet deliberately treats as unallocated. Hint-space
 * and MSR-immediate-space extensions (PAC hints, BTI, CFINV, PAN...) are
 * absent: armlet decodes those spaces as a whole. */
static bool is_later_extension(uint32_t w, const char *mn, const char *ops)
{
    static const char *const ext[] = {
        /* v8.1 LOR */ "ldlar", "ldlarb", "ldlarh", "stllr", "stllrb", "stllrh",
        /* v8.3 RCpc */ "ldapr", "ldaprb", "ldaprh",
        /* v8.4 RCpc2 */ "ldapur", "ldapurb", "ldapurh", "ldapursb", "ldapursh",
        "ldapursw", "stlur", "stlurb", "stlurh",
        /* v8.4 flag manipulation */ "rmif", "setf8", "setf16",
        /* v8.3 pointer authentication (non-hint forms) */ "braa", "brab",
        "blraa", "blrab", "braaz", "brabz", "blraaz", "blrabz", "retaa", "retab",
        "eretaa", "eretab", "ldraa", "ldrab", "pacga", "pacia", "pacib", "pacda",
        "pacdb", "autia", "autib", "autda", "autdb", "paciza", "pacizb", "pacdza",
        "pacdzb", "autiza", "autizb", "autdza", "autdzb", "xpaci", "xpacd",
        /* v8.5 */ "sb", "irg", "gmi", "subp", "subps", "cmpp", "addg", "subg",
        "stg", "stzg", "st2g", "stz2g", "stgp", "ldg", "stgm", "stzgm", "ldgm",
        /* v8.7 */ "wfet", "wfit", "ld64b", "st64b", "st64bv", "st64bv0",
        /* TME */ "tstart", "tcommit", "tcancel", "ttest",
        /* v8.8/v8.9 */ "bc", "rprfm", "prfm",
    };
    /* FP/SIMD extensions: v8.1 RDM, v8.2 dot product, FHM, SHA3, SHA512,
     * SM3, SM4, v8.3 FCMA and FJCVTZS, v8.5 FRINT32/64, v8.6 BF16 and
     * I8MM */
    static const char *const fpsimd_ext[] = {
        "sqrdmlah", "sqrdmlsh", "sdot", "udot", "usdot", "sudot", "fmlal", "fmlal2",
        "fmlsl", "fmlsl2", "eor3", "rax1", "xar", "bcax", "sha512h", "sha512h2",
        "sha512su0", "sha512su1", "sm3ss1", "sm3tt1a", "sm3tt1b", "sm3tt2a", "sm3tt2b",
        "sm3partw1", "sm3partw2", "sm4e", "sm4ekey", "fcmla", "fcadd", "fjcvtzs",
        "frint32x", "frint32z", "frint64x", "frint64z", "bfcvt", "bfcvtn", "bfcvtn2",
        "bfdot", "bfmlalb", "bfmlalt", "bfmmla", "smmla", "ummla", "usmmla",
    };
    /* v8.9 CSSC: general-register forms of names that are also SIMD */
    static const char *const cssc[] = { "abs", "cnt", "ctz", "smax", "smin", "umax", "umin" };

    if (is_fpsimd(w)) {
        return mnemonic_in(mn, fpsimd_ext, sizeof fpsimd_ext / sizeof fpsimd_ext[0]) ||
               is_fp16_arith(mn, ops);
    }
    if (mnemonic_in(mn, ext, sizeof ext / sizeof ext[0]) ||
        mnemonic_in(mn, cssc, sizeof cssc / sizeof cssc[0])) {
        return true;
    }
    /* v8.8 MOPS: cpy*, set* */
    return strncmp(mn, "cpy", 3) == 0 || strncmp(mn, "setp", 4) == 0 ||
           strncmp(mn, "setm", 4) == 0 || strncmp(mn, "sete", 4) == 0 ||
           strncmp(mn, "setg", 4) == 0;
}

/* SVE (op0 = 0010) and SME (op0 = 0000 with bit 31 set) are ARMv8.2+ and
 * ARMv9 extensions; objdump knows them. */
static bool is_sve_sme(uint32_t w)
{
    unsigned op0 = (w >> 25) & 0xf;
    return op0 == 2 || (op0 == 0 && (w >> 31));
}

static unsigned rf(uint32_t w, int pos)
{
    return (w >> pos) & 31;
}

/* Register overlaps the Arm ARM makes CONSTRAINED UNPREDICTABLE (K1.2 lists
 * the permitted behaviours; UNDEFINED is one, executing is another). LLVM,
 * hence capstone, rejects them ("SoftFail"); armlet decodes them and the
 * translator picks an executing behaviour, as QEMU and cores do. Cases, all
 * from the C6.2 pseudocode: load/store pair with writeback and Rn == Rt or
 * Rt2 (Rn != 31); LDP/LDNP/LDXP with Rt == Rt2; single register writeback
 * with Rn == Rt (Rn != 31); STXR/STXP with Rs == Rt, Rt2 or Rn (Rn != 31). */
static bool cu_register_overlap(uint32_t w)
{
    unsigned rt = rf(w, 0), rn = rf(w, 5), rt2 = rf(w, 10), rs = rf(w, 16);
    bool l = (w >> 22) & 1;

    if ((w & 0x3a000000u) == 0x28000000u) {          /* pair, V = 0 or 1 */
        bool wb = (w >> 23) & 1, v = (w >> 26) & 1;  /* idx 01 / 11 */
        return (!v && wb && rn != 31 && (rn == rt || rn == rt2)) || (l && rt == rt2);
    }
    if ((w & 0x3f200400u) == 0x38000400u) {          /* imm9 post/pre */
        return rn != 31 && rn == rt;
    }
    if ((w & 0x3f000000u) == 0x08000000u) {          /* exclusives */
        bool o2 = (w >> 23) & 1, o1 = (w >> 21) & 1;
        if (o2) {
            return false;
        }
        if (l) {
            return o1 && rt == rt2;
        }
        return rs == rt || (o1 && rs == rt2) || (rn != 31 && rs == rn);
    }
    return false;
}

/* Single-register load-acquire/store-release: Rs and Rt2 are (1) fields
 * ("should be one", CONSTRAINED UNPREDICTABLE otherwise); binutils 2.40
 * rejects LDAR/STLR with other values, capstone and armlet ignore them. */
static bool ldar_sbo_fields(uint32_t w)
{
    return (w & 0x3fa08000u) == 0x08808000u &&       /* o2 = 1, o1 = 0, o0 = 1 */
           (rf(w, 16) != 31 || rf(w, 10) != 31);
}

/* Both oracles decode the unallocated part of the system class with op0 =
 * 00 (Arm ARM C4.1 "System": with op0 = 00 only HINT, the barriers and MSR
 * (immediate) are allocated, all with L = 0; MRS/MSR need op0 = 1x) as
 * MRS/MSR of an "s3_..."/"s0_..." register. */
static bool sys_op0_00(uint32_t w)
{
    return (w & 0xffd80000u) == 0xd5000000u;
}

/* capstone rejects the unprivileged loads (LDTR*, bits 11:10 = 10) when Rn
 * == Rt, as if they wrote back; C6.2 LDTR has no writeback and no such
 * rule. */
static bool capstone_unpriv_rn_rt(uint32_t w)
{
    return (w & 0x3f200c00u) == 0x38000800u && rf(w, 0) == rf(w, 5);
}

/* capstone rejects DUP (general) with imm5 bits set above the lowest one
 * and INS (element) with imm4 bits set below the index; C6.2 DUP (general)
 * and INS (element) mark those bits "x" (size = LowestSetBit(imm5), index =
 * imm4<3:size>), and objdump decodes them. */
static bool capstone_dup_ins_x_bits(uint32_t w)
{
    unsigned imm5 = (w >> 16) & 31, imm4 = (w >> 11) & 15;

    if ((w & 0xbfe0fc00u) == 0x0e000c00u) {          /* DUP (general) */
        return (imm5 & (imm5 - 1)) != 0;
    }
    if ((w & 0xffe08400u) == 0x6e000400u && imm5) {  /* INS (element) */
        return (imm4 & ((imm5 & -imm5) - 1)) != 0;
    }
    return false;
}

/* Where an oracle disagrees with the Arm ARM. */
typedef struct Quirk {
    bool (*match)(uint32_t w);
    bool capstone, objdump; /* which oracle it applies to */
} Quirk;

static const Quirk oracle_quirks[] = {
    { cu_register_overlap, true, true },
    { ldar_sbo_fields, false, true },
    { sys_op0_00, true, true },
    { capstone_unpriv_rn_rt, true, false },
    { capstone_dup_ins_x_bits, true, false },
    { NULL, false, false },
};

static const Quirk *find_quirk(uint32_t w, bool capstone)
{
    for (size_t i = 0; oracle_quirks[i].match; i++) {
        const Quirk *q = &oracle_quirks[i];
        if ((capstone ? q->capstone : q->objdump) && q->match(w)) {
            return q;
        }
    }
    return NULL;
}

/* The mnemonics (with aliases) each handler may be disassembled as; "x*"
 * matches any mnemonic starting with x, "*" anything. Catches a word that
 * both sides accept but armlet routes to the wrong handler. */
static const char *const handler_mnemonics[][2] = {
    { "ADR", "adr" }, { "ADRP", "adrp" },
    { "ADD_i", "add mov" }, { "ADDS_i", "adds cmn" }, { "SUB_i", "sub" },
    { "SUBS_i", "subs cmp" }, { "AND_i", "and" }, { "ORR_i", "orr mov" },
    { "EOR_i", "eor" }, { "ANDS_i", "ands tst" }, { "MOVN", "movn mov" },
    { "MOVZ", "movz mov" }, { "MOVK", "movk" },
    { "SBFM", "sbfm asr sbfiz sbfx sxtb sxth sxtw" },
    { "BFM", "bfm bfi bfxil bfc" },
    { "UBFM", "ubfm lsl lsr ubfiz ubfx uxtb uxth" }, { "EXTR", "extr ror" },
    { "B", "b" }, { "BL", "bl" }, { "B_cond", "b.*" }, { "CBZ", "cbz" },
    { "CBNZ", "cbnz" }, { "TBZ", "tbz" }, { "TBNZ", "tbnz" },
    { "SVC", "svc" }, { "HVC", "hvc" }, { "SMC", "smc" }, { "BRK", "brk" },
    { "HLT", "hlt" }, { "DCPS1", "dcps1" }, { "DCPS2", "dcps2" },
    { "DCPS3", "dcps3" }, { "NOP", "nop" }, { "YIELD", "yield" },
    { "WFE", "wfe" }, { "WFI", "wfi" }, { "SEV", "sev" }, { "SEVL", "sevl" },
    { "HINT", "*" }, { "CLREX", "clrex" }, { "DSB", "dsb ssbb pssbb" },
    { "DMB", "dmb" }, { "ISB", "isb" }, { "MSR_i_SPSEL", "msr" },
    { "MSR_i_DAIFSET", "msr" }, { "MSR_i_DAIFCLR", "msr" },
    { "MSR_i_other", "msr cfinv xaflag axflag smstart smstop" },
    { "SYS", "*" }, { "SYSL", "*" }, { "MSR_r", "msr" }, { "MRS", "mrs" },
    { "BR", "br" }, { "BLR", "blr" }, { "RET", "ret" }, { "ERET", "eret" },
    { "DRPS", "drps" }, { "STXR", "stxr*" }, { "STLXR", "stlxr*" },
    { "LDXR", "ldxr*" }, { "LDAXR", "ldaxr*" }, { "STLR", "stlr*" },
    { "LDAR", "ldar*" }, { "STXP", "stxp" }, { "STLXP", "stlxp" },
    { "LDXP", "ldxp" }, { "LDAXP", "ldaxp" }, { "CAS", "cas*" },
    { "CASP", "casp*" }, { "LDR_lit", "ldr" }, { "LDRSW_lit", "ldrsw" },
    { "PRFM_lit", "prfm" }, { "STNP", "stnp" }, { "LDNP", "ldnp" },
    { "STP", "stp" }, { "LDP", "ldp" }, { "LDPSW", "ldpsw" },
    { "STUR", "stur sturb sturh" }, { "LDUR", "ldur ldurb ldurh" },
    { "PRFUM", "prfum" }, { "LDURS", "ldursb ldursh ldursw" },
    { "STR_i", "str strb strh" }, { "LDR_i", "ldr ldrb ldrh" },
    { "LDRS_i", "ldrsb ldrsh ldrsw" }, { "STTR", "sttr sttrb sttrh" },
    { "LDTR", "ldtr ldtrb ldtrh" }, { "LDTRS", "ldtrsb ldtrsh ldtrsw" },
    { "STR_ui", "str strb strh" }, { "LDR_ui", "ldr ldrb ldrh" },
    { "PRFM_ui", "prfm" }, { "LDRS_ui", "ldrsb ldrsh ldrsw" },
    { "STR_r", "str strb strh" }, { "LDR_r", "ldr ldrb ldrh" },
    { "PRFM_r", "prfm" }, { "LDRS_r", "ldrsb ldrsh ldrsw" },
    { "LDADD", "ldadd* stadd*" }, { "LDCLR", "ldclr* stclr*" },
    { "LDEOR", "ldeor* steor*" }, { "LDSET", "ldset* stset*" },
    { "LDSMAX", "ldsmax* stsmax*" }, { "LDSMIN", "ldsmin* stsmin*" },
    { "LDUMAX", "ldumax* stumax*" }, { "LDUMIN", "ldumin* stumin*" },
    { "SWP", "swp*" }, { "AND_r", "and" }, { "BIC_r", "bic" },
    { "ORR_r", "orr mov" }, { "ORN_r", "orn mvn" }, { "EOR_r", "eor" },
    { "EON_r", "eon" }, { "ANDS_r", "ands tst" }, { "BICS_r", "bics" },
    { "ADD_r", "add" }, { "ADDS_r", "adds cmn" }, { "SUB_r", "sub neg" },
    { "SUBS_r", "subs cmp negs" }, { "ADD_x", "add" }, { "ADDS_x", "adds cmn" },
    { "SUB_x", "sub" }, { "SUBS_x", "subs cmp" }, { "ADC", "adc" },
    { "ADCS", "adcs" }, { "SBC", "sbc ngc" }, { "SBCS", "sbcs ngcs" },
    { "CCMN_r", "ccmn" }, { "CCMP_r", "ccmp" }, { "CCMN_i", "ccmn" },
    { "CCMP_i", "ccmp" }, { "CSEL", "csel" }, { "CSINC", "csinc cinc cset" },
    { "CSINV", "csinv cinv csetm" }, { "CSNEG", "csneg cneg" },
    { "MADD", "madd mul" }, { "MSUB", "msub mneg" },
    { "SMADDL", "smaddl smull" }, { "SMSUBL", "smsubl smnegl" },
    { "SMULH", "smulh" }, { "UMADDL", "umaddl umull" },
    { "UMSUBL", "umsubl umnegl" }, { "UMULH", "umulh" }, { "UDIV", "udiv" },
    { "SDIV", "sdiv" }, { "LSLV", "lslv lsl" }, { "LSRV", "lsrv lsr" },
    { "ASRV", "asrv asr" }, { "RORV", "rorv ror" },
    { "CRC32", "crc32b crc32h crc32w crc32x" },
    { "CRC32C", "crc32cb crc32ch crc32cw crc32cx" }, { "RBIT", "rbit" },
    { "REV16", "rev16" }, { "REV", "rev" }, { "REV32", "rev32" },
    { "CLZ", "clz" }, { "CLS", "cls" },
    { "LDR_v_lit", "ldr" }, { "STNP_v", "stnp" }, { "LDNP_v", "ldnp" },
    { "STP_v", "stp" }, { "LDP_v", "ldp" }, { "STUR_v", "stur" },
    { "LDUR_v", "ldur" }, { "STR_v_i", "str" }, { "LDR_v_i", "ldr" },
    { "STR_v_ui", "str" }, { "LDR_v_ui", "ldr" }, { "STR_v_r", "str" },
    { "LDR_v_r", "ldr" }, { "ST1_m", "st1" }, { "ST2_m", "st2" }, { "ST3_m", "st3" },
    { "ST4_m", "st4" }, { "LD1_m", "ld1" }, { "LD2_m", "ld2" }, { "LD3_m", "ld3" },
    { "LD4_m", "ld4" }, { "ST1_s", "st1" }, { "ST2_s", "st2" }, { "ST3_s", "st3" },
    { "ST4_s", "st4" }, { "LD1_s", "ld1" }, { "LD2_s", "ld2" }, { "LD3_s", "ld3" },
    { "LD4_s", "ld4" }, { "LD1R", "ld1r" }, { "LD2R", "ld2r" }, { "LD3R", "ld3r" },
    { "LD4R", "ld4r" }, { "AESE", "aese" }, { "AESD", "aesd" }, { "AESMC", "aesmc" },
    { "AESIMC", "aesimc" }, { "SHA1C", "sha1c" }, { "SHA1P", "sha1p" },
    { "SHA1M", "sha1m" }, { "SHA1SU0", "sha1su0" }, { "SHA256H", "sha256h" },
    { "SHA256H2", "sha256h2" }, { "SHA256SU1", "sha256su1" }, { "SHA1H", "sha1h" },
    { "SHA1SU1", "sha1su1" }, { "SHA256SU0", "sha256su0" },
    /* a64-fp.decode */
    { "FMOV_r", "fmov" }, { "FABS", "fabs" }, { "FNEG", "fneg" }, { "FSQRT", "fsqrt" },
    { "FCVT", "fcvt" }, { "FRINT", "frintn frintp frintm frintz frinta frintx frinti" },
    { "FMUL", "fmul" }, { "FDIV", "fdiv" }, { "FADD", "fadd" }, { "FSUB", "fsub" },
    { "FMAX", "fmax" }, { "FMIN", "fmin" }, { "FMAXNM", "fmaxnm" }, { "FMINNM", "fminnm" },
    { "FNMUL", "fnmul" }, { "FMADD", "fmadd" }, { "FMSUB", "fmsub" }, { "FNMADD", "fnmadd" },
    { "FNMSUB", "fnmsub" }, { "FCMP", "fcmp fcmpe" }, { "FCCMP", "fccmp fccmpe" },
    { "FCSEL", "fcsel" }, { "FMOV_i", "fmov" }, { "FCVTZ_fix", "fcvtzs fcvtzu" },
    { "CVTF_fix", "scvtf ucvtf" },
    { "FCVT_int", "fcvtns fcvtnu fcvtps fcvtpu fcvtms fcvtmu fcvtzs fcvtzu" },
    { "CVTF_int", "scvtf ucvtf" }, { "FCVTA_int", "fcvtas fcvtau" }, { "FMOV_g", "fmov" },
    /* a64-simd-arith.decode */
    { "SHADD_v", "shadd" }, { "UHADD_v", "uhadd" }, { "SQADD_v", "sqadd" },
    { "UQADD_v", "uqadd" }, { "SRHADD_v", "srhadd" }, { "URHADD_v", "urhadd" },
    { "AND_v", "and" }, { "BIC_v", "bic" }, { "ORR_v", "orr mov" }, { "ORN_v", "orn" },
    { "EOR_v", "eor" }, { "BSL_v", "bsl" }, { "BIT_v", "bit" }, { "BIF_v", "bif" },
    { "SHSUB_v", "shsub" }, { "UHSUB_v", "uhsub" }, { "SQSUB_v", "sqsub" },
    { "UQSUB_v", "uqsub" }, { "CMGT_v", "cmgt" }, { "CMHI_v", "cmhi" }, { "CMGE_v", "cmge" },
    { "CMHS_v", "cmhs" }, { "SSHL_v", "sshl" }, { "USHL_v", "ushl" }, { "SQSHL_v", "sqshl" },
    { "UQSHL_v", "uqshl" }, { "SRSHL_v", "srshl" }, { "URSHL_v", "urshl" },
    { "SQRSHL_v", "sqrshl" }, { "UQRSHL_v", "uqrshl" }, { "SMAX_v", "smax" },
    { "UMAX_v", "umax" }, { "SMIN_v", "smin" }, { "UMIN_v", "umin" }, { "SABD_v", "sabd" },
    { "UABD_v", "uabd" }, { "SABA_v", "saba" }, { "UABA_v", "uaba" }, { "ADD_v", "add" },
    { "SUB_v", "sub" }, { "CMTST_v", "cmtst" }, { "CMEQ_v", "cmeq" }, { "MLA_v", "mla" },
    { "MLS_v", "mls" }, { "MUL_v", "mul" }, { "PMUL_v", "pmul" }, { "SMAXP_v", "smaxp" },
    { "UMAXP_v", "umaxp" }, { "SMINP_v", "sminp" }, { "UMINP_v", "uminp" },
    { "SQDMULH_v", "sqdmulh" }, { "SQRDMULH_v", "sqrdmulh" }, { "ADDP_v", "addp" },
    { "SQADD_s", "sqadd" }, { "UQADD_s", "uqadd" }, { "SQSUB_s", "sqsub" },
    { "UQSUB_s", "uqsub" }, { "CMGT_s", "cmgt" }, { "CMHI_s", "cmhi" }, { "CMGE_s", "cmge" },
    { "CMHS_s", "cmhs" }, { "SSHL_s", "sshl" }, { "USHL_s", "ushl" }, { "SQSHL_s", "sqshl" },
    { "UQSHL_s", "uqshl" }, { "SRSHL_s", "srshl" }, { "URSHL_s", "urshl" },
    { "SQRSHL_s", "sqrshl" }, { "UQRSHL_s", "uqrshl" }, { "ADD_s", "add" }, { "SUB_s", "sub" },
    { "CMTST_s", "cmtst" }, { "CMEQ_s", "cmeq" }, { "SQDMULH_s", "sqdmulh" },
    { "SQRDMULH_s", "sqrdmulh" }, { "SADDL_v", "saddl saddl2" }, { "UADDL_v", "uaddl uaddl2" },
    { "SADDW_v", "saddw saddw2" }, { "UADDW_v", "uaddw uaddw2" }, { "SSUBL_v", "ssubl ssubl2" },
    { "USUBL_v", "usubl usubl2" }, { "SSUBW_v", "ssubw ssubw2" }, { "USUBW_v", "usubw usubw2" },
    { "ADDHN_v", "addhn addhn2" }, { "RADDHN_v", "raddhn raddhn2" },
    { "SABAL_v", "sabal sabal2" }, { "UABAL_v", "uabal uabal2" }, { "SUBHN_v", "subhn subhn2" },
    { "RSUBHN_v", "rsubhn rsubhn2" }, { "SABDL_v", "sabdl sabdl2" },
    { "UABDL_v", "uabdl uabdl2" }, { "SMLAL_v", "smlal smlal2" }, { "UMLAL_v", "umlal umlal2" },
    { "SQDMLAL_v", "sqdmlal sqdmlal2" }, { "SMLSL_v", "smlsl smlsl2" },
    { "UMLSL_v", "umlsl umlsl2" }, { "SQDMLSL_v", "sqdmlsl sqdmlsl2" },
    { "SMULL_v", "smull smull2" }, { "UMULL_v", "umull umull2" },
    { "SQDMULL_v", "sqdmull sqdmull2" }, { "PMULL_v", "pmull pmull2" },
    { "SQDMLAL_s", "sqdmlal" }, { "SQDMLSL_s", "sqdmlsl" }, { "SQDMULL_s", "sqdmull" },
    { "MLA_ve", "mla" }, { "SMLAL_ve", "smlal smlal2" }, { "UMLAL_ve", "umlal umlal2" },
    { "SQDMLAL_ve", "sqdmlal sqdmlal2" }, { "MLS_ve", "mls" }, { "SMLSL_ve", "smlsl smlsl2" },
    { "UMLSL_ve", "umlsl umlsl2" }, { "SQDMLSL_ve", "sqdmlsl sqdmlsl2" }, { "MUL_ve", "mul" },
    { "SMULL_ve", "smull smull2" }, { "UMULL_ve", "umull umull2" },
    { "SQDMULL_ve", "sqdmull sqdmull2" }, { "SQDMULH_ve", "sqdmulh" },
    { "SQRDMULH_ve", "sqrdmulh" }, { "SQDMLAL_se", "sqdmlal" }, { "SQDMLSL_se", "sqdmlsl" },
    { "SQDMULL_se", "sqdmull" }, { "SQDMULH_se", "sqdmulh" }, { "SQRDMULH_se", "sqrdmulh" },
    /* a64-simd-misc.decode */
    { "REV64_v", "rev64" }, { "REV16_v", "rev16" }, { "SADDLP", "saddlp" },
    { "SUQADD_v", "suqadd" }, { "CLS_v", "cls" }, { "CNT_v", "cnt" }, { "SADALP", "sadalp" },
    { "SQABS_v", "sqabs" }, { "CMGT_zv", "cmgt" }, { "CMEQ_zv", "cmeq" }, { "CMLT_zv", "cmlt" },
    { "ABS_v", "abs" }, { "XTN", "xtn xtn2" }, { "SQXTN_v", "sqxtn sqxtn2" },
    { "REV32_v", "rev32" }, { "UADDLP", "uaddlp" }, { "USQADD_v", "usqadd" },
    { "CLZ_v", "clz" }, { "NOT_v", "not mvn" }, { "RBIT_v", "rbit" }, { "UADALP", "uadalp" },
    { "SQNEG_v", "sqneg" }, { "CMGE_zv", "cmge" }, { "CMLE_zv", "cmle" }, { "NEG_v", "neg" },
    { "SQXTUN_v", "sqxtun sqxtun2" }, { "SHLL", "shll shll2" }, { "UQXTN_v", "uqxtn uqxtn2" },
    { "SUQADD_s", "suqadd" }, { "SQABS_s", "sqabs" }, { "CMGT_zs", "cmgt" },
    { "CMEQ_zs", "cmeq" }, { "CMLT_zs", "cmlt" }, { "ABS_s", "abs" }, { "SQXTN_s", "sqxtn" },
    { "USQADD_s", "usqadd" }, { "SQNEG_s", "sqneg" }, { "CMGE_zs", "cmge" },
    { "CMLE_zs", "cmle" }, { "NEG_s", "neg" }, { "SQXTUN_s", "sqxtun" }, { "UQXTN_s", "uqxtn" },
    { "SADDLV", "saddlv" }, { "SMAXV", "smaxv" }, { "SMINV", "sminv" }, { "ADDV", "addv" },
    { "UADDLV", "uaddlv" }, { "UMAXV", "umaxv" }, { "UMINV", "uminv" }, { "ADDP_s", "addp" },
    { "MOVI_v", "movi" }, { "MVNI_v", "mvni" }, { "ORR_vi", "orr" }, { "BIC_vi", "bic" },
    { "FMOV_vi", "fmov" }, { "SSHR_v", "sshr" }, { "SSRA_v", "ssra" }, { "SRSHR_v", "srshr" },
    { "SRSRA_v", "srsra" }, { "SHL_v", "shl" }, { "SQSHL_iv", "sqshl" },
    { "SHRN", "shrn shrn2" }, { "RSHRN", "rshrn rshrn2" }, { "SQSHRN_v", "sqshrn sqshrn2" },
    { "SQRSHRN_v", "sqrshrn sqrshrn2" }, { "SSHLL", "sshll sshll2 sxtl sxtl2" },
    { "USHR_v", "ushr" }, { "USRA_v", "usra" }, { "URSHR_v", "urshr" }, { "URSRA_v", "ursra" },
    { "SRI_v", "sri" }, { "SLI_v", "sli" }, { "SQSHLU_v", "sqshlu" }, { "UQSHL_iv", "uqshl" },
    { "SQSHRUN_v", "sqshrun sqshrun2" }, { "SQRSHRUN_v", "sqrshrun sqrshrun2" },
    { "UQSHRN_v", "uqshrn uqshrn2" }, { "UQRSHRN_v", "uqrshrn uqrshrn2" },
    { "USHLL", "ushll ushll2 uxtl uxtl2" }, { "SSHR_s", "sshr" }, { "SSRA_s", "ssra" },
    { "SRSHR_s", "srshr" }, { "SRSRA_s", "srsra" }, { "SHL_s", "shl" }, { "SQSHL_is", "sqshl" },
    { "SQSHRN_s", "sqshrn" }, { "SQRSHRN_s", "sqrshrn" }, { "USHR_s", "ushr" },
    { "USRA_s", "usra" }, { "URSHR_s", "urshr" }, { "URSRA_s", "ursra" }, { "SRI_s", "sri" },
    { "SLI_s", "sli" }, { "SQSHLU_s", "sqshlu" }, { "UQSHL_is", "uqshl" },
    { "SQSHRUN_s", "sqshrun" }, { "SQRSHRUN_s", "sqrshrun" }, { "UQSHRN_s", "uqshrn" },
    { "UQRSHRN_s", "uqrshrn" }, { "DUP_elem", "dup" }, { "DUP_gen", "dup" },
    { "INS_gen", "ins mov" }, { "SMOV", "smov" }, { "UMOV", "umov mov" },
    { "INS_elem", "ins mov" }, { "DUP_elem_s", "dup mov" }, { "UZP1", "uzp1" },
    { "TRN1", "trn1" }, { "ZIP1", "zip1" }, { "UZP2", "uzp2" }, { "TRN2", "trn2" },
    { "ZIP2", "zip2" }, { "EXT_v", "ext" }, { "TBL", "tbl" }, { "TBX", "tbx" },
    /* a64-simd-fp.decode */
    { "FMAXNM_v", "fmaxnm" }, { "FMLA_v", "fmla" }, { "FADD_v", "fadd" },
    { "FMULX_v", "fmulx" }, { "FCMEQ_v", "fcmeq" }, { "FMAX_v", "fmax" },
    { "FRECPS_v", "frecps" }, { "FMINNM_v", "fminnm" }, { "FMLS_v", "fmls" },
    { "FSUB_v", "fsub" }, { "FMIN_v", "fmin" }, { "FRSQRTS_v", "frsqrts" },
    { "FMAXNMP_v", "fmaxnmp" }, { "FADDP_v", "faddp" }, { "FMUL_v", "fmul" },
    { "FCMGE_v", "fcmge" }, { "FACGE_v", "facge" }, { "FMAXP_v", "fmaxp" },
    { "FDIV_v", "fdiv" }, { "FMINNMP_v", "fminnmp" }, { "FABD_v", "fabd" },
    { "FCMGT_v", "fcmgt" }, { "FACGT_v", "facgt" }, { "FMINP_v", "fminp" },
    { "FMULX_s", "fmulx" }, { "FCMEQ_s", "fcmeq" }, { "FRECPS_s", "frecps" },
    { "FRSQRTS_s", "frsqrts" }, { "FCMGE_s", "fcmge" }, { "FACGE_s", "facge" },
    { "FABD_s", "fabd" }, { "FCMGT_s", "fcmgt" }, { "FACGT_s", "facgt" },
    { "FCVTN", "fcvtn fcvtn2" }, { "FCVTL", "fcvtl fcvtl2" }, { "FRINTN_v", "frintn" },
    { "FRINTM_v", "frintm" }, { "FCVTNS_v", "fcvtns" }, { "FCVTMS_v", "fcvtms" },
    { "FCVTAS_v", "fcvtas" }, { "SCVTF_v", "scvtf" }, { "FCMGT_zv", "fcmgt" },
    { "FCMEQ_zv", "fcmeq" }, { "FCMLT_zv", "fcmlt" }, { "FABS_v", "fabs" },
    { "FRINTP_v", "frintp" }, { "FRINTZ_v", "frintz" }, { "FCVTPS_v", "fcvtps" },
    { "FCVTZS_v", "fcvtzs" }, { "URECPE", "urecpe" }, { "FRECPE_v", "frecpe" },
    { "FCVTXN_v", "fcvtxn fcvtxn2" }, { "FRINTA_v", "frinta" }, { "FRINTX_v", "frintx" },
    { "FCVTNU_v", "fcvtnu" }, { "FCVTMU_v", "fcvtmu" }, { "FCVTAU_v", "fcvtau" },
    { "UCVTF_v", "ucvtf" }, { "FCMGE_zv", "fcmge" }, { "FCMLE_zv", "fcmle" },
    { "FNEG_v", "fneg" }, { "FRINTI_v", "frinti" }, { "FCVTPU_v", "fcvtpu" },
    { "FCVTZU_v", "fcvtzu" }, { "URSQRTE", "ursqrte" }, { "FRSQRTE_v", "frsqrte" },
    { "FSQRT_v", "fsqrt" }, { "FCVTNS_s", "fcvtns" }, { "FCVTMS_s", "fcvtms" },
    { "FCVTAS_s", "fcvtas" }, { "SCVTF_s", "scvtf" }, { "FCMGT_zs", "fcmgt" },
    { "FCMEQ_zs", "fcmeq" }, { "FCMLT_zs", "fcmlt" }, { "FCVTPS_s", "fcvtps" },
    { "FCVTZS_s", "fcvtzs" }, { "FRECPE_s", "frecpe" }, { "FRECPX", "frecpx" },
    { "FCVTXN_s", "fcvtxn" }, { "FCVTNU_s", "fcvtnu" }, { "FCVTMU_s", "fcvtmu" },
    { "FCVTAU_s", "fcvtau" }, { "UCVTF_s", "ucvtf" }, { "FCMGE_zs", "fcmge" },
    { "FCMLE_zs", "fcmle" }, { "FCVTPU_s", "fcvtpu" }, { "FCVTZU_s", "fcvtzu" },
    { "FRSQRTE_s", "frsqrte" }, { "FMAXNMV", "fmaxnmv" }, { "FMAXV", "fmaxv" },
    { "FMINNMV", "fminnmv" }, { "FMINV", "fminv" }, { "FMAXNMP_s", "fmaxnmp" },
    { "FADDP_s", "faddp" }, { "FMAXP_s", "fmaxp" }, { "FMINNMP_s", "fminnmp" },
    { "FMINP_s", "fminp" }, { "FMLA_ve", "fmla" }, { "FMLS_ve", "fmls" }, { "FMUL_ve", "fmul" },
    { "FMULX_ve", "fmulx" }, { "FMLA_se", "fmla" }, { "FMLS_se", "fmls" },
    { "FMUL_se", "fmul" }, { "FMULX_se", "fmulx" }, { "SCVTF_fv", "scvtf" },
    { "FCVTZS_fv", "fcvtzs" }, { "UCVTF_fv", "ucvtf" }, { "FCVTZU_fv", "fcvtzu" },
    { "SCVTF_fs", "scvtf" }, { "FCVTZS_fs", "fcvtzs" }, { "UCVTF_fs", "ucvtf" },
    { "FCVTZU_fs", "fcvtzu" },
};

/* NULL when the mnemonic fits the handler, else the allowed list. */
static const char *mnemonic_mismatch(const char *handler, const char *mn)
{
    for (size_t i = 0; i < sizeof handler_mnemonics / sizeof handler_mnemonics[0]; i++) {
        const char *list = handler_mnemonics[i][1], *p = list;
        if (strcmp(handler_mnemonics[i][0], handler) != 0) {
            continue;
        }
        while (*p) {
            size_t n = strcspn(p, " ");
            if (p[n - 1] == '*' ? strncmp(mn, p, n - 1) == 0
                                : strlen(mn) == n && strncmp(mn, p, n) == 0) {
                return NULL;
            }
            p += n + (p[n] == ' ');
        }
        return list;
    }
    return "(handler missing from handler_mnemonics)";
}

typedef struct Stats {
    unsigned swept, fpsimd, oracle_acc, armlet_acc, agree_acc, agree_rej;
    unsigned lse_only, later_ext, quirks, mismatches;
} Stats;

static void report(const char *oracle, const Stats *st)
{
    if (verbose() || st->mismatches) {
        fprintf(stderr, "  %s: %u words (%u FP/SIMD data processing); oracle accepted %u, "
                "armlet %u; agreed %u accepted + %u rejected; LSE unknown to "
                "oracle %u, later extensions %u, oracle quirks %u, mismatches %u\n",
                oracle, st->swept, st->fpsimd, st->oracle_acc, st->armlet_acc,
                st->agree_acc, st->agree_rej, st->lse_only, st->later_ext,
                st->quirks, st->mismatches);
    }
}

/* Compare one verdict; the oracle accepted iff mn != NULL. */
static void judge(Stats *st, uint32_t w, const char *mn, const char *ops,
                  bool capstone)
{
    const char *name = a64_decode_name(w);
    const Quirk *q;

    st->swept++;
    st->fpsimd += is_fpsimd(w);
    st->oracle_acc += mn != NULL;
    st->armlet_acc += name != NULL;
    if (mn && name) {
        const char *want = mnemonic_mismatch(name, mn);
        if (!want) {
            st->agree_acc++;
            return;
        }
        st->mismatches++;
        if (st->mismatches <= MAX_REPORT) {
            fprintf(stderr, "  %08x: %s says \"%s %s\", armlet says %s (expects %s)\n",
                    w, capstone ? "capstone" : "objdump", mn, ops, name, want);
        }
        return;
    }
    if (!mn && !name) {
        st->agree_rej++;
        return;
    }
    if (name && capstone && is_lse(name)) {
        st->lse_only++;
        return;
    }
    if (mn && (is_later_extension(w, mn, ops) || is_sve_sme(w))) {
        st->later_ext++;
        return;
    }
    q = find_quirk(w, capstone);
    if (q) {
        st->quirks++;
        return;
    }
    st->mismatches++;
    if (st->mismatches <= MAX_REPORT) {
        fprintf(stderr, "  %08x: %s says \"%s%s%s\", armlet says %s\n", w,
                capstone ? "capstone" : "objdump", mn ? mn : "(undefined)",
                mn ? " " : "", mn ? ops : "", name ? name : "(unallocated)");
    }
}

/* Random words from the whole space, then words matching each table entry's
 * fixed bits with random other bits, and their one-bit neighbours. */
static uint32_t *make_words(unsigned nrandom, unsigned per_entry, size_t *count)
{
    unsigned n = (unsigned)a64_decode_entries();
    size_t cap = nrandom + (size_t)n * per_entry * 2, k = 0;
    uint32_t *w = malloc(cap * sizeof *w);

    CHECK(w != NULL);
    for (unsigned i = 0; i < nrandom; i++) {
        w[k++] = rng32();
    }
    for (unsigned e = 0; e < n; e++) {
        uint32_t mask, value;
        CHECK(a64_decode_entry_pattern((int)e, &mask, &value));
        for (unsigned i = 0; i < per_entry; i++) {
            uint32_t x = (rng32() & ~mask) | value, bit;
            w[k++] = x;
            do {
                bit = 1u << (rng32() & 31);
            } while (!(mask & bit));
            w[k++] = x ^ bit;
        }
    }
    *count = k;
    return w;
}

TEST(capstone_agrees)
{
    csh h;
    cs_insn *insn;
    Stats st = { 0 };
    size_t n;
    uint32_t *words = make_words(sweep_words(), TARGETED_PER_ENTRY, &n);

    CHECK_EQ(cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &h), CS_ERR_OK);
    insn = cs_malloc(h);
    for (size_t i = 0; i < n; i++) {
        const uint8_t *code = (const uint8_t *)&words[i];
        size_t size = 4;
        uint64_t addr = 0;
        bool ok = cs_disasm_iter(h, &code, &size, &addr, insn);
        judge(&st, words[i], ok ? insn->mnemonic : NULL, ok ? insn->op_str : "",
              true);
    }
    cs_free(insn, 1);
    cs_close(&h);
    free(words);
    report("capstone", &st);
    CHECK(st.agree_acc > 0 && st.agree_rej > 0);
    CHECK_EQ(st.mismatches, 0);
}

#define OBJDUMP "aarch64-linux-gnu-objdump"

TEST(objdump_agrees)
{
    char path[4096], cmd[8192], line[512];
    Stats st = { 0 };
    size_t n, next = 0;
    uint32_t *words;
    FILE *f, *p;

    if (system("command -v " OBJDUMP " >/dev/null 2>&1") != 0) {
        fprintf(stderr, "  (no %s: objdump comparison skipped)\n", OBJDUMP);
        return;
    }
    words = make_words(sweep_words() / 16, TARGETED_PER_ENTRY / 2, &n);
    snprintf(path, sizeof path, "%s/words.bin", test_tmpdir());
    f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK_EQ(fwrite(words, 4, n, f), n);
    CHECK_EQ(fclose(f), 0);
    snprintf(cmd, sizeof cmd, OBJDUMP " -D -z -b binary -m aarch64 %s", path);
    p = popen(cmd, "r");
    CHECK(p != NULL);
    while (fgets(line, sizeof line, p)) {
        unsigned long off;
        unsigned word;
        char mn[64] = "", ops[256] = "";
        int fields = sscanf(line, " %lx:\t%x \t%63s %255[^\n]", &off, &word, mn, ops);
        if (fields < 3 || off % 4 || off / 4 != next || word != words[next]) {
            continue;
        }
        next++;
        bool undef = strcmp(mn, ".inst") == 0 || strcmp(mn, "udf") == 0;
        judge(&st, word, undef ? NULL : mn, ops, false);
    }
    CHECK_EQ(pclose(p), 0);
    free(words);
    report("objdump", &st);
    CHECK_EQ(next, n);
    CHECK(st.agree_acc > 0 && st.agree_rej > 0);
    CHECK_EQ(st.mismatches, 0);
}
