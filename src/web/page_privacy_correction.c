/* page_privacy_correction.c: an entrepreneur asks the district office to
 * correct a field of its golden record, and an officer decides
 * (docs/privacy.md, "Correction requests").
 *
 *   POST /privacy/corrections          file a request (field, value, reason)
 *   GET  /officer/corrections/{id}     the request beside the record's value
 *   POST /officer/corrections/{id}     accept or reject it (decision, reason)
 *
 * Accepting writes the officer's correction exactly as the officer's own
 * form does (profile_view_give, source 'officer', author the officer, the
 * note naming the request and its reason), so it wins over every feed by
 * data/survivorship.csv and the sources' values stay as they were. The
 * decision and the fact commit together, by compare-and-set on 'pending'.
 * Officers' reads and decisions are on the audit log; the router refuses
 * a request outside the officer's area (403, SCOPE_CORRECTION). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store/store_application.h"
#include "store/store_privacy_correction.h"
#include "store/store_profile.h"
#include "web/access_scope.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/privacy_correction.h"
#include "web/routes.h"

#define NOTE_FMT "correction request %" PRId64 ": %s"

int privacy_correction_field(const char *text)
{
    size_t n;
    const enum profile_field *fields = profile_view_editable(&n);
    long f;

    if (text == NULL || web_parse_long(text, 0, PF_COUNT - 1, &f) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((long)fields[i] == f)
            return (int)f;
    return -1;
}

/* The editable field whose path is `path`, or -1. */
static int field_of_path(const char *path)
{
    size_t n, nf;
    const enum profile_field *fields = profile_view_editable(&n);
    const struct profile_field_desc *d = profile_fields(&nf);

    for (size_t i = 0; i < n; i++)
        if (strcmp(d[fields[i]].path, path) == 0)
            return (int)fields[i];
    return -1;
}

static const char *state_label(enum correction_state s)
{
    static const char *const labels[] = {N_("Waiting for the district office"), N_("Accepted"),
                                         N_("Rejected")};
    return (unsigned)s < sizeof labels / sizeof labels[0] ? _(labels[s]) : "";
}

static const char *field_label_of_path(const char *path, bool hindi)
{
    int f = field_of_path(path);

    return f >= 0 ? profile_field_label((enum profile_field)f, hindi) : path;
}

/* --- the entrepreneur's section on /privacy ---------------------------- */

static int put_chooser(struct buf *b, int field, bool hindi)
{
    size_t n;
    const enum profile_field *fields = profile_view_editable(&n);

    if (buf_printf(b, "<form method=\"get\" action=\"/privacy#correct\">\n"
                      "<label for=\"field\">%s</label>\n<select name=\"field\" id=\"field\">\n",
                   _("Which fact is wrong?")))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (buf_printf(b, "<option value=\"%d\"%s>", (int)fields[i],
                       (int)fields[i] == field ? " selected" : "")
            || buf_put_html(b, profile_field_label(fields[i], hindi)) || buf_puts(b, "</option>\n"))
            return -1;
    return buf_printf(b, "</select>\n<button type=\"submit\">%s</button>\n</form>\n", _("Continue"));
}

/* The form for field f; a refusal is said once, above it (privacy_put_corrections). */
static int put_request_form(struct buf *b, struct web_request *rq, const struct profile_view *v,
                            enum profile_field f)
{
    bool hindi = rq->lang == LANG_HI;
    struct buf value = BUF_INIT;
    int rc = profile_view_put_input(&value, &v->profile, f);

    rc = rc || buf_puts(b, "<form method=\"post\" action=\"/privacy/corrections\">\n")
         || html_put_csrf(b, rq)
         || buf_printf(b, "<input type=\"hidden\" name=\"field\" value=\"%d\">\n<p>%s ", (int)f,
                       _("The record now says:"))
         || profile_view_put_value(b, &v->profile, f, hindi) || buf_puts(b, " · ")
         || profile_view_put_source(b, &v->source[f], hindi) || buf_puts(b, "</p>\n")
         || html_profile_control(b, "value", f, profile_field_label(f, hindi), buf_cstr(&value),
                                 NULL, hindi)
         || html_textarea(b, "reason",
                          _("Why is this right? Name the document that shows it (certificate, "
                            "return, letter)"),
                          "", NULL, NULL, true)
         || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n",
                       _("Send to the district office"));
    buf_release(&value);
    return rc ? -1 : 0;
}

