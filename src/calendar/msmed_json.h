/* msmed_json.h: a delayed-payment computation (msmed.h) as JSON, the same
 * for POST /api/v1/msmed/interest and GET /api/v1/enterprises/{id}/payment-claims.
 *
 *   {"term": {"accepted", "deemed", "days", "agreed", "capped", "due", "interest_from"},
 *    "as_of", "days_late", "settled", "rate": {"bank_rate_bp", "rate_bp"},
 *    "schedule": [{"start", "end", "rest", "days", "period_days", "bank_rate_bp",
 *                  "rate_bp", "opening", "interest", "paid", "closing"}, ...],
 *    "interest", "interest_paise", "interest_outstanding", "principal_outstanding",
 *    "outstanding", "outstanding_paise", "claim_rupees", "excess"}
 *
 * Money is rupees as a JSON number with the paise (money_to_json), and the
 * totals also as integer paise; claim_rupees is the outstanding amount
 * rounded to the rupee (msmed_round_rupee), the figure a claim states. */
#ifndef SAMANVAY_MSMED_JSON_H
#define SAMANVAY_MSMED_JSON_H

#include <jansson.h>

#include "calendar/msmed.h"

/* New references, or NULL when out of memory. */
json_t *msmed_result_json(const struct msmed_result *r, int32_t as_of);
/* {"verdict", "reason", "due", "deduction_fy" ("2024-25" or null), "why"}. */
json_t *msmed_43bh_json(const struct msmed_43bh *t);
const char *msmed_43bh_verdict_name(enum msmed_43bh_verdict v);   /* "deductible" */
const char *msmed_43bh_reason_name(enum msmed_43bh_reason r);     /* "paid_late" */

#endif
