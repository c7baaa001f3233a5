/* store.c: opening a store, migrations, transactions. */
#include "store/store.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/embedded.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_consent.h"

#define MIGRATION_PREFIX "src/store/migrations/"

struct store {
    struct db *db;
    time_t now_at;       /* second for which `now` was formatted */
    char now[32];
    /* Consent (store_consent.h): the defaults without an artefact, the
     * purpose this connection's per-enterprise reads serve, and the day
     * they are judged on (DATE_UNKNOWN: today in IST). */
    struct consent_policy consent_policy;
    enum consent_purpose consent_purpose;
    int32_t consent_day;
};

int store_open(const struct store_target *t, struct store **out, struct err *e)
{
    struct store *s;
    char target[4096];

    if ((t->sqlite_path == NULL) == (t->pg_conninfo == NULL))
        return err_set(e, "give exactly one of --db FILE or --pg CONNINFO");
    /* --db takes a postgresql:// URI too, so scripts and tests name a store
     * with one value whichever backend holds it. */
    if (t->sqlite_path != NULL && (strncmp(t->sqlite_path, "postgresql://", 13) == 0
                                   || strncmp(t->sqlite_path, "postgres://", 11) == 0))
        snprintf(target, sizeof target, "pg:%s", t->sqlite_path);
    else if (t->sqlite_path != NULL)
        snprintf(target, sizeof target, "sqlite:%s", t->sqlite_path);
    else
        snprintf(target, sizeof target, "pg:%s", t->pg_conninfo);
    s = mem_calloc(1, sizeof *s);
    if (s == NULL)
        return err_set(e, "out of memory");
    s->consent_purpose = CONSENT_ELIGIBILITY;
    s->consent_day = DATE_UNKNOWN;
    if (consent_policy_load(&s->consent_policy, e) != 0) {
        mem_free(s);
        return -1;
    }
    if (db_open(target, &s->db, e) != 0) {
        mem_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

void store_close(struct store *s)
{
    if (s == NULL)
        return;
    db_close(s->db);
    mem_free(s);
}

struct db *store_db(struct store *s)
{
    return s->db;
}

bool store_storage_fault(struct store *s)
{
    return db_storage_fault(s->db);
}

bool store_batch_supported(struct store *s)
{
    return db_can_copy(s->db);
}

void store_storage_fault_clear(struct store *s)
{
    db_storage_fault_clear(s->db);
}

const char *store_now(struct store *s)
{
    time_t t = time(NULL);
    struct tm tm;

    if (t != s->now_at) {
        gmtime_r(&t, &tm);
        strftime(s->now, sizeof s->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
        s->now_at = t;
    }
    return s->now;
}

void store_consent_use(struct store *s, enum consent_purpose p)
{
    s->consent_purpose = p;
}

enum consent_purpose store_consent_purpose(const struct store *s)
{
    return s->consent_purpose;
}

void store_consent_policy_set(struct store *s, const struct consent_policy *p)
{
    s->consent_policy = *p;
}

const struct consent_policy *store_consent_policy(const struct store *s)
{
    return &s->consent_policy;
}

void store_consent_day_set(struct store *s, int32_t day)
{
    s->consent_day = day;
}

int32_t store_consent_day(const struct store *s)
{
    return s->consent_day == DATE_UNKNOWN ? date_today_ist() : s->consent_day;
}

int store_begin(struct store *s, struct err *e)
{
    return db_begin(s->db, e);
}

int store_begin_read(struct store *s, struct err *e)
{
    return db_begin_read(s->db, e);
}

int store_commit(struct store *s, struct err *e)
{
    return db_commit(s->db, e);
}

void store_rollback(struct store *s)
{
    db_rollback(s->db);
}

bool store_in_transaction(struct store *s)
{
    return db_in_transaction(s->db);
}

static const char create_versions[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

static int read_schema_version(struct store *s, int *version, struct err *e)
{
    static const char sql[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
    struct db_stmt *st = db_cached(s->db, sql, e);

    if (st == NULL || db_step(st, e) != DB_ROW) {
        if (st != NULL)
            db_reset(st);
        return -1;
    }
    *version = (int)db_column_int64(st, 0);
    db_reset(st);
    return 0;
}

/* The table is made only when reading it fails: a database that is
 * already migrated is then never written, so a read-only one (a
 * PostgreSQL hot standby, or default_transaction_read_only) still serves
 * its reads and /healthz, where even CREATE TABLE IF NOT EXISTS is
 * refused. A storage fault is reported as it is, never answered with DDL. */
int store_schema_version(struct store *s, int *version, struct err *e)
{
    struct err first;

    if (read_schema_version(s, version, &first) == 0)
        return 0;
    if (db_storage_fault(s->db)) {
        if (e != NULL)
            *e = first;
        return -1;
    }
    if (db_exec(s->db, create_versions, e) != 0)
        return -1;
    return read_schema_version(s, version, e);
}

/* What a migration needs that SQL cannot do, run after its SQL in the
 * same transaction. */
static const struct {
    int version;
    int (*run)(struct store *s, struct err *e);
} migration_steps[] = {
    {20, store_audit_chain_unchained}, /* chain the audit rows written before the chain */
};

static int migration_step(struct store *s, int version, struct err *e)
{
    for (size_t i = 0; i < sizeof migration_steps / sizeof migration_steps[0]; i++)
        if (migration_steps[i].version == version && migration_steps[i].run(s, e) != 0)
            return -1;
    return 0;
}

/* A migration named NNNN_name.pg.sql is PostgreSQL's alone (partitioning,
 * which SQLite has no form of); elsewhere it is recorded as applied with
 * nothing to do, so every backend reaches the same schema version. */
static bool migration_runs_here(struct store *s, const char *name)
{
    size_t n = strlen(name);

    if (n > 7 && strcmp(name + n - 7, ".pg.sql") == 0)
        return strcmp(db_backend_name(s->db), "postgres") == 0;
    return true;
}

static int apply_one(struct store *s, int version, const struct embedded_file *f, struct err *e)
{
    static const char record[] =
        "INSERT INTO schema_migrations(version, name, applied_at)"
        " VALUES ($1, $2, CAST(CURRENT_TIMESTAMP AS TEXT))";
    char *ddl = db_expand_ddl(s->db, migration_runs_here(s, f->name) ? f->data : "");
    struct db_stmt *st;

    if (ddl == NULL)
        return err_set(e, "out of memory");
    if (db_begin(s->db, e) != 0) {
        mem_free(ddl);
        return -1;
    }
    if (db_exec(s->db, ddl, e) != 0 || migration_step(s, version, e) != 0)
        goto fail;
    st = db_cached(s->db, record, e);
    if (st == NULL || db_bind_int64(st, 1, version) != 0
        || db_bind_text(st, 2, f->name, strlen(f->name)) != 0 || db_step(st, e) < 0)
        goto fail;
    mem_free(ddl);
    return db_commit(s->db, e);
fail:
    mem_free(ddl);
    db_rollback(s->db);
    return err_prefix(e, "%s: ", f->name);
}

/* Whether `version` is recorded as applied. */
static int version_applied(struct store *s, int version, bool *yes, struct err *e)
{
    static const char sql[] = "SELECT COUNT(*) FROM schema_migrations WHERE version = $1";
    struct db_stmt *st = db_cached(s->db, sql, e);
    int rc;

    *yes = false;
    if (st == NULL || db_bind_int64(st, 1, version) != 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *yes = db_column_int64(st, 0) > 0;
    db_reset(st);
    return rc == DB_ROW ? 0 : -1;
}

int store_migrate(struct store *s, int *applied, struct err *e)
{
    return store_migrate_to(s, INT_MAX, applied, e);
}

int store_migrate_to(struct store *s, int last, int *applied, struct err *e)
{
    const struct embedded_file *files;
    size_t n;
    int current;

    *applied = 0;
    if (store_schema_version(s, &current, e) != 0)
        return -1;
    files = embedded_files(&n);
    /* Embedded files are sorted by name, and migration names start with
     * their zero-padded number, so this applies them in order. A version
     * below the newest that was never applied (branches that added
     * migrations in parallel, merged after a database was made) is
     * applied too: each version is recorded, so none runs twice. */
    for (size_t i = 0; i < n; i++) {
        const char *name = files[i].name;
        bool done;
        int version;
        if (strncmp(name, MIGRATION_PREFIX, strlen(MIGRATION_PREFIX)) != 0)
            continue;
        version = atoi(name + strlen(MIGRATION_PREFIX));
        if (version <= 0)
            return err_set(e, "%s: migration names start with their number", name);
        if (version > last)
            break;
        if (version_applied(s, version, &done, e) != 0)
            return -1;
        if (done)
            continue;
        if (apply_one(s, version, &files[i], e) != 0)
            return -1;
        current = version > current ? version : current;
        (*applied)++;
    }
    return 0;
}
