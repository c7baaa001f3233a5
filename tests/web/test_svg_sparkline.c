/* The sparkline: one line for a full series, a gap where a value is
 * withheld (NAN), a dot for a lone point, the label escaped, sizes
 * refused. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "web/svg_sparkline.h"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_full_series(void **state)
{
    const double v[] = {1, 2, 3, 2};
    struct buf b = BUF_INIT;

    (void)state;
    assert_int_equal(svg_sparkline(&b, v, 4, 100, 20, "Turnover"), 0);
    assert_int_equal(count(buf_cstr(&b), "<polyline"), 1);
    /* x runs 2..98; y: the minimum 1 at the bottom (18), the maximum 3 at the top (2). */
    assert_non_null(strstr(buf_cstr(&b), "points=\"2.0,18.0 34.0,10.0 66.0,2.0 98.0,10.0\""));
    assert_int_equal(count(buf_cstr(&b), "<circle"), 1);  /* the last value */
    assert_non_null(strstr(buf_cstr(&b), "role=\"img\" aria-label=\"Turnover\"><title>Turnover</title>"));
    assert_null(strstr(buf_cstr(&b), "style="));
    buf_release(&b);
}

static void test_gaps(void **state)
{
    const double v[] = {1, 2, NAN, 3, NAN, 4, 5};
    struct buf b = BUF_INIT;

    (void)state;
    assert_int_equal(svg_sparkline(&b, v, 7, 100, 20, "x"), 0);
    /* Runs {1,2}, {3}, {4,5}: two lines, a dot for the lone 3, the end dot. */
    assert_int_equal(count(buf_cstr(&b), "<polyline"), 2);
    assert_int_equal(count(buf_cstr(&b), "<circle"), 2);
    buf_release(&b);
}

static void test_flat_empty_and_label(void **state)
{
    const double flat[] = {7, 7, 7};
    const double none[] = {NAN, NAN};
    struct buf b = BUF_INIT;

    (void)state;
    assert_int_equal(svg_sparkline(&b, flat, 3, 20, 10, "<b>&\""), 0);
    assert_non_null(strstr(buf_cstr(&b), "points=\"2.0,5.0 10.0,5.0 18.0,5.0\""));
    assert_non_null(strstr(buf_cstr(&b), "aria-label=\"&lt;b&gt;&amp;&quot;\""));
    buf_reset(&b);
    assert_int_equal(svg_sparkline(&b, none, 2, 20, 10, "none"), 0);
    assert_null(strstr(buf_cstr(&b), "<polyline"));
    assert_null(strstr(buf_cstr(&b), "<circle"));
    assert_non_null(strstr(buf_cstr(&b), "</svg>"));
    buf_reset(&b);
    assert_int_equal(svg_sparkline(&b, flat, 3, 4, 10, "x"), -1);
    assert_int_equal(svg_sparkline(&b, flat, SVG_SPARKLINE_MAX + 1, 100, 10, "x"), -1);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_series),
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_flat_empty_and_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
