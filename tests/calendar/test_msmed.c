/* MSMED Act ss.15-16 interest and Income-tax s.43B(h), against examples
 * worked by hand. The conventions they follow are docs/delayed-payments.md:
 *
 *   due        = acceptance + days (General Clauses Act s.9: "from" the day
 *                of acceptance excludes it); days = agreed, at most 45, or 15
 *   interest   from due + 1 (the appointed day) to the as-of or payment day,
 *                both counted
 *   month k    (due + (k-1) months, due + k months]; a month's interest is
 *                balance x 3 x Bank Rate / 12; a broken month that share by
 *                days of the period; each figure rounded to the paisa
 *   rate       the Bank Rate in force on the first day of each month
 *   payments   interest first, then principal
 *
 * Rates: 6.75 % from 8 Feb 2023, 6.50 % from 7 Feb 2025, 6.25 % from
 * 9 Apr 2025 (data/bank_rate.csv). 3 x 6.75 % = 20.25 % a year, so a whole
 * month is 20.25 / 12 = 1.6875 % of the balance. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "calendar/bank_rate.h"
#include "calendar/msmed.h"
#include "core/alloc.h"
#include "core/date.h"

#define RS(r) ((int64_t)(r) * 100)   /* whole rupees in paise */

static int32_t day(const char *iso)
{
    int32_t d;

    assert_int_equal(date_parse(iso, strlen(iso), &d, NULL), 0);
    return d;
}

static int setup(void **state)
{
    struct bank_rates *t = NULL;
    struct err e;

    if (bank_rates_load(&t, &e) != 0)
        return -1;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    bank_rates_free(*state);
    return 0;
}

static void compute(void **state, const struct msmed_invoice *inv, const char *as_of,
                    struct msmed_result *r)
{
    struct err e;

    if (msmed_compute(inv, *state, day(as_of), r, &e) != 0)
        fail_msg("%s", e.msg);
}

static void assert_month(const struct msmed_month *m, const char *start, const char *end, int days,
                         int period_days, int rate_bp, int64_t opening, int64_t interest)
{
    assert_int_equal(m->start, day(start));
    assert_int_equal(m->end, day(end));
    assert_int_equal(m->days, days);
    assert_int_equal(m->period_days, period_days);
    assert_int_equal(m->rate_bp, rate_bp);
    assert_int_equal(m->opening, opening);
    assert_int_equal(m->interest, interest);
}

/* Example 1. ₹1,00,000 invoiced and accepted on 1 Jan 2024, 30 days agreed:
 * due 1 Jan + 30 = 31 Jan 2024. Unpaid on 10 May 2024: 100 days late.
 *   month 1  1 Feb-29 Feb (29 d)   1,00,000.00 x 1.6875 % = 1,687.50
 *   month 2  1 Mar-31 Mar (31 d)   1,01,687.50 x 1.6875 % = 1,715.9765625 -> 1,715.98
 *   month 3  1 Apr-30 Apr (30 d)   1,03,403.48 x 1.6875 % = 1,744.933725  -> 1,744.93
 *   month 4  1 May-10 May (10 of 31 d)
 *                                  1,05,148.41 x 1.6875 % x 10/31
 *                                = 1,774.37941875 x 10/31 = 572.380... -> 572.38
 *   interest = 1,687.50 + 1,715.98 + 1,744.93 + 572.38 = 5,720.79 -> ₹5,721
 *   owed     = 1,00,000 + 5,720.79 = 1,05,720.79 */
