/* store_auth.c: accounts and sessions. */
#include "store/store_auth.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"

static const char *const role_names[AUTH_ROLE_COUNT] = {
    "", "entrepreneur", "officer", "policymaker", "admin",
};

const char *auth_role_name(enum auth_role r)
{
    return (unsigned)r < AUTH_ROLE_COUNT ? role_names[r] : "";
}

int auth_role_parse(const char *name, enum auth_role *out)
{
    for (int r = AUTH_ROLE_ENTREPRENEUR; r < AUTH_ROLE_COUNT; r++) {
        if (strcmp(name, role_names[r]) == 0) {
            *out = (enum auth_role)r;
            return 0;
        }
    }
    return -1;
}

/* --- accounts ---------------------------------------------------------- */

#define USER_COLUMNS "id, username, role, state, district, enterprise_id, disabled, password_hash"

int store_user_add(struct store *s, const struct auth_user *u, const char *password_hash,
                   int64_t *id, bool *created, struct err *e)
{
    static const char sql[] =
        "INSERT INTO app_user(username, password_hash, role, state, district, enterprise_id,"
        " disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        " ON CONFLICT (username) DO NOTHING RETURNING id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    const char *role = auth_role_name(u->role), *now = store_now(s);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, u->username, strlen(u->username))
        || db_bind_text(st, 2, password_hash, strlen(password_hash))
        || db_bind_text(st, 3, role, strlen(role)) || db_bind_text_or_null(st, 4, u->state)
        || db_bind_text_or_null(st, 5, u->district)
        || (u->enterprise_id > 0 ? db_bind_int64(st, 6, u->enterprise_id) : db_bind_null(st, 6))
        || db_bind_int64(st, 7, u->disabled) || db_bind_text(st, 8, now, strlen(now)))
        return err_set(e, "cannot bind account values");
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *created = rc == DB_ROW;
    if (*created && id != NULL)
        *id = db_column_int64(st, 0);
    db_reset(st);
    return 0;
}

static void read_user(struct db_stmt *st, struct auth_user *u, char hash[AUTH_HASH_MAX])
{
    memset(u, 0, sizeof *u);
    u->id = db_column_int64(st, 0);
    snprintf(u->username, sizeof u->username, "%s", db_column_text(st, 1));
    if (auth_role_parse(db_column_text(st, 2), &u->role) != 0)
        u->role = AUTH_ROLE_NONE;  /* the CHECK constraint makes this unreachable */
    snprintf(u->state, sizeof u->state, "%s", db_column_text(st, 3));
    snprintf(u->district, sizeof u->district, "%s", db_column_text(st, 4));
    u->enterprise_id = db_column_is_null(st, 5) ? 0 : db_column_int64(st, 5);
    u->disabled = db_column_int64(st, 6) != 0;
    if (hash != NULL)
        snprintf(hash, AUTH_HASH_MAX, "%s", db_column_text(st, 7));
}

static int user_lookup(struct db_stmt *st, struct auth_user *out, char hash[AUTH_HASH_MAX],
                       bool *found, struct err *e)
{
    int rc = db_step(st, e);

    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found)
        read_user(st, out, hash);
    db_reset(st);
    return 0;
}

int store_user_find(struct store *s, const char *username, struct auth_user *out,
                    char hash[AUTH_HASH_MAX], bool *found, struct err *e)
{
    static const char sql[] = "SELECT " USER_COLUMNS " FROM app_user WHERE username = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_text(st, 1, username, strlen(username)) != 0)
        return -1;
    return user_lookup(st, out, hash, found, e);
}

int store_user_get(struct store *s, int64_t id, struct auth_user *out, bool *found, struct err *e)
{
    static const char sql[] = "SELECT " USER_COLUMNS " FROM app_user WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_int64(st, 1, id) != 0)
        return -1;
    return user_lookup(st, out, NULL, found, e);
}

/* --- sessions ---------------------------------------------------------- */

int store_session_put(struct store *s, const struct auth_session *ss, struct err *e)
{
    static const char sql[] =
        "INSERT INTO session(id_hash, user_id, csrf, created_at, last_seen_at, expires_at)"
        " VALUES ($1, $2, $3, $4, $5, $6)";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, ss->id_hash, strlen(ss->id_hash))
        || (ss->user_id > 0 ? db_bind_int64(st, 2, ss->user_id) : db_bind_null(st, 2))
        || db_bind_text(st, 3, ss->csrf, strlen(ss->csrf)) || db_bind_int64(st, 4, ss->created_at)
        || db_bind_int64(st, 5, ss->last_seen_at) || db_bind_int64(st, 6, ss->expires_at))
        return err_set(e, "cannot bind session values");
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_session_get(struct store *s, const char *id_hash, struct auth_session *out, bool *found,
                      struct err *e)
{
    static const char sql[] =
        "SELECT user_id, csrf, created_at, last_seen_at, expires_at FROM session"
        " WHERE id_hash = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL || db_bind_text(st, 1, id_hash, strlen(id_hash)) != 0)
        return -1;
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found) {
        memset(out, 0, sizeof *out);
        snprintf(out->id_hash, sizeof out->id_hash, "%s", id_hash);
        out->user_id = db_column_is_null(st, 0) ? 0 : db_column_int64(st, 0);
        snprintf(out->csrf, sizeof out->csrf, "%s", db_column_text(st, 1));
        out->created_at = db_column_int64(st, 2);
        out->last_seen_at = db_column_int64(st, 3);
        out->expires_at = db_column_int64(st, 4);
    }
    db_reset(st);
    return 0;
}

int store_session_touch(struct store *s, const char *id_hash, int64_t now, struct err *e)
{
    static const char sql[] = "UPDATE session SET last_seen_at = $2 WHERE id_hash = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_text(st, 1, id_hash, strlen(id_hash)) != 0
        || db_bind_int64(st, 2, now) != 0)
        return -1;
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_session_delete(struct store *s, const char *id_hash, struct err *e)
{
    static const char sql[] = "DELETE FROM session WHERE id_hash = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_text(st, 1, id_hash, strlen(id_hash)) != 0)
        return -1;
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_session_purge(struct store *s, int64_t now, int64_t idle, int64_t *deleted,
                        struct err *e)
{
    static const char sql[] = "DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_bind_int64(st, 1, now) != 0 || db_bind_int64(st, 2, now - idle) != 0)
        return -1;
    if (db_step(st, e) < 0)
        return -1;
    if (deleted != NULL)
        *deleted = db_changes(store_db(s));
    return 0;
}

