/* msmed.c: MSMED Act ss.15-16 interest and Income-tax s.43B(h) (msmed.h).
 * The conventions, with their authorities: docs/delayed-payments.md. */
#include "calendar/msmed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/money.h"

/* Basis points a year to a fraction of a month: 10,000 bp x 12 months. */
#define BP_MONTHS 120000

int64_t msmed_round_rupee(int64_t paise)
{
    int64_t r = paise % PAISE_PER_RUPEE, q = paise / PAISE_PER_RUPEE;

    if (r >= PAISE_PER_RUPEE / 2)
        q++;
    else if (r <= -PAISE_PER_RUPEE / 2)
        q--;
    return q * PAISE_PER_RUPEE;
}

/* --- s.15: the term --------------------------------------------------- */

int msmed_term(const struct msmed_invoice *inv, struct msmed_term *out, struct err *e)
{
    struct msmed_term t = {0};

    if (inv->invoice_date == DATE_UNKNOWN)
        return err_set(e, "the invoice date is required");
    if (inv->agreed_days < MSMED_NO_AGREEMENT)
        return err_set(e, "agreed days %d: must be 0 or more, or none", inv->agreed_days);
    /* s.2(b) Explanation (ii): with no written objection the day of deemed
     * acceptance is the day of delivery; the invoice date stands for it. */
    t.deemed = inv->acceptance_date == DATE_UNKNOWN;
    t.accepted = t.deemed ? inv->invoice_date : inv->acceptance_date;
    t.agreed = inv->agreed_days != MSMED_NO_AGREEMENT;
    t.capped = t.agreed && inv->agreed_days > MSMED_MAX_AGREED_DAYS;
    t.days = !t.agreed ? MSMED_DEFAULT_DAYS : t.capped ? MSMED_MAX_AGREED_DAYS : inv->agreed_days;
    /* "from the day of acceptance" excludes that day (General Clauses Act
     * s.9), so the last day to pay is acceptance + days. */
    t.due = date_add_days(t.accepted, t.days);
    t.interest_from = date_add_days(t.due, 1);
    *out = t;
    return 0;
}

/* --- s.16: the interest ------------------------------------------------ */

/* What the computation carries from day to day. Interest bears interest
 * only once a monthly rest has added it to `capitalised`; the interest of
 * the current period so far is `accrued`. */
struct ledger {
    int64_t principal;
    int64_t capitalised;
    int64_t accrued;
    int64_t interest_total;
    int64_t interest_paid;
    int64_t excess;
    int32_t settled;
};

static int64_t bearing(const struct ledger *l)
{
    return l->principal + l->capitalised;
}

static bool bearing_too_large(const struct ledger *l)
{
    return l->capitalised > INT64_MAX / 2 - l->principal;
}

static int64_t owed(const struct ledger *l)
{
    return l->principal + l->capitalised + l->accrued;
}

/* A payment settles interest first (accrued, then capitalised), then the
 * principal: the rule of appropriation for a debt carrying interest when
 * the debtor names nothing else (docs/delayed-payments.md). */
static void apply_payment(struct ledger *l, int64_t amount, int32_t date)
{
    int64_t *parts[3] = {&l->accrued, &l->capitalised, &l->principal};

    for (int i = 0; i < 3 && amount > 0; i++) {
        int64_t take = amount < *parts[i] ? amount : *parts[i];
        *parts[i] -= take;
        amount -= take;
        if (i < 2)
            l->interest_paid += take;
    }
    l->excess += amount;
    if (owed(l) == 0 && l->settled == DATE_UNKNOWN)
        l->settled = date;
}

/* Interest on `balance` for `days` of a rest period of `period_days`, at
 * `rate_bp` a year: a whole period is one twelfth of the annual rate, a
 * part of it that share by days. Rounded to the paisa. */
static int period_interest(int64_t balance, int rate_bp, int days, int period_days, int64_t *out,
                           struct err *e)
{
    if (money_mul_ratio(balance, (int64_t)rate_bp * days, (int64_t)BP_MONTHS * period_days, out) != 0)
        return err_set(e, "interest overflows");
    return 0;
}

