/* decodegen: builds an instruction decoder from table files.
 *
 *   decodegen -p PREFIX -o OUTDIR TABLE.decode...
 *
 * writes OUTDIR/PREFIX-decode-args.inc (argument structs, trans_* prototypes),
 * OUTDIR/PREFIX-decode-tree.inc (entry names and PREFIX_decode_index(), a
 * decision tree over the instruction bits) and OUTDIR/PREFIX-decode-dispatch.inc
 * (field extraction and PREFIX_decode(), which calls the trans_* handlers).
 * The table format and the tree construction are described in
 * docs/a64-decoder.md. This is a host build tool, not part of armlet. */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEGS 8
#define MAX_FIELDS 16
#define MAX_ENTRIES 1024
#define MAX_DEFS 256
#define NAME_LEN 64

typedef struct Seg {
    int pos, len;
    bool sign;
} Seg;

/* A field of an entry: either bits of the pattern (one unsigned segment) or
 * a derived field (%name): segments concatenated most significant first,
 * optionally sign-extended, shifted left and passed through a function. */
typedef struct Field {
    char name[NAME_LEN];
    Seg segs[MAX_SEGS];
    int nsegs;
    int shift;
    char fn[NAME_LEN];
    char type[16];
} Field;

typedef struct Entry {
    char handler[NAME_LEN];
    char argset[NAME_LEN];
    uint32_t mask, value;
    Field fields[MAX_FIELDS];
    int nfields;
    char *cond;
    int group;
    const char *file;
    int line;
} Entry;

static Entry entries[MAX_ENTRIES];
static int nentries;
static Field defs[MAX_DEFS];
static int ndefs;
static const char *prefix = "a64";
static char uprefix[NAME_LEN];
static const char *cur_file;
static int cur_line;

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "decodegen: ");
    if (cur_file) {
        fprintf(stderr, "%s:%d: ", cur_file, cur_line);
    }
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static bool is_ident(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_') {
        return false;
    }
    for (s++; *s; s++) {
        if (!isalnum((unsigned char)*s) && *s != '_') {
            return false;
        }
    }
    return true;
}

static void copy_name(char *dst, const char *src)
{
    if (!is_ident(src) || strlen(src) >= NAME_LEN) {
        die("bad name '%s'", src);
    }
    strcpy(dst, src);
}

static int field_width(const Field *f)
{
    int w = 0;
    for (int i = 0; i < f->nsegs; i++) {
        w += f->segs[i].len;
    }
    return w;
}

/* "%name[:type] pos:len[s]... [<<N] [fn=FUNC]" */
static void parse_def(char **tok, int ntok)
{
    Field *f;
    char *colon;

    if (ndefs == MAX_DEFS) {
        die("too many field definitions");
    }
    f = &defs[ndefs];
    memset(f, 0, sizeof *f);
    colon = strchr(tok[0] + 1, ':');
    if (colon) {
        *colon = 0;
        if (strcmp(colon + 1, "u32") == 0) {
            strcpy(f->type, "uint32_t");
        } else if (strcmp(colon + 1, "s64") == 0) {
            strcpy(f->type, "int64_t");
        } else if (strcmp(colon + 1, "u64") == 0) {
            strcpy(f->type, "uint64_t");
        } else {
            die("unknown field type '%s' (u32, s64, u64)", colon + 1);
        }
    }
    copy_name(f->name, tok[0] + 1);
    for (int i = 0; i < ndefs; i++) {
        if (strcmp(defs[i].name, f->name) == 0) {
            die("field %%%s defined twice", f->name);
        }
    }
    for (int i = 1; i < ntok; i++) {
        int pos, len, n;
        char s = 0;
        if (strncmp(tok[i], "<<", 2) == 0) {
            f->shift = atoi(tok[i] + 2);
            if (f->shift < 0 || f->shift > 32) {
                die("bad shift '%s'", tok[i]);
            }
        } else if (strncmp(tok[i], "fn=", 3) == 0) {
            copy_name(f->fn, tok[i] + 3);
        } else if (sscanf(tok[i], "%d:%d%n", &pos, &len, &n) == 2 &&
                   (tok[i][n] == 0 || (tok[i][n] == 's' && tok[i][n + 1] == 0))) {
            s = tok[i][n];
            if (pos < 0 || len < 1 || pos + len > 32) {
                die("bad segment '%s'", tok[i]);
            }
            if (f->nsegs == MAX_SEGS) {
                die("too many segments");
            }
            if (s && f->nsegs) {
                die("only the first (most significant) segment may be signed");
            }
            f->segs[f->nsegs++] = (Seg){ pos, len, s == 's' };
        } else {
            die("bad token '%s' in field definition", tok[i]);
        }
    }
    if (!f->nsegs) {
        die("field %%%s has no segments", f->name);
    }
    if (field_width(f) > 64 || field_width(f) + f->shift > 64) {
        die("field %%%s is wider than 64 bits", f->name);
    }
    if (!f->type[0]) {
        if (f->fn[0]) {
            strcpy(f->type, "uint64_t");
        } else if (f->segs[0].sign) {
            strcpy(f->type, "int64_t");
        } else {
            strcpy(f->type, field_width(f) + f->shift > 32 ? "uint64_t" : "uint32_t");
        }
    }
    ndefs++;
}

