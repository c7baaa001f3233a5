/* The compliance calendar: a table of due dates for every obligation,
 * both QRMP state groups, across calendar-year and financial-year ends,
 * with the exceptions (TDS for March, the fourth-quarter TDS return),
 * month limits (PMT-06), instalments (advance tax), extensions (ITR for
 * FY 2024-25), conditional rules (a fact the profile lacks) and the
 * obligation file's checks. The dates are the statutory ones of
 * domain.md §5, written out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "calendar/calendar.h"
#include "core/date.h"
#include "core/money.h"
#include "core/profile.h"
#include "core/refdata.h"

static struct refdata *ref;
static struct obligation_set *set;

static int group_setup(void **state)
{
    struct err e;

    (void)state;
    if (refdata_load(&ref, &e) != 0 || obligation_set_load(&set, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    obligation_set_free(set);
    refdata_free(ref);
    return 0;
}

static int32_t day(const char *iso)
{
    int32_t d;

    assert_int_equal(date_parse(iso, strlen(iso), &d, NULL), 0);
    return d;
}

/* The calendar of `enterprise` (the JSON object's members) for [from, to]. */
static void build(const char *enterprise, const char *from, const char *to, struct calendar *cal)
{
    char text[1024];
    struct profile p;
    struct profile_issues is = {0};
    struct err e;
    struct calendar_request rq;

    snprintf(text, sizeof text, "{\"as_of\": \"2025-06-01\", \"enterprise\": {%s}}", enterprise);
    profile_init(&p);
    if (profile_parse(text, strlen(text), &p, &is, &e) != 0)
        fail_msg("profile %s: %s", text, is.n ? is.items[0].msg : e.msg);
    profile_issues_free(&is);
    rq = (struct calendar_request){.obligations = set, .ref = ref, .profile = &p,
                                   .as_of = day("2025-06-01"), .from = day(from), .to = day(to),
                                   .today = day("2030-01-01"), .aato = -1};
    assert_int_equal(calendar_build(&rq, cal, &e), 0);
    profile_clear(&p);
}

static const struct calendar_item *find(const struct calendar *cal, const char *id,
                                        const char *period)
{
    for (size_t i = 0; i < cal->n; i++)
        if (strcmp(cal->items[i].obligation->id, id) == 0 && strcmp(cal->items[i].period, period) == 0)
            return &cal->items[i];
    return NULL;
}

struct due_case {
    const char *enterprise;
    const char *obligation, *period, *due;
};

#define REGULAR_MH "\"gst_scheme\": \"regular\", \"state\": \"27\", \"constitution\": \"private_company\", " \
                   "\"turnover\": 80000000, \"employees\": 25, \"status\": \"existing\""
#define QRMP_MH "\"gst_scheme\": \"qrmp\", \"state\": \"27\", \"constitution\": \"proprietorship\", " \
                "\"turnover\": 9000000, \"employees\": 3, \"status\": \"existing\""
#define QRMP_UP "\"gst_scheme\": \"qrmp\", \"state\": \"09\", \"constitution\": \"proprietorship\", " \
                "\"turnover\": 9000000, \"employees\": 3, \"status\": \"existing\""
#define COMP_WB "\"gst_scheme\": \"composition\", \"state\": \"19\", \"constitution\": \"partnership\", " \
                "\"turnover\": 5000000, \"employees\": 12, \"status\": \"existing\""
#define SMALL_KA "\"gst_scheme\": \"none\", \"state\": \"29\", \"constitution\": \"proprietorship\", " \
                 "\"turnover\": 3000000, \"employees\": 4, \"status\": \"existing\""

