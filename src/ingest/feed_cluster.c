/* feed_cluster.c: the cluster register (docs/data-feeds.md §5), one row
 * per cluster, keyed by cluster_id. Clusters create no enterprise. */
#include <stdio.h>
#include <string.h>

#include "core/cluster.h"
#include "core/date.h"
#include "ingest/feed.h"
#include "ingest/feed_result.h"
#include "store/store_cluster.h"

enum cluster_col {
    C_ID, C_NAME, C_SCHEME, C_STATE, C_DISTRICT, C_PRODUCT, C_NIC, C_TRADITIONAL, C_APPROVED,
    C_COST, C_GRANT, C_CAPACITY, C_STATUS, C_NCOLS
};

static const struct column_spec cluster_columns[C_NCOLS] = {
    [C_ID] = {"cluster_id", true},          [C_NAME] = {"name", true},
    [C_SCHEME] = {"scheme", true},          [C_STATE] = {"state_code", true},
    [C_DISTRICT] = {"district", true},      [C_PRODUCT] = {"product", true},
    [C_NIC] = {"nic_code", true},           [C_TRADITIONAL] = {"traditional", true},
    [C_APPROVED] = {"approved_on", false},  [C_COST] = {"project_cost_rs", false},
    [C_GRANT] = {"grant_rs", false},        [C_CAPACITY] = {"cfc_capacity_hours", false},
    [C_STATUS] = {"status", true},
};

#define F(c) columns_get(rec, index, (c))
#define NAME(c) cluster_columns[(c)].name

static bool parse_identity(const int *index, const struct csv_record *rec, struct cluster *c,
                           struct row_error *why)
{
    return v_required(F(C_ID), NAME(C_ID), why)
           && v_text(F(C_ID), NAME(C_ID), c->id, sizeof c->id, why)
           && v_required(F(C_NAME), NAME(C_NAME), why)
           && v_text(F(C_NAME), NAME(C_NAME), c->name, sizeof c->name, why)
           && v_enum(F(C_SCHEME), NAME(C_SCHEME), PF_CLUSTER_SCHEME, true, &c->scheme, why)
           && v_word(F(C_STATUS), NAME(C_STATUS), cluster_statuses, true, &c->status, why);
}

static bool parse_product(const struct refdata *ref, const int *index,
                          const struct csv_record *rec, struct cluster *c, struct row_error *why)
{
    if (!v_state(ref, F(C_STATE), NAME(C_STATE), &c->state, why)
        || !v_district(ref, c->state, F(C_DISTRICT), NAME(C_DISTRICT), c->district,
                       sizeof c->district, why)
        || !v_required(F(C_PRODUCT), NAME(C_PRODUCT), why)
        || !v_text(F(C_PRODUCT), NAME(C_PRODUCT), c->product, sizeof c->product, why)
        || !v_nic(ref, F(C_NIC), NAME(C_NIC), c->nic, why)
        || !v_required(F(C_TRADITIONAL), NAME(C_TRADITIONAL), why))
        return false;
    return v_yes_no(F(C_TRADITIONAL), NAME(C_TRADITIONAL), &c->traditional, why);
}

static bool parse_project(int32_t today, const int *index, const struct csv_record *rec,
                          struct cluster *c, struct row_error *why)
{
    char d[DATE_STR_LEN];

    if (!v_date(F(C_APPROVED), NAME(C_APPROVED), false, &c->approved_on, why)
        || !v_amount(F(C_COST), NAME(C_COST), false, &c->project_cost, why)
        || !v_amount(F(C_GRANT), NAME(C_GRANT), false, &c->grant, why)
        || !v_count(F(C_CAPACITY), NAME(C_CAPACITY), false, &c->cfc_capacity_hours, why))
        return false;
    if (c->approved_on != DATE_UNKNOWN && c->approved_on > today) {
        date_format(today, d);
        return v_fail(why, R_DATE_ORDER, "approved_on: %s is after today (%s)", F(C_APPROVED), d);
    }
    /* The central grant is a share of the sanctioned cost, never more. */
    if (c->grant >= 0 && c->project_cost >= 0 && c->grant > c->project_cost)
        return v_fail(why, R_BAD_AMOUNT, "grant_rs: %s exceeds project_cost_rs %s", F(C_GRANT),
                      F(C_COST));
    return true;
}

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct cluster c;

    (void)warning_cap;
    warning[0] = '\0';
    cluster_init(&c);
    if (!parse_identity(index, rec, &c, why) || !parse_product(ctx->ref, index, rec, &c, why)
        || !parse_project(ctx->today, index, rec, &c, why))
        return false;
    c.content_hash = cluster_content_hash(&c);
    memcpy(payload, &c, sizeof c);
    return true;
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct cluster *c = payload;
    struct upsert_result u;
    char key[96];

    c->src_file = file_id;
    c->src_row = row_no;
    if (store_cluster_upsert(s, c, &u, e) != 0)
        return -1;
    snprintf(key, sizeof key, "cluster_id %s", c->id);
    feed_result_from_upsert(r, u.outcome, u.other_row, key);
    return 0;
}

const struct feed feed_cluster = {
    .name = "cluster",
    .columns = cluster_columns,
    .n_columns = C_NCOLS,
    .payload_size = sizeof(struct cluster),
    .parse = parse_row,
    .store = store_row,
};
