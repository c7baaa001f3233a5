/* svg_bars.h: a ranked horizontal bar chart as SVG (page_awareness.c):
 * one bar per place, its length the share, its value printed beside it,
 * a withheld value (small-cell rule) drawn as a hatched stub marked "x".
 * role="img" with an aria-label and a <title> per bar; the page puts the
 * same figures in a table. */
#ifndef SAMANVAY_SVG_BARS_H
#define SAMANVAY_SVG_BARS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

struct svg_bar {
    const char *label;
    double value;      /* 0..1 */
    bool withheld;
};

int svg_bars_put(struct buf *b, const char *aria_label, const struct svg_bar *bars, size_t n);
/* At most `chars` code points of s, HTML-escaped, with "…" when cut (a
 * label's full text goes in its <title>). */
int svg_put_short(struct buf *b, const char *s, int chars);

#endif
