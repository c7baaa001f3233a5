/* msmed_request.c: reading the delayed-payment calculator's input. Every
 * fault names the field, so a client can fix it without guessing. */
#include "web/msmed_request.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "web/json_body.h"

static const char *const known_fields[] = {
    "amount", "invoice_date", "acceptance_date", "agreed_days", "as_of", "payments",
    "buyer_fy_end", "buyer_paid_on",
};
#define N_KNOWN (sizeof known_fields / sizeof known_fields[0])

struct fault {
    char msg[256];
};

static int fault(struct fault *f, const char *field, const char *what)
{
    snprintf(f->msg, sizeof f->msg, "field '%s' %s", field, what);
    return -1;
}

/* Rupees (integer or at most two decimals), above zero. */
static int read_rupees(const json_t *v, const char *field, int64_t *paise, struct fault *f)
{
    struct err e;

    if (json_is_integer(v)) {
        json_int_t r = json_integer_value(v);
        if (r <= 0)
            return fault(f, field, "must be above zero");
        if (r > MONEY_INPUT_MAX / PAISE_PER_RUPEE)
            return fault(f, field, "is too large");
        *paise = (int64_t)r * PAISE_PER_RUPEE;
        return 0;
    }
    if (!json_is_real(v))
        return fault(f, field, "must be a number of rupees, like 100000 or 1234.50");
    if (!(json_real_value(v) > 0))
        return fault(f, field, "must be above zero");
    if (money_from_rupees(json_real_value(v), paise, &e) != 0)
        return fault(f, field, e.msg);
    return *paise > 0 ? 0 : fault(f, field, "must be above zero");
}

/* A date string; an absent key (or null when `nullable`) leaves *out alone. */
static int read_date(const json_t *v, const char *field, bool nullable, int32_t *out,
                     struct fault *f)
{
    struct err e;

    if (v == NULL || (nullable && json_is_null(v)))
        return 0;
    if (!json_is_string(v))
        return fault(f, field, "must be a date string, YYYY-MM-DD");
    if (date_parse(json_string_value(v), json_string_length(v), out, &e) != 0)
        return fault(f, field, e.msg);
    return 0;
}

static int read_agreed(const json_t *v, int *days, struct fault *f)
{
    *days = MSMED_NO_AGREEMENT;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_integer(v))
        return fault(f, "agreed_days", "must be a whole number of days, or null when nothing "
                                       "was agreed in writing");
    if (json_integer_value(v) < 0 || json_integer_value(v) > MSMED_AGREED_DAYS_MAX)
        return fault(f, "agreed_days", "must be 0 to 3650");
    *days = (int)json_integer_value(v);
    return 0;
}

static int read_payments(const json_t *v, struct msmed_request *rq, struct fault *f)
{
    size_t i;
    json_t *p;
    char name[48];

    if (v == NULL)
        return 0;
    if (!json_is_array(v))
        return fault(f, "payments", "must be an array of {\"date\", \"amount\"}");
    if (json_array_size(v) > MSMED_REQUEST_PAYMENTS_MAX)
        return fault(f, "payments", "has more than 24 payments");
    json_array_foreach(v, i, p) {
        const char *key;
        json_t *x;
        snprintf(name, sizeof name, "payments[%zu]", i);
        if (!json_is_object(p))
            return fault(f, name, "must be an object {\"date\", \"amount\"}");
        json_object_foreach(p, key, x)
            if (strcmp(key, "date") != 0 && strcmp(key, "amount") != 0)
                return fault(f, name, "has an unknown key (expected date, amount)");
        rq->payments[i].date = DATE_UNKNOWN;
        snprintf(name, sizeof name, "payments[%zu].date", i);
        if (read_date(json_object_get(p, "date"), name, false, &rq->payments[i].date, f) != 0)
            return -1;
        if (rq->payments[i].date == DATE_UNKNOWN)
            return fault(f, name, "is required");
        snprintf(name, sizeof name, "payments[%zu].amount", i);
        if (json_object_get(p, "amount") == NULL)
            return fault(f, name, "is required");
        if (read_rupees(json_object_get(p, "amount"), name, &rq->payments[i].amount, f) != 0)
            return -1;
    }
    rq->inv.n_payments = json_array_size(v);
    return 0;
}

