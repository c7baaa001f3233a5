/* impact.h: the effect of each scheme on its beneficiaries' GST turnover
 * and EPFO employment (issue 8 part 4, docs/impact.md), one outcome at a
 * time through the same machinery: propensity-score matching on
 * pre-scheme covariates (psm.h), a difference in differences of log annual
 * turnover (did.h), a placebo on two pre-periods, and bootstrap intervals
 * (bootstrap.h), by scheme, segment and district. Pure: the panel comes
 * from store_impact.c.
 *
 * Design (a stacked event study): a treated row is a unit whose receipt of
 * the scheme was disbursed in quarter q with GST turnover complete for
 * the IMPACT_WINDOW_Q quarters before q and after it, and no other receipt
 * of any scheme in [q - W, q + W], so no second scheme's effect leaks in.
 * A control row is a unit that never received the scheme, with complete
 * turnover and no receipt in that window, at a quarter q some treated row
 * has. Matching is exact on q, so both sides are measured over the same
 * calendar quarters. The disbursal quarter itself is left out: it mixes
 * months before and after the money. */
#ifndef SAMANVAY_IMPACT_H
#define SAMANVAY_IMPACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/impact_panel.h"
#include "analytics/psm.h"
#include "core/err.h"

#define IMPACT_WINDOW_Q 4            /* quarters before and after: a year each */
#define IMPACT_K 5                   /* controls per treated row */
#define IMPACT_CALIPER_SD 0.2        /* caliper, in SDs of the score (Austin 2011) */
#define IMPACT_HALF_WIDTH_MAX 0.1    /* a wider 95% interval is inconclusive (DESIGN.md §5) */
#define IMPACT_LEVEL 0.95
#define IMPACT_MAX_DRAWS 100000

enum impact_segment { SEG_WOMEN, SEG_SCST, SEG_RURAL, SEG_URBAN, SEG_COUNT };

struct impact_opts {
    int draws;                       /* bootstrap draws; 0: point estimates only */
    uint64_t seed;
};

/* One estimate and its interval. A cell with fewer than
 * SUPPRESS_MIN_ENTERPRISES treated units is suppressed: no numbers. */
struct impact_estimate {
    double est, lo, hi;              /* NAN when not computed */
    long n_treated;
    bool suppressed, inconclusive;
};

struct impact_district {
    char state[4];
    char district[48];
    struct impact_estimate e;
};

struct impact_scheme {
    char id[IMPACT_SCHEME_ID];
    enum impact_outcome outcome;
    const char *not_estimable;       /* why, or NULL */
    long receipts;                   /* receipts of GST-filing enterprises */
    long candidates;                 /* treated rows: clean window, complete turnover */
    long control_rows, control_units;
    struct psm_support support;
    size_t unmatched;                /* treated rows with no control in the caliper */
    long n_treated, n_control;       /* matched treated rows; distinct control units used */
    struct impact_estimate att, pre_trend;
    double naive;                    /* unmatched: treated rows' mean change minus controls' */
    double smd_before[COV_COUNT], smd_after[COV_COUNT];
    struct impact_estimate segment[SEG_COUNT];
    struct impact_district *districts;   /* one per district with matched treated rows */
    size_t n_districts;
};

struct impact_report {
    struct impact_opts opts;
    int q_first, n_q;
    struct impact_scheme *schemes;   /* log turnover, one per scheme */
    int n;
    /* log employment, one per scheme; none (n_employment 0) when the
     * store holds no EPFO return: then employment is not measurable. */
    struct impact_scheme *employment;
    int n_employment;
};

int impact_estimate_all(const struct impact_panel *p, const struct impact_opts *o,
                        struct impact_report *r, struct err *e);
void impact_report_free(struct impact_report *r);
const char *impact_segment_name(enum impact_segment s);
/* Set e.inconclusive and e.suppressed from n_treated and the interval. */
void impact_estimate_judge(struct impact_estimate *e);

#endif
