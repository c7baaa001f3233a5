/* Fuzz the POST /api/v1/classify body reader and, when it accepts the
 * body, the classifier and its JSON answer. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/classify.h"
#include "core/date.h"
#include "web/classify_request.h"
#include "fuzz_refdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct classify_input in;
    struct classify_result r;
    char msg[320];
    int32_t today;
    int rc;

    date_from_ymd(2026, 1, 1, &today);
    rc = classify_request_parse((const char *)data, size, today, &in, msg, sizeof msg);
    if (rc != CLASSIFY_REQUEST_OK) {
        if (msg[0] == '\0' || strlen(msg) >= sizeof msg)
            abort();
        return 0;
    }
    if (in.investment < 0 || in.turnover < 0 || in.exports < 0)
        abort();
    if (classify(fuzz_refdata(), &in, &r, NULL) == 0) {
        json_t *j = classify_result_json(&in, &r);
        if (j == NULL)
            abort();
        json_decref(j);
    }
    return 0;
}
