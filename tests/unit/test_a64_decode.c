/* The A64 decoder on hand-encoded words. Each word below was assembled by
 * hand from the encoding diagrams of the Arm ARM (DDI 0487, C4.1 and the
 * C6.2 instruction pages); the comment gives the instruction. */
#include "tests/unit/test.h"

#include "target-arm/a64-decode.h"

#include <stdlib.h>

/* The generated dispatcher, with the handler call replaced by a recorder so
 * the extracted argument structs can be checked before the translators
 * exist. */
static const char *called;
static union {
    int64_t align;
    unsigned char bytes[256];
} argbuf;

static bool record(const char *name, const void *a, size_t n)
{
    called = name;
    memset(&argbuf, 0xa5, sizeof argbuf);
    memcpy(argbuf.bytes, a, n);
    return true;
}

#define A64_CALL(name, argtype, s, a) record(#name, a, sizeof(argtype))
#define A64_DECODE_FN test_decode
static bool test_decode(DisasContext *s, uint32_t insn);
#include "target-arm/a64-decode-dispatch.inc"

/* Decode insn, expect handler name, and view the arguments as type T. */
#define DECODE(insn, name, T) ((const T *)decode_as((insn), (name)))

static const void *decode_as(uint32_t insn, const char *name)
{
    called = NULL;
    if (!test_decode(NULL, insn)) {
        test_failed(__FILE__, __LINE__, "%08x: not decoded, expected %s", insn, name);
    }
    CHECK_STREQ(called, name);
    CHECK_STREQ(a64_decode_name(insn), name);
    return argbuf.bytes;
}

typedef struct Known {
    uint32_t insn;
    const char *name; /* NULL: unallocated */
} Known;

