/* calendar_html.c: the compliance calendar in the pages (calendar_html.h). */
#include "web/calendar_html.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "web/html.h"
#include "web/i18n.h"

/* Items the dashboard lists in each part: a unit with several GSTINs and
 * every obligation can have many; the calendar page has them all. */
#define SUMMARY_ITEMS_MAX 8

const char *calendar_html_status(enum calendar_status s)
{
    switch (s) {
    case CAL_UPCOMING: return _("Upcoming");
    case CAL_DUE_SOON: return _("Due soon");
    case CAL_FILED_ON_TIME: return _("Filed on time");
    case CAL_FILED_LATE: return _("Filed late");
    case CAL_OVERDUE: return _("Overdue");
    case CAL_NOT_KNOWN: return _("No filing on record");
    }
    return "?";
}

const char *calendar_html_name(const struct web_request *rq, const struct obligation *o)
{
    return rq->lang == LANG_HI && o->name_hi != NULL ? o->name_hi : o->name;
}

static int put_money(struct buf *b, const char *label, int64_t paise)
{
    char money[MONEY_STR_MAX];

    if (paise <= 0)
        return 0;
    money_format_inr(paise, money);
    return buf_printf(b, " · %s ", label) || buf_put_html(b, money);
}

static int put_item(const struct web_request *rq, struct buf *b, const struct calendar_item *it)
{
    char due[DATE_STR_LEN];

    date_format(it->due, due);
    if (buf_printf(b, "<li><strong>%s</strong> · ", due)
        || buf_put_html(b, calendar_html_name(rq, it->obligation)) || buf_puts(b, " (")
        || buf_put_html(b, it->period) || buf_puts(b, ") · ")
        || buf_put_html(b, calendar_html_status(it->status)))
        return -1;
    if (it->conditional && buf_printf(b, " · %s", _("if it applies to you")))
        return -1;
    if (it->days_late > 0 && buf_printf(b, " · %s %lld", _("days late:"), (long long)it->days_late))
        return -1;
    if (put_money(b, _("late fee"), it->late_fee) || put_money(b, _("interest"), it->interest))
        return -1;
    return buf_puts(b, "</li>\n");
}

/* One part of the summary: the items `want` picks, at most SUMMARY_ITEMS_MAX. */
static int put_part(const struct web_request *rq, struct buf *b, const struct enterprise_calendar *c,
                    const char *title, bool (*want)(const struct calendar_item *, int32_t))
{
    size_t shown = 0, more = 0;

    for (size_t i = 0; i < c->cal.n; i++) {
        const struct calendar_item *it = &c->cal.items[i];
        if (!want(it, rq->today))
            continue;
        if (shown == 0 && buf_printf(b, "<h3>%s</h3>\n<ul>\n", title))
            return -1;
        if (shown == SUMMARY_ITEMS_MAX) {
            more++;
            continue;
        }
        if (put_item(rq, b, it))
            return -1;
        shown++;
    }
    if (more > 0 && buf_printf(b, "<li>%s %zu</li>\n", _("More on the calendar page:"), more))
        return -1;
    return shown > 0 ? buf_puts(b, "</ul>\n") : 0;
}

static bool is_overdue(const struct calendar_item *it, int32_t today)
{
    (void)today;
    return it->status == CAL_OVERDUE;
}

static bool is_coming(const struct calendar_item *it, int32_t today)
{
    return it->due >= today && (it->status == CAL_UPCOMING || it->status == CAL_DUE_SOON);
}

static bool is_filed_late(const struct calendar_item *it, int32_t today)
{
    (void)today;
    return it->status == CAL_FILED_LATE;
}

int calendar_html_summary(const struct web_request *rq, struct buf *b,
                          const struct enterprise_calendar *c)
{
    if (buf_printf(b, "<h2>%s</h2>\n", _("Compliance deadlines")))
        return -1;
    if (c->overdue > 0
        && buf_printf(b, "<p class=\"error\" role=\"alert\">%s %d</p>\n",
                      _("Returns overdue (schemes that ask for good standing will see this):"),
                      c->overdue))
        return -1;
    if (put_part(rq, b, c, _("Overdue"), is_overdue)
        || put_part(rq, b, c, _("Coming up"), is_coming)
        || put_part(rq, b, c, _("Filed late"), is_filed_late))
        return -1;
    if (c->cal.n == 0 && buf_printf(b, "<p>%s</p>\n", _("Nothing falls due in these weeks.")))
        return -1;
    return buf_printf(b, "<p>%s</p>\n",
                      _("GST dates are the statutory ones; a date moved by a government "
                        "extension says so on the calendar page."));
}

/* The obligation named by an id, or NULL. */
static const struct obligation *find_obligation(const struct web_request *rq, const char *id)
{
    return rq->app->obligations ? obligation_find(rq->app->obligations, id) : NULL;
}

int calendar_html_digest(const struct web_request *rq, struct buf *b, const char *detail)
{
    const char *p = detail;
    bool first = true;

    while (*p) {
        char item[96], *period, *due;
        size_t n = strcspn(p, " ");
        const struct obligation *o;
        snprintf(item, sizeof item, "%.*s", (int)(n < sizeof item ? n : sizeof item - 1), p);
        p += n;
        p += strspn(p, " ");
        period = strchr(item, '/');
        due = period ? strchr(period + 1, '/') : NULL;
        if (due == NULL)
            continue;
        *period++ = '\0';
        *due++ = '\0';
        o = find_obligation(rq, item);
        if ((!first && buf_puts(b, "; ")) || buf_put_html(b, o ? calendar_html_name(rq, o) : item)
            || buf_puts(b, " (") || buf_put_html(b, period) || buf_printf(b, ") %s ", _("due"))
            || buf_put_html(b, due))
            return -1;
        first = false;
    }
    return 0;
}
