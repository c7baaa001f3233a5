/* enterprise_insights.h: one stored enterprise's market insights and
 * sustainability, as `samanvay insights` and its page show them: growth
 * and export share against peers (aggregates only), what it qualifies for
 * under the procurement policy and the fair programmes, its energy and CO2
 * from declarations, its rank in its division's intensity benchmark, the
 * ESG-readiness checklist and the green schemes it is eligible for.
 * Every reader comes here so the CLI and the page cannot differ. */
#ifndef SAMANVAY_ENTERPRISE_INSIGHTS_H
#define SAMANVAY_ENTERPRISE_INSIGHTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "analytics/emission.h"
#include "analytics/insight_tables.h"
#include "analytics/market.h"
#include "analytics/sustainability.h"
#include "core/enterprise.h"
#include "core/survivorship.h"
#include "rules/catalog.h"
#include "rules/scheme.h"
#include "store/store.h"

struct insights_env {
    const struct refdata *ref;
    const struct survivorship *rules;
    const struct insight_tables *tables;
    const struct emission_factors *factors;
    const struct catalog *catalog;
    int32_t today;
};

#define INSIGHTS_GREEN_MAX 4

struct green_scheme {
    const struct scheme *scheme;
    enum status status;
    const char *asked_for;        /* the need it was evaluated for */
};

struct enterprise_insights {
    struct enterprise ent;
    char nic_group[4], division[3];
    char window_start[8], window_cut[8], window_end[8];  /* (start, cut] vs (cut, end] */
    struct market_subject subject;
    struct market_metric metric[METRIC_COUNT];
    int fair_ok[INSIGHT_MAX_ROWS];     /* market_qualifies per trade fair row */
    int target_ok[INSIGHT_MAX_ROWS];   /* per procurement target */
    struct energy_decl *decls;         /* every declaration on file (owned) */
    size_t n_decls;
    struct footprint fp;
    double intensity_percentile;       /* in its division; -1 withheld or none */
    struct sector_benchmark benchmark; /* its division's; q.n 0 when none */
    int esg[INSIGHT_MAX_ROWS];         /* 1 done, 0 not, -1 unknown */
    char esg_value[INSIGHT_MAX_ROWS][48];
    struct green_scheme green[INSIGHTS_GREEN_MAX];
    size_t n_green;
};

/* Load and compute; *found false when there is no such enterprise. Free it
 * either way. The caller runs it in one read snapshot (store_begin_read;
 * the server does for an entrepreneur's GET), so peers, declarations and
 * benchmarks are read as of one moment. */
int enterprise_insights_load(struct store *s, const struct insights_env *env, int64_t id,
                             struct enterprise_insights *out, bool *found, struct err *e);
void enterprise_insights_free(struct enterprise_insights *x);

/* The `samanvay insights --json` contract (docs/insights.md). */
json_t *enterprise_insights_json(const struct insights_env *env, const struct enterprise_insights *x);

#endif