static const Known known[] = {
    { 0x8b020020, "ADD_r" },     /* add x0, x1, x2 */
    { 0x91000420, "ADD_i" },     /* add x0, x1, #1 */
    { 0xf1000c3f, "SUBS_i" },    /* cmp x1, #3 */
    { 0x14000001, "B" },         /* b .+4 */
    { 0x97ffffff, "BL" },        /* bl .-4 */
    { 0x54000041, "B_cond" },    /* b.ne .+8 */
    { 0xb4ffffc3, "CBZ" },       /* cbz x3, .-8 */
    { 0x36180065, "TBZ" },       /* tbz w5, #3, .+12 */
    { 0xb70fffe7, "TBNZ" },      /* tbnz x7, #33, .-4 */
    { 0x58ffffe1, "LDR_lit" },   /* ldr x1, .-4 */
    { 0x98000043, "LDRSW_lit" }, /* ldrsw x3, .+8 */
    { 0xd8000020, "PRFM_lit" },  /* prfm pldl1keep, .+4 */
    { 0xf0ffffe0, "ADRP" },      /* adrp x0, .-4096 */
    { 0x30000001, "ADR" },       /* adr x1, .+1 */
    { 0x92401c20, "AND_i" },     /* and x0, x1, #0xff */
    { 0x3200f3e0, "ORR_i" },     /* orr w0, wzr, #0x55555555 */
    { 0xd2e00020, "MOVZ" },      /* movz x0, #1, lsl #48 */
    { 0x92800000, "MOVN" },      /* movn x0, #0 */
    { 0xd344fc20, "UBFM" },      /* lsr x0, x1, #4 */
    { 0x93c22020, "EXTR" },      /* extr x0, x1, x2, #8 */
    { 0xf8627820, "LDR_r" },     /* ldr x0, [x1, x2, lsl #3] */
    { 0x69410440, "LDPSW" },     /* ldpsw x0, x1, [x2, #8] */
    { 0xa9bf7bfd, "STP" },       /* stp x29, x30, [sp, #-16]! */
    { 0x28ff0440, "LDP" },       /* ldp w0, w1, [x2], #-8 */
    { 0xa8400440, "LDNP" },      /* ldnp x0, x1, [x2] */
    { 0xc8240440, "STXP" },      /* stxp w4, x0, x1, [x2] */
    { 0xc85f7c20, "LDXR" },      /* ldxr x0, [x1] */
    { 0x889ffc41, "STLR" },      /* stlr w1, [x2] */
    { 0x48207c82, "CASP" },      /* casp x0, x1, x2, x3, [x4] */
    { 0x88e0fc41, "CAS" },       /* casal w0, w1, [x2] */
    { 0xf8e00041, "LDADD" },     /* ldaddal x0, x1, [x2] */
    { 0xb8208041, "SWP" },       /* swp w0, w1, [x2] */
    { 0x38607041, "LDUMIN" },    /* lduminlb w0, w1, [x2] */
    { 0xd50342df, "MSR_i_DAIFSET" }, /* msr daifset, #2 */
    { 0xd50041bf, "MSR_i_SPSEL" },   /* msr spsel, #1 */
    { 0xd500419f, "MSR_i_other" },   /* msr pan, #1 (ARMv8.1, handler's call) */
    { 0xd503201f, "NOP" },
    { 0xd503207f, "WFI" },
    { 0xd503205f, "WFE" },
    { 0xd50320ff, "HINT" },      /* hint #7 */
    { 0xd503233f, "HINT" },      /* paciasp: a hint, NOP on ARMv8.0 */
    { 0xd50b7e20, "SYS" },       /* dc civac, x0 */
    { 0xd508871f, "SYS" },       /* tlbi vmalle1 */
    { 0xd5380000, "MRS" },       /* mrs x0, midr_el1 */
    { 0xd51b4200, "MSR_r" },     /* msr nzcv, x0 */
    { 0xd5033f9f, "DSB" },       /* dsb sy */
    { 0xd503309f, "DSB" },       /* ssbb */
    { 0xd5033bbf, "DMB" },       /* dmb ish */
    { 0xd5033fdf, "ISB" },
    { 0xd5033f5f, "CLREX" },
    { 0xd65f03c0, "RET" },
    { 0xd61f0020, "BR" },        /* br x1 */
    { 0xd63f0040, "BLR" },       /* blr x2 */
    { 0xd69f03e0, "ERET" },
    { 0xd6bf03e0, "DRPS" },
    { 0xd4000001, "SVC" },
    { 0xd4000002, "HVC" },
    { 0xd4024683, "SMC" },       /* smc #0x1234 */
    { 0xd4200020, "BRK" },       /* brk #1 */
    { 0xd4400000, "HLT" },
    { 0xd4a00001, "DCPS1" },
    { 0x8b224820, "ADD_x" },     /* add x0, x1, w2, uxtw #2 */
    { 0x9b020c20, "MADD" },      /* madd x0, x1, x2, x3 */
    { 0x9b427c20, "SMULH" },
    { 0x9bc27c20, "UMULH" },
    { 0x1ac20820, "UDIV" },      /* udiv w0, w1, w2 */
    { 0x9ac24c20, "CRC32" },     /* crc32x w0, w1, x2 */
    { 0xdac00c20, "REV" },       /* rev x0, x1 */
    { 0x5ac00820, "REV" },       /* rev w0, w1 */
    { 0xdac00820, "REV32" },     /* rev32 x0, x1 */
    { 0xdac01020, "CLZ" },       /* clz x0, x1 */
    { 0x1a9f17e0, "CSINC" },     /* cset w0, eq */
    { 0xfa431824, "CCMP_i" },    /* ccmp x1, #3, #4, ne */
    { 0x9a020020, "ADC" },       /* adc x0, x1, x2 */
    { 0xf9400420, "LDR_ui" },    /* ldr x0, [x1, #8] */
    { 0xb9800420, "LDRS_ui" },   /* ldrsw x0, [x1, #4] */
    { 0x39c00020, "LDRS_ui" },   /* ldrsb w0, [x1] */
    { 0xf9800020, "PRFM_ui" },   /* prfm pldl1keep, [x1] */
    { 0xf85f8420, "LDR_i" },     /* ldr x0, [x1], #-8 */
    { 0xf8010c20, "STR_i" },     /* str x0, [x1, #16]! */
    { 0xf85f8020, "LDUR" },      /* ldur x0, [x1, #-8] */
    { 0xf8800020, "PRFUM" },     /* prfum pldl1keep, [x1] */
    { 0xf8400820, "LDTR" },      /* ldtr x0, [x1] */
    { 0x3dc00000, "LDR_v_ui" },  /* ldr q0, [x0] */
    { 0x1c000040, "LDR_v_lit" }, /* ldr s0, .+8 */
    { 0xadc00400, "LDP_v" },     /* ldp q0, q1, [x0, #0]! */
    { 0x4cdf2c04, "LD1_m" },     /* ld1 {v4.2d-v7.2d}, [x0], #64 */
    { 0x0c404000, "LD3_m" },     /* ld3 {v0.8b-v2.8b}, [x0] */
    { 0x0de23420, "LD4_s" },     /* ld4 {v0.b-v3.b}[5], [x1], x2 */
    { 0x4dffe800, "LD4R" },      /* ld4r {v0.4s-v3.4s}, [x0], #16 */
    { 0x0d40c000, "LD1R" },      /* ld1r {v0.8b}, [x0] */
    { 0x4e284820, "AESE" },      /* aese v0.16b, v1.16b */
    { 0x5e024020, "SHA256H" },   /* sha256h q0, q1, v2.4s */
    /* Advanced SIMD floating point (a64-simd-fp.decode) */
    { 0x4e22d420, "FADD_v" },    /* fadd v0.4s, v1.4s, v2.4s */
    { 0x6ee2f420, "FMINP_v" },   /* fminp v0.2d, v1.2d, v2.2d */
    { 0x7ea2ec20, "FACGT_s" },   /* facgt s0, s1, s2 */
    { 0x4fc21820, "FMLA_ve" },   /* fmla v0.2d, v1.2d, v2.d[1] */
    { 0x5fc29820, "FMUL_se" },   /* fmul d0, d1, v2.d[1] */
    { 0x5ea1f820, "FRECPX" },    /* frecpx s0, s1 */
    { 0x7ea0c820, "FCMGE_zs" },  /* fcmge s0, s1, #0.0 */
    { 0x4ea1c820, "URECPE" },    /* urecpe v0.4s, v1.4s */
    { 0x6e616820, "FCVTXN_v" },  /* fcvtxn2 v0.4s, v1.2d */
    { 0x0e217820, "FCVTL" },     /* fcvtl v0.4s, v1.4h */
    { 0x0e216820, "FCVTN" },     /* fcvtn v0.4h, v1.4s */
    { 0x6e30c820, "FMAXNMV" },   /* fmaxnmv s0, v1.4s */
    { 0x7e70d820, "FADDP_s" },   /* faddp d0, v1.2d */
    { 0x4f30e420, "SCVTF_fv" },  /* scvtf v0.4s, v1.4s, #16 */
    { 0x7f40fc20, "FCVTZU_fs" }, /* fcvtzu d0, d1, #64 */
    { 0x4f00e420, "MOVI_v" },    /* movi v0.16b, #1: the SCVTF opcode at immh = 0000 */

    /* Unallocated, each for the reason given. */
    { 0x00000000, NULL },        /* UDF #0: permanently undefined */
    /* scalar FP (a64-fp.decode); FEAT_FP16 and later forms stay unallocated */
    { 0x1e200800, "FMUL" },      /* fmul s0, s0, s0 */
    { 0x1e626820, "FMAXNM" },    /* fmaxnm d0, d1, d2 */
    { 0x1e228820, "FNMUL" },     /* fnmul s0, s1, s2 */
    { 0x1e229820, NULL },        /* 2-source opcode 1001 */
    { 0x1ee22820, NULL },        /* fadd h0, h1, h2 (FEAT_FP16) */
    { 0x1e20c020, "FABS" },      /* fabs s0, s1 */
    { 0x1e23c020, "FCVT" },      /* fcvt h0, s1 */
    { 0x1ee2c020, "FCVT" },      /* fcvt d0, h1 */
    { 0x1e224020, NULL },        /* fcvt s0, s1: opc == ptype */
    { 0x1e674020, "FRINT" },     /* frintx d0, d1 */
    { 0x1e26c020, NULL },        /* frint rounding 101 */
    { 0x1e28c020, NULL },        /* frint32x s0, s1 (ARMv8.5) */
    { 0x1ee70020, NULL },        /* fmov h0, w1 (FEAT_FP16) */
    { 0x1e260020, "FMOV_g" },    /* fmov w0, s1 */
    { 0x1e660020, NULL },        /* fmov w0, d1: sf != ptype */
    { 0x9eae0022, "FMOV_g" },    /* fmov x2, v1.d[1] */
    { 0x1e7e0020, NULL },        /* fjcvtzs w0, d1 (ARMv8.3) */
    { 0x1e188420, "FCVTZ_fix" }, /* fcvtzs w0, s1, #31 */
    { 0x1e187c20, NULL },        /* the same with 33 fraction bits: sf 0, scale<5> 0 */
    { 0x9e590020, "FCVTZ_fix" }, /* fcvtzu x0, d1, #64 */
    { 0x1e028020, "CVTF_fix" },  /* scvtf s0, w1, #32 */
    { 0x1e630020, "CVTF_int" },  /* ucvtf d0, w1 */
    { 0x9e250020, "FCVTA_int" }, /* fcvtau x0, s1 */
    { 0x1e700020, "FCVT_int" },  /* fcvtms w0, d1 */
    { 0x1e621434, "FCCMP" },     /* fccmpe d1, d2, #4, ne */
    { 0x1e62bc20, "FCSEL" },     /* fcsel d0, d1, d2, lt */
    { 0x1f228c20, "FNMSUB" },    /* fnmsub s0, s1, s2, s3 */
    { 0x1e602038, "FCMP" },      /* fcmpe d1, #0.0 */
    { 0x1e602039, NULL },        /* opcode2<2:0> != 000 */
    { 0x1e2e1005, "FMOV_i" },    /* fmov s5, #1.0 */
    { 0x1e2e1025, NULL },        /* imm5 != 00000 */
    { 0x12400000, NULL },        /* logical imm: N = 1 with sf = 0 */
    { 0x927ffc00, NULL },        /* logical imm: all-ones element (imms = 111111) */
    { 0x923ff800, NULL },        /* logical imm: N = 0, imms = 11111x -> len 0 */
    { 0x52c00020, NULL },        /* movz w0: hw = 2 in 32-bit */
    { 0x32800000, NULL },        /* move wide opc = 01 */
    { 0x13008020, NULL },        /* sbfm w: imms<5> = 1 */
    { 0x93000000, NULL },        /* sbfm x: N = 0 */
    { 0x73000000, NULL },        /* bitfield opc = 11 */
    { 0x13828020, NULL },        /* extr w: imms >= 32 */
    { 0xf8620820, NULL },        /* ldr (register) option = 000 */
    { 0x69000000, NULL },        /* ldpsw with L = 0 */
    { 0x68400000, NULL },        /* ldpsw with idx = 00 (no LDNPSW) */
    { 0xe9400000, NULL },        /* load pair opc = 11 */
    { 0x08200000, NULL },        /* stxp with size = 00 (and not CASP: Rt2 != 31) */
    { 0x487f0000, NULL },        /* ldxp with size = 01 (ditto) */
    { 0x48217c82, NULL },        /* casp with odd Rs */
    { 0x48207c81, NULL },        /* casp with odd Rt */
    { 0x88e0f841, NULL },        /* cas with Rt2 != 11111 */
    { 0xc8df7c20, NULL },        /* ldlar (ARMv8.1 LOR, not implemented) */
    { 0xb8bfc020, NULL },        /* ldapr (ARMv8.3) */
    { 0xb8209041, NULL },        /* atomic o3 = 1, opc = 001 */
    { 0xb9c00420, NULL },        /* ldrsw to Wt (size 10, opc 11) */
    { 0xf9c00420, NULL },        /* size 11, opc 11 */
    { 0xf8800420, NULL },        /* post-index with the PRFM slot */
    { 0xd503201e, NULL },        /* hint with Rt != 31 */
    { 0xd50330ff, NULL },        /* sb (ARMv8.5) */
    { 0xd503301f, NULL },        /* barrier op2 = 000 */
    { 0xd5005c3e, NULL },        /* msr with op0 = 00 */
    { 0xd526f669, NULL },        /* mrs with op0 = 00 */
    { 0xd65f0bff, NULL },        /* retaa (ARMv8.3) */
    { 0xd69f0000, NULL },        /* eret with Rn != 31 */
    { 0xd61f0021, NULL },        /* br with op4 != 0 */
    { 0xd4000000, NULL },        /* exception generation opc 000, LL 00 */
    { 0xd4200001, NULL },        /* brk with LL = 01 */
    { 0xd4000005, NULL },        /* svc with op2 = 001 */
    { 0x55000000, NULL },        /* conditional branch with o1 = 1 */
    { 0x0b028020, NULL },        /* add w, lsl #32 */
    { 0x7dc00000, NULL },        /* ldr (SIMD&FP) opc<1> = 1 with size != 00 */
    { 0x3c800800, NULL },        /* str (SIMD&FP) with the unprivileged idx = 10 */
    { 0x0c400c00, NULL },        /* ld4 (multiple) of .1D: size:Q = 110 */
    { 0x0d404400, NULL },        /* ld1 (single) halfword with size<0> = 1 */
    { 0x0d40d000, NULL },        /* ld1r with S = 1 */
    { 0x0d00c000, NULL },        /* replicate opcode with L = 0 (no st1r) */
    { 0x5e007000, NULL },        /* three-register SHA opcode 111 */
    { 0x4e684820, NULL },        /* aese with size = 01 */
    { 0x0e62d420, NULL },        /* fadd .1d: sz:Q = 10 */
    { 0x4e421400, NULL },        /* fadd v0.8h (FEAT_FP16 three same) */
    { 0x2e30c820, NULL },        /* fmaxnmv of .2s: sz:Q != 01 */
    { 0x6e70c820, NULL },        /* fmaxnmv with sz = 1 */
    { 0x4fe21020, NULL },        /* fmla by element, double with L = 1 */
    { 0x4f021020, NULL },        /* fmla v0.8h, v1.8h, v2.h[0] (FEAT_FP16) */
    { 0x4f1ce420, NULL },        /* scvtf v0.8h, #4: immh = 001x (FEAT_FP16) */
    { 0x0f7ffc20, NULL },        /* fcvtzs .1d fixed-point: immh<3>:Q = 10 */
    { 0x4ee1c820, NULL },        /* urecpe with sz = 1 */
    { 0x2e216820, NULL },        /* fcvtxn with sz = 0 */
    { 0x4e21e820, NULL },        /* frint32z v0.4s (ARMv8.5) */
    { 0x0e22ec20, NULL },        /* fmlal (ARMv8.2 FHM) */
    { 0x5e30d820, NULL },        /* faddp h0, v1.2h (FEAT_FP16 scalar pairwise) */
    { 0x8bc20020, NULL },        /* add shifted, shift = 11 */
    { 0x8b225420, NULL },        /* add extended, imm3 = 5 */
    { 0x8b620020, NULL },        /* add extended, opt = 01 */
    { 0x1b220c20, NULL },        /* smaddl with sf = 0 */
    { 0x9b428c20, NULL },        /* smulh with o0 = 1 */
    { 0x9ac24020, NULL },        /* crc32b with sf = 1 */
    { 0x1ac24c20, NULL },        /* crc32x with sf = 0 */
    { 0x5ac00c20, NULL },        /* rev (64-bit opcode) with sf = 0 */
    { 0xdac10020, NULL },        /* 1-source opcode2 = 00001 (PAC) */
    { 0x9a820820, NULL },        /* csel op2 = 10 */
    { 0xda431824, NULL },        /* ccmp with S = 0 */
    { 0x9a020420, NULL },        /* adc with bits 15:10 != 0 */
};

