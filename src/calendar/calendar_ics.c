/* calendar_ics.c: the calendar as iCalendar through libical (calendar_ics.h).
 *
 * Every property is made with libical's constructors, which escape text
 * (',' ';' '\' and newlines) and fold lines; nothing here writes iCalendar
 * syntax by hand. */
#include "calendar/calendar_ics.h"

#include <libical/ical.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"

static const struct calendar_ics_words english = {
    .status = NULL, .status_label = "Status", .late_fee = "Late fee", .interest = "Interest",
    .source = "Source", .if_applies = "if it applies to you", .reminder = "Due",
    .hindi_names = false};

static const char *english_status(enum calendar_status s)
{
    switch (s) {
    case CAL_UPCOMING: return "Upcoming";
    case CAL_DUE_SOON: return "Due soon";
    case CAL_FILED_ON_TIME: return "Filed on time";
    case CAL_FILED_LATE: return "Filed late";
    case CAL_OVERDUE: return "Overdue";
    case CAL_NOT_KNOWN: return "No filing on record";
    }
    return "?";
}

int calendar_ics_uid(const struct calendar_item *it, const char *scope,
                     char out[CALENDAR_ICS_UID_MAX])
{
    unsigned char h[8];
    char hex[2 * sizeof h + 1], inst[16] = "";
    int n;

    /* BLAKE2b of the scope: stable, and it does not put a Udyam number or a
     * store id into a file the entrepreneur may share */
    crypto_generichash(h, sizeof h, (const unsigned char *)scope, strlen(scope), NULL, 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    if (it->rule->instalment > 0)
        snprintf(inst, sizeof inst, "-i%d", it->rule->instalment);
    n = snprintf(out, CALENDAR_ICS_UID_MAX, "%s-%s%s-%s@samanvay", it->obligation->id,
                 it->period, inst, hex);
    return n > 0 && n < CALENDAR_ICS_UID_MAX ? 0 : -1;
}

static struct icaltimetype ical_date(int32_t d)
{
    struct icaltimetype t = icaltime_null_date();
    int y, m, day;

    date_to_ymd(d, &y, &m, &day);
    t.year = y;
    t.month = m;
    t.day = day;
    return t;
}

static const char *item_name(const struct calendar_item *it, const struct calendar_ics_words *w)
{
    return w->hindi_names && it->obligation->name_hi ? it->obligation->name_hi
                                                     : it->obligation->name;
}

static int put_money(struct buf *b, const char *label, int64_t paise)
{
    char money[MONEY_STR_MAX];

    if (paise < 0)
        return 0;
    money_format_inr(paise, money);
    return buf_printf(b, "\n%s: %s", label, money);
}

/* Plain text; libical escapes it. */
static int describe(const struct calendar_item *it, const struct calendar_ics_words *w,
                    struct buf *b)
{
    const char *(*status)(enum calendar_status) = w->status ? w->status : english_status;
    const char *source = it->extension ? it->extension->source : it->rule->source;

    if (buf_printf(b, "%s: %s", w->status_label, status(it->status))
        || (it->conditional && buf_printf(b, " (%s)", w->if_applies))
        || put_money(b, w->late_fee, it->late_fee) || put_money(b, w->interest, it->interest)
        || (source && buf_printf(b, "\n%s: %s", w->source, source)))
        return -1;
    return 0;
}

static icalcomponent *alarm(const char *summary, int days)
{
    struct icaltriggertype tr = {.time = icaltime_null_time(),
                                 .duration = icaldurationtype_null_duration()};

    /* -P{days}D, as written: libical would turn 7 days from seconds into -P1W */
    tr.duration.is_neg = 1;
    tr.duration.days = (unsigned int)days;
    return icalcomponent_vanew(ICAL_VALARM_COMPONENT, icalproperty_new_action(ICAL_ACTION_DISPLAY),
                               icalproperty_new_trigger(tr),
                               icalproperty_new_description(summary), (void *)0);
}

static int add_event(icalcomponent *vcal, const struct calendar_item *it,
                     const struct calendar_ics_opts *o, const struct calendar_ics_words *w,
                     struct icaltimetype stamp)
{
    char uid[CALENDAR_ICS_UID_MAX];
    struct buf summary = BUF_INIT, desc = BUF_INIT;
    icalcomponent *ev = NULL;
    int rc = -1;

    if (calendar_ics_uid(it, o->scope, uid) != 0)
        return -1;
    if (buf_printf(&summary, "%s (%s)", item_name(it, w), it->period) || describe(it, w, &desc))
        goto out;
    ev = icalcomponent_vanew(
        ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(stamp),
        icalproperty_new_dtstart(ical_date(it->due)),
        icalproperty_new_dtend(ical_date(date_add_days(it->due, 1))),
        icalproperty_new_summary(buf_cstr(&summary)), icalproperty_new_description(buf_cstr(&desc)),
        icalproperty_new_status(it->conditional ? ICAL_STATUS_TENTATIVE : ICAL_STATUS_CONFIRMED),
        /* one category a property: libical escapes a comma inside one */
        icalproperty_new_categories("compliance"), icalproperty_new_categories(it->obligation->id),
        icalproperty_new_categories(calendar_status_name(it->status)),
        icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT), (void *)0);
    if (ev == NULL)
        goto out;
    if (o->link != NULL)
        icalcomponent_add_property(ev, icalproperty_new_url(o->link));
    buf_reset(&desc);
    if (buf_printf(&desc, "%s: %s", w->reminder, buf_cstr(&summary)))
        goto out;
    icalcomponent_add_component(
        ev, alarm(buf_cstr(&desc), o->reminder_days > 0 ? o->reminder_days : CALENDAR_ICS_REMINDER_DAYS));
    icalcomponent_add_component(vcal, ev);
    ev = NULL;
    rc = 0;
out:
    if (ev != NULL)
        icalcomponent_free(ev);
    buf_release(&summary);
    buf_release(&desc);
    return rc;
}

