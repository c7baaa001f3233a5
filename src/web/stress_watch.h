/* stress_watch.h: the watchlist as the page, its spreadsheet and the API
 * all read it: the caller's scope, the latest scoring month, one page of
 * enterprises at or above STRESS_ALERT_PROBABILITY, and an audit row for
 * every enterprise shown (written before anything is shown). One module,
 * so the three cannot list or audit differently.
 *
 * It also says which help fits which reason: the catalogue schemes that
 * address stress (CGTMSE, PMMY for working capital, TReDS and Samadhaan for
 * delayed receivables) and the RBI Framework for Revival and Rehabilitation
 * of MSMEs, which is a bank's duty, not a scheme (docs/stress-views.md). */
#ifndef SAMANVAY_STRESS_WATCH_H
#define SAMANVAY_STRESS_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "analytics/stress_reason.h"
#include "store/store_stress_view.h"
#include "web/request.h"

#define STRESS_WATCH_PAGE 25          /* rows a page shows */
#define STRESS_WATCH_EXPORT 5000      /* rows a spreadsheet or API call may carry */

struct stress_watch_item {
    struct stress_watch_row row;
    struct stress_reason reasons[STRESS_REASONS_MAX];
    int n_reasons;                    /* -1 when the stored reasons do not parse */
};

struct stress_watch {
    char month[STRESS_MONTH_LEN];     /* "" when nothing is scored yet */
    int64_t total;                    /* in stress in the scope */
    size_t offset;
    struct stress_watch_item *items;
    size_t n, cap;
};

/* Fill w for the caller's scope: 0, 1 when the account has no area (the
 * caller answers 403), -1 with e set. Audits each listed enterprise with
 * `action`. */
int stress_watch_load(struct web_request *rq, size_t offset, size_t limit, const char *action,
                      struct stress_watch *w, struct err *e);
void stress_watch_release(struct stress_watch *w);

/* Help for stress, in the order the page lists it. */
enum stress_help {
    HELP_REVIVAL = 0,  /* RBI framework: corrective action plan, restructuring */
    HELP_CGTMSE,
    HELP_PMMY,
    HELP_TREDS,
    HELP_SAMADHAAN,
    HELP_COUNT
};
/* The catalogue id ("cgtmse"), or NULL for the RBI framework. */
const char *stress_help_scheme(enum stress_help h);
/* A short name for a list ("CGTMSE", or the framework's in the current language). */
const char *stress_help_short(enum stress_help h);
/* Which help fits these reasons: want[h] set for each. */
void stress_help_for(const struct stress_reason *r, int n, bool want[HELP_COUNT]);

#endif
