/* The heatmap's picture: colour steps, text contrast on each, the words in
 * each cell, withheld and empty cells, and the accessible parts. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "wcag.h"

#include "web/svg_heatmap.h"

static void test_contrast_of_every_step(void **state)
{
    (void)state;
    assert_true(wcag_contrast("#000000", "#ffffff") > 20.9);   /* the formula itself */
    for (int i = 0; i < SVG_HEATMAP_BINS; i++) {
        const struct svg_heatmap_bin *b = svg_heatmap_bin(i);
        assert_non_null(b);
        assert_true(wcag_contrast(b->fill, b->ink) >= 4.5);
        /* Darker with each step, so the order reads in greyscale. */
        if (i > 0)
            assert_true(wcag_luminance(b->fill) < wcag_luminance(svg_heatmap_bin(i - 1)->fill));
    }
    assert_null(svg_heatmap_bin(SVG_HEATMAP_BINS));
}

static void test_steps(void **state)
{
    (void)state;
    assert_int_equal(svg_heatmap_bin_of(0), 0);
    assert_int_equal(svg_heatmap_bin_of(0.0099), 0);
    assert_int_equal(svg_heatmap_bin_of(0.01), 1);
    assert_int_equal(svg_heatmap_bin_of(0.03), 2);
    assert_int_equal(svg_heatmap_bin_of(0.05), 3);
    assert_int_equal(svg_heatmap_bin_of(0.1), 4);
    assert_int_equal(svg_heatmap_bin_of(1), 4);
    assert_int_equal(svg_heatmap_bin_of(NAN), 0);
}

static void assert_share(double share, const char *want)
{
    char out[16];

    svg_heatmap_share_text(share, out, sizeof out);
    assert_string_equal(out, want);
}

static void test_share_text(void **state)
{
    (void)state;
    assert_share(0, "0%");
    assert_share(0.004, "<1%");
    assert_share(0.045, "4.5%");
    assert_share(0.05, "5%");
    assert_share(0.2345, "23%");
    assert_share(1, "100%");
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_picture(void **state)
{
    const char *rows[] = {"Pune", "A district with a very long name indeed"};
    const char *cols[] = {"Food", "Trade <&>"};
    const struct svg_heatmap_cell cells[] = {
        {SVG_CELL_VALUE, 0.4, 5}, {SVG_CELL_WITHHELD, 0, 0},
        {SVG_CELL_EMPTY, 0, 0}, {SVG_CELL_VALUE, 0.02, 50},
    };
    struct svg_heatmap h = {.label = "Stress \"by\" district", .legend_title = "Share in stress",
                            .rows = 2, .cols = 2, .row_labels = rows, .col_labels = cols, .cells = cells};
    struct buf b = BUF_INIT;
    const char *s;

    (void)state;
    assert_int_equal(svg_heatmap_put(&b, &h), 0);
    s = buf_cstr(&b);
    assert_non_null(strstr(s, "role=\"img\""));
    assert_non_null(strstr(s, "aria-label=\"Stress &quot;by&quot; district\""));
    assert_non_null(strstr(s, "Trade &lt;&amp;&gt;"));
    assert_non_null(strstr(s, "<title>Pune</title>"));
    assert_non_null(strstr(s, "<title>A district with a very long name indeed</title>"));
    assert_non_null(strstr(s, ">A district with a very l…<"));          /* cut on screen only */
    assert_non_null(strstr(s, "class=\"c h4\"><title>40% of 5 in stress</title>"));
    assert_non_null(strstr(s, "class=\"v\">40%</text>"));
    assert_non_null(strstr(s, "class=\"c h2\"><title>2% of 50 in stress</title>"));
    /* Withheld: hatched, an x, and no number. */
    assert_non_null(strstr(s, "class=\"c hw\" fill=\"url(#hm-w)\"><title>withheld</title>"));
    assert_int_equal(count(s, "class=\"v\">x</text>"), 2);        /* the cell and the legend */
    assert_int_equal(count(s, "class=\"v\">–</text>"), 2);
    /* Every drawn cell has its own title: 4 cells. */
    assert_int_equal(count(s, "<rect x="), 4);
    assert_int_equal(count(s, "</rect>"), 4);
    /* The legend: five steps, withheld and empty. */
    assert_non_null(strstr(s, "0% to under 1%"));
    assert_non_null(strstr(s, "10% or more"));
    assert_non_null(strstr(s, "withheld: fewer than 5 enterprises"));
    assert_int_equal(count(s, "<svg"), 1);
    assert_int_equal(count(s, "</svg>"), 1);
    buf_release(&b);
}

static void test_limit_is_an_error(void **state)
{
    const char *rows[] = {"Pune"}, *cols[] = {"Food"};
    const struct svg_heatmap_cell cells[] = {{SVG_CELL_VALUE, 0.4, 5}};
    struct svg_heatmap h = {.label = "x", .legend_title = "y", .rows = 1, .cols = 1,
                            .row_labels = rows, .col_labels = cols, .cells = cells};
    struct buf b = BUF_INIT;

    (void)state;
    b.limit = 200;
    assert_int_equal(svg_heatmap_put(&b, &h), -1);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contrast_of_every_step),
        cmocka_unit_test(test_steps),
        cmocka_unit_test(test_share_text),
        cmocka_unit_test(test_picture),
        cmocka_unit_test(test_limit_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
