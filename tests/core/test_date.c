/* Dates: parsing, formatting, month and financial-year arithmetic. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"

static int32_t d(const char *s)
{
    int32_t out;
    assert_int_equal(date_parse(s, strlen(s), &out, NULL), 0);
    return out;
}

static void fmt_is(int32_t v, const char *want)
{
    char got[DATE_STR_LEN];
    date_format(v, got);
    assert_string_equal(got, want);
}

static void test_epoch_and_roundtrip(void **state)
{
    (void)state;
    assert_int_equal(d("1970-01-01"), 0);
    assert_int_equal(d("1970-01-02"), 1);
    assert_int_equal(d("1969-12-31"), -1);
    assert_int_equal(d("2000-03-01") - d("2000-02-28"), 2); /* 2000 is a leap year */
    assert_int_equal(d("1900-03-01") - d("1900-02-28"), 1); /* 1900 is not */
    fmt_is(0, "1970-01-01");
    fmt_is(d("2199-12-31"), "2199-12-31");
    fmt_is(d("1900-01-01"), "1900-01-01");
}

static void test_roundtrip_every_day(void **state)
{
    char s[DATE_STR_LEN];
    (void)state;
    for (int32_t v = d("1900-01-01"); v <= d("2199-12-31"); v++) {
        int32_t back;
        date_format(v, s);
        assert_int_equal(date_parse(s, 10, &back, NULL), 0);
        assert_int_equal(back, v);
    }
}

static void test_rejects(void **state)
{
    static const char *const bad[] = {
        "2023-02-29", "2023-02-30", "2024-13-01", "2024-00-10", "2024-04-31", "2024-4-01",
        "24-04-01", "2024/04/01", "2024-04-01 ", "", "abcd-ef-gh", "1899-12-31", "2200-01-01",
        "2024-04-1x", "+024-04-01",
    };
    struct err e;
    int32_t out;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(date_parse(bad[i], strlen(bad[i]), &out, &e), -1);
    assert_int_equal(date_parse("2024-02-29", 10, &out, &e), 0);
    assert_int_equal(date_parse("2023-02-30", 10, &out, &e), -1);
    assert_non_null(strstr(e.msg, "28 days"));
}

static void test_months(void **state)
{
    (void)state;
    fmt_is(date_add_months(d("2024-01-31"), 1), "2024-02-29");
    fmt_is(date_add_months(d("2023-01-31"), 1), "2023-02-28");
    fmt_is(date_add_months(d("2024-03-15"), -3), "2023-12-15");
    fmt_is(date_add_months(d("2024-12-10"), 1), "2025-01-10");
    fmt_is(date_month_first(date_month_index(d("2024-02-17"))), "2024-02-01");
    fmt_is(date_month_last(date_month_index(d("2024-02-17"))), "2024-02-29");
    assert_int_equal(date_month_index(d("2025-01-01")) - date_month_index(d("2024-12-31")), 1);
    assert_int_equal(date_weekday(d("2026-11-25")), 2); /* a Wednesday */
    assert_int_equal(date_weekday(d("1970-01-01")), 3); /* a Thursday */
}

static void test_financial_year(void **state)
{
    char label[8];
    (void)state;
    assert_int_equal(date_fy_start_year(d("2025-03-31")), 2024);
    assert_int_equal(date_fy_start_year(d("2025-04-01")), 2025);
    fmt_is(date_fy_first(2025), "2025-04-01");
    fmt_is(date_fy_last(2025), "2026-03-31");
    date_fy_label(2025, label);
    assert_string_equal(label, "2025-26");
    date_fy_label(1999, label);
    assert_string_equal(label, "1999-00");
    assert_int_equal(date_fy_quarter(d("2025-04-01")), 1);
    assert_int_equal(date_fy_quarter(d("2025-06-30")), 1);
    assert_int_equal(date_fy_quarter(d("2025-07-01")), 2);
    assert_int_equal(date_fy_quarter(d("2025-12-31")), 3);
    assert_int_equal(date_fy_quarter(d("2026-01-01")), 4);
    assert_int_equal(date_fy_quarter(d("2026-03-31")), 4);
    fmt_is(date_fy_quarter_last(2025, 1), "2025-06-30");
    fmt_is(date_fy_quarter_last(2025, 3), "2025-12-31");
    fmt_is(date_fy_quarter_last(2025, 4), "2026-03-31");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_and_roundtrip), cmocka_unit_test(test_roundtrip_every_day),
        cmocka_unit_test(test_rejects), cmocka_unit_test(test_months),
        cmocka_unit_test(test_financial_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
