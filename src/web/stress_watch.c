/* stress_watch.c: see stress_watch.h. */
#include "web/stress_watch.h"

#include <string.h>

#include "core/alloc.h"
#include "web/access_scope.h"
#include "web/portal.h"

static int keep_row(void *ctx, const struct stress_watch_row *r)
{
    struct stress_watch *w = ctx;
    struct stress_watch_item *it;

    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 32;
        void *p = mem_realloc(w->items, cap * sizeof *w->items);
        if (p == NULL)
            return -1;
        w->items = p;
        w->cap = cap;
    }
    it = &w->items[w->n++];
    it->row = *r;
    if (stress_reasons_parse(r->reasons, it->reasons, &it->n_reasons) != 0)
        it->n_reasons = -1;
    return 0;
}

/* One audit row per enterprise shown, in one transaction: the read is on
 * record before the answer leaves. */
static int audit_rows(struct web_request *rq, const struct stress_watch *w, const char *action,
                      struct err *e)
{
    if (w->n == 0)
        return portal_audit_read(rq, 0, action, e);
    if (store_begin(rq->store, e) != 0)
        return -1;
    for (size_t i = 0; i < w->n; i++)
        if (portal_audit_read(rq, w->items[i].row.enterprise_id, action, e) != 0) {
            store_rollback(rq->store);
            return -1;
        }
    return store_commit(rq->store, e);
}

int stress_watch_load(struct web_request *rq, size_t offset, size_t limit, const char *action,
                      struct stress_watch *w, struct err *e)
{
    char gst[4], district[64];
    bool found;

    memset(w, 0, sizeof *w);
    w->offset = offset;
    /* The router resolved the officer's area (SCOPE_AREA, authz.c). */
    snprintf(gst, 4, "%s", rq->grant.gst_state);
    snprintf(district, 64, "%s", rq->grant.district);
    if (store_stress_latest_month(rq->store, w->month, &found, e) != 0)
        return -1;
    if (!found)
        return portal_audit_read(rq, 0, action, e);
    /* The store hands out at most STRESS_WATCH_PAGE_MAX rows a call. */
    do {
        size_t before = w->n, want = limit - w->n;
        e->msg[0] = '\0';
        if (store_stress_watchlist(rq->store, gst, district, w->month, STRESS_ALERT_PROBABILITY,
                                   offset + w->n, want, keep_row, w, &w->total, e) != 0)
            return e->msg[0] ? -1 : err_set(e, "out of memory");
        if (w->n == before)
            break;
    } while (w->n < limit && (int64_t)(offset + w->n) < w->total);
    return audit_rows(rq, w, action, e);
}

void stress_watch_release(struct stress_watch *w)
{
    mem_free(w->items);
    w->items = NULL;
    w->n = w->cap = 0;
}

/* --- help ------------------------------------------------------------------- */

const char *stress_help_scheme(enum stress_help h)
{
    static const char *const ids[HELP_COUNT] = {NULL, "cgtmse", "pmmy", "treds", "samadhaan"};

    return (unsigned)h < HELP_COUNT ? ids[h] : NULL;
}

const char *stress_help_short(enum stress_help h)
{
    static const char *const names[HELP_COUNT] = {
        N_("Revival framework"), "CGTMSE", N_("Mudra loan"), "TReDS", "Samadhaan",
    };

    return (unsigned)h < HELP_COUNT ? _(names[h]) : "";
}

void stress_help_for(const struct stress_reason *r, int n, bool want[HELP_COUNT])
{
    memset(want, 0, HELP_COUNT * sizeof want[0]);
    for (int i = 0; i < n; i++) {
        const char *c = r[i].code;
        if (strcmp(c, "sma") == 0 || strcmp(c, "dpd_peak") == 0) {
            /* In arrears: the bank's corrective action plan, and guaranteed credit. */
            want[HELP_REVIVAL] = want[HELP_CGTMSE] = true;
        } else if (strcmp(c, "utilisation_high") == 0 || strcmp(c, "new_borrowing") == 0) {
            want[HELP_PMMY] = want[HELP_CGTMSE] = true;
        } else if (strncmp(c, "turnover_", 9) == 0 || strcmp(c, "tax_ratio_down") == 0) {
            want[HELP_PMMY] = true;
        } else if (strcmp(c, "payments_delayed") == 0) {
            want[HELP_SAMADHAAN] = want[HELP_TREDS] = true;
        }
        /* Late returns and overdue compliance: the calendar, not a scheme. */
    }
}
