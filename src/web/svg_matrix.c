/* svg_matrix.c: see svg_matrix.h.
 *
 * Bytes: one <use> of a shared cell per value, grouped by colour step, so
 * a cell costs some 35 bytes and a 29-scheme triangle (406 cells) about
 * 15 KB. */
#include "web/svg_matrix.h"

#include <stdio.h>

#include "web/i18n.h"
#include "web/svg_bars.h"
#include "web/svg_heatmap.h"

#define LABEL_W 190
#define HEAD_H 26
#define CELL 18
#define LEGEND_ROW 20
#define LEGEND_X 8
#define LABEL_CHARS 28     /* 11 px text in LABEL_W, its number included */
#define MIN_W 420          /* room for the legend's words */

static const double steps[SVG_MATRIX_STEPS] = {0.0, 0.10, 0.25, 0.50, 0.75};

int svg_matrix_step(double v)
{
    int i = SVG_MATRIX_STEPS - 1;

    while (i > 0 && !(v >= steps[i]))
        i--;
    return i;
}

static int put_defs(struct buf *b)
{
    return buf_printf(b, "<defs><rect id=\"mx\" width=\"%d\" height=\"%d\" stroke=\"#fff\"/>"
                         "<pattern id=\"mx-w\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                         "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/>"
                         "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\"/></pattern></defs>",
                      CELL, CELL);
}

static int put_labels(struct buf *b, const struct svg_matrix *m)
{
    for (size_t i = 0; i < m->n; i++) {
        int y = HEAD_H + (int)i * CELL;
        if (buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%zu</text>",
                       LABEL_W + (int)i * CELL + CELL / 2, HEAD_H - 8, i + 1)
            || buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"><title>", LABEL_W - 4,
                          y + 13)
            || buf_put_html(b, m->names[i]) || buf_printf(b, "</title>%zu. ", i + 1)
            || svg_put_short(b, m->names[i], LABEL_CHARS) || buf_puts(b, "</text>\n"))
            return -1;
    }
    return 0;
}

/* Every cell of one colour step (step -1: the withheld). */
static int put_step(struct buf *b, const struct svg_matrix *m, int step)
{
    const struct svg_heatmap_bin *bin = step >= 0 ? svg_heatmap_bin(step) : NULL;
    int any = 0;

    for (size_t i = 0; i < m->n; i++)
        for (size_t j = i + 1; j < m->n; j++) {
            double v = m->value[i * m->n + j];
            if (step < 0 ? v >= 0 : (v < 0 || svg_matrix_step(v) != step))
                continue;
            if (!any++ && buf_printf(b, "<g fill=\"%s\">", bin ? bin->fill : "url(#mx-w)"))
                return -1;
            if (buf_printf(b, "<use href=\"#mx\" x=\"%d\" y=\"%d\"/>", LABEL_W + (int)j * CELL,
                           HEAD_H + (int)i * CELL))
                return -1;
        }
    return any && buf_puts(b, "</g>\n") ? -1 : 0;
}

static int put_legend(struct buf *b, const struct svg_matrix *m, int top)
{
    char text[96];

    if (buf_printf(b, "<text x=\"%d\" y=\"%d\">", LEGEND_X, top + 14) || buf_put_html(b, m->legend_title)
        || buf_puts(b, "</text>\n"))
        return -1;
    for (int i = 0; i <= SVG_MATRIX_STEPS; i++) {
        int y = top + (i + 1) * LEGEND_ROW;
        const char *fill = i < SVG_MATRIX_STEPS ? svg_heatmap_bin(i)->fill : "url(#mx-w)";
        if (i == SVG_MATRIX_STEPS)
            snprintf(text, sizeof text, "%s", _("withheld: fewer than 5 enterprises"));
        else if (i + 1 < SVG_MATRIX_STEPS)
            snprintf(text, sizeof text, _("%.2f to under %.2f"), steps[i], steps[i + 1]);
        else
            snprintf(text, sizeof text, _("%.2f or more"), steps[i]);
        if (buf_printf(b, "<use href=\"#mx\" x=\"%d\" y=\"%d\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">", LEGEND_X,
                       y, fill, LEGEND_X + CELL + 8, y + 13)
            || buf_put_html(b, text) || buf_puts(b, "</text>\n"))
            return -1;
    }
    return 0;
}

int svg_matrix_put(struct buf *b, const struct svg_matrix *m)
{
    int width = LABEL_W + (int)m->n * CELL + 8, grid_bottom = HEAD_H + (int)m->n * CELL;
    int height = grid_bottom + (SVG_MATRIX_STEPS + 2) * LEGEND_ROW + 16;

    if (width < MIN_W)
        width = MIN_W;
    if (buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d %d\" "
                      "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\" aria-label=\"",
                   width, height, width, height)
        || buf_put_html(b, m->label) || buf_puts(b, "\">") || put_defs(b) || put_labels(b, m))
        return -1;
    for (int s = -1; s < SVG_MATRIX_STEPS; s++)
        if (put_step(b, m, s))
            return -1;
    return put_legend(b, m, grid_bottom + 8) || buf_puts(b, "</svg>\n") ? -1 : 0;
}
