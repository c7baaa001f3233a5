/* store_enterprise_batch.c: a batch of Udyam rows written through COPY
 * (store.h, store_enterprise_upsert_batch), for PostgreSQL.
 *
 * Most rows of a load are new enterprises: neither their Udyam number nor
 * their PAN is on file or earlier in the batch. Those are inserted
 * together (COPY into a stage table, one INSERT ... SELECT ... RETURNING,
 * their GSTINs likewise). Every other row — a rerun, a correction, a merge
 * with an enterprise the GST feed made, a PAN conflict, a second row of a
 * key in the batch — goes through store_enterprise_upsert, row by row and
 * in order, after the new ones before it are written, so it meets exactly
 * what it would have met had every row gone that way. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/profile.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_stage.h"

static const char key_ddl[] =
    "CREATE TEMP TABLE IF NOT EXISTS enterprise_stage_key (i BIGINT PRIMARY KEY, udyam TEXT, pan TEXT)"
    " ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS enterprise_stage (LIKE enterprise) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS enterprise_stage_gstin (k BIGINT, gstin TEXT, enterprise_id BIGINT)"
    " ON COMMIT DELETE ROWS";

static const char copy_keys[] = "COPY enterprise_stage_key (i, udyam, pan) FROM STDIN";

/* Per row: whether its Udyam number or PAN is on file, and whether an
 * earlier row of the batch has the same one. */
static const char read_keys[] =
    "SELECT s.i,"
    " EXISTS (SELECT 1 FROM enterprise e WHERE e.udyam = s.udyam),"
    " s.pan IS NOT NULL AND EXISTS (SELECT 1 FROM enterprise e WHERE e.pan = s.pan),"
    " MIN(s.i) OVER (PARTITION BY s.udyam),"
    " CASE WHEN s.pan IS NULL THEN s.i ELSE MIN(s.i) OVER (PARTITION BY s.pan) END"
    " FROM enterprise_stage_key s ORDER BY s.i";

#define COLUMNS                                                                               \
    "udyam, pan, name, owner_name, constitution, social_category, owner_gender, "             \
    "owner_disabled, commenced_on, registered_on, activity, nic, state, district, pincode, "  \
    "area, investment_paise, turnover_paise, exports_paise, employees_male, employees_female, " \
    "employees_other, women_owned, scst_owned, content_hash, src_feed, src_file, src_row, "   \
    "updated_at"

static const char copy_new[] = "COPY enterprise_stage (id, " COLUMNS ") FROM STDIN";

/* enterprise_stage.id holds the row's place among the new ones (k). */
static const char insert_new[] =
    "INSERT INTO enterprise(" COLUMNS ") SELECT " COLUMNS " FROM enterprise_stage ORDER BY id"
    " RETURNING id, src_row";

static const char copy_gstins[] = "COPY enterprise_stage_gstin (k, gstin, enterprise_id) FROM STDIN";

/* Row by row, the first enterprise to list a GSTIN gets it and a later one
 * leaves it (put_gstins' ON CONFLICT ... WHERE): DISTINCT ON keeps the
 * first, and one statement may not touch a row twice. */
static const char insert_gstins[] =
    "INSERT INTO enterprise_gstin(gstin, enterprise_id, state, src_feed)"
    " SELECT DISTINCT ON (g.gstin) g.gstin, g.enterprise_id, substr(g.gstin, 1, 2), 'udyam'"
    " FROM enterprise_stage_gstin g ORDER BY g.gstin, g.k"
    " ON CONFLICT (gstin) DO UPDATE SET src_feed = 'udyam'"
    " WHERE enterprise_gstin.enterprise_id = excluded.enterprise_id";

static const char clear_new[] = "TRUNCATE enterprise_stage, enterprise_stage_gstin";

struct key_state {
    bool udyam_on_file, pan_on_file;
    size_t first_udyam, first_pan;
};

struct pending {
    const struct enterprise **rows;   /* new enterprises waiting to be written */
    size_t *at;                       /* their places in the batch */
    size_t n;
    const char *now;
};

