/* page_apply.c: GET and POST /apply, one common application for several
 * schemes.
 *
 * GET /apply?apply_<scheme>=1&... shows one form: the chosen schemes'
 * extra fields and documents merged (rules/common_form.c), each asked once
 * and pre-filled, and each scheme's declarations. POST /apply checks
 * everything again on the server (the schemes must still be open to this
 * enterprise, every field answered, every declaration made) and creates
 * one application per scheme, linked as a bundle, all submitted at once.
 *
 * Answers are kept as the enterprise's facts too (profile_fact, path
 * "application.<field>"), so the next application is pre-filled with them:
 * a fact given once is not asked again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "rules/common_form.h"
#include "store/store_application.h"
#include "store/store_profile.h"
#include "web/evaluation.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/routes.h"

#define ANSWER_MAX 400
#define ANSWER_PREFIX "application."

struct apply {
    struct web_request *rq;
    struct profile_view v;
    struct evaluation ev;
    const struct scheme *schemes[COMMON_FORM_MAX_SCHEMES];
    size_t n;
    struct common_form form;
    char (*answers)[ANSWER_MAX];        /* by form field index */
    const char **field_error;           /* by form field index */
    bool hindi;
    const char *error;                  /* for the whole form */
};

/* Is scheme s one the form was asked for (query on GET, body on POST)? */
static bool picked(const struct apply *ap, const struct scheme *s, bool from_body)
{
    char name[64], value[4];

    if (!from_body) {
        snprintf(name, sizeof name, "apply_%s", s->id);
        return web_query(ap->rq, name) != NULL;
    }
    snprintf(name, sizeof name, "scheme_%s", s->id);
    return form_get(ap->rq->body, ap->rq->body_len, name, value, sizeof value) == 0;
}

static int prefill_answer(void *ctx, const struct profile_fact_row *f)
{
    struct apply *ap = ctx;
    json_t *v;

    if (strncmp(f->path, ANSWER_PREFIX, strlen(ANSWER_PREFIX)) != 0)
        return 0;
    for (size_t i = 0; i < ap->form.n_fields; i++) {
        if (strcmp(ap->form.fields[i].entry->id, f->path + strlen(ANSWER_PREFIX)) != 0)
            continue;
        v = json_loads(f->value, JSON_DECODE_ANY, NULL);
        if (json_is_string(v))
            snprintf(ap->answers[i], ANSWER_MAX, "%s", json_string_value(v));
        json_decref(v);
    }
    return 0;
}

/* Pre-fill from earlier answers, then from the profile where a field is
 * one of its facts. */
static int prefill(struct apply *ap, struct err *e)
{
    if (store_profile_facts_current(ap->rq->store, ap->v.ent.id, prefill_answer, ap, e) != 0)
        return -1;
    for (size_t i = 0; i < ap->form.n_fields; i++) {
        struct buf t = BUF_INIT;
        if (ap->answers[i][0] || strcmp(ap->form.fields[i].entry->id, "loan_amount_sought") != 0)
            continue;
        if (profile_view_put_input(&t, &ap->v.profile, PF_NEED_AMOUNT) == 0)
            snprintf(ap->answers[i], ANSWER_MAX, "%s", buf_cstr(&t));
        buf_release(&t);
    }
    return 0;
}

/* Choose the schemes and build the form; 1 when there is nothing to show. */
static int setup(struct apply *ap, bool from_body, struct err *e)
{
    const struct catalog *c = ap->rq->app->catalog;

    if (evaluation_run(ap->rq->app, &ap->v.profile, ap->rq->today, &ap->ev, e) != 0)
        return -1;
    for (size_t i = 0; i < ap->ev.n && ap->n < COMMON_FORM_MAX_SCHEMES; i++) {
        const struct scheme_result *r = &ap->ev.results[i];
        bool open = false;
        if (!picked(ap, r->scheme, from_body))
            continue;
        if (store_app_open_exists(ap->rq->store, ap->v.ent.id, r->scheme->id, &open, e) != 0)
            return -1;
        if (r->status == ST_INELIGIBLE || !r->in_force || open) {
            ap->error = _("Some schemes you chose are not open to you now and were left out.");
            continue;
        }
        ap->schemes[ap->n++] = r->scheme;
    }
    if (ap->n == 0)
        return 1;
    if (common_form_build(&c->vocab, ap->schemes, ap->n, &ap->form, e) != 0)
        return -1;
    ap->answers = mem_calloc(ap->form.n_fields + 1, sizeof *ap->answers);
    ap->field_error = mem_calloc(ap->form.n_fields + 1, sizeof *ap->field_error);
    if (ap->answers == NULL || ap->field_error == NULL)
        return err_set(e, "apply: out of memory");
    return 0;
}

