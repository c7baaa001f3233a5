/* db_sqlite.c: the SQLite driver behind db.h.
 *
 * Settings (docs/architecture.md): WAL journal with synchronous=NORMAL —
 * durable across application crashes, and a kill -9 can only lose whole
 * uncommitted transactions — plus a busy timeout so concurrent readers
 * and one writer coexist, and foreign keys on. */
#include "store/db_driver.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"

struct sqlite_db {
    struct db base;
    sqlite3 *h;
};

struct sqlite_stmt {
    struct db_stmt base;
    sqlite3_stmt *h;
};

static sqlite3 *conn(struct db *db)
{
    return ((struct sqlite_db *)db)->h;
}

static sqlite3_stmt *handle(struct db_stmt *st)
{
    return ((struct sqlite_stmt *)st)->h;
}

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
    int code = sqlite3_extended_errcode(conn(db));
    int sys = sqlite3_system_errno(conn(db));
    char why[128];

    db->storage_fault = storage_code(code);
    if (db->storage_fault && sys != 0)
        return err_set(e, "%s%s (%s)", prefix, msg ? msg : sqlite3_errmsg(conn(db)),
                       strerror_r(sys, why, sizeof why));
    return err_set(e, "%s%s", prefix, msg ? msg : sqlite3_errmsg(conn(db)));
}

static int global_init(struct err *e)
{
    /* Memory statistics take a global mutex on every allocation; we do not
     * read them. Must precede sqlite3_initialize. */
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        return err_set(e, "sqlite3_config(MEMSTATUS) failed: SQLite already initialised");
    if (sqlite3_initialize() != SQLITE_OK)
        return err_set(e, "sqlite3_initialize failed");
    return 0;
}

