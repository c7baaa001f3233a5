/* records.c: loading, normalizing and counting the values of one side. */
#include "link/records.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/date.h"
#include "link/intern.h"
#include "link/normalize.h"
#include "link/parallel.h"

#define MAX_THREADS 64 /* as link_threads */

struct link_records *records_new(const struct link_config *cfg, int side, struct err *e)
{
    struct link_records *r = mem_calloc(1, sizeof *r);

    if (r == NULL || (r->arena = arena_new(1 << 20)) == NULL) {
        mem_free(r);
        err_set(e, "out of memory");
        return NULL;
    }
    r->cfg = cfg;
    r->side = side;
    return r;
}

void records_free(struct link_records *r)
{
    if (r == NULL)
        return;
    for (int i = 0; i < r->n_norm; i++)
        arena_free(r->norm[i]);
    mem_free(r->norm);
    arena_free(r->arena);
    mem_free(r->id);
    mem_free(r->truth);
    mem_free(r->entity);
    mem_free(r->cell);
    mem_free(r->raw);
    mem_free(r);
}

static int grow(struct link_records *r, struct err *e)
{
    size_t cap = r->cap ? r->cap * 2 : 1024, nf = (size_t)r->cfg->n_fields;
    const char **id = mem_realloc(r->id, cap * sizeof *id);
    const char **raw;
    const char **truth;

    if (id == NULL)
        return err_set(e, "out of memory");
    r->id = id;
    if ((raw = mem_realloc(r->raw, cap * nf * sizeof *raw)) == NULL)
        return err_set(e, "out of memory");
    r->raw = raw;
    if (r->cfg->truth_column[0] != NULL) {
        if ((truth = mem_realloc(r->truth, cap * sizeof *truth)) == NULL)
            return err_set(e, "out of memory");
        r->truth = truth;
    }
    r->cap = cap;
    return 0;
}

int records_add(struct link_records *r, const char *id, const char *const *values, const char *truth,
                struct err *e)
{
    size_t nf = (size_t)r->cfg->n_fields;

    if (r->finished)
        return err_set(e, "records_add after records_finish");
    if (r->n >= UINT32_MAX - 1)
        return err_set(e, "too many records");
    if (r->n == r->cap && grow(r, e) != 0)
        return -1;
    if ((r->id[r->n] = arena_strdup(r->arena, id)) == NULL)
        return err_set(e, "out of memory");
    for (size_t f = 0; f < nf; f++) {
        const char *v = values[f];
        r->raw[r->n * nf + f] = NULL;
        if (v != NULL && v[0] != '\0' && (r->raw[r->n * nf + f] = arena_strdup(r->arena, v)) == NULL)
            return err_set(e, "out of memory");
    }
    if (r->truth != NULL && (r->truth[r->n] = arena_strdup(r->arena, truth ? truth : "")) == NULL)
        return err_set(e, "out of memory");
    r->n++;
    return 0;
}

/* ---- CSV ----------------------------------------------------------------- */

struct csv_load {
    struct link_records *r;
    const char *path;
    struct csv_reader *rd;
    size_t n_header;
    char **header;          /* trimmed header names */
    int id_col, truth_col;
    int col[LINK_MAX_FIELDS];
};

static void trim(char **s, size_t *len)
{
    while (*len > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
    (*s)[*len] = '\0';
}

/* Length of the valid UTF-8 prefix of s[0..n) (no NUL, no overlongs or surrogates). */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = s[i];
        size_t k;
        unsigned min;
        uint32_t cp;
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0) { k = 1; min = 0x80; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { k = 2; min = 0x800; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { k = 3; min = 0x10000; cp = c & 0x07; }
        else return i;
        if (i + k >= n)
            return i;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += k + 1;
    }
    return i;
}

static int find_column(struct csv_load *c, const char *name, const char *what, struct err *e)
{
    for (size_t i = 0; i < c->n_header; i++)
        if (strcmp(c->header[i], name) == 0)
            return (int)i;
    return err_set(e, "%s:1: the header has no column '%s' (%s)", c->path, name, what);
}

