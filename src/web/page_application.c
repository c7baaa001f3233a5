/* page_application.c: GET /applications/{id}, one application with its
 * history, and POST /applications/{id}, an action on it with a reason.
 *
 * The applicant sees the history and what to do next (send again after a
 * return, withdraw). An officer also sees the eligibility trace: every
 * criterion of the scheme evaluated on the enterprise's current profile,
 * with the facts and their sources, so a decision can be checked. The
 * actions offered are exactly those core/application.c allows this actor
 * in this state; the server checks again on POST (app_act.c). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/money.h"
#include "web/app_act.h"
#include "web/evaluation.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/routes.h"

static int put_event(void *ctx, const struct app_event_row *ev)
{
    struct buf *b = ctx;
    char on[DATE_STR_LEN];
    enum app_action act;

    date_format(ev->on, on);
    if (buf_printf(b, "<li><strong>%s</strong> · ", on)
        || buf_put_html(b, app_action_parse(ev->action, &act) == 0 ? portal_app_action_label(act)
                                                                    : _("Created"))
        || buf_puts(b, " → ") || buf_put_html(b, portal_app_state_label(ev->to_state))
        || buf_puts(b, " · ") || buf_put_html(b, strcmp(ev->role, "entrepreneur") == 0 ? _("by the applicant") : _("by the office")))
        return -1;
    if (ev->reason[0] && (buf_puts(b, "<br>") || buf_put_html(b, _("Reason: ")) || buf_put_html(b, ev->reason)))
        return -1;
    return buf_puts(b, "</li>\n");
}

/* What the applicant answered on the common form, and the documents they
 * said were ready: what the officer reviews. */
static int put_answers(struct buf *b, struct web_request *rq, const struct app_row *a,
                       struct err *e)
{
    const struct vocabularies *vocab = &rq->app->catalog->vocab;
    bool hindi = rq->lang == LANG_HI;
    char *text = NULL;
    json_t *root, *value;
    const char *key;
    size_t i;
    int rc = 0;

    if (store_bundle_answers(rq->store, a->bundle_id, &text, e) != 0)
        return -1;
    root = text ? json_loads(text, 0, NULL) : NULL;
    mem_free(text);
    if (root == NULL)
        return 0;
    rc = buf_printf(b, "<h2>%s</h2>\n<dl>\n", _("The applicant's answers"));
    json_object_foreach(json_object_get(root, "fields"), key, value) {
        const struct vocab_entry *v = vocab_field(vocab, key);
        if (rc == 0)
            rc = buf_puts(b, "<dt>") || buf_put_html(b, v == NULL ? key : hindi && v->name_hi ? v->name_hi : v->name)
                 || buf_puts(b, "</dt><dd>") || buf_put_html(b, json_string_value(value) ? json_string_value(value) : "")
                 || buf_puts(b, "</dd>\n");
    }
    if (rc == 0)
        rc = buf_printf(b, "</dl>\n<p><strong>%s</strong> ", _("Documents ready:"));
    json_array_foreach(json_object_get(root, "documents"), i, value) {
        const struct vocab_entry *v = json_is_string(value) ? vocab_document(vocab, json_string_value(value)) : NULL;
        if (rc == 0 && v != NULL)
            rc = (i > 0 && buf_puts(b, ", ")) || buf_put_html(b, hindi && v->name_hi ? v->name_hi : v->name);
    }
    if (rc == 0 && json_array_size(json_object_get(root, "documents")) == 0)
        rc = buf_put_html(b, _("none"));
    json_decref(root);
    return rc || buf_puts(b, "</p>\n") ? err_set(e, "out of memory") : 0;
}

