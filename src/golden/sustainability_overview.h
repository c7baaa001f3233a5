/* sustainability_overview.h: every enterprise's footprint from the
 * declarations on file, and the aggregates a policymaker sees: intensity
 * benchmarks by NIC division and registered clusters' totals, each
 * withheld under 5 enterprises (analytics/suppress.h). Shared by
 * `samanvay sustainability`, the officer page and an enterprise's rank. */
#ifndef SAMANVAY_SUSTAINABILITY_OVERVIEW_H
#define SAMANVAY_SUSTAINABILITY_OVERVIEW_H

#include <jansson.h>
#include <stddef.h>

#include "analytics/sustainability.h"
#include "store/store.h"

/* One unit per enterprise with a usable declaration (by enterprise id);
 * only NIC division `division` when not NULL. */
int sustainability_units_load(struct store *s, const struct emission_factors *f,
                              const char *division, struct sustain_unit **out, size_t *n,
                              struct err *e);

struct sustainability_overview {
    struct sustain_unit *units;
    size_t n_units;
    struct sector_benchmark *bench;
    size_t n_bench;
    struct cluster_emissions *clusters;
    size_t n_clusters;
    double total_tco2;            /* every declaring enterprise */
};

int sustainability_overview_load(struct store *s, const struct emission_factors *f,
                                 struct sustainability_overview *o, struct err *e);
void sustainability_overview_free(struct sustainability_overview *o);

/* {"unit", "sources", "enterprises_declared", "total_tco2", "benchmarks": [...],
 *  "clusters": [...]}; withheld cells carry "suppressed": true and no figure. */
json_t *sustainability_overview_json(const struct sustainability_overview *o,
                                     const struct emission_factors *f);
/* The same for readers of aggregates only (GET /api/v1/sustainability):
 * every count of 1 to 4 enterprises (enterprises_declared, a division's
 * enterprises, a cluster's declared) is withheld too, as null. */
json_t *sustainability_overview_public_json(const struct sustainability_overview *o,
                                            const struct emission_factors *f);

/* The factors (latest grid year) with units and references, as JSON. */
json_t *sustainability_factor_sources(const struct emission_factors *f);

#endif