static int exec(struct db *db, const char *sql, struct err *e)
{
    char *msg = NULL;

    if (sqlite3_exec(conn(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
        fail(db, e, "", msg);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static void close_db(struct db *db)
{
    sqlite3_close(conn(db));
    mem_free(db);
}

static int open_db(const char *path, struct db **out, struct err *e)
{
    struct sqlite_db *sdb = mem_calloc(1, sizeof *sdb);
    int rc;

    if (sdb == NULL)
        return err_set(e, "out of memory");
    db_head_init(&sdb->base, &db_sqlite_driver);
    rc = sqlite3_open_v2(path, &sdb->h,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        char prefix[256];

        snprintf(prefix, sizeof prefix, "%s: ", path);
        if (sdb->h)
            fail(&sdb->base, e, prefix, NULL);
        else
            err_set(e, "%s%s", prefix, sqlite3_errstr(rc));
        close_db(&sdb->base);
        return -1;
    }
    sqlite3_busy_timeout(sdb->h, 10000);
    sqlite3_extended_result_codes(sdb->h, 1);
    if (exec(&sdb->base, pragmas, e) != 0) {
        err_prefix(e, "%s: ", path);
        close_db(&sdb->base);
        return -1;
    }
    *out = &sdb->base;
    return 0;
}

static const struct db_macro macros[] = {
    {"{{AUTO_ID}}", "INTEGER PRIMARY KEY"},
    {"{{BLOB}}", "BLOB"},
    {"{{RETURNING_ID}}", ""},
};

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

static int prepare(struct db *db, const char *sql, enum db_use use, struct db_stmt **out, struct err *e)
{
    struct sqlite_stmt *st;
    char *native = rewrite_placeholders(sql);
    int rc;

    (void)use; /* every statement is prepared once, and SQLite steps rows as they come */
    if (native == NULL)
        return err_set(e, "out of memory");
    st = mem_calloc(1, sizeof *st);
    if (st == NULL) {
        mem_free(native);
        return err_set(e, "out of memory");
    }
    st->base.db = db;
    rc = sqlite3_prepare_v3(conn(db), native, -1, SQLITE_PREPARE_PERSISTENT, &st->h, NULL);
    mem_free(native);
    if (rc != SQLITE_OK) {
        fail(db, e, "prepare: ", NULL);
        mem_free(st);
        return -1;
    }
    *out = &st->base;
    return 0;
}

static void finalize(struct db_stmt *st)
{
    sqlite3_finalize(handle(st));
    mem_free(st);
}

static int bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    return sqlite3_bind_int64(handle(st), idx, v) == SQLITE_OK ? 0 : -1;
}

static int bind_double(struct db_stmt *st, int idx, double v)
{
    return sqlite3_bind_double(handle(st), idx, v) == SQLITE_OK ? 0 : -1;
}

static int bind_text(struct db_stmt *st, int idx, const char *s, size_t n, bool copy)
{
    return sqlite3_bind_text64(handle(st), idx, s, n, copy ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8)
                   == SQLITE_OK
               ? 0
               : -1;
}

static int bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    return sqlite3_bind_blob64(handle(st), idx, p, n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

static int bind_null(struct db_stmt *st, int idx)
{
    return sqlite3_bind_null(handle(st), idx) == SQLITE_OK ? 0 : -1;
}

static int step(struct db_stmt *st, struct err *e)
{
    int rc = sqlite3_step(handle(st));

    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return fail(st->db, e, "", NULL);
}

static int insert(struct db_stmt *st, int64_t *id, bool *inserted, struct err *e)
{
    int rc = step(st, e);

    if (rc < 0)
        return -1;
    *inserted = sqlite3_changes64(conn(st->db)) > 0;
    *id = *inserted ? sqlite3_last_insert_rowid(conn(st->db)) : 0;
    sqlite3_reset(handle(st));
    return 0;
}

static int reset(struct db_stmt *st)
{
    sqlite3_reset(handle(st));
    return 0;
}

static bool column_is_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(handle(st), col) == SQLITE_NULL;
}

static int64_t column_int64(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(handle(st), col);
}

static double column_double(struct db_stmt *st, int col)
{
    return sqlite3_column_double(handle(st), col);
}

static const char *column_text(struct db_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(handle(st), col);
    return t ? (const char *)t : "";
}

static size_t column_bytes(struct db_stmt *st, int col)
{
    return (size_t)sqlite3_column_bytes(handle(st), col);
}

static int column_count(struct db_stmt *st)
{
    return sqlite3_column_count(handle(st));
}

static const char *column_name(struct db_stmt *st, int col)
{
    const char *n = sqlite3_column_name(handle(st), col);

    return n != NULL ? n : "";
}

static enum db_kind column_kind(struct db_stmt *st, int col)
{
    switch (sqlite3_column_type(handle(st), col)) {
    case SQLITE_INTEGER: return DB_KIND_INT;
    case SQLITE_FLOAT: return DB_KIND_FLOAT;
    case SQLITE_TEXT: return DB_KIND_TEXT;
    case SQLITE_BLOB: return DB_KIND_BLOB;
    default: return DB_KIND_NULL;
    }
}

static int64_t changes(struct db *db)
{
    return sqlite3_changes64(conn(db));
}

static int begin(struct db *db, struct err *e)
{
    /* IMMEDIATE takes the write lock now, so a writer never fails half-way
     * through a transaction because another connection started writing. */
    return exec(db, "BEGIN IMMEDIATE", e);
}

static int begin_read(struct db *db, struct err *e)
{
    /* DEFERRED: the first read takes one WAL snapshot for every statement
     * after it, instead of a lock and an unlock around each. */
    return exec(db, "BEGIN DEFERRED", e);
}

static bool in_transaction(struct db *db)
{
    return sqlite3_get_autocommit(conn(db)) == 0;
}

static int commit(struct db *db, struct err *e)
{
    return exec(db, "COMMIT", e);
}

static int rollback(struct db *db)
{
    struct err ignored;

    if (sqlite3_get_autocommit(conn(db)))
        return 0;
    return exec(db, "ROLLBACK", &ignored);
}

const struct db_driver db_sqlite_driver = {
    .name = "sqlite",
    .prefix = "sqlite:",
    .macros = macros,
    .n_macros = sizeof macros / sizeof macros[0],
    .global_init = global_init,
    .open = open_db,
    .close = close_db,
    .exec = exec,
    .prepare = prepare,
    .finalize = finalize,
    .bind_int64 = bind_int64,
    .bind_double = bind_double,
    .bind_text = bind_text,
    .bind_blob = bind_blob,
    .bind_null = bind_null,
    .step = step,
    .insert = insert,
    .reset = reset,
    .column_is_null = column_is_null,
    .column_int64 = column_int64,
    .column_double = column_double,
    .column_text = column_text,
    .column_bytes = column_bytes,
    .column_count = column_count,
    .column_name = column_name,
    .column_kind = column_kind,
    .changes = changes,
    .begin = begin,
    .begin_read = begin_read,
    .commit = commit,
    .rollback = rollback,
    .in_transaction = in_transaction,
};
