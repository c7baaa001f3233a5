/* simulate_json.h: a simulation as the JSON of `samanvay simulate --json`
 * (shape in docs/scenarios.md). Money in rupees. */
#ifndef SAMANVAY_SIMULATE_JSON_H
#define SAMANVAY_SIMULATE_JSON_H

#include <jansson.h>

#include "analytics/simulate.h"

struct catalog;
/* NULL when memory runs out. */
json_t *simulate_json(const struct simulation *sim, const struct catalog *cat);

#endif
