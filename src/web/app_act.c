/* app_act.c: see app_act.h. */
#include "web/app_act.h"

#include <stdlib.h>
#include <string.h>

#include "web/access_scope.h"
#include "web/portal.h"

static void refuse(struct app_outcome *out, int status, const char *code, const char *message)
{
    out->status = status;
    out->code = code;
    out->message = message;
}

bool app_act_actor(const struct web_request *rq, enum app_actor *who)
{
    enum auth_role r = rq->session->user.role;

    if (r == AUTH_ROLE_ENTREPRENEUR)
        *who = APP_ACTOR_APPLICANT;
    else if (r == AUTH_ROLE_OFFICER || r == AUTH_ROLE_ADMIN)
        *who = APP_ACTOR_OFFICER;
    else
        return false;
    return true;
}

int app_act_load(struct web_request *rq, const char *id_text, const char *audit_action,
                 struct app_row *a, struct app_outcome *out, struct err *e)
{
    bool found = false;
    int64_t id;

    refuse(out, 200, NULL, NULL);
    if (!portal_parse_id(id_text, &id)) {
        refuse(out, 400, "bad_id", "an application id is a positive whole number");
        return 0;
    }
    /* The router checked the caller may see it (SCOPE_APPLICATION, authz.c),
     * reading its state on the way. */
    if ((rq->grant.record_state > 0
             ? store_app_get_in_state(rq->store, id, rq->grant.record_state, rq->today, a, &found, e)
             : store_app_get(rq->store, id, rq->today, a, &found, e))
        != 0)
        return -1;
    if (!found) {
        refuse(out, 404, "not_found", "no application with this id");
        return 0;
    }
    return portal_audit_read(rq, a->enterprise_id, audit_action, e);
}

/* A reason is optional text of printable characters (and line breaks). */
static bool reason_ok(const char *r)
{
    if (strlen(r) >= APP_REASON_MAX)
        return false;
    for (const unsigned char *p = (const unsigned char *)r; *p; p++)
        if ((*p < ' ' && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f)
            return false;
    return true;
}

static bool reason_given(const char *r)
{
    for (; *r; r++)
        if (*r != ' ' && *r != '\n' && *r != '\r' && *r != '\t')
            return true;
    return false;
}

int app_act_take(struct web_request *rq, const char *id_text, const char *action,
                 const char *reason, struct app_row *a, struct app_outcome *out, struct err *e)
{
    enum app_action act;
    enum app_actor who;
    enum app_state to;
    bool moved = false;

    if (reason == NULL)
        reason = "";
    if (!app_act_actor(rq, &who)) {
        refuse(out, 403, "forbidden", "this role does not act on applications");
        return 0;
    }
    if (app_act_load(rq, id_text, "application.act", a, out, e) != 0)
        return -1;
    if (out->status != 200)
        return 0;
    if (action == NULL || app_action_parse(action, &act) != 0) {
        refuse(out, 400, "bad_action", "action must be one of submit, start_review, return, "
                                       "resubmit, sanction, reject, disburse, withdraw");
        return 0;
    }
    if (!reason_ok(reason)) {
        refuse(out, 400, "bad_reason", "reason must be printable text shorter than 1024 bytes");
        return 0;
    }
    switch (app_transition(a->state, act, who, reason_given(reason), &to)) {
    case APP_WRONG_ACTOR:
        refuse(out, 403, "forbidden", "this action is not yours to take");
        return 0;
    case APP_WRONG_STATE:
        refuse(out, 409, "wrong_state", "the application's state does not allow this action");
        return 0;
    case APP_NEEDS_REASON:
        refuse(out, 422, "reason_required", "this action needs a reason");
        return 0;
    case APP_ALLOWED:
        break;
    }
    if (store_app_move(rq->store, a->id, a->state, act, to, reason_given(reason) ? reason : NULL,
                       rq->session->user.id, auth_role_name(rq->session->user.role), rq->today,
                       &moved, e) != 0)
        return -1;
    if (!moved) {
        refuse(out, 409, "conflict", "someone else acted on this application first; reload it");
        return 0;
    }
    return store_app_get(rq->store, a->id, rq->today, a, &moved, e);
}
