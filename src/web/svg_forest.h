/* svg_forest.h: a forest plot as SVG (docs/impact.md §9): one row per
 * estimate, a square at the point estimate and a line across its 95%
 * interval, a dashed line at zero (no effect). A conclusive estimate is
 * dark blue; an inconclusive one is grey and says so in words beside it,
 * so the difference survives greyscale and colour blindness. A row with
 * no estimate says why in words. Every row has a <title> with its numbers,
 * the image role="img" and an aria-label; the page repeats the figures in
 * a table. */
#ifndef SAMANVAY_SVG_FOREST_H
#define SAMANVAY_SVG_FOREST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

struct svg_forest_row {
    const char *label;
    bool has;              /* est, lo and hi are numbers */
    double est, lo, hi;
    bool inconclusive;
    const char *note;      /* words when !has ("not estimable") */
};

struct svg_forest {
    const char *label;     /* aria-label */
    const char *axis;      /* the x axis' title */
    const char *inconclusive_word;
    const struct svg_forest_row *rows;
    size_t n;
};

/* The axis range: covers zero and every interval, padded, on steps of 0.05. */
void svg_forest_range(const struct svg_forest *f, double *lo, double *hi);
/* Write the <svg> element. -1 when memory runs out. */
int svg_forest_put(struct buf *b, const struct svg_forest *f);

#endif