struct listing {
    struct buf *b;
    bool hindi;
    size_t n;
};

static int put_request_row(void *ctx, const struct correction_row *r)
{
    struct listing *l = ctx;
    struct buf *b = l->b;

    if (l->n++ == 0
        && buf_printf(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                      _("Your correction requests, newest first"), _("Asked on"), _("Fact"),
                      _("Value asked for"), _("Status"), _("Office's answer")))
        return -1;
    return buf_printf(b, "<tr><td>%.10s</td><td>", r->created_at)
           || buf_put_html(b, field_label_of_path(r->path, l->hindi)) || buf_puts(b, "</td><td>")
           || buf_put_html(b, r->value) || buf_puts(b, "</td><td>")
           || buf_put_html(b, state_label(r->state)) || buf_puts(b, "</td><td>")
           || buf_put_html(b, r->decision_reason) || buf_puts(b, "</td></tr>\n") ? -1 : 0;
}

int privacy_put_corrections(struct buf *b, struct web_request *rq, const struct profile_view *v,
                            int field, const char *error, struct err *e)
{
    struct listing l = {b, rq->lang == LANG_HI, 0};

    if (buf_printf(b, "<h2 id=\"correct\">%s</h2>\n<p>%s</p>\n", _("Ask for a correction"),
                   _("If a fact the portal holds about your enterprise is wrong and you cannot "
                     "correct it yourself on your profile, ask the district office. An officer "
                     "checks it and accepts it, which corrects the record, or says why not."))
        || (error != NULL && buf_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error))
        || put_chooser(b, field, l.hindi)
        || (field >= 0 && put_request_form(b, rq, v, (enum profile_field)field)))
        return err_set(e, "privacy page: out of memory");
    e->msg[0] = '\0';
    if (store_corrections_of_enterprise(rq->store, v->ent.id, put_request_row, &l, e) != 0)
        return e->msg[0] ? -1 : err_set(e, "privacy page: out of memory");
    if (l.n > 0 ? buf_puts(b, "</tbody>\n</table>\n")
                : buf_printf(b, "<p>%s</p>\n", _("You have not asked for a correction.")))
        return err_set(e, "privacy page: out of memory");
    return 0;
}

#define PENDING_MAX 20   /* waiting requests one enterprise may have: the worklist is shared */

static int count_pending(void *ctx, const struct correction_row *r)
{
    *(int *)ctx += r->state == CORRECTION_PENDING;
    return 0;
}

/* POST /privacy/corrections: 1 with *error when the form is refused. */
static int file_request(struct web_request *rq, const struct profile_view *v, int field,
                        const char **error, struct err *e)
{
    size_t nf;
    const struct profile_field_desc *d = profile_fields(&nf);
    struct correction_row r = {.user_id = rq->session->user.id};
    struct buf current = BUF_INIT;
    char msg[128];
    json_t *parsed;
    int pending = 0;

    if (form_get(rq->body, rq->body_len, "value", r.value, sizeof r.value) != 0 || r.value[0] == '\0') {
        *error = _("Give the value that is right.");
        return 1;
    }
    if ((parsed = profile_view_parse_input((enum profile_field)field, r.value, msg, sizeof msg)) == NULL) {
        *error = _("This value is not one this field can hold. Check it.");
        return 1;
    }
    json_decref(parsed);
    if (form_get(rq->body, rq->body_len, "reason", r.reason, sizeof r.reason) != 0
        || r.reason[0] == '\0') {
        *error = _("Say why the value is right, and which document shows it.");
        return 1;
    }
    if (store_corrections_of_enterprise(rq->store, v->ent.id, count_pending, &pending, e) != 0)
        return -1;
    if (pending >= PENDING_MAX) {
        *error = _("Twenty requests are already waiting for the district office. Wait for its "
                   "answers first.");
        return 1;
    }
    if (profile_view_put_input(&current, &v->profile, (enum profile_field)field) != 0)
        return err_set(e, "out of memory");
    snprintf(r.path, sizeof r.path, "%s", d[field].path);
    snprintf(r.current_value, sizeof r.current_value, "%s", buf_cstr(&current));
    buf_release(&current);
    return store_correction_add(rq->store, &v->ent, &r, e);
}

