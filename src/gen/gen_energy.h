/* gen_energy.h: energy.csv, declared energy use per enterprise, financial
 * year and source, with sector-dependent intensities (docs/generator.md,
 * "Energy"). Only enterprises on file declare; a share of them does. */
#ifndef SAMANVAY_GEN_ENERGY_H
#define SAMANVAY_GEN_ENERGY_H

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

int gen_energy_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e);

#endif
