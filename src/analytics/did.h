/* did.h: the matched difference in differences (docs/impact.md §3).
 *
 * Each row's outcome y is its own change: log GST turnover of the year
 * after the disbursal quarter minus that of the year before it. The
 * estimate is the mean, over matched treated rows, of the treated change
 * minus the mean change of its matched controls; a unit's fixed level and
 * the calendar (seasonality, a bad year for everyone) cancel in the two
 * differences. Pure. */
#ifndef SAMANVAY_DID_H
#define SAMANVAY_DID_H

#include <stdbool.h>
#include <stddef.h>

#include "analytics/psm.h"

/* Mean over the matches i with in[i] (in NULL: all) of
 * w[i] x (y[t] - mean of y over its controls), divided by the sum of those
 * w[i] (w NULL: each 1). *used (may be NULL) gets that sum. NAN when it is
 * zero. */
double did_att(const double *y, const struct psm_match *m, size_t n, const int *w, const bool *in,
               long *used);

/* One row's change: after minus before, each a log of annual turnover. */
static inline double did_change(double log_before, double log_after)
{
    return log_after - log_before;
}

#endif
