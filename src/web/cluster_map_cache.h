/* cluster_map_cache.h: the cluster map kept between requests.
 *
 * GET /clusters builds the map from a GROUP BY over every enterprise:
 * some seconds at 200,000 enterprises (docs/clusters.md). The map is a
 * pure function of the stored feeds, and every change to them comes
 * through an ingest, which adds an ingest_file row or commits more rows
 * to one: so (MAX(ingest_file.id), SUM(rows_committed)) is the key, and a
 * new ingest is a new key, never a stale map.
 *
 * One map is kept, shared read-only by the requests that hold it
 * (reference counted): a new key replaces it, and the old one is freed
 * when its last reader lets go. Thread-safe; hangs off the server's app
 * (web_app.cluster_maps), no global state. */
#ifndef SAMANVAY_CLUSTER_MAP_CACHE_H
#define SAMANVAY_CLUSTER_MAP_CACHE_H

#include <stdint.h>

#include "analytics/cluster_report.h"
#include "core/err.h"
#include "store/store.h"

struct cluster_map_key {
    int64_t last_file;      /* MAX(ingest_file.id) */
    int64_t rows;           /* SUM(ingest_file.rows_committed) */
};

/* A map and the register it stands on, read-only to its holders. */
struct cluster_map_entry {
    struct cluster_reg *regs;
    struct cluster_map m;
    struct cluster_map_key key;
    int refs;
};

struct cluster_map_cache;

int cluster_map_cache_new(struct cluster_map_cache **out, struct err *e);
void cluster_map_cache_free(struct cluster_map_cache *c);

/* The map for the store as it stands: the kept one when its key is
 * current, else built (store_cluster_map_load) and kept. c may be NULL
 * (built every time). Release what this gives with
 * cluster_map_cache_release. */
int cluster_map_cache_get(struct cluster_map_cache *c, struct store *s, struct cluster_map_entry **out,
                          struct err *e);
void cluster_map_cache_release(struct cluster_map_cache *c, struct cluster_map_entry *ent);

#endif
