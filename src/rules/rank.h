/* rank.h: how much a scheme helps this enterprise, as a score in 0..1
 * with a one-line reason ("personalised recommendations"). The score
 * combines the benefit's value against the stated need, how well the
 * scheme's objectives fit the need's purpose, and uptake among similar
 * enterprises (neutral until application history exists). */
#ifndef SAMANVAY_RANK_H
#define SAMANVAY_RANK_H

#include <stdbool.h>

#include "core/buf.h"
#include "rules/facts.h"
#include "rules/scheme.h"

struct scheme_result;

/* Uptake among similar enterprises: for catalogue scheme k and need
 * purpose p (profile vocabulary index), share[k * n_purposes + p] is the
 * share of past benefits for that purpose that went to scheme k. Built
 * from application history (or legacy beneficiary lists); without it,
 * uptake is neutral. */
struct rank_history {
    const double *share;
    size_t n_schemes, n_purposes;
};

#define RANK_W_VALUE 0.45
#define RANK_W_FIT 0.30
#define RANK_W_UPTAKE 0.25
#define RANK_UNKNOWN_FACTOR 0.7   /* a scheme we cannot yet decide, against a sure one */

/* Score scheme number `index` of the catalogue for these facts. */
void rank_score(const struct scheme *s, size_t index, const struct facts *f,
                const struct rank_history *h, struct scheme_result *r);
int rank_reason(struct buf *out, const struct scheme *s, const struct facts *f,
                const struct scheme_result *r, bool hindi);
/* 1 when an objective of s is a primary fit for the need's purpose, 0.5
 * for a secondary fit, 0 for none; 0.5 when the purpose is unknown. */
double rank_fit(const struct scheme *s, const struct facts *f);

#endif
