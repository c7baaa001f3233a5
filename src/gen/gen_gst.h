/* gen_gst.h: gst.csv, one row per return per tax period: GSTR-3B monthly
 * (regular), GSTR-3B quarterly (QRMP) or CMP-08 quarterly (composition),
 * from the later of the window start and GST registration to as_of. */
#ifndef SAMANVAY_GEN_GST_H
#define SAMANVAY_GEN_GST_H

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

/* Returns of every GSTIN of e; sets e->filed_months for its first GSTIN. */
int gen_gst_write(const struct gen_ctx *c, struct gen_block *b, struct gen_ent *e);

/* About 5% of GSTINs belong to filers not (yet) on Udyam: a GST-registered
 * enterprise may bring one along, written after it (returns and a
 * truth/gst_filers_without_udyam.csv row). */
int gen_gst_only_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *parent);

/* Statutory due date of the return for the period ending in `month`
 * (domain.md §5): GSTR-3B monthly the 20th of the next month; QRMP the
 * state's 22nd or 24th of the month after the quarter; CMP-08 the 18th. */
int32_t gen_gst_due(const struct gen_ctx *c, enum gen_gst_scheme s, int state, int month);

#endif
