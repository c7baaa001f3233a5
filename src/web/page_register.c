/* page_register.c: GET and POST /register, an entrepreneur's own account.
 *
 * Three ways in. With a Udyam number, the record is found and pre-fills
 * the profile, but only when a second identifier on the same record
 * matches (its PAN, or one of its GSTINs, whose characters 3-12 are the
 * PAN): a Udyam number is printed on certificates and invoices, so by
 * itself it proves nothing. A record with no PAN or GSTIN to match gets an
 * account and a claim that a district officer decides. With only a PAN or
 * GSTIN of a registered enterprise, the Udyam number is asked for too. With
 * nothing, a proposed unit is registered from its name and place.
 * (Production would confirm the Udyam or Aadhaar OTP; that service cannot
 * be reached from here.) */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "store/store_profile.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/password.h"
#include "web/routes.h"

struct reg_form {
    char username[AUTH_USERNAME_MAX];
    char password[PASSWORD_MAX + 1];
    char udyam[32], id2[32];            /* id2: PAN or GSTIN */
    char name[ENTERPRISE_NAME_MAX];
    char state[8], district[64];
    const char *error;                  /* one message for the whole form */
    const char *field;                  /* the field it is about */
};

static void upper_trim(char *s)
{
    size_t n = strlen(s), i = 0, o = 0;

    while (i < n && isspace((unsigned char)s[i]))
        i++;
    for (; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            s[o++] = (char)toupper((unsigned char)s[i]);
    s[o] = '\0';
}

static int put_state_select(struct buf *b, const struct web_request *rq, const char *chosen)
{
    const struct refdata *ref = rq->app->ref;

    if (buf_printf(b, "<label for=\"state\">%s</label>\n<select id=\"state\" name=\"state\">\n"
                      "<option value=\"\">%s</option>\n", _("State"), _("Choose one")))
        return -1;
    for (size_t i = 0; i < ref->n_states; i++) {
        const struct state_info *st = &ref->states[i];
        char code[8];
        snprintf(code, sizeof code, "%02d", st->gst_code);
        if (buf_printf(b, "<option value=\"%s\"%s>", code,
                       strcmp(code, chosen) == 0 ? " selected" : "")
            || buf_put_html(b, rq->lang == LANG_HI && st->name_hi[0] ? st->name_hi : st->name)
            || buf_puts(b, "</option>\n"))
            return -1;
    }
    return buf_puts(b, "</select>\n");
}

static const char *error_for(const struct reg_form *f, const char *field)
{
    return f->field != NULL && strcmp(f->field, field) == 0 ? f->error : NULL;
}

static int put_form(struct buf *b, const struct web_request *rq, const struct reg_form *f)
{
    if (buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n", _("Create your account"),
                   _("Tell us who you are once. We fill in what the government already knows, "
                     "and you only check it.")))
        return -1;
    if (f->error != NULL && f->field == NULL
        && (buf_puts(b, "<p class=\"error\" role=\"alert\">") || buf_put_html(b, f->error)
            || buf_puts(b, "</p>\n")))
        return -1;
    if (buf_puts(b, "<form method=\"post\" action=\"/register\">\n") || html_put_csrf(b, rq)
        || buf_printf(b, "<fieldset>\n<legend>%s</legend>\n", _("Your sign-in"))
        || html_input(b, "username", _("Choose a username"), "text", f->username,
                      _("Letters, digits, dot, dash or underscore; 3 to 40 of them."),
                      error_for(f, "username"), true)
        || html_input(b, "password", _("Choose a password"), "password", "",
                      _("At least 10 characters."), error_for(f, "password"), true)
        || buf_puts(b, "</fieldset>\n"))
        return -1;
    if (buf_printf(b, "<fieldset>\n<legend>%s</legend>\n<p>%s</p>\n",
                   _("If your enterprise has a Udyam registration"),
                   _("Give its Udyam number and its PAN or one of its GSTINs, so we know it is "
                     "yours."))
        || html_input(b, "udyam", _("Udyam registration number"), "text", f->udyam,
                      _("Like UDYAM-MH-26-0012345."), error_for(f, "udyam"), false)
        || html_input(b, "id2", _("PAN or GSTIN of the enterprise"), "text", f->id2, NULL,
                      error_for(f, "id2"), false)
        || buf_puts(b, "</fieldset>\n"))
        return -1;
    if (buf_printf(b, "<fieldset>\n<legend>%s</legend>\n<p>%s</p>\n",
                   _("If you have no Udyam registration yet"),
                   _("Leave the Udyam number empty and tell us the name and place of your unit, "
                     "even if it has not started."))
        || html_input(b, "name", _("Name of the enterprise"), "text", f->name, NULL,
                      error_for(f, "name"), false)
        || put_state_select(b, rq, f->state)
        || (error_for(f, "state") && buf_printf(b, "<p class=\"error\">%s</p>\n", f->error))
        || html_input(b, "district", _("District"), "text", f->district, NULL,
                      error_for(f, "district"), false)
        || buf_puts(b, "</fieldset>\n"))
        return -1;
    return buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n<p><a href=\"/login\">%s</a></p>\n",
                      _("Create account"), _("I already have an account"));
}

