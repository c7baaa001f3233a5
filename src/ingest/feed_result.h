/* feed_result.h: a store outcome as the load loop counts it, with the
 * quarantine message for the in-file duplicates every keyed feed shares. */
#ifndef SAMANVAY_FEED_RESULT_H
#define SAMANVAY_FEED_RESULT_H

#include <stdint.h>

#include "ingest/feed.h"
#include "store/store.h"

/* Fill r from a keyed upsert outcome. `key` describes the row's key for
 * the message ("gstin 27AAAPA1234A1Z5, GSTR3B 2024-03"); other_row is
 * the earlier row of the same file for DUPLICATE and CONFLICT. PAN
 * conflicts carry their own message and are not handled here. */
void feed_result_from_upsert(struct feed_store_result *r, enum upsert_outcome o, int64_t other_row,
                             const char *key);

/* The enterprise a row names by its Udyam number: 1 with *id set; 0 when
 * none is on file, r quarantined (unknown reference, the number named);
 * -1 with e set on a store error. For the feeds that take no other key. */
int feed_enterprise_by_udyam(struct store *s, const char *udyam, int64_t *id,
                             struct feed_store_result *r, struct err *e);
/* r quarantined as feed_enterprise_by_udyam quarantines it (a batch writer
 * that found no enterprise for the number). */
void feed_unknown_udyam(const char *udyam, struct feed_store_result *r);

#endif
