/* store_overlap.c: see store_overlap.h. Portable SQL (SQLite 3.40 and
 * PostgreSQL 15). */
#include "store/store_overlap.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/application.h"
#include "store/db.h"
#include "store/store_list.h"

/* Lists a national run may read: a row per benefit and per application. */
#define OVERLAP_MAX_ROWS 50000000

static int scheme_index(const struct catalog *cat, const char *id)
{
    const struct scheme *s = catalog_find(cat, id);

    return s == NULL ? -1 : (int)(s - cat->schemes);
}

static int read_funding(struct db_stmt *st, void *row, struct err *e)
{
    struct overlap_funding *f = row;

    (void)e;
    f->enterprise_id = db_column_int64(st, 0);
    f->scheme = UINT16_MAX;     /* resolved after the read */
    col_text(st, 2, f->purpose, sizeof f->purpose);
    f->on = col_day(st, 3);
    if (f->on == DATE_UNKNOWN)
        f->on = col_day(st, 4);
    f->amount = db_column_is_null(st, 5) ? -1 : db_column_int64(st, 5);
    col_text(st, 6, f->ref, sizeof f->ref);
    return 0;
}

int store_overlap_funding(struct store *s, const struct catalog *cat, struct overlap_funding **out,
                          size_t *n, struct err *e)
{
    static const char sql[] = "SELECT enterprise_id, scheme, purpose, disbursed_on, sanctioned_on, amount_paise,"
                              " list_ref FROM beneficiary WHERE enterprise_id IS NOT NULL ORDER BY id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    size_t k = 0;
    int rc = 0;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return -1;
    /* Read row by row (not row_list_fill): the scheme id is resolved
     * against the catalogue as it comes, and rows of other schemes are
     * not kept. */
    while ((rc = db_step(st, e)) == DB_ROW) {
        int idx = scheme_index(cat, db_column_text(st, 1));
        if (idx < 0)
            continue;
        if (k % 1024 == 0) {
            struct overlap_funding *p;
            if (k >= OVERLAP_MAX_ROWS
                || (p = mem_realloc(*out, (k + 1024) * sizeof *p)) == NULL) {
                rc = err_set(e, k >= OVERLAP_MAX_ROWS ? "too many beneficiary rows" : "out of memory");
                break;
            }
            *out = p;
        }
        memset(&(*out)[k], 0, sizeof **out);
        read_funding(st, &(*out)[k], e);
        (*out)[k].scheme = (uint16_t)idx;
        k++;
    }
    db_reset(st);
    if (rc < 0) {
        mem_free(*out);
        *out = NULL;
        return -1;
    }
    *n = k;
    return 0;
}

int store_overlap_applications(struct store *s, const struct catalog *cat,
                               struct overlap_application **out, size_t *n, struct err *e)
{
    static const char sql[] = "SELECT enterprise_id, scheme_id, state FROM application ORDER BY id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    size_t k = 0;
    int rc = 0;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        int idx = scheme_index(cat, db_column_text(st, 1));
        enum app_state state;
        if (idx < 0 || app_state_parse(db_column_text(st, 2), &state) != 0)
            continue;
        if (k % 1024 == 0) {
            struct overlap_application *p;
            if (k >= OVERLAP_MAX_ROWS || (p = mem_realloc(*out, (k + 1024) * sizeof *p)) == NULL) {
                rc = err_set(e, k >= OVERLAP_MAX_ROWS ? "too many applications" : "out of memory");
                break;
            }
            *out = p;
        }
        (*out)[k].enterprise_id = db_column_int64(st, 0);
        (*out)[k].scheme = (uint16_t)idx;
        (*out)[k].applied = state != APP_DRAFT;
        (*out)[k].availed = state == APP_SANCTIONED || state == APP_DISBURSED;
        k++;
    }
    db_reset(st);
    if (rc < 0) {
        mem_free(*out);
        *out = NULL;
        return -1;
    }
    *n = k;
    return 0;
}