static int accrue(struct ledger *l, int rate_bp, int days, int period_days, int64_t *month_interest,
                  struct err *e)
{
    int64_t i = 0;

    if (days <= 0 || bearing(l) == 0)
        return 0;
    if (period_interest(bearing(l), rate_bp, days, period_days, &i, e) != 0)
        return -1;
    if (money_add(l->accrued, i, &l->accrued) != 0 || money_add(*month_interest, i, month_interest) != 0
        || money_add(l->interest_total, i, &l->interest_total) != 0)
        return err_set(e, "interest overflows");
    return 0;
}

static int by_date(const void *a, const void *b)
{
    const struct msmed_payment *x = a, *y = b;

    return (x->date > y->date) - (x->date < y->date);
}

/* The payments counted (on or before as_of), sorted by date; stable order
 * does not matter since payments on one day add up. */
static int counted_payments(const struct msmed_invoice *inv, int32_t as_of,
                            struct msmed_payment **out, size_t *n, struct err *e)
{
    struct msmed_payment *p = NULL;
    size_t k = 0;

    *out = NULL;
    *n = 0;
    if (inv->n_payments == 0)
        return 0;
    p = mem_alloc(inv->n_payments * sizeof *p);
    if (p == NULL)
        return err_set(e, "out of memory");
    for (size_t i = 0; i < inv->n_payments; i++) {
        if (inv->payments[i].amount <= 0 || inv->payments[i].date == DATE_UNKNOWN) {
            mem_free(p);
            return err_set(e, "payment %zu: needs a date and an amount above zero", i + 1);
        }
        if (inv->payments[i].date <= as_of)
            p[k++] = inv->payments[i];
    }
    qsort(p, k, sizeof *p, by_date);
    *out = p;
    *n = k;
    return 0;
}

struct schedule {
    struct msmed_month *months;
    size_t n, cap;
};

static struct msmed_month *schedule_add(struct schedule *s)
{
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 8;
        struct msmed_month *m = mem_realloc(s->months, ncap * sizeof *m);
        if (m == NULL)
            return NULL;
        s->months = m;
        s->cap = ncap;
    }
    memset(&s->months[s->n], 0, sizeof s->months[0]);
    return &s->months[s->n++];
}

/* One rest period (prev_rest, rest], counted up to as_of. Payments in it
 * split it: each part bears interest on the balance of that part, the
 * payment day included, and the payment then settles what is owed. */
static int run_period(struct ledger *l, const struct bank_rates *rates, int32_t prev_rest,
                      int32_t rest, int32_t as_of, const struct msmed_payment *pay, size_t npay,
                      size_t *next, struct msmed_month *m, struct err *e)
{
    int32_t seg = prev_rest + 1;

    m->start = seg;
    m->rest = rest;
    m->end = rest < as_of ? rest : as_of;
    m->days = m->end - m->start + 1;
    m->period_days = rest - prev_rest;
    /* The Bank Rate in force when the period begins (Calcutta HC, 2024:
     * the rate prevailing at each monthly rest, not one frozen rate). */
    if (bank_rate_on(rates, m->start, &m->bank_bp, e) != 0)
        return -1;
    m->rate_bp = MSMED_RATE_MULTIPLE * m->bank_bp;
    m->opening = bearing(l);
    for (; *next < npay && pay[*next].date <= m->end; (*next)++) {
        if (accrue(l, m->rate_bp, pay[*next].date - seg + 1, m->period_days, &m->interest, e) != 0)
            return -1;
        if (pay[*next].date >= seg)
            seg = pay[*next].date + 1;
        apply_payment(l, pay[*next].amount, pay[*next].date);
        m->paid += pay[*next].amount;
    }
    if (accrue(l, m->rate_bp, m->end - seg + 1, m->period_days, &m->interest, e) != 0)
        return -1;
    /* the rest: this period's interest now bears interest too. Keeping the
     * balance under half the int64 range leaves room for a period's
     * interest (at most a quarter of it even at a 100 % Bank Rate). */
    if (money_add(l->capitalised, l->accrued, &l->capitalised) != 0 || bearing_too_large(l))
        return err_set(e, "interest overflows");
    l->accrued = 0;
    m->closing = bearing(l);
    return 0;
}

