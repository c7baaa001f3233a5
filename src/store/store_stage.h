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

#endif
