/* store_ingest.c: which files were loaded, how far, and what was quarantined. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "store/store.h"

static void now_iso(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int find_file(struct db *db, const char *feed, const char *digest, int64_t *id,
                     bool *complete, bool *found, struct err *e)
{
    static const char sql[] = "SELECT id, status FROM ingest_file WHERE feed = $1 AND digest = $2";
    struct db_stmt *st = db_cached(db, sql, e);
    int rc;

    if (st == NULL || db_bind_text(st, 1, feed, strlen(feed)) != 0
        || db_bind_text(st, 2, digest, strlen(digest)) != 0)
        return -1;
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found) {
        *id = db_column_int64(st, 0);
        *complete = strcmp(db_column_text(st, 1), "complete") == 0;
    }
    db_reset(st);
    return 0;
}

int store_ingest_file_open(struct store *s, const char *feed, const char *name, const char *digest,
                           int64_t size, int64_t *id, bool *complete, struct err *e)
{
    static const char insert[] =
        "INSERT INTO ingest_file(feed, name, digest, size_bytes, status, started_at)"
        " VALUES ($1, $2, $3, $4, 'loading', $5) {{RETURNING_ID}}";
    struct db *db = store_db(s);
    struct db_stmt *st;
    char now[32];
    bool found;

    if (find_file(db, feed, digest, id, complete, &found, e) != 0)
        return -1;
    if (found)
        return 0;
    now_iso(now);
    st = db_cached(db, insert, e);
    if (st == NULL || db_bind_text(st, 1, feed, strlen(feed)) != 0
        || db_bind_text(st, 2, name, strlen(name)) != 0
        || db_bind_text(st, 3, digest, strlen(digest)) != 0 || db_bind_int64(st, 4, size) != 0
        || db_bind_text(st, 5, now, strlen(now)) != 0)
        return -1;
    if (db_insert(st, id, &found, e) != 0)
        return -1;
    if (!found)
        return err_set(e, "ingest_file row for %s was not created", name);
    *complete = false;
    return 0;
}

int store_ingest_file_counts(struct store *s, int64_t id, struct ingest_counts *c, struct err *e)
{
    static const char sql[] =
        "SELECT rows_committed, inserted, updated, unchanged, quarantined, linked, new_entities"
        " FROM ingest_file WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL || db_bind_int64(st, 1, id) != 0)
        return -1;
    rc = db_step(st, e);
    if (rc != DB_ROW) {
        db_reset(st);
        return rc < 0 ? -1 : err_set(e, "ingest file %lld not found", (long long)id);
    }
    c->rows_committed = db_column_int64(st, 0);
    c->inserted = db_column_int64(st, 1);
    c->updated = db_column_int64(st, 2);
    c->unchanged = db_column_int64(st, 3);
    c->quarantined = db_column_int64(st, 4);
    c->linked = db_column_int64(st, 5);
    c->new_entities = db_column_int64(st, 6);
    db_reset(st);
    return 0;
}

int store_ingest_file_progress(struct store *s, int64_t id, const struct ingest_counts *c,
                               bool complete, struct err *e)
{
    static const char sql[] =
        "UPDATE ingest_file SET rows_committed = $2, inserted = $3, updated = $4, unchanged = $5,"
        " quarantined = $6, status = $7, finished_at = $8, linked = $9, new_entities = $10"
        " WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char now[32];

    now_iso(now);
    if (st == NULL || db_bind_int64(st, 1, id) != 0 || db_bind_int64(st, 2, c->rows_committed) != 0
        || db_bind_int64(st, 3, c->inserted) != 0 || db_bind_int64(st, 4, c->updated) != 0
        || db_bind_int64(st, 5, c->unchanged) != 0 || db_bind_int64(st, 6, c->quarantined) != 0
        || db_bind_text(st, 7, complete ? "complete" : "loading", complete ? 8 : 7) != 0
        || (complete ? db_bind_text(st, 8, now, strlen(now)) : db_bind_null(st, 8)) != 0
        || db_bind_int64(st, 9, c->linked) != 0 || db_bind_int64(st, 10, c->new_entities) != 0)
        return -1;
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_ingest_file_set_linked(struct store *s, int64_t id, int64_t linked, struct err *e)
{
    static const char sql[] = "UPDATE ingest_file SET linked = $2 WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_int64(st, 1, id) != 0 || db_bind_int64(st, 2, linked) != 0)
        return err_set(e, "cannot bind ingest file %lld", (long long)id);
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_quarantine_put(struct store *s, const struct quarantine_row *q, struct err *e)
{
    static const char sql[] =
        "INSERT INTO quarantine(ingest_file_id, row_no, line_no, feed, reason_code, reason, raw)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT (ingest_file_id, row_no) DO UPDATE SET line_no = excluded.line_no,"
        " reason_code = excluded.reason_code, reason = excluded.reason, raw = excluded.raw";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_int64(st, 1, q->file_id) != 0 || db_bind_int64(st, 2, q->row_no) != 0
        || db_bind_int64(st, 3, q->line_no) != 0
        || db_bind_text(st, 4, q->feed, strlen(q->feed)) != 0
        || db_bind_text(st, 5, q->code, strlen(q->code)) != 0
        || db_bind_text(st, 6, q->reason, strlen(q->reason)) != 0
        || db_bind_blob(st, 7, q->raw, q->raw_len) != 0)
        return -1;
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_quarantine_clear(struct store *s, int64_t file_id, int64_t after_row,
                           int64_t through_row, struct err *e)
{
    static const char sql[] =
        "DELETE FROM quarantine WHERE ingest_file_id = $1 AND row_no > $2 AND row_no <= $3";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_int64(st, 1, file_id) != 0 || db_bind_int64(st, 2, after_row) != 0
        || db_bind_int64(st, 3, through_row) != 0)
        return -1;
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_quarantine_counts(struct store *s, int64_t file_id,
                            int (*fn)(void *ctx, const char *code, int64_t n), void *ctx,
                            struct err *e)
{
    static const char sql[] =
        "SELECT reason_code, COUNT(*) FROM quarantine WHERE ingest_file_id = $1"
        " GROUP BY reason_code ORDER BY reason_code";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL || db_bind_int64(st, 1, file_id) != 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW)
        if (fn(ctx, db_column_text(st, 0), db_column_int64(st, 1)) != 0)
            break;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_ingest_file_name(struct store *s, int64_t id, char *out, size_t cap, bool *found,
                           struct err *e)
{
    static const char sql[] = "SELECT name FROM ingest_file WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0)
        return err_set(e, "cannot bind the file id");
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found)
        snprintf(out, cap, "%s", db_column_text(st, 0));
    db_reset(st);
    return 0;
}

int store_ingest_file_get(struct store *s, int64_t id, struct ingest_file_info *out, bool *found,
                          struct err *e)
{
    static const char sql[] = "SELECT feed, name, started_at FROM ingest_file WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    memset(out, 0, sizeof *out);
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0)
        return err_set(e, "cannot bind the file id");
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found) {
        snprintf(out->feed, sizeof out->feed, "%s", db_column_text(st, 0));
        snprintf(out->name, sizeof out->name, "%s", db_column_text(st, 1));
        snprintf(out->started_at, sizeof out->started_at, "%s", db_column_text(st, 2));
    }
    db_reset(st);
    return 0;
}
