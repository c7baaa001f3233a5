/* api_enterprise.c: GET /api/v1/enterprises/{id}: the enterprise profile
 * with its id and provenance. Who may read which enterprise, and the audit
 * of every read, are enterprise_access.c's, shared with the routes under
 * this one. */
#include "core/profile.h"
#include "web/enterprise_access.h"
#include "web/request.h"
#include "web/routes.h"

static json_t *enterprise_json(const struct enterprise *ent)
{
    struct profile p;
    json_t *root;

    profile_init(&p);
    if (enterprise_to_profile(ent, &p) != 0) {
        profile_clear(&p);
        return NULL;
    }
    root = profile_to_json(&p);
    profile_clear(&p);
    if (root == NULL)
        return NULL;
    if (json_object_set_new(root, "id", json_integer(ent->id)) != 0
        || json_object_set_new(root, "sources",
                               json_pack("[{s:s, s:s, s:I, s:I}]", "fields", "enterprise",
                                         "feed", ent->src_feed, "file_id", (json_int_t)ent->src_file,
                                         "row", (json_int_t)ent->src_row)) != 0) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int api_enterprise_get(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct enterprise ent;
    int rc = enterprise_access_load(rq, rs, "enterprise.read", &ent, e);

    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    if (web_response_json(rs, 200, enterprise_json(&ent)) != 0)
        return err_set(e, "enterprise: out of memory");
    return 0;
}
