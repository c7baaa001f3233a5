/* page_payment_list.c: GET /payments, the enterprise's delayed-payment
 * claims each with the interest and amount owed today (MSMED Act ss.15-16,
 * calendar/msmed.c), and POST /payments/{id}/refer, which sends one claim
 * to the Micro and Small Enterprise Facilitation Council (MSEFC, MSMED
 * s.18) of the supplier's state as a grievance of subject 'payment' and
 * category 'msefc'.
 *
 * Only the claim's own enterprise refers it, once: a claim that is not the
 * caller's is 403 whether or not it exists (ids are no oracle); a second
 * referral is 409 (and migration 0011's unique index refuses a race). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "calendar/msmed.h"
#include "core/date.h"
#include "core/money.h"
#include "store/store_grievance.h"
#include "web/html.h"
#include "web/msmed_calc.h"
#include "web/portal.h"
#include "web/routes.h"

#define MSEFC_CATEGORY "msefc"

struct list_ctx {
    struct web_request *rq;
    struct buf *b;
    struct err *e;
    size_t n;
};

static int put_amounts(struct list_ctx *l, const struct payment_claim_row *c)
{
    struct msmed_request in;
    struct msmed_calc calc;
    struct err why;
    char due[DATE_STR_LEN], interest[MONEY_STR_MAX], owed[MONEY_STR_MAX];
    int days_late;

    if (msmed_calc_claim_request(l->rq->store, c, l->rq->today, &in, l->e) != 0)
        return -1;
    if (msmed_calc_run(l->rq->app, &in, &calc, &why) != 0)
        return buf_printf(l->b, "<td colspan=\"4\">%s ", _("Cannot work out the interest:"))
               || buf_put_html(l->b, why.msg) || buf_puts(l->b, "</td>");
    date_format(calc.result.term.due, due);
    money_format_inr(calc.result.interest, interest);
    money_format_inr(calc.result.outstanding, owed);
    days_late = calc.result.days_late;
    msmed_calc_free(&calc);
    return buf_printf(l->b, "<td>%s</td><td>%d</td><td>", due, days_late)
           || buf_put_html(l->b, interest) || buf_puts(l->b, "</td><td>")
           || buf_put_html(l->b, owed) || buf_puts(l->b, "</td>");
}

static int put_refer(struct list_ctx *l, const struct payment_claim_row *c)
{
    if (c->msefc_grievance_id > 0)
        return buf_printf(l->b, "<a href=\"/grievances/%" PRId64 "\">%s #%" PRId64 "</a>",
                          c->msefc_grievance_id, _("Referred to the Council: grievance"),
                          c->msefc_grievance_id);
    return buf_printf(l->b, "<form method=\"post\" action=\"/payments/%" PRId64 "/refer\">", c->id)
           || html_put_csrf(l->b, l->rq)
           || buf_printf(l->b, "<button type=\"submit\">%s</button></form>",
                         _("Refer to the Facilitation Council"));
}

static int put_claim(void *ctx, const struct payment_claim_row *c)
{
    struct list_ctx *l = ctx;
    char amount[MONEY_STR_MAX];

    l->n++;
    money_format_inr(c->amount_paise, amount);
    if (buf_printf(l->b, "<tr id=\"claim-%" PRId64 "\"><th scope=\"row\">", c->id)
        || buf_put_html(l->b, c->buyer) || buf_puts(l->b, "</th><td>")
        || buf_put_html(l->b, c->invoice_no) || buf_puts(l->b, "</td><td>")
        || buf_put_html(l->b, amount) || buf_puts(l->b, "</td>") || put_amounts(l, c)
        || buf_puts(l->b, "<td>") || put_refer(l, c) || buf_puts(l->b, "</td></tr>\n"))
        return -1;
    return 0;
}

int page_payments(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct list_ctx l = {rq, &rs->body, e, 0};
    int64_t ent = rq->session->user.enterprise_id;
    char today[DATE_STR_LEN];
    struct buf *b = &rs->body;

    if (ent <= 0)
        return html_error_page(rs, rq, 403, _("Payments"),
                               _("Link your enterprise to this account first."), false);
    date_format(rq->today, today);
    if (html_begin(rs, rq, _("Delayed payments"))
        || buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/payments/new\">%s</a> · "
                         "<a href=\"/payments/calculator\">%s</a></p>\n",
                      _("Delayed payments"),
                      _("Buyers who owe you, with the interest the law adds up to today."),
                      _("Record a delayed payment"), _("Delayed payment calculator"))
        || buf_printf(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-labelledby=\"claims-caption\">"
                         "<table>\n<caption id=\"claims-caption\">%s %s</caption>\n<thead><tr>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                      _("Your claims as of"), today, _("Buyer"), _("Invoice"), _("Amount"),
                      _("Due by"), _("Days late"), _("Interest"), _("Total owed now"),
                      _("Facilitation Council")))
        return err_set(e, "out of memory");
    if (store_payment_claims_of_enterprise(rq->store, ent, put_claim, &l, e) != 0)
        return -1;
    if (buf_puts(b, "</tbody>\n</table></div>\n")
        || (l.n == 0 && buf_printf(b, "<p>%s</p>\n", _("No delayed payments recorded yet.")))
        || html_end(rs, rq))
        return err_set(e, "out of memory");
    return 0;
}

/* --- referral to the Council ---------------------------------------------- */

