/* page_payment.c: GET /payments/new and POST /payments, a delayed-payment
 * claim: a buyer who has not paid a micro or small enterprise on time
 * (MSMED Act 2006, section 15). The form asks what the interest engine
 * needs (calendar/msmed.h): the invoice date and amount, the acceptance
 * date, the days agreed in writing (none: 15 days), the buyer's ids and
 * state, and part payments received. The claim then shows on /payments
 * with its interest as of today, and can be referred to the Facilitation
 * Council (page_payment_list.c). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/ident.h"
#include "core/money.h"
#include "store/store_grievance.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/msmed_request.h"
#include "web/routes.h"

#define FORM_RECEIPTS 3   /* part payments the form offers */

struct claim_form {
    char buyer[256], invoice[64], amount[32], invoice_date[16], accepted[16], agreed[8];
    char buyer_pan[16], buyer_gstin[24], buyer_state[4];
    char paid_on[FORM_RECEIPTS][16], paid_amount[FORM_RECEIPTS][32];
    const char *error;
};

static int put_receipts(struct buf *b, const struct claim_form *f)
{
    if (buf_printf(b, "<fieldset><legend>%s</legend>\n", _("Part payments received (optional)")))
        return -1;
    for (int i = 0; i < FORM_RECEIPTS; i++) {
        char n1[16], n2[16], l1[96], l2[96];
        snprintf(n1, sizeof n1, "paid_on_%d", i + 1);
        snprintf(n2, sizeof n2, "paid_amount_%d", i + 1);
        snprintf(l1, sizeof l1, "%s %d", _("Date of payment"), i + 1);
        snprintf(l2, sizeof l2, "%s %d", _("Amount of payment"), i + 1);
        if (html_input(b, n1, l1, "text", f->paid_on[i], NULL, NULL, false)
            || html_input(b, n2, l2, "text", f->paid_amount[i], NULL, NULL, false))
            return -1;
    }
    return buf_puts(b, "</fieldset>\n");
}

static int put_form(struct buf *b, struct web_request *rq, const struct claim_form *f)
{
    const char *date_hint = _("As year-month-day, for example 2024-04-01.");

    if (buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n", _("Record a delayed payment"),
                   _("A buyer must pay within 45 days of accepting your goods or services. "
                     "Record a payment that is late or coming due.")))
        return -1;
    if (f->error && (buf_puts(b, "<p class=\"error\" role=\"alert\">") || buf_put_html(b, f->error)
                     || buf_puts(b, "</p>\n")))
        return -1;
    return buf_puts(b, "<form method=\"post\" action=\"/payments\">\n") || html_put_csrf(b, rq)
           || html_input(b, "buyer", _("Buyer's name"), "text", f->buyer, NULL, NULL, true)
           || html_input(b, "buyer_pan", _("Buyer's PAN (optional)"), "text", f->buyer_pan, NULL, NULL, false)
           || html_input(b, "buyer_gstin", _("Buyer's GSTIN (optional)"), "text", f->buyer_gstin, NULL, NULL, false)
           || html_input(b, "buyer_state", _("Buyer's state code (optional)"), "text", f->buyer_state,
                         _("The two-digit GST state code, for example 27 for Maharashtra."), NULL, false)
           || html_input(b, "invoice", _("Invoice number"), "text", f->invoice, NULL, NULL, true)
           || html_input(b, "amount", _("Amount owed"), "text", f->amount,
                         html_rupee_hint(), NULL, true)
           || html_input(b, "invoice_date", _("Invoice date"), "text", f->invoice_date, date_hint, NULL, true)
           || html_input(b, "accepted", _("Date the buyer accepted the goods or services (optional)"), "text",
                         f->accepted, _("Leave empty if it is the invoice date."), NULL, false)
           || html_input(b, "agreed", _("Days to pay agreed in writing (optional)"), "text",
                         f->agreed, _("Leave empty if nothing was agreed in writing."), NULL, false)
           || put_receipts(b, f)
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

/* Read every field; false when one is too long for its box, malformed, or
 * not plain text (a cut-off "45 days" must not become "nothing agreed"). */
static bool read_form(const struct web_request *rq, struct claim_form *f)
{
    bool ok = true;

#define GET(x) ok &= form_text(rq->body, rq->body_len, #x, f->x, sizeof f->x) != FORM_BAD
    GET(buyer);
    GET(invoice);
    GET(amount);
    GET(invoice_date);
    GET(accepted);
    GET(agreed);
    GET(buyer_pan);
    GET(buyer_gstin);
    GET(buyer_state);
#undef GET
    for (int i = 0; i < FORM_RECEIPTS; i++) {
        char n[16];
        snprintf(n, sizeof n, "paid_on_%d", i + 1);
        ok &= form_text(rq->body, rq->body_len, n, f->paid_on[i], sizeof f->paid_on[i]) != FORM_BAD;
        snprintf(n, sizeof n, "paid_amount_%d", i + 1);
        ok &= form_text(rq->body, rq->body_len, n, f->paid_amount[i], sizeof f->paid_amount[i])
              != FORM_BAD;
    }
    return ok;
}

