/* store_credit.c: credit_facility and credit_status (store_credit.h). */
#include "store/store_credit.h"

#include <string.h>

#include "core/row_hash.h"
#include "store/db.h"
#include "store/store_consent.h"
#include "store/store_keyed.h"
#include "store/store_list.h"
#include "store/store_resolve.h"

uint64_t credit_row_hash(const struct credit_row *r)
{
    const char *strs[] = {r->lender_ifsc, r->facility_id, r->borrower_pan, r->borrower_udyam,
                          r->facility_type, r->scheme, r->month, r->asset_class};
    const int64_t nums[] = {r->sanctioned_on, r->sanctioned, r->outstanding, r->dpd};

    return row_hash_fields(strs, sizeof strs / sizeof strs[0], nums, sizeof nums / sizeof nums[0]);
}

static int find_stored(struct store *s, const struct credit_row *r, struct keyed_existing *x,
                       struct err *e)
{
    static const char sql[] =
        "SELECT src_file, src_row, content_hash FROM credit_status"
        " WHERE facility_id = $1 AND month = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    memset(x, 0, sizeof *x);
    if (st == NULL)
        return -1;
    if (bind_str(st, 1, r->facility_id) || bind_str(st, 2, r->month))
        return err_set(e, "cannot bind facility %s", r->facility_id);
    return keyed_read(st, x, e);
}

/* By Udyam number when given (the lender's PAN is then only checked),
 * else by PAN. */
static int find_borrower(struct store *s, const struct credit_row *r, struct credit_put_result *out,
                         bool *found, struct err *e)
{
    char pan_on_file[11];
    int64_t holder;
    bool held;

    if (r->borrower_udyam[0] == '\0')
        return store_resolve_pan(s, r->borrower_pan, &out->enterprise_id, found, e);
    if (store_resolve_udyam(s, r->borrower_udyam, &out->enterprise_id, pan_on_file, found, e) != 0)
        return -1;
    if (!*found || r->borrower_pan[0] == '\0')
        return 0;
    if (pan_on_file[0] != '\0') {
        out->pan_disagrees = strcmp(pan_on_file, r->borrower_pan) != 0;
        return 0;
    }
    /* No PAN on file for that unit: the lender's PAN disagrees only if it
     * is another enterprise's. */
    if (store_resolve_pan(s, r->borrower_pan, &holder, &held, e) != 0)
        return -1;
    out->pan_disagrees = held && holder != out->enterprise_id;
    return 0;
}

/* The facility's terms move only forward in time: a row for an earlier
 * month than the one that set them does not overwrite them. */
static int put_facility(struct store *s, const struct credit_row *r, int64_t enterprise_id,
                        struct err *e)
{
    static const char sql[] =
        "INSERT INTO credit_facility(facility_id, lender_ifsc, enterprise_id, facility_type, scheme,"
        " sanctioned_on, sanctioned_paise, as_of_month, src_file, src_row)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " ON CONFLICT (facility_id) DO UPDATE SET lender_ifsc = excluded.lender_ifsc,"
        " enterprise_id = excluded.enterprise_id, facility_type = excluded.facility_type,"
        " scheme = excluded.scheme, sanctioned_on = excluded.sanctioned_on,"
        " sanctioned_paise = excluded.sanctioned_paise, as_of_month = excluded.as_of_month,"
        " src_file = excluded.src_file, src_row = excluded.src_row"
        " WHERE excluded.as_of_month >= credit_facility.as_of_month";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, r->facility_id) || bind_str(st, 2, r->lender_ifsc)
        || db_bind_int64(st, 3, enterprise_id) || bind_str(st, 4, r->facility_type)
        || db_bind_text_or_null(st, 5, r->scheme) || bind_day(st, 6, r->sanctioned_on)
        || db_bind_int64(st, 7, r->sanctioned) || bind_str(st, 8, r->month)
        || db_bind_int64(st, 9, r->src_file) || db_bind_int64(st, 10, r->src_row))
        return err_set(e, "cannot bind facility %s", r->facility_id);
    return db_step(st, e) < 0 ? -1 : 0;
}

