/* survivorship.c: the trust table and the choice it makes (survivorship.h). */
#include "core/survivorship.h"

#include <string.h>

#include "core/alloc.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/embedded.h"

#define TABLE_FILE "data/survivorship.csv"

static const char *const source_names[GS_COUNT] = {
    [GS_OFFICER] = "officer", [GS_UDYAM] = "udyam", [GS_SELF] = "self",
    [GS_REGISTERED] = "registered", [GS_GST] = "gst", [GS_CREDIT] = "credit",
    [GS_CLUSTER] = "cluster", [GS_SKILLING] = "skilling", [GS_BENEFICIARY] = "beneficiary",
};

struct survivorship {
    /* rank[f][s]; row PF_COUNT is the default for fields the table does not name */
    unsigned char rank[PF_COUNT + 1][GS_COUNT];
    unsigned char named[PF_COUNT + 1];
};

const char *golden_source_name(enum golden_source s)
{
    return s > GS_NONE && s < GS_COUNT ? source_names[s] : NULL;
}

enum golden_source golden_source_from_name(const char *name, size_t len)
{
    for (int s = GS_NONE + 1; s < GS_COUNT; s++)
        if (strlen(source_names[s]) == len && memcmp(source_names[s], name, len) == 0)
            return (enum golden_source)s;
    return GS_NONE;
}

/* "officer>udyam=self>registered" into ranks: the first group gets the
 * highest rank. Each source may appear once. */
static int parse_trust(const char *trust, unsigned char rank[GS_COUNT], const char *where,
                       struct err *e)
{
    enum golden_source order[GS_COUNT];
    unsigned char group[GS_COUNT];
    int n = 0, groups = 1;
    const char *p = trust;

    memset(rank, 0, GS_COUNT);
    for (;;) {
        size_t len = strcspn(p, ">=");
        enum golden_source s = golden_source_from_name(p, len);
        if (s == GS_NONE)
            return err_set(e, "%s: '%.*s' is not a source (officer, udyam, self, registered, gst, "
                              "credit, cluster, skilling, beneficiary)", where, (int)(len > 40 ? 40 : len), p);
        for (int i = 0; i < n; i++)
            if (order[i] == s)
                return err_set(e, "%s: source '%s' is named twice", where, source_names[s]);
        order[n] = s;
        group[n++] = (unsigned char)groups;
        if (p[len] == '\0')
            break;
        if (p[len] == '>')
            groups++;
        p += len + 1;
    }
    for (int i = 0; i < n; i++)
        rank[order[i]] = (unsigned char)(groups - group[i] + 1);
    return 0;
}

static int field_row(const char *field, int *row, const char *where, struct err *e)
{
    const struct profile_field_desc *d;

    if (strcmp(field, "*") == 0) {
        *row = PF_COUNT;
        return 0;
    }
    d = profile_field_by_path(field);
    if (d == NULL)
        return err_set(e, "%s: '%.60s' is not a profile field", where, field);
    *row = d->id;
    return 0;
}

static int parse_row(struct survivorship *t, const struct csv_record *rec, const char *name,
                     struct err *e)
{
    char where[160];
    int row = PF_COUNT;

    snprintf(where, sizeof where, "%s line %llu", name, (unsigned long long)rec->line);
    if (rec->nfields != 3)
        return err_set(e, "%s: %zu fields, expected field,trust,why", where, rec->nfields);
    if (field_row(rec->field[0], &row, where, e) != 0)
        return -1;
    if (t->named[row])
        return err_set(e, "%s: field '%.60s' is listed twice", where, rec->field[0]);
    if (rec->field[2][0] == '\0')
        return err_set(e, "%s: the 'why' of '%.60s' is empty; every order needs its reason", where,
                       rec->field[0]);
    t->named[row] = 1;
    return parse_trust(rec->field[1], t->rank[row], where, e);
}

static int parse_header(struct csv_reader *r, const char *name, struct err *e)
{
    struct csv_record rec;

    if (csv_next(r, &rec, e) != CSV_RECORD)
        return err_set(e, "%s: no header", name);
    if (rec.nfields != 3 || strcmp(rec.field[0], "field") != 0 || strcmp(rec.field[1], "trust") != 0
        || strcmp(rec.field[2], "why") != 0)
        return err_set(e, "%s: the header must be field,trust,why", name);
    return 0;
}

static int parse_all(struct survivorship *t, struct csv_reader *r, const char *name, struct err *e)
{
    struct csv_record rec;
    enum csv_status st;

    if (parse_header(r, name, e) != 0)
        return -1;
    while ((st = csv_next(r, &rec, e)) == CSV_RECORD)
        if (parse_row(t, &rec, name, e) != 0)
            return -1;
    if (st == CSV_BAD)
        return err_set(e, "%s line %llu: %s", name, (unsigned long long)rec.line, rec.error);
    if (st == CSV_IO_ERROR)
        return -1;
    if (!t->named[PF_COUNT])
        return err_set(e, "%s: no default row ('*')", name);
    return 0;
}

int survivorship_parse(const char *text, size_t len, const char *name, struct survivorship **out,
                       struct err *e)
{
    struct survivorship *t = mem_calloc(1, sizeof *t);
    struct csv_reader *r = t ? csv_reader_new_mem(text, len, NULL) : NULL;
    int rc;

    *out = NULL;
    if (r == NULL) {
        mem_free(t);
        return err_set(e, "%s: out of memory", name);
    }
    rc = parse_all(t, r, name, e);
    csv_reader_free(r);
    if (rc != 0) {
        mem_free(t);
        return -1;
    }
    *out = t;
    return 0;
}

int survivorship_load(struct survivorship **out, struct err *e)
{
    const struct embedded_file *f = embedded_find(TABLE_FILE);

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", TABLE_FILE);
    return survivorship_parse(f->data, f->len, TABLE_FILE, out, e);
}

void survivorship_free(struct survivorship *t)
{
    mem_free(t);
}

int survivorship_rank(const struct survivorship *t, enum profile_field f, enum golden_source s)
{
    int row = f >= 0 && f < PF_COUNT && t->named[f] ? (int)f : PF_COUNT;

    return s > GS_NONE && s < GS_COUNT ? t->rank[row][s] : 0;
}

/* Whether a beats b: more trusted, else more recent, else recorded later. */
static bool beats(int rank_a, const struct golden_candidate *a, int rank_b,
                  const struct golden_candidate *b)
{
    if (rank_a != rank_b)
        return rank_a > rank_b;
    if (a->as_of != b->as_of)
        return b->as_of == DATE_UNKNOWN || (a->as_of != DATE_UNKNOWN && a->as_of > b->as_of);
    return a->seq > b->seq;
}

int survivorship_choose(const struct survivorship *t, enum profile_field f,
                        const struct golden_candidate *c, size_t n)
{
    int best = -1, best_rank = 0;

    for (size_t i = 0; i < n; i++) {
        int r = survivorship_rank(t, f, c[i].source);
        if (r > 0 && (best < 0 || beats(r, &c[i], best_rank, &c[best]))) {
            best = (int)i;
            best_rank = r;
        }
    }
    return best;
}