static void test_agreed_30_days_100_days_late(void **state)
{
    struct msmed_invoice inv = {.amount = RS(100000), .invoice_date = day("2024-01-01"),
                                .acceptance_date = day("2024-01-01"), .agreed_days = 30};
    struct msmed_result r;

    compute(state, &inv, "2024-05-10", &r);
    assert_int_equal(r.term.due, day("2024-01-31"));
    assert_int_equal(r.term.interest_from, day("2024-02-01"));
    assert_true(r.term.agreed && !r.term.capped && !r.term.deemed);
    assert_int_equal(r.days_late, 100);
    assert_int_equal(r.n_months, 4);
    assert_month(&r.months[0], "2024-02-01", "2024-02-29", 29, 29, 2025, 10000000, 168750);
    assert_month(&r.months[1], "2024-03-01", "2024-03-31", 31, 31, 2025, 10168750, 171598);
    assert_month(&r.months[2], "2024-04-01", "2024-04-30", 30, 30, 2025, 10340348, 174493);
    assert_month(&r.months[3], "2024-05-01", "2024-05-10", 10, 31, 2025, 10514841, 57238);
    assert_int_equal(r.months[3].rest, day("2024-05-31"));
    assert_int_equal(r.months[0].bank_bp, 675);
    assert_int_equal(r.interest, 572079);
    assert_int_equal(msmed_round_rupee(r.interest), RS(5721));
    assert_int_equal(r.interest_outstanding, 572079);
    assert_int_equal(r.principal_outstanding, RS(100000));
    assert_int_equal(r.outstanding, 10572079);
    assert_int_equal(r.settled, DATE_UNKNOWN);
    msmed_result_free(&r);
}

/* Example 2. No agreement: 15 days. ₹50,000 invoiced 10 Jun 2023, no
 * acceptance date (deemed accepted on delivery = the invoice date):
 * due 10 Jun + 15 = 25 Jun 2023; the appointed day is 26 Jun. On 25 Aug
 * 2023, two whole months:
 *   month 1  26 Jun-25 Jul   50,000.00 x 1.6875 % = 843.75
 *   month 2  26 Jul-25 Aug   50,843.75 x 1.6875 % = 857.98828125 -> 857.99
 *   interest = 843.75 + 857.99 = 1,701.74 -> ₹1,702 */
static void test_no_agreement_15_days(void **state)
{
    struct msmed_invoice inv = {.amount = RS(50000), .invoice_date = day("2023-06-10"),
                                .acceptance_date = DATE_UNKNOWN, .agreed_days = MSMED_NO_AGREEMENT};
    struct msmed_result r;

    compute(state, &inv, "2023-08-25", &r);
    assert_true(r.term.deemed && !r.term.agreed);
    assert_int_equal(r.term.days, 15);
    assert_int_equal(r.term.due, day("2023-06-25"));
    assert_int_equal(r.term.interest_from, day("2023-06-26"));
    assert_int_equal(r.days_late, 61);
    assert_int_equal(r.n_months, 2);
    assert_month(&r.months[0], "2023-06-26", "2023-07-25", 30, 30, 2025, 5000000, 84375);
    assert_month(&r.months[1], "2023-07-26", "2023-08-25", 31, 31, 2025, 5084375, 85799);
    assert_int_equal(r.interest, 170174);
    assert_int_equal(msmed_round_rupee(r.interest), RS(1702));
    msmed_result_free(&r);
}

/* Example 3. 60 days agreed, capped at 45 (s.15 proviso). ₹2,00,000
 * invoiced 28 Mar 2023, accepted 1 Apr 2023: due 1 Apr + 45 = 16 May
 * 2023 (not 31 May). On 26 Jun 2023:
 *   month 1  17 May-16 Jun (31 d)       2,00,000.00 x 1.6875 % = 3,375.00
 *   month 2  17 Jun-26 Jun (10 of 30 d) 2,03,375.00 x 1.6875 % x 10/30
 *                                     = 3,431.953125 / 3 = 1,143.984375 -> 1,143.98
 *   interest = 3,375.00 + 1,143.98 = 4,518.98 -> ₹4,519 */
static void test_agreed_60_days_capped_to_45(void **state)
{
    struct msmed_invoice inv = {.amount = RS(200000), .invoice_date = day("2023-03-28"),
                                .acceptance_date = day("2023-04-01"), .agreed_days = 60};
    struct msmed_result r;

    compute(state, &inv, "2023-06-26", &r);
    assert_true(r.term.capped && !r.term.deemed);
    assert_int_equal(r.term.days, 45);
    assert_int_equal(r.term.accepted, day("2023-04-01"));
    assert_int_equal(r.term.due, day("2023-05-16"));
    assert_int_equal(r.days_late, 41);
    assert_int_equal(r.n_months, 2);
    assert_month(&r.months[0], "2023-05-17", "2023-06-16", 31, 31, 2025, RS(200000), RS(3375));
    assert_month(&r.months[1], "2023-06-17", "2023-06-26", 10, 30, 2025, RS(203375), 114398);
    assert_int_equal(r.interest, 451898);
    assert_int_equal(msmed_round_rupee(r.interest), RS(4519));
    msmed_result_free(&r);
}

