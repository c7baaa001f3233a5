/* The awareness map's tiles: every state and union territory of
 * data/states.csv has its own place, the colour steps keep text readable,
 * and a tile shows its value, "x" when withheld and "–" when empty. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "wcag.h"

#include "core/refdata.h"
#include "web/svg_tilemap.h"

static void test_every_state_has_its_own_tile(void **state)
{
    struct refdata *r = NULL;
    struct err e = {0};
    bool taken[8][8] = {{false}};

    (void)state;
    assert_int_equal(refdata_load(&r, &e), 0);
    assert_int_equal(r->n_states, 36);
    for (size_t i = 0; i < r->n_states; i++) {
        int row = -1, col = -1;
        assert_int_equal(state_tile_position(r->states[i].gst_code, &row, &col), 0);
        assert_in_range(row, 0, 7);
        assert_in_range(col, 0, 7);
        assert_false(taken[row][col]);
        taken[row][col] = true;
    }
    refdata_free(r);
    int row, col;
    assert_int_equal(state_tile_position(97, &row, &col), -1);
}

static void test_steps_and_contrast(void **state)
{
    (void)state;
    for (int i = 0; i < SVG_TILEMAP_BINS; i++) {
        const struct svg_tilemap_bin *b = svg_tilemap_bin(i);
        assert_non_null(b);
        assert_true(wcag_contrast(b->fill, b->ink) >= 4.5);
        if (i > 0)
            assert_true(wcag_luminance(b->fill) < wcag_luminance(svg_tilemap_bin(i - 1)->fill));
    }
    assert_null(svg_tilemap_bin(SVG_TILEMAP_BINS));
    assert_int_equal(svg_tilemap_bin_of(0), 0);
    assert_int_equal(svg_tilemap_bin_of(0.4999), 0);
    assert_int_equal(svg_tilemap_bin_of(0.5), 1);
    assert_int_equal(svg_tilemap_bin_of(0.79), 2);
    assert_int_equal(svg_tilemap_bin_of(0.85), 3);
    assert_int_equal(svg_tilemap_bin_of(1), 4);
    assert_int_equal(svg_tilemap_bin_of(NAN), 0);
}

static void test_tiles(void **state)
{
    struct buf b = BUF_INIT;
    const struct svg_tile tiles[] = {
        {27, "MH", "Maharashtra", "/overlap/awareness?state=27", SVG_TILE_VALUE, 0.834},
        {11, "SK", "Sikkim", NULL, SVG_TILE_WITHHELD, 0},
        {35, "AN", "Andaman & Nicobar", NULL, SVG_TILE_EMPTY, 0},
        {97, "OT", "Other territory", NULL, SVG_TILE_VALUE, 0.5},
    };
    const char *s;

    (void)state;
    assert_int_equal(svg_tilemap_put(&b, "Gap <by> state", "Gap", tiles, 4), 0);
    s = buf_cstr(&b);
    assert_non_null(strstr(s, "role=\"group\""));   /* links inside: not an img */
    assert_non_null(strstr(s, "aria-label=\"Gap &lt;by&gt; state\""));
    assert_non_null(strstr(s, "<a href=\"/overlap/awareness?state=27\"><title>Maharashtra: 83%</title>"));
    assert_non_null(strstr(s, "fill=\"#2171b5\""));       /* 83% is the fourth step */
    assert_non_null(strstr(s, "<title>Sikkim: withheld</title>"));
    assert_non_null(strstr(s, ">x</text>"));
    assert_non_null(strstr(s, "<title>Andaman &amp; Nicobar: no one eligible</title>"));
    assert_null(strstr(s, "Other territory"));           /* no place: left out */
    assert_int_equal(strncmp(s + strlen(s) - 7, "</svg>\n", 7), 0);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_state_has_its_own_tile),
        cmocka_unit_test(test_steps_and_contrast),
        cmocka_unit_test(test_tiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
