/* gen_ids.h: identifiers for synthetic entities, valid by construction
 * under the rules of core/ident.c and unique by construction through the
 * keyed permutations in gen_ctx (never by checking a set). */
#ifndef SAMANVAY_GEN_IDS_H
#define SAMANVAY_GEN_IDS_H

#include <stddef.h>
#include <stdint.h>

#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

/* PAN entity-id kinds (docs/generator.md, "Identifiers"). */
enum gen_pan_kind { PAN_UDYAM = 0, PAN_GST_ONLY = 1, PAN_PERSON = 2 };

/* The PAN holder type (4th character) for a constitution. */
char gen_ids_pan_holder(enum gen_constitution c);

/* A PAN for entity `id` (index * 4 + kind): series and serial from the
 * permutation, holder type and name initial from the entity. */
void gen_ids_pan(const struct gen_ctx *c, uint64_t id, char holder, char initial, char out[11]);

/* A regular taxpayer's GSTIN: state code, PAN, entity number, 'Z', check. */
void gen_ids_gstin(int state_code, const char *pan, char entity, char out[16]);

/* UDYAM-SS-DD-NNNNNNN with the state's first Udyam code. */
void gen_ids_udyam(const struct gen_ctx *c, const struct gen_ent *e, uint64_t serial,
                   char out[20]);

/* The serial for enterprise `index` when serials are unique per file. */
uint64_t gen_ids_udyam_serial(const struct gen_ctx *c, uint64_t index);
/* The serial for the `ordinal`-th enterprise of a district (per-district mode). */
uint64_t gen_ids_udyam_district_serial(const struct gen_ctx *c, int district, uint64_t ordinal);

/* A 14-digit account number for facility id `id`. */
void gen_ids_account(const struct gen_ctx *c, uint64_t id, char out[15]);

/* "PREFIX-YYYY-NNNNNNNNNN" for list or record id `id` (unique per id). */
size_t gen_ids_ref(const struct gen_ctx *c, uint64_t id, const char *prefix, int year, char *out,
                   size_t cap);

#endif