static void add_field(Entry *e, const Field *f)
{
    for (int i = 0; i < e->nfields; i++) {
        if (strcmp(e->fields[i].name, f->name) == 0) {
            die("field '%s' appears twice", f->name);
        }
    }
    if (e->nfields == MAX_FIELDS) {
        die("too many fields");
    }
    e->fields[e->nfields++] = *f;
}

/* "HANDLER pattern... [%field...] [&argset] [? condition]" */
static void parse_entry(char **tok, int ntok, const char *cond, int group)
{
    Entry *e;
    int bit = 32, i;

    if (nentries == MAX_ENTRIES) {
        die("too many entries");
    }
    e = &entries[nentries];
    memset(e, 0, sizeof *e);
    copy_name(e->handler, tok[0]);
    e->group = group;
    e->file = cur_file;
    e->line = cur_line;
    for (i = 1; i < ntok && bit > 0; i++) {
        const char *t = tok[i];
        char *colon = strchr(t, ':');
        if (strspn(t, "01-") == strlen(t)) {
            for (; *t; t++) {
                if (--bit < 0) {
                    die("pattern longer than 32 bits");
                }
                if (*t != '-') {
                    e->mask |= 1u << bit;
                    e->value |= (uint32_t)(*t == '1') << bit;
                }
            }
        } else if (strchr(t, '=') && strspn(strchr(t, '=') + 1, "01-") ==
                   strlen(strchr(t, '=') + 1) && strchr(t, '=')[1]) {
            /* name=01-: a field whose bits are (partly) fixed */
            Field f;
            char *eq = strchr(t, '=');
            memset(&f, 0, sizeof f);
            *eq = 0;
            copy_name(f.name, t);
            f.segs[0].len = (int)strlen(eq + 1);
            if (f.segs[0].len > bit) {
                die("pattern longer than 32 bits");
            }
            for (t = eq + 1; *t; t++) {
                bit--;
                if (*t != '-') {
                    e->mask |= 1u << bit;
                    e->value |= (uint32_t)(*t == '1') << bit;
                }
            }
            f.segs[0].pos = bit;
            f.nsegs = 1;
            strcpy(f.type, "uint32_t");
            add_field(e, &f);
        } else if (colon) {
            Field f;
            memset(&f, 0, sizeof f);
            *colon = 0;
            copy_name(f.name, t);
            f.segs[0].len = atoi(colon + 1);
            if (f.segs[0].len < 1 || f.segs[0].len > bit) {
                die("bad field width in '%s:%s'", t, colon + 1);
            }
            bit -= f.segs[0].len;
            f.segs[0].pos = bit;
            f.nsegs = 1;
            strcpy(f.type, "uint32_t");
            add_field(e, &f);
        } else {
            die("bad pattern token '%s'", t);
        }
    }
    if (bit != 0) {
        die("pattern is %d bits, not 32", 32 - bit);
    }
    for (; i < ntok; i++) {
        char *pct = strchr(tok[i], '%');
        if (pct && (pct == tok[i] || pct[-1] == '=')) {
            /* %def, or member=%def to name the struct member */
            Field f;
            int d;
            for (d = 0; d < ndefs && strcmp(defs[d].name, pct + 1); d++) {
            }
            if (d == ndefs) {
                die("unknown field %s", pct);
            }
            f = defs[d];
            if (pct != tok[i]) {
                pct[-1] = 0;
                copy_name(f.name, tok[i]);
            }
            add_field(e, &f);
        } else if (tok[i][0] == '&') {
            copy_name(e->argset, tok[i] + 1);
        } else if (strspn(tok[i], "01-") == strlen(tok[i]) || strchr(tok[i], ':')) {
            die("pattern longer than 32 bits at '%s'", tok[i]);
        } else {
            die("unexpected token '%s'", tok[i]);
        }
    }
    if (!e->argset[0]) {
        strcpy(e->argset, e->handler);
    }
    if (cond) {
        e->cond = strdup(cond);
    }
    nentries++;
}

