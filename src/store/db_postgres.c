/* db_postgres.c: the PostgreSQL driver behind db.h, through libpq.
 *
 * Store SQL is already PostgreSQL's dialect for placeholders (`$1`), so
 * statements go to the server as written, after the DDL macros.
 *
 * - Cached statements (db_cached) are prepared once per connection under a
 *   name, on their first step, with the types of that step's bindings as
 *   hints; other statements go in one round trip each (PQexecParams).
 * - Values travel as text, except blobs (binary). Results come back as
 *   text and are converted on reading; booleans read as 1 and 0, as
 *   SQLite's comparisons give them.
 * - A result is read whole before the first row is handed out, so a caller
 *   may step one statement while running others on the same connection,
 *   as it can on SQLite.
 * - Writers take one transaction-scoped advisory lock at BEGIN, so writes
 *   are serialised exactly as SQLite's BEGIN IMMEDIATE serialises them:
 *   store code that reads and then writes (the audit chain's last hash,
 *   the next application number) stays correct without a second design.
 *   Readers never wait for it. docs/scaling.md says how writes scale. */
#include "store/db_driver.h"

#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"

/* Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across versions. */
enum {
    OID_BOOL = 16,
    OID_BYTEA = 17,
    OID_INT8 = 20,
    OID_INT2 = 21,
    OID_INT4 = 23,
    OID_FLOAT4 = 700,
    OID_FLOAT8 = 701,
    OID_NUMERIC = 1700,
};

/* Any constant shared by every Samanvay process on a database: the key of
 * the writers' lock ("SMVY" in ASCII). */
#define WRITER_LOCK_KEY "1397577305"

struct pg_db {
    struct db base;
    PGconn *conn;
    int64_t changes;            /* rows changed by the last INSERT/UPDATE/DELETE */
    unsigned next_name;         /* for naming prepared statements */
    unsigned session;           /* counts reconnections: statements prepared in an
                                   earlier session are prepared again */
    bool in_txn;                /* between our BEGIN and COMMIT or ROLLBACK */
};

struct pg_param {
    char *owned;                /* a copy the statement frees, or NULL */
    const char *value;          /* NULL: SQL NULL */
    int length;
    int format;                 /* 0 text, 1 binary */
    Oid type;                   /* hint for the server; 0: let it infer */
    char num[32];               /* numbers are formatted here */
};

struct pg_stmt {
    struct db_stmt base;
    char *sql;
    int n_params;
    struct pg_param *params;
    /* libpq's parallel arrays, filled from params at each execution */
    const char **values;
    int *lengths, *formats;
    Oid *types;
    bool persistent;
    bool stream;                /* a cursor fetched in batches (db_prepare_stream) */
    bool cursor_open;
    bool more;                  /* the cursor may have rows after this batch */
    char cursor[24];
    bool prepared;              /* on the server, under `name`, in session `session` */
    unsigned session;
    char name[24];
    PGresult *res;              /* NULL until executed since the last reset */
    int row;                    /* current row of res */
    int n_rows;
    unsigned char **bytea;      /* decoded bytea of the current row, per column */
    size_t *bytea_len;
    int n_cols;
};

/* Every session's settings. JIT is off: a batch's statements over a
 * partitioned table cost enough in the planner's eyes to be compiled, and
 * compiling took 160 of the 240 ms of an ingest batch's lookup (5,000 GST
 * rows, 41 partitions; docs/scaling.md) while saving nothing measurable on
 * the store's short, index-driven statements. */
#define SESSION_SETTINGS "SET TIME ZONE 'UTC'; SET client_min_messages = warning; SET jit = off"

static PGconn *conn(struct db *db)
{
    return ((struct pg_db *)db)->conn;
}

static struct pg_stmt *pst(struct db_stmt *st)
{
    return (struct pg_stmt *)st;
}

/* SQLSTATE classes that say the storage or the server failed rather than
 * the statement: 08 connection, 53 insufficient resources (disk full, out
 * of memory), 57 operator intervention (shutdown), 58 system error (I/O),
 * and 25006, a read-only transaction (a hot standby). The web server
 * answers them 503 (docs/load-faults.md). */
static bool storage_state(const char *state)
{
    if (state == NULL)
        return true; /* no SQLSTATE: the connection itself failed */
    return strncmp(state, "08", 2) == 0 || strncmp(state, "53", 2) == 0 || strncmp(state, "57", 2) == 0
           || strncmp(state, "58", 2) == 0 || strcmp(state, "25006") == 0;
}