static int read_input(const json_t *root, struct msmed_request *rq, struct fault *f)
{
    const json_t *amount = json_object_get(root, "amount");
    int32_t fy_end = DATE_UNKNOWN;

    if (json_body_check(root, known_fields, N_KNOWN, f->msg, sizeof f->msg) != 0)
        return -1;
    if (amount == NULL)
        return fault(f, "amount", "is required (rupees)");
    if (read_rupees(amount, "amount", &rq->inv.amount, f) != 0
        || read_date(json_object_get(root, "invoice_date"), "invoice_date", false,
                     &rq->inv.invoice_date, f) != 0
        || read_date(json_object_get(root, "acceptance_date"), "acceptance_date", true,
                     &rq->inv.acceptance_date, f) != 0
        || read_agreed(json_object_get(root, "agreed_days"), &rq->inv.agreed_days, f) != 0
        || read_date(json_object_get(root, "as_of"), "as_of", false, &rq->as_of, f) != 0
        || read_payments(json_object_get(root, "payments"), rq, f) != 0
        || read_date(json_object_get(root, "buyer_fy_end"), "buyer_fy_end", true, &fy_end, f) != 0
        || read_date(json_object_get(root, "buyer_paid_on"), "buyer_paid_on", true, &rq->paid_on,
                     f) != 0)
        return -1;
    if (rq->inv.invoice_date == DATE_UNKNOWN)
        return fault(f, "invoice_date", "is required (YYYY-MM-DD)");
    rq->want_43bh = fy_end != DATE_UNKNOWN;
    rq->fy_end = fy_end;
    return 0;
}

static void request_init(struct msmed_request *rq, int32_t today)
{
    memset(rq, 0, sizeof *rq);
    rq->inv.invoice_date = DATE_UNKNOWN;
    rq->inv.acceptance_date = DATE_UNKNOWN;
    rq->inv.agreed_days = MSMED_NO_AGREEMENT;
    rq->inv.payments = rq->payments;
    rq->as_of = today;
    rq->fy_end = DATE_UNKNOWN;
    rq->paid_on = DATE_UNKNOWN;
}

int msmed_request_check(struct msmed_request *rq, char *msg, size_t cap)
{
    const struct msmed_invoice *inv = &rq->inv;

    rq->inv.payments = rq->payments;
    if (inv->acceptance_date != DATE_UNKNOWN && inv->acceptance_date < inv->invoice_date) {
        snprintf(msg, cap, "field 'acceptance_date' is before the invoice date");
        return -1;
    }
    if (rq->as_of < inv->invoice_date) {
        snprintf(msg, cap, "field 'as_of' is before the invoice date");
        return -1;
    }
    if (rq->as_of > date_add_months(inv->invoice_date, 12 * MSMED_REQUEST_SPAN_YEARS)) {
        snprintf(msg, cap, "field 'as_of' is more than %d years after the invoice",
                 MSMED_REQUEST_SPAN_YEARS);
        return -1;
    }
    for (size_t i = 0; i < inv->n_payments; i++)
        if (rq->payments[i].date < inv->invoice_date) {
            snprintf(msg, cap, "field 'payments[%zu].date' is before the invoice date", i);
            return -1;
        }
    return 0;
}

int msmed_request_parse(const char *body, size_t len, int32_t today, struct msmed_request *rq,
                        char *msg, size_t cap)
{
    struct fault f;
    json_t *root = json_body_load(body, len, msg, cap);
    int rc;

    request_init(rq, today);
    if (root == NULL)
        return MSMED_REQUEST_BAD_JSON;
    rc = read_input(root, rq, &f);
    json_decref(root);
    if (rc != 0) {
        snprintf(msg, cap, "%s", f.msg);
        return MSMED_REQUEST_BAD_FIELD;
    }
    if (msmed_request_check(rq, msg, cap) != 0)
        return MSMED_REQUEST_BAD_FIELD;
    return MSMED_REQUEST_OK;
}

bool msmed_parse_agreed_days(const char *s, int *out)
{
    int n = 0;

    if (*s == '\0' || strlen(s) > 4)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        n = n * 10 + (*s - '0');
    }
    *out = n;
    return n <= MSMED_AGREED_DAYS_MAX;
}
