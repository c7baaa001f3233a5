/* eligibility.h: one enterprise against the whole catalogue.
 *
 * For every scheme: eligible / ineligible / unknown, each criterion's
 * result with the facts it read, the missing facts, the benefit (rate and
 * rupees), the unconfirmed parameters relied on, and a rank score. The
 * JSON form is the `samanvay eligible --json` contract (DESIGN.md §5). */
#ifndef SAMANVAY_ELIGIBILITY_H
#define SAMANVAY_ELIGIBILITY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "rules/catalog.h"
#include "rules/facts.h"
#include "rules/scheme.h"

struct criterion_result {
    int8_t result;              /* 1 pass, 0 fail, -1 unknown */
    uint64_t slots_read;
    uint64_t missing;
};

struct scheme_result {
    const struct scheme *scheme;
    enum status status;
    bool in_force;
    struct criterion_result crit[SCHEME_MAX_CRITERIA];
    bool rate_known, amount_known;
    int64_t rate, amount;       /* num fixed point: a fraction; rupees */
    uint64_t missing;           /* profile fields whose absence left something unknown */
    uint64_t unconfirmed;       /* parameters relied on whose value is unconfirmed */
    uint64_t caveats;           /* derived facts relied on whose derivation is unconfirmed */
    struct value params[SCHEME_MAX_PARAMS];
    uint64_t params_unconfirmed;
    double score;               /* 0..1, see rank.c */
    char error[ERR_MSG_MAX];    /* a formula failed (division by zero, overflow) */
};

/* Resolve a scheme's parameters on as_of. */
void eligibility_params(const struct scheme *s, int32_t as_of, struct value *params,
                        uint64_t *unconfirmed);

/* Evaluate one scheme (not ranked: score 0). */
void eligibility_scheme(const struct scheme *s, const struct facts *f, struct scheme_result *r);

struct rank_history;
/* Evaluate every scheme of the catalogue into results[0..c->n), ranked by
 * score (rank.h: what helps this enterprise most, a scheme that cannot yet
 * be decided discounted); ineligible schemes last. h may be NULL (no
 * application history yet). */
void eligibility_all(const struct catalog *c, const struct facts *f, const struct rank_history *h,
                     struct scheme_result *results);

/* The contract JSON: {"as_of", "class", "schemes": [...]}. */
json_t *eligibility_json(const struct catalog *c, const struct facts *f,
                         const struct scheme_result *results, bool hindi);

/* A human summary, one scheme per paragraph. */
int eligibility_text(struct buf *out, const struct catalog *c, const struct facts *f,
                     const struct scheme_result *results, bool hindi);

/* Criterion i of r's scheme explained in words, as in eligibility_text
 * (plain text: the caller escapes it for HTML). */
int eligibility_criterion_text(struct buf *out, const struct scheme_result *r, size_t i,
                               const struct facts *f, bool hindi);
/* The benefit explained in words (plain text). */
int eligibility_benefit_text(struct buf *out, const struct scheme_result *r,
                             const struct facts *f, bool hindi);

#endif