/* The scheme's criteria on the enterprise's profile today. */
static int put_trace(struct buf *b, struct web_request *rq, const struct app_row *a, struct err *e)
{
    const struct scheme *s = catalog_find(rq->app->catalog, a->scheme_id);
    bool hindi = rq->lang == LANG_HI, found = false;
    struct profile_view v;
    struct evaluation ev = {0};
    const struct scheme_result *r;
    struct buf t = BUF_INIT;
    int rc;

    if (s == NULL)
        return 0;
    if (profile_view_load(rq->store, rq->app->survivorship, a->enterprise_id, rq->today, &v, &found, e) != 0 || !found) {
        profile_view_free(&v);
        return found ? -1 : 0;
    }
    rc = evaluation_run(rq->app, &v.profile, rq->today, &ev, e);
    r = rc == 0 ? evaluation_find(&ev, s) : NULL;
    if (r != NULL)
        rc = buf_printf(b, "<h2>%s</h2>\n<p>%s: <strong>%s</strong></p>\n<ul class=\"why\">\n",
                        _("Eligibility today"), _("Result"), portal_status_label(r->status));
    for (size_t i = 0; r != NULL && rc == 0 && i < s->n_criteria; i++) {
        buf_reset(&t);
        rc = eligibility_criterion_text(&t, r, i, ev.f, hindi)
             || buf_printf(b, "<li class=\"%s\">", r->crit[i].result > 0 ? "pass" : r->crit[i].result == 0 ? "fail" : "unknown")
             || buf_put_html(b, buf_cstr(&t)) || buf_puts(b, "</li>\n");
    }
    if (r != NULL && rc == 0)
        rc = buf_puts(b, "</ul>\n");
    buf_release(&t);
    evaluation_free(&ev);
    profile_view_free(&v);
    return rc ? -1 : 0;
}

