/* The Bank Rate table: the shipped data/bank_rate.csv loads, lookups take
 * the rate in force on a day (a change counts from its effective date),
 * and a table that contradicts itself is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "calendar/bank_rate.h"
#include "core/date.h"

static int32_t day(const char *iso)
{
    int32_t d;

    assert_int_equal(date_parse(iso, strlen(iso), &d, NULL), 0);
    return d;
}

static int rate_on(const struct bank_rates *t, const char *iso)
{
    int bp = -1;
    struct err e;

    assert_int_equal(bank_rate_on(t, day(iso), &bp, &e), 0);
    return bp;
}

static void test_shipped_table(void **state)
{
    struct bank_rates *t = NULL;
    struct err e;
    int bp;

    (void)state;
    assert_int_equal(bank_rates_load(&t, &e), 0);
    assert_int_equal(t->n, 38);   /* data/SOURCES.md §6: 38 rows */
    assert_int_equal(rate_on(t, "2003-04-29"), 600);
    assert_int_equal(rate_on(t, "2012-02-12"), 600);
    assert_int_equal(rate_on(t, "2012-02-13"), 950);
    /* 6.75 % from 8 Feb 2023 until the cut of 7 Feb 2025 */
    assert_int_equal(rate_on(t, "2023-02-08"), 675);
    assert_int_equal(rate_on(t, "2025-02-06"), 675);
    assert_int_equal(rate_on(t, "2025-02-07"), 650);
    assert_int_equal(rate_on(t, "2025-04-09"), 625);
    assert_int_equal(rate_on(t, "2030-01-01"), 550);   /* the last row stays in force */
    assert_int_equal(bank_rate_on(t, day("2003-04-28"), &bp, &e), -1);
    assert_non_null(strstr(e.msg, "2003-04-29"));
    bank_rates_free(t);
}

static int parse(const char *text, struct err *e)
{
    struct bank_rates *t = NULL;
    int rc = bank_rates_parse(text, strlen(text), "t.csv", &t, e);

    bank_rates_free(t);
    return rc;
}

#define HEADER "effective_date,bank_rate_pct,msmed_s16_rate_pct_3x,note,source\n"

static void test_refuses_bad_tables(void **state)
{
    struct err e;

    (void)state;
    assert_int_equal(parse(HEADER "2020-01-01,6.5,19.50,,http://x\n2021-01-01,6.25,18.75,,http://y\n", &e), 0);
    assert_int_equal(parse(HEADER "2020-01-01,6.50,19.00,,http://x\n", &e), -1);
    assert_non_null(strstr(e.msg, "three times"));
    assert_int_equal(parse(HEADER "2021-01-01,6.50,19.50,,x\n2020-01-01,6.25,18.75,,y\n", &e), -1);
    assert_non_null(strstr(e.msg, "not after"));
    assert_int_equal(parse(HEADER "2020-01-01,6.50,19.50,,\n", &e), -1);
    assert_non_null(strstr(e.msg, "source"));
    assert_int_equal(parse(HEADER "2020-01-01,6.505,19.515,,x\n", &e), -1);
    assert_int_equal(parse(HEADER "2020-01-01,abc,19.50,,x\n", &e), -1);
    assert_int_equal(parse(HEADER "2020-02-30,6.50,19.50,,x\n", &e), -1);
    assert_non_null(strstr(e.msg, "line 2"));
    assert_int_equal(parse("date,rate\n2020-01-01,6.5\n", &e), -1);
    assert_int_equal(parse(HEADER, &e), -1);
    assert_non_null(strstr(e.msg, "no rates"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_table),
        cmocka_unit_test(test_refuses_bad_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
