/* gen_epfo.h: epfo.csv, EPFO's monthly Electronic Challan-cum-Return of
 * the enterprises with an EPFO-covered workforce (docs/generator.md
 * "EPFO"): members contributing and their wages per wage month, moved by
 * the schemes' true employment effects. */
#ifndef SAMANVAY_GEN_EPFO_H
#define SAMANVAY_GEN_EPFO_H

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

/* Write e's ECR rows (none when e is not covered) and count its treated
 * receipts under T_EPFO. */
int gen_epfo_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e);

/* The sum of the employment effects of e's receipts disbursed before month. */
double gen_epfo_log_effect(const struct gen_ctx *c, const struct gen_ent *e, int month);

#endif
