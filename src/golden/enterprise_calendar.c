/* enterprise_calendar.c: a stored enterprise's calendar (enterprise_calendar.h). */
#include "golden/enterprise_calendar.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "golden/golden.h"
#include "core/buf.h"
#include "store/store_application.h"
#include "store/store_gst.h"
#include "store/store_reminder.h"

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

int enterprise_calendar_build(struct store *s, const struct enterprise_calendar_request *rq,
                              const struct profile *p, struct enterprise_calendar *out,
                              struct err *e)
{
    int rc;

    memset(out, 0, sizeof *out);
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
    return rc;
}

int enterprise_calendar_load(struct store *s, const struct enterprise_calendar_request *rq,
                             struct enterprise_calendar *out, bool *found, struct err *e)
{
    struct golden_record g;
    int rc;

    memset(out, 0, sizeof *out);
    if (golden_record_load(s, rq->rules, rq->enterprise_id, rq->today, &g, found, e) != 0 || !*found) {
        golden_record_free(&g);
        return *found ? -1 : 0;
    }
    rc = enterprise_calendar_build(s, rq, &g.profile, out, e);
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

static bool wants_reminder(const struct calendar_item *it, int32_t today, int days)
{
    /* an item that may not apply (a fact is missing) would be noise in a reminder */
    return !it->conditional && it->due >= today && it->due <= date_add_days(today, days)
           && (it->status == CAL_UPCOMING || it->status == CAL_DUE_SOON);
}

/* Mark the items reminded and write the digest's detail (inside the transaction). */
static int mark_items(struct store *s, int64_t id, const struct enterprise_calendar *c,
                      int32_t today, int days, struct notification_row *n, int *n_new,
                      struct err *e)
{
    struct buf detail = BUF_INIT;
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < c->cal.n; i++) {
        const struct calendar_item *it = &c->cal.items[i];
        char due[DATE_STR_LEN];
        bool added;
        if (!wants_reminder(it, today, days))
            continue;
        rc = store_reminder_add(s, id, it->obligation->id, it->period, it->due, today, &added, e);
        if (rc != 0 || !added)
            continue;
        date_format(it->due, due);
        /* a digest longer than a notification holds names the rest on the calendar page */
        if (detail.len + strlen(it->obligation->id) + strlen(it->period) + DATE_STR_LEN + 3
            < sizeof n->detail
            && buf_printf(&detail, "%s%s/%s/%s", detail.len ? " " : "", it->obligation->id,
                          it->period, due) != 0)
            rc = err_set(e, "reminder: out of memory");
        (*n_new)++;
    }
    if (rc == 0 && detail.len > 0)
        snprintf(n->detail, sizeof n->detail, "%s", detail.data);
    buf_release(&detail);
    return rc;
}

int enterprise_calendar_remind(struct store *s, int64_t enterprise_id,
                               const struct enterprise_calendar *c, int32_t today, int days,
                               int *n_new, struct err *e)
{
    struct notification_row n = {.enterprise_id = enterprise_id, .kind = REMINDER_KIND};
    bool any = false;

    *n_new = 0;
    for (size_t i = 0; !any && i < c->cal.n; i++)
        any = wants_reminder(&c->cal.items[i], today, days);
    if (!any) /* the common case: no write, no transaction */
        return 0;
    if (store_begin(s, e) != 0)
        return -1;
    if (mark_items(s, enterprise_id, c, today, days, &n, n_new, e) != 0
        || (*n_new > 0 && store_notify(s, &n, e) != 0)) {
        store_rollback(s);
        *n_new = 0;
        return -1;
    }
    return store_commit(s, e);
}

int enterprise_calendar_send_digest(struct store *s, const struct enterprise_calendar_request *rq,
                                    int days, int *n_new, struct err *e)
{
    struct enterprise_calendar_request window = *rq;
    struct enterprise_calendar cal;
    bool found = false;
    int rc;

    *n_new = 0;
    window.from = rq->today;
    window.to = date_add_days(rq->today, days);
    rc = enterprise_calendar_load(s, &window, &cal, &found, e);
    if (rc == 0 && found)
        rc = enterprise_calendar_remind(s, rq->enterprise_id, &cal, rq->today, days, n_new, e);
    enterprise_calendar_free(&cal);
    return rc;
}
