/* store_stage.c: COPY of a batch into a stage table (store_stage.h). */
#include "store/store_stage.h"

#include <inttypes.h>
#include <stdio.h>

#include "core/alloc.h"

const char *stage_num(struct stage_row *r, int k, int64_t v)
{
    snprintf(r->num[k], sizeof r->num[k], "%" PRId64, v);
    return r->num[k];
}

int store_stage_copy(struct db *db, const char *copy_sql, size_t n, int n_fields, stage_fill_fn fill,
                     const void *ctx, struct err *e)
{
    struct stage_row row;
    struct err ignored;

    if (n_fields > STAGE_FIELDS_MAX)
        return err_set(e, "stage rows have at most %d fields", STAGE_FIELDS_MAX);
    if (db_copy_begin(db, copy_sql, e) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int rc = fill(ctx, i, &row, e);
        if (rc == 1)
            continue;
        if (rc != 0 || db_copy_row(db, row.f, n_fields, e) != 0) {
            db_copy_end(db, &ignored);
            return -1;
        }
    }
    return db_copy_end(db, e);
}

static int stage_position(struct db_stmt *q, size_t n, const char *batch, size_t *i, struct err *e)
{
    int64_t v = db_column_int64(q, 0);

    if (v < 0 || (uint64_t)v >= n) {
        db_reset(q);
        return err_set(e, "%s batch: stage position %" PRId64 " out of range", batch, v);
    }
    *i = (size_t)v;
    return 0;
}

int store_stage_read(struct db *db, const char *sql, void *rows, size_t size, size_t n,
                     const char *batch, stage_read_fn read, struct err *e)
{
    struct db_stmt *q = db_cached(db, sql, e);
    int rc;

    if (q == NULL)
        return -1;
    while ((rc = db_step(q, e)) == DB_ROW) {
        size_t i = 0;
        if (stage_position(q, n, batch, &i, e) != 0)
            return -1;
        read(q, (char *)rows + i * size);
    }
    db_reset(q);
    return rc < 0 ? -1 : 0;
}

static int stage_write(struct db *db, const char *sql, struct err *e)
{
    struct db_stmt *st = db_cached(db, sql, e);

    return st == NULL || db_step(st, e) < 0 ? -1 : 0;
}

int store_stage_batch(struct db *db, const struct stage_batch *b, struct stage_pass *p, size_t n,
                      struct err *e)
{
    int rc = -1;

    if (n == 0)
        return 0;
    p->staged = mem_calloc(n, b->staged_size);
    if (p->staged == NULL)
        return err_set(e, "out of memory for a %s batch of %zu rows", b->name, n);
    if (db_exec(db, b->ddl, e) != 0
        || store_stage_copy(db, b->copy_stage, n, b->stage_fields, b->fill_stage, p->rows, e) != 0
        || store_stage_read(db, b->read_stage, p->staged, b->staged_size, n, b->name, b->read_staged, e)
               != 0)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (b->decide(p, i, e) != 0)
            goto out;
    if (store_stage_copy(db, b->copy_write, n, b->write_fields, b->fill_write, p, e) != 0)
        goto out;
    for (int k = 0; k < STAGE_WRITES_MAX && b->writes[k] != NULL; k++)
        if (stage_write(db, b->writes[k], e) != 0)
            goto out;
    rc = 0;
out:
    mem_free(p->staged);
    p->staged = NULL;
    return rc;
}