static int read_header(struct csv_load *c, struct err *e)
{
    const struct link_config *cfg = c->r->cfg;
    struct csv_record rec;
    enum csv_status st = csv_next(c->rd, &rec, e);

    if (st == CSV_IO_ERROR)
        return err_prefix(e, "%s: ", c->path);
    if (st == CSV_END)
        return err_set(e, "%s:1: empty file (expected a header)", c->path);
    if (st == CSV_BAD)
        return err_set(e, "%s:%llu: bad header: %s", c->path, (unsigned long long)rec.line, rec.error);
    if ((c->header = mem_calloc(rec.nfields, sizeof *c->header)) == NULL)
        return err_set(e, "out of memory");
    c->n_header = rec.nfields;
    for (size_t i = 0; i < rec.nfields; i++) {
        char *s = rec.field[i];
        size_t len = rec.len[i];
        trim(&s, &len);
        if ((c->header[i] = arena_strdup(c->r->arena, s)) == NULL)
            return err_set(e, "out of memory");
    }
    csv_reader_expect_fields(c->rd, rec.nfields);
    if ((c->id_col = find_column(c, cfg->id_column[c->r->side], "the id column", e)) < 0)
        return -1;
    for (int f = 0; f < cfg->n_fields; f++)
        if ((c->col[f] = find_column(c, cfg->field[f].column[c->r->side], cfg->field[f].name, e)) < 0)
            return -1;
    c->truth_col = -1;
    if (cfg->truth_column[0] != NULL
        && (c->truth_col = find_column(c, cfg->truth_column[c->r->side], "evaluation", e)) < 0)
        return -1;
    return 0;
}

/* The entity label: the whole value, or one part of it split on cfg->truth_split. */
static void truth_label(const struct link_config *cfg, const char *v, char *out, size_t cap)
{
    const char *start = v, *end;
    size_t sl;

    if (cfg->truth_split == NULL) {
        snprintf(out, cap, "%s", v);
        return;
    }
    sl = strlen(cfg->truth_split);
    for (int part = 0; part < cfg->truth_part; part++) {
        const char *next = strstr(start, cfg->truth_split);
        if (next == NULL) {
            out[0] = '\0';
            return;
        }
        start = next + sl;
    }
    end = strstr(start, cfg->truth_split);
    snprintf(out, cap, "%.*s", (int)(end ? (size_t)(end - start) : strlen(start)), start);
}

static int check_field(struct csv_load *c, const struct csv_record *rec, size_t i, struct err *e)
{
    size_t ok = utf8_valid_prefix((const unsigned char *)rec->field[i], rec->len[i]);

    if (ok < rec->len[i])
        return err_set(e, "%s:%llu: column '%s': invalid UTF-8 at byte %zu of the field", c->path,
                       (unsigned long long)rec->line, c->header[i], ok + 1);
    if (rec->len[i] > c->r->cfg->max_field_bytes)
        return err_set(e, "%s:%llu: column '%s': field of %zu bytes is longer than %zu", c->path,
                       (unsigned long long)rec->line, c->header[i], rec->len[i], c->r->cfg->max_field_bytes);
    return 0;
}

static int add_row(struct csv_load *c, struct csv_record *rec, struct err *e)
{
    const struct link_config *cfg = c->r->cfg;
    const char *values[LINK_MAX_FIELDS];
    char label[256];

    if (rec->nfields != c->n_header)
        return err_set(e, "%s:%llu: %zu fields, but the header has %zu", c->path,
                       (unsigned long long)rec->line, rec->nfields, c->n_header);
    for (size_t i = 0; i < rec->nfields; i++) {
        if (cfg->trim)
            trim(&rec->field[i], &rec->len[i]);
        if (check_field(c, rec, i, e) != 0)
            return -1;
    }
    if (rec->len[c->id_col] == 0)
        return err_set(e, "%s:%llu: column '%s': empty record id", c->path, (unsigned long long)rec->line,
                       c->header[c->id_col]);
    for (int f = 0; f < cfg->n_fields; f++)
        values[f] = rec->field[c->col[f]];
    if (c->truth_col >= 0)
        truth_label(cfg, rec->field[c->truth_col], label, sizeof label);
    if (records_add(c->r, rec->field[c->id_col], values, c->truth_col >= 0 ? label : NULL, e) != 0)
        return err_prefix(e, "%s:%llu: ", c->path, (unsigned long long)rec->line);
    return 0;
}

