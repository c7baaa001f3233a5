/* msmed_request.h: the body of POST /api/v1/msmed/interest, and the
 * calculator form's fields, read into an invoice for calendar/msmed.h.
 * Kept apart from the handler so it can be fuzzed (fuzz/fuzz_msmed_body.c).
 *
 *   {"amount": RUPEES, "invoice_date": DATE, "acceptance_date"?: DATE,
 *    "agreed_days"?: INT|null, "as_of"?: DATE (default today),
 *    "payments"?: [{"date": DATE, "amount": RUPEES}, ...],
 *    "buyer_fy_end"?: DATE (31 March), "buyer_paid_on"?: DATE}
 *
 * Unknown keys, duplicate keys and wrong types are refused, each naming
 * the field. */
#ifndef SAMANVAY_MSMED_REQUEST_H
#define SAMANVAY_MSMED_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/msmed.h"

#define MSMED_REQUEST_PAYMENTS_MAX 24
#define MSMED_REQUEST_SPAN_YEARS 30    /* as_of at most this long after the invoice */
#define MSMED_AGREED_DAYS_MAX 3650     /* an agreement beyond ten years is a typing error */

enum { MSMED_REQUEST_OK = 0, MSMED_REQUEST_BAD_JSON = 1, MSMED_REQUEST_BAD_FIELD = 2 };

struct msmed_request {
    struct msmed_invoice inv;          /* inv.payments points into payments[] */
    struct msmed_payment payments[MSMED_REQUEST_PAYMENTS_MAX];
    int32_t as_of;
    bool want_43bh;                    /* buyer_fy_end was given */
    int32_t fy_end;
    int32_t paid_on;                   /* DATE_UNKNOWN: unpaid */
};

/* Parse body[0..len). Returns MSMED_REQUEST_OK, or a failure with msg
 * naming the field (or the JSON error's line and column). */
int msmed_request_parse(const char *body, size_t len, int32_t today, struct msmed_request *rq,
                        char *msg, size_t cap);
/* The agreed days as a form gives them: 1 to 4 digits, at most
 * MSMED_AGREED_DAYS_MAX. */
bool msmed_parse_agreed_days(const char *s, int *out);
/* Checks that need no JSON, shared with the calculator form: dates in
 * order and within the span. 0, or -1 with msg. */
int msmed_request_check(struct msmed_request *rq, char *msg, size_t cap);

#endif
