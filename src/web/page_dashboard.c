/* page_dashboard.c: GET /dashboard, the enterprise's one place: every
 * application with its status and next step and the office's clock,
 * grievances, delayed-payment claims, notifications and the compliance
 * calendar (what is overdue, what falls due soon, late fees).
 * The reminder digest of due dates in the next REMINDER_DAYS_DEFAULT days
 * is sent at sign-in (page_login.c) and by the daily `samanvay reminders
 * --notify`: a GET only reads (it runs in one read snapshot, server.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "store/store_application.h"
#include "store/store_grievance.h"
#include "web/calendar_html.h"
#include "web/html.h"
#include "web/msmed_calc.h"
#include "web/portal.h"
#include "web/routes.h"

#define DASHBOARD_NOTIFICATIONS 10
/* The calendar's window: recent enough to show what is overdue, ahead
 * far enough for a quarter's returns. */
#define DASHBOARD_CALENDAR_BACK_DAYS 60
#define DASHBOARD_CALENDAR_AHEAD_DAYS 45

struct dash {
    struct web_request *rq;
    struct buf *b;
    struct err *e;                  /* for callbacks that read the store */
    size_t n;
    int64_t bundle;                 /* just submitted: highlight it */
    size_t unread;
};

static int put_app(void *ctx, const struct app_row *a)
{
    struct dash *d = ctx;
    struct buf *b = d->b;
    bool late = app_state_with_government(a->state) && a->days_with_government > a->sla_days;

    d->n++;
    if (buf_printf(b, "<tr%s><td><a href=\"/applications/%" PRId64 "\">",
                   a->bundle_id == d->bundle ? " class=\"new\"" : "", a->id)
        || buf_put_html(b, portal_scheme_name(d->rq, a->scheme_id)) || buf_puts(b, "</a></td><td>")
        || buf_put_html(b, portal_app_state_label(a->state)) || buf_puts(b, "</td><td>")
        || buf_put_html(b, portal_next_step(a->state, false))
        || (a->state == APP_RETURNED && a->last_reason[0]
            && (buf_puts(b, ": ") || buf_put_html(b, a->last_reason)))
        || buf_printf(b, "</td><td>%d / %d%s</td></tr>\n", a->days_with_government, a->sla_days,
                      late ? _(" — overdue") : ""))
        return -1;
    return 0;
}

static int put_applications(struct dash *d, struct err *e)
{
    struct buf *b = d->b;

    if (buf_printf(b, "<h2>%s</h2>\n", _("Your applications")))
        return err_set(e, "out of memory");
    if (d->bundle > 0 && buf_printf(b, "<p class=\"done\" role=\"status\">%s</p>\n",
                                    _("Your application was sent. Each scheme's office now has it.")))
        return err_set(e, "out of memory");
    if (buf_printf(b, "<div class=\"wide\"><table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("Applications, newest first"), _("Scheme"), _("Status"), _("Next step"),
                   _("Days with the office / allowed")))
        return err_set(e, "out of memory");
    if (store_apps_of_enterprise(d->rq->store, d->rq->session->user.enterprise_id, d->rq->today,
                                 put_app, d, e) != 0)
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    if (buf_puts(b, "</tbody>\n</table></div>\n"))
        return err_set(e, "out of memory");
    if (d->n == 0 && buf_printf(b, "<p>%s <a href=\"/schemes\">%s</a></p>\n",
                                _("No applications yet."), _("Find schemes for you")))
        return err_set(e, "out of memory");
    return 0;
}

static int put_grievance(void *ctx, const struct grievance_row *g)
{
    struct dash *d = ctx;
    char on[DATE_STR_LEN];

    d->n++;
    date_format(g->filed_on, on);
    if (buf_printf(d->b, "<li><a href=\"/grievances/%" PRId64 "\">%s %" PRId64 "</a> · %s · ",
                   g->id, _("Grievance"), g->id, on)
        || buf_put_html(d->b, portal_grievance_state_label(g->g.state)) || buf_puts(d->b, " · ")
        || buf_put_html(d->b, portal_grievance_level_label(g->g.level)) || buf_puts(d->b, "</li>\n"))
        return -1;
    return 0;
}

/* A claim as the engine reads it (calendar/msmed.h): due on the agreed day
 * (at most 45 days) or 15 days after acceptance, and what is owed today. */
static int put_claim(void *ctx, const struct payment_claim_row *c)
{
    struct dash *d = ctx;
    struct msmed_request in;
    struct msmed_calc calc;
    struct err why;
    char money[MONEY_STR_MAX], on[DATE_STR_LEN];
    bool late;

    d->n++;
    if (msmed_calc_claim_request(d->rq->store, c, d->rq->today, &in, d->e) != 0)
        return -1;
    if (buf_puts(d->b, "<li>") || buf_put_html(d->b, c->buyer) || buf_puts(d->b, " · "))
        return -1;
    if (msmed_calc_run(d->rq->app, &in, &calc, &why) != 0) {
        money_format_inr(c->amount_paise, money);
        return buf_put_html(d->b, money) || buf_puts(d->b, "</li>\n") ? -1 : 0;
    }
    late = calc.result.days_late > 0 && calc.result.outstanding > 0;
    money_format_inr(calc.result.outstanding, money);
    date_format(calc.result.term.due, on);
    msmed_calc_free(&calc);
    return buf_put_html(d->b, money)
           || buf_printf(d->b, " %s · %s %s", late ? _("owed today, with interest") : _("owed"),
                         _("due by"), on)
           || (late && buf_printf(d->b, " · <strong>%s</strong>", _("overdue")))
           || buf_puts(d->b, "</li>\n") ? -1 : 0;
}

