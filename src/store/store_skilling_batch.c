/* store_skilling_batch.c: a batch of training records written through COPY
 * (store_skilling.h), on the pattern of store_gst_batch.c: each row's
 * outcome is decided in C exactly as store_skilling_put decides it row by
 * row; one SELECT reads, per row, what is stored under its record_id, the
 * first position of the batch with that id and the enterprise its Udyam
 * number names; one INSERT ... SELECT writes the rows kept. */
#include "store/store_skilling.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_stage.h"

static const char stage_ddl[] =
    "CREATE TEMP TABLE IF NOT EXISTS skilling_stage (i BIGINT PRIMARY KEY, record_id TEXT,"
    " programme TEXT, trainee_name TEXT, gender TEXT, social_category TEXT, birth_year BIGINT,"
    " mobile_last4 TEXT, udyam_number TEXT, state TEXT, district TEXT, course TEXT, started_on TEXT,"
    " completed_on TEXT, certified BIGINT, content_hash BIGINT, src_file BIGINT, src_row BIGINT)"
    " ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS skilling_stage_write (i BIGINT PRIMARY KEY, enterprise_id BIGINT)"
    " ON COMMIT DELETE ROWS";

static const char copy_stage[] =
    "COPY skilling_stage (i, record_id, programme, trainee_name, gender, social_category, birth_year,"
    " mobile_last4, udyam_number, state, district, course, started_on, completed_on, certified,"
    " content_hash, src_file, src_row) FROM STDIN";

static const char read_stage[] =
    "SELECT s.i, k.src_file, k.src_row, k.content_hash, k.enterprise_id,"
    " MIN(s.i) OVER (PARTITION BY s.record_id), eu.id"
    " FROM skilling_stage s"
    " LEFT JOIN skilling_record k ON k.record_id = s.record_id"
    " LEFT JOIN enterprise eu ON eu.udyam = s.udyam_number"
    " ORDER BY s.i";

static const char copy_write[] = "COPY skilling_stage_write (i, enterprise_id) FROM STDIN";

static const char write_rows[] =
    "INSERT INTO skilling_record(record_id, programme, trainee_name, gender, social_category,"
    " birth_year, mobile_last4, udyam_number, enterprise_id, state, district, course,"
    " started_on, completed_on, certified, content_hash, src_file, src_row, link_method)"
    " SELECT s.record_id, s.programme, s.trainee_name, s.gender, s.social_category, s.birth_year,"
    " s.mobile_last4, s.udyam_number, w.enterprise_id, s.state, s.district, s.course, s.started_on,"
    " s.completed_on, s.certified, s.content_hash, s.src_file, s.src_row,"
    " CASE WHEN w.enterprise_id IS NOT NULL THEN 'udyam' END"
    " FROM skilling_stage s JOIN skilling_stage_write w ON w.i = s.i"
    " ON CONFLICT (record_id) DO UPDATE SET programme = excluded.programme,"
    " trainee_name = excluded.trainee_name, gender = excluded.gender,"
    " social_category = excluded.social_category, birth_year = excluded.birth_year,"
    " mobile_last4 = excluded.mobile_last4, udyam_number = excluded.udyam_number,"
    " enterprise_id = excluded.enterprise_id, state = excluded.state,"
    " district = excluded.district, course = excluded.course,"
    " started_on = excluded.started_on, completed_on = excluded.completed_on,"
    " certified = excluded.certified, content_hash = excluded.content_hash,"
    " src_file = excluded.src_file, src_row = excluded.src_row,"
    " link_method = excluded.link_method, link_weight = NULL, link_probability = NULL,"
    " link_explanation = NULL";

struct staged {
    struct keyed_existing stored;
    int64_t stored_enterprise;    /* the stored row's enterprise, 0 none */
    size_t first;                 /* first position of the batch with this record_id */
    size_t latest;                /* at a key's first position: its latest row written, KEYED_NONE */
    int64_t by_udyam;             /* 0: the Udyam number is not on file (or not given) */
};

static const char *text_or_null(const char *s)
{
    return s[0] ? s : NULL;
}

