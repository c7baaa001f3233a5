/* consent_request.h: a change to an enterprise's consents, as the API's
 * JSON body (POST /api/v1/enterprises/{id}/consents) or the consent
 * page's form fields give it (docs/consent.md). Kept apart from the
 * handlers so it can be fuzzed (fuzz/fuzz_consent_request.c).
 *
 *   {"action": "grant", "source": S, "purpose": P,
 *    "valid_from"?: DATE (default today), "valid_to"?: DATE (default a year on)}
 *   {"action": "revoke", "consent_id": "CA-0123456789abcdef"}
 *   {"action": "withdraw", "source": S, "purpose": P}
 *
 * Unknown keys, duplicate keys, wrong types and fields the action does not
 * take are refused, each naming the field. */
#ifndef SAMANVAY_CONSENT_REQUEST_H
#define SAMANVAY_CONSENT_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/consent.h"

enum consent_action { CONSENT_GRANT = 0, CONSENT_REVOKE, CONSENT_WITHDRAW };

/* A default grant runs a year: long enough not to nag, short enough that
 * the enterprise is asked again (the AA's artefacts also expire). */
#define CONSENT_DEFAULT_DAYS 365

struct consent_request {
    enum consent_action action;
    enum consent_source source;
    enum consent_purpose purpose;
    int32_t valid_from, valid_to;
    char consent_id[CONSENT_ID_LEN];
};

enum { CONSENT_REQUEST_OK = 0, CONSENT_REQUEST_BAD_JSON = 1, CONSENT_REQUEST_BAD_FIELD = 2 };

/* Parse body[0..len). Returns CONSENT_REQUEST_OK, or a failure with msg
 * naming the field (or the JSON error's line and column). */
int consent_request_parse(const char *body, size_t len, int32_t today,
                          struct consent_request *out, char *msg, size_t cap);
/* A consent id as issued: "CA-" and 16 lower-case hex digits. */
bool consent_id_valid(const char *s);
/* The period of a grant from its text fields ("" for the defaults): dates
 * that parse, from no earlier than today, and consent_period_check. 0, or
 * -1 with msg. */
int consent_request_period(const char *from, const char *to, int32_t today,
                           struct consent_request *out, char *msg, size_t cap);

#endif
