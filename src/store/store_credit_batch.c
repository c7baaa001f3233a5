/* store_credit_batch.c: a batch of credit facility-months written through
 * COPY (store_credit.h), on the pattern of store_gst_batch.c: the outcome
 * of every row is decided in C exactly as store_credit_put decides it row
 * by row, and only the reads and writes become set operations.
 *
 *   1. COPY the batch into a stage table, position i per row;
 *   2. one SELECT gives, per row, what is stored under its key, the first
 *      position of the batch with the same key, the enterprise of its
 *      Udyam number (with the PAN on file) and the holder of its PAN;
 *   3. C walks the rows in order (a row meets the latest earlier row of its
 *      key that was stored, else what is on file);
 *   4. COPY the stored positions with their enterprise; one statement
 *      upserts each facility's terms from its latest month in the batch —
 *      the last row of that month, as row by row the last such row wins
 *      (the terms move only forward: the same WHERE as put_facility) —
 *      and one upserts every facility-month. */
#include "store/store_credit.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_stage.h"

static const char stage_ddl[] =
    "CREATE TEMP TABLE IF NOT EXISTS credit_stage (i BIGINT PRIMARY KEY, facility_id TEXT,"
    " lender_ifsc TEXT, borrower_pan TEXT, borrower_udyam TEXT, facility_type TEXT, scheme TEXT,"
    " sanctioned_on TEXT, sanctioned_paise BIGINT, month TEXT, outstanding_paise BIGINT, dpd BIGINT,"
    " asset_class TEXT, content_hash BIGINT, src_file BIGINT, src_row BIGINT) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS credit_stage_write (i BIGINT PRIMARY KEY, enterprise_id BIGINT)"
    " ON COMMIT DELETE ROWS";

static const char copy_stage[] =
    "COPY credit_stage (i, facility_id, lender_ifsc, borrower_pan, borrower_udyam, facility_type,"
    " scheme, sanctioned_on, sanctioned_paise, month, outstanding_paise, dpd, asset_class,"
    " content_hash, src_file, src_row) FROM STDIN";

static const char read_stage[] =
    "SELECT s.i, c.src_file, c.src_row, c.content_hash,"
    " MIN(s.i) OVER (PARTITION BY s.facility_id, s.month),"
    " eu.id, COALESCE(eu.pan, ''), ep.id"
    " FROM credit_stage s"
    " LEFT JOIN credit_status c ON c.facility_id = s.facility_id AND c.month = s.month"
    " LEFT JOIN enterprise eu ON eu.udyam = s.borrower_udyam"
    " LEFT JOIN enterprise ep ON ep.pan = s.borrower_pan"
    " ORDER BY s.i";

static const char copy_write[] = "COPY credit_stage_write (i, enterprise_id) FROM STDIN";

static const char write_facilities[] =
    "INSERT INTO credit_facility(facility_id, lender_ifsc, enterprise_id, facility_type, scheme,"
    " sanctioned_on, sanctioned_paise, as_of_month, src_file, src_row)"
    " SELECT DISTINCT ON (s.facility_id) s.facility_id, s.lender_ifsc, w.enterprise_id,"
    " s.facility_type, s.scheme, s.sanctioned_on, s.sanctioned_paise, s.month, s.src_file, s.src_row"
    " FROM credit_stage s JOIN credit_stage_write w ON w.i = s.i"
    " ORDER BY s.facility_id, s.month DESC, s.i DESC"
    " ON CONFLICT (facility_id) DO UPDATE SET lender_ifsc = excluded.lender_ifsc,"
    " enterprise_id = excluded.enterprise_id, facility_type = excluded.facility_type,"
    " scheme = excluded.scheme, sanctioned_on = excluded.sanctioned_on,"
    " sanctioned_paise = excluded.sanctioned_paise, as_of_month = excluded.as_of_month,"
    " src_file = excluded.src_file, src_row = excluded.src_row"
    " WHERE excluded.as_of_month >= credit_facility.as_of_month";

static const char write_statuses[] =
    "INSERT INTO credit_status(facility_id, month, outstanding_paise, dpd, asset_class,"
    " borrower_pan, borrower_udyam, content_hash, src_file, src_row)"
    " SELECT s.facility_id, s.month, s.outstanding_paise, s.dpd, s.asset_class, s.borrower_pan,"
    " s.borrower_udyam, s.content_hash, s.src_file, s.src_row"
    " FROM credit_stage s JOIN credit_stage_write w ON w.i = s.i"
    " ON CONFLICT (facility_id, month) DO UPDATE SET"
    " outstanding_paise = excluded.outstanding_paise, dpd = excluded.dpd,"
    " asset_class = excluded.asset_class, borrower_pan = excluded.borrower_pan,"
    " borrower_udyam = excluded.borrower_udyam, content_hash = excluded.content_hash,"
    " src_file = excluded.src_file, src_row = excluded.src_row";

