/* page_consent.c: GET /consents, the enterprise's consents to the use of
 * its data (docs/consent.md): for each source and purpose whether it may
 * be used now and what decided it (the enterprise's consent, or the
 * policy's default); a form to grant a use for a period; every artefact,
 * newest first, with a button to revoke one in force. POST /consents
 * makes a change (action grant, revoke or withdraw) for the session's own
 * enterprise only: no enterprise id is read from the form, so nobody can
 * change another's consents; the change and its audit row commit together
 * (consent_act.c). */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "store/store_consent.h"
#include "web/consent_act.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/routes.h"

#define CONSENT_PAGE_ROWS 60

static const char *const source_words[CONSENT_SOURCES] = {
    N_("GST returns"), N_("Bank credit reports"), N_("Skilling records"), N_("EPFO returns"),
    N_("Energy use")};
static const char *const purpose_words[CONSENT_PURPOSES] = {
    N_("Finding schemes and filling forms for you"), N_("Officials handling your case"),
    N_("Statistics (totals only)")};

static const char *status_words(enum consent_status st)
{
    switch (st) {
    case CONSENT_ACTIVE: return _("In force");
    case CONSENT_PENDING: return _("Not yet begun");
    case CONSENT_EXPIRED: return _("Expired");
    case CONSENT_REVOKED: return _("Revoked");
    }
    return "";
}

static int put_hidden(struct buf *b, const char *name, const char *value)
{
    return buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", name)
           || buf_put_html(b, value) || buf_puts(b, "\">");
}

/* A one-button form: the action and its fields, and the CSRF token. */
static int put_button(struct buf *b, const struct web_request *rq, const char *action,
                      const char *source, const char *purpose, const char *consent_id,
                      const char *label)
{
    return buf_puts(b, "<form method=\"post\" action=\"/consents\">") || html_put_csrf(b, rq)
           || put_hidden(b, "action", action)
           || (source && put_hidden(b, "source", source))
           || (purpose && put_hidden(b, "purpose", purpose))
           || (consent_id && put_hidden(b, "consent_id", consent_id))
           || buf_puts(b, "<button type=\"submit\">") || buf_put_html(b, label)
           || buf_puts(b, "</button></form>");
}

static int put_effective(struct buf *b, const struct web_request *rq,
                         const struct consent_effective *x)
{
    if (buf_printf(b, "<h2>%s</h2>\n<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>",
                   _("What the portal may use now"),
                   _("Each source of your data, by what it is used for"), _("Source")))
        return -1;
    for (int p = 0; p < CONSENT_PURPOSES; p++)
        if (buf_puts(b, "<th scope=\"col\">") || buf_put_html(b, _(purpose_words[p]))
            || buf_puts(b, "</th>"))
            return -1;
    if (buf_puts(b, "</tr></thead>\n<tbody>\n"))
        return -1;
    for (int s = 0; s < CONSENT_SOURCES; s++) {
        if (buf_puts(b, "<tr><th scope=\"row\">") || buf_put_html(b, _(source_words[s]))
            || buf_puts(b, "</th>"))
            return -1;
        for (int p = 0; p < CONSENT_PURPOSES; p++) {
            bool ok = x->allowed[s][p];
            if (buf_printf(b, "<td><strong>%s</strong> <small>(%s)</small>",
                           ok ? _("Allowed") : _("Not allowed"),
                           x->by_artefact[s][p] ? _("your consent") : _("default")))
                return -1;
            if (ok && put_button(b, rq, "withdraw", consent_source_name((enum consent_source)s),
                                 consent_purpose_name((enum consent_purpose)p), NULL,
                                 _("Stop this use")))
                return -1;
            if (buf_puts(b, "</td>"))
                return -1;
        }
        if (buf_puts(b, "</tr>\n"))
            return -1;
    }
    return buf_puts(b, "</tbody>\n</table>\n");
}

static int put_select(struct buf *b, const char *name, const char *label,
                      const char *(*value)(int), const char *const *words, int n)
{
    if (buf_printf(b, "<p><label for=\"%s\">%s</label> <select name=\"%s\" id=\"%s\">", name,
                   label, name, name))
        return -1;
    for (int i = 0; i < n; i++)
        if (buf_printf(b, "<option value=\"%s\">", value(i)) || buf_put_html(b, _(words[i]))
            || buf_puts(b, "</option>"))
            return -1;
    return buf_puts(b, "</select></p>\n");
}

