/* insight_tables.c: see insight_tables.h. Every row must carry a source;
 * a table that does not parse stops the load (no half-table is shown). */
#include "analytics/insight_tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/data_table.h"
#include "core/embedded.h"

static const char *const who_codes[WHO_COUNT] = {
    "msme", "mse", "mse_manufacturing", "mse_not_trading", "mse_special", "scst_owned_mse",
    "women_owned_mse", "organisation"};

const char *insight_who_code(enum insight_who w)
{
    return (unsigned)w < WHO_COUNT ? who_codes[w] : "?";
}

static int who_of(const char *s, enum insight_who *out)
{
    for (int i = 0; i < WHO_COUNT; i++)
        if (strcmp(who_codes[i], s) == 0) {
            *out = (enum insight_who)i;
            return 0;
        }
    return -1;
}

#define COPY(dst, t, i) snprintf((dst), sizeof(dst), "%s", data_table_get((t), (i)))

static int bad_row(struct data_table *t, const char *what, struct err *e)
{
    return err_set(e, "%s: line %llu: %s", t->name, (unsigned long long)t->row.line, what);
}

static int read_fair(struct data_table *t, struct trade_fair *f, struct err *e)
{
    double cap;

    COPY(f->programme, t, 0);
    COPY(f->component, t, 1);
    COPY(f->component_hi, t, 2);
    COPY(f->assistance, t, 3);
    f->has_rate = data_table_number(data_table_get(t, 4), &f->rate_pct);
    if ((f->has_rate && (f->rate_pct <= 0 || f->rate_pct > 100))
        || !data_table_number(data_table_get(t, 5), &cap) || cap < 0 || cap > 1e10)
        return bad_row(t, "rate_pct must be 0-100 and cap_rs a rupee amount", e);
    f->cap_rs = (long long)cap;
    COPY(f->cap_per, t, 6);
    if (who_of(data_table_get(t, 7), &f->who) != 0)
        return bad_row(t, "unknown who", e);
    f->confirmed = strcmp(data_table_get(t, 8), "1") == 0;
    COPY(f->scheme, t, 9);
    COPY(f->source, t, 10);
    if (f->source[0] == '\0' || f->component[0] == '\0')
        return bad_row(t, "every component needs a name and a source", e);
    return 0;
}

int insight_tables_parse_fairs(struct insight_tables *t, const char *csv, size_t len, struct err *e)
{
    static const char *const cols[] = {"programme", "component", "component_hi", "assistance",
                                       "rate_pct", "cap_rs", "cap_per", "who", "confirmed",
                                       "scheme_file", "source", NULL};
    struct data_table d;
    int rc;

    t->n_fairs = 0;
    if (data_table_open_mem(&d, "data/trade_fairs.csv", csv, len, cols, e) != 0)
        return -1;
    while ((rc = data_table_next(&d, e)) == 1) {
        if (t->n_fairs == INSIGHT_MAX_ROWS) {
            rc = bad_row(&d, "too many rows", e);
            break;
        }
        if ((rc = read_fair(&d, &t->fairs[t->n_fairs], e)) != 0)
            break;
        t->n_fairs++;
    }
    data_table_close(&d);
    return rc < 0 ? -1 : 0;
}

static int read_target(struct data_table *d, struct procurement_target *p, struct err *e)
{
    memset(p, 0, sizeof *p);
    COPY(p->id, d, 0);
    if (!data_table_number(data_table_get(d, 1), &p->share_pct) || p->share_pct <= 0
        || p->share_pct > 100)
        return bad_row(d, "share_pct must be 0-100", e);
    if (who_of(data_table_get(d, 2), &p->who) != 0)
        return bad_row(d, "unknown applies_to", e);
    COPY(p->label, d, 3);
    COPY(p->label_hi, d, 4);
    COPY(p->basis, d, 5);
    COPY(p->source, d, 6);
    if (p->source[0] == '\0')
        return bad_row(d, "every target needs a source", e);
    return 0;
}

int insight_tables_parse_targets(struct insight_tables *t, const char *csv, size_t len,
                                 struct err *e)
{
    static const char *const cols[] = {"target", "share_pct", "applies_to", "label", "label_hi",
                                       "basis", "source", NULL};
    struct data_table d;
    int rc;

