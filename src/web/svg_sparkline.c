/* svg_sparkline.c: see svg_sparkline.h. */
#include "web/svg_sparkline.h"

#include <math.h>

#define INK "#0b3d7a"   /* the site's header blue: 11:1 on white */

static double x_at(size_t i, size_t n, int width)
{
    return n < 2 ? width / 2.0 : 2.0 + (double)i * (width - 4.0) / (double)(n - 1);
}

static double y_at(double v, double lo, double hi, int height)
{
    if (hi <= lo)
        return height / 2.0;
    return (height - 2.0) - (v - lo) / (hi - lo) * (height - 4.0);
}

int svg_sparkline(struct buf *b, const double *v, size_t n, int width, int height, const char *label)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t last = n;
    int rc;

    if (n > SVG_SPARKLINE_MAX || width < 8 || height < 8 || width > 2000 || height > 2000)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        lo = fmin(lo, v[i]);
        hi = fmax(hi, v[i]);
        last = i;
    }
    rc = buf_printf(b, "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                       " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", width, height, width, height)
         || buf_put_html(b, label) || buf_puts(b, "\"><title>") || buf_put_html(b, label)
         || buf_puts(b, "</title>");
    for (size_t i = 0; rc == 0 && i < n;) {
        size_t j = i;
        if (!isfinite(v[i])) {
            i++;
            continue;
        }
        while (j < n && isfinite(v[j]))
            j++;
        /* A run of one point is a dot; longer runs a line. */
        if (j - i == 1) {
            rc = buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.5\" fill=\"" INK "\"/>",
                            x_at(i, n, width), y_at(v[i], lo, hi, height));
        } else {
            rc = buf_puts(b, "<polyline fill=\"none\" stroke=\"" INK "\" stroke-width=\"1.5\" points=\"");
            for (size_t k = i; rc == 0 && k < j; k++)
                rc = buf_printf(b, "%s%.1f,%.1f", k > i ? " " : "", x_at(k, n, width),
                                y_at(v[k], lo, hi, height));
            rc = rc || buf_puts(b, "\"/>");
        }
        i = j;
    }
    if (rc == 0 && last < n)
        rc = buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"" INK "\"/>", x_at(last, n, width),
                        y_at(v[last], lo, hi, height));
    return rc || buf_puts(b, "</svg>") ? -1 : 0;
}
