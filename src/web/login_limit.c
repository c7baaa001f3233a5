/* login_limit.c: the sign-in lockout policy over the store's counters. */
#include "web/login_limit.h"

#include <stdio.h>
#include <time.h>

#include "store/store_auth.h"
#include "store/store_login_limit.h"
#include "web/log.h"

/* Requests built outside the server (tests) may carry no address. */
static const char *client_of(const struct web_request *rq)
{
    return rq->client ? rq->client : "";
}

int login_limit_check(struct web_request *rq, const char *username, int64_t *until,
                      struct err *e)
{
    return store_login_locked_until(rq->store, username, client_of(rq), rq->now, until, e);
}

/* A lock goes to the server log; a lock of an account that exists also to
 * the audit log, which names accounts (audit_log.user_id must be one). */
static int report_lock(struct web_request *rq, enum login_key kind, const char *key,
                       int64_t until, struct err *e)
{
    struct buf line = BUF_INIT;
    char reason[200], when[32];
    struct auth_user user;
    time_t t = (time_t)until;
    struct tm tm;
    bool found = false;

    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (buf_puts(&line, " level=warn event=login_locked") == 0
        && log_put(&line, "kind", login_key_name(kind)) == 0 && log_put(&line, "subject", key) == 0
        && log_put(&line, "until", when) == 0)
        log_emit(&line);
    buf_release(&line);
    if (kind != LOGIN_KEY_USER || store_user_find(rq->store, key, &user, NULL, &found, e) != 0)
        return kind != LOGIN_KEY_USER ? 0 : -1;
    if (!found)
        return 0;
    snprintf(reason, sizeof reason, "%d failed sign-ins within %d minutes from %s; locked until %s",
             LOGIN_USER_FAILURES, LOGIN_WINDOW_SECONDS / 60, client_of(rq)[0] ? client_of(rq) : "-",
             when);
    struct audit_entry a = {.user_id = user.id, .username = user.username,
                            .role = auth_role_name(user.role), .action = "login.locked",
                            .route = "POST /login", .reason = reason};
    return store_audit_append(rq->store, &a, e);
}

static int count(struct web_request *rq, enum login_key kind, const char *key, int threshold,
                 int64_t *until, struct err *e)
{
    bool locked = false, locked_now = false;

    if (*key == '\0')
        return 0;
    if (store_login_failure(rq->store, kind, key, rq->now, LOGIN_WINDOW_SECONDS, threshold,
                            LOGIN_LOCK_SECONDS, &locked, &locked_now, e) != 0)
        return -1;
    if (!locked)
        return 0;
    *until = rq->now + LOGIN_LOCK_SECONDS;
    return locked_now ? report_lock(rq, kind, key, *until, e) : 0;
}

int login_limit_failed(struct web_request *rq, const char *username, int64_t *until,
                       struct err *e)
{
    *until = 0;
    if (count(rq, LOGIN_KEY_USER, username, LOGIN_USER_FAILURES, until, e) != 0
        || count(rq, LOGIN_KEY_IP, client_of(rq), LOGIN_IP_FAILURES, until, e) != 0)
        return -1;
    return 0;
}

int login_limit_succeeded(struct web_request *rq, const char *username, struct err *e)
{
    return store_login_clear(rq->store, LOGIN_KEY_USER, username, NULL, e);
}