/* Fill e from a failed result (or from the connection when res is NULL),
 * without PostgreSQL's "ERROR:  " prefix and trailing newline. */
static int fail(struct db *db, const PGresult *res, struct err *e, const char *prefix)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    size_t n;

    if (msg == NULL)
        msg = PQerrorMessage(conn(db));
    n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    db->storage_fault = storage_state(state);
    return err_set(e, "%s%.*s%s%s%s", prefix, (int)n, msg, state ? " (SQLSTATE " : "", state ? state : "",
                   state ? ")" : "");
}

/* Run SQL that returns no rows we need; true on success. */
static int reconnect_if_lost(struct db *db, struct err *e);

static int run_once(struct db *db, const char *sql, struct err *e)
{
    PGresult *res;
    ExecStatusType s;
    int rc = 0;

    if (reconnect_if_lost(db, e) != 0)
        return -1;
    res = PQexec(conn(db), sql);
    s = PQresultStatus(res);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
        rc = fail(db, res, e, "");
    PQclear(res);
    return rc;
}

/* Run SQL whose rows we do not need. BEGIN and SET meeting a dropped
 * connection run again on a new one, as a read does (execute). */
static int run(struct db *db, const char *sql, struct err *e)
{
    struct pg_db *pdb = (struct pg_db *)db;

    if (run_once(db, sql, e) == 0)
        return 0;
    if (PQstatus(pdb->conn) == CONNECTION_OK || pdb->in_txn
        || (strncmp(sql, "BEGIN", 5) != 0 && strncmp(sql, "SET ", 4) != 0))
        return -1;
    db->storage_fault = false;
    return run_once(db, sql, e);
}

static void notice_quietly(void *arg, const char *message)
{
    /* "relation already exists, skipping" and the like: store code asks
     * for IF NOT EXISTS on purpose, so the notices are noise on stderr. */
    (void)arg;
    (void)message;
}

static void close_db(struct db *db)
{
    PQfinish(conn(db));
    mem_free(db);
}

static int open_db(const char *conninfo, struct db **out, struct err *e)
{
    struct pg_db *pdb = mem_calloc(1, sizeof *pdb);

    if (pdb == NULL)
        return err_set(e, "out of memory");
    db_head_init(&pdb->base, &db_postgres_driver);
    pdb->conn = PQconnectdb(conninfo);
    if (pdb->conn == NULL) {
        mem_free(pdb);
        return err_set(e, "out of memory");
    }
    if (PQstatus(pdb->conn) != CONNECTION_OK) {
        fail(&pdb->base, NULL, e, "postgres: ");
        close_db(&pdb->base);
        return -1;
    }
    PQsetNoticeProcessor(pdb->conn, notice_quietly, NULL);
    /* UTF-8 on the wire whatever the server's default; timestamps the
     * store formats itself, so the session's time zone is fixed to UTC. */
    if (PQsetClientEncoding(pdb->conn, "UTF8") != 0 || run(&pdb->base, SESSION_SETTINGS, e) != 0) {
        err_prefix(e, "postgres: ");
        close_db(&pdb->base);
        return -1;
    }
    *out = &pdb->base;
    return 0;
}

static int exec(struct db *db, const char *sql, struct err *e)
{
    return run(db, sql, e);
}