static const struct due_case cases[] = {
    /* GSTR-1: monthly by the 11th, across the calendar year's end; QRMP by the 13th */
    {REGULAR_MH, "gstr1", "2025-12", "2026-01-11"},
    {REGULAR_MH, "gstr1", "2026-03", "2026-04-11"},
    {QRMP_MH, "gstr1", "2025-26-Q3", "2026-01-13"},
    {QRMP_MH, "gstr1", "2025-26-Q4", "2026-04-13"},
    /* GSTR-3B: monthly by the 20th; QRMP by the 22nd (Group A) or the 24th (Group B) */
    {REGULAR_MH, "gstr3b", "2025-12", "2026-01-20"},
    {QRMP_MH, "gstr3b", "2025-26-Q3", "2026-01-22"},
    {QRMP_UP, "gstr3b", "2025-26-Q3", "2026-01-24"},
    {QRMP_MH, "gstr3b", "2025-26-Q4", "2026-04-22"},
    {QRMP_UP, "gstr3b", "2025-26-Q4", "2026-04-24"},
    /* PMT-06: the 25th after the quarter's first two months only */
    {QRMP_UP, "pmt06", "2025-10", "2025-11-25"},
    {QRMP_UP, "pmt06", "2026-02", "2026-03-25"},
    /* composition: CMP-08 the 18th after the quarter; GSTR-4 30 April after the FY */
    {COMP_WB, "cmp08", "2025-26-Q4", "2026-04-18"},
    {COMP_WB, "cmp08", "2025-26-Q3", "2026-01-18"},
    {COMP_WB, "gstr4", "2025-26", "2026-04-30"},
    /* annual returns: 31 December after the FY; 9C above ₹5 crore */
    {REGULAR_MH, "gstr9", "2025-26", "2026-12-31"},
    {REGULAR_MH, "gstr9c", "2025-26", "2026-12-31"},
    /* TDS: the 7th, but March's by 30 April; returns 31 Jul / 31 Oct / 31 Jan / 31 May */
    {REGULAR_MH, "tds_deposit", "2026-02", "2026-03-07"},
    {REGULAR_MH, "tds_deposit", "2026-03", "2026-04-30"},
    {REGULAR_MH, "tds_deposit", "2026-04", "2026-05-07"},
    {REGULAR_MH, "tds_return", "2025-26-Q1", "2025-07-31"},
    {REGULAR_MH, "tds_return", "2025-26-Q2", "2025-10-31"},
    {REGULAR_MH, "tds_return", "2025-26-Q3", "2026-01-31"},
    {REGULAR_MH, "tds_return", "2025-26-Q4", "2026-05-31"},
    /* payroll: the 15th */
    {REGULAR_MH, "epf", "2026-03", "2026-04-15"},
    {REGULAR_MH, "esi", "2025-12", "2026-01-15"},
    {COMP_WB, "esi", "2026-01", "2026-02-15"},
    /* advance tax: 15 Jun, 15 Sep, 15 Dec, 15 Mar inside the FY; presumptive 15 Mar */
    {REGULAR_MH, "advance_tax", "2025-26-I1", "2025-06-15"},
    {REGULAR_MH, "advance_tax", "2025-26-I2", "2025-09-15"},
    {REGULAR_MH, "advance_tax", "2025-26-I3", "2025-12-15"},
    {REGULAR_MH, "advance_tax", "2025-26-I4", "2026-03-15"},
    {SMALL_KA, "advance_tax", "2025-26-I4", "2026-03-15"},
    /* ITR: audit 31 October, non-audit 31 July; FY 2024-25 extended */
    {REGULAR_MH, "itr", "2025-26", "2026-10-31"},
    {SMALL_KA, "itr", "2025-26", "2026-07-31"},
    {REGULAR_MH, "itr", "2024-25", "2025-12-10"},
    {SMALL_KA, "itr", "2024-25", "2025-09-15"},
    /* MSME Form-I: 31 October for Apr-Sep, 30 April for Oct-Mar */
    {REGULAR_MH, "msme_form1", "2025-26-H1", "2025-10-31"},
    {REGULAR_MH, "msme_form1", "2025-26-H2", "2026-04-30"},
    /* Udyam review (Samanvay's reminder): 31 October after the FY */
    {SMALL_KA, "udyam_update", "2025-26", "2026-10-31"},
    /* professional tax: Maharashtra 31 March; West Bengal the 21st and 31 July; Karnataka the 15th */
    {REGULAR_MH, "professional_tax", "2025-26", "2026-03-31"},
    {COMP_WB, "professional_tax", "2025-12", "2026-01-21"},
    {COMP_WB, "professional_tax", "2026-27", "2026-07-31"},
    {SMALL_KA, "professional_tax", "2026-03", "2026-04-15"},
};

