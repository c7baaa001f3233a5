/* The stress features on hand-built monthly histories, the label, the
 * reasons, and the no-lookahead rule: what happens after the scoring month
 * never changes a feature at it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/stress_features.h"
#include "core/date.h"

#define T (2025 * 12 + 5)       /* 2025-06, the scoring month */
#define MAX 64

static int32_t day(int month, int d)
{
    return date_month_first(month) + d - 1;
}

struct fixture {
    struct stress_gst gst[MAX];
    struct stress_facility fac[4];
    struct stress_credit credit[MAX];
    struct stress_claim claim[4];
    struct stress_compliance comp[MAX];
    struct stress_history h;
};

static void attach(struct fixture *f, size_t n_gst, size_t n_fac, size_t n_credit, size_t n_claim,
                   size_t n_comp)
{
    f->h = (struct stress_history){1, f->gst, n_gst, f->fac, n_fac, f->credit, n_credit,
                                   f->claim, n_claim, f->comp, n_comp};
}

/* A monthly filer, turnover 100 (rupees, in paise) for months T-14..T-3
 * and 50 for T-2..T, tax 18%, every return filed on its due day (the 20th
 * of the next month) except the one for T-1 (filed 10 days late) and the
 * one for T (due after T ends, so not known at T). */
static size_t monthly_gst(struct fixture *f)
{
    size_t n = 0;

    for (int m = T - 14; m <= T; m++) {
        struct stress_gst *g = &f->gst[n++];
        int64_t v = m >= T - 2 ? 5000 : 10000;
        g->period = m;
        g->due_on = day(m + 1, 20);
        g->filed_on = m == T - 1 ? day(m + 1, 30) : g->due_on;
        g->taxable_paise = v;
        g->tax_paise = v * 18 / 100;
        g->quarterly = false;
    }
    return n;
}

static void test_gst_features(void **state)
{
    struct fixture f;
    float x[SF_COUNT];

    (void)state;
    memset(&f, 0, sizeof f);
    attach(&f, monthly_gst(&f), 0, 0, 0, 0);
    stress_features(&f.h, T, x);
    /* T's own return falls due in T+1: not missing, not known. T-1's was
     * due and filed (late) in T. The latest turnover on file is T-1's, so
     * the trends count from T-1: T-1..T-3 (50, 50, 100) against T-4..T-6. */
    assert_float_equal(x[SF_RETURNS_MISSING_12], 0, 1e-6);
    assert_float_equal(x[SF_RETURNS_LATE_12], 1, 1e-6);
    assert_float_equal(x[SF_MONTHS_SINCE_FILED], 1, 1e-6);
    assert_float_equal(x[SF_TURNOVER_TREND_3], -1 / 3.0, 1e-6);
    assert_float_equal(x[SF_TURNOVER_TREND_12], -1 / 3.0, 1e-6);   /* T-13, T-14 at 100 */
    assert_float_equal(x[SF_TURNOVER_TREND_6], (4 * 100 + 2 * 50) / 6.0 / 100 - 1, 1e-5);
    assert_float_equal(x[SF_TAX_RATIO_CHANGE], 0, 1e-4);
    assert_true(x[SF_TURNOVER_CV_12] > 0.1f);
    /* One month on, T's return is filed on its due day... */
    stress_features(&f.h, T + 1, x);
    assert_float_equal(x[SF_RETURNS_LATE_12], 1, 1e-6);
    assert_float_equal(x[SF_RETURNS_MISSING_12], 0, 1e-6);
    assert_float_equal(x[SF_MONTHS_SINCE_FILED], 1, 1e-6);
    f.gst[14].filed_on = DATE_UNKNOWN;                        /* ...and now never filed */
    stress_features(&f.h, T + 1, x);
    assert_float_equal(x[SF_RETURNS_MISSING_12], 1, 1e-6);
}

