/* api_enterprise.c: GET /api/v1/enterprises/{id}: the enterprise's golden
 * record as profile JSON, with its id, the provenance of the stored row
 * (`sources`) and, per field, where the kept value came from and what the
 * other sources say (`provenance`). Who may read which enterprise, and
 * the audit of every read, are enterprise_access.c's, shared with the
 * routes under this one. */
#include <string.h>

#include "core/date.h"
#include "golden/golden.h"
#include "web/enterprise_access.h"
#include "web/profile_view.h"
#include "web/request.h"
#include "web/routes.h"

/* The detail in English: the API's words do not follow the request's
 * language, so a client can rely on them. */
static int put_detail(json_t *o, const struct golden_detail *d)
{
    struct buf text = BUF_INIT;
    int rc = profile_view_put_detail(&text, d, false) == 0
                 ? json_object_set_new(o, "detail", json_string(buf_cstr(&text)))
                 : -1;

    buf_release(&text);
    return rc;
}

static json_t *value_json(const struct golden_value *v)
{
    char as_of[DATE_STR_LEN] = "";
    json_t *o;

    if (v->key.as_of != DATE_UNKNOWN)
        date_format(v->key.as_of, as_of);
    o = json_pack("{s:s, s:O, s:s?}", "source", golden_source_name(v->key.source), "value",
                  v->value, "as_of", as_of[0] ? as_of : NULL);
    if (o == NULL)
        return NULL;
    if (v->file_id > 0
        && json_object_set_new(o, "feed_row",
                               json_pack("{s:s, s:I, s:s, s:I}", "feed", v->feed, "file_id",
                                         (json_int_t)v->file_id, "file", v->file, "row",
                                         (json_int_t)v->row)) != 0)
        goto fail;
    if (v->detail.kind != GD_NONE && put_detail(o, &v->detail) != 0)
        goto fail;
    if (v->user_id > 0
        && json_object_set_new(o, "given", json_pack("{s:I, s:s, s:s?}", "user_id",
                                                     (json_int_t)v->user_id, "at", v->at, "note",
                                                     v->note[0] ? v->note : NULL)) != 0)
        goto fail;
    return o;
fail:
    json_decref(o);
    return NULL;
}

/* {"enterprise.turnover": {"kept": {...}, "others": [{...}]}, ...} */
static json_t *provenance_json(const struct golden_record *g)
{
    size_t nf;
    const struct profile_field_desc *fields = profile_fields(&nf);
    json_t *out = json_object();

    for (size_t i = 0; out != NULL && i < nf; i++) {
        enum profile_field f = fields[i].id;
        const struct golden_value *w = golden_winner(g, f);
        json_t *others = json_array(), *entry;
        for (size_t k = 0; others != NULL && k < g->n; k++)
            if (g->values[k].field == f && (int)k != g->winner[f]
                && json_array_append_new(others, value_json(&g->values[k])) != 0) {
                json_decref(others);
                others = NULL;
            }
        if (others == NULL || (w == NULL && json_array_size(others) == 0)) {
            json_decref(others);
            if (others == NULL) {
                json_decref(out);
                return NULL;
            }
            continue;
        }
        entry = json_pack("{s:o?, s:o}", "kept", w ? value_json(w) : NULL, "others", others);
        if (entry == NULL || json_object_set_new(out, fields[i].path, entry) != 0) {
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

json_t *api_enterprise_json(const struct golden_record *g)
{
    const struct enterprise *ent = &g->ent;
    json_t *root = profile_to_json(&g->profile);

    if (root == NULL)
        return NULL;
    json_object_del(root, "as_of"); /* the record's, not an assessment's */
    if (json_object_set_new(root, "id", json_integer(ent->id)) != 0
        || json_object_set_new(root, "sources",
                               json_pack("[{s:s, s:s, s:I, s:I}]", "fields", "enterprise",
                                         "feed", ent->src_feed, "file_id", (json_int_t)ent->src_file,
                                         "row", (json_int_t)ent->src_row)) != 0
        || json_object_set_new(root, "provenance", provenance_json(g)) != 0) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int api_enterprise_get(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct enterprise ent;
    struct golden_record g;
    bool found = false;
    int rc = enterprise_access_load(rq, rs, "enterprise.read", &ent, e);

    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    rc = golden_record_load(rq->store, rq->app->survivorship, ent.id, rq->today, &g, &found, e);
    if (rc == 0 && !found)
        rc = err_set(e, "enterprise %lld vanished while read", (long long)ent.id);
    if (rc == 0 && web_response_json(rs, 200, api_enterprise_json(&g)) != 0)
        rc = err_set(e, "enterprise: out of memory");
    golden_record_free(&g);
    return rc;
}
