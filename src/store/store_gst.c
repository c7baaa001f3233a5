/* store_gst.c: the gst_return table (store_gst.h). */
#include "store/store_gst.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"

#include "core/row_hash.h"
#include "store/db.h"
#include "store/store_consent.h"
#include "store/store_keyed.h"
#include "store/store_list.h"
#include "store/store_resolve.h"

uint64_t gst_return_hash(const struct gst_return *r)
{
    uint64_t h = ROW_HASH_INIT;

    h = row_hash_str(h, r->gstin);
    h = row_hash_str(h, r->return_type);
    h = row_hash_str(h, r->frequency);
    h = row_hash_str(h, r->period);
    h = row_hash_i64(h, r->due_on);
    h = row_hash_i64(h, r->filed_on);
    h = row_hash_i64(h, r->taxable_value);
    return row_hash_i64(h, r->tax);
}

static int bind_paise(struct db_stmt *st, int idx, int64_t v)
{
    return v < 0 ? db_bind_null(st, idx) : db_bind_int64(st, idx, v);
}

static int bind_key(struct db_stmt *st, const struct gst_return *r)
{
    return bind_str(st, 1, r->gstin) || bind_str(st, 2, r->return_type)
           || bind_str(st, 3, r->period);
}

static int find_stored(struct store *s, const struct gst_return *r, struct keyed_existing *x,
                       struct err *e)
{
    static const char sql[] =
        "SELECT src_file, src_row, content_hash FROM gst_return"
        " WHERE gstin = $1 AND return_type = $2 AND period = $3";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    memset(x, 0, sizeof *x);
    if (st == NULL)
        return -1;
    if (bind_key(st, r) != 0)
        return err_set(e, "cannot bind the key of GSTIN %s", r->gstin);
    return keyed_read(st, x, e);
}

/* The filer's enterprise: by GSTIN, else by the GSTIN's PAN (and the
 * GSTIN joins it), else a new enterprise for a filer not on Udyam. */
int store_gst_find_filer(struct store *s, const struct gst_return *r, struct gst_put_result *out,
                      struct err *e)
{
    char pan[11];
    bool found;

    if (store_resolve_gstin(s, r->gstin, &out->enterprise_id, &found, e) != 0)
        return -1;
    if (found) {
        out->link = GST_LINK_GSTIN;
        return 0;
    }
    memcpy(pan, r->gstin + 2, 10);
    pan[10] = '\0';
    if (store_resolve_pan(s, pan, &out->enterprise_id, &found, e) != 0)
        return -1;
    if (found) {
        out->link = GST_LINK_PAN;
        return store_resolve_add_gstin(s, r->gstin, out->enterprise_id, "gst", e);
    }
    out->link = GST_LINK_NEW;
    return store_resolve_new_gst_entity(s, r->gstin, r->filer_state, r->src_file, r->src_row,
                                        &out->enterprise_id, e);
}

/* One statement for a new, a corrected and a refreshed row: the key
 * decides which, and a refreshed row's content is the same anyway. */
static int write_row(struct store *s, const struct gst_return *r, int64_t enterprise_id,
                     struct err *e)
{
    static const char sql[] =
        "INSERT INTO gst_return(gstin, return_type, period, enterprise_id, frequency, due_on,"
        " filed_on, taxable_value_paise, tax_paise, content_hash, src_file, src_row)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        " ON CONFLICT (gstin, return_type, period) DO UPDATE SET"
        " enterprise_id = excluded.enterprise_id, frequency = excluded.frequency,"
        " due_on = excluded.due_on, filed_on = excluded.filed_on,"
        " taxable_value_paise = excluded.taxable_value_paise, tax_paise = excluded.tax_paise,"
        " content_hash = excluded.content_hash, src_file = excluded.src_file,"
        " src_row = excluded.src_row";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (bind_key(st, r) || db_bind_int64(st, 4, enterprise_id) || bind_str(st, 5, r->frequency)
        || bind_day(st, 6, r->due_on) || bind_day(st, 7, r->filed_on)
        || bind_paise(st, 8, r->taxable_value) || bind_paise(st, 9, r->tax)
        || db_bind_int64(st, 10, (int64_t)r->content_hash) || db_bind_int64(st, 11, r->src_file)
        || db_bind_int64(st, 12, r->src_row))
        return err_set(e, "cannot bind the return of GSTIN %s", r->gstin);
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_gst_return_put(struct store *s, const struct gst_return *r, struct gst_put_result *out,
                         struct err *e)
{
    struct keyed_existing x;

