/* The stress panel: rows kept in order as it grows, and a failed growth
 * leaves what was there. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analytics/stress_matrix.h"
#include "core/alloc.h"

static void test_push_grows(void **state)
{
    struct stress_matrix *m = stress_matrix_new(3, 2);

    (void)state;
    assert_non_null(m);
    for (int i = 0; i < 100; i++) {
        float x[3] = {(float)i, i % 2 ? NAN : 1.0f, -(float)i};
        assert_int_equal(stress_matrix_push(m, 1000 + i, 24300 + i, x, i < 90 ? (float)(i % 3 == 0) : NAN), 0);
    }
    assert_int_equal(m->rows, 100);
    assert_true(m->cap >= 100);
    for (size_t i = 0; i < 100; i++) {
        assert_float_equal(m->x[i * 3], (float)i, 0);
        assert_true(i % 2 ? isnan(m->x[i * 3 + 1]) : m->x[i * 3 + 1] == 1.0f);
        assert_float_equal(m->x[i * 3 + 2], -(float)i, 0);
        assert_int_equal(m->enterprise_id[i], 1000 + (int64_t)i);
        assert_int_equal(m->month[i], 24300 + (int32_t)i);
        if (i < 90)
            assert_float_equal(m->label[i], (float)(i % 3 == 0), 0);
        else
            assert_true(isnan(m->label[i]));
    }
    stress_matrix_free(m);
}

static void test_no_columns(void **state)
{
    (void)state;
    assert_null(stress_matrix_new(0, 10));
    stress_matrix_free(NULL);
}

static void test_growth_failure_keeps_rows(void **state)
{
    struct stress_matrix *m = stress_matrix_new(2, 1);
    const float a[2] = {1, 2}, b[2] = {3, 4};

    (void)state;
    assert_non_null(m);
    assert_int_equal(stress_matrix_push(m, 1, 1, a, 0), 0);
    for (long n = 1; n <= 4; n++) {   /* each of the four arrays failing in turn */
        mem_fail_after(n);
        assert_int_equal(stress_matrix_push(m, 2, 2, b, 1), -1);
        mem_fail_after(0);
        assert_int_equal(m->rows, 1);
        assert_float_equal(m->x[1], 2, 0);
    }
    assert_int_equal(stress_matrix_push(m, 2, 2, b, 1), 0);
    assert_int_equal(m->rows, 2);
    assert_float_equal(m->x[3], 4, 0);
    stress_matrix_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_push_grows),
        cmocka_unit_test(test_no_columns),
        cmocka_unit_test(test_growth_failure_keeps_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
