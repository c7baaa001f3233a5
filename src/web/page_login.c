/* page_login.c: GET /login, POST /login and POST /logout.
 *
 * The form is served with an anonymous session (made here when the
 * caller has none) whose CSRF token the form carries, so the sign-in POST
 * passes the same CSRF check as every other POST. Signing in deletes that
 * session and issues a new id, so an id planted before sign-in is
 * worthless after it. A failed sign-in says the same thing, after the
 * same work, whether the username exists or not.
 *
 * Failed sign-ins are counted per username and per client address
 * (login_limit.h); while either is locked every sign-in through it gets
 * 429 and a page saying when to try again, the same page whether the
 * username exists or not, and the password is not even checked. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "golden/enterprise_calendar.h"
#include "web/form.h"
#include "web/html.h"
#include "web/login_limit.h"
#include "web/password.h"
#include "web/routes.h"

static int ensure_session(struct web_request *rq, struct web_response *rs, struct err *e)
{
    if (rq->session->valid)
        return 0;
    if (session_start(rq->store, 0, rq->now, rq->session, e) != 0)
        return -1;
    if (web_response_session_cookie(rs, rq, rq->session->issued) != 0)
        return err_set(e, "cannot set the session cookie");
    return 0;
}

static int put_form(struct buf *b, const struct web_request *rq, const char *username,
                    bool failed)
{
    const char *described = failed ? " aria-describedby=\"login-error\"" : "";

    if (buf_puts(b, "<h1>") || buf_put_html(b, _("Sign in")) || buf_puts(b, "</h1>\n"))
        return -1;
    if (failed && buf_printf(b, "<p class=\"error\" id=\"login-error\">%s</p>\n",
                             _("The username or password is not right. Check them and try "
                               "again.")) != 0)
        return -1;
    if (buf_puts(b, "<form method=\"post\" action=\"/login\">\n") || html_put_csrf(b, rq)
        || buf_printf(b, "<label for=\"username\">%s</label>\n", _("Username"))
        || buf_printf(b, "<input type=\"text\" id=\"username\" name=\"username\" "
                         "autocomplete=\"username\" required%s value=\"", described)
        || buf_put_html(b, username)
        || buf_printf(b, "\">\n<label for=\"password\">%s</label>\n", _("Password"))
        || buf_printf(b, "<input type=\"password\" id=\"password\" name=\"password\" "
                         "autocomplete=\"current-password\" required%s>\n", described)
        || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Sign in")))
        return -1;
    return buf_printf(b, "<p>%s</p>\n",
                      _("Accounts are given by your district office. If you have forgotten your "
                        "password, ask them to set a new one."));
}

static int login_page(struct web_request *rq, struct web_response *rs, const char *username,
                      bool failed, struct err *e)
{
    if (html_begin(rs, rq, _("Sign in")) || put_form(&rs->body, rq, username, failed)
        || html_end(rs, rq))
        return err_set(e, "login page: out of memory");
    rs->status = failed ? 401 : 200;
    return 0;
}

int page_login_form(struct web_request *rq, struct web_response *rs, struct err *e)
{
    if (ensure_session(rq, rs, e) != 0)
        return -1;
    return login_page(rq, rs, "", false, e);
}

/* 429 with the time (IST) the lock ends, in the page's language. */
static int locked_page(struct web_request *rq, struct web_response *rs, int64_t until,
                       struct err *e)
{
    time_t t = (time_t)(until + 330 * 60);
    struct tm tm;
    char at[16];