int records_load_csv(struct link_records *r, const char *path, struct err *e)
{
    struct csv_options opt = {0, 0, 0, false}; /* UTF-8 checked per field, to name the column */
    struct csv_load c = {r, path, NULL, 0, NULL, -1, -1, {0}};
    struct csv_record rec;
    enum csv_status st;
    FILE *f = fopen(path, "rb");
    int rc = -1;

    if (f == NULL)
        return err_set(e, "%s: cannot open: %s", path, strerror(errno));
    if ((c.rd = csv_reader_new_file(f, &opt)) == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    if (read_header(&c, e) != 0)
        goto done;
    while ((st = csv_next(c.rd, &rec, e)) != CSV_END) {
        if (st == CSV_IO_ERROR) {
            err_prefix(e, "%s: ", path);
            goto done;
        }
        if (st == CSV_BAD) {
            err_set(e, "%s:%llu: %s", path, (unsigned long long)rec.line, rec.error);
            goto done;
        }
        if (add_row(&c, &rec, e) != 0)
            goto done;
    }
    rc = 0;
done:
    csv_reader_free(c.rd);
    mem_free(c.header);
    fclose(f);
    return rc;
}

/* ---- normalization ------------------------------------------------------- */

struct norm_job {
    struct link_records *r;
    size_t from, to;
    struct arena *arena;
    struct err err;
    int rc;
};

static enum name_kind name_kind_of(enum link_kind k)
{
    return k == KIND_PERSON_NAME ? NAME_PERSON : k == KIND_BUSINESS_NAME ? NAME_BUSINESS : NAME_PLAIN;
}

/* Dates come as YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY; anything else stays text. */
static int32_t parse_date(const char *s)
{
    int y, m, d;
    int32_t out;
    char tail;

    if ((sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 || sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3
         || (strlen(s) == 8 && sscanf(s, "%4d%2d%2d%c", &y, &m, &d, &tail) == 3))
        && date_from_ymd_any_year(y, m, d, &out) == 0)
        return out;
    return DATE_UNKNOWN;
}

/* Digits and letters only, lower case: "TQ13 8DF" and "tq138df" are one postcode. */
static size_t squeeze_code(const char *in, char *out, size_t cap)
{
    size_t n = 0;

    for (; *in != '\0' && n + 1 < cap; in++) {
        char c = *in;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
            out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

static int normalize_cell(struct norm_job *j, struct normalizer *nz, const struct link_field *f, const char *raw,
                          struct link_cell *cell, char *tmp, size_t cap)
{
    int len;

    cell->tf = 0;
    cell->phon = NULL;
    cell->s = NULL;
    if (f->kind == KIND_DATE)
        cell->x.days = DATE_UNKNOWN;
    else if (f->kind == KIND_NUMERIC)
        cell->x.num = NAN;
    if (raw == NULL)
        return 0;
    if (f->kind == KIND_DATE || f->kind == KIND_POSTCODE) {
        len = (int)squeeze_code(raw, tmp, cap);
        if (f->kind == KIND_DATE)
            cell->x.days = parse_date(raw);
    } else if (f->kind == KIND_NUMERIC) {
        char *end;
        double v;
        errno = 0;
        v = strtod(raw, &end);
        while (*end == ' ')
            end++;
        if (errno == 0 && *end == '\0' && isfinite(v))
            cell->x.num = (float)v;
        len = snprintf(tmp, cap, "%s", raw);
    } else if ((len = normalizer_name(nz, raw, strlen(raw), name_kind_of(f->kind), tmp, cap, &j->err)) < 0) {
        return -1;
    }
    if (len == 0)
        return 0;
    if ((cell->s = arena_strndup(j->arena, tmp, (size_t)len)) == NULL)
        return err_set(&j->err, "out of memory");
    if (f->kind == KIND_PERSON_NAME || f->kind == KIND_BUSINESS_NAME) {
        int pl = name_phonetic(cell->s, tmp, cap);
        if (pl < 0)
            return err_set(&j->err, "phonetic key too long");
        if ((cell->phon = arena_strndup(j->arena, tmp, (size_t)pl)) == NULL)
            return err_set(&j->err, "out of memory");
    }
    return 0;
}

static void *normalize_range(void *arg)
{
    struct norm_job *j = arg;
    struct link_records *r = j->r;
    const struct link_config *cfg = r->cfg;
    size_t nf = (size_t)cfg->n_fields, cap = 4 * cfg->max_field_bytes + 256;
    struct normalizer *nz = normalizer_new(&j->err);
    char *tmp = mem_alloc(cap);

    j->rc = -1;
    if (nz == NULL || tmp == NULL) {
        if (tmp == NULL)
            err_set(&j->err, "out of memory");
        goto done;
    }
    for (size_t i = j->from; i < j->to; i++)
        for (size_t f = 0; f < nf; f++)
            if (normalize_cell(j, nz, &cfg->field[f], r->raw[i * nf + f], &r->cell[i * nf + f], tmp, cap) != 0) {
                err_prefix(&j->err, "record '%s', field %s: ", r->id[i], cfg->field[f].name);
                goto done;
            }
    j->rc = 0;
done:
    normalizer_free(nz);
    mem_free(tmp);
    return NULL;
}

int records_finish(struct link_records *r, int threads, struct err *e)
{
    size_t nf = (size_t)r->cfg->n_fields;
    struct norm_job job[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    int t, started = 0, rc = 0;

    if (r->finished)
        return 0;
    threads = link_threads(threads);
    if ((size_t)threads > r->n / 1024 + 1)
        threads = (int)(r->n / 1024 + 1);
    if ((r->cell = mem_calloc(r->n * nf + 1, sizeof *r->cell)) == NULL
        || (r->norm = mem_calloc((size_t)threads, sizeof *r->norm)) == NULL)
        return err_set(e, "out of memory");
    for (t = 0; t < threads; t++) {
        if ((r->norm[t] = arena_new(1 << 20)) == NULL)
            return err_set(e, "out of memory");
        r->n_norm = t + 1;
        job[t] = (struct norm_job){r, r->n * (size_t)t / (size_t)threads, r->n * (size_t)(t + 1) / (size_t)threads,
                                   r->norm[t], {{0}}, -1};
    }
    for (t = 1; t < threads; t++) {
        if (pthread_create(&tid[t], NULL, normalize_range, &job[t]) != 0)
            break;
        started = t;
    }
    for (int u = started + 1; u < threads; u++) /* threads that did not start run here */
        normalize_range(&job[u]);
    normalize_range(&job[0]);
    for (t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    for (t = 0; t < threads; t++)
        if (job[t].rc != 0 && rc == 0) {
            *e = job[t].err;
            rc = -1;
        }
    if (rc != 0)
        return -1;
    mem_free(r->raw);
    r->raw = NULL;
    r->finished = true;
    return 0;
}

/* ---- term frequencies ---------------------------------------------------- */

int records_tf(struct link_records *const *sets, int n_sets, double sum_sq[LINK_MAX_FIELDS], struct err *e)
{
    const struct link_config *cfg = sets[0]->cfg;

    for (int f = 0; f < cfg->n_fields; f++) {
        struct intern *t;
        size_t present = 0;
        sum_sq[f] = 0;
        if (!cfg->field[f].tf)
            continue;
        if ((t = intern_new()) == NULL)
            return err_set(e, "out of memory");
        for (int s = 0; s < n_sets; s++)
            for (size_t i = 0; i < sets[s]->n; i++) {
                const struct link_cell *c = records_cell(sets[s], i, f);
                if (c->s != NULL && intern_add(t, c->s, strlen(c->s)) < 0) {
                    intern_free(t);
                    return err_set(e, "out of memory");
                }
                present += c->s != NULL;
            }
        for (int s = 0; s < n_sets; s++)
            for (size_t i = 0; i < sets[s]->n; i++) {
                struct link_cell *c = &sets[s]->cell[i * (size_t)cfg->n_fields + (size_t)f];
                if (c->s != NULL)
                    c->tf = (float)intern_count(t, intern_find(t, c->s, strlen(c->s))) / (float)present;
            }
        for (size_t v = 0; v < intern_size(t); v++) {
            double p = (double)intern_count(t, (int32_t)v) / (double)present;
            sum_sq[f] += p * p;
        }
        intern_free(t);
    }
    return 0;
}

size_t records_bytes(const struct link_records *r)
{
    size_t b = sizeof *r + r->cap * sizeof *r->id + r->n * (size_t)r->cfg->n_fields * sizeof *r->cell;

    b += arena_used(r->arena);
    for (int i = 0; i < r->n_norm; i++)
        b += arena_used(r->norm[i]);
    if (r->truth != NULL)
        b += r->cap * sizeof *r->truth;
    if (r->entity != NULL)
        b += r->n * sizeof *r->entity;
    return b;
}
