/* feed_cfc_usage.c: a common facility centre's use, one row per cluster
 * per month (docs/data-feeds.md §7), keyed by (cluster_id, month). The
 * cluster must be on file (unknown_reference otherwise). Hours above the
 * cluster's monthly capacity are a warning, not a fault: a CFC can run
 * overtime, and the capacity is the planned figure of the project report. */
#include <stdio.h>
#include <string.h>

#include "core/cluster.h"
#include "core/date.h"
#include "ingest/feed.h"
#include "ingest/feed_result.h"
#include "store/store_cluster.h"

enum usage_col { K_CLUSTER, K_MONTH, K_HOURS, K_UNITS, K_REVENUE, K_NCOLS };

static const struct column_spec usage_columns[K_NCOLS] = {
    [K_CLUSTER] = {"cluster_id", true}, [K_MONTH] = {"month", true},
    [K_HOURS] = {"hours_used", true},   [K_UNITS] = {"user_units", true},
    [K_REVENUE] = {"revenue_rs", false},
};

#define F(c) columns_get(rec, index, (c))
#define NAME(c) usage_columns[(c)].name

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct cfc_month u;
    char now[8];

    (void)warning_cap;
    warning[0] = '\0';
    cfc_month_init(&u);
    if (!v_required(F(K_CLUSTER), NAME(K_CLUSTER), why)
        || !v_text(F(K_CLUSTER), NAME(K_CLUSTER), u.cluster_id, sizeof u.cluster_id, why)
        || !v_month(F(K_MONTH), NAME(K_MONTH), true, &u.month, why)
        || !v_count(F(K_HOURS), NAME(K_HOURS), true, &u.hours_used, why)
        || !v_count(F(K_UNITS), NAME(K_UNITS), true, &u.user_units, why)
        || !v_amount(F(K_REVENUE), NAME(K_REVENUE), false, &u.revenue, why))
        return false;
    /* The current month may be reported part-way; a later one cannot. */
    if (u.month > date_month_index(ctx->today)) {
        cluster_month_format(date_month_index(ctx->today), now);
        return v_fail(why, R_DATE_ORDER, "month: %s is after this month (%s)", F(K_MONTH), now);
    }
    u.content_hash = cfc_month_content_hash(&u);
    memcpy(payload, &u, sizeof u);
    return true;
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct cfc_month *u = payload;
    struct upsert_result up;
    int64_t capacity;
    bool found;
    char key[96], month[8];

    u->src_file = file_id;
    u->src_row = row_no;
    cluster_month_format(u->month, month);
    if (store_cluster_find(s, u->cluster_id, &found, &capacity, e) != 0)
        return -1;
    if (!found) {
        r->outcome = FEED_QUARANTINE;
        r->reason = R_UNKNOWN_REFERENCE;
        snprintf(r->msg, sizeof r->msg, "cluster_id %.63s is not a cluster on file", u->cluster_id);
        return 0;
    }
    if (store_cfc_usage_upsert(s, u, &up, e) != 0)
        return -1;
    snprintf(key, sizeof key, "cluster_id %s, month %s", u->cluster_id, month);
    feed_result_from_upsert(r, up.outcome, up.other_row, key);
    if (r->outcome != FEED_QUARANTINE && capacity >= 0 && u->hours_used > capacity)
        snprintf(r->msg, sizeof r->msg,
                 "%s: hours_used %lld is above the CFC's capacity of %lld hours a month", key,
                 (long long)u->hours_used, (long long)capacity);
    return 0;
}

const struct feed feed_cfc_usage = {
    .name = "cfc_usage",
    .columns = usage_columns,
    .n_columns = K_NCOLS,
    .payload_size = sizeof(struct cfc_month),
    .parse = parse_row,
    .store = store_row,
};