static const struct db_macro macros[] = {
    {"{{AUTO_ID}}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
    {"{{BLOB}}", "BYTEA"},
    {"{{RETURNING_ID}}", " RETURNING id"},
};

/* The highest `$N` outside quoted text: the statement's parameter count. */
static int count_params(const char *sql)
{
    bool in_string = false;
    int max = 0;

    for (const char *p = sql; *p; p++) {
        if (*p == '\'')
            in_string = !in_string;
        else if (!in_string && *p == '$' && p[1] >= '1' && p[1] <= '9') {
            int n = (int)strtol(p + 1, NULL, 10);
            if (n > max)
                max = n;
        }
    }
    return max;
}

static void clear_row_cache(struct pg_stmt *st)
{
    for (int i = 0; i < st->n_cols; i++) {
        PQfreemem(st->bytea[i]);
        st->bytea[i] = NULL;
    }
}

static void clear_result(struct pg_stmt *st)
{
    clear_row_cache(st);
    mem_free(st->bytea);
    mem_free(st->bytea_len);
    st->bytea = NULL;
    st->bytea_len = NULL;
    st->n_cols = 0;
    PQclear(st->res);
    st->res = NULL;
}

static void clear_param(struct pg_param *p)
{
    mem_free(p->owned);
    p->owned = NULL;
    p->value = NULL;
    p->length = 0;
    p->format = 0;
    p->type = 0;
}

static void finalize(struct db_stmt *base);

static int prepare(struct db *db, const char *sql, enum db_use use, struct db_stmt **out, struct err *e)
{
    struct pg_stmt *st = mem_calloc(1, sizeof *st);
    size_t n = strlen(sql);

    if (st == NULL)
        return err_set(e, "out of memory");
    st->base.db = db;
    st->persistent = use == DB_USE_CACHED;
    st->stream = use == DB_USE_STREAM;
    st->n_params = count_params(sql);
    st->sql = mem_alloc(n + 1);
    if (st->n_params > 0) {
        size_t k = (size_t)st->n_params;
        st->params = mem_calloc(k, sizeof *st->params);
        st->values = mem_calloc(k, sizeof *st->values);
        st->lengths = mem_calloc(k, sizeof *st->lengths);
        st->formats = mem_calloc(k, sizeof *st->formats);
        st->types = mem_calloc(k, sizeof *st->types);
    }
    if (st->sql == NULL
        || (st->n_params > 0 && (st->params == NULL || st->values == NULL || st->lengths == NULL
                                 || st->formats == NULL || st->types == NULL))) {
        finalize(&st->base);
        return err_set(e, "out of memory");
    }
    memcpy(st->sql, sql, n + 1);
    if (st->persistent)
        snprintf(st->name, sizeof st->name, "s%u", ++((struct pg_db *)db)->next_name);
    if (st->stream)
        snprintf(st->cursor, sizeof st->cursor, "c%u", ++((struct pg_db *)db)->next_name);
    *out = &st->base;
    return 0;
}

static void close_cursor(struct pg_stmt *st);

static void finalize(struct db_stmt *base)
{
    struct pg_stmt *st = pst(base);

    close_cursor(st);
    clear_result(st);
    for (int i = 0; st->params != NULL && i < st->n_params; i++)
        clear_param(&st->params[i]);
    /* A named statement lives as long as its connection, and cached
     * statements are finalised only when the connection closes, so there
     * is nothing to DEALLOCATE. */
    mem_free(st->params);
    mem_free(st->values);
    mem_free(st->lengths);
    mem_free(st->formats);
    mem_free(st->types);
    mem_free(st->sql);
    mem_free(st);
}

static struct pg_param *param(struct db_stmt *base, int idx)
{
    struct pg_stmt *st = pst(base);

    if (idx < 1 || idx > st->n_params)
        return NULL;
    clear_param(&st->params[idx - 1]);
    return &st->params[idx - 1];
}

static int bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    struct pg_param *p = param(st, idx);

    if (p == NULL)
        return -1;
    p->length = snprintf(p->num, sizeof p->num, "%lld", (long long)v);
    p->value = p->num;
    p->type = OID_INT8;
    return 0;
}

static int bind_double(struct db_stmt *st, int idx, double v)
{
    struct pg_param *p = param(st, idx);

    if (p == NULL)
        return -1;
    p->length = snprintf(p->num, sizeof p->num, "%.17g", v);
    p->value = p->num;
    p->type = OID_FLOAT8;
    return 0;
}

static int bind_bytes(struct db_stmt *st, int idx, const void *s, size_t n, bool copy, int format, Oid type)
{
    struct pg_param *p = param(st, idx);

    if (p == NULL || n > (size_t)INT32_MAX)
        return -1;
    if (copy) {
        p->owned = mem_alloc(n + 1);
        if (p->owned == NULL)
            return -1;
        if (n)
            memcpy(p->owned, s, n);
        p->owned[n] = '\0';
        p->value = p->owned;
    } else {
        p->value = s;
    }
    p->length = (int)n;
    p->format = format;
    p->type = type;
    return 0;
}

