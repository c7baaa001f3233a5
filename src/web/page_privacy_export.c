/* page_privacy_export.c: an enterprise downloads all its data as JSON
 * (docs/privacy.md, "The export").
 *
 *   GET /privacy/export.json                 the signed-in entrepreneur's
 *                                            own enterprise, as a download
 *   GET /api/v1/enterprises/{id}/export      the same document through the
 *                                            API; {id} must be the caller's
 *                                            own enterprise (403 otherwise,
 *                                            existing or not)
 *
 * Only the owner may take it: an official reads an enterprise through the
 * audited routes made for that, never as a bulk download. The download is
 * audited as a self-read (role entrepreneur, action privacy.export) before
 * the data leaves, and is not shown on /privacy as an official's access.
 *
 * The document is written straight from the store's cursors
 * (store_privacy_export.c) into the response, so memory holds the text
 * and one row, never a tree of the whole history; the text is capped at
 * PRIVACY_EXPORT_MAX (an answer of 503 export_too_large past it). */
#include <stdio.h>
#include <string.h>

#include "golden/golden.h"
#include "store/store_audit.h"
#include "store/store_privacy_export.h"
#include "web/enterprise_access.h"
#include "web/portal.h"
#include "web/routes.h"

#define PRIVACY_EXPORT_MAX ((size_t)32 << 20)
#define EXPORT_FORMAT "samanvay.privacy-export"
#define EXPORT_VERSION 1

struct export_out {
    struct buf *b;
    bool full;      /* the cap was reached (not a fault of ours: answer 503) */
};

static int sink_write(void *ctx, const char *p, size_t n, struct err *e)
{
    struct export_out *o = ctx;

    if (buf_append(o->b, p, n) != 0) {
        o->full = o->b->len + n > o->b->limit;
        return err_set(e, "export: %s", o->full ? "too large" : "out of memory");
    }
    return 0;
}

/* The entrepreneur's own read, on the chain with the officials' reads.
 * Written in a transaction of its own: the server runs an entrepreneur's
 * GET in a read snapshot, which a write must not upgrade (another
 * writer's commit would make it fail), so that snapshot ends first. */
static int audit_self(struct web_request *rq, int64_t enterprise_id, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    char route[160];
    struct audit_entry a = {
        .user_id = u->id, .username = u->username, .role = auth_role_name(u->role),
        .action = "privacy.export", .enterprise_id = enterprise_id, .route = route,
        .reason = "own data export",
    };

    snprintf(route, sizeof route, "%s %s", rq->match->route->method, rq->match->route->pattern);
    if (store_in_transaction(rq->store) && store_commit(rq->store, e) != 0)
        return -1;
    return store_audit_append(rq->store, &a, e);
}

/* The head and the golden record: `{"format":…,"profile":{…},"consents":…` */
static int put_head(struct web_request *rq, struct buf *b, const struct golden_record *g,
                    struct err *e)
{
    json_t *profile = api_enterprise_json(g);
    char *text = profile ? json_dumps(profile, JSON_COMPACT) : NULL;
    int rc;

    json_decref(profile);
    if (text == NULL)
        return err_set(e, "export: out of memory");
    rc = buf_printf(b, "{\"format\":\"%s\",\"version\":%d,\"generated_at\":\"%s\",\"enterprise_id\":%lld,"
                       "\n\"profile\":",
                    EXPORT_FORMAT, EXPORT_VERSION, store_now(rq->store), (long long)g->ent.id)
         || buf_puts(b, text)
         /* CONSENTS: the consent records (issue 9, helper `consent`) go here
          * as an array of the enterprise's consents, given and withdrawn;
          * null until they exist. docs/privacy.md says the same. */
         || buf_puts(b, ",\n\"consents\":null");
    free(text);
    return rc ? err_set(e, "export: larger than %zu bytes", b->limit) : 0;
}

/* Write the whole document for enterprise `id` into rs (status 200), or
 * answer 503 when it would pass the cap. Runs in its own read snapshot,
 * so the sections agree with each other. */
static int put_export(struct web_request *rq, struct web_response *rs, int64_t id, bool download,
                      struct err *e)
{
    struct export_out out = {&rs->body, false};
    struct export_sink sink = {sink_write, &out};
    struct golden_record g;
    bool found = false;
    int rc;

    if (audit_self(rq, id, e) != 0 || store_begin_read(rq->store, e) != 0)
        return -1;
    rs->body.limit = PRIVACY_EXPORT_MAX;
    rc = golden_record_load(rq->store, rq->app->survivorship, id, rq->today, &g, &found, e);
    if (rc == 0 && !found)
        rc = err_set(e, "export: enterprise %lld went away while read", (long long)id);
    if (rc == 0)
        rc = put_head(rq, &rs->body, &g, e);
    golden_record_free(&g);
    if (rc == 0)
        rc = store_privacy_export(rq->store, id, &sink, e);
    if (rc == 0)
        rc = sink_write(&out, "\n}\n", 3, e);
    /* the server commits the snapshot after the handler */
    if (rc != 0 && out.full) {
        buf_reset(&rs->body);
        rs->body.limit = WEB_BODY_LIMIT;
        return web_response_error(rs, 503, "export_too_large",
                                  "the export is larger than %zu MiB; ask the district office "
                                  "for it (docs/privacy.md)", PRIVACY_EXPORT_MAX >> 20);
    }
    if (rc != 0)
        return -1;
    rs->status = 200;
    rs->content_type = "application/json";
    if (download
        && web_response_header(rs, "Content-Disposition",
                               "attachment; filename=\"samanvay-data-%lld.json\"", (long long)id) != 0)
        return err_set(e, "export: header");
    return 0;
}

int page_privacy_export(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    int64_t id;
    int rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc == PORTAL_ANSWERED ? 0 : -1;
    id = v.ent.id;
    profile_view_free(&v);
    return put_export(rq, rs, id, true, e);
}

int api_enterprise_export(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct enterprise ent;
    int rc;

    /* The route admits entrepreneurs only; enterprise_access refuses any
     * enterprise but their own with 403, whether or not it exists. */
    if (rq->session->user.role != AUTH_ROLE_ENTREPRENEUR)
        return web_response_error(rs, 403, "forbidden", "only the enterprise may export its data");
    rc = enterprise_access_load(rq, rs, "privacy.export", &ent, e);
    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    return put_export(rq, rs, ent.id, false, e);
}
