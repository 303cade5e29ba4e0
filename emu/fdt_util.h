/* Small libfdt helpers shared by the board's tree builder and the devices'
 * node writers: sized cells, paths, loading and writing blobs. */
#ifndef EMU_FDT_UTIL_H
#define EMU_FDT_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Set property `name` of `node` to `val` as a `cells`-wide (1 or 2)
 * big-endian number, as #address-cells / #size-cells ask. Returns a libfdt
 * error; -FDT_ERR_BADVALUE if val does not fit or cells is not 1 or 2. */
int fdt_setprop_sized_cells(void *fdt, int node, const char *name, int cells, uint64_t val);

/* Set a one-entry "reg"-like property: addr in acells, size in scells. */
int fdt_setprop_reg(void *fdt, int node, const char *name,
                    int acells, uint64_t addr, int scells, uint64_t size);

/* Find or create the node at `path` ("a/b/c") below `parent`, creating
 * every missing component. Returns its offset or a libfdt error. */
int fdt_add_path(void *fdt, int parent, const char *path);

/* NOP out every child of the root named `name` or `name@...`. Returns how
 * many were removed, or a libfdt error. */
int fdt_nop_root_nodes(void *fdt, const char *name);

/* Pack the tree in `fdt` (a g_malloc'd buffer) and shrink the allocation to
 * fdt_totalsize. Returns the (possibly moved) buffer. */
void *fdt_pack_alloc(void *fdt);

/* Read a DTB file and validate it completely (header, sizes, structure).
 * Returns the blob (g_malloc'd, *size = its totalsize). An unreadable or
 * malformed file is armlet's own error: fatal(), one line, exit 2. */
void *fdt_load_file(const char *path, size_t *size);

/* Write fdt_totalsize(fdt) bytes of fdt to path; fatal() on error. */
void fdt_write_file(const void *fdt, const char *path);

#endif
