/* msmed_html.c: see msmed_html.h. */
#include "web/msmed_html.h"

#include <stdio.h>

#include "core/date.h"
#include "core/money.h"
#include "web/html.h"
#include "web/i18n.h"

/* The table scrolls sideways inside its div on a phone: the div takes the
 * keyboard focus (tabindex 0) so it can be scrolled without a mouse. */
/* Rows of the schedule a page shows: a long delay keeps the page under
 * 50 KB; the API has every month. */
#define SCHEDULE_HEAD 48
#define SCHEDULE_TAIL 12

void msmed_html_pct(int bp, char out[16])
{
    snprintf(out, 16, "%d.%02d %%", bp / 100, bp % 100);
}

static int put_row(struct buf *b, const char *label, const char *value)
{
    return buf_puts(b, "<dt>") || buf_put_html(b, label) || buf_puts(b, "</dt><dd>")
           || buf_put_html(b, value) || buf_puts(b, "</dd>\n");
}

static int put_money_row(struct buf *b, const char *label, int64_t paise)
{
    char m[MONEY_STR_MAX];

    money_format_inr(paise, m);
    return put_row(b, label, m);
}

int msmed_html_summary(struct buf *b, const struct msmed_result *r, int32_t as_of)
{
    char due[DATE_STR_LEN], on[DATE_STR_LEN], days[16], rate[96], bank[16], s16[16];
    const struct msmed_term *t = &r->term;

    date_format(t->due, due);
    date_format(as_of, on);
    snprintf(days, sizeof days, "%d", r->days_late);
    if (r->n_months > 0) {
        msmed_html_pct(r->months[0].bank_bp, bank);
        msmed_html_pct(r->months[0].rate_bp, s16);
        snprintf(rate, sizeof rate, "%s × 3 = %s", bank, s16);
    } else {
        snprintf(rate, sizeof rate, "—");
    }
    if (buf_printf(b, "<h2>%s %s</h2>\n<dl class=\"result\">\n", _("Result as of"), on)
        || put_row(b, _("Last day to pay without interest"), due)
        || buf_printf(b, "<dt>%s</dt><dd>%d %s%s</dd>\n", _("Days allowed"), t->days,
                      t->agreed ? _("(agreed in writing)") : _("(nothing agreed: 15 days)"),
                      t->capped ? _(", cut to the 45 days the law allows") : "")
        || put_row(b, _("Days late"), days)
        || put_row(b, _("Bank Rate × 3: the yearly rate of interest (first month)"), rate)
        || put_money_row(b, _("Interest"), r->interest)
        || put_money_row(b, _("Principal still unpaid"), r->principal_outstanding)
        || put_money_row(b, _("Interest still unpaid"), r->interest_outstanding)
        || buf_printf(b, "<dt>%s</dt><dd><strong>", _("Total owed now")))
        return -1;
    {
        char m[MONEY_STR_MAX], rounded[MONEY_STR_MAX];
        money_format_inr(r->outstanding, m);
        money_format_inr(msmed_round_rupee(r->outstanding), rounded);
        if (buf_put_html(b, m) || buf_printf(b, "</strong> (%s ", _("to claim, to the rupee:"))
            || buf_put_html(b, rounded) || buf_puts(b, ")</dd>\n"))
            return -1;
    }
    if (r->excess > 0 && put_money_row(b, _("Paid beyond what was owed"), r->excess))
        return -1;
    return buf_puts(b, "</dl>\n");
}

static int put_month(struct buf *b, const struct msmed_month *m)
{
    char from[DATE_STR_LEN], to[DATE_STR_LEN], rate[16], open[MONEY_STR_MAX], in[MONEY_STR_MAX],
        paid[MONEY_STR_MAX], close[MONEY_STR_MAX];

    date_format(m->start, from);
    date_format(m->end, to);
    msmed_html_pct(m->rate_bp, rate);
    money_format_inr(m->opening, open);
    money_format_inr(m->interest, in);
    money_format_inr(m->paid, paid);
    money_format_inr(m->closing, close);
    return buf_printf(b, "<tr><th scope=\"row\">%s – %s</th><td>%d / %d</td><td>%s</td><td>", from,
                      to, m->days, m->period_days, rate)
           || buf_put_html(b, open) || buf_puts(b, "</td><td>") || buf_put_html(b, in)
           || buf_puts(b, "</td><td>") || buf_put_html(b, paid) || buf_puts(b, "</td><td>")
           || buf_put_html(b, close) || buf_puts(b, "</td></tr>\n");
}