TEST(known_encodings)
{
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const char *got = a64_decode_name(known[i].insn);
        called = NULL;
        bool ok = test_decode(NULL, known[i].insn);
        if (known[i].name == NULL ? got != NULL || ok
                                  : !got || strcmp(got, known[i].name) || !ok ||
                                    strcmp(called, known[i].name)) {
            test_failed(__FILE__, __LINE__, "%08x: expected %s, got %s", known[i].insn,
                        known[i].name ? known[i].name : "(unallocated)",
                        got ? got : "(unallocated)");
        }
    }
}

TEST(branch_offsets_sign_extended)
{
    CHECK_EQ(DECODE(0x14000001, "B", arg_b_imm)->imm, 4);
    CHECK_EQ(DECODE(0x17ffffff, "B", arg_b_imm)->imm, (uint64_t)-4);
    CHECK_EQ(DECODE(0x16000000, "B", arg_b_imm)->imm, (uint64_t)-(1ll << 27));
    CHECK_EQ(DECODE(0x94000010, "BL", arg_b_imm)->imm, 64);
    CHECK_EQ(DECODE(0x97ffffff, "BL", arg_b_imm)->imm, (uint64_t)-4);

    const arg_B_cond *bc = DECODE(0x54000041, "B_cond", arg_B_cond);
    CHECK_EQ(bc->cond, 1);
    CHECK_EQ(bc->imm, 8);
    CHECK_EQ(DECODE(0x54800000, "B_cond", arg_B_cond)->imm, (uint64_t)-(1ll << 20));

    const arg_cbz *cb = DECODE(0xb4ffffc3, "CBZ", arg_cbz);
    CHECK_EQ(cb->sf, 1);
    CHECK_EQ(cb->rt, 3);
    CHECK_EQ(cb->imm, (uint64_t)-8);

    const arg_tbz *tb = DECODE(0x36180065, "TBZ", arg_tbz);
    CHECK_EQ(tb->bit, 3);
    CHECK_EQ(tb->rt, 5);
    CHECK_EQ(tb->imm, 12);
    tb = DECODE(0xb70fffe7, "TBNZ", arg_tbz);
    CHECK_EQ(tb->bit, 33);
    CHECK_EQ(tb->rt, 7);
    CHECK_EQ(tb->imm, (uint64_t)-4);
}

