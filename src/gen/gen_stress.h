/* gen_stress.h: the latent stress process that links the GST and credit
 * feeds. A shock at some month cuts turnover over the following months
 * and makes returns late or missing; for a borrower, arrears start 2-4
 * months after the shock and grow about 30 days a month, so the GST
 * signal leads the credit signal. About half of shocked borrowers run on
 * to NPA, the rest pay up and recover. A few borrowers turn NPA with no
 * warning in GST at all. */
#ifndef SAMANVAY_GEN_STRESS_H
#define SAMANVAY_GEN_STRESS_H

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

/* Draw e->stress (needs e->borrower). */
void gen_stress_draw(const struct gen_ctx *c, struct gen_ent *e);

/* Stress level at a month: 0 (none) .. 1 (full). */
double gen_stress_level(const struct gen_ctx *c, const struct gen_stress *s, int month);

/* Multiplier on turnover at a month: 1 without stress, 1 - depth at full stress. */
double gen_stress_turnover(const struct gen_ctx *c, const struct gen_stress *s, int month);

/* The borrower's days past due at the end of a month (before blips). */
int gen_stress_dpd(const struct gen_stress *s, int month);

/* RBI bucket for days past due: STD, SMA0, SMA1, SMA2, NPA. */
const char *gen_stress_asset_class(int dpd);

/* A truth/stress.csv row for an enterprise with a shock or an NPA. */
int gen_stress_truth_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e);

#endif
