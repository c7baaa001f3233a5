/* store_cluster_stats.c: see store_cluster_stats.h. Portable SQL (SQLite
 * 3.40 and PostgreSQL 15): CTEs, CASE, substr, upper; months are
 * 'YYYY-MM' text, so windows are string comparisons on bound bounds. */
#include "store/store_cluster_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/stress_reason.h"
#include "core/alloc.h"
#include "core/cluster.h"
#include "core/date.h"
#include "store/db.h"
#include "store/store_consent.h"
#include "store/store_consent_sql.h"
#include "store/store_list.h"

static int read_cell(struct db_stmt *st, void *row, struct err *e)
{
    struct clusters_cell *c = row;

    (void)e;
    col_text(st, 0, c->state, sizeof c->state);
    col_text(st, 1, c->district, sizeof c->district);
    col_text(st, 2, c->nic, sizeof c->nic);
    c->enterprises = db_column_int64(st, 3);
    c->employment = db_column_int64(st, 4);
    return 0;
}

int store_cluster_employment(struct store *s, struct clusters_cell **out, size_t *n, struct err *e)
{
    static const char sql[] =
        "SELECT state, upper(district), substr(nic, 1, 3), COUNT(*),"
        " SUM(COALESCE(employees_male, 0) + COALESCE(employees_female, 0)"
        " + COALESCE(employees_other, 0))"
        " FROM enterprise WHERE district IS NOT NULL AND district <> '' AND length(nic) >= 3"
        " GROUP BY state, upper(district), substr(nic, 1, 3) ORDER BY 1, 2, 3";
    /* 778 districts x some 230 NIC groups bounds the table. */
    struct row_list l = ROW_LIST(struct clusters_cell, 1000000);
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (row_list_fill(&l, st, read_cell, e) != 0) {
        row_list_free(&l);
        return -1;
    }
    *out = l.items;
    *n = l.n;
    return 0;
}

/* 'YYYY-MM' to a month index, or -1. */
static int month_of(const char *t)
{
    char day[16];
    int32_t d;

    if (strlen(t) != 7)
        return -1;
    snprintf(day, sizeof day, "%s-01", t);
    if (date_parse(day, strlen(day), &d, NULL) != 0)
        return -1;
    return date_month_index(d);
}

static int read_reg(struct db_stmt *st, void *row, struct err *e)
{
    struct cluster_reg *r = row;

    (void)e;
    col_text(st, 0, r->id, sizeof r->id);
    col_text(st, 1, r->name, sizeof r->name);
    col_text(st, 2, r->scheme, sizeof r->scheme);
    col_text(st, 3, r->status, sizeof r->status);
    snprintf(r->state, sizeof r->state, "%02d", atoi(db_column_text(st, 4)));
    col_text(st, 5, r->district, sizeof r->district);
    col_text(st, 6, r->product, sizeof r->product);
    col_text(st, 7, r->nic, sizeof r->nic);
    r->cfc_capacity = db_column_is_null(st, 8) ? -1 : db_column_int64(st, 8);
    r->approved_month = db_column_is_null(st, 9) ? -1 : month_of(db_column_text(st, 9));
    return 0;
}

static int by_reg(const void *x, const void *y)
{
    return strcmp(((const struct cluster_reg *)x)->id, ((const struct cluster_reg *)y)->id);
}

int store_clusters_registered(struct store *s, struct cluster_reg **out, size_t *n, struct err *e)
{
    static const char sql[] =
        "SELECT cluster_id, name, scheme, status, state, upper(district), product, nic,"
        " cfc_capacity_hours, substr(approved_on, 1, 7) FROM cluster";
    struct row_list l = ROW_LIST(struct cluster_reg, STORE_CLUSTERS_MAX);
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (row_list_fill(&l, st, read_reg, e) != 0) {
        row_list_free(&l);
        return -1;
    }
    /* Lookups bsearch with strcmp (reg_index here, page_cluster): the
     * database's collation may order otherwise (PostgreSQL locales ignore
     * hyphens at the first level), so the order is settled here. No
     * clusters leaves items NULL, which qsort may not be given. */
    if (l.n > 1)
        qsort(l.items, l.n, sizeof(struct cluster_reg), by_reg);
    *out = l.items;
    *n = l.n;
    return 0;
}

