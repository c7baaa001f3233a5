/* enterprise_calendar.h: one stored enterprise's compliance calendar: its
 * golden profile (who the obligations apply to) and the GST returns on file
 * (what was filed, late or not), through the calendar engine.
 *
 * Every reader of a stored enterprise's calendar comes here: the API, the
 * dashboard, the iCalendar subscription, the reminders and the good-standing
 * fact, so a return loaded once counts the same everywhere. */
#ifndef SAMANVAY_ENTERPRISE_CALENDAR_H
#define SAMANVAY_ENTERPRISE_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar/calendar.h"
#include "core/err.h"
#include "core/profile.h"
#include "core/survivorship.h"
#include "store/store.h"

struct enterprise_calendar_request {
    const struct obligation_set *obligations;
    const struct refdata *ref;
    const struct survivorship *rules;
    int64_t enterprise_id;
    int32_t from, to;             /* due dates in [from, to] */
    int32_t today;
    int soon_days;                /* 0: 7 */
};

struct enterprise_calendar {
    struct calendar cal;          /* items point into the obligation set */
    struct calendar_filing *filings;  /* owned */
    size_t n_filings;
    int overdue;                  /* items known not filed past their due date */
    int filed_late;
};

/* Build it; *found is false when there is no such enterprise. Free it
 * either way. */
int enterprise_calendar_load(struct store *s, const struct enterprise_calendar_request *rq,
                             struct enterprise_calendar *out, bool *found, struct err *e);
/* The same for a caller that has the golden profile already (the
 * dashboard): only the filings are read. rq->rules is not used. */
int enterprise_calendar_build(struct store *s, const struct enterprise_calendar_request *rq,
                              const struct profile *p, struct enterprise_calendar *out,
                              struct err *e);
void enterprise_calendar_free(struct enterprise_calendar *c);

/* The in-app reminder digest: the items of `c` due in [today, today +
 * days], not filed and not conditional, that it has not been reminded of,
 * become one notification (kind REMINDER_KIND; detail: the items as
 * "obligation/period/YYYY-MM-DD" separated by spaces, which the dashboard
 * names in the reader's language) and are marked reminded, in one
 * transaction (call it outside one). *n_new: items in the digest (0: none
 * was new, and nothing was written). */
#define REMINDER_KIND "calendar.due"
#define REMINDER_DAYS_DEFAULT 7
int enterprise_calendar_remind(struct store *s, int64_t enterprise_id,
                               const struct enterprise_calendar *c, int32_t today, int days,
                               int *n_new, struct err *e);
/* Load the calendar of [rq->today, rq->today + days] (rq's from and to
 * are ignored) and send its digest; what sign-in does for the unit. */
int enterprise_calendar_send_digest(struct store *s, const struct enterprise_calendar_request *rq,
                                    int days, int *n_new, struct err *e);

#endif
