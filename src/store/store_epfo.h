/* store_epfo.h: the epfo_return table (migration 0019): EPFO's monthly
 * Electronic Challan-cum-Return, one row per establishment and wage month,
 * linked to the enterprise by PAN. Portable SQL. */
#ifndef SAMANVAY_STORE_EPFO_H
#define SAMANVAY_STORE_EPFO_H

#include <stdbool.h>
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

#endif