int page_correction_request(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    char text[16];
    const char *error = NULL;
    int field, rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc == PORTAL_ANSWERED ? 0 : -1;
    field = form_get(rq->body, rq->body_len, "field", text, sizeof text) == 0
                ? privacy_correction_field(text) : -1;
    if (field < 0)
        error = _("Choose the fact to correct.");
    rc = field < 0 ? 1 : file_request(rq, &v, field, &error, e);
    if (rc == 0)
        rc = web_response_redirect(rs, "/privacy?asked=1#correct") == 0 ? 0 : err_set(e, "redirect");
    else if (rc > 0) {
        rc = html_begin(rs, rq, _("Ask for a correction"))
                     || privacy_put_corrections(&rs->body, rq, &v, field, error, e) != 0
                     || html_end(rs, rq)
                 ? (e->msg[0] ? -1 : err_set(e, "out of memory"))
                 : 0;
        rs->status = 422;
    }
    profile_view_free(&v);
    return rc;
}

/* --- the officer's side ------------------------------------------------ */

struct worklist_rows {
    struct buf *b;
    bool hindi;
    size_t n;
};

static int put_pending(void *ctx, const struct correction_row *r)
{
    struct worklist_rows *w = ctx;

    w->n++;
    return buf_printf(w->b, "<li><a href=\"/officer/corrections/%" PRId64 "\">%s %" PRId64 "</a> · ",
                      r->id, _("Correction request"), r->id)
           || buf_put_html(w->b, r->enterprise_name) || buf_puts(w->b, " · ")
           || buf_put_html(w->b, field_label_of_path(r->path, w->hindi))
           || buf_printf(w->b, " · %s %.10s</li>\n", _("since"), r->created_at) ? -1 : 0;
}

int privacy_put_correction_worklist(struct buf *b, struct web_request *rq, const char *gst_state,
                                    const char *district, struct err *e)
{
    struct worklist_rows w = {b, rq->lang == LANG_HI, 0};

    e->msg[0] = '\0';
    if (buf_printf(b, "<h2 id=\"corrections\">%s</h2>\n<ul>\n", _("Correction requests")))
        return err_set(e, "out of memory");
    if (store_corrections_pending(rq->store, gst_state, district, put_pending, &w, e) != 0)
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    if ((w.n == 0 && buf_printf(b, "<li>%s</li>\n", _("None."))) || buf_puts(b, "</ul>\n"))
        return err_set(e, "out of memory");
    return 0;
}

/* The request of {id} and its enterprise, if the officer's area covers it. */
static int load_request(struct web_request *rq, struct web_response *rs, struct correction_row *r,
                        struct profile_view *v, struct err *e)
{
    int64_t id;
    bool found = false;

    memset(v, 0, sizeof *v);
    if (portal_parse_id(router_param(rq->match, "id"), &id)
        && store_correction_get(rq->store, id, r, &found, e) != 0)
        return -1;
    if (found && profile_view_load(rq->store, rq->app->survivorship, r->enterprise_id, rq->today, v,
                                   &found, e) != 0) {
        profile_view_free(v);
        return -1;
    }
    /* The router checked the request is in the officer's area
     * (SCOPE_CORRECTION); what is left is a record that vanished or names
     * a field no longer in the profile. */
    if (!found || field_of_path(r->path) < 0) {
        profile_view_free(v);
        return html_error_page(rs, rq, 404, _("No such request"),
                               _("There is no correction request with this number in your area."),
                               false) == 0 ? PORTAL_ANSWERED : -1;
    }
    return PORTAL_LOADED;
}

