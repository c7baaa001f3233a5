/* store_epfo.h: the epfo_return table (migration 0019): EPFO's monthly
 * Electronic Challan-cum-Return, one row per establishment and wage month,
 * linked to the enterprise by PAN. Portable SQL. */
#ifndef SAMANVAY_STORE_EPFO_H
#define SAMANVAY_STORE_EPFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* A validated feed row. */
struct epfo_feed_row {
    char establishment[16];       /* 5 letters, 10 digits */
    char wage_month[8];           /* YYYY-MM */
    char pan[11];
    char gstin[16];               /* "" when not given */
    int64_t members;
    int64_t wages_paise;
    uint64_t content_hash;
    int64_t src_file, src_row;
};

/* Keyed write of a feed row for enterprise_id (store_keyed.h outcomes). */
int store_epfo_upsert(struct store *s, int64_t enterprise_id, const struct epfo_feed_row *r,
                      struct upsert_result *out, struct err *e);

/* One row's result in a batch: u as store_epfo_upsert gives it (u.id the
 * enterprise the PAN, else the GSTIN, names), or unknown_reference when
 * neither is an enterprise's on file and nothing was written. */
struct epfo_put_result {
    struct upsert_result u;
    bool unknown_reference;
};

/* The rows of a batch in order, as row by row (enterprise resolution, then
 * store_epfo_upsert) would write them, through COPY: for stores where
 * store_batch_supported (store_epfo_batch.c). Inside the caller's
 * transaction. */
int store_epfo_put_batch(struct store *s, const struct epfo_feed_row *const *rows, size_t n,
                         struct epfo_put_result *out, struct err *e);

#endif
