/* db_sqlite.c: the SQLite driver behind db.h.
 *
 * Settings (docs/architecture.md): WAL journal with synchronous=NORMAL —
 * durable across application crashes, and a kill -9 can only lose whole
 * uncommitted transactions — plus a busy timeout so concurrent readers
 * and one writer coexist, and foreign keys on. */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"

struct cache_entry {
    const char *sql;            /* key: address of a static string */
    struct db_stmt *st;
};

struct db {
    sqlite3 *h;
    bool storage_fault;         /* the last error was the disk's, not the SQL's */
    struct cache_entry cache[DB_STMT_CACHE];
};

struct db_stmt {
    struct db *db;
    sqlite3_stmt *h;
};

static const char *const pragmas =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA cache_size=-65536;"
    "PRAGMA temp_store=MEMORY;";

/* Errors the caller cannot fix by asking again with other input: the disk
 * is full, the file or its directory is read-only, the device failed. The
 * web server answers them 503 rather than 500 (docs/load-faults.md). */
static bool storage_code(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return true;
    default: return false;
    }
}

/* Fill e with SQLite's message behind `prefix`, and remember whether the
 * storage failed. SQLite says only "disk I/O error" when a write hits a
 * full disk, so the operating system's reason follows when there is one
 * ("disk I/O error (No space left on device)"). */
static int fail(struct db *db, struct err *e, const char *prefix, const char *msg)
{
    int code = sqlite3_extended_errcode(db->h);
    int sys = sqlite3_system_errno(db->h);
    char why[128];

    db->storage_fault = storage_code(code);
    if (db->storage_fault && sys != 0)
        return err_set(e, "%s%s (%s)", prefix, msg ? msg : sqlite3_errmsg(db->h),
                       strerror_r(sys, why, sizeof why));
    return err_set(e, "%s%s", prefix, msg ? msg : sqlite3_errmsg(db->h));
}

bool db_storage_fault(const struct db *db)
{
    return db->storage_fault;
}

void db_storage_fault_clear(struct db *db)
{
    db->storage_fault = false;
}

int db_global_init(struct err *e)
{
    /* Memory statistics take a global mutex on every allocation; we do not
     * read them. Must precede sqlite3_initialize. */
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        return err_set(e, "sqlite3_config(MEMSTATUS) failed: SQLite already initialised");
    if (sqlite3_initialize() != SQLITE_OK)
        return err_set(e, "sqlite3_initialize failed");
    return 0;
}

