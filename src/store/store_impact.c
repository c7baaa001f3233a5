/* store_impact.c: see store_impact.h. Portable SQL (SQLite 3.40 and
 * PostgreSQL 15); ordered scans folded in C, so memory is one row per
 * enterprise and quarter, never one per return. */
#include "store/store_impact.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "store/db.h"
#include "store/store_consent_sql.h"
#include "store/store_list.h"

#define MAX_QUARTERS 200          /* 50 years of GST: bounds the panel */
#define MAX_UNITS 100000000

/* 'YYYY-MM' to a month index, or -1. */
static int month_of(const char *t)
{
    char day[11];
    int32_t d;

    if (strlen(t) != 7)
        return -1;
    memcpy(day, t, 7);
    memcpy(day + 7, "-01", 4);
    return date_parse(day, 10, &d, NULL) == 0 ? date_month_index(d) : -1;
}

/* The first and last month of one table's series (-1 when empty). Two
 * plain MIN/MAX queries, one per table, so each reads its index ends. */
static int month_range(struct db *db, const char *sql, int *lo, int *hi, struct err *e)
{
    struct db_stmt *st = db_cached(db, sql, e);
    int rc;

    *lo = *hi = -1;
    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW && !db_column_is_null(st, 0)) {
        *lo = month_of(db_column_text(st, 0));
        *hi = month_of(db_column_text(st, 1));
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* Quarters covering the GST and the EPFO months; *last_month is the last
 * GST month (the covariate "young" is measured from it), else EPFO's. */
static int panel_range(struct db *db, struct impact_panel *p, int *last_month, struct err *e)
{
    int lo, hi, elo, ehi;

    if (month_range(db, "SELECT MIN(period), MAX(period) FROM gst_return", &lo, &hi, e) != 0
        || month_range(db, "SELECT MIN(wage_month), MAX(wage_month) FROM epfo_return", &elo, &ehi, e) != 0)
        return -1;
    p->n_q = 0;
    *last_month = hi >= 0 ? hi : ehi;
    if (elo >= 0 && (lo < 0 || elo < lo))
        lo = elo;
    if (ehi > hi)
        hi = ehi;
    if (lo < 0 || hi < lo)
        return 0;
    p->q_first = lo / 3;
    p->n_q = hi / 3 - lo / 3 + 1;
    if (p->n_q > MAX_QUARTERS)
        return err_set(e, "impact: GST periods span more than %d quarters", MAX_QUARTERS);
    return 0;
}

static void read_unit(struct db_stmt *st, struct impact_unit *u, int32_t young_from)
{
    const char *cat = db_column_text(st, 5), *act = db_column_text(st, 7);
    int32_t commenced = col_day(st, 8);
    double rs = db_column_is_null(st, 9) ? 0 : (double)db_column_int64(st, 9) / 100.0;

    u->id = db_column_int64(st, 0);
    col_text(st, 1, u->state, sizeof u->state);
    col_text(st, 2, u->district, sizeof u->district);
    u->cov[COV_WOMEN] = db_column_int64(st, 3) != 0;
    u->cov[COV_SCST] = db_column_int64(st, 4) != 0;
    u->cov[COV_OBC] = strcmp(cat, "obc") == 0;
    u->cov[COV_RURAL] = strcmp(db_column_text(st, 6), "rural") == 0;
    u->cov[COV_SERVICES] = strcmp(act, "services") == 0;
    u->cov[COV_TRADING] = strcmp(act, "trading") == 0;
    u->cov[COV_YOUNG] = commenced != DATE_UNKNOWN && commenced >= young_from;
    u->cov[COV_LARGE] = rs > IMPACT_LARGE_RS;
    u->cov[COV_LOG_TURNOVER] = (float)log(rs > 1 ? rs : 1);
}

/* Enterprises with at least one GST or EPFO return, in id order. */
/* The evaluation is published as estimates over many units: its GST and
 * EPFO rows are what consent allows for STATISTICS (docs/consent.md). */
static int load_units(struct store *s, struct impact_panel *p, int last_month, struct err *e)
{
    static const char sql[] =
        "SELECT e.id, e.state, upper(COALESCE(e.district, '')), COALESCE(e.women_owned, 0),"
        " COALESCE(e.scst_owned, 0), COALESCE(e.social_category, ''), COALESCE(e.area, ''),"
        " COALESCE(e.activity, ''), e.commenced_on, e.turnover_paise FROM enterprise e"
        " WHERE (EXISTS (SELECT 1 FROM gst_return g WHERE g.enterprise_id = e.id)"
        "  AND " CONSENT_OK("e.id", "'gst'", "$1", "$2", "$3") ")"
        " OR (EXISTS (SELECT 1 FROM epfo_return r WHERE r.enterprise_id = e.id)"
        "  AND " CONSENT_OK("e.id", "'epfo'", "$4", "$5", "$6") ") ORDER BY e.id";
    struct row_list l = ROW_LIST(struct impact_unit, MAX_UNITS);
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int32_t young_from = date_month_last(last_month) - 365 * IMPACT_YOUNG_YEARS;
    int rc;

    if (st == NULL)
        return -1;
    if (store_consent_bind(s, st, 1, CONSENT_GST, CONSENT_STATISTICS)
        || store_consent_bind(s, st, 4, CONSENT_EPFO, CONSENT_STATISTICS))
        return err_set(e, "impact: cannot bind the consent filter");
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct impact_unit *u = row_list_push(&l, e);
        if (u == NULL) {
            rc = -1;
            break;
        }
        read_unit(st, u, young_from);
    }
    db_reset(st);
    p->units = l.items;
    p->n_units = l.n;
    return rc < 0 ? -1 : 0;
}