static int put_decision_form(struct buf *b, struct web_request *rq, const struct correction_row *r,
                             const char *error)
{
    return buf_printf(b, "<form method=\"post\" action=\"/officer/corrections/%" PRId64 "\">\n", r->id)
           || html_put_csrf(b, rq)
           || buf_printf(b, "<fieldset><legend>%s</legend>\n"
                            "<input type=\"radio\" name=\"decision\" id=\"d-accept\" value=\"accept\" required>"
                            "<label for=\"d-accept\">%s</label>\n"
                            "<input type=\"radio\" name=\"decision\" id=\"d-reject\" value=\"reject\">"
                            "<label for=\"d-reject\">%s</label>\n</fieldset>\n",
                         _("Decision"), _("Accept: correct the record to the value asked for"),
                         _("Reject"))
           || html_textarea(b, "reason",
                            _("Reason (needed to reject: what you checked and what it shows)"), "",
                            NULL, error, false)
           || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Record the decision"));
}

static int request_page(struct web_request *rq, struct web_response *rs,
                        const struct correction_row *r, const struct profile_view *v,
                        const char *error, int status, struct err *e)
{
    bool hindi = rq->lang == LANG_HI;
    enum profile_field f = (enum profile_field)field_of_path(r->path);
    struct buf *b = &rs->body;
    int rc = html_begin(rs, rq, _("Correction request"))
             || buf_printf(b, "<h1>%s %" PRId64 "</h1>\n<dl>\n<dt>%s</dt><dd><a href=\"/officer/enterprises/%"
                              PRId64 "\">", _("Correction request"), r->id, _("Enterprise"), v->ent.id)
             || buf_put_html(b, enterprise_display_name(&v->ent))
             || buf_printf(b, "</a></dd>\n<dt>%s</dt><dd>", _("Fact"))
             || buf_put_html(b, profile_field_label(f, hindi))
             || buf_printf(b, "</dd>\n<dt>%s</dt><dd>", _("The record says now"))
             || profile_view_put_value(b, &v->profile, f, hindi) || buf_puts(b, " · ")
             || profile_view_put_source(b, &v->source[f], hindi)
             || buf_printf(b, "</dd>\n<dt>%s</dt><dd><strong>", _("Value asked for"))
             || buf_put_html(b, r->value)
             || buf_printf(b, "</strong></dd>\n<dt>%s</dt><dd>", _("The entrepreneur's reason"))
             || buf_put_html(b, r->reason)
             || buf_printf(b, "</dd>\n<dt>%s</dt><dd>%.10s</dd>\n<dt>%s</dt><dd>", _("Asked on"),
                           r->created_at, _("Status"))
             || buf_put_html(b, state_label(r->state));

    if (!rc && r->state != CORRECTION_PENDING)
        rc = buf_puts(b, " · ") || buf_put_html(b, r->decider) || buf_puts(b, " · ")
             || buf_put_html(b, r->decision_reason);
    rc = rc || buf_puts(b, "</dd>\n</dl>\n")
         || (r->state == CORRECTION_PENDING && put_decision_form(b, rq, r, error)) || html_end(rs, rq);
    if (rc)
        return err_set(e, "correction page: out of memory");
    rs->status = status;
    return 0;
}

