/* Impact estimation on hand-worked data (docs/impact.md): the difference
 * in differences against its closed form on a toy panel, matching on a
 * tiny hand-made set, common-support trimming, the standardised mean
 * difference, bootstrap determinism by seed, time to benefit, and the
 * whole estimator recovering a known effect under selection on a
 * covariate that also drives growth, for turnover and for EPFO
 * employment (the same machinery on a second series). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/bootstrap.h"
#include "analytics/did.h"
#include "analytics/impact.h"
#include "analytics/impact_panel.h"
#include "analytics/impact_ttb.h"
#include "analytics/psm.h"
#include "core/alloc.h"

#define Q0 8100   /* an arbitrary first quarter */

/* A panel of n units over nq quarters, every turnover 1. */
static void panel_init(struct impact_panel *p, size_t n, int nq)
{
    memset(p, 0, sizeof *p);
    p->units = mem_calloc(n, sizeof *p->units);
    p->turnover = mem_calloc(n * (size_t)nq, sizeof *p->turnover);
    p->receipts = mem_calloc(n + 1, sizeof *p->receipts);
    assert_non_null(p->units);
    assert_non_null(p->turnover);
    assert_non_null(p->receipts);
    p->n_units = n;
    p->q_first = Q0;
    p->n_q = nq;
    for (size_t u = 0; u < n; u++) {
        p->units[u].id = (int64_t)u + 1;
        memcpy(p->units[u].state, "27", 3);
        memcpy(p->units[u].district, "PUNE", 5);
    }
    p->n_schemes = 1;
    memcpy(p->schemes[0], "toy", 4);
}

static void set_t(struct impact_panel *p, size_t u, int k, double v)
{
    p->turnover[u * (size_t)p->n_q + (size_t)k] = v;
}

/* Two treated units and two controls, one year each side of quarter 4:
 * the estimate is ((ln A1 - ln B1) + (ln A2 - ln B2)) / 2 minus the
 * controls' mean change, each a sum of four quarters. */
static void test_did_closed_form(void **state)
{
    struct impact_panel p;
    const double before[4] = {100, 200, 50, 80}, after[4] = {130, 210, 55, 70};
    double y[4];
    struct psm_match m[2] = {{0, {2, 3}, 2}, {1, {3}, 1}};

    (void)state;
    panel_init(&p, 4, 9);
    for (size_t u = 0; u < 4; u++)
        for (int k = 0; k < 9; k++)
            set_t(&p, u, k, k < 4 ? before[u] / 4 : k > 4 ? after[u] / 4 : 1e9);
    for (size_t u = 0; u < 4; u++) {
        double lb = impact_panel_log_sum(&p, OUTCOME_TURNOVER, u, Q0, Q0 + 3), la = impact_panel_log_sum(&p, OUTCOME_TURNOVER, u, Q0 + 5, Q0 + 8);
        assert_true(fabs(lb - log(before[u])) < 1e-12);
        assert_true(fabs(la - log(after[u])) < 1e-12);
        y[u] = did_change(lb, la);
    }
    double want = ((log(130.0 / 100) - (log(55.0 / 50) + log(70.0 / 80)) / 2)
                   + (log(210.0 / 200) - log(70.0 / 80))) / 2;
    long used;
    assert_true(fabs(did_att(y, m, 2, NULL, NULL, &used) - want) < 1e-12);
    assert_int_equal(used, 2);
    /* Weights count a match twice; a mask leaves one out. */
    const int w[2] = {2, 1};
    double w_want = (2 * (log(1.3) - (log(1.1) + log(0.875)) / 2) + (log(1.05) - log(0.875))) / 3;
    assert_true(fabs(did_att(y, m, 2, w, NULL, &used) - w_want) < 1e-12);
    assert_int_equal(used, 3);
    const bool in[2] = {false, true};
    assert_true(fabs(did_att(y, m, 2, NULL, in, NULL) - (log(1.05) - log(0.875))) < 1e-12);
    const bool none[2] = {false, false};
    assert_true(isnan(did_att(y, m, 2, NULL, none, &used)));
    /* A missing quarter makes the year missing, never smaller. */
    set_t(&p, 0, 1, NAN);
    assert_true(isnan(impact_panel_log_sum(&p, OUTCOME_TURNOVER, 0, Q0, Q0 + 3)));
    assert_true(isnan(impact_panel_value(&p, OUTCOME_TURNOVER, 0, Q0 + 9)));
    impact_panel_free(&p);
}

