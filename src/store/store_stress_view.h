/* store_stress_view.h: what the officer and policymaker pages read of the
 * stress scores (migration 0014_stress.sql).
 *
 * Every page reads one scoring month, the latest, so a watchlist and a
 * heatmap opened together agree. The watchlist lists enterprises of a scope
 * at or above a probability, most likely to slip first; the aggregates
 * count enterprises by place and two-digit NIC division, for the caller to
 * fold into sectors (analytics/stress_sector.h) and suppress small cells
 * (analytics/suppress.h): the store never decides what may be published.
 * Every function returns 0 or -1 with the reason in `e`. */
#ifndef SAMANVAY_STORE_STRESS_VIEW_H
#define SAMANVAY_STORE_STRESS_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

#define STRESS_MONTH_LEN 8              /* 'YYYY-MM' + NUL */
#define STRESS_WATCH_PAGE_MAX 500       /* rows per watchlist call */
#define STRESS_REASONS_JSON_MAX 1024    /* a score's reasons as stored */
/* Place × division groups one aggregate call may return: 100 states or
 * the districts of one state, times the 88 NIC-2008 divisions. */
#define STRESS_GROUPS_MAX 20000

struct stress_watch_row {
    int64_t enterprise_id;
    char name[256];
    char udyam[32];
    char gst_state[4];
    char district[64];
    char nic[16];
    double probability;
    char month[STRESS_MONTH_LEN];      /* the scoring month */
    /* First month of the run of scores at or above the threshold that
     * reaches `month`: how long the signal has shown. */
    char since[STRESS_MONTH_LEN];
    char reasons[STRESS_REASONS_JSON_MAX];  /* JSON as stored; "[]" if too long */
};

/* The latest month with any score; *found false when none is stored. */
int store_stress_latest_month(struct store *s, char month[STRESS_MONTH_LEN], bool *found,
                              struct err *e);

/* Enterprises of the scope (gst_state "" = every state; district "" = the
 * whole state, compared ignoring case) scored in `month` at or above
 * min_probability, by falling probability then id, rows offset ..
 * offset+limit (limit at most STRESS_WATCH_PAGE_MAX). *total counts every
 * such enterprise. A callback answering non-zero stops (negative: error). */
int store_stress_watchlist(struct store *s, const char *gst_state, const char *district,
                           const char *month, double min_probability, size_t offset, size_t limit,
                           int (*fn)(void *ctx, const struct stress_watch_row *r), void *ctx,
                           int64_t *total, struct err *e);

struct stress_group {
    char gst_state[4];
    char district[64];        /* "" in the national view */
    char division[3];         /* two NIC digits, or "" when not known */
    int64_t scored;           /* enterprises scored in the month */
    int64_t stressed;         /* of them at or above the threshold */
    double probability_sum;
};

/* Counts for `month` by state × division (gst_state "") or, for one state,
 * by district × division. */
int store_stress_groups(struct store *s, const char *gst_state, const char *month,
                        double threshold, int (*fn)(void *ctx, const struct stress_group *g),
                        void *ctx, struct err *e);

#endif