static int max_month(struct store *s, const char *sql, int *month, struct err *e)
{
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    *month = -1;
    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW && !db_column_is_null(st, 0))
        *month = month_of(db_column_text(st, 0));
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_cluster_as_of(struct store *s, int *month, struct err *e)
{
    static const char gst_sql[] = "SELECT MAX(period) FROM gst_return";
    static const char cfc_sql[] = "SELECT MAX(month) FROM cfc_usage";

    if (max_month(s, gst_sql, month, e) != 0)
        return -1;
    if (*month < 0 && max_month(s, cfc_sql, month, e) != 0)
        return -1;
    return 0;
}

static int bind_month(struct db_stmt *st, int idx, int month)
{
    char t[8];

    cluster_month_format(month, t);
    return db_bind_text(st, idx, t, strlen(t));
}

static int by_reg_id(const void *key, const void *elem)
{
    return strcmp(key, ((const struct cluster_reg *)elem)->id);
}

/* The index of cluster_id in regs, or -1 (a row for a cluster removed
 * between statements cannot happen inside the read transaction, but a
 * stray id must not write out of bounds). */
static long reg_index(const struct cluster_reg *regs, size_t n, const char *id)
{
    const struct cluster_reg *r = n > 0 ? bsearch(id, regs, n, sizeof *regs, by_reg_id) : NULL;

    return r == NULL ? -1 : (long)(r - regs);
}

