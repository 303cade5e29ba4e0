/* The in-memory backend used by unit tests: output is kept in a buffer and
 * input is pushed by the test, then delivered exactly as far as the front
 * end says it has room -- the same contract the fd backends honour, but
 * synchronous, so device tests need no event loop. */
#include "emu/chardev_impl.h"

typedef struct MemChardev {
    GByteArray *out;
    GByteArray *in;     /* pushed, not yet delivered */
    bool delivering;    /* guards against re-entry from the receive hook */
} MemChardev;

static void mem_sink(Chardev *chr, const uint8_t *buf, size_t len)
{
    MemChardev *m = chr->priv;

    g_byte_array_append(m->out, buf, (guint)len);
}

static void mem_deliver(Chardev *chr)
{
    MemChardev *m = chr->priv;

    if (m->delivering) {
        return;
    }
    m->delivering = true;
    while (m->in->len > 0 && chr->receive && chr->can_receive) {
        size_t room = chr->can_receive(chr->opaque);
        size_t n = room < m->in->len ? room : m->in->len;
        uint8_t *copy;

        if (n == 0) {
            break;
        }
        /* Remove before delivering: the front end may push or read more. */
        copy = g_memdup2(m->in->data, n);
        g_byte_array_remove_range(m->in, 0, (guint)n);
        chr->receive(chr->opaque, copy, n);
        g_free(copy);
    }
    m->delivering = false;
}

static void mem_close(Chardev *chr)
{
    MemChardev *m = chr->priv;

    g_byte_array_free(m->out, TRUE);
    g_byte_array_free(m->in, TRUE);
    g_free(m);
}

static const ChardevOps mem_ops = {
    .name = "chardev-mem",
    .sink = mem_sink,
    .accept_input = mem_deliver,
    .close = mem_close,
};

Chardev *chardev_mem_new(void)
{
    MemChardev *m = g_new0(MemChardev, 1);

    m->out = g_byte_array_new();
    m->in = g_byte_array_new();
    return chardev_alloc(&mem_ops, m);
}

static MemChardev *mem_of(Chardev *chr)
{
    g_assert(chr && chr->ops == &mem_ops);
    return chr->priv;
}

void chardev_mem_input(Chardev *chr, const uint8_t *buf, size_t len)
{
    MemChardev *m = mem_of(chr);

    g_byte_array_append(m->in, buf, (guint)len);
    mem_deliver(chr);
}

size_t chardev_mem_pending_input(Chardev *chr)
{
    return mem_of(chr)->in->len;
}

const uint8_t *chardev_mem_output(Chardev *chr, size_t *len)
{
    MemChardev *m = mem_of(chr);

    *len = m->out->len;
    return m->out->data;
}

void chardev_mem_clear_output(Chardev *chr)
{
    g_byte_array_set_size(mem_of(chr)->out, 0);
}
