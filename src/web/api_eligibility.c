/* api_eligibility.c: every scheme of the catalogue for one enterprise,
 * answered exactly as `samanvay eligible --json` (DESIGN.md §5):
 *
 *   POST /api/v1/eligibility                 a profile in the body
 *   GET  /api/v1/enterprises/{id}/eligibility  the stored enterprise
 *
 * Both take ?lang=hi for Hindi texts and ?on=DATE for the evaluation date
 * (the profile's as_of, else today, when absent). A profile with bad
 * fields is refused with 422 listing every one of them, so a form can
 * mark them all at once; a body that is not JSON at all is 400. The
 * stored enterprise is read under the same scope and audit as GET
 * /api/v1/enterprises/{id} (enterprise_access.c). */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/profile.h"
#include "rules/eligibility.h"
#include "store/store_profile.h"
#include "web/enterprise_access.h"
#include "web/profile_view.h"
#include "web/request.h"
#include "web/routes.h"

struct eligibility_opts {
    bool hindi;
    bool has_on;
    int32_t on;
};

/* ?lang= and ?on=; 1 when it answered 400 itself. */
static int read_opts(const struct web_request *rq, struct web_response *rs,
                     struct eligibility_opts *o)
{
    const char *lang = web_query(rq, "lang"), *on = web_query(rq, "on");
    struct err why;

    memset(o, 0, sizeof *o);
    if (lang != NULL && strcmp(lang, "hi") != 0 && strcmp(lang, "en") != 0)
        return web_response_error(rs, 400, "bad_field", "lang must be en or hi") == 0 ? 1 : -1;
    o->hindi = lang != NULL && strcmp(lang, "hi") == 0;
    if (on != NULL) {
        if (date_parse(on, strlen(on), &o->on, &why) != 0)
            return web_response_error(rs, 400, "bad_field", "on: %s", why.msg) == 0 ? 1 : -1;
        o->has_on = true;
    }
    return 0;
}

/* Evaluate p against the catalogue and answer with the contract JSON. */
static int answer(const struct web_request *rq, struct web_response *rs, const struct profile *p,
                  const struct eligibility_opts *o, struct err *e)
{
    const struct catalog *c = rq->app->catalog;
    struct scheme_result *results = mem_calloc(c->n, sizeof *results);
    struct facts *f = mem_alloc(sizeof *f);
    int32_t as_of = o->has_on                              ? o->on
                    : p->f[PF_AS_OF].state == FACT_KNOWN ? (int32_t)p->f[PF_AS_OF].i
                                                          : rq->today;
    int rc = 0;

    if (results == NULL || f == NULL) {
        rc = err_set(e, "eligibility: out of memory");
    } else {
        facts_build(rq->app->ref, p, as_of, f);
        eligibility_all(c, f, NULL, results); /* no application history yet, as the CLI */
        if (web_response_json(rs, 200, eligibility_json(c, f, results, o->hindi)) != 0)
            rc = err_set(e, "eligibility: out of memory");
    }
    mem_free(f);
    mem_free(results);
    return rc;
}

/* 422 {"error": {"code": "invalid_profile", "message", "fields": [{"path", "message"}]}}. */
static int refuse_profile(struct web_response *rs, const struct profile_issues *is)
{
    json_t *fields = json_array();
    char msg[64];

    for (size_t i = 0; fields != NULL && i < is->n; i++)
        if (!is->items[i].warning)
            json_array_append_new(fields, json_pack("{s:s, s:s}", "path", is->items[i].path,
                                                    "message", is->items[i].msg));
    snprintf(msg, sizeof msg, "the profile has %zu bad field(s)", profile_issues_errors(is));
    return web_response_json(rs, 422,
                             json_pack("{s:{s:s, s:s, s:o}}", "error", "code", "invalid_profile",
                                       "message", msg, "fields", fields));
}

int api_eligibility_post(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct eligibility_opts o;
    struct profile_issues is = {0};
    struct profile p;
    struct err why;
    int rc;

    if (!web_is_json(rq->content_type))
        return web_response_error(rs, 415, "unsupported_media_type",
                                  "send the profile as Content-Type: application/json");
    if ((rc = read_opts(rq, rs, &o)) != 0)
        return rc < 0 ? -1 : 0;
    profile_init(&p);
    if (profile_parse(rq->body, rq->body_len, &p, &is, &why) == 0)
        rc = answer(rq, rs, &p, &o, e);
    else if (profile_issues_errors(&is) == 0) /* not even JSON: the position is in why */
        rc = web_response_error(rs, 400, "bad_json", "invalid JSON at line:column %s", why.msg);
    else
        rc = refuse_profile(rs, &is);
    profile_issues_free(&is);
    profile_clear(&p);
    return rc;
}

/* The stored enterprise's answer: from the cache when its record, its
 * given facts, the date and the language are the ones it was built for
 * (answer_cache.h), else built from its profile (the record overlaid with
 * the facts given on the portal, as the pages see it) and kept. A client
 * that already holds it (If-None-Match) gets 304 and no body. */
int api_enterprise_eligibility(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct eligibility_opts o;
    struct enterprise ent;
    struct profile_view v;
    struct answer_key key = {.kind = ANSWER_ELIGIBILITY_JSON};
    char etag[40];
    bool found = false;
    int rc;

    /* The options first: a request refused for them reads nothing, so
     * leaves no audit row. */
    if ((rc = read_opts(rq, rs, &o)) != 0)
        return rc < 0 ? -1 : 0;
    rc = enterprise_access_load(rq, rs, "enterprise.eligibility", &ent, e);
    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    key.enterprise_id = ent.id;
    key.content_hash = ent.content_hash;
    key.as_of = o.has_on ? o.on : rq->today;
    key.lang = o.hindi ? LANG_HI : LANG_EN;
    if (store_profile_fact_last_id(rq->store, ent.id, &key.last_fact_id, e) != 0)
        return -1;
    answer_key_etag(&key, etag);
    if (web_response_header(rs, "ETag", "%s", etag) != 0)
        return err_set(e, "eligibility: cannot set the ETag");
    if (rq->if_none_match != NULL && strcmp(rq->if_none_match, etag) == 0) {
        rs->status = 304;
        return 0;
    }
    if (rq->app->answers != NULL && answer_cache_get(rq->app->answers, &key, &rs->body)) {
        rs->status = 200;
        rs->content_type = "application/json";
        return 0;
    }
    buf_reset(&rs->body);
    if (profile_view_load(rq->store, rq->app->survivorship, ent.id, rq->today, &v, &found, e) != 0 || !found) {
        profile_view_free(&v);
        return found ? -1 : err_set(e, "eligibility: the enterprise went away");
    }
    o.has_on = true;
    o.on = key.as_of;
    rc = answer(rq, rs, &v.profile, &o, e);
    profile_view_free(&v);
    if (rc == 0 && rs->status == 200 && rq->app->answers != NULL)
        answer_cache_put(rq->app->answers, &key, rs->body.data, rs->body.len);
    return rc;
}
