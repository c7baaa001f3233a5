/* page_payment_calculator.c: GET /payments/calculator, the delayed-payment
 * calculator for anyone, signed in or not (MSMED Act 2006 ss.15-16, and
 * the buyer's side of Income-tax Act s.43B(h)).
 *
 * A GET form, so it works without JavaScript and a result can be
 * bookmarked or shared; nothing is stored. The same engine and input
 * checks as POST /api/v1/msmed/interest (msmed_request.c, msmed_calc.c).
 * A form that cannot be computed is answered 422 with the reason. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/msmed_calc.h"
#include "web/msmed_html.h"
#include "web/msmed_request.h"
#include "web/routes.h"

#define CALC_PAYMENTS 3   /* part payments the form offers */

struct calc_form {
    const char *amount, *invoice_date, *acceptance_date, *agreed_days, *as_of, *fy_end,
        *buyer_paid_on;
    const char *paid_on[CALC_PAYMENTS], *paid_amount[CALC_PAYMENTS];
};

static const char *q(const struct web_request *rq, const char *name)
{
    const char *v = web_query(rq, name);
    return v != NULL ? v : "";
}

static void read_form(const struct web_request *rq, struct calc_form *f)
{
    static const char *const on[CALC_PAYMENTS] = {"paid_on_1", "paid_on_2", "paid_on_3"};
    static const char *const amt[CALC_PAYMENTS] = {"paid_amount_1", "paid_amount_2",
                                                   "paid_amount_3"};

    f->amount = q(rq, "amount");
    f->invoice_date = q(rq, "invoice_date");
    f->acceptance_date = q(rq, "acceptance_date");
    f->agreed_days = q(rq, "agreed_days");
    f->as_of = q(rq, "as_of");
    f->fy_end = q(rq, "fy_end");
    f->buyer_paid_on = q(rq, "buyer_paid_on");
    for (int i = 0; i < CALC_PAYMENTS; i++) {
        f->paid_on[i] = q(rq, on[i]);
        f->paid_amount[i] = q(rq, amt[i]);
    }
}

/* An optional date field: empty leaves *out alone. */
static bool opt_date(const char *s, int32_t *out)
{
    struct err why;

    return *s == '\0' || date_parse(s, strlen(s), out, &why) == 0;
}

/* The form into an engine request; NULL, or the message for the reader. */
static const char *to_request(const struct web_request *rq, const struct calc_form *f,
                              struct msmed_request *in, char *msg, size_t cap)
{
    struct err why;

    memset(in, 0, sizeof *in);
    in->inv.acceptance_date = in->fy_end = in->paid_on = DATE_UNKNOWN;
    in->inv.agreed_days = MSMED_NO_AGREEMENT;
    in->as_of = rq->today;
    if (money_parse(f->amount, strlen(f->amount), false, &in->inv.amount, &why) != 0
        || in->inv.amount <= 0)
        return _("Give the invoice amount in rupees, above zero.");
    if (date_parse(f->invoice_date, strlen(f->invoice_date), &in->inv.invoice_date, &why) != 0)
        return _("Give the invoice date as year-month-day, for example 2024-04-01.");
    if (!opt_date(f->acceptance_date, &in->inv.acceptance_date) || !opt_date(f->as_of, &in->as_of)
        || !opt_date(f->fy_end, &in->fy_end) || !opt_date(f->buyer_paid_on, &in->paid_on))
        return _("Give every date as year-month-day, for example 2024-04-01.");
    if (*f->agreed_days && !msmed_parse_agreed_days(f->agreed_days, &in->inv.agreed_days))
        return _("Give the agreed days as a whole number, or leave it empty.");
    for (int i = 0; i < CALC_PAYMENTS; i++) {
        struct msmed_payment *p = &in->payments[in->inv.n_payments];
        if (*f->paid_on[i] == '\0' && *f->paid_amount[i] == '\0')
            continue;
        if (date_parse(f->paid_on[i], strlen(f->paid_on[i]), &p->date, &why) != 0
            || money_parse(f->paid_amount[i], strlen(f->paid_amount[i]), false, &p->amount, &why) != 0
            || p->amount <= 0)
            return _("Give each part payment's date and amount, or leave both empty.");
        in->inv.n_payments++;
    }
    in->want_43bh = in->fy_end != DATE_UNKNOWN;
    if (msmed_request_check(in, msg, cap) != 0)
        return msg;
    return NULL;
}

static int put_explanation(struct buf *b)
{
    return buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n<p>%s</p>\n<p>%s</p>\n",
                      _("What the law says"),
                      _("Section 15 of the MSMED Act: a buyer must pay a micro or small enterprise "
                        "by the day agreed in writing, and that day can be at most 45 days after "
                        "the buyer accepted the goods or services. With nothing agreed, the buyer "
                        "must pay within 15 days."),
                      _("Section 16: if the buyer pays late, the buyer owes interest at three times "
                        "the Bank Rate of the Reserve Bank, compounded every month, whatever the "
                        "contract says. Each month's interest is added to what is owed, and bears "
                        "interest from then on."),
                      _("A part payment first clears the interest, then the invoice amount. "
                        "The Facilitation Council of your state (section 18) can decide a dispute; "
                        "an enterprise signed in here can refer a claim to it."));
}

