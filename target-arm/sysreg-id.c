/* Identification registers: a Cortex-A57-like ARMv8.0 CPU advertising
 * exactly what armlet implements (Arm ARM D13.2 register descriptions;
 * Cortex-A57 TRM for MIDR, CTR and the cache geometry). Everything here is
 * read-only; the AArch32 ID registers read as zero because AArch32 is not
 * implemented at any EL. */
#include "target-arm/sysreg-internal.h"

#include "target-arm/mmu.h"

/* MIDR_EL1: implementer 0x41 (Arm), variant 1, architecture 0xf, part
 * 0xd07 (Cortex-A57), revision 0. */
#define MIDR_A57 0x411fd070ull

/* ID_AA64PFR0_EL1: EL0 and EL1 AArch64 only (0b0001), EL2/EL3 not
 * implemented (0), FP and AdvSIMD 0 = implemented (0b1111 when
 * ARM_FP_IMPLEMENTED is 0), GIC system registers not
 * implemented (0): the GIC is memory-mapped. */
#define PFR0_FP (ARM_FP_IMPLEMENTED ? 0ull : 0xfull)
#define ID_AA64PFR0 (0x1ull | 0x1ull << 4 | PFR0_FP << 16 | PFR0_FP << 20)

/* ID_AA64ISAR0_EL1: AES (bits 7:4) = 0b0010, AESE/AESD/AESMC/AESIMC plus
 * PMULL/PMULL2 of 64-bit elements (test_diff_simd_arith); SHA1 (11:8) =
 * 0b0001, SHA1C/P/M/H/SU0/SU1; SHA2 (15:12) = 0b0001, SHA256H/H2/SU0/SU1
 * (test_arm_crypto, test_diff_crypto, guest/crypto-sha); CRC32 (bits
 * 19:16) = 0b0001, CRC32* instructions; Atomic (bits 23:20) = 0b0010, the
 * ARMv8.1 LSE atomics. All are translated and checked by directed and
 * differential tests (test_arm_dp, test_arm_ldst, test_diff_*), and Linux
 * patches itself to use LSE when it sees them. */
#define ID_AA64ISAR0 (0x2ull << 4 | 0x1ull << 8 | 0x1ull << 12 | 0x1ull << 16 | 0x2ull << 20)

/* ID_AA64MMFR0_EL1: PARange 48 bits, ASIDBits 16 (0b0010), mixed endian
 * not supported, TGran16 supported (0b0001), TGran64 and TGran4 supported
 * (0b0000): the walk implements all three granules. */
#define ID_AA64MMFR0 ((uint64_t)MMU_PARANGE | 0x2ull << 4 | 0x1ull << 20)

/* ID_AA64DFR0_EL1: DebugVer 0b0110 (ARMv8 debug), TraceVer 0, PMUVer 0
 * (no PMU), BRPs 6 and WRPs 4 (the field holds n - 1, as on A57),
 * CTX_CMPs 2. The breakpoint/watchpoint registers are storage only. */
#define ID_AA64DFR0 (0x6ull | 5ull << 12 | 3ull << 20 | 1ull << 28)

/* CTR_EL0 (A57): IminLine 4 (64 bytes), L1Ip 0b11 (PIPT), DminLine 4,
 * ERG 4, CWG 4, bit 31 RES1. */
#define CTR_A57 0x8444c004ull

/* CLIDR_EL1 (A57): L1 separate I and D (Ctype1 0b011), L2 unified (Ctype2
 * 0b100), LoUIS 1, LoC 2, LoUU 1. */
#define CLIDR_A57 0x0a200023ull

/* MPIDR_EL1: bit 31 RES1, U = 0 (part of a cluster), affinity from the
 * board. */
static uint64_t mpidr_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return cpu->mpidr | (1ull << 31);
}

/* CCSIDR_EL1 for the level CSSELR_EL1 selects (Level in bits 3:1, InD in
 * bit 0), A57's caches: L1D 32 KiB 2-way, L1I 48 KiB 3-way, L2 2 MiB
 * 16-way, 64-byte lines. A reserved selection reads as UNKNOWN: zero. */
static uint64_t ccsidr_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    static const uint64_t ccsidr[3] = { 0x701fe00aull, 0x201fe012ull, 0x70ffe07aull };
    uint64_t sel = cpu->sr.csselr_el1 & 0xf;

    return sel < 3 ? ccsidr[sel] : 0;
}

/* CTR_EL0 at EL0 needs SCTLR_EL1.UCT, else it is trapped (EC 0x18). */
static ArmSysregAccess ctr_check(ArmCpu *cpu, const ArmSysregInfo *ri, bool write)
{
    return cpu->el == 0 && !(cpu->sr.sctlr_el1 & SCTLR_UCT) ? SR_TRAP : SR_OK;
}