/* Example 4. The Bank Rate changes during the delay; each month takes the
 * rate in force on its first day. ₹1,00,000 accepted 1 Dec 2024, no
 * agreement: due 16 Dec 2024. On 1 May 2025:
 *   month 1  17 Dec-16 Jan  6.75 % -> 20.25 %/12 = 1.6875 %
 *            1,00,000.00 x 1.6875 % = 1,687.50
 *   month 2  17 Jan-16 Feb  6.75 % (the cut of 7 Feb falls inside the month)
 *            1,01,687.50 x 1.6875 % = 1,715.9765625 -> 1,715.98
 *   month 3  17 Feb-16 Mar  6.50 % -> 19.50 %/12 = 1.625 %
 *            1,03,403.48 x 1.625 % = 1,680.30655 -> 1,680.31
 *   month 4  17 Mar-16 Apr  6.50 %
 *            1,05,083.79 x 1.625 % = 1,707.6115875 -> 1,707.61
 *   month 5  17 Apr-1 May (15 of 30 d)  6.25 % -> 18.75 %/12 = 1.5625 %
 *            1,06,791.40 x 1.5625 % x 15/30 = 1,668.615625 / 2 = 834.3078125 -> 834.31
 *   interest = 1,687.50 + 1,715.98 + 1,680.31 + 1,707.61 + 834.31 = 7,625.71 -> ₹7,626 */
static void test_bank_rate_changes_during_delay(void **state)
{
    struct msmed_invoice inv = {.amount = RS(100000), .invoice_date = day("2024-12-01"),
                                .acceptance_date = day("2024-12-01"), .agreed_days = MSMED_NO_AGREEMENT};
    struct msmed_result r;

    compute(state, &inv, "2025-05-01", &r);
    assert_int_equal(r.term.due, day("2024-12-16"));
    assert_int_equal(r.n_months, 5);
    assert_month(&r.months[0], "2024-12-17", "2025-01-16", 31, 31, 2025, 10000000, 168750);
    assert_month(&r.months[1], "2025-01-17", "2025-02-16", 31, 31, 2025, 10168750, 171598);
    assert_month(&r.months[2], "2025-02-17", "2025-03-16", 28, 28, 1950, 10340348, 168031);
    assert_month(&r.months[3], "2025-03-17", "2025-04-16", 31, 31, 1950, 10508379, 170761);
    assert_month(&r.months[4], "2025-04-17", "2025-05-01", 15, 30, 1875, 10679140, 83431);
    assert_int_equal(r.months[2].bank_bp, 650);
    assert_int_equal(r.months[4].bank_bp, 625);
    assert_int_equal(r.interest, 762571);
    assert_int_equal(msmed_round_rupee(r.interest), RS(7626));
    msmed_result_free(&r);
}

/* Example 5. A part payment, applied to interest first. ₹2,00,000
 * accepted 1 Jun 2023, 45 days agreed: due 16 Jul 2023. ₹50,000 paid on
 * 1 Sep 2023. On 16 Oct 2023:
 *   month 1  17 Jul-16 Aug (31 d)  2,00,000.00 x 1.6875 % = 3,375.00
 *            rest: 3,375.00 of interest now bears interest; balance 2,03,375.00
 *   month 2  17 Aug-16 Sep (31 d), split by the payment on 1 Sep:
 *            17 Aug-1 Sep (16 d)  2,03,375.00 x 1.6875 % x 16/31
 *                               = 3,431.953125 x 16/31 = 1,771.330... -> 1,771.33
 *            the ₹50,000 pays 1,771.33 + 3,375.00 = 5,146.33 of interest and
 *            44,853.67 of principal: principal 1,55,146.33, no interest left
 *            2 Sep-16 Sep (15 d)  1,55,146.33 x 1.6875 % x 15/31
 *                               = 2,618.09431875 x 15/31 = 1,266.819... -> 1,266.82
 *            month's interest 1,771.33 + 1,266.82 = 3,038.15; balance 1,56,413.15
 *   month 3  17 Sep-16 Oct (30 d)  1,56,413.15 x 1.6875 % = 2,639.47190625 -> 2,639.47
 *   interest accrued 3,375.00 + 3,038.15 + 2,639.47 = 9,052.62, of which 5,146.33 paid
 *   interest owed 1,266.82 + 2,639.47 = 3,906.29; principal owed 1,55,146.33
 *   owed in all 1,59,052.62 -> ₹1,59,053 */
