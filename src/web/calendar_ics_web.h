/* calendar_ics_web.h: one stored enterprise's calendar as an iCalendar
 * response, the same for the entrepreneur's download (/calendar.ics), the
 * private subscription (/calendar/{token}.ics) and an officer's download
 * (/api/v1/enterprises/{id}/calendar.ics): the words in a language of the
 * caller's choosing, the UIDs stable for the enterprise (from its store id,
 * which a Udyam number arriving later does not change) and the link back
 * to the portal. */
#ifndef SAMANVAY_CALENDAR_ICS_WEB_H
#define SAMANVAY_CALENDAR_ICS_WEB_H

#include <stdbool.h>

#include "core/enterprise.h"
#include "web/request.h"

/* Due dates from this many days back to this many ahead. */
#define CALENDAR_ICS_BACK_DAYS 90
#define CALENDAR_ICS_AHEAD_DAYS 400

/* Fill rs (200, text/calendar) with ent's calendar of [from, to] in
 * `lang`; `attachment` adds Content-Disposition for a download; an
 * `officer`'s events link to the officer's view of the enterprise, the
 * others' to the unit's own calendar page. */
int calendar_ics_web_respond(struct web_request *rq, struct web_response *rs,
                             const struct enterprise *ent, enum lang lang, int32_t from,
                             int32_t to, bool attachment, bool officer, struct err *e);

#endif
