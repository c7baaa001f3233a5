/* overlap_cache.h: the overlap and awareness runs kept between requests
 * (docs/overlap.md, "Kept until the next data load").
 *
 * A run (store_overlap_load) reads every enterprise of the reader's area
 * and evaluates the whole catalogue over them: about 0.2 s at 20,000
 * enterprises and 1.8 s at 200,000. It is a pure function of the stored
 * feeds, the applications, and the request's options (the date, the need
 * assumed, the state, the window). Every change to the feeds comes through
 * an ingest (store_ingest_version, as for the cluster map and the
 * scenarios: cluster_map_cache.h), and every change to an application adds
 * a row to the append-only application_event table, so the key is
 * (MAX(ingest_file.id), SUM(rows_committed), MAX(application_event.id))
 * with the options: a new ingest or a new application event is a new key,
 * never a stale report.
 *
 * Several runs are kept (OVERLAP_CACHE_ENTRIES: the national one, some
 * states', some needs), the least recently used one let go first. Each is
 * shared read-only by the requests that hold it (reference counted), and
 * freed when it is let go and its last reader releases it.
 *
 * With a run, the outreach list's benefit amounts: each listed enterprise
 * is evaluated alone (with amounts) the first time an officer's list shows
 * it, and its amounts are kept with the run, so the next request for the
 * district evaluates no one. Thread-safe (one lock, held only to look up
 * or swap pointers: runs and evaluations are made outside it); hangs off
 * the server's app (web_app.overlaps), no global state. */
#ifndef SAMANVAY_OVERLAP_CACHE_H
#define SAMANVAY_OVERLAP_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store_overlap.h"

#define OVERLAP_CACHE_ENTRIES 8

struct overlap_cache_key {
    int64_t last_file, rows;    /* store_ingest_version */
    int64_t last_event;         /* MAX(application_event.id) */
    int32_t as_of;
    int window_days, state;
    char purpose[24];           /* "" = unknown */
    int64_t amount;             /* paise, -1 = unknown */
};

/* A run, read-only to its holders. */
struct overlap_kept {
    struct overlap_run run;
    struct overlap_cache_key key;
    double ms;                  /* how long the run took to make */
    /* The cache's own: */
    int refs;
    bool evicted;               /* no longer the cache's: freed at the last release */
    uint64_t used;              /* when last handed out (a counter) */
    int64_t **amounts;          /* per enterprise: the benefit amounts of its gap schemes, or NULL */
};

struct overlap_cache;

int overlap_cache_new(struct overlap_cache **out, struct err *e);
void overlap_cache_free(struct overlap_cache *c);

/* The run for `o` over the store as it stands: the kept one when its key
 * is current (*cached true), else made on one thread and kept. c may be
 * NULL (made every time, nothing kept). Release what this gives with
 * overlap_cache_release. */
int overlap_cache_get(struct overlap_cache *c, struct store *s, const struct catalog *cat,
                      const struct refdata *ref, const struct overlap_options *o, struct overlap_kept **out,
                      bool *cached, struct err *e);
void overlap_cache_release(struct overlap_cache *c, struct overlap_kept *k);

/* The amounts kept for enterprise `index` of the run (paise, one per gap
 * scheme — eligible, never applied — in catalogue order; -1 when not
 * known) into out[0..64); false when none are kept yet. */
bool overlap_cache_amounts(struct overlap_cache *c, struct overlap_kept *k, size_t index, int64_t out[64]);
/* Keep them (n = the number of its gap schemes); a no-op with no cache,
 * or when another request kept them first. 0, or -1 on out of memory. */
int overlap_cache_keep_amounts(struct overlap_cache *c, struct overlap_kept *k, size_t index,
                               const int64_t *amounts, size_t n);

#endif
