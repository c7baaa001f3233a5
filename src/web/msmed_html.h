/* msmed_html.h: a delayed-payment computation in the pages: the summary
 * (due date, days late, rate, interest, outstanding), the month-by-month
 * schedule, and the buyer's s.43B(h) verdict, in the reader's language. */
#ifndef SAMANVAY_MSMED_HTML_H
#define SAMANVAY_MSMED_HTML_H

#include "core/buf.h"
#include "web/msmed_calc.h"

/* "6.75 %" from basis points. */
void msmed_html_pct(int bp, char out[16]);
int msmed_html_summary(struct buf *b, const struct msmed_result *r, int32_t as_of);
int msmed_html_schedule(struct buf *b, const struct msmed_result *r);
int msmed_html_43bh(struct buf *b, const struct msmed_43bh *t);

#endif