static int check_invoice(const struct msmed_invoice *inv, int32_t as_of, struct err *e)
{
    if (inv->amount <= 0 || inv->amount > MONEY_INPUT_MAX)
        return err_set(e, "the invoice amount must be above zero");
    if (as_of == DATE_UNKNOWN)
        return err_set(e, "the as-of date is required");
    return 0;
}

static int run_all(const struct msmed_invoice *inv, const struct bank_rates *rates, int32_t as_of,
                   struct msmed_result *out, struct schedule *s, struct err *e)
{
    struct msmed_payment *pay = NULL;
    size_t npay = 0, next = 0;
    struct ledger l = {.principal = inv->amount, .settled = DATE_UNKNOWN};
    int32_t due = out->term.due, prev_rest = due;
    int rc = 0;

    if (counted_payments(inv, as_of, &pay, &npay, e) != 0)
        return -1;
    /* On time (or in advance): the principal only. */
    for (; next < npay && pay[next].date <= due; next++)
        apply_payment(&l, pay[next].amount, pay[next].date);
    for (int k = 1; rc == 0 && prev_rest < as_of && owed(&l) > 0; k++) {
        int32_t rest = date_add_months(due, k);
        struct msmed_month *m = schedule_add(s);
        if (m == NULL)
            rc = err_set(e, "out of memory");
        else
            rc = run_period(&l, rates, prev_rest, rest, as_of, pay, npay, &next, m, e);
        prev_rest = rest;
    }
    for (; rc == 0 && next < npay; next++)   /* after everything was settled */
        apply_payment(&l, pay[next].amount, pay[next].date);
    mem_free(pay);
    if (rc != 0)
        return -1;
    out->settled = l.settled;
    out->days_late = (l.settled != DATE_UNKNOWN ? l.settled : as_of) - due;
    if (out->days_late < 0)
        out->days_late = 0;
    out->interest = l.interest_total;
    out->interest_paid = l.interest_paid;
    out->interest_outstanding = l.capitalised + l.accrued;
    out->principal_outstanding = l.principal;
    out->outstanding = owed(&l);
    out->excess = l.excess;
    return 0;
}

int msmed_compute(const struct msmed_invoice *inv, const struct bank_rates *rates, int32_t as_of,
                  struct msmed_result *out, struct err *e)
{
    struct msmed_result r = {0};
    struct schedule s = {0};

    memset(out, 0, sizeof *out);
    if (check_invoice(inv, as_of, e) != 0 || msmed_term(inv, &r.term, e) != 0)
        return -1;
    if (run_all(inv, rates, as_of, &r, &s, e) != 0) {
        mem_free(s.months);
        return -1;
    }
    r.months = s.months;
    r.n_months = s.n;
    *out = r;
    return 0;
}

void msmed_result_free(struct msmed_result *r)
{
    if (r == NULL)
        return;
    mem_free(r->months);
    r->months = NULL;
    r->n_months = 0;
}

/* --- Income-tax Act s.43B(h) ------------------------------------------- */

static void fy_text(int start_year, char out[16])
{
    char label[8];

    date_fy_label(start_year, label);
    snprintf(out, 16, "FY %s", label);
}

/* Which FY the expense is deductible in, and why; -1 while it depends on a
 * payment not yet made. */
static int deduction_year(const struct msmed_43bh_input *in, int32_t due, int incurred_fy,
                          enum msmed_43bh_reason *reason)
{
    if (incurred_fy < MSMED_43BH_FIRST_FY) {
        *reason = MSMED_43BH_BEFORE_IN_FORCE;
        return incurred_fy;
    }
    if (in->payment_date != DATE_UNKNOWN && in->payment_date <= due) {
        *reason = MSMED_43BH_PAID_IN_TIME;
        return incurred_fy;
    }
    if (in->payment_date != DATE_UNKNOWN) {
        *reason = MSMED_43BH_PAID_LATE;
        return date_fy_start_year(in->payment_date);
    }
    *reason = due <= in->fy_end ? MSMED_43BH_UNPAID_LATE : MSMED_43BH_UNPAID_IN_TIME;
    return -1;
}

