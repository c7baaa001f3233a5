/* api_application.c: the application journeys as JSON (/api/v1/applications,
 * /api/v1/bundles, /api/v1/worklist). The rules are app_act.c's, shared
 * with the pages; the common application is checked as on the page: every
 * scheme open to the enterprise, every field the merged form asks for
 * answered, the declarations made. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "rules/common_form.h"
#include "store/store_application.h"
#include "web/access_scope.h"
#include "web/app_act.h"
#include "web/evaluation.h"
#include "web/json_body.h"
#include "web/portal.h"
#include "web/routes.h"

#define API_LIST_MAX 1000

json_t *api_app_json(const struct app_row *a);

json_t *api_app_json(const struct app_row *a)
{
    char created[DATE_STR_LEN];

    date_format(a->created_on, created);
    return json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:b, s:o, s:s}",
                     "id", (json_int_t)a->id, "bundle_id", (json_int_t)a->bundle_id,
                     "enterprise_id", (json_int_t)a->enterprise_id, "enterprise_name", a->enterprise_name,
                     "scheme_id", a->scheme_id, "state", app_state_name(a->state),
                     "eligibility_when_applied", a->eligibility, "created_on", created,
                     "district", a->district, "sla_days", a->sla_days,
                     "days_with_government", a->days_with_government,
                     "overdue", app_state_with_government(a->state) && a->days_with_government > a->sla_days,
                     "benefit_estimate", a->benefit_paise >= 0 ? json_real((double)a->benefit_paise / 100.0) : json_null(),
                     "last_reason", a->last_reason);
}

static int append_app(void *ctx, const struct app_row *a)
{
    return json_array_append_new(ctx, api_app_json(a));
}

static int answer_refusal(struct web_response *rs, const struct app_outcome *o)
{
    return web_response_error(rs, o->status, o->code, "%s", o->message);
}

int api_applications_list(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    json_t *list = json_array();
    int rc;

    if (list == NULL)
        return err_set(e, "out of memory");
    e->msg[0] = '\0';
    if (u->role == AUTH_ROLE_ENTREPRENEUR)
        rc = store_apps_of_enterprise(rq->store, u->enterprise_id, rq->today, append_app, list, e);
    else /* in the area the router resolved (SCOPE_AREA, authz.c) */
        rc = portal_audit_read(rq, 0, "worklist.read", e) != 0
                 ? -1
                 : store_worklist(rq->store, rq->grant.gst_state, rq->grant.district, rq->today, API_LIST_MAX, append_app, list, e);
    if (rc != 0) {
        json_decref(list);
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    }
    return web_response_json(rs, 200, json_pack("{s:o}", "applications", list));
}

int api_worklist(struct web_request *rq, struct web_response *rs, struct err *e)
{
    long limit = 200;
    char gst[4], district[64];
    json_t *list;

    /* Digits only (web_parse_long): strtol took "10abc", " 5" and "+5". */
    if (web_query_long(rq, "limit", 1, API_LIST_MAX, &limit) < 0)
        return web_response_error(rs, 400, "bad_field", "limit must be 1 to %d", API_LIST_MAX);
    snprintf(gst, sizeof gst, "%s", rq->grant.gst_state);  /* SCOPE_AREA, authz.c */
    snprintf(district, sizeof district, "%s", rq->grant.district);
    if (portal_audit_read(rq, 0, "worklist.read", e) != 0 || (list = json_array()) == NULL)
        return -1;
    e->msg[0] = '\0';
    if (store_worklist(rq->store, gst, district, rq->today, (size_t)limit, append_app, list, e) != 0) {
        json_decref(list);
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    }
    return web_response_json(rs, 200, json_pack("{s:o}", "applications", list));
}

static int append_event(void *ctx, const struct app_event_row *ev)
{
    char on[DATE_STR_LEN];

    date_format(ev->on, on);
    return json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "action", ev->action,
                                                "to_state", app_state_name(ev->to_state), "reason", ev->reason,
                                                "role", ev->role, "on", on, "at", ev->at));
}

static int answer_app(struct web_request *rq, struct web_response *rs, const struct app_row *a,
                      struct err *e)
{
    json_t *o = api_app_json(a), *events = json_array();

    e->msg[0] = '\0';
    if (o == NULL || events == NULL || store_app_events(rq->store, a->id, append_event, events, e) != 0) {
        json_decref(o);
        json_decref(events);
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    }
    json_object_set_new(o, "events", events);
    return web_response_json(rs, 200, o);
}

int api_application_get(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct app_row a;
    struct app_outcome o;

    if (app_act_load(rq, router_param(rq->match, "id"), "application.read", &a, &o, e) != 0)
        return -1;
    return o.status != 200 ? answer_refusal(rs, &o) : answer_app(rq, rs, &a, e);
}

