/* feed_batch.h: what a feed's store_batch (feed.h) does around its store's
 * batch writer: the payloads that were not quarantined while parsing, with
 * their provenance set, as an array of pointers, and where each sits in
 * the batch, so the writer's results go back to the right rows. */
#ifndef SAMANVAY_FEED_BATCH_H
#define SAMANVAY_FEED_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct feed_batch_view {
    const void **rows;        /* n payloads to write */
    size_t *at;               /* rows[j] is payload at[j] of the batch */
    size_t n;
};

/* Fill v from the batch's payloads (each `size` bytes): those without
 * skip[i], their int64_t fields at file_off and row_off set to file_id and
 * row_no[i]. Free v with feed_batch_view_release. */
int feed_batch_view_make(struct feed_batch_view *v, void *payloads, size_t size, const bool *skip,
                         size_t n, size_t file_off, size_t row_off, int64_t file_id,
                         const int64_t *row_no, struct err *e);
void feed_batch_view_release(struct feed_batch_view *v);

#endif
