/* api_consent.c: an enterprise's consents over the API (docs/consent.md).
 *
 * GET /api/v1/enterprises/{id}/consents: what may be used now for each
 * source and purpose and what decided it, the policy's defaults, and
 * every artefact, newest first. The same scope and audit as GET
 * /api/v1/enterprises/{id} (the router's SCOPE_ENTERPRISE, then
 * enterprise_access.c): the entrepreneur reads their own, an official one
 * in their area, audited, with a reason outside the worklist.
 *
 * POST /api/v1/enterprises/{id}/consents: a change (consent_request.h),
 * by the entrepreneur of that enterprise only: consent is the data
 * principal's to give, so no official may give or revoke it. The route
 * admits entrepreneurs only, and the router (SCOPE_ENTERPRISE) any id but
 * their own (403). 201 with the artefact granted; 200 with the artefact
 * revoked, or {"changed": false}; 404 for a consent id the enterprise
 * does not hold. */
#include <jansson.h>

#include "core/alloc.h"
#include "core/date.h"
#include "store/store_consent.h"
#include "web/consent_act.h"
#include "web/enterprise_access.h"
#include "web/request.h"
#include "web/routes.h"

static json_t *day_json(int32_t d)
{
    char s[DATE_STR_LEN];

    date_format(d, s);
    return json_string(s);
}

static json_t *artefact_json(const struct consent_artefact *a)
{
    json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:b}", "consent_id",
                          a->consent_id, "enterprise_id", (json_int_t)a->enterprise_id,
                          "consumer", a->consumer, "source", consent_source_name(a->source),
                          "purpose", consent_purpose_name(a->purpose), "valid_from",
                          day_json(a->valid_from), "valid_to", day_json(a->valid_to), "status",
                          consent_status_name(a->status), "created_at", a->created_at, "origin",
                          a->origin, "deemed", a->deemed);

    if (o != NULL && a->revoked)
        json_object_set_new(o, "revoked_at", json_string(a->revoked_at));
    return o;
}

static json_t *effective_json(const struct consent_effective *x, const struct consent_policy *p)
{
    json_t *arr = json_array();

    for (int s = 0; arr != NULL && s < CONSENT_SOURCES; s++)
        for (int q = 0; q < CONSENT_PURPOSES; q++)
            json_array_append_new(
                arr, json_pack("{s:s, s:s, s:b, s:s, s:s}", "source",
                               consent_source_name((enum consent_source)s), "purpose",
                               consent_purpose_name((enum consent_purpose)q), "allowed",
                               x->allowed[s][q], "decided_by",
                               x->by_artefact[s][q] ? "artefact" : "policy", "policy_default",
                               p->granted[s][q] ? "granted" : "denied"));
    return arr;
}

int api_enterprise_consents(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct consent_effective x;
    struct consent_artefact *list = NULL;
    struct enterprise ent;
    size_t n = 0;
    json_t *root, *arr;
    int rc = enterprise_access_load(rq, rs, "enterprise.consents.read", &ent, e);

    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    if (store_consent_effective(rq->store, ent.id, &x, e) != 0
        || store_consent_list(rq->store, ent.id, &list, &n, e) != 0)
        return -1;
    arr = json_array();
    for (size_t i = 0; arr != NULL && i < n; i++)
        json_array_append_new(arr, artefact_json(&list[i]));
    mem_free(list);
    root = json_pack("{s:I, s:s, s:o, s:o}", "enterprise_id", (json_int_t)ent.id, "consumer",
                     CONSENT_CONSUMER, "effective",
                     effective_json(&x, store_consent_policy(rq->store)), "artefacts", arr);
    if (root == NULL || web_response_json(rs, 200, root) != 0)
        return err_set(e, "consents: out of memory");
    return 0;
}

int api_enterprise_consents_change(struct web_request *rq, struct web_response *rs,
                                   struct err *e)
{
    struct consent_request r;
    struct consent_act_result res;
    struct enterprise ent;
    char msg[320];
    json_t *root;
    int rc;

    if (!web_is_json(rq->content_type))
        return web_response_error(rs, 415, "unsupported_media_type",
                                  "send the body as Content-Type: application/json");
    rc = enterprise_access_load(rq, rs, "enterprise.consents.change", &ent, e);
    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    rc = consent_request_parse(rq->body, rq->body_len, rq->today, &r, msg, sizeof msg);
    if (rc == CONSENT_REQUEST_BAD_JSON)
        return web_response_error(rs, 400, "bad_json", "%s", msg);
    if (rc != CONSENT_REQUEST_OK)
        return web_response_error(rs, 422, "bad_field", "%s", msg);
    if (consent_act_apply(rq, ent.id, &r, "api", &res, e) != 0)
        return -1;
    if (!res.found)
        return web_response_error(rs, 404, "not_found", "the enterprise has no consent %s",
                                  r.consent_id);
    root = res.changed ? json_pack("{s:b, s:o}", "changed", 1, "artefact",
                                   artefact_json(&res.artefact))
                       : json_pack("{s:b}", "changed", 0);
    if (root == NULL
        || web_response_json(rs, r.action == CONSENT_GRANT ? 201 : 200, root) != 0)
        return err_set(e, "consents: out of memory");
    return 0;
}
