/* Fuzz the POST /api/v1/msmed/interest body reader and, when it accepts
 * the body, the MSMED engine (with the built-in Bank Rate table), the
 * s.43B(h) verdict and their JSON answer. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/bank_rate.h"
#include "calendar/msmed.h"
#include "calendar/msmed_json.h"
#include "core/date.h"
#include "web/msmed_request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct bank_rates *rates;
    struct msmed_request in;
    struct msmed_result r;
    struct msmed_43bh t;
    struct err e;
    char msg[320];
    int32_t today;
    int rc;

    if (rates == NULL && bank_rates_load(&rates, &e) != 0)
        abort();
    date_from_ymd(2026, 1, 1, &today);
    rc = msmed_request_parse((const char *)data, size, today, &in, msg, sizeof msg);
    if (rc != MSMED_REQUEST_OK) {
        if (msg[0] == '\0' || strlen(msg) >= sizeof msg)
            abort();
        return 0;
    }
    if (in.inv.amount <= 0 || in.inv.n_payments > MSMED_REQUEST_PAYMENTS_MAX
        || in.as_of < in.inv.invoice_date)
        abort();
    if (msmed_compute(&in.inv, rates, in.as_of, &r, &e) == 0) {
        json_t *j = msmed_result_json(&r, in.as_of);
        if (j == NULL || r.outstanding < 0 || r.interest < 0)
            abort();
        json_decref(j);
        msmed_result_free(&r);
    }
    if (in.want_43bh) {
        struct msmed_43bh_input ti = {in.inv.invoice_date, in.inv.acceptance_date,
                                      in.inv.agreed_days, in.paid_on, in.fy_end};
        if (msmed_43bh(&ti, &t, &e) == 0) {
            json_t *j = msmed_43bh_json(&t);
            if (j == NULL)
                abort();
            json_decref(j);
        }
    }
    return 0;
}