/* The grievance's text: what the Council needs to start (buyer, invoice,
 * dates, the amount claimed). Kept in English: it is the record the
 * Council's office reads. */
static int referral_body(const struct web_request *rq, const struct enterprise *ent,
                         const struct payment_claim_row *c, const struct msmed_result *r,
                         char *out, size_t cap)
{
    const struct state_info *st = refdata_state_by_gst(rq->app->ref, ent->state);
    char inv[DATE_STR_LEN], due[DATE_STR_LEN], today[DATE_STR_LEN], amount[MONEY_STR_MAX],
        interest[MONEY_STR_MAX], claim[MONEY_STR_MAX];
    int n;

    date_format(c->invoice_date != DATE_UNKNOWN ? c->invoice_date : c->accepted_on, inv);
    date_format(r->term.due, due);
    date_format(rq->today, today);
    money_format_inr(c->amount_paise, amount);
    money_format_inr(r->interest, interest);
    money_format_inr(msmed_round_rupee(r->outstanding), claim);
    n = snprintf(out, cap,
                 "Reference to the Micro and Small Enterprise Facilitation Council, %s (MSMED Act "
                 "2006 s.18), for delayed payment (ss.15-16). Buyer: %s%s%s%s%s. Invoice %s of %s "
                 "for %s; due by %s; %d days late on %s. Interest under s.16 to date: %s. Amount "
                 "claimed (principal and interest outstanding, to the rupee): %s.",
                 st != NULL ? st->name : "state not known", c->buyer,
                 *c->buyer_pan ? ", PAN " : "", c->buyer_pan, *c->buyer_gstin ? ", GSTIN " : "",
                 c->buyer_gstin, c->invoice_no, inv, amount, due, r->days_late, today, interest,
                 claim);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

static int refuse(struct web_response *rs, const struct web_request *rq, int status,
                  const char *message)
{
    return html_error_page(rs, rq, status, _("Refer to the Facilitation Council"), message, false);
}

int page_payment_refer(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct payment_claim_row c;
    struct grievance_row g = {0};
    struct msmed_request in;
    struct msmed_calc calc;
    struct enterprise ent;
    struct err why;
    bool found = false;
    int64_t id;
    int rc;

    if (!portal_parse_id(router_param(rq->match, "id"), &id))
        return refuse(rs, rq, 400, _("A claim id is a positive whole number."));
    if (store_payment_claim_get(rq->store, id, &c, &found, e) != 0)
        return -1;
    /* The router checked the claim is the caller's (SCOPE_PAYMENT_CLAIM, authz.c). */
    if (!found)
        return refuse(rs, rq, 404, _("No such claim."));
    if (c.msefc_grievance_id > 0)
        return refuse(rs, rq, 409, _("This claim has already been referred to the Council."));
    if (store_enterprise_get(rq->store, c.enterprise_id, &ent, &found, e) != 0)
        return -1;
    if (!found)
        return refuse(rs, rq, 403, _("No enterprise is linked to this account."));
    if (msmed_calc_claim_request(rq->store, &c, rq->today, &in, e) != 0)
        return -1;
    if (msmed_calc_run(rq->app, &in, &calc, &why) != 0)
        return refuse(rs, rq, 422, why.msg);
    if (calc.result.outstanding <= 0 || calc.result.days_late <= 0) {
        msmed_calc_free(&calc);
        return refuse(rs, rq, 422, _("Nothing is overdue on this claim today."));
    }
    g.user_id = rq->session->user.id;
    g.subject = GRIEVANCE_ON_PAYMENT;
    g.payment_claim_id = c.id;
    snprintf(g.category, sizeof g.category, MSEFC_CATEGORY);
    rc = referral_body(rq, &ent, &c, &calc.result, g.body, sizeof g.body);
    msmed_calc_free(&calc);
    if (rc != 0)
        return err_set(e, "referral text too long");
    if (store_grievance_file(rq->store, &ent, &g, "entrepreneur", rq->today, e) != 0) {
        /* a second request that lost the race to the unique index: say so */
        struct err again;
        if (store_payment_claim_get(rq->store, id, &c, &found, &again) == 0 && found
            && c.msefc_grievance_id > 0)
            return refuse(rs, rq, 409, _("This claim has already been referred to the Council."));
        return -1;
    }
    return web_response_redirect(rs, "/payments") == 0 ? 0 : err_set(e, "redirect");
}
