/* simulate_input.h: what the simulation reads of the store's enterprises:
 * each one's protected groups and its eligibility for each of a
 * scenario's schemes, through the batch evaluator (rules/batch.h) with the
 * need the scenario gives each scheme. */
#ifndef SAMANVAY_SIMULATE_INPUT_H
#define SAMANVAY_SIMULATE_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/scenario.h"
#include "analytics/simulate.h"
#include "core/err.h"
#include "core/refdata.h"
#include "rules/batch.h"
#include "rules/catalog.h"

struct sim_input {
    size_t n, n_schemes;
    uint8_t *groups;        /* n masks */
    uint8_t *status;        /* n × n_schemes */
    uint8_t *status_after;  /* n × n_schemes with the scenario's rule parameters, or NULL without any */
};

/* An enterprise's groups from its columns: women (owner female), sc_st
 * (owner SC or ST), ner (state in the North-East), rural (area rural);
 * traditional when `traditional` is set (a member of a traditional-craft
 * cluster, which the store knows and the columns do not). */
uint8_t simulate_groups_of(const struct batch_columns *c, const struct refdata *ref, size_t i, bool traditional);

/* Build the input; traditional[0..n_traditional) are enterprise ids in
 * ascending order. `threads` as in batch_options (0 = one per core). A
 * scenario that sets rule parameters must have been resolved
 * (scenario_resolve): its schemes are evaluated again, each with its
 * parameters replaced, for the after side. */
int simulate_input_build(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                         const int64_t *traditional, size_t n_traditional, const struct scenario *sc,
                         int threads, struct sim_input *out, struct err *e);
void simulate_input_release(struct sim_input *in);
/* A scenario_known_fn over a struct catalog (ctx). */
bool simulate_known_scheme(void *catalog, const char *id);
/* The input as the engine reads it. */
struct sim_population simulate_input_population(const struct sim_input *in);

#endif
