/* store_audit.c: the hash-chained audit log. See store_audit.h. */
#include "store/store_audit.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "store/db.h"

static const char last_hash_sql[] = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";

/* The hash the next row chains to: the last row's, or the genesis. */
static int last_hash(struct db *db, char out[AUDIT_HASH_HEX], struct err *e)
{
    struct db_stmt *st = db_cached(db, last_hash_sql, e);
    int rc;

    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        const char *h = db_column_text(st, 0);
        if (!audit_chain_hash_valid(h)) {
            db_reset(st);
            return err_set(e, "the audit log's last row is not chained; `samanvay audit verify` tells where");
        }
        memcpy(out, h, AUDIT_HASH_HEX);
    } else if (rc == DB_DONE) {
        memcpy(out, audit_chain_genesis, AUDIT_HASH_HEX);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static int insert_chained(struct db *db, const struct audit_fields *f, struct err *e)
{
    static const char sql[] =
        "INSERT INTO audit_log(at, user_id, username, role, action, enterprise_id, route, reason,"
        " prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    struct db_stmt *st = db_cached(db, sql, e);
    char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX];

    if (st == NULL || last_hash(db, prev, e) != 0)
        return -1;
    audit_chain_hash(prev, f, hash);
    if (db_bind_text(st, 1, f->at, strlen(f->at)) || db_bind_int64(st, 2, f->user_id)
        || db_bind_text(st, 3, f->username, strlen(f->username))
        || db_bind_text(st, 4, f->role, strlen(f->role))
        || db_bind_text(st, 5, f->action, strlen(f->action))
        || (f->enterprise_id > 0 ? db_bind_int64(st, 6, f->enterprise_id) : db_bind_null(st, 6))
        || db_bind_text(st, 7, f->route, strlen(f->route))
        || db_bind_text(st, 8, f->reason, strlen(f->reason))
        || db_bind_text(st, 9, prev, AUDIT_HASH_HEX - 1)
        || db_bind_text(st, 10, hash, AUDIT_HASH_HEX - 1))
        return err_set(e, "cannot bind audit values");
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_audit_append(struct store *s, const struct audit_entry *a, struct err *e)
{
    struct db *db = store_db(s);
    struct audit_fields f = {
        .at = store_now(s), .user_id = a->user_id, .username = a->username, .role = a->role,
        .action = a->action, .enterprise_id = a->enterprise_id, .route = a->route, .reason = a->reason,
    };
    /* Reading the last hash and inserting must be one step under the write
     * lock, or two requests would chain to the same row. */
    bool own = !db_in_transaction(db);

    if (own && db_begin(db, e) != 0)
        return -1;
    if (insert_chained(db, &f, e) != 0) {
        if (own)
            db_rollback(db);
        return -1;
    }
    return own ? db_commit(db, e) : 0;
}

int store_audit_count(struct store *s, int64_t *n, struct err *e)
{
    static const char sql[] = "SELECT COUNT(*) FROM audit_log";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_step(st, e) != DB_ROW)
        return -1;
    *n = db_column_int64(st, 0);
    db_reset(st);
    return 0;
}

static const char walk_sql[] =
    "SELECT id, at, user_id, username, role, action, enterprise_id, route, reason, prev_hash, hash"
    " FROM audit_log ORDER BY id";

/* One row's fields as read by walk_sql; valid until the next step. */
static void row_fields(struct db_stmt *st, struct audit_fields *f)
{
    f->at = db_column_text(st, 1);
    f->user_id = db_column_int64(st, 2);
    f->username = db_column_text(st, 3);
    f->role = db_column_text(st, 4);
    f->action = db_column_text(st, 5);
    f->enterprise_id = db_column_is_null(st, 6) ? 0 : db_column_int64(st, 6);
    f->route = db_column_text(st, 7);
    f->reason = db_column_text(st, 8);
}

int store_audit_chain_unchained(struct store *s, struct err *e)
{
    static const char unchained_sql[] =
        "SELECT id, at, user_id, username, role, action, enterprise_id, route, reason"
        " FROM audit_log WHERE hash IS NULL ORDER BY id";
    static const char set_sql[] = "UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3";
    struct db *db = store_db(s);
    struct db_stmt *unchained, *set = NULL;
    char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX];
    int rc;

    /* Only the rows before the chain began are unchained (the migration
     * runs before any chained append), so they chain from the genesis. */
    memcpy(prev, audit_chain_genesis, AUDIT_HASH_HEX);
    if (db_prepare(db, unchained_sql, &unchained, e) != 0)
        return -1;
    if (db_prepare(db, set_sql, &set, e) != 0) {
        db_finalize(unchained);
        return -1;
    }
    while ((rc = db_step(unchained, e)) == DB_ROW) {
        struct audit_fields f;
        int64_t id = db_column_int64(unchained, 0);
        row_fields(unchained, &f);
        audit_chain_hash(prev, &f, hash);
        if (db_bind_text(set, 1, prev, AUDIT_HASH_HEX - 1) || db_bind_text(set, 2, hash, AUDIT_HASH_HEX - 1)
            || db_bind_int64(set, 3, id) || db_step(set, e) < 0 || db_reset(set) != 0) {
            rc = err_set(e, "cannot chain audit row %lld", (long long)id);
            break;
        }
        memcpy(prev, hash, AUDIT_HASH_HEX);
    }
    db_finalize(set);
    db_finalize(unchained);
    return rc < 0 ? -1 : 0;
}