static void parse_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char buf[4096], line[8192];
    static int ngroups;
    int group = -1, lineno = 0, start = 0;
    bool pending = false;

    if (!f) {
        cur_file = NULL;
        die("cannot open %s", path);
    }
    cur_file = path;
    cur_line = 0;
    line[0] = 0;
    ndefs = 0; /* %fields are local to their table file */
    while (fgets(buf, sizeof buf, f)) {
        char *tok[64], *cond, *p, *hash;
        size_t len;
        int ntok = 0;

        cur_line = ++lineno;
        if (!pending) {
            start = lineno;
        }
        hash = strchr(buf, '#');
        if (hash) {
            *hash = 0;
        }
        len = strlen(buf);
        while (len && isspace((unsigned char)buf[len - 1])) {
            buf[--len] = 0;
        }
        if (strlen(line) + len + 2 >= sizeof line) {
            die("line too long");
        }
        if (len && buf[len - 1] == '\\') {
            buf[len - 1] = 0;
            strcat(line, buf);
            strcat(line, " ");
            pending = true;
            continue;
        }
        pending = false;
        strcat(line, buf);
        cur_line = start;
        cond = strchr(line, '?');
        if (cond) {
            *cond++ = 0;
            while (isspace((unsigned char)*cond)) {
                cond++;
            }
            if (!*cond) {
                die("empty condition");
            }
        }
        for (p = strtok(line, " \t"); p; p = strtok(NULL, " \t")) {
            if (ntok == 64) {
                die("too many tokens");
            }
            tok[ntok++] = p;
        }
        if (ntok == 0) {
            if (cond) {
                die("condition without an entry");
            }
        } else if (strcmp(tok[0], "{") == 0 && ntok == 1) {
            if (group >= 0) {
                die("groups do not nest");
            }
            group = ngroups++;
        } else if (strcmp(tok[0], "}") == 0 && ntok == 1) {
            if (group < 0) {
                die("'}' without '{'");
            }
            group = -1;
        } else if (tok[0][0] == '%') {
            if (cond) {
                die("condition on a field definition");
            }
            parse_def(tok, ntok);
        } else {
            parse_entry(tok, ntok, cond, group);
        }
        line[0] = 0;
    }
    if (group >= 0) {
        die("unterminated group");
    }
    fclose(f);
    cur_file = NULL;
}

/* Entries that can match the same word must say which wins: they have to
 * be in one {} group, where table order is priority. */
static void check_overlaps(void)
{
    for (int i = 0; i < nentries; i++) {
        for (int j = i + 1; j < nentries; j++) {
            Entry *a = &entries[i], *b = &entries[j];
            if (((a->value ^ b->value) & a->mask & b->mask) == 0 &&
                (a->group < 0 || a->group != b->group)) {
                cur_file = NULL;
                die("%s:%d: %s overlaps %s (%s:%d); put both in one {} group",
                    a->file, a->line, a->handler, b->handler, b->file, b->line);
            }
        }
    }
}

/* Entries sharing an argument set (or handler) must carry the same fields. */
static void check_argsets(void)
{
    for (int i = 0; i < nentries; i++) {
        for (int j = 0; j < i; j++) {
            Entry *a = &entries[i], *b = &entries[j];
            bool same = a->nfields == b->nfields;
            if (strcmp(a->handler, b->handler) == 0 && strcmp(a->argset, b->argset)) {
                cur_file = NULL;
                die("%s:%d: handler %s used with two argument sets", a->file,
                    a->line, a->handler);
            }
            if (strcmp(a->argset, b->argset)) {
                continue;
            }
            for (int k = 0; same && k < a->nfields; k++) {
                same = strcmp(a->fields[k].name, b->fields[k].name) == 0 &&
                       strcmp(a->fields[k].type, b->fields[k].type) == 0;
            }
            if (!same) {
                cur_file = NULL;
                die("%s:%d: argument set %s has different fields at %s:%d",
                    a->file, a->line, a->argset, b->file, b->line);
            }
        }
    }
}