int api_application_act(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char msg[160];
    json_t *body;
    struct app_row a;
    struct app_outcome o;
    const char *action = NULL, *reason = NULL;
    int rc;

    if (!web_is_json(rq->content_type))
        return web_response_error(rs, 415, "unsupported_media_type", "send JSON");
    if ((body = json_body_load_object(rq->body, rq->body_len, msg, sizeof msg)) == NULL)
        return web_response_error(rs, 400, "bad_json", "%s", msg);
    action = json_string_value(json_object_get(body, "action"));
    reason = json_string_value(json_object_get(body, "reason"));
    if (json_object_get(body, "reason") != NULL && reason == NULL) {
        json_decref(body);
        return web_response_error(rs, 400, "bad_reason", "reason must be a string");
    }
    rc = app_act_take(rq, router_param(rq->match, "id"), action, reason, &a, &o, e);
    json_decref(body);
    if (rc != 0)
        return -1;
    return o.status != 200 ? answer_refusal(rs, &o) : answer_app(rq, rs, &a, e);
}

int api_bundle_get(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *id_text = router_param(rq->match, "id");
    json_t *list = json_array();
    int64_t id = 0;
    struct app_outcome o = {200, NULL, NULL};
    char first[24];

    if (list == NULL)
        return err_set(e, "out of memory");
    e->msg[0] = '\0';
    if (!portal_parse_id(id_text, &id) || store_apps_of_bundle(rq->store, id, rq->today, append_app, list, e) != 0) {
        json_decref(list);
        return e->msg[0] ? -1 : web_response_error(rs, 400, "bad_id", "a bundle id is a positive whole number");
    }
    /* The router checked the caller may see the bundle (SCOPE_BUNDLE):
     * its first application decides, all being one enterprise's. */
    if (json_array_size(list) == 0) {
        json_decref(list);
        return web_response_error(rs, 404, "not_found", "no bundle with this id");
    }
    snprintf(first, sizeof first, "%" JSON_INTEGER_FORMAT,
             json_integer_value(json_object_get(json_array_get(list, 0), "id")));
    {
        struct app_row a;
        if (app_act_load(rq, first, "bundle.read", &a, &o, e) != 0) {
            json_decref(list);
            return -1;
        }
    }
    if (o.status != 200) {
        json_decref(list);
        return answer_refusal(rs, &o);
    }
    return web_response_json(rs, 200, json_pack("{s:I, s:o}", "bundle_id", (json_int_t)id, "applications", list));
}

/* The chosen schemes, checked: 0, or a refusal answered. */
static int read_schemes(struct web_request *rq, struct web_response *rs, json_t *ids,
                        const struct profile_view *v, const struct evaluation *ev,
                        const struct scheme **schemes, size_t *n, struct err *e)
{
    size_t i;
    json_t *id;

    *n = 0;
    if (!json_is_array(ids) || json_array_size(ids) == 0 || json_array_size(ids) > COMMON_FORM_MAX_SCHEMES)
        return web_response_error(rs, 400, "bad_field", "schemes must be an array of 1 to %d scheme ids",
                                  COMMON_FORM_MAX_SCHEMES) == 0 ? 1 : -1;
    json_array_foreach(ids, i, id) {
        const struct scheme *s = json_is_string(id) ? catalog_find(rq->app->catalog, json_string_value(id)) : NULL;
        const struct scheme_result *r = s ? evaluation_find(ev, s) : NULL;
        bool open = false;
        if (r == NULL)
            return web_response_error(rs, 422, "unknown_scheme", "schemes[%zu] is not a scheme of the catalogue", i) == 0 ? 1 : -1;
        for (size_t k = 0; k < *n; k++)
            if (schemes[k] == s)
                return web_response_error(rs, 422, "duplicate_scheme", "schemes[%zu] is listed twice", i) == 0 ? 1 : -1;
        if (r->status == ST_INELIGIBLE || !r->in_force)
            return web_response_error(rs, 422, "not_eligible", "the enterprise is not eligible for %s", s->id) == 0 ? 1 : -1;
        if (store_app_open_exists(rq->store, v->ent.id, s->id, &open, e) != 0)
            return -1;
        if (open)
            return web_response_error(rs, 409, "already_applied", "an application to %s is open", s->id) == 0 ? 1 : -1;
        schemes[(*n)++] = s;
    }
    return 0;
}

