/* scenario_cache.h: the shipped scenarios (scenarios/<id>.yaml, compiled
 * in) parsed once at server start, and each one's simulation kept between
 * requests until the stored feeds change.
 *
 * A simulation reads every enterprise (about 0.2 s at 20,000 and 1 s at
 * 200,000, docs/performance.md); it is a pure function of the stored feeds,
 * and every change to them comes through an ingest, so the key is
 * store_ingest_version's (MAX(ingest_file.id), SUM(rows_committed)), as for
 * the cluster map (cluster_map_cache.h). Results are copied out by value
 * (a struct simulation holds no memory of its own; its scenario pointer
 * is into the cache, which lives as long as the server), so no reference
 * counting. Thread-safe; hangs off the server's app (web_app.scenarios). */
#ifndef SAMANVAY_SCENARIO_CACHE_H
#define SAMANVAY_SCENARIO_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "analytics/scenario.h"
#include "analytics/simulate.h"
#include "core/err.h"
#include "core/refdata.h"
#include "store/store.h"

struct catalog;
struct scenario_cache;

/* Parse every embedded scenario against `cat` (which must outlive the
 * cache); a scenario that does not parse fails the whole (the server does
 * not start, as with a bad scheme file). */
int scenario_cache_new(const struct catalog *cat, struct scenario_cache **out, struct err *e);
void scenario_cache_free(struct scenario_cache *c);

size_t scenario_cache_count(const struct scenario_cache *c);
const struct scenario *scenario_cache_at(const struct scenario_cache *c, size_t i);
/* The scenario with this id, or NULL. */
const struct scenario *scenario_cache_find(const struct scenario_cache *c, const char *id);

/* The simulation of `sc` (one of the cache's) over the store as it
 * stands: the kept one when current (*cached true), else computed on one
 * thread and kept. *ms: how long the computation took (when it was made). */
int scenario_cache_get(struct scenario_cache *c, struct store *s, const struct refdata *ref,
                       const struct scenario *sc, struct simulation *out, double *ms, bool *cached,
                       struct err *e);

#endif
