/* store_stress_view.c: the stress scores as pages read them (store_stress_view.h). */
#include "store/store_stress_view.h"

#include "store/store_consent_sql.h"
#include "store/store_list.h"

int store_stress_latest_month(struct store *s, char month[STRESS_MONTH_LEN], bool *found,
                              struct err *e)
{
    static const char sql[] = "SELECT MAX(month) FROM stress_score";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    *found = false;
    month[0] = '\0';
    rc = db_step(st, e);
    if (rc == DB_ROW && !db_column_is_null(st, 0)) {
        col_text(st, 0, month, STRESS_MONTH_LEN);
        *found = true;
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* --- the watchlist -------------------------------------------------------- */

/* A stored score stands on GST and credit: once either is withdrawn for
 * an officer's view, the enterprise leaves the watchlist at once, not at
 * the next scoring run (docs/consent.md). Consent binds at $3 and $6,
 * before the parameters only some statements have: PostgreSQL cannot type
 * a parameter that a statement never uses, so the numbers have no gaps. */
#define WATCH_FROM \
    " FROM stress_score s JOIN enterprise e ON e.id = s.enterprise_id" \
    " WHERE s.month = $1 AND s.probability >= $2" \
    " AND " CONSENT_OK("s.enterprise_id", "'gst'", "$3", "$4", "$5") \
    " AND " CONSENT_OK("s.enterprise_id", "'credit'", "$6", "$7", "$8")
/* The page's rows (w) and, for those ids only, each one's "in stress
 * since": the first month of the run at or above the threshold that
 * reaches the scoring month, i.e. the first score after the last one
 * below it (low), or the first score. One statement, so a full export
 * is one query, not one per row. */
#define WATCH_SELECT(scope) \
    "WITH w AS (SELECT e.id AS id, e.name AS name, COALESCE(e.udyam, '') AS udyam, e.state AS state," \
    " COALESCE(e.district, '') AS district, COALESCE(e.nic, '') AS nic, s.probability AS probability," \
    " s.reasons AS reasons" WATCH_FROM scope \
    " ORDER BY s.probability DESC, e.id LIMIT $9 OFFSET $10)," \
    " low AS (SELECT y.enterprise_id AS id, MAX(y.month) AS month FROM stress_score y" \
    " WHERE y.enterprise_id IN (SELECT id FROM w) AND y.month <= $1 AND y.probability < $2" \
    " GROUP BY y.enterprise_id)," \
    " run AS (SELECT x.enterprise_id AS id, MIN(x.month) AS since FROM stress_score x" \
    " LEFT JOIN low ON low.id = x.enterprise_id" \
    " WHERE x.enterprise_id IN (SELECT id FROM w) AND x.month <= $1 AND x.month > COALESCE(low.month, '')" \
    " GROUP BY x.enterprise_id)" \
    " SELECT w.id, w.name, w.udyam, w.state, w.district, w.nic, w.probability, w.reasons," \
    " COALESCE(run.since, '') FROM w LEFT JOIN run ON run.id = w.id" \
    " ORDER BY w.probability DESC, w.id"
#define WATCH_COUNT(scope) "SELECT COUNT(*)" WATCH_FROM scope

/* The scope's conditions for each statement, at $first and $first + 1. */
#define IN_STATE(a) " AND e.state = " a
#define IN_DISTRICT(a, b) " AND e.state = " a " AND lower(e.district) = lower(" b ")"

static int read_watch(struct db_stmt *st, void *row, struct err *e)
{
    struct stress_watch_row *r = row;
    const char *reasons = db_column_text(st, 7);

    (void)e;
    r->enterprise_id = db_column_int64(st, 0);
    col_text(st, 1, r->name, sizeof r->name);
    col_text(st, 2, r->udyam, sizeof r->udyam);
    col_text(st, 3, r->gst_state, sizeof r->gst_state);
    col_text(st, 4, r->district, sizeof r->district);
    col_text(st, 5, r->nic, sizeof r->nic);
    r->probability = db_column_double(st, 6);
    col_text(st, 8, r->since, sizeof r->since);
    /* Cut JSON is no JSON: an over-long value is shown as no reasons. */
    snprintf(r->reasons, sizeof r->reasons, "%s", strlen(reasons) < sizeof r->reasons ? reasons : "[]");
    return 0;
}

static int watch_consent_bind(struct store *s, struct db_stmt *st)
{
    return store_consent_bind(s, st, 3, CONSENT_GST, CONSENT_OFFICER_VIEW)
           || store_consent_bind(s, st, 6, CONSENT_CREDIT, CONSENT_OFFICER_VIEW);
}

static int watch_count(struct store *s, const struct store_scope *sc, const char *month,
                       double min_probability, int64_t *total, struct err *e)
{
    static const char *const sql[] = {
        [SCOPE_ALL] = WATCH_COUNT(""),
        [SCOPE_STATE] = WATCH_COUNT(IN_STATE("$9")),
        [SCOPE_DISTRICT] = WATCH_COUNT(IN_DISTRICT("$9", "$10")),
    };
    struct db_stmt *st = db_cached(store_db(s), sql[sc->kind], e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, month) || db_bind_double(st, 2, min_probability) || store_scope_bind(st, 9, sc)
        || watch_consent_bind(s, st))
        return err_set(e, "cannot bind the watchlist scope");
    rc = db_step(st, e);
    *total = rc == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_stress_watchlist(struct store *s, const char *gst_state, const char *district,
                           const char *month, double min_probability, size_t offset, size_t limit,
                           int (*fn)(void *ctx, const struct stress_watch_row *r), void *ctx,
                           int64_t *total, struct err *e)
{
    static const char *const sql[] = {
        [SCOPE_ALL] = WATCH_SELECT(""),
        [SCOPE_STATE] = WATCH_SELECT(IN_STATE("$11")),
        [SCOPE_DISTRICT] = WATCH_SELECT(IN_DISTRICT("$11", "$12")),
    };
    struct row_list rows = ROW_LIST(struct stress_watch_row, STRESS_WATCH_PAGE_MAX);
    struct store_scope sc;
    struct db_stmt *st;
    int rc;

    store_scope_of(gst_state, district, &sc);
    if (watch_count(s, &sc, month, min_probability, total, e) != 0)
        return -1;
    st = db_cached(store_db(s), sql[sc.kind], e);
    if (st == NULL)
        return -1;
    if (limit > STRESS_WATCH_PAGE_MAX)
        limit = STRESS_WATCH_PAGE_MAX;
    if (offset > INT64_MAX / 2)
        offset = INT64_MAX / 2;
    if (bind_str(st, 1, month) || db_bind_double(st, 2, min_probability)
        || db_bind_int64(st, 9, (int64_t)limit) || db_bind_int64(st, 10, (int64_t)offset)
        || store_scope_bind(st, 11, &sc) || watch_consent_bind(s, st))
        return err_set(e, "cannot bind the watchlist scope");
    rc = row_list_fill(&rows, st, read_watch, e);
    for (size_t i = 0; rc == 0 && i < rows.n; i++) {
        struct stress_watch_row *r = row_list_at(&rows, i);
        snprintf(r->month, sizeof r->month, "%s", month);
        if (row_callback_stops(fn(ctx, r), &rc))
            break;
    }
    row_list_free(&rows);
    return rc;
}

/* --- aggregates ------------------------------------------------------------ */

/* Grouped by the place and the NIC division; COALESCE keeps a missing NIC
 * or district one group of its own, as "". A district is grouped by its
 * name in capitals, as the watchlist's scope compares it (lower() on both
 * sides), so "Pune" and "PUNE" are one place; the name shown is one of
 * its spellings (the caller matches rows case-insensitively too).
 * `group` is empty or ", EXPR": PostgreSQL refuses a constant in GROUP BY. */
#define GROUPS(place, group, scope) \
    "SELECT e.state, " place ", COALESCE(substr(e.nic, 1, 2), ''), COUNT(*)," \
    " SUM(CASE WHEN s.probability >= $2 THEN 1 ELSE 0 END), SUM(s.probability)" \
    " FROM stress_score s JOIN enterprise e ON e.id = s.enterprise_id" \
    " WHERE s.month = $1" scope \
    " GROUP BY e.state" group ", COALESCE(substr(e.nic, 1, 2), '')"
/* A stored score is made of GST and credit data: an aggregate counts it
 * only while both may be used for statistics (docs/consent.md). Six
 * parameters from $N, passed as their texts. */
#define STATS_CONSENT(a, b, c, d, f, g) \
    " AND " CONSENT_OK("s.enterprise_id", "'gst'", a, b, c) \
    " AND " CONSENT_OK("s.enterprise_id", "'credit'", d, f, g)

static int read_group(struct db_stmt *st, void *row, struct err *e)
{
    struct stress_group *g = row;

    (void)e;
    col_text(st, 0, g->gst_state, sizeof g->gst_state);
    col_text(st, 1, g->district, sizeof g->district);
    col_text(st, 2, g->division, sizeof g->division);
    g->scored = db_column_int64(st, 3);
    g->stressed = db_column_int64(st, 4);
    g->probability_sum = db_column_double(st, 5);
    return 0;
}

int store_stress_groups(struct store *s, const char *gst_state, const char *month,
                        double threshold, int (*fn)(void *ctx, const struct stress_group *g),
                        void *ctx, struct err *e)
{
    static const char national[] = GROUPS("''", "", STATS_CONSENT("$3", "$4", "$5", "$6", "$7", "$8"));
    static const char by_district[] = GROUPS("MIN(COALESCE(e.district, ''))", ", upper(COALESCE(e.district, ''))",
                                             " AND e.state = $3"
                                             STATS_CONSENT("$4", "$5", "$6", "$7", "$8", "$9"));
    struct row_list rows = ROW_LIST(struct stress_group, STRESS_GROUPS_MAX);
    struct store_scope sc;
    struct db_stmt *st;
    int rc, first;

    store_scope_of(gst_state, "", &sc);
    st = db_cached(store_db(s), sc.kind == SCOPE_ALL ? national : by_district, e);
    if (st == NULL)
        return -1;
    first = sc.kind == SCOPE_ALL ? 3 : 4;
    if (bind_str(st, 1, month) || db_bind_double(st, 2, threshold) || store_scope_bind(st, 3, &sc)
        || store_consent_bind(s, st, first, CONSENT_GST, CONSENT_STATISTICS)
        || store_consent_bind(s, st, first + 3, CONSENT_CREDIT, CONSENT_STATISTICS))
        return err_set(e, "cannot bind the heatmap scope and consent");
    rc = row_list_fill(&rows, st, read_group, e);
    for (size_t i = 0; rc == 0 && i < rows.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&rows, i)), &rc))
            break;
    row_list_free(&rows);
    return rc;
}
