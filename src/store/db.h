/* db.h: the SQL driver seam under the store. One small interface over
 * SQLite (db_sqlite.c) and, later, PostgreSQL, in the manner of Dovecot's
 * lib-sql. Store code (store_*.c) writes portable SQL with `$1`-style
 * placeholders and `{{NAME}}` dialect macros in DDL; drivers translate.
 *
 * A connection is used by one thread at a time. Statements belong to
 * their connection. Text passed to bind functions is copied. */
#ifndef SAMANVAY_DB_H
#define SAMANVAY_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct db_stmt;

enum db_step { DB_ROW = 1, DB_DONE = 0 }; /* step returns these, or -1 on error */

/* Process-wide driver set-up; main calls it once before any db_open. */
int db_global_init(struct err *e);

/* Open "sqlite:PATH" or a PostgreSQL conninfo ("pg:..."). */
int db_open(const char *target, struct db **out, struct err *e);
void db_close(struct db *db);
const char *db_backend_name(const struct db *db); /* "sqlite" | "postgres" */

/* Whether the last error on this connection was the storage's (disk full,
 * read-only file or directory, I/O error) rather than the statement's;
 * cleared by db_storage_fault_clear. */
bool db_storage_fault(const struct db *db);
void db_storage_fault_clear(struct db *db);

/* Run SQL without parameters (may hold several statements). */
int db_exec(struct db *db, const char *sql, struct err *e);
/* Expand the dialect macros ({{AUTO_ID}}, {{BLOB}}, {{RETURNING_ID}}) for
 * this backend; the caller frees the result with mem_free. db_prepare
 * expands them too. */
char *db_expand_ddl(const struct db *db, const char *sql);

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
/* A statement that scans many rows (every enterprise's returns): stepping
 * fetches them in batches, so memory holds one batch whatever the table's
 * size, and several such statements may be stepped in turn. It must be
 * stepped inside a transaction (db_begin_read): on PostgreSQL it is a
 * cursor, which lives as long as its transaction. */
int db_prepare_stream(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
void db_finalize(struct db_stmt *st);
int db_bind_int64(struct db_stmt *st, int idx, int64_t v);
int db_bind_double(struct db_stmt *st, int idx, double v);
int db_bind_text(struct db_stmt *st, int idx, const char *s, size_t n);
/* Bind without copying, for hot paths: s must stay valid and unchanged
 * until the statement has been stepped to completion and reset. */
int db_bind_text_ref(struct db_stmt *st, int idx, const char *s, size_t n);
int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);
int db_bind_null(struct db_stmt *st, int idx);
/* Bind s, or NULL when s is NULL or empty. */
int db_bind_text_or_null(struct db_stmt *st, int idx, const char *s);
int db_step(struct db_stmt *st, struct err *e);
/* Run an INSERT written with {{RETURNING_ID}} at its end: *inserted tells
 * whether a row went in (false after ON CONFLICT DO NOTHING) and *id is
 * its id. SQLite answers from last_insert_rowid, because its RETURNING
 * builds a temporary table on every execution, which costs more than the
 * insert itself. */
int db_insert(struct db_stmt *st, int64_t *id, bool *inserted, struct err *e);
/* Ready to bind and step again. Bindings are kept, so rebind every
 * parameter before the next step. */
int db_reset(struct db_stmt *st);

bool db_column_is_null(struct db_stmt *st, int col);
int64_t db_column_int64(struct db_stmt *st, int col);
double db_column_double(struct db_stmt *st, int col);
const char *db_column_text(struct db_stmt *st, int col); /* "" for NULL; valid until next step */
size_t db_column_bytes(struct db_stmt *st, int col);
/* A row's shape, for code that writes rows it does not know in advance
 * (the privacy export): how many columns, each one's name, and the kind of
 * value it holds in the current row. */
enum db_kind { DB_KIND_NULL, DB_KIND_INT, DB_KIND_FLOAT, DB_KIND_TEXT, DB_KIND_BLOB };
int db_column_count(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int col);
enum db_kind db_column_kind(struct db_stmt *st, int col);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db *db);

int db_begin(struct db *db, struct err *e);
/* A transaction for reading only: one consistent snapshot for several
 * statements, and one lock instead of one per statement. */
int db_begin_read(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
int db_rollback(struct db *db);
/* Whether a transaction is open on this connection. */
bool db_in_transaction(struct db *db);

/* Bulk load through PostgreSQL's COPY FROM STDIN, for ingest batches
 * (store_*_batch.c): db_copy_begin with a "COPY table(cols) FROM STDIN"
 * statement, one db_copy_row per row (fields as text, NULL for SQL NULL),
 * then db_copy_end, which reports any row the server refused. Only where
 * db_can_copy says so: SQLite has no COPY, and its prepared INSERTs are
 * already in-process calls. */
bool db_can_copy(const struct db *db);
int db_copy_begin(struct db *db, const char *sql, struct err *e);
int db_copy_row(struct db *db, const char *const *fields, int n, struct err *e);
int db_copy_end(struct db *db, struct err *e);

/* A statement prepared once per connection and reset on every call, so
 * hot paths do not re-parse SQL. `sql` must be a string with static
 * storage (a literal): its address is the cache key. */
#define DB_STMT_CACHE 256
struct db_stmt *db_cached(struct db *db, const char *sql, struct err *e);

#endif
