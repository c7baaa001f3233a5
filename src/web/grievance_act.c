/* grievance_act.c: see grievance_act.h. */
#include "web/grievance_act.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_application.h"
#include "web/access_scope.h"
#include "web/portal.h"

static const char *const categories[GRIEVANCE_CATEGORY_COUNT] = {
    "delay", "wrong_decision", "money_not_received", "documents", "staff_conduct", "other",
};

const char *grievance_category(int i)
{
    return i >= 0 && i < GRIEVANCE_CATEGORY_COUNT ? categories[i] : NULL;
}

const char *grievance_category_label(int i)
{
    static const char *const labels[GRIEVANCE_CATEGORY_COUNT] = {
        N_("It is taking too long"), N_("The decision is wrong"), N_("Money not received"),
        N_("Problem with documents"), N_("Behaviour of staff"), N_("Something else"),
    };
    return i >= 0 && i < GRIEVANCE_CATEGORY_COUNT ? _(labels[i]) : "";
}

static int refuse(struct app_outcome *out, int status, const char *code, const char *message)
{
    out->status = status;
    out->code = code;
    out->message = message;
    return 0;
}

static bool text_ok(const char *t, size_t min)
{
    size_t n = strlen(t);

    if (n < min || n >= GRIEVANCE_TEXT_MAX)
        return false;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if ((*p < ' ' && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f)
            return false;
    return true;
}

/* Fill the subject of g from f; 0 or a refusal in out. */
static int read_subject(struct web_request *rq, const struct grievance_filing *f,
                        struct grievance_row *g, struct app_outcome *out, struct err *e)
{
    int64_t id = 0;
    bool found = false;

    if (f->subject == NULL || grievance_subject_parse(f->subject, &g->subject) != 0)
        return refuse(out, 422, "bad_subject", "subject must be application, scheme or payment");
    if (g->subject == GRIEVANCE_ON_APPLICATION) {
        struct app_row a;
        if (!portal_parse_id(f->application_id, &id))
            return refuse(out, 422, "bad_application", "application_id must be an application id");
        if (store_app_get(rq->store, id, rq->today, &a, &found, e) != 0)
            return -1;
        if (!found || a.enterprise_id != rq->session->user.enterprise_id)
            return refuse(out, 422, "bad_application", "not one of your applications");
        g->application_id = id;
        snprintf(g->scheme_id, sizeof g->scheme_id, "%s", a.scheme_id);
    } else if (g->subject == GRIEVANCE_ON_SCHEME) {
        if (f->scheme_id == NULL || catalog_find(rq->app->catalog, f->scheme_id) == NULL)
            return refuse(out, 422, "bad_scheme", "scheme_id must be a scheme of the catalogue");
        snprintf(g->scheme_id, sizeof g->scheme_id, "%s", f->scheme_id);
    } else {
        struct payment_claim_row c;
        if (!portal_parse_id(f->payment_claim_id, &id))
            return refuse(out, 422, "bad_payment", "payment_claim_id must be a claim id");
        if (store_payment_claim_get(rq->store, id, &c, &found, e) != 0)
            return -1;
        if (!found || c.enterprise_id != rq->session->user.enterprise_id)
            return refuse(out, 422, "bad_payment", "not one of your payment claims");
        g->payment_claim_id = id;
    }
    return 0;
}

int grievance_act_file(struct web_request *rq, const struct grievance_filing *f,
                       struct grievance_row *g, struct app_outcome *out, struct err *e)
{
    struct enterprise ent;
    bool found = false, category = false;

    memset(g, 0, sizeof *g);
    refuse(out, 200, NULL, NULL);
    if (rq->session->user.role != AUTH_ROLE_ENTREPRENEUR || rq->session->user.enterprise_id <= 0)
        return refuse(out, 403, "forbidden", "only an enterprise's own account files grievances");
    if (read_subject(rq, f, g, out, e) != 0 || out->status != 200)
        return out->status == 200 ? -1 : 0;
    for (int i = 0; i < GRIEVANCE_CATEGORY_COUNT && f->category; i++)
        category |= strcmp(f->category, categories[i]) == 0;
    if (!category)
        return refuse(out, 422, "bad_category",
                      "category must be delay, wrong_decision, money_not_received, documents, "
                      "staff_conduct or other");
    if (f->body == NULL || !text_ok(f->body, 10))
        return refuse(out, 422, "bad_body", "body must be printable text of 10 to 2000 bytes");
    if (store_enterprise_get(rq->store, rq->session->user.enterprise_id, &ent, &found, e) != 0)
        return -1;
    if (!found)
        return refuse(out, 403, "forbidden", "no enterprise is linked to this account");
    snprintf(g->category, sizeof g->category, "%s", f->category);
    snprintf(g->body, sizeof g->body, "%s", f->body);
    g->user_id = rq->session->user.id;
    return store_grievance_file(rq->store, &ent, g, "entrepreneur", rq->today, e);
}

int grievance_act_load(struct web_request *rq, const char *id_text, struct grievance_row *g,
                       struct app_outcome *out, struct err *e)
{
    bool found = false;
    int64_t id;

    refuse(out, 200, NULL, NULL);
    if (!portal_parse_id(id_text, &id))
        return refuse(out, 400, "bad_id", "a grievance id is a positive whole number");
    if (store_grievance_get(rq->store, id, g, &found, e) != 0)
        return -1;
    /* The router checked the caller may see it (SCOPE_GRIEVANCE, authz.c). */
    if (!found)
        return refuse(out, 404, "not_found", "no grievance with this id");
    return portal_audit_read(rq, g->enterprise_id, "grievance.read", e);
}

bool grievance_act_holds_level(const struct auth_user *u, enum grievance_level l)
{
    switch (l) {
    case GRIEVANCE_DISTRICT: return true;                   /* the router checked the area */
    case GRIEVANCE_STATE: return u->district[0] == '\0';    /* a state office, or an admin */
    default: return u->role == AUTH_ROLE_ADMIN && u->state[0] == '\0'; /* the ministry desk */
    }
}

int grievance_act_take(struct web_request *rq, const char *id_text, const char *action,
                       const char *text, int rating, struct grievance_row *g,
                       struct app_outcome *out, struct err *e)
{
    bool officer = portal_is_officer(rq), moved = false, found = false;
    struct grievance after;
    const char *body = NULL;
    char stars[4];
    int ok;

    if (grievance_act_load(rq, id_text, g, out, e) != 0 || out->status != 200)
        return out->status == 200 ? -1 : 0;
    after = g->g;
    if (action == NULL)
        action = "";
    if (strcmp(action, "acknowledge") == 0 || strcmp(action, "resolve") == 0) {
        if (!officer)
            return refuse(out, 403, "forbidden", "only the office acknowledges and resolves");
        /* Escalated or appealed, it is no longer the lower office's to close. */
        if (!grievance_act_holds_level(&rq->session->user, g->g.level))
            return refuse(out, 403, "forbidden", "this grievance is with a higher office");
        if (action[0] == 'r' && (text == NULL || !text_ok(text, 10)))
            return refuse(out, 422, "reason_required", "a resolution needs a text of 10 to 2000 bytes");
        ok = action[0] == 'a' ? grievance_acknowledge(&after) : grievance_resolve(&after, true);
        body = action[0] == 'r' ? text : NULL;
    } else if (strcmp(action, "rate") == 0 || strcmp(action, "appeal") == 0) {
        if (rq->session->user.role != AUTH_ROLE_ENTREPRENEUR)
            return refuse(out, 403, "forbidden", "only the complainant rates and appeals");
        if (action[0] == 'r' && (rating < 1 || rating > 5))
            return refuse(out, 422, "bad_rating", "rating must be 1 to 5");
        snprintf(stars, sizeof stars, "%d", rating);
        ok = action[0] == 'r' ? grievance_rate(&after, rating) : grievance_appeal(&after, rq->today);
        body = action[0] == 'r' ? stars : NULL;
    } else {
        return refuse(out, 400, "bad_action", "action must be acknowledge, resolve, rate or appeal");
    }
    if (ok != 0)
        return refuse(out, 409, "wrong_state", "the grievance's state does not allow this action");
    if (store_grievance_move(rq->store, g->id, &g->g, &after, action, body, rq->session->user.id,
                             auth_role_name(rq->session->user.role), rq->today, &moved, e) != 0)
        return -1;
    if (!moved)
        return refuse(out, 409, "conflict", "someone else acted on this grievance first; reload it");
    return store_grievance_get(rq->store, g->id, g, &found, e);
}
