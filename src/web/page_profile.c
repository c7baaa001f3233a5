/* page_profile.c: GET and POST /profile, the enterprise's facts as the
 * portal holds them, each with where it came from. The entrepreneur
 * confirms or corrects; a correction is kept beside what it replaced
 * (profile_fact), so the record from the feed is never overwritten.
 *
 * The scheme finder's short form posts here too, with only the fields it
 * asks for and next=/schemes. */
#include <stdio.h>
#include <string.h>

#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/routes.h"

#define FIELD_INPUT_MAX 256

struct field_errors {
    const char *msg[PF_COUNT];
};

/* One field: the question, what we hold and from where, and the control. */
static int put_fact(struct buf *b, const struct profile_view *v, enum profile_field f,
                    const char *error, bool hindi)
{
    char name[8];
    struct buf value = BUF_INIT;
    int rc;

    snprintf(name, sizeof name, "f%d", (int)f);
    rc = profile_view_put_input(&value, &v->profile, f);
    if (rc == 0)
        rc = buf_puts(b, "<div class=\"fact\">\n")
             || html_profile_control(b, name, f, profile_field_label(f, hindi), buf_cstr(&value),
                                     error, hindi)
             || buf_puts(b, "<p class=\"source\">") || profile_view_put_value(b, &v->profile, f, hindi)
             || buf_puts(b, " · ") || profile_view_put_source(b, &v->source[f], hindi)
             || buf_puts(b, "</p>\n</div>\n");
    buf_release(&value);
    return rc ? -1 : 0;
}

static int profile_page(struct web_request *rq, struct web_response *rs,
                        const struct profile_view *v, const struct field_errors *errs, int status,
                        struct err *e)
{
    bool hindi = rq->lang == LANG_HI;
    struct buf *b = &rs->body;
    size_t n;
    const enum profile_field *fields = profile_view_editable(&n);
    bool any_error = false;

    for (size_t i = 0; i < n; i++)
        any_error |= errs != NULL && errs->msg[fields[i]] != NULL;
    if (html_begin(rs, rq, _("Check your details")) || buf_puts(b, "<h1>")
        || buf_put_html(b, _("Check your details")) || buf_puts(b, "</h1>\n<p>")
        || html_put_sentence(b, _("This is what we hold about %s. Each fact says where it came "
                                  "from. Correct anything that is wrong and fill in what you "
                                  "can; leave the rest."),
                             enterprise_display_name(&v->ent))
        || buf_puts(b, "</p>\n"))
        return err_set(e, "out of memory");
    if (any_error && buf_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n",
                                _("Some answers need a look: see the messages below.")))
        return err_set(e, "out of memory");
    if (buf_puts(b, "<form method=\"post\" action=\"/profile\">\n") || html_put_csrf(b, rq))
        return err_set(e, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (put_fact(b, v, fields[i], errs ? errs->msg[fields[i]] : NULL, hindi) != 0)
            return err_set(e, "profile page: out of memory");
    if (buf_printf(b, "<input type=\"hidden\" name=\"next\" value=\"/schemes\">\n"
                      "<button type=\"submit\">%s</button>\n</form>\n",
                   _("Save and see my schemes"))
        || html_end(rs, rq))
        return err_set(e, "profile page: out of memory");
    rs->status = status;
    return 0;
}

int page_profile(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    int rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    rc = profile_page(rq, rs, &v, NULL, 200, e);
    profile_view_free(&v);
    return rc;
}

/* The words shown for a refused answer, by the field's type. */
static const char *refusal(enum profile_field f)
{
    size_t n;
    switch (profile_fields(&n)[f].type) {
    case PF_MONEY: return _("Give an amount in rupees, digits only.");
    case PF_INT: return _("Give a whole number in the allowed range.");
    case PF_DATE: return _("Give a date as year-month-day, for example 2024-04-01.");
    default: return _("This answer is not one we can use. Check it.");
    }
}

/* Store every field present in the body; 1 when any was refused. */
static int give_fields(struct web_request *rq, struct profile_view *v, struct field_errors *errs,
                       struct err *e)
{
    const char *source = portal_is_officer(rq) ? "officer" : "self";
    size_t n;
    const enum profile_field *fields = profile_view_editable(&n);
    int refused = 0;

    if (store_begin(rq->store, e) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char name[8], text[FIELD_INPUT_MAX], msg[128];
        int rc;
        snprintf(name, sizeof name, "f%d", (int)fields[i]);
        if (form_get(rq->body, rq->body_len, name, text, sizeof text) != 0)
            continue; /* not on this form, or not decodable: nothing given */
        rc = profile_view_give(rq->store, v, fields[i], text, rq->session->user.id, source, NULL,
                               msg, sizeof msg, e);
        if (rc < 0) {
            store_rollback(rq->store);
            return -1;
        }
        if (rc > 0) {
            errs->msg[fields[i]] = refusal(fields[i]);
            refused = 1;
        }
    }
    /* All or nothing: a form with a refused answer saves none of it, so
     * the page shown again matches what is stored. */
    if (refused) {
        store_rollback(rq->store);
        return 1;
    }
    return store_commit(rq->store, e);
}

int page_profile_submit(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct field_errors errs = {0};
    struct profile_view v;
    char next[32];
    int rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    rc = give_fields(rq, &v, &errs, e);
    if (rc > 0)
        rc = profile_page(rq, rs, &v, &errs, 422, e);
    else if (rc == 0) {
        if (form_get(rq->body, rq->body_len, "next", next, sizeof next) != 0)
            next[0] = '\0';
        rc = web_response_redirect(rs, portal_next(next, "/schemes")) == 0 ? 0 : err_set(e, "redirect");
    }
    profile_view_free(&v);
    return rc;
}
