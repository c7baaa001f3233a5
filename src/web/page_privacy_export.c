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
 * (store_privacy_export.c) into an unlinked temporary file in $TMPDIR,
 * which the server then sends with sendfile: memory holds one row and the
 * stdio buffer, never the history, however long it is. The file is capped
 * at PRIVACY_EXPORT_MAX (an answer of 503 export_too_large past it), so
 * one request cannot fill the disk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "golden/golden.h"
#include "store/store_audit.h"
#include "store/store_privacy_export.h"
#include "web/enterprise_access.h"
#include "web/portal.h"
#include "web/routes.h"

#define PRIVACY_EXPORT_MAX ((size_t)256 << 20)
#define EXPORT_FORMAT "samanvay.privacy-export"
#define EXPORT_VERSION 1

struct export_out {
    FILE *f;
    size_t len;
    bool full;      /* the cap was reached (not a fault of ours: answer 503) */
};

static int sink_write(void *ctx, const char *p, size_t n, struct err *e)
{
    struct export_out *o = ctx;

    if (o->len + n > PRIVACY_EXPORT_MAX) {
        o->full = true;
        return err_set(e, "export: larger than %zu MiB", PRIVACY_EXPORT_MAX >> 20);
    }
    if (fwrite(p, 1, n, o->f) != n)
        return err_set(e, "export: cannot write the spool file");
    o->len += n;
    return 0;
}

/* An unlinked temporary file in $TMPDIR (or /tmp): gone when closed. */
static FILE *spool_open(struct err *e)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    FILE *f;
    int fd;

    snprintf(path, sizeof path, "%s/samanvay-export-XXXXXX", dir && *dir ? dir : "/tmp");
    if ((fd = mkstemp(path)) < 0) {
        err_set(e, "export: cannot make a spool file in %s", dir && *dir ? dir : "/tmp");
        return NULL;
    }
    unlink(path);
    if ((f = fdopen(fd, "w+")) == NULL) {
        close(fd);
        err_set(e, "export: cannot open the spool file");
    }
    return f;
}

/* The entrepreneur's own read, on the chain with the officials' reads.
 * Written in a transaction of its own: the server runs an entrepreneur's
 * GET in a read snapshot, which a write must not upgrade (another
 * writer's commit would make it fail), so that snapshot ends first. */
static int audit_self(struct web_request *rq, int64_t enterprise_id, bool in_snapshot,
                      struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    char route[160];
    struct audit_entry a = {
        .user_id = u->id, .username = u->username, .role = auth_role_name(u->role),
        .action = "privacy.export", .enterprise_id = enterprise_id, .route = route,
        .reason = "own data export",
    };

    snprintf(route, sizeof route, "%s %s", rq->match->route->method, rq->match->route->pattern);
    if (in_snapshot && store_commit(rq->store, e) != 0)
        return -1;
    return store_audit_append(rq->store, &a, e);
}

/* The head and the golden record: `{"format":…,"profile":{…},"consents":…` */
static int put_head(struct web_request *rq, struct export_out *out, const struct golden_record *g,
                    struct err *e)
{
    json_t *profile = api_enterprise_json(g);
    char *text = profile ? json_dumps(profile, JSON_COMPACT) : NULL;
    static const char consents[] = ",\n\"consents\":null";
    char head[256];
    int rc;

    json_decref(profile);
    if (text == NULL)
        return err_set(e, "export: out of memory");
    snprintf(head, sizeof head,
             "{\"format\":\"%s\",\"version\":%d,\"generated_at\":\"%s\",\"enterprise_id\":%lld,"
             "\n\"profile\":",
             EXPORT_FORMAT, EXPORT_VERSION, store_now(rq->store), (long long)g->ent.id);
    rc = sink_write(out, head, strlen(head), e) || sink_write(out, text, strlen(text), e)
         /* CONSENTS: the consent records (issue 9, helper `consent`) go here
          * as an array of the enterprise's consents, given and withdrawn;
          * null until they exist. docs/privacy.md says the same. */
         || sink_write(out, consents, sizeof consents - 1, e);
    free(text);
    return rc ? -1 : 0;
}

/* Write the whole document for enterprise `id` into out, in one read
 * snapshot so the sections agree with each other; the caller ends it. */
static int write_export(struct web_request *rq, int64_t id, struct export_out *out, struct err *e)
{
    struct export_sink sink = {sink_write, out};
    struct golden_record g;
    bool found = false;
    int rc;

    if (store_begin_read(rq->store, e) != 0)
        return -1;
    rc = golden_record_load(rq->store, rq->app->survivorship, id, rq->today, &g, &found, e);
    if (rc == 0 && !found)
        rc = err_set(e, "export: enterprise %lld went away while read", (long long)id);
    if (rc == 0)
        rc = put_head(rq, out, &g, e);
    golden_record_free(&g);
    if (rc == 0)
        rc = store_privacy_export(rq->store, id, &sink, e);
    if (rc == 0)
        rc = sink_write(out, "\n}\n", 3, e);
    if (rc == 0 && fflush(out->f) != 0)
        rc = err_set(e, "export: cannot write the spool file");
    return rc;
}

/* Audit, spool, and answer with the file (200), or 503 past the cap. */
static int put_export(struct web_request *rq, struct web_response *rs, int64_t id, bool download,
                      struct err *e)
{
    /* A GET runs in the server's snapshot, which the server ends after the
     * handler; a HEAD does not, so this handler ends its own. */
    bool server_snapshot = store_in_transaction(rq->store);
    struct export_out out = {NULL, 0, false};
    int rc, fd;

    if (audit_self(rq, id, server_snapshot, e) != 0 || (out.f = spool_open(e)) == NULL)
        return -1;
    rc = write_export(rq, id, &out, e);
    if (!server_snapshot && store_in_transaction(rq->store))
        store_rollback(rq->store); /* read only: nothing to keep */
    if (rc != 0) {
        fclose(out.f);
        if (!out.full)
            return -1;
        return web_response_error(rs, 503, "export_too_large",
                                  "the export is larger than %zu MiB; the portal's operators can "
                                  "raise the limit (docs/privacy.md)", PRIVACY_EXPORT_MAX >> 20);
    }
    fd = dup(fileno(out.f));
    fclose(out.f);
    if (fd < 0)
        return err_set(e, "export: cannot keep the spool file");
    web_response_body_file(rs, fd, out.len);
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

    /* The route admits entrepreneurs only, and the router their own
     * enterprise only (SCOPE_ENTERPRISE). */
    rc = enterprise_access_load(rq, rs, "privacy.export", &ent, e);
    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    return put_export(rq, rs, ent.id, false, e);
}
