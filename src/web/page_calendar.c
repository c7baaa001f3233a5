/* page_calendar.c: the entrepreneur's compliance calendar (docs/calendar-ics.md).
 *
 *   GET  /calendar                       every due date by month, with its status, the
 *                                        download and the subscription section
 *   GET  /calendar.ics                   the same as an iCalendar file (signed in)
 *   POST /calendar/subscription          a new private subscription link (revokes the
 *                                        old one); the page shows its URL this once
 *   POST /calendar/subscription/revoke   revoke link `feed` (the enterprise's own only)
 *   GET  /calendar/{token}.ics           the subscription: no session, the token is the
 *                                        credential; unknown or revoked → 404
 *
 * Only the token's hash is stored, so the URL cannot be shown again: a
 * lost link is replaced, not recovered. */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "golden/enterprise_calendar.h"
#include "store/store_calendar_feed.h"
#include "web/calendar_html.h"
#include "web/calendar_ics_web.h"
#include "web/calendar_token.h"
#include "web/form.h"
#include "web/html.h"
#include "web/portal.h"
#include "web/routes.h"

/* The page's window: what is overdue, and a year ahead. */
#define PAGE_BACK_DAYS 60
#define PAGE_AHEAD_DAYS 365
/* A polled feed writes its last fetch at most hourly. */
#define FEED_TOUCH_SECONDS 3600

static const char *const month_names[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};

static int put_money_cell(struct buf *b, int64_t paise)
{
    char money[MONEY_STR_MAX];

    if (paise <= 0)
        return buf_puts(b, "<td></td>");
    money_format_inr(paise, money);
    return buf_puts(b, "<td>") || buf_put_html(b, money) || buf_puts(b, "</td>");
}

static int put_row(const struct web_request *rq, struct buf *b, const struct calendar_item *it)
{
    char due[DATE_STR_LEN];

    date_format(it->due, due);
    return buf_printf(b, "<tr><td>%s</td><td>", due)
           || buf_put_html(b, calendar_html_name(rq, it->obligation)) || buf_puts(b, "</td><td>")
           || buf_put_html(b, it->period) || buf_puts(b, "</td><td>")
           || buf_put_html(b, calendar_html_status(it->status))
           || (it->conditional && buf_printf(b, " (%s)", _("if it applies to you")))
           || buf_puts(b, "</td>") || put_money_cell(b, it->late_fee)
           || put_money_cell(b, it->interest) || buf_puts(b, "</tr>\n");
}

static int put_month_head(struct buf *b, int year, int month)
{
    /* the table may scroll sideways on a phone: its region takes the
     * keyboard focus so it can be scrolled without a mouse (WCAG 2.1.1) */
    return buf_printf(b, "<h2 id=\"m%d-%02d\">%s %d</h2>\n<div class=\"wide\" role=\"region\" "
                         "tabindex=\"0\" aria-labelledby=\"m%d-%02d\"><table>\n<thead><tr>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "</tr></thead>\n<tbody>\n",
                      year, month, _(month_names[month - 1]), year, year, month, _("Due date"), _("Obligation"),
                      _("Period"), _("Status"), _("Late fee"), _("Interest"));
}

/* One table a month, in due-date order (the calendar's order). */
static int put_months(const struct web_request *rq, struct buf *b, const struct calendar *cal)
{
    int open_y = 0, open_m = 0;

    for (size_t i = 0; i < cal->n; i++) {
        int y, m, d;
        date_to_ymd(cal->items[i].due, &y, &m, &d);
        if ((y != open_y || m != open_m)
            && ((open_y && buf_puts(b, "</tbody>\n</table></div>\n")) || put_month_head(b, y, m)))
            return -1;
        open_y = y;
        open_m = m;
        if (put_row(rq, b, &cal->items[i]))
            return -1;
    }
    if (open_y && buf_puts(b, "</tbody>\n</table></div>\n"))
        return -1;
    return cal->n == 0 ? buf_printf(b, "<p>%s</p>\n", _("Nothing falls due in these months.")) : 0;
}

static int put_create_form(const struct web_request *rq, struct buf *b, const char *label)
{
    return buf_puts(b, "<form method=\"post\" action=\"/calendar/subscription\">\n")
           || html_put_csrf(b, rq) || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", label);
}

static int put_time(struct buf *b, int64_t unix_seconds)
{
    char day[DATE_STR_LEN];
    int32_t epoch;

    /* the day in IST (UTC+05:30), as every date on the pages */
    if (date_from_ymd(1970, 1, 1, &epoch) != 0)
        return -1;
    date_format(epoch + (int32_t)((unix_seconds + 19800) / 86400), day);
    return buf_puts(b, day);
}

