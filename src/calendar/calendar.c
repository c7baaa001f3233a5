/* calendar.c: the calendar of one enterprise (calendar.h). */
#include "calendar/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "rules/facts.h"
#include "rules/vm.h"

#define LOOKBACK_MONTHS 24   /* a period whose due date can fall in the window starts at most this early */

static const char *const status_names[] = {
    [CAL_UPCOMING] = "upcoming",         [CAL_DUE_SOON] = "due_soon",
    [CAL_FILED_ON_TIME] = "filed_on_time", [CAL_FILED_LATE] = "filed_late",
    [CAL_OVERDUE] = "overdue",           [CAL_NOT_KNOWN] = "not_known",
};

const char *calendar_status_name(enum calendar_status s)
{
    return status_names[s];
}

/* The first period start of this recurrence on or after `d`. */
static int32_t period_start_on_or_after(enum recurrence every, int32_t d)
{
    static const int step[] = {[EVERY_MONTH] = 1, [EVERY_QUARTER] = 3, [EVERY_HALF_YEAR] = 6,
                               [EVERY_YEAR] = 12};
    int month = date_month_index(d);
    int y, m, day;

    date_to_ymd(d, &y, &m, &day);
    if (day > 1)
        month++;
    /* Periods are aligned to the financial year, which starts in April (month index % 12 == 3). */
    while ((month - 3) % step[every] != 0)
        month++;
    return date_month_first(month);
}

static int32_t next_period(enum recurrence every, int32_t start)
{
    return date_add_days(obligation_period_last(every, start), 1);
}

static const struct extension *extension_of(const struct obligation *o,
                                            const struct obligation_rule *r, const char *period)
{
    for (int i = 0; i < o->n_ext; i++)
        if (strcmp(o->ext[i].rule, r->name) == 0 && strcmp(o->ext[i].period, period) == 0)
            return &o->ext[i];
    return NULL;
}

static enum calendar_status status_by_date(const struct calendar_request *rq, int32_t due)
{
    int soon = rq->soon_days > 0 ? rq->soon_days : 7;

    if (due < rq->today)
        return CAL_NOT_KNOWN;
    return due <= date_add_days(rq->today, soon) ? CAL_DUE_SOON : CAL_UPCOMING;
}

int calendar_filing_from_gst(const char *return_type, const char *frequency, const char *period,
                             struct calendar_filing *out)
{
    int32_t last;
    int y, m;

    memset(out, 0, sizeof *out);
    if (strcmp(return_type, "GSTR3B") == 0)
        out->obligation = "gstr3b";
    else if (strcmp(return_type, "CMP08") == 0)
        out->obligation = "cmp08";
    else
        return -1;
    if (strlen(period) != 7 || sscanf(period, "%4d-%2d", &y, &m) != 2
        || date_from_ymd(y, m, 1, &last) != 0)
        return -1;
    if (strcmp(frequency, "quarterly") == 0)
        obligation_period_label(EVERY_QUARTER, date_add_months(last, -2), 0, out->period);
    else
        obligation_period_label(EVERY_MONTH, last, 0, out->period);
    out->filed_on = DATE_UNKNOWN;
    out->tax = -1;
    return 0;
}

/* Add v to *sum, or mark the sum not known when v is (-1). */
static void add_known(int64_t *sum, bool *known, int64_t v)
{
    if (v < 0)
        *known = false;
    else
        *sum += v;
}

/* Read the filings of this item: the status, and the late fee and
 * interest summed over the unit's returns (one per GSTIN). A figure the
 * data cannot give stays -1 (shown as not known), never 0: an obligation
 * with no fee rule on file, or a late return whose tax is not reported. */
static void apply_filings(const struct calendar_request *rq, struct calendar_item *it)
{
    int worst = -1; /* 0 on time, 1 late, 2 not filed */
    bool fee_known = true, interest_known = true;
    int64_t fee = 0, interest = 0;

    it->filed_on = DATE_UNKNOWN;
    it->late_fee = it->interest = -1;
    for (size_t i = 0; i < rq->n_filings; i++) {
        const struct calendar_filing *f = &rq->filings[i];
        int32_t upto;
        int64_t days;
        int kind;
        if (strcmp(f->obligation, it->obligation->id) != 0 || strcmp(f->period, it->period) != 0)
            continue;
        upto = f->filed_on != DATE_UNKNOWN ? f->filed_on : rq->today;
        days = upto > it->due ? upto - it->due : 0;
        kind = f->filed_on == DATE_UNKNOWN ? 2 : days > 0;
        if (f->filed_on != DATE_UNKNOWN && (it->filed_on == DATE_UNKNOWN || f->filed_on > it->filed_on))
            it->filed_on = f->filed_on;
        add_known(&fee, &fee_known, obligation_late_fee(it->obligation, it->due, days, f->nil,
                                                        rq->aato, &it->late_fee_source));
        add_known(&interest, &interest_known,
                  obligation_interest(it->obligation, it->due, days, f->tax, &it->interest_source));
        if (days > it->days_late)
            it->days_late = days;
        if (kind > worst)
            worst = kind;
    }
    if (worst < 0)
        return;
    it->late_fee = fee_known ? fee : -1;
    it->interest = interest_known ? interest : -1;
    if (worst == 0)
        it->status = CAL_FILED_ON_TIME;
    else if (worst == 1)
        it->status = CAL_FILED_LATE;
    else if (it->due < rq->today)
        it->status = CAL_OVERDUE;
}

