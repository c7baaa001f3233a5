/* Consent on a real SQLite store (docs/consent.md). The generator writes
 * 1,000 enterprises, every feed is ingested, and enterprises with data in
 * each consent-bound source are picked. Then: revoking a source makes its
 * values disappear from the golden record (the profile and pre-fill), from
 * an officer's view of it, from the stress early-warning's inputs and
 * from the analytics (the impact panel, the sustainability benchmarks);
 * a re-grant brings them back; an expired period stops the use; the
 * opt-in policy (every default denied) shows nothing until a grant, and a
 * grant for one purpose gives nothing to another. Also the artefacts'
 * history (append-only), ownership, and the policy file's parser. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "analytics/impact_panel.h"
#include "analytics/stress_features.h"
#include "core/alloc.h"
#include "core/consent.h"
#include "core/date.h"
#include "core/refdata.h"
#include "core/survivorship.h"
#include "gen/gen.h"
#include "golden/golden.h"
#include "ingest/ingest.h"
#include "store/db.h"
#include "store/store_cluster_stats.h"
#include "store/store_consent.h"
#include "store/store_energy.h"
#include "store/store_impact.h"
#include "store/store_stress.h"
#include "store/store_stress_view.h"
#include "temp_store.h"

#define AS_OF "2026-09-30"

struct world {
    char path[256], dir[256];
    struct store *s;
    struct refdata *ref;
    struct survivorship *rules;
    int32_t today;
    int64_t e3;        /* an enterprise with gst, credit and skilling rows */
    int64_t epfo_id;   /* one with EPFO returns */
    int64_t energy_id; /* one with energy declarations */
};

static int32_t day(const char *iso)
{
    int32_t d;

    assert_int_equal(date_parse(iso, strlen(iso), &d, NULL), 0);
    return d;
}

static int64_t pick(struct store *s, const char *sql)
{
    struct db_stmt *st;
    struct err e;
    int64_t id = 0;

    if (db_prepare(store_db(s), sql, &st, &e) != 0)
        return 0;
    if (db_step(st, &e) == DB_ROW)
        id = db_column_int64(st, 0);
    db_finalize(st);
    return id;
}

