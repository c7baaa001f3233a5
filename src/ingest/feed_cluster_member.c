/* feed_cluster_member.c: cluster membership (docs/data-feeds.md §6), keyed
 * by (cluster_id, udyam_number). The cluster and the enterprise must both
 * be on file (unknown_reference otherwise), so clusters load before their
 * members; every member row that loads is linked to its enterprise. */
#include <stdio.h>
#include <string.h>

#include "core/cluster.h"
#include "core/date.h"
#include "ingest/feed.h"
#include "ingest/feed_result.h"
#include "store/store_cluster.h"

enum member_col { M_CLUSTER, M_UDYAM, M_JOINED, M_ROLE, M_NCOLS };

static const struct column_spec member_columns[M_NCOLS] = {
    [M_CLUSTER] = {"cluster_id", true}, [M_UDYAM] = {"udyam_number", true},
    [M_JOINED] = {"joined_on", false},  [M_ROLE] = {"role", true},
};

#define F(c) columns_get(rec, index, (c))
#define NAME(c) member_columns[(c)].name

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct cluster_member m;
    char d[DATE_STR_LEN];

    (void)warning_cap;
    warning[0] = '\0';
    cluster_member_init(&m);
    if (!v_required(F(M_CLUSTER), NAME(M_CLUSTER), why)
        || !v_text(F(M_CLUSTER), NAME(M_CLUSTER), m.cluster_id, sizeof m.cluster_id, why)
        || !v_id(ID_UDYAM, ctx->ref, F(M_UDYAM), NAME(M_UDYAM), true, why)
        || !v_text(F(M_UDYAM), NAME(M_UDYAM), m.udyam, sizeof m.udyam, why)
        || !v_date(F(M_JOINED), NAME(M_JOINED), false, &m.joined_on, why)
        || !v_word(F(M_ROLE), NAME(M_ROLE), cluster_roles, true, &m.role, why))
        return false;
    if (m.joined_on != DATE_UNKNOWN && m.joined_on > ctx->today) {
        date_format(ctx->today, d);
        return v_fail(why, R_DATE_ORDER, "joined_on: %s is after today (%s)", F(M_JOINED), d);
    }
    m.content_hash = cluster_member_content_hash(&m);
    memcpy(payload, &m, sizeof m);
    return true;
}

/* "cluster_id X is not a cluster on file" */
static void unknown_reference(struct feed_store_result *r, const char *col, const char *value,
                              const char *what)
{
    r->outcome = FEED_QUARANTINE;
    r->reason = R_UNKNOWN_REFERENCE;
    snprintf(r->msg, sizeof r->msg, "%s %.63s is not %s on file", col, value, what);
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct cluster_member *m = payload;
    struct upsert_result u;
    int64_t enterprise_id = 0, capacity;
    bool found;
    char key[112];

    m->src_file = file_id;
    m->src_row = row_no;
    if (store_cluster_find(s, m->cluster_id, &found, &capacity, e) != 0)
        return -1;
    if (!found) {
        unknown_reference(r, "cluster_id", m->cluster_id, "a cluster");
        return 0;
    }
    if (store_enterprise_find_udyam(s, m->udyam, &enterprise_id, &found, e) != 0)
        return -1;
    if (!found) {
        unknown_reference(r, "udyam_number", m->udyam, "an enterprise");
        return 0;
    }
    if (store_cluster_member_upsert(s, m, enterprise_id, &u, e) != 0)
        return -1;
    snprintf(key, sizeof key, "cluster_id %s, udyam_number %s", m->cluster_id, m->udyam);
    feed_result_from_upsert(r, u.outcome, u.other_row, key);
    r->linked = r->outcome != FEED_QUARANTINE;
    return 0;
}

const struct feed feed_cluster_member = {
    .name = "cluster_member",
    .columns = member_columns,
    .n_columns = M_NCOLS,
    .payload_size = sizeof(struct cluster_member),
    .parse = parse_row,
    .store = store_row,
};