TEST(pc_relative_and_literal_offsets)
{
    const arg_adr *ad = DECODE(0xf0ffffe0, "ADRP", arg_adr);
    CHECK_EQ(ad->rd, 0);
    CHECK_EQ(ad->imm, (uint64_t)-4096);
    CHECK_EQ(DECODE(0x30000001, "ADR", arg_adr)->imm, 1);
    CHECK_EQ(DECODE(0x10000021, "ADR", arg_adr)->imm, 4);
    CHECK_EQ(DECODE(0x70800000, "ADR", arg_adr)->imm, (uint64_t)-(1ll << 20) + 3);

    const arg_ldr_lit *l = DECODE(0x58ffffe1, "LDR_lit", arg_ldr_lit);
    CHECK_EQ(l->sf, 1);
    CHECK_EQ(l->rt, 1);
    CHECK_EQ(l->imm, (uint64_t)-4);
    l = DECODE(0x18000042, "LDR_lit", arg_ldr_lit);
    CHECK_EQ(l->sf, 0);
    CHECK_EQ(l->imm, 8);
    CHECK_EQ(DECODE(0x98000043, "LDRSW_lit", arg_ldr_lit_nosf)->imm, 8);
}

TEST(logical_immediates)
{
    const arg_logic_i *a = DECODE(0x92401c20, "AND_i", arg_logic_i);
    CHECK_EQ(a->sf, 1);
    CHECK_EQ(a->rn, 1);
    CHECK_EQ(a->rd, 0);
    CHECK_EQ(a->imm, 0xff);
    CHECK_EQ(DECODE(0x3200f3e0, "ORR_i", arg_logic_i)->imm, 0x55555555);
    CHECK_EQ(DECODE(0x927cec00, "AND_i", arg_logic_i)->imm, 0xfffffffffffffff0ull);
    CHECK_EQ(DECODE(0xd2410020, "EOR_i", arg_logic_i)->imm, 0x8000000000000000ull);
    /* The decode function itself: sf:N:immr:imms. */
    CHECK_EQ(a64_logic_imm((1u << 13) | (1u << 12) | 0x07), 0xff);
    CHECK_EQ(a64_logic_imm(0x3c), 0x55555555);          /* w, esize 2 */
    CHECK_EQ(a64_logic_imm((1u << 13) | 0x3c), 0x5555555555555555ull);
    CHECK_EQ(a64_logic_imm((1u << 13) | (8 << 6) | 0x27), 0xff00ff00ff00ff00ull);                   /* esize 16, 8 ones, ror 8 */
    CHECK_EQ(a64_logic_imm((1u << 12) | 0x3f), 0);      /* w with N = 1 */
    CHECK_EQ(a64_logic_imm((1u << 13) | (1u << 12) | 0x3f), 0); /* all ones */
    CHECK_EQ(a64_logic_imm((1u << 13) | 0x3e), 0);      /* len 0 */
}