static long unit_of(const struct impact_panel *p, int64_t id)
{
    size_t lo = 0, hi = p->n_units;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->units[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->n_units && p->units[lo].id == id ? (long)lo : -1;
}

/* One enterprise's returns, folded: months[k] counts months covered by
 * filed returns in quarter k, over all its GSTINs. */
struct fold {
    long unit;
    int gstins;
    char last_gstin[20];
    double *sum;
    int *months;
    bool quarterly;
};

static void fold_flush(struct impact_panel *p, struct fold *f)
{
    if (f->unit >= 0) {
        double *row = p->turnover + (size_t)f->unit * (size_t)p->n_q;
        for (int k = 0; k < p->n_q; k++)
            row[k] = f->months[k] == 3 * f->gstins ? f->sum[k] : NAN;
        p->units[f->unit].cov[COV_QUARTERLY] = f->quarterly;
    }
    memset(f->sum, 0, (size_t)p->n_q * sizeof *f->sum);
    memset(f->months, 0, (size_t)p->n_q * sizeof *f->months);
    f->gstins = 0;
    f->last_gstin[0] = '\0';
    f->quarterly = false;
}

static void fold_row(struct impact_panel *p, struct fold *f, struct db_stmt *st)
{
    const char *gstin = db_column_text(st, 1), *freq = db_column_text(st, 3);
    int month = month_of(db_column_text(st, 2)), k;
    bool quarterly = strcmp(freq, "quarterly") == 0;

    if (strcmp(gstin, f->last_gstin) != 0) {
        f->gstins++;
        col_text(st, 1, f->last_gstin, sizeof f->last_gstin);
    }
    f->quarterly |= quarterly;
    if (month < 0 || db_column_is_null(st, 4))
        return;   /* not filed: the quarter stays incomplete */
    k = month / 3 - p->q_first;
    if (k < 0 || k >= p->n_q)
        return;
    f->sum[k] += (double)db_column_int64(st, 4) / 100.0;
    f->months[k] += quarterly ? 3 : 1;
}

static int load_turnover(struct store *s, struct impact_panel *p, struct err *e)
{
    static const char sql[] =
        "SELECT enterprise_id, gstin, period, frequency, taxable_value_paise FROM gst_return"
        " WHERE " CONSENT_OK("gst_return.enterprise_id", "'gst'", "$1", "$2", "$3")
        " ORDER BY enterprise_id, gstin, period";
    struct fold f = {.unit = -1};
    struct db_stmt *st;
    int64_t cur = -1;
    int rc;

    p->turnover = mem_alloc((p->n_units * (size_t)p->n_q + 1) * sizeof *p->turnover);
    f.sum = mem_calloc((size_t)p->n_q + 1, sizeof *f.sum);
    f.months = mem_calloc((size_t)p->n_q + 1, sizeof *f.months);
    if (p->turnover == NULL || f.sum == NULL || f.months == NULL) {
        rc = err_set(e, "impact: out of memory");
        goto done;
    }
    for (size_t i = 0; i < p->n_units * (size_t)p->n_q; i++)
        p->turnover[i] = NAN;
    if ((st = db_cached(store_db(s), sql, e)) == NULL) {
        rc = -1;
        goto done;
    }
    if (store_consent_bind(s, st, 1, CONSENT_GST, CONSENT_STATISTICS) != 0) {
        rc = err_set(e, "impact: cannot bind the consent filter");
        goto done;
    }
    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t id = db_column_int64(st, 0);
        if (id != cur) {
            fold_flush(p, &f);
            f.unit = unit_of(p, id);
            cur = id;
        }
        if (f.unit >= 0)
            fold_row(p, &f, st);
    }
    db_reset(st);
    if (rc == 0)
        fold_flush(p, &f);
done:
    mem_free(f.sum);
    mem_free(f.months);
    return rc < 0 ? -1 : 0;
}

