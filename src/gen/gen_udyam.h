/* gen_udyam.h: udyam.csv, one row per enterprise, with the injected
 * errors of docs/generator.md ("Injected errors"). */
#ifndef SAMANVAY_GEN_UDYAM_H
#define SAMANVAY_GEN_UDYAM_H

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

/* Decide e->udyam_error / e->udyam_duplicate before anything else uses
 * the enterprise: only an enterprise whose row loads may be referred to by
 * other feeds. */
void gen_udyam_decide(const struct gen_ctx *c, struct gen_ent *e);

int gen_udyam_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e);

#endif