static const char *or_null(const char *s)
{
    return s[0] ? s : NULL;
}

static int fill_key(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct enterprise *r = ((const struct enterprise *const *)ctx)[i];

    (void)e;
    row->f[0] = stage_num(row, 0, (int64_t)i);
    row->f[1] = r->udyam;
    row->f[2] = or_null(r->pan);
    return 0;
}

static const char *enum_name(enum profile_field f, int v)
{
    return v >= 0 ? profile_enum_name(f, v) : NULL;
}

static const char *count_or_null(struct stage_row *row, int k, int64_t v)
{
    return v < 0 ? NULL : stage_num(row, k, v);
}

static int fill_new(const void *ctx, size_t k, struct stage_row *row, struct err *e)
{
    const struct pending *p = ctx;
    const struct enterprise *r = p->rows[k];
    const char *gender = enum_name(PF_OWNER_GENDER, r->owner_gender);
    const char *category = enum_name(PF_OWNER_CATEGORY, r->social_category);
    const char **f = row->f;

    (void)e;
    f[0] = stage_num(row, 0, (int64_t)k);
    f[1] = r->udyam;
    f[2] = or_null(r->pan);
    f[3] = r->name;
    f[4] = or_null(r->owner_name);
    f[5] = enum_name(PF_CONSTITUTION, r->constitution);
    f[6] = category;
    f[7] = gender;
    f[8] = count_or_null(row, 8, r->owner_disabled);
    f[9] = NULL;
    if (r->commenced_on != DATE_UNKNOWN) {
        date_format(r->commenced_on, row->date[0]);
        f[9] = row->date[0];
    }
    f[10] = NULL;
    if (r->registered_on != DATE_UNKNOWN) {
        date_format(r->registered_on, row->date[1]);
        f[10] = row->date[1];
    }
    f[11] = enum_name(PF_ACTIVITY, r->activity);
    f[12] = or_null(r->nic);
    snprintf(row->num[13], sizeof row->num[13], "%02d", r->state);
    f[13] = row->num[13];
    f[14] = or_null(r->district);
    f[15] = or_null(r->pincode);
    f[16] = enum_name(PF_AREA, r->area);
    f[17] = stage_num(row, 17, r->investment);
    f[18] = stage_num(row, 18, r->turnover);
    f[19] = count_or_null(row, 19, r->exports);
    f[20] = count_or_null(row, 20, r->employees_male);
    f[21] = count_or_null(row, 21, r->employees_female);
    f[22] = count_or_null(row, 22, r->employees_other);
    /* women_owned and scst_owned as bind_flag in store_enterprise.c derives them */
    f[23] = r->owner_gender < 0 ? NULL : stage_num(row, 23, gender != NULL && strcmp(gender, "female") == 0);
    f[24] = r->social_category < 0
                ? NULL
                : stage_num(row, 24, category != NULL && (strcmp(category, "sc") == 0 || strcmp(category, "st") == 0));
    f[25] = stage_num(row, 25, (int64_t)r->content_hash);
    f[26] = r->src_feed;
    f[27] = stage_num(row, 27, r->src_file);
    f[28] = stage_num(row, 28, r->src_row);
    f[29] = p->now;
    return 0;
}

/* One stage row per (new enterprise, GSTIN), with the id it was given. */
static int copy_new_gstins(struct db *db, const struct pending *p, const struct upsert_result *out,
                           struct err *e)
{
    struct stage_row row;
    struct err ignored;

    if (db_copy_begin(db, copy_gstins, e) != 0)
        return -1;
    for (size_t k = 0; k < p->n; k++)
        for (int g = 0; g < p->rows[k]->n_gstins; g++) {
            row.f[0] = stage_num(&row, 0, (int64_t)k);
            row.f[1] = p->rows[k]->gstins[g];
            row.f[2] = stage_num(&row, 2, out[p->at[k]].id);
            if (db_copy_row(db, row.f, 3, e) != 0) {
                db_copy_end(db, &ignored);
                return -1;
            }
        }
    return db_copy_end(db, e);
}