static const char *source_value(int i)
{
    return consent_source_name((enum consent_source)i);
}

static const char *purpose_value(int i)
{
    return consent_purpose_name((enum consent_purpose)i);
}

static int put_grant_form(struct buf *b, const struct web_request *rq)
{
    char from[DATE_STR_LEN], to[DATE_STR_LEN];

    date_format(rq->today, from);
    date_format(rq->today + CONSENT_DEFAULT_DAYS - 1, to);
    return buf_printf(b, "<h2>%s</h2>\n<form method=\"post\" action=\"/consents\">",
                      _("Give consent"))
           || html_put_csrf(b, rq) || put_hidden(b, "action", "grant")
           || put_select(b, "source", _("Source"), source_value, source_words, CONSENT_SOURCES)
           || put_select(b, "purpose", _("Used for"), purpose_value, purpose_words,
                         CONSENT_PURPOSES)
           || html_input(b, "valid_from", _("From"), "date", from, _("YYYY-MM-DD, today or later"),
                         NULL, true)
           || html_input(b, "valid_to", _("Until"), "date", to, _("YYYY-MM-DD, at most five years on"),
                         NULL, true)
           || buf_printf(b, "<button type=\"submit\">%s</button></form>\n", _("Give consent"));
}

static int put_artefact(struct buf *b, const struct web_request *rq,
                        const struct consent_artefact *a)
{
    char from[DATE_STR_LEN], to[DATE_STR_LEN];

    date_format(a->valid_from, from);
    date_format(a->valid_to, to);
    if (buf_puts(b, "<tr><td><code>") || buf_put_html(b, a->consent_id)
        || buf_puts(b, "</code></td><td>") || buf_put_html(b, _(source_words[a->source]))
        || buf_puts(b, "</td><td>") || buf_put_html(b, _(purpose_words[a->purpose]))
        || buf_printf(b, "</td><td>%s – %s</td><td>%s <small>%s</small></td><td>", from, to,
                      status_words(a->status), a->deemed ? _("given by default") : "")
        || buf_put_html(b, a->created_at) || buf_puts(b, "</td><td>")
        || buf_put_html(b, a->revoked_at) || buf_puts(b, "</td><td>"))
        return -1;
    if ((a->status == CONSENT_ACTIVE || a->status == CONSENT_PENDING)
        && put_button(b, rq, "revoke", NULL, NULL, a->consent_id, _("Revoke")))
        return -1;
    return buf_puts(b, "</td></tr>\n");
}

static int put_history(struct buf *b, const struct web_request *rq,
                       const struct consent_artefact *list, size_t n)
{
    if (buf_printf(b, "<h2>%s</h2>\n", _("Your consents, newest first")))
        return -1;
    if (n == 0)
        return buf_printf(b, "<p>%s</p>\n", _("You have not given or withdrawn any consent yet: "
                                              "the defaults above apply."));
    if (buf_printf(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("Every consent is kept, revoked ones too"), _("Consent id"), _("Source"),
                   _("Used for"), _("Period"), _("Status"), _("Given"), _("Revoked"), _("Action")))
        return -1;
    for (size_t i = 0; i < n && i < CONSENT_PAGE_ROWS; i++)
        if (put_artefact(b, rq, &list[i]) != 0)
            return -1;
    return buf_puts(b, "</tbody>\n</table>\n");
}

static int put_notice(struct buf *b, const struct web_request *rq)
{
    const char *done = web_query(rq, "done");

    if (done == NULL)
        return 0;
    if (strcmp(done, "granted") == 0)
        return buf_printf(b, "<p role=\"status\">%s</p>\n", _("Your consent was recorded."));
    if (strcmp(done, "stopped") == 0)
        return buf_printf(b, "<p role=\"status\">%s</p>\n",
                          _("That use has stopped. Pages and reports no longer show that data "
                            "for it."));
    if (strcmp(done, "unchanged") == 0)
        return buf_printf(b, "<p role=\"status\">%s</p>\n", _("Nothing needed changing."));
    return 0;
}