    gmtime_r(&t, &tm);
    strftime(at, sizeof at, "%H:%M", &tm);
    if (html_begin(rs, rq, _("Too many sign-in attempts"))
        || buf_printf(&rs->body, "<h1>%s</h1>\n<p>", _("Too many sign-in attempts"))
        || buf_printf(&rs->body, _("Signing in is paused after too many wrong passwords. Try "
                                   "again after %s (Indian time)."), at)
        || buf_printf(&rs->body, "</p>\n<p>%s</p>\n",
                      _("If you have forgotten your password, your district office can set a "
                        "new one and lift the pause."))
        || html_end(rs, rq))
        return err_set(e, "login page: out of memory");
    rs->status = 429;
    if (web_response_header(rs, "Retry-After", "%lld",
                            (long long)(until > rq->now ? until - rq->now : 1)) != 0)
        return err_set(e, "login page: cannot add Retry-After");
    return 0;
}

/* The account for these credentials, or found == false. */
static int check_credentials(struct web_request *rq, const char *username, const char *password,
                             struct auth_user *user, bool *ok, struct err *e)
{
    char hash[AUTH_HASH_MAX];
    bool found = false;

    *ok = false;
    if (*username && store_user_find(rq->store, username, user, hash, &found, e) != 0)
        return -1;
    if (!found || user->disabled) {
        password_verify(password, rq->app->dummy_hash);
        return 0;
    }
    *ok = password_verify(password, hash);
    return 0;
}

/* An entrepreneur signing in gets the digest of what falls due this week
 * (golden/enterprise_calendar.h), as the daily reminder job would send it:
 * a unit with no job running in its state is still reminded. */
static int send_digest(struct web_request *rq, const struct auth_user *user, struct err *e)
{
    struct enterprise_calendar_request cr = {
        .obligations = rq->app->obligations, .ref = rq->app->ref, .rules = rq->app->survivorship,
        .enterprise_id = user->enterprise_id, .today = rq->today};
    int n_new;

    if (user->role != AUTH_ROLE_ENTREPRENEUR || user->enterprise_id <= 0 || cr.obligations == NULL)
        return 0;
    return enterprise_calendar_send_digest(rq->store, &cr, REMINDER_DAYS_DEFAULT, &n_new, e);
}

int page_login_submit(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char username[AUTH_USERNAME_MAX], password[PASSWORD_MAX + 1];
    struct auth_user user;
    int64_t until = 0;
    bool ok = false;
    int rc = 0;

    if (form_get(rq->body, rq->body_len, "username", username, sizeof username) != 0)
        username[0] = '\0';
    if (form_get(rq->body, rq->body_len, "password", password, sizeof password) != 0)
        password[0] = '\0';
    if (login_limit_check(rq, username, &until, e) != 0)
        rc = -1;
    else if (until == 0 && check_credentials(rq, username, password, &user, &ok, e) != 0)
        rc = -1;
    sodium_memzero(password, sizeof password);
    if (rc != 0)
        return -1;
    if (until > 0)
        return locked_page(rq, rs, until, e);
    if (!ok) {
        if (login_limit_failed(rq, username, &until, e) != 0)
            return -1;
        return until > 0 ? locked_page(rq, rs, until, e) : login_page(rq, rs, username, true, e);
    }
    if (login_limit_succeeded(rq, username, e) != 0
        || session_end(rq->store, rq->session, e) != 0
        || session_start(rq->store, user.id, rq->now, rq->session, e) != 0
        || send_digest(rq, &user, e) != 0)
        return -1;
    if (web_response_session_cookie(rs, rq, rq->session->issued) != 0
        || web_response_redirect(rs, user.role == AUTH_ROLE_ENTREPRENEUR ? "/dashboard"
                                     : user.role == AUTH_ROLE_OFFICER || user.role == AUTH_ROLE_ADMIN
                                         ? "/officer/worklist" : "/") != 0)
        return err_set(e, "cannot build the sign-in response");
    return 0;
}

int page_logout(struct web_request *rq, struct web_response *rs, struct err *e)
{
    if (session_end(rq->store, rq->session, e) != 0)
        return -1;
    if (web_response_session_cookie(rs, rq, "") != 0 || web_response_redirect(rs, "/") != 0)
        return err_set(e, "cannot build the sign-out response");
    return 0;
}
