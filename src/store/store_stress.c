/* store_stress.c: the stress early-warning's reads and writes
 * (store_stress.h). */
#include "store/store_stress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "store/store_consent_sql.h"
#include "store/db.h"

#define FACILITY_ID_MAX 64

/* --- text fields --------------------------------------------------------- */

static int digits(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int32_t store_stress_month_parse(const char *s)
{
    int y, m;

    if (strlen(s) != 7 || s[4] != '-')
        return -1;
    y = digits(s, 4);
    m = digits(s + 5, 2);
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || m < 1 || m > 12)
        return -1;
    return y * 12 + m - 1;
}

void store_stress_month_text(int32_t month, char out[8])
{
    snprintf(out, 8, "%04d-%02d", (int)(month / 12) % 10000, (int)(month % 12) + 1);
}

/* 'YYYY-MM-DD' to a date; DATE_UNKNOWN for NULL, empty or malformed text
 * (the feeds' loaders checked every stored date already). */
static int32_t day_parse(const char *s)
{
    int32_t d;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-'
        || date_from_ymd(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2), &d) != 0)
        return DATE_UNKNOWN;
    return d;
}

/* --- one enterprise's history, gathered ---------------------------------- */

struct gather {
    struct stress_gst *gst;
    struct stress_compliance *comp;
    size_t n_gst, cap_gst;
    struct stress_facility *fac;
    char (*fac_id)[FACILITY_ID_MAX];
    size_t n_fac, cap_fac;
    struct stress_credit *credit;
    size_t n_credit, cap_credit;
    struct stress_claim *claim;
    size_t n_claim, cap_claim;
};

/* Make room for one more element in *arr (n used of *cap). */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    void *p;
    size_t want;

    if (n < *cap)
        return 0;
    want = *cap ? *cap * 2 : 64;
    p = mem_realloc(*arr, want * size);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = want;
    return 0;
}

static void gather_free(struct gather *g)
{
    mem_free(g->gst);
    mem_free(g->comp);
    mem_free(g->fac);
    mem_free(g->fac_id);
    mem_free(g->credit);
    mem_free(g->claim);
}

static int gst_row(struct gather *g, struct db_stmt *st, struct err *e)
{
    size_t cap = g->cap_gst;
    struct stress_gst *r;

    if (grow((void **)&g->gst, &g->cap_gst, g->n_gst, sizeof *g->gst) != 0
        || (g->cap_gst != cap
            && (g->comp = mem_realloc(g->comp, g->cap_gst * sizeof *g->comp)) == NULL))
        return err_set(e, "stress: out of memory reading GST returns");
    r = &g->gst[g->n_gst];
    r->period = store_stress_month_parse(db_column_text(st, 1));
    r->due_on = day_parse(db_column_text(st, 2));
    r->filed_on = day_parse(db_column_text(st, 3));
    r->taxable_paise = db_column_is_null(st, 4) ? -1 : db_column_int64(st, 4);
    r->tax_paise = db_column_is_null(st, 5) ? -1 : db_column_int64(st, 5);
    r->quarterly = strcmp(db_column_text(st, 6), "quarterly") == 0;
    if (r->period < 0 || r->due_on == DATE_UNKNOWN)
        return 0;               /* not a return the loader would store: skip it */
    g->comp[g->n_gst] = (struct stress_compliance){r->due_on, r->filed_on};
    g->n_gst++;
    return 0;
}

static int facility_index(struct gather *g, struct db_stmt *st, struct err *e)
{
    const char *id = db_column_text(st, 1), *type = db_column_text(st, 2);
    size_t cap = g->cap_fac;

    for (size_t i = g->n_fac; i-- > 0;)
        if (strcmp(g->fac_id[i], id) == 0)
            return (int)i;
    if (grow((void **)&g->fac, &g->cap_fac, g->n_fac, sizeof *g->fac) != 0
        || (g->cap_fac != cap
            && (g->fac_id = mem_realloc(g->fac_id, g->cap_fac * sizeof *g->fac_id)) == NULL))
        return err_set(e, "stress: out of memory reading credit facilities");
    snprintf(g->fac_id[g->n_fac], FACILITY_ID_MAX, "%s", id);
    g->fac[g->n_fac] = (struct stress_facility){
        day_parse(db_column_text(st, 3)), db_column_int64(st, 4),
        strcmp(type, "cash_credit") == 0 || strcmp(type, "overdraft") == 0};
    return (int)g->n_fac++;
}