    memset(out, 0, sizeof *out);
    if (find_stored(s, r, &x, e) != 0)
        return -1;
    out->outcome = keyed_outcome(&x, r->src_file, r->src_row, r->content_hash);
    out->other_row = x.src_row;
    if (out->outcome == UPSERT_UNCHANGED || out->outcome == UPSERT_DUPLICATE
        || out->outcome == UPSERT_CONFLICT)
        return 0;
    if (store_gst_find_filer(s, r, out, e) != 0)
        return -1;
    return write_row(s, r, out->enterprise_id, e);
}

int store_gst_return_count(struct store *s, int64_t enterprise_id, int64_t *n, struct err *e)
{
    static const char sql[] = "SELECT COUNT(*) FROM gst_return WHERE enterprise_id = $1";
    bool allowed;

    *n = 0;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_GST, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    return int64_by_id(store_db(s), sql, enterprise_id, n, e);
}

/* --- an enterprise's turnover as its returns show it ------------------------ */

struct filed {
    char gstin[16];
    char return_type[8];
    int months;                   /* months one return covers: 1 or 3 */
    int period;                   /* month index of the period's last month */
    int64_t taxable_value;
    int64_t src_file, src_row;
};

static int read_filed(struct db_stmt *st, void *row, struct err *e)
{
    struct filed *f = row;
    const char *period = db_column_text(st, 2);
    int32_t first;

    (void)e;
    col_text(st, 0, f->gstin, sizeof f->gstin);
    col_text(st, 1, f->return_type, sizeof f->return_type);
    f->months = strcmp(db_column_text(st, 3), "quarterly") == 0 ? 3 : 1;
    f->period = strlen(period) == 7 && date_from_ymd(atoi(period), atoi(period + 5), 1, &first) == 0
                    ? date_month_index(first) : -1;
    f->taxable_value = db_column_is_null(st, 4) ? -1 : db_column_int64(st, 4);
    f->src_file = db_column_int64(st, 5);
    f->src_row = db_column_int64(st, 6);
    return 0;
}

/* Months of the window each GSTIN that filed in it covered; complete when
 * every such GSTIN covered all twelve. */
static bool window_complete(const struct row_list *l, size_t n_in_window)
{
    for (size_t i = 0; i < n_in_window; i++) {
        const struct filed *a = row_list_at(l, i);
        int months = 0;
        for (size_t k = 0; k < n_in_window; k++) {
            const struct filed *b = row_list_at(l, k);
            if (strcmp(a->gstin, b->gstin) == 0 && b->taxable_value >= 0)
                months += b->months;
        }
        if (months < 12)
            return false;
    }
    return n_in_window > 0;
}

int store_gst_turnover(struct store *s, int64_t enterprise_id, struct gst_turnover *out,
                       struct err *e)
{
    static const char sql[] =
        "SELECT gstin, return_type, period, frequency, taxable_value_paise, src_file, src_row"
        " FROM gst_return WHERE enterprise_id = $1 AND filed_on IS NOT NULL"
        " ORDER BY period DESC, gstin LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list l = ROW_LIST(struct filed, GST_TURNOVER_ROWS_MAX);
    size_t n = 0;
    bool allowed;
    int rc;

    memset(out, 0, sizeof *out);
    if (st == NULL)
        return -1;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_GST, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, GST_TURNOVER_ROWS_MAX))
        return err_set(e, "cannot bind the enterprise id");
    rc = row_list_fill(&l, st, read_filed, e);
    if (rc == 0 && l.n > 0) {
        const struct filed *latest = row_list_at(&l, 0);
        while (n < l.n && ((const struct filed *)row_list_at(&l, n))->period > latest->period - 12)
            n++;
        out->filed = true;
        snprintf(out->return_type, sizeof out->return_type, "%s", latest->return_type);
        out->last_month = latest->period;
        out->quarterly = latest->months == 3;
        out->src_file = latest->src_file;
        out->src_row = latest->src_row;
        out->returns = (int)n;
        out->complete = window_complete(&l, n);
        for (size_t i = 0; out->complete && i < n; i++)
            out->turnover += ((const struct filed *)row_list_at(&l, i))->taxable_value;
    }
    row_list_free(&l);
    return rc;
}

/* --- an enterprise's returns, for its calendar ------------------------------ */

