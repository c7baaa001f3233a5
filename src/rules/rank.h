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

#define RANK_W_VALUE 0.55
#define RANK_W_FIT 0.35
#define RANK_W_UPTAKE 0.10

void rank_score(const struct scheme *s, const struct facts *f, struct scheme_result *r);
int rank_reason(struct buf *out, const struct scheme *s, const struct facts *f,
                const struct scheme_result *r, bool hindi);
/* 1 when an objective of s is a primary fit for the need's purpose, 0.5
 * for a secondary fit, 0 for none; 0.5 when the purpose is unknown. */
double rank_fit(const struct scheme *s, const struct facts *f);

#endif