static int put_status(struct store *s, const struct credit_row *r, struct err *e)
{
    static const char sql[] =
        "INSERT INTO credit_status(facility_id, month, outstanding_paise, dpd, asset_class,"
        " borrower_pan, borrower_udyam, content_hash, src_file, src_row)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " ON CONFLICT (facility_id, month) DO UPDATE SET"
        " outstanding_paise = excluded.outstanding_paise, dpd = excluded.dpd,"
        " asset_class = excluded.asset_class, borrower_pan = excluded.borrower_pan,"
        " borrower_udyam = excluded.borrower_udyam, content_hash = excluded.content_hash,"
        " src_file = excluded.src_file, src_row = excluded.src_row";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, r->facility_id) || bind_str(st, 2, r->month)
        || db_bind_int64(st, 3, r->outstanding) || db_bind_int64(st, 4, r->dpd)
        || bind_str(st, 5, r->asset_class) || db_bind_text_or_null(st, 6, r->borrower_pan)
        || db_bind_text_or_null(st, 7, r->borrower_udyam)
        || db_bind_int64(st, 8, (int64_t)r->content_hash) || db_bind_int64(st, 9, r->src_file)
        || db_bind_int64(st, 10, r->src_row))
        return err_set(e, "cannot bind facility %s month %s", r->facility_id, r->month);
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_credit_put(struct store *s, const struct credit_row *r, struct credit_put_result *out,
                     struct err *e)
{
    struct keyed_existing x;
    bool found;

    memset(out, 0, sizeof *out);
    if (find_stored(s, r, &x, e) != 0)
        return -1;
    out->outcome = keyed_outcome(&x, r->src_file, r->src_row, r->content_hash);
    out->other_row = x.src_row;
    if (out->outcome == UPSERT_UNCHANGED || out->outcome == UPSERT_DUPLICATE
        || out->outcome == UPSERT_CONFLICT)
        return 0;
    if (find_borrower(s, r, out, &found, e) != 0)
        return -1;
    if (!found) {
        out->unknown_borrower = true;
        return 0;
    }
    if (put_facility(s, r, out->enterprise_id, e) != 0)
        return -1;
    return put_status(s, r, e);
}

int store_credit_count(struct store *s, int64_t enterprise_id, int64_t *facilities,
                       int64_t *months, struct err *e)
{
    static const char facilities_sql[] =
        "SELECT COUNT(*) FROM credit_facility WHERE enterprise_id = $1";
    static const char months_sql[] =
        "SELECT COUNT(*) FROM credit_status c JOIN credit_facility f"
        " ON f.facility_id = c.facility_id WHERE f.enterprise_id = $1";
    bool allowed;

    *facilities = *months = 0;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_CREDIT, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    if (int64_by_id(store_db(s), facilities_sql, enterprise_id, facilities, e) != 0)
        return -1;
    return int64_by_id(store_db(s), months_sql, enterprise_id, months, e);
}

/* 'YYYY-MM' as a date.h month index, -1 when it is not one. */
static int month_index_of(const char *text)
{
    int32_t first;

    if (strlen(text) != 7 || text[4] != '-'
        || date_from_ymd(atoi(text), atoi(text + 5), 1, &first) != 0)
        return -1;
    return date_month_index(first);
}

/* The NPA test is written once, in SQL: the class says NPA, or the days
 * past due do (an NPA stays one while arrears remain, docs/data-feeds.md §3). */
#define CREDIT_IS_NPA "(c.asset_class = 'NPA' OR c.dpd > 90)"

static int history_totals(struct store *s, int64_t enterprise_id, struct credit_history *out,
                          struct err *e)
{
    static const char sql[] =
        "SELECT COUNT(DISTINCT c.facility_id), COUNT(*), MAX(c.month),"
        " MAX(CASE WHEN " CREDIT_IS_NPA " THEN 1 ELSE 0 END)"
        " FROM credit_status c JOIN credit_facility f ON f.facility_id = c.facility_id"
        " WHERE f.enterprise_id = $1";
    int rc;
    struct db_stmt *st = first_row_by_id(store_db(s), sql, enterprise_id, &rc, e);