static void test_part_payment_interest_first(void **state)
{
    struct msmed_payment pay[] = {{day("2023-09-01"), RS(50000)}};
    struct msmed_invoice inv = {.amount = RS(200000), .invoice_date = day("2023-06-01"),
                                .acceptance_date = day("2023-06-01"), .agreed_days = 45,
                                .payments = pay, .n_payments = 1};
    struct msmed_result r;

    compute(state, &inv, "2023-10-16", &r);
    assert_int_equal(r.term.due, day("2023-07-16"));
    assert_int_equal(r.n_months, 3);
    assert_month(&r.months[0], "2023-07-17", "2023-08-16", 31, 31, 2025, RS(200000), RS(3375));
    assert_month(&r.months[1], "2023-08-17", "2023-09-16", 31, 31, 2025, RS(203375), 303815);
    assert_int_equal(r.months[1].paid, RS(50000));
    assert_int_equal(r.months[1].closing, 15641315);
    assert_month(&r.months[2], "2023-09-17", "2023-10-16", 30, 30, 2025, 15641315, 263947);
    assert_int_equal(r.interest, 905262);
    assert_int_equal(r.interest_paid, 514633);
    assert_int_equal(r.interest_outstanding, 390629);
    assert_int_equal(r.principal_outstanding, 15514633);
    assert_int_equal(r.outstanding, 15905262);
    assert_int_equal(msmed_round_rupee(r.outstanding), RS(159053));
    assert_int_equal(r.days_late, 92);
    msmed_result_free(&r);
}

/* Not late: ₹1,00,000 due 31 Jan 2024 (30 days from 1 Jan) and paid that
 * day. No interest, nothing owed, whatever the as-of date. */
static void test_paid_on_due_date_no_interest(void **state)
{
    struct msmed_payment pay[] = {{day("2024-01-31"), RS(100000)}};
    struct msmed_invoice inv = {.amount = RS(100000), .invoice_date = day("2024-01-01"),
                                .acceptance_date = DATE_UNKNOWN, .agreed_days = 30,
                                .payments = pay, .n_payments = 1};
    struct msmed_result r;

    compute(state, &inv, "2024-12-31", &r);
    assert_int_equal(r.interest, 0);
    assert_int_equal(r.outstanding, 0);
    assert_int_equal(r.days_late, 0);
    assert_int_equal(r.n_months, 0);
    assert_int_equal(r.settled, day("2024-01-31"));
    msmed_result_free(&r);
    /* before the due date nothing is late either, paid or not */
    inv.n_payments = 0;
    compute(state, &inv, "2024-01-20", &r);
    assert_int_equal(r.interest, 0);
    assert_int_equal(r.days_late, 0);
    assert_int_equal(r.outstanding, RS(100000));
    msmed_result_free(&r);
}

/* One day late: the same invoice paid in full (₹1,00,000) on 1 Feb 2024,
 * the appointed day. One day of the month 1-29 Feb:
 *   1,00,000 x 1.6875 % x 1/29 = 1,687.50 / 29 = 58.189... -> 58.19
 * The payment goes to that interest first, so 58.19 of principal is still
 * owed; on 1 Feb that is all. */
