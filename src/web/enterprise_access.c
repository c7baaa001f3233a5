/* enterprise_access.c: loading and audit for enterprise routes
 * (enterprise_access.h says who sees what; web/authz.c decides it). */
#include "web/enterprise_access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


static int audit(struct web_request *rq, const struct enterprise *ent, const char *action,
                 const char *reason, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    char route[160];
    struct audit_entry a = {
        .user_id = u->id, .username = u->username, .role = auth_role_name(u->role),
        .action = action, .enterprise_id = ent->id, .route = route, .reason = reason,
    };

    snprintf(route, sizeof route, "%s %s", rq->match->route->method, rq->match->route->pattern);
    return store_audit_append(rq->store, &a, e);
}

int enterprise_access_load(struct web_request *rq, struct web_response *rs, const char *action,
                           struct enterprise *ent, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    const char *reason = rq->grant.reason[0] ? rq->grant.reason : "api read";
    bool found = false;

    /* The router resolved {id} and checked the scope (authz.c). */
    if (store_enterprise_get(rq->store, rq->grant.enterprise_id, ent, &found, e) != 0)
        return -1;
    if (!found) /* removed since the check */
        return web_response_error(rs, 404, "not_found", "no enterprise with this id") == 0
                   ? ENTERPRISE_ANSWERED : -1;
    return u->role != AUTH_ROLE_ENTREPRENEUR && audit(rq, ent, action, reason, e) != 0
               ? -1 : ENTERPRISE_LOADED;
}
