/* svg_insight.h: two small charts as inline SVG for the insights pages, drawn
 * with presentation attributes only (the Content-Security-Policy bans
 * inline styles), each with role="img", an accessible name and a <title>;
 * the numbers are always also in text or a table beside the chart.
 *
 *   svg_percentile_bar  a 0-100 track with the enterprise's marker and the
 *                       peers' median (the 50th percentile) as a tick
 *   svg_bar_chart       horizontal bars of non-negative values; a withheld
 *                       value (NAN) is drawn as no bar with "withheld" */
#ifndef SAMANVAY_SVG_INSIGHT_H
#define SAMANVAY_SVG_INSIGHT_H

#include <stddef.h>

#include "core/buf.h"

#define SVG_INSIGHT_BARS_MAX 120

/* percentile in 0..100. */
int svg_percentile_bar(struct buf *b, double percentile, const char *label);

/* Bars for values[0..n) labelled names[i] (UTF-8, escaped here), scaled to
 * the largest; `withheld` is the word for a NAN value. */
int svg_bar_chart(struct buf *b, const char *const *names, const double *values, size_t n,
                  const char *label, const char *withheld);

#endif