static void test_no_gst_is_missing_not_zero(void **state)
{
    struct fixture f;
    float x[SF_COUNT];

    (void)state;
    memset(&f, 0, sizeof f);
    attach(&f, 0, 0, 0, 0, 0);
    stress_features(&f.h, T, x);
    assert_true(isnan(x[SF_RETURNS_MISSING_12]));
    assert_true(isnan(x[SF_TURNOVER_TREND_3]));
    assert_true(isnan(x[SF_SMA_CLASS]));
    assert_true(isnan(x[SF_UTILISATION]));
    assert_float_equal(x[SF_NEW_FACILITIES_6], 0, 1e-6);
    assert_float_equal(x[SF_CLAIMS_OPEN], 0, 1e-6);
}

static void test_quarterly_spread(void **state)
{
    struct fixture f;
    float x[SF_COUNT];
    size_t n = 0;

    (void)state;
    memset(&f, 0, sizeof f);
    /* Quarters ending T-6 and T-3 at 300, T at 150: 100 and 50 a month. */
    for (int m = T - 6; m <= T; m += 3) {
        struct stress_gst *g = &f.gst[n++];
        g->period = m;
        g->due_on = day(m + 1, 22);
        g->filed_on = g->due_on;
        g->taxable_paise = m == T ? 15000 : 30000;
        g->tax_paise = 0;
        g->quarterly = true;
    }
    attach(&f, n, 0, 0, 0, 0);
    stress_features(&f.h, T + 1, x);   /* the quarter ending T is filed in T+1 */
    /* The latest quarter on file at T+1 ends at T: T-2..T (50 each)
     * against the quarter before (100 each). */
    assert_float_equal(x[SF_TURNOVER_TREND_3], -0.5, 1e-6);
    /* At T that quarter is not filed yet: the latest is the one ending T-3. */
    stress_features(&f.h, T, x);
    assert_float_equal(x[SF_TURNOVER_TREND_3], 0, 1e-6);
    assert_true(isnan(x[SF_TURNOVER_TREND_6]));   /* nothing on file before T-8 */
}

/* Two facilities: a cash credit (limit 1000) reported T-12..T+3 and a term
 * loan sanctioned in T-2; arrears on the cash credit from T-2: DPD 10, 40,
 * 70 at T, then NPA (100) at T+1. */
static void credit_history(struct fixture *f, size_t *n_credit)
{
    size_t n = 0;

    f->fac[0] = (struct stress_facility){day(T - 30, 1), 100000, true};
    f->fac[1] = (struct stress_facility){day(T - 2, 15), 500000, false};
    for (int m = T - 12; m <= T + 3; m++) {
        int dpd = m < T - 2 ? 0 : 10 + 30 * (m - (T - 2));
        f->credit[n++] = (struct stress_credit){0, m, m == T - 3 ? 60000 : 90000, dpd};
    }
    for (int m = T - 2; m <= T + 3; m++)
        f->credit[n++] = (struct stress_credit){1, m, 500000, 0};
    *n_credit = n;
}

static void test_credit_features(void **state)
{
    struct fixture f;
    float x[SF_COUNT];
    size_t n;
    bool npa;

    (void)state;
    memset(&f, 0, sizeof f);
    credit_history(&f, &n);
    attach(&f, 0, 2, n, 0, 0);
    stress_features(&f.h, T, x);
    assert_float_equal(x[SF_DPD_NOW], 70, 1e-6);
    assert_float_equal(x[SF_SMA_CLASS], 2, 1e-6);
    assert_float_equal(x[SF_DPD_MAX_12], 70, 1e-6);
    assert_float_equal(x[SF_ARREARS_MONTHS_12], 3, 1e-6);
    assert_float_equal(x[SF_UTILISATION], 0.9, 1e-6);   /* the term loan is not a limit */
    assert_float_equal(x[SF_UTILISATION_CHANGE_3], 0.3, 1e-6);
    assert_float_equal(x[SF_NEW_FACILITIES_6], 1, 1e-6);
    assert_int_equal(stress_history_arrears_since(&f.h, T), T - 2);
    assert_int_equal(stress_history_arrears_since(&f.h, T - 3), -1);
    assert_true(stress_history_active(&f.h, T, &npa));
    assert_false(npa);
    assert_true(stress_history_active(&f.h, T + 1, &npa));
    assert_true(npa);
    assert_false(stress_history_active(&f.h, T + 4, &npa));
    stress_features(&f.h, T - 4, x);
    assert_float_equal(x[SF_SMA_CLASS], -1, 1e-6);
    assert_float_equal(x[SF_NEW_FACILITIES_6], 0, 1e-6);   /* sanctioned after T-4 */
}