static int credit_row(struct gather *g, struct db_stmt *st, struct err *e)
{
    int f = facility_index(g, st, e);
    int32_t month = store_stress_month_parse(db_column_text(st, 5));

    if (f < 0)
        return -1;
    if (month < 0)
        return 0;
    if (grow((void **)&g->credit, &g->cap_credit, g->n_credit, sizeof *g->credit) != 0)
        return err_set(e, "stress: out of memory reading credit months");
    g->credit[g->n_credit++] = (struct stress_credit){f, month, db_column_int64(st, 6),
                                                      (int32_t)db_column_int64(st, 7)};
    return 0;
}

/* A claim is open until settled (at its last receipt) or withdrawn; one
 * settled or withdrawn with no date on file counts as closed when filed,
 * so it never reads as open at a month it may not have been. */
static int claim_row(struct gather *g, struct db_stmt *st, struct err *e)
{
    int32_t filed = day_parse(db_column_text(st, 1)), closed = DATE_UNKNOWN;
    const char *state = db_column_text(st, 2);

    if (filed == DATE_UNKNOWN)
        return 0;
    if (strcmp(state, "filed") != 0) {
        closed = db_column_is_null(st, 3) ? filed : day_parse(db_column_text(st, 3));
        if (closed == DATE_UNKNOWN || strcmp(state, "withdrawn") == 0)
            closed = filed;
    }
    if (grow((void **)&g->claim, &g->cap_claim, g->n_claim, sizeof *g->claim) != 0)
        return err_set(e, "stress: out of memory reading claims");
    g->claim[g->n_claim++] = (struct stress_claim){filed, closed};
    return 0;
}

static int credit_cmp(const void *a, const void *b)
{
    const struct stress_credit *x = a, *y = b;

    if (x->facility != y->facility)
        return x->facility < y->facility ? -1 : 1;
    return (x->month > y->month) - (x->month < y->month);
}

/* --- the merged streams -------------------------------------------------- */

enum { CUR_GST, CUR_CREDIT, CUR_CLAIM, CUR_COUNT };

/* The early-warning names an enterprise to an officer, so its inputs are
 * what consent allows for OFFICER_VIEW (docs/consent.md); the claims are
 * the enterprise's own filings on the portal, not a consent-bound source.
 * Each ordered by enterprise only: within an enterprise the rows are
 * sorted in C, which every backend can do without a temporary B-tree. */
static const char *const cursor_sql[CUR_COUNT] = {
    "SELECT enterprise_id, period, due_on, filed_on, taxable_value_paise, tax_paise, frequency"
    " FROM gst_return WHERE " CONSENT_OK("gst_return.enterprise_id", "'gst'", "$1", "$2", "$3")
    " ORDER BY enterprise_id",
    "SELECT f.enterprise_id, f.facility_id, f.facility_type, f.sanctioned_on, f.sanctioned_paise,"
    " s.month, s.outstanding_paise, s.dpd"
    " FROM credit_facility f JOIN credit_status s ON s.facility_id = f.facility_id"
    " WHERE " CONSENT_OK("f.enterprise_id", "'credit'", "$1", "$2", "$3")
    " ORDER BY f.enterprise_id",
    "SELECT c.enterprise_id, c.filed_on, c.state,"
    " (SELECT max(r.received_on) FROM payment_claim_receipt r WHERE r.claim_id = c.id)"
    " FROM payment_claim c ORDER BY c.enterprise_id",
};

struct cursor {
    struct db_stmt *st;
    bool live;
    int64_t enterprise_id;
};

static int cursor_next(struct cursor *c, struct err *e)
{
    int rc = db_step(c->st, e);

    if (rc < 0)
        return -1;
    c->live = rc == DB_ROW;
    if (c->live)
        c->enterprise_id = db_column_int64(c->st, 0);
    return 0;
}

static int (*const row_fn[CUR_COUNT])(struct gather *, struct db_stmt *, struct err *) = {
    gst_row, credit_row, claim_row};

/* Read every row of enterprise id from each cursor into g. */
static int gather_one(struct cursor *cur, int64_t id, struct gather *g, struct err *e)
{
    g->n_gst = g->n_fac = g->n_credit = g->n_claim = 0;
    for (int k = 0; k < CUR_COUNT; k++) {
        while (cur[k].live && cur[k].enterprise_id == id) {
            if (row_fn[k](g, cur[k].st, e) != 0 || cursor_next(&cur[k], e) != 0)
                return -1;
        }
    }
    if (g->n_credit > 1)
        qsort(g->credit, g->n_credit, sizeof *g->credit, credit_cmp);
    return 0;
}