int msmed_html_schedule(struct buf *b, const struct msmed_result *r)
{
    if (r->n_months == 0)
        return buf_printf(b, "<p>%s</p>\n", _("No interest: the payment is not late."));
    if (buf_printf(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-labelledby=\"schedule-caption\">"
                      "<table id=\"schedule\">\n<caption id=\"schedule-caption\">%s</caption>\n<thead><tr>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("Interest month by month (compound, with monthly rests)"), _("Period"),
                   _("Days counted"), _("Yearly rate"), _("Owed at the start"), _("Interest"),
                   _("Paid"), _("Owed after the rest")))
        return -1;
    for (size_t i = 0; i < r->n_months; i++) {
        if (r->n_months > SCHEDULE_HEAD + SCHEDULE_TAIL && i == SCHEDULE_HEAD) {
            if (buf_printf(b, "<tr><td colspan=\"7\">%zu %s</td></tr>\n",
                           r->n_months - SCHEDULE_HEAD - SCHEDULE_TAIL,
                           _("more months are not shown here; the API lists them all.")))
                return -1;
            i = r->n_months - SCHEDULE_TAIL;
        }
        if (put_month(b, &r->months[i]))
            return -1;
    }
    return buf_puts(b, "</tbody>\n</table></div>\n");
}

static const char *verdict_label(enum msmed_43bh_verdict v)
{
    switch (v) {
    case MSMED_43BH_DEDUCTIBLE: return _("The buyer may deduct this expense in that year.");
    case MSMED_43BH_NOT_DEDUCTIBLE: return _("The buyer may not deduct this expense in that year.");
    case MSMED_43BH_UNDECIDED: return _("Not decided yet: it depends on when the buyer pays.");
    }
    return "";
}

/* Why, in the reader's language, around the s.15 date; the engine's own
 * sentence (English, with every date) follows it. */
static const char *reason_sentence(enum msmed_43bh_reason r)
{
    switch (r) {
    case MSMED_43BH_BEFORE_IN_FORCE:
        return _("Incurred before section 43B(h) began in the financial year 2023-24 (section 15 "
                 "date %s): deductible in the year incurred, as usual.");
    case MSMED_43BH_PAID_IN_TIME:
        return _("Paid by the section 15 date, %s: deductible in the year the expense was incurred.");
    case MSMED_43BH_PAID_LATE:
        return _("Paid after the section 15 date, %s: deductible only in the year of payment.");
    case MSMED_43BH_UNPAID_LATE:
        return _("Not paid by the section 15 date, %s: deductible only in the year it is paid.");
    case MSMED_43BH_UNPAID_IN_TIME:
        return _("The section 15 date, %s, falls after this financial year: deductible in this "
                 "year if paid by that date, otherwise in the year of payment.");
    case MSMED_43BH_NOT_INCURRED:
        return _("Invoiced after this financial year ends (section 15 date %s): not an expense "
                 "of this year.");
    }
    return "%s";
}

int msmed_html_43bh(struct buf *b, const struct msmed_43bh *t)
{
    char due[DATE_STR_LEN];

    date_format(t->due, due);
    if (buf_printf(b, "<h2>%s</h2>\n<p><strong>", _("The buyer's income tax: section 43B(h)"))
        || buf_put_html(b, verdict_label(t->verdict)) || buf_puts(b, "</strong></p>\n<p>")
        || html_put_sentence(b, reason_sentence(t->reason), due) || buf_puts(b, "</p>\n"))
        return -1;
    if (t->deduction_fy >= 0
        && buf_printf(b, "<p>%s %d-%02d.</p>\n", _("Deductible in the financial year"),
                      t->deduction_fy, (t->deduction_fy + 1) % 100))
        return -1;
    return buf_puts(b, "<p lang=\"en\">") || buf_put_html(b, t->why) || buf_puts(b, "</p>\n");
}