static int put_scheme_names(struct buf *b, const struct apply *ap, uint64_t mask)
{
    int k = 0;

    for (size_t i = 0; i < ap->n; i++) {
        const struct scheme *s = ap->schemes[i];
        if (!(mask & ((uint64_t)1 << i)))
            continue;
        if ((k++ && buf_puts(b, ", ")) || buf_put_html(b, ap->hindi && s->name_hi ? s->name_hi : s->name))
            return -1;
    }
    return 0;
}

static int put_fields(struct buf *b, const struct apply *ap)
{
    if (ap->form.n_fields == 0)
        return 0;
    if (buf_printf(b, "<fieldset>\n<legend>%s</legend>\n", _("About this application")))
        return -1;
    for (size_t i = 0; i < ap->form.n_fields; i++) {
        const struct vocab_entry *v = ap->form.fields[i].entry;
        struct buf hint = BUF_INIT;
        char name[64];
        int rc;
        snprintf(name, sizeof name, "field_%s", v->id);
        rc = buf_puts(&hint, _("Asked by: ")) || put_scheme_names(&hint, ap, ap->form.fields[i].schemes);
        if (rc == 0 && strcmp(v->type, "number") == 0)
            rc = buf_putc(&hint, ' ') || buf_puts(&hint, _("Digits only."));
        if (rc == 0 && strcmp(v->type, "date") == 0)
            rc = buf_putc(&hint, ' ') || buf_puts(&hint, _("As year-month-day."));
        if (rc == 0)
            rc = html_input(b, name, ap->hindi && v->name_hi ? v->name_hi : v->name, "text",
                            ap->answers[i], buf_cstr(&hint), ap->field_error[i], true);
        buf_release(&hint);
        if (rc)
            return -1;
    }
    return buf_puts(b, "</fieldset>\n");
}

static int put_documents(struct buf *b, const struct apply *ap)
{
    if (ap->form.n_documents == 0)
        return 0;
    if (buf_printf(b, "<fieldset>\n<legend>%s</legend>\n<p>%s</p>\n<ul class=\"docs\">\n",
                   _("Documents"), _("Tick each document you have ready. The office asks to see "
                                     "them when it reviews your application.")))
        return -1;
    for (size_t i = 0; i < ap->form.n_documents; i++) {
        const struct vocab_entry *v = ap->form.documents[i].entry;
        if (buf_printf(b, "<li><input type=\"checkbox\" id=\"doc_%s\" name=\"doc_%s\" value=\"1\"> "
                          "<label for=\"doc_%s\">", v->id, v->id, v->id)
            || buf_put_html(b, ap->hindi && v->name_hi ? v->name_hi : v->name)
            || buf_puts(b, "</label> <span class=\"hint\">(")
            || put_scheme_names(b, ap, ap->form.documents[i].schemes) || buf_puts(b, ")</span></li>\n"))
            return -1;
    }
    return buf_puts(b, "</ul>\n</fieldset>\n");
}

static int put_declarations(struct buf *b, const struct apply *ap)
{
    if (buf_printf(b, "<fieldset>\n<legend>%s</legend>\n", _("Declarations")))
        return -1;
    for (size_t i = 0; i < ap->n; i++) {
        const struct scheme *s = ap->schemes[i];
        for (size_t k = 0; k < s->n_declarations; k++) {
            const struct declaration *d = &s->declarations[k];
            if (buf_printf(b, "<p class=\"pick\"><input type=\"checkbox\" id=\"decl_%s_%zu\" "
                              "name=\"decl_%s_%zu\" value=\"1\" required> <label for=\"decl_%s_%zu\">",
                           s->id, k, s->id, k, s->id, k)
                || buf_put_html(b, ap->hindi && d->text_hi ? d->text_hi : d->text)
                || buf_puts(b, "</label></p>\n"))
                return -1;
        }
    }
    return buf_printf(b, "<p class=\"pick\"><input type=\"checkbox\" id=\"decl_true\" name=\"decl_true\" "
                         "value=\"1\" required> <label for=\"decl_true\">%s</label></p>\n</fieldset>\n",
                      _("What I have given is true to the best of my knowledge."));
}

