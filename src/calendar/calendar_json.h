/* calendar_json.h: a calendar as the contract JSON (DESIGN.md §5), the
 * same for `samanvay calendar --json` and GET /api/v1/enterprises/{id}/calendar:
 *
 *   {"items": [{"obligation", "period", "due", "status", "late_fee", "interest",
 *               "name", "rule", "period_start", "period_end", "conditional",
 *               "optional", "unconfirmed", "source", ...}]}
 *
 * Amounts are rupees; a late fee or interest the data cannot give is null. */
#ifndef SAMANVAY_CALENDAR_JSON_H
#define SAMANVAY_CALENDAR_JSON_H

#include <jansson.h>

#include "calendar/calendar.h"

/* New references, or NULL when out of memory. */
json_t *calendar_item_json(const struct calendar_item *it);
json_t *calendar_json(const struct calendar *cal);

#endif
