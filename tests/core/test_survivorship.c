/* The survivorship table: parsing (and its errors), ranks, and the choice
 * it makes: trust first, then the more recent value, then the later one
 * recorded; a source not named for a field is never used. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/survivorship.h"

static struct survivorship *parse(const char *text, struct err *e)
{
    struct survivorship *t = NULL;

    if (survivorship_parse(text, strlen(text), "t.csv", &t, e) != 0)
        return NULL;
    return t;
}

static int32_t day(const char *iso)
{
    int32_t d;

    assert_int_equal(date_parse(iso, strlen(iso), &d, NULL), 0);
    return d;
}

static void test_shipped_table_loads(void **state)
{
    struct survivorship *t;
    struct err e;

    (void)state;
    assert_int_equal(survivorship_load(&t, &e), 0);
    /* the officer wins everywhere; GST beats Udyam on turnover only */
    assert_true(survivorship_rank(t, PF_TURNOVER, GS_OFFICER) > survivorship_rank(t, PF_TURNOVER, GS_GST));
    assert_true(survivorship_rank(t, PF_TURNOVER, GS_GST) > survivorship_rank(t, PF_TURNOVER, GS_UDYAM));
    assert_true(survivorship_rank(t, PF_INVESTMENT, GS_UDYAM) > survivorship_rank(t, PF_INVESTMENT, GS_GST));
    assert_int_equal(survivorship_rank(t, PF_TURNOVER, GS_UDYAM), survivorship_rank(t, PF_TURNOVER, GS_SELF));
    /* a beneficiary list never decides a turnover */
    assert_int_equal(survivorship_rank(t, PF_TURNOVER, GS_BENEFICIARY), 0);
    survivorship_free(t);
}

static void test_choose_trust_then_recency(void **state)
{
    struct err e;
    struct survivorship *t = parse("field,trust,why\n*,officer>udyam=self>gst,default\n"
                                   "enterprise.turnover,gst>udyam=self,filings\n", &e);
    struct golden_candidate c[3] = {
        {GS_UDYAM, 0, 1}, {GS_SELF, 0, 2}, {GS_GST, 0, 3},
    };

    (void)state;
    assert_non_null(t);
    c[0].as_of = day("2024-01-10");
    c[1].as_of = day("2025-06-01");
    c[2].as_of = day("2023-03-31");
    /* turnover: GST wins however old */
    assert_int_equal(survivorship_choose(t, PF_TURNOVER, c, 3), 2);
    /* investment (default row): udyam = self, so the newer one (self) */
    assert_int_equal(survivorship_choose(t, PF_INVESTMENT, c, 3), 1);
    c[0].as_of = day("2026-01-01");
    assert_int_equal(survivorship_choose(t, PF_INVESTMENT, c, 3), 0);
    /* same day: the later-recorded value */
    c[1].as_of = c[0].as_of;
    assert_int_equal(survivorship_choose(t, PF_INVESTMENT, c, 3), 1);
    /* an unknown date loses to a known one of equal trust */
    c[1].as_of = DATE_UNKNOWN;
    assert_int_equal(survivorship_choose(t, PF_INVESTMENT, c, 3), 0);
    /* the officer beats everything in the default row... */
    c[2].source = GS_OFFICER;
    assert_int_equal(survivorship_choose(t, PF_INVESTMENT, c, 3), 2);
    /* ...but the turnover row does not name it, so there it is never used */
    assert_int_equal(survivorship_choose(t, PF_TURNOVER, c, 3), 0);
    assert_int_equal(survivorship_choose(t, PF_TURNOVER, c, 0), -1);
    survivorship_free(t);
}

static void test_unnamed_source_is_never_used(void **state)
{
    struct err e;
    struct survivorship *t = parse("field,trust,why\n*,officer,only officers\n", &e);
    struct golden_candidate c[1] = {{GS_UDYAM, 0, 1}};

    (void)state;
    assert_non_null(t);
    assert_int_equal(survivorship_choose(t, PF_NAME, c, 1), -1);
    survivorship_free(t);
}

static void expect_error(const char *text, const char *fragment)
{
    struct err e = {0};

    assert_null(parse(text, &e));
    if (strstr(e.msg, fragment) == NULL)
        fail_msg("error '%s' lacks '%s'", e.msg, fragment);
}

static void test_errors_say_where(void **state)
{
    (void)state;
    expect_error("", "no header");
    expect_error("a,b,c\n", "header must be");
    expect_error("field,trust,why\n", "no default row");
    expect_error("field,trust,why\n*,officer,x\nenterprise.bogus,udyam,x\n", "line 3: 'enterprise.bogus' is not a profile field");
    expect_error("field,trust,why\n*,officer>nobody,x\n", "'nobody' is not a source");
    expect_error("field,trust,why\n*,officer>udyam=officer,x\n", "named twice");
    expect_error("field,trust,why\n*,officer,x\n*,udyam,y\n", "listed twice");
    expect_error("field,trust,why\n*,officer,\n", "needs its reason");
    expect_error("field,trust,why\n*,officer>,x\n", "is not a source");
    expect_error("field,trust,why\n*,officer\n", "2 fields");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_table_loads),
        cmocka_unit_test(test_choose_trust_then_recency),
        cmocka_unit_test(test_unnamed_source_is_never_used),
        cmocka_unit_test(test_errors_say_where),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
