/* Platt calibration: monotone, closer to the truth than the raw margin
 * when the margin is mis-scaled, a JSON round trip that changes nothing,
 * and a parser that refuses what it does not understand. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/calibrate.h"
#include "core/alloc.h"
#include "core/rng.h"
#include "near.h"

#define N 20000

static double sigmoid(double t)
{
    return 1 / (1 + exp(-t));
}

/* The model's margin m ~ N(0, 2²) overstates its confidence: the true
 * probability is sigmoid(0.5 m - 2) (base rate about 14%), while the raw
 * reading is sigmoid(m). Rows [0, N) fit, rows [N, 2N) are held out. */
struct set {
    float m[2 * N], y[2 * N];
    double truth[2 * N];
};

static struct set *make_set(void)
{
    struct set *s = mem_alloc(sizeof *s);
    struct rng r;

    assert_non_null(s);
    rng_seed(&r, 3, 0);
    for (size_t i = 0; i < 2 * N; i++) {
        s->m[i] = (float)(2 * rng_normal(&r));
        s->truth[i] = sigmoid(0.5 * s->m[i] - 2);
        s->y[i] = (float)rng_chance(&r, s->truth[i]);
    }
    return s;
}

static struct calibration *fit(const struct set *s)
{
    struct calibration *c = NULL;
    struct err e;

    if (calibration_fit(s->m, s->y, N, &c, &e) != 0)
        fail_msg("fit: %s", e.msg);
    return c;
}

/* Held-out Brier: raw sigmoid(m) vs calibrated; the calibrated one comes
 * within 0.001 of the Brier of the true probabilities (the floor). */
static void test_better_than_raw(void **state)
{
    struct set *s = make_set();
    struct calibration *c = fit(s);
    double raw = 0, cal = 0, best = 0;

    (void)state;
    for (size_t i = N; i < 2 * N; i++) {
        double y = s->y[i];
        raw += pow(sigmoid(s->m[i]) - y, 2);
        cal += pow(calibration_apply(c, s->m[i]) - y, 2);
        best += pow(s->truth[i] - y, 2);
    }
    raw /= N;
    cal /= N;
    best /= N;
    assert_true(cal < raw - 0.02);
    assert_true(cal < best + 0.001);
    /* and the map it found is the true one, near enough: slope 0.5, intercept -2 */
    assert_near(log(calibration_apply(c, 0) / (1 - calibration_apply(c, 0))), -2, 0.08);
    assert_near(log(calibration_apply(c, 1) / (1 - calibration_apply(c, 1)))
                    - log(calibration_apply(c, 0) / (1 - calibration_apply(c, 0))),
                0.5, 0.05);
    calibration_free(c);
    mem_free(s);
}

static void test_monotone(void **state)
{
    struct set *s = make_set();
    struct calibration *c = fit(s);
    double prev = -1;

    (void)state;
    for (double m = -40; m <= 40; m += 0.25) {
        double p = calibration_apply(c, m);
        assert_true(p >= prev && p >= 0 && p <= 1);
        prev = p;
    }
    assert_true(calibration_apply(c, 5) > calibration_apply(c, -5));
    calibration_free(c);
    mem_free(s);
}

/* A margin that ranks backwards gets slope 0: every row the base rate,
 * smoothed as Platt's targets are, never a reversed ranking. */
static void test_never_reverses(void **state)
{
    float m[100], y[100];
    struct calibration *c = NULL;
    struct err e;

    (void)state;
    for (int i = 0; i < 100; i++) {
        m[i] = (float)i;
        y[i] = i < 20;
    }
    assert_int_equal(calibration_fit(m, y, 100, &c, &e), 0);
    assert_near(calibration_apply(c, 0), calibration_apply(c, 99), 1e-12);
    assert_near(calibration_apply(c, 0), 0.2, 0.01);
    calibration_free(c);
}

static void test_json_round_trip(void **state)
{
    struct set *s = make_set();
    struct calibration *c = fit(s), *d = NULL;
    struct buf a = BUF_INIT, b = BUF_INIT;
    struct err e;

    (void)state;
    assert_int_equal(calibration_to_json(c, &a), 0);
    assert_non_null(strstr(a.data, "\"method\": \"platt\""));
    assert_non_null(strstr(a.data, "\"rows\": 20000"));
    assert_int_equal(calibration_from_json(a.data, &d, &e), 0);
    for (double m = -10; m <= 10; m += 0.5)
        assert_true(calibration_apply(c, m) == calibration_apply(d, m));
    assert_int_equal(calibration_to_json(d, &b), 0);
    assert_string_equal(a.data, b.data);
    buf_release(&a);
    buf_release(&b);
    calibration_free(c);
    calibration_free(d);
    mem_free(s);
}

