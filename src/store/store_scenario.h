/* store_scenario.h: what a merger what-if reads from the store
 * (analytics/simulate_input.h): every enterprise as batch columns with its
 * cluster facts from the cluster feed, and the enterprises that belong to
 * a traditional-industry cluster, in one read snapshot. */
#ifndef SAMANVAY_STORE_SCENARIO_H
#define SAMANVAY_STORE_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "core/refdata.h"
#include "rules/batch.h"
#include "store/store.h"

/* *cols (batch_columns_free) and *traditional (mem_free; ascending ids)
 * are the caller's. */
int store_scenario_load(struct store *s, const struct refdata *ref, struct batch_columns **cols,
                        int64_t **traditional, size_t *n_traditional, struct err *e);

struct simulation;
struct scenario;
/* Load, evaluate and simulate in one go (CLI and web): *sim as
 * simulate_run and simulate_burden leave it. */
int store_scenario_simulate(struct store *s, const struct refdata *ref, const struct catalog *cat,
                            const struct scenario *sc, int threads, struct simulation *sim, struct err *e);

#endif
