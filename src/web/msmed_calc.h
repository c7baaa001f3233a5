/* msmed_calc.h: one delayed-payment computation as the calculator page,
 * the API and the claim list all run it: the invoice's s.15 term and s.16
 * interest (calendar/msmed.h) with the server's Bank Rate table, and, when
 * asked, the buyer's s.43B(h) verdict. */
#ifndef SAMANVAY_MSMED_CALC_H
#define SAMANVAY_MSMED_CALC_H

#include <jansson.h>
#include <stdbool.h>

#include "calendar/msmed.h"
#include "store/store_grievance.h"
#include "web/msmed_request.h"
#include "web/request.h"

struct msmed_calc {
    struct msmed_result result;        /* owned: msmed_calc_free */
    bool has_43bh;
    struct msmed_43bh tax;
};

/* Compute `in`; 0, or -1 with e naming what the engine refused (a date
 * before the Bank Rate table, an overflow): the caller's input, a 422. */
int msmed_calc_run(const struct web_app *app, const struct msmed_request *in,
                   struct msmed_calc *out, struct err *e);
void msmed_calc_free(struct msmed_calc *c);
/* The answer of POST /api/v1/msmed/interest: msmed_json.h's object, with
 * "s43bh" when asked. New reference or NULL. */
json_t *msmed_calc_json(const struct msmed_calc *c, int32_t as_of);

/* A stored claim (with its receipts, read from the store) as the engine's
 * input, as of `as_of`: the invoice date (the acceptance date for claims
 * before migration 0011), the agreed days, and the part payments. */
int msmed_calc_claim_request(struct store *s, const struct payment_claim_row *c, int32_t as_of,
                             struct msmed_request *out, struct err *e);

#endif