static void test_bad_json(void **state)
{
    static const struct {
        const char *text, *msg;
    } bad[] = {
        {"", "invalid JSON at line 1"},
        {"{\"method\": \"platt\", \"a\": 1,", "invalid JSON"},
        {"[1, 2]", "expected a JSON object"},
        {"{\"method\": \"isotonic\", \"a\": 1, \"b\": 0, \"rows\": 1, \"positives\": 0}", "'method'"},
        {"{\"a\": 1, \"b\": 0, \"rows\": 1, \"positives\": 0}", "'method'"},
        {"{\"method\": \"platt\", \"b\": 0, \"rows\": 1, \"positives\": 0}", "'a' is missing"},
        {"{\"method\": \"platt\", \"a\": \"1\", \"b\": 0, \"rows\": 1, \"positives\": 0}", "'a' must be a number"},
        {"{\"method\": \"platt\", \"a\": 1, \"b\": null, \"rows\": 1, \"positives\": 0}", "'b' must be a number"},
        {"{\"method\": \"platt\", \"a\": -0.5, \"b\": 0, \"rows\": 1, \"positives\": 0}", "reverse the ranking"},
        {"{\"method\": \"platt\", \"a\": 1, \"b\": 0, \"rows\": 1.5, \"positives\": 0}", "'rows' must be a whole number"},
        {"{\"method\": \"platt\", \"a\": 1, \"b\": 0, \"rows\": 1, \"positives\": 2}", "2 positives among 1 rows"},
        {"{\"method\": \"platt\", \"a\": 1, \"b\": 0, \"rows\": 1, \"positives\": 0, \"c\": 3}", "unknown field 'c'"},
        {"{\"method\": \"platt\", \"a\": 1, \"a\": 2, \"b\": 0, \"rows\": 1, \"positives\": 0}", "duplicate"},
        {"{\"method\": \"platt\", \"a\": 1e999, \"b\": 0, \"rows\": 1, \"positives\": 0}", "invalid JSON"},
    };
    struct calibration *c = NULL;
    struct err e;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (calibration_from_json(bad[i].text, &c, &e) != -1)
            fail_msg("accepted: %s", bad[i].text);
        if (strstr(e.msg, bad[i].msg) == NULL)
            fail_msg("%s: message '%s' lacks '%s'", bad[i].text, e.msg, bad[i].msg);
        assert_non_null(strstr(e.msg, "calibration: "));
    }
    assert_null(c);
    /* An integer slope is a number like any other. */
    assert_int_equal(calibration_from_json("{\"method\": \"platt\", \"a\": 1, \"b\": 0, \"rows\": 4, "
                                           "\"positives\": 1}", &c, &e), 0);
    assert_near(calibration_apply(c, 0), 0.5, 1e-15);
    calibration_free(c);
}

static void test_bad_fit_input(void **state)
{
    const float m[3] = {0, NAN, 1}, y[3] = {0, 1, 1}, m2[3] = {0, 1, 2}, y2[3] = {0, 0.5f, 1};
    struct calibration *c = NULL;
    struct err e;

    (void)state;
    assert_int_equal(calibration_fit(m, y, 3, &c, &e), -1);
    assert_non_null(strstr(e.msg, "row 1"));
    assert_int_equal(calibration_fit(m2, y2, 3, &c, &e), -1);
    assert_non_null(strstr(e.msg, "not 0 or 1"));
    assert_int_equal(calibration_fit(m2, y2, 0, &c, &e), -1);
    assert_null(c);
}

static void test_out_of_memory(void **state)
{
    const float m[4] = {-1, 0, 1, 2}, y[4] = {0, 0, 1, 1};
    struct calibration *c = NULL;
    struct err e;

    (void)state;
    for (long n = 1; n <= 2; n++) {
        mem_fail_after(n);
        assert_int_equal(calibration_fit(m, y, 4, &c, &e), -1);
        mem_fail_after(0);
        assert_non_null(strstr(e.msg, "out of memory"));
    }
    mem_fail_after(1);
    assert_int_equal(calibration_from_json("{\"method\": \"platt\", \"a\": 1, \"b\": 0, \"rows\": 4, "
                                           "\"positives\": 1}", &c, &e), -1);
    mem_fail_after(0);
    assert_null(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_better_than_raw),
        cmocka_unit_test(test_monotone),
        cmocka_unit_test(test_never_reverses),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_bad_json),
        cmocka_unit_test(test_bad_fit_input),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