static int push(struct calendar *cal, const struct calendar_item *it, struct err *e)
{
    if (cal->n == cal->cap) {
        size_t nc = cal->cap ? cal->cap * 2 : 64;
        struct calendar_item *p = mem_realloc(cal->items, nc * sizeof *p);
        if (p == NULL)
            return err_set(e, "out of memory");
        cal->items = p;
        cal->cap = nc;
    }
    cal->items[cal->n++] = *it;
    return 0;
}

static bool rule_in_force(const struct obligation_rule *r, int32_t start)
{
    return start >= r->from && (r->to == DATE_UNKNOWN || start <= r->to);
}

/* A rule that lists months binds only in those (PMT-06: the first two of a quarter). */
static bool month_listed(const struct obligation_rule *r, int month)
{
    bool any = false;

    for (int m = 1; m <= MONTHS_MAX; m++)
        any |= r->only_months[m];
    return !any || r->only_months[month];
}

/* Every period of one rule whose due date is in the window. */
static int rule_items(const struct calendar_request *rq, const struct obligation *o,
                      const struct obligation_rule *r, bool conditional, uint64_t missing,
                      struct calendar *cal, struct err *e)
{
    int32_t first = date_add_months(rq->from, -LOOKBACK_MONTHS);
    int32_t start = period_start_on_or_after(r->every, first > r->from ? first : r->from);

    for (; start <= rq->to; start = next_period(r->every, start)) {
        struct calendar_item it = {.obligation = o, .rule = r, .period_start = start,
                                   .period_end = obligation_period_last(r->every, start),
                                   .conditional = conditional, .missing = missing};
        int y, m, d;
        if (!rule_in_force(r, start))
            continue;
        date_to_ymd(start, &y, &m, &d);
        if (!month_listed(r, m))
            continue;
        obligation_period_label(r->every, start, r->instalment, it.period);
        it.due = obligation_rule_due(r, start);
        if ((it.extension = extension_of(o, r, it.period)) != NULL)
            it.due = it.extension->due;
        if (it.due < rq->from || it.due > rq->to)
            continue;
        it.status = status_by_date(rq, it.due);
        apply_filings(rq, &it);
        if (push(cal, &it, e) != 0)
            return -1;
    }
    return 0;
}

static int cmp_item(const void *x, const void *y)
{
    const struct calendar_item *a = x, *b = y;
    int c;

    if (a->due != b->due)
        return a->due < b->due ? -1 : 1;
    if ((c = strcmp(a->obligation->id, b->obligation->id)) != 0)
        return c;
    return strcmp(a->period, b->period);
}

int calendar_build(const struct calendar_request *rq, struct calendar *cal, struct err *e)
{
    struct facts facts;

    cal->n = 0;
    if (rq->from > rq->to)
        return err_set(e, "the window ends before it starts");
    facts_build(rq->ref, rq->profile, rq->as_of, &facts);
    for (size_t i = 0; i < rq->obligations->n; i++) {
        const struct obligation *o = &rq->obligations->o[i];
        for (int k = 0; k < o->n_rules; k++) {
            struct vm_state st = {.facts = &facts};
            struct value v;
            int truth;
            if (vm_run(o->rule[k].applies, &st, &v, e) != 0)
                return -1;
            if ((truth = vm_truth(&v)) == 0)
                continue;
            if (rule_items(rq, o, &o->rule[k], truth < 0, st.missing, cal, e) != 0)
                return -1;
        }
    }
    if (cal->n > 1)
        qsort(cal->items, cal->n, sizeof *cal->items, cmp_item);
    return 0;
}

void calendar_release(struct calendar *cal)
{
    mem_free(cal->items);
    memset(cal, 0, sizeof *cal);
}
