/* Fuzz the consent change body (POST /api/v1/enterprises/{id}/consents,
 * web/consent_request.c) and the consent policy table's parser
 * (core/consent.c, data/consent_policy.csv): the same bytes go to both.
 * What either accepts must hold its promises: a known action, source and
 * purpose, a period that passes consent_period_check, a well-formed id. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/consent.h"
#include "core/date.h"
#include "web/consent_request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct consent_request r;
    struct consent_policy p;
    struct err e;
    char msg[320];
    int32_t today;
    int rc;

    date_from_ymd(2026, 12, 6, &today);
    rc = consent_request_parse((const char *)data, size, today, &r, msg, sizeof msg);
    if (rc != CONSENT_REQUEST_OK) {
        if (msg[0] == '\0' || strlen(msg) >= sizeof msg)
            abort();
    } else if (r.action == CONSENT_REVOKE) {
        if (!consent_id_valid(r.consent_id))
            abort();
    } else {
        if (r.source < 0 || r.source >= CONSENT_SOURCES || r.purpose < 0
            || r.purpose >= CONSENT_PURPOSES)
            abort();
        if (r.action == CONSENT_GRANT
            && (r.valid_from < today || consent_period_check(r.valid_from, r.valid_to, &e) != 0))
            abort();
    }
    if (consent_policy_parse((const char *)data, size, "fuzz", &p, &e) != 0 && e.msg[0] == '\0')
        abort();
    return 0;
}