static int read_filing(struct db_stmt *st, void *row, struct err *e)
{
    struct gst_return *r = row;
    const char *due = db_column_text(st, 4), *filed = db_column_text(st, 5);

    col_text(st, 0, r->gstin, sizeof r->gstin);
    col_text(st, 1, r->return_type, sizeof r->return_type);
    col_text(st, 2, r->frequency, sizeof r->frequency);
    col_text(st, 3, r->period, sizeof r->period);
    if (date_parse(due, strlen(due), &r->due_on, e) != 0)
        return err_prefix(e, "gst_return %s %s due_on: ", r->gstin, r->period);
    r->filed_on = DATE_UNKNOWN;
    if (!db_column_is_null(st, 5) && date_parse(filed, strlen(filed), &r->filed_on, e) != 0)
        return err_prefix(e, "gst_return %s %s filed_on: ", r->gstin, r->period);
    r->taxable_value = db_column_is_null(st, 6) ? -1 : db_column_int64(st, 6);
    r->tax = db_column_is_null(st, 7) ? -1 : db_column_int64(st, 7);
    r->src_file = db_column_int64(st, 8);
    r->src_row = db_column_int64(st, 9);
    r->content_hash = gst_return_hash(r);
    return 0;
}

int store_gst_filings(struct store *s, int64_t enterprise_id, const char *first_period,
                      struct gst_return **out, size_t *n, struct err *e)
{
    static const char sql[] =
        "SELECT gstin, return_type, frequency, period, due_on, filed_on, taxable_value_paise,"
        " tax_paise, src_file, src_row FROM gst_return WHERE enterprise_id = $1 AND period >= $2"
        " ORDER BY period, gstin, return_type LIMIT $3";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list l = ROW_LIST(struct gst_return, GST_FILINGS_MAX);
    bool allowed;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return -1;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_GST, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, first_period)
        || db_bind_int64(st, 3, GST_FILINGS_MAX + 1))
        return err_set(e, "cannot bind the enterprise id");
    if (row_list_fill(&l, st, read_filing, e) != 0) {
        row_list_free(&l);
        return -1;
    }
    *out = l.items;
    *n = l.n;
    return 0;
}

/* --- overdue returns ---------------------------------------------------------- */

/* The row the fact stands on: the oldest overdue return, else the latest
 * on file. */
static int overdue_source(struct store *s, int64_t enterprise_id, const char *day,
                          struct gst_overdue *o, struct err *e)
{
    static const char oldest_overdue[] =
        "SELECT period, due_on, src_file, src_row FROM gst_return WHERE enterprise_id = $1"
        " AND filed_on IS NULL AND due_on < $2 ORDER BY due_on, gstin LIMIT 1";
    static const char latest[] =
        "SELECT period, due_on, src_file, src_row FROM gst_return WHERE enterprise_id = $1"
        " ORDER BY period DESC, gstin LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), o->overdue > 0 ? oldest_overdue : latest, e);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || (o->overdue > 0 && bind_str(st, 2, day)))
        return err_set(e, "cannot bind the enterprise id");
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        const char *due = db_column_text(st, 1);
        col_text(st, 0, o->oldest_period, sizeof o->oldest_period);
        o->src_file = db_column_int64(st, 2);
        o->src_row = db_column_int64(st, 3);
        if (o->overdue > 0 && date_parse(due, strlen(due), &o->oldest_due, e) != 0)
            rc = err_prefix(e, "gst_return due_on: ");
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_gst_overdue(struct store *s, int64_t enterprise_id, int32_t today,
                      struct gst_overdue *out, struct err *e)
{
    /* Dates are ISO text, so they compare as strings. */
    static const char counts[] =
        "SELECT COUNT(*), COUNT(CASE WHEN filed_on IS NULL AND due_on < $2 THEN 1 END)"
        " FROM gst_return WHERE enterprise_id = $1";
    struct db_stmt *st = db_cached(store_db(s), counts, e);
    char day[DATE_STR_LEN];
    bool allowed;
    int rc;

    memset(out, 0, sizeof *out);
    out->oldest_due = DATE_UNKNOWN;
    if (st == NULL)
        return -1;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_GST, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    date_format(today, day);
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, day))
        return err_set(e, "cannot bind the enterprise id");
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        out->on_file = db_column_int64(st, 0);
        out->overdue = db_column_int64(st, 1);
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    return out->on_file > 0 ? overdue_source(s, enterprise_id, day, out, e) : 0;
}
