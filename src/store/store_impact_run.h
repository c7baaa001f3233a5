/* store_impact_run.h: stored impact runs (migration 0017,
 * docs/impact.md §9): the batch `samanvay impact --save` writes one, the
 * policymaker page reads the latest. */
#ifndef SAMANVAY_STORE_IMPACT_RUN_H
#define SAMANVAY_STORE_IMPACT_RUN_H

#include <stdint.h>

#include "store/store.h"

/* Keep a run: its draws, seed and the impact --json text. */
int store_impact_run_save(struct store *s, int draws, uint64_t seed, const char *json, int64_t *id,
                          struct err *e);

/* The latest run: *json (mem_free) and its created_at, or *json NULL when
 * none is stored. */
int store_impact_run_latest(struct store *s, char **json, char *created_at, size_t cap, struct err *e);

#endif
