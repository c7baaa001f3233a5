/* page_enterprise.c: GET and POST /officer/enterprises/{id}: an
 * enterprise's golden record for an officer of its area. Every field shows
 * the value kept, where it came from, and every other source's value with
 * its date, so the officer sees why the record says what it says. The
 * officer may correct a field with a reason (?field=N shows the form); the
 * correction is kept with its author and reason and wins over every feed
 * (data/survivorship.csv), and the sources' values stay as they were.
 * Every read and correction is audit-logged. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_path.h"
#include "web/access_scope.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/routes.h"

#define REASON_MAX 200
#define VALUE_MAX 256

/* The enterprise of the route's {id}, if the officer's scope covers it. */
static int load_in_scope(struct web_request *rq, struct web_response *rs, struct profile_view *v,
                         struct err *e)
{
    int64_t id;
    bool found = false;

    memset(v, 0, sizeof *v);
    if (!portal_parse_id(router_param(rq->match, "id"), &id))
        return html_error_page(rs, rq, 404, _("No such enterprise"), _("Check the link."), false) == 0
                   ? PORTAL_ANSWERED : -1;
    if (profile_view_load(rq->store, rq->app->survivorship, id, rq->today, v, &found, e) != 0)
        return -1;
    /* The router checked the officer's area (SCOPE_ENTERPRISE, authz.c). */
    if (!found) {
        profile_view_free(v);
        return html_error_page(rs, rq, 404, _("No such enterprise"),
                               _("There is no enterprise with this number in your area."), false) == 0
                   ? PORTAL_ANSWERED : -1;
    }
    return PORTAL_LOADED;
}

/* One candidate value in words: read through the profile's own reader, so
 * it is shown exactly as a surviving value would be. */
static int put_candidate_value(struct buf *b, const struct golden_value *c, bool hindi)
{
    size_t n;
    const struct profile_field_desc *d = &profile_fields(&n)[c->field];
    struct profile_issues is = {0};
    struct profile p;
    json_t *root = json_object();
    int rc = -1;

    profile_init(&p);
    if (root != NULL && json_path_set(root, d->path, json_incref(c->value)) == 0) {
        (void)profile_from_json(root, &p, &is);
        rc = profile_view_put_value(b, &p, c->field, hindi);
    }
    profile_issues_free(&is);
    profile_clear(&p);
    json_decref(root);
    return rc;
}

static int put_candidate_source(struct buf *b, const struct golden_value *c, bool hindi)
{
    struct fact_source src;

    profile_view_source_of(c, &src);
    if (profile_view_put_source(b, &src, hindi))
        return -1;
    if (c->key.source == GS_OFFICER && c->note[0]
        && (buf_puts(b, " — ") || buf_put_html(b, c->note)))
        return -1;
    return 0;
}

/* The other sources' values of field f, as a list; nothing when none. */
static int put_others(struct buf *b, const struct golden_record *g, enum profile_field f, bool hindi)
{
    bool any = false;

    for (size_t i = 0; i < g->n; i++) {
        const struct golden_value *c = &g->values[i];
        if (c->field != f || (int)i == g->winner[f])
            continue;
        if ((!any && buf_puts(b, "<ul class=\"others\">")) || buf_puts(b, "<li><s>")
            || put_candidate_value(b, c, hindi) || buf_puts(b, "</s> · ")
            || put_candidate_source(b, c, hindi) || buf_puts(b, "</li>"))
            return -1;
        any = true;
    }
    return any ? buf_puts(b, "</ul>") : 0;
}

static bool editable(enum profile_field f)
{
    size_t n;
    const enum profile_field *fields = profile_view_editable(&n);

    for (size_t i = 0; i < n; i++)
        if (fields[i] == f)
            return true;
    return false;
}

static int put_field_row(struct buf *b, const struct profile_view *v, enum profile_field f,
                         bool hindi)
{
    const struct golden_value *w = golden_winner(&v->golden, f);

    if (buf_puts(b, "<dt>") || buf_put_html(b, profile_field_label(f, hindi))
        || buf_puts(b, "</dt>\n<dd><strong>") || profile_view_put_value(b, &v->profile, f, hindi)
        || buf_puts(b, "</strong> · ") || (w ? put_candidate_source(b, w, hindi) : buf_puts(b, "—"))
        || put_others(b, &v->golden, f, hindi))
        return -1;
    if (editable(f)
        && buf_printf(b, " <a href=\"/officer/enterprises/%" PRId64 "?field=%d#correct\">%s</a>",
                      v->ent.id, (int)f, _("Correct")))
        return -1;
    return buf_puts(b, "</dd>\n");
}

static bool has_candidate(const struct golden_record *g, enum profile_field f)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->values[i].field == f)
            return true;
    return false;
}

/* The fields the portal cannot correct (identifiers, lists such as the
 * schemes availed) are shown too when some source gives them, so the
 * officer sees every value the record holds. */
static int put_read_only_rows(struct buf *b, const struct profile_view *v, bool hindi)
{
    size_t nf;
    const struct profile_field_desc *fields = profile_fields(&nf);

    for (size_t i = 0; i < nf; i++)
        if (fields[i].id != PF_AS_OF && !editable(fields[i].id)
            && has_candidate(&v->golden, fields[i].id)
            && put_field_row(b, v, fields[i].id, hindi) != 0)
            return -1;
    return 0;
}