static int bind_text(struct db_stmt *st, int idx, const char *s, size_t n, bool copy)
{
    /* Text values go as text (format 0), which libpq sends up to the first
     * NUL whatever the length says; a reference need not end at n, so text
     * is always copied and terminated here. */
    (void)copy;
    return bind_bytes(st, idx, s, n, true, 0, 0);
}

static int bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    return bind_bytes(st, idx, n ? p : "", n, true, 1, OID_BYTEA);
}

static int bind_null(struct db_stmt *st, int idx)
{
    return param(st, idx) == NULL ? -1 : 0;
}

/* A connection the server dropped (a restart, a failover, an idle
 * timeout) is opened again before the next statement, but only between
 * transactions: inside one, the work already done is gone and the caller
 * must hear of it. Prepared statements die with the old session. */
static int reconnect_if_lost(struct db *db, struct err *e)
{
    struct pg_db *pdb = (struct pg_db *)db;

    /* Between transactions, read what the server may have said while we
     * were idle: a terminated session or a closed socket shows up here,
     * without a round trip, before a write is sent into it. */
    /* (Twice: the first read may take the server's farewell message, and
     * only the next one meets the closed socket.) */
    for (int i = 0; i < 2 && !pdb->in_txn && PQstatus(pdb->conn) == CONNECTION_OK; i++)
        PQconsumeInput(pdb->conn);
    if (PQstatus(pdb->conn) == CONNECTION_OK)
        return 0;
    if (pdb->in_txn) {
        db->storage_fault = true;
        return err_set(e, "postgres: the connection was lost inside a transaction");
    }
    PQreset(pdb->conn);
    if (PQstatus(pdb->conn) != CONNECTION_OK)
        return fail(db, NULL, e, "postgres: ");
    pdb->session++;
    PQsetNoticeProcessor(pdb->conn, notice_quietly, NULL);
    return run(db, SESSION_SETTINGS, e);
}

/* Run the statement with its bindings once; st->res holds the result. */
static int execute_once(struct pg_stmt *st, struct err *e)
{
    struct db *db = st->base.db;
    const char *sql = st->sql; /* the caller's statement, kept since db_prepare */
    int n = st->n_params;
    ExecStatusType s;

    if (reconnect_if_lost(db, e) != 0)
        return -1;
    if (st->prepared && st->session != ((struct pg_db *)db)->session)
        st->prepared = false;
    for (int i = 0; i < n; i++) {
        st->values[i] = st->params[i].value;
        st->lengths[i] = st->params[i].length;
        st->formats[i] = st->params[i].format;
        st->types[i] = st->params[i].type;
    }
    if (st->persistent && !st->prepared) {
        PGresult *res = PQprepare(conn(db), st->name, sql, n, st->types);
        int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : fail(db, res, e, "prepare: ");

        PQclear(res);
        if (rc != 0)
            return -1;
        st->prepared = true;
        st->session = ((struct pg_db *)db)->session;
    }
    if (st->persistent)
        st->res = PQexecPrepared(conn(db), st->name, n, st->values, st->lengths, st->formats, 0);
    else
        st->res = PQexecParams(conn(db), sql, n, st->types, st->values, st->lengths, st->formats, 0);
    s = PQresultStatus(st->res);
    if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
        fail(db, st->res, e, "");
        clear_result(st);
        return -1;
    }
    return 0;
}

/* A read outside a transaction that met a dropped connection is run once
 * more on a new one: it changed nothing, so the caller need not hear of
 * the drop. A write is not: the server may have committed it before the
 * connection went, and only the caller can tell whether to repeat it. */
static int execute(struct pg_stmt *st, struct err *e)
{
    struct pg_db *pdb = (struct pg_db *)st->base.db;

    if (execute_once(st, e) == 0)
        return 0;
    if (PQstatus(pdb->conn) == CONNECTION_OK || pdb->in_txn || strncmp(st->sql, "SELECT", 6) != 0)
        return -1;
    st->base.db->storage_fault = false;
    return execute_once(st, e);
}

/* SQLite counts changes only for INSERT, UPDATE and DELETE; so does this. */
static void note_changes(struct pg_stmt *st)
{
    const char *cmd = PQcmdStatus(st->res);

    if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 || strncmp(cmd, "DELETE", 6) == 0
        || strncmp(cmd, "MERGE", 5) == 0)
        ((struct pg_db *)st->base.db)->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
}

