/* api_grievance.c: grievances as JSON (/api/v1/grievances). The rules are
 * grievance_act.c's, shared with the pages. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "web/access_scope.h"
#include "web/grievance_act.h"
#include "web/json_body.h"
#include "web/portal.h"
#include "web/routes.h"

#define API_GRIEVANCES_MAX 1000

static json_t *grievance_json(const struct grievance_row *g)
{
    char filed[DATE_STR_LEN], since[DATE_STR_LEN];

    date_format(g->filed_on, filed);
    date_format(g->g.level_since, since);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)g->id,
                     "enterprise_id", (json_int_t)g->enterprise_id, "subject", grievance_subject_name(g->subject),
                     "scheme_id", g->scheme_id, "category", g->category, "body", g->body,
                     "state", grievance_state_name(g->g.state), "level", grievance_level_name(g->g.level),
                     "level_since", since, "filed_on", filed,
                     "rating", g->g.rating > 0 ? json_integer(g->g.rating) : json_null());
}

static int append(void *ctx, const struct grievance_row *g)
{
    return json_array_append_new(ctx, grievance_json(g));
}

int api_grievances_list(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    json_t *list = json_array();
    int rc;

    if (list == NULL)
        return err_set(e, "out of memory");
    e->msg[0] = '\0';
    if (u->role == AUTH_ROLE_ENTREPRENEUR)
        rc = store_grievances_of_enterprise(rq->store, u->enterprise_id, append, list, e);
    else /* in the area the router resolved (SCOPE_AREA, authz.c) */
        rc = portal_audit_read(rq, 0, "grievances.read", e) != 0
                 ? -1
                 : store_grievances_in_scope(rq->store, rq->grant.gst_state, rq->grant.district, API_GRIEVANCES_MAX, append, list, e);
    if (rc != 0) {
        json_decref(list);
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    }
    return web_response_json(rs, 200, json_pack("{s:o}", "grievances", list));
}

static int append_event(void *ctx, const struct grievance_event_row *ev)
{
    char on[DATE_STR_LEN];

    date_format(ev->on, on);
    return json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s}", "action", ev->action,
                                                "level", grievance_level_name(ev->level), "body", ev->body,
                                                "role", ev->role, "on", on));
}

static int answer(struct web_request *rq, struct web_response *rs, const struct grievance_row *g,
                  int status, struct err *e)
{
    json_t *o = grievance_json(g), *events = json_array();

    e->msg[0] = '\0';
    if (o == NULL || events == NULL || store_grievance_events(rq->store, g->id, append_event, events, e) != 0) {
        json_decref(o);
        json_decref(events);
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    }
    json_object_set_new(o, "events", events);
    return web_response_json(rs, status, o);
}

static json_t *load_body(const struct web_request *rq, struct web_response *rs, int *rc)
{
    char msg[160];
    json_t *body;

    *rc = 0;
    if (!web_is_json(rq->content_type)) {
        *rc = web_response_error(rs, 415, "unsupported_media_type", "send JSON");
        return NULL;
    }
    if ((body = json_body_load_object(rq->body, rq->body_len, msg, sizeof msg)) == NULL) {
        *rc = web_response_error(rs, 400, "bad_json", "%s", msg);
        return NULL;
    }
    return body;
}

/* An id given as a JSON integer, as the text grievance_act.c parses. */
static const char *id_text(json_t *v, char out[24])
{
    if (!json_is_integer(v))
        return NULL;
    snprintf(out, 24, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    return out;
}

int api_grievances_create(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char app[24], pay[24];
    struct grievance_row g;
    struct app_outcome o;
    int rc;
    json_t *body = load_body(rq, rs, &rc);
    struct grievance_filing f;

    if (body == NULL)
        return rc;
    f = (struct grievance_filing){
        .subject = json_string_value(json_object_get(body, "subject")),
        .application_id = id_text(json_object_get(body, "application_id"), app),
        .scheme_id = json_string_value(json_object_get(body, "scheme_id")),
        .payment_claim_id = id_text(json_object_get(body, "payment_claim_id"), pay),
        .category = json_string_value(json_object_get(body, "category")),
        .body = json_string_value(json_object_get(body, "body")),
    };
    rc = grievance_act_file(rq, &f, &g, &o, e);
    json_decref(body);
    if (rc != 0)
        return -1;
    if (o.status != 200)
        return web_response_error(rs, o.status, o.code, "%s", o.message);
    return answer(rq, rs, &g, 201, e);
}

int api_grievance_get(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct grievance_row g;
    struct app_outcome o;

    if (grievance_act_load(rq, router_param(rq->match, "id"), &g, &o, e) != 0)
        return -1;
    if (o.status != 200)
        return web_response_error(rs, o.status, o.code, "%s", o.message);
    return answer(rq, rs, &g, 200, e);
}

int api_grievance_act(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct grievance_row g;
    struct app_outcome o;
    int rc;
    json_t *body = load_body(rq, rs, &rc), *rating;

    if (body == NULL)
        return rc;
    rating = json_object_get(body, "rating");
    rc = grievance_act_take(rq, router_param(rq->match, "id"),
                            json_string_value(json_object_get(body, "action")),
                            json_string_value(json_object_get(body, "text")),
                            json_is_integer(rating) && json_integer_value(rating) >= 1
                                    && json_integer_value(rating) <= 5
                                ? (int)json_integer_value(rating) : 0,
                            &g, &o, e);
    json_decref(body);
    if (rc != 0)
        return -1;
    if (o.status != 200)
        return web_response_error(rs, o.status, o.code, "%s", o.message);
    return answer(rq, rs, &g, 200, e);
}