/* EPFO members per enterprise and quarter: summed over its months and
 * establishments, kept only when every establishment has a return for all
 * three months (a missing ECR never reads as a fall in employment). */
static void emp_flush(struct impact_panel *p, long unit, int establishments, const double *sum, const int *months)
{
    double *row;

    if (unit < 0)
        return;
    row = p->employment + (size_t)unit * (size_t)p->n_q;
    for (int k = 0; k < p->n_q; k++)
        row[k] = months[k] == 3 * establishments ? sum[k] : NAN;
    p->n_employment_units++;
}

static int load_employment(struct store *s, struct impact_panel *p, struct err *e)
{
    static const char sql[] =
        "SELECT enterprise_id, establishment_code, wage_month, members FROM epfo_return"
        " WHERE " CONSENT_OK("epfo_return.enterprise_id", "'epfo'", "$1", "$2", "$3")
        " ORDER BY enterprise_id, establishment_code, wage_month";
    double *sum = mem_calloc((size_t)p->n_q + 1, sizeof *sum);
    int *months = mem_calloc((size_t)p->n_q + 1, sizeof *months), rc = -1, est = 0;
    char last[16] = "";
    int64_t cur = -1;
    long unit = -1;
    struct db_stmt *st;

    p->employment = mem_alloc((p->n_units * (size_t)p->n_q + 1) * sizeof *p->employment);
    if (p->employment == NULL || sum == NULL || months == NULL) {
        err_set(e, "impact: out of memory");
        goto done;
    }
    for (size_t i = 0; i < p->n_units * (size_t)p->n_q; i++)
        p->employment[i] = NAN;
    if ((st = db_cached(store_db(s), sql, e)) == NULL)
        goto done;
    if (store_consent_bind(s, st, 1, CONSENT_EPFO, CONSENT_STATISTICS) != 0) {
        err_set(e, "impact: cannot bind the consent filter");
        goto done;
    }
    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t id = db_column_int64(st, 0);
        int month = month_of(db_column_text(st, 2)), k = month < 0 ? -1 : month / 3 - p->q_first;
        if (id != cur) {
            emp_flush(p, unit, est, sum, months);
            memset(sum, 0, (size_t)p->n_q * sizeof *sum);
            memset(months, 0, (size_t)p->n_q * sizeof *months);
            unit = unit_of(p, id);
            cur = id;
            est = 0;
            last[0] = '\0';
        }
        if (strcmp(db_column_text(st, 1), last) != 0) {
            est++;
            col_text(st, 1, last, sizeof last);
        }
        if (unit < 0 || k < 0 || k >= p->n_q)
            continue;
        sum[k] += (double)db_column_int64(st, 3);
        months[k]++;
    }
    db_reset(st);
    if (rc == 0)
        emp_flush(p, unit, est, sum, months);
done:
    mem_free(sum);
    mem_free(months);
    return rc < 0 ? -1 : 0;
}