static void test_due_dates(void **state)
{
    struct calendar cal = {0};

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct due_case *c = &cases[i];
        const struct calendar_item *it;
        char got[DATE_STR_LEN];
        build(c->enterprise, "2025-04-01", "2027-03-31", &cal);
        if ((it = find(&cal, c->obligation, c->period)) == NULL)
            fail_msg("case %zu: no %s for %s", i, c->obligation, c->period);
        date_format(it->due, got);
        if (strcmp(got, c->due) != 0)
            fail_msg("case %zu: %s %s due %s, want %s", i, c->obligation, c->period, got, c->due);
    }
    calendar_release(&cal);
}

/* What must not be there: the other regime's returns, EPF below 20 employees, PMT-06 for a
 * quarter's third month, Maharashtra's tax in Karnataka. */
static void test_who_is_bound(void **state)
{
    struct calendar cal = {0};

    (void)state;
    build(QRMP_MH, "2025-04-01", "2026-03-31", &cal);
    assert_null(find(&cal, "gstr1", "2025-06"));
    assert_null(find(&cal, "pmt06", "2025-06"));
    assert_null(find(&cal, "cmp08", "2025-26-Q1"));
    assert_null(find(&cal, "epf", "2025-06"));
    assert_null(find(&cal, "esi", "2025-06"));
    assert_null(find(&cal, "msme_form1", "2025-26-H1"));
    assert_non_null(find(&cal, "pmt06", "2025-05"));
    build(SMALL_KA, "2025-04-01", "2026-03-31", &cal);
    assert_null(find(&cal, "gstr3b", "2025-26-Q1"));
    assert_null(find(&cal, "gstr3b", "2025-05"));
    assert_null(find(&cal, "tds_deposit", "2025-05"));
    for (size_t i = 0; i < cal.n; i++)
        assert_false(strcmp(cal.items[i].obligation->id, "professional_tax") == 0
                     && strcmp(cal.items[i].rule->name, "maharashtra_enrolled") == 0);
    calendar_release(&cal);
}

/* The window is on due dates, inclusive, and the items come in due-date order. */
static void test_window_and_order(void **state)
{
    struct calendar cal = {0};

    (void)state;
    build(REGULAR_MH, "2026-01-11", "2026-01-20", &cal);
    assert_non_null(find(&cal, "gstr1", "2025-12"));    /* due on the first day */
    assert_non_null(find(&cal, "gstr3b", "2025-12"));   /* due on the last day */
    assert_null(find(&cal, "tds_deposit", "2025-12"));  /* 7 January: before */
    assert_null(find(&cal, "tds_return", "2025-26-Q3")); /* 31 January: after */
    for (size_t i = 1; i < cal.n; i++)
        assert_true(cal.items[i - 1].due <= cal.items[i].due);
    calendar_release(&cal);
}

/* Employees unknown: EPF and ESI are listed as conditional, naming the fact. */
static void test_conditional(void **state)
{
    struct calendar cal = {0};
    const struct calendar_item *it;

    (void)state;
    build("\"gst_scheme\": \"regular\", \"state\": \"27\", \"constitution\": \"proprietorship\", "
          "\"turnover\": 9000000", "2025-04-01", "2025-06-30", &cal);
    assert_non_null(it = find(&cal, "epf", "2025-04"));
    assert_true(it->conditional);
    assert_true(it->missing & ((uint64_t)1 << PF_EMPLOYEES));
    assert_non_null(it = find(&cal, "gstr3b", "2025-04"));
    assert_false(it->conditional);
    calendar_release(&cal);
}

