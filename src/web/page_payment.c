/* page_payment.c: GET /payments/new and POST /payments, a delayed-payment
 * claim: a buyer who has not paid within 45 days of accepting the goods or
 * services (MSMED Act 2006, section 15). It then shows on the dashboard
 * with its due date, and a grievance can be raised about it. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "store/store_grievance.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/routes.h"

struct claim_form {
    char buyer[256], invoice[64], amount[32], accepted[16];
    const char *error;
};

static int put_form(struct buf *b, struct web_request *rq, const struct claim_form *f)
{
    if (buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n", _("Record a delayed payment"),
                   _("A buyer must pay within 45 days of accepting your goods or services. "
                     "Record a payment that is late or coming due.")))
        return -1;
    if (f->error && (buf_puts(b, "<p class=\"error\" role=\"alert\">") || buf_put_html(b, f->error)
                     || buf_puts(b, "</p>\n")))
        return -1;
    return buf_puts(b, "<form method=\"post\" action=\"/payments\">\n") || html_put_csrf(b, rq)
           || html_input(b, "buyer", _("Buyer's name"), "text", f->buyer, NULL, NULL, true)
           || html_input(b, "invoice", _("Invoice number"), "text", f->invoice, NULL, NULL, true)
           || html_input(b, "amount", _("Amount owed"), "text", f->amount,
                         html_rupee_hint(), NULL, true)
           || html_input(b, "accepted", _("Date the buyer accepted the goods or services"), "text",
                         f->accepted, _("As year-month-day, for example 2024-04-01."), NULL, true)
           || buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Save"))
               ? -1 : 0;
}

static int page(struct web_request *rq, struct web_response *rs, const struct claim_form *f,
                int status, struct err *e)
{
    if (html_begin(rs, rq, _("Record a delayed payment")) || put_form(&rs->body, rq, f)
        || html_end(rs, rq))
        return err_set(e, "out of memory");
    rs->status = status;
    return 0;
}

int page_payment_new(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct claim_form f = {0};

    return page(rq, rs, &f, 200, e);
}

int page_payment_file(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct claim_form f = {0};
    struct payment_claim_row c = {0};
    struct err why;

#define GET(x) if (form_get(rq->body, rq->body_len, #x, f.x, sizeof f.x) != 0) f.x[0] = '\0'
    GET(buyer);
    GET(invoice);
    GET(amount);
    GET(accepted);
#undef GET
    if (rq->session->user.enterprise_id <= 0)
        f.error = _("Link your enterprise to this account first.");
    else if (strlen(f.buyer) < 2 || f.invoice[0] == '\0')
        f.error = _("Give the buyer's name and the invoice number.");
    else if (money_parse(f.amount, strlen(f.amount), false, &c.amount_paise, &why) != 0 || c.amount_paise <= 0)
        f.error = _("Give the amount in rupees, digits only.");
    else if (date_parse(f.accepted, strlen(f.accepted), &c.accepted_on, &why) != 0 || c.accepted_on > rq->today)
        f.error = _("Give the date of acceptance as year-month-day, not in the future.");
    if (f.error != NULL)
        return page(rq, rs, &f, 422, e);
    c.enterprise_id = rq->session->user.enterprise_id;
    c.user_id = rq->session->user.id;
    c.filed_on = rq->today;
    snprintf(c.buyer, sizeof c.buyer, "%s", f.buyer);
    snprintf(c.invoice_no, sizeof c.invoice_no, "%s", f.invoice);
    snprintf(c.state, sizeof c.state, "filed");
    if (store_payment_claim_add(rq->store, &c, e) != 0)
        return -1;
    return web_response_redirect(rs, "/dashboard") == 0 ? 0 : err_set(e, "redirect");
}
