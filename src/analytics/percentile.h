/* percentile.h: where one value stands among others, and quartiles, as the
 * market insights and sustainability benchmarks publish them.
 *
 * Ties use the mid-rank: a value equal to k of the n others counts half of
 * them as below it, so a group of identical values puts each at the 50th
 * percentile rather than at 0 or 100 (the convention of the "percentile
 * rank" in most statistics texts). Quantiles interpolate linearly between
 * order statistics (Hyndman and Fan type 7, the default of R and numpy). */
#ifndef SAMANVAY_PERCENTILE_H
#define SAMANVAY_PERCENTILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Percentile rank (0..100) of x among v[0..n): 100 * (below + equal / 2) / n.
 * n == 0 gives 50 (no evidence either way; callers withhold it anyway). */
double percentile_rank(const double *v, size_t n, double x);

/* Quantile q (0..1) of v[0..n) sorted ascending; n must be > 0. */
double percentile_quantile(const double *sorted, size_t n, double q);

/* Sort v[0..n) ascending (NaN must not occur). */
void percentile_sort(double *v, size_t n);

struct quartiles {
    int64_t n;            /* values the cell is built from */
    bool suppressed;      /* n below the small-cell threshold: q1..q3 withheld (0) */
    double q1, median, q3;
};

/* The quartiles of v[0..n) (sorted in place), withheld under the
 * small-cell rule (analytics/suppress.h). */
void percentile_quartiles(double *v, size_t n, struct quartiles *out);

#endif