/* The status by date: past (no filings known), due soon (within 7 days), upcoming. */
static void test_status_by_date(void **state)
{
    struct calendar cal = {0};
    struct profile p;
    struct profile_issues is = {0};
    struct err e;
    const char *text = "{\"enterprise\": {\"gst_scheme\": \"regular\", \"state\": \"27\"}}";
    struct calendar_request rq;

    (void)state;
    profile_init(&p);
    assert_int_equal(profile_parse(text, strlen(text), &p, &is, &e), 0);
    rq = (struct calendar_request){.obligations = set, .ref = ref, .profile = &p,
                                   .as_of = day("2025-06-01"), .from = day("2025-07-01"),
                                   .to = day("2025-09-30"), .today = day("2025-08-14"), .aato = -1};
    assert_int_equal(calendar_build(&rq, &cal, &e), 0);
    assert_int_equal(find(&cal, "gstr3b", "2025-06")->status, CAL_NOT_KNOWN);  /* 20 July */
    assert_int_equal(find(&cal, "gstr1", "2025-07")->status, CAL_NOT_KNOWN);   /* 11 August */
    assert_int_equal(find(&cal, "gstr3b", "2025-07")->status, CAL_DUE_SOON);   /* 20 August */
    assert_int_equal(find(&cal, "gstr1", "2025-08")->status, CAL_UPCOMING);    /* 11 September */
    rq.from = day("2025-10-01");
    rq.to = day("2025-09-01");
    assert_int_equal(calendar_build(&rq, &cal, &e), -1);
    calendar_release(&cal);
    profile_issues_free(&is);
    profile_clear(&p);
}

/* GSTR-3B late fee (s.47, Notification 19/2021-CT) and s.50 interest, by
 * hand. Amounts in paise. */
static void test_late_fee_and_interest(void **state)
{
    const struct obligation *g = obligation_find(set, "gstr3b"), *c = obligation_find(set, "cmp08");
    const char *src;
    int32_t due = day("2025-07-20");

    (void)state;
    /* ₹50 a day: 10 days ₹500; 39 days ₹1,950; 40 days ₹2,000 = the cap up to ₹1.5 crore */
    assert_int_equal(obligation_late_fee(g, due, 10, false, 100 * MONEY_LAKH, &src), 50000);
    assert_non_null(src);
    assert_int_equal(obligation_late_fee(g, due, 39, false, 100 * MONEY_LAKH, &src), 195000);
    assert_int_equal(obligation_late_fee(g, due, 400, false, 150 * MONEY_LAKH, &src), 200000);
    /* over ₹1.5 crore up to ₹5 crore: ₹5,000 (100 days = ₹5,000 exactly); above: ₹10,000 */
    assert_int_equal(obligation_late_fee(g, due, 100, false, 150 * MONEY_LAKH + 100, &src), 500000);
    assert_int_equal(obligation_late_fee(g, due, 150, false, 4 * MONEY_CRORE, &src), 500000);
    assert_int_equal(obligation_late_fee(g, due, 150, false, 6 * MONEY_CRORE, &src), 750000);
    assert_int_equal(obligation_late_fee(g, due, 300, false, 6 * MONEY_CRORE, &src), 1000000);
    /* turnover unknown: the highest cap, so the fee shown is never less than owed */
    assert_int_equal(obligation_late_fee(g, due, 300, false, -1, &src), 1000000);
    /* a nil return: ₹20 a day, at most ₹500 */
    assert_int_equal(obligation_late_fee(g, due, 10, true, -1, &src), 20000);
    assert_int_equal(obligation_late_fee(g, due, 26, true, -1, &src), 50000);
    assert_int_equal(obligation_late_fee(g, due, 0, false, -1, &src), 0);
    /* before the capped regime (due before 20 July 2021) no fee rule is on file: not known */
    assert_int_equal(obligation_late_fee(g, day("2021-06-20"), 10, false, -1, &src), -1);
    /* CMP-08 carries no late-fee rule */
    assert_int_equal(obligation_late_fee(c, due, 10, false, -1, &src), -1);

    /* 18% a year, by days: ₹1,00,000 × 0.18 × 10 / 365 = ₹493.15 → ₹493 */
    assert_int_equal(obligation_interest(g, due, 10, 100000 * 100, &src), 49300);
    assert_non_null(src);
    /* ₹50,000 × 0.18 × 69 / 365 = ₹1,701.37 → ₹1,701; ₹10,000 × 0.18 × 1 / 365 = ₹4.93 → ₹5 */
    assert_int_equal(obligation_interest(g, due, 69, 50000 * 100, &src), 170100);
    assert_int_equal(obligation_interest(g, due, 1, 10000 * 100, &src), 500);
    /* ₹12,34,567 for a full year: ₹2,22,222.06 → ₹2,22,222 */
    assert_int_equal(obligation_interest(g, due, 365, 1234567 * (int64_t)100, &src), 22222200);
    assert_int_equal(obligation_interest(g, due, 0, 100000 * 100, &src), 0);
    assert_int_equal(obligation_interest(g, due, 10, 0, &src), 0);
    assert_int_equal(obligation_interest(g, due, 10, -1, &src), -1); /* late, tax not known */
}

