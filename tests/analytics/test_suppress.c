/* The small-cell rule: what is withheld, and the complementary cell that
 * stops a withheld one being recovered from a row total. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analytics/suppress.h"

static void test_threshold(void **state)
{
    (void)state;
    assert_true(suppress_cell(0));
    assert_true(suppress_cell(4));
    assert_false(suppress_cell(5));
    assert_false(suppress_cell(1000));
}

static void test_row_without_total(void **state)
{
    const int64_t n[] = {12, 3, 0, 40, 4};
    bool hide[5];

    (void)state;
    assert_int_equal(suppress_row(n, 5, false, hide), 2);
    assert_false(hide[0]);
    assert_true(hide[1]);
    assert_false(hide[2]);   /* empty: shows zero, reveals no one */
    assert_false(hide[3]);
    assert_true(hide[4]);
}

static void test_row_with_total_hides_a_complement(void **state)
{
    const int64_t n[] = {12, 3, 0, 40, 9};
    bool hide[5];

    (void)state;
    /* 3 alone would be total - 12 - 40 - 9: withhold the next smallest, 9. */
    assert_int_equal(suppress_row(n, 5, true, hide), 2);
    assert_true(hide[1]);
    assert_true(hide[4]);
    assert_false(hide[0]);
    assert_false(hide[3]);
}

static void test_row_with_total_two_small(void **state)
{
    const int64_t n[] = {2, 3, 50};
    bool hide[3];

    (void)state;
    assert_int_equal(suppress_row(n, 3, true, hide), 2);
    assert_false(hide[2]);
}

static void test_row_single_cell(void **state)
{
    const int64_t n[] = {3};
    bool hide[1];

    (void)state;
    assert_int_equal(suppress_row(n, 1, true, hide), 1);
    assert_true(hide[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threshold),
        cmocka_unit_test(test_row_without_total),
        cmocka_unit_test(test_row_with_total_hides_a_complement),
        cmocka_unit_test(test_row_with_total_two_small),
        cmocka_unit_test(test_row_single_cell),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
