/* svg_heatmap.c: see svg_heatmap.h.
 *
 * Bytes matter: a page carries the map and its table under 50 KB on a 2G
 * phone, so rows are <g> groups translated into place (cells need no y),
 * sizes and colours come from site.css (static_css.c: svg.heatmap) and
 * text colour follows its cell's class through a sibling selector. */
#include "web/svg_heatmap.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "web/i18n.h"

#define LABEL_W 170      /* row names, right-aligned */
#define HEAD_H 120       /* column names, turned 40 degrees */
#define CELL_W 52
#define CELL_H 22
#define LEGEND_ROW 20
#define ROW_LABEL_CHARS 24
#define LEGEND_X 8       /* the legend starts at the left edge, to fit a phone */

/* ColorBrewer YlOrRd: light to dark; black text on the light three, white
 * on the dark two (tests/web/test_svg_heatmap.c checks every pair >= 4.5:1).
 * The steps are fine at the low end because that is where real shares lie:
 * with the model at 20,000 generated enterprises, 0.4% were in stress, so
 * steps of 5, 10, 20 and 30% painted nearly every cell the same. */
static const struct svg_heatmap_bin bins[SVG_HEATMAP_BINS] = {
    {0.00, "#ffffcc", "#000000"}, {0.01, "#fed976", "#000000"}, {0.02, "#fd8d3c", "#000000"},
    {0.05, "#e31a1c", "#ffffff"}, {0.10, "#800026", "#ffffff"},
};

int svg_heatmap_bin_of(double share)
{
    int i = SVG_HEATMAP_BINS - 1;

    while (i > 0 && !(share >= bins[i].from))
        i--;
    return i;
}

const struct svg_heatmap_bin *svg_heatmap_bin(int i)
{
    return i >= 0 && i < SVG_HEATMAP_BINS ? &bins[i] : NULL;
}

void svg_heatmap_share_text(double share, char *out, size_t cap)
{
    double p = share * 100.0;

    if (!(p > 0))
        snprintf(out, cap, "0%%");
    else if (p < 1)
        snprintf(out, cap, "<1%%");
    else if (p < 9.95 && p != floor(p))
        snprintf(out, cap, "%.1f%%", p);
    else
        snprintf(out, cap, "%.0f%%", p);
}

/* The hatch of a withheld cell; sizes and colours are in site.css
 * (static_css.c), since the Content-Security-Policy forbids inline styles. */
static int put_defs(struct buf *b)
{
    return buf_puts(b, "<defs><pattern id=\"hm-w\" width=\"6\" height=\"6\" "
                       "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                       "<rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/>"
                       "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\"/></pattern></defs>");
}

/* At most `chars` code points of s, with "…" when cut. */
static int put_short(struct buf *b, const char *s, int chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    int n = 0;

    while (p[i] && n < chars) {
        i++;
        while ((p[i] & 0xC0) == 0x80)
            i++;
        n++;
    }
    if (p[i] == '\0')
        return buf_put_html(b, s);
    {
        char cut[256];
        snprintf(cut, sizeof cut, "%.*s", (int)(i < sizeof cut ? i : sizeof cut - 1), s);
        return buf_put_html(b, cut) || buf_puts(b, "…");
    }
}

static int put_heads(struct buf *b, const struct svg_heatmap *h)
{
    for (size_t c = 0; c < h->cols; c++) {
        int x = LABEL_W + (int)c * CELL_W + CELL_W / 2;
        if (buf_printf(b, "<text transform=\"translate(%d,%d) rotate(-40)\">", x, HEAD_H - 6)
            || put_short(b, h->col_labels[c], 26) || buf_puts(b, "</text>"))
            return -1;
    }
    return 0;
}