/* Filings make the status: two GSTINs, one on time and one late, make the
 * item late, with both late fees summed; a return on file as not filed
 * makes it overdue. */
static void test_status_from_filings(void **state)
{
    struct calendar cal = {0};
    struct profile p;
    struct profile_issues is = {0};
    struct err e;
    const char *text = "{\"enterprise\": {\"gst_scheme\": \"regular\", \"state\": \"27\"}}";
    struct calendar_filing f[4];
    struct calendar_request rq;
    const struct calendar_item *it;

    (void)state;
    profile_init(&p);
    assert_int_equal(profile_parse(text, strlen(text), &p, &is, &e), 0);
    assert_int_equal(calendar_filing_from_gst("GSTR3B", "monthly", "2025-06", &f[0]), 0);
    f[0].filed_on = day("2025-07-20");
    f[0].tax = 500000;
    assert_int_equal(calendar_filing_from_gst("GSTR3B", "monthly", "2025-06", &f[1]), 0);
    f[1].filed_on = day("2025-07-25");
    f[1].tax = 3650000; /* ₹36,500 × 0.18 × 5 / 365 = ₹90 */
    assert_int_equal(calendar_filing_from_gst("GSTR3B", "monthly", "2025-07", &f[2]), 0);
    assert_int_equal(calendar_filing_from_gst("GSTR3B", "quarterly", "2025-09", &f[3]), 0);
    assert_string_equal(f[3].period, "2025-26-Q2");
    assert_int_equal(calendar_filing_from_gst("GSTR1", "monthly", "2025-07", &f[3]), -1);
    assert_int_equal(calendar_filing_from_gst("GSTR3B", "monthly", "2025-7", &f[3]), -1);
    rq = (struct calendar_request){.obligations = set, .ref = ref, .profile = &p,
                                   .as_of = day("2025-06-01"), .from = day("2025-07-01"),
                                   .to = day("2025-09-30"), .today = day("2025-09-01"),
                                   .filings = f, .n_filings = 3, .aato = 100 * MONEY_LAKH};
    assert_int_equal(calendar_build(&rq, &cal, &e), 0);
    it = find(&cal, "gstr3b", "2025-06");
    assert_int_equal(it->status, CAL_FILED_LATE);
    assert_int_equal(it->days_late, 5);
    assert_int_equal(it->filed_on, day("2025-07-25"));
    assert_int_equal(it->late_fee, 25000);
    assert_int_equal(it->interest, 9000);
    it = find(&cal, "gstr3b", "2025-07"); /* due 20 August, on file unfiled, today 1 September */
    assert_int_equal(it->status, CAL_OVERDUE);
    assert_int_equal(it->days_late, 12);
    assert_int_equal(it->late_fee, 60000);
    assert_int_equal(it->interest, -1);
    it = find(&cal, "gstr1", "2025-07"); /* no GSTR-1 data: the date alone */
    assert_int_equal(it->status, CAL_NOT_KNOWN);
    assert_int_equal(it->late_fee, -1);
    calendar_release(&cal);
    profile_issues_free(&is);
    profile_clear(&p);
}