static bool state_ok(const char *s)
{
    return strlen(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
           && gstin_state_code_ok((s[0] - '0') * 10 + (s[1] - '0'));
}

/* The buyer and the invoice; NULL or the reader's message. */
static const char *check_invoice(const struct web_request *rq, const struct claim_form *f,
                                 struct payment_claim_row *c)
{
    const char *inv = f->invoice_date;
    struct err why;

    if (strlen(f->buyer) < 2 || f->invoice[0] == '\0')
        return _("Give the buyer's name and the invoice number.");
    if (*f->buyer_pan && !pan_validate(f->buyer_pan, strlen(f->buyer_pan), NULL))
        return _("The buyer's PAN is not valid: ten characters, like ABCDE1234F.");
    if (*f->buyer_gstin && !gstin_validate(f->buyer_gstin, strlen(f->buyer_gstin), NULL))
        return _("The buyer's GSTIN is not valid: fifteen characters with a check digit.");
    if (*f->buyer_state && !state_ok(f->buyer_state))
        return _("Give the buyer's state as its two-digit GST code, or leave it empty.");
    if (money_parse(f->amount, strlen(f->amount), false, &c->amount_paise, &why) != 0 || c->amount_paise <= 0)
        return _("Give the amount in rupees, digits only.");
    /* A form of before the invoice date was asked gave only the acceptance date. */
    if (*f->invoice_date == '\0')
        inv = f->accepted;
    if (date_parse(inv, strlen(inv), &c->invoice_date, &why) != 0
        || c->invoice_date > rq->today)
        return _("Give the invoice date as year-month-day, not in the future.");
    c->accepted_on = c->invoice_date;
    if (*f->accepted && (date_parse(f->accepted, strlen(f->accepted), &c->accepted_on, &why) != 0
                         || c->accepted_on > rq->today || c->accepted_on < c->invoice_date))
        return _("Give the date of acceptance as year-month-day, not before the invoice and not in the future.");
    c->agreed = *f->agreed != '\0';
    if (c->agreed && !msmed_parse_agreed_days(f->agreed, &c->agreed_days))
        return _("Give the agreed days as a whole number, or leave it empty.");
    return NULL;
}

static const char *check_receipts(const struct claim_form *f, const struct payment_claim_row *c,
                                  int32_t today, struct payment_receipt_row *r, size_t *n)
{
    struct err why;

    *n = 0;
    for (int i = 0; i < FORM_RECEIPTS; i++) {
        if (*f->paid_on[i] == '\0' && *f->paid_amount[i] == '\0')
            continue;
        if (date_parse(f->paid_on[i], strlen(f->paid_on[i]), &r[*n].received_on, &why) != 0
            || money_parse(f->paid_amount[i], strlen(f->paid_amount[i]), false,
                           &r[*n].amount_paise, &why) != 0
            || r[*n].amount_paise <= 0 || r[*n].received_on < c->invoice_date
            || r[*n].received_on > today)
            return _("Give each part payment's date and amount, or leave both empty.");
        (*n)++;
    }
    return NULL;
}

/* The claim and its receipts in one transaction. */
static int save(struct store *s, struct payment_claim_row *c, struct payment_receipt_row *r,
                size_t n, struct err *e)
{
    if (store_begin(s, e) != 0)
        return -1;
    if (store_payment_claim_add(s, c, e) != 0)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        r[i].claim_id = c->id;
        if (store_payment_receipt_add(s, &r[i], e) != 0)
            goto fail;
    }
    if (store_commit(s, e) == 0)
        return 0;
fail:
    store_rollback(s);
    return -1;
}

int page_payment_file(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct claim_form f = {0};
    struct payment_claim_row c = {0};
    struct payment_receipt_row r[FORM_RECEIPTS] = {{0}};
    size_t n = 0;

    if (!read_form(rq, &f))
        f.error = _("An entry is too long, or holds characters that are not text. Check each box.");
    else if (rq->session->user.enterprise_id <= 0)
        f.error = _("Link your enterprise to this account first.");
    else if ((f.error = check_invoice(rq, &f, &c)) == NULL)
        f.error = check_receipts(&f, &c, rq->today, r, &n);
    if (f.error != NULL)
        return page(rq, rs, &f, 422, e);
    c.enterprise_id = rq->session->user.enterprise_id;
    c.user_id = rq->session->user.id;
    c.filed_on = rq->today;
    snprintf(c.buyer, sizeof c.buyer, "%s", f.buyer);
    snprintf(c.invoice_no, sizeof c.invoice_no, "%s", f.invoice);
    snprintf(c.buyer_pan, sizeof c.buyer_pan, "%s", f.buyer_pan);
    snprintf(c.buyer_gstin, sizeof c.buyer_gstin, "%s", f.buyer_gstin);
    snprintf(c.buyer_state, sizeof c.buyer_state, "%s", f.buyer_state);
    snprintf(c.state, sizeof c.state, "filed");
    if (save(rq->store, &c, r, n, e) != 0)
        return -1;
    return web_response_redirect(rs, "/payments") == 0 ? 0 : err_set(e, "redirect");
}