static void test_one_day_late_leaves_principal(void **state)
{
    struct msmed_payment pay[] = {{day("2024-02-01"), RS(100000)}};
    struct msmed_invoice inv = {.amount = RS(100000), .invoice_date = day("2024-01-01"),
                                .acceptance_date = DATE_UNKNOWN, .agreed_days = 30,
                                .payments = pay, .n_payments = 1};
    struct msmed_result r;

    compute(state, &inv, "2024-02-01", &r);
    assert_int_equal(r.days_late, 1);
    assert_int_equal(r.interest, 5819);
    assert_int_equal(r.interest_paid, 5819);
    assert_int_equal(r.principal_outstanding, 5819);
    assert_int_equal(r.outstanding, 5819);
    assert_int_equal(r.settled, DATE_UNKNOWN);
    msmed_result_free(&r);
}

/* Paying everything owed settles the claim: interest stops, the rest of
 * what is paid is excess, and days late stop at the settling day. With
 * example 1's figures, 1,05,720.79 owed on 10 May 2024, paid as ₹5,720.79
 * on 10 May and ₹1,00,000 + ₹500 on 10 May too (in any order). */
static void test_full_settlement_and_excess(void **state)
{
    struct msmed_payment pay[] = {{day("2024-05-10"), RS(100500)}, {day("2024-05-10"), 572079},
                                  {day("2025-01-01"), RS(7)}};
    struct msmed_invoice inv = {.amount = RS(100000), .invoice_date = day("2024-01-01"),
                                .acceptance_date = day("2024-01-01"), .agreed_days = 30,
                                .payments = pay, .n_payments = 3};
    struct msmed_result r;

    compute(state, &inv, "2024-12-31", &r);   /* the 2025 payment is after as_of: not counted */
    assert_int_equal(r.interest, 572079);
    assert_int_equal(r.outstanding, 0);
    assert_int_equal(r.excess, RS(500));
    assert_int_equal(r.settled, day("2024-05-10"));
    assert_int_equal(r.days_late, 100);
    assert_int_equal(r.n_months, 4);
    msmed_result_free(&r);
}

static void test_rejects_bad_input(void **state)
{
    struct msmed_payment bad_pay[] = {{day("2024-03-01"), 0}};
    struct msmed_invoice inv = {.amount = 0, .invoice_date = day("2024-01-01"),
                                .acceptance_date = DATE_UNKNOWN, .agreed_days = 30};
    struct msmed_result r;
    struct err e;

    assert_int_equal(msmed_compute(&inv, *state, day("2024-05-01"), &r, &e), -1);
    inv.amount = RS(10);
    inv.agreed_days = -5;
    assert_int_equal(msmed_compute(&inv, *state, day("2024-05-01"), &r, &e), -1);
    inv.agreed_days = 30;
    inv.payments = bad_pay;
    inv.n_payments = 1;
    assert_int_equal(msmed_compute(&inv, *state, day("2024-05-01"), &r, &e), -1);
    assert_non_null(strstr(e.msg, "payment 1"));
    /* a delay before the Bank Rate table starts has no rate */
    inv.n_payments = 0;
    inv.invoice_date = day("2003-01-01");
    assert_int_equal(msmed_compute(&inv, *state, day("2003-06-01"), &r, &e), -1);
    assert_non_null(strstr(e.msg, "Bank Rate"));
}

/* Each allocation failing in turn: an error, never a leak or a half result
 * (ASan checks the leaks). */
static void test_allocation_failures_unwind(void **state)
{
    struct msmed_payment pay[] = {{day("2023-09-01"), RS(50000)}, {day("2023-08-01"), RS(10)}};
    struct msmed_invoice inv = {.amount = RS(200000), .invoice_date = day("2021-06-01"),
                                .acceptance_date = DATE_UNKNOWN, .agreed_days = 45,
                                .payments = pay, .n_payments = 2};
    struct msmed_result r;
    struct err e;
    int failed = 0;

    for (long n = 1; n <= 8; n++) {
        mem_fail_after(n);
        if (msmed_compute(&inv, *state, day("2023-10-16"), &r, &e) != 0) {
            failed++;
            assert_null(r.months);
        }
        mem_fail_after(0);
        msmed_result_free(&r);
    }
    assert_true(failed >= 3);   /* the payments copy and the schedule's growth (8, 16, 32 months) */
}

