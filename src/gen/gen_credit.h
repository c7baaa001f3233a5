/* gen_credit.h: credit.csv, one row per facility per month from sanction
 * (or the window start) to as_of or maturity. Facilities are scheme loans
 * (a pmmy, cgtmse, standup_india, pmegp or pm_vishwakarma receipt) and
 * ordinary term loans, cash credit and overdrafts; days past due follow
 * the borrower's stress path (gen_stress.h). */
#ifndef SAMANVAY_GEN_CREDIT_H
#define SAMANVAY_GEN_CREDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

struct gen_facility {
    enum gen_facility_type type;
    int scheme;                  /* enum gen_scheme, or -1 */
    int32_t sanctioned_on;
    int64_t amount;              /* paise */
    int tenure, moratorium;      /* months, term loans */
    double utilisation;          /* cash credit and overdraft */
    char ifsc[12];
    char account[15];
    bool omit_udyam;             /* the lender did not record the Udyam number */
};

struct gen_credit_plan {
    struct gen_facility f[GEN_MAX_FACILITIES];
    int n;
};

/* Plan e's facilities and set e->borrower (only enterprises on file borrow
 * here, so every row refers to a loaded enterprise). */
void gen_credit_plan(const struct gen_ctx *c, struct gen_ent *e, struct gen_credit_plan *p);

int gen_credit_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e,
                     const struct gen_credit_plan *p);

#endif