const char *audit_fault_name(enum audit_fault f)
{
    switch (f) {
    case AUDIT_CHANGED: return "changed";
    case AUDIT_RELINKED: return "relinked";
    case AUDIT_UNCHAINED: return "unchained";
    case AUDIT_HEAD_MISSING: return "head_missing";
    case AUDIT_INTACT: break;
    }
    return "";
}

/* Check one row against the hash before it; sets the fault if any. */
static void check_row(struct db_stmt *st, const char *prev, struct audit_verify *v)
{
    const char *prev_hash = db_column_text(st, 9), *hash = db_column_text(st, 10);
    struct audit_fields f;
    char want[AUDIT_HASH_HEX];

    if (!audit_chain_hash_valid(hash) || !audit_chain_hash_valid(prev_hash)) {
        v->fault = AUDIT_UNCHAINED;
        return;
    }
    if (strcmp(prev_hash, prev) != 0) {
        v->fault = AUDIT_RELINKED;
        return;
    }
    row_fields(st, &f);
    audit_chain_hash(prev, &f, want);
    if (strcmp(want, hash) != 0)
        v->fault = AUDIT_CHANGED;
}

static int walk(struct store *s, const char *expected_head, struct audit_verify *v,
                void (*progress)(void *, int64_t, int64_t), void *arg, int64_t total, struct err *e)
{
    struct db_stmt *st;
    bool head_seen = expected_head == NULL || strcmp(expected_head, audit_chain_genesis) == 0;
    int rc;

    if (db_prepare_stream(store_db(s), walk_sql, &st, e) != 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        check_row(st, v->head, v);
        if (v->fault != AUDIT_INTACT) {
            v->fault_id = db_column_int64(st, 0);
            break;
        }
        memcpy(v->head, db_column_text(st, 10), AUDIT_HASH_HEX);
        v->head_id = db_column_int64(st, 0);
        v->rows++;
        if (head_seen)
            v->rows_after_head++;
        else if (strcmp(v->head, expected_head) == 0)
            head_seen = true;
        if (progress != NULL && (v->rows & 0xffff) == 0)
            progress(arg, v->rows, total);
    }
    db_finalize(st);
    if (rc < 0)
        return -1;
    if (expected_head != NULL && expected_head[0] != '\0' && !head_seen && v->fault == AUDIT_INTACT)
        v->fault = AUDIT_HEAD_MISSING;
    if (expected_head == NULL)
        v->rows_after_head = 0;
    return 0;
}

int store_audit_verify(struct store *s, const char *expected_head, struct audit_verify *out,
                       void (*progress)(void *arg, int64_t done, int64_t total), void *arg,
                       struct err *e)
{
    int64_t total = 0;
    int rc;

    memset(out, 0, sizeof *out);
    memcpy(out->head, audit_chain_genesis, AUDIT_HASH_HEX);
    if (store_begin_read(s, e) != 0)
        return -1;
    rc = store_audit_count(s, &total, e) == 0 ? walk(s, expected_head, out, progress, arg, total, e) : -1;
    store_rollback(s);
    return rc;
}

static void copy_text(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

static int count_for_enterprise(struct db *db, int64_t enterprise_id, int64_t *total, struct err *e)
{
    static const char sql[] =
        "SELECT COUNT(*) FROM audit_log WHERE enterprise_id = $1 AND role <> 'entrepreneur'";
    struct db_stmt *st = db_cached(db, sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) != 0 || db_step(st, e) != DB_ROW) {
        db_reset(st);
        return -1;
    }
    *total = db_column_int64(st, 0);
    db_reset(st);
    return 0;
}

int store_audit_for_enterprise(struct store *s, int64_t enterprise_id, size_t limit,
                               struct audit_access **out, size_t *n, int64_t *total, struct err *e)
{
    static const char sql[] =
        "SELECT at, username, role, action, route, reason FROM audit_log"
        " WHERE enterprise_id = $1 AND role <> 'entrepreneur' ORDER BY id DESC LIMIT $2";
    struct db *db = store_db(s);
    struct db_stmt *st;
    struct audit_access *rows;
    int rc = DB_DONE;

    *out = NULL;
    *n = 0;
    if (limit > AUDIT_ACCESS_MAX)
        limit = AUDIT_ACCESS_MAX;
    if (count_for_enterprise(db, enterprise_id, total, e) != 0)
        return -1;
    if ((rows = mem_calloc(limit > 0 ? limit : 1, sizeof *rows)) == NULL)
        return err_set(e, "out of memory");
    if ((st = db_cached(db, sql, e)) == NULL || db_bind_int64(st, 1, enterprise_id) != 0
        || db_bind_int64(st, 2, (int64_t)limit) != 0) {
        mem_free(rows);
        return st != NULL ? err_set(e, "cannot bind the enterprise") : -1;
    }
    while (*n < limit && (rc = db_step(st, e)) == DB_ROW) {
        struct audit_access *r = &rows[(*n)++];
        copy_text(r->at, sizeof r->at, db_column_text(st, 0));
        copy_text(r->username, sizeof r->username, db_column_text(st, 1));
        copy_text(r->role, sizeof r->role, db_column_text(st, 2));
        copy_text(r->action, sizeof r->action, db_column_text(st, 3));
        copy_text(r->route, sizeof r->route, db_column_text(st, 4));
        copy_text(r->reason, sizeof r->reason, db_column_text(st, 5));
    }
    db_reset(st);
    if (rc < 0 && *n < limit) {
        mem_free(rows);
        *n = 0;
        return -1;
    }
    *out = rows;
    return 0;
}
