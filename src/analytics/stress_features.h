/* stress_features.h: one enterprise's monthly history, as the store holds
 * it, turned into the fixed feature vector of the stress early-warning at a
 * scoring month (docs/stress.md, "Features").
 *
 * Pure: no store, no clock. The store (store_stress.c) fills a
 * stress_history; this file only reads it, so the features can be tested
 * on hand-built histories.
 *
 * No lookahead: a feature at month t uses only facts dated in or before t.
 * A GST return counts only when it was filed by the last day of t (a return
 * filed later was not known then); a credit row only when its month is <= t;
 * a facility only when sanctioned by the end of t; a claim only when filed
 * by then, and it is open when it was not closed by then. The label
 * (stress_history_label) is the one thing that looks ahead, on purpose.
 *
 * Months are date_month_index values (year * 12 + month - 1); dates are
 * core/date.h days. */
#ifndef SAMANVAY_STRESS_FEATURES_H
#define SAMANVAY_STRESS_FEATURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/stress_reason.h"

/* One GST return. A quarterly return's period is the last month of its
 * quarter; its turnover is spread evenly over the quarter's three months. */
struct stress_gst {
    int32_t period;             /* month index */
    int32_t due_on;             /* date */
    int32_t filed_on;           /* date, or DATE_UNKNOWN when not filed */
    int64_t taxable_paise;      /* < 0: not given */
    int64_t tax_paise;          /* < 0: not given */
    bool quarterly;
};

struct stress_facility {
    int32_t sanctioned_on;      /* date */
    int64_t sanctioned_paise;
    bool working_capital;       /* cash credit or overdraft: a limit that can be drawn */
};

/* One month of one facility (credit_status). */
struct stress_credit {
    int32_t facility;           /* index into stress_history.facility */
    int32_t month;
    int64_t outstanding_paise;
    int32_t dpd;
};

/* A delayed-payment claim against a buyer (payment_claim). */
struct stress_claim {
    int32_t filed_on;           /* date */
    int32_t closed_on;          /* date settled or withdrawn; DATE_UNKNOWN while open */
};

/* A compliance item with a due date (today: the GST returns; EPF, ESI and
 * professional tax filings join when the store records them). */
struct stress_compliance {
    int32_t due_on;
    int32_t done_on;            /* DATE_UNKNOWN: not done */
};

/* Arrays need no order except `credit`, which is sorted by (facility, month). */
struct stress_history {
    int64_t enterprise_id;
    const struct stress_gst *gst;
    size_t n_gst;
    const struct stress_facility *facility;
    size_t n_facility;
    const struct stress_credit *credit;
    size_t n_credit;
    const struct stress_claim *claim;
    size_t n_claim;
    const struct stress_compliance *compliance;
    size_t n_compliance;
};

enum stress_feature {
    SF_RETURNS_MISSING_12,      /* returns due in the last 12 months, not filed by end of t */
    SF_RETURNS_LATE_12,         /* returns due in the last 12 months, filed late by end of t */
    SF_RETURNS_MISSING_3,       /* returns due in the last 3 months, not filed by end of t */
    SF_MONTHS_SINCE_FILED,      /* t minus the period of the latest return filed by end of t */
    /* The turnover trends count from the latest month with turnover on file
     * (within 6 months of t): a quarterly filer's last quarter, or the
     * last month whose return is in. */
    SF_TURNOVER_TREND_3,        /* mean turnover of the last 3 months / the 3 before, minus 1 */
    SF_TURNOVER_TREND_6,        /* the last 6 months against the 6 before */
    SF_TURNOVER_TREND_12,       /* the last 3 months against the same 3 a year earlier */
    SF_TURNOVER_CV_12,          /* coefficient of variation of monthly turnover, 12 months */
    SF_TAX_RATIO_CHANGE,        /* tax per 100 rupees of turnover: last 3 months minus months 4-12 */
    SF_SMA_CLASS,               /* worst class at t: -1 standard, 0 SMA-0, 1 SMA-1, 2 SMA-2, 3 NPA */
    SF_DPD_NOW,                 /* most days past due at t */
    SF_DPD_MAX_12,              /* most days past due in the last 12 months */
    SF_ARREARS_MONTHS_12,       /* months of the last 12 with any facility in arrears */
    SF_UTILISATION,             /* outstanding / limit on working-capital facilities at t */
    SF_UTILISATION_CHANGE_3,    /* that, minus the same 3 months earlier */
    SF_UTILISATION_CHANGE_12,   /* that, minus its mean over months t-12..t-6 (the
                                   facility's own normal, before any recent stress) */
    SF_NEW_FACILITIES_6,        /* facilities sanctioned in the last 6 months */
    SF_CLAIMS_OPEN,             /* delayed-payment claims filed by t and still open at t */
    SF_COMPLIANCE_OVERDUE_90,   /* compliance items more than 90 days past due at the end of t */
    SF_COUNT
};

/* The feature's name (stress_model.features, docs/stress.md). */
const char *stress_feature_name(int feature);
/* The reason code a feature's contribution is reported under
 * (stress_reason.h); every feature has one. */
const char *stress_feature_reason(int feature);

/* The features of h at month t into x[0..SF_COUNT); NAN where a feature
 * has nothing to stand on (no GST returns, no working-capital limit). */
void stress_features(const struct stress_history *h, int32_t t, float *x);

/* Whether h has a facility reported at month t (the model's population is
 * the enterprises with one that are not already NPA). */
bool stress_history_active(const struct stress_history *h, int32_t t, bool *npa);
/* The label: 1 when any facility is reported with DPD > 90 in t+1..t+12, 0
 * when none is and month t+12 has been reported (`last_month` >= t + 12),
 * NAN otherwise (not yet observable). */
float stress_history_label(const struct stress_history *h, int32_t t, int32_t last_month);
/* The first month of the current run in arrears at t (any facility with
 * DPD > 0 in every month from it to t), or -1 when not in arrears. */
int32_t stress_history_arrears_since(const struct stress_history *h, int32_t t);

/* The top reasons of one score: TreeSHAP contributions contrib[0..SF_COUNT)
 * summed per reason code, the positive ones in falling order, at most
 * STRESS_REASONS_MAX, each with the fact behind it from x (and, for "sma",
 * `arrears_since` from stress_history_arrears_since as its `since`). A code
 * whose fact does not point to stress (turnover "down" by +5%) is left
 * out: its words would be false. Returns how many were written to r. */
int stress_features_reasons(int32_t arrears_since, const float *x, const float *contrib,
                            struct stress_reason *r);

#endif
