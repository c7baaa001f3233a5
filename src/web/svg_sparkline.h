/* svg_sparkline.h: a small trend line as inline SVG, for pages that must
 * work without JavaScript or images from elsewhere.
 *
 * The line is drawn with presentation attributes only (no style
 * attribute, so the Content-Security-Policy's ban on inline styles holds),
 * carries role="img" with the label as its accessible name and <title>,
 * and breaks where a value is missing (NAN): a withheld small cell is a
 * gap, never a made-up point. The last known value has a dot. */
#ifndef SAMANVAY_SVG_SPARKLINE_H
#define SAMANVAY_SVG_SPARKLINE_H

#include <stddef.h>

#include "core/buf.h"

#define SVG_SPARKLINE_MAX 240   /* points */

/* Append <svg ...>...</svg> of v[0..n) scaled into width x height pixels.
 * label (UTF-8, escaped here) names the series and its reading, for
 * screen readers. -1 on out of memory or a bad size. */
int svg_sparkline(struct buf *b, const double *v, size_t n, int width, int height, const char *label);

#endif