static void test_label(void **state)
{
    struct fixture f;
    size_t n;

    (void)state;
    memset(&f, 0, sizeof f);
    credit_history(&f, &n);
    attach(&f, 0, 2, n, 0, 0);
    /* NPA first at T+1. */
    assert_float_equal(stress_history_label(&f.h, T, T + 3), 1, 0);
    assert_float_equal(stress_history_label(&f.h, T - 11, T + 3), 1, 0);   /* T+1 = (T-11)+12 */
    assert_float_equal(stress_history_label(&f.h, T - 12, T + 3), 0, 0);   /* T+1 is 13 months on */
    /* No NPA in the window and the window not yet over: unknown. */
    f.h.n_credit = 13;                                  /* the cash credit to T only, no arrears past T-3 */
    for (size_t i = 0; i < 13; i++)
        f.credit[i].dpd = 0;
    assert_true(isnan(stress_history_label(&f.h, T - 6, T)));
    assert_float_equal(stress_history_label(&f.h, T - 12, T), 0, 0);
}

/* Later facts (credit rows after T, returns filed after T, claims closed
 * and compliance done after T, a facility sanctioned after T) never change
 * the features at T. */
static void test_no_lookahead(void **state)
{
    struct fixture f;
    float before[SF_COUNT], after[SF_COUNT];
    size_t n_gst, n_credit, cut = 0;

    (void)state;
    memset(&f, 0, sizeof f);
    n_gst = monthly_gst(&f);
    credit_history(&f, &n_credit);
    f.claim[0] = (struct stress_claim){day(T - 1, 3), DATE_UNKNOWN};
    f.comp[0] = (struct stress_compliance){day(T - 5, 20), DATE_UNKNOWN};
    /* History as known at the end of T: credit rows to T, the claim and the
     * compliance item still open, the return for T not filed. */
    struct stress_credit known[MAX];
    for (size_t i = 0; i < n_credit; i++)
        if (f.credit[i].month <= T)
            known[cut++] = f.credit[i];
    struct stress_gst gst_known[MAX];
    memcpy(gst_known, f.gst, sizeof gst_known);
    gst_known[n_gst - 1].filed_on = DATE_UNKNOWN;
    struct stress_history h_known = {1, gst_known, n_gst, f.fac, 2, known, cut,
                                     f.claim, 1, f.comp, 1};
    stress_features(&h_known, T, before);
    /* Everything later: the rest of the credit rows, T's return filed, the
     * claim settled and the item done in T+1, a facility sanctioned in T+2. */
    f.claim[0].closed_on = day(T + 1, 5);
    f.comp[0].done_on = day(T + 1, 5);
    f.fac[2] = (struct stress_facility){day(T + 2, 1), 200000, true};
    f.credit[n_credit++] = (struct stress_credit){2, T + 2, 200000, 0};
    f.gst[n_gst] = f.gst[n_gst - 1];
    f.gst[n_gst].period = T + 1;
    f.gst[n_gst].due_on = day(T + 2, 20);
    f.gst[n_gst].filed_on = day(T + 2, 20);
    attach(&f, n_gst + 1, 3, n_credit, 1, 1);
    stress_features(&f.h, T, after);
    for (int i = 0; i < SF_COUNT; i++) {
        if (isnan(before[i]))
            assert_true(isnan(after[i]));
        else
            assert_float_equal(before[i], after[i], 0);
    }
    assert_float_equal(after[SF_CLAIMS_OPEN], 1, 0);
    assert_float_equal(after[SF_COMPLIANCE_OVERDUE_90], 1, 0);
    /* And the same facts do count once they are known. */
    stress_features(&f.h, T + 2, after);
    assert_float_equal(after[SF_CLAIMS_OPEN], 0, 0);
    assert_float_equal(after[SF_COMPLIANCE_OVERDUE_90], 0, 0);
    assert_float_equal(after[SF_NEW_FACILITIES_6], 2, 0);
}