static int load(struct world *w)
{
    static const char *const feeds[] = {"udyam", "gst", "credit", "skilling", "beneficiary",
                                        "cluster", "cluster_member", "cfc_usage", "energy",
                                        "epfo", "consent"};
    struct gen_config cfg;
    struct err e;

    memset(&cfg, 0, sizeof cfg);
    cfg.enterprises = 1000;
    cfg.seed = 7;
    cfg.as_of = w->today;
    cfg.out_dir = w->dir;
    if (gen_run(&cfg, w->ref, &e) != 0) {
        fprintf(stderr, "generate: %s\n", e.msg);
        return -1;
    }
    for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++) {
        struct ingest_options o;
        struct ingest_summary sum;
        char file[320];
        memset(&o, 0, sizeof o);
        snprintf(file, sizeof file, "%s/%s.csv", w->dir, feeds[i]);
        o.feed = feeds[i];
        o.path = file;
        o.today = w->today;
        o.quiet = true;
        if (ingest_file(w->s, w->ref, &o, &sum, &e) != 0) {
            fprintf(stderr, "ingest %s: %s\n", feeds[i], e.msg);
            return -1;
        }
    }
    return 0;
}

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    const char *tmp = getenv("TMPDIR");
    struct err e;

    if (w == NULL)
        return -1;
    w->today = day(AS_OF);
    snprintf(w->dir, sizeof w->dir, "%s/samanvay-test-consent-%d", tmp ? tmp : "/tmp",
             (int)getpid());
    if (refdata_load(&w->ref, &e) != 0 || survivorship_load(&w->rules, &e) != 0
        || temp_store_open("samanvay-test-consent", w->path, sizeof w->path, &w->s) != 0
        || load(w) != 0)
        return -1;
    store_consent_day_set(w->s, w->today);
    w->e3 = pick(w->s, "SELECT e.id FROM enterprise e"
                       " WHERE EXISTS (SELECT 1 FROM gst_return g WHERE g.enterprise_id = e.id"
                       "  AND g.filed_on IS NOT NULL)"
                       " AND EXISTS (SELECT 1 FROM credit_facility c WHERE c.enterprise_id = e.id)"
                       " AND EXISTS (SELECT 1 FROM skilling_record k WHERE k.enterprise_id = e.id)"
                       " ORDER BY e.id LIMIT 1");
    w->epfo_id = pick(w->s, "SELECT enterprise_id FROM epfo_return"
                            " WHERE enterprise_id IS NOT NULL ORDER BY enterprise_id LIMIT 1");
    w->energy_id = pick(w->s, "SELECT enterprise_id FROM energy_declaration"
                              " ORDER BY enterprise_id LIMIT 1");
    if (w->e3 == 0 || w->epfo_id == 0 || w->energy_id == 0) {
        fprintf(stderr, "the generated data lacks an enterprise with every source\n");
        return -1;
    }
    *state = w;
    return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int teardown(void **state)
{
    struct world *w = *state;

    temp_store_remove(w->s, w->path);
    refdata_free(w->ref);
    survivorship_free(w->rules);
    /* The generator's files, deepest first. */
    if (nftw(w->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
        fprintf(stderr, "could not remove %s\n", w->dir);
    free(w);
    return 0;
}

/* Back to the shipped policy and a clean slate of artefacts for each test:
 * artefacts cannot be deleted, so each test re-grants what it revoked. */
static int fresh(void **state)
{
    struct world *w = *state;
    struct consent_policy p;
    struct err e;

    if (consent_policy_load(&p, &e) != 0)
        return -1;
    store_consent_policy_set(w->s, &p);
    store_consent_use(w->s, CONSENT_ELIGIBILITY);
    store_consent_day_set(w->s, w->today);
    return 0;
}

/* --- what each view sees ------------------------------------------------- */

/* The golden record's candidates from source gs, for the connection's purpose. */
static int golden_count(struct world *w, int64_t id, enum golden_source gs)
{
    struct golden_record g;
    bool found;
    struct err e;
    int n = 0;

    assert_int_equal(golden_record_load(w->s, w->rules, id, w->today, &g, &found, &e), 0);
    assert_true(found);
    for (size_t i = 0; i < g.n; i++)
        if (g.values[i].key.source == gs)
            n++;
    golden_record_free(&g);
    return n;
}

/* Whether the survivor of f (what pre-fill and eligibility read) came from gs. */
static bool golden_wins(struct world *w, int64_t id, enum profile_field f, enum golden_source gs)
{
    struct golden_record g;
    const struct golden_value *v;
    bool found, yes;
    struct err e;

    assert_int_equal(golden_record_load(w->s, w->rules, id, w->today, &g, &found, &e), 0);
    v = golden_winner(&g, f);
    yes = v != NULL && v->key.source == gs;
    golden_record_free(&g);
    return yes;
}

struct stress_seen {
    int64_t id;
    size_t n_gst, n_credit;
    size_t histories;
};

static int stress_one(void *ctx, const struct stress_history *h)
{
    struct stress_seen *s = ctx;

    s->histories++;
    if (h->enterprise_id == s->id) {
        s->n_gst = h->n_gst;
        s->n_credit = h->n_credit;
    }
    return 0;
}

static struct stress_seen stress_inputs(struct world *w, int64_t id)
{
    struct stress_seen seen = {.id = id};
    struct err e;

    assert_int_equal(store_stress_each(w->s, false, stress_one, &seen, &e), 0);
    return seen;
}

struct impact_seen {
    bool unit;                 /* a unit of the panel */
    int turnover_quarters;     /* quarters with turnover */
    int employment_quarters;   /* quarters with employment */
    size_t employment_units;
};

static struct impact_seen impact_of(struct world *w, int64_t id)
{
    struct impact_panel p;
    struct impact_seen seen;
    struct err e;

    memset(&seen, 0, sizeof seen);
    memset(&p, 0, sizeof p);
    assert_int_equal(store_impact_panel(w->s, &p, &e), 0);
    seen.employment_units = p.n_employment_units;
    for (size_t u = 0; u < p.n_units; u++) {
        if (p.units[u].id != id)
            continue;
        seen.unit = true;
        for (int q = 0; q < p.n_q; q++) {
            seen.turnover_quarters += !isnan(p.turnover[u * (size_t)p.n_q + (size_t)q]);
            seen.employment_quarters += !isnan(p.employment[u * (size_t)p.n_q + (size_t)q]);
        }
    }
    impact_panel_free(&p);
    return seen;
}

/* The sustainability benchmarks' rows of one enterprise, and the total. */
static size_t energy_rows(struct world *w, int64_t id, size_t *total)
{
    struct energy_row *rows;
    size_t n, mine = 0;
    struct err e;

    assert_int_equal(store_energy_all(w->s, NULL, &rows, &n, &e), 0);
    for (size_t i = 0; i < n; i++)
        mine += rows[i].d.enterprise_id == id;
    mem_free(rows);
    if (total != NULL)
        *total = n;
    return mine;
}

static size_t energy_own(struct world *w, int64_t id)
{
    struct energy_decl *d;
    size_t n;
    struct err e;

    assert_int_equal(store_energy_list(w->s, id, &d, &n, &e), 0);
    mem_free(d);
    return n;
}

/* --- consent changes -------------------------------------------------- */

static void withdraw_all(struct world *w, int64_t id, enum consent_source src)
{
    for (int p = 0; p < CONSENT_PURPOSES; p++) {
        bool changed;
        struct err e;
        int rc = store_consent_withdraw(w->s, id, src, (enum consent_purpose)p, 0, "portal",
                                        &changed, NULL, &e);
        if (rc != 0)
            fprintf(stderr, "withdraw: %s\n", e.msg);
        assert_int_equal(rc, 0);
    }
}

static void grant_all(struct world *w, int64_t id, enum consent_source src, int32_t from,
                      int32_t to)
{
    for (int p = 0; p < CONSENT_PURPOSES; p++) {
        struct consent_artefact a;
        struct err e;
        int rc = store_consent_grant(w->s, id, src, (enum consent_purpose)p, from, to, 0,
                                     "portal", &a, &e);
        if (rc != 0)
            fprintf(stderr, "grant: %s\n", e.msg);
        assert_int_equal(rc, 0);
    }
}

static bool allowed(struct world *w, int64_t id, enum consent_source src, enum consent_purpose p)
{
    bool ok;
    struct err e;

    assert_int_equal(store_consent_allows(w->s, id, src, p, &ok, &e), 0);
    return ok;
}

/* --- the tests ------------------------------------------------------------ */

/* Revoke GST: gone from the profile, pre-fill's survivor, the officer's
 * view, the stress inputs and the impact panel; re-grant: back. */
static void test_gst_revoked_everywhere_and_back(void **state)
{
    struct world *w = *state;
    int64_t id = w->e3;
    struct stress_seen st0, st1;
    struct impact_seen im0, im1;
    int64_t last_file, rows0, rows1;
    struct err e;

    assert_true(golden_count(w, id, GS_GST) > 0);
    assert_true(golden_wins(w, id, PF_HIST_GST_OVERDUE, GS_GST));
    store_consent_use(w->s, CONSENT_OFFICER_VIEW);
    assert_true(golden_count(w, id, GS_GST) > 0);
    st0 = stress_inputs(w, id);
    assert_true(st0.n_gst > 0);
    im0 = impact_of(w, id);
    assert_true(im0.unit);
    assert_true(im0.turnover_quarters > 0);
    assert_int_equal(store_ingest_version(w->s, &last_file, &rows0, &e), 0);

    withdraw_all(w, id, CONSENT_GST);
    assert_int_equal(store_ingest_version(w->s, &last_file, &rows1, &e), 0);
    assert_true(rows1 > rows0);   /* the kept analytics are stale now */
    store_consent_use(w->s, CONSENT_ELIGIBILITY);
    assert_int_equal(golden_count(w, id, GS_GST), 0);
    assert_false(golden_wins(w, id, PF_HIST_GST_OVERDUE, GS_GST));
    store_consent_use(w->s, CONSENT_OFFICER_VIEW);
    assert_int_equal(golden_count(w, id, GS_GST), 0);
    /* Other sources are untouched. */
    assert_true(golden_count(w, id, GS_CREDIT) > 0);
    st1 = stress_inputs(w, id);
    assert_int_equal(st1.n_gst, 0);
    assert_int_equal(st1.n_credit, st0.n_credit);
    im1 = impact_of(w, id);
    assert_int_equal(im1.turnover_quarters, 0);

    grant_all(w, id, CONSENT_GST, w->today - 30, w->today + 365);
    store_consent_use(w->s, CONSENT_ELIGIBILITY);
    assert_true(golden_count(w, id, GS_GST) > 0);
    assert_true(golden_wins(w, id, PF_HIST_GST_OVERDUE, GS_GST));
    assert_int_equal(stress_inputs(w, id).n_gst, st0.n_gst);
    assert_int_equal(impact_of(w, id).turnover_quarters, im0.turnover_quarters);
}

/* Credit, then skilling: each goes on its own, and comes back. */
static void test_credit_and_skilling(void **state)
{
    struct world *w = *state;
    int64_t id = w->e3;
    size_t credit0 = stress_inputs(w, id).n_credit;

    assert_true(credit0 > 0);
    assert_true(golden_count(w, id, GS_CREDIT) > 0);
    withdraw_all(w, id, CONSENT_CREDIT);
    assert_int_equal(golden_count(w, id, GS_CREDIT), 0);
    assert_int_equal(stress_inputs(w, id).n_credit, 0);
    assert_true(golden_count(w, id, GS_SKILLING) > 0);

    withdraw_all(w, id, CONSENT_SKILLING);
    assert_int_equal(golden_count(w, id, GS_SKILLING), 0);
    store_consent_use(w->s, CONSENT_OFFICER_VIEW);
    assert_int_equal(golden_count(w, id, GS_SKILLING), 0);

    grant_all(w, id, CONSENT_CREDIT, w->today, w->today + 30);
    grant_all(w, id, CONSENT_SKILLING, w->today, w->today + 30);
    assert_true(golden_count(w, id, GS_CREDIT) > 0);
    assert_true(golden_count(w, id, GS_SKILLING) > 0);
    assert_int_equal(stress_inputs(w, id).n_credit, credit0);
}

/* EPFO and energy: the impact panel's employment, the benchmarks' rows and
 * the enterprise's own declarations. */
static void test_epfo_and_energy(void **state)
{
    struct world *w = *state;
    struct impact_seen im0 = impact_of(w, w->epfo_id), im1;
    size_t total0, total1, own0 = energy_own(w, w->energy_id);

    assert_true(im0.employment_quarters > 0);
    assert_true(energy_rows(w, w->energy_id, &total0) > 0);
    assert_true(own0 > 0);
    withdraw_all(w, w->epfo_id, CONSENT_EPFO);
    im1 = impact_of(w, w->epfo_id);
    assert_int_equal(im1.employment_quarters, 0);
    assert_int_equal(im1.employment_units + 1, im0.employment_units);
    withdraw_all(w, w->energy_id, CONSENT_ENERGY);
    assert_int_equal(energy_rows(w, w->energy_id, &total1), 0);
    assert_true(total1 < total0);
    assert_int_equal(energy_own(w, w->energy_id), 0);

    grant_all(w, w->epfo_id, CONSENT_EPFO, w->today, w->today + 10);
    grant_all(w, w->energy_id, CONSENT_ENERGY, w->today, w->today + 10);
    assert_int_equal(impact_of(w, w->epfo_id).employment_quarters, im0.employment_quarters);
    assert_int_equal(energy_rows(w, w->energy_id, &total1), energy_rows(w, w->energy_id, NULL));
    assert_int_equal(total1, total0);
    assert_int_equal(energy_own(w, w->energy_id), own0);
}

/* An artefact whose period has ended stops the use; so does one not yet
 * begun; the day moving on past valid_to expires it. */
static void test_expiry(void **state)
{
    struct world *w = *state;
    int64_t id = w->e3;
    struct consent_artefact *list;
    size_t n;
    struct err e;

    grant_all(w, id, CONSENT_GST, w->today, w->today + 5);
    assert_true(golden_count(w, id, GS_GST) > 0);
    store_consent_day_set(w->s, w->today + 6);
    assert_int_equal(golden_count(w, id, GS_GST), 0);
    assert_int_equal(stress_inputs(w, id).n_gst, 0);
    assert_int_equal(store_consent_list(w->s, id, &list, &n, &e), 0);
    assert_true(n > 0);
    assert_int_equal(list[0].status, CONSENT_EXPIRED);
    mem_free(list);
    /* A grant that begins tomorrow is PENDING today. */
    store_consent_day_set(w->s, w->today);
    grant_all(w, id, CONSENT_GST, w->today + 1, w->today + 100);
    assert_false(allowed(w, id, CONSENT_GST, CONSENT_ELIGIBILITY));
    assert_int_equal(golden_count(w, id, GS_GST), 0);
    store_consent_day_set(w->s, w->today + 1);
    assert_true(golden_count(w, id, GS_GST) > 0);
}

/* Opt-in: every default denied. Nothing shows until granted, and a grant
 * for eligibility gives the officer's view nothing. */
static void test_opt_in(void **state)
{
    struct world *w = *state;
    struct consent_policy p;
    int64_t other = pick(w->s, "SELECT e.id FROM enterprise e"
                               " WHERE EXISTS (SELECT 1 FROM gst_return g WHERE g.enterprise_id = e.id"
                               "  AND g.filed_on IS NOT NULL)"
                               " AND NOT EXISTS (SELECT 1 FROM consent_artefact a"
                               "  WHERE a.enterprise_id = e.id) ORDER BY e.id DESC LIMIT 1");

    assert_true(other > 0);
    assert_true(golden_count(w, other, GS_GST) > 0);   /* deemed, before the switch */
    consent_policy_opt_in(&p);
    store_consent_policy_set(w->s, &p);
    assert_int_equal(golden_count(w, other, GS_GST), 0);
    assert_int_equal(golden_count(w, other, GS_CREDIT), 0);
    assert_int_equal(stress_inputs(w, other).n_gst, 0);
    assert_false(impact_of(w, other).unit && impact_of(w, other).turnover_quarters > 0);

    {
        struct consent_artefact a;
        struct err e;
        assert_int_equal(store_consent_grant(w->s, other, CONSENT_GST, CONSENT_ELIGIBILITY,
                                             w->today, w->today + 90, 0, "api", &a, &e),
                         0);
        assert_int_equal(a.status, CONSENT_ACTIVE);
        assert_int_equal(strncmp(a.consent_id, "CA-", 3), 0);
        assert_int_equal(strlen(a.consent_id), CONSENT_ID_LEN - 1);
    }
    assert_true(golden_count(w, other, GS_GST) > 0);
    store_consent_use(w->s, CONSENT_OFFICER_VIEW);
    assert_int_equal(golden_count(w, other, GS_GST), 0);
    assert_int_equal(stress_inputs(w, other).n_gst, 0);     /* officer_view not granted */
    assert_int_equal(impact_of(w, other).turnover_quarters, 0); /* statistics not granted */
}

/* History is kept: a withdrawal of a deemed grant is an artefact and its
 * revocation; a second revocation changes nothing; another enterprise's
 * artefact cannot be revoked through this one. */
static void test_history_and_ownership(void **state)
{
    struct world *w = *state;
    int64_t id = w->energy_id;
    struct consent_artefact a, *list;
    bool changed, found, revoked;
    size_t n;
    struct err e;

    assert_int_equal(store_consent_withdraw(w->s, id, CONSENT_GST, CONSENT_STATISTICS, 0, "api",
                                            &changed, &a, &e),
                     0);
    assert_true(changed);
    assert_true(a.deemed);
    assert_int_equal(a.status, CONSENT_REVOKED);
    /* Nothing left to withdraw. */
    assert_int_equal(store_consent_withdraw(w->s, id, CONSENT_GST, CONSENT_STATISTICS, 0, "api",
                                            &changed, NULL, &e),
                     0);
    assert_false(changed);
    assert_int_equal(store_consent_revoke(w->s, id, a.consent_id, 0, "api", &found, &revoked, &e),
                     0);
    assert_true(found);
    assert_false(revoked);
    assert_int_equal(store_consent_revoke(w->s, w->e3, a.consent_id, 0, "api", &found, &revoked,
                                          &e),
                     0);
    assert_false(found);
    assert_int_equal(store_consent_revoke(w->s, id, "CA-0000000000000000", 0, "api", &found,
                                          &revoked, &e),
                     0);
    assert_false(found);
    /* Re-grant: a new artefact, the revoked one still listed. */
    assert_int_equal(store_consent_grant(w->s, id, CONSENT_GST, CONSENT_STATISTICS, w->today,
                                         w->today, 0, "api", NULL, &e),
                     0);
    assert_true(allowed(w, id, CONSENT_GST, CONSENT_STATISTICS));
    assert_int_equal(store_consent_list(w->s, id, &list, &n, &e), 0);
    assert_true(n >= 2);
    assert_int_equal(list[0].status, CONSENT_ACTIVE);
    assert_false(list[0].deemed);
    assert_string_equal(list[1].consent_id, a.consent_id);
    assert_int_equal(list[1].status, CONSENT_REVOKED);
    assert_true(list[1].revoked_at[0] != '\0');
    mem_free(list);
    /* Periods are checked. */
    assert_int_not_equal(store_consent_grant(w->s, id, CONSENT_GST, CONSENT_STATISTICS,
                                             w->today, w->today - 1, 0, "api", NULL, &e),
                         0);
    assert_int_not_equal(store_consent_grant(w->s, id, CONSENT_GST, CONSENT_STATISTICS,
                                             w->today, w->today + CONSENT_MAX_DAYS, 0, "api",
                                             NULL, &e),
                         0);
}

static int watch_keep(void *ctx, const struct stress_watch_row *r)
{
    int64_t *seen = ctx;

    if (r->enterprise_id == seen[0])
        seen[1] = 1;
    return 0;
}

static int group_add(void *ctx, const struct stress_group *g)
{
    *(int64_t *)ctx += g->scored;
    return 0;
}

/* Scores counted by the heatmap's aggregates (national and the state's). */
static int64_t heatmap_scored(struct world *w, const char *state)
{
    int64_t n = 0;
    struct err e;

    assert_int_equal(store_stress_groups(w->s, state, "2026-08", 0.5, group_add, &n, &e), 0);
    return n;
}

/* A model and one score of 0.9 for August 2026 under it. The booster is
 * bound, as blob literals are written differently on SQLite (x'00') and
 * PostgreSQL ('\x00'). */
static void add_score(struct world *w, int64_t id)
{
    static const unsigned char booster[1] = {0};
    struct db_stmt *st = NULL;
    struct err e;
    int64_t model;
    bool inserted;

    assert_int_equal(db_prepare(store_db(w->s),
                                "INSERT INTO stress_model(trained_at, train_from, train_to, features,"
                                " booster, calibration) VALUES ('2026-09-30T00:00:00Z', '2024-01',"
                                " '2025-06', '[]', $1, '{}') {{RETURNING_ID}}",
                                &st, &e),
                     0);
    assert_int_equal(db_bind_blob(st, 1, booster, sizeof booster), 0);
    if (db_insert(st, &model, &inserted, &e) != 0)
        fail_msg("model: %s", e.msg);
    assert_true(inserted);
    db_finalize(st);
    assert_int_equal(db_prepare(store_db(w->s),
                                "INSERT INTO stress_score(enterprise_id, month, model_id, probability,"
                                " reasons) VALUES ($1, '2026-08', $2, 0.9, '[]')",
                                &st, &e),
                     0);
    assert_int_equal(db_bind_int64(st, 1, id), 0);
    assert_int_equal(db_bind_int64(st, 2, model), 0);
    if (db_step(st, &e) != DB_DONE)
        fail_msg("score: %s", e.msg);
    db_finalize(st);
}

/* A stored score stands on GST and credit: withdrawn, the enterprise
 * leaves the watchlist (officer_view) and the heatmap's counts
 * (statistics) at once; re-granted, it is back in both. */
static void test_watchlist(void **state)
{
    struct world *w = *state;
    int64_t id = w->energy_id, seen[2] = {id, 0}, total;
    struct err e;
    char place[8];

    add_score(w, id);
    assert_int_equal(store_stress_watchlist(w->s, "", "", "2026-08", 0.5, 0, 50, watch_keep, seen,
                                            &total, &e),
                     0);
    assert_int_equal(seen[1], 1);
    assert_int_equal(total, 1);
    assert_int_equal(heatmap_scored(w, ""), 1);
    {
        struct db_stmt *st = NULL;
        assert_int_equal(db_prepare(store_db(w->s), "SELECT state FROM enterprise WHERE id = $1", &st, &e), 0);
        assert_int_equal(db_bind_int64(st, 1, id), 0);
        assert_int_equal(db_step(st, &e), DB_ROW);
        snprintf(place, sizeof place, "%s", db_column_text(st, 0));
        db_finalize(st);
    }
    assert_int_equal(heatmap_scored(w, place), 1);
    withdraw_all(w, id, CONSENT_CREDIT);
    assert_int_equal(heatmap_scored(w, ""), 0);
    assert_int_equal(heatmap_scored(w, place), 0);
    seen[1] = 0;
    assert_int_equal(store_stress_watchlist(w->s, "", "", "2026-08", 0.5, 0, 50, watch_keep, seen,
                                            &total, &e),
                     0);
    assert_int_equal(seen[1], 0);
    assert_int_equal(total, 0);
    grant_all(w, id, CONSENT_CREDIT, w->today, w->today + 1);
    assert_int_equal(store_stress_watchlist(w->s, "", "", "2026-08", 0.5, 0, 50, watch_keep, seen,
                                            &total, &e),
                     0);
    assert_int_equal(seen[1], 1);
    assert_int_equal(heatmap_scored(w, ""), 1);
    assert_int_equal(heatmap_scored(w, place), 1);
}

static int count_one(void *ctx, const struct enterprise *ent)
{
    int64_t *c = ctx;

    c[0]++;
    c[1] += ent->id == c[2];
    return 0;
}

/* A filer the GST feed alone made is GST data: withdrawn, the analytics'
 * scan of enterprises (batch eligibility, overlap, scenarios) leaves it
 * out for that purpose; the linker's scan does not; re-granted, back. */
static void test_gst_only_filer(void **state)
{
    struct world *w = *state;
    struct db_stmt *st = NULL;
    struct err e;
    int64_t id, all[3] = {0}, usable[3] = {0};

    assert_int_equal(db_prepare(store_db(w->s), "SELECT MIN(id) FROM enterprise WHERE src_feed = 'gst'",
                                &st, &e), 0);
    assert_int_equal(db_step(st, &e), DB_ROW);
    id = db_column_int64(st, 0);
    db_finalize(st);
    assert_true(id > 0);
    store_consent_use(w->s, CONSENT_STATISTICS);
    all[2] = usable[2] = id;
    assert_int_equal(store_enterprise_each(w->s, count_one, all, &e), 0);
    assert_int_equal(store_enterprise_each_usable(w->s, count_one, usable, &e), 0);
    assert_int_equal(usable[0], all[0]);
    assert_int_equal(usable[1], 1);
    withdraw_all(w, id, CONSENT_GST);
    memset(usable, 0, 2 * sizeof usable[0]);
    assert_int_equal(store_enterprise_each_usable(w->s, count_one, usable, &e), 0);
    assert_int_equal(usable[0], all[0] - 1);
    assert_int_equal(usable[1], 0);
    memset(all, 0, 2 * sizeof all[0]);
    assert_int_equal(store_enterprise_each(w->s, count_one, all, &e), 0);
    assert_int_equal(all[1], 1);
    grant_all(w, id, CONSENT_GST, w->today, w->today + 1);
    memset(usable, 0, 2 * sizeof usable[0]);
    assert_int_equal(store_enterprise_each_usable(w->s, count_one, usable, &e), 0);
    assert_int_equal(usable[0], all[0]);
    assert_int_equal(usable[1], 1);
}

/* The generator's consent feed: its revoked artefacts withhold their use,
 * the others allow it; the rows loaded once. */
static void test_feed(void **state)
{
    struct world *w = *state;
    struct db_stmt *st;
    struct err e;
    int revoked = 0, active = 0;

    assert_int_equal(db_prepare(store_db(w->s),
                                "SELECT a.enterprise_id, a.source, a.purpose, r.artefact_id IS NOT NULL"
                                " FROM consent_artefact a LEFT JOIN consent_revocation r"
                                " ON r.artefact_id = a.id WHERE a.origin = 'feed'"
                                " AND a.id = (SELECT MAX(b.id) FROM consent_artefact b"
                                "  WHERE b.enterprise_id = a.enterprise_id AND b.source = a.source"
                                "  AND b.purpose = a.purpose)",
                                &st, &e),
                     0);
    while (db_step(st, &e) == DB_ROW) {
        enum consent_source src;
        enum consent_purpose p;
        int64_t id = db_column_int64(st, 0);
        bool gone = db_column_int64(st, 3) == 1;
        assert_int_equal(consent_source_parse(db_column_text(st, 1), &src), 0);
        assert_int_equal(consent_purpose_parse(db_column_text(st, 2), &p), 0);
        assert_int_equal(allowed(w, id, src, p), !gone);
        revoked += gone;
        active += !gone;
    }
    db_finalize(st);
    assert_true(revoked > 0);
    assert_true(active > 0);
}

/* --- the policy file -------------------------------------------------------- */

static void test_policy_shipped(void **state)
{
    struct consent_policy p;
    struct err e;

    (void)state;
    assert_int_equal(consent_policy_load(&p, &e), 0);
    for (int s = 0; s < CONSENT_SOURCES; s++)
        for (int q = 0; q < CONSENT_PURPOSES; q++)
            assert_true(p.granted[s][q]);   /* deemed at registration, docs/consent.md */
}

static void test_policy_errors(void **state)
{
    static const char *const bad[] = {
        "",
        "source,purpose,default\n",
        "source,purpose,default,basis\ngst,eligibility,granted,x\n",   /* cells missing */
        "source,purpose,default,basis\nfuel,eligibility,granted,x\n",
        "source,purpose,default,basis\ngst,marketing,granted,x\n",
        "source,purpose,default,basis\ngst,eligibility,maybe,x\n",
        "source,purpose,default,basis\ngst,eligibility,granted,\n",
        "source,purpose,default,basis\ngst,eligibility,granted,x\ngst,eligibility,denied,y\n",
    };
    struct consent_policy p;
    struct err e;

    (void)state;
    memset(&p, 0x5a, sizeof p);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_not_equal(consent_policy_parse(bad[i], strlen(bad[i]), "t.csv", &p, &e), 0);
        assert_non_null(strstr(e.msg, "t.csv"));
    }
}

static void test_policy_denied_cell(void **state)
{
    char text[4096];
    size_t n = 0;
    struct consent_policy p;
    struct err e;

    (void)state;
    n += (size_t)snprintf(text + n, sizeof text - n, "source,purpose,default,basis\n");
    for (int s = 0; s < CONSENT_SOURCES; s++)
        for (int q = 0; q < CONSENT_PURPOSES; q++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s,%s,%s,\"why, quoted\"\n",
                                  consent_source_name((enum consent_source)s),
                                  consent_purpose_name((enum consent_purpose)q),
                                  s == CONSENT_CREDIT && q == CONSENT_OFFICER_VIEW ? "denied"
                                                                                   : "granted");
    assert_int_equal(consent_policy_parse(text, n, "t.csv", &p, &e), 0);
    assert_false(p.granted[CONSENT_CREDIT][CONSENT_OFFICER_VIEW]);
    assert_true(p.granted[CONSENT_CREDIT][CONSENT_ELIGIBILITY]);
}

static void test_status(void **state)
{
    (void)state;
    assert_int_equal(consent_status_on(10, 20, false, 15), CONSENT_ACTIVE);
    assert_int_equal(consent_status_on(10, 20, false, 20), CONSENT_ACTIVE);
    assert_int_equal(consent_status_on(10, 20, false, 21), CONSENT_EXPIRED);
    assert_int_equal(consent_status_on(10, 20, false, 9), CONSENT_PENDING);
    assert_int_equal(consent_status_on(10, 20, true, 15), CONSENT_REVOKED);
    assert_string_equal(consent_status_name(CONSENT_REVOKED), "REVOKED");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_feed, fresh),
        cmocka_unit_test_setup(test_gst_revoked_everywhere_and_back, fresh),
        cmocka_unit_test_setup(test_credit_and_skilling, fresh),
        cmocka_unit_test_setup(test_epfo_and_energy, fresh),
        cmocka_unit_test_setup(test_expiry, fresh),
        cmocka_unit_test_setup(test_history_and_ownership, fresh),
        cmocka_unit_test_setup(test_watchlist, fresh),
        cmocka_unit_test_setup(test_gst_only_filer, fresh),
        cmocka_unit_test_setup(test_opt_in, fresh),
        cmocka_unit_test(test_policy_shipped),
        cmocka_unit_test(test_policy_errors),
        cmocka_unit_test(test_policy_denied_cell),
        cmocka_unit_test(test_status),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