static void test_round_rupee(void **state)
{
    (void)state;
    assert_int_equal(msmed_round_rupee(572079), 572100);
    assert_int_equal(msmed_round_rupee(572049), 572000);
    assert_int_equal(msmed_round_rupee(572050), 572100);
    assert_int_equal(msmed_round_rupee(-150), -200);
    assert_int_equal(msmed_round_rupee(0), 0);
}

/* --- s.43B(h) --------------------------------------------------------- */

static struct msmed_43bh bh(const char *invoice, int agreed, const char *paid, const char *fy_end)
{
    struct msmed_43bh_input in = {.invoice_date = day(invoice), .acceptance_date = DATE_UNKNOWN,
                                  .agreed_days = agreed,
                                  .payment_date = paid ? day(paid) : DATE_UNKNOWN,
                                  .fy_end = day(fy_end)};
    struct msmed_43bh out;
    struct err e;

    if (msmed_43bh(&in, &out, &e) != 0)
        fail_msg("%s", e.msg);
    return out;
}

/* Invoice 1 Feb 2024, 45 days agreed: due 17 Mar 2024. Paid 10 Mar: within
 * the limit and within FY 2023-24, deductible there. */
static void test_43bh_paid_in_time_in_year(void **state)
{
    struct msmed_43bh r = bh("2024-02-01", 45, "2024-03-10", "2024-03-31");

    (void)state;
    assert_int_equal(r.due, day("2024-03-17"));
    assert_int_equal(r.verdict, MSMED_43BH_DEDUCTIBLE);
    assert_int_equal(r.reason, MSMED_43BH_PAID_IN_TIME);
    assert_int_equal(r.deduction_fy, 2023);
    assert_non_null(strstr(r.why, "2024-03-17"));
}

/* Invoice 1 Mar 2024, 45 days: due 15 Apr 2024. Paid 10 Apr, after the FY
 * ends but within the s.15 limit: deductible in FY 2023-24 (accrual), not
 * in FY 2024-25 when the cash went out. */
static void test_43bh_paid_in_time_after_year_end(void **state)
{
    struct msmed_43bh r = bh("2024-03-01", 45, "2024-04-10", "2024-03-31");

    (void)state;
    assert_int_equal(r.due, day("2024-04-15"));
    assert_int_equal(r.verdict, MSMED_43BH_DEDUCTIBLE);
    assert_int_equal(r.deduction_fy, 2023);
    r = bh("2024-03-01", 45, "2024-04-10", "2025-03-31");
    assert_int_equal(r.verdict, MSMED_43BH_NOT_DEDUCTIBLE);
    assert_int_equal(r.reason, MSMED_43BH_PAID_IN_TIME);
}

/* Invoice 1 Feb 2024, due 17 Mar; paid 3 Apr 2024, late and after the FY
 * end: not deductible in FY 2023-24 even though paid before the return is
 * due (the s.43B proviso does not reach clause (h)); deductible in 2024-25. */
static void test_43bh_paid_late_after_year_end(void **state)
{
    struct msmed_43bh r = bh("2024-02-01", 45, "2024-04-03", "2024-03-31");

    (void)state;
    assert_int_equal(r.verdict, MSMED_43BH_NOT_DEDUCTIBLE);
    assert_int_equal(r.reason, MSMED_43BH_PAID_LATE);
    assert_int_equal(r.deduction_fy, 2024);
    assert_non_null(strstr(r.why, "FY 2024-25"));
    r = bh("2024-02-01", 45, "2024-04-03", "2025-03-31");
    assert_int_equal(r.verdict, MSMED_43BH_DEDUCTIBLE);
}

/* Invoice 15 Nov 2023, no agreement: due 30 Nov. Paid 28 Mar 2024, late
 * but in the same FY: deductible in FY 2023-24, the year paid. */
static void test_43bh_paid_late_within_year(void **state)
{
    struct msmed_43bh r = bh("2023-11-15", MSMED_NO_AGREEMENT, "2024-03-28", "2024-03-31");

    (void)state;
    assert_int_equal(r.due, day("2023-11-30"));
    assert_int_equal(r.verdict, MSMED_43BH_DEDUCTIBLE);
    assert_int_equal(r.reason, MSMED_43BH_PAID_LATE);
}

