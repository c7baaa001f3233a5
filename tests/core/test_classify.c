/* Classification at every boundary, under the 2006, 2020 and 2025 limits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/classify.h"
#include "core/date.h"
#include "core/money.h"

#define CR MONEY_CRORE
#define LAKH MONEY_LAKH

struct class_case {
    const char *on;
    int64_t investment, turnover, exports;
    enum limit_activity activity;
    enum msme_class want;
};

static const struct class_case cases[] = {
    /* 2025 limits (S.O. 1364(E)): micro 2.5 cr / 10 cr, small 25 / 100, medium 125 / 500 */
    {"2025-04-01", 250 * LAKH, 10 * CR, 0, LIMIT_ANY, CLASS_MICRO},      /* both at the limit: inclusive */
    {"2025-04-01", 250 * LAKH + 1, 10 * CR, 0, LIMIT_ANY, CLASS_SMALL},  /* one paisa over investment */
    {"2025-04-01", 250 * LAKH, 10 * CR + 1, 0, LIMIT_ANY, CLASS_SMALL},  /* one paisa over turnover */
    {"2025-04-01", 0, 0, 0, LIMIT_ANY, CLASS_MICRO},
    {"2025-04-01", 25 * CR, 100 * CR, 0, LIMIT_ANY, CLASS_SMALL},
    {"2025-04-01", 25 * CR + 1, 100 * CR, 0, LIMIT_ANY, CLASS_MEDIUM},
    {"2025-04-01", 25 * CR, 100 * CR + 1, 0, LIMIT_ANY, CLASS_MEDIUM},
    {"2025-04-01", 125 * CR, 500 * CR, 0, LIMIT_ANY, CLASS_MEDIUM},
    {"2025-04-01", 125 * CR + 1, 500 * CR, 0, LIMIT_ANY, CLASS_LARGE},
    {"2025-04-01", 125 * CR, 500 * CR + 1, 0, LIMIT_ANY, CLASS_LARGE},
    {"2025-04-01", 1 * LAKH, 600 * CR, 0, LIMIT_ANY, CLASS_LARGE},       /* turnover alone decides */
    {"2025-04-01", 200 * CR, 1 * CR, 0, LIMIT_ANY, CLASS_LARGE},         /* investment alone decides */
    /* exports are excluded from turnover */
    {"2025-04-01", 1 * CR, 15 * CR, 5 * CR, LIMIT_ANY, CLASS_MICRO},
    {"2025-04-01", 1 * CR, 15 * CR, 5 * CR - 1, LIMIT_ANY, CLASS_SMALL},
    {"2025-04-01", 1 * CR, 600 * CR, 595 * CR, LIMIT_ANY, CLASS_MICRO},
    {"2025-04-01", 1 * CR, 600 * CR, 550 * CR, LIMIT_ANY, CLASS_SMALL},
    /* 2020 limits (S.O. 2119(E)): micro 1 / 5, small 10 / 50, medium 50 / 250 */
    {"2025-03-31", 1 * CR, 5 * CR, 0, LIMIT_ANY, CLASS_MICRO},
    {"2025-03-31", 1 * CR + 1, 5 * CR, 0, LIMIT_ANY, CLASS_SMALL},
    {"2025-03-31", 1 * CR, 5 * CR + 1, 0, LIMIT_ANY, CLASS_SMALL},
    {"2025-03-31", 10 * CR, 50 * CR, 0, LIMIT_ANY, CLASS_SMALL},
    {"2025-03-31", 10 * CR + 1, 50 * CR, 0, LIMIT_ANY, CLASS_MEDIUM},
    {"2025-03-31", 50 * CR, 250 * CR, 0, LIMIT_ANY, CLASS_MEDIUM},
    {"2025-03-31", 50 * CR, 250 * CR + 1, 0, LIMIT_ANY, CLASS_LARGE},
    {"2020-07-01", 1 * CR, 5 * CR, 0, LIMIT_ANY, CLASS_MICRO},
    /* the same unit changes class on the switch date */
    {"2025-03-31", 2 * CR, 8 * CR, 0, LIMIT_ANY, CLASS_SMALL},
    {"2025-04-01", 2 * CR, 8 * CR, 0, LIMIT_ANY, CLASS_MICRO},
    /* 2006 Act: investment only, manufacturing and services apart */
    {"2020-06-30", 25 * LAKH, 900 * CR, 0, LIMIT_MANUFACTURING, CLASS_MICRO},
    {"2020-06-30", 25 * LAKH + 1, 0, 0, LIMIT_MANUFACTURING, CLASS_SMALL},
    {"2020-06-30", 5 * CR, 0, 0, LIMIT_MANUFACTURING, CLASS_SMALL},
    {"2020-06-30", 10 * CR + 1, 0, 0, LIMIT_MANUFACTURING, CLASS_LARGE},
    {"2020-06-30", 10 * LAKH, 0, 0, LIMIT_SERVICES, CLASS_MICRO},
    {"2020-06-30", 10 * LAKH + 1, 0, 0, LIMIT_SERVICES, CLASS_SMALL},
    {"2020-06-30", 5 * CR, 0, 0, LIMIT_SERVICES, CLASS_MEDIUM},
    {"2020-06-30", 5 * CR + 1, 0, 0, LIMIT_SERVICES, CLASS_LARGE},
};

