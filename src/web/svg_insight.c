/* svg_insight.c: see svg_insight.h. */
#include "web/svg_insight.h"

#include <math.h>

#define INK "#0b3d7a"    /* the site's header blue: 11:1 on white */
#define TRACK "#d8dee8"
#define TEXT "#1a1a1a"
#define BAR_W 320        /* the widest bar, pixels: fits a 360-pixel phone */
#define ROW_H 22

int svg_percentile_bar(struct buf *b, double percentile, const char *label)
{
    double x;

    if (!isfinite(percentile))
        return -1;
    x = 10.0 + fmin(fmax(percentile, 0.0), 100.0) * 3.0;
    return buf_puts(b, "<svg class=\"pbar\" xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" "
                       "height=\"34\" viewBox=\"0 0 320 34\" role=\"img\" aria-label=\"")
                   || buf_put_html(b, label) || buf_puts(b, "\"><title>") || buf_put_html(b, label)
                   || buf_puts(b, "</title><rect x=\"10\" y=\"10\" width=\"300\" height=\"10\" "
                                  "fill=\"" TRACK "\"/><line x1=\"160\" y1=\"4\" x2=\"160\" y2=\"26\" "
                                  "stroke=\"" TEXT "\" stroke-width=\"1\"/>")
                   || buf_printf(b, "<rect x=\"10\" y=\"10\" width=\"%.1f\" height=\"10\" fill=\"" INK
                                    "\"/><circle cx=\"%.1f\" cy=\"15\" r=\"6\" fill=\"" INK "\"/>",
                                 x - 10.0, x)
                   || buf_puts(b, "<text x=\"10\" y=\"33\" font-size=\"9\" fill=\"" TEXT
                                  "\">0</text><text x=\"160\" y=\"33\" font-size=\"9\" "
                                  "text-anchor=\"middle\" fill=\"" TEXT "\">50</text><text x=\"310\" "
                                  "y=\"33\" font-size=\"9\" text-anchor=\"end\" fill=\"" TEXT
                                  "\">100</text></svg>")
               ? -1
               : 0;
}

int svg_bar_chart(struct buf *b, const char *const *names, const double *values, size_t n,
                  const char *label, const char *withheld)
{
    double hi = 0;
    int height = (int)n * ROW_H * 2 + 4, rc;

    if (n > SVG_INSIGHT_BARS_MAX)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (isfinite(values[i]) && values[i] > hi)
            hi = values[i];
    rc = buf_printf(b, "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                       "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
                    BAR_W + 20, height, BAR_W + 20, height)
         || buf_put_html(b, label) || buf_puts(b, "\"><title>") || buf_put_html(b, label)
         || buf_puts(b, "</title>");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int y = (int)i * ROW_H * 2;
        rc = buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"" TEXT "\">", y + 14)
             || buf_put_html(b, names[i]) || buf_puts(b, "</text>");
        if (rc == 0 && isfinite(values[i]))
            rc = buf_printf(b, "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"" INK "\"/>",
                            y + 20, hi > 0 ? fmax(values[i] / hi * BAR_W, 1.0) : 1.0);
        else if (rc == 0)
            rc = buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"11\" fill=\"" TEXT "\">", y + 32)
                 || buf_put_html(b, withheld) || buf_puts(b, "</text>");
    }
    return rc || buf_puts(b, "</svg>") ? -1 : 0;
}