static FILE *open_out(const char *dir, const char *what)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s-decode-%s.inc", dir, prefix, what);
    f = fopen(path, "w");
    if (!f) {
        die("cannot write %s", path);
    }
    fprintf(f, "/* Generated by target-arm/tools/decodegen from the %s tables. "
            "Do not edit. */\n", prefix);
    return f;
}

static void close_out(FILE *f)
{
    if (ferror(f) || fclose(f) != 0) {
        die("write error");
    }
}

/* A C expression for a field's value from the local 'insn'. */
static void emit_field_expr(FILE *f, const Field *fd)
{
    int rest = field_width(fd);
    char raw[1024];
    size_t n = 0;

    if (fd->nsegs == 1 && !fd->segs[0].sign && !fd->shift && !fd->fn[0] &&
        strcmp(fd->type, "uint32_t") == 0) {
        fprintf(f, "%s_ex(insn, %d, %d)", prefix, fd->segs[0].pos, fd->segs[0].len);
        return;
    }
    for (int i = 0; i < fd->nsegs; i++) {
        rest -= fd->segs[i].len;
        n += snprintf(raw + n, sizeof raw - n, "%s(uint64_t)%s_ex(insn, %d, %d)",
                      i ? " | " : "", prefix, fd->segs[i].pos, fd->segs[i].len);
        if (rest) {
            n += snprintf(raw + n, sizeof raw - n, " << %d", rest);
        }
    }
    fprintf(f, "(%s)", fd->type);
    if (fd->fn[0]) {
        fprintf(f, "%s(", fd->fn);
    }
    if (fd->segs[0].sign) {
        fprintf(f, "%s_shl(%s_sext(%s, %d), %d)", prefix, prefix, raw,
                field_width(fd), fd->shift);
    } else if (fd->shift) {
        fprintf(f, "((%s) << %d)", raw, fd->shift);
    } else {
        fprintf(f, "(%s)", raw);
    }
    if (fd->fn[0]) {
        fprintf(f, ")");
    }
}

static void emit_args(const char *dir)
{
    FILE *f = open_out(dir, "args");

    fprintf(f, "/* Argument structs, one per field set, and the handlers. */\n");
    for (int i = 0; i < nentries; i++) {
        Entry *e = &entries[i];
        bool seen = false;
        for (int j = 0; j < i && !seen; j++) {
            seen = strcmp(entries[j].argset, e->argset) == 0;
        }
        if (seen) {
            continue;
        }
        fprintf(f, "typedef struct arg_%s {\n", e->argset);
        for (int k = 0; k < e->nfields; k++) {
            fprintf(f, "    %s %s;\n", e->fields[k].type, e->fields[k].name);
        }
        if (!e->nfields) {
            fprintf(f, "    char unused_;\n");
        }
        fprintf(f, "} arg_%s;\n", e->argset);
    }
    for (int i = 0; i < nentries; i++) {
        Entry *e = &entries[i];
        bool seen = false;
        for (int j = 0; j < i && !seen; j++) {
            seen = strcmp(entries[j].handler, e->handler) == 0;
        }
        if (!seen) {
            fprintf(f, "bool trans_%s(DisasContext *s, arg_%s *a);\n", e->handler,
                    e->argset);
        }
    }
    close_out(f);
}

static void indent(FILE *f, int depth)
{
    fprintf(f, "%*s", 4 * depth, "");
}

static int count_nodes;

