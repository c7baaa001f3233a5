/* gen_schemes.h: who receives which scheme, when and how much, and what
 * it does to them.
 *
 * Selection depends only on observables (sector, size, gender, social
 * category, rural, new or existing unit, GST registration), and those
 * observables also drive turnover growth, so a naive comparison of
 * beneficiaries with others is biased while matching on the observables
 * recovers the effect. Each scheme's true effect multiplies GST turnover
 * in every month after the disbursal month by exp(ATT). */
#ifndef SAMANVAY_GEN_SCHEMES_H
#define SAMANVAY_GEN_SCHEMES_H

#include "core/rng.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

/* Fill e->receipt (an enterprise on file only). */
void gen_schemes_draw(const struct gen_ctx *c, struct gen_ent *e);

/* A receipt of scheme s for a list-only person (no eligibility rules:
 * the lists hold people the portal cannot check). */
void gen_schemes_person_receipt(const struct gen_ctx *c, struct rng *r, const struct gen_ent *p,
                                enum gen_scheme s, struct gen_receipt *out);

/* Sum of the true effects (log scale) of receipts disbursed before `month`. */
double gen_schemes_log_effect(const struct gen_ctx *c, const struct gen_ent *e, int month);

#endif
