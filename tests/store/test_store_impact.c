/* What impact estimation reads from the store (store_impact.c): a few
 * hand-made rows (docs/impact.md §1, §6). Quarters are complete only when
 * every GSTIN filed every month (a quarterly return covers three); a
 * return not filed leaves its quarter missing, never zero; receipts map to
 * their disbursal quarter; time to benefit comes from the lists (sanction
 * to disbursal) and from the portal's applications (submit to disburse). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/impact_panel.h"
#include "analytics/impact_ttb.h"
#include "core/alloc.h"
#include "store/db.h"
#include "store/store_impact.h"
#include "temp_store.h"

static const char fixture[] =
    "INSERT INTO ingest_file (id, feed, name, digest, size_bytes, status, started_at)"
    " VALUES (1, 'udyam', 'u.csv', 'd1', 1, 'complete', '2026-01-01');"
    /* 1: woman-owned rural services unit, two GSTINs, monthly; 2: quarterly
     * filer, SC owner, large; 3: registered but files no GST. */
    "INSERT INTO enterprise (id, udyam, name, state, district, social_category, owner_gender, area, activity,"
    " commenced_on, turnover_paise, women_owned, scst_owned, content_hash, src_feed, src_file, src_row, updated_at)"
    " VALUES (1, 'U1', 'A', '27', 'Pune', 'obc', 'female', 'rural', 'services', '2015-01-01', 200000000, 1, 0,"
    "  1, 'udyam', 1, 1, 'x'),"
    " (2, 'U2', 'B', '09', 'Agra', 'sc', 'male', 'urban', 'manufacturing', '2025-06-01', 900000000, 0, 1,"
    "  2, 'udyam', 1, 2, 'x'),"
    " (3, 'U3', 'C', '27', 'Pune', 'general', 'male', 'urban', 'trading', '2010-01-01', 100000, 0, 0,"
    "  3, 'udyam', 1, 3, 'x');"
    "INSERT INTO gst_return (gstin, return_type, period, enterprise_id, frequency, due_on, filed_on,"
    " taxable_value_paise, content_hash, src_file, src_row) VALUES"
    /* Q1 2026 (Jan-Mar): both GSTINs of 1 file all three months -> complete. */
    " ('G1A', 'GSTR3B', '2026-01', 1, 'monthly', 'd', 'f', 100, 1, 1, 1),"
    " ('G1A', 'GSTR3B', '2026-02', 1, 'monthly', 'd', 'f', 200, 1, 1, 2),"
    " ('G1A', 'GSTR3B', '2026-03', 1, 'monthly', 'd', 'f', 300, 1, 1, 3),"
    " ('G1B', 'GSTR3B', '2026-01', 1, 'monthly', 'd', 'f', 1000, 1, 1, 4),"
    " ('G1B', 'GSTR3B', '2026-02', 1, 'monthly', 'd', 'f', 1000, 1, 1, 5),"
    " ('G1B', 'GSTR3B', '2026-03', 1, 'monthly', 'd', 'f', 1000, 1, 1, 6),"
    /* Q2 2026: G1B did not file May -> the quarter is missing, not smaller. */
    " ('G1A', 'GSTR3B', '2026-04', 1, 'monthly', 'd', 'f', 100, 1, 1, 7),"
    " ('G1A', 'GSTR3B', '2026-05', 1, 'monthly', 'd', 'f', 100, 1, 1, 8),"
    " ('G1A', 'GSTR3B', '2026-06', 1, 'monthly', 'd', 'f', 100, 1, 1, 9),"
    " ('G1B', 'GSTR3B', '2026-04', 1, 'monthly', 'd', 'f', 100, 1, 1, 10),"
    " ('G1B', 'GSTR3B', '2026-05', 1, 'monthly', 'd', NULL, NULL, 1, 1, 11),"
    " ('G1B', 'GSTR3B', '2026-06', 1, 'monthly', 'd', 'f', 100, 1, 1, 12),"
    /* 2 files quarterly: Q1 and Q3 filed, Q2 not. */
    " ('G2', 'CMP08', '2026-03', 2, 'quarterly', 'd', 'f', 5000, 1, 1, 13),"
    " ('G2', 'CMP08', '2026-06', 2, 'quarterly', 'd', NULL, NULL, 1, 1, 14),"
    " ('G2', 'CMP08', '2026-09', 2, 'quarterly', 'd', 'f', 7000, 1, 1, 15);"
    "INSERT INTO beneficiary (scheme, list_ref, beneficiary_name, sanctioned_on, disbursed_on, enterprise_id,"
    " district, state, content_hash, src_file, src_row) VALUES"
    " ('pmmy', 'M1', 'A', '2026-04-01', '2026-05-11', 1, 'Pune', '27', 1, 1, 20),"
    " ('zed', 'Z1', 'B', '2026-02-01', '2026-01-25', 2, 'Agra', '09', 1, 1, 21),"
    " ('pmmy', 'M2', 'X', '2026-04-01', '2026-04-08', NULL, 'Nashik', '27', 1, 1, 22),"
    " ('esdp', 'E1', 'C', NULL, '2026-03-01', 3, 'Pune', '27', 1, 1, 23);"
    "INSERT INTO app_user (id, username, password_hash, role, created_at) VALUES (1, 'u', 'h', 'entrepreneur', 'x');"
    "INSERT INTO bundle (id, enterprise_id, user_id, answers, created_at) VALUES (1, 1, 1, '{}', 'x');"
    "INSERT INTO application (id, bundle_id, enterprise_id, scheme_id, state, gst_state, district, sla_days,"
    " eligibility, created_on, updated_at) VALUES"
    " (1, 1, 1, 'pmegp', 'disbursed', '27', 'Pune', 30, 'eligible', '2026-01-01', 'x'),"
    " (2, 1, 1, 'cgtmse', 'submitted', '27', 'Pune', 30, 'eligible', '2026-01-01', 'x');"
    "INSERT INTO application_event (application_id, application_gst_state, action, to_state,"
    " user_id, role, on_date, at) VALUES"
    " (1, '27', 'create', 'draft', 1, 'entrepreneur', '2026-01-01', 'x'),"
    " (1, '27', 'submit', 'submitted', 1, 'entrepreneur', '2026-01-05', 'x'),"
    " (1, '27', 'resubmit', 'submitted', 1, 'entrepreneur', '2026-02-01', 'x'),"
    " (1, '27', 'disburse', 'disbursed', 1, 'officer', '2026-03-06', 'x'),"
    " (2, '27', 'submit', 'submitted', 1, 'entrepreneur', '2026-01-05', 'x');";

