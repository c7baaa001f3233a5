/* Money: parsing what people type, checked arithmetic, formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/money.h"

struct parse_case {
    const char *in;
    int64_t paise; /* -1: must be rejected */
};

static const struct parse_case cases[] = {
    {"0", 0}, {"1234.50", 123450}, {"1234.5", 123450}, {"1234", 123400}, {"0.01", 1},
    {"12,34,567", 123456700}, {"1,234,567", 123456700}, {"1,00,000", 10000000},
    {"100,000", 10000000}, {"12.5 lakh", 125000000}, {"12.5 Lakh", 125000000},
    {"12.5lakh", 125000000}, {"1 lakh", 10000000}, {"1.2 crore", 1200000000},
    {"1.2 Cr", 1200000000}, {"2 करोड़", 2000000000}, {"3 लाख", 30000000},
    {"₹ 5,000", 500000}, {"₹5000", 500000}, {"Rs. 5000", 500000}, {"rs 5000", 500000},
    {"INR 5000.75", 500075}, {"  42  ", 4200}, {"1.23456789 crore", 1234567890},
    {"1.2345678 lakh", 12345678}, {"50 thousand", 5000000}, {"0.50", 50}, {"1234.500", 123450},
    /* rejected */
    {"", -1}, {"abc", -1}, {"12,3,45", -1}, {"1,2345", -1}, {",123", -1}, {"123,", -1},
    {"12.345", -1}, {"1.", -1}, {"-5", -1}, {"1.2.3", -1}, {"5 lakhs crore", -1},
    {"1e5", -1}, {"12 lakhx", -1}, {"1.234567891 crore", 1234567891}, {"1.2345678912 crore", -1}, {"99999999999999999999", -1},
    {"₹", -1}, {"12 34", -1}, {"0x10", -1}, {"1,23,45,678", 12345678 * 100LL},
    {"12,345,678", 12345678 * 100LL}, {"123,45,678", -1},
};

static void test_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t got = -7;
        struct err e;
        int rc = money_parse(cases[i].in, strlen(cases[i].in), false, &got, &e);
        if (cases[i].paise < 0) {
            if (rc != -1)
                fail_msg("'%s' should be rejected, got %lld", cases[i].in, (long long)got);
        } else {
            if (rc != 0)
                fail_msg("'%s' rejected: %s", cases[i].in, e.msg);
            if (got != cases[i].paise)
                fail_msg("'%s' gave %lld paise, want %lld", cases[i].in, (long long)got,
                         (long long)cases[i].paise);
        }
    }
}

static void test_negative_allowed(void **state)
{
    int64_t v;
    (void)state;
    assert_int_equal(money_parse("-12.50", 6, true, &v, NULL), 0);
    assert_int_equal(v, -1250);
    assert_int_equal(money_parse("-₹1 lakh", strlen("-₹1 lakh"), true, &v, NULL), 0);
    assert_int_equal(v, -MONEY_LAKH);
}

static void test_checked_arithmetic(void **state)
{
    int64_t out = 99;
    (void)state;
    assert_int_equal(money_add(INT64_MAX, 1, &out), -1);
    assert_int_equal(out, 99);
    assert_int_equal(money_sub(INT64_MIN, 1, &out), -1);
    assert_int_equal(money_mul(INT64_MAX / 2 + 1, 2, &out), -1);
    assert_int_equal(money_add(5, 7, &out), 0);
    assert_int_equal(out, 12);
    /* 35% of 15 lakh = 5.25 lakh */
    assert_int_equal(money_mul_ratio(15 * MONEY_LAKH, 35, 100, &out), 0);
    assert_int_equal(out, 525000 * 100LL);
    /* rounding half away from zero */
    assert_int_equal(money_mul_ratio(5, 1, 2, &out), 0);
    assert_int_equal(out, 3);
    assert_int_equal(money_mul_ratio(-5, 1, 2, &out), 0);
    assert_int_equal(out, -3);
    assert_int_equal(money_mul_ratio(INT64_MAX, 3, 2, &out), -1);
    assert_int_equal(money_mul_ratio(10, 1, 0, &out), -1);
}

static void test_format(void **state)
{
    char s[MONEY_STR_MAX];
    (void)state;
    money_format(123450, s);
    assert_string_equal(s, "1234.50");
    money_format(123400, s);
    assert_string_equal(s, "1234");
    money_format(-5, s);
    assert_string_equal(s, "-0.05");
    money_format_inr(123456750, s);
    assert_string_equal(s, "₹12,34,567.50");
    money_format_inr(100000000000LL, s);
    assert_string_equal(s, "₹1,00,00,00,000");
    money_format_inr(99900, s);
    assert_string_equal(s, "₹999");
    money_format_inr(100000, s);
    assert_string_equal(s, "₹1,000");
    money_format_inr(INT64_MIN, s); /* must not crash */
}

static void test_from_rupees(void **state)
{
    int64_t v;
    struct err e;
    (void)state;
    assert_int_equal(money_from_rupees(1234.57, &v, &e), 0);
    assert_int_equal(v, 123457);
    assert_int_equal(money_from_rupees(0.07, &v, &e), 0);
    assert_int_equal(v, 7);
    assert_int_equal(money_from_rupees(1.005, &v, &e), -1);
    assert_int_equal(money_from_rupees(1e300, &v, &e), -1);
    assert_int_equal(money_from_rupees(525000, &v, &e), 0);
    assert_int_equal(v, 52500000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table), cmocka_unit_test(test_negative_allowed),
        cmocka_unit_test(test_checked_arithmetic), cmocka_unit_test(test_format),
        cmocka_unit_test(test_from_rupees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