/* What step 2 read for one row. */
struct staged {
    struct keyed_existing stored;
    size_t first;                 /* first position of the batch with this key */
    size_t latest;                /* at a key's first position: its latest row written, KEYED_NONE */
    int64_t by_udyam;             /* 0: the Udyam number is not on file (or not given) */
    char pan_on_file[11];         /* of that enterprise; "" none */
    int64_t pan_holder;           /* 0: no enterprise has the borrower's PAN */
};

static int fill_stage(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct credit_row *r = ((const struct credit_row *const *)ctx)[i];
    const char **f = row->f;
    (void)e;
    f[0] = stage_num(row, 0, (int64_t)i);
    f[1] = r->facility_id;
    f[2] = r->lender_ifsc;
    f[3] = r->borrower_pan[0] ? r->borrower_pan : NULL;
    f[4] = r->borrower_udyam[0] ? r->borrower_udyam : NULL;
    f[5] = r->facility_type;
    f[6] = r->scheme[0] ? r->scheme : NULL;
    f[7] = NULL;
    if (r->sanctioned_on != DATE_UNKNOWN) {
        date_format(r->sanctioned_on, row->date[0]);
        f[7] = row->date[0];
    }
    f[8] = stage_num(row, 8, r->sanctioned);
    f[9] = r->month;
    f[10] = stage_num(row, 10, r->outstanding);
    f[11] = stage_num(row, 11, r->dpd);
    f[12] = r->asset_class;
    f[13] = stage_num(row, 13, (int64_t)r->content_hash);
    f[14] = stage_num(row, 14, r->src_file);
    f[15] = stage_num(row, 15, r->src_row);
    return 0;
}

static void read_staged(struct db_stmt *q, void *row)
{
    struct staged *x = row;

    keyed_columns(q, 1, &x->stored);
    x->first = (size_t)db_column_int64(q, 4);
    x->latest = KEYED_NONE;
    x->by_udyam = db_column_int64(q, 5);
    snprintf(x->pan_on_file, sizeof x->pan_on_file, "%s", db_column_text(q, 6));
    x->pan_holder = db_column_int64(q, 7);
}

/* Whether row i was stored: a write whose borrower is on file. */
static bool stored(const struct credit_put_result *o)
{
    return keyed_writes(o->outcome) && !o->unknown_borrower;
}

/* The borrower as find_borrower in store_credit.c finds it. */
static void borrower(const struct credit_row *r, const struct staged *x, struct credit_put_result *o)
{
    if (r->borrower_udyam[0] == '\0') {
        o->enterprise_id = x->pan_holder;
    } else {
        o->enterprise_id = x->by_udyam;
        if (x->by_udyam > 0 && r->borrower_pan[0] != '\0')
            o->pan_disagrees = x->pan_on_file[0] != '\0' ? strcmp(x->pan_on_file, r->borrower_pan) != 0
                                                          : x->pan_holder > 0 && x->pan_holder != x->by_udyam;
    }
    o->unknown_borrower = o->enterprise_id <= 0;
}

static int decide(struct stage_pass *p, size_t i, struct err *e)
{
    const struct credit_row *const *rows = p->rows;
    struct staged *st = p->staged;
    struct credit_put_result *out = p->out;
    const struct credit_row *r = rows[i];
    struct keyed_existing met = st[i].stored;
    size_t *latest = &st[st[i].first].latest;
    struct credit_put_result *o = &out[i];

    (void)e;
    memset(o, 0, sizeof *o);
    if (*latest != KEYED_NONE)
        keyed_meet_earlier(&met, rows[*latest]->src_file, rows[*latest]->src_row,
                           rows[*latest]->content_hash);
    o->outcome = keyed_outcome(&met, r->src_file, r->src_row, r->content_hash);
    o->other_row = met.src_row;
    if (o->outcome == UPSERT_UNCHANGED || o->outcome == UPSERT_DUPLICATE || o->outcome == UPSERT_CONFLICT)
        return 0;
    borrower(r, &st[i], o);
    if (stored(o))
        *latest = i;
    return 0;
}

static int fill_write(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct credit_put_result *out = ((const struct stage_pass *)ctx)->out;

    (void)e;
    if (!stored(&out[i]))
        return 1;
    row->f[0] = stage_num(row, 0, (int64_t)i);
    row->f[1] = stage_num(row, 1, out[i].enterprise_id);
    return 0;
}

static const struct stage_batch credit_batch = {
    .name = "credit",
    .ddl = stage_ddl,
    .copy_stage = copy_stage,
    .stage_fields = 16,
    .fill_stage = fill_stage,
    .read_stage = read_stage,
    .staged_size = sizeof(struct staged),
    .read_staged = read_staged,
    .decide = decide,
    .copy_write = copy_write,
    .write_fields = 2,
    .fill_write = fill_write,
    .writes = {write_facilities, write_statuses},
};

int store_credit_put_batch(struct store *s, const struct credit_row *const *rows, size_t n,
                           struct credit_put_result *out, struct err *e)
{
    struct stage_pass p = {rows, NULL, out, NULL};

    return store_stage_batch(store_db(s), &credit_batch, &p, n, e);
}
