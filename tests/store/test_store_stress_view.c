/* What the stress pages read, on a real SQLite file with hand-written
 * scores: the latest month, the watchlist's scope, order, threshold, page
 * and "since" month, and the counts by place × NIC division. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "temp_store.h"

#include "core/money.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_stress_view.h"

struct fixture {
    char path[256];
    struct store *s;
    int64_t file;
    int64_t id[6];
};

static int64_t add_enterprise(struct fixture *f, int n, int state, const char *district, const char *nic)
{
    struct enterprise x;
    struct upsert_result r;
    struct err e;

    enterprise_init(&x);
    snprintf(x.udyam, sizeof x.udyam, "UDYAM-MH-26-%07d", n);
    snprintf(x.name, sizeof x.name, "Unit %d", n);
    x.state = state;
    snprintf(x.district, sizeof x.district, "%s", district);
    snprintf(x.nic, sizeof x.nic, "%s", nic);
    x.investment = 10 * MONEY_LAKH;
    x.turnover = 50 * MONEY_LAKH;
    x.content_hash = enterprise_content_hash(&x);
    snprintf(x.src_feed, sizeof x.src_feed, "udyam");
    x.src_file = f->file;
    x.src_row = n;
    if (store_enterprise_upsert(f->s, &x, &r, &e) != 0 || r.outcome != UPSERT_INSERTED)
        fail_msg("enterprise %d: %s", n, e.msg);
    return r.id;
}

static void score(struct fixture *f, int64_t id, const char *month, double p)
{
    static const char sql[] =
        "INSERT INTO stress_score(enterprise_id, month, model_id, probability, reasons)"
        " VALUES ($1, $2, 1, $3, '[{\"code\":\"sma\",\"value\":1}]')";
    struct db_stmt *st;
    struct err e;

    if (db_prepare(store_db(f->s), sql, &st, &e) != 0)
        fail_msg("%s", e.msg);
    if (db_bind_int64(st, 1, id) || db_bind_text(st, 2, month, strlen(month)) || db_bind_double(st, 3, p)
        || db_step(st, &e) < 0)
        fail_msg("score: %s", e.msg);
    db_finalize(st);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct err e;
    bool complete;

    if (temp_store_open("samanvay-test-stress", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    if (store_ingest_file_open(f->s, "udyam", "a.csv", "digest-a", 10, &f->file, &complete, &e))
        return -1;
    f->id[0] = add_enterprise(f, 1, 27, "PUNE", "13111");
    f->id[1] = add_enterprise(f, 2, 27, "PUNE", "13112");
    f->id[2] = add_enterprise(f, 3, 27, "PUNE", "47110");
    f->id[3] = add_enterprise(f, 4, 27, "NASHIK", "13111");
    f->id[4] = add_enterprise(f, 5, 29, "BENGALURU URBAN", "");
    f->id[5] = add_enterprise(f, 6, 27, "PUNE", "10712");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    temp_store_remove(f->s, f->path);
    free(f);
    return 0;
}

/* The model the scores cite; its booster is bound, as blob literals are
 * written differently on SQLite (x'00') and PostgreSQL ('\x00'). */
static void add_model(struct fixture *f)
{
    static const char sql[] =
        "INSERT INTO stress_model(id, trained_at, train_from, train_to, features, booster, calibration)"
        " VALUES (1, 'now', '2024-01', '2025-06', '[]', $1, '{}')";
    static const unsigned char booster[1] = {0};
    struct db_stmt *st;
    struct err e;

    if (db_prepare(store_db(f->s), sql, &st, &e) != 0)
        fail_msg("%s", e.msg);
    if (db_bind_blob(st, 1, booster, sizeof booster) != 0 || db_step(st, &e) < 0)
        fail_msg("model: %s", e.msg);
    db_finalize(st);
}

static void add_scores(struct fixture *f)
{
    add_model(f);
    /* Unit 1: in stress Jan, out Feb, in Mar-Apr: since 2026-03. Unit 2:
     * in stress every month: since its first score. Unit 3: exactly at
     * the threshold. Unit 6: just below. Unit 4 (Nashik) and 5 (Karnataka)
     * in stress too. */
    score(f, f->id[0], "2026-01", 0.9);
    score(f, f->id[0], "2026-02", 0.1);
    score(f, f->id[0], "2026-03", 0.5);
    score(f, f->id[0], "2026-04", 0.6);
    score(f, f->id[1], "2026-02", 0.7);
    score(f, f->id[1], "2026-03", 0.8);
    score(f, f->id[1], "2026-04", 0.9);
    score(f, f->id[2], "2026-04", 0.25);
    score(f, f->id[5], "2026-04", 0.249);
    score(f, f->id[3], "2026-04", 0.95);
    score(f, f->id[4], "2026-04", 0.3);
}

struct seen {
    int n;
    struct stress_watch_row rows[8];
};

static int keep(void *ctx, const struct stress_watch_row *r)
{
    struct seen *s = ctx;

    if (s->n < 8)
        s->rows[s->n++] = *r;
    return 0;
}

static void test_latest_month(void **state)
{
    struct fixture *f = *state;
    char month[STRESS_MONTH_LEN];
    bool found = true;
    struct err e;

    assert_int_equal(store_stress_latest_month(f->s, month, &found, &e), 0);
    assert_false(found);
    add_scores(f);
    assert_int_equal(store_stress_latest_month(f->s, month, &found, &e), 0);
    assert_true(found);
    assert_string_equal(month, "2026-04");
}

