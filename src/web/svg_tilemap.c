/* svg_tilemap.c: see svg_tilemap.h. */
#include "web/svg_tilemap.h"

#include <stdio.h>

#include "web/i18n.h"
#include "web/svg_heatmap.h"

#define TILE 40
#define GAP 3
#define COLS 8
#define ROWS 8
#define LEGEND_W 130

/* GST state code → (row, column). North at the top, east to the right;
 * the North-East to the right of West Bengal, islands off the coasts. */
static const struct { int gst, row, col; } layout[] = {
    {1, 0, 2},  {38, 0, 3},                                          /* JK LA */
    {4, 1, 1},  {3, 1, 2},  {2, 1, 3},                               /* CH PB HP */
    {6, 2, 2},  {5, 2, 3},  {11, 2, 5}, {12, 2, 7},                  /* HR UK SK AR */
    {8, 3, 1},  {7, 3, 2},  {9, 3, 3},  {10, 3, 4}, {19, 3, 5}, {18, 3, 6}, {13, 3, 7},
    {24, 4, 0}, {23, 4, 2}, {22, 4, 3}, {20, 4, 4}, {17, 4, 6}, {14, 4, 7},
    {26, 5, 0}, {27, 5, 1}, {36, 5, 2}, {21, 5, 4}, {16, 5, 6}, {15, 5, 7},
    {30, 6, 1}, {29, 6, 2}, {37, 6, 3},                              /* GA KA AP */
    {31, 7, 0}, {32, 7, 1}, {33, 7, 2}, {34, 7, 3}, {35, 7, 6},      /* LD KL TN PY AN */
};

/* ColorBrewer Blues: black text on the light three, white on the dark two
 * (tests/web/test_svg_tilemap.c checks every pair >= 4.5:1). The steps
 * are fine at the top because that is where gaps lie (awareness of the
 * schemes is near a quarter): steps of 20% painted every state the same. */
static const struct svg_tilemap_bin bins[SVG_TILEMAP_BINS] = {
    {0.00, "#eff3ff", "#000000"}, {0.50, "#bdd7e7", "#000000"}, {0.70, "#6baed6", "#000000"},
    {0.80, "#2171b5", "#ffffff"}, {0.90, "#08306b", "#ffffff"},
};

int state_tile_position(int gst, int *row, int *col)
{
    for (size_t i = 0; i < sizeof layout / sizeof layout[0]; i++)
        if (layout[i].gst == gst) {
            *row = layout[i].row;
            *col = layout[i].col;
            return 0;
        }
    return -1;
}

int svg_tilemap_bin_of(double share)
{
    int i = SVG_TILEMAP_BINS - 1;

    while (i > 0 && !(share >= bins[i].from))
        i--;
    return i;
}

const struct svg_tilemap_bin *svg_tilemap_bin(int i)
{
    return i >= 0 && i < SVG_TILEMAP_BINS ? &bins[i] : NULL;
}

static int put_tile_face(struct buf *b, const struct svg_tile *t)
{
    char share[16];
    const struct svg_tilemap_bin *bin = &bins[0];
    const char *fill = "#ffffff", *ink = "#000000", *value = "–";

    if (t->kind == SVG_TILE_VALUE) {
        bin = &bins[svg_tilemap_bin_of(t->share)];
        fill = bin->fill;
        ink = bin->ink;
        svg_heatmap_share_text(t->share, share, sizeof share);
        value = share;
    } else if (t->kind == SVG_TILE_WITHHELD) {
        fill = "url(#tile-w)";
        value = "x";
    }
    if (buf_puts(b, "<title>") || buf_put_html(b, t->title) || buf_puts(b, ": "))
        return -1;
    if (buf_puts(b, t->kind == SVG_TILE_VALUE ? value : t->kind == SVG_TILE_WITHHELD ? _("withheld")
                                                                                     : _("no one eligible")))
        return -1;
    return buf_printf(b, "</title><rect width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#767676\"/>"
                         "<text x=\"%d\" y=\"16\" fill=\"%s\" font-weight=\"700\">%s</text>"
                         "<text x=\"%d\" y=\"32\" fill=\"%s\">%s</text>",
                      TILE, TILE, fill, TILE / 2, ink, t->key, TILE / 2, ink, value);
}

static int put_tile(struct buf *b, const struct svg_tile *t)
{
    int row, col;

    if (state_tile_position(t->gst, &row, &col) != 0)
        return 0;
    if (buf_printf(b, "<g transform=\"translate(%d,%d)\">", col * (TILE + GAP), row * (TILE + GAP)))
        return -1;
    if (t->href != NULL)
        return buf_puts(b, "<a href=\"") || buf_puts(b, t->href) || buf_puts(b, "\">")
               || put_tile_face(b, t) || buf_puts(b, "</a></g>\n");
    return put_tile_face(b, t) || buf_puts(b, "</g>\n");
}

static int put_legend(struct buf *b, const char *title, int x)
{
    char from[16];

    if (buf_printf(b, "<g transform=\"translate(%d,0)\" text-anchor=\"start\"><text y=\"12\">", x)
        || buf_put_html(b, title) || buf_puts(b, "</text>"))
        return -1;
    for (int i = 0; i < SVG_TILEMAP_BINS; i++) {
        svg_heatmap_share_text(bins[i].from, from, sizeof from);
        if (buf_printf(b, "<rect y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\" stroke=\"#767676\"/>"
                          "<text x=\"20\" y=\"%d\">",
                       20 + i * 20, bins[i].fill, 32 + i * 20)
            || buf_printf(b, _("from %s"), from) || buf_puts(b, "</text>"))
            return -1;
    }
    return buf_printf(b, "<rect y=\"120\" width=\"14\" height=\"14\" fill=\"url(#tile-w)\" stroke=\"#767676\"/>"
                         "<text x=\"20\" y=\"132\">x %s</text></g>\n", _("withheld"));
}

int svg_tilemap_put(struct buf *b, const char *aria_label, const char *legend_title,
                    const struct svg_tile *tiles, size_t n)
{
    int grid = COLS * (TILE + GAP), width = grid + LEGEND_W, height = ROWS * (TILE + GAP);

    /* role="group", not "img": an image's children are presentational,
     * and the tiles are links a keyboard must reach. */
    if (buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"group\" viewBox=\"0 0 %d %d\" "
                      "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\" "
                      "text-anchor=\"middle\" aria-label=\"",
                   width, height, width, height)
        || buf_put_html(b, aria_label)
        || buf_puts(b, "\"><defs><pattern id=\"tile-w\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                       "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/>"
                       "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\"/></pattern></defs>\n"))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (put_tile(b, &tiles[i]))
            return -1;
    return put_legend(b, legend_title, grid + 10) || buf_puts(b, "</svg>\n");
}
