/* store_calendar_feed.c: the calendar_feed table (store_calendar_feed.h). */
#include "store/store_calendar_feed.h"

#include "store/db.h"
#include "store/store_list.h"

#define FEED_SELECT                                                                         \
    "SELECT id, enterprise_id, created_by, lang, created_at, COALESCE(last_fetched_at, 0)" \
    " FROM calendar_feed "

static void read_feed(struct db_stmt *st, struct calendar_feed *f)
{
    f->id = db_column_int64(st, 0);
    f->enterprise_id = db_column_int64(st, 1);
    f->created_by = db_column_int64(st, 2);
    col_text(st, 3, f->lang, sizeof f->lang);
    f->created_at = db_column_int64(st, 4);
    f->last_fetched_at = db_column_int64(st, 5);
}

static int revoke_all(struct store *s, int64_t enterprise_id, int64_t now, struct err *e)
{
    static const char sql[] = "UPDATE calendar_feed SET revoked_at = $2"
                              " WHERE enterprise_id = $1 AND revoked_at IS NULL";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, now))
        return err_set(e, "cannot bind the calendar link");
    return db_step(st, e) < 0 ? -1 : 0;
}

static int insert(struct store *s, int64_t enterprise_id, int64_t user_id, const char *token_hash,
                  const char *lang, int64_t now, int64_t *id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO calendar_feed(enterprise_id, token_hash, lang, created_by, created_at)"
        " VALUES ($1, $2, $3, $4, $5) {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool inserted;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, token_hash) || bind_str(st, 3, lang)
        || db_bind_int64(st, 4, user_id) || db_bind_int64(st, 5, now))
        return err_set(e, "cannot bind the calendar link");
    if (db_insert(st, id, &inserted, e) != 0)
        return -1;
    return inserted ? 0 : err_set(e, "calendar link: not inserted");
}

int store_calendar_feed_create(struct store *s, int64_t enterprise_id, int64_t user_id,
                               const char *token_hash, const char *lang, int64_t now,
                               int64_t *id, struct err *e)
{
    if (store_begin(s, e) != 0)
        return -1;
    if (revoke_all(s, enterprise_id, now, e) != 0
        || insert(s, enterprise_id, user_id, token_hash, lang, now, id, e) != 0
        || store_commit(s, e) != 0) {
        store_rollback(s);
        return -1;
    }
    return 0;
}

static int one_feed(struct db_stmt *st, struct calendar_feed *out, bool *found, struct err *e)
{
    int rc = db_step(st, e);

    *found = rc == DB_ROW;
    if (*found)
        read_feed(st, out);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_calendar_feed_by_hash(struct store *s, const char *token_hash, struct calendar_feed *out,
                                bool *found, struct err *e)
{
    static const char sql[] = FEED_SELECT "WHERE token_hash = $1 AND revoked_at IS NULL";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    *found = false;
    if (st == NULL)
        return -1;
    if (bind_str(st, 1, token_hash))
        return err_set(e, "cannot bind the calendar link");
    return one_feed(st, out, found, e);
}

int store_calendar_feed_active(struct store *s, int64_t enterprise_id, struct calendar_feed *out,
                               bool *found, struct err *e)
{
    static const char sql[] = FEED_SELECT "WHERE enterprise_id = $1 AND revoked_at IS NULL"
                                          " ORDER BY id DESC LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    *found = false;
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id))
        return err_set(e, "cannot bind the calendar link");
    return one_feed(st, out, found, e);
}

int store_calendar_feed_revoke(struct store *s, int64_t id, int64_t enterprise_id, int64_t now,
                               bool *revoked, struct err *e)
{
    static const char sql[] = "UPDATE calendar_feed SET revoked_at = $3"
                              " WHERE id = $1 AND enterprise_id = $2 AND revoked_at IS NULL";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    *revoked = false;
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) || db_bind_int64(st, 2, enterprise_id) || db_bind_int64(st, 3, now))
        return err_set(e, "cannot bind the calendar link");
    if (db_step(st, e) < 0)
        return -1;
    *revoked = db_changes(store_db(s)) == 1;
    return 0;
}

int store_calendar_feed_touch(struct store *s, int64_t id, int64_t now, int64_t every,
                              struct err *e)
{
    static const char sql[] =
        "UPDATE calendar_feed SET last_fetched_at = $2"
        " WHERE id = $1 AND (last_fetched_at IS NULL OR last_fetched_at <= $3)";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) || db_bind_int64(st, 2, now) || db_bind_int64(st, 3, now - every))
        return err_set(e, "cannot bind the calendar link");
    return db_step(st, e) < 0 ? -1 : 0;
}