static void expect_error(const char *text, const char *want)
{
    struct err e;
    struct obligation_set *s = obligation_set_new(&e);

    assert_non_null(s);
    if (obligation_set_add(s, "t.yaml", text, strlen(text), &e) == 0)
        fail_msg("accepted:\n%s", text);
    if (strstr(e.msg, want) == NULL)
        fail_msg("message '%s' lacks '%s'", e.msg, want);
    obligation_set_free(s);
}

#define HEAD "id: x\nname: X\nname_hi: X\nwhat: W\nwhat_hi: W\n"
#define RULE "rules:\n  - {name: m, applies: enterprise.employees >= 10, from: 2017-04-01, every: month, "

static void test_file_errors(void **state)
{
    (void)state;
    expect_error(HEAD RULE "due: {months_after: 1, day: 15}, source: s}\n"
                 "extensions:\n  - {rule: n, period: 2025-04, due: 2025-05-20, source: s}\n",
                 "names no rule");
    expect_error(HEAD RULE "due: {months_after: 1, day: 32}, source: s}\n", "from 1 to 31");
    expect_error(HEAD RULE "due: {month_after: 1, day: 15}, source: s}\n", "unknown key");
    expect_error(HEAD RULE "due: {months_after: 1, day: 15}}\n", "source: is required");
    expect_error(HEAD "rules:\n  - {name: m, applies: enterprise.employes >= 10, from: 2017-04-01, "
                 "every: month, due: {months_after: 1, day: 15}, source: s}\n", "t.yaml:");
    expect_error(HEAD "rules:\n  - {name: m, applies: enterprise.employees, from: 2017-04-01, "
                 "every: month, due: {months_after: 1, day: 15}, source: s}\n", "t.yaml:");
    expect_error(HEAD RULE "due: {months_after: 1, day: 15}, source: s, unconfirmed: true}\n",
                 "say in `note`");
    expect_error(HEAD "rules:\n  - {name: m, applies: enterprise.employees >= 10, from: 2017-04-01, "
                 "every: fortnight, due: {months_after: 1, day: 15}, source: s}\n", "expected month");
}

/* Every shipped obligation has a source on every rule, and the ids DESIGN.md §5 names. */
static void test_shipped_ids(void **state)
{
    static const char *const ids[] = {"gstr1", "gstr3b", "pmt06", "cmp08", "gstr4", "gstr9",
                                      "gstr9c", "tds_deposit", "tds_return", "epf", "esi",
                                      "advance_tax", "itr", "msme_form1", "udyam_update",
                                      "professional_tax"};

    (void)state;
    assert_int_equal(set->n, sizeof ids / sizeof ids[0]);
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const struct obligation *o = obligation_find(set, ids[i]);
        if (o == NULL)
            fail_msg("no obligation %s", ids[i]);
        for (int k = 0; k < o->n_rules; k++)
            assert_true(o->rule[k].source != NULL && o->rule[k].source[0]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_due_dates),       cmocka_unit_test(test_who_is_bound),
        cmocka_unit_test(test_window_and_order), cmocka_unit_test(test_conditional),
        cmocka_unit_test(test_status_by_date),  cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_shipped_ids),     cmocka_unit_test(test_late_fee_and_interest),
        cmocka_unit_test(test_status_from_filings),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
