/* db.c: what every driver behind db.h shares — choosing the driver from the
 * target's prefix, the per-connection statement cache, the dialect macros
 * in DDL, and the storage-fault flag — and the calls that pass through to
 * the driver's table (db_driver.h). */
#include "store/db_driver.h"

#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"

static const struct db_driver *const drivers[] = {&db_sqlite_driver, &db_postgres_driver};

#define N_DRIVERS (sizeof drivers / sizeof drivers[0])

int db_global_init(struct err *e)
{
    for (size_t i = 0; i < N_DRIVERS; i++)
        if (drivers[i]->global_init != NULL && drivers[i]->global_init(e) != 0)
            return -1;
    return 0;
}

int db_open(const char *target, struct db **out, struct err *e)
{
    for (size_t i = 0; i < N_DRIVERS; i++) {
        size_t n = strlen(drivers[i]->prefix);
        if (strncmp(target, drivers[i]->prefix, n) == 0)
            return drivers[i]->open(target + n, out, e);
    }
    return err_set(e, "no driver for '%.40s' (give sqlite:PATH or pg:CONNINFO)", target);
}

void db_head_init(struct db *db, const struct db_driver *drv)
{
    db->drv = drv;
    db->storage_fault = false;
    memset(db->cache, 0, sizeof db->cache);
}

void db_close(struct db *db)
{
    if (db == NULL)
        return;
    for (int i = 0; i < DB_STMT_CACHE; i++)
        if (db->cache[i].st != NULL)
            db->drv->finalize(db->cache[i].st);
    db->drv->close(db);
}

const char *db_backend_name(const struct db *db)
{
    return db->drv->name;
}

bool db_storage_fault(const struct db *db)
{
    return db->storage_fault;
}

void db_storage_fault_clear(struct db *db)
{
    db->storage_fault = false;
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
    return db->drv->exec(db, sql, e);
}

char *db_expand_ddl(const struct db *db, const char *sql)
{
    struct buf out = BUF_INIT;
    const struct db_driver *drv = db->drv;
    const char *p = sql;

    while (*p) {
        bool replaced = false;
        if (p[0] == '{' && p[1] == '{') {
            for (size_t i = 0; i < drv->n_macros; i++) {
                size_t n = strlen(drv->macros[i].name);
                if (strncmp(p, drv->macros[i].name, n) == 0) {
                    if (buf_puts(&out, drv->macros[i].text) != 0)
                        goto oom;
                    p += n;
                    replaced = true;
                    break;
                }
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

static int prepare(struct db *db, const char *sql, enum db_use use, struct db_stmt **out, struct err *e)
{
    char *expanded = db_expand_ddl(db, sql);
    int rc;

    if (expanded == NULL)
        return err_set(e, "out of memory");
    rc = db->drv->prepare(db, expanded, use, out, e);
    mem_free(expanded);
    return rc;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
    return prepare(db, sql, DB_USE_ONCE, out, e);
}

int db_prepare_stream(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
    return prepare(db, sql, DB_USE_STREAM, out, e);
}

void db_finalize(struct db_stmt *st)
{
    if (st != NULL)
        st->db->drv->finalize(st);
}

int db_bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    return st->db->drv->bind_int64(st, idx, v);
}

int db_bind_double(struct db_stmt *st, int idx, double v)
{
    return st->db->drv->bind_double(st, idx, v);
}

int db_bind_text(struct db_stmt *st, int idx, const char *s, size_t n)
{
    return st->db->drv->bind_text(st, idx, s, n, true);
}

int db_bind_text_ref(struct db_stmt *st, int idx, const char *s, size_t n)
{
    return st->db->drv->bind_text(st, idx, s, n, false);
}

int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    return st->db->drv->bind_blob(st, idx, p, n);
}

int db_bind_null(struct db_stmt *st, int idx)
{
    return st->db->drv->bind_null(st, idx);
}

int db_bind_text_or_null(struct db_stmt *st, int idx, const char *s)
{
    if (s == NULL || *s == '\0')
        return db_bind_null(st, idx);
    return db_bind_text(st, idx, s, strlen(s));
}

int db_step(struct db_stmt *st, struct err *e)
{
    return st->db->drv->step(st, e);
}

int db_insert(struct db_stmt *st, int64_t *id, bool *inserted, struct err *e)
{
    return st->db->drv->insert(st, id, inserted, e);
}

int db_reset(struct db_stmt *st)
{
    return st->db->drv->reset(st);
}

bool db_column_is_null(struct db_stmt *st, int col)
{
    return st->db->drv->column_is_null(st, col);
}

int64_t db_column_int64(struct db_stmt *st, int col)
{
    return st->db->drv->column_int64(st, col);
}

double db_column_double(struct db_stmt *st, int col)
{
    return st->db->drv->column_double(st, col);
}

const char *db_column_text(struct db_stmt *st, int col)
{
    return st->db->drv->column_text(st, col);
}

size_t db_column_bytes(struct db_stmt *st, int col)
{
    return st->db->drv->column_bytes(st, col);
}

int db_column_count(struct db_stmt *st)
{
    return st->db->drv->column_count(st);
}

const char *db_column_name(struct db_stmt *st, int col)
{
    return st->db->drv->column_name(st, col);
}

enum db_kind db_column_kind(struct db_stmt *st, int col)
{
    return st->db->drv->column_kind(st, col);
}

int64_t db_changes(struct db *db)
{
    return db->drv->changes(db);
}

int db_begin(struct db *db, struct err *e)
{
    return db->drv->begin(db, e);
}

int db_begin_read(struct db *db, struct err *e)
{
    return db->drv->begin_read(db, e);
}

int db_commit(struct db *db, struct err *e)
{
    return db->drv->commit(db, e);
}

int db_rollback(struct db *db)
{
    return db->drv->rollback(db);
}

bool db_in_transaction(struct db *db)
{
    return db->drv->in_transaction(db);
}

bool db_can_copy(const struct db *db)
{
    return db->drv->copy_begin != NULL;
}

int db_copy_begin(struct db *db, const char *sql, struct err *e)
{
    if (!db_can_copy(db))
        return err_set(e, "the %s backend has no COPY", db->drv->name);
    return db->drv->copy_begin(db, sql, e);
}

int db_copy_row(struct db *db, const char *const *fields, int n, struct err *e)
{
    return db->drv->copy_row(db, fields, n, e);
}

int db_copy_end(struct db *db, struct err *e)
{
    return db->drv->copy_end(db, e);
}

struct db_stmt *db_cached(struct db *db, const char *sql, struct err *e)
{
    size_t h = ((uintptr_t)sql >> 3) % DB_STMT_CACHE;

    for (size_t probe = 0; probe < DB_STMT_CACHE; probe++) {
        struct db_cache_entry *c = &db->cache[(h + probe) % DB_STMT_CACHE];
        if (c->sql == sql) {
            db_reset(c->st);
            return c->st;
        }
        if (c->sql == NULL) {
            if (prepare(db, sql, DB_USE_CACHED, &c->st, e) != 0)
                return NULL;
            c->sql = sql;
            return c->st;
        }
    }
    err_set(e, "statement cache full (%d statements)", DB_STMT_CACHE);
    return NULL;
}