static int start_rows(struct pg_stmt *st)
{
    st->row = 0;
    st->n_rows = PQresultStatus(st->res) == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
    st->n_cols = PQnfields(st->res);
    if (st->n_cols > 0) {
        st->bytea = mem_calloc((size_t)st->n_cols, sizeof *st->bytea);
        st->bytea_len = mem_calloc((size_t)st->n_cols, sizeof *st->bytea_len);
        if (st->bytea == NULL || st->bytea_len == NULL) {
            st->n_cols = 0;
            return -1;
        }
    }
    return 0;
}

/* --- streamed statements: a cursor, fetched STREAM_BATCH rows at a time --- */

#define STREAM_BATCH 5000
#define STREAM_FETCH_LEN 48

/* Statements a streamed statement's cursor needs, composed here (not SQL
 * from data): "DECLARE cN NO SCROLL CURSOR FOR " + the caller's statement,
 * "FETCH FORWARD n FROM cN" and "CLOSE cN". */
static int open_cursor(struct pg_stmt *st, struct err *e)
{
    struct db *db = st->base.db;
    struct buf declare = BUF_INIT;
    const char *declared;
    ExecStatusType s;
    PGresult *res;

    if (!((struct pg_db *)db)->in_txn)
        return err_set(e, "a streamed statement runs inside a transaction (db_prepare_stream)");
    for (int i = 0; i < st->n_params; i++) {
        st->values[i] = st->params[i].value;
        st->lengths[i] = st->params[i].length;
        st->formats[i] = st->params[i].format;
        st->types[i] = st->params[i].type;
    }
    if (buf_printf(&declare, "DECLARE %s NO SCROLL CURSOR FOR %s", st->cursor, st->sql) != 0) {
        buf_release(&declare);
        return err_set(e, "out of memory");
    }
    declared = declare.data;
    res = PQexecParams(conn(db), declared, st->n_params, st->types, st->values, st->lengths,
                       st->formats, 0);
    buf_release(&declare);
    s = PQresultStatus(res);
    if (s != PGRES_COMMAND_OK) {
        fail(db, res, e, "");
        PQclear(res);
        return -1;
    }
    PQclear(res);
    st->cursor_open = true;
    return 0;
}

static int fetch_batch(struct pg_stmt *st, struct err *e)
{
    struct db *db = st->base.db;
    char fetch[STREAM_FETCH_LEN];

    clear_result(st);
    snprintf(fetch, sizeof fetch, "FETCH FORWARD %d FROM %s", STREAM_BATCH, st->cursor);
    st->res = PQexec(conn(db), fetch);
    if (PQresultStatus(st->res) != PGRES_TUPLES_OK) {
        fail(db, st->res, e, "");
        clear_result(st);
        return -1;
    }
    if (start_rows(st) != 0) {
        clear_result(st);
        return err_set(e, "out of memory");
    }
    st->more = st->n_rows == STREAM_BATCH;
    return 0;
}

static void close_cursor(struct pg_stmt *st)
{
    char close_sql[STREAM_FETCH_LEN];
    PGconn *c = conn(st->base.db);

    if (!st->cursor_open)
        return;
    st->cursor_open = false;
    /* The cursor ended with its transaction if that has gone. */
    if (PQstatus(c) != CONNECTION_OK || PQtransactionStatus(c) != PQTRANS_INTRANS)
        return;
    snprintf(close_sql, sizeof close_sql, "CLOSE %s", st->cursor);
    PQclear(PQexec(c, close_sql));
}

static int step_stream(struct pg_stmt *st, struct err *e)
{
    if (!st->cursor_open) {
        if (open_cursor(st, e) != 0 || fetch_batch(st, e) != 0)
            return -1;
    } else {
        clear_row_cache(st);
        if (st->row < st->n_rows)
            st->row++;
        if (st->row >= st->n_rows && st->more && fetch_batch(st, e) != 0)
            return -1;
    }
    return st->row < st->n_rows ? DB_ROW : DB_DONE;
}

static int step(struct db_stmt *base, struct err *e)
{
    struct pg_stmt *st = pst(base);

    if (st->stream)
        return step_stream(st, e);
    if (st->res == NULL) {
        if (execute(st, e) != 0)
            return -1;
        note_changes(st);
        if (start_rows(st) != 0) {
            clear_result(st);
            return err_set(e, "out of memory");
        }
    } else {
        clear_row_cache(st);
        if (st->row < st->n_rows)
            st->row++;
    }
    return st->row < st->n_rows ? DB_ROW : DB_DONE;
}

