/* The linear baseline: it recovers the coefficients of data drawn from a
 * known logistic model, learns what a missing value says, and stays finite
 * when a feature separates the classes. */
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analytics/logit.h"
#include "core/alloc.h"
#include "core/rng.h"

#define ROWS 40000

static double log_odds(double p)
{
    return log(p / (1 - p));
}

static double sigmoid(double t)
{
    return 1 / (1 + exp(-t));
}

/* log-odds = -1 + 1.5 x0 - 2 x1 + 0.5 x2 + 0 x3, each x ~ N(0, 1). The
 * fitted model, at a point, gives back that point's log-odds: at the means
 * (0) the intercept, one unit along x_j the intercept plus beta_j. With
 * 40 000 rows a coefficient's standard error is about 0.02; 0.1 is five. */
static void test_recovers_coefficients(void **state)
{
    const double beta[4] = {1.5, -2, 0.5, 0};
    float *x = mem_alloc(ROWS * 4 * sizeof *x), *y = mem_alloc(ROWS * sizeof *y);
    struct logit *m = NULL;
    struct rng r;
    struct err e;
    float pt[4] = {0, 0, 0, 0};
    double base;

    (void)state;
    assert_non_null(x);
    assert_non_null(y);
    rng_seed(&r, 7, 1);
    for (size_t i = 0; i < ROWS; i++) {
        double t = -1;
        for (int j = 0; j < 4; j++) {
            x[i * 4 + j] = (float)rng_normal(&r);
            t += beta[j] * x[i * 4 + j];
        }
        y[i] = (float)rng_chance(&r, sigmoid(t));
    }
    assert_int_equal(logit_train(x, y, ROWS, 4, 1e-3, &m, &e), 0);
    base = log_odds(logit_predict(m, pt));
    assert_true(fabs(base - -1) < 0.1);
    for (int j = 0; j < 4; j++) {
        pt[j] = 1;
        assert_true(fabs(log_odds(logit_predict(m, pt)) - base - beta[j]) < 0.1);
        pt[j] = 0;
    }
    logit_free(m);
    mem_free(x);
    mem_free(y);
}

/* x0 is missing on about 30% of rows, and a missing x0 adds 1 to the
 * log-odds (a firm that stops filing is a firm in trouble). x1 is missing
 * on every row and x2 is constant: neither may break the fit. A row with
 * x0 missing scores the mean-imputed x0 plus the indicator's coefficient. */
static void test_missing_values(void **state)
{
    float *x = mem_alloc(ROWS * 3 * sizeof *x), *y = mem_alloc(ROWS * sizeof *y);
    struct logit *m = NULL;
    struct rng r;
    struct err e;
    const float present[3] = {0, NAN, 5}, absent[3] = {NAN, NAN, 5}, inf[3] = {INFINITY, 1, 5};
    double gap;

    (void)state;
    assert_non_null(x);
    assert_non_null(y);
    rng_seed(&r, 7, 2);
    for (size_t i = 0; i < ROWS; i++) {
        double t = -1, v = rng_normal(&r);
        int missing = rng_chance(&r, 0.3);
        x[i * 3] = missing ? NAN : (float)v;
        t += missing ? 1.0 : 0.8 * v;
        x[i * 3 + 1] = NAN;
        x[i * 3 + 2] = 5;
        y[i] = (float)rng_chance(&r, sigmoid(t));
    }
    assert_int_equal(logit_train(x, y, ROWS, 3, 1e-3, &m, &e), 0);
    gap = log_odds(logit_predict(m, absent)) - log_odds(logit_predict(m, present));
    assert_true(fabs(gap - 1.0) < 0.12);
    assert_true(fabs(log_odds(logit_predict(m, present)) - -1) < 0.1);
    /* An infinity is no measurement either; x1, never seen, is ignored. */
    assert_true(logit_predict(m, inf) == logit_predict(m, absent));
    logit_free(m);
    mem_free(x);
    mem_free(y);
}

/* y = (x0 > 0) exactly: unpenalised, the coefficient would grow without
 * end. The L2 term keeps it finite and the ranking right. */
