/* calendar.h: one enterprise's compliance calendar (docs/calendar.md).
 *
 * For a profile and a window [from, to], every period of every obligation
 * rule that binds the enterprise and whose due date lies in the window,
 * in due-date order. A rule whose condition the profile cannot decide
 * (employees unknown, say) is listed as conditional, with the fields that
 * would decide it, rather than dropped: a missed return costs more than a
 * needless reminder. The due date is the rule's, or a notified extension's
 * for that period. */
#ifndef SAMANVAY_CALENDAR_H
#define SAMANVAY_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "calendar/obligation.h"
#include "core/err.h"
#include "core/profile.h"
#include "core/refdata.h"

enum calendar_status {
    CAL_UPCOMING,        /* due more than `soon_days` ahead */
    CAL_DUE_SOON,        /* due today or within `soon_days` */
    CAL_FILED_ON_TIME,
    CAL_FILED_LATE,
    CAL_OVERDUE,         /* due date passed, known not filed */
    CAL_NOT_KNOWN,       /* due date passed, no filing record to say either way */
};

const char *calendar_status_name(enum calendar_status s);

/* A return on file (GST returns from the gst feed): what made an item
 * filed, late or overdue. A unit with several GSTINs has one per GSTIN. */
struct calendar_filing {
    const char *obligation;              /* "gstr3b", "cmp08" */
    char period[16];                     /* as obligation_period_label writes it */
    int32_t filed_on;                    /* DATE_UNKNOWN: on file as not filed */
    int64_t tax;                         /* paise; -1 unknown */
    bool nil;                            /* nothing to report in the period */
};

/* The filing a GST return row makes: GSTR3B → gstr3b, CMP08 → cmp08;
 * `period` 'YYYY-MM' is the tax period's last month, quarterly or
 * monthly. Returns -1 for a return type the calendar does not track. */
int calendar_filing_from_gst(const char *return_type, const char *frequency, const char *period,
                             struct calendar_filing *out);

struct calendar_item {
    const struct obligation *obligation;
    const struct obligation_rule *rule;
    char period[16];
    int32_t period_start, period_end;
    int32_t due;
    const struct extension *extension;   /* the extension that set `due`, or NULL */
    bool conditional;                    /* the rule's condition is unknown for this profile */
    uint64_t missing;                    /* profile fields (bit per enum profile_field) it needs */
    enum calendar_status status;
    /* from the filings on file (none: filed_on DATE_UNKNOWN, late_fee and interest -1) */
    int32_t filed_on;                    /* the latest filing's date */
    int64_t days_late;                   /* to the filing, or to today when not filed */
    int64_t late_fee, interest;          /* paise, summed over the unit's returns; -1 not known */
    const char *late_fee_source, *interest_source;
};

struct calendar_request {
    const struct obligation_set *obligations;
    const struct refdata *ref;
    const struct profile *profile;
    int32_t as_of;                       /* the profile's date (conditions are read on it) */
    int32_t from, to;                    /* due dates in [from, to] */
    int32_t today;                       /* for the status */
    int soon_days;                       /* 0: 7 */
    const struct calendar_filing *filings;  /* may be NULL */
    size_t n_filings;
    int64_t aato;                        /* preceding year's aggregate turnover, paise; -1 unknown */
};

struct calendar {
    struct calendar_item *items;
    size_t n, cap;
};

/* Fill cal (empty it first) for the request; 0, or -1 with e set. */
int calendar_build(const struct calendar_request *rq, struct calendar *cal, struct err *e);
void calendar_release(struct calendar *cal);

#endif
