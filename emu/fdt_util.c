/* Small libfdt helpers: sized cells, paths, loading and writing blobs.
 * Blob layout and the meaning of #address-cells/#size-cells: Devicetree
 * Specification v0.4, sections 2.3.5 and 5. */
#include "emu/fdt_util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <libfdt.h>

#include "emu/error.h"

int fdt_setprop_sized_cells(void *fdt, int node, const char *name, int cells, uint64_t val)
{
    switch (cells) {
    case 1:
        if (val > UINT32_MAX) {
            return -FDT_ERR_BADVALUE;
        }
        return fdt_setprop_u32(fdt, node, name, (uint32_t)val);
    case 2:
        return fdt_setprop_u64(fdt, node, name, val);
    default:
        return -FDT_ERR_BADVALUE;
    }
}

/* Store val big-endian in `cells` 32-bit cells at out; false if it does not fit. */
static bool put_cells(fdt32_t *out, int cells, uint64_t val)
{
    if (cells == 1) {
        if (val > UINT32_MAX) {
            return false;
        }
        out[0] = cpu_to_fdt32((uint32_t)val);
        return true;
    }
    if (cells == 2) {
        out[0] = cpu_to_fdt32((uint32_t)(val >> 32));
        out[1] = cpu_to_fdt32((uint32_t)val);
        return true;
    }
    return false;
}

int fdt_setprop_reg(void *fdt, int node, const char *name,
                    int acells, uint64_t addr, int scells, uint64_t size)
{
    fdt32_t cells[4];

    if (acells < 1 || acells > 2 || scells < 1 || scells > 2 ||
        !put_cells(cells, acells, addr) || !put_cells(cells + acells, scells, size)) {
        return -FDT_ERR_BADVALUE;
    }
    return fdt_setprop(fdt, node, name, cells, (int)((acells + scells) * sizeof(fdt32_t)));
}

int fdt_add_path(void *fdt, int parent, const char *path)
{
    int node = parent;

    while (*path) {
        const char *slash = strchr(path, '/');
        int len = slash ? (int)(slash - path) : (int)strlen(path);

        if (len > 0) {
            int sub = fdt_subnode_offset_namelen(fdt, node, path, len);
            if (sub == -FDT_ERR_NOTFOUND) {
                sub = fdt_add_subnode_namelen(fdt, node, path, len);
            }
            if (sub < 0) {
                return sub;
            }
            node = sub;
        }
        path += len + (slash ? 1 : 0);
    }
    return node;
}

/* True if a node called `node_name` is `name` or `name@unit`. */
static bool name_matches(const char *node_name, const char *name)
{
    size_t n = strlen(name);
    return strncmp(node_name, name, n) == 0 && (node_name[n] == '\0' || node_name[n] == '@');
}

int fdt_nop_root_nodes(void *fdt, const char *name)
{
    int count = 0;

    /* fdt_nop_node overwrites the node with NOP tags, which ends an
     * iteration that stands on it: start over after each removal. */
    for (;;) {
        int node, found = -1;

        fdt_for_each_subnode(node, fdt, 0) {
            const char *node_name = fdt_get_name(fdt, node, NULL);
            if (node_name && name_matches(node_name, name)) {
                found = node;
                break;
            }
        }
        if (found < 0) {
            if (node < 0 && node != -FDT_ERR_NOTFOUND) {
                return node;
            }
            return count;
        }
        int err = fdt_nop_node(fdt, found);
        if (err < 0) {
            return err;
        }
        count++;
    }
}

void *fdt_pack_alloc(void *fdt)
{
    int err = fdt_pack(fdt);

    if (err < 0) {
        fatal("device tree: cannot pack: %s", fdt_strerror(err));
    }
    return g_realloc(fdt, fdt_totalsize(fdt));
}

/* Why a loaded blob is unusable, or NULL if it is fine. */
static const char *blob_problem(const char *buf, size_t len, char *msg, size_t msgsz)
{
    int err;

    if (len < sizeof(struct fdt_header)) {
        return "not a device tree blob (file too short for the header)";
    }
    if ((err = fdt_check_header(buf)) < 0) {
        snprintf(msg, msgsz, "not a valid device tree blob: %s", fdt_strerror(err));
        return msg;
    }
    if (fdt_totalsize(buf) > len) {
        snprintf(msg, msgsz, "device tree blob truncated (header says %u bytes, file has %zu)",
                 fdt_totalsize(buf), len);
        return msg;
    }
    /* Walk the whole structure block so later libfdt calls cannot trip over
     * bad offsets or unterminated names. */
    if ((err = fdt_check_full(buf, fdt_totalsize(buf))) < 0) {
        snprintf(msg, msgsz, "malformed device tree blob: %s", fdt_strerror(err));
        return msg;
    }
    return NULL;
}

void *fdt_load_file(const char *path, size_t *size)
{
    GError *gerr = NULL;
    gchar *buf;
    gsize len;
    char msg[128];
    const char *problem;

    if (!g_file_get_contents(path, &buf, &len, &gerr)) {
        char text[256];
        g_strlcpy(text, gerr->message, sizeof text);
        g_error_free(gerr);
        fatal("cannot read device tree blob: %s", text);
    }
    problem = blob_problem(buf, len, msg, sizeof msg);
    if (problem) {
        g_free(buf);   /* nothing left behind for leak checkers at exit */
        fatal("%s: %s", path, problem);
    }
    *size = fdt_totalsize(buf);
    return buf;
}

void fdt_write_file(const void *fdt, const char *path)
{
    FILE *f = fopen(path, "wb");
    size_t len = fdt_totalsize(fdt);

    if (!f) {
        fatal("cannot write device tree to %s: %s", path, strerror(errno));
    }
    if (fwrite(fdt, 1, len, f) != len) {
        int e = errno;
        fclose(f);
        fatal("cannot write device tree to %s: %s", path, strerror(e));
    }
    if (fclose(f) != 0) {
        fatal("cannot write device tree to %s: %s", path, strerror(errno));
    }
}