/* Write the pending new enterprises; their results are INSERTED with the
 * ids the INSERT returned (matched by src_row, unique within a file). */
static int flush(struct store *s, struct pending *p, struct upsert_result *out, struct err *e)
{
    struct db *db = store_db(s);
    struct db_stmt *ins, *gst;
    size_t done = 0;
    int rc;

    if (p->n == 0)
        return 0;
    if (store_stage_copy(db, copy_new, p->n, 30, fill_new, p, e) != 0)
        return -1;
    ins = db_cached(db, insert_new, e);
    if (ins == NULL)
        return -1;
    while ((rc = db_step(ins, e)) == DB_ROW) {
        int64_t id = db_column_int64(ins, 0), src_row = db_column_int64(ins, 1);
        size_t k = done < p->n && p->rows[done]->src_row == src_row ? done : 0;
        /* RETURNING comes in the SELECT's order, which is k's; should it
         * not, the row is looked for (src_row is unique within a file). */
        while (k < p->n && p->rows[k]->src_row != src_row)
            k++;
        if (k == p->n)
            continue;
        memset(&out[p->at[k]], 0, sizeof out[p->at[k]]);
        out[p->at[k]].outcome = UPSERT_INSERTED;
        out[p->at[k]].id = id;
        done++;
    }
    db_reset(ins);
    if (rc < 0)
        return -1;
    if (done != p->n)
        return err_set(e, "udyam batch: %zu of %zu new enterprises came back", done, p->n);
    gst = db_cached(db, insert_gstins, e);
    if (copy_new_gstins(db, p, out, e) != 0 || gst == NULL || db_step(gst, e) < 0
        || db_exec(db, clear_new, e) != 0)
        return -1;
    p->n = 0;
    return 0;
}

static void read_key_state(struct db_stmt *q, void *row)
{
    struct key_state *k = row;

    k->udyam_on_file = db_column_int64(q, 1) != 0;
    k->pan_on_file = db_column_int64(q, 2) != 0;
    k->first_udyam = (size_t)db_column_int64(q, 3);
    k->first_pan = (size_t)db_column_int64(q, 4);
}

int store_enterprise_upsert_batch(struct store *s, const struct enterprise *const *rows, size_t n,
                                  struct upsert_result *out, struct err *e)
{
    struct db *db = store_db(s);
    struct key_state *ks = NULL;
    struct pending p = {0};
    int rc = -1;

    if (n == 0)
        return 0;
    ks = mem_calloc(n, sizeof *ks);
    p.rows = mem_calloc(n, sizeof *p.rows);
    p.at = mem_calloc(n, sizeof *p.at);
    p.now = store_now(s);
    if (ks == NULL || p.rows == NULL || p.at == NULL) {
        err_set(e, "out of memory for a batch of %zu enterprises", n);
        goto out;
    }
    if (db_exec(db, key_ddl, e) != 0 || store_stage_copy(db, copy_keys, n, 3, fill_key, rows, e) != 0
        || store_stage_read(db, read_keys, ks, sizeof *ks, n, "udyam", read_key_state, e) != 0)
        goto out;
    for (size_t i = 0; i < n; i++) {
        bool fresh = !ks[i].udyam_on_file && !ks[i].pan_on_file && ks[i].first_udyam == i
                     && ks[i].first_pan == i;
        if (fresh) {
            p.rows[p.n] = rows[i];
            p.at[p.n++] = i;
            continue;
        }
        if (flush(s, &p, out, e) != 0 || store_enterprise_upsert(s, rows[i], &out[i], e) != 0) {
            err_prefix(e, "udyam_number %s: ", rows[i]->udyam);
            goto out;
        }
    }
    rc = flush(s, &p, out, e);
out:
    mem_free(ks);
    mem_free(p.rows);
    mem_free(p.at);
    return rc;
}