/* Every field of the merged form answered with a non-empty string. */
static int check_fields(struct web_response *rs, const struct common_form *form, json_t *fields)
{
    if (!json_is_object(fields))
        return web_response_error(rs, 400, "bad_field", "fields must be an object") == 0 ? 1 : -1;
    for (size_t i = 0; i < form->n_fields; i++) {
        const char *v = json_string_value(json_object_get(fields, form->fields[i].entry->id));
        if (v == NULL || *v == '\0' || strlen(v) > 400)
            return web_response_error(rs, 422, "missing_field", "fields.%s must be answered (at most 400 bytes)",
                                      form->fields[i].entry->id) == 0 ? 1 : -1;
    }
    return 0;
}

/* What is stored of the body: the merged form's fields and documents only,
 * so a client cannot add fields an officer would read as the applicant's
 * answers. */
static json_t *answers_kept(const struct common_form *form, json_t *fields, json_t *documents)
{
    json_t *f = json_object(), *d = json_array(), *v;
    size_t i;

    for (size_t k = 0; f != NULL && k < form->n_fields; k++)
        json_object_set(f, form->fields[k].entry->id, json_object_get(fields, form->fields[k].entry->id));
    json_array_foreach(documents, i, v)
        for (size_t k = 0; d != NULL && k < form->n_documents; k++)
            if (json_is_string(v) && strcmp(json_string_value(v), form->documents[k].entry->id) == 0)
                json_array_append(d, v);
    return json_pack("{s:o, s:o}", "fields", f, "documents", d);
}

static int create(struct web_request *rq, struct web_response *rs, json_t *body,
                  struct profile_view *v, struct err *e)
{
    const struct scheme *schemes[COMMON_FORM_MAX_SCHEMES];
    struct app_new apps[COMMON_FORM_MAX_SCHEMES];
    int64_t ids[COMMON_FORM_MAX_SCHEMES], bundle = 0;
    struct common_form *form = mem_alloc(sizeof *form);
    struct evaluation ev = {0};
    size_t n = 0;
    char *answers = NULL;
    json_t *list = NULL;
    int rc;

    if (form == NULL)
        return err_set(e, "out of memory");
    rc = evaluation_run(rq->app, &v->profile, rq->today, &ev, e);
    if (rc == 0)
        rc = read_schemes(rq, rs, json_object_get(body, "schemes"), v, &ev, schemes, &n, e);
    if (rc == 0)
        rc = common_form_build(&rq->app->catalog->vocab, schemes, n, form, e);
    if (rc == 0)
        rc = check_fields(rs, form, json_object_get(body, "fields"));
    if (rc == 0 && !json_is_true(json_object_get(body, "declarations_accepted")))
        rc = web_response_error(rs, 422, "declarations_required",
                                "declarations_accepted must be true: every declaration is made") == 0 ? 1 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        apps[i] = evaluation_app_new(evaluation_find(&ev, schemes[i]));
    if (rc == 0) {
        json_t *kept = answers_kept(form, json_object_get(body, "fields"),
                                    json_object_get(body, "documents"));
        answers = kept ? json_dumps(kept, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        json_decref(kept);
        rc = answers == NULL ? err_set(e, "out of memory")
                             : store_bundle_create(rq->store, &v->ent, rq->session->user.id, "entrepreneur",
                                                   answers, apps, n, rq->today, &bundle, ids, e);
    }
    if (rc == 0 && bundle == 0)
        rc = web_response_error(rs, 409, "already_applied",
                                "a scheme chosen already has an open application") == 0 ? 1 : -1;
    if (rc == 0 && (list = json_array()) != NULL)
        rc = store_apps_of_bundle(rq->store, bundle, rq->today, append_app, list, e);
    if (rc == 0)
        rc = web_response_json(rs, 201, json_pack("{s:I, s:o}", "bundle_id", (json_int_t)bundle, "applications", list));
    else
        json_decref(list);
    free(answers);
    evaluation_free(&ev);
    mem_free(form);
    return rc < 0 ? -1 : 0;
}

int api_applications_create(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    char msg[160];
    json_t *body;
    bool found = false;
    int rc;

    if (!web_is_json(rq->content_type))
        return web_response_error(rs, 415, "unsupported_media_type", "send JSON");
    if (rq->session->user.enterprise_id <= 0)
        return web_response_error(rs, 403, "forbidden", "no enterprise is linked to this account");
    if ((body = json_body_load_object(rq->body, rq->body_len, msg, sizeof msg)) == NULL)
        return web_response_error(rs, 400, "bad_json", "%s", msg);
    rc = profile_view_load(rq->store, rq->app->survivorship, rq->session->user.enterprise_id, rq->today, &v, &found, e);
    if (rc == 0 && !found)
        rc = web_response_error(rs, 403, "forbidden", "no enterprise is linked to this account");
    else if (rc == 0)
        rc = create(rq, rs, body, &v, e);
    profile_view_free(&v);
    json_decref(body);
    return rc;
}