static void test_names_and_reasons_known(void **state)
{
    (void)state;
    for (int i = 0; i < SF_COUNT; i++) {
        assert_non_null(stress_feature_name(i));
        assert_true(stress_reason_known(stress_feature_reason(i)));
        for (int j = 0; j < i; j++)
            assert_string_not_equal(stress_feature_name(i), stress_feature_name(j));
    }
    assert_null(stress_feature_name(SF_COUNT));
    assert_null(stress_feature_reason(-1));
}

static void test_reasons(void **state)
{
    struct fixture f;
    float x[SF_COUNT], contrib[SF_COUNT + 1] = {0};
    struct stress_reason r[STRESS_REASONS_MAX];
    size_t n;
    int k;

    (void)state;
    memset(&f, 0, sizeof f);
    n = monthly_gst(&f);
    size_t n_credit;
    credit_history(&f, &n_credit);
    attach(&f, n, 2, n_credit, 0, 0);
    stress_features(&f.h, T, x);
    contrib[SF_TURNOVER_TREND_3] = 0.4f;
    contrib[SF_TURNOVER_TREND_12] = 0.5f;   /* same code: summed, 0.9, months from the larger */
    contrib[SF_DPD_NOW] = 0.3f;
    contrib[SF_SMA_CLASS] = 0.5f;           /* sma: 0.8 */
    contrib[SF_UTILISATION] = 0.2f;
    contrib[SF_RETURNS_MISSING_12] = 0.7f;  /* the fact is 0 missing returns: not a reason */
    contrib[SF_DPD_MAX_12] = -0.6f;         /* negative: never a reason */
    k = stress_features_reasons(stress_history_arrears_since(&f.h, T), x, contrib, r);
    assert_int_equal(k, 3);
    assert_string_equal(r[0].code, "turnover_down");
    assert_int_equal(r[0].months, 12);
    assert_float_equal(r[0].value, -1 / 3.0, 1e-6);
    assert_float_equal(r[0].contribution, 0.9, 1e-6);
    assert_string_equal(r[1].code, "sma");
    assert_float_equal(r[1].value, 2, 0);
    assert_string_equal(r[1].since, "2025-04");
    assert_string_equal(r[2].code, "utilisation_high");
    for (int i = 0; i < k; i++)
        assert_true(stress_reason_known(r[i].code));
    /* Nothing positive, or too little to name: no reasons. */
    memset(contrib, 0, sizeof contrib);
    contrib[SF_SMA_CLASS] = -1;
    contrib[SF_UTILISATION] = 0.005f;
    assert_int_equal(stress_features_reasons(stress_history_arrears_since(&f.h, T), x, contrib, r), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gst_features),
        cmocka_unit_test(test_no_gst_is_missing_not_zero),
        cmocka_unit_test(test_quarterly_spread),
        cmocka_unit_test(test_credit_features),
        cmocka_unit_test(test_label),
        cmocka_unit_test(test_no_lookahead),
        cmocka_unit_test(test_names_and_reasons_known),
        cmocka_unit_test(test_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