static void emit_leaf(FILE *f, const int *items, int n, uint32_t tested, int depth)
{
    for (int i = 0; i < n; i++) {
        const Entry *e = &entries[items[i]];
        uint32_t m = e->mask & ~tested;
        indent(f, depth);
        fprintf(f, "/* %s (%s:%d) */\n", e->handler, e->file, e->line);
        indent(f, depth);
        if (m && e->cond) {
            fprintf(f, "if ((insn & 0x%08xu) == 0x%08xu && %s_cond_%d(insn)) {\n",
                    m, e->value & m, prefix, items[i]);
        } else if (m) {
            fprintf(f, "if ((insn & 0x%08xu) == 0x%08xu) {\n", m, e->value & m);
        } else if (e->cond) {
            fprintf(f, "if (%s_cond_%d(insn)) {\n", prefix, items[i]);
        } else {
            fprintf(f, "return %d;\n", items[i]);
            return;
        }
        indent(f, depth + 1);
        fprintf(f, "return %d;\n", items[i]);
        indent(f, depth);
        fprintf(f, "}\n");
    }
    indent(f, depth);
    fprintf(f, "return -1;\n");
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Switch on the bits every remaining entry fixes; when there are none, test
 * the single bit fixed by the most entries (entries that do not care about
 * it go down both sides). Stop at one entry or at one ordered group. */
static void emit_tree(FILE *f, const int *items, int n, uint32_t tested, int depth)
{
    uint32_t common = ~tested, any = 0;
    bool one_group = true;

    count_nodes++;
    for (int i = 0; i < n; i++) {
        common &= entries[items[i]].mask;
        any |= entries[items[i]].mask & ~tested;
        one_group &= entries[items[i]].group >= 0 &&
                     entries[items[i]].group == entries[items[0]].group;
    }
    if (n <= 1 || !any || (one_group && !common)) {
        emit_leaf(f, items, n, tested, depth);
        return;
    }
    int *sub = malloc(sizeof(int) * n);
    int nsub;
    if (common) {
        uint32_t *vals = malloc(sizeof(uint32_t) * n);
        int nvals = 0;
        for (int i = 0; i < n; i++) {
            vals[nvals++] = entries[items[i]].value & common;
        }
        qsort(vals, nvals, sizeof *vals, cmp_u32);
        indent(f, depth);
        fprintf(f, "switch (insn & 0x%08xu) {\n", common);
        for (int v = 0; v < nvals; v++) {
            if (v && vals[v] == vals[v - 1]) {
                continue;
            }
            nsub = 0;
            for (int i = 0; i < n; i++) {
                if ((entries[items[i]].value & common) == vals[v]) {
                    sub[nsub++] = items[i];
                }
            }
            indent(f, depth);
            fprintf(f, "case 0x%08xu:\n", vals[v]);
            emit_tree(f, sub, nsub, tested | common, depth + 1);
        }
        indent(f, depth);
        fprintf(f, "default:\n");
        indent(f, depth + 1);
        fprintf(f, "return -1;\n");
        indent(f, depth);
        fprintf(f, "}\n");
        free(vals);
    } else {
        int best = -1, best_cnt = -1, best_bal = 0;
        for (int b = 0; b < 32; b++) {
            int cnt = 0, ones = 0, bal;
            if (tested & (1u << b)) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (entries[items[i]].mask & (1u << b)) {
                    cnt++;
                    ones += (entries[items[i]].value >> b) & 1;
                }
            }
            bal = abs(cnt - 2 * ones);
            if (cnt > best_cnt || (cnt == best_cnt && bal < best_bal)) {
                best = b;
                best_cnt = cnt;
                best_bal = bal;
            }
        }
        for (int side = 1; side >= 0; side--) {
            nsub = 0;
            for (int i = 0; i < n; i++) {
                const Entry *e = &entries[items[i]];
                if (!(e->mask & (1u << best)) ||
                    ((e->value >> best) & 1) == (uint32_t)side) {
                    sub[nsub++] = items[i];
                }
            }
            indent(f, depth);
            fprintf(f, side ? "if (insn & 0x%08xu) {\n" : "} else {\n", 1u << best);
            emit_tree(f, sub, nsub, tested | (1u << best), depth + 1);
        }
        indent(f, depth);
        fprintf(f, "}\n");
    }
    free(sub);
}

static void emit_locals(FILE *f, const Entry *e)
{
    for (int k = 0; k < e->nfields; k++) {
        fprintf(f, "    %s %s = ", e->fields[k].type, e->fields[k].name);
        emit_field_expr(f, &e->fields[k]);
        fprintf(f, ";\n");
    }
    for (int k = 0; k < e->nfields; k++) {
        fprintf(f, "    (void)%s;\n", e->fields[k].name);
    }
}