static int put_actions(struct buf *b, struct web_request *rq, const struct app_row *a)
{
    enum app_actor who;
    enum app_state to;
    bool any = false;

    if (!app_act_actor(rq, &who))
        return 0;
    for (int k = 0; k < APP_ACTION_COUNT; k++) {
        enum app_verdict v = app_transition(a->state, (enum app_action)k, who, true, &to);
        any |= v == APP_ALLOWED;
    }
    if (!any)
        return 0;
    if (buf_printf(b, "<h2>%s</h2>\n<form method=\"post\" action=\"/applications/%" PRId64 "\">\n",
                   _("Act on it"), a->id)
        || html_put_csrf(b, rq)
        || buf_printf(b, "<label for=\"action\">%s</label>\n<select id=\"action\" name=\"action\">\n",
                      _("Action")))
        return -1;
    for (int k = 0; k < APP_ACTION_COUNT; k++)
        if (app_transition(a->state, (enum app_action)k, who, true, &to) == APP_ALLOWED
            && (buf_printf(b, "<option value=\"%s\">", app_action_name((enum app_action)k))
                || buf_put_html(b, portal_app_action_label((enum app_action)k))
                || buf_puts(b, "</option>\n")))
            return -1;
    if (buf_puts(b, "</select>\n")
        || html_textarea(b, "reason", _("Reason"), "",
                         _("Needed to return, sanction, reject, record a payment or withdraw. The "
                           "applicant reads it."), NULL, false)
        || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Save")))
        return -1;
    return 0;
}

static int application_page(struct web_request *rq, struct web_response *rs,
                            const struct app_row *a, const char *error, int status, struct err *e)
{
    const struct scheme *s = catalog_find(rq->app->catalog, a->scheme_id);
    bool hindi = rq->lang == LANG_HI, officer = portal_is_officer(rq);
    struct buf *b = &rs->body;
    char title[96], money[MONEY_STR_MAX];

    snprintf(title, sizeof title, _("Application %" PRId64), a->id);
    if (html_begin(rs, rq, title) || buf_puts(b, "<h1>") || buf_put_html(b, title)
        || buf_puts(b, "</h1>\n"))
        return err_set(e, "out of memory");
    if (error && (buf_puts(b, "<p class=\"error\" role=\"alert\">") || buf_put_html(b, error)
                  || buf_puts(b, "</p>\n")))
        return err_set(e, "out of memory");
    if (buf_printf(b, "<dl>\n<dt>%s</dt><dd>", _("Scheme"))
        || buf_put_html(b, s == NULL ? a->scheme_id : hindi && s->name_hi ? s->name_hi : s->name)
        || buf_printf(b, "</dd>\n<dt>%s</dt><dd>", _("Enterprise"))
        || (officer && buf_printf(b, "<a href=\"/officer/enterprises/%" PRId64 "\">", a->enterprise_id))
        || buf_put_html(b, a->enterprise_name) || (officer && buf_puts(b, "</a>"))
        || buf_printf(b, "</dd>\n<dt>%s</dt><dd><strong>", _("Status"))
        || buf_put_html(b, portal_app_state_label(a->state))
        || buf_printf(b, "</strong></dd>\n<dt>%s</dt><dd>", _("Next step"))
        || buf_put_html(b, portal_next_step(a->state, officer))
        || buf_printf(b, "</dd>\n<dt>%s</dt><dd>", _("Days with the office"))
        || buf_printf(b, "%d / %d%s</dd>\n", a->days_with_government, a->sla_days,
                      a->days_with_government > a->sla_days ? _(" — overdue") : ""))
        return err_set(e, "out of memory");
    if (a->benefit_paise >= 0) {
        money_format_inr(a->benefit_paise, money);
        if (buf_printf(b, "<dt>%s</dt><dd>", _("Benefit estimated when applying"))
            || buf_put_html(b, money) || buf_puts(b, "</dd>\n"))
            return err_set(e, "out of memory");
    }
    if (buf_printf(b, "</dl>\n<h2>%s</h2>\n<ol class=\"events\">\n", _("History"))
        || store_app_events(rq->store, a->id, put_event, b, e) != 0 || buf_puts(b, "</ol>\n"))
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    if (officer && (put_answers(b, rq, a, e) != 0 || put_trace(b, rq, a, e) != 0))
        return -1;
    if (put_actions(b, rq, a) != 0)
        return err_set(e, "out of memory");
    if (!officer && buf_printf(b, "<p><a href=\"/grievances/new?application=%" PRId64 "\">%s</a></p>\n",
                               a->id, _("Complain about this application")))
        return err_set(e, "out of memory");
    if (buf_printf(b, "<p><a href=\"%s\">%s</a></p>\n", officer ? "/officer/worklist" : "/dashboard",
                   officer ? _("Back to the worklist") : _("Back to your dashboard"))
        || html_end(rs, rq))
        return err_set(e, "out of memory");
    rs->status = status;
    return 0;
}

static int refused_page(struct web_request *rq, struct web_response *rs,
                        const struct app_outcome *o, struct err *e)
{
    const char *title = o->status == 403 ? _("Not yours to see") : o->status == 404
                                                                       ? _("No such application")
                                                                       : _("Not a valid address");
    return html_error_page(rs, rq, o->status, title,
                           _("Check the address, or go back to your list."), false) == 0
               ? 0 : err_set(e, "out of memory");
}

int page_application(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct app_row a;
    struct app_outcome o;

    if (app_act_load(rq, router_param(rq->match, "id"), "application.read", &a, &o, e) != 0)
        return -1;
    if (o.status != 200)
        return refused_page(rq, rs, &o, e);
    return application_page(rq, rs, &a, NULL, 200, e);
}

int page_application_act(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char action[32], *reason, location[64];
    struct app_row a;
    struct app_outcome o;
    const char *msg;
    int status;

    if (form_get(rq->body, rq->body_len, "action", action, sizeof action) != 0)
        action[0] = '\0';
    /* As long as the body: an over-long reason is then refused by
     * app_act_take (400), not taken for no reason at all. */
    if ((reason = mem_alloc(rq->body_len + 1)) == NULL)
        return err_set(e, "out of memory");
    if (form_get(rq->body, rq->body_len, "reason", reason, rq->body_len + 1) != 0)
        reason[0] = '\0';
    status = app_act_take(rq, router_param(rq->match, "id"), action, reason, &a, &o, e);
    mem_free(reason);
    if (status != 0)
        return -1;
    if (o.status == 200) {
        snprintf(location, sizeof location, "/applications/%" PRId64, a.id);
        return web_response_redirect(rs, location) == 0 ? 0 : err_set(e, "redirect");
    }
    if (o.status == 403 || o.status == 404 || strcmp(o.code, "bad_id") == 0)
        return refused_page(rq, rs, &o, e);
    status = o.status;
    msg = o.status == 422 ? _("Give a reason for this action: the applicant will read it.")
          : strcmp(o.code, "bad_reason") == 0 ? _("The reason is too long or holds characters we cannot keep.")
          : o.status == 409 ? _("This action is no longer possible: the application has moved on. "
                                "See its history below.")
                            : _("Choose one of the actions offered.");
    if (app_act_load(rq, router_param(rq->match, "id"), "application.read", &a, &o, e) != 0)
        return -1;
    if (o.status != 200)
        return refused_page(rq, rs, &o, e);
    return application_page(rq, rs, &a, msg, status, e);
}