static int insert(struct db_stmt *base, int64_t *id, bool *inserted, struct err *e)
{
    struct pg_stmt *st = pst(base);
    int rc = step(base, e);

    if (rc < 0)
        return -1;
    /* Without {{RETURNING_ID}} the server sends no id back: a row that went
     * in would read as "not inserted", id 0. Say so instead (SQLite answers
     * from last_insert_rowid either way, so only this driver can tell). */
    if (PQresultStatus(st->res) != PGRES_TUPLES_OK) {
        clear_result(st);
        return err_set(e, "db_insert: the INSERT does not end with {{RETURNING_ID}}");
    }
    *inserted = rc == DB_ROW;
    *id = *inserted ? strtoll(PQgetvalue(st->res, st->row, 0), NULL, 10) : 0;
    clear_result(st);
    return 0;
}

static int reset(struct db_stmt *base)
{
    close_cursor(pst(base));
    clear_result(pst(base));
    return 0;
}

static bool have_value(struct pg_stmt *st, int col)
{
    return st->res != NULL && st->row < st->n_rows && col >= 0 && col < st->n_cols;
}

static bool column_is_null(struct db_stmt *base, int col)
{
    struct pg_stmt *st = pst(base);

    return !have_value(st, col) || PQgetisnull(st->res, st->row, col);
}

static int64_t column_int64(struct db_stmt *base, int col)
{
    struct pg_stmt *st = pst(base);
    const char *v;

    if (column_is_null(base, col))
        return 0;
    v = PQgetvalue(st->res, st->row, col);
    switch (PQftype(st->res, col)) {
    case OID_BOOL: return v[0] == 't';
    case OID_FLOAT4:
    case OID_FLOAT8:
    case OID_NUMERIC: return (int64_t)strtod(v, NULL); /* SQLite truncates REAL too */
    default: return strtoll(v, NULL, 10);
    }
}

static double column_double(struct db_stmt *base, int col)
{
    struct pg_stmt *st = pst(base);
    const char *v;

    if (column_is_null(base, col))
        return 0.0;
    v = PQgetvalue(st->res, st->row, col);
    if (PQftype(st->res, col) == OID_BOOL)
        return v[0] == 't' ? 1.0 : 0.0;
    return strtod(v, NULL);
}

/* A bytea column's bytes, decoded from its text form once per row. */
static const unsigned char *bytea_value(struct pg_stmt *st, int col, size_t *len)
{
    if (st->bytea[col] == NULL) {
        st->bytea[col] = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, col),
                                         &st->bytea_len[col]);
        if (st->bytea[col] == NULL) {
            *len = 0;
            return (const unsigned char *)"";
        }
    }
    *len = st->bytea_len[col];
    return st->bytea[col];
}

static const char *column_text(struct db_stmt *base, int col)
{
    struct pg_stmt *st = pst(base);
    size_t len;

    if (column_is_null(base, col))
        return "";
    switch (PQftype(st->res, col)) {
    case OID_BOOL: return PQgetvalue(st->res, st->row, col)[0] == 't' ? "1" : "0";
    case OID_BYTEA: return (const char *)bytea_value(st, col, &len);
    default: return PQgetvalue(st->res, st->row, col);
    }
}

static size_t column_bytes(struct db_stmt *base, int col)
{
    struct pg_stmt *st = pst(base);
    size_t len;

    if (column_is_null(base, col))
        return 0;
    if (PQftype(st->res, col) == OID_BYTEA) {
        bytea_value(st, col, &len);
        return len;
    }
    return strlen(column_text(base, col));
}

static int column_count(struct db_stmt *base)
{
    struct pg_stmt *st = pst(base);

    return st->res != NULL ? PQnfields(st->res) : 0;
}

static const char *column_name(struct db_stmt *base, int col)
{
    struct pg_stmt *st = pst(base);
    const char *n = st->res != NULL ? PQfname(st->res, col) : NULL;

    return n != NULL ? n : "";
}

static enum db_kind column_kind(struct db_stmt *base, int col)
{
    struct pg_stmt *st = pst(base);