/* Unpaid: past the limit at the FY end, not deductible; with the limit
 * after the FY end, undecided until the limit passes. */
static void test_43bh_unpaid(void **state)
{
    struct msmed_43bh r = bh("2024-01-10", MSMED_NO_AGREEMENT, NULL, "2024-03-31");

    (void)state;
    assert_int_equal(r.verdict, MSMED_43BH_NOT_DEDUCTIBLE);
    assert_int_equal(r.reason, MSMED_43BH_UNPAID_LATE);
    assert_int_equal(r.deduction_fy, -1);
    r = bh("2024-03-20", 30, NULL, "2024-03-31");   /* due 19 Apr 2024 */
    assert_int_equal(r.due, day("2024-04-19"));
    assert_int_equal(r.verdict, MSMED_43BH_UNDECIDED);
    assert_int_equal(r.reason, MSMED_43BH_UNPAID_IN_TIME);
}

/* Before FY 2023-24 clause (h) did not exist: an invoice of Dec 2022 paid
 * late in Jun 2023 was deductible in FY 2022-23 as incurred, and not again
 * in 2023-24. An invoice after the FY end is not that year's expense.
 * 16 Feb 2024 + 45 days = 1 Apr 2024 (the acceptance day not counted), so
 * a payment on 1 Apr is in time. */
static void test_43bh_edges(void **state)
{
    struct msmed_43bh r = bh("2022-12-01", MSMED_NO_AGREEMENT, "2023-06-01", "2023-03-31");
    struct msmed_43bh_input in = {.invoice_date = day("2024-01-01"), .acceptance_date = DATE_UNKNOWN,
                                  .agreed_days = 30, .payment_date = DATE_UNKNOWN,
                                  .fy_end = day("2024-03-30")};
    struct err e;

    (void)state;
    assert_int_equal(r.verdict, MSMED_43BH_DEDUCTIBLE);
    assert_int_equal(r.reason, MSMED_43BH_BEFORE_IN_FORCE);
    r = bh("2022-12-01", MSMED_NO_AGREEMENT, "2023-06-01", "2024-03-31");
    assert_int_equal(r.verdict, MSMED_43BH_NOT_DEDUCTIBLE);
    r = bh("2024-04-02", 30, "2024-04-05", "2024-03-31");
    assert_int_equal(r.verdict, MSMED_43BH_NOT_DEDUCTIBLE);
    assert_int_equal(r.reason, MSMED_43BH_NOT_INCURRED);
    r = bh("2024-02-16", 45, "2024-04-01", "2024-03-31");
    assert_int_equal(r.due, day("2024-04-01"));
    assert_int_equal(r.verdict, MSMED_43BH_DEDUCTIBLE);
    assert_int_equal(msmed_43bh(&in, &r, &e), -1);   /* a year ends on 31 March */
    in.fy_end = day("2024-03-31");
    in.payment_date = day("2023-12-31");
    assert_int_equal(msmed_43bh(&in, &r, &e), -1);   /* paid before invoiced */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agreed_30_days_100_days_late),
        cmocka_unit_test(test_no_agreement_15_days),
        cmocka_unit_test(test_agreed_60_days_capped_to_45),
        cmocka_unit_test(test_bank_rate_changes_during_delay),
        cmocka_unit_test(test_part_payment_interest_first),
        cmocka_unit_test(test_paid_on_due_date_no_interest),
        cmocka_unit_test(test_one_day_late_leaves_principal),
        cmocka_unit_test(test_full_settlement_and_excess),
        cmocka_unit_test(test_rejects_bad_input),
        cmocka_unit_test(test_allocation_failures_unwind),
        cmocka_unit_test(test_round_rupee),
        cmocka_unit_test(test_43bh_paid_in_time_in_year),
        cmocka_unit_test(test_43bh_paid_in_time_after_year_end),
        cmocka_unit_test(test_43bh_paid_late_after_year_end),
        cmocka_unit_test(test_43bh_paid_late_within_year),
        cmocka_unit_test(test_43bh_unpaid),
        cmocka_unit_test(test_43bh_edges),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