static const int cursor_source[CUR_COUNT] = {CONSENT_GST, CONSENT_CREDIT, -1};

static int each_open(struct store *s, struct cursor *cur, struct err *e)
{
    for (int k = 0; k < CUR_COUNT; k++) {
        if (db_prepare_stream(store_db(s), cursor_sql[k], &cur[k].st, e) != 0)
            return -1;
        if (cursor_source[k] >= 0
            && store_consent_bind(s, cur[k].st, 1, (enum consent_source)cursor_source[k],
                                  CONSENT_OFFICER_VIEW) != 0)
            return err_set(e, "cannot bind the consent filter");
        if (cursor_next(&cur[k], e) != 0)
            return -1;
    }
    return 0;
}

static int each_run(struct cursor *cur, int (*fn)(void *, const struct stress_history *),
                    void *ctx, struct err *e)
{
    struct gather g;
    int rc = 0;

    memset(&g, 0, sizeof g);
    for (;;) {
        int64_t id = INT64_MAX;
        struct stress_history h;

        for (int k = 0; k < CUR_COUNT; k++)
            if (cur[k].live && cur[k].enterprise_id < id)
                id = cur[k].enterprise_id;
        if (id == INT64_MAX)
            break;
        if (gather_one(cur, id, &g, e) != 0) {
            rc = -1;
            break;
        }
        h = (struct stress_history){id,     g.gst,    g.n_gst,   g.fac,  g.n_fac, g.credit,
                                    g.n_credit, g.claim, g.n_claim, g.comp, g.n_gst};
        if ((rc = fn(ctx, &h)) != 0)
            break;
    }
    gather_free(&g);
    return rc;
}

int store_stress_each(struct store *s, bool in_txn,
                      int (*fn)(void *ctx, const struct stress_history *h), void *ctx,
                      struct err *e)
{
    struct cursor cur[CUR_COUNT];
    int rc;

    memset(cur, 0, sizeof cur);
    if (!in_txn && store_begin_read(s, e) != 0)
        return -1;
    rc = each_open(s, cur, e);
    if (rc == 0)
        rc = each_run(cur, fn, ctx, e);
    for (int k = 0; k < CUR_COUNT; k++)
        if (cur[k].st != NULL)
            db_finalize(cur[k].st);
    if (!in_txn)
        store_rollback(s);      /* read only: nothing to keep */
    return rc;
}

int store_stress_last_month(struct store *s, int32_t *month, struct err *e)
{
    static const char sql[] = "SELECT max(month) FROM credit_status";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    *month = -1;
    if (st == NULL || (rc = db_step(st, e)) < 0)
        return -1;
    if (rc == DB_ROW && !db_column_is_null(st, 0))
        *month = store_stress_month_parse(db_column_text(st, 0));
    db_reset(st);
    return 0;
}

/* --- the panel ----------------------------------------------------------- */

struct panel_run {
    int32_t from, to, last_month;
    struct stress_matrix *m;
    struct err *e;
};

static int panel_one(void *ctx, const struct stress_history *h)
{
    struct panel_run *p = ctx;
    float x[SF_COUNT];

    for (int32_t t = p->from; t <= p->to; t++) {
        bool npa;
        if (!stress_history_active(h, t, &npa) || npa)
            continue;
        stress_features(h, t, x);
        if (stress_matrix_push(p->m, h->enterprise_id, t, x,
                               stress_history_label(h, t, p->last_month))
            != 0)
            return err_set(p->e, "stress: out of memory building the panel");
    }
    return 0;
}

int store_stress_panel(struct store *s, int32_t from, int32_t to, int32_t last_month,
                       struct stress_matrix **out, struct err *e)
{
    struct panel_run p = {from, to, last_month, stress_matrix_new(SF_COUNT, 1 << 16), e};

    *out = NULL;
    if (p.m == NULL)
        return err_set(e, "stress: out of memory");
    if (store_stress_each(s, false, panel_one, &p, e) != 0) {
        stress_matrix_free(p.m);
        return -1;
    }
    *out = p.m;
    return 0;
}

/* --- models -------------------------------------------------------------- */