static int page(struct web_request *rq, struct web_response *rs, const struct reg_form *f,
                int status, struct err *e)
{
    if (html_begin(rs, rq, _("Create your account")) || put_form(&rs->body, rq, f)
        || html_end(rs, rq))
        return err_set(e, "register page: out of memory");
    rs->status = status;
    return 0;
}

int page_register_form(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct reg_form f = {0};

    if (rq->session->signed_in)
        return web_response_redirect(rs, "/dashboard") == 0 ? 0 : err_set(e, "redirect");
    if (!rq->session->valid) {
        if (session_start(rq->store, 0, rq->now, rq->session, e) != 0)
            return -1;
        if (web_response_session_cookie(rs, rq, rq->session->issued) != 0)
            return err_set(e, "cannot set the session cookie");
    }
    return page(rq, rs, &f, 200, e);
}

static bool username_ok(const char *u)
{
    size_t n = strlen(u);

    if (n < 3 || n > 40)
        return false;
    for (const char *p = u; *p; p++)
        if (!isalnum((unsigned char)*p) && strchr("._-", *p) == NULL)
            return false;
    return true;
}

static void read_form(const struct web_request *rq, struct reg_form *f)
{
#define GET(field) \
    if (form_get(rq->body, rq->body_len, #field, f->field, sizeof f->field) != 0) \
        f->field[0] = '\0'
    GET(username);
    GET(password);
    GET(udyam);
    GET(id2);
    GET(name);
    GET(state);
    GET(district);
#undef GET
    upper_trim(f->udyam);
    upper_trim(f->id2);
}

static int fail(struct reg_form *f, const char *field, const char *msg)
{
    f->field = field;
    f->error = msg;
    return 1;
}

/* Does id2 (a PAN or GSTIN) belong to the record? */
static bool second_id_matches(const struct enterprise *ent, const char *id2)
{
    size_t n = strlen(id2);

    if (n == 10)
        return ent->pan[0] && strcmp(ent->pan, id2) == 0;
    if (n != 15)
        return false;
    for (int i = 0; i < ent->n_gstins; i++)
        if (strcmp(ent->gstins[i], id2) == 0)
            return true;
    return ent->pan[0] && strncmp(id2 + 2, ent->pan, 10) == 0;
}

struct reg_outcome {
    int64_t enterprise_id;     /* the account's enterprise, 0 = none yet */
    int64_t claim_on;          /* an enterprise to claim through an officer */
    struct enterprise proposed;
    bool propose;
};

/* Check the identifiers; 1 when the form must be shown again. */
static int resolve_enterprise(struct web_request *rq, struct reg_form *f, struct reg_outcome *o,
                              struct err *e)
{
    struct enterprise ent;
    bool found = false, claimed = false;
    int64_t id = 0;

    if (f->udyam[0] == '\0') {
        bool is_pan = strlen(f->id2) == 10, is_gstin = strlen(f->id2) == 15;
        if (f->id2[0] && !(is_pan && pan_validate(f->id2, 10, NULL))
            && !(is_gstin && gstin_validate(f->id2, 15, NULL)))
            return fail(f, "id2", _("This is not a valid PAN or GSTIN. Check it, or leave it empty."));
        if (f->id2[0] && (is_pan ? store_enterprise_find_pan(rq->store, f->id2, &id, &found, e)
                                 : store_enterprise_find_gstin(rq->store, f->id2, &id, &found, e)) != 0)
            return -1;
        if (found)
            return fail(f, "udyam", _("This PAN or GSTIN belongs to a registered enterprise. Give "
                                      "its Udyam number as well."));
        if (strlen(f->name) < 2)
            return fail(f, "name", _("Give the name of your enterprise."));
        enterprise_init(&o->proposed);
        o->proposed.state = atoi(f->state);
        if (refdata_state_by_gst(rq->app->ref, o->proposed.state) == NULL)
            return fail(f, "state", _("Choose your state."));
        if (refdata_district(rq->app->ref, o->proposed.state, f->district) == NULL)
            return fail(f, "district", _("We do not know this district in the chosen state. "
                                         "Check the spelling."));
        snprintf(o->proposed.name, sizeof o->proposed.name, "%s", f->name);
        snprintf(o->proposed.district, sizeof o->proposed.district, "%s", f->district);
        o->propose = true;
        return 0;
    }
    if (!udyam_validate(rq->app->ref, f->udyam, strlen(f->udyam), NULL))
        return fail(f, "udyam", _("This is not a valid Udyam number. It looks like "
                                  "UDYAM-MH-26-0012345."));
    if (store_enterprise_find_udyam(rq->store, f->udyam, &id, &found, e) != 0
        || (found && store_enterprise_get(rq->store, id, &ent, &found, e) != 0))
        return -1;
    if (!found)
        return fail(f, "udyam", _("We have no record of this Udyam number yet. Leave it empty "
                                  "and register your unit by name; an officer can link it later."));
    if (store_enterprise_claimed(rq->store, id, &claimed, e) != 0)
        return -1;
    if (claimed)
        return fail(f, "udyam", _("This enterprise already has an account. If it is yours, ask "
                                  "your district office."));
    if (ent.pan[0] == '\0' && ent.n_gstins == 0) {
        o->claim_on = id;  /* nothing to match: an officer decides */
        return 0;
    }
    if (!second_id_matches(&ent, f->id2))
        return fail(f, "id2", _("This PAN or GSTIN does not match the Udyam record. Give the "
                                "PAN or a GSTIN of the same enterprise."));
    o->enterprise_id = id;
    return 0;
}

static int add_fact(struct store *s, int64_t enterprise_id, int64_t user_id, const char *path,
                    const char *json_value, struct err *e)
{
    struct profile_fact_row f = {.enterprise_id = enterprise_id, .user_id = user_id};

    snprintf(f.path, sizeof f.path, "%s", path);
    snprintf(f.value, sizeof f.value, "%s", json_value);
    snprintf(f.source, sizeof f.source, "self");
    return store_profile_fact_add(s, &f, e);
}

/* A proposed unit's PAN or GSTIN, given when registering, is kept as its
 * facts (a GSTIN also gives the PAN inside it), so it is not asked again. */
static int keep_identifiers(struct store *s, const char *id2, int64_t enterprise_id,
                            int64_t user_id, struct err *e)
{
    char value[40];
    size_t n = strlen(id2);

    if (n != 10 && n != 15)
        return 0; /* none given (resolve_enterprise checked any that was) */
    if (n == 15) {
        snprintf(value, sizeof value, "[\"%s\"]", id2);
        if (add_fact(s, enterprise_id, user_id, "enterprise.gstins", value, e) != 0)
            return -1;
    }
    snprintf(value, sizeof value, "\"%.10s\"", n == 15 ? id2 + 2 : id2);
    return add_fact(s, enterprise_id, user_id, "enterprise.pan", value, e);
}

static int create_account(struct web_request *rq, struct reg_form *f, struct reg_outcome *o,
                          int64_t *user_id, bool *created, struct err *e)
{
    struct auth_user u = {.role = AUTH_ROLE_ENTREPRENEUR, .enterprise_id = o->enterprise_id};
    char hash[AUTH_HASH_MAX];
    int rc;

    snprintf(u.username, sizeof u.username, "%s", f->username);
    rc = password_hash(f->password, hash, e);
    sodium_memzero(f->password, sizeof f->password);
    if (rc != 0)
        return -1;
    if (store_begin(rq->store, e) != 0)
        return -1;
    if (store_user_add(rq->store, &u, hash, user_id, created, e) != 0)
        goto fail;
    if (*created && o->propose) {
        if (store_enterprise_register(rq->store, &o->proposed, *user_id, &o->enterprise_id, e) != 0
            || store_user_set_enterprise(rq->store, *user_id, o->enterprise_id, e) != 0
            || keep_identifiers(rq->store, f->id2, o->enterprise_id, *user_id, e) != 0)
            goto fail;
    }
    if (*created && o->claim_on > 0 && store_claim_add(rq->store, *user_id, o->claim_on, e) != 0)
        goto fail;
    return store_commit(rq->store, e);
fail:
    store_rollback(rq->store);
    return -1;
}

int page_register_submit(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct reg_form f = {0};
    struct reg_outcome o = {0};
    struct err why;
    int64_t user_id = 0;
    bool created = false;
    int rc;

    read_form(rq, &f);
    if (!username_ok(f.username))
        rc = fail(&f, "username", _("Choose a username of 3 to 40 letters, digits, dots, dashes "
                                    "or underscores."));
    else if (password_check_policy(f.password, &why) != 0)
        rc = fail(&f, "password", _("Choose a password of at least 10 characters."));
    else
        rc = resolve_enterprise(rq, &f, &o, e);
    if (rc == 0)
        rc = create_account(rq, &f, &o, &user_id, &created, e);
    sodium_memzero(f.password, sizeof f.password);
    if (rc < 0)
        return -1;
    if (rc == 0 && !created)
        rc = fail(&f, "username", _("This username is taken. Choose another."));
    if (rc > 0)
        return page(rq, rs, &f, 422, e);
    if (session_end(rq->store, rq->session, e) != 0
        || session_start(rq->store, user_id, rq->now, rq->session, e) != 0)
        return -1;
    if (web_response_session_cookie(rs, rq, rq->session->issued) != 0
        || web_response_redirect(rs, "/profile") != 0)
        return err_set(e, "cannot build the registration response");
    return 0;
}
