/* gen_population.h: who the synthetic entities are — place, activity,
 * owner, size, dates, GST registration and identifiers — drawn from the
 * model (docs/generator.md, "Population"). */
#ifndef SAMANVAY_GEN_POPULATION_H
#define SAMANVAY_GEN_POPULATION_H

#include <stdint.h>

#include "core/rng.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

/* The first draws of an entity's stream: state and district. Shared with
 * the serial pre-pass, which must see the same places. */
void gen_population_place(const struct gen_ctx *c, struct rng *r, int *state, int *district);

/* Draw entity `index` of this kind from its own stream. Everything but the
 * Udyam number (which needs the block's district counts) is set. For
 * ENT_PERSON, index is a person id (see gen_population_person_id). */
void gen_population_draw(const struct gen_ctx *c, uint64_t index, enum gen_ent_kind kind,
                         struct gen_ent *e);

/* Person ids: up to 8 list-only persons hang off each enterprise index. */
static inline uint64_t gen_population_person_id(uint64_t index, int k)
{
    return index * 8 + (uint64_t)k;
}

/* Per-district serial bases: the number of enterprises of each district
 * in all earlier blocks (only when serials are unique per district). */
int gen_population_serial_bases(struct gen_ctx *c, struct err *e);

#endif
