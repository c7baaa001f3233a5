/* consent_act.c: a consent change and its audit row (consent_act.h). */
#include "web/consent_act.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "store/store_audit.h"
#include "web/router.h"

static const char *const action_names[] = {"consent.grant", "consent.revoke", "consent.withdraw"};

/* The reason column says what changed, so the log alone tells the story. */
static void describe(const struct consent_artefact *a, char *out, size_t cap)
{
    char from[DATE_STR_LEN], to[DATE_STR_LEN];

    date_format(a->valid_from, from);
    date_format(a->valid_to, to);
    snprintf(out, cap, "%s %s for %s, %s to %s%s", a->consent_id, consent_source_name(a->source),
             consent_purpose_name(a->purpose), from, to, a->deemed ? " (deemed)" : "");
}

static int audit(struct web_request *rq, int64_t enterprise_id, enum consent_action action,
                 const struct consent_artefact *a, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    char route[160], reason[160];
    struct audit_entry entry = {
        .user_id = u->id, .username = u->username, .role = auth_role_name(u->role),
        .action = action_names[action], .enterprise_id = enterprise_id, .route = route,
        .reason = reason,
    };

    snprintf(route, sizeof route, "%s %s", rq->match->route->method, rq->match->route->pattern);
    describe(a, reason, sizeof reason);
    return store_audit_append(rq->store, &entry, e);
}

static int change(struct web_request *rq, int64_t id, const struct consent_request *r,
                  const char *origin, struct consent_act_result *out, struct err *e)
{
    int64_t user = rq->session->user.id;

    switch (r->action) {
    case CONSENT_GRANT:
        out->found = out->changed = true;
        return store_consent_grant(rq->store, id, r->source, r->purpose, r->valid_from,
                                   r->valid_to, user, origin, &out->artefact, e);
    case CONSENT_WITHDRAW:
        out->found = true;
        return store_consent_withdraw(rq->store, id, r->source, r->purpose, user, origin,
                                      &out->changed, &out->artefact, e);
    case CONSENT_REVOKE: break;
    }
    if (store_consent_revoke(rq->store, id, r->consent_id, user, origin, &out->found,
                             &out->changed, e) != 0)
        return -1;
    if (out->changed) {
        /* Read it back for the audit row and the answer. */
        struct consent_artefact *list;
        size_t n;
        if (store_consent_list(rq->store, id, &list, &n, e) != 0)
            return -1;
        for (size_t i = 0; i < n; i++)
            if (strcmp(list[i].consent_id, r->consent_id) == 0)
                out->artefact = list[i];
        mem_free(list);
    }
    return 0;
}

int consent_act_apply(struct web_request *rq, int64_t enterprise_id,
                      const struct consent_request *r, const char *origin,
                      struct consent_act_result *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    if (store_begin(rq->store, e) != 0)
        return -1;
    if (change(rq, enterprise_id, r, origin, out, e) != 0
        || (out->changed && audit(rq, enterprise_id, r->action, &out->artefact, e) != 0)) {
        store_rollback(rq->store);
        return -1;
    }
    return store_commit(rq->store, e);
}
