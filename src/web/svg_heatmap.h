/* svg_heatmap.h: a table of shares drawn as an SVG heatmap, readable
 * without colour.
 *
 * Each cell is coloured by its share on a five-step scale whose text
 * colour meets WCAG AA contrast (4.5:1) on every step, and also carries its
 * value as text, so the map reads in greyscale and to a colour-blind
 * reader. A withheld cell (small-cell rule, analytics/suppress.h) is
 * hatched and marked "x" (the statistical offices' sign for a suppressed
 * figure); a cell with no enterprises is white and marked "–". Every cell
 * has a <title> (its value), every row a <title> (its full name), the
 * image role="img" with an aria-label, and a legend. The page puts the
 * same figures in a plain HTML table below it: the SVG is the picture, the
 * table is the equivalent a screen reader or a copy-paste needs. The
 * picture keeps its natural size (11 px text): a page puts it in a
 * div.wide, which scrolls sideways on a phone, rather than shrinking the
 * words past reading. */
#ifndef SAMANVAY_SVG_HEATMAP_H
#define SAMANVAY_SVG_HEATMAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define SVG_HEATMAP_BINS 5

/* SVG_CELL_WITHHELD_SHARE: the number is shown but not the share
 * (the attribute rule of page_heatmap.c); drawn as withheld. */
enum svg_heatmap_kind { SVG_CELL_EMPTY = 0, SVG_CELL_VALUE, SVG_CELL_WITHHELD, SVG_CELL_WITHHELD_SHARE };

struct svg_heatmap_cell {
    enum svg_heatmap_kind kind;
    double share;      /* 0..1, for SVG_CELL_VALUE */
    int64_t n;         /* enterprises the share is of */
};

struct svg_heatmap {
    const char *label;                  /* aria-label: what the picture shows */
    const char *legend_title;
    size_t rows, cols;
    const char *const *row_labels;
    const char *const *col_labels;
    const struct svg_heatmap_cell *cells;   /* rows × cols, row by row */
};

struct svg_heatmap_bin {
    double from;       /* share at which the step starts */
    const char *fill;  /* "#rrggbb" */
    const char *ink;   /* text colour on it */
};

/* Write the <svg> element; the words (legend, titles) in the current
 * gettext language. -1 when memory runs out or the buffer's limit is hit. */
int svg_heatmap_put(struct buf *b, const struct svg_heatmap *h);
/* The colour step of a share, 0 .. SVG_HEATMAP_BINS - 1, and its colours. */
int svg_heatmap_bin_of(double share);
const struct svg_heatmap_bin *svg_heatmap_bin(int i);
/* A share as the cells show it: "23%", "4.5%", "<1%" (not zero), "0%". */
void svg_heatmap_share_text(double share, char *out, size_t cap);

#endif