/* Scores: treated 1.0 (stratum 1), 2.0 (stratum 1), 5.0 (stratum 2);
 * controls 0.9, 1.2, 1.35 (stratum 1), 2.6 (stratum 1), 5.05 (stratum 1). */
static void test_matching(void **state)
{
    struct psm_row r[] = {
        {0, 1, true, false, 1.0}, {1, 1, true, false, 2.0}, {2, 2, true, false, 5.0},
        {3, 1, false, false, 0.9}, {4, 1, false, false, 1.2}, {5, 1, false, false, 1.35},
        {6, 1, false, false, 2.6}, {7, 1, false, false, 5.05},
    };
    struct psm_match *m;
    size_t n, unmatched;

    (void)state;
    assert_int_equal(psm_match_knn(r, 8, 2, 0.5, &m, &n, &unmatched, NULL), 0);
    /* Treated 1.0: 0.9 then 1.2 (1.35 is third). Treated 2.0: nothing within
     * 0.5. Treated 5.0: stratum 2 has no control (5.05 is stratum 1). */
    assert_int_equal(n, 1);
    assert_int_equal(unmatched, 2);
    assert_int_equal(m[0].t, 0);
    assert_int_equal(m[0].k, 2);
    assert_int_equal(m[0].c[0], 3);
    assert_int_equal(m[0].c[1], 4);
    mem_free(m);
    /* A wider caliper reaches 2.6 for the treated 2.0 (0.6 away); with k = 5
     * the treated 1.0 takes all four stratum-1 controls within 1.7. */
    assert_int_equal(psm_match_knn(r, 8, 5, 1.7, &m, &n, &unmatched, NULL), 0);
    assert_int_equal(n, 2);
    assert_int_equal(m[0].k, 4);
    assert_int_equal(m[0].c[2], 5);
    assert_int_equal(m[0].c[3], 6);
    assert_int_equal(m[1].t, 1);
    assert_int_equal(m[1].c[0], 6);   /* 2.6 (0.6) before 1.35 (0.65) */
    assert_int_equal(m[1].c[1], 5);
    mem_free(m);
    /* Rows off support are never matched. */
    r[3].off = true;
    assert_int_equal(psm_match_knn(r, 8, 1, 0.5, &m, &n, &unmatched, NULL), 0);
    assert_int_equal(m[0].c[0], 4);
    mem_free(m);
}

static void test_common_support(void **state)
{
    struct psm_row r[] = {
        {0, 0, true, false, -1.0}, {1, 0, true, false, 0.5}, {2, 0, true, false, 3.0},
        {3, 0, false, false, -2.0}, {4, 0, false, false, 0.0}, {5, 0, false, false, 2.0},
        {6, 0, false, false, -1.5},
    };
    struct psm_support s;

    (void)state;
    psm_support_trim(r, 7, &s);
    /* Overlap [max(-1, -2), min(3, 2)] = [-1, 2]: treated 3.0 and controls
     * -2.0, -1.5 fall outside. */
    assert_true(s.lo == -1.0 && s.hi == 2.0);
    assert_int_equal(s.dropped_treated, 1);
    assert_int_equal(s.dropped_control, 2);
    assert_true(r[2].off && r[3].off && r[6].off);
    assert_false(r[0].off || r[1].off || r[4].off || r[5].off);
}

static void test_smd(void **state)
{
    (void)state;
    /* Means 0.6 and 0.4 of a binary covariate: variances 0.24 each. */
    assert_true(fabs(psm_smd(0.6, 0.4, 0.24, 0.24) - 0.2 / sqrt(0.24)) < 1e-12);
    assert_true(fabs(psm_smd(3, 1, 4, 12) - 2 / sqrt(8.0)) < 1e-12);
    assert_true(psm_smd(1, 1, 0, 0) == 0);
    assert_true(psm_smd(2, 1, 0, 0) == 0);   /* no spread: no scale */
}