static int apply_page(struct apply *ap, struct web_response *rs, int status, struct err *e)
{
    struct buf *b = &rs->body;
    char title[128];

    snprintf(title, sizeof title, _("One application for %zu schemes"), ap->n);
    if (html_begin(rs, ap->rq, title) || buf_puts(b, "<h1>") || buf_put_html(b, title)
        || buf_puts(b, "</h1>\n"))
        return err_set(e, "out of memory");
    if (ap->error && (buf_puts(b, "<p class=\"error\" role=\"alert\">") || buf_put_html(b, ap->error)
                      || buf_puts(b, "</p>\n")))
        return err_set(e, "out of memory");
    if (buf_printf(b, "<p>%s ", _("Your details come from your profile:"))
        || buf_put_html(b, enterprise_display_name(&ap->v.ent))
        || buf_printf(b, ". <a href=\"/profile\">%s</a></p>\n<p>", _("Correct them there"))
        || html_put_sentence(b, _("Separately these schemes ask %s questions and documents; "
                                  "here each is asked once."), "")
        || buf_printf(b, " (%zu → %zu)</p>\n", ap->form.asked_separately,
                      ap->form.n_fields + ap->form.n_documents)
        || buf_puts(b, "<form method=\"post\" action=\"/apply\">\n") || html_put_csrf(b, ap->rq))
        return err_set(e, "out of memory");
    for (size_t i = 0; i < ap->n; i++)
        if (buf_printf(b, "<input type=\"hidden\" name=\"scheme_%s\" value=\"1\">\n", ap->schemes[i]->id))
            return err_set(e, "out of memory");
    if (buf_printf(b, "<h2>%s</h2>\n<ul>\n", _("You are applying to")))
        return err_set(e, "out of memory");
    for (size_t i = 0; i < ap->n; i++)
        if (buf_puts(b, "<li>") || put_scheme_names(b, ap, (uint64_t)1 << i) || buf_puts(b, "</li>\n"))
            return err_set(e, "out of memory");
    if (buf_puts(b, "</ul>\n") || put_fields(b, ap) || put_documents(b, ap) || put_declarations(b, ap)
        || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Submit the application"))
        || html_end(rs, ap->rq))
        return err_set(e, "apply page: out of memory");
    rs->status = status;
    return 0;
}

static int nothing_chosen(struct apply *ap, struct web_response *rs, struct err *e)
{
    return html_error_page(rs, ap->rq, 422, _("Choose a scheme first"),
                           _("Tick at least one scheme you can apply to on the schemes page."),
                           false) == 0 ? 0 : err_set(e, "out of memory");
}

static void apply_free(struct apply *ap)
{
    evaluation_free(&ap->ev);
    mem_free(ap->answers);
    mem_free(ap->field_error);
    profile_view_free(&ap->v);
}