TEST(load_store_fields)
{
    const arg_ldst_pair *p = DECODE(0xa9bf7bfd, "STP", arg_ldst_pair);
    CHECK_EQ(p->sf, 1);
    CHECK_EQ(p->idx, 3);
    CHECK_EQ(p->rt2, 30);
    CHECK_EQ(p->rn, 31);
    CHECK_EQ(p->rt, 29);
    CHECK_EQ(p->imm, (uint64_t)-16);
    p = DECODE(0x28ff0440, "LDP", arg_ldst_pair);
    CHECK_EQ(p->sf, 0);
    CHECK_EQ(p->idx, 1);
    CHECK_EQ(p->imm, (uint64_t)-8);
    CHECK_EQ(DECODE(0x69410440, "LDPSW", arg_ldpsw)->imm, 8);

    const arg_ldst_ui *u = DECODE(0xf9400420, "LDR_ui", arg_ldst_ui);
    CHECK_EQ(u->size, 3);
    CHECK_EQ(u->imm, 8);
    const arg_ldsx_ui *sx = DECODE(0x39c00020, "LDRS_ui", arg_ldsx_ui);
    CHECK_EQ(sx->size, 0);
    CHECK_EQ(sx->w32, 1);

    const arg_ldst_idx *ix = DECODE(0xf85f8420, "LDR_i", arg_ldst_idx);
    CHECK_EQ(ix->idx, 1);
    CHECK_EQ(ix->imm, (uint64_t)-8);
    ix = DECODE(0xf8010c20, "STR_i", arg_ldst_idx);
    CHECK_EQ(ix->idx, 3);
    CHECK_EQ(ix->imm, 16);

    const arg_ldst_r *r = DECODE(0xf8627820, "LDR_r", arg_ldst_r);
    CHECK_EQ(r->rm, 2);
    CHECK_EQ(r->option, 3);
    CHECK_EQ(r->s, 1);

    const arg_stxp *x = DECODE(0xc8240440, "STXP", arg_stxp);
    CHECK_EQ(x->sz, 1);
    CHECK_EQ(x->rs, 4);
    CHECK_EQ(x->rt2, 1);
    CHECK_EQ(x->rn, 2);
    CHECK_EQ(x->rt, 0);

    const arg_cas *c = DECODE(0x88e0fc41, "CAS", arg_cas);
    CHECK_EQ(c->size, 2);
    CHECK_EQ(c->a, 1);
    CHECK_EQ(c->l, 1);
    CHECK_EQ(c->rs, 0);
    CHECK_EQ(c->rt, 1);
    const arg_atomic *at = DECODE(0xf8e00041, "LDADD", arg_atomic);
    CHECK_EQ(at->size, 3);
    CHECK_EQ(at->a, 1);
    CHECK_EQ(at->r, 1);
    CHECK_EQ(at->rt, 1);
}

