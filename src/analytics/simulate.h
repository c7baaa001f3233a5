/* simulate.h: a scenario's before and after (docs/scenarios.md).
 *
 * The engine reads, per enterprise, its protected-group mask and its
 * eligibility status for each of the scenario's schemes (from the batch
 * evaluator, simulate_input.h), and models each scheme, then each scheme
 * after the actions, as a budget spent on a pool of applicants:
 *
 *   pool        enterprises the rules do not rule out (eligible or unknown)
 *   applicants  pool × take-up
 *   served      min(applicants, budget ÷ unit benefit), drawn in proportion
 *               from every group cell, after any reservation has first
 *               drawn its share of the budget from its own group
 *
 * Counts are expected values (fractions kept); money is paise. */
#ifndef SAMANVAY_SIMULATE_H
#define SAMANVAY_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/scenario.h"
#include "core/err.h"

#define SIM_CELLS (1u << SG_COUNT)      /* one cell per combination of groups */
#define SIM_MAX_UNITS (2 * SCENARIO_MAX_SCHEMES)

/* What the engine reads: n enterprises; status[i * n_schemes + k] is
 * enterprise i's enum status for sc->schemes[k]; groups[i] a bit per
 * enum scenario_group. status_after, laid out alike, is the status on the
 * after side when a scenario changes a rule parameter (the scheme's rules
 * evaluated with it); NULL when the rules are the same on both sides. */
struct sim_population {
    size_t n, n_schemes;
    const uint8_t *groups;
    const uint8_t *status;
    const uint8_t *status_after;
};

struct sim_reservation {
    enum scenario_group group;
    double share;
    int64_t required, allocated;    /* paise */
    bool honoured;                  /* allocated covers the required share */
};

/* One scheme before, or one scheme (merged or not) after. */
struct sim_unit {
    const char *id, *name, *name_hi;   /* name NULL: the catalogue's */
    uint32_t members;                  /* bit per scenario scheme */
    uint8_t narrow[SCENARIO_MAX_SCHEMES]; /* per member: groups it is narrowed to (all of them) */
    int64_t budget, unit_benefit;      /* paise, at the store's scale */
    double take_up;
    size_t eligible, eligible_certain; /* pool; of it, eligible for sure */
    size_t eligible_by_group[SG_COUNT];
    double beneficiaries, by_group[SG_COUNT];
    int64_t cost;
    struct sim_reservation res[SG_COUNT];
    size_t n_res;
    size_t fields, documents;          /* asked of an applicant (simulate_burden) */
    int64_t moved_in, moved_out;       /* paise at the store's scale moved with components (after side) */
    bool derive_benefit, derive_take_up; /* merged: set from the members unless a `set` overrode it */
};

struct sim_side {
    size_t eligible;                   /* distinct enterprises in any pool */
    size_t eligible_sum;               /* pools added up */
    size_t eligible_by_group[SG_COUNT];/* distinct, per group */
    double beneficiaries, by_group[SG_COUNT];
    int64_t budget, cost;
    size_t fields, documents;
};

struct sim_group {
    double before_share, after_share;
    bool falls;                        /* after < before - tolerance */
};

struct simulation {
    const struct scenario *sc;
    size_t enterprises;
    double budget_scale;               /* store enterprises ÷ the scenario's population (1 without one) */
    struct sim_side before, after;
    struct sim_unit units[SIM_MAX_UNITS];
    size_t n_before, n_units;          /* units[0..n_before) before, the rest after */
    struct sim_group groups[SG_COUNT];
};

/* Spend `budget` on applicants pool[c] × take_up per group cell c, first
 * the reservations in order, then the rest on everyone left; served[c]
 * gets the expected beneficiaries. Exposed for tests. */
void simulate_allocate(const double pool[SIM_CELLS], int64_t budget, int64_t unit_benefit, double take_up,
                       struct sim_reservation *res, size_t n_res, double served[SIM_CELLS]);

/* The before and after of `sc` over `pop` (burden left at zero). */
int simulate_run(const struct scenario *sc, const struct sim_population *pop, struct simulation *out,
                 struct err *e);

struct catalog;
/* Fields and documents an applicant is asked for: per scheme before, the
 * union over a merged scheme's members after (rules/common_form.c). */
int simulate_burden(const struct catalog *cat, struct simulation *sim, struct err *e);

#endif