static void test_separation(void **state)
{
    float x[200], y[200];
    struct logit *m = NULL;
    struct err e;
    const float lo = -0.5f, hi = 0.5f;
    double plo, phi;

    (void)state;
    for (int i = 0; i < 200; i++) {
        x[i] = (float)(i - 100) / 50.0f + 0.01f;
        y[i] = x[i] > 0;
    }
    assert_int_equal(logit_train(x, y, 200, 1, 1.0, &m, &e), 0);
    plo = logit_predict(m, &lo);
    phi = logit_predict(m, &hi);
    assert_true(isfinite(log_odds(plo)) && isfinite(log_odds(phi)));
    assert_true(plo < 0.2 && phi > 0.8);
    logit_free(m);
}

static void test_rejects(void **state)
{
    const float x[4] = {1, 2, 3, 4}, y[4] = {0, 1, 0, 1}, zeros[4] = {0, 0, 0, 0};
    const float bad[4] = {0, 1, NAN, 1};
    struct logit *m = NULL;
    struct err e;

    (void)state;
    assert_int_equal(logit_train(x, y, 4, 1, 0, &m, &e), -1);
    assert_non_null(strstr(e.msg, "l2"));
    assert_int_equal(logit_train(x, zeros, 4, 1, 1, &m, &e), -1);
    assert_non_null(strstr(e.msg, "both classes"));
    assert_int_equal(logit_train(x, bad, 4, 1, 1, &m, &e), -1);
    assert_non_null(strstr(e.msg, "row 2"));
    assert_int_equal(logit_train(x, y, 0, 1, 1, &m, &e), -1);
    assert_null(m);
}

/* Memory running out at any allocation unwinds without a leak (ASan). */
static void test_out_of_memory(void **state)
{
    const float x[8] = {1, NAN, 2, 0, 3, 1, 4, 0}, y[4] = {0, 1, 0, 1};
    struct logit *m = NULL;
    struct err e;
    int failed = 0;

    (void)state;
    for (long n = 1; n <= 12; n++) {
        mem_fail_after(n);
        if (logit_train(x, y, 4, 2, 1, &m, &e) != 0) {
            failed++;
            assert_non_null(strstr(e.msg, "out of memory"));
        } else {
            logit_free(m);
        }
        mem_fail_after(0);
    }
    assert_true(failed >= 5);     /* the model's five arrays and the fit's four */
}

/* A small model with a missing column, trained for the tests below. */
static struct logit *small_model(void)
{
    float x[600], y[200];
    struct logit *m = NULL;
    struct rng r;
    struct err e;

    rng_seed(&r, 7, 3);
    for (int i = 0; i < 200; i++) {
        double a = rng_normal(&r), b = rng_normal(&r);
        x[i * 3] = (float)a;
        x[i * 3 + 1] = i % 4 == 0 ? NAN : (float)b;
        x[i * 3 + 2] = 2;
        y[i] = (float)rng_chance(&r, sigmoid(a - 0.5 * b));
    }
    assert_int_equal(logit_train(x, y, 200, 3, 1.0, &m, &e), 0);
    return m;
}

/* The per-column terms and the intercept add up to the margin; a column at
 * its training mean contributes nothing; a missing column contributes its
 * indicator's coefficient, a column never missing in training nothing. */
static void test_contributions(void **state)
{
    struct logit *m = small_model();
    const float rows[3][3] = {{1.5f, -0.5f, 2}, {-2, NAN, 2}, {0.3f, 0.7f, NAN}};
    double c[4];

    (void)state;
    for (int i = 0; i < 3; i++) {
        logit_contributions(m, rows[i], c);
        assert_true(fabs(c[0] + c[1] + c[2] + c[3] - logit_margin(m, rows[i])) < 1e-12);
        assert_true(fabs(log_odds(logit_predict(m, rows[i])) - logit_margin(m, rows[i])) < 1e-9);
    }
    logit_contributions(m, rows[0], c);
    assert_true(c[0] > 0 && c[1] > 0);     /* x0 raises the odds, x1 (negative here) too */
    assert_true(c[2] == 0);                /* constant in training */
    logit_contributions(m, rows[1], c);
    assert_true(c[1] != 0);                /* the indicator of a missing x1 */
    logit_contributions(m, rows[2], c);
    assert_true(c[2] == 0);                /* x2 never missing in training: no indicator */
    assert_int_equal(logit_cols(m), 3);
    logit_free(m);
}