int db_open(const char *target, struct db **out, struct err *e)
{
    struct db *db;
    const char *path;
    int rc;

    if (strncmp(target, "sqlite:", 7) != 0)
        return err_set(e, "this build has no driver for '%.40s' (PostgreSQL arrives with the pg driver)",
                       target);
    path = target + 7;
    db = mem_calloc(1, sizeof *db);
    if (db == NULL)
        return err_set(e, "out of memory");
    rc = sqlite3_open_v2(path, &db->h,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        char prefix[256];

        snprintf(prefix, sizeof prefix, "%s: ", path);
        if (db->h)
            fail(db, e, prefix, NULL);
        else
            err_set(e, "%s%s", prefix, sqlite3_errstr(rc));
        db_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db->h, 10000);
    sqlite3_extended_result_codes(db->h, 1);
    if (db_exec(db, pragmas, e) != 0) {
        err_prefix(e, "%s: ", path);
        db_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

void db_close(struct db *db)
{
    if (db == NULL)
        return;
    for (int i = 0; i < DB_STMT_CACHE; i++)
        db_finalize(db->cache[i].st);
    sqlite3_close(db->h);
    mem_free(db);
}

const char *db_backend_name(const struct db *db)
{
    (void)db;
    return "sqlite";
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
    char *msg = NULL;

    if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fail(db, e, "", msg);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static const struct {
    const char *macro;
    const char *sqlite;
} ddl_macros[] = {
    {"{{AUTO_ID}}", "INTEGER PRIMARY KEY"},
    {"{{BLOB}}", "BLOB"},
    {"{{RETURNING_ID}}", ""},
};

char *db_expand_ddl(const struct db *db, const char *sql)
{
    struct buf out = BUF_INIT;
    const char *p = sql;

    (void)db;
    while (*p) {
        bool replaced = false;
        for (size_t i = 0; i < sizeof ddl_macros / sizeof ddl_macros[0]; i++) {
            size_t n = strlen(ddl_macros[i].macro);
            if (strncmp(p, ddl_macros[i].macro, n) == 0) {
                if (buf_puts(&out, ddl_macros[i].sqlite) != 0)
                    goto oom;
                p += n;
                replaced = true;
                break;
            }
        }
        if (!replaced && buf_putc(&out, *p++) != 0)
            goto oom;
    }
    return buf_detach(&out);
oom:
    buf_release(&out);
    return NULL;
}

/* `$N` placeholders become `?N`: SQLite treats `$1` as a *named* parameter
 * numbered by first appearance, so "$2 ... $1" would bind backwards.
 * Text inside single-quoted literals is left alone. */
static char *rewrite_placeholders(const char *sql)
{
    struct buf out = BUF_INIT;
    bool in_string = false;

    for (const char *p = sql; *p; p++) {
        char c = *p;
        if (c == '\'')
            in_string = !in_string;
        if (!in_string && c == '$' && p[1] >= '0' && p[1] <= '9')
            c = '?';
        if (buf_putc(&out, c) != 0) {
            buf_release(&out);
            return NULL;
        }
    }
    return buf_detach(&out);
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
    struct db_stmt *st;
    char *expanded = db_expand_ddl(db, sql);
    char *native = expanded ? rewrite_placeholders(expanded) : NULL;
    int rc;

    mem_free(expanded);
    if (native == NULL)
        return err_set(e, "out of memory");
    st = mem_calloc(1, sizeof *st);
    if (st == NULL) {
        mem_free(native);
        return err_set(e, "out of memory");
    }
    st->db = db;
    rc = sqlite3_prepare_v3(db->h, native, -1, SQLITE_PREPARE_PERSISTENT, &st->h, NULL);
    mem_free(native);
    if (rc != SQLITE_OK) {
        fail(db, e, "prepare: ", NULL);
        mem_free(st);
        return -1;
    }
    *out = st;
    return 0;
}

void db_finalize(struct db_stmt *st)
{
    if (st == NULL)
        return;
    sqlite3_finalize(st->h);
    mem_free(st);
}

int db_bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    return sqlite3_bind_int64(st->h, idx, v) == SQLITE_OK ? 0 : -1;
}

int db_bind_double(struct db_stmt *st, int idx, double v)
{
    return sqlite3_bind_double(st->h, idx, v) == SQLITE_OK ? 0 : -1;
}

int db_bind_text(struct db_stmt *st, int idx, const char *s, size_t n)
{
    return sqlite3_bind_text64(st->h, idx, s, n, SQLITE_TRANSIENT, SQLITE_UTF8) == SQLITE_OK ? 0 : -1;
}

int db_bind_text_ref(struct db_stmt *st, int idx, const char *s, size_t n)
{
    return sqlite3_bind_text64(st->h, idx, s, n, SQLITE_STATIC, SQLITE_UTF8) == SQLITE_OK ? 0 : -1;
}

int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    return sqlite3_bind_blob64(st->h, idx, p, n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

int db_bind_null(struct db_stmt *st, int idx)
{
    return sqlite3_bind_null(st->h, idx) == SQLITE_OK ? 0 : -1;
}

int db_bind_text_or_null(struct db_stmt *st, int idx, const char *s)
{
    if (s == NULL || *s == '\0')
        return db_bind_null(st, idx);
    return db_bind_text(st, idx, s, strlen(s));
}

int db_step(struct db_stmt *st, struct err *e)
{
    int rc = sqlite3_step(st->h);

    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return fail(st->db, e, "", NULL);
}

int db_insert(struct db_stmt *st, int64_t *id, bool *inserted, struct err *e)
{
    int rc = db_step(st, e);

    if (rc < 0)
        return -1;
    *inserted = sqlite3_changes64(st->db->h) > 0;
    *id = *inserted ? sqlite3_last_insert_rowid(st->db->h) : 0;
    sqlite3_reset(st->h);
    return 0;
}

int db_reset(struct db_stmt *st)
{
    sqlite3_reset(st->h);
    return 0;
}

bool db_column_is_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(st->h, col) == SQLITE_NULL;
}

int64_t db_column_int64(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(st->h, col);
}

double db_column_double(struct db_stmt *st, int col)
{
    return sqlite3_column_double(st->h, col);
}

const char *db_column_text(struct db_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st->h, col);
    return t ? (const char *)t : "";
}

size_t db_column_bytes(struct db_stmt *st, int col)
{
    return (size_t)sqlite3_column_bytes(st->h, col);
}

int db_column_count(struct db_stmt *st)
{
    return sqlite3_column_count(st->h);
}

const char *db_column_name(struct db_stmt *st, int col)
{
    const char *n = sqlite3_column_name(st->h, col);

    return n != NULL ? n : "";
}

enum db_kind db_column_kind(struct db_stmt *st, int col)
{
    switch (sqlite3_column_type(st->h, col)) {
    case SQLITE_INTEGER: return DB_KIND_INT;
    case SQLITE_FLOAT: return DB_KIND_FLOAT;
    case SQLITE_TEXT: return DB_KIND_TEXT;
    case SQLITE_BLOB: return DB_KIND_BLOB;
    default: return DB_KIND_NULL;
    }
}

int64_t db_changes(struct db *db)
{
    return sqlite3_changes64(db->h);
}

int db_begin(struct db *db, struct err *e)
{
    /* IMMEDIATE takes the write lock now, so a writer never fails half-way
     * through a transaction because another connection started writing. */
    return db_exec(db, "BEGIN IMMEDIATE", e);
}

int db_begin_read(struct db *db, struct err *e)
{
    /* DEFERRED: the first read takes one WAL snapshot for every statement
     * after it, instead of a lock and an unlock around each. */
    return db_exec(db, "BEGIN DEFERRED", e);
}

bool db_in_transaction(struct db *db)
{
    return sqlite3_get_autocommit(db->h) == 0;
}

int db_commit(struct db *db, struct err *e)
{
    return db_exec(db, "COMMIT", e);
}

int db_rollback(struct db *db)
{
    struct err ignored;

    if (sqlite3_get_autocommit(db->h))
        return 0;
    return db_exec(db, "ROLLBACK", &ignored);
}

struct db_stmt *db_cached(struct db *db, const char *sql, struct err *e)
{
    size_t h = ((uintptr_t)sql >> 3) % DB_STMT_CACHE;

    for (size_t probe = 0; probe < DB_STMT_CACHE; probe++) {
        struct cache_entry *c = &db->cache[(h + probe) % DB_STMT_CACHE];
        if (c->sql == sql) {
            db_reset(c->st);
            return c->st;
        }
        if (c->sql == NULL) {
            if (db_prepare(db, sql, &c->st, e) != 0)
                return NULL;
            c->sql = sql;
            return c->st;
        }
    }
    err_set(e, "statement cache full (%d statements)", DB_STMT_CACHE);
    return NULL;
}
