/* api_payment_claims.c: GET /api/v1/enterprises/{id}/payment-claims, one
 * stored enterprise's delayed-payment claims, each with its part payments,
 * its MSMED s.15 term and s.16 interest as of today (msmed_json.h) and its
 * referral to the Facilitation Council, read under the same scope and
 * audit as GET /api/v1/enterprises/{id} (enterprise_access.c). */
#include "calendar/msmed_json.h"
#include "core/date.h"
#include "core/money.h"
#include "web/enterprise_access.h"
#include "web/msmed_calc.h"
#include "web/request.h"
#include "web/routes.h"

struct claims_ctx {
    struct web_request *rq;
    json_t *list;
    struct err *e;
    int fault;
};

static json_t *day_json(int32_t d)
{
    char s[DATE_STR_LEN];

    if (d == DATE_UNKNOWN)
        return json_null();
    date_format(d, s);
    return json_string(s);
}

static json_t *str_or_null(const char *s)
{
    return *s ? json_string(s) : json_null();
}

static json_t *receipts_json(const struct msmed_request *in)
{
    json_t *a = json_array();

    for (size_t i = 0; a != NULL && i < in->inv.n_payments; i++) {
        json_t *r = json_pack("{s:o, s:o}", "date", day_json(in->payments[i].date), "amount",
                              money_to_json(in->payments[i].amount));
        if (r == NULL || json_array_append_new(a, r) != 0) {
            json_decref(a);   /* a receipt left out would understate what was paid */
            return NULL;
        }
    }
    return a;
}

/* The engine's answer, or {"error": "..."} when it cannot compute (a date
 * before the Bank Rate table): one bad claim does not hide the others. */
static json_t *computed_json(struct claims_ctx *x, const struct msmed_request *in)
{
    struct msmed_calc calc;
    struct err why;
    json_t *j;

    if (msmed_calc_run(x->rq->app, in, &calc, &why) != 0)
        return json_pack("{s:s}", "error", why.msg);
    j = msmed_calc_json(&calc, in->as_of);
    msmed_calc_free(&calc);
    return j;
}

static int add_claim(void *ctx, const struct payment_claim_row *c)
{
    struct claims_ctx *x = ctx;
    struct msmed_request in;
    json_t *j;

    if (msmed_calc_claim_request(x->rq->store, c, x->rq->today, &in, x->e) != 0) {
        x->fault = 1;
        return 1;
    }
    j = json_pack("{s:I, s:s, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o}",
                  "id", (json_int_t)c->id, "buyer", c->buyer, "buyer_pan", str_or_null(c->buyer_pan),
                  "buyer_gstin", str_or_null(c->buyer_gstin), "buyer_state",
                  str_or_null(c->buyer_state), "invoice_no", c->invoice_no, "amount",
                  money_to_json(c->amount_paise), "invoice_date", day_json(in.inv.invoice_date),
                  "accepted_on", day_json(c->accepted_on), "agreed_days",
                  c->agreed ? json_integer(c->agreed_days) : json_null(), "filed_on",
                  day_json(c->filed_on), "state", c->state, "msefc_grievance_id",
                  c->msefc_grievance_id > 0 ? json_integer(c->msefc_grievance_id) : json_null(),
                  "receipts", receipts_json(&in), "computed", computed_json(x, &in), "as_of",
                  day_json(x->rq->today));
    if (j == NULL || json_array_append_new(x->list, j) != 0) {
        x->fault = 1;
        err_set(x->e, "payment claims: out of memory");
        return 1;
    }
    return 0;
}

int api_enterprise_payment_claims(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct claims_ctx x = {rq, NULL, e, 0};
    struct enterprise ent;
    json_t *root;
    int rc;

    rc = enterprise_access_load(rq, rs, "enterprise.payment_claims", &ent, e);
    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    if ((x.list = json_array()) == NULL)
        return err_set(e, "payment claims: out of memory");
    if (store_payment_claims_of_enterprise(rq->store, ent.id, add_claim, &x, e) != 0 || x.fault) {
        json_decref(x.list);
        return -1;
    }
    root = json_pack("{s:I, s:o, s:o}", "enterprise_id", (json_int_t)ent.id, "today",
                     day_json(rq->today), "claims", x.list);
    if (root == NULL || web_response_json(rs, 200, root) != 0)
        return err_set(e, "payment claims: out of memory");
    return 0;
}