/* The JSON text reads back as the same model, bit for bit. */
static void test_json_round_trip(void **state)
{
    struct logit *m = small_model(), *again = NULL;
    struct buf text = BUF_INIT, text2 = BUF_INIT;
    const float rows[3][3] = {{1.5f, -0.5f, 2}, {-2, NAN, 2}, {0.3f, 0.7f, NAN}};
    struct err e;

    (void)state;
    assert_int_equal(logit_to_json(m, &text), 0);
    assert_non_null(strstr(text.data, "\"missing_weight\": null"));
    assert_int_equal(logit_from_json(text.data, &again, &e), 0);
    for (int i = 0; i < 3; i++)
        assert_true(logit_margin(m, rows[i]) == logit_margin(again, rows[i]));
    assert_int_equal(logit_to_json(again, &text2), 0);
    assert_string_equal(text.data, text2.data);
    buf_release(&text);
    buf_release(&text2);
    logit_free(again);
    logit_free(m);
}

/* A -0 survives the text (found by fuzz_logit: "-0" read back as the
 * integer 0, so the second text said 0). */
static void test_json_negative_zero(void **state)
{
    static const char text[] = "{\"method\": \"logit_l2\", \"intercept\": -0.0, \"columns\": "
                               "[{\"mean\": -0.0, \"sd\": 1, \"weight\": 2, \"missing_weight\": null}]}";
    struct logit *m = NULL, *again = NULL;
    struct buf out = BUF_INIT, out2 = BUF_INIT;
    struct err e;

    (void)state;
    assert_int_equal(logit_from_json(text, &m, &e), 0);
    assert_int_equal(logit_to_json(m, &out), 0);
    assert_non_null(strstr(out.data, "\"intercept\": -0.0"));
    assert_int_equal(logit_from_json(out.data, &again, &e), 0);
    assert_int_equal(logit_to_json(again, &out2), 0);
    assert_string_equal(out.data, out2.data);
    buf_release(&out);
    buf_release(&out2);
    logit_free(again);
    logit_free(m);
}

static void test_json_rejects(void **state)
{
    static const struct {
        const char *text, *says;
    } bad[] = {
        {"[", "invalid JSON"},
        {"[]", "expected a JSON object"},
        {"{\"method\": \"probit\", \"intercept\": 0, \"columns\": []}", "'method'"},
        {"{\"method\": \"logit_l2\", \"intercept\": 0, \"columns\": []}", "non-empty"},
        {"{\"method\": \"logit_l2\", \"intercept\": 0, \"columns\": [{\"mean\": 0, \"sd\": 0, "
         "\"weight\": 1, \"missing_weight\": null}]}", "'sd'"},
        {"{\"method\": \"logit_l2\", \"intercept\": 0, \"columns\": [{\"mean\": 0, \"sd\": 1, "
         "\"weight\": 1}]}", "'missing_weight' is missing"},
        {"{\"method\": \"logit_l2\", \"intercept\": 0, \"columns\": [{\"mean\": 0, \"sd\": 1, "
         "\"weight\": \"1\", \"missing_weight\": null}]}", "'weight'"},
        {"{\"method\": \"logit_l2\", \"intercept\": 0, \"extra\": 1, \"columns\": []}", "unknown field"},
        {"{\"method\": \"logit_l2\", \"columns\": [{\"mean\": 0, \"sd\": 1, \"weight\": 1, "
         "\"missing_weight\": null}]}", "'intercept' is missing"},
        {"{\"method\": \"logit_l2\", \"method\": \"logit_l2\"}", "invalid JSON"},
    };
    struct logit *m = NULL;
    struct err e;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(logit_from_json(bad[i].text, &m, &e), -1);
        assert_null(m);
        assert_true(strncmp(e.msg, "logit: ", 7) == 0);
        if (strstr(e.msg, bad[i].says) == NULL)
            fail_msg("case %zu: '%s' does not say '%s'", i, e.msg, bad[i].says);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recovers_coefficients),
        cmocka_unit_test(test_missing_values),
        cmocka_unit_test(test_separation),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_contributions),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_json_negative_zero),
        cmocka_unit_test(test_json_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
