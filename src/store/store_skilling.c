/* store_skilling.c: the skilling_record table (store_skilling.h). */
#include "store/store_skilling.h"

#include <stdio.h>
#include <string.h>

#include "core/row_hash.h"
#include "store/db.h"
#include "store/store_consent.h"
#include "store/store_keyed.h"
#include "store/store_list.h"
#include "store/store_resolve.h"

uint64_t skilling_record_hash(const struct skilling_record *r)
{
    const char *strs[] = {r->record_id, r->programme, r->trainee_name, r->gender,
                          r->social_category, r->mobile_last4, r->udyam, r->district, r->course};
    const int64_t nums[] = {r->birth_year, r->state, r->started_on, r->completed_on, r->certified};

    return row_hash_fields(strs, sizeof strs / sizeof strs[0], nums, sizeof nums / sizeof nums[0]);
}

/* The stored row under r's key, and the enterprise it is attached to. */
static int find_stored(struct store *s, const struct skilling_record *r, struct keyed_existing *x,
                       int64_t *enterprise_id, struct err *e)
{
    static const char sql[] =
        "SELECT src_file, src_row, content_hash, enterprise_id FROM skilling_record"
        " WHERE record_id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    memset(x, 0, sizeof *x);
    if (st == NULL)
        return -1;
    if (bind_str(st, 1, r->record_id) != 0)
        return err_set(e, "cannot bind record %s", r->record_id);
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        x->found = true;
        x->src_file = db_column_int64(st, 0);
        x->src_row = db_column_int64(st, 1);
        x->hash = (uint64_t)db_column_int64(st, 2);
        *enterprise_id = col_id(st, 3);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static int bind_known(struct db_stmt *st, int idx, int64_t v)
{
    return v < 0 ? db_bind_null(st, idx) : db_bind_int64(st, idx, v);
}

static int write_row(struct store *s, const struct skilling_record *r, int64_t enterprise_id,
                     struct err *e)
{
    static const char sql[] =
        "INSERT INTO skilling_record(record_id, programme, trainee_name, gender, social_category,"
        " birth_year, mobile_last4, udyam_number, enterprise_id, state, district, course,"
        " started_on, completed_on, certified, content_hash, src_file, src_row, link_method)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
        " $19)"
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
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char state[4];

    if (st == NULL)
        return -1;
    snprintf(state, sizeof state, "%02d", r->state);
    if (bind_str(st, 1, r->record_id) || bind_str(st, 2, r->programme)
        || bind_str(st, 3, r->trainee_name) || bind_str(st, 4, r->gender)
        || db_bind_text_or_null(st, 5, r->social_category) || bind_known(st, 6, r->birth_year)
        || db_bind_text_or_null(st, 7, r->mobile_last4) || db_bind_text_or_null(st, 8, r->udyam)
        || bind_id(st, 9, enterprise_id) || bind_str(st, 10, state)
        || bind_str(st, 11, r->district) || bind_str(st, 12, r->course)
        || bind_day(st, 13, r->started_on) || bind_day(st, 14, r->completed_on)
        || bind_known(st, 15, r->certified) || db_bind_int64(st, 16, (int64_t)r->content_hash)
        || db_bind_int64(st, 17, r->src_file) || db_bind_int64(st, 18, r->src_row)
        || db_bind_text_or_null(st, 19, enterprise_id > 0 ? "udyam" : NULL))
        return err_set(e, "cannot bind record %s", r->record_id);
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_skilling_put(struct store *s, const struct skilling_record *r,
                       struct skilling_put_result *out, struct err *e)
{
    struct keyed_existing x;
    char pan[11];
    bool found = false;
    int64_t stored_enterprise = 0;

    memset(out, 0, sizeof *out);
    if (find_stored(s, r, &x, &stored_enterprise, e) != 0)
        return -1;
    out->outcome = keyed_outcome(&x, r->src_file, r->src_row, r->content_hash);
    out->other_row = x.src_row;
    if (out->outcome == UPSERT_UNCHANGED) {
        out->enterprise_id = stored_enterprise;   /* a rerun still says whether it is attached */
        return 0;
    }
    if (out->outcome == UPSERT_DUPLICATE || out->outcome == UPSERT_CONFLICT)
        return 0;
    if (r->udyam[0]) {
        if (store_resolve_udyam(s, r->udyam, &out->enterprise_id, pan, &found, e) != 0)
            return -1;
        if (!found) {
            out->unknown_udyam = true;
            out->enterprise_id = 0;
            return 0;
        }
    }
    return write_row(s, r, out->enterprise_id, e);
}

int store_skilling_count(struct store *s, int64_t enterprise_id, int64_t *n, struct err *e)
{
    static const char sql[] = "SELECT COUNT(*) FROM skilling_record WHERE enterprise_id = $1";
    bool allowed;

    *n = 0;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_SKILLING, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    return int64_by_id(store_db(s), sql, enterprise_id, n, e);
}

/* --- record linkage (ingest/link_pass.c) ----------------------------------- */

int store_skilling_unlinked(struct store *s,
                            int (*fn)(void *ctx, const struct skilling_trainee *t), void *ctx,
                            struct err *e)
{
    static const char sql[] =
        "SELECT record_id, trainee_name, gender, COALESCE(social_category, ''), state, district"
        " FROM skilling_record WHERE enterprise_id IS NULL ORDER BY record_id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct skilling_trainee t;
    int rc, out = 0;

    if (st == NULL)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        col_text(st, 0, t.record_id, sizeof t.record_id);
        col_text(st, 1, t.trainee_name, sizeof t.trainee_name);
        col_text(st, 2, t.gender, sizeof t.gender);
        col_text(st, 3, t.social_category, sizeof t.social_category);
        col_text(st, 4, t.state, sizeof t.state);
        col_text(st, 5, t.district, sizeof t.district);
        if (row_callback_stops(fn(ctx, &t), &out))
            break;
    }
    db_reset(st);
    if (out != 0)
        return err_set(e, "the reader of training records failed");
    return rc < 0 ? -1 : 0;
}

int store_skilling_link(struct store *s, const char *record_id, const char *method,
                        int64_t enterprise_id, double weight, double probability,
                        const char *explanation, struct err *e)
{
    static const char sql[] =
        "UPDATE skilling_record SET link_method = $1, enterprise_id = $2, link_weight = $3,"
        " link_probability = $4, link_explanation = $5 WHERE record_id = $6";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool scored = explanation != NULL;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, method) || bind_id(st, 2, enterprise_id)
        || (scored ? db_bind_double(st, 3, weight) : db_bind_null(st, 3))
        || (scored ? db_bind_double(st, 4, probability) : db_bind_null(st, 4))
        || db_bind_text_or_null(st, 5, explanation) || bind_str(st, 6, record_id))
        return err_set(e, "cannot bind the link of record %s", record_id);
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_skilling_file_linked(struct store *s, int64_t file_id, int64_t *linked, struct err *e)
{
    static const char sql[] = "SELECT COUNT(*) FROM skilling_record"
                              " WHERE src_file = $1 AND enterprise_id IS NOT NULL";

    return int64_by_id(store_db(s), sql, file_id, linked, e);
}

