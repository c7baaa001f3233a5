/* Stress reasons: every code's words in English, the stored JSON read
 * strictly and written back, and bad JSON refused with a reason. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/stress_reason.h"
#include "core/buf.h"

static void reason(struct stress_reason *r, const char *code, double value, int months, const char *since)
{
    memset(r, 0, sizeof *r);
    strncpy(r->code, code, sizeof r->code - 1);
    r->value = value;
    r->months = months;
    strncpy(r->since, since, sizeof r->since - 1);
}

static void assert_words(const char *code, double value, int months, const char *since, const char *want)
{
    struct stress_reason r;
    struct buf b = BUF_INIT;

    reason(&r, code, value, months, since);
    assert_int_equal(stress_reason_text(&r, &b), 0);
    assert_string_equal(buf_cstr(&b), want);
    buf_release(&b);
}

static void test_known(void **state)
{
    (void)state;
    assert_true(stress_reason_known("turnover_down"));
    assert_true(stress_reason_known("compliance_overdue"));
    assert_false(stress_reason_known("turnover"));
    assert_false(stress_reason_known(""));
    assert_false(stress_reason_known(NULL));
}

/* The words of every code, in English (the C locale's catalogue). */
static void test_words_english(void **state)
{
    (void)state;
    assert_words("turnover_down", -0.38, 6, "", "GST turnover down 38% in 6 months");
    assert_words("turnover_down", -0.045, 3, "", "GST turnover down 4.5% in 3 months");
    assert_words("turnover_down", 0.12, 12, "", "GST turnover up 12% in 12 months");
    assert_words("turnover_down", -0.2, 0, "", "GST turnover down 20%");
    assert_words("turnover_volatile", 0.456, 0, "",
                 "Monthly GST turnover unsteady: varies by 46% over 12 months");
    assert_words("tax_ratio_down", -1.5, 0, "", "Tax paid per rupee of turnover down 1.5 points");
    assert_words("returns_late", 4, 0, "", "4 GST returns filed late in 12 months");
    assert_words("returns_late", 1, 0, "", "1 GST return filed late in 12 months");
    assert_words("returns_missing", 2, 0, "", "2 GST returns past due and not filed");
    assert_words("sma", 1, 0, "2026-03", "SMA-1 since March 2026");
    assert_words("sma", 2, 0, "", "Loan account in SMA-2");
    assert_words("dpd_peak", 75, 0, "", "Loan repayment up to 75 days late in 12 months");
    assert_words("utilisation_high", 0.97, 0, "", "Working-capital limit 97% used");
    assert_words("new_borrowing", 3, 0, "", "3 new loans taken in 6 months");
    assert_words("payments_delayed", 1, 0, "", "1 delayed payment from buyers still unpaid");
    assert_words("compliance_overdue", 5, 0, "", "5 compliance items overdue");
}

static void test_words_unknown_code(void **state)
{
    struct stress_reason r;
    struct buf b = BUF_INIT;

    (void)state;
    reason(&r, "mood", 1, 0, "");
    assert_int_equal(stress_reason_text(&r, &b), -1);
    assert_int_equal(b.len, 0);
    buf_release(&b);
}