int store_overlap_app_version(struct store *s, int64_t *last_event, struct err *e)
{
    static const char sql[] = "SELECT COALESCE(MAX(id), 0) FROM application_event";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    *last_event = 0;
    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *last_event = db_column_int64(st, 0);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

struct adder {
    struct batch_columns *cols;
    int state;
    bool failed;     /* store_enterprise_each takes non-zero as "stop", not as an error */
};

int store_overlap_traditional(struct store *s, int64_t **out, size_t *n, struct err *e)
{
    static const char sql[] = "SELECT DISTINCT m.enterprise_id FROM cluster_member m"
                              " JOIN cluster c ON c.cluster_id = m.cluster_id"
                              " WHERE c.traditional = 1 AND m.enterprise_id IS NOT NULL ORDER BY 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    size_t k = 0;
    int rc = 0;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (k % 1024 == 0) {
            int64_t *p;
            if (k >= OVERLAP_MAX_ROWS || (p = mem_realloc(*out, (k + 1024) * sizeof *p)) == NULL) {
                rc = err_set(e, k >= OVERLAP_MAX_ROWS ? "too many cluster members" : "out of memory");
                break;
            }
            *out = p;
        }
        (*out)[k++] = db_column_int64(st, 0);
    }
    db_reset(st);
    if (rc < 0) {
        mem_free(*out);
        *out = NULL;
        return -1;
    }
    *n = k;
    return 0;
}

static int add_column(void *ctx, const struct enterprise *e)
{
    struct adder *a = ctx;

    if (a->state != 0 && e->state != a->state)
        return 0;
    a->failed = batch_columns_add(a->cols, e) != 0;
    return a->failed;
}

void store_overlap_release(struct overlap_run *r)
{
    if (r == NULL)
        return;
    overlap_report_free(&r->report);
    batch_columns_free(r->cols);
    r->cols = NULL;
}

int store_overlap_load(struct store *s, const struct catalog *cat, const struct refdata *ref,
                       const struct overlap_options *o, struct overlap_run *out, struct err *e)
{
    struct batch_options bo = {o->as_of, o->threads, o->need_purpose, o->need_amount};
    struct overlap_input in = {0};
    struct overlap_application *apps = NULL;
    int64_t *traditional = NULL;
    struct batch_counts *counts = NULL;
    uint8_t *status = NULL;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if ((out->cols = batch_columns_new(ref)) == NULL) {
        err_set(e, "out of memory");
        return -1;
    }
    struct adder add = {out->cols, o->state, false};
    if (store_enterprise_each_usable(s, add_column, &add, e) != 0)
        goto done;
    if (add.failed) {
        err_set(e, "out of memory");
        goto done;
    }
    if ((status = mem_alloc(out->cols->n * cat->n + 1)) == NULL
        || (counts = mem_calloc(cat->n + 1, sizeof *counts)) == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    if (batch_evaluate(cat, ref, out->cols, &bo, status, counts, e) != 0)
        goto done;
    in = (struct overlap_input){cat, ref, out->cols, status, NULL, 0, NULL, 0, o->as_of, o->window_days,
                               o->need_purpose, o->need_amount, NULL, 0};
    if (store_overlap_funding(s, cat, &in.funding, &in.n_funding, e) != 0
        || store_overlap_applications(s, cat, &apps, &in.n_apps, e) != 0
        || store_overlap_traditional(s, &traditional, &in.n_traditional, e) != 0)
        goto done;
    in.apps = apps;
    in.traditional = traditional;
    rc = overlap_report_build(&in, &out->report, e);
    in.funding = NULL;   /* the report took them */
done:
    mem_free(in.funding);
    mem_free(apps);
    mem_free(traditional);
    mem_free(status);
    mem_free(counts);
    if (rc != 0)
        store_overlap_release(out);
    return rc;
}
