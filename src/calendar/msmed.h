/* msmed.h: delayed payments to micro and small enterprises (MSMED Act
 * 2006, ss.15-16) and the buyer's side of Income-tax Act s.43B(h).
 *
 * s.15: the buyer pays on the day agreed in writing, at most 45 days from
 * the day of acceptance (or deemed acceptance); with no agreement, within
 * 15 days of it. s.16: after that, compound interest with monthly rests at
 * three times the RBI Bank Rate, whatever the parties agreed.
 *
 * Every convention the Act leaves open (which rate when it changes, what a
 * "month" is, a broken last month, how part payments are applied, rounding)
 * is decided once here and written down, with its authority or marked as
 * Samanvay's reading, in docs/delayed-payments.md. Pure computation: no
 * I/O; the Bank Rate table comes from calendar/bank_rate.h. */
#ifndef SAMANVAY_MSMED_H
#define SAMANVAY_MSMED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/bank_rate.h"
#include "core/err.h"

#define MSMED_MAX_AGREED_DAYS 45   /* s.15 proviso */
#define MSMED_DEFAULT_DAYS 15      /* s.2(b): the appointed day follows 15 days */
#define MSMED_NO_AGREEMENT (-1)    /* agreed_days when nothing was agreed in writing */
#define MSMED_RATE_MULTIPLE 3      /* s.16: three times the Bank Rate */

struct msmed_payment {
    int32_t date;     /* core/date.h */
    int64_t amount;   /* paise, > 0 */
};

struct msmed_invoice {
    int64_t amount;             /* paise, > 0 */
    int32_t invoice_date;
    int32_t acceptance_date;    /* DATE_UNKNOWN: deemed accepted on the invoice date */
    int agreed_days;            /* days agreed in writing, or MSMED_NO_AGREEMENT */
    const struct msmed_payment *payments;   /* any order; those after as_of are not counted */
    size_t n_payments;
};

/* The s.15 term of one invoice. */
struct msmed_term {
    int32_t accepted;     /* the day of acceptance, or of deemed acceptance */
    bool deemed;          /* no acceptance date was given: the invoice date is used */
    int days;             /* days allowed: the agreed days capped at 45, or 15 */
    bool agreed;          /* days came from an agreement */
    bool capped;          /* the agreement said more than 45 days */
    int32_t due;          /* the last day to pay without interest */
    int32_t interest_from;/* the appointed day, or the day after the agreed date: due + 1 */
};

/* One rest period of the interest schedule, for display. */
struct msmed_month {
    int32_t start, end;       /* the days of this period counted, inclusive */
    int32_t rest;             /* the period's monthly rest; end < rest for a broken last month */
    int days;                 /* end - start + 1 */
    int period_days;          /* days in the whole period (28..31) */
    int bank_bp;              /* Bank Rate used, basis points */
    int rate_bp;              /* three times it: the s.16 rate, basis points a year */
    int64_t opening;          /* principal + unpaid interest bearing interest at the start */
    int64_t interest;         /* interest of this period, paise */
    int64_t paid;             /* payments received in this period */
    int64_t closing;          /* principal + unpaid interest after the rest */
};

struct msmed_result {
    struct msmed_term term;
    int32_t settled;              /* the day everything owed was paid, or DATE_UNKNOWN */
    int days_late;                /* (settled, else as_of) - due; 0 when not late */
    int64_t interest;             /* s.16 interest accrued up to as_of, paid or not */
    int64_t interest_paid;
    int64_t interest_outstanding;
    int64_t principal_outstanding;
    int64_t outstanding;          /* principal + interest outstanding on as_of */
    int64_t excess;               /* paid beyond everything owed */
    struct msmed_month *months;   /* owned; msmed_result_free */
    size_t n_months;
};

/* The s.15 term: acceptance, days allowed, due date. */
int msmed_term(const struct msmed_invoice *inv, struct msmed_term *out, struct err *e);

/* Everything owed on one invoice as of `as_of` (inclusive: interest counts
 * that day, as if paid on it). On success *out owns its schedule. */
int msmed_compute(const struct msmed_invoice *inv, const struct bank_rates *rates, int32_t as_of,
                  struct msmed_result *out, struct err *e);
void msmed_result_free(struct msmed_result *r);

/* Paise to the nearest whole rupee (half away from zero), for the amount a
 * claim states. */
int64_t msmed_round_rupee(int64_t paise);

/* --- Income-tax Act s.43B(h): the buyer's deduction --------------------- */

/* s.43B(h) was inserted by the Finance Act 2023 for assessment year
 * 2024-25, i.e. from the financial year starting 1 April 2023. */
#define MSMED_43BH_FIRST_FY 2023

enum msmed_43bh_verdict {
    MSMED_43BH_DEDUCTIBLE,       /* the expense is deductible in the FY asked about */
    MSMED_43BH_NOT_DEDUCTIBLE,   /* it is not (see deduction_fy for when it is) */
    MSMED_43BH_UNDECIDED,        /* unpaid, and the s.15 date is after that FY's end */
};

enum msmed_43bh_reason {
    MSMED_43BH_BEFORE_IN_FORCE,  /* incurred before FY 2023-24: ordinary accrual */
    MSMED_43BH_PAID_IN_TIME,     /* paid by the s.15 date: the year it was incurred */
    MSMED_43BH_PAID_LATE,        /* paid after the s.15 date: the year it was paid */
    MSMED_43BH_UNPAID_LATE,      /* unpaid past the s.15 date: only when paid */
    MSMED_43BH_UNPAID_IN_TIME,   /* unpaid, s.15 date after the FY end: depends on payment */
    MSMED_43BH_NOT_INCURRED,     /* invoiced after the FY end */
};

struct msmed_43bh_input {
    int32_t invoice_date;       /* the day the expense is incurred */
    int32_t acceptance_date;    /* DATE_UNKNOWN: deemed on the invoice date */
    int agreed_days;            /* or MSMED_NO_AGREEMENT */
    int32_t payment_date;       /* payment in full, or DATE_UNKNOWN when unpaid */
    int32_t fy_end;             /* 31 March ending the buyer's financial year asked about */
};

struct msmed_43bh {
    enum msmed_43bh_verdict verdict;
    enum msmed_43bh_reason reason;
    int32_t due;                /* the s.15 date */
    int deduction_fy;           /* start year of the FY the expense is deductible in; -1 unknown */
    char why[320];              /* one sentence, with dates */
};

/* Only for amounts owed to a micro or small enterprise (a "supplier" of
 * MSMED s.2(n)); a medium enterprise is outside s.43B(h). */
int msmed_43bh(const struct msmed_43bh_input *in, struct msmed_43bh *out, struct err *e);

#endif
