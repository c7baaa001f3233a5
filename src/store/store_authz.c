/* store_authz.c: see store_authz.h. */
#include "store/store_authz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

static const char *const owner_sql[AUTHZ_RECORD_COUNT] = {
    [AUTHZ_ENTERPRISE] = "SELECT id, state, COALESCE(district, '') FROM enterprise WHERE id = $1",
    [AUTHZ_APPLICATION] = "SELECT enterprise_id, gst_state, COALESCE(district, '') FROM application"
                          " WHERE id = $1",
    /* Every application of a bundle is one enterprise's; the first decides. */
    [AUTHZ_BUNDLE] = "SELECT enterprise_id, gst_state, COALESCE(district, '') FROM application"
                     " WHERE bundle_id = $1 ORDER BY id LIMIT 1",
    [AUTHZ_GRIEVANCE] = "SELECT enterprise_id, gst_state, COALESCE(district, '') FROM grievance"
                        " WHERE id = $1",
    [AUTHZ_LINK_REQUEST] = "SELECT e.id, e.state, COALESCE(e.district, '') FROM enterprise_claim c"
                           " JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = $1",
    [AUTHZ_PAYMENT_CLAIM] = "SELECT e.id, e.state, COALESCE(e.district, '') FROM payment_claim c"
                            " JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = $1",
    [AUTHZ_CORRECTION] = "SELECT enterprise_id, gst_state, COALESCE(district, '') FROM correction_request"
                         " WHERE id = $1",
};

int store_authz_owner(struct store *s, enum authz_record kind, int64_t id, struct authz_owner *out,
                      bool *found, struct err *e)
{
    struct db_stmt *st;
    int rc;

    if ((unsigned)kind >= AUTHZ_RECORD_COUNT)
        return err_set(e, "unknown record kind %d", (int)kind);
    st = db_cached(store_db(s), owner_sql[kind], e);
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0)
        return err_set(e, "cannot bind the record id");
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        out->enterprise_id = db_column_int64(st, 0);
        out->gst_state = atoi(db_column_text(st, 1));
        snprintf(out->district, sizeof out->district, "%s", db_column_text(st, 2));
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    return 0;
}

int store_authz_cluster_place(struct store *s, const char *cluster_id, int *gst_state,
                              char district[64], bool *found, struct err *e)
{
    static const char sql[] = "SELECT state, district FROM cluster WHERE cluster_id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, cluster_id, strlen(cluster_id)) != 0)
        return err_set(e, "cannot bind the cluster id");
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        *gst_state = atoi(db_column_text(st, 0));
        snprintf(district, 64, "%s", db_column_text(st, 1));
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    return 0;
}

int store_authz_recent_reason(struct store *s, int64_t user_id, int64_t enterprise_id,
                              const char *since, char *reason, size_t cap, bool *found, struct err *e)
{
    static const char sql[] =
        "SELECT reason FROM audit_log WHERE user_id = $1 AND enterprise_id = $2 AND at >= $3"
        " AND reason NOT IN ('worklist', 'api read', 'portal page') ORDER BY id DESC LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, user_id) || db_bind_int64(st, 2, enterprise_id)
        || db_bind_text(st, 3, since, strlen(since)))
        return err_set(e, "cannot bind the audit query");
    rc = db_step(st, e);
    if (rc == DB_ROW)
        snprintf(reason, cap, "%s", db_column_text(st, 0));
    db_reset(st);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    return 0;
}

int store_authz_in_worklist(struct store *s, int64_t enterprise_id, int64_t user_id,
                            const char *since, double alert_probability, bool *in, struct err *e)
{
    static const char sql[] =
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM application WHERE enterprise_id = $1 AND state IN"
        " ('submitted', 'under_review', 'returned', 'resubmitted', 'sanctioned'))"
        " OR EXISTS (SELECT 1 FROM grievance WHERE enterprise_id = $1 AND state <> 'closed')"
        " OR EXISTS (SELECT 1 FROM enterprise_claim WHERE enterprise_id = $1 AND state = 'pending')"
        " OR EXISTS (SELECT 1 FROM stress_score WHERE enterprise_id = $1 AND probability >= $4"
        "            AND month = (SELECT MAX(month) FROM stress_score))"
        " OR EXISTS (SELECT 1 FROM audit_log WHERE user_id = $2 AND enterprise_id = $1 AND at >= $3"
        "            AND (action LIKE 'stress.watchlist.%' OR action LIKE 'awareness.outreach.%'))"
        " THEN 1 ELSE 0 END";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, user_id)
        || db_bind_text(st, 3, since, strlen(since)) || db_bind_double(st, 4, alert_probability))
        return err_set(e, "cannot bind the worklist query");
    rc = db_step(st, e);
    *in = rc == DB_ROW && db_column_int64(st, 0) == 1;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