/* The subscription section; `new_url` is the link just made (shown once). */
static int put_subscription(struct web_request *rq, struct buf *b, const char *new_url,
                            struct err *e)
{
    struct calendar_feed f;
    bool found;

    if (store_calendar_feed_active(rq->store, rq->session->user.enterprise_id, &f, &found, e) != 0)
        return -1;
    if (buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n<p><a href=\"/calendar.ics\" download>%s</a></p>\n",
                   _("Add these dates to your phone"),
                   _("Download the dates once, or subscribe: your phone's calendar then follows "
                     "the link and shows new due dates and changes by itself, with a reminder a "
                     "week before each."),
                   _("Download the calendar (.ics)")))
        return err_set(e, "out of memory");
    if (new_url != NULL
        /* in a read-only field: it fits a phone's width and selects whole to copy */
        && (buf_printf(b, "<div class=\"done\" role=\"status\"><p><label for=\"feed-url\">%s</label></p>\n"
                          "<p><input id=\"feed-url\" type=\"text\" readonly value=\"",
                       _("Your private subscription link. Copy it into your phone's calendar "
                         "(Add calendar, From URL) now: it is shown only this once."))
            || buf_put_html(b, new_url)
            || buf_printf(b, "\"></p>\n<p>%s</p></div>\n",
                          _("Anyone with this link can see your due dates. Do not share it; if "
                            "it leaks, revoke it here."))))
        return err_set(e, "out of memory");
    if (!found)
        return buf_printf(b, "<p>%s</p>\n", _("You have no subscription link."))
                       || put_create_form(rq, b, _("Make a subscription link"))
                   ? err_set(e, "out of memory") : 0;
    if (buf_printf(b, "<p>%s ", _("A subscription link is active since")) || put_time(b, f.created_at)
        || buf_puts(b, ". ")
        || (f.last_fetched_at > 0
            && (buf_printf(b, "%s ", _("Last read by a calendar on")) || put_time(b, f.last_fetched_at)
                || buf_puts(b, ".")))
        || buf_puts(b, "</p>\n")
        || buf_puts(b, "<form method=\"post\" action=\"/calendar/subscription/revoke\">\n")
        || html_put_csrf(b, rq)
        || buf_printf(b, "<input type=\"hidden\" name=\"feed\" value=\"%" PRId64 "\">\n"
                         "<button type=\"submit\">%s</button>\n</form>\n",
                      f.id, _("Revoke the link"))
        || put_create_form(rq, b, _("Replace it with a new link (the old one stops working)")))
        return err_set(e, "out of memory");
    return 0;
}

static int load_window(struct web_request *rq, struct enterprise_calendar *cal, struct err *e)
{
    struct enterprise_calendar_request cr = {
        .obligations = rq->app->obligations, .ref = rq->app->ref, .rules = rq->app->survivorship,
        .enterprise_id = rq->session->user.enterprise_id,
        .from = date_add_days(rq->today, -PAGE_BACK_DAYS),
        .to = date_add_days(rq->today, PAGE_AHEAD_DAYS), .today = rq->today};
    bool found = false;

    if (enterprise_calendar_load(rq->store, &cr, cal, &found, e) != 0)
        return -1;
    return found ? 0 : err_set(e, "calendar: the enterprise went away");
}

/* The whole page; new_url as for put_subscription. */
static int calendar_page(struct web_request *rq, struct web_response *rs, const char *new_url,
                         struct err *e)
{
    struct enterprise_calendar cal;
    struct profile_view v;
    struct buf *b = &rs->body;
    int rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    if (load_window(rq, &cal, e) != 0) {
        enterprise_calendar_free(&cal);
        profile_view_free(&v);
        return -1;
    }
    e->msg[0] = '\0';
    if (html_begin(rs, rq, _("Compliance calendar")) || buf_printf(b, "<h1>%s</h1>\n<p>", _("Compliance calendar"))
        || buf_put_html(b, enterprise_display_name(&v.ent))
        || buf_printf(b, " · <a href=\"/dashboard\">%s</a></p>\n", _("Your dashboard"))
        || (rq->session->user.enterprise_id > 0 && web_query(rq, "revoked") != NULL
            && buf_printf(b, "<p class=\"done\" role=\"status\">%s</p>\n",
                          _("The subscription link was revoked; calendars following it get "
                            "nothing more.")))
        || put_months(rq, b, &cal.cal))
        rc = err_set(e, "out of memory");
    if (rc == 0)
        rc = put_subscription(rq, b, new_url, e);
    if (rc == 0 && html_end(rs, rq) != 0)
        rc = err_set(e, "out of memory");
    enterprise_calendar_free(&cal);
    profile_view_free(&v);
    return rc;
}