static void test_boundaries(void **state)
{
    const struct refdata *ref = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct class_case *c = &cases[i];
        struct classify_input in = {c->investment, c->turnover, c->exports, 0, c->activity};
        struct classify_result r;
        struct err e;
        assert_int_equal(date_parse(c->on, 10, &in.on, NULL), 0);
        if (classify(ref, &in, &r, &e) != 0)
            fail_msg("case %zu: %s", i, e.msg);
        if (r.cls != c->want)
            fail_msg("case %zu on %s: got %s, want %s", i, c->on, msme_class_name(r.cls),
                     msme_class_name(c->want));
    }
}

static void test_errors(void **state)
{
    const struct refdata *ref = *state;
    struct classify_input in = {1, 10, 20, 0, LIMIT_ANY};
    struct classify_result r;
    struct err e;

    assert_int_equal(date_parse("2025-06-01", 10, &in.on, NULL), 0);
    assert_int_equal(classify(ref, &in, &r, &e), -1); /* exports above turnover */
    assert_non_null(strstr(e.msg, "exports"));
    in.exports = 0;
    assert_int_equal(date_parse("2019-01-01", 10, &in.on, NULL), 0);
    assert_int_equal(classify(ref, &in, &r, &e), -1); /* 2006 Act needs the activity */
    assert_non_null(strstr(e.msg, "activity"));
    assert_int_equal(date_parse("2006-10-01", 10, &in.on, NULL), 0);
    in.activity = LIMIT_SERVICES;
    assert_int_equal(classify(ref, &in, &r, &e), -1); /* before the Act */
}

static void test_explanation(void **state)
{
    const struct refdata *ref = *state;
    struct classify_input in = {2 * CR, 12 * CR, 0, 0, LIMIT_ANY};
    struct classify_result r;
    struct buf why = BUF_INIT;

    assert_int_equal(date_parse("2025-06-01", 10, &in.on, NULL), 0);
    assert_int_equal(classify(ref, &in, &r, NULL), 0);
    assert_int_equal(r.cls, CLASS_SMALL);
    assert_string_equal(r.regime_limit->regime, "so1364");
    assert_int_equal(classify_explain(&in, &r, &why), 0);
    assert_non_null(strstr(buf_cstr(&why), "above the micro limit of ₹10,00,00,000"));
    assert_non_null(strstr(buf_cstr(&why), "S.O. 1364(E)"));
    buf_release(&why);
}

static int setup(void **state)
{
    struct refdata *ref;
    if (refdata_load(&ref, NULL) != 0)
        return -1;
    *state = ref;
    return 0;
}

static int teardown(void **state)
{
    refdata_free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundaries), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_explanation),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
