/* store_gst_batch.c: a batch of GST returns written through COPY
 * (store_gst.h), for backends where one round trip per statement would
 * dominate an ingest (PostgreSQL).
 *
 * The outcome of every row is decided in C by keyed_outcome, exactly as
 * store_gst_return_put decides it row by row; only the reads and the
 * writes move into set operations:
 *
 *   1. COPY the batch into a temporary stage table, position i per row;
 *   2. one SELECT joins the stage with what is stored under each key, the
 *      enterprise each GSTIN already belongs to, and the first position in
 *      the batch with the same key;
 *   3. C walks the rows in order: a row meets the latest earlier row of
 *      its key in the batch that was written, else what was stored — what
 *      it would have met row by row (store_keyed.h, KEYED_NONE). A filer not on file goes the
 *      row-by-row way (store_gst_find_filer), which also makes later rows
 *      of its GSTIN find it;
 *   4. COPY the positions to write with their enterprise, and one INSERT
 *      ... SELECT ... ON CONFLICT writes them all.
 *
 * Both stage tables are ON COMMIT DELETE ROWS, so the batch's transaction
 * is their whole life. */
#include "store/store_gst.h"

#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_stage.h"

static const char stage_ddl[] =
    "CREATE TEMP TABLE IF NOT EXISTS gst_stage (i BIGINT PRIMARY KEY, gstin TEXT, return_type TEXT,"
    " period TEXT, frequency TEXT, due_on TEXT, filed_on TEXT, taxable_value_paise BIGINT,"
    " tax_paise BIGINT, content_hash BIGINT, src_file BIGINT, src_row BIGINT) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS gst_stage_write (i BIGINT PRIMARY KEY, enterprise_id BIGINT)"
    " ON COMMIT DELETE ROWS";

static const char copy_stage[] =
    "COPY gst_stage (i, gstin, return_type, period, frequency, due_on, filed_on,"
    " taxable_value_paise, tax_paise, content_hash, src_file, src_row) FROM STDIN";

static const char read_stage[] =
    "SELECT s.i, g.src_file, g.src_row, g.content_hash, eg.enterprise_id,"
    " MIN(s.i) OVER (PARTITION BY s.gstin, s.return_type, s.period)"
    " FROM gst_stage s"
    " LEFT JOIN gst_return g ON g.gstin = s.gstin AND g.return_type = s.return_type AND g.period = s.period"
    " LEFT JOIN enterprise_gstin eg ON eg.gstin = s.gstin"
    " ORDER BY s.i";

static const char copy_write[] = "COPY gst_stage_write (i, enterprise_id) FROM STDIN";

static const char write_rows[] =
    "INSERT INTO gst_return(gstin, return_type, period, enterprise_id, frequency, due_on,"
    " filed_on, taxable_value_paise, tax_paise, content_hash, src_file, src_row)"
    " SELECT s.gstin, s.return_type, s.period, w.enterprise_id, s.frequency, s.due_on, s.filed_on,"
    " s.taxable_value_paise, s.tax_paise, s.content_hash, s.src_file, s.src_row"
    " FROM gst_stage s JOIN gst_stage_write w ON w.i = s.i"
    " ON CONFLICT (gstin, return_type, period) DO UPDATE SET"
    " enterprise_id = excluded.enterprise_id, frequency = excluded.frequency,"
    " due_on = excluded.due_on, filed_on = excluded.filed_on,"
    " taxable_value_paise = excluded.taxable_value_paise, tax_paise = excluded.tax_paise,"
    " content_hash = excluded.content_hash, src_file = excluded.src_file,"
    " src_row = excluded.src_row";

/* What step 2 read for one row. */
struct staged {
    struct keyed_existing stored;
    int64_t enterprise_by_gstin;  /* 0: the GSTIN is not on file */
    size_t first;                 /* first position of the batch with this key */
    size_t latest;                /* at a key's first position: its latest row written, KEYED_NONE */
};