/* Step st; for each row, col 0 a cluster id, hand the row to fn. */
static int per_cluster(struct db_stmt *st, const struct cluster_reg *regs, size_t n,
                       struct cluster_health_input *in,
                       void (*fn)(struct db_stmt *st, struct cluster_health_input *one), struct err *e)
{
    int rc;

    while ((rc = db_step(st, e)) == DB_ROW) {
        long i = reg_index(regs, n, db_column_text(st, 0));
        if (i >= 0)
            fn(st, &in[i]);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static void take_members(struct db_stmt *st, struct cluster_health_input *one)
{
    one->members = db_column_int64(st, 1);
    one->members_year_ago = db_column_int64(st, 2);
}

static void take_turnover(struct db_stmt *st, struct cluster_health_input *one)
{
    one->turnover_members = db_column_int64(st, 1);
    one->turnover_cur = db_column_int64(st, 2);
    one->turnover_prev = db_column_int64(st, 3);
}

static void take_stress(struct db_stmt *st, struct cluster_health_input *one)
{
    one->stress_assessed = db_column_int64(st, 1);
    one->stress_count = db_column_int64(st, 2);
}

/* col 1 the first month the CFC was used ever, col 2 hours in the window;
 * cfc_months is settled by the caller, who knows the window. */
static void take_cfc(struct db_stmt *st, struct cluster_health_input *one)
{
    one->cfc_months = month_of(db_column_text(st, 1));   /* first month, for now */
    one->cfc_hours = db_column_int64(st, 2);
}

static int members(struct store *s, const struct cluster_reg *regs, size_t n, int as_of,
                   struct cluster_health_input *in, struct err *e)
{
    static const char sql[] =
        "SELECT cluster_id, COUNT(*),"
        " SUM(CASE WHEN joined_on IS NULL OR joined_on < $1 THEN 1 ELSE 0 END)"
        " FROM cluster_member GROUP BY cluster_id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char start[DATE_STR_LEN];

    if (st == NULL)
        return -1;
    date_format(date_month_first(as_of - CLUSTER_HEALTH_WINDOW + 1), start);
    if (bind_str(st, 1, start) != 0)
        return err_set(e, "cannot bind a date");
    return per_cluster(st, regs, n, in, take_members, e);
}

static int turnover(struct store *s, const struct cluster_reg *regs, size_t n, int as_of,
                    struct cluster_health_input *in, struct err *e)
{
    /* Year on year by matched returns: each return filed in the window
     * against the same return (GSTIN, type) of the same period a year
     * before, when that was filed too. So a member counts only against
     * itself, and the last months' returns not yet due (or filed late) do
     * not read as a fall. The year-earlier lookup is the primary key. */
    static const char sql[] =
        "WITH w AS (SELECT m.cluster_id, c.enterprise_id,"
        "  SUM(COALESCE(c.taxable_value_paise, 0)) AS cur, SUM(COALESCE(p.taxable_value_paise, 0)) AS prev"
        "  FROM cluster_member m JOIN gst_return c ON c.enterprise_id = m.enterprise_id"
        "  JOIN gst_return p ON p.gstin = c.gstin AND p.return_type = c.return_type"
        "   AND p.period = CAST(CAST(substr(c.period, 1, 4) AS INTEGER) - 1 AS TEXT) || substr(c.period, 5)"
        "  WHERE c.period > $1 AND c.period <= $2 AND c.filed_on IS NOT NULL AND p.filed_on IS NOT NULL"
        "  AND " CONSENT_OK("m.enterprise_id", "'gst'", "$3", "$4", "$5")
        "  GROUP BY m.cluster_id, c.enterprise_id)"
        " SELECT cluster_id, COUNT(*), SUM(cur), SUM(prev) FROM w WHERE prev > 0 GROUP BY cluster_id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    /* Cluster health is published as aggregates: STATISTICS. */
    if (bind_month(st, 1, as_of - CLUSTER_HEALTH_WINDOW) || bind_month(st, 2, as_of)
        || store_consent_bind(s, st, 3, CONSENT_GST, CONSENT_STATISTICS))
        return err_set(e, "cannot bind a month");
    return per_cluster(st, regs, n, in, take_turnover, e);
}

static int stress_scores(struct store *s, const struct cluster_reg *regs, size_t n,
                         struct cluster_health_input *in, struct err *e)
{
    /* Each member's latest score: a member scored last month and not this
     * one is judged on what was last known. */
    static const char sql[] =
        "WITH latest AS (SELECT s.enterprise_id, MAX(s.month) AS month FROM stress_score s"
        "  WHERE s.enterprise_id IN (SELECT enterprise_id FROM cluster_member)"
        "  GROUP BY s.enterprise_id)"
        " SELECT m.cluster_id, COUNT(*), SUM(CASE WHEN s.probability >= $1 THEN 1 ELSE 0 END)"
        " FROM cluster_member m JOIN latest l ON l.enterprise_id = m.enterprise_id"
        " JOIN stress_score s ON s.enterprise_id = l.enterprise_id AND s.month = l.month"
        /* A stored score is made of GST and credit data: it counts only
         * while both may be used for statistics (docs/consent.md). */
        " WHERE " CONSENT_OK("s.enterprise_id", "'gst'", "$2", "$3", "$4")
        " AND " CONSENT_OK("s.enterprise_id", "'credit'", "$5", "$6", "$7")
        " GROUP BY m.cluster_id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_double(st, 1, STRESS_ALERT_PROBABILITY) != 0
        || store_consent_bind(s, st, 2, CONSENT_GST, CONSENT_STATISTICS) != 0
        || store_consent_bind(s, st, 5, CONSENT_CREDIT, CONSENT_STATISTICS) != 0)
        return err_set(e, "cannot bind the threshold and consent");
    return per_cluster(st, regs, n, in, take_stress, e);
}

static int stress_sma(struct store *s, const struct cluster_reg *regs, size_t n,
                      struct cluster_health_input *in, struct err *e)
{
    /* Each member facility's latest status, if reported in the feed's last
     * three months (older ones are closed); a member is in stress when any
     * live facility is SMA-1 or worse. */
    static const char sql[] =
        "WITH lf AS (SELECT cs.facility_id, MAX(cs.month) AS month FROM credit_status cs"
        "  WHERE cs.facility_id IN (SELECT f.facility_id FROM credit_facility f"
        "   JOIN cluster_member m ON m.enterprise_id = f.enterprise_id)"
        "  GROUP BY cs.facility_id),"
        " ent AS (SELECT f.enterprise_id,"
        "  MAX(CASE WHEN cs.asset_class IN ('SMA1', 'SMA2', 'NPA') THEN 1 ELSE 0 END) AS stressed"
        "  FROM lf JOIN credit_status cs ON cs.facility_id = lf.facility_id AND cs.month = lf.month"
        "  JOIN credit_facility f ON f.facility_id = lf.facility_id"
        "  WHERE lf.month >= $1"
        "  AND " CONSENT_OK("f.enterprise_id", "'credit'", "$2", "$3", "$4")
        "  GROUP BY f.enterprise_id)"
        " SELECT m.cluster_id, COUNT(*), SUM(ent.stressed)"
        " FROM cluster_member m JOIN ent ON ent.enterprise_id = m.enterprise_id"
        " GROUP BY m.cluster_id";
    static const char last_sql[] = "SELECT MAX(month) FROM credit_status";
    struct db_stmt *st;
    int last;

    if (max_month(s, last_sql, &last, e) != 0)
        return -1;
    if (last < 0)
        return 0;
    if ((st = db_cached(store_db(s), sql, e)) == NULL)
        return -1;
    if (bind_month(st, 1, last - 2) != 0
        || store_consent_bind(s, st, 2, CONSENT_CREDIT, CONSENT_STATISTICS) != 0)
        return err_set(e, "cannot bind a month");
    return per_cluster(st, regs, n, in, take_stress, e);
}

static int cfc(struct store *s, const struct cluster_reg *regs, size_t n, int as_of,
               struct cluster_health_input *in, struct err *e)
{
    static const char sql[] =
        "SELECT cluster_id, MIN(month),"
        " SUM(CASE WHEN month > $1 AND month <= $2 THEN hours_used ELSE 0 END)"
        " FROM cfc_usage GROUP BY cluster_id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int start = as_of - CLUSTER_HEALTH_WINDOW + 1;

    if (st == NULL)
        return -1;
    if (bind_month(st, 1, as_of - CLUSTER_HEALTH_WINDOW) || bind_month(st, 2, as_of))
        return err_set(e, "cannot bind a month");
    if (per_cluster(st, regs, n, in, take_cfc, e) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int first = in[i].cfc_months;   /* take_cfc left the first month here; 0: never used */
        int from = start;
        in[i].cfc_months = 0;
        /* Capacity counts only for a functional cluster: a CFC still being
         * built or closed has none to use. It counts from the window's
         * start, or from the CFC's first month of use when later; a CFC
         * never used at all (no usage rows: 0%, the worst case) counts
         * from its approval when that is later, with no hours. */
        if (strcmp(regs[i].status, "functional") != 0 || regs[i].cfc_capacity <= 0)
            continue;
        if (first > 0 && first > from)
            from = first;
        else if (first <= 0 && regs[i].approved_month > from)
            from = regs[i].approved_month;
        in[i].cfc_capacity = regs[i].cfc_capacity;
        in[i].cfc_months = as_of - from + 1;
        if (in[i].cfc_months < 0)
            in[i].cfc_months = 0;
    }
    return 0;
}

static int has_scores(struct store *s, bool *yes, struct err *e)
{
    static const char sql[] = "SELECT 1 FROM stress_score LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    *yes = rc == DB_ROW;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_cluster_health_inputs(struct store *s, const struct cluster_reg *regs, size_t n, int as_of,
                                struct cluster_health_input *in, enum cluster_stress_basis *basis,
                                struct err *e)
{
    bool scored = false;

    for (size_t i = 0; i < n; i++) {
        memset(&in[i], 0, sizeof in[i]);
        in[i].manufacturing = clusters_nic_manufacturing(regs[i].nic);
    }
    if (has_scores(s, &scored, e) != 0 || members(s, regs, n, as_of, in, e) != 0
        || turnover(s, regs, n, as_of, in, e) != 0 || cfc(s, regs, n, as_of, in, e) != 0)
        return -1;
    *basis = scored ? STRESS_BASIS_SCORE : STRESS_BASIS_SMA1;
    return scored ? stress_scores(s, regs, n, in, e) : stress_sma(s, regs, n, in, e);
}

/* --- one cluster's trend -------------------------------------------------- */

static int quarter_slot(int month, int first)
{
    int d = month - first;

    return d < 0 ? -1 : d / 3 < CLUSTER_TREND_QUARTERS ? d / 3 : -1;
}

int store_cluster_trend(struct store *s, const char *cluster_id, int as_of,
                        struct cluster_quarter q[CLUSTER_TREND_QUARTERS], struct err *e)
{
    /* Filers are counted per quarter in SQL: a quarterly filer appears in
     * one month of three and a monthly one in all three. */
    static const char gst_sql[] =
        "SELECT substr(g.period, 1, 4) || '-' || CAST((CAST(substr(g.period, 6, 2) AS INTEGER) + 2) / 3 AS TEXT),"
        " SUM(COALESCE(g.taxable_value_paise, 0)), COUNT(DISTINCT g.enterprise_id)"
        " FROM cluster_member m JOIN gst_return g ON g.enterprise_id = m.enterprise_id"
        " WHERE m.cluster_id = $1 AND g.filed_on IS NOT NULL AND g.period >= $2 AND g.period <= $3"
        " AND " CONSENT_OK("g.enterprise_id", "'gst'", "$4", "$5", "$6")
        " GROUP BY 1";
    static const char member_sql[] =
        "SELECT COALESCE(substr(joined_on, 1, 7), ''), COUNT(*) FROM cluster_member"
        " WHERE cluster_id = $1 GROUP BY 1";
    static const char cfc_sql[] =
        "SELECT month, hours_used FROM cfc_usage WHERE cluster_id = $1 AND month >= $2 AND month <= $3";
    /* Quarters aligned to the calendar: the last one holds as_of. */
    int last_q_first = as_of - (as_of % 3);
    int first = last_q_first - 3 * (CLUSTER_TREND_QUARTERS - 1);
    struct db_stmt *st;
    int rc;

    memset(q, 0, sizeof *q * CLUSTER_TREND_QUARTERS);
    for (int i = 0; i < CLUSTER_TREND_QUARTERS; i++)
        q[i].first_month = first + 3 * i;

    if ((st = db_cached(store_db(s), gst_sql, e)) == NULL)
        return -1;
    if (bind_str(st, 1, cluster_id) || bind_month(st, 2, first) || bind_month(st, 3, last_q_first + 2)
        || store_consent_bind(s, st, 4, CONSENT_GST, CONSENT_STATISTICS))
        return err_set(e, "cannot bind");
    while ((rc = db_step(st, e)) == DB_ROW) {
        int y = 0, k = 0, slot;
        if (sscanf(db_column_text(st, 0), "%d-%d", &y, &k) != 2 || k < 1 || k > 4)
            continue;
        int32_t d;
        if (date_from_ymd(y, 3 * (k - 1) + 1, 1, &d) != 0)
            continue;
        slot = quarter_slot(date_month_index(d), first);
        if (slot >= 0) {
            q[slot].turnover = db_column_int64(st, 1);
            q[slot].turnover_filers = db_column_int64(st, 2);
        }
    }
    db_reset(st);
    if (rc < 0)
        return -1;

    if ((st = db_cached(store_db(s), member_sql, e)) == NULL)
        return -1;
    if (bind_str(st, 1, cluster_id))
        return err_set(e, "cannot bind");
    while ((rc = db_step(st, e)) == DB_ROW) {
        int m = month_of(db_column_text(st, 0));    /* -1: date unknown, a founding member */
        int64_t c = db_column_int64(st, 1);
        for (int i = 0; i < CLUSTER_TREND_QUARTERS; i++)
            if (m <= q[i].first_month + 2)
                q[i].members += c;
    }
    db_reset(st);
    if (rc < 0)
        return -1;

    if ((st = db_cached(store_db(s), cfc_sql, e)) == NULL)
        return -1;
    if (bind_str(st, 1, cluster_id) || bind_month(st, 2, first) || bind_month(st, 3, last_q_first + 2))
        return err_set(e, "cannot bind");
    while ((rc = db_step(st, e)) == DB_ROW) {
        int slot = quarter_slot(month_of(db_column_text(st, 0)), first);
        if (slot >= 0) {
            q[slot].cfc_hours += db_column_int64(st, 1);
            q[slot].cfc_months++;
        }
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* --- the two analyses, loaded ------------------------------------------------ */

int store_cluster_map_load(struct store *s, struct cluster_reg **regs, struct cluster_map *m,
                           struct err *e)
{
    struct clusters_cell *cells = NULL;
    size_t n = 0, n_regs = 0;

    *regs = NULL;
    if (store_begin_read(s, e) != 0)
        return -1;
    if (store_cluster_employment(s, &cells, &n, e) != 0 || store_clusters_registered(s, regs, &n_regs, e) != 0) {
        store_rollback(s);
        mem_free(cells);
        goto fail;
    }
    store_rollback(s);
    if (cluster_map_build(cells, n, *regs, n_regs, m, e) == 0)
        return 0;
fail:
    mem_free(*regs);
    *regs = NULL;
    return -1;
}

int store_cluster_health_load(struct store *s, struct cluster_reg **regs, struct cluster_health_report *r,
                              struct err *e)
{
    struct cluster_health_input *in = NULL;
    enum cluster_stress_basis basis = STRESS_BASIS_SMA1;
    size_t n = 0;
    int as_of = -1;

    *regs = NULL;
    if (store_begin_read(s, e) != 0)
        return -1;
    if (store_clusters_registered(s, regs, &n, e) != 0 || store_cluster_as_of(s, &as_of, e) != 0)
        goto rollback;
    if ((in = mem_calloc(n ? n : 1, sizeof *in)) == NULL) {
        err_set(e, "out of memory");
        goto rollback;
    }
    if (as_of >= 0 && store_cluster_health_inputs(s, *regs, n, as_of, in, &basis, e) != 0)
        goto rollback;
    store_rollback(s);
    /* The report takes `in`, on failure too. */
    if (cluster_health_report_build(*regs, n, in, basis, as_of, r, e) == 0)
        return 0;
    goto fail;
rollback:
    store_rollback(s);
    mem_free(in);
fail:
    mem_free(*regs);
    *regs = NULL;
    return -1;
}

int store_ingest_version(struct store *s, int64_t *last_file, int64_t *rows, struct err *e)
{
    static const char sql[] = "SELECT COALESCE(MAX(id), 0), CAST(COALESCE(SUM(rows_committed), 0) AS BIGINT) FROM ingest_file";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    int64_t consent;

    *last_file = *rows = 0;
    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        *last_file = db_column_int64(st, 0);
        *rows = db_column_int64(st, 1);
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    /* A consent granted, revoked, begun or expired changes what the kept
     * analytics may count, as a load does (docs/consent.md). */
    if (store_consent_version(s, &consent, e) != 0)
        return -1;
    *rows += consent;
    return 0;
}