int store_stress_model_put(struct store *s, struct stress_model_row *m, struct err *e)
{
    static const char sql[] =
        "INSERT INTO stress_model (trained_at, train_from, train_to, features, booster,"
        " calibration, backtest, linear) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool inserted;

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, m->trained_at, strlen(m->trained_at))
        || db_bind_text(st, 2, m->train_from, strlen(m->train_from))
        || db_bind_text(st, 3, m->train_to, strlen(m->train_to))
        || db_bind_text(st, 4, m->features, strlen(m->features))
        || db_bind_blob(st, 5, m->booster, m->booster_len)
        || db_bind_text(st, 6, m->calibration, strlen(m->calibration))
        || db_bind_text_or_null(st, 7, m->backtest) || db_bind_text_or_null(st, 8, m->linear))
        return err_set(e, "stress: cannot bind the model");
    return db_insert(st, &m->id, &inserted, e);
}

static int model_read(struct db_stmt *st, struct stress_model_row *m, struct err *e)
{
    const char *blob;

    m->id = db_column_int64(st, 0);
    snprintf(m->trained_at, sizeof m->trained_at, "%s", db_column_text(st, 1));
    snprintf(m->train_from, sizeof m->train_from, "%s", db_column_text(st, 2));
    snprintf(m->train_to, sizeof m->train_to, "%s", db_column_text(st, 3));
    m->features = mem_strdup(db_column_text(st, 4));
    m->booster_len = db_column_bytes(st, 5);
    blob = db_column_text(st, 5);
    m->booster = mem_alloc(m->booster_len ? m->booster_len : 1);
    if (m->booster != NULL)
        memcpy(m->booster, blob, m->booster_len);
    m->calibration = mem_strdup(db_column_text(st, 6));
    m->backtest = db_column_is_null(st, 7) ? NULL : mem_strdup(db_column_text(st, 7));
    m->linear = db_column_is_null(st, 8) ? NULL : mem_strdup(db_column_text(st, 8));
    if (m->features == NULL || m->booster == NULL || m->calibration == NULL
        || (!db_column_is_null(st, 7) && m->backtest == NULL)
        || (!db_column_is_null(st, 8) && m->linear == NULL))
        return err_set(e, "stress: out of memory reading the model");
    return 0;
}

int store_stress_model_latest(struct store *s, struct stress_model_row *m, bool *found,
                              struct err *e)
{
    static const char sql[] =
        "SELECT id, trained_at, train_from, train_to, features, booster, calibration, backtest,"
        " linear"
        " FROM stress_model ORDER BY id DESC LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    memset(m, 0, sizeof *m);
    *found = false;
    if (st == NULL || (rc = db_step(st, e)) < 0)
        return -1;
    if (rc == DB_ROW) {
        *found = true;
        rc = model_read(st, m, e);
    }
    db_reset(st);
    if (rc != 0)
        store_stress_model_row_free(m);
    return rc < 0 ? -1 : 0;
}

int store_stress_model_set_backtest(struct store *s, int64_t id, const char *json, struct err *e)
{
    static const char sql[] = "UPDATE stress_model SET backtest = $1 WHERE id = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, json, strlen(json)) || db_bind_int64(st, 2, id))
        return err_set(e, "stress: cannot bind the backtest");
    return db_step(st, e) < 0 ? -1 : 0;
}

void store_stress_model_row_free(struct stress_model_row *m)
{
    mem_free(m->features);
    mem_free(m->booster);
    mem_free(m->calibration);
    mem_free(m->backtest);
    mem_free(m->linear);
    m->features = m->calibration = m->backtest = m->linear = NULL;
    m->booster = NULL;
}

/* --- scores -------------------------------------------------------------- */

int store_stress_scores_clear(struct store *s, const char *month, struct err *e)
{
    static const char sql[] = "DELETE FROM stress_score WHERE month = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, month, strlen(month)))
        return err_set(e, "stress: cannot bind the month");
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_stress_score_put(struct store *s, int64_t enterprise_id, const char *month,
                           int64_t model_id, double probability, const char *reasons,
                           struct err *e)
{
    static const char sql[] =
        "INSERT INTO stress_score (enterprise_id, month, model_id, probability, reasons)"
        " VALUES ($1, $2, $3, $4, $5)";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_text_ref(st, 2, month, strlen(month))
        || db_bind_int64(st, 3, model_id) || db_bind_double(st, 4, probability)
        || db_bind_text_ref(st, 5, reasons, strlen(reasons)))
        return err_set(e, "stress: cannot bind a score");
    return db_step(st, e) < 0 ? -1 : 0;
}
