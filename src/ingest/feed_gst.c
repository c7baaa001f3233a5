/* feed_gst.c: the GST returns feed (docs/data-feeds.md §2): one row per
 * return per tax period, keyed by (gstin, return_type, period), attached
 * to the filer's enterprise (store_gst.h). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "ingest/feed.h"
#include "ingest/feed_batch.h"
#include "ingest/feed_result.h"
#include "store/store_gst.h"

enum gst_col { G_GSTIN, G_TYPE, G_FREQUENCY, G_PERIOD, G_DUE, G_FILED, G_TAXABLE, G_TAX, G_NCOLS };

static const struct column_spec gst_columns[G_NCOLS] = {
    [G_GSTIN] = {"gstin", true},          [G_TYPE] = {"return_type", true},
    [G_FREQUENCY] = {"frequency", true},  [G_PERIOD] = {"period", true},
    [G_DUE] = {"due_on", true},           [G_FILED] = {"filed_on", false},
    [G_TAXABLE] = {"taxable_value_rs", false}, [G_TAX] = {"tax_rs", false},
};

static const char *const return_types[] = {"GSTR3B", "CMP08", NULL};
static const char *const frequencies[] = {"monthly", "quarterly", NULL};

#define F(c) columns_get(rec, index, (c))
#define NAME(c) gst_columns[(c)].name

static bool parse_kind(const int *index, const struct csv_record *rec, struct gst_return *g,
                       struct row_error *why)
{
    int type, freq;

    if (!v_word(F(G_TYPE), NAME(G_TYPE), return_types, true, &type, why)
        || !v_word(F(G_FREQUENCY), NAME(G_FREQUENCY), frequencies, true, &freq, why))
        return false;
    /* Composition dealers file CMP-08 once a quarter (CGST Rule 62). */
    if (strcmp(return_types[type], "CMP08") == 0 && strcmp(frequencies[freq], "quarterly") != 0)
        return v_fail(why, R_BAD_ENUM, "frequency: CMP08 is filed quarterly, not '%s'",
                      frequencies[freq]);
    snprintf(g->return_type, sizeof g->return_type, "%s", return_types[type]);
    snprintf(g->frequency, sizeof g->frequency, "%s", frequencies[freq]);
    return true;
}

/* Due and filed after the period ends; filed not after today. */
static bool parse_dates(int32_t today, const int *index, const struct csv_record *rec,
                        struct gst_return *g, struct row_error *why)
{
    int period;
    int32_t ends;
    char d[DATE_STR_LEN];

    if (!v_month(F(G_PERIOD), NAME(G_PERIOD), true, &period, why)
        || !v_date(F(G_DUE), NAME(G_DUE), true, &g->due_on, why)
        || !v_date(F(G_FILED), NAME(G_FILED), false, &g->filed_on, why))
        return false;
    memcpy(g->period, F(G_PERIOD), 8);
    ends = date_month_last(period);
    if (g->due_on <= ends)
        return v_fail(why, R_DATE_ORDER, "due_on: %s is not after the period %s ends", F(G_DUE),
                      g->period);
    if (g->filed_on == DATE_UNKNOWN)
        return true;
    if (g->filed_on <= ends)
        return v_fail(why, R_DATE_ORDER, "filed_on: %s is before the period %s ended", F(G_FILED),
                      g->period);
    if (g->filed_on > today) {
        date_format(today, d);
        return v_fail(why, R_DATE_ORDER, "filed_on: %s is after today (%s)", F(G_FILED), d);
    }
    return true;
}

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct gst_return g;
    const char *gstin = F(G_GSTIN);
    const struct state_info *st;

    (void)warning_cap;
    warning[0] = '\0';
    memset(&g, 0, sizeof g);
    if (!v_id(ID_GSTIN, ctx->ref, gstin, NAME(G_GSTIN), true, why)
        || !v_text(gstin, NAME(G_GSTIN), g.gstin, sizeof g.gstin, why)
        || !parse_kind(index, rec, &g, why) || !parse_dates(ctx->today, index, rec, &g, why)
        || !v_amount(F(G_TAXABLE), NAME(G_TAXABLE), false, &g.taxable_value, why)
        || !v_amount(F(G_TAX), NAME(G_TAX), false, &g.tax, why))
        return false;
    /* A historical code (25, 28) becomes the state's current one, as
     * v_state does; 97 and 99 (other territory, Centre) are kept as given. */
    g.filer_state = (gstin[0] - '0') * 10 + (gstin[1] - '0');
    st = refdata_state_by_gst(ctx->ref, g.filer_state);
    if (st != NULL)
        g.filer_state = st->gst_code;
    g.content_hash = gst_return_hash(&g);
    memcpy(payload, &g, sizeof g);
    return true;
}

static void result_of(const struct gst_return *g, const struct gst_put_result *out,
                      struct feed_store_result *r)
{
    char key[64];

    snprintf(key, sizeof key, "gstin %s, %s %s", g->gstin, g->return_type, g->period);
    feed_result_from_upsert(r, out->outcome, out->other_row, key);
    if (r->outcome == FEED_QUARANTINE)
        return;
    r->new_entity = out->outcome != UPSERT_UNCHANGED && out->link == GST_LINK_NEW;
    r->linked = !r->new_entity;
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct gst_return *g = payload;
    struct gst_put_result out;

    g->src_file = file_id;
    g->src_row = row_no;
    if (store_gst_return_put(s, g, &out, e) != 0)
        return -1;
    result_of(g, &out, r);
    return 0;
}

static int store_batch(struct store *s, int64_t file_id, const int64_t *row_no, void *payloads,
                       const bool *skip, size_t n, struct feed_store_result *r, struct err *e)
{
    struct feed_batch_view v;
    struct gst_put_result *out;
    int rc = -1;

    if (feed_batch_view_make(&v, payloads, sizeof(struct gst_return), skip, n, offsetof(struct gst_return, src_file),
                             offsetof(struct gst_return, src_row), file_id, row_no, e) != 0)
        return -1;
    out = mem_calloc(v.n ? v.n : 1, sizeof *out);
    if (out == NULL)
        err_set(e, "out of memory for a batch of %zu rows", v.n);
    else if (store_gst_return_put_batch(s, (const struct gst_return *const *)v.rows, v.n, out, e) == 0) {
        for (size_t j = 0; j < v.n; j++)
            result_of(v.rows[j], &out[j], &r[v.at[j]]);
        rc = 0;
    }
    mem_free(out);
    feed_batch_view_release(&v);
    return rc;
}

const struct feed feed_gst = {
    .name = "gst",
    .columns = gst_columns,
    .n_columns = G_NCOLS,
    .payload_size = sizeof(struct gst_return),
    .parse = parse_row,
    .store = store_row,
    .store_batch = store_batch,
};