static icalcomponent *calendar_new(const struct calendar_ics_opts *o)
{
    icalproperty *name = icalproperty_new_x(o->calendar_name ? o->calendar_name : "Samanvay");

    icalproperty_set_x_name(name, "X-WR-CALNAME");
    return icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
                               icalproperty_new_prodid("-//Samanvay//Compliance calendar//EN"),
                               icalproperty_new_version("2.0"),
                               icalproperty_new_calscale("GREGORIAN"),
                               icalproperty_new_method(ICAL_METHOD_PUBLISH), name, (void *)0);
}

int calendar_ics_render(const struct calendar *cal, const struct calendar_ics_opts *o,
                        struct buf *out, struct err *e)
{
    const struct calendar_ics_words *w = o->words ? o->words : &english;
    struct icaltimetype stamp =
        icaltime_from_timet_with_zone((time_t)o->now, 0, icaltimezone_get_utc_timezone());
    icalcomponent *vcal;
    char *text;
    int rc = 0;

    if (o->reminder_days < 0 || o->reminder_days > CALENDAR_ICS_REMINDER_MAX)
        return err_set(e, "reminder days must be 1 to %d", CALENDAR_ICS_REMINDER_MAX);
    if (o->scope == NULL || o->scope[0] == '\0')
        return err_set(e, "calendar: no scope for the event UIDs");
    if ((vcal = calendar_new(o)) == NULL)
        return err_set(e, "calendar: out of memory");
    for (size_t i = 0; rc == 0 && i < cal->n; i++)
        if (add_event(vcal, &cal->items[i], o, w, stamp) != 0)
            rc = err_set(e, "calendar: cannot make the event for %s %s",
                         cal->items[i].obligation->id, cal->items[i].period);
    if (rc == 0) {
        /* the _r variant hands the string to us (the plain one lends a
         * ring buffer of libical's that a later call reuses) */
        text = icalcomponent_as_ical_string_r(vcal);
        if (text == NULL || buf_puts(out, text) != 0)
            rc = err_set(e, "calendar: out of memory");
        icalmemory_free_buffer(text);
    }
    icalcomponent_free(vcal);
    return rc;
}
