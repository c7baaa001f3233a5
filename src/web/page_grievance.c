/* page_grievance.c: grievances on the portal.
 *
 *   GET  /grievances/new   the form (?application=ID pre-selects one)
 *   POST /grievances       file it
 *   GET  /grievances/{id}  its history, deadlines and the next actions
 *   POST /grievances/{id}  acknowledge / resolve (office), rate / appeal
 *                          (complainant)
 * The rules are in grievance_act.c, shared with the API. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "web/form.h"
#include "web/grievance_act.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/routes.h"

struct own_apps {
    struct buf *b;
    const struct web_request *rq;
    int64_t chosen;
};

static int put_app_option(void *ctx, const struct app_row *a)
{
    struct own_apps *o = ctx;
    const struct scheme *s = catalog_find(o->rq->app->catalog, a->scheme_id);

    if (buf_printf(o->b, "<option value=\"%" PRId64 "\"%s>%" PRId64 " — ", a->id,
                   a->id == o->chosen ? " selected" : "", a->id)
        || buf_put_html(o->b, s == NULL ? a->scheme_id : o->rq->lang == LANG_HI && s->name_hi ? s->name_hi : s->name)
        || buf_puts(o->b, "</option>\n"))
        return -1;
    return 0;
}

static int put_new_form(struct buf *b, struct web_request *rq, const char *error, struct err *e)
{
    const char *chosen = web_query(rq, "application");
    struct own_apps o = {.b = b, .rq = rq, .chosen = chosen ? strtoll(chosen, NULL, 10) : 0};
    const struct catalog *c = rq->app->catalog;

    if (buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n", _("Raise a grievance"),
                   _("The district office must acknowledge it within days and answer within "
                     "weeks. If it does not, it goes up to the state and then the ministry.")))
        return -1;
    if (error && (buf_puts(b, "<p class=\"error\" role=\"alert\">") || buf_put_html(b, error)
                  || buf_puts(b, "</p>\n")))
        return -1;
    if (buf_puts(b, "<form method=\"post\" action=\"/grievances\">\n") || html_put_csrf(b, rq)
        || buf_printf(b, "<fieldset>\n<legend>%s</legend>\n", _("What is it about?"))
        || buf_printf(b, "<p class=\"pick\"><input type=\"radio\" id=\"s-app\" name=\"subject\" value=\"application\"%s> "
                         "<label for=\"s-app\">%s</label></p>\n", o.chosen ? " checked" : "", _("One of my applications"))
        || buf_printf(b, "<p class=\"pick\"><input type=\"radio\" id=\"s-scheme\" name=\"subject\" value=\"scheme\"> "
                         "<label for=\"s-scheme\">%s</label></p>\n", _("A scheme"))
        || buf_printf(b, "<p class=\"pick\"><input type=\"radio\" id=\"s-pay\" name=\"subject\" value=\"payment\"> "
                         "<label for=\"s-pay\">%s</label></p>\n</fieldset>\n", _("A payment a buyer owes me"))
        || buf_printf(b, "<label for=\"application_id\">%s</label>\n<select id=\"application_id\" name=\"application_id\">\n"
                         "<option value=\"\">%s</option>\n", _("Application"), _("Choose one")))
        return -1;
    if (store_apps_of_enterprise(rq->store, rq->session->user.enterprise_id, rq->today, put_app_option, &o, e) != 0)
        return -1;
    if (buf_printf(b, "</select>\n<label for=\"scheme_id\">%s</label>\n<select id=\"scheme_id\" name=\"scheme_id\">\n"
                      "<option value=\"\">%s</option>\n", _("Scheme"), _("Choose one")))
        return -1;
    for (size_t i = 0; i < c->n; i++)
        if (buf_printf(b, "<option value=\"%s\">", c->schemes[i].id)
            || buf_put_html(b, rq->lang == LANG_HI && c->schemes[i].name_hi ? c->schemes[i].name_hi : c->schemes[i].name)
            || buf_puts(b, "</option>\n"))
            return -1;
    if (buf_puts(b, "</select>\n")
        || html_input(b, "payment_claim_id", _("Payment claim number"), "text", "",
                      _("From your dashboard, for a payment a buyer owes you."), NULL, false)
        || buf_printf(b, "<label for=\"category\">%s</label>\n<select id=\"category\" name=\"category\">\n", _("Kind of problem")))
        return -1;
    for (int i = 0; i < GRIEVANCE_CATEGORY_COUNT; i++)
        if (buf_printf(b, "<option value=\"%s\">", grievance_category(i))
            || buf_put_html(b, grievance_category_label(i)) || buf_puts(b, "</option>\n"))
            return -1;
    return buf_puts(b, "</select>\n")
           || html_textarea(b, "body", _("Tell us what happened"), "", _("At least 10 characters."), NULL, true)
           || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Send the grievance")) ? -1 : 0;
}

static int new_page(struct web_request *rq, struct web_response *rs, const char *error, int status,
                    struct err *e)
{
    e->msg[0] = '\0';
    if (html_begin(rs, rq, _("Raise a grievance")) || put_new_form(&rs->body, rq, error, e)
        || html_end(rs, rq))
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    rs->status = status;
    return 0;
}

int page_grievance_new(struct web_request *rq, struct web_response *rs, struct err *e)
{
    if (rq->session->user.enterprise_id <= 0)
        return html_error_page(rs, rq, 403, _("No enterprise linked"),
                               _("Link your enterprise to this account first."), false) == 0 ? 0 : -1;
    return new_page(rq, rs, NULL, 200, e);
}

int page_grievance_file(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char subject[16], app[24], scheme[48], pay[24], category[32], body[GRIEVANCE_TEXT_MAX], loc[48];
    struct grievance_filing f = {subject, app, scheme, pay, category, body};
    struct grievance_row g;
    struct app_outcome o;

#define GET(x) if (form_get(rq->body, rq->body_len, #x, x, sizeof x) != 0) x[0] = '\0'
    GET(subject);
    GET(category);
    GET(body);
    GET(scheme);
#undef GET
    if (form_get(rq->body, rq->body_len, "application_id", app, sizeof app) != 0)
        app[0] = '\0';
    if (form_get(rq->body, rq->body_len, "scheme_id", scheme, sizeof scheme) != 0)
        scheme[0] = '\0';
    if (form_get(rq->body, rq->body_len, "payment_claim_id", pay, sizeof pay) != 0)
        pay[0] = '\0';
    if (grievance_act_file(rq, &f, &g, &o, e) != 0)
        return -1;
    if (o.status == 403)
        return html_error_page(rs, rq, 403, _("No enterprise linked"),
                               _("Link your enterprise to this account first."), false) == 0 ? 0 : -1;
    if (o.status != 200)
        return new_page(rq, rs, strcmp(o.code, "bad_body") == 0 ? _("Tell us what happened in at least 10 characters.")
                                : strcmp(o.code, "bad_subject") == 0 ? _("Choose what it is about.")
                                : _("Choose the application, scheme or payment it is about."),
                        422, e);
    snprintf(loc, sizeof loc, "/grievances/%" PRId64, g.id);
    return web_response_redirect(rs, loc) == 0 ? 0 : err_set(e, "redirect");
}

static int put_event(void *ctx, const struct grievance_event_row *ev)
{
    struct buf *b = ctx;
    char on[DATE_STR_LEN];

    date_format(ev->on, on);
    if (buf_printf(b, "<li><strong>%s</strong> · ", on) || buf_put_html(b, ev->action)
        || buf_puts(b, " · ") || buf_put_html(b, portal_grievance_level_label(ev->level))
        || (ev->body[0] && (buf_puts(b, "<br>") || buf_put_html(b, ev->body)))
        || buf_puts(b, "</li>\n"))
        return -1;
    return 0;
}

static int put_actions(struct buf *b, struct web_request *rq, const struct grievance_row *g)
{
    bool officer = portal_is_officer(rq);
    char action[64];

    snprintf(action, sizeof action, "/grievances/%" PRId64, g->id);
    if (officer && (g->g.state == GRIEVANCE_OPEN || g->g.state == GRIEVANCE_ACKNOWLEDGED)
        && grievance_act_holds_level(&rq->session->user, g->g.level)) {
        if (buf_printf(b, "<h2>%s</h2>\n<form method=\"post\" action=\"%s\">\n", _("Act on it"), action)
            || html_put_csrf(b, rq)
            || buf_printf(b, "<label for=\"action\">%s</label>\n<select id=\"action\" name=\"action\">\n", _("Action"))
            || (g->g.state == GRIEVANCE_OPEN && buf_printf(b, "<option value=\"acknowledge\">%s</option>\n", _("Acknowledge")))
            || buf_printf(b, "<option value=\"resolve\">%s</option>\n</select>\n", _("Resolve"))
            || html_textarea(b, "text", _("Answer to the complainant"), "", _("Needed to resolve."), NULL, false)
            || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Save")))
            return -1;
    }
    if (!officer && g->g.state == GRIEVANCE_RESOLVED) {
        if (buf_printf(b, "<h2>%s</h2>\n<form method=\"post\" action=\"%s\">\n", _("How was the answer?"), action)
            || html_put_csrf(b, rq)
            || buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"rate\">\n<fieldset>\n<legend>%s</legend>\n",
                          _("1 is very poor, 5 is very good")))
            return -1;
        for (int r = 1; r <= 5; r++)
            if (buf_printf(b, "<input type=\"radio\" id=\"r%d\" name=\"rating\" value=\"%d\" required> "
                              "<label class=\"inline\" for=\"r%d\">%d</label>\n", r, r, r, r))
                return -1;
        if (buf_printf(b, "</fieldset>\n<button type=\"submit\">%s</button>\n</form>\n", _("Rate")))
            return -1;
    }
    if (!officer && g->g.state == GRIEVANCE_CLOSED && g->g.rating <= GRIEVANCE_POOR_RATING
        && g->g.level + 1 < GRIEVANCE_LEVEL_COUNT
        && (buf_printf(b, "<form method=\"post\" action=\"%s\">\n", action) || html_put_csrf(b, rq)
            || buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"appeal\">\n"
                             "<p>%s</p>\n<button type=\"submit\">%s</button>\n</form>\n",
                          _("Not satisfied? Appeal, and it goes one level up."), _("Appeal"))))
        return -1;
    return 0;
}

static int grievance_page(struct web_request *rq, struct web_response *rs,
                          const struct grievance_row *g, const char *error, int status, struct err *e)
{
    struct buf *b = &rs->body;
    char title[64], since[DATE_STR_LEN];

    snprintf(title, sizeof title, _("Grievance %" PRId64), g->id);
    date_format(g->g.level_since, since);
    e->msg[0] = '\0';
    if (html_begin(rs, rq, title) || buf_puts(b, "<h1>") || buf_put_html(b, title) || buf_puts(b, "</h1>\n")
        || (error && (buf_puts(b, "<p class=\"error\" role=\"alert\">") || buf_put_html(b, error) || buf_puts(b, "</p>\n")))
        || buf_printf(b, "<dl>\n<dt>%s</dt><dd>", _("Status")) || buf_put_html(b, portal_grievance_state_label(g->g.state))
        || buf_puts(b, ", ") || buf_put_html(b, portal_grievance_level_label(g->g.level))
        || buf_printf(b, " (%s %s)</dd>\n<dt>%s</dt><dd>", _("since"), since, _("Enterprise"))
        || buf_put_html(b, g->enterprise_name) || buf_printf(b, "</dd>\n<dt>%s</dt><dd>", _("Complaint"))
        || buf_put_html(b, g->body) || buf_printf(b, "</dd>\n</dl>\n<h2>%s</h2>\n<ol class=\"events\">\n", _("History"))
        || store_grievance_events(rq->store, g->id, put_event, b, e) != 0 || buf_puts(b, "</ol>\n")
        || put_actions(b, rq, g)
        || buf_printf(b, "<p><a href=\"%s\">%s</a></p>\n", portal_is_officer(rq) ? "/officer/worklist" : "/dashboard",
                      _("Back"))
        || html_end(rs, rq))
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    rs->status = status;
    return 0;
}

static int refused(struct web_request *rq, struct web_response *rs, const struct app_outcome *o, struct err *e)
{
    return html_error_page(rs, rq, o->status, o->status == 403 ? _("Not yours to see") : _("No such grievance"),
                           _("Check the address, or go back to your list."), false) == 0 ? 0 : err_set(e, "out of memory");
}

int page_grievance(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct grievance_row g;
    struct app_outcome o;

    if (grievance_act_load(rq, router_param(rq->match, "id"), &g, &o, e) != 0)
        return -1;
    return o.status != 200 ? refused(rq, rs, &o, e) : grievance_page(rq, rs, &g, NULL, 200, e);
}

int page_grievance_act(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char action[16], text[GRIEVANCE_TEXT_MAX], rating[4], loc[48];
    struct grievance_row g;
    struct app_outcome o;
    int status;

    if (form_get(rq->body, rq->body_len, "action", action, sizeof action) != 0)
        action[0] = '\0';
    if (form_get(rq->body, rq->body_len, "text", text, sizeof text) != 0)
        text[0] = '\0';
    if (form_get(rq->body, rq->body_len, "rating", rating, sizeof rating) != 0)
        rating[0] = '\0';
    if (grievance_act_take(rq, router_param(rq->match, "id"), action, text, atoi(rating), &g, &o, e) != 0)
        return -1;
    if (o.status == 200) {
        snprintf(loc, sizeof loc, "/grievances/%" PRId64, g.id);
        return web_response_redirect(rs, loc) == 0 ? 0 : err_set(e, "redirect");
    }
    if (o.status == 403 || o.status == 404 || strcmp(o.code, "bad_id") == 0)
        return refused(rq, rs, &o, e);
    status = o.status;
    if (grievance_act_load(rq, router_param(rq->match, "id"), &g, &o, e) != 0)
        return -1;
    return grievance_page(rq, rs, &g, status == 409 ? _("This is no longer possible; see the history.")
                                                    : _("Give an answer of at least 10 characters, or a rating."),
                          status, e);
}
