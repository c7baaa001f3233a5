/* store_energy_batch.c: a batch of the energy feed's declarations written
 * through COPY (store_energy.h), on the pattern of store_epfo_batch.c. One
 * SELECT reads, per row, the enterprise its Udyam number names, what the
 * feed stored for that enterprise, year and source, and the first position
 * of the batch with that key; C decides every row as feed_energy.c and
 * store_energy_feed_upsert decide it row by row; one INSERT ... SELECT
 * writes the rows kept. */
#include "store/store_energy.h"

#include <string.h>

#include "analytics/emission.h"
#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_stage.h"

static const char stage_ddl[] =
    "CREATE TEMP TABLE IF NOT EXISTS energy_stage (i BIGINT PRIMARY KEY, udyam TEXT,"
    " fiscal_year TEXT, source TEXT, quantity_milli BIGINT, unit TEXT, content_hash BIGINT,"
    " src_file BIGINT, src_row BIGINT) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS energy_stage_write (i BIGINT PRIMARY KEY, enterprise_id BIGINT,"
    " declared_at TEXT) ON COMMIT DELETE ROWS";

static const char copy_stage[] =
    "COPY energy_stage (i, udyam, fiscal_year, source, quantity_milli, unit, content_hash,"
    " src_file, src_row) FROM STDIN";

static const char read_stage[] =
    "SELECT s.i, k.src_file, k.src_row, k.content_hash, e.id,"
    " MIN(s.i) OVER (PARTITION BY s.udyam, s.fiscal_year, s.source)"
    " FROM energy_stage s"
    " LEFT JOIN enterprise e ON e.udyam = s.udyam"
    " LEFT JOIN energy_declaration k ON k.enterprise_id = e.id AND k.fiscal_year = s.fiscal_year"
    "  AND k.source = s.source AND k.origin = 'feed'"
    " ORDER BY s.i";

static const char copy_write[] = "COPY energy_stage_write (i, enterprise_id, declared_at) FROM STDIN";

/* A refresh (the same content from another file) moves only the
 * provenance, as row by row: the declaration keeps when it was made. */
static const char write_rows[] =
    "INSERT INTO energy_declaration (enterprise_id, fiscal_year, source, quantity_milli, unit,"
    " origin, declared_at, content_hash, src_file, src_row)"
    " SELECT w.enterprise_id, s.fiscal_year, s.source, s.quantity_milli, s.unit, 'feed', w.declared_at,"
    " s.content_hash, s.src_file, s.src_row"
    " FROM energy_stage s JOIN energy_stage_write w ON w.i = s.i"
    " ON CONFLICT (enterprise_id, fiscal_year, source, origin) DO UPDATE SET"
    " quantity_milli = excluded.quantity_milli, unit = excluded.unit,"
    " declared_at = CASE WHEN energy_declaration.content_hash = excluded.content_hash"
    "  THEN energy_declaration.declared_at ELSE excluded.declared_at END,"
    " content_hash = excluded.content_hash, src_file = excluded.src_file, src_row = excluded.src_row";

struct staged {
    struct keyed_existing stored;
    int64_t enterprise;           /* by the Udyam number; 0 not on file */
    size_t first;                 /* first position of the batch with this key */
    size_t latest;                /* at a key's first position: its latest row written, KEYED_NONE */
};

static int fill_stage(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct energy_feed_row *r = ((const struct energy_feed_row *const *)ctx)[i];
    const char **f = row->f;

    (void)e;
    f[0] = stage_num(row, 0, (int64_t)i);
    f[1] = r->udyam;
    f[2] = r->fiscal_year;
    f[3] = energy_source_code((enum energy_source)r->source);
    f[4] = stage_num(row, 4, r->quantity_milli);
    f[5] = energy_source_unit((enum energy_source)r->source);
    f[6] = stage_num(row, 6, (int64_t)r->content_hash);
    f[7] = stage_num(row, 7, r->src_file);
    f[8] = stage_num(row, 8, r->src_row);
    return 0;
}

static void read_staged(struct db_stmt *q, void *row)
{
    struct staged *x = row;

    keyed_columns(q, 1, &x->stored);
    x->enterprise = db_column_int64(q, 4);
    x->first = (size_t)db_column_int64(q, 5);
    x->latest = KEYED_NONE;
}

/* Row i as feed_energy.c's store_row decides it: unknown_reference when
 * the Udyam number is not on file, else the keyed outcome. */
static int decide(struct stage_pass *p, size_t i, struct err *e)
{
    const struct energy_feed_row *const *rows = p->rows;
    struct staged *st = p->staged;
    struct energy_put_result *out = p->out;
    const struct energy_feed_row *r = rows[i];
    size_t *latest = &st[st[i].first].latest;
    struct keyed_existing met = st[i].stored;
    struct energy_put_result *o = &out[i];

    (void)e;
    memset(o, 0, sizeof *o);
    o->u.id = st[i].enterprise;
    if (o->u.id <= 0) {
        o->unknown_reference = true;
        return 0;
    }
    if (*latest != KEYED_NONE)
        keyed_meet_earlier(&met, rows[*latest]->src_file, rows[*latest]->src_row,
                           rows[*latest]->content_hash);
    o->u.outcome = keyed_outcome(&met, r->src_file, r->src_row, r->content_hash);
    o->u.other_row = met.src_row;
    if (keyed_writes(o->u.outcome))
        *latest = i;
    return 0;
}

static int fill_write(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct stage_pass *p = ctx;
    const struct energy_put_result *out = p->out;

    (void)e;
    if (out[i].unknown_reference || !keyed_writes(out[i].u.outcome))
        return 1;
    row->f[0] = stage_num(row, 0, (int64_t)i);
    row->f[1] = stage_num(row, 1, out[i].u.id);
    row->f[2] = store_now(p->ctx);    /* a new or changed declaration's time, as row by row */
    return 0;
}

static const struct stage_batch energy_batch = {
    .name = "energy",
    .ddl = stage_ddl,
    .copy_stage = copy_stage,
    .stage_fields = 9,
    .fill_stage = fill_stage,
    .read_stage = read_stage,
    .staged_size = sizeof(struct staged),
    .read_staged = read_staged,
    .decide = decide,
    .copy_write = copy_write,
    .write_fields = 3,
    .fill_write = fill_write,
    .writes = {write_rows},
};

int store_energy_put_batch(struct store *s, const struct energy_feed_row *const *rows, size_t n,
                           struct energy_put_result *out, struct err *e)
{
    struct stage_pass p = {rows, NULL, out, s};

    return store_stage_batch(store_db(s), &energy_batch, &p, n, e);
}