static void test_bootstrap_seeded(void **state)
{
    int a[50], b[50], c[50], sum = 0;
    struct rng r1, r2, r3;

    (void)state;
    rng_seed(&r1, 42, 1);
    rng_seed(&r2, 42, 1);
    rng_seed(&r3, 43, 1);
    bootstrap_counts(&r1, 50, a);
    bootstrap_counts(&r2, 50, b);
    bootstrap_counts(&r3, 50, c);
    assert_memory_equal(a, b, sizeof a);
    assert_true(memcmp(a, c, sizeof a) != 0);
    for (int i = 0; i < 50; i++)
        sum += a[i];
    assert_int_equal(sum, 50);

    double v[] = {5, NAN, 1, 4, 2, 3}, lo, hi;
    assert_int_equal(bootstrap_percentile(v, 6, 0.5, &lo, &hi), 5);
    assert_true(fabs(lo - 2) < 1e-12 && fabs(hi - 4) < 1e-12);   /* quartiles of 1..5 */
    double none[] = {NAN};
    assert_int_equal(bootstrap_percentile(none, 1, 0.95, &lo, &hi), 0);
    assert_true(isnan(lo) && isnan(hi));
}

/* Selection on a covariate that also drives growth: units with x = 1 grow
 * 10% a year more and are treated four times as often. The naive
 * treated-minus-control change is biased by that; matching removes it, so
 * the noise-free estimate is the true effect exactly. */
#define N_UNITS 300
#define TOY_ATT 0.08

static double toy_turnover(size_t u, int k, bool x, bool treated, int kd)
{
    double base = 1000.0 * (1 + (double)(u % 7));
    double g = (x ? 0.15 : 0.05) * k / 4.0;

    return base * exp(g + (treated && k > kd ? TOY_ATT : 0)) / 4;
}

static void toy_panel(struct impact_panel *p, int kd)
{
    panel_init(p, N_UNITS, 12);
    for (size_t u = 0; u < N_UNITS; u++) {
        bool x = u % 2 == 0;
        bool treated = x ? u % 5 == 0 : u % 20 == 1;
        p->units[u].cov[COV_WOMEN] = x;
        p->units[u].cov[COV_LOG_TURNOVER] = (float)log(1000.0 * (1 + (double)(u % 7)));
        for (int k = 0; k < 12; k++)
            set_t(p, u, k, toy_turnover(u, k, x, treated, kd));
        if (treated)
            p->receipts[p->n_receipts++] = (struct impact_receipt){u, 0, Q0 + kd};
    }
}

static void test_estimator_recovers_effect(void **state)
{
    struct impact_panel p;
    struct impact_report r, r2;
    struct impact_opts o = {50, 7};

    (void)state;
    toy_panel(&p, 5);
    assert_int_equal(impact_estimate_all(&p, &o, &r, NULL), 0);
    assert_int_equal(r.n, 1);
    const struct impact_scheme *s = &r.schemes[0];
    assert_null(s->not_estimable);
    assert_int_equal(s->candidates, 30 + 15);  /* x = 1: u % 10 == 0; x = 0: u % 20 == 1 */
    assert_true(s->n_treated > 0);
    assert_true(fabs(s->att.est - TOY_ATT) < 1e-6);
    assert_true(fabs(s->pre_trend.est) < 1e-6);
    assert_true(s->att.lo <= TOY_ATT + 1e-6 && s->att.hi >= TOY_ATT - 1e-6);
    assert_false(s->att.inconclusive);
    assert_true(fabs(s->smd_after[COV_WOMEN]) < fabs(s->smd_before[COV_WOMEN]));
    /* Same seed, same intervals. */
    assert_int_equal(impact_estimate_all(&p, &o, &r2, NULL), 0);
    assert_true(r2.schemes[0].att.lo == s->att.lo && r2.schemes[0].att.hi == s->att.hi);
    impact_report_free(&r2);
    impact_report_free(&r);
    impact_panel_free(&p);
}

