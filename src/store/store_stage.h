/* store_stage.h: COPY of a batch into a temporary stage table, shared by
 * the batch writers of the feed tables (store_*_batch.c, for backends
 * with COPY: store_batch_supported). */
#ifndef SAMANVAY_STORE_STAGE_H
#define SAMANVAY_STORE_STAGE_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define STAGE_FIELDS_MAX 32

/* Room for one row's fields: numbers are formatted into num[k] (by
 * stage_num), dates into date[]. */
struct stage_row {
    const char *f[STAGE_FIELDS_MAX];
    char num[STAGE_FIELDS_MAX][24];
    char date[2][11];
};

/* Field k as a number (formatted into the row's room), or NULL. */
const char *stage_num(struct stage_row *r, int k, int64_t v);

/* Fill r->f[0..n_fields) for row i of ctx; 0, or -1 with e set. */
typedef int (*stage_fill_fn)(const void *ctx, size_t i, struct stage_row *r, struct err *e);

/* COPY rows 0..n of ctx, each n_fields wide, through copy_sql ("COPY t (...)
 * FROM STDIN"); a fill that returns 1 skips its row. The COPY is ended
 * whatever happens, so the connection is usable after an error. */
int store_stage_copy(struct db *db, const char *copy_sql, size_t n, int n_fields, stage_fill_fn fill,
                     const void *ctx, struct err *e);

/* Fill one element of a batch's array from the current row of a stage
 * read (columns 1 on; column 0 was the row's stage position). */
typedef void (*stage_read_fn)(struct db_stmt *q, void *row);

/* Step through `sql`, whose column 0 is each row's stage position: checked
 * against the batch's n rows, it picks the element of `rows` (each `size`
 * bytes) that `read` fills. A bad position is an error naming `batch`. */
int store_stage_read(struct db *db, const char *sql, void *rows, size_t size, size_t n,
                     const char *batch, stage_read_fn read, struct err *e);

#define STAGE_WRITES_MAX 2

/* What a batch writer's decide and fill_write see. */
struct stage_pass {
    const void *rows;             /* the batch's rows, as the writer was given them */
    void *staged;                 /* n elements of staged_size, filled by read_staged */
    void *out;                    /* the writer's results, one per row */
    void *ctx;                    /* anything else the writer needs (the store) */
};

/* A batch writer (store_*_batch.c) is the same four steps for every feed
 * table, around one pass of C that decides each row as row by row would:
 *   1. `ddl` makes the session's stage tables (IF NOT EXISTS, ON COMMIT
 *      DELETE ROWS, so the batch's transaction is their whole life), and
 *      `copy_stage` COPYs the rows into the first (fill_stage, ctx: rows);
 *   2. `read_stage` reads what each row meets, column 0 its position, into
 *      one staged element per row (read_staged);
 *   3. `decide` takes the rows in order (0, or -1 with e set);
 *   4. `copy_write` COPYs what is to be written (fill_write, ctx: the pass),
 *      and `writes` (up to STAGE_WRITES_MAX, NULL after the last) write it
 *      from the two tables, in order.
 * The SQL fields are static text (tests/store/sql_literals.t checks them). */
struct stage_batch {
    const char *name;             /* "gst": errors name the batch */
    const char *ddl;
    const char *copy_stage;
    int stage_fields;
    stage_fill_fn fill_stage;
    const char *read_stage;
    size_t staged_size;
    stage_read_fn read_staged;
    int (*decide)(struct stage_pass *p, size_t i, struct err *e);
    const char *copy_write;
    int write_fields;
    stage_fill_fn fill_write;
    const char *writes[STAGE_WRITES_MAX];
};

/* Steps 1-4 of b for the n rows of p (none: nothing is done); p->staged
 * is allocated here and freed before returning. */
int store_stage_batch(struct db *db, const struct stage_batch *b, struct stage_pass *p, size_t n,
                      struct err *e);

#endif