int page_correction(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct correction_row r;
    struct profile_view v;
    int rc = load_request(rq, rs, &r, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    rc = portal_audit_read(rq, v.ent.id, "enterprise.correction.read", e);
    if (rc == 0)
        rc = request_page(rq, rs, &r, &v, NULL, 200, e);
    profile_view_free(&v);
    return rc;
}

/* Accept: the officer's correction, then the decision naming it. 1 with
 * *error when the value no longer fits the field. */
static int accept(struct web_request *rq, const struct correction_row *r, struct profile_view *v,
                  const char *reason, int64_t *fact_id, const char **error, struct err *e)
{
    char note[PROFILE_FACT_NOTE_MAX], msg[128];
    int rc;

    int64_t before = 0;

    snprintf(note, sizeof note, NOTE_FMT, r->id, reason[0] ? reason : r->reason);
    rc = store_profile_fact_last_id(rq->store, v->ent.id, &before, e);
    if (rc == 0)
        rc = profile_view_give(rq->store, v, (enum profile_field)field_of_path(r->path), r->value,
                               rq->session->user.id, "officer", note, msg, sizeof msg, e);
    if (rc > 0)
        *error = _("The value asked for is not one this field can hold: reject it with a reason.");
    if (rc == 0)
        rc = store_profile_fact_last_id(rq->store, v->ent.id, fact_id, e);
    /* the record already said so: no fact was written, none is named */
    if (rc == 0 && *fact_id == before)
        *fact_id = 0;
    return rc;
}

/* The entrepreneur's dashboard message, with the office's words. */
static int notify(struct web_request *rq, const struct correction_row *r, bool accepted,
                  const char *reason, struct err *e)
{
    struct notification_row n = {.enterprise_id = r->enterprise_id};

    snprintf(n.kind, sizeof n.kind, "%s", accepted ? "correction.accepted" : "correction.rejected");
    snprintf(n.detail, sizeof n.detail, "%s", reason);
    return store_notify(rq->store, &n, e);
}

/* 0 decided, 1 refused (*error, or *conflict when already decided). */
static int decide(struct web_request *rq, const struct correction_row *r, struct profile_view *v,
                  const char **error, bool *conflict, struct err *e)
{
    char decision[16], reason[CORRECTION_REASON_MAX];
    bool accepting, changed = false;
    int64_t fact_id = 0;
    int rc;

    if (form_get(rq->body, rq->body_len, "decision", decision, sizeof decision) != 0
        || (strcmp(decision, "accept") != 0 && strcmp(decision, "reject") != 0)) {
        *error = _("Choose accept or reject.");
        return 1;
    }
    accepting = strcmp(decision, "accept") == 0;
    if (form_get(rq->body, rq->body_len, "reason", reason, sizeof reason) != 0)
        reason[0] = '\0';
    if (!accepting && reason[0] == '\0') {
        *error = _("Give the reason for rejecting: the entrepreneur sees it.");
        return 1;
    }
    if (store_begin(rq->store, e) != 0)
        return -1;
    rc = accepting ? accept(rq, r, v, reason, &fact_id, error, e) : 0;
    if (rc == 0)
        rc = store_correction_decide(rq->store, r->id,
                                     accepting ? CORRECTION_ACCEPTED : CORRECTION_REJECTED,
                                     rq->session->user.id, reason, fact_id, &changed, e);
    if (rc == 0 && !changed) {
        *conflict = true;
        rc = 1;
    }
    if (rc == 0)
        rc = notify(rq, r, accepting, reason, e);
    if (rc == 0)
        rc = portal_audit_read(rq, v->ent.id,
                               accepting ? "enterprise.golden.correct" : "enterprise.correction.reject",
                               e);
    if (rc != 0) {
        store_rollback(rq->store);
        return rc;
    }
    return store_commit(rq->store, e);
}

int page_correction_decide(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct correction_row r;
    struct profile_view v;
    const char *error = NULL;
    bool conflict = false;
    int rc = load_request(rq, rs, &r, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    rc = decide(rq, &r, &v, &error, &conflict, e);
    if (rc == 0) {
        char to[64];
        snprintf(to, sizeof to, "/officer/corrections/%" PRId64, r.id);
        rc = web_response_redirect(rs, to) == 0 ? 0 : err_set(e, "redirect");
    } else if (rc > 0 && conflict)
        rc = html_error_page(rs, rq, 409, _("Already decided"),
                             _("Another officer decided this request first."), false) == 0 ? 0 : -1;
    else if (rc > 0)
        rc = request_page(rq, rs, &r, &v, error, 422, e);
    profile_view_free(&v);
    return rc;
}