static int put_cell(struct buf *b, const struct svg_heatmap_cell *cell, int x)
{
    char share[16];

    if (cell->kind == SVG_CELL_WITHHELD || cell->kind == SVG_CELL_WITHHELD_SHARE)
        return buf_printf(b, "<rect x=\"%d\" class=\"c hw\" fill=\"url(#hm-w)\"><title>%s</title></rect>"
                             "<text x=\"%d\" y=\"15\" class=\"v\">x</text>",
                          x, _("withheld"), x + CELL_W / 2);
    if (cell->kind != SVG_CELL_VALUE)
        return buf_printf(b, "<rect x=\"%d\" class=\"c he\"><title>%s</title></rect>"
                             "<text x=\"%d\" y=\"15\" class=\"v\">–</text>",
                          x, _("none scored"), x + CELL_W / 2);
    svg_heatmap_share_text(cell->share, share, sizeof share);
    if (buf_printf(b, "<rect x=\"%d\" class=\"c h%d\"><title>", x, svg_heatmap_bin_of(cell->share))
        || buf_printf(b, _("%s of %" PRId64 " in stress"), share, cell->n)
        || buf_printf(b, "</title></rect><text x=\"%d\" y=\"15\" class=\"v\">%s</text>",
                      x + CELL_W / 2, share))
        return -1;
    return 0;
}

static int put_rows(struct buf *b, const struct svg_heatmap *h)
{
    for (size_t r = 0; r < h->rows; r++) {
        if (buf_printf(b, "<g transform=\"translate(0,%d)\"><title>", HEAD_H + (int)r * CELL_H)
            || buf_put_html(b, h->row_labels[r])
            || buf_printf(b, "</title><text x=\"%d\" y=\"15\" class=\"r\">", LABEL_W - 4)
            || put_short(b, h->row_labels[r], ROW_LABEL_CHARS) || buf_puts(b, "</text>"))
            return -1;
        for (size_t c = 0; c < h->cols; c++)
            if (put_cell(b, &h->cells[r * h->cols + c], LABEL_W + (int)c * CELL_W))
                return -1;
        if (buf_puts(b, "</g>\n"))
            return -1;
    }
    return 0;
}

static int put_legend_item(struct buf *b, int y, const char *cls, const char *mark, const char *text)
{
    return buf_printf(b, "<g transform=\"translate(%d,%d)\"><rect class=\"c %s\"%s/>"
                         "<text x=\"%d\" y=\"15\" class=\"v\">%s</text><text x=\"%d\" y=\"15\">",
                      LEGEND_X, y, cls, strcmp(cls, "hw") == 0 ? " fill=\"url(#hm-w)\"" : "",
                      CELL_W / 2, mark, CELL_W + 8)
           || buf_put_html(b, text) || buf_puts(b, "</text></g>\n");
}

static int put_legend(struct buf *b, const struct svg_heatmap *h, int top)
{
    char from[16], to[16], text[96], cls[8];

    if (buf_printf(b, "<text x=\"%d\" y=\"%d\">", LEGEND_X, top + 14)
        || buf_put_html(b, h->legend_title) || buf_puts(b, "</text>\n"))
        return -1;
    for (int i = 0; i < SVG_HEATMAP_BINS; i++) {
        svg_heatmap_share_text(bins[i].from, from, sizeof from);
        if (i + 1 < SVG_HEATMAP_BINS) {
            svg_heatmap_share_text(bins[i + 1].from, to, sizeof to);
            snprintf(text, sizeof text, _("%s to under %s"), from, to);
        } else {
            snprintf(text, sizeof text, _("%s or more"), from);
        }
        snprintf(cls, sizeof cls, "h%d", i);
        if (put_legend_item(b, top + (i + 1) * LEGEND_ROW, cls, "", text))
            return -1;
    }
    return put_legend_item(b, top + 6 * LEGEND_ROW, "hw", "x",
                           _("withheld: fewer than 5 enterprises, or it would reveal one"))
           || put_legend_item(b, top + 7 * LEGEND_ROW, "he", "–", _("no enterprise scored"));
}

int svg_heatmap_put(struct buf *b, const struct svg_heatmap *h)
{
    int width = LABEL_W + (int)h->cols * CELL_W + 8;
    int grid_bottom = HEAD_H + (int)h->rows * CELL_H;
    int height = grid_bottom + 8 * LEGEND_ROW + 12;

    if (width < LEGEND_X + 440)
        width = LEGEND_X + 440;   /* room for the legend's words */
    if (buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" role=\"img\" "
                      "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-label=\"", width, height,
                   width, height)
        || buf_put_html(b, h->label) || buf_puts(b, "\">") || put_defs(b) || put_heads(b, h)
        || buf_puts(b, "\n") || put_rows(b, h) || put_legend(b, h, grid_bottom + 6)
        || buf_puts(b, "</svg>\n"))
        return -1;
    return 0;
}