static void test_parse_and_round_trip(void **state)
{
    const char *json = "[{\"code\":\"turnover_down\",\"value\":-0.38,\"months\":6,\"since\":\"\","
                       "\"contribution\":0.91},"
                       "{\"code\":\"sma\",\"value\":1,\"since\":\"2026-03\",\"contribution\":0.5},"
                       "{\"code\":\"returns_late\",\"value\":3}]";
    struct stress_reason r[STRESS_REASONS_MAX], back[STRESS_REASONS_MAX];
    struct buf b = BUF_INIT;
    int n = -1, m = -1;

    (void)state;
    assert_int_equal(stress_reasons_parse(json, r, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(r[0].code, "turnover_down");
    assert_true(r[0].value == -0.38);
    assert_int_equal(r[0].months, 6);
    assert_true(r[0].contribution == 0.91);
    assert_string_equal(r[1].since, "2026-03");
    assert_int_equal(r[2].months, 0);
    assert_true(r[2].contribution == 0.0);

    assert_int_equal(stress_reasons_to_json(r, n, &b), 0);
    assert_int_equal(stress_reasons_parse(buf_cstr(&b), back, &m), 0);
    assert_int_equal(m, n);
    for (int i = 0; i < n; i++) {
        assert_string_equal(back[i].code, r[i].code);
        assert_true(back[i].value == r[i].value);
        assert_true(back[i].contribution == r[i].contribution);
        assert_int_equal(back[i].months, r[i].months);
        assert_string_equal(back[i].since, r[i].since);
    }
    buf_release(&b);

    assert_int_equal(stress_reasons_parse("[]", r, &n), 0);
    assert_int_equal(n, 0);
    /* The model writes "months": 0 for every code but turnover_down, and
     * numbers as %.6g (exponents included). */
    assert_int_equal(stress_reasons_parse("[{\"code\":\"sma\",\"value\":1,\"months\":0,\"since\":\"2026-03\","
                                          "\"contribution\":1.2e-05},{\"code\":\"dpd_peak\",\"value\":1e+02,"
                                          "\"months\":0,\"since\":\"\",\"contribution\":0.5}]", r, &n), 0);
    assert_int_equal(n, 2);
    assert_true(r[1].value == 100.0);
}

static void assert_rejected(const char *json, const char *why)
{
    struct stress_reason r[STRESS_REASONS_MAX];
    struct err e = {{0}};
    int n = 77;

    assert_int_equal(stress_reasons_parse_err(json, r, &n, &e), -1);
    assert_int_equal(n, 77);                       /* unchanged on failure */
    assert_non_null(strstr(e.msg, why));
    assert_int_equal(stress_reasons_parse(json, r, &n), -1);
}

static void test_bad_input_rejected(void **state)
{
    (void)state;
    assert_rejected("", "stress reasons:");
    assert_rejected("{\"code\":\"sma\",\"value\":1}", "not an array");
    assert_rejected("[1]", "not an object");
    assert_rejected("[{\"code\":\"x\",\"value\":1}]", "known reason code");
    assert_rejected("[{\"code\":7,\"value\":1}]", "known reason code");
    assert_rejected("[{\"code\":\"sma\",\"value\":\"1\"}]", "\"value\"");
    assert_rejected("[{\"code\":\"sma\"}]", "required");
    assert_rejected("[{\"value\":1}]", "required");
    assert_rejected("[{\"code\":\"sma\",\"value\":1,\"colour\":\"red\"}]", "unknown key");
    assert_rejected("[{\"code\":\"sma\",\"value\":1,\"since\":\"2026-13\"}]", "since");
    assert_rejected("[{\"code\":\"sma\",\"value\":1,\"since\":\"March\"}]", "since");
    assert_rejected("[{\"code\":\"sma\",\"value\":1,\"months\":6}]", "turnover_down only");
    assert_rejected("[{\"code\":\"turnover_down\",\"value\":-0.1,\"months\":6.5}]", "months");
    assert_rejected("[{\"code\":\"sma\",\"value\":1e300}]", "in range");
    assert_rejected("[{\"code\":\"sma\",\"value\":1},{\"code\":\"sma\",\"value\":2}]", "twice");
    assert_rejected("[{\"code\":\"sma\",\"value\":1,\"value\":2}]", "duplicate");
    assert_rejected("[{\"code\":\"sma\",\"value\":1},{\"code\":\"dpd_peak\",\"value\":2},"
                    "{\"code\":\"returns_late\",\"value\":1},{\"code\":\"new_borrowing\",\"value\":1}]",
                    "more than three");
}

static void test_to_json_refuses_bad_reasons(void **state)
{
    struct stress_reason r;
    struct buf b = BUF_INIT;

    (void)state;
    reason(&r, "mood", 1, 0, "");
    assert_int_equal(stress_reasons_to_json(&r, 1, &b), -1);
    reason(&r, "sma", 1, 0, "26-3");
    assert_int_equal(stress_reasons_to_json(&r, 1, &b), -1);
    assert_int_equal(stress_reasons_to_json(&r, 4, &b), -1);
    assert_int_equal(b.len, 0);
    assert_int_equal(stress_reasons_to_json(&r, 0, &b), 0);
    assert_string_equal(buf_cstr(&b), "[]");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known),
        cmocka_unit_test(test_words_english),
        cmocka_unit_test(test_words_unknown_code),
        cmocka_unit_test(test_parse_and_round_trip),
        cmocka_unit_test(test_bad_input_rejected),
        cmocka_unit_test(test_to_json_refuses_bad_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