static uint64_t ctr_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return CTR_A57;
}

/* DCZID_EL0: BS = 4 (64-byte blocks); DZP (bit 4) says whether DC ZVA is
 * prohibited at the current EL, i.e. at EL0 when SCTLR_EL1.DZE is 0. */
static uint64_t dczid_read(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    bool prohibited = cpu->el == 0 && !(cpu->sr.sctlr_el1 & SCTLR_DZE);

    return 4 | (prohibited ? 1u << 4 : 0);
}

#define ID_RAZ(nm, m, o2) SR_CONST(nm, 3, 0, 0, m, o2, SR_R1, 0)

/* ID_AA64PFR0_EL1.GIC (bits 27:24) is 0b0001 when the GICv3 system-register
 * CPU interface is there (a GICv3 machine), 0 with a GICv2: Linux reads it
 * before touching ICC_*. */
static uint64_t read_pfr0(ArmCpu *cpu, const ArmSysregInfo *ri)
{
    return ID_AA64PFR0 | (cpu->gicv3 ? 0x1ull << 24 : 0);
}

static const ArmSysregInfo id_rows[] = {
    SR_CONST("MIDR_EL1", 3, 0, 0, 0, 0, SR_R1, MIDR_A57),
    SR_HOOK("MPIDR_EL1", 3, 0, 0, 0, 5, SR_R1, NULL, mpidr_read, NULL),
    SR_CONST("REVIDR_EL1", 3, 0, 0, 0, 6, SR_R1, 0),
    /* AArch32 ID registers: RAZ, AArch32 is not implemented. */
    ID_RAZ("ID_PFR0_EL1", 1, 0), ID_RAZ("ID_PFR1_EL1", 1, 1), ID_RAZ("ID_DFR0_EL1", 1, 2),
    ID_RAZ("ID_AFR0_EL1", 1, 3), ID_RAZ("ID_MMFR0_EL1", 1, 4), ID_RAZ("ID_MMFR1_EL1", 1, 5),
    ID_RAZ("ID_MMFR2_EL1", 1, 6), ID_RAZ("ID_MMFR3_EL1", 1, 7), ID_RAZ("ID_ISAR0_EL1", 2, 0),
    ID_RAZ("ID_ISAR1_EL1", 2, 1), ID_RAZ("ID_ISAR2_EL1", 2, 2), ID_RAZ("ID_ISAR3_EL1", 2, 3),
    ID_RAZ("ID_ISAR4_EL1", 2, 4), ID_RAZ("ID_ISAR5_EL1", 2, 5), ID_RAZ("ID_MMFR4_EL1", 2, 6),
    ID_RAZ("MVFR0_EL1", 3, 0), ID_RAZ("MVFR1_EL1", 3, 1), ID_RAZ("MVFR2_EL1", 3, 2),
    /* AArch64 feature registers. */
    SR_HOOK("ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, SR_R1, NULL, read_pfr0, NULL),
    ID_RAZ("ID_AA64PFR1_EL1", 4, 1),
    SR_CONST("ID_AA64DFR0_EL1", 3, 0, 0, 5, 0, SR_R1, ID_AA64DFR0),
    ID_RAZ("ID_AA64DFR1_EL1", 5, 1),
    ID_RAZ("ID_AA64AFR0_EL1", 5, 4), ID_RAZ("ID_AA64AFR1_EL1", 5, 5),
    SR_CONST("ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0, SR_R1, ID_AA64ISAR0),
    ID_RAZ("ID_AA64ISAR1_EL1", 6, 1),
    SR_CONST("ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0, SR_R1, ID_AA64MMFR0),
    ID_RAZ("ID_AA64MMFR1_EL1", 7, 1), ID_RAZ("ID_AA64MMFR2_EL1", 7, 2),
    /* Caches. */
    SR_HOOK("CCSIDR_EL1", 3, 1, 0, 0, 0, SR_R1, NULL, ccsidr_read, NULL),
    SR_CONST("CLIDR_EL1", 3, 1, 0, 0, 1, SR_R1, CLIDR_A57),
    SR_CONST("AIDR_EL1", 3, 1, 0, 0, 7, SR_R1, 0),
    SR_STORE("CSSELR_EL1", 3, 2, 0, 0, 0, SR_RW1, csselr_el1, 0, ~0xfull),
    SR_HOOK("CTR_EL0", 3, 3, 0, 0, 1, SR_R0 | SR_R1, ctr_check, ctr_read, NULL),
    SR_HOOK("DCZID_EL0", 3, 3, 0, 0, 7, SR_R0 | SR_R1, NULL, dczid_read, NULL),
};
SR_GROUP(arm_sysregs_id, id_rows);