static int fill_stage(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct skilling_record *r = ((const struct skilling_record *const *)ctx)[i];
    const char **f = row->f;

    (void)e;
    f[0] = stage_num(row, 0, (int64_t)i);
    f[1] = r->record_id;
    f[2] = r->programme;
    f[3] = r->trainee_name;
    f[4] = r->gender;
    f[5] = text_or_null(r->social_category);
    f[6] = r->birth_year < 0 ? NULL : stage_num(row, 6, r->birth_year);
    f[7] = text_or_null(r->mobile_last4);
    f[8] = text_or_null(r->udyam);
    snprintf(row->num[9], sizeof row->num[9], "%02d", r->state);
    f[9] = row->num[9];
    f[10] = r->district;
    f[11] = r->course;
    f[12] = NULL;
    if (r->started_on != DATE_UNKNOWN) {
        date_format(r->started_on, row->date[0]);
        f[12] = row->date[0];
    }
    f[13] = NULL;
    if (r->completed_on != DATE_UNKNOWN) {
        date_format(r->completed_on, row->date[1]);
        f[13] = row->date[1];
    }
    f[14] = r->certified < 0 ? NULL : stage_num(row, 14, r->certified);
    f[15] = stage_num(row, 15, (int64_t)r->content_hash);
    f[16] = stage_num(row, 16, r->src_file);
    f[17] = stage_num(row, 17, r->src_row);
    return 0;
}

static void read_staged(struct db_stmt *q, void *row)
{
    struct staged *x = row;

    keyed_columns(q, 1, &x->stored);
    x->stored_enterprise = db_column_int64(q, 4);
    x->first = (size_t)db_column_int64(q, 5);
    x->latest = KEYED_NONE;
    x->by_udyam = db_column_int64(q, 6);
}

static bool stored(const struct skilling_put_result *o)
{
    return keyed_writes(o->outcome) && !o->unknown_udyam;
}

static void decide(const struct skilling_record *const *rows, struct staged *st, size_t i,
                   struct skilling_put_result *out)
{
    const struct skilling_record *r = rows[i];
    struct keyed_existing met = st[i].stored;
    size_t *latest = &st[st[i].first].latest;
    struct skilling_put_result *o = &out[i];

    memset(o, 0, sizeof *o);
    if (*latest != KEYED_NONE)
        keyed_meet_earlier(&met, rows[*latest]->src_file, rows[*latest]->src_row,
                           rows[*latest]->content_hash);
    o->outcome = keyed_outcome(&met, r->src_file, r->src_row, r->content_hash);
    o->other_row = met.src_row;
    if (o->outcome == UPSERT_UNCHANGED) {
        o->enterprise_id = st[i].stored_enterprise;   /* a rerun still says whether it is attached */
        return;
    }
    if (!keyed_writes(o->outcome) || r->udyam[0] == '\0')
        return;
    o->enterprise_id = st[i].by_udyam;
    o->unknown_udyam = st[i].by_udyam <= 0;
}

/* Step 3 for row i, and what the later rows of its key meet. */
static int decide_and_note(struct stage_pass *p, size_t i, struct err *e)
{
    struct staged *st = p->staged;
    struct skilling_put_result *out = p->out;

    (void)e;
    decide(p->rows, st, i, out);
    if (stored(&out[i]))
        st[st[i].first].latest = i;
    return 0;
}

static int fill_write(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct skilling_put_result *out = ((const struct stage_pass *)ctx)->out;

    (void)e;
    if (!stored(&out[i]))
        return 1;
    row->f[0] = stage_num(row, 0, (int64_t)i);
    row->f[1] = out[i].enterprise_id > 0 ? stage_num(row, 1, out[i].enterprise_id) : NULL;
    return 0;
}

static const struct stage_batch skilling_batch = {
    .name = "skilling",
    .ddl = stage_ddl,
    .copy_stage = copy_stage,
    .stage_fields = 18,
    .fill_stage = fill_stage,
    .read_stage = read_stage,
    .staged_size = sizeof(struct staged),
    .read_staged = read_staged,
    .decide = decide_and_note,
    .copy_write = copy_write,
    .write_fields = 2,
    .fill_write = fill_write,
    .writes = {write_rows},
};

int store_skilling_put_batch(struct store *s, const struct skilling_record *const *rows, size_t n,
                             struct skilling_put_result *out, struct err *e)
{
    struct stage_pass p = {rows, NULL, out, NULL};

    return store_stage_batch(store_db(s), &skilling_batch, &p, n, e);
}