int page_calendar(struct web_request *rq, struct web_response *rs, struct err *e)
{
    return calendar_page(rq, rs, NULL, e);
}

int page_calendar_ics(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct enterprise ent;
    bool found = false;

    if (rq->session->user.enterprise_id > 0
        && store_enterprise_get(rq->store, rq->session->user.enterprise_id, &ent, &found, e) != 0)
        return -1;
    if (!found)
        return page_calendar(rq, rs, e);   /* says why there is no calendar */
    return calendar_ics_web_respond(rq, rs, &ent, rq->lang, date_add_days(rq->today, -CALENDAR_ICS_BACK_DAYS),
                                    date_add_days(rq->today, CALENDAR_ICS_AHEAD_DAYS), true, false, e);
}

int page_calendar_subscribe(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char token[CALENDAR_TOKEN_CHARS + 1], hash[CALENDAR_FEED_HASH_HEX];
    char url[sizeof rq->app->public_url + CALENDAR_TOKEN_CHARS + 32];
    int64_t id;

    if (rq->session->user.enterprise_id <= 0)
        return page_calendar(rq, rs, e);   /* says why there is no calendar */
    if (calendar_token_new(token, hash) != 0)
        return err_set(e, "calendar: cannot make a token");
    if (store_calendar_feed_create(rq->store, rq->session->user.enterprise_id,
                                   rq->session->user.id, hash, i18n_code(rq->lang), rq->now, &id,
                                   e) != 0)
        return -1;
    snprintf(url, sizeof url, "%s/calendar/%s%s", rq->app->public_url, token, CALENDAR_TOKEN_SUFFIX);
    sodium_memzero(token, sizeof token);
    return calendar_page(rq, rs, url, e);
}

int page_calendar_revoke(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char field[24];
    int64_t id;
    bool revoked = false;

    if (form_get(rq->body, rq->body_len, "feed", field, sizeof field) != 0 || !portal_parse_id(field, &id))
        return html_error_page(rs, rq, 422, _("Which link?"), _("The form named no subscription link."), false)
                       ? err_set(e, "out of memory") : 0;
    if (store_calendar_feed_revoke(rq->store, id, rq->session->user.enterprise_id, rq->now,
                                   &revoked, e) != 0)
        return -1;
    /* another enterprise's link, or one already revoked: the same 404, so
     * the form is no oracle for other enterprises' link ids */
    if (!revoked)
        return html_error_page(rs, rq, 404, _("No such link"),
                               _("You have no working subscription link with that number."), false)
                       ? err_set(e, "out of memory") : 0;
    return web_response_redirect(rs, "/calendar?revoked=1") == 0 ? 0 : err_set(e, "redirect");
}

int page_calendar_feed(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *segment = router_param(rq->match, "feed");
    char hash[CALENDAR_FEED_HASH_HEX];
    struct calendar_feed f;
    struct enterprise ent;
    enum lang lang = LANG_EN;
    bool found = false;

    if (segment != NULL && calendar_token_parse(segment, strlen(segment), hash) == 0) {
        if (store_calendar_feed_by_hash(rq->store, hash, &f, &found, e) != 0
            || (found && store_enterprise_get(rq->store, f.enterprise_id, &ent, &found, e) != 0))
            return -1;
    }
    if (!found) {
        return html_error_page(rs, rq, 404, _("No such calendar"),
                               _("This calendar link is not known, or was revoked."), false)
                       ? err_set(e, "out of memory") : 0;
    }
    /* "last read by a calendar": a signed-in browser opening the link is
     * not one (and its GET runs in a read snapshot, server.c) */
    if (!rq->session->signed_in
        && store_calendar_feed_touch(rq->store, f.id, rq->now, FEED_TOUCH_SECONDS, e) != 0)
        return -1;
    (void)i18n_parse(f.lang, &lang);
    if (calendar_ics_web_respond(rq, rs, &ent, lang, date_add_days(rq->today, -CALENDAR_ICS_BACK_DAYS),
                                 date_add_days(rq->today, CALENDAR_ICS_AHEAD_DAYS), false, false, e) != 0)
        return -1;
    /* a calendar app polls; only it (not a shared cache) may keep a copy */
    rs->cache_control = "private, max-age=3600";
    return web_response_header(rs, "X-Robots-Tag", "noindex") == 0 ? 0 : err_set(e, "header");
}