static void emit_tree_file(const char *dir)
{
    FILE *f = open_out(dir, "tree");
    int *all = malloc(sizeof(int) * (nentries ? nentries : 1));

    fprintf(f, "#define %s_DECODE_NENTRIES %d\n", uprefix, nentries);
    fprintf(f, "static const char *const %s_decode_names[%d] = {\n", prefix,
            nentries ? nentries : 1);
    for (int i = 0; i < nentries; i++) {
        fprintf(f, "    \"%s\",\n", entries[i].handler);
    }
    fprintf(f, "};\n\n");
    fprintf(f, "/* Fixed bits of each entry: insn & mask == value (before its condition). */\n");
    fprintf(f, "static const uint32_t %s_decode_patterns[%d][2] = {\n", prefix,
            nentries ? nentries : 1);
    for (int i = 0; i < nentries; i++) {
        fprintf(f, "    { 0x%08xu, 0x%08xu },\n", entries[i].mask, entries[i].value);
    }
    fprintf(f, "};\n\n");
    for (int i = 0; i < nentries; i++) {
        const Entry *e = &entries[i];
        if (!e->cond) {
            continue;
        }
        fprintf(f, "/* %s (%s:%d) */\n", e->handler, e->file, e->line);
        fprintf(f, "static bool %s_cond_%d(uint32_t insn)\n{\n", prefix, i);
        emit_locals(f, e);
        fprintf(f, "    return %s;\n}\n\n", e->cond);
    }
    fprintf(f, "int %s_decode_index(uint32_t insn)\n{\n", prefix);
    for (int i = 0; i < nentries; i++) {
        all[i] = i;
    }
    emit_tree(f, all, nentries, 0, 1);
    fprintf(f, "}\n");
    free(all);
    close_out(f);
}

static void emit_dispatch(const char *dir)
{
    FILE *f = open_out(dir, "dispatch");

    fprintf(f, "/* Include once the trans_* handlers exist. %s_CALL may be\n"
            " * redefined (tests), and %s_DECODE_FN renames the entry point. */\n",
            uprefix, uprefix);
    fprintf(f, "#ifndef %s_CALL\n#define %s_CALL(name, argtype, s, a) trans_##name(s, a)\n"
            "#endif\n", uprefix, uprefix);
    fprintf(f, "#ifndef %s_DECODE_FN\n#define %s_DECODE_FN %s_decode\n#endif\n\n",
            uprefix, uprefix, prefix);
    for (int i = 0; i < nentries; i++) {
        const Entry *e = &entries[i];
        fprintf(f, "static void %s_extract_%d(arg_%s *a, uint32_t insn)\n{\n",
                prefix, i, e->argset);
        if (!e->nfields) {
            fprintf(f, "    (void)insn;\n    a->unused_ = 0;\n");
        }
        for (int k = 0; k < e->nfields; k++) {
            fprintf(f, "    a->%s = ", e->fields[k].name);
            emit_field_expr(f, &e->fields[k]);
            fprintf(f, ";\n");
        }
        fprintf(f, "}\n\n");
    }
    fprintf(f, "bool %s_DECODE_FN(DisasContext *s, uint32_t insn)\n{\n", uprefix);
    fprintf(f, "    switch (%s_decode_index(insn)) {\n", prefix);
    for (int i = 0; i < nentries; i++) {
        const Entry *e = &entries[i];
        fprintf(f, "    case %d: {\n        arg_%s a;\n        %s_extract_%d(&a, insn);\n"
                "        return %s_CALL(%s, arg_%s, s, &a);\n    }\n", i, e->argset,
                prefix, i, uprefix, e->handler, e->argset);
    }
    fprintf(f, "    default:\n        return false;\n    }\n}\n");
    close_out(f);
}

int main(int argc, char **argv)
{
    const char *outdir = ".";
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
            prefix = argv[++i];
        } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            outdir = argv[++i];
        } else {
            die("usage: decodegen [-p PREFIX] [-o OUTDIR] TABLE...");
        }
    }
    if (i == argc || !is_ident(prefix)) {
        die("usage: decodegen [-p PREFIX] [-o OUTDIR] TABLE...");
    }
    for (size_t k = 0; k <= strlen(prefix) && k < NAME_LEN - 1; k++) {
        uprefix[k] = (char)toupper((unsigned char)prefix[k]);
    }
    for (; i < argc; i++) {
        parse_file(argv[i]);
    }
    check_overlaps();
    check_argsets();
    emit_args(outdir);
    emit_tree_file(outdir);
    emit_dispatch(outdir);
    return 0;
}
