/* enterprise_calendar.c: a stored enterprise's calendar (enterprise_calendar.h). */
#include "golden/enterprise_calendar.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "golden/golden.h"
#include "store/store_gst.h"

/* The returns whose due dates can fall in the window: a return is due at
 * most a year after its period (GSTR-9 aside, which the feed does not
 * carry), so periods from a year before `from` on. */
static void first_period(int32_t from, char out[8])
{
    int y, m, d;

    date_to_ymd(date_add_months(from, -13), &y, &m, &d);
    snprintf(out, 8, "%04d-%02d", y, m);
}

static int load_filings(struct store *s, const struct enterprise_calendar_request *rq,
                        struct enterprise_calendar *out, struct err *e)
{
    struct gst_return *rows = NULL;
    char first[8];
    size_t n = 0;

    first_period(rq->from, first);
    if (store_gst_filings(s, rq->enterprise_id, first, &rows, &n, e) != 0)
        return -1;
    out->filings = n > 0 ? mem_calloc(n, sizeof *out->filings) : NULL;
    if (n > 0 && out->filings == NULL) {
        mem_free(rows);
        return err_set(e, "calendar: out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        struct calendar_filing *f = &out->filings[out->n_filings];
        if (calendar_filing_from_gst(rows[i].return_type, rows[i].frequency, rows[i].period, f) != 0)
            continue;
        f->filed_on = rows[i].filed_on;
        f->tax = rows[i].tax;
        f->nil = rows[i].taxable_value == 0 && rows[i].tax <= 0;
        out->n_filings++;
    }
    mem_free(rows);
    return 0;
}

int enterprise_calendar_load(struct store *s, const struct enterprise_calendar_request *rq,
                             struct enterprise_calendar *out, bool *found, struct err *e)
{
    struct golden_record g;
    const struct profile *p;
    int rc;

    memset(out, 0, sizeof *out);
    if (golden_record_load(s, rq->rules, rq->enterprise_id, rq->today, &g, found, e) != 0 || !*found) {
        golden_record_free(&g);
        return *found ? -1 : 0;
    }
    p = &g.profile;
    rc = load_filings(s, rq, out, e);
    if (rc == 0) {
        struct calendar_request cr = {
            .obligations = rq->obligations, .ref = rq->ref, .profile = p,
            .as_of = p->f[PF_AS_OF].state == FACT_KNOWN ? (int32_t)p->f[PF_AS_OF].i : rq->today,
            .from = rq->from, .to = rq->to, .today = rq->today, .soon_days = rq->soon_days,
            .filings = out->filings, .n_filings = out->n_filings,
            /* the profile's turnover is the latest year's: the caps' "preceding year" */
            .aato = p->f[PF_TURNOVER].state == FACT_KNOWN ? p->f[PF_TURNOVER].i : -1};
        rc = calendar_build(&cr, &out->cal, e);
    }
    for (size_t i = 0; rc == 0 && i < out->cal.n; i++) {
        out->overdue += out->cal.items[i].status == CAL_OVERDUE;
        out->filed_late += out->cal.items[i].status == CAL_FILED_LATE;
    }
    golden_record_free(&g);
    return rc;
}

void enterprise_calendar_free(struct enterprise_calendar *c)
{
    calendar_release(&c->cal);
    mem_free(c->filings);
    c->filings = NULL;
    c->n_filings = 0;
}