    t->n_targets = 0;
    if (data_table_open_mem(&d, "data/procurement_targets.csv", csv, len, cols, e) != 0)
        return -1;
    while ((rc = data_table_next(&d, e)) == 1) {
        if (t->n_targets == INSIGHT_MAX_ROWS) {
            rc = bad_row(&d, "too many rows", e);
            break;
        }
        if ((rc = read_target(&d, &t->targets[t->n_targets], e)) != 0)
            break;
        t->n_targets++;
    }
    data_table_close(&d);
    return rc < 0 ? -1 : 0;
}

/* A progress row counts only with a figure and its source; otherwise the
 * target's progress stays "unconfirmed". The latest year wins. */
static void read_progress(struct insight_tables *t, struct data_table *d)
{
    double crore, pct;

    if (strcmp(data_table_get(d, 5), "1") != 0 || data_table_get(d, 6)[0] == '\0'
        || !data_table_number(data_table_get(d, 4), &pct))
        return;
    if (!data_table_number(data_table_get(d, 3), &crore))
        crore = -1;
    for (size_t i = 0; i < t->n_targets; i++) {
        struct procurement_target *p = &t->targets[i];
        if (strcmp(p->id, data_table_get(d, 1)) != 0
            || (p->progress_confirmed && strcmp(p->progress_fy, data_table_get(d, 0)) > 0))
            continue;
        p->progress_confirmed = true;
        COPY(p->progress_fy, d, 0);
        p->procured_crore = crore;
        p->achieved_pct = pct;
        COPY(p->progress_scope, d, 2);
        COPY(p->progress_source, d, 6);
    }
}

int insight_tables_parse_progress(struct insight_tables *t, const char *csv, size_t len,
                                  struct err *e)
{
    static const char *const cols[] = {"fiscal_year", "target", "scope", "procured_rs_crore",
                                       "share_pct", "confirmed", "source", NULL};
    struct data_table d;
    int rc;

    if (data_table_open_mem(&d, "data/procurement_progress.csv", csv, len, cols, e) != 0)
        return -1;
    while ((rc = data_table_next(&d, e)) == 1)
        read_progress(t, &d);
    data_table_close(&d);
    return rc < 0 ? -1 : 0;
}

int insight_tables_parse_esg(struct insight_tables *t, const char *csv, size_t len, struct err *e)
{
    static const char *const cols[] = {"item", "label", "label_hi", "why", "why_hi", "source",
                                       NULL};
    struct data_table d;
    int rc;

    t->n_esg = 0;
    if (data_table_open_mem(&d, "data/esg_checklist.csv", csv, len, cols, e) != 0)
        return -1;
    while ((rc = data_table_next(&d, e)) == 1) {
        struct esg_item *x;
        if (t->n_esg == INSIGHT_MAX_ROWS) {
            rc = bad_row(&d, "too many rows", e);
            break;
        }
        x = &t->esg[t->n_esg++];
        COPY(x->id, &d, 0);
        COPY(x->label, &d, 1);
        COPY(x->label_hi, &d, 2);
        COPY(x->why, &d, 3);
        COPY(x->why_hi, &d, 4);
        COPY(x->source, &d, 5);
        if (x->why[0] == '\0' || x->source[0] == '\0') {
            rc = bad_row(&d, "every item needs a reason and a source", e);
            break;
        }
    }
    data_table_close(&d);
    return rc < 0 ? -1 : 0;
}

static int parse_embedded(struct insight_tables *t, const char *name,
                          int (*parse)(struct insight_tables *, const char *, size_t, struct err *),
                          struct err *e)
{
    const struct embedded_file *f = embedded_find(name);

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", name);
    return parse(t, f->data, f->len, e);
}

int insight_tables_load(struct insight_tables *t, struct err *e)
{
    memset(t, 0, sizeof *t);
    if (parse_embedded(t, "data/trade_fairs.csv", insight_tables_parse_fairs, e) != 0
        || parse_embedded(t, "data/procurement_targets.csv", insight_tables_parse_targets, e) != 0
        || parse_embedded(t, "data/procurement_progress.csv", insight_tables_parse_progress, e)
               != 0
        || parse_embedded(t, "data/esg_checklist.csv", insight_tables_parse_esg, e) != 0)
        return -1;
    return 0;
}
