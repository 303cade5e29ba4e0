/* An interrupt line: a device raises or lowers it; whoever owns the other end
 * (the GIC, or a test) decides what that means. Level-sensitive throughout. */
#ifndef EMU_IRQ_H
#define EMU_IRQ_H

#include <stdbool.h>
#include <stddef.h>

typedef void (*IrqHandler)(void *opaque, int line, bool level);

typedef struct IrqLine {
    IrqHandler handler;   /* NULL: the line goes nowhere */
    void *opaque;
    int line;             /* e.g. the GIC INTID */
} IrqLine;

static inline void irq_set(const IrqLine *irq, bool level)
{
    if (irq && irq->handler) {
        irq->handler(irq->opaque, irq->line, level);
    }
}

#endif