static void test_watchlist(void **state)
{
    struct fixture *f = *state;
    struct seen s = {0};
    int64_t total = -1;
    struct err e;

    add_scores(f);
    /* The Pune district, named in another case: 3 at or above 0.25. */
    assert_int_equal(store_stress_watchlist(f->s, "27", "Pune", "2026-04", 0.25, 0, 10, keep, &s, &total, &e), 0);
    assert_int_equal(total, 3);
    assert_int_equal(s.n, 3);
    assert_true(s.rows[0].enterprise_id == f->id[1] && s.rows[0].probability == 0.9);
    assert_true(s.rows[1].enterprise_id == f->id[0]);
    assert_true(s.rows[2].enterprise_id == f->id[2]);    /* 0.25 is in, 0.249 is not */
    assert_string_equal(s.rows[1].since, "2026-03");     /* the run after February's low score */
    assert_string_equal(s.rows[0].since, "2026-02");     /* in stress since its first score */
    assert_string_equal(s.rows[2].since, "2026-04");
    assert_string_equal(s.rows[0].month, "2026-04");
    assert_string_equal(s.rows[0].district, "PUNE");
    assert_string_equal(s.rows[0].nic, "13112");
    assert_string_equal(s.rows[0].gst_state, "27");
    assert_string_equal(s.rows[0].reasons, "[{\"code\":\"sma\",\"value\":1}]");

    /* A page: offset 1, limit 1; the total is the whole list's. */
    memset(&s, 0, sizeof s);
    assert_int_equal(store_stress_watchlist(f->s, "27", "PUNE", "2026-04", 0.25, 1, 1, keep, &s, &total, &e), 0);
    assert_int_equal(total, 3);
    assert_int_equal(s.n, 1);
    assert_true(s.rows[0].enterprise_id == f->id[0]);

    /* The state: Nashik too, first. Everything: Karnataka too. */
    memset(&s, 0, sizeof s);
    assert_int_equal(store_stress_watchlist(f->s, "27", "", "2026-04", 0.25, 0, 10, keep, &s, &total, &e), 0);
    assert_int_equal(total, 4);
    assert_true(s.rows[0].enterprise_id == f->id[3]);
    memset(&s, 0, sizeof s);
    assert_int_equal(store_stress_watchlist(f->s, "", "", "2026-04", 0.25, 0, 10, keep, &s, &total, &e), 0);
    assert_int_equal(total, 5);
    /* An earlier month reads that month. A state that is no number matches nothing. */
    memset(&s, 0, sizeof s);
    assert_int_equal(store_stress_watchlist(f->s, "27", "PUNE", "2026-01", 0.25, 0, 10, keep, &s, &total, &e), 0);
    assert_int_equal(total, 1);
    assert_string_equal(s.rows[0].since, "2026-01");
    assert_int_equal(store_stress_watchlist(f->s, "MH", "", "2026-04", 0.25, 0, 10, keep, &s, &total, &e), 0);
    assert_int_equal(total, 0);
}

static int stop_at_once(void *ctx, const struct stress_watch_row *r)
{
    (void)r;
    (*(int *)ctx)++;
    return 1;
}

static void test_watchlist_callback_stops(void **state)
{
    struct fixture *f = *state;
    int calls = 0;
    int64_t total;
    struct err e;

    add_scores(f);
    assert_int_equal(store_stress_watchlist(f->s, "27", "", "2026-04", 0.25, 0, 10, stop_at_once, &calls, &total, &e), 0);
    assert_int_equal(calls, 1);
}

struct groups {
    int n;
    struct stress_group g[16];
};

static int keep_group(void *ctx, const struct stress_group *g)
{
    struct groups *s = ctx;

    if (s->n < 16)
        s->g[s->n++] = *g;
    return 0;
}

static const struct stress_group *find(const struct groups *s, const char *state, const char *district,
                                       const char *division)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->g[i].gst_state, state) == 0 && strcmp(s->g[i].district, district) == 0
            && strcmp(s->g[i].division, division) == 0)
            return &s->g[i];
    return NULL;
}

static void test_groups(void **state)
{
    struct fixture *f = *state;
    struct groups s = {0};
    const struct stress_group *g;
    struct err e;

    add_scores(f);
    assert_int_equal(store_stress_groups(f->s, "", "2026-04", 0.25, keep_group, &s, &e), 0);
    /* Nationally: 27 × {13, 47, 10}, 29 × "" (no NIC). */
    assert_int_equal(s.n, 4);
    g = find(&s, "27", "", "13");
    assert_non_null(g);
    assert_int_equal(g->scored, 3);
    assert_int_equal(g->stressed, 3);
    assert_true(g->probability_sum > 2.44 && g->probability_sum < 2.46);
    g = find(&s, "27", "", "10");
    assert_non_null(g);
    assert_int_equal(g->stressed, 0);
    assert_non_null(find(&s, "29", "", ""));

    memset(&s, 0, sizeof s);
    assert_int_equal(store_stress_groups(f->s, "27", "2026-04", 0.25, keep_group, &s, &e), 0);
    assert_int_equal(s.n, 4);        /* PUNE 13, 47, 10; NASHIK 13 */
    g = find(&s, "27", "PUNE", "13");
    assert_non_null(g);
    assert_int_equal(g->scored, 2);
    assert_non_null(find(&s, "27", "NASHIK", "13"));
    assert_null(find(&s, "29", "BENGALURU URBAN", ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_latest_month, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watchlist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watchlist_callback_stops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_groups, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
