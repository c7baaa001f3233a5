/* The before/after bars: bar widths in proportion to the shares (330 px
 * is a share of 1), the value written beside each bar, a withheld value
 * drawn as words and no bar, labels escaped, no style attribute, too many
 * rows refused. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "web/svg_bar_pairs.h"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_bars_and_values(void **state)
{
    const struct svg_bar_row rows[] = {{"Women", 0.5, 0.25}, {"A<B & C", 0.1, NAN}};
    struct buf b = BUF_INIT;
    const char *s;

    (void)state;
    assert_int_equal(svg_bar_pairs(&b, rows, 2, "Before", "After", "Shares", "withheld"), 0);
    s = buf_cstr(&b);
    /* two legend squares and three bars: the withheld one has none */
    assert_int_equal(count(s, "<rect"), 5);
    assert_non_null(strstr(s, "width=\"165.0\""));    /* 0.5 × 330 */
    assert_non_null(strstr(s, "width=\"82.5\""));     /* 0.25 × 330 */
    assert_non_null(strstr(s, "width=\"33.0\""));     /* 0.1 × 330 */
    assert_non_null(strstr(s, ">50.0%</text>"));
    assert_non_null(strstr(s, ">25.0%</text>"));
    assert_non_null(strstr(s, ">withheld</text>"));
    assert_non_null(strstr(s, "A&lt;B &amp; C"));
    assert_non_null(strstr(s, "role=\"img\" aria-label=\"Shares\"><title>Shares</title>"));
    assert_null(strstr(s, "style="));
    assert_int_equal(count(s, "<svg"), 1);
    assert_non_null(strstr(s, "</svg>"));
    buf_release(&b);
}

static void test_limits(void **state)
{
    struct svg_bar_row rows[SVG_BAR_PAIRS_MAX + 1];
    struct buf b = BUF_INIT;

    (void)state;
    for (size_t i = 0; i <= SVG_BAR_PAIRS_MAX; i++)
        rows[i] = (struct svg_bar_row){"x", 2.0, -1.0};   /* clamped to [0, 1] */
    assert_int_equal(svg_bar_pairs(&b, rows, SVG_BAR_PAIRS_MAX + 1, "b", "a", "c", "w"), -1);
    buf_reset(&b);
    assert_int_equal(svg_bar_pairs(&b, rows, 1, "b", "a", "c", "w"), 0);
    assert_non_null(strstr(buf_cstr(&b), "width=\"330.0\""));
    assert_non_null(strstr(buf_cstr(&b), "width=\"0.0\""));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bars_and_values),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