TEST(data_processing_fields)
{
    const arg_addsub_r *ar = DECODE(0x8b020020, "ADD_r", arg_addsub_r);
    CHECK_EQ(ar->sf, 1);
    CHECK_EQ(ar->shift, 0);
    CHECK_EQ(ar->rm, 2);
    CHECK_EQ(ar->imm, 0);
    CHECK_EQ(ar->rn, 1);
    CHECK_EQ(ar->rd, 0);
    const arg_addsub_i *ai = DECODE(0x91400420, "ADD_i", arg_addsub_i);
    CHECK_EQ(ai->sh, 1);
    CHECK_EQ(ai->imm, 1);
    const arg_addsub_x *ax = DECODE(0x8b224820, "ADD_x", arg_addsub_x);
    CHECK_EQ(ax->option, 2);
    CHECK_EQ(ax->imm, 2);
    const arg_movw *mw = DECODE(0xd2e00020, "MOVZ", arg_movw);
    CHECK_EQ(mw->hw, 3);
    CHECK_EQ(mw->imm, 1);
    const arg_bitfield *bf = DECODE(0xd344fc20, "UBFM", arg_bitfield);
    CHECK_EQ(bf->n, 1);
    CHECK_EQ(bf->immr, 4);
    CHECK_EQ(bf->imms, 63);
    const arg_ccmp_i *cc = DECODE(0xfa431824, "CCMP_i", arg_ccmp_i);
    CHECK_EQ(cc->imm, 3);
    CHECK_EQ(cc->cond, 1);
    CHECK_EQ(cc->nzcv, 4);
    CHECK_EQ(DECODE(0x9b020c20, "MADD", arg_rrrr)->ra, 3);
    CHECK_EQ(DECODE(0x9ac24c20, "CRC32", arg_crc)->sz, 3);
    CHECK_EQ(DECODE(0x5ac00820, "REV", arg_rr)->sf, 0);
    CHECK_EQ(DECODE(0xdac00c20, "REV", arg_rr)->sf, 1);
}