/* A receipt too near the panel's edge has no year before it. */
static void test_not_estimable(void **state)
{
    struct impact_panel p;
    struct impact_report r;
    struct impact_opts o = {10, 7};

    (void)state;
    toy_panel(&p, 2);
    assert_int_equal(impact_estimate_all(&p, &o, &r, NULL), 0);
    assert_non_null(r.schemes[0].not_estimable);
    assert_true(isnan(r.schemes[0].att.est));
    assert_true(r.schemes[0].att.inconclusive);
    impact_report_free(&r);
    impact_panel_free(&p);
}

/* Employment, by hand: four units' EPFO member-months, a year each side
 * of quarter 4. The same closed form as turnover, read from the second
 * series; the turnover series is not consulted. */
static void test_did_employment_closed_form(void **state)
{
    struct impact_panel p;
    const double before[4] = {240, 120, 60, 96}, after[4] = {264, 120, 66, 90};
    double y[4];
    struct psm_match m[2] = {{0, {2, 3}, 2}, {1, {3}, 1}};

    (void)state;
    panel_init(&p, 4, 9);
    p.employment = mem_calloc(4 * 9, sizeof *p.employment);
    assert_non_null(p.employment);
    for (size_t u = 0; u < 4; u++)
        for (int k = 0; k < 9; k++) {
            set_t(&p, u, k, NAN);
            p.employment[u * 9 + (size_t)k] = k < 4 ? before[u] / 4 : k > 4 ? after[u] / 4 : 1e6;
        }
    for (size_t u = 0; u < 4; u++) {
        double lb = impact_panel_log_sum(&p, OUTCOME_EMPLOYMENT, u, Q0, Q0 + 3);
        double la = impact_panel_log_sum(&p, OUTCOME_EMPLOYMENT, u, Q0 + 5, Q0 + 8);
        assert_true(fabs(lb - log(before[u])) < 1e-12);
        assert_true(fabs(la - log(after[u])) < 1e-12);
        assert_true(isnan(impact_panel_log_sum(&p, OUTCOME_TURNOVER, u, Q0, Q0 + 3)));
        y[u] = did_change(lb, la);
    }
    /* Unit 0: +10% against controls +10% and -6.25%; unit 1: 0 against -6.25%. */
    double want = ((log(1.1) - (log(1.1) + log(0.9375)) / 2) + (0 - log(0.9375))) / 2;
    assert_true(fabs(did_att(y, m, 2, NULL, NULL, NULL) - want) < 1e-12);
    /* A month's missing return makes the quarter, so the year, missing. */
    p.employment[0 * 9 + 2] = NAN;
    assert_true(isnan(impact_panel_log_sum(&p, OUTCOME_EMPLOYMENT, 0, Q0, Q0 + 3)));
    assert_true(isnan(impact_panel_value(&p, OUTCOME_EMPLOYMENT, 0, Q0 + 9)));
    impact_panel_free(&p);
}

/* The toy panel with an EPFO series for every unit but those with
 * u % 3 == 2 (not covered): members grow 4% a year more with x, and
 * treatment adds TOY_ATT_EMP. The estimator must find the employment
 * effect exactly (noise-free), distinct from the turnover one, from the
 * covered units only. */
#define TOY_ATT_EMP 0.03

