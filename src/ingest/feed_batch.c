/* feed_batch.c: the batch view a feed's store_batch passes to its store
 * (feed_batch.h). */
#include "ingest/feed_batch.h"

#include <string.h>

#include "core/alloc.h"

int feed_batch_view_make(struct feed_batch_view *v, void *payloads, size_t size, const bool *skip,
                         size_t n, size_t file_off, size_t row_off, int64_t file_id,
                         const int64_t *row_no, struct err *e)
{
    memset(v, 0, sizeof *v);
    v->rows = mem_calloc(n ? n : 1, sizeof *v->rows);
    v->at = mem_calloc(n ? n : 1, sizeof *v->at);
    if (v->rows == NULL || v->at == NULL) {
        feed_batch_view_release(v);
        return err_set(e, "out of memory for a batch of %zu rows", n);
    }
    for (size_t i = 0; i < n; i++) {
        char *p = (char *)payloads + i * size;
        if (skip[i])
            continue;
        memcpy(p + file_off, &file_id, sizeof file_id);
        memcpy(p + row_off, &row_no[i], sizeof row_no[i]);
        v->at[v->n] = i;
        v->rows[v->n++] = p;
    }
    return 0;
}

void feed_batch_view_release(struct feed_batch_view *v)
{
    mem_free(v->rows);
    mem_free(v->at);
    v->rows = NULL;
    v->at = NULL;
    v->n = 0;
}