struct fx {
    char path[256];
    struct store *s;
};

static int setup(void **state)
{
    struct fx *f = mem_calloc(1, sizeof *f);
    struct err e;

    if (f == NULL || temp_store_open("samanvay-test-impact", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    if (db_exec(store_db(f->s), fixture, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;

    temp_store_remove(f->s, f->path);
    mem_free(f);
    return 0;
}

static int q_of(int year, int month)
{
    return (year * 12 + month - 1) / 3;
}

static void test_panel(void **state)
{
    struct fx *f = *state;
    struct impact_panel p;
    struct err e;

    assert_int_equal(store_impact_panel(f->s, &p, &e), 0);
    /* Units: the two GST filers, in id order; enterprise 3 files no GST. */
    assert_int_equal(p.n_units, 2);
    assert_int_equal(p.units[0].id, 1);
    assert_int_equal(p.units[1].id, 2);
    assert_int_equal(p.q_first, q_of(2026, 1));
    assert_int_equal(p.n_q, 3);
    assert_true(p.units[0].cov[COV_WOMEN] == 1 && p.units[0].cov[COV_RURAL] == 1);
    assert_true(p.units[0].cov[COV_SERVICES] == 1 && p.units[0].cov[COV_OBC] == 1);
    assert_true(p.units[0].cov[COV_QUARTERLY] == 0 && p.units[0].cov[COV_LARGE] == 0);
    assert_true(fabs(p.units[0].cov[COV_LOG_TURNOVER] - log(2000000.0)) < 1e-4);
    assert_true(p.units[1].cov[COV_SCST] == 1 && p.units[1].cov[COV_QUARTERLY] == 1);
    assert_true(p.units[1].cov[COV_LARGE] == 1 && p.units[1].cov[COV_YOUNG] == 1);
    assert_true(p.units[0].cov[COV_YOUNG] == 0);
    assert_string_equal(p.units[0].district, "PUNE");
    /* Unit 1: Q1 complete (both GSTINs, three months each), rupees. */
    assert_true(fabs(impact_panel_value(&p, OUTCOME_TURNOVER, 0, q_of(2026, 1)) - 36.0) < 1e-9);
    assert_true(isnan(impact_panel_value(&p, OUTCOME_TURNOVER, 0, q_of(2026, 4))));   /* one May return missing */
    assert_true(isnan(impact_panel_value(&p, OUTCOME_TURNOVER, 0, q_of(2026, 7))));   /* no returns */
    /* Unit 2: quarterly returns. */
    assert_true(fabs(impact_panel_value(&p, OUTCOME_TURNOVER, 1, q_of(2026, 1)) - 50.0) < 1e-9);
    assert_true(isnan(impact_panel_value(&p, OUTCOME_TURNOVER, 1, q_of(2026, 4))));
    assert_true(fabs(impact_panel_value(&p, OUTCOME_TURNOVER, 1, q_of(2026, 7)) - 70.0) < 1e-9);
    /* Schemes on file, sorted; receipts of GST filers only, by unit. */
    assert_int_equal(p.n_schemes, 3);
    assert_string_equal(p.schemes[0], "esdp");
    assert_string_equal(p.schemes[1], "pmmy");
    assert_string_equal(p.schemes[2], "zed");
    assert_int_equal(p.n_receipts, 2);
    assert_int_equal(p.receipts[0].unit, 0);
    assert_int_equal(p.receipts[0].scheme, 1);
    assert_int_equal(p.receipts[0].quarter, q_of(2026, 5));
    assert_int_equal(p.receipts[1].unit, 1);
    assert_int_equal(p.receipts[1].scheme, 2);
    impact_panel_free(&p);
}

/* EPFO returns: enterprise 1 has two establishments (a quarter counts only
 * when both filed all three months); enterprise 3 files no GST but has an
 * EPFO return, so it becomes a unit with employment and no turnover; the
 * panel's quarters widen to cover EPFO's months. */
static const char epfo_rows[] =
    "INSERT INTO epfo_return (establishment_code, wage_month, enterprise_id, pan, members, wages_paise,"
    " content_hash, src_file, src_row) VALUES"
    " ('MHPUN0000001000', '2026-01', 1, 'P1', 10, 1, 1, 1, 30),"
    " ('MHPUN0000001000', '2026-02', 1, 'P1', 11, 1, 1, 1, 31),"
    " ('MHPUN0000001000', '2026-03', 1, 'P1', 12, 1, 1, 1, 32),"
    " ('MHPUN0000002000', '2026-01', 1, 'P1', 5, 1, 1, 1, 33),"
    " ('MHPUN0000002000', '2026-02', 1, 'P1', 5, 1, 1, 1, 34),"
    " ('MHPUN0000002000', '2026-03', 1, 'P1', 5, 1, 1, 1, 35),"
    " ('MHPUN0000001000', '2026-04', 1, 'P1', 12, 1, 1, 1, 36),"
    " ('MHPUN0000001000', '2026-05', 1, 'P1', 12, 1, 1, 1, 37),"
    " ('MHPUN0000001000', '2026-06', 1, 'P1', 12, 1, 1, 1, 38),"
    " ('MHPUN0000002000', '2026-04', 1, 'P1', 5, 1, 1, 1, 39),"
    " ('MHPUN0000002000', '2026-06', 1, 'P1', 5, 1, 1, 1, 40),"
    " ('MHPUN0000003000', '2026-10', 3, 'P3', 20, 1, 1, 1, 41),"
    " ('MHPUN0000003000', '2026-11', 3, 'P3', 21, 1, 1, 1, 42),"
    " ('MHPUN0000003000', '2026-12', 3, 'P3', 22, 1, 1, 1, 43);";

static void test_employment_panel(void **state)
{
    struct fx *f = *state;
    struct impact_panel p;
    struct err e;

    assert_int_equal(db_exec(store_db(f->s), epfo_rows, &e), 0);
    assert_int_equal(store_impact_panel(f->s, &p, &e), 0);
    assert_int_equal(p.n_units, 3);
    assert_int_equal(p.units[2].id, 3);
    assert_int_equal(p.n_employment_units, 2);
    assert_int_equal(p.q_first, q_of(2026, 1));
    assert_int_equal(p.n_q, 4);   /* to Q4 2026, EPFO's last month */
    /* Unit 1, Q1: both establishments, member-months 33 + 15. */
    assert_true(fabs(impact_panel_value(&p, OUTCOME_EMPLOYMENT, 0, q_of(2026, 1)) - 48.0) < 1e-9);
    /* Q2: the second establishment has no May return -> missing, not smaller. */
    assert_true(isnan(impact_panel_value(&p, OUTCOME_EMPLOYMENT, 0, q_of(2026, 4))));
    assert_true(isnan(impact_panel_value(&p, OUTCOME_EMPLOYMENT, 1, q_of(2026, 1))));   /* not covered */
    assert_true(fabs(impact_panel_value(&p, OUTCOME_EMPLOYMENT, 2, q_of(2026, 10)) - 63.0) < 1e-9);
    assert_true(isnan(impact_panel_value(&p, OUTCOME_TURNOVER, 2, q_of(2026, 10))));
    /* Turnover is read as before. */
    assert_true(fabs(impact_panel_value(&p, OUTCOME_TURNOVER, 0, q_of(2026, 1)) - 36.0) < 1e-9);
    impact_panel_free(&p);
}

static void test_time_to_benefit_rows(void **state)
{
    struct fx *f = *state;
    struct impact_ttb_row *rows;
    size_t n;
    struct err e;

    assert_int_equal(store_impact_ttb_rows(f->s, &rows, &n, &e), 0);
    assert_int_equal(n, 3);   /* the esdp row has no sanction date */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].scheme, "zed") == 0)
            assert_int_equal(rows[i].days, -7);   /* disbursed before sanction: counted out later */
        else if (strcmp(rows[i].district, "NASHIK") == 0)
            assert_int_equal(rows[i].days, 7);    /* unlinked: the list's own district */
        else
            assert_int_equal(rows[i].days, 40);
    }
    mem_free(rows);
    /* Applications: first submit (Jan 5) to disburse (Mar 6); the one never
     * disbursed is absent. */
    assert_int_equal(store_impact_ttb_app_rows(f->s, &rows, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].scheme, "pmegp");
    assert_string_equal(rows[0].district, "PUNE");
    assert_int_equal(rows[0].days, 60);
    mem_free(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_panel),
        cmocka_unit_test(test_time_to_benefit_rows),
        cmocka_unit_test(test_employment_panel),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
