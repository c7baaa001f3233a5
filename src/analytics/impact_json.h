/* impact_json.h: `impact --json` (DESIGN.md §5, docs/impact.md §7):
 * {"schemes":[{"id","outcome":"log_turnover","estimate","ci_low","ci_high",
 * "n_treated","n_control", ...}], ...}. A number that could not be computed,
 * or belongs to a suppressed cell, is null. */
#ifndef SAMANVAY_IMPACT_JSON_H
#define SAMANVAY_IMPACT_JSON_H

#include <jansson.h>

#include "analytics/impact.h"
#include "analytics/impact_ttb.h"

/* A new reference, or NULL when out of memory. ttb (the beneficiary
 * lists) and apps (the portal's applications) may be NULL. */
json_t *impact_report_json(const struct impact_report *r, const struct impact_ttb *ttb,
                           const struct impact_ttb *apps);

#endif
