/* calendar_ics.h: a compliance calendar as iCalendar (RFC 5545), built with
 * libical, for `samanvay calendar --ics`, the portal's download and the
 * private subscription feed (docs/calendar-ics.md).
 *
 * Each item is an all-day VEVENT on its due date with
 *  - UID "<obligation>-<period>[-i<n>]-<scope hash>@samanvay": the same for
 *    the same enterprise, obligation and period whatever the date window or
 *    the run, and not the due date, so a notified extension moves the event
 *    in a subscribed calendar instead of adding a second one. The scope (an
 *    enterprise id, a Udyam number) is hashed so a shared calendar file
 *    does not carry it;
 *  - a VALARM (DISPLAY) reminder_days before;
 *  - URL: the portal's calendar page, a link back;
 *  - DESCRIPTION: status, late fee and interest when known, the citation.
 * libical folds lines at 75 octets; version 3.0.16 (Debian 12) breaks only
 * at UTF-8 character boundaries (tests/calendar/test_calendar_ics.c checks
 * it with Hindi names). */
#ifndef SAMANVAY_CALENDAR_ICS_H
#define SAMANVAY_CALENDAR_ICS_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar/calendar.h"
#include "core/buf.h"
#include "core/err.h"

#define CALENDAR_ICS_REMINDER_DAYS 7
#define CALENDAR_ICS_REMINDER_MAX 60

/* The words the events are written in; NULL fields are English. The web
 * fills them through gettext for a Hindi reader. */
struct calendar_ics_words {
    const char *(*status)(enum calendar_status s);
    const char *status_label, *late_fee, *interest, *source, *if_applies, *reminder;
    bool hindi_names;             /* the obligation's name_hi when it has one */
};

struct calendar_ics_opts {
    const char *calendar_name;    /* X-WR-CALNAME */
    const char *scope;            /* what the UIDs are stable for: "enterprise-42" */
    const char *link;             /* absolute URL of the calendar page; NULL: no URL */
    int reminder_days;            /* 0: CALENDAR_ICS_REMINDER_DAYS */
    int64_t now;                  /* DTSTAMP, Unix seconds */
    const struct calendar_ics_words *words;   /* NULL: English */
};

/* The event's UID into out (at most CALENDAR_ICS_UID_MAX bytes with NUL). */
#define CALENDAR_ICS_UID_MAX 128
int calendar_ics_uid(const struct calendar_item *it, const char *scope,
                     char out[CALENDAR_ICS_UID_MAX]);

/* Append the VCALENDAR to out; 0, or -1 with e set. */
int calendar_ics_render(const struct calendar *cal, const struct calendar_ics_opts *o,
                        struct buf *out, struct err *e);

#endif
