/* svg_bar_pairs.c: see svg_bar_pairs.h. */
#include "web/svg_bar_pairs.h"

#include <math.h>

#define BEFORE_INK "#767676"  /* grey: 4.5:1 on white */
#define AFTER_INK "#0b3d7a"   /* the site's header blue: 11:1 on white */
#define TEXT_INK "#1a1a1a"
#define WIDTH 560
#define LABEL_W 150
#define BAR_W 330             /* a share of 1 */
#define ROW_H 34
#define TOP 26

static int legend(struct buf *b, const char *before_name, const char *after_name)
{
    return buf_printf(b, "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"" BEFORE_INK "\"/>"
                         "<text x=\"%d\" y=\"16\" font-size=\"12\" fill=\"" TEXT_INK "\">", LABEL_W, LABEL_W + 16)
           || buf_put_html(b, before_name)
           || buf_printf(b, "</text><rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"" AFTER_INK "\"/>"
                            "<text x=\"%d\" y=\"16\" font-size=\"12\" fill=\"" TEXT_INK "\">", LABEL_W + 150,
                         LABEL_W + 166)
           || buf_put_html(b, after_name) || buf_puts(b, "</text>");
}

/* One bar at y with its value written after it. */
static int bar(struct buf *b, int y, double v, const char *ink, const char *withheld)
{
    double w = isfinite(v) ? fmax(0.0, fmin(1.0, v)) * BAR_W : 0;

    if (!isfinite(v))
        return buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"" TEXT_INK "\">", LABEL_W, y + 10)
               || buf_put_html(b, withheld) || buf_puts(b, "</text>");
    return buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>"
                         "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"" TEXT_INK "\">%.1f%%</text>",
                      LABEL_W, y, w, ink, LABEL_W + w + 4, y + 10, v * 100);
}

int svg_bar_pairs(struct buf *b, const struct svg_bar_row *rows, size_t n, const char *before_name,
             const char *after_name, const char *caption, const char *withheld)
{
    int height = TOP + (int)n * ROW_H + 4;
    int rc;

    if (n > SVG_BAR_PAIRS_MAX)
        return -1;
    rc = buf_printf(b, "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                       " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", WIDTH, height, WIDTH, height)
         || buf_put_html(b, caption) || buf_puts(b, "\"><title>") || buf_put_html(b, caption)
         || buf_puts(b, "</title>") || legend(b, before_name, after_name);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int y = TOP + (int)i * ROW_H;
        rc = buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"" TEXT_INK "\">", y + 17)
             || buf_put_html(b, rows[i].label) || buf_puts(b, "</text>")
             || bar(b, y, rows[i].before, BEFORE_INK, withheld) || bar(b, y + 14, rows[i].after, AFTER_INK, withheld);
    }
    return rc || buf_puts(b, "</svg>") ? -1 : 0;
}