/* The correction form for one field. */
static int put_correct_form(struct buf *b, struct web_request *rq, const struct profile_view *v,
                            enum profile_field f, const char *error)
{
    bool hindi = rq->lang == LANG_HI;
    struct buf value = BUF_INIT;
    int rc = profile_view_put_input(&value, &v->profile, f);

    rc = rc || buf_printf(b, "<h2 id=\"correct\">%s</h2>\n", _("Correct a field"))
         || buf_printf(b, "<form method=\"post\" action=\"/officer/enterprises/%" PRId64 "\">\n", v->ent.id)
         || html_put_csrf(b, rq)
         || buf_printf(b, "<input type=\"hidden\" name=\"field\" value=\"%d\">\n", (int)f)
         || html_profile_control(b, "value", f, profile_field_label(f, hindi), buf_cstr(&value), error, hindi)
         || html_textarea(b, "reason", _("Reason for the correction (the document you checked)"), "",
                          NULL, NULL, true)
         || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Save the correction"));
    buf_release(&value);
    return rc ? -1 : 0;
}

static int enterprise_page(struct web_request *rq, struct web_response *rs,
                           const struct profile_view *v, int field, const char *error, int status,
                           struct err *e)
{
    bool hindi = rq->lang == LANG_HI;
    struct buf *b = &rs->body;
    size_t n;
    const enum profile_field *fields = profile_view_editable(&n);

    if (html_begin(rs, rq, _("Enterprise record")) || buf_puts(b, "<h1>")
        || buf_put_html(b, v->ent.name[0] ? v->ent.name : v->ent.udyam) || buf_puts(b, "</h1>\n<p>")
        || buf_put_html(b, _("Each field shows the value kept and where it came from; values "
                             "other sources give are struck through beside it. The rule that "
                             "decides is the most trusted source, then the most recent."))
        || buf_puts(b, "</p>\n<dl class=\"golden\">\n"))
        return err_set(e, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (put_field_row(b, v, fields[i], hindi) != 0)
            return err_set(e, "enterprise page: out of memory");
    if (put_read_only_rows(b, v, hindi) != 0 || buf_puts(b, "</dl>\n"))
        return err_set(e, "out of memory");
    if (field >= 0 && put_correct_form(b, rq, v, (enum profile_field)field, error) != 0)
        return err_set(e, "out of memory");
    if (html_end(rs, rq))
        return err_set(e, "out of memory");
    rs->status = status;
    return 0;
}

/* ?field=N of an editable field, or -1. */
static int requested_field(struct web_request *rq, const char *text)
{
    char *end;
    long f;

    if (text == NULL || *text == '\0')
        return -1;
    f = strtol(text, &end, 10);
    return *end == '\0' && f >= 0 && f < PF_COUNT && editable((enum profile_field)f) ? (int)f : -1;
    (void)rq;
}

int page_enterprise(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    int rc = load_in_scope(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    rc = portal_audit_read(rq, v.ent.id, "enterprise.golden.read", e);
    if (rc == 0)
        rc = enterprise_page(rq, rs, &v, requested_field(rq, web_query(rq, "field")), NULL, 200, e);
    profile_view_free(&v);
    return rc;
}

/* Store the correction; 1 with *error set when the input is refused. */
static int correct(struct web_request *rq, struct profile_view *v, int field, const char **error,
                   struct err *e)
{
    char value[VALUE_MAX], reason[REASON_MAX + 1], msg[128];
    int rc;

    if (form_get(rq->body, rq->body_len, "reason", reason, sizeof reason) != 0 || reason[0] == '\0') {
        *error = _("Give the reason: the document you checked.");
        return 1;
    }
    if (form_get(rq->body, rq->body_len, "value", value, sizeof value) != 0 || value[0] == '\0') {
        *error = _("Give the correct value.");
        return 1;
    }
    if (store_begin(rq->store, e) != 0)
        return -1;
    rc = profile_view_give(rq->store, v, (enum profile_field)field, value, rq->session->user.id,
                           "officer", reason, msg, sizeof msg, e);
    if (rc == 0)
        rc = portal_audit_read(rq, v->ent.id, "enterprise.golden.correct", e);
    if (rc != 0) {
        store_rollback(rq->store);
        if (rc > 0)
            *error = _("This value is not one this field can hold. Check it.");
        return rc;
    }
    return store_commit(rq->store, e);
}

int page_enterprise_correct(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    char text[16];
    const char *error = NULL;
    int field, rc = load_in_scope(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    field = form_get(rq->body, rq->body_len, "field", text, sizeof text) == 0
                ? requested_field(rq, text) : -1;
    if (field < 0) {
        profile_view_free(&v);
        return html_error_page(rs, rq, 400, _("No such field"), _("Choose a field from the record."),
                               false) == 0 ? 0 : -1;
    }
    rc = correct(rq, &v, field, &error, e);
    if (rc > 0)
        rc = enterprise_page(rq, rs, &v, field, error, 422, e);
    else if (rc == 0) {
        char to[64];
        snprintf(to, sizeof to, "/officer/enterprises/%" PRId64, v.ent.id);
        rc = web_response_redirect(rs, to) == 0 ? 0 : err_set(e, "redirect");
    }
    profile_view_free(&v);
    return rc;
}
