/* msmed_calc.c: see msmed_calc.h. */
#include "web/msmed_calc.h"

#include <string.h>

#include "calendar/msmed_json.h"
#include "core/date.h"

int msmed_calc_run(const struct web_app *app, const struct msmed_request *in,
                   struct msmed_calc *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    if (msmed_compute(&in->inv, app->bank_rates, in->as_of, &out->result, e) != 0)
        return -1;
    if (in->want_43bh) {
        struct msmed_43bh_input t = {in->inv.invoice_date, in->inv.acceptance_date,
                                     in->inv.agreed_days, in->paid_on, in->fy_end};
        if (msmed_43bh(&t, &out->tax, e) != 0) {
            msmed_result_free(&out->result);
            return -1;
        }
        out->has_43bh = true;
    }
    return 0;
}

void msmed_calc_free(struct msmed_calc *c)
{
    if (c != NULL)
        msmed_result_free(&c->result);
}

json_t *msmed_calc_json(const struct msmed_calc *c, int32_t as_of)
{
    json_t *root = msmed_result_json(&c->result, as_of);

    if (root != NULL && c->has_43bh
        && json_object_set_new(root, "s43bh", msmed_43bh_json(&c->tax)) != 0) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int msmed_calc_claim_request(struct store *s, const struct payment_claim_row *c, int32_t as_of,
                             struct msmed_request *out, struct err *e)
{
    struct payment_receipt_row r[PAYMENT_RECEIPTS_MAX];
    size_t n = 0;

    memset(out, 0, sizeof *out);
    if (store_payment_receipts(s, c->id, r, PAYMENT_RECEIPTS_MAX, &n, e) != 0)
        return -1;
    out->inv.amount = c->amount_paise;
    out->inv.invoice_date = c->invoice_date != DATE_UNKNOWN ? c->invoice_date : c->accepted_on;
    out->inv.acceptance_date = c->accepted_on;
    out->inv.agreed_days = c->agreed ? c->agreed_days : MSMED_NO_AGREEMENT;
    for (size_t i = 0; i < n && i < MSMED_REQUEST_PAYMENTS_MAX; i++) {
        out->payments[i].date = r[i].received_on;
        out->payments[i].amount = r[i].amount_paise;
    }
    out->inv.n_payments = n < MSMED_REQUEST_PAYMENTS_MAX ? n : MSMED_REQUEST_PAYMENTS_MAX;
    out->inv.payments = out->payments;
    out->as_of = as_of;
    out->fy_end = DATE_UNKNOWN;
    out->paid_on = DATE_UNKNOWN;
    return 0;
}