    if (column_is_null(base, col))
        return DB_KIND_NULL;
    switch (PQftype(st->res, col)) {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8: return DB_KIND_INT;
    case OID_NUMERIC:
        /* SUM over integers is numeric here and an integer on SQLite. */
        return strchr(PQgetvalue(st->res, st->row, col), '.') ? DB_KIND_FLOAT : DB_KIND_INT;
    case OID_FLOAT4:
    case OID_FLOAT8: return DB_KIND_FLOAT;
    case OID_BYTEA: return DB_KIND_BLOB;
    default: return DB_KIND_TEXT;
    }
}

static int64_t changes(struct db *db)
{
    return ((struct pg_db *)db)->changes;
}

static int begin_with(struct db *db, const char *sql, struct err *e)
{
    if (run(db, sql, e) != 0)
        return -1;
    ((struct pg_db *)db)->in_txn = true;
    return 0;
}

static int begin(struct db *db, struct err *e)
{
    return begin_with(db, "BEGIN; SELECT pg_advisory_xact_lock(" WRITER_LOCK_KEY ")", e);
}

static int begin_read(struct db *db, struct err *e)
{
    /* REPEATABLE READ: one snapshot for every statement of the
     * transaction, as SQLite's deferred read transaction gives. */
    return begin_with(db, "BEGIN ISOLATION LEVEL REPEATABLE READ", e);
}

static bool in_transaction(struct db *db)
{
    return PQtransactionStatus(conn(db)) != PQTRANS_IDLE;
}

static int commit(struct db *db, struct err *e)
{
    int rc = run(db, "COMMIT", e);

    ((struct pg_db *)db)->in_txn = false;
    return rc;
}

static int rollback(struct db *db)
{
    struct pg_db *pdb = (struct pg_db *)db;
    struct err ignored;

    pdb->in_txn = false;
    if (PQstatus(pdb->conn) != CONNECTION_OK || PQtransactionStatus(pdb->conn) == PQTRANS_IDLE)
        return 0; /* a lost connection took its transaction with it */
    return run(db, "ROLLBACK", &ignored);
}

static int copy_begin(struct db *db, const char *sql, struct err *e)
{
    PGresult *res = PQexec(conn(db), sql);
    int rc = PQresultStatus(res) == PGRES_COPY_IN ? 0 : fail(db, res, e, "copy: ");

    PQclear(res);
    return rc;
}

/* COPY's text format: fields separated by tabs, rows ended by a newline,
 * NULL as \N, and a backslash, tab, newline or carriage return inside a
 * field escaped with a backslash. */
static int copy_field(struct buf *line, const char *f)
{
    if (f == NULL)
        return buf_puts(line, "\\N");
    for (; *f; f++) {
        const char *esc = NULL;
        switch (*f) {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: break;
        }
        if (esc ? buf_puts(line, esc) != 0 : buf_putc(line, *f) != 0)
            return -1;
    }
    return 0;
}

static int copy_row(struct db *db, const char *const *fields, int n, struct err *e)
{
    struct buf line = BUF_INIT;
    int rc = 0;

    for (int i = 0; i < n && rc == 0; i++)
        rc = (i > 0 && buf_putc(&line, '\t') != 0) || copy_field(&line, fields[i]) != 0 ? -1 : 0;
    if (rc == 0)
        rc = buf_putc(&line, '\n');
    if (rc != 0) {
        buf_release(&line);
        return err_set(e, "out of memory");
    }
    if (PQputCopyData(conn(db), line.data, (int)line.len) != 1)
        rc = fail(db, NULL, e, "copy: ");
    buf_release(&line);
    return rc;
}

static int copy_end(struct db *db, struct err *e)
{
    PGresult *res;
    int rc = 0;

    if (PQputCopyEnd(conn(db), NULL) != 1)
        return fail(db, NULL, e, "copy: ");
    while ((res = PQgetResult(conn(db))) != NULL) {
        if (rc == 0 && PQresultStatus(res) != PGRES_COMMAND_OK)
            rc = fail(db, res, e, "copy: ");
        PQclear(res);
    }
    return rc;
}

const struct db_driver db_postgres_driver = {
    .name = "postgres",
    .prefix = "pg:",
    .macros = macros,
    .n_macros = sizeof macros / sizeof macros[0],
    .global_init = NULL,
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
    .copy_begin = copy_begin,
    .copy_row = copy_row,
    .copy_end = copy_end,
};