static int load_schemes(struct db *db, struct impact_panel *p, struct err *e)
{
    static const char sql[] = "SELECT DISTINCT scheme FROM beneficiary ORDER BY scheme";
    struct db_stmt *st = db_cached(db, sql, e);
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (p->n_schemes == IMPACT_MAX_SCHEMES) {
            rc = err_set(e, "impact: more than %d schemes", IMPACT_MAX_SCHEMES);
            break;
        }
        col_text(st, 0, p->schemes[p->n_schemes++], IMPACT_SCHEME_ID);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* Receipts of enterprises in the panel, by unit (enterprise id order). */
static int load_receipts(struct db *db, struct impact_panel *p, struct err *e)
{
    static const char sql[] =
        "SELECT enterprise_id, scheme, disbursed_on FROM beneficiary"
        " WHERE enterprise_id IS NOT NULL AND disbursed_on IS NOT NULL ORDER BY enterprise_id, disbursed_on";
    struct row_list l = ROW_LIST(struct impact_receipt, MAX_UNITS);
    struct db_stmt *st = db_cached(db, sql, e);
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        long u = unit_of(p, db_column_int64(st, 0));
        int32_t d = col_day(st, 2);
        struct impact_receipt *r;
        if (u < 0 || d == DATE_UNKNOWN)
            continue;
        if ((r = row_list_push(&l, e)) == NULL) {
            rc = -1;
            break;
        }
        r->unit = (size_t)u;
        r->scheme = impact_panel_scheme(p, db_column_text(st, 1));
        r->quarter = date_month_index(d) / 3;
    }
    db_reset(st);
    p->receipts = l.items;
    p->n_receipts = l.n;
    return rc < 0 ? -1 : 0;
}

int store_impact_panel(struct store *s, struct impact_panel *p, struct err *e)
{
    struct db *db = store_db(s);
    int last_month = -1;

    memset(p, 0, sizeof *p);
    if (db_begin_read(db, e) != 0)
        return -1;
    if (panel_range(db, p, &last_month, e) != 0 || load_schemes(db, p, e) != 0)
        goto fail;
    if (p->n_q > 0 && (load_units(s, p, last_month, e) != 0 || load_turnover(s, p, e) != 0
                       || load_employment(s, p, e) != 0 || load_receipts(db, p, e) != 0))
        goto fail;
    if (db_commit(db, e) != 0)
        goto fail_closed;
    return 0;
fail:
    db_rollback(db);
fail_closed:
    impact_panel_free(p);
    return -1;
}

/* Rows of (scheme, state, district, from, to) into days. */
static int ttb_rows(struct db_stmt *st, struct impact_ttb_row **out, size_t *n, struct err *e)
{
    struct row_list l = ROW_LIST(struct impact_ttb_row, MAX_UNITS);
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        int32_t a = col_day(st, 3), b = col_day(st, 4);
        struct impact_ttb_row *r;
        if (a == DATE_UNKNOWN || b == DATE_UNKNOWN)
            continue;
        if ((r = row_list_push(&l, e)) == NULL) {
            rc = -1;
            break;
        }
        col_text(st, 0, r->scheme, sizeof r->scheme);
        col_text(st, 1, r->state, sizeof r->state);
        col_text(st, 2, r->district, sizeof r->district);
        r->days = (int)(b - a);
    }
    db_reset(st);
    if (rc < 0) {
        row_list_free(&l);
        return -1;
    }
    *out = l.items;
    *n = l.n;
    return 0;
}

int store_impact_ttb_rows(struct store *s, struct impact_ttb_row **out, size_t *n, struct err *e)
{
    static const char sql[] =
        "SELECT b.scheme, COALESCE(en.state, b.state, ''), upper(COALESCE(en.district, b.district, '')),"
        " b.sanctioned_on, b.disbursed_on FROM beneficiary b LEFT JOIN enterprise en ON en.id = b.enterprise_id"
        " WHERE b.sanctioned_on IS NOT NULL AND b.disbursed_on IS NOT NULL";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    return st == NULL ? -1 : ttb_rows(st, out, n, e);
}

int store_impact_ttb_app_rows(struct store *s, struct impact_ttb_row **out, size_t *n, struct err *e)
{
    static const char sql[] =
        "WITH sub AS (SELECT application_id, MIN(on_date) AS on_date FROM application_event"
        "  WHERE action = 'submit' GROUP BY application_id),"
        " dis AS (SELECT application_id, MIN(on_date) AS on_date FROM application_event"
        "  WHERE action = 'disburse' GROUP BY application_id)"
        " SELECT a.scheme_id, a.gst_state, upper(COALESCE(a.district, '')), sub.on_date, dis.on_date"
        " FROM application a JOIN sub ON sub.application_id = a.id JOIN dis ON dis.application_id = a.id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    return st == NULL ? -1 : ttb_rows(st, out, n, e);
}
