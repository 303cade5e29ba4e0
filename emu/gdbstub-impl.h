/* Inside the gdbstub: the state shared by the transport and framing
 * (gdbstub.c) and the packet handlers (gdbstub-cmds.c). Not for use
 * outside those two files. */
#ifndef EMU_GDBSTUB_IMPL_H
#define EMU_GDBSTUB_IMPL_H

#include "emu/gdbstub.h"

/* The largest packet we accept (advertised as PacketSize, which counts the
 * data between '$' and '#'). Large enough for a whole 'G' and for memory
 * transfers of a few KiB. */
#define GDB_PACKET_SIZE 0x4000

typedef enum GdbRxState {
    RX_IDLE,                 /* between packets: '$', acks, Ctrl-C */
    RX_DATA,                 /* inside $...# */
    RX_ESCAPE,               /* after '}' */
    RX_RLE,                  /* after '*': the repeat count follows */
    RX_CSUM1,
    RX_CSUM2,
} GdbRxState;

struct GdbStub {
    GdbTarget t;

    /* ---- transport (gdbstub.c) ---- */
    int listen_fd, client_fd;
    char *unix_path;         /* unlinked on free */
    GSource *listen_src, *client_src;
    gpointer client_tag;
    GByteArray *outq;        /* not yet sent to the socket */
    GdbWriteFn write;        /* set while a client is attached */
    void *write_opaque;

    /* ---- framing ---- */
    GdbRxState rx;
    GByteArray *pkt;         /* unescaped packet data */
    uint8_t rx_sum;          /* running checksum of the raw bytes */
    uint8_t rx_csum;         /* the checksum the client sent */
    bool rx_overflow;        /* longer than GDB_PACKET_SIZE: refused */
    GString *last_tx;        /* the last packet sent, for a '-' */
    bool no_ack;             /* after QStartNoAckMode */

    /* ---- client features (qSupported) ---- */
    bool client_swbreak, client_hwbreak;

    /* ---- execution state ---- */
    bool stopped;            /* all vCPUs held */
    GdbAction *action;       /* per vCPU while running with a client */
    bool *bp_skip;           /* see gdbstub_take_breakpoint_skip */
    int g_cpu;               /* Hg: registers and memory (index) */
    int c_cpu;               /* Hc: legacy c/s (index, -1 = all) */
    int last_cpu;            /* the vCPU last allowed to run */
    GString *stop_reply;     /* answer to '?' */
    int stop_cpu;            /* the thread stop_reply names (index) */

    /* ---- the reply being built by a handler ---- */
    GString *reply;
    bool no_reply;           /* the handler answers later (c, s, vCont) or never (k) */
};

/* ---- framing and state (gdbstub.c) ---- */

/* Frame and send one packet ("$data#cs"); data must already be escaped
 * where it holds binary. */
void gdb_send_packet(GdbStub *s, const char *data, size_t len);
/* Build the stop reply for cpu and make it the answer to '?'. */
void gdb_set_stop_reply(GdbStub *s, int cpu, int signo, int bp_type);
/* Let the vCPUs run with these per-vCPU actions (the client is told of
 * the next stop by a stop reply). */
void gdb_resume(GdbStub *s, const GdbAction *action);
/* Breakpoints removed, everything runs, the client is forgotten. */
void gdb_release_machine(GdbStub *s);
/* Close the client's connection (after 'k', after 'W'). */
void gdb_drop_client(GdbStub *s);

/* ---- packet handlers (gdbstub-cmds.c) ---- */

/* Handle one complete packet (unescaped, NUL-terminated after len). */
void gdb_handle_packet(GdbStub *s, const char *pkt, size_t len);

/* ---- encoding helpers (gdbstub-cmds.c) ---- */

void gdb_append_hex(GString *out, const uint8_t *buf, size_t len);
/* Append binary data with '#', '$', '}' and '*' escaped (0x7d, byte ^ 0x20). */
void gdb_append_escaped(GString *out, const uint8_t *buf, size_t len);

#endif
