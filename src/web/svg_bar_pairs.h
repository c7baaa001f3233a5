/* svg_bar_pairs.h: paired horizontal bars (before and after) as inline SVG,
 * for pages that must work without JavaScript.
 *
 * Each row is a label with two bars of shares in [0, 1]; the value is
 * written beside each bar, so colour is never the only carrier, and a
 * withheld value (NAN) is drawn as no bar with the text "withheld".
 * Presentation attributes only (the Content-Security-Policy bans inline
 * styles); role="img" with the caption as accessible name and <title>. */
#ifndef SAMANVAY_SVG_BAR_PAIRS_H
#define SAMANVAY_SVG_BAR_PAIRS_H

#include <stddef.h>

#include "core/buf.h"

#define SVG_BAR_PAIRS_MAX 16   /* rows */

struct svg_bar_row {
    const char *label;       /* UTF-8, escaped here */
    double before, after;    /* shares in [0, 1]; NAN withheld */
};

/* Append <svg ...>...</svg>: rows[0..n), the legend's two names and the
 * caption; `withheld` is the word for a withheld value. -1 on out of
 * memory or too many rows. */
int svg_bar_pairs(struct buf *b, const struct svg_bar_row *rows, size_t n, const char *before_name,
             const char *after_name, const char *caption, const char *withheld);

#endif
