/* gen_skilling.h: skilling.csv, one row per trainee per course. Owners
 * trained under a scheme (ESDP, the PMEGP EDP before a PMEGP loan, PM
 * Vishwakarma basic training before its toolkit or loan), a few other
 * owners, and trainees who run no registered unit. */
#ifndef SAMANVAY_GEN_SKILLING_H
#define SAMANVAY_GEN_SKILLING_H

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

int gen_skilling_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e);

#endif
