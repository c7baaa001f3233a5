/* calendar_html.h: the compliance calendar in the pages' words: an item's
 * status and obligation in the reader's language, the dashboard's summary
 * (what is overdue, what falls due soon, what was filed late and what it
 * cost), and the reminder digest's notification text. */
#ifndef SAMANVAY_CALENDAR_HTML_H
#define SAMANVAY_CALENDAR_HTML_H

#include "calendar/calendar.h"
#include "core/buf.h"
#include "golden/enterprise_calendar.h"
#include "web/request.h"

/* "Overdue", "Due soon" … in the request's language. */
const char *calendar_html_status(enum calendar_status s);
/* The obligation's name in the request's language. */
const char *calendar_html_name(const struct web_request *rq, const struct obligation *o);

/* The dashboard's section (an <h2> and lists); -1 when out of memory. */
int calendar_html_summary(const struct web_request *rq, struct buf *b,
                          const struct enterprise_calendar *c);

/* A reminder digest's detail ("gstr3b/2025-06/2025-07-20 …", see
 * enterprise_calendar_remind) as escaped text: names and dates. */
int calendar_html_digest(const struct web_request *rq, struct buf *b, const char *detail);

#endif