/* NULL integers come back as the struct's "not given" (-1). */
static int64_t col_known(struct db_stmt *st, int col)
{
    return db_column_is_null(st, col) ? -1 : db_column_int64(st, col);
}

static void read_record(struct db_stmt *st, struct skilling_record *r)
{
    memset(r, 0, sizeof *r);
    col_text(st, 0, r->record_id, sizeof r->record_id);
    col_text(st, 1, r->programme, sizeof r->programme);
    col_text(st, 2, r->trainee_name, sizeof r->trainee_name);
    col_text(st, 3, r->gender, sizeof r->gender);
    col_text(st, 4, r->social_category, sizeof r->social_category);
    r->birth_year = (int)col_known(st, 5);
    col_text(st, 6, r->mobile_last4, sizeof r->mobile_last4);
    col_text(st, 7, r->udyam, sizeof r->udyam);
    r->state = atoi(db_column_text(st, 8));
    col_text(st, 9, r->district, sizeof r->district);
    col_text(st, 10, r->course, sizeof r->course);
    r->started_on = col_day(st, 11);
    r->completed_on = col_day(st, 12);
    r->certified = (int)col_known(st, 13);
    r->content_hash = (uint64_t)db_column_int64(st, 14);
    r->src_file = db_column_int64(st, 15);
    r->src_row = db_column_int64(st, 16);
}

int store_skilling_latest(struct store *s, int64_t enterprise_id, struct skilling_record *out,
                          bool *found, struct err *e)
{
    static const char sql[] =
        "SELECT record_id, programme, trainee_name, gender, social_category, birth_year,"
        " mobile_last4, udyam_number, state, district, course, started_on, completed_on,"
        " certified, content_hash, src_file, src_row FROM skilling_record"
        " WHERE enterprise_id = $1 ORDER BY started_on DESC, src_file DESC, src_row DESC LIMIT 1";
    int rc;
    struct db_stmt *st;
    bool allowed;

    *found = false;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_SKILLING, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no data (store_consent.h) */
    st = first_row_by_id(store_db(s), sql, enterprise_id, &rc, e);
    *found = st != NULL;
    if (st != NULL) {
        read_record(st, out);
        db_reset(st);
    }
    return rc;
}