    if (st != NULL && db_column_int64(st, 1) > 0) {
        out->facilities = db_column_int64(st, 0);
        out->months = db_column_int64(st, 1);
        out->latest_month = month_index_of(db_column_text(st, 2));
        out->npa_ever = db_column_int64(st, 3) == 1;
    }
    if (st != NULL)
        db_reset(st);
    return rc;
}

/* NPA rows first, the earliest of them; else the latest month. */
static int history_row(struct store *s, int64_t enterprise_id, struct credit_history *out,
                       struct err *e)
{
    static const char sql[] =
        "SELECT c.facility_id, c.month, c.dpd, c.asset_class, c.src_file, c.src_row"
        " FROM credit_status c JOIN credit_facility f ON f.facility_id = c.facility_id"
        " WHERE f.enterprise_id = $1"
        " ORDER BY CASE WHEN " CREDIT_IS_NPA " THEN 0 ELSE 1 END,"
        " CASE WHEN " CREDIT_IS_NPA " THEN c.month ELSE '' END, c.month DESC, c.facility_id"
        " LIMIT 1";
    int rc;
    struct db_stmt *st = first_row_by_id(store_db(s), sql, enterprise_id, &rc, e);

    if (st != NULL) {
        col_text(st, 0, out->facility_id, sizeof out->facility_id);
        out->month = month_index_of(db_column_text(st, 1));
        out->dpd = db_column_int64(st, 2);
        col_text(st, 3, out->asset_class, sizeof out->asset_class);
        out->src_file = db_column_int64(st, 4);
        out->src_row = db_column_int64(st, 5);
        db_reset(st);
    }
    return rc;
}

int store_credit_history(struct store *s, int64_t enterprise_id, struct credit_history *out,
                         struct err *e)
{
    bool allowed;

    memset(out, 0, sizeof *out);
    if (store_consent_allows_here(s, enterprise_id, CONSENT_CREDIT, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    if (history_totals(s, enterprise_id, out, e) != 0)
        return -1;
    return out->facilities > 0 ? history_row(s, enterprise_id, out, e) : 0;
}

static int read_scheme_loan(struct db_stmt *st, void *row, struct err *e)
{
    struct credit_scheme_loan *l = row;

    (void)e;
    col_text(st, 0, l->scheme, sizeof l->scheme);
    col_text(st, 1, l->facility_id, sizeof l->facility_id);
    l->sanctioned_on = col_day(st, 2);
    l->src_file = db_column_int64(st, 3);
    l->src_row = db_column_int64(st, 4);
    return 0;
}

int store_credit_scheme_loans(struct store *s, int64_t enterprise_id,
                              int (*fn)(void *ctx, const struct credit_scheme_loan *l), void *ctx,
                              struct err *e)
{
    static const char sql[] =
        "SELECT scheme, facility_id, sanctioned_on, src_file, src_row FROM credit_facility"
        " WHERE enterprise_id = $1 AND scheme IS NOT NULL AND scheme <> ''"
        " ORDER BY sanctioned_on DESC, facility_id LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list rows = ROW_LIST(struct credit_scheme_loan, STORE_SCHEME_LOANS_MAX);
    bool allowed;
    int rc = 0;

    if (st == NULL)
        return -1;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_CREDIT, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, STORE_SCHEME_LOANS_MAX))
        return err_set(e, "cannot bind the enterprise id");
    if (row_list_fill(&rows, st, read_scheme_loan, e) != 0) {
        row_list_free(&rows);
        return -1;
    }
    for (size_t i = 0; i < rows.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&rows, i)), &rc))
            break;
    row_list_free(&rows);
    return rc == 0 ? 0 : err_set(e, "a scheme loan callback failed");
}
