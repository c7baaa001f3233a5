/* db_driver.h: what a driver behind db.h provides. db.c keeps what every
 * backend shares (dispatch on the target's prefix, the statement cache,
 * dialect macros, the storage-fault flag); db_sqlite.c and db_postgres.c
 * fill a table of these functions. Only drivers and db.c include this. */
#ifndef SAMANVAY_DB_DRIVER_H
#define SAMANVAY_DB_DRIVER_H

#include "store/db.h"

struct db_cache_entry {
    const char *sql;            /* key: address of a static string */
    struct db_stmt *st;
};

/* The head of every driver's connection: drivers embed it first. */
struct db {
    const struct db_driver *drv;
    bool storage_fault;         /* the last error was the storage's, not the SQL's */
    struct db_cache_entry cache[DB_STMT_CACHE];
};

/* The head of every driver's statement: drivers embed it first. */
struct db_stmt {
    struct db *db;
};

/* How a prepared statement will be used, for drivers that care. */
enum db_use {
    DB_USE_ONCE,      /* db_prepare: run a few times, then finalised */
    DB_USE_CACHED,    /* db_cached: kept and run many times: worth preparing on the server */
    DB_USE_STREAM,    /* db_prepare_stream: a scan of many rows, fetched in batches */
};

struct db_macro {
    const char *name;           /* "{{AUTO_ID}}" */
    const char *text;           /* what it becomes on this backend */
};

struct db_driver {
    const char *name;           /* db_backend_name */
    const char *prefix;         /* of the target db_open is given: "sqlite:" */
    const struct db_macro *macros;
    size_t n_macros;
    int (*global_init)(struct err *e); /* once per process, before any open */
    int (*open)(const char *target, struct db **out, struct err *e);
    void (*close)(struct db *db);
    int (*exec)(struct db *db, const char *sql, struct err *e);
    /* sql is already expanded; `use` says how it will be run (DB_USE_*). */
    int (*prepare)(struct db *db, const char *sql, enum db_use use, struct db_stmt **out, struct err *e);
    void (*finalize)(struct db_stmt *st);
    int (*bind_int64)(struct db_stmt *st, int idx, int64_t v);
    int (*bind_double)(struct db_stmt *st, int idx, double v);
    int (*bind_text)(struct db_stmt *st, int idx, const char *s, size_t n, bool copy);
    int (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
    int (*bind_null)(struct db_stmt *st, int idx);
    int (*step)(struct db_stmt *st, struct err *e);
    int (*insert)(struct db_stmt *st, int64_t *id, bool *inserted, struct err *e);
    int (*reset)(struct db_stmt *st);
    bool (*column_is_null)(struct db_stmt *st, int col);
    int64_t (*column_int64)(struct db_stmt *st, int col);
    double (*column_double)(struct db_stmt *st, int col);
    const char *(*column_text)(struct db_stmt *st, int col);
    size_t (*column_bytes)(struct db_stmt *st, int col);
    int (*column_count)(struct db_stmt *st);
    const char *(*column_name)(struct db_stmt *st, int col);
    enum db_kind (*column_kind)(struct db_stmt *st, int col);
    int64_t (*changes)(struct db *db);
    int (*begin)(struct db *db, struct err *e);
    int (*begin_read)(struct db *db, struct err *e);
    int (*commit)(struct db *db, struct err *e);
    int (*rollback)(struct db *db);
    bool (*in_transaction)(struct db *db);
    /* COPY FROM STDIN; NULL where the backend has none (db.h). */
    int (*copy_begin)(struct db *db, const char *sql, struct err *e);
    int (*copy_row)(struct db *db, const char *const *fields, int n, struct err *e);
    int (*copy_end)(struct db *db, struct err *e);
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_postgres_driver;

/* Drivers call this once they have set up their connection's head. */
void db_head_init(struct db *db, const struct db_driver *drv);

#endif