TEST(system_fields)
{
    const arg_sys *s = DECODE(0xd50b7e20, "SYS", arg_sys);
    CHECK_EQ(s->op1, 3);
    CHECK_EQ(s->crn, 7);
    CHECK_EQ(s->crm, 14);
    CHECK_EQ(s->op2, 1);
    CHECK_EQ(s->rt, 0);
    const arg_sysreg *r = DECODE(0xd5380000, "MRS", arg_sysreg);
    CHECK_EQ(r->o0, 1);
    CHECK_EQ(r->op1, 0);
    CHECK_EQ(r->crn, 0);
    CHECK_EQ(DECODE(0xd50342df, "MSR_i_DAIFSET", arg_msr_i)->imm, 2);
    const arg_MSR_i_other *o = DECODE(0xd500419f, "MSR_i_other", arg_MSR_i_other);
    CHECK_EQ(o->op1, 0);
    CHECK_EQ(o->op2, 4);
    CHECK_EQ(o->imm, 1);
    CHECK_EQ(DECODE(0xd5033bbf, "DMB", arg_barrier)->crm, 11);
    CHECK_EQ(DECODE(0xd4024683, "SMC", arg_exc)->imm, 0x1234);
    CHECK_EQ(DECODE(0xd65f03c0, "RET", arg_br)->rn, 30);
    const arg_HINT *h = DECODE(0xd50320ff, "HINT", arg_HINT);
    CHECK_EQ(h->crm, 0);
    CHECK_EQ(h->op2, 7);
}

/* Every entry's own pattern must reach that entry or be refused by its
 * condition: a more general entry listed earlier in a group must not hide
 * it completely. */
TEST(every_entry_reachable)
{
    int n = a64_decode_entries();
    CHECK(n > 100);
    for (int e = 0; e < n; e++) {
        uint32_t mask, value;
        bool hit = false;
        CHECK(a64_decode_entry_pattern(e, &mask, &value));
        for (int i = 0; i < 4096 && !hit; i++) {
            uint32_t w = ((uint32_t)rand() << 16 ^ (uint32_t)rand()) & ~mask;
            hit = a64_decode_index(w | value) == e;
        }
        if (!hit) {
            test_failed(__FILE__, __LINE__, "entry %d (%s) never matched", e,
                        a64_decode_entry_name(e));
        }
    }
    CHECK(a64_decode_entry_name(n) == NULL);
    CHECK(a64_decode_entry_name(-1) == NULL);
}