static void explain(const struct msmed_43bh_input *in, struct msmed_43bh *out, int incurred_fy,
                    int asked_fy)
{
    char due[DATE_STR_LEN], paid[DATE_STR_LEN], fy_in[16], fy_ask[16], fy_ded[16];

    date_format(out->due, due);
    date_format(in->payment_date != DATE_UNKNOWN ? in->payment_date : out->due, paid);
    fy_text(incurred_fy, fy_in);
    fy_text(asked_fy, fy_ask);
    fy_text(out->deduction_fy >= 0 ? out->deduction_fy : asked_fy, fy_ded);
    switch (out->reason) {
    case MSMED_43BH_NOT_INCURRED:
        snprintf(out->why, sizeof out->why, "Invoiced in %s, after %s ends: not an expense of %s.",
                 fy_in, fy_ask, fy_ask);
        break;
    case MSMED_43BH_BEFORE_IN_FORCE:
        snprintf(out->why, sizeof out->why,
                 "Incurred in %s, before s.43B(h) applies (from FY 2023-24): deductible in %s as incurred.",
                 fy_in, fy_in);
        break;
    case MSMED_43BH_PAID_IN_TIME:
        snprintf(out->why, sizeof out->why,
                 "Paid on %s, within the MSMED s.15 limit (%s): deductible in %s, the year incurred.",
                 paid, due, fy_ded);
        break;
    case MSMED_43BH_PAID_LATE:
        snprintf(out->why, sizeof out->why,
                 "Paid on %s, after the MSMED s.15 limit (%s): deductible only in %s, the year paid "
                 "(s.43B(h); paying before the return's due date does not help).", paid, due, fy_ded);
        break;
    case MSMED_43BH_UNPAID_LATE:
        snprintf(out->why, sizeof out->why,
                 "Unpaid past the MSMED s.15 limit (%s): deductible only in the year it is paid, not in %s.",
                 due, fy_ask);
        break;
    case MSMED_43BH_UNPAID_IN_TIME:
        snprintf(out->why, sizeof out->why,
                 "Unpaid; the MSMED s.15 limit (%s) is after %s ends: deductible in %s if paid by %s, "
                 "else in the year paid.", due, fy_ask, fy_ask, due);
        break;
    }
}

int msmed_43bh(const struct msmed_43bh_input *in, struct msmed_43bh *out, struct err *e)
{
    struct msmed_invoice inv = {.amount = 1, .invoice_date = in->invoice_date,
                                .acceptance_date = in->acceptance_date,
                                .agreed_days = in->agreed_days};
    struct msmed_term term;
    int y, m, d, asked_fy, incurred_fy;

    memset(out, 0, sizeof *out);
    if (in->fy_end == DATE_UNKNOWN)
        return err_set(e, "the financial year's end is required");
    date_to_ymd(in->fy_end, &y, &m, &d);
    if (m != 3 || d != 31)
        return err_set(e, "a financial year ends on 31 March");
    if (msmed_term(&inv, &term, e) != 0)
        return -1;
    if (in->payment_date != DATE_UNKNOWN && in->payment_date < in->invoice_date)
        return err_set(e, "the payment is dated before the invoice");
    asked_fy = y - 1;
    incurred_fy = date_fy_start_year(in->invoice_date);
    out->due = term.due;
    if (incurred_fy > asked_fy) {
        out->reason = MSMED_43BH_NOT_INCURRED;
        out->deduction_fy = -1;
        out->verdict = MSMED_43BH_NOT_DEDUCTIBLE;
    } else {
        out->deduction_fy = deduction_year(in, term.due, incurred_fy, &out->reason);
        if (out->reason == MSMED_43BH_UNPAID_IN_TIME)
            out->verdict = asked_fy == incurred_fy ? MSMED_43BH_UNDECIDED : MSMED_43BH_NOT_DEDUCTIBLE;
        else
            out->verdict = out->deduction_fy == asked_fy ? MSMED_43BH_DEDUCTIBLE : MSMED_43BH_NOT_DEDUCTIBLE;
    }
    explain(in, out, incurred_fy, asked_fy);
    return 0;
}
