/* The overlap pictures: the matrix's colour steps, its upper triangle,
 * withheld cells hatched, names escaped and cut with their full text in a
 * title; the bar chart's lengths, values and withheld stub. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "web/svg_bars.h"
#include "web/svg_matrix.h"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_steps(void **state)
{
    (void)state;
    assert_int_equal(svg_matrix_step(0.0), 0);
    assert_int_equal(svg_matrix_step(0.0999), 0);
    assert_int_equal(svg_matrix_step(0.10), 1);
    assert_int_equal(svg_matrix_step(0.25), 2);
    assert_int_equal(svg_matrix_step(0.4999), 2);
    assert_int_equal(svg_matrix_step(0.5), 3);
    assert_int_equal(svg_matrix_step(0.75), 4);
    assert_int_equal(svg_matrix_step(1.0), 4);
}

static void test_matrix(void **state)
{
    const char *names[3] = {"A & B scheme", "Second", "A scheme whose name is far too long to fit"};
    /* upper triangle: (0,1) 0.6, (0,2) withheld, (1,2) 0.05; the rest ignored */
    const double v[9] = {9, 0.6, -1, 9, 9, 0.05, 9, 9, 9};
    struct svg_matrix m = {"Overlap <test>", "Jaccard", 3, names, v};
    struct buf b = BUF_INIT;
    const char *s;

    (void)state;
    assert_int_equal(svg_matrix_put(&b, &m), 0);
    s = buf_cstr(&b);
    assert_non_null(strstr(s, "role=\"img\""));
    assert_non_null(strstr(s, "aria-label=\"Overlap &lt;test&gt;\""));
    /* three cells of the triangle, plus six legend swatches */
    assert_int_equal(count(s, "<use href=\"#mx\" x=\"") - 6, 3);
    assert_non_null(strstr(s, "<g fill=\"url(#mx-w)\">"));       /* the withheld cell, hatched */
    assert_non_null(strstr(s, "<g fill=\"#e31a1c\">"));          /* 0.6: step 3 */
    assert_non_null(strstr(s, "<g fill=\"#ffffcc\">"));          /* 0.05: step 0 */
    assert_non_null(strstr(s, "<title>A &amp; B scheme</title>1. A &amp; B scheme"));
    assert_non_null(strstr(s, "<title>A scheme whose name is far too long to fit</title>3. A scheme whose "
                              "name is far t…"));
    buf_release(&b);
}

static void test_bars(void **state)
{
    const struct svg_bar bars[2] = {{"PUNE, Maharashtra", 0.5, false}, {"3 districts withheld", 0, true}};
    struct buf b = BUF_INIT;
    const char *s;

    (void)state;
    assert_int_equal(svg_bars_put(&b, "Gap by district", bars, 2), 0);
    s = buf_cstr(&b);
    assert_non_null(strstr(s, "aria-label=\"Gap by district\""));
    assert_non_null(strstr(s, "width=\"130\" height=\"14\" fill=\"#800026\""));   /* half of 260 px */
    assert_non_null(strstr(s, ">50%</text>"));
    assert_non_null(strstr(s, "<title>PUNE, Maharashtra: 50%</title>"));
    assert_non_null(strstr(s, "fill=\"url(#bar-w)\""));
    assert_int_equal(count(s, "<g transform="), 2);
    buf_release(&b);
}

static void test_short(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    /* Devanagari: cut on code points, never inside one */
    assert_int_equal(svg_put_short(&b, "पीएम विश्वकर्मा", 4), 0);
    assert_string_equal(buf_cstr(&b), "पीएम…");
    buf_reset(&b);
    assert_int_equal(svg_put_short(&b, "<ok>", 4), 0);
    assert_string_equal(buf_cstr(&b), "&lt;ok&gt;");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps),
        cmocka_unit_test(test_matrix),
        cmocka_unit_test(test_bars),
        cmocka_unit_test(test_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
