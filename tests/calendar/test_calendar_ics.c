/* The calendar as iCalendar (calendar_ics.c): one VEVENT and one VALARM per
 * item, UIDs that do not change with the window or the due date, folding
 * that never splits a UTF-8 character (Hindi names and a Hindi calendar
 * name), the text read back unchanged by libical's own parser, and the
 * errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <libical/ical.h>

#include "calendar/calendar.h"
#include "calendar/calendar_ics.h"
#include "core/date.h"
#include "core/profile.h"
#include "core/refdata.h"

static struct refdata *ref;
static struct obligation_set *set;

static int group_setup(void **state)
{
    struct err e;

    (void)state;
    if (refdata_load(&ref, &e) != 0 || obligation_set_load(&set, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    obligation_set_free(set);
    refdata_free(ref);
    return 0;
}

static int32_t day(const char *iso)
{
    int32_t d;

    assert_int_equal(date_parse(iso, strlen(iso), &d, NULL), 0);
    return d;
}

/* A QRMP proprietor in Maharashtra with 12 employees (ESI): GST, ESI, Udyam. */
static void build(const char *from, const char *to, struct calendar *cal)
{
    static const char text[] =
        "{\"as_of\": \"2025-06-01\", \"enterprise\": {\"constitution\": \"proprietorship\","
        " \"status\": \"existing\", \"state\": \"27\", \"turnover\": 9000000, \"employees\": 12,"
        " \"gst_scheme\": \"qrmp\"}}";
    struct profile p;
    struct profile_issues is = {0};
    struct err e;
    struct calendar_request rq;

    profile_init(&p);
    assert_int_equal(profile_parse(text, strlen(text), &p, &is, &e), 0);
    profile_issues_free(&is);
    rq = (struct calendar_request){.obligations = set, .ref = ref, .profile = &p,
                                   .as_of = day("2025-06-01"), .from = day(from), .to = day(to),
                                   .today = day("2025-10-20"), .aato = -1};
    assert_int_equal(calendar_build(&rq, cal, &e), 0);
    profile_clear(&p);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void render(const struct calendar *cal, const struct calendar_ics_opts *o, struct buf *out)
{
    struct err e;

    if (calendar_ics_render(cal, o, out, &e) != 0)
        fail_msg("%s", e.msg);
}

static void test_every_item_an_event(void **state)
{
    struct calendar cal = {0};
    struct calendar_ics_opts o = {.scope = "enterprise-1", .link = "https://x.example/calendar",
                                  .now = 1767225600};
    struct buf out = BUF_INIT;

    (void)state;
    build("2025-07-01", "2025-12-31", &cal);
    assert_true(cal.n > 5);
    render(&cal, &o, &out);
    assert_int_equal(count(out.data, "BEGIN:VEVENT\r\n"), cal.n);
    assert_int_equal(count(out.data, "BEGIN:VALARM\r\n"), cal.n);
    assert_int_equal(count(out.data, "TRIGGER:-P7D\r\n"), cal.n);
    assert_int_equal(count(out.data, "ACTION:DISPLAY\r\n"), cal.n);
    assert_int_equal(count(out.data, "URL:https://x.example/calendar\r\n"), cal.n);
    assert_int_equal(count(out.data, "DTSTAMP:20260101T000000Z\r\n"), cal.n);
    assert_non_null(strstr(out.data, "METHOD:PUBLISH\r\n"));
    assert_non_null(strstr(out.data, "X-WR-CALNAME:Samanvay\r\n"));
    assert_non_null(strstr(out.data, "DTSTART;VALUE=DATE:20251022\r\nDTEND;VALUE=DATE:20251023\r\n"));
    buf_release(&out);
    calendar_release(&cal);
}

static void test_uid_stable(void **state)
{
    struct calendar wide = {0}, narrow = {0};
    struct calendar_ics_opts o = {.scope = "enterprise-1", .now = 1};
    struct buf a = BUF_INIT, b = BUF_INIT;
    char uid[CALENDAR_ICS_UID_MAX], moved_uid[CALENDAR_ICS_UID_MAX], other[CALENDAR_ICS_UID_MAX];
    struct calendar_item moved;

    (void)state;
    build("2025-07-01", "2025-12-31", &wide);
    build("2025-10-01", "2025-10-31", &narrow);
    assert_true(narrow.n > 0 && narrow.n < wide.n);
    render(&wide, &o, &a);
    o.now = 999999;   /* another run */
    render(&narrow, &o, &b);
    for (size_t i = 0; i < narrow.n; i++) {
        char line[CALENDAR_ICS_UID_MAX + 8];
        assert_int_equal(calendar_ics_uid(&narrow.items[i], "enterprise-1", uid), 0);
        snprintf(line, sizeof line, "UID:%s\r\n", uid);
        assert_int_equal(count(a.data, line), 1);
        assert_int_equal(count(b.data, line), 1);
    }
    /* an extension moves the due date, not the UID */
    moved = narrow.items[0];
    moved.due = date_add_days(moved.due, 30);
    assert_int_equal(calendar_ics_uid(&narrow.items[0], "enterprise-1", uid), 0);
    assert_int_equal(calendar_ics_uid(&moved, "enterprise-1", moved_uid), 0);
    assert_string_equal(uid, moved_uid);
    /* another enterprise: another UID, and the scope is not in it */
    assert_int_equal(calendar_ics_uid(&narrow.items[0], "enterprise-2", other), 0);
    assert_string_not_equal(uid, other);
    assert_null(strstr(uid, "enterprise"));
    buf_release(&a);
    buf_release(&b);
    calendar_release(&wide);
    calendar_release(&narrow);
}

/* Length of the UTF-8 sequence starting at p (within n bytes), 0 when invalid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t len = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
                 : (p[0] & 0xF8) == 0xF0 ? 4 : 0;

    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Every physical line ends in CRLF, has at most 75 octets, and is valid
 * UTF-8 on its own (no character split across a fold). */
static void assert_folded(const char *text)
{
    const char *line = text;

    while (*line) {
        const char *end = strstr(line, "\r\n");
        assert_non_null(end);
        assert_true(end - line <= 75);
        for (const char *p = line; p < end;) {
            size_t n = utf8_len((const unsigned char *)p, (size_t)(end - p));
            if (n == 0)
                fail_msg("a UTF-8 character split at the fold: %.*s", (int)(end - line), line);
            p += n;
        }
        line = end + 2;
    }
}

static const char *hindi_status(enum calendar_status s)
{
    return s == CAL_OVERDUE ? "समय-सीमा बीत गई" : "रिकॉर्ड में कोई दाखिला नहीं";
}

static void test_hindi_folding(void **state)
{
    static const char name[] = "श्री गणेश वस्त्र उद्योग, वाराणसी — अनुपालन कैलेंडर (जीएसटी, ईएसआई, उद्यम)";
    const struct calendar_ics_words hi = {
        .status = hindi_status, .status_label = "स्थिति", .late_fee = "विलंब शुल्क",
        .interest = "ब्याज", .source = "स्रोत", .if_applies = "यदि यह आप पर लागू हो",
        .reminder = "देय", .hindi_names = true};
    struct calendar cal = {0};
    struct calendar_ics_opts o = {.calendar_name = name, .scope = "enterprise-1", .now = 1,
                                  .words = &hi, .reminder_days = 3};
    struct buf out = BUF_INIT;
    icalcomponent *parsed, *ev;
    size_t events = 0;

    (void)state;
    build("2025-07-01", "2025-12-31", &cal);
    render(&cal, &o, &out);
    assert_folded(out.data);
    assert_true(count(out.data, "\r\n ") > 0);   /* something was folded */
    /* read back by libical's parser: the unfolded text is what went in */
    parsed = icalparser_parse_string(out.data);
    assert_non_null(parsed);
    assert_string_equal(icalproperty_get_x(icalcomponent_get_first_property(parsed, ICAL_X_PROPERTY)),
                        name);
    for (ev = icalcomponent_get_first_component(parsed, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(parsed, ICAL_VEVENT_COMPONENT), events++) {
        const struct calendar_item *it = &cal.items[events];
        char want[256];
        icalcomponent *al = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
        struct icaltriggertype tr;

        snprintf(want, sizeof want, "%s (%s)", it->obligation->name_hi ? it->obligation->name_hi
                                                                       : it->obligation->name,
                 it->period);
        assert_string_equal(icalcomponent_get_summary(ev), want);
        assert_non_null(strstr(icalcomponent_get_description(ev), "स्थिति: "));
        assert_non_null(al);
        tr = icalproperty_get_trigger(icalcomponent_get_first_property(al, ICAL_TRIGGER_PROPERTY));
        assert_int_equal(icaldurationtype_as_int(tr.duration), -3 * 86400);
    }
    assert_int_equal(events, cal.n);
    icalcomponent_free(parsed);
    buf_release(&out);
    calendar_release(&cal);
}

static void test_errors(void **state)
{
    struct calendar cal = {0};
    struct calendar_ics_opts o = {.scope = "", .now = 1};
    struct buf out = BUF_INIT;
    struct err e;

    (void)state;
    build("2025-10-01", "2025-10-31", &cal);
    assert_int_equal(calendar_ics_render(&cal, &o, &out, &e), -1);
    assert_non_null(strstr(e.msg, "scope"));
    o.scope = "x";
    o.reminder_days = CALENDAR_ICS_REMINDER_MAX + 1;
    assert_int_equal(calendar_ics_render(&cal, &o, &out, &e), -1);
    assert_int_equal(out.len, 0);
    calendar_release(&cal);
    /* an empty calendar is still a calendar */
    o.reminder_days = 0;
    assert_int_equal(calendar_ics_render(&cal, &o, &out, &e), 0);
    assert_non_null(strstr(out.data, "BEGIN:VCALENDAR\r\n"));
    assert_null(strstr(out.data, "VEVENT"));
    buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_item_an_event), cmocka_unit_test(test_uid_stable),
        cmocka_unit_test(test_hindi_folding), cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