static int fill_stage(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct gst_return *r = ((const struct gst_return *const *)ctx)[i];
    const char **f = row->f;
    (void)e;
    date_format(r->due_on, row->date[0]);
    f[0] = stage_num(row, 0, (int64_t)i);
    f[1] = r->gstin;
    f[2] = r->return_type;
    f[3] = r->period;
    f[4] = r->frequency;
    f[5] = row->date[0];
    f[6] = NULL;
    if (r->filed_on != DATE_UNKNOWN) {
        date_format(r->filed_on, row->date[1]);
        f[6] = row->date[1];
    }
    f[7] = r->taxable_value < 0 ? NULL : stage_num(row, 7, r->taxable_value);
    f[8] = r->tax < 0 ? NULL : stage_num(row, 8, r->tax);
    f[9] = stage_num(row, 9, (int64_t)r->content_hash);
    f[10] = stage_num(row, 10, r->src_file);
    f[11] = stage_num(row, 11, r->src_row);
    return 0;
}


static void read_staged(struct db_stmt *q, void *row)
{
    struct staged *x = row;

    keyed_columns(q, 1, &x->stored);
    x->enterprise_by_gstin = db_column_int64(q, 4);
    x->first = (size_t)db_column_int64(q, 5);
    x->latest = KEYED_NONE;
}

/* Step 3 for row i: its outcome, and for a write its enterprise. */
static int decide(struct store *s, const struct gst_return *const *rows, struct staged *st,
                  size_t i, struct gst_put_result *out, struct err *e)
{
    const struct gst_return *r = rows[i];
    struct keyed_existing met = st[i].stored;
    size_t *latest = &st[st[i].first].latest;

    memset(&out[i], 0, sizeof out[i]);
    if (*latest != KEYED_NONE)
        keyed_meet_earlier(&met, rows[*latest]->src_file, rows[*latest]->src_row,
                           rows[*latest]->content_hash);
    out[i].outcome = keyed_outcome(&met, r->src_file, r->src_row, r->content_hash);
    out[i].other_row = met.src_row;
    if (!keyed_writes(out[i].outcome))
        return 0;
    *latest = i;
    if (st[i].enterprise_by_gstin > 0) {
        out[i].enterprise_id = st[i].enterprise_by_gstin;
        out[i].link = GST_LINK_GSTIN;
        return 0;
    }
    return store_gst_find_filer(s, r, &out[i], e);
}

static int decide_row(struct stage_pass *p, size_t i, struct err *e)
{
    const struct gst_return *const *rows = p->rows;

    if (decide(p->ctx, rows, p->staged, i, p->out, e) != 0)
        return err_prefix(e, "gstin %s: ", rows[i]->gstin);
    return 0;
}

static int fill_write(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct gst_put_result *out = ((const struct stage_pass *)ctx)->out;

    (void)e;
    if (!keyed_writes(out[i].outcome))
        return 1;
    row->f[0] = stage_num(row, 0, (int64_t)i);
    row->f[1] = stage_num(row, 1, out[i].enterprise_id);
    return 0;
}


static const struct stage_batch gst_batch = {
    .name = "gst",
    .ddl = stage_ddl,
    .copy_stage = copy_stage,
    .stage_fields = 12,
    .fill_stage = fill_stage,
    .read_stage = read_stage,
    .staged_size = sizeof(struct staged),
    .read_staged = read_staged,
    .decide = decide_row,
    .copy_write = copy_write,
    .write_fields = 2,
    .fill_write = fill_write,
    .writes = {write_rows},
};

int store_gst_return_put_batch(struct store *s, const struct gst_return *const *rows, size_t n,
                               struct gst_put_result *out, struct err *e)
{
    struct stage_pass p = {rows, NULL, out, s};

    return store_stage_batch(store_db(s), &gst_batch, &p, n, e);
}
