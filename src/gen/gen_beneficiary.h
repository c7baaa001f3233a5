/* gen_beneficiary.h: beneficiary.csv, the legacy per-scheme lists, with
 * the dirty identities agencies really send (Devanagari spellings, typos,
 * missing PAN and Udyam numbers, swapped name fields, misspelt districts,
 * people with no Udyam registration), plus the ground truth linking each
 * row to its enterprise, the treated-unit counts behind the manifest, and
 * the double-funding pairs. */
#ifndef SAMANVAY_GEN_BENEFICIARY_H
#define SAMANVAY_GEN_BENEFICIARY_H

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

/* Call after gen_gst_write (it reads e->filed_months). */
int gen_beneficiary_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e);

#endif
