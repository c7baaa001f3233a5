/* answer_cache.h: encoded answers kept for reuse across requests.
 *
 * The eligibility of a stored enterprise is a pure function of its record
 * (content_hash), the facts given on the portal (the newest profile_fact
 * id: they are append-only), the evaluation date, the language and the
 * catalogue loaded at start (fixed while the server runs). Building and
 * encoding the 60 KB answer is most of a request's time (docs/
 * performance.md); with these as the key nothing ever needs invalidating:
 * a changed record or a new fact is a new key.
 *
 * The key is compared in full, never only by hash, so one enterprise can
 * never be served another's answer. Slots are direct-mapped by the key's
 * hash, each with its own lock; a new answer replaces whatever held its
 * slot. Memory is at most slots × ANSWER_CACHE_ITEM_MAX. Thread-safe. */
#ifndef SAMANVAY_ANSWER_CACHE_H
#define SAMANVAY_ANSWER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define ANSWER_CACHE_ITEM_MAX ((size_t)256 * 1024)

struct answer_key {
    int64_t enterprise_id;
    uint64_t content_hash;       /* the record */
    int64_t last_fact_id;        /* facts given on the portal */
    int32_t as_of;               /* evaluation date */
    int32_t lang;                /* enum lang */
    int32_t kind;                /* which answer: ANSWER_ELIGIBILITY_JSON, ... */
};

enum { ANSWER_ELIGIBILITY_JSON = 1 };

struct answer_cache;

int answer_cache_new(size_t slots, struct answer_cache **out, struct err *e);
void answer_cache_free(struct answer_cache *c);
/* Append the answer for k to out: true on a hit, false on a miss (or when
 * out cannot grow, which the caller then sees as a miss). */
bool answer_cache_get(struct answer_cache *c, const struct answer_key *k, struct buf *out);
/* Keep a copy of data[0..n) for k (nothing when larger than the item
 * limit or when memory runs out: a cache may forget). */
void answer_cache_put(struct answer_cache *c, const struct answer_key *k, const char *data,
                      size_t n);
/* A strong ETag for the answer of k: "\"<32 hex digits>\"". */
void answer_key_etag(const struct answer_key *k, char out[40]);

#endif
