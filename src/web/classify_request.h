/* classify_request.h: the body of POST /api/v1/classify, read into a
 * classify_input. Kept apart from the handler so it can be fuzzed. */
#ifndef SAMANVAY_CLASSIFY_REQUEST_H
#define SAMANVAY_CLASSIFY_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/classify.h"

enum { CLASSIFY_REQUEST_OK = 0, CLASSIFY_REQUEST_BAD_JSON = 1, CLASSIFY_REQUEST_BAD_FIELD = 2 };

/* Parse body[0..len): {"investment": RS, "turnover": RS, "exports"?: RS,
 * "on"?: DATE, "activity"?: ...}. `on` defaults to today. Returns
 * CLASSIFY_REQUEST_OK, or one of the failures with msg naming the field
 * (or the JSON error's line and column). */
int classify_request_parse(const char *body, size_t len, int32_t today, struct classify_input *in,
                           char *msg, size_t cap);

#endif
