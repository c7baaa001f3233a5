/* Ranking and probability measures on tables small enough to work by hand,
 * with ties, and NAN where a measure has no meaning. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analytics/metrics.h"
#include "near.h"

#define EPS 1e-12

/* Six rows, no ties:
 *   score  0.9 0.8 0.7 0.6 0.5 0.4
 *   label   1   0   1   0   0   0        P = 2, N = 4
 * AUC: the positive at 0.9 outscores all 4 negatives, the one at 0.7
 *   outscores 3 (0.6, 0.5, 0.4): U = 7 of P·N = 8, AUC = 0.875.
 * AP: threshold 0.9: recall 1/2, precision 1/1; threshold 0.7: recall
 *   2/2, precision 2/3: AP = 0.5·1 + 0.5·2/3 = 5/6.
 * P@1%: k = max(1, 6/100) = 1; the top row is positive: 1.
 * Brier (probability = score): 0.1² + 0.8² + 0.3² + 0.6² + 0.5² + 0.4²
 *   = 0.01 + 0.64 + 0.09 + 0.36 + 0.25 + 0.16 = 1.51, / 6 = 0.251666… */
static void test_hand_worked(void **state)
{
    const double s[] = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
    const float y[] = {1, 0, 1, 0, 0, 0};
    struct metrics m;

    (void)state;
    assert_int_equal(metrics_compute(s, s, y, 6, &m), 0);
    assert_near(m.auc, 0.875, EPS);
    assert_near(m.pr_auc, 5.0 / 6.0, EPS);
    assert_near(m.precision_at_1pct, 1.0, EPS);
    assert_near(m.brier, 1.51 / 6.0, EPS);
}

/* The same table in another order gives the same numbers: one sort. */
static void test_order_free(void **state)
{
    const double s[] = {0.5, 0.9, 0.4, 0.7, 0.6, 0.8};
    const float y[] = {0, 1, 0, 1, 0, 0};
    struct metrics m;

    (void)state;
    assert_int_equal(metrics_compute(s, s, y, 6, &m), 0);
    assert_near(m.auc, 0.875, EPS);
    assert_near(m.pr_auc, 5.0 / 6.0, EPS);
}

/* Five rows, four tied:
 *   score  0.5 0.5 0.5 0.5 0.1
 *   label   1   0   1   0   0        P = 2, N = 3
 * AUC: each positive ties the 2 negatives at 0.5 (½ each) and beats the
 *   one at 0.1: 2 per positive, U = 4 of 6, AUC = 2/3.
 * AP: the tied group is one threshold: recall 2/2 at precision 2/4: 0.5.
 *   (Breaking the tie positives first would give 1.0, a claim the
 *   ranking does not make.)
 * P@1%: k = 1 falls inside the group of 4 holding 2 positives: 1 · 2/4 = 0.5. */
static void test_ties(void **state)
{
    const double a[] = {0.5, 0.5, 0.5, 0.5, 0.1};
    const float ya[] = {1, 0, 1, 0, 0};
    const float yb[] = {0, 0, 1, 1, 0};    /* the same table, positives last in the tie */
    const float yc[] = {1, 1, 0, 0, 0};    /* positives first */
    const float *ys[] = {ya, yb, yc};
    struct metrics m;

    (void)state;
    for (int t = 0; t < 3; t++) {
        assert_int_equal(metrics_compute(a, NULL, ys[t], 5, &m), 0);
        assert_near(m.auc, 2.0 / 3.0, EPS);
        assert_near(m.pr_auc, 0.5, EPS);
        assert_near(m.precision_at_1pct, 0.5, EPS);
        assert_true(isnan(m.brier));   /* no probabilities given */
    }
}

/* Every score equal: the ranking knows nothing, AUC is exactly 1/2 and AP
 * is the base rate. */
static void test_all_tied(void **state)
{
    const double s[] = {3, 3, 3, 3};
    const float y[] = {0, 1, 0, 0};
    struct metrics m;

    (void)state;
    assert_int_equal(metrics_compute(s, NULL, y, 4, &m), 0);
    assert_near(m.auc, 0.5, EPS);
    assert_near(m.pr_auc, 0.25, EPS);
    assert_near(m.precision_at_1pct, 0.25, EPS);
}

/* 250 rows: k = floor(250 / 100) = 2. Scores 250, 249, …, 1; positives at
 * the 1st and 4th highest: 1 of the top 2, P@1% = 0.5. */
static void test_top_percent(void **state)
{
    double s[250];
    float y[250];
    struct metrics m;

    (void)state;
    for (int i = 0; i < 250; i++) {
        s[i] = 250 - i;
        y[i] = (i == 0 || i == 3);
    }
    assert_int_equal(metrics_compute(s, NULL, y, 250, &m), 0);
    assert_near(m.precision_at_1pct, 0.5, EPS);
    /* AUC: the first beats 248 negatives, the fourth 246 (three rows above
     * it, one of them positive): (248 + 246) / (2 · 248). */
    assert_near(m.auc, 494.0 / 496.0, EPS);
    /* AP: recall ½ at precision 1/1, then ½ at precision 2/4. */
    assert_near(m.pr_auc, 0.5 + 0.5 * 0.5, EPS);
}

static void test_undefined(void **state)
{
    const double s[] = {0.2, 0.4, 0.6};
    const float none[] = {0, 0, 0}, all[] = {1, 1, 1};
    struct metrics m;

    (void)state;
    /* No positives: AUC and AP mean nothing; P@1% is 0 (the top holds no
     * positive); Brier still means something: (0.04 + 0.16 + 0.36) / 3. */
    assert_int_equal(metrics_compute(s, s, none, 3, &m), 0);
    assert_true(isnan(m.auc));
    assert_true(isnan(m.pr_auc));
    assert_near(m.precision_at_1pct, 0.0, EPS);
    assert_near(m.brier, 0.56 / 3.0, EPS);
    /* No negatives: AUC undefined, every threshold has precision 1. */
    assert_int_equal(metrics_compute(s, s, all, 3, &m), 0);
    assert_true(isnan(m.auc));
    assert_near(m.pr_auc, 1.0, EPS);
    assert_near(m.precision_at_1pct, 1.0, EPS);
    /* No rows at all. */
    assert_int_equal(metrics_compute(s, s, all, 0, &m), 0);
    assert_true(isnan(m.auc) && isnan(m.pr_auc) && isnan(m.precision_at_1pct) && isnan(m.brier));
}

static void test_bad_input(void **state)
{
    const double s[] = {0.2, NAN};
    const double ok[] = {0.2, 0.3};
    const float y[] = {0, 1}, unobserved[] = {0, NAN}, two[] = {0, 2};
    struct metrics m;

    (void)state;
    assert_int_equal(metrics_compute(s, NULL, y, 2, &m), -1);
    assert_int_equal(metrics_compute(ok, NULL, unobserved, 2, &m), -1);
    assert_int_equal(metrics_compute(ok, NULL, two, 2, &m), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_worked),
        cmocka_unit_test(test_order_free),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_all_tied),
        cmocka_unit_test(test_top_percent),
        cmocka_unit_test(test_undefined),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
