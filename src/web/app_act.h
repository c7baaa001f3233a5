/* app_act.h: reading and moving one application, the same way for the
 * pages and the API, so a rule cannot hold on one and not the other.
 *
 * Who: the applicant's account (its enterprise's applications) acts as
 * the applicant; an officer or admin within scope (access_scope.h) as the
 * office. Any other caller gets 403, and so does an entrepreneur asking
 * for an application that is not theirs or does not exist, so ids are no
 * oracle. Officers' reads are audited. Then core/application.c decides
 * the move: 403 wrong actor, 409 wrong state (or someone acted first),
 * 422 reason missing; the store records it by compare-and-set. */
#ifndef SAMANVAY_APP_ACT_H
#define SAMANVAY_APP_ACT_H

#include "store/store_application.h"
#include "web/request.h"

struct app_outcome {
    int status;               /* 200, or the HTTP status of the refusal */
    const char *code;         /* API error code: "forbidden", "wrong_state", ... */
    const char *message;      /* English, for the API; pages use their own words */
};

/* Load application `id_text` for the caller into *a (audited for
 * officials as `action`); out->status 200 when it may be seen. */
int app_act_load(struct web_request *rq, const char *id_text, const char *audit_action,
                 struct app_row *a, struct app_outcome *out, struct err *e);
/* Take `action` with `reason` (may be "" or NULL) on application `id_text`.
 * On success out->status is 200 and *a is the application after the move. */
int app_act_take(struct web_request *rq, const char *id_text, const char *action,
                 const char *reason, struct app_row *a, struct app_outcome *out, struct err *e);
/* The caller's actor on applications; false when the role has none. */
bool app_act_actor(const struct web_request *rq, enum app_actor *who);

#endif
