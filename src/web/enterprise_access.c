/* enterprise_access.c: {id}, scope and audit for enterprise routes
 * (enterprise_access.h says who sees what). */
#include "web/enterprise_access.h"
#include "web/access_scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/ident.h"

/* 0 and *id, or 1 when {id} is neither a store id nor a Udyam number. */
static int resolve_id(struct web_request *rq, const char *raw, int64_t *id, bool *found,
                      struct err *e)
{
    size_t n = strlen(raw);

    if (n > 0 && n <= 18 && strspn(raw, "0123456789") == n) {
        *id = strtoll(raw, NULL, 10);
        *found = true;  /* decided by the lookup */
        return 0;
    }
    if (!udyam_validate(rq->app->ref, raw, n, NULL))
        return 1;
    return store_enterprise_find_udyam(rq->store, raw, id, found, e) != 0 ? -1 : 0;
}

/* The reason an officer gives (?reason=), or a default; NULL if unusable. */
static const char *audit_reason(const struct web_request *rq)
{
    const char *r = web_query(rq, "reason");

    if (r == NULL || *r == '\0')
        return "api read";
    if (strlen(r) > ENTERPRISE_REASON_MAX)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)r; *p; p++)
        if (*p < ' ' || *p == 0x7f)
            return NULL;
    return r;
}

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
    bool entrepreneur = u->role == AUTH_ROLE_ENTREPRENEUR;
    const char *reason = audit_reason(rq);
    int64_t id = 0;
    bool found = false;
    int rc;

    rc = resolve_id(rq, router_param(rq->match, "id"), &id, &found, e);
    if (rc < 0)
        return -1;
    if (rc > 0)
        return web_response_error(rs, 400, "bad_id",
                                  "id must be a store id (digits) or a Udyam number "
                                  "(UDYAM-SS-DD-NNNNNNN)") == 0 ? ENTERPRISE_ANSWERED : -1;
    if (reason == NULL)
        return web_response_error(rs, 400, "bad_reason",
                                  "reason must be printable text of at most %d bytes",
                                  ENTERPRISE_REASON_MAX) == 0 ? ENTERPRISE_ANSWERED : -1;
    if (found && store_enterprise_get(rq->store, id, ent, &found, e) != 0)
        return -1;
    if (entrepreneur && (!found || !scope_allows(u, ent->id, ent->state, ent->district)))
        rc = web_response_error(rs, 403, "forbidden", "you may read only your own enterprise");
    else if (!found)
        rc = web_response_error(rs, 404, "not_found", "no enterprise with this id");
    else if (!scope_allows(u, ent->id, ent->state, ent->district))
        rc = web_response_error(rs, 403, "forbidden", "this enterprise is outside your scope");
    else
        return !entrepreneur && audit(rq, ent, action, reason, e) != 0 ? -1 : ENTERPRISE_LOADED;
    return rc == 0 ? ENTERPRISE_ANSWERED : -1;
}