static int put_form(struct buf *b, const struct calc_form *f)
{
    static const char *const on[CALC_PAYMENTS] = {"paid_on_1", "paid_on_2", "paid_on_3"};
    static const char *const amt[CALC_PAYMENTS] = {"paid_amount_1", "paid_amount_2",
                                                   "paid_amount_3"};
    const char *date_hint = _("As year-month-day, for example 2024-04-01.");

    if (buf_puts(b, "<form method=\"get\" action=\"/payments/calculator\">\n")
        || html_input(b, "amount", _("Invoice amount"), "text", f->amount, html_rupee_hint(), NULL, true)
        || html_input(b, "invoice_date", _("Invoice date"), "text", f->invoice_date, date_hint, NULL, true)
        || html_input(b, "acceptance_date", _("Date the buyer accepted the goods or services (optional)"),
                      "text", f->acceptance_date, _("Leave empty if it is the invoice date."), NULL, false)
        || html_input(b, "agreed_days", _("Days to pay agreed in writing (optional)"), "text",
                      f->agreed_days, _("Leave empty if nothing was agreed in writing."), NULL, false)
        || html_input(b, "as_of", _("Work out the amount as of (optional)"), "text", f->as_of,
                      _("Leave empty for today."), NULL, false)
        || buf_printf(b, "<fieldset><legend>%s</legend>\n", _("Part payments received (optional)")))
        return -1;
    for (int i = 0; i < CALC_PAYMENTS; i++) {
        char l1[96], l2[96];
        snprintf(l1, sizeof l1, "%s %d", _("Date of payment"), i + 1);
        snprintf(l2, sizeof l2, "%s %d", _("Amount of payment"), i + 1);
        if (html_input(b, on[i], l1, "text", f->paid_on[i], NULL, NULL, false)
            || html_input(b, amt[i], l2, "text", f->paid_amount[i], NULL, NULL, false))
            return -1;
    }
    return buf_printf(b, "</fieldset>\n<fieldset><legend>%s</legend>\n",
                      _("The buyer's income tax, section 43B(h) (optional)"))
           || html_input(b, "fy_end", _("End of the buyer's financial year"), "text", f->fy_end,
                         _("31 March, for example 2024-03-31."), NULL, false)
           || html_input(b, "buyer_paid_on", _("Day the buyer paid in full"), "text",
                         f->buyer_paid_on, _("Leave empty if not paid yet."), NULL, false)
           || buf_printf(b, "</fieldset>\n<button type=\"submit\">%s</button>\n</form>\n",
                         _("Work it out"))
               ? -1 : 0;
}

static int put_result(struct web_request *rq, struct buf *b, const struct calc_form *f, int *status)
{
    struct msmed_request in;
    struct msmed_calc calc;
    struct err why;
    char msg[320];
    const char *bad;

    if (*f->amount == '\0' && *f->invoice_date == '\0')
        return 0;   /* the empty form */
    bad = to_request(rq, f, &in, msg, sizeof msg);
    if (bad == NULL && msmed_calc_run(rq->app, &in, &calc, &why) != 0) {
        snprintf(msg, sizeof msg, "%s", why.msg);
        bad = msg;
    }
    if (bad != NULL) {
        *status = 422;
        return buf_puts(b, "<p class=\"error\" role=\"alert\" id=\"result\">") || buf_put_html(b, bad)
               || buf_puts(b, "</p>\n");
    }
    if (buf_puts(b, "<section id=\"result\" aria-live=\"polite\">\n")
        || msmed_html_summary(b, &calc.result, in.as_of) || msmed_html_schedule(b, &calc.result)
        || (calc.has_43bh && msmed_html_43bh(b, &calc.tax)) || buf_puts(b, "</section>\n")) {
        msmed_calc_free(&calc);
        return -1;
    }
    msmed_calc_free(&calc);
    return 0;
}

int page_payment_calculator(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct calc_form f;
    int status = 200;

    read_form(rq, &f);
    if (html_begin(rs, rq, _("Delayed payment calculator"))
        || buf_printf(&rs->body, "<h1>%s</h1>\n<p>%s</p>\n", _("Delayed payment calculator"),
                      _("How much a buyer owes a micro or small enterprise on a late invoice: the "
                        "due date, the interest month by month, and the total."))
        || put_result(rq, &rs->body, &f, &status) || put_form(&rs->body, &f)
        || put_explanation(&rs->body) || html_end(rs, rq))
        return err_set(e, "out of memory");
    rs->status = status;
    return 0;
}