int page_apply_form(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct apply ap = {.rq = rq, .hindi = rq->lang == LANG_HI};
    int rc = portal_own_enterprise(rq, rs, &ap.v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    rc = setup(&ap, false, e);
    if (rc == 0)
        rc = prefill(&ap, e) != 0 ? -1 : apply_page(&ap, rs, 200, e);
    else if (rc > 0)
        rc = nothing_chosen(&ap, rs, e);
    apply_free(&ap);
    return rc;
}

/* Read and check the answers; 1 when the form must be shown again. */
static int read_answers(struct apply *ap)
{
    int bad = 0;
    char value[4];

    for (size_t i = 0; i < ap->form.n_fields; i++) {
        char name[64];
        snprintf(name, sizeof name, "field_%s", ap->form.fields[i].entry->id);
        if (form_get(ap->rq->body, ap->rq->body_len, name, ap->answers[i], ANSWER_MAX) != 0
            || ap->answers[i][0] == '\0') {
            ap->answers[i][0] = '\0';
            ap->field_error[i] = _("Answer this question.");
            bad = 1;
        } else {
            json_t *probe = json_string(ap->answers[i]); /* NULL for invalid UTF-8 */
            if (probe == NULL) {
                ap->field_error[i] = _("This answer has characters we cannot read. Type it again.");
                bad = 1;
            }
            json_decref(probe);
        }
    }
    for (size_t i = 0; i < ap->n; i++)
        for (size_t k = 0; k < ap->schemes[i]->n_declarations; k++) {
            char name[80];
            snprintf(name, sizeof name, "decl_%s_%zu", ap->schemes[i]->id, k);
            if (form_get(ap->rq->body, ap->rq->body_len, name, value, sizeof value) != 0)
                bad = 1;
        }
    if (form_get(ap->rq->body, ap->rq->body_len, "decl_true", value, sizeof value) != 0)
        bad = 1;
    if (bad)
        ap->error = _("Answer every question and tick every declaration.");
    return bad;
}

/* The answers as JSON text: {"fields": {...}, "documents": [...]}. */
static char *answers_json(const struct apply *ap)
{
    json_t *fields = json_object(), *docs = json_array(), *root;
    char value[4], *text;

    for (size_t i = 0; i < ap->form.n_fields; i++)
        json_object_set_new(fields, ap->form.fields[i].entry->id, json_string(ap->answers[i]));
    for (size_t i = 0; i < ap->form.n_documents; i++) {
        char name[64];
        snprintf(name, sizeof name, "doc_%s", ap->form.documents[i].entry->id);
        if (form_get(ap->rq->body, ap->rq->body_len, name, value, sizeof value) == 0)
            json_array_append_new(docs, json_string(ap->form.documents[i].entry->id));
    }
    root = json_pack("{s:o, s:o}", "fields", fields, "documents", docs);
    text = root == NULL ? NULL : json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(root);
    return text;
}

/* Keep the answers as facts for the next application. */
static int remember_answers(struct apply *ap, struct err *e)
{
    for (size_t i = 0; i < ap->form.n_fields; i++) {
        struct profile_fact_row row = {.enterprise_id = ap->v.ent.id, .user_id = ap->rq->session->user.id};
        json_t *s = json_string(ap->answers[i]);
        char *v = s == NULL ? NULL : json_dumps(s, JSON_ENCODE_ANY);
        int rc;
        json_decref(s);
        if (v == NULL)
            return err_set(e, "out of memory");
        snprintf(row.path, sizeof row.path, ANSWER_PREFIX "%s", ap->form.fields[i].entry->id);
        snprintf(row.value, sizeof row.value, "%s", v);
        snprintf(row.source, sizeof row.source, "self");
        free(v);
        rc = store_profile_fact_add(ap->rq->store, &row, e);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int submit(struct apply *ap, struct web_response *rs, struct err *e)
{
    struct app_new apps[COMMON_FORM_MAX_SCHEMES];
    int64_t ids[COMMON_FORM_MAX_SCHEMES], bundle = 0;
    char *answers = answers_json(ap), location[64];
    int rc;

    if (answers == NULL)
        return err_set(e, "apply: out of memory");
    for (size_t i = 0; i < ap->n; i++)
        apps[i] = evaluation_app_new(evaluation_find(&ap->ev, ap->schemes[i]));
    /* The answers are the enterprise's facts whatever happens next. */
    if (remember_answers(ap, e) != 0) {
        free(answers);
        return -1;
    }
    rc = store_bundle_create(ap->rq->store, &ap->v.ent, ap->rq->session->user.id, "entrepreneur",
                             answers, apps, ap->n, ap->rq->today, &bundle, ids, e);
    free(answers);
    if (rc != 0)
        return -1;
    if (bundle == 0) {
        ap->error = _("Some schemes you chose are not open to you now and were left out.");
        return apply_page(ap, rs, 409, e);
    }
    snprintf(location, sizeof location, "/dashboard?bundle=%lld", (long long)bundle);
    return web_response_redirect(rs, location) == 0 ? 0 : err_set(e, "redirect");
}

int page_apply_submit(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct apply ap = {.rq = rq, .hindi = rq->lang == LANG_HI};
    int rc = portal_own_enterprise(rq, rs, &ap.v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    rc = setup(&ap, true, e);
    if (rc > 0)
        rc = nothing_chosen(&ap, rs, e);
    else if (rc == 0 && (ap.error != NULL || read_answers(&ap) != 0))
        rc = apply_page(&ap, rs, 422, e);
    else if (rc == 0)
        rc = submit(&ap, rs, e);
    apply_free(&ap);
    return rc;
}
