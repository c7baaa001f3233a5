/* store_login_limit.c: failed sign-in counters and lockouts. */
#include "store/store_login_limit.h"

#include <string.h>

#include "store/db.h"

const char *login_key_name(enum login_key k)
{
    return k == LOGIN_KEY_IP ? "ip" : "user";
}

int store_login_locked_until(struct store *s, const char *username, const char *client,
                             int64_t now, int64_t *until, struct err *e)
{
    static const char sql[] =
        "SELECT COALESCE(MAX(locked_until), 0) FROM login_attempt"
        " WHERE ((kind = 'user' AND subject = $1) OR (kind = 'ip' AND subject = $2))"
        " AND locked_until > $3";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, username, strlen(username)) || db_bind_text(st, 2, client, strlen(client))
        || db_bind_int64(st, 3, now))
        return err_set(e, "cannot bind login lock values");
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *until = rc == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    return 0;
}

/* Rows with nothing left to remember: so a spray of made-up usernames
 * does not grow the table for ever. */
static int purge(struct store *s, int64_t now, int64_t window, struct err *e)
{
    static const char sql[] =
        "DELETE FROM login_attempt WHERE window_start <= $1 AND locked_until <= $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_int64(st, 1, now - window) != 0 || db_bind_int64(st, 2, now) != 0)
        return -1;
    return db_step(st, e) < 0 ? -1 : 0;
}

/* One failure more, or the first of a new window; the count after it. */
static int count_failure(struct store *s, const char *kind, const char *key, int64_t now,
                         int64_t window, int64_t *failures, struct err *e)
{
    static const char sql[] =
        "INSERT INTO login_attempt(kind, subject, failures, window_start, locked_until)"
        " VALUES ($1, $2, 1, $3, 0)"
        " ON CONFLICT (kind, subject) DO UPDATE SET"
        " failures = CASE WHEN login_attempt.window_start <= $4 THEN 1"
        "            ELSE login_attempt.failures + 1 END,"
        " window_start = CASE WHEN login_attempt.window_start <= $4 THEN $3"
        "            ELSE login_attempt.window_start END"
        " RETURNING failures";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, kind, strlen(kind)) || db_bind_text(st, 2, key, strlen(key))
        || db_bind_int64(st, 3, now) || db_bind_int64(st, 4, now - window))
        return err_set(e, "cannot bind login failure values");
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *failures = rc == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    return 0;
}

/* Lock unless already locked: of two requests reaching the threshold at
 * once, only one changes the row, and only that one audits the lock. */
static int lock(struct store *s, const char *kind, const char *key, int64_t now, int64_t until,
                bool *locked_now, struct err *e)
{
    static const char sql[] =
        "UPDATE login_attempt SET locked_until = $3, failures = 0, window_start = $4"
        " WHERE kind = $1 AND subject = $2 AND locked_until <= $4";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, kind, strlen(kind)) || db_bind_text(st, 2, key, strlen(key))
        || db_bind_int64(st, 3, until) || db_bind_int64(st, 4, now))
        return err_set(e, "cannot bind login lock values");
    if (db_step(st, e) < 0)
        return -1;
    *locked_now = db_changes(store_db(s)) > 0;
    return 0;
}

int store_login_failure(struct store *s, enum login_key kind, const char *key, int64_t now,
                        int64_t window, int threshold, int64_t lock_seconds, bool *locked,
                        bool *locked_now, struct err *e)
{
    const char *k = login_key_name(kind);
    int64_t failures = 0;

    *locked = *locked_now = false;
    if (purge(s, now, window, e) != 0 || count_failure(s, k, key, now, window, &failures, e) != 0)
        return -1;
    if (failures < threshold)
        return 0;
    *locked = true;
    return lock(s, k, key, now, now + lock_seconds, locked_now, e);
}

int store_login_clear(struct store *s, enum login_key kind, const char *key, bool *cleared,
                      struct err *e)
{
    static const char sql[] = "DELETE FROM login_attempt WHERE kind = $1 AND subject = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    const char *k = login_key_name(kind);

    if (st == NULL || db_bind_text(st, 1, k, strlen(k)) != 0
        || db_bind_text(st, 2, key, strlen(key)) != 0)
        return -1;
    if (db_step(st, e) < 0)
        return -1;
    if (cleared != NULL)
        *cleared = db_changes(store_db(s)) > 0;
    return 0;
}