int page_consents(struct web_request *rq, struct web_response *rs, struct err *e)
{
    int64_t id = rq->session->user.enterprise_id;
    struct consent_effective x;
    struct consent_artefact *list = NULL;
    struct buf *b = &rs->body;
    size_t n = 0;
    int rc;

    if (id <= 0)
        return html_error_page(rs, rq, 403, _("Your data"), _("Your account has no enterprise yet."),
                               false)
                   ? err_set(e, "out of memory")
                   : 0;
    if (store_consent_effective(rq->store, id, &x, e) != 0
        || store_consent_list(rq->store, id, &list, &n, e) != 0)
        return -1;
    rc = html_begin(rs, rq, _("Consent to use your data"))
         || buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n", _("Consent to use your data"),
                       _("The portal uses data about your enterprise from other systems only "
                         "as you allow: each source, for each use, for a period you choose. You "
                         "can stop a use at any time; it stops at once everywhere on the "
                         "portal. Where you have not decided, the default shown applies."))
         || put_notice(b, rq) || put_effective(b, rq, &x) || put_grant_form(b, rq)
         || put_history(b, rq, list, n)
         || buf_printf(b, "<p><a href=\"/privacy\">%s</a></p>\n", _("Who looked at your data"))
         || html_end(rs, rq);
    mem_free(list);
    return rc ? err_set(e, "out of memory") : 0;
}

static int refuse(struct web_request *rq, struct web_response *rs, int status, const char *why,
                  struct err *e)
{
    return html_error_page(rs, rq, status, _("Consent not changed"), why, false)
               ? err_set(e, "out of memory")
               : 0;
}

/* The form's fields into a request; 0, or -1 when they do not make one. */
static int read_form(const struct web_request *rq, struct consent_request *r)
{
    char action[16], source[16], purpose[16], from[16] = "", to[16] = "", id[32], msg[160];
    enum consent_source s;
    enum consent_purpose p;

    memset(r, 0, sizeof *r);
    if (form_get(rq->body, rq->body_len, "action", action, sizeof action) != 0)
        return -1;
    if (strcmp(action, "revoke") == 0) {
        if (form_get(rq->body, rq->body_len, "consent_id", id, sizeof id) != 0
            || !consent_id_valid(id))
            return -1;
        r->action = CONSENT_REVOKE;
        snprintf(r->consent_id, sizeof r->consent_id, "%s", id);
        return 0;
    }
    if (form_get(rq->body, rq->body_len, "source", source, sizeof source) != 0
        || form_get(rq->body, rq->body_len, "purpose", purpose, sizeof purpose) != 0
        || consent_source_parse(source, &s) != 0 || consent_purpose_parse(purpose, &p) != 0)
        return -1;
    r->source = s;
    r->purpose = p;
    if (strcmp(action, "withdraw") == 0) {
        r->action = CONSENT_WITHDRAW;
        return 0;
    }
    if (strcmp(action, "grant") != 0)
        return -1;
    r->action = CONSENT_GRANT;
    (void)form_get(rq->body, rq->body_len, "valid_from", from, sizeof from);
    (void)form_get(rq->body, rq->body_len, "valid_to", to, sizeof to);
    return consent_request_period(from, to, rq->today, r, msg, sizeof msg);
}

int page_consents_change(struct web_request *rq, struct web_response *rs, struct err *e)
{
    int64_t id = rq->session->user.enterprise_id;
    struct consent_request r;
    struct consent_act_result res;

    if (id <= 0)
        return refuse(rq, rs, 403, _("Your account has no enterprise yet."), e);
    if (read_form(rq, &r) != 0)
        return refuse(rq, rs, 422,
                      _("Choose a source and a use, and a period that begins today or later "
                        "and runs at most five years."),
                      e);
    if (consent_act_apply(rq, id, &r, "portal", &res, e) != 0)
        return -1;
    if (!res.found)
        return refuse(rq, rs, 404, _("Your enterprise has no consent with that id."), e);
    return web_response_redirect(rs, r.action == CONSENT_GRANT ? "/consents?done=granted"
                                     : res.changed             ? "/consents?done=stopped"
                                                               : "/consents?done=unchanged") == 0
               ? 0
               : err_set(e, "redirect");
}
