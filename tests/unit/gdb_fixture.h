/* The fixture shared by the gdbstub unit tests (test_gdbstub.c,
 * test_gdbstub_run.c): two real ArmCpus on a RAM built with mmu_env.h, a
 * stub attached to an in-memory client whose output is collected, fake
 * machine callbacks that count what the stub asked for, and packet
 * helpers with their own checksum code (GDB manual, "Overview": the sum of
 * the data bytes modulo 256, two lower-case hex digits). */
#ifndef TESTS_UNIT_GDB_FIXTURE_H
#define TESTS_UNIT_GDB_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "emu/gdbstub.h"
#include "target-arm/cpu.h"
#include "tests/unit/mmu_env.h"

#define NCPUS 2
#define DATA 0x40800000ull      /* RAM above the translation tables */

typedef struct GdbFx {
    MtEnv env;
    ArmCpu *cpu[NCPUS];
    GdbTarget t;
    GdbStub *s;
    GString *out;               /* everything the stub sent */
    int stops, resumes, kills;
    GdbAction last_action[NCPUS];
} GdbFx;

extern GdbFx gfx;

/* Two vCPUs (cpu 0 reset at 0x40000000 in EL1h, cpu 1 off); the stub
 * starts stopped or not, with the in-memory client attached or not. */
void gfx_setup_stub(bool start_stopped, bool attach);
void gfx_setup(void);
void gfx_write(void *opaque, const uint8_t *buf, size_t len);

/* "$data#cs" (data may hold NULs). */
char *gfx_frame(const char *data, size_t len);
void gfx_feed(const char *raw, size_t len);
void gfx_send(const char *data);
void gfx_send_len(const char *data, size_t len);
/* The collected output must be ("+" if acked and) exactly one packet with
 * a correct checksum: its data. Clears the output. */
char *gfx_take_reply(bool acked);
char *gfx_xchg(const char *data);
/* Send "monitor TEXT" (qRcmd): everything the stub answered (acks, O
 * packets, the final reply). Clears the output first. */
char *gfx_rcmd(const char *text);
/* The console text of every O packet in raw, decoded. */
char *gfx_unhex_o(const char *raw);
/* v as `bytes` little-endian bytes in hex. */
void gfx_hex_le(char *out, uint64_t v, int bytes);

#define CHECK_REPLY(pkt, want)                  \
    do {                                        \
        g_autofree char *r_ = gfx_xchg(pkt);        \
        CHECK_STREQ(r_, want);                  \
    } while (0)

#endif
