/* feed_energy.c: declared energy use, one row per enterprise, financial
 * year and source (docs/data-feeds.md §9, docs/sustainability.md), keyed
 * by (udyam_number, fiscal_year, source). The unit must be the source's
 * (kWh for electricity, kg for diesel, GJ for LPG, natural gas and coal:
 * the units the cited factors are per); the enterprise must be on file. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "analytics/emission.h"
#include "core/alloc.h"
#include "core/date.h"
#include "core/row_hash.h"
#include "ingest/feed.h"
#include "ingest/feed_batch.h"
#include "ingest/feed_result.h"
#include "store/store_energy.h"

enum energy_col { N_UDYAM, N_YEAR, N_SOURCE, N_QUANTITY, N_UNIT, N_NCOLS };

static const struct column_spec energy_columns[N_NCOLS] = {
    [N_UDYAM] = {"udyam_number", true}, [N_YEAR] = {"fiscal_year", true},
    [N_SOURCE] = {"source", true},      [N_QUANTITY] = {"quantity", true},
    [N_UNIT] = {"unit", true},
};

#define F(c) columns_get(rec, index, (c))
#define NAME(c) energy_columns[(c)].name

/* The financial year that contains `today` (April to March). */
static int current_fy(int32_t today)
{
    int y, m, d;

    date_to_ymd(today, &y, &m, &d);
    return m >= 4 ? y : y - 1;
}

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct energy_feed_row r;
    int fy, src;
    uint64_t h;

    (void)warning_cap;
    warning[0] = '\0';
    memset(&r, 0, sizeof r);
    if (!v_id(ID_UDYAM, ctx->ref, F(N_UDYAM), NAME(N_UDYAM), true, why)
        || !v_text(F(N_UDYAM), NAME(N_UDYAM), r.udyam, sizeof r.udyam, why)
        || !v_required(F(N_YEAR), NAME(N_YEAR), why) || !v_required(F(N_SOURCE), NAME(N_SOURCE), why)
        || !v_required(F(N_QUANTITY), NAME(N_QUANTITY), why)
        || !v_required(F(N_UNIT), NAME(N_UNIT), why))
        return false;
    fy = emission_fy_parse(F(N_YEAR));
    if (fy < 0)
        return v_fail(why, R_BAD_DATE, "fiscal_year: '%.20s' is not a financial year like 2024-25",
                      F(N_YEAR));
    if (fy > current_fy(ctx->today))
        return v_fail(why, R_DATE_ORDER, "fiscal_year: %s has not begun", F(N_YEAR));
    src = energy_source_from_code(F(N_SOURCE));
    if (src < 0)
        return v_fail(why, R_BAD_ENUM,
                      "source: '%.32s' is not one of electricity, diesel, lpg, natural_gas, coal",
                      F(N_SOURCE));
    if (strcmp(F(N_UNIT), energy_source_unit((enum energy_source)src)) != 0)
        return v_fail(why, R_BAD_ENUM, "unit: %s is declared in %s, not '%.16s'", F(N_SOURCE),
                      energy_source_unit((enum energy_source)src), F(N_UNIT));
    if (!emission_quantity_parse(F(N_QUANTITY), &r.quantity_milli))
        return v_fail(why, R_BAD_NUMBER,
                      "quantity: '%.32s' is not a non-negative number with at most 3 decimals",
                      F(N_QUANTITY));
    emission_fy_format(fy, r.fiscal_year);
    r.source = src;
    h = row_hash_str(ROW_HASH_INIT, r.udyam);
    h = row_hash_str(h, r.fiscal_year);
    h = row_hash_i64(h, src);
    r.content_hash = row_hash_i64(h, r.quantity_milli);
    memcpy(payload, &r, sizeof r);
    return true;
}

static void result_of(const struct energy_feed_row *x, const struct upsert_result *u,
                      struct feed_store_result *r)
{
    char key[96];

    snprintf(key, sizeof key, "udyam_number %s, %s, %s", x->udyam, x->fiscal_year,
             energy_source_code((enum energy_source)x->source));
    feed_result_from_upsert(r, u->outcome, u->other_row, key);
    r->linked = r->outcome != FEED_QUARANTINE;
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct energy_feed_row *x = payload;
    struct upsert_result u;
    int64_t id;
    int rc;

    x->src_file = file_id;
    x->src_row = row_no;
    if ((rc = feed_enterprise_by_udyam(s, x->udyam, &id, r, e)) != 1)
        return rc;
    if (store_energy_feed_upsert(s, id, x, &u, e) != 0)
        return -1;
    result_of(x, &u, r);
    return 0;
}

static int store_batch(struct store *s, int64_t file_id, const int64_t *row_no, void *payloads,
                       const bool *skip, size_t n, struct feed_store_result *r, struct err *e)
{
    struct feed_batch_view v;
    struct energy_put_result *out;
    int rc = -1;

    if (feed_batch_view_make(&v, payloads, sizeof(struct energy_feed_row), skip, n,
                             offsetof(struct energy_feed_row, src_file),
                             offsetof(struct energy_feed_row, src_row), file_id, row_no, e) != 0)
        return -1;
    out = mem_calloc(v.n ? v.n : 1, sizeof *out);
    if (out == NULL)
        err_set(e, "out of memory for a batch of %zu rows", v.n);
    else if (store_energy_put_batch(s, (const struct energy_feed_row *const *)v.rows, v.n, out, e) == 0) {
        for (size_t j = 0; j < v.n; j++) {
            const struct energy_feed_row *x = v.rows[j];
            struct feed_store_result *rj = &r[v.at[j]];
            if (out[j].unknown_reference)
                feed_unknown_udyam(x->udyam, rj);
            else
                result_of(x, &out[j].u, rj);
        }
        rc = 0;
    }
    mem_free(out);
    feed_batch_view_release(&v);
    return rc;
}

const struct feed feed_energy = {
    .name = "energy",
    .columns = energy_columns,
    .n_columns = N_NCOLS,
    .payload_size = sizeof(struct energy_feed_row),
    .parse = parse_row,
    .store = store_row,
    .store_batch = store_batch,
};
