/* The event loop. armlet runs every vCPU on one host thread; between
 * quanta that thread polls file descriptors and host timers without
 * blocking, and when every vCPU is idle it blocks here until the next timer
 * deadline or an external event. It is a thin layer over a GMainContext, so
 * backends register ordinary GSources. */
#ifndef EMU_MAIN_LOOP_H
#define EMU_MAIN_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

GMainContext *main_loop_context(void);
/* Dispatch whatever is ready. timeout_ns < 0 blocks until an event; 0 polls. */
void main_loop_wait(int64_t timeout_ns);
/* Ask the loop (and the run loop above it) to stop with this exit status. */
void main_loop_request_exit(int status);
bool main_loop_exit_requested(int *status);
/* Wake a main_loop_wait blocked in another thread (or in a signal handler's
 * context via the GMainContext wakeup). */
void main_loop_kick(void);

#endif