static int put_notification(void *ctx, const struct notification_row *n)
{
    struct dash *d = ctx;

    d->n++;
    d->unread += !n->read;
    if (buf_printf(d->b, "<li%s>%.10s · ", n->read ? "" : " class=\"unread\"", n->at)
        || (!n->read && buf_printf(d->b, "<strong>%s</strong> ", _("New:"))) || buf_put_html(d->b, portal_notice_text(n->kind))
        || (n->scheme_id[0] && (buf_puts(d->b, " — ") || buf_put_html(d->b, portal_scheme_name(d->rq, n->scheme_id))))
        || (n->detail[0] && strcmp(n->kind, REMINDER_KIND) == 0
            && (buf_puts(d->b, ": ") || calendar_html_digest(d->rq, d->b, n->detail)))
        || (n->detail[0] && strcmp(n->kind, REMINDER_KIND) != 0
            && (buf_puts(d->b, ": ") || buf_put_html(d->b, n->detail)))
        || buf_puts(d->b, "</li>\n"))
        return -1;
    return 0;
}

/* Close a list, saying so when it was empty, with its link. */
static int put_section_end(struct dash *d, const char *none, const char *link,
                           const char *link_text)
{
    if (d->n == 0 && buf_printf(d->b, "<li>%s</li>\n", none))
        return -1;
    return buf_puts(d->b, "</ul>\n")
           || (link && buf_printf(d->b, "<p><a href=\"%s\">%s</a></p>\n", link, link_text)) ? -1 : 0;
}

static int put_lists(struct dash *d, struct err *e)
{
    int64_t ent = d->rq->session->user.enterprise_id;
    struct buf *b = d->b;

    d->n = 0;
    if (buf_printf(b, "<h2>%s</h2>\n<ul>\n", _("Grievances"))
        || store_grievances_of_enterprise(d->rq->store, ent, put_grievance, d, e) != 0
        || put_section_end(d, _("None."), "/grievances/new", _("Raise a grievance")))
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    d->n = 0;
    if (buf_printf(b, "<h2>%s</h2>\n<ul>\n", _("Payments buyers owe you"))
        || store_payment_claims_of_enterprise(d->rq->store, ent, put_claim, d, e) != 0
        || put_section_end(d, _("None."), "/payments", _("Delayed payments: interest owed and the Facilitation Council")))
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    d->n = 0;
    if (buf_printf(b, "<h2>%s</h2>\n<ul>\n", _("Messages"))
        || store_notifications(d->rq->store, ent, DASHBOARD_NOTIFICATIONS, put_notification, d, e) != 0
        || put_section_end(d, _("None."), NULL, NULL))
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    if (d->unread > 0
        && (buf_puts(b, "<form method=\"post\" action=\"/dashboard/read\">\n") || html_put_csrf(b, d->rq)
            || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Mark the messages as read"))))
        return err_set(e, "out of memory");
    return 0;
}

/* The calendar of the weeks around today, from the profile the page has loaded. */
static int put_rest(struct dash *d, const struct profile *p, struct err *e)
{
    const struct web_request *rq = d->rq;
    struct enterprise_calendar_request cr = {
        .obligations = rq->app->obligations, .ref = rq->app->ref,
        .enterprise_id = rq->session->user.enterprise_id,
        .from = date_add_days(rq->today, -DASHBOARD_CALENDAR_BACK_DAYS),
        .to = date_add_days(rq->today, DASHBOARD_CALENDAR_AHEAD_DAYS), .today = rq->today};
    struct enterprise_calendar cal;
    int rc = enterprise_calendar_build(rq->store, &cr, p, &cal, e);

    if (rc == 0)
        rc = put_lists(d, e);
    if (rc == 0 && (calendar_html_summary(d->rq, d->b, &cal) != 0
                    || buf_printf(d->b, "<p><a href=\"/calendar\">%s</a></p>\n",
                                  _("The whole calendar, and adding it to your phone"))))
        rc = err_set(e, "out of memory");
    enterprise_calendar_free(&cal);
    return rc;
}

int page_dashboard(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    struct dash d = {.rq = rq, .b = &rs->body, .e = e};
    const char *bundle = web_query(rq, "bundle");
    int rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    if (bundle != NULL)
        d.bundle = strtoll(bundle, NULL, 10);
    e->msg[0] = '\0';
    if (html_begin(rs, rq, _("Your dashboard")) || buf_puts(d.b, "<h1>")
        || buf_put_html(d.b, enterprise_display_name(&v.ent)) || buf_puts(d.b, "</h1>\n")
        || buf_printf(d.b, "<p><a href=\"/schemes\">%s</a> · <a href=\"/profile\">%s</a> · "
                           "<a href=\"/insights\">%s</a> · <a href=\"/privacy\">%s</a></p>\n",
                      _("Find schemes for you"), _("Check your details"),
                      _("Market insights and sustainability"), _("Who looked at your data")))
        rc = err_set(e, "out of memory");
    if (rc == 0)
        rc = put_applications(&d, e);
    if (rc == 0)
        rc = put_rest(&d, &v.profile, e);
    if (rc == 0 && html_end(rs, rq) != 0)
        rc = err_set(e, "out of memory");
    profile_view_free(&v);
    return rc;
}

int page_dashboard_read(struct web_request *rq, struct web_response *rs, struct err *e)
{
    if (rq->session->user.enterprise_id > 0
        && store_notifications_mark_read(rq->store, rq->session->user.enterprise_id, e) != 0)
        return -1;
    return web_response_redirect(rs, "/dashboard") == 0 ? 0 : err_set(e, "redirect");
}