static void test_estimator_employment(void **state)
{
    struct impact_panel p;
    struct impact_report r;
    struct impact_opts o = {20, 7};

    (void)state;
    toy_panel(&p, 5);
    p.employment = mem_alloc(N_UNITS * 12 * sizeof *p.employment);
    assert_non_null(p.employment);
    for (size_t u = 0; u < N_UNITS; u++) {
        bool x = u % 2 == 0, treated = x ? u % 5 == 0 : u % 20 == 1;
        for (int k = 0; k < 12; k++)
            p.employment[u * 12 + (size_t)k] =
                u % 3 == 2 ? NAN
                           : 3.0 * (20 + (double)(u % 11)) * exp((x ? 0.06 : 0.02) * k / 4.0
                                                                 + (treated && k > 5 ? TOY_ATT_EMP : 0));
        p.n_employment_units += u % 3 != 2;
    }
    assert_int_equal(impact_estimate_all(&p, &o, &r, NULL), 0);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.n_employment, 1);
    const struct impact_scheme *t = &r.schemes[0], *s = &r.employment[0];
    assert_int_equal(t->outcome, OUTCOME_TURNOVER);
    assert_int_equal(s->outcome, OUTCOME_EMPLOYMENT);
    assert_true(fabs(t->att.est - TOY_ATT) < 1e-6);
    assert_null(s->not_estimable);
    /* Treated: u % 10 == 0 (30) and u % 20 == 1 (15), less those with u % 3 == 2. */
    long want = 0;
    for (size_t u = 0; u < N_UNITS; u++)
        want += (u % 10 == 0 || u % 20 == 1) && u % 3 != 2;
    assert_int_equal(s->candidates, want);
    assert_true(fabs(s->att.est - TOY_ATT_EMP) < 1e-6);
    assert_true(fabs(s->pre_trend.est) < 1e-6);
    assert_true(s->att.lo <= TOY_ATT_EMP + 1e-6 && s->att.hi >= TOY_ATT_EMP - 1e-6);
    impact_report_free(&r);
    /* Without any EPFO return there is no employment estimate at all. */
    mem_free(p.employment);
    p.employment = NULL;
    p.n_employment_units = 0;
    assert_int_equal(impact_estimate_all(&p, &o, &r, NULL), 0);
    assert_int_equal(r.n_employment, 0);
    assert_null(r.employment);
    impact_report_free(&r);
    impact_panel_free(&p);
}

static void test_time_to_benefit(void **state)
{
    struct impact_ttb_row rows[9] = {0};
    struct impact_ttb t;
    const int days[9] = {10, 20, 30, 40, 50, 7, 8, -3, 60};

    (void)state;
    for (int i = 0; i < 9; i++) {
        memcpy(rows[i].scheme, i < 5 || i == 7 || i == 8 ? "a" : "b", 2);
        memcpy(rows[i].state, "27", 3);
        memcpy(rows[i].district, i == 8 ? "NASHIK" : "PUNE", i == 8 ? 7 : 5);
        rows[i].days = days[i];
    }
    assert_int_equal(impact_ttb_compute(rows, 9, &t, NULL), 0);
    assert_int_equal(t.negative, 1);
    assert_int_equal(t.n_schemes, 2);
    assert_string_equal(t.schemes[0].scheme, "a");
    assert_int_equal(t.schemes[0].n, 6);
    assert_true(fabs(t.schemes[0].median - 35) < 1e-12);
    assert_true(fabs(t.schemes[0].mean - 35) < 1e-12);
    assert_true(t.schemes[1].suppressed);          /* two rows */
    assert_true(isnan(t.schemes[1].median));
    assert_int_equal(t.n_districts, 3);
    assert_string_equal(t.districts[0].district, "NASHIK");
    assert_true(t.districts[0].suppressed);
    assert_false(t.districts[1].suppressed);       /* a, PUNE: five rows */
    assert_true(fabs(t.districts[1].median - 30) < 1e-12);
    impact_ttb_free(&t);
    /* No rows at all (a store without lists): empty, not an error. */
    assert_int_equal(impact_ttb_compute(NULL, 0, &t, NULL), 0);
    assert_int_equal(t.n_schemes, 0);
    assert_int_equal(t.n_districts, 0);
    impact_ttb_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_did_closed_form),
        cmocka_unit_test(test_matching),
        cmocka_unit_test(test_common_support),
        cmocka_unit_test(test_smd),
        cmocka_unit_test(test_bootstrap_seeded),
        cmocka_unit_test(test_estimator_recovers_effect),
        cmocka_unit_test(test_not_estimable),
        cmocka_unit_test(test_did_employment_closed_form),
        cmocka_unit_test(test_estimator_employment),
        cmocka_unit_test(test_time_to_benefit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
