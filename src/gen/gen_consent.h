/* gen_consent.h: consent.csv, consent artefacts given outside the portal
 * (docs/generator.md, "Consent"): a small share of the enterprises on
 * file granted one source for one purpose at registration, and most of
 * them later revoked it, so the demo shows data withheld. */
#ifndef SAMANVAY_GEN_CONSENT_H
#define SAMANVAY_GEN_CONSENT_H

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

int gen_consent_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e);

#endif
