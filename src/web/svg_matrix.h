/* svg_matrix.h: a scheme × scheme overlap matrix as an SVG heat matrix
 * (page_overlap.c), small enough for a 2G phone.
 *
 * The matrix is symmetric, so only the upper triangle is drawn: row i,
 * column j > i. Rows carry the schemes' names, columns their row numbers.
 * Cells are coloured on five steps of the heatmap's palette (svg_heatmap.h:
 * text contrast checked) at Jaccard 0, 0.1, 0.25, 0.5 and 0.75; a withheld
 * cell (fewer than 5 enterprises behind it) is hatched. The picture has
 * role="img", an aria-label, a <title> per row and a legend; the page puts
 * the figures in a table beside it, since the cells carry no text (each
 * would cost bytes the page does not have). */
#ifndef SAMANVAY_SVG_MATRIX_H
#define SAMANVAY_SVG_MATRIX_H

#include <stddef.h>

#include "core/buf.h"

#define SVG_MATRIX_STEPS 5

struct svg_matrix {
    const char *label;               /* aria-label */
    const char *legend_title;
    size_t n;
    const char *const *names;        /* n row names */
    const double *value;             /* n × n; [i * n + j] for i < j; 0..1, or < 0 withheld */
};

/* The step of a value, 0 .. SVG_MATRIX_STEPS - 1. */
int svg_matrix_step(double v);
int svg_matrix_put(struct buf *b, const struct svg_matrix *m);

#endif
