/* store_epfo_batch.c: a batch of EPFO returns written through COPY
 * (store_epfo.h), on the pattern of store_skilling_batch.c. One SELECT
 * reads, per row, what is stored under (establishment_code, wage_month),
 * the first position of the batch with that key, and the enterprises its
 * PAN and its GSTIN name; C decides every row as feed_epfo.c and
 * store_epfo_upsert decide it row by row; one INSERT ... SELECT writes the
 * rows kept. */
#include "store/store_epfo.h"

#include <string.h>

#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_stage.h"

static const char stage_ddl[] =
    "CREATE TEMP TABLE IF NOT EXISTS epfo_stage (i BIGINT PRIMARY KEY, establishment_code TEXT,"
    " wage_month TEXT, pan TEXT, gstin TEXT, members BIGINT, wages_paise BIGINT,"
    " content_hash BIGINT, src_file BIGINT, src_row BIGINT) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS epfo_stage_write (i BIGINT PRIMARY KEY, enterprise_id BIGINT)"
    " ON COMMIT DELETE ROWS";

static const char copy_stage[] =
    "COPY epfo_stage (i, establishment_code, wage_month, pan, gstin, members, wages_paise,"
    " content_hash, src_file, src_row) FROM STDIN";

static const char read_stage[] =
    "SELECT s.i, k.src_file, k.src_row, k.content_hash, k.enterprise_id,"
    " MIN(s.i) OVER (PARTITION BY s.establishment_code, s.wage_month), ep.id, eg.enterprise_id"
    " FROM epfo_stage s"
    " LEFT JOIN epfo_return k ON k.establishment_code = s.establishment_code"
    "  AND k.wage_month = s.wage_month"
    " LEFT JOIN enterprise ep ON ep.pan = s.pan"
    " LEFT JOIN enterprise_gstin eg ON eg.gstin = s.gstin"
    " ORDER BY s.i";

static const char copy_write[] = "COPY epfo_stage_write (i, enterprise_id) FROM STDIN";

static const char write_rows[] =
    "INSERT INTO epfo_return (establishment_code, wage_month, enterprise_id, pan, gstin, members,"
    " wages_paise, content_hash, src_file, src_row)"
    " SELECT s.establishment_code, s.wage_month, w.enterprise_id, s.pan, s.gstin, s.members,"
    " s.wages_paise, s.content_hash, s.src_file, s.src_row"
    " FROM epfo_stage s JOIN epfo_stage_write w ON w.i = s.i"
    " ON CONFLICT (establishment_code, wage_month) DO UPDATE SET enterprise_id = excluded.enterprise_id,"
    " pan = excluded.pan, gstin = excluded.gstin, members = excluded.members,"
    " wages_paise = excluded.wages_paise, content_hash = excluded.content_hash,"
    " src_file = excluded.src_file, src_row = excluded.src_row";

struct staged {
    struct keyed_existing stored;
    int64_t stored_enterprise;    /* the stored row's enterprise */
    size_t first;                 /* first position of the batch with this key */
    size_t latest;                /* at a key's first position: its latest row written, KEYED_NONE */
    int64_t by_pan, by_gstin;     /* 0: not an enterprise's on file */
    int64_t written_enterprise;   /* what this row wrote as its enterprise, when written */
};

static int fill_stage(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct epfo_feed_row *r = ((const struct epfo_feed_row *const *)ctx)[i];
    const char **f = row->f;

    (void)e;
    f[0] = stage_num(row, 0, (int64_t)i);
    f[1] = r->establishment;
    f[2] = r->wage_month;
    f[3] = r->pan;
    f[4] = r->gstin[0] ? r->gstin : NULL;
    f[5] = stage_num(row, 5, r->members);
    f[6] = stage_num(row, 6, r->wages_paise);
    f[7] = stage_num(row, 7, (int64_t)r->content_hash);
    f[8] = stage_num(row, 8, r->src_file);
    f[9] = stage_num(row, 9, r->src_row);
    return 0;
}

static void read_staged(struct db_stmt *q, void *row)
{
    struct staged *x = row;

    keyed_columns(q, 1, &x->stored);
    x->stored_enterprise = db_column_int64(q, 4);
    x->first = (size_t)db_column_int64(q, 5);
    x->latest = KEYED_NONE;
    x->by_pan = db_column_int64(q, 6);
    x->by_gstin = db_column_int64(q, 7);
}

/* Row i as feed_epfo.c's store_row decides it: the enterprise by PAN, else
 * by GSTIN, else unknown_reference before the key is looked at; then the
 * keyed outcome. A refresh moves only the provenance, so the stored
 * enterprise stays. */
static int decide(struct stage_pass *p, size_t i, struct err *e)
{
    const struct epfo_feed_row *const *rows = p->rows;
    struct staged *st = p->staged;
    struct epfo_put_result *out = p->out;
    const struct epfo_feed_row *r = rows[i];
    struct staged *x = &st[i];
    size_t *latest = &st[x->first].latest;
    struct keyed_existing met = x->stored;
    int64_t met_enterprise = x->stored_enterprise;
    struct epfo_put_result *o = &out[i];

    (void)e;
    memset(o, 0, sizeof *o);
    o->u.id = x->by_pan > 0 ? x->by_pan : (r->gstin[0] ? x->by_gstin : 0);
    if (o->u.id <= 0) {
        o->unknown_reference = true;
        return 0;
    }
    if (*latest != KEYED_NONE) {
        keyed_meet_earlier(&met, rows[*latest]->src_file, rows[*latest]->src_row,
                           rows[*latest]->content_hash);
        met_enterprise = st[*latest].written_enterprise;
    }
    o->u.outcome = keyed_outcome(&met, r->src_file, r->src_row, r->content_hash);
    o->u.other_row = met.src_row;
    if (!keyed_writes(o->u.outcome))
        return 0;
    x->written_enterprise = o->u.outcome == UPSERT_REFRESHED ? met_enterprise : o->u.id;
    *latest = i;
    return 0;
}

static int fill_write(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct stage_pass *p = ctx;
    const struct epfo_put_result *out = p->out;
    const struct staged *st = p->staged;

    (void)e;
    if (out[i].unknown_reference || !keyed_writes(out[i].u.outcome))
        return 1;
    row->f[0] = stage_num(row, 0, (int64_t)i);
    row->f[1] = stage_num(row, 1, st[i].written_enterprise);
    return 0;
}

static const struct stage_batch epfo_batch = {
    .name = "epfo",
    .ddl = stage_ddl,
    .copy_stage = copy_stage,
    .stage_fields = 10,
    .fill_stage = fill_stage,
    .read_stage = read_stage,
    .staged_size = sizeof(struct staged),
    .read_staged = read_staged,
    .decide = decide,
    .copy_write = copy_write,
    .write_fields = 2,
    .fill_write = fill_write,
    .writes = {write_rows},
};

int store_epfo_put_batch(struct store *s, const struct epfo_feed_row *const *rows, size_t n,
                         struct epfo_put_result *out, struct err *e)
{
    struct stage_pass p = {rows, NULL, out, NULL};

    return store_stage_batch(store_db(s), &epfo_batch, &p, n, e);
}
