/* svg_forest.c: see svg_forest.h. Colours are attributes (the
 * Content-Security-Policy forbids inline styles); both inks meet WCAG AA
 * (4.5:1) on white: #1a4b8c 8.4:1, #6b6b6b 5.3:1. */
#include "web/svg_forest.h"

#include <math.h>
#include <stdio.h>

#define LABEL_W 130
#define PLOT_W 300
#define NOTE_W 110
#define ROW_H 26
#define TOP 8
#define AXIS_H 44
#define STEP 0.05
#define INK "#1a4b8c"
#define GREY "#6b6b6b"

void svg_forest_range(const struct svg_forest *f, double *lo, double *hi)
{
    double a = 0, b = 0;

    for (size_t i = 0; i < f->n; i++)
        if (f->rows[i].has) {
            a = fmin(a, fmin(f->rows[i].lo, f->rows[i].est));
            b = fmax(b, fmax(f->rows[i].hi, f->rows[i].est));
        }
    *lo = floor(a / STEP - 0.5) * STEP;
    *hi = ceil(b / STEP + 0.5) * STEP;
}

static double x_of(double v, double lo, double hi)
{
    return LABEL_W + (v - lo) / (hi - lo) * PLOT_W;
}

static int put_row(struct buf *b, const struct svg_forest *f, size_t i, double lo, double hi)
{
    const struct svg_forest_row *r = &f->rows[i];
    double y = TOP + ROW_H * (double)i + ROW_H / 2.0;
    const char *ink = r->has && !r->inconclusive ? INK : GREY;

    if (buf_printf(b, "<g><title>") || buf_put_html(b, r->label)
        || (r->has && buf_printf(b, ": %+.3f [%+.3f, %+.3f]", r->est, r->lo, r->hi))
        || (r->has && r->inconclusive && (buf_puts(b, " ") || buf_put_html(b, f->inconclusive_word)))
        || (!r->has && r->note && (buf_puts(b, ": ") || buf_put_html(b, r->note)))
        || buf_printf(b, "</title><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">", LABEL_W - 6, y + 4,
                      ink)
        || buf_put_html(b, r->label) || buf_puts(b, "</text>"))
        return -1;
    if (r->has) {
        double x = x_of(r->est, lo, hi);
        if (buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>"
                          "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\"/>",
                       x_of(r->lo, lo, hi), x_of(r->hi, lo, hi), y, y, ink, x - 4.5, y - 4.5, ink))
            return -1;
    }
    if (r->has && !r->inconclusive)
        return buf_puts(b, "</g>");
    return buf_printf(b, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">", LABEL_W + PLOT_W + 6, y + 4, GREY)
           || buf_put_html(b, r->has ? f->inconclusive_word : r->note ? r->note : "")
           || buf_puts(b, "</text></g>");
}

static int put_axis(struct buf *b, const struct svg_forest *f, double lo, double hi, int height)
{
    int base = height - AXIS_H;
    int ticks = (int)lround((hi - lo) / STEP);
    int every = ticks > 8 ? (ticks + 7) / 8 : 1;

    if (buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>", LABEL_W, LABEL_W + PLOT_W,
                   base, base))
        return -1;
    for (int k = 0; k <= ticks; k += every) {
        double v = lo + STEP * k, x = x_of(v, lo, hi);
        if (buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>"
                          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>",
                       x, x, base, base + 4, x, base + 16, fabs(v) < 1e-9 ? 0.0 : v))
            return -1;
    }
    /* The zero line: no effect. */
    return buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>",
                      x_of(0, lo, hi), x_of(0, lo, hi), TOP, base)
           || buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", LABEL_W + PLOT_W / 2, base + 34)
           || buf_put_html(b, f->axis) || buf_puts(b, "</text>");
}

int svg_forest_put(struct buf *b, const struct svg_forest *f)
{
    int height = TOP + ROW_H * (int)f->n + AXIS_H;
    double lo, hi;

    svg_forest_range(f, &lo, &hi);
    if (buf_printf(b, "<svg class=\"forest\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                      "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-size=\"12\" aria-label=\"",
                   LABEL_W + PLOT_W + NOTE_W, height, LABEL_W + PLOT_W + NOTE_W, height)
        || buf_put_html(b, f->label) || buf_puts(b, "\">"))
        return -1;
    for (size_t i = 0; i < f->n; i++)
        if (put_row(b, f, i, lo, hi) != 0)
            return -1;
    return put_axis(b, f, lo, hi, height) || buf_puts(b, "</svg>\n");
}
